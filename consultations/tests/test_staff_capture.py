"""Offline capture: typing in paper, event and phone responses; attendance; standalone paper
equality-monitoring forms."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Attendance, Channel, EqualityRecord, Response
from consultations.services import questionnaire_create
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from places.tests.factories import AudienceFactory


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


def _ids(questionnaire):
    """{position: (question id, {label: choice id})}"""
    return {
        q.position: (q.pk, {c.label: str(c.pk) for c in q.choices.all()})
        for q in questionnaire.questions.prefetch_related("choices")
    }


def _paper(questionnaire, channel="paper", **answers):
    ids = _ids(questionnaire)
    data = {"channel": channel}
    for key, value in answers.items():
        if key.startswith("eq_") or key == "received_on":
            data[key] = value
            continue
        position = int(key[1:])
        pk, labels = ids[position]
        if position == 4:  # ranking: one select per rank
            for rank, label in enumerate(value, 1):
                data[f"q{pk}_{rank}"] = labels[label]
        elif isinstance(value, list):
            data[f"q{pk}"] = [labels[v] for v in value]
        else:
            data[f"q{pk}"] = labels.get(value, value)
    return data


def test_entry_page_is_one_keyboard_friendly_form(client, consultation):
    page = client.get(reverse("consultations:response_enter", kwargs={"pk": consultation.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    first = consultation.questions.first()
    assert (
        body.count("autofocus") == 1
        and f'name="q{first.pk}"' in body.split("autofocus")[0].rsplit("<input", 1)[1]
    )
    # Enter submits with the form's first button: "Save and enter another".
    form = body.split('<form method="post"')[-1]
    first_button = form[form.index("<button") : form.index("</button>")]
    assert 'type="submit"' in first_button and 'name="another"' in first_button
    assert "Save and enter another" in first_button
    assert "Only if question 1 is “No”" in body
    assert "What is your ethnic group?" in body
    assert body.count('value="paper" checked') == 1


def test_save_and_enter_another_keeps_the_channel_and_counts(client, consultation, officer, ward):
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    data = _paper(
        consultation,
        channel="event",
        q0="No",
        q1="Dark alley by the station",
        q2=["Speeding", "ASB"],
        q3="Agree",
        q4=["Litter", "Drugs"],
        q5="m33 5ab",
        eq_age_band="25-34",
        eq_sex="Prefer not to say",
    )
    first = client.post(url, {**data, "another": "1"})
    assert first.status_code == 302 and first["Location"] == f"{url}?channel=event"
    response = Response.objects.get()
    assert response.channel == Channel.EVENT and response.entered_by == officer and response.area == ward
    ranks = list(
        Answer.objects.filter(response=response, rank__isnull=False).values_list("choice__label", "rank")
    )
    assert ranks == [("Litter", 1), ("Drugs", 2)]
    assert EqualityRecord.objects.get(response=response).age_band == "25-34"
    page = client.get(first["Location"])
    body = page.content.decode()
    assert "Response 1 saved. Receipt code" in body and "govuk-notification-banner" not in body
    assert 'value="event" checked' in body
    assert "Dark alley" not in body  # the form starts empty for the next one
    client.post(url, _paper(consultation, channel="event", q0="Yes"))
    assert Response.objects.count() == 2
    assert "<strong>2</strong> entered in this session" in client.get(url).content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="consultations.response").first()
    assert (
        event.changes == {"channel": "event"} and "Dark alley" not in str(event.changes) + event.object_repr
    )


def test_paper_date_is_optional_and_not_in_the_future(client, consultation):
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    past = timezone.localdate() - timedelta(days=40)
    assert client.post(url, _paper(consultation, q0="Yes", received_on=past.isoformat())).status_code == 302
    assert timezone.localdate(Response.objects.get().submitted_at) == past
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, _paper(consultation, q0="Yes", received_on=future))
    assert response.status_code == 400 and b"cannot be in the future" in response.content
    assert Response.objects.count() == 1


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Select an answer"),
        ({"q0": "No", "q1": "x" * 201}, "200 characters or fewer"),
        ({"q0": "Yes", "q5": "SW1A 1AA"}, "could not find that postcode"),
        ({"q0": "Yes", "q5": "nonsense"}, "Enter a full UK postcode"),
        ({"q0": "Yes", "q4": ["Drugs", "Drugs"]}, "Choose each option only once"),
        ({"q0": "Yes", "eq_sex": "Robot"}, "Select a valid choice"),
        ({"q0": "9999"}, "Select a valid choice"),
    ],
)
def test_bad_answers_are_shown_next_to_the_question_and_nothing_is_stored(
    client, consultation, answers, message
):
    response = client.post(
        reverse("consultations:response_enter", kwargs={"pk": consultation.pk}),
        _paper(consultation, **answers),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and message in body
    assert not Response.objects.exists() and not EqualityRecord.objects.exists()


def test_web_channel_is_not_offered(client, consultation):
    response = client.post(
        reverse("consultations:response_enter", kwargs={"pk": consultation.pk}),
        _paper(consultation, channel="web", q0="Yes"),
    )
    assert response.status_code == 400 and not Response.objects.exists()


def test_answers_to_skipped_questions_are_not_kept(client, consultation):
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    client.post(url, _paper(consultation, q0="Yes", q1="Should not be kept"))
    assert not Answer.objects.filter(text="Should not be kept").exists()


def test_drafts_take_no_responses(client, officer, consultation):
    draft = questionnaire_create(user=officer, activity=consultation.activity, title="Draft")
    response = client.get(reverse("consultations:response_enter", kwargs={"pk": draft.pk}))
    assert response.status_code == 302
    assert b"Publish the questionnaire" in client.get(response["Location"]).content


def test_closed_consultations_still_take_paper_responses(client, consultation):
    consultation.activity.status = "closed"
    consultation.activity.save()
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    assert client.post(url, _paper(consultation, q0="Yes")).status_code == 302
    assert Response.objects.get().channel == Channel.PAPER


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUTHORITY_MEMBER])
def test_only_the_activity_team_enters_responses(police, consultation, role):
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[role]))
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, _paper(consultation, q0="Yes")).status_code == 403
    assert not Response.objects.exists()


def test_another_organisation_gets_404(outsider, consultation):
    client = Client()
    client.force_login(outsider)
    url = reverse("consultations:response_enter", kwargs={"pk": consultation.pk})
    assert client.post(url, _paper(consultation, q0="Yes")).status_code == 404


# Attendance


@pytest.fixture
def audiences(db):
    return [AudienceFactory(name="Young people"), AudienceFactory(name="Older people")]


def test_record_change_and_delete_attendance(client, consultation, audiences):
    activity = consultation.activity
    young, older = audiences
    new = reverse("consultations:attendance_create", kwargs={"activity_pk": activity.pk})
    form = client.get(new)
    assert form.status_code == 200 and b"Young people" in form.content
    today = timezone.localdate().isoformat()
    response = client.post(
        new,
        {
            "held_on": today,
            "head_count": "40",
            "is_estimate": "estimate",
            "notes": "Rain",
            f"audience_{young.pk}": "12",
            f"audience_{older.pk}": "",
        },
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.head_count == 40 and attendance.is_estimate
    assert {c.audience.name: c.count for c in attendance.counts.all()} == {"Young people": 12}
    listing = client.get(response["Location"]).content.decode()
    assert "40" in listing and "(estimate)" in listing and "Young people: 12" in listing
    edit = reverse("consultations:attendance_edit", kwargs={"pk": attendance.pk})
    assert b'value="12"' in client.get(edit).content
    client.post(
        edit, {"held_on": today, "head_count": "38", "is_estimate": "exact", f"audience_{older.pk}": "5"}
    )
    attendance.refresh_from_db()
    assert attendance.head_count == 38 and not attendance.is_estimate
    assert {c.audience.name: c.count for c in attendance.counts.all()} == {"Older people": 5}
    update = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="consultations.attendance")
    assert update.changes["head_count"] == [40, 38]
    delete = reverse("consultations:attendance_delete", kwargs={"pk": attendance.pk})
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302 and not Attendance.objects.exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="consultations.attendance"
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"head_count": "-1"}, "greater than or equal to 0"),
        ({"head_count": ""}, "Enter how many people came"),
        ({"held_on": "2099-01-01"}, "cannot be in the future"),
        ({"audience": "50"}, "more than the head count"),
        ({"is_estimate": "maybe"}, "Select a valid choice"),
    ],
)
def test_bad_attendance_is_explained(client, consultation, audiences, overrides, message):
    data = {"held_on": timezone.localdate().isoformat(), "head_count": "10", "is_estimate": "exact"}
    if "audience" in overrides:
        data[f"audience_{audiences[0].pk}"] = overrides.pop("audience")
    data.update(overrides)
    response = client.post(
        reverse("consultations:attendance_create", kwargs={"activity_pk": consultation.activity_id}), data
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Attendance.objects.exists()


def test_readers_see_attendance_but_cannot_record_it(police, consultation):
    Attendance.objects.create(activity=consultation.activity, head_count=9)
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[Role.ANALYST]))
    listing = client.get(
        reverse("consultations:attendance_list", kwargs={"activity_pk": consultation.activity_id})
    )
    assert listing.status_code == 200 and b"Record attendance" not in listing.content
    url = reverse("consultations:attendance_create", kwargs={"activity_pk": consultation.activity_id})
    assert (
        client.post(url, {"held_on": "2020-01-01", "head_count": "1", "is_estimate": "exact"}).status_code
        == 403
    )


# Standalone paper equality forms


def test_paper_equality_forms_are_anonymous_and_only_shown_as_totals(client, consultation):
    url = reverse("consultations:equality_form_enter", kwargs={"activity_pk": consultation.activity_id})
    page = client.get(url)
    assert page.status_code == 200 and b"autofocus" in page.content
    for i in range(6):
        response = client.post(
            url,
            {
                "channel": "paper",
                "eq_age_band": "25-34" if i < 5 else "75+",
                "eq_sex": "Female",
                "eq_ethnicity": "White: English, Welsh, Scottish, Northern Irish or British",
                "another": "1",
            },
        )
        assert response.status_code == 302 and response["Location"] == f"{url}?channel=paper"
    records = EqualityRecord.objects.all()
    assert records.count() == 6 and all(r.response_id is None and r.channel == "paper" for r in records)
    assert b"6 entered in this session" in client.get(url).content.replace(b"<strong>", b"").replace(
        b"</strong>", b""
    )
    listing = client.get(
        reverse("consultations:attendance_list", kwargs={"activity_pk": consultation.activity_id})
    )
    body = listing.content.decode()
    assert "6 equality-monitoring forms" in body
    assert "not shown" in body  # the lone 75+ (and the next smallest) are hidden
    audit = AuditEvent.objects.filter(object_type="consultations.equalityrecord")
    assert audit.count() == 6 and all("Female" not in str(a.changes) + a.object_repr for a in audit)


def test_blank_or_bad_equality_forms_are_refused(client, consultation):
    url = reverse("consultations:equality_form_enter", kwargs={"activity_pk": consultation.activity_id})
    blank = client.post(url, {"channel": "paper"})
    assert blank.status_code == 400 and b"The form is blank" in blank.content
    bad = client.post(url, {"channel": "web", "eq_sex": "Female"})
    assert bad.status_code == 400
    assert not EqualityRecord.objects.exists()
