"""One public queryset: drafts, unpublished and OFFICIAL-SENSITIVE activities never appear
on any public page or feed, whoever asks, and their own pages are 404s. Every URL of the
public site is walked, so a new page must join the walk. The public code is scanned for any
other road to a record: it reads only through the public doors."""

import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

import website
from consultations.models import Questionnaire
from consultations.updates import unsubscribe_token
from engagement.models import Activity, Status
from engagement.tests.factories import ActivityFactory
from governance.models import Marking
from insight.models import Priority
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes.models import Action, Decision, Feedback, Finding
from outcomes.tests.loop_factories import make_trail

from .helpers import HIDDEN_TITLES, body, public_activity, soon


def public_url_names() -> set[str]:
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and namespace == "public":
                yield f"public:{pattern.name}"

    return set(walk(get_resolver().url_patterns))


@pytest.fixture
def scene(places, hidden, young_people):
    """A visible activity beside the hidden ones, and hidden ones in the past too."""
    visible = public_activity(
        title="VISIBLE-PACT", areas=[places.altrincham], starts_at=soon(2), audiences=[young_people]
    )
    past = []
    for activity in hidden:
        past.append(
            ActivityFactory(
                title=activity.title + "-PAST",
                status=activity.status if activity.status == Status.DRAFT else Status.CLOSED,
                is_published=activity.is_published,
                marking=activity.marking,
                areas=[places.altrincham],
                starts_at=soon(-5),
                contact_name="HIDDEN-CONTACT",
            )
        )
    # "You said, we did": a published trail of every hidden activity (its words name it), and
    # of the visible one, beside a trail of the visible one whose decision is OFFICIAL-SENSITIVE.
    for activity in hidden + past:
        make_trail(activity, text=f"{activity.title} TRAIL", title=f"{activity.title} FEEDBACK")
    make_trail(visible, text="VISIBLE-TRAIL", title="VISIBLE-FEEDBACK")
    leaky = make_trail(visible, text=f"{HIDDEN_TITLES[2]} TRAIL", title="VISIBLE-FEEDBACK-2")
    for model, row in ((Finding, leaky.finding), (Decision, leaky.decision), (Action, leaky.action)):
        model.objects.filter(pk=row.pk).update(marking=Marking.OFFICIAL_SENSITIVE)
    Feedback.objects.filter(pk=leaky.feedback.pk).update(statement="VISIBLE-STATEMENT")
    return {"visible": visible, "hidden": hidden + past}


def urls(visible) -> dict[str, list[str]]:
    month = timezone.localdate() + timedelta(days=2)
    past_month = timezone.localdate() - timedelta(days=5)
    months = [
        reverse("public:calendar_month", kwargs={"year": month.year, "month": month.month}),
        reverse("public:calendar_month", kwargs={"year": past_month.year, "month": past_month.month}),
    ]
    return {
        "public:home": [reverse("public:home"), reverse("public:home") + "?postcode=nonsense"],
        "public:area_list": [reverse("public:area_list")],
        "public:area_detail": [
            reverse("public:area_detail", kwargs={"code": code})
            for code in ("E05000819", "E08000009", "E23000005")
        ],
        "public:area_feed": [
            reverse("public:area_feed", kwargs={"code": code})
            for code in ("E05000819", "E08000009", "E23000005")
        ],
        "public:audience_feed": [reverse("public:audience_feed", kwargs={"slug": "young-people"})],
        "public:calendar": [
            reverse("public:calendar") + query
            for query in (
                "",
                "?when=past",
                "?area=E05000819",
                "?audience=young-people",
                "?area=E05000819&when=past",
            )
        ],
        "public:calendar_this_month": [reverse("public:calendar_this_month")],
        "public:calendar_month": months + [m + "?area=E05000819" for m in months],
        "public:calendar_feed": [reverse("public:calendar_feed")],
        "public:event_detail": [reverse("public:event_detail", kwargs={"pk": visible.pk})],
        "public:event_feed": [reverse("public:event_feed", kwargs={"pk": visible.pk})],
        "public:favicon": [reverse("public:favicon")],
        **{
            f"public:{name}": [
                reverse(f"public:{name}", kwargs={"code": code}) for code in ("E05000819", "E08000009")
            ]
            for name in ("feedback_area", "feedback_area_rss", "feedback_area_atom")
        },
        **{
            f"public:{name}": [reverse(f"public:{name}", kwargs={"pk": visible.pk})]
            for name in ("feedback_event", "feedback_event_rss", "feedback_event_atom")
        },
        "public:updates_unsubscribe": [
            reverse("public:updates_unsubscribe", kwargs={"token": unsubscribe_token([visible.pk])})
        ],
        **{
            f"public:{name}": [reverse(f"public:{name}")]
            for name in ("about", "accessibility", "privacy", "cookies")
        },
        "public:language": [reverse("public:language") + "?lang=cy&next=/calendar/%3Fwhen%3Dpast"],
    }


