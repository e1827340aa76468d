"""The reading door of reach, continued: a questionnaire's weighted results, the ward map of
engagement coverage and representation (SVG and GeoJSON), and "who haven't we heard from?"."""

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from consultations.models import EqualityRecord, Questionnaire, Response
from consultations.suppression import threshold
from core.permissions import require
from core.shortcuts import get_visible_or_404
from engagement.models import Activity
from organisations.models import User
from places.models import Area, AreaBoundary

from . import geo
from .engine import Scope, outermost
from .gaps import Gap, gaps_in
from .gather import reader_for, records_participants
from .report import ReachReport, build, heard_report, population_for, ward_reports
from .selectors_reach import target_get
from .weighting import WeightedQuestion, Weighting, weigh, weighted_questions

YEAR = timedelta(days=365)

# Weighted results


@dataclass(frozen=True)
class WeightedResults:
    questionnaire: Questionnaire
    report: ReachReport  # the respondents against the population
    weighting: Weighting
    questions: list[WeightedQuestion]

    @property
    def activity(self) -> Activity:
        return self.questionnaire.activity

    def as_json(self) -> dict[str, Any]:
        weighting, result = self.weighting, self.weighting.result
        return {
            "questionnaire": self.questionnaire.pk,
            "responses": weighting.respondents,
            "weighted": weighting.weighted,
            "reason": weighting.reason,
            "cap": weighting.cap,
            "effective_sample_size": round(result.effective_size, 1) if result else None,
            "converged": result.converged if result else None,
            "margins": [
                {
                    "dimension": m.dimension,
                    "groups": m.groups,
                    "nobody": m.nobody,
                    "not_weighted": m.not_weighted,
                }
                for m in weighting.margins
            ],
            "summary": self.report.sentence,
            "questions": [
                {
                    "number": q.number,
                    "text": q.text,
                    "kind": q.kind,
                    "answered": q.answered,
                    "options": [asdict(o) for o in q.options],
                }
                for q in self.questions
            ],
        }


def questionnaire_get(*, user: User, pk: Any) -> Questionnaire:
    questionnaire = get_visible_or_404(
        Questionnaire.private_objects.select_related("activity", "activity__lead_organisation"), user, pk
    )
    require(user, "reach.view_weighted_results", questionnaire)
    return questionnaire


def weighted_results(*, user: User, questionnaire: Questionnaire, target: Any = None) -> WeightedResults:
    """Unweighted and weighted results side by side, and how the respondents differ from the
    population of the activity's areas (or a target profile)."""
    require(user, "reach.view_weighted_results", questionnaire)
    activity = questionnaire.activity
    chosen = target_get(user=user, pk=target) if target not in (None, "") else None
    population = population_for(outermost(activity.areas.all()), chosen)
    participants = records_participants(
        EqualityRecord.objects.filter(response__questionnaire=questionnaire),
        {activity.pk: activity.lead_organisation_id},
        reader_for(user),
    )
    report = build(
        title=questionnaire.title,
        scope=Scope(activity=activity),
        participants=participants,
        population=population,
        who="Respondents",
    )
    ids, weighting = weigh(questionnaire, population, minimum=threshold())
    responses = Response.objects.filter(questionnaire=questionnaire)
    questions = weighted_questions(questionnaire, responses, ids, weighting)
    return WeightedResults(
        questionnaire=questionnaire, report=report, weighting=weighting, questions=questions
    )


# The ward map

COVERAGE = [
    (0, "#f3f2f1", "No activities"),
    (1, "#c6dbef", "1 or 2"),
    (3, "#6baed6", "3 to 5"),
    (6, "#2171b5", "6 or more"),
]
REPRESENTATION = [
    (0, "#f3f2f1", "No group under-represented"),
    (1, "#fdd0a2", "1 or 2 groups"),
    (3, "#fd8d3c", "3 or 4 groups"),
    (5, "#d94801", "5 or more groups"),
]
NO_FORMS = ("#ffffff", "No equality forms to compare")
SHOWS = {"coverage": "Engagement activities", "representation": "Groups under-represented"}


def _class(value: int, scale: list[tuple[int, str, str]]) -> tuple[str, str]:
    chosen = scale[0]
    for entry in scale:
        if value >= entry[0]:
            chosen = entry
    return chosen[1], chosen[2]


@dataclass(frozen=True)
class WardOnMap:
    code: str
    name: str
    url: str
    path: str
    activities: int
    forms: str
    under: list[str]
    fill: str
    band: str
    geometry: dict[str, Any] = field(repr=False, default_factory=dict)


