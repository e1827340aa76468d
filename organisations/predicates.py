"""Role and organisation predicates shared by every app's rules."""

import rules
from django.contrib.auth.models import AnonymousUser

from .models import Role, User


@rules.predicate
def is_staff_member(user: "User | AnonymousUser") -> bool:
    """Signed in and belonging to an organisation (or a superuser)."""
    return bool(user.is_authenticated and (user.is_superuser or user.organisation_id))


def has_role(*roles: Role) -> rules.Predicate:
    names = [r.value for r in roles]

    @rules.predicate(name=f"has_role({','.join(names)})")
    def _has_role(user: "User | AnonymousUser") -> bool:
        return bool(user.is_authenticated and (user.is_superuser or user.has_role(*names)))

    return _has_role


def holds_role(*roles: Role) -> rules.Predicate:
    """Like `has_role`, but a superuser only if they hold the role too: for what is need-to-know
    even for the people who run Heard (intelligence flags)."""
    names = [r.value for r in roles]

    @rules.predicate(name=f"holds_role({','.join(names)})")
    def _holds_role(user: "User | AnonymousUser") -> bool:
        return bool(user.is_authenticated and user.has_role(*names))

    return _holds_role


is_admin = has_role(Role.ADMIN)
is_engagement_officer = has_role(Role.ENGAGEMENT_OFFICER)
is_analyst = has_role(Role.ANALYST)
is_intelligence_officer = has_role(Role.INTELLIGENCE_OFFICER)
is_partner_user = has_role(Role.PARTNER_USER)
is_authority_member = has_role(Role.AUTHORITY_MEMBER)

# Who records engagement: the organisation's engagement officers and admins, and partner
# users recording their own organisation's activities.
can_record_engagement = is_engagement_officer | is_admin | is_partner_user

# Two-factor sign-in (organisations/two_factor.py) is required, when HEARD_REQUIRE_TWO_FACTOR is
# on, of whoever reads residents' words as written, intelligence flags or personal community
# contacts in their daily work: admins, engagement officers, analysts, intelligence officers and
# partner users (who record their own organisation's engagement and keep its contacts), and
# superusers (the admin site reaches everything). Authority members read boards, decisions and
# reports, and people without a role nothing: for them it is optional.
SENSITIVE_RECORD_ROLES = (
    Role.ADMIN,
    Role.ENGAGEMENT_OFFICER,
    Role.ANALYST,
    Role.INTELLIGENCE_OFFICER,
    Role.PARTNER_USER,
)


@rules.predicate
def handles_sensitive_records(user: "User | AnonymousUser") -> bool:
    if not user.is_authenticated:
        return False
    return bool(user.is_superuser or user.is_staff or user.has_role(*SENSITIVE_RECORD_ROLES))