def clients(police) -> list[Client]:
    """Anonymous, and a signed-in officer of the organisation that owns the hidden records:
    the public site shows the same to both."""
    officer = Client()
    officer.force_login(UserFactory(organisation=police, roles=[Role.ENGAGEMENT_OFFICER]))
    return [Client(), officer]


def test_every_public_url_is_walked(db):
    assert public_url_names() == set(urls(ActivityFactory.build(pk=1)))


def test_hidden_activities_appear_on_no_public_page_or_feed(scene, police):
    for activity in scene["hidden"]:
        activity.lead_organisation = police
        activity.save()
    walked = 0
    for client in clients(police):
        for name, paths in urls(scene["visible"]).items():
            for path in paths:
                response = client.get(path, follow=True)
                assert response.status_code == 200, f"{name} {path}: {response.status_code}"
                content = body(response)
                for title in HIDDEN_TITLES:
                    assert title not in content, f"{path} shows {title}"
                assert "HIDDEN-CONTACT" not in content, path
                walked += 1
    assert walked >= 2 * 20
    # The pages did show something: the walk is not vacuous.
    assert "VISIBLE-PACT" in body(Client().get(reverse("public:calendar")))
    assert b"VISIBLE-PACT" in Client().get(reverse("public:calendar_feed")).content
    area_page = body(Client().get(reverse("public:area_detail", kwargs={"code": "E05000819"})))
    assert "VISIBLE-TRAIL" in area_page and "VISIBLE-STATEMENT" in area_page
    atom = Client().get(reverse("public:feedback_area_atom", kwargs={"code": "E05000819"})).content
    assert b"VISIBLE-TRAIL" in atom


def test_hidden_activities_own_pages_are_not_found(scene, police):
    for client in clients(police):
        for activity in scene["hidden"]:
            for name in (
                "public:event_detail",
                "public:event_feed",
                "public:feedback_event",
                "public:feedback_event_rss",
                "public:feedback_event_atom",
            ):
                response = client.get(reverse(name, kwargs={"pk": activity.pk}))
                assert response.status_code == 404, f"{name} shows {activity.title}"


@pytest.mark.parametrize(
    ("changes", "shown"),
    [
        ({}, True),
        ({"status": Status.DRAFT}, False),
        ({"is_published": False}, False),
        ({"marking": Marking.OFFICIAL_SENSITIVE}, False),
        ({"status": Status.CANCELLED}, True),
    ],
)
def test_unpublishing_takes_an_activity_off_every_page(client, places, changes, shown):
    activity = public_activity(title="TOGGLE-91", areas=[places.altrincham], starts_at=soon(2))
    for field, value in changes.items():
        setattr(activity, field, value)
    activity.save()
    for path in (
        reverse("public:calendar"),
        reverse("public:area_detail", kwargs={"code": "E05000819"}),
        reverse("public:calendar_feed"),
        reverse("public:home"),
    ):
        assert (b"TOGGLE-91" in client.get(path).content) is shown, path
    status = client.get(reverse("public:event_detail", kwargs={"pk": activity.pk})).status_code
    assert status == (200 if shown else 404)


