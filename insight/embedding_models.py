"""Sentence vectors of answers, kept so that a re-run or a re-analysis embeds nothing twice.

A vector is derived from what a resident wrote, so it is held like the answer: one row per answer
(deleted with it when the response is withdrawn, erased or reaches its retention date, by the
foreign key), read only for analyses of the organisation that made it, and never shown.
"""

from typing import Self

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from consultations.models import Answer
from organisations.models import Organisation, User


class EmbeddingVectorQuerySet(models.QuerySet["EmbeddingVector"]):
    def visible_to(self, user: "User | AnonymousUser") -> Self:
        """Nobody: the vectors are read by the analysis itself, never on a page or in the API."""
        return self.none()


class EmbeddingVector(models.Model):
    """The vector one embedding model gave an answer's redacted text (float32 bytes)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    model = models.CharField(
        max_length=64, help_text=gettext_lazy("The embedding model, e.g. all-MiniLM-L6-v2-int8-onnx.")
    )
    key = models.CharField(max_length=64, help_text=gettext_lazy("SHA-256 of the normalised redacted text."))
    vector = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = EmbeddingVectorQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "model"], name="embedding_vector_once_per_model")
        ]
        indexes = [models.Index(fields=["organisation", "model", "key"], name="embedding_vector_lookup")]

    def __str__(self) -> str:
        return f"Vector of answer {self.answer_id} ({self.model})"
