"""Writes of the feedback loop's findings ("You said") and decisions. Each checks the loop's
rules (loop_rules.py), checks that the evidence and findings it links are ones the user may
see, runs in one transaction and is audited. The audit log records which fields changed and how
many links, never the words: a finding may quote an answer that is later withdrawn, and the
audit log cannot be rewritten (seed 001's factors are in `Factor`). A change of protective
marking is recorded as `{"marking": [before, after]}`, as governance records a raise; a marking
below the record's sources is refused on its field (governance/marking.py)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from consultations.models import Answer
from core.permissions import require
from engagement.models import Activity
from governance.models import AuditAction, Marking
from governance.services import audit_record
from insight.models import CodedAnswer, Priority, Theme
from organisations.models import Organisation, User
from places.models import Area

from .loop_rules import require_own_words
from .models import Action, Decision, DecisionFactor, Factor, Finding, FindingSource

MAX_QUOTES = 5  # "a few" answers quoted as evidence


@dataclass(frozen=True)
class Evidence:
    """What a finding is drawn from (each a record the user may see)."""

    themes: Sequence[Theme] = ()
    priorities: Sequence[Priority] = ()
    answers: Sequence[Answer] = ()
    activities: Sequence[Activity] = ()


def owner_of(user: User) -> Organisation:
    if user.organisation is None:
        raise PermissionDenied(gettext("Only members of an organisation record the feedback loop."))
    return user.organisation


def _all_visible(queryset: Any, chosen: Sequence[Any], field: str, what: str) -> None:
    ids = {record.pk for record in chosen}
    if ids and queryset.filter(pk__in=ids).count() != len(ids):
        raise ValidationError({field: gettext("Choose %(what)s you can see.") % {"what": what}})


def _check_evidence(user: User, activity: Activity | None, evidence: Evidence) -> None:
    _all_visible(Theme.objects.visible_to(user), evidence.themes, "themes", "themes")
    _all_visible(Priority.private_objects.visible_to(user), evidence.priorities, "priorities", "priorities")
    _all_visible(Activity.private_objects.visible_to(user), evidence.activities, "activities", "activities")
    _all_visible(Answer.objects.visible_to(user), evidence.answers, "answers", "answers")
    if len(evidence.answers) > MAX_QUOTES:
        raise ValidationError({"answers": gettext("Quote at most %(most)s answers.") % {"most": MAX_QUOTES}})
    coded = set(
        CodedAnswer.objects.filter(theme__in=[t.pk for t in evidence.themes]).values_list(
            "answer_id", flat=True
        )
    )
    for answer in evidence.answers:
        of_activity = activity is not None and answer.response.questionnaire.activity_id == activity.pk
        if answer.pk not in coded and not of_activity:
            raise ValidationError(
                {"answers": gettext("Quote only answers in the chosen themes or given to the activity.")}
            )


def _check_source(source: str, activity: Activity | None, evidence: Evidence, note: str) -> None:
    needs = {
        FindingSource.THEME: (bool(evidence.themes), {"themes": "Choose the themes it is drawn from."}),
        FindingSource.PRIORITY: (bool(evidence.priorities), {"priorities": "Choose the priorities."}),
        FindingSource.ACTIVITY: (
            bool(activity or evidence.activities),
            {"activities": "Say which activities it comes from."},
        ),
        FindingSource.REACH: (
            bool(note.strip() or activity),
            {"source_note": "Say which reach results it comes from."},
        ),
    }
    if source not in needs:
        raise ValidationError({"source": gettext("Choose where the finding comes from.")})
    present, error = needs[FindingSource(source)]
    if not present:
        raise ValidationError(error)


def _check_area(area: Area, activity: Activity | None) -> None:
    if activity is None:
        return
    paths = [a.path for a in activity.areas.all()]
    if not any(area.path.startswith(p) or p.startswith(area.path) for p in paths):
        raise ValidationError({"area": gettext("Choose one of the activity's areas, or an area inside one.")})


def marking_change(before: str | None, after: str) -> dict[str, Any]:
    """The audit log's note of a marking changed (or set on a new record)."""
    if before is None:
        return {"marking": after}
    return {"marking": [before, after]} if before != after else {}


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: gettext("The date cannot be in the future.")})


def _save_finding(
    user: User, finding: Finding, evidence: Evidence, marking: str, action: AuditAction, changed: list[str]
) -> Finding:
    _check_area(finding.area, finding.activity)
    _check_source(finding.source, finding.activity, evidence, finding.source_note)
    _check_evidence(user, finding.activity, evidence)
    _not_future(finding.found_on, "found_on")
    before = finding._stored_marking
    finding.marking = marking
    finding.link_sources(themes=evidence.themes, evidence_activities=evidence.activities)
    finding.full_clean()  # inherits its sources' marking, or refuses a lowering below them
    finding.save()  # a raise carries down to the decisions that considered it (hooks_marking.py)
    finding.themes.set(evidence.themes)
    finding.priorities.set(evidence.priorities)
    finding.evidence_answers.set(evidence.answers)
    finding.evidence_activities.set(evidence.activities)
    counts = {"themes": len(evidence.themes), "answers quoted": len(evidence.answers)}
    marked = marking_change(before, finding.marking)
    audit_record(actor=user, action=action, obj=finding, changes={"fields": changed, **counts, **marked})
    return finding


