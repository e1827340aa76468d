"""The consultation API: the same services, checks and permissions as the pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from consultations.models import Attendance, EqualityRecord, Questionnaire, QuestionnaireState, Response
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.services import api_token_create
from organisations.tests.factories import UserFactory
from places.tests.factories import AudienceFactory


@pytest.fixture
def client_for():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def _body(response):
    """The bytes of a response, streamed (CSV exports) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def _choices(body, position):
    return {c["label"]: c["id"] for c in body["questions"][position]["choices"]}


def test_build_publish_and_version_a_questionnaire(officer, client_for, ward):
    client = client_for(officer)
    activity = ActivityFactory(lead_organisation=officer.organisation, areas=[ward])
    created = client.post(
        f"/api/activities/{activity.pk}/questionnaires",
        {
            "title": "Parking in Sale",
            "questions": [
                {
                    "kind": "single",
                    "text": "Is parking a problem?",
                    "required": True,
                    "choices": ["Yes", "No"],
                },
                {"kind": "text", "text": "Where?", "show_if_question": 0, "show_if_choices": ["Yes"]},
            ],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "draft" and body["version"] == 1 and len(body["questions"]) == 2
    assert body["questions"][1]["show_if_question"] == body["questions"][0]["id"]
    assert body["questions"][1]["show_if_choices"] == [_choices(body, 0)["Yes"]]
    qid = body["id"]
    patched = client.patch(
        f"/api/questionnaires/{qid}", {"title": "Parking"}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["title"] == "Parking"
    replaced = client.put(
        f"/api/questionnaires/{qid}/questions",
        {"questions": [{"kind": "scale", "text": "Parking is a problem", "choices": ["Agree", "Disagree"]}]},
        content_type="application/json",
    )
    assert replaced.status_code == 200 and replaced.json()["questions"][0]["kind"] == "scale"
    published = client.post(f"/api/questionnaires/{qid}/publish")
    assert published.status_code == 200 and published.json()["state"] == "live"
    assert client.post(f"/api/questionnaires/{qid}/publish").status_code == 422
    listed = client.get(f"/api/activities/{activity.pk}/questionnaires").json()
    assert [q["id"] for q in listed] == [qid]
    version = client.post(f"/api/questionnaires/{qid}/versions")
    assert version.status_code == 201 and version.json()["version"] == 2 and version.json()["previous"] == qid


@pytest.mark.parametrize(
    "bad",
    [
        {"title": ""},
        {"title": "x", "questions": [{"kind": "single", "text": "One option", "choices": ["Only"]}]},
        {"title": "x", "questions": [{"kind": "teleport", "text": "?"}]},
        {"title": "x", "questions": [{"kind": "text", "text": "?", "show_if_question": 3}]},
        {"title": "x", "questions": [{"kind": "text", "text": "?", "max_length": 0}]},
    ],
)
def test_bad_questionnaires_are_422_and_nothing_is_stored(officer, client_for, bad):
    activity = ActivityFactory(lead_organisation=officer.organisation)
    response = client_for(officer).post(
        f"/api/activities/{activity.pk}/questionnaires", bad, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert not Questionnaire.private_objects.exists()


def test_enter_a_paper_response_and_the_freeze(officer, client_for, consultation, ward):
    client = client_for(officer)
    body = client.get(f"/api/questionnaires/{consultation.pk}").json()
    q = [question["id"] for question in body["questions"]]
    payload = {
        "channel": "phone",
        "answers": {
            str(q[0]): [str(_choices(body, 0)["No"])],
            str(q[1]): "Too dark",
            str(q[4]): [_choices(body, 4)["Litter"], _choices(body, 4)["Drugs"]],
            str(q[5]): "m33 5ab",
        },
        "equality": {"sex": "Female"},
        "received_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
    }
    created = client.post(
        f"/api/questionnaires/{consultation.pk}/responses", payload, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert len(created.json()["receipt_code"]) == 14
    response = Response.objects.get()
    assert response.channel == "phone" and response.area == ward and response.entered_by == officer
    assert EqualityRecord.objects.get().sex == "Female"
    # Answered: the questions are frozen.
    frozen = client.put(
        f"/api/questionnaires/{consultation.pk}/questions",
        {"questions": [{"kind": "text", "text": "New"}]},
        content_type="application/json",
    )
    assert frozen.status_code == 422 and "new version" in frozen.json()["errors"][0]
    assert (
        client.patch(
            f"/api/questionnaires/{consultation.pk}", {"title": "X"}, content_type="application/json"
        ).status_code
        == 422
    )


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"channel": "paper", "answers": {}}, "answers."),
        ({"channel": "web", "answers": {}}, "channel"),
        ({"channel": "paper", "answers": {"999999": "x"}}, "answers"),
        ({"channel": "paper", "answers": {}, "equality": {"sex": "Robot"}}, "equality.sex"),
        ({"channel": "paper", "answers": {}, "equality": {"shoe_size": "9"}}, "equality.shoe_size"),
    ],
)
def test_bad_responses_are_422_and_nothing_is_stored(officer, client_for, consultation, payload, field):
    response = client_for(officer).post(
        f"/api/questionnaires/{consultation.pk}/responses", payload, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert field in str(response.json())
    assert not Response.objects.exists()


def test_import_through_the_api(officer, client_for, consultation, django_capture_on_commit_callbacks):
    """The file is read and its columns checked at once; the rows in the background, whose
    progress and outcome the import's own URL answers."""
    client = client_for(officer)
    good = SimpleUploadedFile(
        "survey.csv", b"Date,Do you feel safe after dark?,Postcode\n2026-01-02,yes,\n,No,M33 5AB\n"
    )
    q5 = consultation.questions.get(position=5).pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/api/questionnaires/{consultation.pk}/import",
            {"file": good, "channel": "paper", "mapping": f'{{"Postcode": "q{q5}"}}'},
        )
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "queued" and response.json()["rows"] == 2
    done = client.get(response.json()["url"]).json()
    assert done["state"] == "done" and done["progress"] == 100, done
    assert done["imported"] == 2 and done["message"] == "Imported 2 responses."
    assert Response.objects.filter(area__isnull=False).count() == 1
    bad = SimpleUploadedFile("survey.csv", b"Do you feel safe after dark?\nYes\nMaybe\n\nNever\n")
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/questionnaires/{consultation.pk}/import", {"file": bad, "channel": "paper"}
        )
    rejected = client.get(started.json()["url"]).json()
    assert rejected["state"] == "rejected" and rejected["imported"] == 0
    assert [e["line"] for e in rejected["errors"]] == [3, 5] and rejected["line_word"] == "Line"
    assert "“Maybe” is not one of its options" in rejected["errors"][0]["problems"][0]
    assert Response.objects.count() == 2
    missing = client.post(
        f"/api/questionnaires/{consultation.pk}/import",
        {"file": SimpleUploadedFile("s.csv", b"Postcode\nM33\n")},
    )
    assert missing.status_code == 422 and "must be answered" in str(missing.json()["problems"])
    assert (
        client.post(f"/api/questionnaires/{consultation.pk}/import", {"channel": "paper"}).status_code == 422
    )
    wrong = client.post(
        f"/api/questionnaires/{consultation.pk}/import",
        {"file": SimpleUploadedFile("s.csv", b"A\nYes\n"), "mapping": '{"B": "date"}'},
    )
    assert wrong.status_code == 422 and "Not columns of the file" in str(wrong.json())
    assert (
        client.post(
            f"/api/questionnaires/{consultation.pk}/import",
            {"file": SimpleUploadedFile("s.csv", b"A\nYes\n"), "mapping": "not json"},
        ).status_code
        == 422
    )
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1


