"""Property-based checks over every write operation of the API: whatever body its OpenAPI
schema admits — and bodies with the oddest strings and numbers JSON can carry — the answer is
below 500, and a refusal (any 4xx) leaves the database exactly as it was.

Bodies are drawn from each operation's request schema (`_from_schema`, below), and from a
strategy of hostile values (control and bidi characters, lone surrogates, enormous numbers,
wrong types). Path ids are real records of the caller's own organisation, so the bodies reach
the services and their checks: the records come from every walk module's `add_records`, and a
walk module names the ids of its own operations in `SCHEMA_PATHS` (OpenAPI path → ids).

`_from_schema` covers the part of JSON Schema that django-ninja's schemas use; it is written
here because hypothesis-jsonschema no longer runs with current Hypothesis."""

import functools
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.api import api
from consultations.models import Attendance, Choice, Question
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from engagement.models import Status
from engagement.tests.factories import ActivityFactory
from heard.tests import walks
from insight.models import AnalysisRun, IntelligenceFlag, RunState, Theme
from insight.tests.conftest import add_answer
from organisations.models import Role
from organisations.tests.factories import UserFactory

ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\x0b",
        "\u202etxt",
        "\ud800",
        "é" * 600,
        "9" * 40,
        "-1",
        "2026-13-45",
        "<script>",
        "null",
    ]
)
ODD_VALUE = st.one_of(
    ODD_TEXT,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(ODD_TEXT, max_size=3),
    st.dictionaries(ODD_TEXT, ODD_TEXT, max_size=2),
)


def _inline(schema: Any, components: dict[str, Any], depth: int = 0) -> Any:
    """The schema with its $refs replaced by what they name."""
    if isinstance(schema, dict):
        if "$ref" in schema and depth < 12:
            return _inline(components[schema["$ref"].rsplit("/", 1)[-1]], components, depth + 1)
        return {k: _inline(v, components, depth) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_inline(v, components, depth) for v in schema]
    return schema


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    spec = api.get_openapi_schema()
    components = spec.get("components", {}).get("schemas", {})
    found = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body is not None:
                found.append((method, path, _inline(body["schema"], components)))
    return found


OPERATIONS = _operations()


STRING_FORMATS: dict[str, st.SearchStrategy[str]] = {
    "date": st.dates().map(str),
    "date-time": st.datetimes(timezones=st.none() | st.timezones()).map(lambda d: d.isoformat()),
    "email": st.emails(),
}


def _string(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if schema.get("format") in STRING_FORMATS:
        return STRING_FORMATS[schema["format"]]
    return st.text(min_size=schema.get("minLength", 0), max_size=min(schema.get("maxLength", 60), 60))


def _object(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    parts = {name: _from_schema(sub) for name, sub in properties.items()}
    optional = [name for name in properties if name not in required]
    return st.fixed_dictionaries(
        {name: parts[name] for name in properties if name in required},
        optional={name: parts[name] for name in optional},
    )


def _from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid for `schema` (the JSON Schema subset that django-ninja writes)."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([_from_schema(s) for s in schema[key]])
    if "allOf" in schema:
        return _from_schema({k: v for s in schema["allOf"] for k, v in s.items()})
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return _object(schema)
    if kind == "array":
        return st.lists(_from_schema(schema.get("items", {})), min_size=schema.get("minItems", 0), max_size=4)
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        return st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum"))
    if kind == "number":
        return st.decimals(allow_nan=False, allow_infinity=False, places=2).map(float)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return ODD_VALUE


def _bodies(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    names = list(schema.get("properties", {})) or ["x"]
    hostile = st.dictionaries(st.sampled_from(names), ODD_VALUE, max_size=len(names))
    return st.one_of(_from_schema(schema), hostile, ODD_VALUE)


def _counts() -> dict[str, int]:
    """Rows in every table of Heard's apps, in one query (taken twice per example)."""
    with connection.cursor() as cursor:
        cursor.execute(_COUNT_SQL())
        return dict(cursor.fetchall())


@functools.cache
def _COUNT_SQL() -> str:
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in HEARD_LABELS and model._meta.managed and not model._meta.proxy
        }
    )
    quote = connection.ops.quote_name
    # the tables are Heard's own models' names, not input
    return " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {quote(table)}"  # noqa: S608
        for table in tables
    )


HEARD_LABELS = {app.rpartition(".")[2] for app in django_settings.HEARD_APPS}


@pytest.fixture
def scene(police, council) -> dict[str, Any]:
    user = UserFactory(
        organisation=police,
        roles=[Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST, Role.INTELLIGENCE_OFFICER],
    )
    activity = ActivityFactory(lead_organisation=police, status=Status.OPEN)
    questionnaire = QuestionnaireFactory(activity=activity, title="Schema walk")
    text = QuestionFactory(questionnaire=questionnaire, text="Anything else?")
    ranking = Question.objects.create(questionnaire=questionnaire, kind="ranking", text="Rank", position=1)
    for label in ("Speeding", "Parking"):
        Choice.objects.create(question=ranking, label=label)
    answer = add_answer(text, "Speeding outside the school")
    run = AnalysisRun.objects.create(
        questionnaire=questionnaire,
        question=text,
        organisation=police,
        state=RunState.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    Theme.objects.create(run=run, label="Speeding", size=1)
    flag = IntelligenceFlag.objects.create(answer=answer, organisation=police, score=0.9)
    attendance = Attendance.objects.create(activity=activity, head_count=10)
    record = {
        "activity": activity,
        "questionnaire": questionnaire,
        "question": ranking,
        "attendance": attendance,
        "analysis_run": run,
        "intelligence_flag": flag,
    }
    outsider = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    for add in walks.hooks("add_records"):
        add(record, police=police, outsider=outsider)
    client = Client()
    client.force_login(user)
    ids = {
        "activity_id": activity.pk,
        "questionnaire_id": questionnaire.pk,
        "question_id": ranking.pk,
        "run_id": run.pk,
        "flag_id": flag.pk,
        "attendance_id": attendance.pk,
        "point": 1,
    }
    return {"client": client, "ids": ids, "record": record}


SCHEMA_PATHS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = walks.merged("SCHEMA_PATHS")


def _url(path: str, scene: dict[str, Any]) -> str:
    own = SCHEMA_PATHS.get(path)
    return path.format(**{**scene["ids"], **(own(scene["record"]) if own else {})})


def test_every_write_operation_is_walked():
    assert len(OPERATIONS) >= 20
    assert {m for m, _, _ in OPERATIONS} == {"post", "put", "patch"}


def test_every_path_id_has_a_record():
    """A new operation whose path names an id no walk module provides fails here, by name."""
    known = {"activity_id", "questionnaire_id", "question_id", "run_id", "flag_id", "attendance_id", "point"}
    for _, path, _ in OPERATIONS:
        names = set(re.findall(r"\{(\w+)\}", path))
        if names - known:
            assert path in SCHEMA_PATHS, f"{path}: add its ids to a walk module's SCHEMA_PATHS"


@pytest.mark.parametrize(("method", "path", "schema"), OPERATIONS, ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_any_body_gets_an_answer_below_500_and_a_refusal_changes_nothing(scene, method, path, schema):
    send: Callable[..., Any] = getattr(scene["client"], method)
    url = _url(path, scene)

    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(body=_bodies(schema))
    def check(body: Any) -> None:
        before = _counts()
        response = send(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, f"{method.upper()} {url} with {body!r}: {response.status_code}"
        if response.status_code >= 400:
            assert _counts() == before, f"{method.upper()} {url} refused {body!r} but stored something"

    check()
