"""Running an analysis: every answer themed, themes named from redacted text, quotes kept as
marks on coded answers, a failure leaving nothing behind, a dead worker's run marked failed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import AuditEvent
from insight import pipeline, services
from insight.lifecycles import RUN
from insight.models import AnalysisRun, CodedAnswer, IntelligenceFlag, RunState, Theme
from organisations.models import Role
from organisations.tests.factories import UserFactory

from .conftest import ANSWERS, add_answer

PERSONAL = ["dave", "smith", "ab12", "elm street", "07700"]


def test_a_run_themes_every_answer(run):
    assert run.state == RunState.DONE and run.progress == 100 and run.answer_count == len(ANSWERS)
    coded = run.coded_answers.all()
    assert coded.count() == len(ANSWERS)
    assert coded.filter(is_empty_bucket=True).get().answer.text == "nothing"
    assert not coded.filter(is_empty_bucket=False, theme=None).exists()
    themes = list(run.themes.all())
    assert themes and sum(t.size for t in themes) == len(ANSWERS) - 1
    assert all(t.label and t.key_terms for t in themes)
    assert AuditEvent.objects.for_object(run).count() == 2  # created, done


def test_quotes_are_marks_on_coded_answers_not_copies(run):
    quotes = CodedAnswer.objects.filter(run=run).exclude(quote_position=None)
    assert quotes.exists()
    assert all(q.theme_id is not None for q in quotes)
    assert not hasattr(Theme, "quotes")


def test_labels_and_key_terms_are_built_from_redacted_text(
    question, analyst, django_capture_on_commit_callbacks
):
    for text in [
        "Called Dave Smith, AB12 CDE, blue Ford, parks on the pavement",
        "Dave Smith at 14 Elm Street parks his blue Ford AB12 CDE on the pavement",
        "Ring Dave Smith on 07700 900123 about the blue Ford on the pavement",
        "Dave Smith parks the blue Ford AB12 CDE across the pavement every day",
    ]:
        add_answer(question, text)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create(user=analyst, question=question)
    run.refresh_from_db()
    assert run.state == RunState.DONE
    words = " ".join(
        t.label + " " + t.summary + " " + " ".join(t.key_terms) for t in run.themes.all()
    ).lower()
    for value in PERSONAL:
        assert value not in words
    assert "name" not in words.split() and "[" not in words


def test_themes_have_a_name_and_a_two_sentence_summary(run):
    names = [t.label for t in run.themes.all()]
    assert len(set(names)) == len(names)
    for theme in run.themes.all():
        assert theme.label[0].isupper() and not theme.label.endswith(".")
        assert theme.summary.endswith(".") and theme.summary.count(". ") == 1, theme.summary


def test_the_run_flags_intelligence(run):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    assert flag.organisation_id == run.organisation_id


def test_only_the_owning_organisation_may_start_a_run(question, council):
    for user in (
        UserFactory(organisation=council, roles=[Role.ANALYST]),
        UserFactory(
            organisation=question.questionnaire.activity.lead_organisation, roles=[Role.INTELLIGENCE_OFFICER]
        ),
    ):
        with pytest.raises(PermissionDenied):
            services.analysis_run_create(user=user, question=question)
    assert not AnalysisRun.objects.exists()


def test_state_moves_are_checked(run):
    with pytest.raises(ValidationError):
        RUN.advance(run, RunState.RUNNING)


def test_a_failure_leaves_no_half_written_run(
    question, analyst, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(texts, **kwargs):
        raise RuntimeError("the intelligence model is missing")

    monkeypatch.setattr(pipeline.text, "detect_intelligence", broken)
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create(user=analyst, question=question)
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "intelligence model" in run.error
    assert not run.themes.exists() and not run.coded_answers.exists()
    assert not IntelligenceFlag.objects.exists()


def test_a_run_whose_heartbeat_stopped_is_marked_failed(run, settings):
    stale = AnalysisRun.objects.create(
        questionnaire=run.questionnaire,
        question=run.question,
        organisation=run.organisation,
        state=RunState.RUNNING,
        progress=40,
        heartbeat_at=timezone.now() - timedelta(minutes=10),
    )
    alive = AnalysisRun.objects.create(
        questionnaire=run.questionnaire,
        question=run.question,
        organisation=run.organisation,
        state=RunState.RUNNING,
        progress=40,
        heartbeat_at=timezone.now(),
    )
    settings.HEARD_ANALYSIS_STALE_SECONDS = 120
    assert services.analysis_runs_fail_stale() == 1
    stale.refresh_from_db()
    alive.refresh_from_db()
    assert stale.state == RunState.FAILED and stale.error == pipeline.STOPPED
    assert alive.state == RunState.RUNNING
    assert run.state == RunState.DONE


def test_rerun_keeps_reviewed_themes_and_assigns_new_answers(
    run, analyst, django_capture_on_commit_callbacks
):
    from insight import themes as theme_services

    themes = list(run.themes.all())
    for theme in themes:
        theme_services.theme_set_reviewed(user=analyst, theme=theme)
    theme_services.theme_rename(user=analyst, theme=themes[0], label="My reviewed theme")
    flags = IntelligenceFlag.objects.count()
    add_answer(run.question, "Speeding cars again near the school, far too fast")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    assert again.state == RunState.DONE
    labels = {t.label for t in again.themes.all()}
    assert "My reviewed theme" in labels
    assert again.themes.get(label="My reviewed theme").named_by_analyst
    assert again.coded_answers.count() == len(ANSWERS) + 1
    assert not again.coded_answers.filter(is_empty_bucket=False, theme=None).exists()
    assert IntelligenceFlag.objects.count() == flags  # kept, not duplicated
    carried = set(again.coded_answers.exclude(quote_position=None).values_list("answer_id", flat=True))
    assert carried <= set(again.coded_answers.values_list("answer_id", flat=True))


def test_the_command_marks_stale_runs_failed(run):
    from io import StringIO

    from django.core.management import call_command

    AnalysisRun.objects.filter(pk=run.pk).update(
        state=RunState.RUNNING, heartbeat_at=timezone.now() - timedelta(hours=1)
    )
    out = StringIO()
    call_command("fail_stale_analyses", stdout=out)
    assert "1 stopped analysis marked failed." in out.getvalue()
    run.refresh_from_db()
    assert run.state == RunState.FAILED and not run.themes.exists()
