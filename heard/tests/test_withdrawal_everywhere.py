"""A withdrawal leaves no copy anywhere. A response whose answer fed an analysis run (where it is
a quote of a theme the analyst reviewed, and an intelligence flag), a neighbourhood priority
made from that theme, a re-run, an export and the public pages, and whose author asked for
e-mail updates, is withdrawn with its receipt code; then every row of every table, and every
entry of the caches, is searched for its words and its e-mail address."""

import pickle
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from consultations.models import (
    Answer,
    Response,
    hash_receipt,
)
from consultations.services import response_withdraw
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from core import page_cache
from core.tests.helpers import content
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from insight import services, themes
from insight.models import CodedAnswer, IntelligenceFlag
from insight.priorities import priority_create_from_theme
from insight.tests.conftest import add_answer
from organisations.models import Role
from organisations.tests.factories import UserFactory

CODE = "ZQWX-7K3M-9PLT"
WORDS = "Zebedee Quiggleworth deals from the garage at 9 Larch Close every night, his number is 07700 900456"
EMAIL = "zebedee.reader@example.net"
SEARCHED = [WORDS, "Quiggleworth", "Larch Close", "07700 900456", EMAIL]
OTHERS = [
    "Drug dealing from a garage on the estate at night",
    "People dealing drugs near the garages every evening",
    "Speeding cars outside the school every morning",
    "Drivers go far too fast past the school gates",
]


def _every_row() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for model in apps.get_models(include_auto_created=True):
        manager = model._base_manager
        rows += [(model._meta.label, row) for row in manager.values()]
    return rows


def _in_caches() -> list[str]:
    found = []
    for alias in ("default",):
        store = getattr(caches[alias], "_cache", {})
        for key, value in store.items():
            raw = value if isinstance(value, bytes) else pickle.dumps(value)
            found += [f"cache {key}: {s}" for s in SEARCHED if s.encode() in raw]
    for key, entry in page_cache.local_pages.entries.items():
        raw = pickle.dumps(entry)
        found += [f"page {key}: {s}" for s in SEARCHED if s.encode() in raw]
    return found


@pytest.fixture
def fed(police, ward_with_police, django_capture_on_commit_callbacks):
    """The response and everything fed from it."""
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    activity = ActivityFactory(
        lead_organisation=police, status=Status.OPEN, is_published=True, areas=[ward_with_police]
    )
    questionnaire = QuestionnaireFactory(activity=activity, title="Safer estates")
    question = QuestionFactory(questionnaire=questionnaire)
    for text in OTHERS:
        add_answer(question, text)
    answer = add_answer(question, WORDS)
    Response.objects.filter(pk=answer.response_id).update(
        receipt_hash=hash_receipt(CODE), email=EMAIL, wants_updates=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create(user=analyst, question=question)
    coded = CodedAnswer.objects.get(run=run, answer=answer)
    theme = coded.theme or run.themes.first()
    CodedAnswer.objects.filter(theme=theme).update(quote_position=None)
    CodedAnswer.objects.filter(pk=coded.pk).update(theme=theme, quote_position=0)
    themes.theme_set_reviewed(user=analyst, theme=theme)
    IntelligenceFlag.objects.get_or_create(answer=answer, defaults={"organisation": police, "score": 0.8})
    priority_create_from_theme(
        user=analyst, theme=theme, area=ward_with_police, quarter="2026-Q4", rank=1, is_public=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.analysis_run_create(user=analyst, question=question)  # a re-run carries the reviewed theme
    client = Client()
    client.force_login(analyst)
    export = client.get(
        reverse(
            "consultations:results_export",
            kwargs={"pk": questionnaire.pk, "part": "responses", "file_format": "csv"},
        )
    )
    assert WORDS.encode() in content(export)
    Client().get(reverse("public:area_detail", kwargs={"code": ward_with_police.code}))  # into the page cache
    return {"answer": answer, "run": run}


@pytest.fixture
def ward_with_police(police):
    from places.tests.factories import AreaFactory

    ward = AreaFactory(code="E05000825", name="Broadheath")
    police.areas.add(ward)
    return ward


def test_before_the_withdrawal_the_words_are_there(fed):
    """The search below does find them: it is not looking in the wrong places."""
    found = {label for label, row in _every_row() if any(s in str(row) for s in SEARCHED)}
    assert {"consultations.Answer", "consultations.Response"} <= found
    assert CodedAnswer.objects.filter(answer=fed["answer"]).count() == 2


def test_a_withdrawal_leaves_no_copy_anywhere(fed):
    assert response_withdraw(receipt_code=CODE)
    left = [f"{label}: {needle}" for label, row in _every_row() for needle in SEARCHED if needle in str(row)]
    assert not left, f"still held after the withdrawal: {left}"
    assert not _in_caches()
    assert not Answer.objects.filter(pk=fed["answer"].pk).exists()
    assert not CodedAnswer.objects.filter(answer_id=fed["answer"].pk).exists()
    for run in (fed["run"],):
        for theme in run.themes.all():
            assert theme.size == theme.coded.count()
