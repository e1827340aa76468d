import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.answers import clean_answers, clean_equality, normalise_postcode
from consultations.models import Answer, Channel, EqualityRecord, QuestionnaireState, Response
from consultations.services import (
    AlreadyResponded,
    NotAccepting,
    QuestionInput,
    questionnaire_new_version,
    questionnaire_publish,
    questionnaire_replace_questions,
    response_submit,
    response_withdraw,
)
from engagement.models import Status
from governance.models import AuditAction, AuditEvent


def _raw(q, **by_position):
    questions = list(q.questions.prefetch_related("choices"))
    raw = {}
    for position, value in by_position.items():
        question = questions[int(position[1:])]
        labels = {c.label: str(c.pk) for c in question.choices.all()}
        values = value if isinstance(value, list) else [value]
        raw[question.pk] = [labels.get(v, v) for v in values]
    return raw


def test_skip_logic_and_required(consultation):
    cleaned = clean_answers(consultation, _raw(consultation, q1="Too dark"))
    q0 = consultation.questions.first()
    assert cleaned.errors == {q0.pk: "Select an answer"}
    yes = clean_answers(consultation, _raw(consultation, q0="Yes", q1="Too dark"))
    assert yes.is_valid and [a.question.position for a in yes.answers] == [0]  # q1 hidden: dropped
    no = clean_answers(consultation, _raw(consultation, q0="No", q1="Too dark"))
    assert [a.text for a in no.answers if a.text] == ["Too dark"]


def test_tampered_and_oversize_answers_are_errors(consultation):
    questions = list(consultation.questions.all())
    assert clean_answers(consultation, {questions[0].pk: ["999999"]}).errors[questions[0].pk]
    long = clean_answers(consultation, _raw(consultation, q0="No", q1="x" * 201))
    assert "200 characters or fewer" in long.errors[questions[1].pk]
    two = clean_answers(consultation, _raw(consultation, q0=["Yes", "No"]))
    assert two.errors[questions[0].pk] == "Choose one option."
    dup = clean_answers(consultation, _raw(consultation, q0="Yes", q4=["Drugs", "Drugs"]))
    assert dup.errors[questions[4].pk] == "Choose each option only once."


def test_postcode_to_neighbourhood(consultation, ward):
    assert normalise_postcode(" m335ab ") == "M33 5AB" and normalise_postcode("hello") is None
    cleaned = clean_answers(consultation, _raw(consultation, q0="Yes", q5="m33 5ab"))
    assert cleaned.area == ward
    unknown = clean_answers(consultation, _raw(consultation, q0="Yes", q5="SW1A 1AA"))
    assert "could not find that postcode" in next(iter(unknown.errors.values()))


def test_submit_stores_answers_equality_apart_and_a_hashed_receipt(consultation, ward):
    cleaned = clean_answers(
        consultation,
        _raw(
            consultation,
            q0="No",
            q1="Dark alley",
            q2=["Speeding", "ASB"],
            q3="Agree",
            q4=["Litter", "Drugs"],
            q5="M33 5AB",
        ),
    )
    equality, errors = clean_equality({"age_band": "25-34", "religion": "Prefer not to say"})
    assert not errors
    response, code = response_submit(
        questionnaire=consultation, cleaned=cleaned, equality=equality, browser_token="tok-1"
    )
    assert len(code) == 14 and code not in response.receipt_hash
    assert response.area == ward
    ranks = list(
        Answer.objects.filter(response=response, rank__isnull=False).values_list("choice__label", "rank")
    )
    assert ranks == [("Litter", 1), ("Drugs", 2)]
    assert EqualityRecord.objects.get(response=response).age_band == "25-34"


def test_bad_equality_values_are_refused():
    assert clean_equality({"sex": "Robot"})[1] == {"sex": "Choose from the options given."}


def test_one_response_per_browser_token(consultation):
    cleaned = clean_answers(consultation, _raw(consultation, q0="Yes"))
    response_submit(questionnaire=consultation, cleaned=cleaned, browser_token="same")
    with pytest.raises(AlreadyResponded):
        response_submit(questionnaire=consultation, cleaned=cleaned, browser_token="same")
    assert Response.objects.count() == 1


def test_closed_consultation_accepts_nothing_online(consultation):
    consultation.activity.status = Status.CLOSED
    consultation.activity.save()
    with pytest.raises(NotAccepting):
        response_submit(
            questionnaire=consultation, cleaned=clean_answers(consultation, _raw(consultation, q0="Yes"))
        )
    assert not Response.objects.exists()


def test_offline_entry_needs_the_activity_team(consultation, officer, outsider):
    cleaned = clean_answers(consultation, _raw(consultation, q0="Yes"))
    with pytest.raises(PermissionDenied):
        response_submit(
            questionnaire=consultation, cleaned=cleaned, channel=Channel.PAPER, entered_by=outsider
        )
    response, _ = response_submit(
        questionnaire=consultation, cleaned=cleaned, channel=Channel.PAPER, entered_by=officer
    )
    assert response.channel == Channel.PAPER and response.entered_by == officer


def test_withdraw_deletes_everything_and_audits_without_content(consultation):
    cleaned = clean_answers(consultation, _raw(consultation, q0="No", q1="SECRET-TEXT"))
    _, code = response_submit(questionnaire=consultation, cleaned=cleaned, equality={"sex": "Female"})
    assert response_withdraw(receipt_code=code.lower().replace("-", " "))
    assert (
        not Response.objects.exists() and not Answer.objects.exists() and not EqualityRecord.objects.exists()
    )
    event = AuditEvent.objects.get(action=AuditAction.WITHDRAW)
    assert "SECRET-TEXT" not in str(event.changes) + event.object_repr
    assert response_withdraw(receipt_code=code) is False


def test_questions_freeze_once_answered_and_versions_replace(consultation, officer):
    response_submit(
        questionnaire=consultation, cleaned=clean_answers(consultation, _raw(consultation, q0="Yes"))
    )
    with pytest.raises(ValidationError):
        questionnaire_replace_questions(
            user=officer, questionnaire=consultation, questions=[QuestionInput(kind="text", text="New")]
        )
    v2 = questionnaire_new_version(user=officer, questionnaire=consultation)
    assert v2.version == 2 and v2.questions.count() == 6
    assert v2.questions.get(position=1).show_if_choices.get().label == "No"
    questionnaire_replace_questions(
        user=officer, questionnaire=v2, questions=[QuestionInput(kind="text", text="New")]
    )
    questionnaire_publish(user=officer, questionnaire=v2)
    consultation.refresh_from_db()
    assert consultation.state == QuestionnaireState.SUPERSEDED and consultation.responses.count() == 1


def test_question_validation(officer, consultation):
    v2 = questionnaire_new_version(user=officer, questionnaire=consultation)
    for bad in (
        [QuestionInput(kind="single", text="One option", choices=["Only"])],
        [QuestionInput(kind="text", text="x", show_if_question=0, show_if_choices=["No"])],
        [QuestionInput(kind="text", text="With options", choices=["a", "b"])],
    ):
        with pytest.raises(ValidationError):
            questionnaire_replace_questions(user=officer, questionnaire=v2, questions=bad)
    assert v2.questions.count() == 6  # failed rewrites left the questions as they were