@transaction.atomic
def finding_create(
    *,
    user: User,
    statement: str,
    area: Area,
    source: FindingSource | str,
    activity: Activity | None = None,
    evidence: Evidence = Evidence(),
    source_note: str = "",
    found_on: date | None = None,
    marking: Marking | str = Marking.OFFICIAL,
) -> Finding:
    """Record what people said, owned by the user's organisation."""
    require(user, "outcomes.add_finding", activity)
    finding = Finding(
        organisation=owner_of(user),
        activity=activity,
        area=area,
        statement=statement.strip(),
        source=source,
        source_note=source_note.strip(),
        found_on=found_on or timezone.localdate(),
        created_by=user,
    )
    return _save_finding(user, finding, evidence, str(marking), AuditAction.CREATE, ["statement"])


FINDING_FIELDS = ("statement", "area", "source", "source_note", "found_on")


@transaction.atomic
def finding_update(
    *,
    user: User,
    finding: Finding,
    evidence: Evidence | None = None,
    marking: Marking | str | None = None,
    **fields: Any,
) -> Finding:
    """Change a finding: only the fields given (and the evidence, when given)."""
    require(user, "outcomes.change_finding", finding)
    require_own_words(user, finding.organisation_id)
    unknown = set(fields) - set(FINDING_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These cannot be changed here: %(values)s.") % {"values": ", ".join(sorted(unknown))}
        )
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    changed = [name for name, value in fields.items() if getattr(finding, name) != value]
    for name, value in fields.items():
        setattr(finding, name, value.strip() if isinstance(value, str) else value)
    if evidence is None:
        evidence = Evidence(
            themes=list(finding.themes.select_related("run__questionnaire__activity")),
            priorities=list(finding.priorities.all()),
            answers=list(finding.evidence_answers.select_related("response__questionnaire")),
            activities=list(finding.evidence_activities.all()),
        )
    else:
        changed.append("evidence")
    return _save_finding(
        user, finding, evidence, str(marking or finding.marking), AuditAction.UPDATE, changed
    )


def _factors(factors: Mapping[str, str]) -> dict[str, str]:
    """The factors weighed, each with its note; a factor without a note was not weighed."""
    unknown = [name for name in factors if name not in Factor.values]
    if unknown:
        raise ValidationError(
            {"factors": gettext("Unknown factors: %(values)s.") % {"values": ", ".join(sorted(unknown))}}
        )
    return {name: note.strip() for name, note in factors.items() if note and note.strip()}


def _save_decision(
    user: User,
    decision: Decision,
    findings: Sequence[Finding],
    factors: Mapping[str, str],
    marking: str,
    action: AuditAction,
    changed: list[str],
) -> Decision:
    if not findings:
        raise ValidationError({"findings": gettext("Choose at least one finding the decision considered.")})
    _all_visible(Finding.objects.visible_to(user), findings, "findings", "findings")
    _not_future(decision.decided_on, "decided_on")
    notes = _factors(factors)
    before = decision._stored_marking
    decision.marking = marking
    decision.link_sources(findings=findings)
    decision.full_clean()
    others = Action.objects.filter(decision_id=decision.pk).exclude(
        owner_organisation_id=decision.organisation_id
    )
    if decision.marking == Marking.OFFICIAL_SENSITIVE and decision.pk and others.exists():
        raise ValidationError(
            {
                "marking": gettext(
                    "Other organisations are doing this decision's actions: it cannot be OFFICIAL-SENSITIVE."
                )
            }
        )
    decision.save()  # a raise carries down to its actions and the feedback reporting it
    decision.findings.set(findings)
    decision.factors.exclude(factor__in=notes).delete()
    for name, note in notes.items():
        DecisionFactor.objects.update_or_create(decision=decision, factor=name, defaults={"note": note})
    changes = {"fields": changed, "findings": len(findings), "factors": sorted(notes)}
    audit_record(
        actor=user,
        action=action,
        obj=decision,
        changes={**changes, **marking_change(before, decision.marking)},
    )
    return decision


@transaction.atomic
def decision_create(
    *,
    user: User,
    summary: str,
    decided_on: date,
    decided_by_name: str,
    decided_by_body: str,
    findings: Sequence[Finding],
    factors: Mapping[str, str] | None = None,
    detail: str = "",
    marking: Marking | str = Marking.OFFICIAL,
) -> Decision:
    """Record a decision, owned by the user's organisation, with the findings it considered and
    the other factors it weighed (seed 001), each with a note."""
    require(user, "outcomes.add_decision")
    decision = Decision(
        organisation=owner_of(user),
        summary=summary.strip(),
        detail=detail.strip(),
        decided_by_name=decided_by_name.strip(),
        decided_by_body=decided_by_body.strip(),
        decided_on=decided_on,
        created_by=user,
    )
    return _save_decision(
        user, decision, findings, factors or {}, str(marking), AuditAction.CREATE, ["summary"]
    )


DECISION_FIELDS = ("summary", "detail", "decided_by_name", "decided_by_body", "decided_on")


@transaction.atomic
def decision_update(
    *,
    user: User,
    decision: Decision,
    findings: Sequence[Finding] | None = None,
    factors: Mapping[str, str] | None = None,
    marking: Marking | str | None = None,
    **fields: Any,
) -> Decision:
    require(user, "outcomes.change_decision", decision)
    require_own_words(user, decision.organisation_id)
    unknown = set(fields) - set(DECISION_FIELDS)
    if unknown:
        raise ValidationError(
            gettext("These cannot be changed here: %(values)s.") % {"values": ", ".join(sorted(unknown))}
        )
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    changed = [name for name, value in fields.items() if getattr(decision, name) != value]
    for name, value in fields.items():
        setattr(decision, name, value.strip() if isinstance(value, str) else value)
    if findings is None:
        findings = list(decision.findings.all())
    if factors is None:
        factors = {f.factor: f.note for f in decision.factors.all()}
    return _save_decision(
        user, decision, findings, factors, str(marking or decision.marking), AuditAction.UPDATE, changed
    )
