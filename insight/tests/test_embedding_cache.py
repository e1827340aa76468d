"""The vector cache: an analysis stores each answer's vector, a re-run embeds nothing twice, a
withdrawal leaves no vector behind and another organisation never reads them; coding reads them
too; the run records the embedding model and shows a time estimate while it runs."""

from datetime import timedelta

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Response, hash_receipt
from consultations.services import response_withdraw
from heard_text.embed_cache import CachedEmbedder, text_key
from insight import coding, pipeline, services, text
from insight.embedding_cache import AnswerVectorStore
from insight.estimates import seconds_left, time_left_text
from insight.models import AnalysisRun, CodedAnswer, EmbeddingVector, RunState
from organisations.tests.factories import OrganisationFactory

from .conftest import ANSWERS

CODE = "QRST-2345-6789"


def test_a_run_keeps_a_vector_per_answer_and_records_its_model(run):
    vectors = EmbeddingVector.objects.filter(answer__question=run.question)
    assert vectors.count() == len(ANSWERS) - 1  # not the empty answer
    row = vectors.first()
    assert row.organisation_id == run.organisation_id and row.model == run.embedder
    assert np.frombuffer(bytes(row.vector), dtype=np.float32).shape == (384,) or run.embedder == "tfidf-lsa"
    assert run.embedder and run.started_at is not None


def test_a_rerun_embeds_nothing_twice(run, analyst, django_capture_on_commit_callbacks, monkeypatch):
    seen: list[CachedEmbedder] = []
    real = CachedEmbedder.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        seen.append(self)

    monkeypatch.setattr(CachedEmbedder, "__init__", spy)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    assert again.state == RunState.DONE
    assert seen and seen[0].misses == 0 and seen[0].hits == len(set(ANSWERS)) - 1
    before = {t.label for t in run.themes.all()}
    assert {t.label for t in again.themes.all()} == before


def test_a_withdrawal_leaves_no_vector_behind(run):
    coded = CodedAnswer.objects.filter(run=run, is_empty_bucket=False).select_related("answer").first()
    answer = coded.answer
    assert EmbeddingVector.objects.filter(answer=answer).exists()
    Response.objects.filter(pk=answer.response_id).update(receipt_hash=hash_receipt(CODE))
    assert response_withdraw(receipt_code=CODE)
    assert not EmbeddingVector.objects.filter(answer_id=answer.pk).exists()
    key = text_key(text.redact(answer.text))
    assert not EmbeddingVector.objects.filter(key=key).exists()


def test_another_organisation_never_reads_the_vectors(run):
    row = EmbeddingVector.objects.filter(answer__question=run.question).first()
    other = OrganisationFactory()
    mine = AnswerVectorStore(organisation_id=run.organisation_id, texts={})
    theirs = AnswerVectorStore(organisation_id=other.pk, texts={})
    assert mine.get_many(row.model, [row.key])
    assert theirs.get_many(row.model, [row.key]) == {}
    assert not EmbeddingVector.objects.visible_to(run.created_by).exists()


@pytest.mark.django_db
def test_the_store_skips_answers_that_went():
    store = AnswerVectorStore(organisation_id=OrganisationFactory().pk, texts={987654: "gone"})
    store.put_many("m", {text_key("gone"): np.ones(4, dtype=np.float32)})
    assert not EmbeddingVector.objects.exists()


def test_progress_is_reported_inside_theme_discovery(question, analyst, monkeypatch):
    run = AnalysisRun.objects.create(question=question, organisation=analyst.organisation, created_by=analyst)
    stored: list[int] = []
    real = pipeline._set_progress

    def spy(run, progress):
        stored.append(progress)
        real(run, progress)

    monkeypatch.setattr(pipeline, "_set_progress", spy)
    pipeline.analysis_run_execute(run_id=run.pk)
    inside = [p for p in stored if 40 < p < 70]
    assert inside, stored
    assert stored == sorted(stored)


@pytest.mark.parametrize(
    ("progress", "elapsed", "expected"),
    [
        (5, 30, None),
        (8, 30, None),
        (50, 90, 100),
        (95, 900, 50),
    ],
)
def test_the_time_estimate_follows_the_pace_so_far(progress, elapsed, expected):
    now = timezone.now()
    assert seconds_left(progress=progress, started_at=now - timedelta(seconds=elapsed), now=now) == expected


def test_the_time_estimate_reads_plainly():
    assert time_left_text(None) == "Working out how long it will take."
    assert time_left_text(20) == "Less than a minute left."
    assert time_left_text(125) == "About 2 minutes left."
    assert time_left_text(3 * 3600) == "About 3 hours left."


def test_the_run_page_shows_the_estimate(client, question, analyst):
    run = AnalysisRun.objects.create(
        question=question,
        organisation=analyst.organisation,
        created_by=analyst,
        state=RunState.RUNNING,
        progress=50,
        started_at=timezone.now() - timedelta(seconds=90),
    )
    client.force_login(analyst)
    page = client.get(reverse("insight:run_detail", args=[run.pk]))
    assert page.status_code == 200, page.status_code
    assert "About 2 minutes left." in page.content.decode()


def test_coding_reads_the_vectors_the_analysis_made_and_keeps_its_own(run, monkeypatch):
    stored = set(EmbeddingVector.objects.filter(answer__question=run.question).values_list("key", flat=True))
    assert stored
    embedded: list[str] = []
    real = CachedEmbedder.__init__

    def spy(self, embedder, store, **kwargs):
        real(self, embedder, store, **kwargs)
        inner = embedder.embed
        monkeypatch.setattr(embedder, "embed", lambda texts: (embedded.extend(texts), inner(texts))[1])

    monkeypatch.setattr(CachedEmbedder, "__init__", spy)
    coding.answers_code(organisation_id=run.organisation_id)
    assert embedded  # the codeframe's descriptions and examples
    assert not stored & {text_key(t) for t in embedded}  # but no answer the analysis embedded
    # the answer the analysis left out (it says nothing) has a vector now, for the next time
    assert EmbeddingVector.objects.filter(answer__question=run.question).count() == len(ANSWERS)


def test_the_retired_models_vectors_are_dropped_and_no_others(run):
    """insight 0013: vectors of the file's own graph quantised are never read again."""
    from importlib import import_module

    from django.apps import apps

    row = EmbeddingVector.objects.filter(answer__question=run.question).first()
    kept = EmbeddingVector.objects.count()
    retired = import_module("insight.migrations.0013_drop_retired_vectors")
    for model in (*retired.RETIRED, "all-MiniLM-L6-v2-int8-onnx"):
        EmbeddingVector.objects.create(
            answer=row.answer, organisation=row.organisation, model=model, key=row.key, vector=row.vector
        )
    retired.drop(apps, None)
    assert not EmbeddingVector.objects.filter(model__in=retired.RETIRED).exists()
    assert EmbeddingVector.objects.count() == kept + 1  # the float model's stays: HEARD_TEXT_INT8=0
