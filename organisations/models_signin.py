"""Which account of a force's identity provider is which Heard user (organisations/oidc.py).

Kept apart from the user's e-mail address and username: those can change or be reused at the
provider, while the pair (issuer, subject) names one person for good (OpenID Connect Core 1.0,
section 5.7), so a single sign-on can never land in somebody else's account. Kept beside
organisations/models.py, which imports it (so it names the user model by its setting)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SignInIdentity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_identities"
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    first_seen = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sign_in_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.issuer}"
