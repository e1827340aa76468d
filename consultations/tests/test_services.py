import pytest
import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultations.answers import clean_answers, clean_equality, normalise_postcode
from consultations.attendance import attendance_update
from consultations.models import (
    Answer,
    Attendance,
    Channel,
    EqualityRecord,
    Questionnaire,
    QuestionnaireState,
    Response,
)
from consultations.questions import questionnaire_replace_questions, questionnaire_update
from consultations.services import (
    AlreadyResponded,
    NotAccepting,
    QuestionInput,
    questionnaire_create,
    questionnaire_new_version,
    questionnaire_publish,
    response_enter,
    response_submit,
    response_withdraw,
)
from core.lifecycle import TransitionConflict
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


# The lifecycle: draft -> live -> superseded, moved under a row lock


def test_the_lifecycle_allows_only_its_moves(consultation, officer):
    from consultations.lifecycle import QUESTIONNAIRE_LIFECYCLE

    draft = questionnaire_new_version(user=officer, questionnaire=consultation)
    with pytest.raises(ValidationError):
        QUESTIONNAIRE_LIFECYCLE.check(draft, QuestionnaireState.SUPERSEDED, officer)
    with pytest.raises(ValidationError):
        QUESTIONNAIRE_LIFECYCLE.check(consultation, QuestionnaireState.DRAFT, officer)
    assert QUESTIONNAIRE_LIFECYCLE.available(officer, draft) == [QuestionnaireState.LIVE]
    with pytest.raises(ValidationError, match="still a draft"):
        questionnaire_new_version(user=officer, questionnaire=draft)


def test_publishing_what_somebody_else_just_published_is_a_conflict(consultation, officer):
    draft = questionnaire_new_version(user=officer, questionnaire=consultation)
    stale = Questionnaire.private_objects.get(pk=draft.pk)
    questionnaire_publish(user=officer, questionnaire=draft)  # the other tab
    with pytest.raises(TransitionConflict) as conflict:
        questionnaire_publish(user=officer, questionnaire=stale)
    assert "Somebody else changed this questionnaire" in conflict.value.message
    consultation.refresh_from_db()
    assert consultation.state == QuestionnaireState.SUPERSEDED
    assert AuditEvent.objects.filter(action=AuditAction.TRANSITION, object_id=str(draft.pk)).count() == 1


def test_a_new_version_of_a_version_replaced_meanwhile_is_a_conflict(consultation, officer):
    stale = Questionnaire.private_objects.get(pk=consultation.pk)
    questionnaire_publish(
        user=officer, questionnaire=questionnaire_new_version(user=officer, questionnaire=consultation)
    )
    with pytest.raises(TransitionConflict):
        questionnaire_new_version(user=officer, questionnaire=stale)
    assert Questionnaire.private_objects.count() == 2


def test_publishing_with_no_questions_changes_nothing(officer, consultation):
    empty = questionnaire_create(user=officer, activity=consultation.activity, title="Empty")
    with pytest.raises(ValidationError, match="at least one question"):
        questionnaire_publish(user=officer, questionnaire=empty)
    empty.refresh_from_db()
    assert empty.state == QuestionnaireState.DRAFT


# The services check the consultations permissions (rules.py), not the engagement ones


@pytest.fixture
def deny():
    """Refuse one consultations permission for the test, whatever the engagement rules say."""
    changed = {}

    def refuse(name):
        changed[name] = rules.permissions.permissions[name]
        rules.set_perm(name, rules.always_deny)

    yield refuse
    for name, predicate in changed.items():
        rules.set_perm(name, predicate)


def _writes(consultation, officer):
    activity = consultation.activity
    cleaned = clean_answers(consultation, _raw(consultation, q0="Yes"))
    attendance = Attendance.objects.create(activity=activity, head_count=3)
    today = timezone.localdate()
    return {
        "consultations.add_questionnaire": lambda: questionnaire_create(
            user=officer, activity=activity, title="x"
        ),
        "consultations.change_questionnaire": lambda: questionnaire_update(
            user=officer, questionnaire=consultation, title="x"
        ),
        "consultations.enter_responses": lambda: response_enter(
            user=officer, questionnaire=consultation, cleaned=cleaned, channel="paper"
        ),
        "consultations.change_attendance": lambda: attendance_update(
            user=officer, attendance=attendance, held_on=today, head_count=4
        ),
    }


@pytest.mark.parametrize(
    "perm",
    [
        "consultations.add_questionnaire",
        "consultations.change_questionnaire",
        "consultations.enter_responses",
        "consultations.change_attendance",
    ],
)
def test_services_ask_the_consultations_rules(consultation, officer, deny, perm):
    write = _writes(consultation, officer)[perm]
    deny(perm)
    assert officer.has_perm("engagement.change_activity", consultation.activity)
    with pytest.raises(PermissionDenied):
        write()


def test_every_questionnaire_service_asks_change_questionnaire(consultation, officer, deny):
    draft = questionnaire_new_version(user=officer, questionnaire=consultation)
    deny("consultations.change_questionnaire")
    for write in (
        lambda: questionnaire_publish(user=officer, questionnaire=draft),
        lambda: questionnaire_new_version(user=officer, questionnaire=consultation),
        lambda: questionnaire_replace_questions(user=officer, questionnaire=draft, questions=[]),
    ):
        with pytest.raises(PermissionDenied):
            write()
    draft.refresh_from_db()
    assert draft.state == QuestionnaireState.DRAFT and draft.questions.count() == 6
