import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import AuditEvent
from insight import services, triage
from insight.models import AnalysisRun, CodedAnswer, IntelligenceFlag, RunState, Theme
from organisations.models import Role
from organisations.tests.factories import UserFactory

from .conftest import ANSWERS, add_answer


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
        run.move_to(RunState.RUNNING)


def test_withdrawal_removes_the_coded_answer(run):
    coded = run.coded_answers.exclude(theme=None).first()
    coded.answer.response.delete()
    assert not CodedAnswer.objects.filter(pk=coded.pk).exists()


def test_rerun_keeps_reviewed_themes_and_assigns_new_answers(
    run, analyst, django_capture_on_commit_callbacks
):
    themes = list(run.themes.all())
    for theme in themes:
        services.theme_set_reviewed(user=analyst, theme=theme)
    services.theme_rename(user=analyst, theme=themes[0], label="My reviewed theme")
    flags = IntelligenceFlag.objects.count()
    add_answer(run.question, "Speeding cars again near the school, far too fast")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    assert again.state == RunState.DONE
    labels = {t.label for t in again.themes.all()}
    assert {t.label for t in Theme.objects.filter(run=run)} <= labels
    assert "My reviewed theme" in labels
    assert again.coded_answers.count() == len(ANSWERS) + 1
    assert not again.coded_answers.filter(is_empty_bucket=False, theme=None).exists()
    assert IntelligenceFlag.objects.count() == flags  # kept, not duplicated


def test_split_merge_move_and_audit(run, analyst):
    theme = run.themes.order_by("-size").first()
    total = theme.size
    first, second = services.theme_split(user=analyst, theme=theme)
    second.refresh_from_db()
    assert first.size + second.size == total and first.size and second.size
    coded = first.coded.first()
    services.coded_answer_move(user=analyst, coded=coded, theme=second)
    assert second.coded.filter(pk=coded.pk).exists()
    merged = services.theme_merge(user=analyst, theme=second, into=first)
    assert merged.size == total and not Theme.objects.filter(pk=second.pk).exists()
    assert AuditEvent.objects.filter(object_type="insight.theme").count() == 2
    assert AuditEvent.objects.filter(object_type="insight.codedanswer").count() == 1
    with pytest.raises(ValidationError):
        services.theme_merge(user=analyst, theme=merged, into=merged)


def test_another_organisation_cannot_correct(run, council):
    theme = run.themes.first()
    with pytest.raises(PermissionDenied):
        services.theme_rename(
            user=UserFactory(organisation=council, roles=[Role.ANALYST]), theme=theme, label="x"
        )


def test_triage(run, intel, analyst):
    flag = IntelligenceFlag.objects.get(answer__text__contains="Dave Smith")
    with pytest.raises(PermissionDenied):
        triage.flag_pass(user=analyst, flag=flag, reference="LIU/1")
    with pytest.raises(ValidationError):
        triage.flag_pass(user=intel, flag=flag, reference=" ")
    triage.flag_pass(user=intel, flag=flag, reference="LIU/1")
    assert flag.state == "passed" and AuditEvent.objects.for_object(flag).count() == 1
    with pytest.raises(ValidationError):
        triage.flag_dismiss(user=intel, flag=flag, reason="dup")


def test_flags_are_visible_only_to_intelligence_officers(run, intel, analyst, officer, council):
    assert IntelligenceFlag.objects.visible_to(intel).count() == IntelligenceFlag.objects.count() >= 1
    for user in (analyst, officer, UserFactory(organisation=council, roles=[Role.INTELLIGENCE_OFFICER])):
        assert not IntelligenceFlag.objects.visible_to(user).exists()


def test_rerun_with_some_themes_unreviewed(run, analyst, django_capture_on_commit_callbacks):
    theme = run.themes.order_by("-size").first()
    kept, _other = services.theme_split(user=analyst, theme=theme)
    services.theme_rename(user=analyst, theme=kept, label="Kept theme")
    services.theme_set_reviewed(user=analyst, theme=kept)
    kept_answers = set(kept.coded.values_list("answer_id", flat=True))
    new = add_answer(run.question, "Litter and rubbish dumped in the park again")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    assert again.state == RunState.DONE
    carried = again.themes.get(label="Kept theme")
    assert carried.reviewed and kept_answers <= set(carried.coded.values_list("answer_id", flat=True))
    assert again.coded_answers.count() == len(ANSWERS) + 1
    assert again.coded_answers.filter(answer=new).exclude(theme=None).exists()
    assert not again.themes.filter(reviewed=False, label="Kept theme").exists()


def test_an_analysis_across_activities(question, analyst, council, django_capture_on_commit_callbacks):
    from django.test import Client
    from django.urls import reverse

    from consultations.models import Question

    second = Question.objects.create(questionnaire=question.questionnaire, kind="text", text="Anything else?")
    add_answer(second, "More police patrols in the evening please")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create_across(user=analyst, filters=services.AcrossFilters())
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.questionnaire is None
    assert run.coded_answers.count() == len(ANSWERS) + 1
    with pytest.raises(ValidationError):
        services.analysis_run_create_across(user=analyst, filters=services.AcrossFilters(area="E05999999"))
    empty = services.AcrossFilters(method="no-such-method")
    with django_capture_on_commit_callbacks(execute=True):
        none = services.analysis_run_create_across(user=analyst, filters=empty)
    none.refresh_from_db()
    assert none.state == RunState.DONE and none.answer_count == 0
    client = Client()
    client.force_login(analyst)
    assert client.get(reverse("insight:run_detail", kwargs={"pk": run.pk})).status_code == 200
    assert b"Analysis" in client.get(reverse("insight:analysis_across")).content
    outsider = UserFactory(organisation=council, roles=[Role.ANALYST])
    client.force_login(outsider)
    assert client.get(reverse("insight:run_detail", kwargs={"pk": run.pk})).status_code == 404
    assert f"Analysis {run.pk}".encode() not in client.get(reverse("insight:analysis_across")).content


def test_the_across_page_starts_a_run(analyst, question, django_capture_on_commit_callbacks):
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(analyst)
    url = reverse("insight:analysis_across")
    bad = client.post(url, {"start": "2026-05-01", "end": "2026-01-01"})
    assert bad.status_code == 200 and b"after its start" in bad.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {})
    assert response.status_code == 302
    assert AnalysisRun.objects.get(questionnaire=None).state == RunState.DONE