# --- the source: no road to a record but the public doors ----------------------------------

ROOT = Path(website.__file__).parent.parent
DOORS = (Activity, Questionnaire, Priority, Feedback, Decision, Action, Finding)
# Read by the public only through a questionnaire from `Questionnaire.public_objects`: its
# questions, their choices and its privacy notice.
THROUGH_A_QUESTIONNAIRE = ("Question", "Choice", "PrivacyStatement")
UNSAFE_NAMES = {"private_objects", "_default_manager", "_base_manager", "visible_to"}
# Shortcuts that take a model and read all of it, and ways round the ORM's managers.
UNSAFE_CALLS = {"get_object_or_404", "get_list_or_404", "get_model", "cursor"}
# Where each part of the public code opens its door (`public_objects` is read nowhere else).
DOOR_FILES = {
    ROOT / "website" / "selectors.py",
    ROOT / "website" / "feedback_selectors.py",  # "You said, we did": Feedback.public_objects
    ROOT / "consultations" / "public_flow.py",
}


def public_sources() -> list[Path]:
    """The public website's code (not its tests) and the public side of consultations."""
    site = ROOT / "website"
    code = [p for p in site.rglob("*.py") if "tests" not in p.relative_to(site).parts]
    return sorted(code) + sorted((ROOT / "consultations").glob("public_*.py"))


def public_templates() -> list[Path]:
    folders = (
        ROOT / "website" / "templates",
        ROOT / "consultations" / "templates" / "consultations" / "public",
    )
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())


def bypassing_relations() -> set[str]:
    """Relations that lead from a row to rows of a door model without passing its door: from
    an area, audience, method or organisation to its activities (drafts included), from an
    activity to its questionnaires, from a questionnaire to its other versions. (Going up is
    safe: a public questionnaire's activity is public.)"""
    names = set()
    for model in apps.get_models():
        for relation in model._meta.get_fields():
            if not relation.is_relation or relation.related_model not in DOORS:
                continue
            if relation.auto_created and not relation.concrete:
                names.add(relation.get_accessor_name())
            elif relation.related_model is model:
                names.add(relation.name)
    return names


class UnsafeReads(ast.NodeVisitor):
    """Finds the reads in one module that do not go through a public door."""

    def __init__(self, relations: set[str]) -> None:
        self.relations = relations
        self.imported: dict[str, str] = {}  # local name -> the name imported
        self.found: list[str] = []
        self.managers: list[str] = []  # every manager read, safe or not

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.imported[alias.asname or alias.name] = alias.name

    def visit_Attribute(self, node: ast.Attribute) -> None:
        owner = self.imported.get(node.value.id, node.value.id) if isinstance(node.value, ast.Name) else ""
        if node.attr in ("objects", "public_objects"):
            self.managers.append(f"line {node.lineno}: {owner or '...'}.{node.attr}")
        if node.attr in UNSAFE_NAMES or node.attr in self.relations:
            self.found.append(f"line {node.lineno}: .{node.attr}")
        elif node.attr == "objects" and owner in {m.__name__ for m in DOORS} | set(THROUGH_A_QUESTIONNAIRE):
            self.found.append(f"line {node.lineno}: {owner}.objects")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if called in UNSAFE_CALLS:
            self.found.append(f"line {node.lineno}: {called}()")
        elif called == "getattr" and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
            name = node.args[1].value
            if name in UNSAFE_NAMES | self.relations | {"objects"}:
                self.found.append(f"line {node.lineno}: getattr(..., {name!r})")
        self.generic_visit(node)


def scan(source: str, relations: set[str]) -> UnsafeReads:
    finder = UnsafeReads(relations)
    finder.visit(ast.parse(source))
    return finder


