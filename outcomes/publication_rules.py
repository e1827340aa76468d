"""Who may make and download publication-scheme bundles (imported by hooks_publication.py, so that
the permissions exist once the app is ready).

A bundle is what the force or the police authority publishes under its Freedom of Information
Act publication scheme, so it is made by their administrators and analysts: the people who
answer for what the organisation publishes. A made bundle is downloaded by the staff of the
organisation that made it who may make one (it holds what its maker could see), and by
superusers."""

import rules
from django.contrib.auth.models import AnonymousUser

from organisations.models import Sector, User
from organisations.predicates import is_admin, is_analyst, is_staff_member

from .models import PublicationBundle

Reader = User | AnonymousUser
PUBLISHERS = (Sector.POLICE, Sector.POLICE_AUTHORITY)


@rules.predicate
def in_police_or_authority(user: Reader) -> bool:
    """A member of a police force or a police authority / PCC's office."""
    if not isinstance(user, User) or user.organisation_id is None:
        return False
    return user.organisation is not None and user.organisation.sector in PUBLISHERS


@rules.predicate
def in_bundle_organisation(user: Reader, bundle: PublicationBundle | None) -> bool:
    if bundle is None:
        return True
    if not isinstance(user, User):
        return False
    return bool(
        user.is_superuser or (user.organisation_id and user.organisation_id == bundle.organisation_id)
    )


may_publish = is_staff_member & (is_admin | is_analyst) & in_police_or_authority

rules.add_perm("outcomes.add_publication_bundle", may_publish)
rules.add_perm("outcomes.view_publication_bundles", may_publish | rules.is_superuser)
rules.add_perm(
    "outcomes.view_publication_bundle", (may_publish | rules.is_superuser) & in_bundle_organisation
)
