"""Stopping the e-mail updates a respondent asked for, with one click (RFC 8058).

Each update e-mail carries a link with a signed token naming the responses it was about (the
responses of one address to one activity). Following it, or a mail program's one-click
unsubscribe (a POST to the same link), clears the address from those responses and from every
other response that holds the same address, and stops updates: the address was kept only to
send them. The token holds response ids, never the address; it does not expire (an old e-mail's
link must still work), and a token for responses that are gone (withdrawn, or already
unsubscribed) is accepted and does nothing, so that the link reveals nothing about them.
"""

from collections.abc import Sequence

from django.core import signing
from django.db import transaction
from django.db.models import Q

from governance.models import AuditAction
from governance.services import audit_record

from .models import Response

SALT = "consultations.updates.unsubscribe"


class BadToken(Exception):
    """The link was not made by Heard (or was changed)."""


def unsubscribe_token(response_ids: Sequence[int]) -> str:
    return signing.dumps(sorted(set(response_ids)), salt=SALT, compress=True)


def token_responses(token: str) -> list[int]:
    """The response ids a token names, or BadToken."""
    try:
        ids = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise BadToken from error
    if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
        raise BadToken
    return ids


@transaction.atomic
def updates_unsubscribe(*, token: str) -> int:
    """Clear the address of the responses the token names, and of every other response with
    that address. Returns how many responses changed (0 when they had none left)."""
    ids = token_responses(token)
    named = Response.objects.select_for_update().filter(pk__in=ids).exclude(email="")
    addresses = {r.email.strip().lower() for r in named}
    if not addresses:
        return 0
    same = Q()
    for address in addresses:
        same |= Q(email__iexact=address)
    changed = Response.objects.filter(Q(pk__in=ids) | same).update(email="", wants_updates=False)
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="consultations.response",
        object_repr="Responses whose author stopped e-mail updates",
        changes={"stopped updates": changed},
    )
    return changed
