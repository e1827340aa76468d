"""The language a response was written in: kept with it (online from the visitor's language,
typed-in and imported from staff's choice or a column of the file), and the results filtered
by it with counts, equality totals still those of every response (issue 12, section 2)."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.answers import clean_answers
from consultations.imports import LANGUAGE, ImportRejected, read_table, responses_import, suggest_mapping
from consultations.models import Response
from consultations.results import ResultFilters, language_counts
from consultations.selectors import questionnaire_results
from consultations.services import response_enter, response_submit
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, FormClient, Respondent
from engagement.access import normalise_language


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _yes(questionnaire):
    first = questionnaire.questions.order_by("position").first()
    yes = first.choices.get(label="Yes")
    return clean_answers(questionnaire, {first.pk: [str(yes.pk)]})


def _submit(questionnaire, language, equality=None):
    response, _ = response_submit(
        questionnaire=questionnaire,
        cleaned=_yes(questionnaire),
        language=language,
        equality=equality,
        submitted_at=timezone.now() - timedelta(hours=1),
    )
    return response


def test_django_language_codes_become_listed_ones():
    assert normalise_language("en-gb") == "en"
    assert normalise_language("ur") == "ur"
    assert normalise_language("pa-Guru") == "pa"
    assert normalise_language("xx") == "en" and normalise_language(None) == "en"


def test_an_online_response_keeps_the_language_it_was_answered_in(consultation):
    in_urdu = Respondent(FormClient(), consultation)
    in_urdu.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ur"
    in_urdu.start()
    in_urdu.answer_all(FULL_ANSWERS)
    assert in_urdu.send().status_code == 200
    in_english = Respondent(FormClient(), consultation)
    in_english.start()
    in_english.answer_all(FULL_ANSWERS)
    assert in_english.send().status_code == 200
    assert sorted(Response.objects.values_list("language", flat=True)) == ["en", "ur"]


def test_typed_in_responses_take_staff_choice_and_refuse_unknown_codes(consultation, officer):
    response, _ = response_enter(
        user=officer, questionnaire=consultation, cleaned=_yes(consultation), channel="paper", language="so"
    )
    assert response.language == "so"
    with pytest.raises(ValidationError) as refused:
        response_enter(
            user=officer,
            questionnaire=consultation,
            cleaned=_yes(consultation),
            channel="paper",
            language="xx",
        )
    assert "language" in refused.value.message_dict
    assert Response.objects.count() == 1


def test_the_paper_form_keeps_its_language_for_the_next_response(client, consultation):
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    first = consultation.questions.order_by("position").first()
    data = {"channel": "paper", "language": "pl", f"q{first.pk}": str(first.choices.get(label="Yes").pk)}
    data["another"] = "1"
    saved = client.post(url, data)
    assert saved.status_code == 302 and "language=pl" in saved["Location"]
    assert Response.objects.get().language == "pl"
    assert client.post(url, {**data, "language": "klingon"}).status_code == 400
    assert Response.objects.count() == 1


def test_imports_read_a_language_column_or_take_the_forms_choice(consultation, officer):
    table = read_table(b"Do you feel safe after dark?,Language\nYes,Urdu\nNo,pl\nYes,\n", name="paper.csv")
    mapping = suggest_mapping(consultation, list(consultation.questions.all()), table.headers)
    assert mapping[1] == LANGUAGE
    responses_import(
        user=officer, questionnaire=consultation, table=table, mapping=mapping, channel="paper", language="cy"
    )
    assert sorted(Response.objects.values_list("language", flat=True)) == ["cy", "pl", "ur"]
    bad = read_table(b"Do you feel safe after dark?,Language\nYes,Elvish\n", name="bad.csv")
    with pytest.raises(ImportRejected) as rejected:
        responses_import(
            user=officer, questionnaire=consultation, table=bad, mapping=mapping, channel="paper"
        )
    assert "Elvish" in str(rejected.value.errors[0].problems)
    with pytest.raises(ValidationError):
        responses_import(
            user=officer,
            questionnaire=consultation,
            table=table,
            mapping=mapping,
            channel="paper",
            language="zz",
        )
    assert Response.objects.count() == 3


FORMS = [("Female", "25-34")] * 6 + [("Male", "25-34")] * 2


def _answered_in_two_languages(questionnaire):
    for i, (sex, age) in enumerate(FORMS):
        _submit(questionnaire, "ur" if i >= 6 else "en", equality={"sex": sex, "age_band": age})


def test_results_filter_by_language_with_counts_and_whole_equality_totals(consultation, officer):
    _answered_in_two_languages(consultation)
    everyone = questionnaire_results(user=officer, questionnaire=consultation, filters=ResultFilters())
    in_urdu = questionnaire_results(
        user=officer, questionnaire=consultation, filters=ResultFilters(language="ur")
    )
    assert everyone.by_language == {"en": 6, "ur": 2}
    assert in_urdu.responses == 2 and in_urdu.by_language == {"ur": 2}
    assert in_urdu.questions[0].answered == 2
    assert "language Urdu" in in_urdu.filters.describe()
    # Narrowing to the two Urdu responses never narrows the equality tables: they stay the totals
    # of all 8, with the 2 "Male" hidden as ever, so the filter cannot single those two out.
    assert in_urdu.equality == everyone.equality and in_urdu.equality.total == 8
    sex = next(t for t in in_urdu.equality.tables if t.field == "sex")
    assert [c.shown for c in sex.cells if c.label == "Male"] == ["not shown"]
    assert [(c.value, c.count) for c in language_counts(Response.objects.all())] == [("en", 6), ("ur", 2)]


def test_results_page_and_exports_filter_by_language(client, consultation):
    _answered_in_two_languages(consultation)
    url = reverse("consultations:results", kwargs={"pk": consultation.pk})
    page = client.get(url).content.decode()
    assert "By language answered in: English 6, Urdu 2." in page
    assert "Urdu (2)</option>" in page and "Somali (Soomaali)</option>" in page
    filtered = client.get(url, {"language": "ur"}).content.decode()
    assert "2 of 8 responses match the filters (language Urdu)" in filtered
    refused = client.get(url, {"language": "xx"})
    assert refused.status_code == 400 and "Choose a language from the list." in refused.content.decode()
    export = reverse(
        "consultations:results_export",
        kwargs={"pk": consultation.pk, "part": "responses", "file_format": "csv"},
    )
    got = client.get(export, {"language": "ur"})
    body = b"".join(got.streaming_content) if got.streaming else got.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][2] == "Language" and [r[2] for r in rows[1:]] == ["Urdu", "Urdu"]


@pytest.mark.parametrize("language", ["pl", "zz"])
def test_api_writes_and_filters_by_language(client, consultation, language):
    first = consultation.questions.order_by("position").first()
    created = client.post(
        f"/api/questionnaires/{consultation.pk}/responses",
        {"channel": "paper", "language": language, "answers": {first.pk: first.choices.get(label="Yes").pk}},
        content_type="application/json",
    )
    if language == "zz":
        assert created.status_code == 422 and "language" in created.content.decode()
        assert not Response.objects.exists()
        assert client.get(f"/api/questionnaires/{consultation.pk}/results?language=zz").status_code == 422
        return
    assert created.status_code == 201 and Response.objects.get().language == "pl"
    assert client.get(f"/api/responses/{created.json()['id']}").json()["language"] == "pl"
    _submit(consultation, "en")
    results = client.get(f"/api/questionnaires/{consultation.pk}/results?language=pl").json()
    assert results["responses"] == 1 and results["by_language"] == {"pl": 1}
