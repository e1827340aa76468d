"""The policing-code pages and API: who may open and change what, the neighbourhood page for
staff (this year against last) and the public one (suppressed), the codeframe's versions and
exports, and the demo's believable neighbourhood."""

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from insight.demo_codes import demo_load_codes
from insight.models import (
    AnswerCode,
    CodeCorrection,
    CodeframeVersion,
    CodingJob,
    NoteCode,
    NoteCodeCorrection,
    Priority,
)
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.models import AreaLevel
from places.tests.factories import AreaFactory

from .coding_factories import answer, coded, small_codeframe, text_question, uncoded

THIS = date.today().year


@pytest.fixture
def district(db):
    return AreaFactory(code="E08000009", name="Trafford", level=AreaLevel.DISTRICT)


@pytest.fixture
def ward(district):
    return AreaFactory(code="E05000829", name="Stretford", parent=district)


@pytest.fixture
def question(police, ward):
    small_codeframe(police)
    return text_question(police, ward)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def analyst_of(organisation):
    return UserFactory(organisation=organisation, roles=[Role.ANALYST])


def test_analysts_see_coded_answers_and_correct_one_on_its_page(police, question):
    row = answer(question, "Cars speeding on the main road")
    AnswerCode.objects.create(organisation=police, answer=row, code="speeding", version=1)
    client = client_for(analyst_of(police))
    listing = client.get(reverse("insight:code_list"))
    assert listing.status_code == 200 and b"Cars speeding on the main road" in listing.content
    assert b"Code all answers again" in listing.content
    url = reverse("insight:answer_codes", kwargs={"pk": row.pk})
    assert client.post(url, {"code": "asb", "action": "add"}).status_code == 302
    assert set(AnswerCode.objects.filter(answer=row).values_list("code", flat=True)) == {"speeding", "asb"}
    refused = client.post(url, {"code": "nonsense", "action": "add"})
    assert refused.status_code == 400 and CodeCorrection.objects.count() == 1


def test_another_organisation_gets_a_404_for_the_answer(police, council, question):
    row = answer(question, "Cars speeding on the main road")
    client = client_for(analyst_of(council))
    assert client.get(reverse("insight:answer_codes", kwargs={"pk": row.pk})).status_code == 404
    assert client.get(reverse("api:get_answer_codes", kwargs={"answer_id": row.pk})).status_code == 404
    assert b"Cars speeding" not in client.get(reverse("insight:code_list")).content


@pytest.mark.parametrize(
    ("role", "may_change"),
    [
        (Role.ANALYST, True),
        (Role.ADMIN, True),
        (Role.ENGAGEMENT_OFFICER, False),
        (Role.PARTNER_USER, False),
        (Role.AUTHORITY_MEMBER, False),
    ],
)
def test_only_analysts_and_admins_change_the_codeframe(police, role, may_change):
    client = client_for(UserFactory(organisation=police, roles=[role]))
    assert client.get(reverse("insight:codeframe")).status_code == 200
    data = {"label": "Nitrous oxide", "description": "Laughing gas", "examples": "Canisters in the park"}
    response = client.post(reverse("insight:code_add"), data)
    assert response.status_code == (302 if may_change else 403)
    assert CodeframeVersion.objects.filter(organisation=police).count() == (2 if may_change else 0)
    api = client.post(reverse("api:add_code"), {**data, "examples": ["x"]}, content_type="application/json")
    assert api.status_code == (422 if may_change else 403)  # for those who may: the same name again


def test_the_words_that_settle_a_code_are_set_changed_and_cleared_on_the_page(police):
    client = client_for(analyst_of(police))
    data = {"label": "Nitrous oxide", "description": "Laughing gas", "examples": "Canisters in the park"}
    added = client.post(reverse("insight:code_add"), {**data, "keywords": "nitrous oxide, Laughing gas"})
    assert added.status_code == 302
    edit = reverse("insight:code_edit", kwargs={"code_id": "nitrous_oxide"})
    assert b"nitrous oxide, laughing gas" in client.get(edit).content

    def keywords() -> list[str]:
        codes = CodeframeVersion.objects.filter(organisation=police).order_by("-number").first().codes
        return next(c for c in codes if c["id"] == "nitrous_oxide")["keywords"]

    assert keywords() == ["nitrous oxide", "laughing gas"]
    assert client.post(edit, {**data, "keywords": "balloons"}).status_code == 302 and keywords() == [
        "balloons"
    ]
    assert client.post(edit, {**data, "keywords": ""}).status_code == 302 and keywords() == []
    # the API leaves them alone when it does not name them, and sets or clears them when it does
    assert client.post(edit, {**data, "keywords": "balloons"}).status_code == 302
    api = reverse("api:change_code", kwargs={"code_id": "nitrous_oxide"})
    body = {"label": "Nitrous oxide", "description": "Laughing gas", "examples": ["Canisters"]}
    assert client.put(api, body, content_type="application/json").status_code == 200
    assert keywords() == ["balloons"]
    changed = client.put(api, {**body, "keywords": ["Whippets"]}, content_type="application/json")
    assert changed.status_code == 200 and keywords() == ["whippets"]
    assert changed.json()["codes"][-1]["keywords"] == ["whippets"]
    assert client.put(api, {**body, "keywords": []}, content_type="application/json").status_code == 200
    assert keywords() == []
    assert client.post(edit, {**data, "keywords": "balloons"}).status_code == 302
    versions = CodeframeVersion.objects.filter(organisation=police).count()
    too_many = ", ".join(f"word{n}" for n in range(21))
    refused = client.post(edit, {**data, "keywords": too_many})
    assert refused.status_code == 400 and b"at most 20 words" in refused.content
    assert CodeframeVersion.objects.filter(organisation=police).count() == versions


