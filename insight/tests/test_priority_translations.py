"""A neighbourhood's published priorities translated by staff (README "Translating what staff
write"): one Translations page per neighbourhood, linked from the priorities page, with the API
and translator files; only the organisation's own published priorities, by those who may publish
them; a Welsh visitor then reads them on the area's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from translate.storage import po

from core.content_languages import translation_of
from governance.models import AuditAction, AuditEvent
from insight.models import Priority
from insight.priorities import priority_create
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory

WELSH = {"Speeding near schools": "Goryrru ger ysgolion", "Fly-tipping": "Tipio anghyfreithlon"}


@pytest.fixture
def priorities(analyst, ward, council):
    made = [
        priority_create(user=analyst, area=ward, quarter="2026-Q3", label=label, rank=rank, is_public=True)
        for rank, label in enumerate(WELSH, 1)
    ]
    hidden = priority_create(user=analyst, area=ward, quarter="2026-Q3", label="Not for the public", rank=3)
    council.areas.add(ward)
    theirs = UserFactory(organisation=council, roles=[Role.ANALYST])
    other = priority_create(
        user=theirs, area=ward, quarter="2026-Q3", label="The council's own", rank=1, is_public=True
    )
    return made, hidden, other


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_priorities_page_links_to_the_neighbourhoods_translations(analyst, ward, priorities):
    client = _client(analyst)
    page = client.get(reverse("insight:priority_list"), {"area": ward.code}).content.decode()
    url = reverse("insight:priorities_translations", args=[ward.code])
    assert url in page
    summary = client.get(url).content.decode()
    assert "2 of 2 texts missing" in summary
    form = client.get(reverse("insight:priorities_translate", args=[ward.code, "cy"]))
    assert [row.english for row in form.context["rows"]] == list(WELSH)  # not hidden, not the council's
    assert form.context["rows"][0].label == "July to September 2026, priority 1"


def test_translated_on_the_page_a_welsh_visitor_reads_them(analyst, ward, priorities, settings):
    client = _client(analyst)
    url = reverse("insight:priorities_translate", args=[ward.code, "cy"])
    rows = client.get(url).context["rows"]
    saved = client.post(url, {row.key: WELSH[row.english] for row in rows})
    assert saved.status_code == 302
    made, _hidden, _other = priorities
    assert (
        translation_of(Priority.private_objects.get(pk=made[0].pk), "label", "cy") == "Goryrru ger ysgolion"
    )
    assert AuditEvent.objects.for_object(made[0]).filter(action=AuditAction.UPDATE).exists()
    visitor = Client()
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = visitor.get(reverse("public:area_detail", kwargs={"code": ward.code})).content.decode()
    assert "Goryrru ger ysgolion" in page and "Tipio anghyfreithlon" in page


def test_a_po_file_round_trip_and_the_api(analyst, ward, priorities):
    client = _client(analyst)
    made = client.get(
        reverse("api:export_priorities_translation", kwargs={"area_code": ward.code}),
        {"language": "cy", "format": "po"},
    )
    assert made.status_code == 200
    store = po.pofile.parsestring(made.content)
    for unit in store.unit_iter():
        if not unit.isheader():
            unit.target = WELSH[unit.source]
    upload = reverse("insight:priorities_translator_files", args=[ward.code])
    saved = client.post(upload, {"file": SimpleUploadedFile("p.po", bytes(store)), "language": "cy"})
    assert saved.status_code == 302
    read = client.get(reverse("api:priorities_translations", kwargs={"area_code": ward.code})).json()
    assert {t["english"]: t["translations"]["cy"]["text"] for t in read["texts"]} == WELSH
    put = client.put(
        reverse("api:priorities_translate", kwargs={"area_code": ward.code, "language": "pl"}),
        {"texts": {read["texts"][0]["id"]: "Przekraczanie prędkości w pobliżu szkół"}},
        content_type="application/json",
    )
    assert put.status_code == 200
    others = priorities[2]
    refused = client.put(
        reverse("api:priorities_translate", kwargs={"area_code": ward.code, "language": "pl"}),
        {"texts": {f"insight.priority.{others.pk}.label": "x"}},
        content_type="application/json",
    )
    assert refused.status_code == 422  # the council's priority is not in the police's list
    assert AuditEvent.objects.for_object(ward).filter(action=AuditAction.IMPORT).exists()


def test_who_may_translate_them(ward, priorities, officer, police):
    stranger = UserFactory(organisation=OrganisationFactory(name="Some Charity"), roles=[Role.ANALYST])
    reader = UserFactory(organisation=police, roles=[Role.PARTNER_USER])
    for user in (stranger, reader):
        client = _client(user)
        assert client.get(reverse("insight:priorities_translations", args=[ward.code])).status_code == 403
        api = client.get(reverse("api:priorities_translations", kwargs={"area_code": ward.code}))
        assert api.status_code == 403
    assert (
        _client(officer).get(reverse("insight:priorities_translations", args=["E05999999"])).status_code
        == 404
    )
