"""The feedback loop's part of the URL walks (heard/tests/walks.py): its staff pages, API
operations and public pages, the records they name for the scoping walk (a whole trail for each
of the walk's activities), and for the redaction matrix a trail whose every piece of text quotes
the planted answer, which only the owning organisation may read as written."""

from collections.abc import Callable
from typing import Any

from consultations.updates import unsubscribe_token
from insight.models import Theme
from outcomes.tests.loop_factories import make_trail
from places.models import Area, AreaLevel

Record = dict[str, Any]

_FINDING = ("finding_detail", "finding_edit", "decision_create_from_finding")
_DECISION = ("decision_detail", "decision_edit", "action_create")
_ACTION = ("action_detail", "action_edit", "action_move", "action_progress", "action_rag")
_FEEDBACK = ("feedback_detail", "feedback_edit", "feedback_publish", "feedback_resend")


def _pk(key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {"pk": r[key].pk}


OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "outcomes:finding_create_for_activity": _pk("activity"),
    "outcomes:feedback_create": _pk("activity"),
    "outcomes:finding_create_from_theme": lambda r: {"pk": r["analysis_run"].pk, "theme": r["loop_theme"].pk},
    **{f"outcomes:{name}": _pk("loop_finding") for name in _FINDING},
    **{f"outcomes:{name}": _pk("loop_decision") for name in _DECISION},
    **{f"outcomes:{name}": _pk("loop_action") for name in _ACTION},
    **{f"outcomes:{name}": _pk("loop_feedback") for name in _FEEDBACK},
    **{
        f"api:{name}": (lambda r: {"finding_id": r["loop_finding"].pk})
        for name in ("get_finding", "update_finding")
    },
    **{
        f"api:{name}": (lambda r: {"decision_id": r["loop_decision"].pk})
        for name in ("get_decision", "update_decision", "create_action")
    },
    **{
        f"api:{name}": (lambda r: {"action_id": r["loop_action"].pk})
        for name in ("get_action", "update_action", "move_action", "add_action_progress", "set_action_rag")
    },
    **{
        f"api:{name}": (lambda r: {"feedback_id": r["loop_feedback"].pk})
        for name in ("get_feedback", "update_feedback", "publish_feedback")
    },
    "api:create_feedback": lambda r: {"activity_id": r["activity"].pk},
}

COLLECTION_URLS: dict[str, dict[str, Any]] = {
    **{
        f"outcomes:{name}": {}
        for name in (
            "home",
            "finding_list",
            "finding_create",
            "decision_list",
            "decision_create",
            "action_list",
            "feedback_list",
        )
    },
    "outcomes:police_uk_export": {"file_format": "csv"},
    **{
        f"api:{name}": {}
        for name in (
            "list_findings",
            "create_finding",
            "list_decisions",
            "create_decision",
            "list_actions",
            "list_feedback",
            "export_priorities_and_actions",
        )
    },
    # Public "You said, we did" of an area (areas are open data; the feedback is public only).
    **{
        f"public:{name}": {"code": "E05000819"}
        for name in ("feedback_area", "feedback_area_rss", "feedback_area_atom")
    },
}

PUBLIC_URLS = {"public:feedback_area", "public:feedback_area_rss", "public:feedback_area_atom"}
PUBLIC_URLS |= {"public:updates_unsubscribe"}

PUBLIC_OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    f"public:{name}": _pk("activity")
    for name in ("feedback_event", "feedback_event_rss", "feedback_event_atom")
}

UNSCOPED_OBJECT_URLS: dict[str, str] = {
    "public:updates_unsubscribe": "a signed token, not a record's id: a link that Heard did not make is a 404, "
    "and one it did make shows the same page whatever the responses it names",
}


def add_records(record: Record, *, police: Any, outsider: Any) -> None:
    """A theme of the walk's analysis and a whole trail for the walk's activity, owned by the
    police (a draft feedback, so that its writes are walked)."""
    activity = record["activity"]
    theme = Theme.objects.create(run=record["analysis_run"], label="THEME-SECRET", size=1)
    trail = make_trail(activity, organisation=police, text="LOOP-SECRET", published=False, themes=[theme])
    record.update(
        loop_theme=theme,
        loop_finding=trail.finding,
        loop_decision=trail.decision,
        loop_action=trail.action,
        loop_feedback=trail.feedback,
    )


# --- the redaction matrix ------------------------------------------------------------------

Scene = dict[str, Any]
MATRIX_AREA = "E05099991"  # the neighbourhood of the matrix's finding, for the exports' query
Kwargs = Callable[[Scene], dict[str, Any]]


def _scene_pk(key: str) -> Kwargs:
    return lambda s: {"pk": s[key].pk}


