"""The demo's API tokens (issue 11 "Governance and hardening"): the engagement officer's
"Your API tokens" page shows one token in use by Trafford Council's case system, one that
expired and one revoked after it was rotated. Made and revoked through the same services as
the page, so each is in the audit log; the keys are never shown (nobody needs them)."""

from datetime import timedelta

from django.utils import timezone

from organisations.models import ApiToken, User
from organisations.tokens import api_token_create, api_token_rotate

IN_USE = "Trafford Council case system"
EXPIRED = "Ward survey spreadsheet import"


def demo_load_tokens(*, officer: User) -> int:
    """The officer's tokens, made once. Returns how many were made now."""
    if ApiToken.objects.filter(user=officer, name__in=[IN_USE, EXPIRED]).exists():
        return 0
    now = timezone.now()
    old, _ = api_token_create(user=officer, name=IN_USE, days=90)
    ApiToken.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=60))
    old.refresh_from_db()
    current, _ = api_token_rotate(user=officer, token=old)
    ApiToken.objects.filter(pk=current.pk).update(last_used_at=now - timedelta(hours=3))
    expired, _ = api_token_create(user=officer, name=EXPIRED, days=30)
    ApiToken.objects.filter(pk=expired.pk).update(
        created_at=now - timedelta(days=45),
        expires_at=now - timedelta(days=15),
        last_used_at=now - timedelta(days=16),
    )
    return 3
