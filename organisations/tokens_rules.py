"""Who may do what with API tokens: a member of staff makes and rotates their own; a token is
revoked by its owner or by a superuser (who may find a leaked one in the admin)."""

from typing import Any

import rules

from .models import ApiToken
from .predicates import is_staff_member


@rules.predicate
def owns_token(user: Any, token: ApiToken | None) -> bool:
    return token is not None and user.is_authenticated and token.user_id == user.pk


@rules.predicate
def is_superuser(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_superuser)


rules.add_perm("organisations.add_apitoken", is_staff_member)
rules.add_perm("organisations.rotate_apitoken", is_staff_member & owns_token)
rules.add_perm("organisations.revoke_apitoken", owns_token | is_superuser)
