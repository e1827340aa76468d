"""Who may reset a colleague's two-factor sign-in: an admin of the colleague's own organisation
(superusers anyone; `has_perm` says yes to them). Nobody resets their own here: they use the
Two-factor sign-in page, which asks for their password."""

from typing import Any

import rules

from .predicates import is_admin, is_staff_member


@rules.predicate
def colleague_of(user: Any, colleague: Any) -> bool:
    """`colleague` is someone else of the user's organisation (None: the list of them)."""
    if colleague is None:
        return True
    if colleague.pk == user.pk or colleague.is_superuser:
        return False
    return bool(user.organisation_id and colleague.organisation_id == user.organisation_id)


rules.add_perm("organisations.reset_two_factor", is_staff_member & is_admin & colleague_of)
