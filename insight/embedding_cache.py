"""The application's store for heard_text's vector cache (`heard_text.embed_cache`): vectors kept
per answer and per organisation (insight/embedding_models.py)."""

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from django.db import IntegrityError, transaction

from consultations.models import Answer

from .embedding_models import EmbeddingVector

CHUNK = 500  # keys per query (SQLite's limit on parameters)


def text_key(text: str) -> str:
    from heard_text.embed_cache import text_key as key

    return key(text)


class AnswerVectorStore:
    """Vectors of one organisation's answers. `texts` are the answers (id → redacted text) the
    analysis embeds: a vector it makes is stored against every answer with that text."""

    def __init__(self, *, organisation_id: int, texts: Mapping[int, str]) -> None:
        self.organisation_id = organisation_id
        self.answers: dict[str, list[int]] = {}
        for pk, value in texts.items():
            self.answers.setdefault(text_key(value), []).append(pk)

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), CHUNK):
            rows = EmbeddingVector.objects.filter(
                organisation_id=self.organisation_id, model=model, key__in=keys[start : start + CHUNK]
            ).values_list("key", "vector")
            for key, vector in rows:
                found[key] = np.frombuffer(bytes(vector), dtype=np.float32)
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store the vectors; best effort: an answer withdrawn meanwhile is simply skipped."""
        pairs = [(pk, key) for key in vectors for pk in self.answers.get(key, [])]
        for start in range(0, len(pairs), CHUNK):
            self._put(model, pairs[start : start + CHUNK], vectors)

    def _put(self, model: str, pairs: Iterable[tuple[int, str]], vectors: Mapping[str, np.ndarray]) -> None:
        wanted = dict(pairs)
        try:
            with transaction.atomic():
                present = set(Answer.objects.filter(pk__in=wanted).values_list("pk", flat=True))
                EmbeddingVector.objects.filter(answer_id__in=present, model=model).delete()
                EmbeddingVector.objects.bulk_create(
                    EmbeddingVector(
                        answer_id=pk,
                        organisation_id=self.organisation_id,
                        model=model,
                        key=key,
                        vector=np.asarray(vectors[key], dtype=np.float32).tobytes(),
                    )
                    for pk, key in wanted.items()
                    if pk in present
                )
        except IntegrityError:  # an answer went while storing: the cache is only a cache
            return
