"""Reach's part of the URL walks (heard/tests/walks.py).

Scoping: an activity's reach, a questionnaire's weighted results and a target profile name
records of one organisation; a user of another reaches none of them (each walked activity gets
an unshared target profile of its organisation, and equality forms). The reach pages without a
record in them show only what the reader may see. Redaction: reach shows counts of equality
forms, Census figures, staff's own titles and the ways to reach people, never residents' words,
so every page is requested by everyone and must never carry the matrix's planted values."""

from collections.abc import Callable
from typing import Any

from consultations.models import EqualityRecord
from reach.models import TargetProfile, TargetShare

Record = dict[str, Any]


def _activity(r: Record) -> dict[str, Any]:
    return {"pk": r["activity"].pk}


def _questionnaire(r: Record) -> dict[str, Any]:
    return {"pk": r["questionnaire"].pk}


def _target(r: Record) -> dict[str, Any]:
    return {"pk": r["target_profile"].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "reach:activity_reach": _activity,
    "reach:weighted_results": _questionnaire,
    "reach:target_detail": _target,
    "reach:target_delete": _target,
    "api:get_activity_reach": lambda r: {"activity_id": r["activity"].pk},
    "api:get_weighted_results": lambda r: {"questionnaire_id": r["questionnaire"].pk},
    "api:get_target_profile": lambda r: {"target_id": r["target_profile"].pk},
    "api:delete_target_profile": lambda r: {"target_id": r["target_profile"].pk},
}
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "reach:reach": {},
    "reach:reach_export": {"file_format": "csv"},
    "reach:map": {},
    "reach:unheard": {},
    "reach:participants": {},
    "reach:target_list": {},
    "reach:target_import": {},
    "api:get_reach": {},
    "api:get_reach_report": {},
    "api:compare_participants": {},
    "api:export_reach": {},
    "api:get_reach_map": {},
    "api:get_unheard": {},
    "api:list_target_profiles": {},
    "api:import_target_profile": {},
}


def _target_profile(organisation: Any, name: str) -> TargetProfile:
    profile = TargetProfile.objects.create(name=name, organisation=organisation, is_shared=False)
    TargetShare.objects.create(profile=profile, dimension="sex", category="Male", amount=0.5)
    TargetShare.objects.create(profile=profile, dimension="sex", category="Female", amount=0.5)
    return profile


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    activity = record["activity"]
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=activity, channel="paper", sex="Female", age_band="75+") for _ in range(12)
    )
    record["target_profile"] = _target_profile(police, f"TARGET-SECRET-{activity.pk}")


# The redaction matrix: nothing of reach carries residents' words.
OTHER_GETS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        name: (lambda s: {})
        for name in (
            "reach:reach",
            "reach:map",
            "reach:unheard",
            "reach:participants",
            "reach:target_list",
            "reach:target_import",
            "api:get_reach",
            "api:get_reach_report",
            "api:export_reach",
            "api:get_reach_map",
            "api:get_unheard",
            "api:list_target_profiles",
        )
    },
    "reach:reach_export": lambda s: {"file_format": "csv"},
    "reach:activity_reach": lambda s: {"pk": s["activity"].pk},
    "reach:weighted_results": lambda s: {"pk": s["questionnaire"].pk},
    "reach:target_detail": lambda s: {"pk": s["target_profile"].pk},
    "reach:target_delete": lambda s: {"pk": s["target_profile"].pk},
    "api:get_activity_reach": lambda s: {"activity_id": s["activity"].pk},
    "api:get_weighted_results": lambda s: {"questionnaire_id": s["questionnaire"].pk},
    "api:get_target_profile": lambda s: {"target_id": s["target_profile"].pk},
}
NO_TEXT: dict[str, str] = {
    "api:compare_participants": "returns counts of the caller's own file",
    "api:import_target_profile": "returns the target profile the caller wrote",
    "api:delete_target_profile": "returns nothing",
}


def add_matrix_records(scene: dict[str, Any]) -> None:
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=scene["activity"], channel="paper", sex="Male", age_band="16-24")
        for _ in range(12)
    )
    scene["target_profile"] = _target_profile(scene["police"], "Matrix target")
