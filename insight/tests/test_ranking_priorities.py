"""Priorities drawn from a ranking question: the order, the refusals, replacing, the page."""

from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from consultations.models import Question
from governance.models import AuditAction, AuditEvent
from insight import priorities
from insight.models import Priority, PrioritySource
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AreaFactory

from .conftest import add_ranking


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def make(user, ranking, ward, **kwargs):
    return priorities.priority_create_from_ranking(
        user=user, question=ranking, area=ward, quarter=kwargs.pop("quarter", "2026-Q3"), **kwargs
    )


def test_options_are_ordered_by_average_position_then_first_places_then_label(ranking, ward):
    order = priorities.ranking_order(ranking)
    assert [(o.label, o.mean_rank, o.first, o.count) for o in order] == [
        ("Litter", Fraction(1), 1, 1),
        ("Parking", Fraction(2), 1, 2),
        ("Speeding", Fraction(2), 1, 2),
        ("Drug dealing", Fraction(2), 0, 2),
    ]  # nobody ranked Noise
    assert priorities.ranking_respondents(ranking) == 3
    residents = priorities.ranking_order(ranking, residents_of=ward)
    assert [o.label for o in residents] == ["Litter", "Speeding", "Drug dealing", "Parking"]
    assert priorities.ranking_respondents(ranking, residents_of=ward) == 2


def test_the_average_is_compared_exactly(ranking):
    """Averages are exact fractions, so equal ones tie whatever the number of answers, and
    close ones are told apart whatever the database's rounding."""
    other = Question.objects.create(questionnaire=ranking.questionnaire, kind="ranking", text="Again")
    for label in ("A", "B"):
        other.choices.create(label=label)
    for ranks in (["A", "B"], ["A", "B"], ["B", "A"]):
        add_ranking(other, ranks)
    for ranks in (["B", "A"], ["B", "A"], ["A", "B"]) * 2:
        add_ranking(other, ranks)
    order = priorities.ranking_order(other)
    assert [o.mean_rank for o in order] == [Fraction(13, 9), Fraction(14, 9)]
    assert [o.label for o in order] == ["B", "A"] and order[0].average == 1.44
    tie = Question.objects.create(questionnaire=ranking.questionnaire, kind="ranking", text="Tie")
    for label in ("X", "Y", "Z"):
        tie.choices.create(label=label)
    for ranks in (["X", "Y"], ["Y", "X"], ["Y"], ["Z", "Y"]):
        add_ranking(tie, ranks)
    # X: 1, 2 (3/2); Y: 2, 1, 1, 2 (6/4, the same average): Y has more first places.
    order = priorities.ranking_order(tie)
    assert [(o.label, o.mean_rank, o.first) for o in order] == [
        ("Z", Fraction(1), 1),
        ("Y", Fraction(3, 2), 2),
        ("X", Fraction(3, 2), 1),
    ]


def test_the_best_placed_options_become_ranked_priorities(ranking, ward, analyst):
    created = make(analyst, ranking, ward, top=3, is_public=True)
    assert [(p.rank, p.label) for p in created] == [(1, "Litter"), (2, "Parking"), (3, "Speeding")]
    for priority in created:
        assert priority.source == PrioritySource.RANKING and priority.question_id == ranking.pk
        assert priority.area == ward and priority.quarter == "2026-Q3" and priority.is_public
        assert priority.organisation_id == analyst.organisation_id and priority.created_by == analyst
        event = AuditEvent.objects.for_object(priority).get()
        assert event.action == AuditAction.CREATE and event.changes["question"] == ranking.pk
        assert event.changes["responses"] == 3 and not event.changes["residents_only"]
    assert Priority.private_objects.count() == 3


def test_only_the_residents_of_the_area_can_count(ranking, ward, analyst):
    created = make(analyst, ranking, ward, top=10, residents_only=True, quarter=" 2026-q4 ")
    assert [(p.rank, p.label) for p in created] == [
        (1, "Litter"),
        (2, "Speeding"),
        (3, "Drug dealing"),
        (4, "Parking"),
    ]
    assert {p.quarter for p in created} == {"2026-Q4"}
    empty = AreaFactory(code="E05000999", name="Nobody lives here")
    ranking.questionnaire.activity.areas.add(empty)
    with pytest.raises(ValidationError, match="Nobody living in Nobody lives here"):
        make(analyst, ranking, empty, residents_only=True)


