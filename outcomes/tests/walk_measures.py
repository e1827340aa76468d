"""Measures and plans' part of the URL walks (heard/tests/walks.py).

For the scoping walk, each of the walk's activities gets a partnership of the police alone (the
walk's outsider, of the council, is no member), named after the activity so that a list that
leaked it would show the activity's title, with a measure and its value, a data source and its
figure, a strategy action and an annual plan holding the activity.

For the redaction matrix, the police's partnership with the council holds a measure, a data
source, an action and a plan whose staff-written words (the story behind the curve, the
description, the progress, the introduction) carry the matrix's planted name, address, postcode,
phone number and e-mail address: the police read them as written, the council's partners and
everyone else redacted."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from organisations.models import Partnership, PartnershipKind
from outcomes.models import (
    AnnualPlan,
    AnnualPlanItem,
    EvidenceSource,
    EvidenceValue,
    Measure,
    MeasureValue,
    StrategyAction,
)

Record = dict[str, Any]

OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    **{
        f"measures:{name}": (lambda r: {"pk": r["measure"].pk})
        for name in ("measure_detail", "measure_edit", "measure_values", "measure_import")
    },
    **{
        f"measures:{name}": (lambda r: {"pk": r["partnership"].pk})
        for name in ("report_card", "report_card_pdf", "strategy_plan", "strategy_create")
    },
    "measures:strategy_export": lambda r: {"pk": r["partnership"].pk, "file_format": "csv"},
    **{
        f"measures:{name}": (lambda r: {"pk": r["evidence_source"].pk})
        for name in ("evidence_detail", "evidence_edit", "evidence_import")
    },
    **{
        f"measures:{name}": (lambda r: {"pk": r["strategy_action"].pk})
        for name in ("strategy_action", "strategy_edit")
    },
    **{f"measures:{name}": (lambda r: {"pk": r["annual_plan"].pk}) for name in ("plan_detail", "plan_agree")},
    "measures:plan_export": lambda r: {"pk": r["annual_plan"].pk, "file_format": "csv"},
    **{
        f"api:{name}": (lambda r: {"measure_id": r["measure"].pk})
        for name in ("get_measure", "update_measure", "set_measure_value", "import_measure_values")
    },
    "api:delete_measure_value": lambda r: {"measure_id": r["measure"].pk, "value_id": r["measure_value"].pk},
    **{
        f"api:{name}": (lambda r: {"partnership_id": r["partnership"].pk})
        for name in (
            "get_report_card",
            "get_report_card_pdf",
            "list_strategy_actions",
            "create_strategy_action",
            "export_strategy_actions",
        )
    },
    **{
        f"api:{name}": (lambda r: {"source_id": r["evidence_source"].pk})
        for name in ("get_evidence_source", "update_evidence_source", "import_evidence_values")
    },
    **{
        f"api:{name}": (lambda r: {"action_id": r["strategy_action"].pk})
        for name in ("get_strategy_action", "update_strategy_action", "record_strategy_update")
    },
    **{
        f"api:{name}": (lambda r: {"plan_id": r["annual_plan"].pk})
        for name in ("get_annual_plan", "add_annual_plan_activity", "agree_annual_plan", "export_annual_plan")
    },
    "api:remove_annual_plan_activity": lambda r: {
        "plan_id": r["annual_plan"].pk,
        "item_id": r["annual_plan_item"].pk,
    },
}

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    **{
        f"measures:{name}": {}
        for name in (
            "measure_list",
            "measure_create",
            "evidence_list",
            "evidence_create",
            "evidence_area",
            "strategy_index",
            "plan_list",
            "plan_create",
        )
    },
    **{
        f"api:{name}": {}
        for name in (
            "list_measures",
            "create_measure",
            "list_evidence_sources",
            "create_evidence_source",
            "get_area_evidence",
            "list_annual_plans",
            "create_annual_plan",
        )
    },
}


def _records(activity: Any, partnership: Partnership, police: Any, words: str) -> Record:
    title = activity.title
    measure = Measure.objects.create(
        name=f"{title} measure",
        quadrant="how_well",
        organisation=police,
        partnership=partnership,
        story=words,
    )
    value = MeasureValue.objects.create(measure=measure, period_start=date(2026, 4, 1), value=Decimal(70))
    source = EvidenceSource.objects.create(
        name=f"{title} survey",
        kind="user_satisfaction",
        organisation=police,
        partnership=partnership,
        description=words,
    )
    EvidenceValue.objects.create(
        source=source, area=activity.areas.first(), period_start=date(2026, 4, 1), value=Decimal(80)
    )
    action = StrategyAction.objects.create(
        partnership=partnership,
        organisation=police,
        action=f"{title} action",
        rag_reason="Started",
        progress=words,
    )
    plan = AnnualPlan.objects.create(
        partnership=partnership, year=activity.starts_at.year, organisation=police, introduction=words
    )
    item = AnnualPlanItem.objects.create(plan=plan, activity=activity)
    return {
        "partnership": partnership,
        "measure": measure,
        "measure_value": value,
        "evidence_source": source,
        "strategy_action": action,
        "annual_plan": plan,
        "annual_plan_item": item,
    }


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    activity = record["activity"]
    partnership = Partnership.objects.create(name=f"{activity.title} partnership", kind=PartnershipKind.JOINT)
    partnership.members.add(police)
    record.update(_records(activity, partnership, police, f"{activity.title} story"))


# The redaction matrix

Scene = dict[str, Any]


def _get(name: str, key: str, arg: str) -> tuple[str, Callable[[Scene], dict[str, Any]]]:
    return name, lambda s: {arg: s[key].pk}


SHOWS_TEXT: dict[str, tuple[Callable[[Scene], dict[str, Any]], str]] = {
    name: (kwargs, "")
    for name, kwargs in (
        _get("measures:measure_detail", "measure", "pk"),
        _get("measures:measure_edit", "measure", "pk"),
        _get("measures:evidence_edit", "evidence_source", "pk"),
        _get("measures:report_card", "partnership", "pk"),
        _get("measures:evidence_detail", "evidence_source", "pk"),
        _get("measures:strategy_plan", "partnership", "pk"),
        _get("measures:strategy_action", "strategy_action", "pk"),
        _get("measures:plan_detail", "annual_plan", "pk"),
        _get("api:get_measure", "measure", "measure_id"),
        _get("api:get_report_card", "partnership", "partnership_id"),
        _get("api:get_evidence_source", "evidence_source", "source_id"),
        _get("api:list_strategy_actions", "partnership", "partnership_id"),
        _get("api:get_strategy_action", "strategy_action", "action_id"),
        _get("api:get_annual_plan", "annual_plan", "plan_id"),
    )
}
SHOWS_TEXT["api:list_measures"] = (lambda s: {}, "")
SHOWS_TEXT["measures:strategy_export"] = (lambda s: {"pk": s["partnership"].pk, "file_format": "csv"}, "")
SHOWS_TEXT["api:export_strategy_actions"] = (lambda s: {"partnership_id": s["partnership"].pk}, "?format=csv")

OTHER_GETS: dict[str, Callable[[Scene], dict[str, Any]]] = {
    **{
        f"measures:{name}": (lambda s: {})
        for name in (
            "measure_list",
            "measure_create",
            "evidence_list",
            "evidence_create",
            "evidence_area",
            "strategy_index",
            "plan_list",
            "plan_create",
        )
    },
    **{
        f"api:{name}": (lambda s: {})
        for name in ("list_evidence_sources", "get_area_evidence", "list_annual_plans")
    },
    "measures:measure_values": lambda s: {"pk": s["measure"].pk},
    "measures:measure_import": lambda s: {"pk": s["measure"].pk},
    "measures:report_card_pdf": lambda s: {"pk": s["partnership"].pk},
    "measures:strategy_create": lambda s: {"pk": s["partnership"].pk},
    "measures:evidence_import": lambda s: {"pk": s["evidence_source"].pk},
    "measures:strategy_edit": lambda s: {"pk": s["strategy_action"].pk},
    "measures:plan_export": lambda s: {"pk": s["annual_plan"].pk, "file_format": "csv"},
    "api:get_report_card_pdf": lambda s: {"partnership_id": s["partnership"].pk},
    "api:export_annual_plan": lambda s: {"plan_id": s["annual_plan"].pk},
}

TEXT_WRITES: dict[str, tuple[str, Callable[[Scene], dict[str, Any]], Callable[[Scene], dict[str, Any]]]] = {
    "api:record_strategy_update": (
        "post",
        lambda s: {"action_id": s["strategy_action"].pk},
        lambda s: {"risks": f"Risk {s['strategy_action'].pk}"},
    ),
}

NO_TEXT: dict[str, str] = {
    "measures:plan_agree": "a form post that answers with a redirect",
    "api:create_measure": "returns the measure the caller wrote",
    "api:update_measure": "returns the measure, through the caller's text door",
    "api:set_measure_value": "returns the measure, through the caller's text door",
    "api:delete_measure_value": "returns nothing",
    "api:import_measure_values": "returns counts",
    "api:create_evidence_source": "returns the source without its description",
    "api:update_evidence_source": "returns the source without its description",
    "api:import_evidence_values": "returns counts",
    "api:create_strategy_action": "returns the action the caller wrote",
    "api:update_strategy_action": "returns the action, through the caller's text door",
    "api:create_annual_plan": "returns the plan the caller wrote",
    "api:add_annual_plan_activity": "returns the plan, through the caller's text door",
    "api:remove_annual_plan_activity": "returns the plan, through the caller's text door",
    "api:agree_annual_plan": "returns the plan, through the caller's text door",
}


def add_matrix_records(scene: Scene) -> None:
    from heard.tests.test_redaction_matrix import NOTES

    police, council, activity = scene["police"], scene["council"], scene["activity"]
    partnership = Partnership.objects.create(name="Matrix partnership", kind=PartnershipKind.STATUTORY)
    partnership.members.add(police, council)
    scene.update(_records(activity, partnership, police, NOTES))


# api/tests/test_write_schemas.py


def _ids(name: str, key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {name: r[key].pk}


SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/measures/{measure_id}": _ids("measure_id", "measure"),
    "/api/measures/{measure_id}/values": _ids("measure_id", "measure"),
    "/api/evidence-sources/{source_id}": _ids("source_id", "evidence_source"),
    "/api/strategy/{partnership_id}/actions": _ids("partnership_id", "partnership"),
    "/api/strategy/actions/{action_id}": _ids("action_id", "strategy_action"),
    "/api/strategy/actions/{action_id}/updates": _ids("action_id", "strategy_action"),
    "/api/annual-plans/{plan_id}/activities": _ids("plan_id", "annual_plan"),
    "/api/annual-plans/{plan_id}/agree": _ids("plan_id", "annual_plan"),
    "/api/annual-plans/{plan_id}/activities/{item_id}/remove": lambda r: {
        "plan_id": r["annual_plan"].pk,
        "item_id": r["annual_plan_item"].pk,
    },
}
