"""What each translation of staff-written text was made from (README "Translating what staff write")."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class TranslationSource(models.Model):
    """The English a translation was made from, as a fingerprint: when the English changes
    afterwards, the translation is shown to staff as possibly out of date."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=60)
    language = models.CharField(max_length=12)
    source_digest = models.CharField(max_length=64)
    translated_at = models.DateTimeField(default=timezone.now)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="one_source_per_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field} ({self.language})"
