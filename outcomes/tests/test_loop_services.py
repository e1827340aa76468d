"""Recording findings ("You said") and decisions: the evidence and findings they link must be
ones the recorder may see, protective marking is inherited, the other factors are seed 001's,
and the audit log records what changed without the words."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from engagement.models import Activity
from engagement.tests.factories import ActivityFactory
from governance.models import AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.loop_services import (
    Evidence,
    decision_create,
    decision_update,
    finding_create,
    finding_update,
)
from outcomes.models import Action, Decision, Factor, Finding, FindingSource
from outcomes.tests.loop_factories import make_trail
from places.tests.factories import AreaFactory

from .loop_fixtures import *  # noqa: F403
from .loop_fixtures import theme_of


def _finding(officer, activity, **kwargs):
    defaults = {
        "user": officer,
        "statement": "People want slower traffic outside the school",
        "area": activity.areas.first(),
        "source": FindingSource.ACTIVITY,
        "activity": activity,
    }
    return finding_create(**{**defaults, **kwargs})


def test_a_finding_from_a_theme_links_its_evidence(officer, run, consultation):
    theme = theme_of(run, "Speeding cars on the main road outside the school every morning")
    answers = [c.answer for c in theme.coded.select_related("answer__response__questionnaire")[:2]]
    finding = _finding(
        officer, consultation, source=FindingSource.THEME, evidence=Evidence([theme], answers=answers)
    )
    assert finding.organisation == officer.organisation
    assert list(finding.themes.all()) == [theme]
    assert set(finding.evidence_answers.all()) == set(answers)
    event = AuditEvent.objects.for_object(finding).get()
    assert "slower traffic" not in str(event.changes)  # what changed, never the words


def test_quotes_only_from_the_chosen_themes_or_the_activity(officer, run, consultation, police, ward):
    other = ActivityFactory(lead_organisation=police, areas=[ward])
    elsewhere = answer_with_text(
        QuestionFactory(questionnaire=QuestionnaireFactory(activity=other)), "Parking"
    )
    speeding = theme_of(run, "Speeding cars on the main road outside the school every morning")
    with pytest.raises(ValidationError) as error:
        _finding(
            officer,
            consultation,
            source=FindingSource.THEME,
            evidence=Evidence([speeding], answers=[elsewhere]),
        )
    assert "answers" in error.value.message_dict
    quoted = _finding(officer, other, evidence=Evidence(answers=[elsewhere]))  # the activity's own answer
    assert list(quoted.evidence_answers.all()) == [elsewhere]


def test_at_most_five_quotes(officer, run, consultation):
    answers = [c.answer for c in run.coded_answers.select_related("answer__response__questionnaire")]
    assert len(answers) > 5
    with pytest.raises(ValidationError):
        _finding(officer, consultation, evidence=Evidence(answers=answers))


def test_evidence_of_another_organisation_is_refused(outsider, run, consultation, council, ward):
    theirs = ActivityFactory(lead_organisation=council, areas=[ward])
    theme = run.themes.first()
    with pytest.raises(ValidationError) as error:
        _finding(outsider, theirs, source=FindingSource.THEME, evidence=Evidence([theme]))
    assert "themes" in error.value.message_dict
    assert not Finding.objects.exists()


def test_a_finding_needs_its_source(officer, consultation):
    with pytest.raises(ValidationError) as error:
        _finding(officer, consultation, source=FindingSource.THEME)
    assert "themes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        finding_create(
            user=officer, statement="Few young people", area=consultation.areas.first(), source="reach"
        )
    assert "source_note" in error.value.message_dict


def test_the_area_must_be_the_activitys(officer, consultation):
    with pytest.raises(ValidationError) as error:
        _finding(officer, consultation, area=AreaFactory(code="E05000999"))
    assert "area" in error.value.message_dict


def test_nobody_outside_an_organisation_records_the_loop(officer, consultation):
    reader = UserFactory(organisation=officer.organisation, roles=[Role.INTELLIGENCE_OFFICER])
    with pytest.raises(PermissionDenied):
        _finding(reader, consultation)
    stranger = UserFactory(roles=[Role.ENGAGEMENT_OFFICER])
    with pytest.raises(PermissionDenied):  # cannot see the activity
        _finding(stranger, consultation)


def test_marking_is_inherited_from_the_activity(officer, consultation):
    Activity.private_objects.filter(pk=consultation.pk).update(marking=Marking.OFFICIAL_SENSITIVE)
    consultation.refresh_from_db()
    finding = _finding(officer, consultation, marking=Marking.OFFICIAL)
    assert finding.marking == Marking.OFFICIAL_SENSITIVE
    decision = decision_create(
        user=officer,
        summary="Speed checks",
        decided_on=timezone.localdate(),
        decided_by_name="Insp Jo Example",
        decided_by_body="Neighbourhood tasking",
        findings=[finding],
    )
    assert decision.marking == Marking.OFFICIAL_SENSITIVE


def test_raising_an_activitys_marking_carries_down_the_loop(officer, consultation):
    trail = make_trail(consultation)
    consultation.marking = Marking.OFFICIAL_SENSITIVE
    consultation.save()
    for record in (trail.finding, trail.decision, trail.action, trail.feedback):
        record.refresh_from_db()
        assert record.marking == Marking.OFFICIAL_SENSITIVE, type(record).__name__


def test_a_decision_weighs_seed_001s_factors(officer, consultation):
    finding = _finding(officer, consultation)
    decision = decision_create(
        user=officer,
        summary="Two speed checks a month on Manchester Road",
        decided_on=timezone.localdate(),
        decided_by_name="Insp Jo Example",
        decided_by_body="Neighbourhood tasking meeting",
        findings=[finding],
        factors={Factor.COST_BENEFIT: "Within the team's hours", Factor.EQUALITY: "  ", Factor.STATUTORY: ""},
    )
    assert {f.factor: f.note for f in decision.factors.all()} == {
        Factor.COST_BENEFIT: "Within the team's hours"
    }
    with pytest.raises(ValidationError):
        decision_update(user=officer, decision=decision, factors={"horoscope": "good"})
    with pytest.raises(ValidationError):
        decision_update(user=officer, decision=decision, findings=[])
    with pytest.raises(ValidationError):
        decision_update(user=officer, decision=decision, decided_on=timezone.localdate() + timedelta(days=1))


def test_a_decision_considers_only_findings_its_maker_may_see(outsider, officer, consultation):
    finding = _finding(officer, consultation)
    with pytest.raises(ValidationError):
        decision_create(
            user=outsider,
            summary="x",
            decided_on=timezone.localdate(),
            decided_by_name="x",
            decided_by_body="x",
            findings=[finding],
        )
    assert not Decision.objects.exists()


def test_only_its_organisation_changes_the_words(officer, consultation):
    finding = _finding(officer, consultation)
    root = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    with pytest.raises(PermissionDenied):
        finding_update(user=root, finding=finding, statement="Placeholder [NAME]")
    finding_update(user=officer, finding=finding, statement="Slower traffic, please")
    finding.refresh_from_db()
    assert finding.statement == "Slower traffic, please"


def test_a_sensitive_decision_keeps_its_actions_at_home(officer, consultation, council):
    trail = make_trail(consultation, owner=council)
    with pytest.raises(ValidationError) as error:
        decision_update(user=officer, decision=trail.decision, marking=Marking.OFFICIAL_SENSITIVE)
    assert "marking" in error.value.message_dict
    assert Action.objects.get(pk=trail.action.pk).marking == Marking.OFFICIAL