def unsafe_reads(source: str, relations: set[str]) -> list[str]:
    return scan(source, relations).found


def unsafe_template_reads(text: str, relations: set[str]) -> list[str]:
    names = "|".join(sorted(UNSAFE_NAMES | relations | {"objects"}))
    return [m.group(0) for m in re.finditer(rf"\.({names})\b", text)]


@pytest.mark.parametrize(
    "source",
    [
        "from engagement.models import Activity\nActivity.private_objects.all()",
        "from engagement.models import Activity as A\nA.objects.all()",
        "from consultations.models import Questionnaire\nQuestionnaire._default_manager.all()",
        "from insight.models import Priority\nPriority._base_manager.all()",
        "from insight.models import Priority\nPriority.objects.filter(area=area)",
        "queryset.visible_to(user)",
        "from consultations.models import Question\nQuestion.objects.get(pk=1)",
        "from consultations.models import Choice\nChoice.objects.all()",
        "from consultations.models import PrivacyStatement\nPrivacyStatement.objects.first()",
        "activity.questionnaires.all()",
        "area.activities.all()",
        "activity.method.activities.all()",
        "questionnaire.previous",
        "questionnaire.next_version",
        "get_object_or_404(Activity, pk=pk)",
        "getattr(Activity, 'private_objects')",
        "apps.get_model('engagement', 'Activity')",
        "connection.cursor()",
        "from outcomes.models import Feedback\nFeedback.objects.filter(activity=activity)",
        "from outcomes.models import Decision\nDecision.objects.all()",
        "activity.loop_feedback.all()",
        "decision.reported_in.all()",
    ],
)
def test_the_scan_finds_each_unsafe_read(source):
    assert unsafe_reads(source, bypassing_relations()), source


def test_the_scan_lets_the_doors_through():
    safe = (
        "from engagement.models import Activity\nActivity.public_objects.for_list()\n"
        "from consultations.models import Questionnaire\n"
        "q = Questionnaire.public_objects.get(pk=1)\nq.questions.all()\nq.activity\nq.privacy_statement\n"
        "contact.about\nActivity.areas.through.objects.filter(activity_id=1)"
    )
    assert unsafe_reads(safe, bypassing_relations()) == []


def test_public_code_reads_only_through_the_public_doors():
    """Everything the public pages show is read through `Activity.public_objects`,
    `Questionnaire.public_objects` and `Priority.public_objects`, and from the website only in
    selectors.py: no other manager, no staff scoping, no relation that goes round a door."""
    relations = bypassing_relations()
    assert {"questionnaires", "activities", "previous", "next_version"} <= relations
    sources = public_sources()
    assert len(sources) >= 12 and ROOT / "consultations" / "public_views.py" in sources
    problems = []
    for path in sources:
        name = path.relative_to(ROOT)
        found = scan(path.read_text(encoding="utf-8"), relations)
        problems += [f"{name} {read}" for read in found.found]
        doors = [m for m in found.managers if m.endswith(".public_objects")]
        if path not in DOOR_FILES:
            problems += [f"{name} {read}, outside its door" for read in doors]
        if name.parts[0] == "website" and path not in DOOR_FILES:
            problems += [f"{name} {read}: ask selectors.py" for read in found.managers if read not in doors]
    templates = public_templates()
    assert len(templates) >= 20
    for path in templates:
        found = unsafe_template_reads(path.read_text(encoding="utf-8"), relations)
        problems += [f"{path.relative_to(ROOT)} {f}" for f in found]
    assert not problems, "Reads that do not go through a public door:\n" + "\n".join(problems)
    selectors = (ROOT / "website" / "selectors.py").read_text(encoding="utf-8")
    for door in ("Activity.public_objects", "Questionnaire.public_objects", "Priority.public_objects"):
        assert door in selectors
    assert "Questionnaire.public_objects" in (ROOT / "consultations" / "public_flow.py").read_text()
