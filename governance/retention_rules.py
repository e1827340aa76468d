"""Who reviews retention and handles subject requests: an organisation's admins, for their own
organisation's records; superusers too, for the organisation they belong to (the review shows
a superuser of no organisation nothing: retention_queue.py), and handle subject requests only for
an organisation they belong to. No new role: admins already
manage their organisation's users and settings, and these are the same kind of duty (the
organisation is the data controller). Written on the user's duck type (`has_role`,
`organisation_id`): governance cannot import organisations. Also the lifecycles of retention
decisions and subject requests, with a rule per move."""

from typing import Any

import rules

from core.lifecycle import Lifecycle

from .retention_models import DecisionState, RetentionDecision
from .subject_models import RequestKind, RequestState, SubjectRequest


@rules.predicate
def is_records_admin(user: Any) -> bool:
    """An admin of an organisation, or a superuser."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    has_role = getattr(user, "has_role", None)
    return bool(getattr(user, "organisation_id", None) and has_role is not None and has_role("admin"))


@rules.predicate
def is_organisation_admin(user: Any) -> bool:
    """An admin (or a superuser) who belongs to an organisation: a subject request shows the
    person's own words as written, which only their organisation reads, so a superuser of no
    organisation does not handle them."""
    return bool(is_records_admin.test(user) and getattr(user, "organisation_id", None))


@rules.predicate
def handles_request(user: Any, request: SubjectRequest | None) -> bool:
    if request is None:
        return True
    return request.organisation_id is not None and request.organisation_id == getattr(
        user, "organisation_id", None
    )


@rules.predicate
def is_erasure(user: Any, request: SubjectRequest) -> bool:
    return bool(request.kind == RequestKind.ERASURE)


may_handle = is_organisation_admin & handles_request


def can_handle(user: Any, request: SubjectRequest | None = None) -> bool:
    """The rule itself: `has_perm` says yes to every superuser, and a superuser of no
    organisation does not handle requests."""
    return bool(may_handle.test(user, request))


rules.add_perm("governance.review_retention", is_records_admin)
rules.add_perm("governance.handle_subject_request", may_handle)

DECISION: Lifecycle[RetentionDecision] = Lifecycle(
    model=RetentionDecision,
    states=DecisionState,
    moves={
        DecisionState.PENDING: frozenset({DecisionState.CARRIED_OUT, DecisionState.FAILED}),
        DecisionState.FAILED: frozenset({DecisionState.PENDING}),
        DecisionState.CARRIED_OUT: frozenset(),
    },
    rules={DecisionState.PENDING: is_records_admin},
    noun="retention decision",
)

SUBJECT_REQUEST: Lifecycle[SubjectRequest] = Lifecycle(
    model=SubjectRequest,
    states=RequestState,
    moves={
        RequestState.RECEIVED: frozenset({RequestState.SEARCHED, RequestState.CLOSED}),
        RequestState.SEARCHED: frozenset({RequestState.EXPORTED, RequestState.ERASED, RequestState.CLOSED}),
        RequestState.EXPORTED: frozenset({RequestState.ERASED, RequestState.CLOSED}),
        RequestState.ERASED: frozenset({RequestState.CLOSED}),
        RequestState.CLOSED: frozenset(),
    },
    rules={
        RequestState.SEARCHED: may_handle,
        RequestState.EXPORTED: may_handle,
        RequestState.ERASED: may_handle & is_erasure,
        RequestState.CLOSED: may_handle,
    },
    state_field="state",
    noun="request",
)