SHOWS_TEXT: dict[str, tuple[Kwargs, str]] = {
    "outcomes:finding_list": (lambda s: {}, ""),
    "outcomes:decision_list": (lambda s: {}, ""),
    "outcomes:action_list": (lambda s: {}, ""),
    "outcomes:decision_create": (lambda s: {}, ""),
    "outcomes:finding_detail": (_scene_pk("loop_finding"), ""),
    "outcomes:finding_edit": (_scene_pk("loop_finding"), ""),
    "outcomes:decision_create_from_finding": (_scene_pk("loop_finding"), ""),
    "outcomes:finding_create_from_theme": (lambda s: {"pk": s["run"].pk, "theme": s["quoted"].theme_id}, ""),
    "outcomes:decision_detail": (_scene_pk("loop_decision"), ""),
    "outcomes:decision_edit": (_scene_pk("loop_decision"), ""),
    "outcomes:action_detail": (_scene_pk("loop_action"), ""),
    "outcomes:action_edit": (_scene_pk("loop_action"), ""),
    "outcomes:feedback_detail": (_scene_pk("loop_feedback"), ""),
    "outcomes:feedback_edit": (_scene_pk("loop_feedback"), ""),
    "outcomes:feedback_create": (_scene_pk("activity"), ""),
    "outcomes:police_uk_export": (lambda s: {"file_format": "csv"}, f"?area={MATRIX_AREA}"),
    "api:list_findings": (lambda s: {}, ""),
    "api:get_finding": (lambda s: {"finding_id": s["loop_finding"].pk}, ""),
    "api:list_decisions": (lambda s: {}, ""),
    "api:get_decision": (lambda s: {"decision_id": s["loop_decision"].pk}, ""),
    "api:list_actions": (lambda s: {}, ""),
    "api:get_action": (lambda s: {"action_id": s["loop_action"].pk}, ""),
    "api:list_feedback": (lambda s: {}, ""),
    "api:get_feedback": (lambda s: {"feedback_id": s["loop_feedback"].pk}, ""),
    "api:export_priorities_and_actions": (lambda s: {}, f"?area={MATRIX_AREA}&format=json"),
}

OTHER_GETS: dict[str, Kwargs] = {
    "outcomes:home": lambda s: {},
    "outcomes:finding_create": lambda s: {},
    "outcomes:feedback_list": lambda s: {},
    "outcomes:finding_create_for_activity": _scene_pk("activity"),
    "outcomes:action_create": _scene_pk("loop_decision"),
    "outcomes:feedback_publish": _scene_pk("loop_feedback"),
    **{
        f"public:{name}": (lambda s: {"code": s["ward"].code})
        for name in ("feedback_area", "feedback_area_rss", "feedback_area_atom")
    },
    **{
        f"public:{name}": _scene_pk("activity")
        for name in ("feedback_event", "feedback_event_rss", "feedback_event_atom")
    },
    "public:updates_unsubscribe": lambda s: {"token": s["loop_token"]},
}

TEXT_WRITES: dict[str, tuple[str, Kwargs, Callable[[Scene], dict[str, Any]]]] = {
    "api:add_action_progress": (
        "post",
        lambda s: {"action_id": s["loop_action"].pk},
        lambda s: {"text": "Two patrols a week since the meeting."},
    ),
}

NO_TEXT: dict[str, str] = {
    **{
        f"outcomes:{name}": "a form post that answers with a redirect"
        for name in ("action_move", "action_progress", "action_rag", "feedback_resend")
    },
    "api:create_finding": "returns the finding the caller wrote",
    "api:update_finding": "returns the finding, for its own organisation's staff only",
    "api:create_decision": "returns the decision the caller wrote",
    "api:update_decision": "returns the decision, for its own organisation's staff only",
    "api:create_action": "returns the action the caller wrote",
    "api:update_action": "returns the action, for the deciding organisation's staff only",
    "api:move_action": "returns the action; tested with the loop (test_loop_api)",
    "api:set_action_rag": "returns the action; tested with the loop (test_loop_api)",
    "api:create_feedback": "returns the feedback the caller wrote",
    "api:update_feedback": "returns the draft, for its own organisation's staff only",
    "api:publish_feedback": "returns the feedback, for its own organisation's staff only",
}


def add_matrix_records(scene: Scene) -> None:
    """A published trail of the matrix's activity quoting the planted answer everywhere (the
    finding also quotes the answer itself as evidence and is drawn from its theme), with the
    action done by the partner organisation."""
    from heard.tests.test_redaction_matrix import ANSWER

    quoted = scene["quoted"]
    trail = make_trail(
        scene["activity"],
        organisation=scene["police"],
        text=ANSWER,
        owner=scene["council"],
        themes=[quoted.theme],
        answers=[quoted.answer],
        title="Drug dealing on the estate",
    )
    area = Area.objects.create(code=MATRIX_AREA, name="Matrix ward", level=AreaLevel.NEIGHBOURHOOD)
    trail.finding.area = area
    trail.finding.save()
    scene.update(
        loop_finding=trail.finding,
        loop_decision=trail.decision,
        loop_action=trail.action,
        loop_feedback=trail.feedback,
        loop_token=unsubscribe_token([quoted.answer.response_id]),
    )


# --- api/tests/test_write_schemas.py -------------------------------------------------------


def _ids(name: str, key: str) -> Callable[[Record], dict[str, Any]]:
    return lambda r: {name: r[key].pk}


SCHEMA_PATHS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "/api/outcomes/findings/{finding_id}": _ids("finding_id", "loop_finding"),
    "/api/outcomes/decisions/{decision_id}": _ids("decision_id", "loop_decision"),
    "/api/outcomes/decisions/{decision_id}/actions": _ids("decision_id", "loop_decision"),
    **{
        f"/api/outcomes/actions/{{action_id}}{tail}": _ids("action_id", "loop_action")
        for tail in ("", "/transition", "/updates", "/rag")
    },
    "/api/outcomes/feedback/{feedback_id}": _ids("feedback_id", "loop_feedback"),
    "/api/outcomes/feedback/{feedback_id}/publish": _ids("feedback_id", "loop_feedback"),
}
