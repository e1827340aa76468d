"""Signing in's part of the URL walks (heard/tests/walks.py): single sign-on, two-factor sign-in
and password reset. None of these pages names a record of any organisation, and none shows
residents' words: they are about the person signing in."""

from typing import Any

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "signin:oidc_start": {},
    "signin:oidc_callback": {},
    "signin:two_factor": {},
    "signin:two_factor_setup": {},
    "signin:recovery_codes": {},
    "signin:two_factor_remove": {},
    "signin:verify": {},
    "signin:password_reset": {},
    "signin:password_reset_done": {},
    "signin:password_reset_complete": {},
}
UNSCOPED_OBJECT_URLS = {
    "signin:password_reset_confirm": "names an account only to whoever holds its signed, one-hour token",
}
# Reached before signing in.
PUBLIC_URLS = {
    "signin:oidc_start",
    "signin:oidc_callback",
    "signin:password_reset",
    "signin:password_reset_done",
    "signin:password_reset_confirm",
    "signin:password_reset_complete",
}
OTHER_GETS = {
    **{name: (lambda s: {}) for name in COLLECTION_URLS},
    "signin:password_reset_confirm": lambda s: {"uidb64": "MQ", "token": "not-a-token"},
}
