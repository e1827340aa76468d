"""The analyst's corrections to themes, and themes kept true to their answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import AuditEvent
from insight import themes
from insight.models import Theme
from organisations.models import Role
from organisations.tests.factories import UserFactory


def test_split_merge_move_and_audit(run, analyst):
    theme = run.themes.order_by("-size").first()
    total = theme.size
    first, second = themes.theme_split(user=analyst, theme=theme)
    assert first.size + second.size == total and first.size and second.size
    assert first.key_terms or second.key_terms
    coded = first.coded.first()
    themes.coded_answer_move(user=analyst, coded=coded, theme=second)
    coded.refresh_from_db()
    assert coded.theme_id == second.pk and coded.quote_position is None
    merged = themes.theme_merge(user=analyst, theme=second, into=first)
    assert merged.size == total and not Theme.objects.filter(pk=second.pk).exists()
    quotes = list(merged.coded.exclude(quote_position=None).order_by("quote_position"))
    assert [q.quote_position for q in quotes] == list(range(len(quotes))) and len(quotes) <= 3
    assert AuditEvent.objects.filter(object_type="insight.theme").count() == 2
    assert AuditEvent.objects.filter(object_type="insight.codedanswer").count() == 1
    with pytest.raises(ValidationError):
        themes.theme_merge(user=analyst, theme=merged, into=merged)


def test_a_name_the_analyst_gave_survives_relabelling(run, analyst):
    theme = run.themes.order_by("-size").first()
    themes.theme_rename(user=analyst, theme=theme, label="  Speeding   near schools ")
    theme.refresh_from_db()
    assert theme.label == "Speeding near schools" and theme.named_by_analyst
    theme.summary = ""
    theme.save(update_fields=["summary"])
    themes.relabel(run, [theme])
    theme.refresh_from_db()
    assert theme.label == "Speeding near schools" and theme.key_terms
    assert theme.summary  # Heard's summary is made again; the analyst's name stays


def test_relabelling_an_unchanged_theme_gives_the_same_key_terms(run):
    before = {t.pk: t.key_terms for t in run.themes.all()}
    themes.relabel(run, list(run.themes.all()))
    after = {t.pk: t.key_terms for t in run.themes.all()}
    assert after == before
    # names are made again too (from the answers using most key terms: no vectors are kept)
    names = [t.label for t in run.themes.all()]
    assert all(names) and len(set(names)) == len(names)


def test_another_organisation_cannot_correct(run, council):
    theme = run.themes.first()
    with pytest.raises(PermissionDenied):
        themes.theme_rename(
            user=UserFactory(organisation=council, roles=[Role.ANALYST]), theme=theme, label="x"
        )


def test_rerun_with_some_themes_unreviewed(run, analyst, django_capture_on_commit_callbacks):
    from insight import services

    from .conftest import ANSWERS, add_answer

    theme = run.themes.order_by("-size").first()
    kept, _other = themes.theme_split(user=analyst, theme=theme)
    themes.theme_rename(user=analyst, theme=kept, label="Kept theme")
    themes.theme_set_reviewed(user=analyst, theme=kept)
    kept_answers = set(kept.coded.values_list("answer_id", flat=True))
    add_answer(run.question, "Litter and rubbish dumped in the park again")
    with django_capture_on_commit_callbacks(execute=True):
        again = services.analysis_run_create(user=analyst, question=run.question)
    again.refresh_from_db()
    carried = again.themes.get(label="Kept theme")
    assert carried.reviewed and kept_answers <= set(carried.coded.values_list("answer_id", flat=True))
    assert again.coded_answers.count() == len(ANSWERS) + 1
