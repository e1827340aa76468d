"""Shared fixtures and a small driver for the public answering journey (no tests here).

Import the fixtures into a test module with
``from consultations.tests.test_public_helpers import *  # noqa: F403``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from consultations.integrity import BROWSER_COOKIE, browser_token
from consultations.models import Question, Questionnaire

__all__ = [
    "FormClient",
    "Respondent",
    "choice_id",
    "clear_rate_limits",
    "no_min_fill_time",
    "questions_of",
    "reference_rows",
    "respondent",
]


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """Rate-limit counters live in the (local memory) cache: start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_min_fill_time(settings):
    """Tests answer in milliseconds; the minimum fill time has its own tests."""
    settings.HEARD_MIN_FILL_SECONDS = 0


class FormClient(Client):
    """A test client that sends forms the way browsers send these pages' forms:
    application/x-www-form-urlencoded (the pages accept nothing else)."""

    def post(self, path, data=None, content_type=None, **extra):  # type: ignore[override]
        if content_type is None:
            content_type = "application/x-www-form-urlencoded"
            data = urlencode(data or {}, doseq=True)
        return super().post(path, data, content_type=content_type, **extra)


@pytest.fixture
def reference_rows(transactional_db):
    """For transactional tests: the reference row the factories use (the "Public meeting"
    method from a data migration). In a mixed run an earlier transactional test flushes the
    database and the serialized copy is not always put back (see public/tests/test_browser.py)."""
    from engagement.models import Method, Purpose

    Method.objects.get_or_create(
        slug="public-meeting", defaults={"name": "Public meeting", "purpose": Purpose.FORUMS_FOR_DEBATE}
    )


def questions_of(questionnaire: Questionnaire) -> list[Question]:
    return list(questionnaire.questions.prefetch_related("choices").order_by("position", "id"))


def choice_id(question: Question, label: str) -> str:
    return str(next(c.pk for c in question.choices.all() if c.label == label))


class Respondent:
    """A resident's browser answering one questionnaire through the public pages."""

    def __init__(self, client: Client, questionnaire: Questionnaire) -> None:
        self.client = client
        self.questionnaire = questionnaire
        self.questions = questions_of(questionnaire)

    def url(self, name: str, **kwargs: Any) -> str:
        return reverse(f"consult:{name}", kwargs={"pk": self.questionnaire.pk, **kwargs})

    def question_url(self, number: int) -> str:
        return self.url("question", number=number)

    @property
    def token(self) -> str | None:
        """The browser token inside the signed cookie."""
        cookie = self.client.cookies.get(BROWSER_COOKIE)
        if not cookie:
            return None
        request = HttpRequest()
        request.COOKIES[BROWSER_COOKIE] = cookie.value
        return browser_token(request)

    def start(self):
        page = self.client.get(self.url("start"))
        assert page.status_code == 200, page.status_code
        return self.client.post(self.url("start"))

    def form_data(self, number: int, answer: Any) -> dict[str, Any]:
        """Form data for question `number` (1-based) from choice labels or text."""
        question = self.questions[number - 1]
        data: dict[str, Any] = {"question": str(question.pk)}
        labels = {c.label: str(c.pk) for c in question.choices.all()}
        if question.kind == "ranking":
            for i, label in enumerate(answer or []):
                data[f"rank_{i + 1}"] = labels.get(label, label)
        elif isinstance(answer, list):
            data["answer"] = [labels.get(v, v) for v in answer]
        elif answer is not None:
            data["answer"] = labels.get(answer, answer)
        return data

    def answer(self, number: int, answer: Any, *, change: bool = False):
        url = self.question_url(number) + ("?change=1" if change else "")
        return self.client.post(url, self.form_data(number, answer))

    def answer_all(self, answers: dict[int, Any]):
        """Answer the given questions in order; the last response (a redirect)."""
        response = None
        for number, value in answers.items():
            response = self.answer(number, value)
            assert response.status_code == 302, (number, response.status_code, response.content[:2000])
        return response

    def send(self, **extra: Any):
        page = self.client.get(self.url("send"))
        assert page.status_code == 200, (page.status_code, page.get("Location"))
        data = {"digest": page.context["form"]["digest"].value(), **extra}
        return self.client.post(self.url("send"), data)


# The conftest consultation answered in full, by question number.
FULL_ANSWERS: dict[int, Any] = {
    1: "No",
    2: "The alley by the station is dark",
    3: ["Speeding", "ASB"],
    4: "Agree",
    5: ["Litter", "Drugs"],
    6: "m33 5ab",
}


@pytest.fixture
def respondent(consultation) -> Respondent:
    return Respondent(FormClient(), consultation)
