"""Each user's claims come from the provider's configuration (`users[username]["claims"]`), as
a force's directory would give them: organisation, roles, and how they authenticated (`amr`)."""

from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):  # type: ignore[misc]
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "heard_organisation": "openid",
        "heard_roles": "openid",
        "amr": "openid",
    }

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        claims = dict(settings.CONFIG["users"][user.username]["claims"])
        return {"preferred_username": user.username, "email": user.email, **claims}