def test_every_change_is_a_version_and_each_version_exports(police):
    client = client_for(analyst_of(police))
    data = {"label": "Nitrous oxide", "description": "Laughing gas", "examples": ["Canisters in the park"]}
    assert client.post(reverse("api:add_code"), data, content_type="application/json").status_code == 201
    retire = reverse("api:retire_code", kwargs={"code_id": "nitrous_oxide"})
    assert client.post(retire, {"retired": True}, content_type="application/json").json()["version"] == 3
    versions = client.get(reverse("api:list_codeframe_versions")).json()
    assert [v["version"] for v in versions] == [3, 2, 1]
    first = client.get(reverse("insight:codeframe_export", kwargs={"number": 1, "file_format": "json"}))
    assert "nitrous_oxide" not in {t["id"] for t in json.loads(first.content)["themes"]}
    second = client.get(reverse("api:export_codeframe", kwargs={"number": 2}) + "?format=csv")
    assert b"nitrous_oxide,Nitrous oxide,Laughing gas,Canisters in the park" in second.content
    assert client.get(reverse("api:get_codeframe")).json()["codes"][-1]["retired"] is True
    bad = client.post(
        reverse("api:add_code"), {"label": "", "police_uk": ["nope"]}, content_type="application/json"
    )
    assert bad.status_code == 422 and CodeframeVersion.objects.count() == 3


def test_the_staff_neighbourhood_page_shows_this_year_against_last(police, question, ward):
    coded(question, "speeding", 10, year=THIS - 1, area=ward)
    coded(question, "drugs", 30, year=THIS - 1, area=ward)
    coded(question, "speeding", 30, year=THIS, area=ward, month=1)
    coded(question, "drugs", 10, year=THIS, area=ward, month=1)
    client = client_for(analyst_of(police))
    page = client.get(reverse("insight:area_codes", kwargs={"code": ward.code}))
    assert page.status_code == 200
    assert b"Up, by more than chance" in page.content and b"Down, by more than chance" in page.content
    assert b"<svg" in page.content
    api = client.get(reverse("api:get_area_codes", kwargs={"code": ward.code})).json()
    speeding = next(c for c in api["codes"] if c["code"] == "speeding")
    assert (speeding["last_year"], speeding["this_year"], speeding["change"]) == (10, 30, "up")
    Priority.private_objects.create(
        area=ward, quarter=f"{THIS}-Q1", label="Burglary", rank=1, organisation=police
    )
    priorities = client.get(reverse("insight:priority_list") + f"?area={ward.code}")
    assert b"data-rising" in priorities.content and b"Speeding and road safety" in priorities.content
    assert client.get(reverse("api:get_area_codes", kwargs={"code": "E99999999"})).status_code == 404


def test_the_public_page_shows_the_table_with_small_numbers_hidden(police, question, ward):
    coded(question, "speeding", 12, year=THIS - 1, area=ward)
    coded(question, "speeding", 30, year=THIS, area=ward, month=1)
    coded(question, "drugs", 3, year=THIS, area=ward, month=1)
    uncoded(question, 40, year=THIS - 1, area=ward)
    page = Client().get(reverse("public:area_detail", kwargs={"code": ward.code}))
    assert page.status_code == 200
    body = page.content.decode()
    assert "What people raised with us" in body and "Up: more than chance" in body
    assert "fewer than 10" in body and ">3<" not in body


def test_recoding_from_the_page_starts_a_job(police, question, django_capture_on_commit_callbacks):
    answer(question, "Cars speeding on the main road")
    client = client_for(analyst_of(police))
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("insight:code_recode")).status_code == 302
    assert CodingJob.objects.get().state == CodingJob.State.DONE
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    assert client_for(officer).post(reverse("api:recode_answers")).status_code == 403


def test_the_demo_shows_speeding_up_and_asb_down_in_stretford(police, district, ward):
    AreaFactory(code="E05000828", name="Gorse Hill", parent=district)
    officer = UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER])
    analyst = analyst_of(police)
    today = date.today()
    assert demo_load_codes(officer=officer, analyst=analyst, today=today) > 200
    assert demo_load_codes(officer=officer, analyst=analyst, today=today) == 0  # loaded once
    api = client_for(analyst).get(reverse("api:get_area_codes", kwargs={"code": ward.code})).json()
    change = {c["code"]: c["change"] for c in api["codes"]}
    assert change["speeding"] == "up" and change["asb"] == "down"
    assert CodeframeVersion.objects.filter(organisation=police).count() == 2
    newest = CodeframeVersion.objects.filter(organisation=police).order_by("-number").first()
    assert "laughing gas" in next(c for c in newest.codes if c["id"] == "nitrous_oxide")["keywords"]
    # the PACT meetings' notes are coded, two of them corrected, and their page shows them
    corrected = set(NoteCodeCorrection.objects.values_list("code", "action"))
    assert corrected == {("nitrous_oxide", "add"), ("asb", "remove")}
    assert NoteCode.objects.filter(organisation=police).count() == 8
    notes = client_for(analyst).get(reverse("insight:note_code_list"))
    assert notes.status_code == 200 and b"silver gas canisters" in notes.content
    assert b"Nitrous oxide" in notes.content
