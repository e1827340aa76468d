"""Broader or finer themes (insight/granularity.py): a run stores its answers' groups at five
levels; changing level rebuilds the themes from them at once, keeps every answer coded and what
the analyst did, and never embeds anything again."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from consultations.tests.factories import QuestionFactory, QuestionnaireFactory
from engagement.tests.factories import ActivityFactory
from governance.models import AuditEvent
from insight import granularity, services, themes
from insight.models import AnalysisRun, CodedAnswer, Priority, Theme
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from places.tests.factories import AreaFactory

from .conftest import add_answer

TOPICS = {
    "speeding": ["Cars speeding", "Drivers going far too fast", "Boy racers speeding", "Speeding traffic"],
    "litter": ["Litter and rubbish", "Fly-tipping and dumped mattresses", "Overflowing bins", "Broken glass"],
    "drugs": [
        "Drug dealing",
        "People selling drugs",
        "Cannabis smoking and dealing",
        "Needles from drug users",
    ],
    "noise": [
        "Loud parties and music",
        "Noisy neighbours shouting",
        "Barking dogs all night",
        "Revving motorbikes",
    ],
}
PLACES = ["on our street", "near the school", "in the park", "by the shops", "outside the flats"]


@pytest.fixture
def big_run(officer, analyst, django_capture_on_commit_callbacks) -> AnalysisRun:
    activity = ActivityFactory(lead_organisation=officer.organisation, title="LEVELS")
    question = QuestionFactory(questionnaire=QuestionnaireFactory(activity=activity))
    for texts in TOPICS.values():
        for text in texts:
            for place in PLACES:
                add_answer(question, f"{text} {place} every week")
    add_answer(question, "nothing")
    with django_capture_on_commit_callbacks(execute=True):
        run = services.analysis_run_create(user=analyst, question=question)
    run.refresh_from_db()
    return run


def _coded(run: AnalysisRun) -> dict[int, int | None]:
    return dict(run.coded_answers.values_list("answer_id", "theme_id"))


def test_a_run_stores_its_groups_at_every_level(big_run):
    assert big_run.state == "done" and big_run.level == granularity.STANDARD_LEVEL == 2
    rows = list(big_run.coded_answers.all())
    empty = [c for c in rows if c.is_empty_bucket]
    assert len(empty) == 1 and empty[0].levels is None
    themed = [c for c in rows if not c.is_empty_bucket]
    assert all(len(c.levels) == 5 and len(c.level_quotes) == 5 for c in themed)
    # "As found" is the run's own themes: one group per theme, and its quotes are the themes' quotes
    by_group: dict[int, set[int]] = {}
    for c in themed:
        by_group.setdefault(c.levels[2], set()).add(c.theme_id)
        assert c.level_quotes[2] == c.quote_position
    assert all(len(ids) == 1 for ids in by_group.values())
    assert len(by_group) == big_run.themes.count()


def test_broader_and_finer_keep_every_answer_coded(big_run, analyst):
    found = big_run.themes.count()
    answers = set(_coded(big_run))
    counts = {}
    for level in (0, 1, 3, 4, 2):
        run = granularity.analysis_run_set_level(user=analyst, run=big_run, level=level)
        assert run.level == level
        coded = _coded(run)
        assert set(coded) == answers and list(coded.values()).count(None) == 1  # the empty answer only
        assert {t.size for t in run.themes.all()} and all(t.size > 0 for t in run.themes.all())
        assert sum(t.size for t in run.themes.all()) == len(answers) - 1
        assert all(t.label and t.key_terms for t in run.themes.all())
        distinct = {c.levels[level] for c in run.coded_answers.exclude(levels=None)}
        assert run.themes.count() == len(distinct)
        for theme in run.themes.all():
            quotes = list(theme.coded.exclude(quote_position=None).values_list("quote_position", flat=True))
            assert sorted(quotes) == list(range(len(quotes))) and 1 <= len(quotes) <= 3
        counts[level] = run.themes.count()
    assert counts[0] <= counts[1] <= counts[2] == found <= counts[3] <= counts[4]
    assert counts[0] < counts[4]
    assert AuditEvent.objects.filter(object_type="insight.analysisrun", changes__has_key="level").count() == 5


def _craft(run: AnalysisRun) -> list[Theme]:
    """Levels written by hand: 0 one group, 2 the run's themes, 4 one group per
    answer; 1 and 3 as 2."""
    theme_list = list(run.themes.order_by("position"))
    for number, theme in enumerate(theme_list, start=1):
        for i, coded in enumerate(theme.coded.order_by("id")):
            coded.levels = [1, number, number, number, 100 * number + i]
            coded.level_quotes = [None, coded.quote_position, coded.quote_position, coded.quote_position, 0]
            coded.save()
    return theme_list


def test_an_analyst_s_name_and_review_stay_with_their_answers(big_run, analyst):
    run = big_run
    first, *_ = _craft(run)
    members = set(first.coded.values_list("answer_id", flat=True))
    themes.theme_rename(user=analyst, theme=first, label="Roads and speeding")
    themes.theme_set_reviewed(user=analyst, theme=first, reviewed=True)
    granularity.analysis_run_set_level(user=analyst, run=run, level=3)  # same groups: nothing lost
    kept = Theme.objects.get(pk=first.pk)
    assert kept.label == "Roads and speeding" and kept.named_by_analyst and kept.reviewed
    change = granularity.analysis_run_change_level(user=analyst, run=run, level=0)
    assert run.themes.count() == 1 and change.set_aside == ["Roads and speeding"] and not change.lost
    assert not Theme.objects.filter(pk=first.pk).exists()
    granularity.analysis_run_set_level(user=analyst, run=run, level=2)  # going back brings it back
    back = run.themes.get(label="Roads and speeding")
    assert back.named_by_analyst and back.reviewed
    assert set(back.coded.values_list("answer_id", flat=True)) == members


def test_an_answer_moved_by_hand_stays_where_the_analyst_put_it(big_run, analyst):
    run = big_run
    first, second, *_ = _craft(run)
    moved = first.coded.first()
    themes.coded_answer_move(user=analyst, coded=moved, theme=second)
    moved.refresh_from_db()
    assert moved.moved_by_analyst
    for level in (4, 0, 2):
        granularity.analysis_run_set_level(user=analyst, run=run, level=level)
        moved.refresh_from_db()
        assert moved.theme_id == second.pk
    assert Theme.objects.filter(pk=second.pk).exists()


def test_themes_kept_from_a_previous_run_stay_at_every_level(
    run, analyst, django_capture_on_commit_callbacks
):
    reviewed = run.themes.order_by("-size").first()
    themes.theme_set_reviewed(user=analyst, theme=reviewed, reviewed=True)
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    kept = again.themes.get(label=reviewed.label)
    members = set(kept.coded.values_list("answer_id", flat=True))
    assert not kept.coded.exclude(levels=None).exists()
    for level in (0, 4):
        granularity.analysis_run_set_level(user=analyst, run=again, level=level)
        kept.refresh_from_db()
        assert kept.reviewed and set(kept.coded.values_list("answer_id", flat=True)) == members


def test_a_theme_a_priority_was_drawn_from_keeps_its_answers(big_run, analyst, police):
    theme = big_run.themes.order_by("position").last()
    members = set(theme.coded.values_list("answer_id", flat=True))
    Priority.private_objects.create(
        area=AreaFactory(), quarter="2026-Q4", label=theme.label, rank=1, organisation=police, theme=theme
    )
    for level in (0, 4):
        granularity.analysis_run_set_level(user=analyst, run=big_run, level=level)
        theme.refresh_from_db()
        assert set(theme.coded.values_list("answer_id", flat=True)) == members
        assert not big_run.themes.exclude(pk=theme.pk).filter(coded__answer_id__in=members).exists()


def test_changing_level_embeds_nothing(big_run, analyst, monkeypatch):
    import heard_text
    from heard_text import embed_cache

    def refuse(*args, **kwargs):
        raise AssertionError("embedded again")

    monkeypatch.setattr(heard_text, "get_embedder", refuse)
    monkeypatch.setattr(heard_text, "discover_themes", refuse)
    monkeypatch.setattr(embed_cache, "embed_in_chunks", refuse)
    monkeypatch.setattr(embed_cache.CachedEmbedder, "embed", refuse)
    monkeypatch.setattr("insight.text.find_themes", refuse)
    for level in (0, 4, 2):
        assert granularity.analysis_run_set_level(user=analyst, run=big_run, level=level).level == level


@pytest.mark.parametrize("level", [-1, 5, 99, "2", True, None, 2.0])
def test_a_bad_level_is_refused_and_nothing_changes(run, analyst, level):
    before = (_coded(run), list(run.themes.values_list("pk", "label")))
    with pytest.raises(ValidationError) as refused:
        granularity.analysis_run_set_level(user=analyst, run=run, level=level)
    assert "Choose a level from 0" in " ".join(refused.value.messages)
    run.refresh_from_db()
    assert run.level == 2 and (_coded(run), list(run.themes.values_list("pk", "label"))) == before


def test_a_run_without_stored_levels_says_so(run, analyst, client):
    AnalysisRun.objects.filter(pk=run.pk).update(level=None)
    CodedAnswer.objects.filter(run=run).update(levels=None, level_quotes=None)
    run.refresh_from_db()
    with pytest.raises(ValidationError, match="made before themes could be made broader"):
        granularity.analysis_run_set_level(user=analyst, run=run, level=0)
    client.force_login(analyst)
    page = client.get(reverse("insight:run_detail", kwargs={"pk": run.pk})).content.decode()
    assert "made before themes could be made broader" in page and 'name="level"' not in page


def test_only_those_who_may_edit_themes_change_the_level(run, analyst, police, council, outsider):
    run.questionnaire.activity.partners.add(council)
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    intel = UserFactory(organisation=police, roles=[Role.INTELLIGENCE_OFFICER])
    before = _coded(run)
    for user in (partner, intel, outsider):
        with pytest.raises(PermissionDenied):
            granularity.analysis_run_set_level(user=user, run=run, level=0)
    run.refresh_from_db()
    assert run.level == 2 and _coded(run) == before


def test_the_page_control(run, analyst, police, council, client):
    url = reverse("insight:run_detail", kwargs={"pk": run.pk})
    level_url = reverse("insight:run_level", kwargs={"pk": run.pk})
    client.force_login(analyst)
    page = client.get(url).content.decode()
    assert "Broader or finer themes" in page and f'action="{level_url}"' in page
    assert 'value="2" checked' in page and "Much broader" in page and "Much finer" in page
    response = client.post(level_url, {"level": "0"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    run.refresh_from_db()
    assert run.level == 0 and "Themes are now “Much broader”" in response.content.decode()
    refused = client.post(level_url, {"level": "seven"})
    run.refresh_from_db()
    assert refused.status_code == 400 and run.level == 0
    assert "Choose a level from 0" in refused.content.decode() and 'name="level"' in refused.content.decode()
    # read-only roles see no control and are refused
    run.questionnaire.activity.partners.add(council)
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    client.force_login(partner)
    page = client.get(url)
    assert page.status_code == 200 and "Broader or finer themes" not in page.content.decode()
    assert client.post(level_url, {"level": "2"}).status_code == 403
    client.force_login(UserFactory(organisation=OrganisationFactory(), roles=[Role.ANALYST]))
    assert client.post(level_url, {"level": "2"}).status_code == 404
    run.refresh_from_db()
    assert run.level == 0


def test_the_api_operation(run, analyst, police, council):
    from .test_api import client

    path = f"/analyses/{run.pk}/level"
    changed = client.post(path, json={"level": 4}, user=analyst)
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["level"] == 4 and body["themes"]
    assert {t["id"] for t in body["themes"]} == set(run.themes.values_list("pk", flat=True))
    assert sum(t["size"] for t in body["themes"]) == run.coded_answers.filter(is_empty_bucket=False).count()
    for bad in ({"level": 5}, {"level": -1}, {}, {"level": "broad"}):
        refused = client.post(path, json=bad, user=analyst)
        assert 400 <= refused.status_code < 500, bad
    assert "Choose a level from 0" in str(client.post(path, json={"level": 9}, user=analyst).json())
    run.refresh_from_db()
    assert run.level == 4
    run.questionnaire.activity.partners.add(council)
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    assert client.post(path, json={"level": 2}, user=partner).status_code == 403
    stranger = UserFactory(organisation=OrganisationFactory(), roles=[Role.ANALYST])
    assert client.post(path, json={"level": 2}, user=stranger).status_code == 404
    run.refresh_from_db()
    assert run.level == 4