def test_attendance_and_equality_forms(officer, client_for, consultation):
    client = client_for(officer)
    AudienceFactory(name="Young people", slug="young-people")
    activity = consultation.activity
    created = client.post(
        f"/api/activities/{activity.pk}/attendance",
        {"head_count": 30, "is_estimate": True, "counts": {"young-people": 8}},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["counts"] == {"young-people": 8} and body["held_on"] == timezone.localdate().isoformat()
    aid = body["id"]
    updated = client.put(f"/api/attendance/{aid}", {"head_count": 31}, content_type="application/json")
    assert updated.status_code == 200 and updated.json()["counts"] == {}
    assert client.get(f"/api/activities/{activity.pk}/attendance").json()[0]["head_count"] == 31
    too_many = client.put(
        f"/api/attendance/{aid}",
        {"head_count": 3, "counts": {"young-people": 4}},
        content_type="application/json",
    )
    assert too_many.status_code == 422
    unknown = client.put(
        f"/api/attendance/{aid}", {"head_count": 3, "counts": {"aliens": 1}}, content_type="application/json"
    )
    assert unknown.status_code == 422 and "aliens" in str(unknown.json())
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    assert (
        client.put(
            f"/api/attendance/{aid}", {"head_count": 3, "held_on": future}, content_type="application/json"
        ).status_code
        == 422
    )
    assert client.delete(f"/api/attendance/{aid}").status_code == 204 and not Attendance.objects.exists()

    for _ in range(5):
        made = client.post(
            f"/api/activities/{activity.pk}/equality-forms",
            {"channel": "event", "answers": {"sex": "Male", "age_band": "16-24"}},
            content_type="application/json",
        )
        assert made.status_code == 201 and set(made.json()) == {"forms_for_activity"}
    assert made.json()["forms_for_activity"] == 5
    assert (
        client.post(
            f"/api/activities/{activity.pk}/equality-forms",
            {"channel": "event", "answers": {}},
            content_type="application/json",
        ).status_code
        == 422
    )
    totals = client.get(f"/api/activities/{activity.pk}/equality").json()
    sex = next(t for t in totals["tables"] if t["field"] == "sex")
    assert {c["label"]: c["count"] for c in sex["cells"]}["Male"] == 5 and totals["total"] == 5


def test_results_answers_and_exports(officer, client_for, consultation):
    client = client_for(officer)
    body = client.get(f"/api/questionnaires/{consultation.pk}").json()
    q = [question["id"] for question in body["questions"]]
    for i in range(3):
        client.post(
            f"/api/questionnaires/{consultation.pk}/responses",
            {
                "channel": "paper",
                "answers": {str(q[0]): [str(_choices(body, 0)["No"])], str(q[1]): f"Worry {i}"},
                "equality": {"sex": "Female"},
            },
            content_type="application/json",
        )
    results = client.get(f"/api/questionnaires/{consultation.pk}/results")
    assert results.status_code == 200
    data = results.json()
    assert data["responses"] == 3 and data["by_channel"]["paper"] == 3
    first = data["questions"][0]
    assert first["answered"] == 3 and {o["label"]: o["percent"] for o in first["options"]}["No"] == 100.0
    assert data["equality"]["total"] == 3 and data["equality"]["tables"] == []  # fewer than 5: no totals
    assert (
        client.get(f"/api/questionnaires/{consultation.pk}/results", {"channel": "web"}).json()["responses"]
        == 0
    )
    assert client.get(f"/api/questionnaires/{consultation.pk}/results", {"area": "NOPE"}).status_code == 422
    assert client.get(f"/api/questionnaires/{consultation.pk}/results", {"channel": "fax"}).status_code == 422
    answers = client.get(f"/api/questionnaires/{consultation.pk}/answers", {"q": "worry 1"}).json()
    assert answers["count"] == 1 and answers["items"][0]["text"] == "Worry 1"
    assert "equality" not in str(answers) and "Female" not in str(answers)
    export = client.get(f"/api/questionnaires/{consultation.pk}/results/export", {"part": "responses"})
    assert export.status_code == 200 and b"Worry 2" in _body(export) and b"Female" not in _body(export)
    xlsx = client.get(f"/api/questionnaires/{consultation.pk}/results/export", {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert (
        client.get(f"/api/questionnaires/{consultation.pk}/results/export", {"format": "pdf"}).status_code
        == 422
    )
    assert (
        client.get(f"/api/questionnaires/{consultation.pk}/results/export", {"part": "people"}).status_code
        == 422
    )
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


def test_no_endpoint_returns_one_persons_equality_answers(officer, client_for, consultation):
    """Every GET of the consultation API, after one response with distinctive equality answers."""
    client = client_for(officer)
    body = client.get(f"/api/questionnaires/{consultation.pk}").json()
    first = body["questions"][0]
    client.post(
        f"/api/questionnaires/{consultation.pk}/responses",
        {
            "channel": "paper",
            "answers": {str(first["id"]): [str(first["choices"][0]["id"])]},
            "equality": {"religion": "Buddhist", "sexual_orientation": "Bisexual", "age_band": "75+"},
        },
        content_type="application/json",
    )
    activity = consultation.activity_id
    for url in [
        f"/api/questionnaires/{consultation.pk}",
        f"/api/activities/{activity}/questionnaires",
        f"/api/questionnaires/{consultation.pk}/results",
        f"/api/questionnaires/{consultation.pk}/answers",
        f"/api/questionnaires/{consultation.pk}/results/export?part=responses",
        f"/api/questionnaires/{consultation.pk}/results/export?part=summary",
        f"/api/activities/{activity}/equality",
        f"/api/activities/{activity}/attendance",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        for private in (b"Buddhist", b"Bisexual", b"75+"):
            assert private not in _body(response), url


@pytest.mark.parametrize(
    ("role", "reads", "writes"),
    [
        (Role.ENGAGEMENT_OFFICER, 200, 201),
        (Role.ADMIN, 200, 201),
        (Role.PARTNER_USER, 200, 201),
        (Role.ANALYST, 200, 403),
        (Role.AUTHORITY_MEMBER, 200, 403),
        (Role.INTELLIGENCE_OFFICER, 200, 403),
    ],
)
def test_permissions_per_role_in_the_owning_organisation(
    police, client_for, consultation, role, reads, writes
):
    client = client_for(UserFactory(organisation=police, roles=[role]))
    assert client.get(f"/api/questionnaires/{consultation.pk}/results").status_code == reads
    attendance = client.post(
        f"/api/activities/{consultation.activity_id}/attendance",
        {"head_count": 3},
        content_type="application/json",
    )
    assert attendance.status_code == writes
    created = client.post(
        f"/api/activities/{consultation.activity_id}/questionnaires",
        {"title": "Another"},
        content_type="application/json",
    )
    assert created.status_code == writes
    assert client.post(f"/api/questionnaires/{consultation.pk}/versions").status_code in (writes, 201)


def test_partner_organisation_reads_but_does_not_write(outsider, client_for, consultation):
    client = client_for(outsider)
    assert client.get(f"/api/questionnaires/{consultation.pk}").status_code == 404
    consultation.activity.partners.add(outsider.organisation)
    assert client.get(f"/api/questionnaires/{consultation.pk}/results").status_code == 200
    assert (
        client.post(
            f"/api/questionnaires/{consultation.pk}/responses",
            {"channel": "paper", "answers": {}},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/activities/{consultation.activity_id}/attendance",
            {"head_count": 3},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert client.post(f"/api/questionnaires/{consultation.pk}/publish").status_code == 403
    consultation.refresh_from_db()
    assert consultation.state == QuestionnaireState.LIVE and not Attendance.objects.exists()


def test_bearer_token_and_anonymous(officer, consultation):
    raw = api_token_create(user=officer, name="scripts")[1]
    assert Client().get(f"/api/questionnaires/{consultation.pk}").status_code == 401
    authed = Client().get(
        f"/api/questionnaires/{consultation.pk}", headers={"Authorization": f"Bearer {raw}"}
    )
    assert authed.status_code == 200 and authed.json()["accepting_responses"] is True


def test_publishing_what_somebody_else_just_published_is_a_409(
    officer, client_for, consultation, monkeypatch
):
    import api.consultations
    from consultations import services

    client = client_for(officer)
    draft = services.questionnaire_new_version(user=officer, questionnaire=consultation)
    real = services.questionnaire_publish

    def other_tab_first(*, user, questionnaire):
        real(user=user, questionnaire=Questionnaire.private_objects.get(pk=questionnaire.pk))
        return real(user=user, questionnaire=questionnaire)

    monkeypatch.setattr(api.consultations.services, "questionnaire_publish", other_tab_first)
    response = client.post(f"/api/questionnaires/{draft.pk}/publish")
    assert response.status_code == 409
    assert response.json()["state"] == "live" and "Somebody else" in response.json()["detail"]


HUGE = 10**20  # a whole number no id column can hold


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", f"/api/questionnaires/{HUGE}"),
        ("get", f"/api/questionnaires/{HUGE}/results"),
        ("get", f"/api/questionnaires/{HUGE}/answers"),
        ("get", f"/api/questionnaires/{HUGE}/results/export"),
        ("get", f"/api/activities/{HUGE}/questionnaires"),
        ("get", f"/api/activities/{HUGE}/attendance"),
        ("get", f"/api/activities/{HUGE}/equality"),
        ("get", f"/api/attendance/{HUGE}"),
        ("delete", f"/api/attendance/{HUGE}"),
        ("post", f"/api/questionnaires/{HUGE}/publish"),
        ("post", f"/api/questionnaires/{HUGE}/versions"),
        ("post", f"/api/questionnaires/{HUGE}/responses"),
        ("post", f"/api/activities/{HUGE}/attendance"),
    ],
)
def test_enormous_ids_in_api_urls_are_not_found(officer, client_for, method, url):
    body = {"channel": "paper", "answers": {}, "head_count": 1}
    response = getattr(client_for(officer), method)(url, body, content_type="application/json")
    assert response.status_code == 404, response.content


def test_bad_ids_in_api_queries_and_bodies_are_404_or_422(officer, client_for, consultation):
    client = client_for(officer)
    answers = f"/api/questionnaires/{consultation.pk}/answers"
    assert client.get(answers, {"question": str(HUGE)}).status_code == 404
    assert client.get(answers, {"question": "abc"}).status_code == 422
    _written_answers(client, consultation, 2)
    first_page = client.get(answers, {"page": "1"}).json()
    assert first_page["count"] == 2 and len(first_page["items"]) == 2
    for page in ("2", str(HUGE)):
        past_the_end = client.get(answers, {"page": page})
        assert past_the_end.status_code == 200 and past_the_end.json() == {"items": [], "count": 2}
    assert client.get(answers, {"page": "0"}).status_code == 422
    post = lambda url, body: client.post(url, body, content_type="application/json")  # noqa: E731
    responses = f"/api/questionnaires/{consultation.pk}/responses"
    assert post(responses, {"channel": "paper", "answers": {str(HUGE): "x"}}).status_code == 422
    first = consultation.questions.first().pk
    assert post(responses, {"channel": "paper", "answers": {str(first): [str(HUGE)]}}).status_code == 422
    assert post(responses, {"channel": "paper", "answers": {"abc": "x"}}).status_code == 422
    activity = consultation.activity_id
    bad_questions = {"title": "x", "questions": [{"kind": "text", "text": "?", "show_if_question": HUGE}]}
    assert post(f"/api/activities/{activity}/questionnaires", bad_questions).status_code == 422
    huge_count = {"head_count": 3, "counts": {"young-people": HUGE}}
    assert post(f"/api/activities/{activity}/attendance", huge_count).status_code == 422
    assert post(f"/api/activities/{activity}/attendance", {"head_count": HUGE}).status_code == 422
    assert Response.objects.count() == 2 and not Attendance.objects.exists()


def _written_answers(client, consultation, how_many):
    body = client.get(f"/api/questionnaires/{consultation.pk}").json()
    no, why = str(_choices(body, 0)["No"]), str(body["questions"][1]["id"])
    for i in range(how_many):
        entered = client.post(
            f"/api/questionnaires/{consultation.pk}/responses",
            {"channel": "paper", "answers": {str(body["questions"][0]["id"]): [no], why: f"Worry {i}"}},
            content_type="application/json",
        )
        assert entered.status_code == 201
