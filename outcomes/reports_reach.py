"""Who was heard, for the published reports: reach's engine (reach/report.py `heard_report`) over
the activities a published report counts, with its small-numbers rule at the outsiders'
threshold (`published_reader`), against the Census population of the area or a target profile
(a population the Census does not count, such as victims of crime: reach.models.TargetProfile);
and people reached by neighbourhood and by the audiences activities were aimed at, counted by
`reports_scope.people_counts`.

Every equality table here is a sum of the same atoms (each questionnaire's and each activity's
standalone forms), suppressed by reach against all of them, so that subtracting one table from
another (victims' from everyone's) gives away nothing either table hides."""

from typing import Any

from engagement.models import ActivityQuerySet
from organisations.models import User
from places.models import Area, Audience
from reach.models import TargetProfile
from reach.report import ReachReport, heard_report, ward_reports
from reach.selectors_reach import target_choices, target_get

from .reports_scope import People, Period, people_counts, period_activities, published_reader

VICTIMS = "victims-of-crime"


def reach_section(report: ReachReport) -> dict[str, Any]:
    """A reach report as a published table: every count as reach shows it to outsiders."""
    return {
        "compared_with": report.population.label,
        "forms": report.forms_shown,
        "summary": report.sentence,
        "dimensions": [
            {
                "label": d.label,
                "not_answered": d.not_answered_shown,
                "rows": [
                    {
                        "group": c.label,
                        "participants": c.shown,
                        "share": c.share,
                        "share_text": c.share_text,
                        "population_share": c.population_share,
                        "population_text": c.population_text,
                        "flag": c.flag_text,
                    }
                    for c in d.cells
                ],
            }
            for d in report.dimensions
        ],
        "under": [f"{c.label} ({d.label.lower()})" for d, cells in report.under for c in cells],
    }


def heard(user: User, activities: ActivityQuerySet, period: Period, **scope: Any) -> ReachReport:
    target: TargetProfile | None = scope.pop("target", None)
    return heard_report(
        scope=period.scope(**scope),
        activities=activities,
        reader=published_reader(user),
        target=target,
        people=False,
    )


def neighbourhoods_of(period: Period, activities: ActivityQuerySet) -> list[Area]:
    """The period's area's neighbourhoods, or those the activities were held in."""
    if period.area is not None:
        return list(Area.objects.within(period.area).neighbourhoods().order_by("name"))
    return list(Area.objects.neighbourhoods().filter(activities__in=activities.values("pk")).distinct())


def _ward_reports(
    user: User, activities: ActivityQuerySet, period: Period, wards: list[Area]
) -> dict[int, ReachReport]:
    """Every ward's `heard` report, worked out together from reads they share (reach's
    `ward_reports`) when the wards lie in one area; one by one otherwise."""
    within = period.area or _common_ancestor(wards)
    if within is None:
        return {ward.pk: heard(user, activities, period, area=ward) for ward in wards}
    return ward_reports(
        wards=wards,
        within=within,
        scope=period.scope(),
        activities=activities,
        reader=published_reader(user),
    )


def _common_ancestor(areas: list[Area]) -> Area | None:
    if not areas:
        return None
    parts = [area.path.rstrip("/").split("/") for area in areas]
    shared = []
    for step in zip(*parts, strict=False):
        if len(set(step)) > 1:
            break
        shared.append(step[0])
    return Area.objects.filter(path="/".join(shared) + "/").first() if shared else None


def by_neighbourhood(
    user: User, activities: ActivityQuerySet, period: Period, people: People
) -> list[dict[str, Any]]:
    """Per neighbourhood: the activities held in it, the people they reached, and the groups
    they under-represent against its people. (Activities across a whole district or force are
    in the area's figures, not a neighbourhood's.)"""
    rows = []
    wards = sorted(neighbourhoods_of(period, activities), key=lambda a: a.name)
    reports = _ward_reports(user, activities, period, wards)
    for ward in wards:
        ids = list(activities.in_area(ward).values_list("pk", flat=True))
        report = reports.get(ward.pk) if ids else None
        rows.append(
            {
                "name": ward.name,
                "code": ward.code,
                "activities": len(ids),
                "people": people.total(ids),
                "not_counted": people.not_counted(ids),
                "under": reach_section(report)["under"] if report else [],
            }
        )
    return rows


def by_audience(activities: ActivityQuerySet, people: People) -> list[dict[str, Any]]:
    """Per audience the activities were aimed at: how many, and the people they reached."""
    rows = []
    for audience in (
        Audience.objects.filter(activities__in=activities.values("pk")).distinct().order_by("name")
    ):
        ids = list(activities.filter(audiences=audience).values_list("pk", flat=True))
        rows.append(
            {
                "name": audience.name,
                "activities": len(ids),
                "people": people.total(ids),
                "not_counted": people.not_counted(ids),
            }
        )
    return rows


def victims_target(user: User, chosen: Any) -> TargetProfile | None:
    """The target profile chosen (one the user may use), or else the newest they may use whose
    name says it is of victims of crime, or none."""
    if chosen not in (None, ""):
        return target_get(user=user, pk=chosen)
    return target_choices(user=user).filter(name__icontains="victim").order_by("-created_at", "-pk").first()


def victims(
    user: User, activities: ActivityQuerySet, period: Period, people: People, target: TargetProfile | None
) -> dict[str, Any]:
    """Activities aimed at victims of crime, the people they reached and who they were against
    the target profile (or the population)."""
    audience = Audience.objects.filter(slug=VICTIMS).first()
    aimed = activities.filter(audiences=audience) if audience else activities.none()
    ids = list(aimed.values_list("pk", flat=True))
    report = heard(user, activities, period, audience=audience, target=target) if ids and audience else None
    return {
        "audience": audience.name if audience else "Victims of crime",
        "activities": len(ids),
        "titles": sorted(aimed.values_list("title", flat=True)),
        "people": people.total(ids),
        "not_counted": people.not_counted(ids),
        "target": target.name if target else "",
        "reach": reach_section(report) if report else None,
    }


def who_was_heard(user: User, period: Period, *, target: TargetProfile | None = None) -> dict[str, Any]:
    """Everything the evidence pack says of who was heard."""
    activities = period_activities(user, period)
    people = people_counts(activities.values("pk"), period)
    return {
        "activities": activities.count(),
        "people": people.total(),
        "left_out": people.left_out,
        "neighbourhoods": by_neighbourhood(user, activities, period, people),
        "groups": reach_section(heard(user, activities, period)),
        "audiences": by_audience(activities, people),
        "victims": victims(user, activities, period, people, target),
    }
