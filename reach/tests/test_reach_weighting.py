"""A questionnaire's results weighted to the population of its activity's areas: raking on the
equality dimensions answered, capped weights, the effective sample size, beside the unweighted
figures, with a sentence saying how the respondents differ; small groups never weighted alone."""

import pytest
from django.test import Client
from django.urls import reverse

from consultations.answers import clean_answers
from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish, response_enter
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from reach.weighting import _collapse_ordered, _collapse_unordered

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in


@pytest.fixture
def survey(officer, ward, police):
    """60 respondents, older and more often men than Altrincham: the older people say No."""
    activity = activity_in(ward, police, status="open")
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Feeling safe",
        questions=[
            QuestionInput(kind="single", text="Do you feel safe?", required=True, choices=["Yes", "No"]),
            QuestionInput(kind="text", text="Why?"),
        ],
    )
    questionnaire = questionnaire_publish(user=officer, questionnaire=questionnaire)
    question = questionnaire.questions.get(kind="single")
    yes, no = question.choices.order_by("position")
    plan = (
        [("65-74", "Male", no)] * 28
        + [("65-74", "Female", no)] * 2
        + [("35-44", "Male", yes)] * 12
        + [("35-44", "Female", yes)] * 8
        + [("16-24", "Male", yes)] * 6
        + [("16-24", "Female", yes)] * 4
    )
    for age, sex, choice in plan:
        cleaned = clean_answers(questionnaire, {question.pk: [str(choice.pk)]})
        response_enter(
            user=officer,
            questionnaire=questionnaire,
            cleaned=cleaned,
            channel="paper",
            equality={"age_band": age, "sex": sex},
        )
    return questionnaire


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_weighted_results_move_towards_the_population(officer, survey):
    page = _client(officer).get(reverse("reach:weighted_results", kwargs={"pk": survey.pk}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Respondents were older and more often men than the people of Altrincham." in body
    assert "Effective sample size" in body
    data = (
        _client(officer)
        .get(reverse("api:get_weighted_results", kwargs={"questionnaire_id": survey.pk}))
        .json()
    )
    assert data["weighted"] and data["responses"] == 60 and data["cap"] == 5
    options = {o["label"]: o for o in data["questions"][0]["options"]}
    assert options["No"]["percent"] == 50.0 and options["No"]["count"] == 30
    assert options["No"]["weighted_percent"] < 35  # people aged 65-74 are 10% of the ward, not half
    assert options["Yes"]["weighted_percent"] + options["No"]["weighted_percent"] == pytest.approx(
        100, abs=0.2
    )
    assert 0 < data["effective_sample_size"] < 60
    margins = {m["dimension"]: m for m in data["margins"]}
    assert set(margins) == {"age", "sex"}
    assert "Aged under 16" in margins["age"]["nobody"]  # cannot be represented by weighting
    assert data["questions"][1]["options"] == []  # written answers are not weighted


def test_the_results_page_links_to_the_weighted_results(officer, survey):
    page = _client(officer).get(reverse("consultations:results", kwargs={"pk": survey.pk}))
    assert reverse("reach:weighted_results", kwargs={"pk": survey.pk}).encode() in page.content


def test_too_few_respondents_are_not_weighted(officer, ward, police):
    activity = activity_in(ward, police)
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Tiny",
        questions=[QuestionInput(kind="single", text="Q?", choices=["A", "B"])],
    )
    data = (
        _client(officer)
        .get(reverse("api:get_weighted_results", kwargs={"questionnaire_id": questionnaire.pk}))
        .json()
    )
    assert not data["weighted"] and "Fewer than 10 people have responded" in data["reason"]


def test_small_groups_are_merged_before_weighting():
    counts = {"16-24": 3, "25-34": 12, "35-44": 4, "45-54": 20, "55-64": 0}
    groups = _collapse_ordered(counts, list(counts), minimum=10)
    # 3 joins its neighbour, then 4 joins the smaller of its two; the empty band is left out
    assert list(groups.values()) == [["16-24", "25-34", "35-44"], ["45-54"]]
    groups, alone = _collapse_unordered(
        {"White": 40, "Asian": 6, "Black": 5, "Other": 2}, ["White", "Asian", "Black", "Other"], 10
    )
    assert list(groups.values()) == [["White"], ["Asian", "Black", "Other"]] and alone == []
    groups, alone = _collapse_unordered({"White": 40, "Asian": 3}, ["White", "Asian"], 10)
    assert list(groups.values()) == [["White"]] and alone == ["Asian"]


def test_outsiders_cannot_open_another_organisations_weighted_results(survey, council):
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    url = reverse("reach:weighted_results", kwargs={"pk": survey.pk})
    assert _client(outsider).get(url).status_code == 404
    api = reverse("api:get_weighted_results", kwargs={"questionnaire_id": survey.pk})
    assert _client(outsider).get(api).status_code == 404
    DataSharingAgreementFactory(owner=survey.activity.lead_organisation, recipient=council)
    assert _client(outsider).get(url).status_code == 200