@dataclass(frozen=True)
class ReachMap:
    area: Area
    show: str
    since: date
    until: date
    wards: list[WardOnMap]
    width: int
    height: int
    legend: list[tuple[str, str]]

    @property
    def show_label(self) -> str:
        return SHOWS[self.show]


def _wards(area: Area) -> list[tuple[Area, dict[str, Any]]]:
    wards = Area.objects.within(area).neighbourhoods().order_by("name")
    geometry = dict(AreaBoundary.objects.filter(area__in=wards).values_list("area_id", "geometry"))
    return [(w, geometry[w.pk]) for w in wards if w.pk in geometry]


def reach_map(*, user: User, area: Area, show: str = "coverage", today: date | None = None) -> ReachMap:
    """Each ward of `area` over the last 12 months: how many activities (of those the user may
    see) and how many groups were under-represented, as a map and as the table beside it."""
    require(user, "reach.view_reach")
    if show not in SHOWS:
        show = "coverage"
    until = today or timezone.localdate()
    since = until - YEAR
    wards = _wards(area)
    projected = geo.projection([g for _, g in wards])
    reports = ward_reports(
        wards=[w for w, _ in wards],
        within=area,
        scope=Scope(since=since, until=until),
        activities=Activity.private_objects.visible_to(user),
        reader=reader_for(user),
    )
    drawn = []
    for ward, geometry in wards:
        report = reports[ward.pk]
        under = [f"{c.label} ({d.label.lower()})" for d, cells in report.under for c in cells]
        activities = report.participants.activities or 0
        value = activities if show == "coverage" else len(under)
        fill, band = _class(value, COVERAGE if show == "coverage" else REPRESENTATION)
        if show == "representation" and not report.participants.forms:
            fill, band = NO_FORMS
        drawn.append(
            WardOnMap(
                code=ward.code,
                name=ward.name,
                url=reverse("reach:reach")
                + f"?area={ward.code}&since={since:%Y-%m-%d}&until={until:%Y-%m-%d}",
                path=geo.svg_path(geometry, projected) if projected else "",
                activities=activities,
                forms=report.forms_shown,
                under=under,
                fill=fill,
                band=band,
                geometry=geometry,
            )
        )
    scale = COVERAGE if show == "coverage" else REPRESENTATION
    return ReachMap(
        area=area,
        show=show,
        since=since,
        until=until,
        wards=drawn,
        width=projected.width if projected else geo.WIDTH,
        height=projected.height if projected else 0,
        legend=[(colour, text) for _, colour, text in scale]
        + ([NO_FORMS] if show == "representation" else []),
    )


def reach_geojson(*, user: User, area: Area, today: date | None = None) -> dict[str, Any]:
    """The same wards as a GeoJSON FeatureCollection (WGS84), with the figures as properties."""
    shown = reach_map(user=user, area=area, today=today)
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": ward.code,
                "geometry": ward.geometry,
                "properties": {
                    "code": ward.code,
                    "name": ward.name,
                    "activities": ward.activities,
                    "equality_forms": ward.forms,
                    "under_represented": ward.under,
                    "since": shown.since.isoformat(),
                    "until": shown.until.isoformat(),
                },
            }
            for ward in shown.wards
        ],
    }


# Who haven't we heard from?


@dataclass(frozen=True)
class Unheard:
    area: Area
    report: ReachReport
    gaps: list[Gap]
    since: date
    until: date

    def as_json(self) -> dict[str, Any]:
        return {
            "area": self.area.code,
            "since": self.since,
            "until": self.until,
            "summary": self.report.sentence,
            "gaps": [
                {
                    "title": gap.title,
                    "dimension": gap.dimension,
                    "groups": gap.groups,
                    "audience": gap.audience.slug if gap.audience else None,
                    "ways_to_reach": [way.as_text() for way in gap.ways],
                    "reached_by": [asdict(r) for r in gap.reachers],
                }
                for gap in self.gaps
            ],
        }


def neighbourhoods() -> list[Area]:
    return list(Area.objects.neighbourhoods().order_by("name"))


def unheard(*, user: User, area: Area, today: date | None = None) -> Unheard:
    """The groups under-represented across every activity in `area` the user may see over the
    last 12 months, with ways to reach them and who already does."""
    require(user, "reach.view_reach")
    until = today or timezone.localdate()
    since = until - YEAR
    report = heard_report(
        scope=Scope(area=area, since=since, until=until),
        activities=Activity.private_objects.visible_to(user),
        reader=reader_for(user),
        people=False,
    )
    return Unheard(
        area=area, report=report, gaps=gaps_in(user=user, area=area, report=report), since=since, until=until
    )
