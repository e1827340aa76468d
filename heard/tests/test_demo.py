"""The demo loads real places and a register with something on every page, and loads again
without duplicating anything."""

from datetime import date

import pytest

from consultations.models import Answer, Attendance, EqualityRecord, Questionnaire
from engagement.models import Activity, ChecklistAnswer, Status
from governance.models import Marking
from heard.demo import USERS, demo_load
from heard.demo_consultations import YOUTH_TITLE, polis_comments
from insight.models import AnalysisRun, Priority, Theme
from organisations.models import Organisation, Role, User
from outcomes.models import Evaluation, Feedback, Finding, Measure, Report
from places.models import Area, AreaLevel
from reach.models import AuditImport, CommunityContact, JointProposal


@pytest.mark.django_db
def test_demo_load_is_complete_and_idempotent():
    first = demo_load(today=date(2026, 11, 22))
    assert first.created_activities > 40
    assert first.activities > first.created_activities + 1  # the youth consultation, the parts' own
    assert Organisation.objects.count() == 10
    assert Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__code="E08000009").count() == 21
    assert {u.roles for u in User.objects.all()} == {frozenset({role.value}) for _, _, role, *_ in USERS}
    statuses = set(Activity.private_objects.values_list("status", flat=True))
    assert statuses >= {Status.DRAFT, Status.PLANNED, Status.OPEN, Status.CLOSED, Status.EVALUATED}
    assert Activity.private_objects.filter(marking=Marking.OFFICIAL_SENSITIVE).exists()
    assert Activity.public_objects.count() > 20
    assert ChecklistAnswer.objects.count() > 300
    for activity in Activity.private_objects.filter(status=Status.EVALUATED):
        assert activity.checklist_answers.filter(point=25, answer="done").exists()
    assert Activity.private_objects.filter(lead_organisation__slug="trafford-council").exists()
    assert first.live_questionnaires >= 2
    youth = Questionnaire.private_objects.get(title=YOUTH_TITLE)
    assert youth.responses.count() == len(polis_comments()) == 36
    assert Answer.objects.filter(question__questionnaire=youth, text__icontains="police").exists()
    assert EqualityRecord.objects.exists() and Attendance.objects.exists()
    assert youth.is_accepting_responses(date(2026, 11, 22))
    assert AnalysisRun.objects.filter(questionnaire=youth).exists()
    # the safety survey's written answers, some in Urdu, Polish and Punjabi, are analysed too
    assert AnalysisRun.objects.filter(question__answers__response__language__in=["ur", "pl", "pa"]).exists()
    # the analyses read like an analyst's: a name and a two-sentence summary per theme
    themes = Theme.objects.filter(run__state="done")
    assert themes.exists() and all(t.label and t.summary.count(". ") == 1 for t in themes)
    # and each can be made broader or finer at once: the groups at every level are stored
    assert not AnalysisRun.objects.filter(themes__isnull=False, level=None).exists()
    assert Priority.public_objects.filter(quarter="2026-Q4").count() == 21 * 3
    from_ranking = Priority.private_objects.filter(
        source="ranking", quarter="2026-Q4", question__questionnaire=youth
    )
    assert list(from_ranking.values_list("rank", flat=True)) == [1, 2, 3]
    assert Finding.objects.exists() and Feedback.objects.filter(state="published").exists()
    assert Evaluation.objects.exists() and Measure.objects.exists() and CommunityContact.objects.exists()
    assert JointProposal.objects.exists() and AuditImport.objects.exists()
    assert set(Report.objects.values_list("kind", "state")) == {("annual", "done"), ("evidence", "done")}
    member = User.objects.get(username="member")  # the board has this year's activities to show
    assert Activity.private_objects.visible_to(member).filter(starts_at__year=2026).count() > 10
    loaded = {model: model.objects.count() for model in (Finding, Feedback, Evaluation, Measure, Report)}
    again = demo_load(today=date(2026, 11, 22))
    assert {model: model.objects.count() for model in loaded} == loaded
    assert again.created_activities == 0 and again.activities == first.activities
    assert youth.responses.count() == 36
    assert User.objects.filter(role_grants__role=Role.ENGAGEMENT_OFFICER).count() == 1
