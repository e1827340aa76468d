"""Walks every URL of Heard as a user of another organisation and checks that records not
shared with them stay out of reach: 403/404 on the record's own URLs, absent from every list
and export. A URL that is not classified below fails the walk, so new URLs must join it."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from consultations.models import Answer as ConsultationAnswer
from consultations.models import Attendance, PrivacyStatement, Question, Questionnaire, Response
from engagement.models import Activity, Answer, ChecklistAnswer, EngagementPlan, Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from insight.models import AnalysisRun, IntelligenceFlag
from organisations.models import Role
from organisations.tests.factories import UserFactory

from . import walks

Record = dict[str, Any]

# URLs naming one organisation-scoped record, and how to fill them in for a record.
OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "engagement:activity_detail": lambda r: {"pk": r["activity"].pk},
    "engagement:activity_edit": lambda r: {"pk": r["activity"].pk},
    "engagement:activity_delete": lambda r: {"pk": r["activity"].pk},
    "engagement:activity_transition": lambda r: {"pk": r["activity"].pk},
    "engagement:activity_checklist": lambda r: {"pk": r["activity"].pk},
    "engagement:checklist_answer": lambda r: {"pk": r["activity"].pk, "point": 1},
    "engagement:activity_plan": lambda r: {"pk": r["activity"].pk},
    "api:get_activity": lambda r: {"activity_id": r["activity"].pk},
    "api:update_activity": lambda r: {"activity_id": r["activity"].pk},
    "api:delete_activity": lambda r: {"activity_id": r["activity"].pk},
    "api:transition_activity": lambda r: {"activity_id": r["activity"].pk},
    "api:get_checklist": lambda r: {"activity_id": r["activity"].pk},
    "api:answer_checklist_point": lambda r: {"activity_id": r["activity"].pk, "point": 1},
    "api:get_plan": lambda r: {"activity_id": r["activity"].pk},
    "api:set_plan": lambda r: {"activity_id": r["activity"].pk},
    # Questionnaires, offline capture and results (staff)
    **{
        f"consultations:{name}": lambda r: {"activity_pk": r["activity"].pk}
        for name in (
            "questionnaire_list",
            "questionnaire_create",
            "attendance_list",
            "attendance_create",
            "equality_form_enter",
        )
    },
    **{
        f"consultations:{name}": lambda r: {"pk": r["questionnaire"].pk}
        for name in (
            "questionnaire_detail",
            "questionnaire_edit",
            "questionnaire_preview",
            "questionnaire_publish",
            "questionnaire_new_version",
            "question_add",
            "response_enter",
            "import_upload",
            "import_map",
            "results",
            "text_answers",
        )
    },
    **{
        f"consultations:{name}": lambda r: {"pk": r["question"].pk}
        for name in ("question_edit", "question_move", "question_delete")
    },
    "consultations:attendance_edit": lambda r: {"pk": r["attendance"].pk},
    "consultations:attendance_delete": lambda r: {"pk": r["attendance"].pk},
    "consultations:results_export": lambda r: {
        "pk": r["questionnaire"].pk,
        "part": "responses",
        "file_format": "csv",
    },
    **{
        f"api:{name}": lambda r: {"activity_id": r["activity"].pk}
        for name in (
            "list_questionnaires",
            "create_questionnaire",
            "list_attendance",
            "create_attendance",
            "enter_equality_form",
            "get_activity_equality",
        )
    },
    **{
        f"api:{name}": lambda r: {"questionnaire_id": r["questionnaire"].pk}
        for name in (
            "get_questionnaire",
            "update_questionnaire",
            "replace_questions",
            "publish_questionnaire",
            "new_questionnaire_version",
            "enter_response",
            "import_responses",
            "get_results",
            "list_text_answers",
            "export_results",
        )
    },
    # Analyses of written answers and intelligence triage (insight/urls.py)
    "insight:run_list": lambda r: {"pk": r["questionnaire"].pk},
    "insight:ranking_priorities": lambda r: {"pk": r["questionnaire"].pk},
    **{
        f"insight:{name}": lambda r: {"pk": r["analysis_run"].pk}
        for name in ("run_detail", "theme_change", "theme_priority", "answer_move")
    },
    "insight:run_export": lambda r: {"pk": r["analysis_run"].pk, "part": "answers", "file_format": "csv"},
    "insight:flag_decide": lambda r: {"pk": r["intelligence_flag"].pk},
    **{
        f"api:{name}": lambda r: {"attendance_id": r["attendance"].pk}
        for name in ("get_attendance", "update_attendance", "delete_attendance")
    },
}

# api/insight.py: classified now, walked once api/api.py mounts its router.
INSIGHT_API_OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "api:list_analysis_runs": lambda r: {"questionnaire_id": r["questionnaire"].pk},
    "api:create_analysis_run": lambda r: {"questionnaire_id": r["questionnaire"].pk},
    **{
        f"api:{name}": lambda r: {"run_id": r["analysis_run"].pk}
        for name in ("get_analysis_run", "change_theme", "move_coded_answer", "export_analysis_run")
    },
    "api:decide_intelligence_flag": lambda r: {"flag_id": r["intelligence_flag"].pk},
    "api:create_priorities_from_ranking": lambda r: {"question_id": r["question"].pk},
    "api:create_priority_from_theme": lambda r: {"run_id": r["analysis_run"].pk},
}
INSIGHT_API_COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "api:list_intelligence_flags": {},
    "api:list_analysis_runs_across": {},
    "api:create_analysis_run_across": {},
    "api:list_priorities": {},
    "api:create_priority": {},
    "api:get_priority_trend": {},
}

# Public URLs (no login) naming one record: they must 404 for every record the public
# queryset does not return (unpublished, draft, OFFICIAL-SENSITIVE), whoever asks.
PUBLIC_OBJECT_URLS: dict[str, Callable[[Record], dict[str, Any]]] = {
    "public:event_detail": lambda r: {"pk": r["activity"].pk},
    "public:event_feed": lambda r: {"pk": r["activity"].pk},
    # Answering a consultation online (consultations/public_urls.py)
    **{
        f"consult:{name}": lambda r: {"pk": r["questionnaire"].pk}
        for name in ("start", "check", "equality", "send")
    },
    "consult:question": lambda r: {"pk": r["questionnaire"].pk, "number": 1},
}

# URLs with parameters that name data which is not scoped by organisation (public reference
# data such as Census areas). Each needs a reason.
UNSCOPED_OBJECT_URLS: dict[str, str] = {
    "api:get_area": "Census areas are open data",
    "api:get_area_profile": "Census profiles are open data",
}

# URLs without a record in them: lists, forms, exports, docs. Each must leave scoped records out.
COLLECTION_URLS: dict[str, dict[str, Any]] = {
    "public:home": {},
    # Public pages listing public activities (an area's page and feed list activities; areas
    # themselves are open data).
    "public:area_list": {},
    "public:area_detail": {"code": "E05000819"},
    "public:area_feed": {"code": "E05000819"},
    "public:audience_feed": {"slug": "young-people"},
    "public:calendar": {},
    "public:calendar_this_month": {},
    "public:calendar_month": {"year": 2026, "month": 11},
    "public:calendar_feed": {},
    "public:favicon": {},  # Heard's icon: no record at all
    "consult:withdraw": {},
    "login": {},
    "logout": {},
    "engagement:activity_list": {},
    "engagement:activity_create": {},
    "engagement:activity_export": {"file_format": "csv"},
    "insight:flag_list": {},
    "insight:analysis_across": {},
    "insight:priority_list": {},
    "insight:priority_create": {},
    "api:api-root": {},
    "api:openapi-json": {},
    "api:openapi-view": {},
    "api:list_activities": {},
    "api:create_activity": {},
    "api:export_activities": {},
    "api:list_organisations": {},
    "api:list_methods": {},
    "api:list_areas": {},
    "api:list_audiences": {},
}

# The URLs above that need no login.
PUBLIC_URLS = {"public:home", "login", "logout", "api:api-root", "api:openapi-json", "api:openapi-view"}
PUBLIC_URLS |= {
    "public:area_list",
    "public:area_detail",
    "public:area_feed",
    "public:audience_feed",
    "public:calendar",
    "public:calendar_this_month",
    "public:calendar_month",
    "public:calendar_feed",
    "public:favicon",
    "consult:withdraw",
}

SKIPPED_PREFIXES = ("admin/",)

# One body that every write endpoint accepts as well-formed, so that a refusal can only come
# from the record being out of reach, not from a malformed request.
VALID_BODY = {
    "to": "planned",
    "answer": "done",
    "note": "",
    "venue": "Changed",
    "title": "Changed",
    "decision_route": "Changed",
    "analysis": "Changed",
    "sharing_back": "Changed",
    "questions": [],
    "channel": "paper",
    "head_count": 1,
}  # Django admin: superusers only, see test_admin_is_for_superusers


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, bool]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            has_params = bool(pattern.pattern.regex.groupindex)
            yield route, f"{namespace}{pattern.name}", has_params


def all_urls() -> list[tuple[str, str, bool]]:
    return [u for u in _walk(get_resolver().url_patterns) if not u[0].startswith(SKIPPED_PREFIXES)]


_ROUTED = {name for _, name, _ in all_urls()}
OBJECT_URLS.update({k: v for k, v in INSIGHT_API_OBJECT_URLS.items() if k in _ROUTED})
COLLECTION_URLS.update({k: v for k, v in INSIGHT_API_COLLECTION_URLS.items() if k in _ROUTED})
# Each app's own part of the walk (heard/tests/walks.py).
OBJECT_URLS.update(walks.merged("OBJECT_URLS"))
COLLECTION_URLS.update(walks.merged("COLLECTION_URLS"))
PUBLIC_URLS |= walks.merged("PUBLIC_URLS") or set()
PUBLIC_OBJECT_URLS.update(walks.merged("PUBLIC_OBJECT_URLS"))
UNSCOPED_OBJECT_URLS.update(walks.merged("UNSCOPED_OBJECT_URLS"))


def test_every_url_is_classified():
    unclassified = []
    for route, name, has_params in all_urls():
        known = (
            (OBJECT_URLS.keys() | UNSCOPED_OBJECT_URLS.keys() | PUBLIC_OBJECT_URLS.keys())
            if has_params
            else COLLECTION_URLS.keys()
        )
        if name not in known and not (has_params and name in COLLECTION_URLS):
            unclassified.append(f"{name} ({route})")
    assert not unclassified, "Add these URLs to the scoping walk: " + ", ".join(unclassified)


@pytest.fixture
def records(police, outsider):
    """Two records the outsider must not reach: an unshared one, and a sensitive one whose
    partner they are (marking beats partnership)."""
    unshared = ActivityFactory(lead_organisation=police, title="UNSHARED-7f3a1")
    sensitive = ActivityFactory(
        status=Status.PLANNED,
        is_published=True,
        lead_organisation=police,
        title="SENSITIVE-9c2b4",
        marking=Marking.OFFICIAL_SENSITIVE,
        partners=[outsider.organisation],
    )
    statement = PrivacyStatement.objects.create(text="Privacy")
    found = []
    for activity in (unshared, sensitive):
        ChecklistAnswer.objects.create(activity=activity, point=1, answer=Answer.DONE)
        EngagementPlan.objects.create(activity=activity, decision_route="PLAN-SECRET")
        questionnaire = Questionnaire.private_objects.create(
            activity=activity, title="QUESTIONNAIRE-SECRET", privacy_statement=statement
        )
        question = Question.objects.create(questionnaire=questionnaire, kind="text", text="QUESTION-SECRET")
        attendance = Attendance.objects.create(activity=activity, head_count=12)
        run = AnalysisRun.objects.create(
            questionnaire=questionnaire, question=question, organisation=police, state="done", progress=100
        )
        response = Response.objects.create(
            questionnaire=questionnaire,
            receipt_hash=f"receipt-{activity.pk}",
            privacy_statement=statement,
            consented_at=timezone.now(),
        )
        answer = ConsultationAnswer.objects.create(response=response, question=question, text="ANSWER-SECRET")
        flag = IntelligenceFlag.objects.create(answer=answer, run=run, organisation=police, score=0.9)
        record = {
            "activity": activity,
            "questionnaire": questionnaire,
            "question": question,
            "attendance": attendance,
            "analysis_run": run,
            "intelligence_flag": flag,
        }
        for add in walks.hooks("add_records"):
            add(record, police=police, outsider=outsider)
        found.append(record)
    return found


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _methods(name: str) -> tuple[str, ...]:
    """Every method for the API; for the pages GET, POST and one other: a page is a function
    view, where PUT, PATCH and DELETE take the same path (refused with 405, or read as a GET),
    so one of them stands for all three."""
    return ("get", "post", "put", "patch", "delete") if name.startswith("api:") else ("get", "post", "delete")


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_OFFICER, Role.ADMIN, Role.ANALYST, Role.PARTNER_USER])
def test_other_organisation_cannot_reach_unshared_records(records, council, role):
    client = _client_for(UserFactory(organisation=council, roles=[role]))
    names = {name for _, name, has_params in all_urls() if has_params and name in OBJECT_URLS}
    assert names == set(OBJECT_URLS), "every object URL is walked"
    for record in records:
        for name in sorted(names):
            url = reverse(name, kwargs=OBJECT_URLS[name](record))
            if not name.startswith("api:"):
                assert not hasattr(resolve(url).func, "view_class"), f"{name}: walk all five methods"
            statuses = {}
            for method in _methods(name):
                if name.startswith("api:") and method != "get":
                    response = getattr(client, method)(url, data=VALID_BODY, content_type="application/json")
                else:
                    response = getattr(client, method)(url, data=VALID_BODY if method == "post" else {})
                statuses[method] = response.status_code
                assert response.status_code in (403, 404, 405), (
                    f"{method.upper()} {url} gave {response.status_code}"
                )
                assert record["activity"].title.encode() not in response.content
            assert {403, 404} & set(statuses.values()), f"{url}: no method refused, only {statuses}"
        activity = Activity.private_objects.get(pk=record["activity"].pk)
        assert activity.status == record["activity"].status and activity.title == record["activity"].title
        assert activity.checklist_answers.count() == 1
        assert Questionnaire.private_objects.get(activity=activity).questions.get().text == "QUESTION-SECRET"
        assert Attendance.objects.get(activity=activity).head_count == 12


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_OFFICER, Role.ANALYST])
def test_lists_and_exports_leave_unshared_records_out(records, council, role):
    client = _client_for(UserFactory(organisation=council, roles=[role]))
    seen = 0
    for _, name, _ in all_urls():
        if name not in COLLECTION_URLS or name == "logout":
            continue
        response = client.get(reverse(name, kwargs=COLLECTION_URLS[name]))
        assert response.status_code < 500, name
        if response.status_code == 200:
            seen += 1
            body = b"".join(response) if response.streaming else response.content
            for record in records:
                assert record["activity"].title.encode() not in body, (
                    f"{name} shows {record['activity'].title}"
                )
            assert b"PLAN-SECRET" not in body
    assert seen >= 5


def test_the_owner_does_see_them(records, officer):
    """The walk's counterpart: the same URLs work for the owning organisation."""
    client = _client_for(officer)
    for record in records:
        response = client.get(reverse("engagement:activity_detail", kwargs={"pk": record["activity"].pk}))
        assert response.status_code == 200
        assert record["activity"].title.encode() in response.content
    listing = client.get(reverse("api:list_activities")).json()
    assert {i["title"] for i in listing["items"]} == {"UNSHARED-7f3a1", "SENSITIVE-9c2b4"}


def test_anonymous_visitors_are_sent_to_sign_in(records):
    client = Client()
    for route, name, _ in all_urls():
        if name in PUBLIC_URLS or name in PUBLIC_OBJECT_URLS:
            continue
        if name in UNSCOPED_OBJECT_URLS:
            kwargs = {"code": "E05000819"}
        elif name in OBJECT_URLS:
            kwargs = OBJECT_URLS[name](records[0])
        else:
            kwargs = COLLECTION_URLS[name]
        response = client.get(reverse(name, kwargs=kwargs))
        if name.startswith("api:"):
            assert response.status_code in (401, 405), f"{route}: {response.status_code}"
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], route


def test_admin_is_for_superusers(officer):
    response = _client_for(officer).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_public_record_urls_hide_non_public_records(records, officer, outsider):
    """Public pages read only the public queryset: a draft, an unpublished or an
    OFFICIAL-SENSITIVE record is a 404 for everyone, its own organisation included."""
    for client in (Client(), _client_for(outsider), _client_for(officer)):
        for record in records:
            for name, kwargs in PUBLIC_OBJECT_URLS.items():
                response = client.get(reverse(name, kwargs=kwargs(record)))
                assert response.status_code == 404, f"{name} shows {record['activity'].title}"
