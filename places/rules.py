"""Who may manage reference data (Census tables, boundaries, postcodes): the people who run
Heard, superusers. Areas and population counts are shared by every organisation, so no
organisation's role may change them. Places cannot import organisations' predicates; the user
is asked directly."""

from typing import Any

import rules

from .import_models import manages_reference_data


@rules.predicate
def may_import_reference_data(user: Any) -> bool:
    return manages_reference_data(user)


rules.add_perm("places.import_reference_data", may_import_reference_data)
