"""What a withdrawal does to what insight derived from the response: quotes, coded answers,
theme sizes, key terms and labels go or are made again; untriaged flags go; flags already
passed to the intelligence unit stay as police records."""

import pytest

from consultations.models import Answer, Response, hash_receipt
from consultations.services import response_withdraw
from governance.models import AuditAction, AuditEvent
from insight import services, triage
from insight.models import CodedAnswer, FlagState, IntelligenceFlag, Theme

CODE = "WXYZ-2345-6789"


def _with_code(answer: Answer) -> str:
    Response.objects.filter(pk=answer.response_id).update(receipt_hash=hash_receipt(CODE))
    return CODE


@pytest.fixture
def quoted(run):
    """A coded answer that is one of its theme's quotes."""
    return (
        CodedAnswer.objects.filter(run=run)
        .exclude(quote_position=None)
        .select_related("answer", "theme")
        .first()
    )


def test_a_withdrawn_quote_goes_and_its_theme_is_recounted_and_relabelled(run, quoted):
    theme = quoted.theme
    size = theme.size
    assert response_withdraw(receipt_code=_with_code(quoted.answer))
    theme.refresh_from_db()
    assert theme.size == size - 1
    assert not CodedAnswer.objects.filter(answer_id=quoted.answer_id).exists()
    positions = list(
        theme.coded.exclude(quote_position=None)
        .order_by("quote_position")
        .values_list("quote_position", flat=True)
    )
    assert positions == list(range(len(positions)))
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="insight.analysisrun").exists()


def test_a_rerun_after_withdrawal_carries_nothing_of_it(
    run, quoted, analyst, django_capture_on_commit_callbacks
):
    from insight import themes

    themes.theme_set_reviewed(user=analyst, theme=quoted.theme)
    answer_id, text = quoted.answer_id, quoted.answer.text
    response_withdraw(receipt_code=_with_code(quoted.answer))
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    assert not CodedAnswer.objects.filter(answer_id=answer_id).exists()
    assert not Answer.objects.filter(text=text).exists()
    assert again.pk


def test_an_untriaged_flag_goes_with_the_response(run):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    response_withdraw(receipt_code=_with_code(flag.answer))
    assert not IntelligenceFlag.objects.filter(pk=flag.pk).exists()


def test_a_flag_passed_on_stays_as_a_police_record(run, intel):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    answer = flag.answer
    triage.flag_pass(user=intel, flag=flag, reference="LIU/9")
    response_withdraw(receipt_code=_with_code(answer))
    flag.refresh_from_db()
    assert flag.state == FlagState.PASSED and flag.answer_id is None
    assert flag.response_withdrawn_at is not None and "Dave Smith" in flag.text
    assert not Answer.objects.filter(pk=answer.pk).exists()
    event = AuditEvent.objects.for_object(flag).filter(action=AuditAction.WITHDRAW).get()
    assert "police record" in event.changes["kept"]
    assert "Dave" not in str(event.changes)


def test_themes_of_other_runs_lose_it_too(run, quoted, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        second = services.analysis_run_create(user=analyst, question=run.question)
    answer_id = quoted.answer_id
    response_withdraw(receipt_code=_with_code(quoted.answer))
    for each in (run, second):
        assert not each.coded_answers.filter(answer_id=answer_id).exists()
        sizes = sum(Theme.objects.filter(run=each).values_list("size", flat=True))
        assert sizes == each.coded_answers.exclude(theme=None).count()
