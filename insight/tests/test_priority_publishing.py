"""Only the organisations responsible for an area put priorities on its public page; quarters
are within sensible bounds; control and bidi-override characters never reach the page."""

from django.test import Client
from django.urls import reverse

from insight.models import Priority
from insight.priorities import priority_create
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory


def _post(user, body):
    client = Client()
    client.force_login(user)
    return client.post("/api/priorities", body, content_type="application/json")


def test_an_unrelated_organisation_cannot_replace_a_wards_public_priorities(ward, analyst):
    priority_create(user=analyst, area=ward, quarter="2026-Q4", label="Speeding", rank=1, is_public=True)
    stranger = UserFactory(organisation=OrganisationFactory(name="Some Charity"), roles=[Role.ANALYST])
    response = _post(
        stranger,
        {"area": ward.code, "quarter": "9999-Q4", "label": "\u202eTakeover", "rank": 1, "is_public": True},
    )
    assert response.status_code == 422
    assert Priority.private_objects.count() == 1
    response = _post(
        stranger, {"area": ward.code, "quarter": "2026-Q4", "label": "Takeover", "rank": 1, "is_public": True}
    )
    assert response.status_code == 422 and "responsible for" in str(response.json()["errors"])
    page = Client().get(reverse("public:area_detail", kwargs={"code": ward.code})).content.decode()
    assert "Speeding" in page and "Takeover" not in page


def test_an_organisation_covering_the_district_may_publish_for_its_wards(ward, police):
    council = OrganisationFactory(name="Trafford Council", sector="local_authority")
    district = AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)
    ward.parent, ward.path = district, ""
    ward.save()
    council.areas.add(district)
    officer = UserFactory(organisation=council, roles=[Role.ANALYST])
    response = _post(
        officer,
        {"area": ward.code, "quarter": "2026-Q4", "label": "Fly-tipping", "rank": 1, "is_public": True},
    )
    assert response.status_code == 201, response.content


def test_anyone_may_record_a_priority_that_is_not_public(ward):
    stranger = UserFactory(organisation=OrganisationFactory(name="Some Charity"), roles=[Role.ANALYST])
    response = _post(stranger, {"area": ward.code, "quarter": "2026-Q4", "label": "Our own list", "rank": 1})
    assert response.status_code == 201


def test_quarters_out_of_bounds_are_refused(ward, analyst):
    for quarter in ("9999-Q4", "1999-Q1", "2026-Q5", "Q3"):
        response = _post(analyst, {"area": ward.code, "quarter": quarter, "label": "x", "rank": 1})
        assert response.status_code == 422, quarter
        assert "quarter" in response.json()["errors"]
    assert not Priority.private_objects.exists()


def test_control_and_bidi_characters_are_stripped(ward, analyst):
    response = _post(
        analyst,
        {
            "area": ward.code,
            "quarter": "2026-Q4",
            "label": "Spee\u202eding\x07 cars",
            "rank": 1,
            "is_public": True,
        },
    )
    assert response.status_code == 201
    assert Priority.private_objects.get().label == "Speeding cars"


def test_the_public_page_says_the_quarter_in_words(ward, analyst):
    priority_create(user=analyst, area=ward, quarter="2026-Q4", label="Speeding", rank=1, is_public=True)
    page = Client().get(reverse("public:area_detail", kwargs={"code": ward.code})).content.decode()
    assert "2026-Q4" not in page
