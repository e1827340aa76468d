"""Residents' words reach nobody outside the owning organisation unredacted.

A name, a street address, a postcode, a phone number and an e-mail address are planted in a
written answer (which an analysis makes a quote of its theme and an intelligence flag) and in an
event's attendance notes. Then every URL of Heard — pages, API operations and exports — is
requested by every role of the owning organisation, every role of a partner organisation that a
data-sharing agreement lets see the activity, staff of an unrelated organisation, a superuser
who belongs to no organisation, and an anonymous visitor. The planted values appear only for
the owning organisation; on the pages that show such text, they do appear for it (so the walk
is not vacuous). Every URL must be classified below: a new URL or API operation that is not
fails the walk, as in test_url_scoping."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from consultations.models import Attendance
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from core.tests.helpers import content
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from insight import services as insight_services
from insight.models import CodedAnswer, IntelligenceFlag
from insight.tests.conftest import add_answer
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory

from . import walks
from .test_url_scoping import all_urls

PLANTED = ["Dave Smith", "14 Elm Street", "M33 7ZA", "07700 900123", "dave.smith@example.com"]
ANSWER = (
    "My neighbour Dave Smith at 14 Elm Street, M33 7ZA, deals drugs from his van. "
    "Ring him on 07700 900123 or write to dave.smith@example.com."
)
NOTES = "Spoke to Dave Smith of 14 Elm Street, M33 7ZA (07700 900123, dave.smith@example.com) about parking."
OTHER_ANSWERS = [
    "Speeding cars on the main road outside the school every morning",
    "Drivers speed down the high street, we need speed cameras",
    "Cars going far too fast near the school gates",
    "Drug dealing from a van outside the flats at night",
    "People dealing drugs in the park after dark",
]
ROLES = list(Role)

Scene = dict[str, Any]
Kwargs = Callable[[Scene], dict[str, Any]]

# URLs whose response may carry residents' words: (kwargs, query string). For the owning
# organisation, each shows the planted values whenever the role may open it.
SHOWS_TEXT: dict[str, tuple[Kwargs, str]] = {
    "consultations:results": (lambda s: {"pk": s["questionnaire"].pk}, ""),
    "consultations:text_answers": (lambda s: {"pk": s["questionnaire"].pk}, ""),
    "consultations:results_export": (
        lambda s: {"pk": s["questionnaire"].pk, "part": "responses", "file_format": "csv"},
        "",
    ),
    "consultations:attendance_list": (lambda s: {"activity_pk": s["activity"].pk}, ""),
    "consultations:attendance_edit": (lambda s: {"pk": s["attendance"].pk}, ""),
    "insight:run_detail": (lambda s: {"pk": s["run"].pk}, ""),
    "insight:run_export": (lambda s: {"pk": s["run"].pk, "part": "answers", "file_format": "csv"}, ""),
    "insight:flag_list": (lambda s: {}, ""),
    "api:list_text_answers": (lambda s: {"questionnaire_id": s["questionnaire"].pk}, ""),
    "api:export_results": (
        lambda s: {"questionnaire_id": s["questionnaire"].pk},
        "?part=responses&format=csv",
    ),
    "api:list_attendance": (lambda s: {"activity_id": s["activity"].pk}, ""),
    "api:get_attendance": (lambda s: {"attendance_id": s["attendance"].pk}, ""),
    "api:get_analysis_run": (lambda s: {"run_id": s["run"].pk}, ""),
    "api:export_analysis_run": (lambda s: {"run_id": s["run"].pk}, "?part=answers&format=csv"),
    "api:list_intelligence_flags": (lambda s: {}, ""),
}
# Also requested, with a GET, by everyone: their responses must never carry the planted values.
OTHER_GETS: dict[str, Kwargs] = {
    **{
        name: (lambda s: {})
        for name in (
            "public:home",
            "public:area_list",
            "public:calendar",
            "public:calendar_this_month",
            "public:calendar_feed",
            "public:favicon",
            "consult:withdraw",
            "login",
            "engagement:activity_list",
            "engagement:activity_create",
            "insight:analysis_across",
            "insight:priority_list",
            "insight:priority_create",
            "api:api-root",
            "api:openapi-json",
            "api:openapi-view",
            "api:list_activities",
            "api:list_organisations",
            "api:list_methods",
            "api:list_areas",
            "api:list_audiences",
            "api:list_analysis_runs_across",
            "api:list_priorities",
        )
    },
    "public:area_detail": lambda s: {"code": s["ward"].code},
    "public:area_feed": lambda s: {"code": s["ward"].code},
    "public:audience_feed": lambda s: {"slug": "young-people"},
    "public:calendar_month": lambda s: {"year": 2026, "month": 11},
    "public:event_detail": lambda s: {"pk": s["activity"].pk},
    "public:event_feed": lambda s: {"pk": s["activity"].pk},
    **{
        f"consult:{name}": (lambda s: {"pk": s["questionnaire"].pk})
        for name in ("start", "check", "equality", "send")
    },
    "consult:question": lambda s: {"pk": s["questionnaire"].pk, "number": 1},
    "engagement:activity_export": lambda s: {"file_format": "csv"},
    **{
        f"engagement:{name}": (lambda s: {"pk": s["activity"].pk})
        for name in (
            "activity_detail",
            "activity_edit",
            "activity_delete",
            "activity_checklist",
            "activity_plan",
        )
    },
    **{
        f"consultations:{name}": (lambda s: {"activity_pk": s["activity"].pk})
        for name in ("questionnaire_list", "questionnaire_create", "attendance_create", "equality_form_enter")
    },
    **{
        f"consultations:{name}": (lambda s: {"pk": s["questionnaire"].pk})
        for name in (
            "questionnaire_detail",
            "questionnaire_edit",
            "questionnaire_preview",
            "question_add",
            "response_enter",
            "import_upload",
            "import_map",
        )
    },
    **{
        f"consultations:{name}": (lambda s: {"pk": s["question"].pk})
        for name in ("question_edit", "question_delete")
    },
    "consultations:attendance_delete": lambda s: {"pk": s["attendance"].pk},
    "insight:run_list": lambda s: {"pk": s["questionnaire"].pk},
    "insight:ranking_priorities": lambda s: {"pk": s["questionnaire"].pk},
    **{
        f"api:{name}": (lambda s: {"activity_id": s["activity"].pk})
        for name in (
            "get_activity",
            "get_checklist",
            "get_plan",
            "list_questionnaires",
            "get_activity_equality",
        )
    },
    **{
        f"api:{name}": (lambda s: {"questionnaire_id": s["questionnaire"].pk})
        for name in ("get_questionnaire", "get_results", "list_analysis_runs")
    },
    "api:export_activities": lambda s: {},
    "api:get_area": lambda s: {"code": s["ward"].code},
    "api:get_area_profile": lambda s: {"code": s["ward"].code},
    "api:get_priority_trend": lambda s: {},
}
# Writes that answer with text: done as every user; for the owning organisation's staff who may
# make them, the answer holds the planted values, for everyone else it never does.
TEXT_WRITES: dict[str, tuple[str, Kwargs, Callable[[Scene], dict[str, Any]]]] = {
    "api:change_theme": (
        "post",
        lambda s: {"run_id": s["run"].pk},
        lambda s: {"action": "review", "theme": s["quoted"].theme_id},
    ),
    "api:move_coded_answer": (
        "post",
        lambda s: {"run_id": s["run"].pk},
        lambda s: {"coded_answer": s["quoted"].pk, "theme": s["quoted"].theme_id},
    ),
    "api:update_attendance": (
        "put",
        lambda s: {"attendance_id": s["attendance"].pk},
        lambda s: {"held_on": str(s["attendance"].held_on), "head_count": 12, "notes": NOTES, "counts": {}},
    ),
}
# Everything else, and why it carries no residents' words (the scoping test walks them all).
NO_TEXT: dict[str, str] = {
    "logout": "signs out",
    "engagement:activity_transition": "a form post that answers with a redirect",
    "engagement:checklist_answer": "staff's own checklist notes",
    "consultations:questionnaire_publish": "a form post that answers with a redirect",
    "consultations:questionnaire_new_version": "a form post that answers with a redirect",
    "consultations:question_move": "a form post that answers with a redirect",
    "insight:theme_change": "a form post that answers with a redirect or a confirmation of names",
    "insight:theme_priority": "a form post that answers with a redirect",
    "insight:answer_move": "a form post that answers with a redirect",
    "insight:flag_decide": "a form post that answers with a redirect",
    "api:create_activity": "returns the activity the caller wrote",
    "api:update_activity": "returns the activity",
    "api:delete_activity": "returns nothing",
    "api:transition_activity": "returns the activity",
    "api:answer_checklist_point": "returns the checklist: staff's own notes",
    "api:set_plan": "returns the plan the caller wrote",
    "api:create_questionnaire": "returns the questionnaire",
    "api:update_questionnaire": "returns the questionnaire",
    "api:replace_questions": "returns the questionnaire",
    "api:publish_questionnaire": "returns the questionnaire",
    "api:new_questionnaire_version": "returns the questionnaire",
    "api:enter_response": "returns a receipt code",
    "api:import_responses": "returns counts",
    "api:create_attendance": "returns the attendance the caller wrote",
    "api:delete_attendance": "returns nothing",
    "api:enter_equality_form": "returns a count",
    "api:create_analysis_run": "returns a run without themes",
    "api:create_analysis_run_across": "returns a run without themes",
    "api:decide_intelligence_flag": "for intelligence officers of the owning organisation only (test_triage)",
    "api:create_priority": "returns the priority the caller wrote",
    "api:create_priorities_from_ranking": "returns priorities named after the question's options",
    "api:create_priority_from_theme": "returns a priority named after a theme (redacted)",
}


# Each app's own part of the matrix (heard/tests/walks.py).
SHOWS_TEXT.update(walks.merged("SHOWS_TEXT"))
OTHER_GETS.update(walks.merged("OTHER_GETS"))
TEXT_WRITES.update(walks.merged("TEXT_WRITES"))
NO_TEXT.update(walks.merged("NO_TEXT"))


def test_every_url_is_classified():
    known = SHOWS_TEXT.keys() | OTHER_GETS.keys() | TEXT_WRITES.keys() | NO_TEXT.keys()
    names = {name for _, name, _ in all_urls()}
    assert not names - known, "Classify these URLs in the redaction matrix: " + ", ".join(
        sorted(names - known)
    )
    assert not known - names, "These classified URLs no longer exist: " + ", ".join(sorted(known - names))


@pytest.fixture
def scene(police, council, django_capture_on_commit_callbacks) -> Scene:
    analyst = UserFactory(organisation=police, roles=[Role.ANALYST])
    activity = ActivityFactory(
        lead_organisation=police, status=Status.OPEN, title="MATRIX-ACTIVITY", is_published=True
    )
    DataSharingAgreementFactory(owner=police, recipient=council)
    questionnaire = QuestionnaireFactory(activity=activity, title="MATRIX-QUESTIONNAIRE")
    question = QuestionFactory(questionnaire=questionnaire)
    for text in OTHER_ANSWERS:
        add_answer(question, text)
    planted = add_answer(question, ANSWER)  # the newest, so the results page's previews show it
    attendance = Attendance.objects.create(activity=activity, head_count=12, notes=NOTES)
    with django_capture_on_commit_callbacks(execute=True):
        run = insight_services.analysis_run_create(user=analyst, question=question)
    quoted = CodedAnswer.objects.get(run=run, answer=planted)
    if quoted.theme_id is None:
        quoted.theme = run.themes.first()
    CodedAnswer.objects.filter(theme=quoted.theme).update(quote_position=None)
    quoted.quote_position = 0
    quoted.save()
    IntelligenceFlag.objects.get_or_create(answer=planted, defaults={"organisation": police, "score": 0.9})
    scene = {
        "activity": activity,
        "questionnaire": questionnaire,
        "question": question,
        "attendance": attendance,
        "run": run,
        "quoted": quoted,
        "ward": activity.areas.first(),
        "police": police,
        "council": council,
        "analyst": analyst,
    }
    for add in walks.hooks("add_matrix_records"):
        add(scene)
    return scene


def _request(client: Client, method: str, url: str, body: dict[str, Any] | None = None) -> bytes:
    if body is None:
        response = getattr(client, method)(url)
    else:
        response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
    return content(response) if response.status_code == 200 else b""


def _found(body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    return [value for value in PLANTED if value in text]


def _walk(client: Client, scene: Scene) -> tuple[dict[str, list[str]], int]:
    """What each URL showed of the planted values, and how many answered 200."""
    shown: dict[str, list[str]] = {}
    ok = 0
    for name, (kwargs, query) in SHOWS_TEXT.items():
        body = _request(client, "get", reverse(name, kwargs=kwargs(scene)) + query)
        ok += bool(body)
        shown[name] = _found(body) if body else ["(refused)"]
    for name, kwargs in OTHER_GETS.items():
        body = _request(client, "get", reverse(name, kwargs=kwargs(scene)))
        shown[name] = _found(body)
    for name, (method, kwargs, payload) in TEXT_WRITES.items():
        body = _request(client, method, reverse(name, kwargs=kwargs(scene)), payload(scene))
        ok += bool(body)
        shown[name] = _found(body) if body else ["(refused)"]
    return shown, ok


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_the_owning_organisation_reads_the_words_as_written(scene, police, role):
    shown, ok = _walk(_client(UserFactory(organisation=police, roles=[role])), scene)
    assert ok, f"{role}: no page that shows residents' words opened"
    for name in SHOWS_TEXT.keys() | TEXT_WRITES.keys():
        if shown[name] != ["(refused)"]:
            assert shown[name] == PLANTED, f"{role} on {name}: only {shown[name]}"
    leaks = {name: values for name, values in shown.items() if name in OTHER_GETS and values}
    assert not leaks, f"pages that should show no residents' words show {leaks}"


def _outsiders() -> list[tuple[str, Callable[[Any, Any], Any]]]:
    partners = [
        (
            f"partner {role.value}",
            lambda police, council, role=role: UserFactory(organisation=council, roles=[role]),
        )
        for role in ROLES
    ]
    return [
        *partners,
        *[
            (
                f"unrelated {role.value}",
                lambda police, council, role=role: UserFactory(
                    organisation=OrganisationFactory(name="Unrelated Trust"), roles=[role]
                ),
            )
            for role in (Role.ADMIN, Role.ANALYST, Role.ENGAGEMENT_OFFICER)
        ],
        (
            "superuser of no organisation",
            lambda police, council: UserFactory(
                organisation=None, is_superuser=True, is_staff=True, roles=[]
            ),
        ),
        ("anonymous", lambda police, council: None),
    ]


@pytest.mark.parametrize(("who", "make"), _outsiders(), ids=[who for who, _ in _outsiders()])
def test_nobody_else_reads_them(scene, police, council, who, make):
    shown, ok = _walk(_client(make(police, council)), scene)
    leaks = {name: values for name, values in shown.items() if values and values != ["(refused)"]}
    assert not leaks, f"{who} read residents' words as written: {leaks}"
    if who.startswith("partner") or who.startswith("superuser"):
        assert ok, f"{who} opened no page showing residents' words: the walk proves nothing for them"
