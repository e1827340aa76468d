""" "You said, we did" translated by staff (README "Translating what staff write"): one feedback
with the findings, decisions and actions it reports is one item, on one Translations page, in
one API and one translator file, saved all or nothing, by the people who write the feedback,
draft or published; a Welsh visitor then reads it in Welsh."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from translate.storage import xliff

from core.content_languages import english, translation_of
from core.tests.helpers import content
from governance.content_translation import content_translate
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.loop_translations import feedback_texts, in_feedback
from outcomes.models import Action, Decision, DecisionFactor, Feedback, Finding
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

WELSH = {
    "Speeding near the school": "Goryrru ger yr ysgol",
    "Drivers go too fast by the school gates": "Mae gyrwyr yn mynd yn rhy gyflym wrth gatiau'r ysgol",
    "Speed checks every week in term time": "Gwiriadau cyflymder bob wythnos yn ystod y tymor",
    "12 speed checks so far": "12 gwiriad cyflymder hyd yma",
}


@pytest.fixture
def trail(consultation):
    trail = make_trail(consultation, text="Drivers go too fast by the school gates")
    Decision.objects.filter(pk=trail.decision.pk).update(
        summary="Speed checks every week in term time", detail=""
    )
    Action.objects.filter(pk=trail.action.pk).update(
        title="Speed checks every week in term time", result="12 speed checks so far"
    )
    return trail


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _welsh(text):
    return WELSH.get(text, f"[cy] {text}")


def _translate_on_the_page(client, feedback):
    url = reverse("outcomes:feedback_translate", args=[feedback.pk, "cy"])
    page = client.get(url)
    assert page.status_code == 200
    data = {row.key: _welsh(row.english) for row in page.context["rows"]}
    return page, client.post(url, data)


def test_the_feedback_page_links_to_one_page_for_the_whole_trail(officer, trail):
    client = _client(officer)
    detail = client.get(reverse("outcomes:feedback_detail", args=[trail.feedback.pk])).content.decode()
    assert reverse("outcomes:feedback_translations", args=[trail.feedback.pk]) in detail
    summary = client.get(reverse("outcomes:feedback_translations", args=[trail.feedback.pk])).content.decode()
    assert "7 of 7 texts missing" in summary
    labels = [t.label for t in feedback_texts(trail.feedback) if english(t.obj, t.field)]
    assert labels == [
        "Feedback title",
        "Feedback what we did",
        "Decision 1, what people said 1",
        "Decision 1 what was decided",
        "Decision 1, what else was weighed: Cost, benefit and effectiveness",
        "Decision 1, action 1 what will be done",
        "Decision 1, action 1 what happened",
    ]


def test_translated_on_the_page_a_welsh_visitor_reads_you_said_we_did_in_welsh(
    client, settings, officer, trail
):
    """End to end: staff translate the published feedback; a Welsh visitor reads it."""
    staff = _client(officer)
    _page, saved = _translate_on_the_page(staff, trail.feedback)
    assert saved.status_code == 302
    assert translation_of(Feedback.objects.get(pk=trail.feedback.pk), "title", "cy") == "Goryrru ger yr ysgol"
    assert translation_of(Finding.objects.get(pk=trail.finding.pk), "statement", "cy").startswith(
        "Mae gyrwyr"
    )
    summary = staff.get(reverse("outcomes:feedback_translations", args=[trail.feedback.pk])).content.decode()
    assert "Complete" in summary
    assert AuditEvent.objects.for_object(trail.feedback).filter(action=AuditAction.UPDATE).exists()

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    public = content(client.get(reverse("public:feedback_event", kwargs={"pk": trail.feedback.activity_id})))
    text = public.decode()
    for welsh in WELSH.values():
        assert welsh.replace("'", "&#x27;") in text, welsh
    assert "heard-untranslated" not in text
    assert "Speed checks every week in term time" not in text
    assert "Drivers go too fast by the school gates" not in text  # the finding and what was weighed


def test_a_translator_file_round_trip_and_one_bad_text_saves_nothing(officer, trail):
    client = _client(officer)
    made = client.get(
        reverse("outcomes:feedback_translator_file", args=[trail.feedback.pk]),
        {"language": "cy", "format": "xliff"},
    )
    assert made.status_code == 200
    store = xliff.xlifffile.parsestring(made.content)
    units = [u for u in store.unit_iter() if not u.isheader()]
    assert len(units) == 7
    for unit in units:
        unit.target = _welsh(unit.source)
    bad = xliff.xlifffile.parsestring(bytes(store))
    for unit in bad.unit_iter():
        if unit.source == "12 speed checks so far":
            unit.target = "11 gwiriad cyflymder hyd yma"  # a number changed
    upload = reverse("outcomes:feedback_translator_files", args=[trail.feedback.pk])
    refused = client.post(upload, {"file": SimpleUploadedFile("f.xlf", bytes(bad)), "language": "cy"})
    assert refused.status_code == 400
    assert not translation_of(Feedback.objects.get(pk=trail.feedback.pk), "title", "cy")
    saved = client.post(upload, {"file": SimpleUploadedFile("f.xlf", bytes(store)), "language": "cy"})
    assert saved.status_code == 302
    assert (
        translation_of(Action.objects.get(pk=trail.action.pk), "result", "cy")
        == "12 gwiriad cyflymder hyd yma"
    )
    actions = set(AuditEvent.objects.for_object(trail.feedback).values_list("action", flat=True))
    assert {AuditAction.EXPORT, AuditAction.IMPORT} <= actions


def test_the_api_reads_and_saves_the_whole_trail(officer, trail):
    client = _client(officer)
    url = reverse("api:feedback_translations", kwargs={"feedback_id": trail.feedback.pk})
    read = client.get(url).json()
    ids = {t["id"]: t["english"] for t in read["texts"]}
    assert len(ids) == 7 and f"outcomes.decision.{trail.decision.pk}.summary" in ids
    assert any(i.startswith("outcomes.decisionfactor.") and i.endswith(".note") for i in ids)
    put = reverse("api:feedback_translate", kwargs={"feedback_id": trail.feedback.pk, "language": "cy"})
    body = {"texts": {i: _welsh(e) for i, e in ids.items()}}
    saved = client.put(put, body, content_type="application/json")
    assert saved.status_code == 200
    assert next(s for s in saved.json()["languages"] if s["code"] == "cy")["complete"]
    unknown = client.put(
        put, {"texts": {"outcomes.decision.999999.summary": "x"}}, content_type="application/json"
    )
    assert unknown.status_code == 422
    exported = client.get(
        reverse("api:export_feedback_translation", kwargs={"feedback_id": trail.feedback.pk}),
        {"language": "pl"},
    )
    assert exported.status_code == 200 and b"Drivers go too fast" in exported.content


def test_who_may_translate_it(officer, partner, sharing, trail, police):
    feedback = trail.feedback
    assert feedback.state == "published"  # published feedback is still translated
    assert (
        _client(officer).get(reverse("outcomes:feedback_translations", args=[feedback.pk])).status_code == 200
    )
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    for user in (partner, analyst, superuser):
        client = _client(user)
        assert client.get(reverse("outcomes:feedback_translations", args=[feedback.pk])).status_code in (
            403,
            404,
        )
        api = client.get(reverse("api:feedback_translations", kwargs={"feedback_id": feedback.pk}))
        assert api.status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        content_translate(
            actor=partner, obj=trail.decision, language="cy", values={"summary": "x"}, owner=feedback
        )


def test_only_the_organisations_own_official_words_are_in_it(officer, council, trail, consultation):
    """A decision another organisation made, and an OFFICIAL-SENSITIVE one, stay out: the first
    is translated by its own staff, the second is never read by residents."""
    other = Decision.objects.create(
        organisation=council, summary="The council's decision", decided_on=trail.decision.decided_on
    )
    secret = Decision.objects.create(
        organisation=officer.organisation,
        summary="A sensitive decision",
        decided_on=trail.decision.decided_on,
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    Feedback.objects.get(pk=trail.feedback.pk).decisions.add(other, secret)
    words = [english(t.obj, t.field) for t in feedback_texts(trail.feedback)]
    assert "The council's decision" not in words and "A sensitive decision" not in words
    with pytest.raises(PermissionDenied):
        content_translate(
            actor=officer, obj=other, language="cy", values={"summary": "x"}, owner=trail.feedback
        )


def test_whether_a_record_is_part_of_it_agrees_with_the_list_of_its_texts(officer, council, trail):
    """`in_feedback` asks the database about one record (a save asks it of every record); it must
    answer exactly as the list of the feedback's texts does, in and out."""
    feedback = Feedback.objects.get(pk=trail.feedback.pk)
    other = Decision.objects.create(
        organisation=council, summary="Theirs", decided_on=trail.decision.decided_on
    )
    secret = Decision.objects.create(
        organisation=officer.organisation,
        summary="Sensitive",
        decided_on=trail.decision.decided_on,
        marking=Marking.OFFICIAL_SENSITIVE,
    )
    feedback.decisions.add(other, secret)
    stray = Action.objects.create(
        decision=trail.decision,
        title="Not reported here",
        owner_organisation=officer.organisation,
        owner_name="PC Shaw",
        due_on=trail.decision.decided_on,
    )
    listed = {(type(t.obj), t.obj.pk) for t in feedback_texts(feedback)}
    records = [feedback, trail.decision, trail.action, other, secret, stray]
    records += list(Finding.objects.all()) + list(DecisionFactor.objects.all())
    records += list(Feedback.objects.exclude(pk=feedback.pk))
    assert {(Finding, f.pk) for f in Finding.objects.filter(considered_by=trail.decision)} <= listed
    for record in records:
        assert in_feedback(record, feedback) == ((type(record), record.pk) in listed), record
    assert in_feedback(trail.decision, feedback) and not in_feedback(other, feedback)
    assert not in_feedback(stray, feedback) and not in_feedback(secret, feedback)
