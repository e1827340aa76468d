"""The evaluation's part of the URL walks (heard/tests/walks.py): its staff pages, its public
form and its API operations, the records they name, and which of them carry residents' words
(the participants' comments) or staff's words about them (evidence, lessons, notes)."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from engagement.models import Aim
from organisations.models import Partnership
from outcomes.evaluation_standards import load_national_standards
from outcomes.models import (
    AimRating,
    Evaluation,
    NationalStandard,
    ParticipantEvaluation,
    ParticipantEvaluationLink,
    StandardsAssessment,
    StandardScore,
)

Record = dict[str, Any]
ACTIVITY = ("detail", "edit", "transition", "link", "paper_pdf", "paper_entry", "standards")
API_ACTIVITY = (
    "get_evaluation",
    "save_evaluation",
    "transition_evaluation",
    "open_participant_form",
    "paper_form",
    "enter_participant_evaluation",
    "get_standards_assessment",
    "set_standards_assessment",
)
API_PARTNERSHIP = ("get_partnership_standards", "set_partnership_standards")

OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{f"evaluation:{name}": (lambda r: {"pk": r["activity"].pk}) for name in ACTIVITY},
    "evaluation:partnership_standards": lambda r: {"pk": r["evaluation_partnership"].pk, "year": 2026},
    **{f"api:{name}": (lambda r: {"activity_id": r["activity"].pk}) for name in API_ACTIVITY},
    **{
        f"api:{name}": (lambda r: {"partnership_id": r["evaluation_partnership"].pk, "year": 2026})
        for name in API_PARTNERSHIP
    },
}
# The online form of an activity the public website does not show is a 404 for everyone.
PUBLIC_OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "evaluate:form": lambda r: {"code": r["evaluation_link"].code},
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "evaluation:overview": {},
    "evaluate:find": {},
    "api:list_evaluations": {},
    "api:list_national_standards": {},
    "api:get_standards_trend": {},
}
PUBLIC_URLS = {"evaluate:find"}


def _evaluation_records(activity: Any, words: str) -> ParticipantEvaluationLink:
    load_national_standards()
    aim = Aim.objects.create(activity=activity, text="AIM-SECRET", linked_to="Plan")
    evaluation = Evaluation.objects.create(activity=activity, target_participants=20, lessons_learned=words)
    AimRating.objects.create(evaluation=evaluation, aim=aim, aim_text=aim.text, result="met", evidence=words)
    ParticipantEvaluation.objects.create(activity=activity, channel="paper", satisfied="yes", comments=words)
    assessment = StandardsAssessment.objects.create(
        activity=activity,
        organisation_id=activity.lead_organisation_id,
        period_start=timezone.localdate(activity.starts_at),
    )
    for standard in NationalStandard.objects.all():
        StandardScore.objects.create(assessment=assessment, standard=standard, score=3, note=words)
    today = timezone.localdate()
    return ParticipantEvaluationLink.objects.create(
        activity=activity,
        code=f"WALK{activity.pk:04d}"[:8],
        opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=30),
    )


def _partnership(owner: Any) -> Partnership:
    partnership, _ = Partnership.objects.get_or_create(
        name="WALK-PARTNERSHIP", defaults={"kind": "statutory"}
    )
    partnership.members.add(owner)
    return partnership


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    record["evaluation_link"] = _evaluation_records(record["activity"], "EVALUATION-SECRET")
    record["evaluation_partnership"] = _partnership(police)


# The redaction matrix (heard/tests/test_redaction_matrix.py)

SCORES = {
    "scores": [
        {"standard": s, "score": 3, "note": "PLANTED"}
        for s in (
            "inclusion",
            "support",
            "planning",
            "working-together",
            "methods",
            "communication",
            "impact",
        )
    ]
}


def _planted_scores(scene: Record) -> dict[str, Any]:
    from heard.tests.test_redaction_matrix import ANSWER

    return {"scores": [{**score, "note": ANSWER} for score in SCORES["scores"]]}


def _lessons(scene: Record) -> dict[str, Any]:
    from heard.tests.test_redaction_matrix import ANSWER

    return {"lessons_learned": ANSWER, "target_participants": 10}


SHOWS_TEXT: dict[str, tuple[Callable[[Record], dict[str, Any]], str]] = {
    "evaluation:detail": (lambda s: {"pk": s["activity"].pk}, ""),
    "evaluation:edit": (lambda s: {"pk": s["activity"].pk}, ""),
    "evaluation:standards": (lambda s: {"pk": s["activity"].pk}, ""),
    "api:get_evaluation": (lambda s: {"activity_id": s["activity"].pk}, ""),
    "api:get_standards_assessment": (lambda s: {"activity_id": s["activity"].pk}, ""),
}
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "evaluation:overview": lambda s: {},
    "evaluation:link": lambda s: {"pk": s["activity"].pk},
    "evaluation:paper_pdf": lambda s: {"pk": s["activity"].pk},
    "api:paper_form": lambda s: {"activity_id": s["activity"].pk},
    "evaluation:paper_entry": lambda s: {"pk": s["activity"].pk},
    "evaluation:partnership_standards": lambda s: {"pk": s["evaluation_partnership"].pk, "year": 2026},
    "evaluate:find": lambda s: {},
    "evaluate:form": lambda s: {"code": s["evaluation_link"].code},
    "api:list_evaluations": lambda s: {},
    "api:list_national_standards": lambda s: {},
    "api:get_standards_trend": lambda s: {},
    "api:get_partnership_standards": lambda s: {
        "partnership_id": s["evaluation_partnership"].pk,
        "year": 2026,
    },
}
TEXT_WRITES: dict[str, tuple[str, Callable[[Record], dict[str, Any]], Callable[[Record], dict[str, Any]]]] = {
    "api:save_evaluation": ("put", lambda s: {"activity_id": s["activity"].pk}, _lessons),
    "api:transition_evaluation": (
        "post",
        lambda s: {"activity_id": s["activity"].pk},
        lambda s: {"to": "complete", "from_state": "draft"},
    ),
    "api:set_standards_assessment": ("put", lambda s: {"activity_id": s["activity"].pk}, _planted_scores),
    "api:set_partnership_standards": (
        "put",
        lambda s: {"partnership_id": s["evaluation_partnership"].pk, "year": 2026},
        _planted_scores,
    ),
}
NO_TEXT: dict[str, str] = {
    "evaluation:transition": "a form post that answers with a redirect",
    "api:open_participant_form": "returns the online form's code and days",
    "api:enter_participant_evaluation": "returns counts",
}


def add_matrix_records(scene: Record) -> None:
    from heard.tests.test_redaction_matrix import ANSWER

    scene["evaluation_link"] = _evaluation_records(scene["activity"], ANSWER)
    scene["evaluation_partnership"] = _partnership(scene["police"])


# api/tests/test_write_schemas.py
SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/partnerships/{partnership_id}/national-standards/{year}": lambda r: {
        "partnership_id": r["evaluation_partnership"].pk,
        "year": 2026,
    },
}