def test_an_area_keeps_one_list_from_a_ranking_per_quarter(ranking, ward, analyst):
    priorities.priority_create(user=analyst, area=ward, quarter="2026-Q3", label="From PACT", rank=1)
    first = make(analyst, ranking, ward, top=2)
    with pytest.raises(ValidationError) as refused:
        make(analyst, ranking, ward, top=1)
    assert "already has priorities from a ranking question for July to September 2026" in str(refused.value)
    assert Priority.private_objects.count() == 3
    again = make(analyst, ranking, ward, top=1, replace=True)
    assert [p.label for p in again] == ["Litter"]
    assert not Priority.private_objects.filter(pk__in=[p.pk for p in first]).exists()
    assert Priority.private_objects.filter(label="From PACT").exists()  # other sources stay
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_type="insight.priority").count() == 2
    make(analyst, ranking, ward, top=1, quarter="2026-Q4")  # another quarter is another list


def test_bad_requests_are_refused_clearly(ranking, question, ward, analyst, intel, council):
    def refused(match, **kwargs):
        args = {"user": analyst, "question": ranking, "area": ward, "quarter": "2026-Q3"} | kwargs
        with pytest.raises(ValidationError, match=match):
            priorities.priority_create_from_ranking(**args)

    refused("Only the results of a ranking question", question=question)
    empty = Question.objects.create(questionnaire=ranking.questionnaire, kind="ranking", text="Unanswered")
    empty.choices.create(label="Anything")
    refused("Nobody has answered “Unanswered” yet", question=empty)
    refused("Choose a quarter", quarter="Q3")
    refused("from 1 to 99", top=0)
    refused("from 1 to 99", top=100)
    refused("Choose one of the activity's areas", area=AreaFactory(code="E05000998", name="Far away"))
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    refused("You cannot see the results of that question", user=outsider)
    with pytest.raises(PermissionDenied):
        make(intel, ranking, ward)
    assert not Priority.private_objects.exists()


def test_a_partner_makes_priorities_for_its_own_organisation(ranking, ward, council):
    ranking.questionnaire.activity.partners.add(council)
    partner_analyst = UserFactory(organisation=council, roles=[Role.ANALYST])
    created = make(partner_analyst, ranking, ward, top=1)
    assert created[0].organisation == council


def test_the_page_shows_the_order_and_makes_the_priorities(ranking, ward, analyst):
    client = client_for(analyst)
    analyses = client.get(reverse("insight:run_list", kwargs={"pk": ranking.questionnaire.pk}))
    url = reverse("insight:ranking_priorities", kwargs={"pk": ranking.questionnaire.pk})
    assert url.encode() in analyses.content
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Put these in order" in body and "3 responses ranked the options" in body
    assert body.index("Litter") < body.index("Parking") < body.index("Speeding") < body.index("Drug dealing")
    assert "What worries you?" not in body  # only ranking questions are offered
    response = client.post(
        url,
        {"question": ranking.pk, "area": ward.pk, "quarter": "2026-Q3", "top": "2", "is_public": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("insight:priority_list") + "?area=E05000820"
    assert list(Priority.private_objects.order_by("rank").values_list("rank", "label", "is_public")) == [
        (1, "Litter", True),
        (2, "Parking", True),
    ]
    listing = client.get(response["Location"]).content.decode()
    assert (
        "2 priorities made for Ashton upon Mersey for July to September 2026: 1. Litter, 2. Parking"
        in listing
    )
    assert "From a ranking question: “Put these in order”" in listing


def test_the_page_explains_what_is_wrong(ranking, ward, analyst):
    client = client_for(analyst)
    url = reverse("insight:ranking_priorities", kwargs={"pk": ranking.questionnaire.pk})
    bad = client.post(url, {"question": ranking.pk, "area": ward.pk, "quarter": "soon", "top": "x"})
    assert bad.status_code == 400
    assert b"Choose a quarter from the list" in bad.content and b"as a number" in bad.content
    forged = client.post(url, {"question": 999999, "area": 999999, "quarter": "2026-Q3", "top": "3"})
    assert forged.status_code == 400 and b"Choose the ranking question" in forged.content
    assert b"Choose the neighbourhood" in forged.content
    data = {"question": ranking.pk, "area": ward.pk, "quarter": "2026-Q3", "top": "1"}
    client.post(url, data)
    twice = client.post(url, data)
    assert twice.status_code == 400 and b"Choose to replace them" in twice.content
    assert b"There is a problem" in twice.content
    replaced = client.post(url, data | {"replace": "on"})
    assert replaced.status_code == 302 and Priority.private_objects.count() == 1


def test_who_may_use_the_page(ranking, intel, council):
    url = reverse("insight:ranking_priorities", kwargs={"pk": ranking.questionnaire.pk})
    assert client_for(intel).get(url).status_code == 403
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    assert client_for(outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302
