"""Small-number suppression across the tables one person sees: each version's (questionnaire's)
equality table and the activity's, which adds the standalone paper forms. No hidden count may
be worked out by subtracting one table from another."""

import random

import numpy as np
import pytest

from consultations.answers import clean_answers
from consultations.attendance import equality_record_create
from consultations.results import activity_equality, questionnaire_equality
from consultations.services import questionnaire_new_version, questionnaire_publish, response_submit
from consultations.suppression import HIDDEN, SUPPRESS_BELOW, hidden_cells, one_atom_hidden


def _answer(questionnaire, sex):
    first = questionnaire.questions.order_by("position").first()
    cleaned = clean_answers(questionnaire, {first.pk: [str(first.choices.first().pk)]})
    response_submit(questionnaire=questionnaire, cleaned=cleaned, equality={"sex": sex})


def _sex(summary):
    table = next(t for t in summary.tables if t.field == "sex")
    return {c.label: c.shown for c in table.cells}


def test_a_lone_paper_form_cannot_be_found_by_subtracting_the_versions(consultation, officer):
    """Two versions with 5 "Male" each and 11 in the activity: 11 - 5 - 5 would be the one
    standalone paper form."""
    for _ in range(5):
        _answer(consultation, "Male")
    second = questionnaire_new_version(user=officer, questionnaire=consultation)
    second = questionnaire_publish(user=officer, questionnaire=second)
    for _ in range(5):
        _answer(second, "Male")
    equality_record_create(
        user=officer, activity=consultation.activity, channel="paper", answers={"sex": "Male"}
    )

    assert _sex(questionnaire_equality(consultation))["Male"] == "5"
    assert _sex(questionnaire_equality(second))["Male"] == "5"
    activity = activity_equality(consultation.activity)
    assert activity.total == 11
    by_activity = _sex(activity)
    assert by_activity["Male"] == HIDDEN
    assert sum(1 for shown in by_activity.values() if shown == HIDDEN) >= 2  # not from the total either


def test_the_rule_on_counts():
    # 5 + 5 + 1 men: the standalone atom's 1 hides the cell, and one more cell goes with it.
    men = hidden_cells([0, 11, 0], atoms=[[0, 5, 0], [0, 5, 0], [0, 1, 0]])
    assert 1 in men and len(men) == 2
    # The old "differs by 1 to 4" case: 6 women and 6 men online, 2 women on paper.
    assert hidden_cells([8, 6], atoms=[[6, 6], [2, 0]]) == {0, 1}
    # A difference of 6 singles nobody out.
    assert hidden_cells([6, 12], atoms=[[6, 6], [0, 6]]) == set()
    # A table that is one atom hides what it hides on its own.
    assert hidden_cells([10, 3, 7, 0]) == one_atom_hidden([10, 3, 7, 0]) == {1, 2}
    # What an atom hides only to protect another cell is hidden in the sum too.
    assert hidden_cells([20, 13, 16], atoms=[[10, 3, 7], [10, 10, 9]]) == {1, 2}


# The property: for random activities, no hidden cell of any table can be worked out.


def _random_counts(rng, width):
    if rng.random() < 0.2:
        return [0] * width
    return [rng.choice((0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 9, 12)) for _ in range(width)]


def _determined(rows, unknowns, cell):
    """Whether the value of `cell` follows from the known totals and shown cells: the system's
    equations are rows over the unknown cells; a cell is determined when its unit vector is a
    combination of them."""
    index = {u: i for i, u in enumerate(unknowns)}
    matrix = np.zeros((len(rows), len(unknowns)))
    for r, row in enumerate(rows):
        for name, coefficient in row:
            if name in index:
                matrix[r, index[name]] += coefficient
    unit = np.zeros((1, len(unknowns)))
    unit[0, index[cell]] = 1
    rank = np.linalg.matrix_rank(matrix) if len(rows) else 0
    return np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank


def _check_activity(versions, standalone, rule=hidden_cells):
    """The tables one person sees for an activity: each version's, and the activity's (the sum of
    the versions and the standalone forms, which have no table of their own, made by `rule`).
    Returns the cells to protect that can be worked out."""
    width = len(standalone)
    activity = [sum(col) for col in zip(*versions, standalone, strict=True)]
    atoms = {f"v{i}": counts for i, counts in enumerate(versions)} | {"paper": standalone}
    unknown: set[tuple[str, int]] = set()
    must_stay_unknown: set[tuple[str, int]] = set()
    tables = {name: (counts, one_atom_hidden(counts)) for name, counts in atoms.items() if name != "paper"}
    tables["activity"] = (activity, rule(activity, atoms=list(atoms.values())))
    for name, counts in [*atoms.items(), ("activity", activity)]:
        if name == "paper" and not any(counts):
            continue  # its total, 0, follows from the others: nothing to hide
        if name in tables and sum(counts) >= SUPPRESS_BELOW:
            hidden = tables[name][1]
            must_stay_unknown |= {(name, c) for c in hidden}
        elif name in tables and sum(counts) == 0:
            hidden = set()  # a table of nobody: every cell is 0
        else:
            hidden = set(range(width))  # no table shown (fewer than 5), or the paper forms
        unknown |= {(name, c) for c in hidden}
        must_stay_unknown |= {(name, c) for c in hidden if 0 < counts[c] < SUPPRESS_BELOW}
    equations = [[((name, c), 1) for c in range(width)] for name in tables]  # the totals are shown
    for c in range(width):
        equations.append([(("activity", c), 1), *[((name, c), -1) for name in atoms]])
    unknowns = sorted(unknown)
    return [cell for cell in sorted(must_stay_unknown) if _determined(equations, unknowns, cell)]


def test_no_hidden_cell_can_be_worked_out_from_the_tables_of_an_activity():
    rng = random.Random(20260)
    for _ in range(600):
        width = rng.choice((2, 3, 4, 5))
        versions = [_random_counts(rng, width) for _ in range(rng.choice((1, 2, 3)))]
        standalone = _random_counts(rng, width)
        recovered = _check_activity(versions, standalone)
        assert not recovered, f"versions {versions}, paper forms {standalone}: {recovered} can be worked out"


@pytest.mark.parametrize(
    ("versions", "standalone"),
    [
        ([[0, 5, 0], [0, 5, 0]], [0, 1, 0]),  # 5 + 5 + 1
        ([[6, 6]], [2, 0]),  # the old "differs by 1 to 4" case
        ([[10, 3, 7], [10, 10, 9]], [0, 0, 0]),
        ([[3, 0, 0], [8, 8, 8]], [0, 0, 0]),  # a version too small to show its own table
    ],
)
def test_known_cases_hold(versions, standalone):
    assert _check_activity(versions, standalone) == []


def test_the_check_finds_what_a_rule_blind_to_the_atoms_gives_away():
    """The check itself works: a rule that ignores the atoms shows the activity's 11 men, and the
    paper form's 1 follows from 11 - 5 - 5."""

    def blind(counts, atoms):
        return one_atom_hidden(counts)

    assert _check_activity([[0, 5, 0], [0, 5, 0]], [0, 1, 0], rule=blind) == [("paper", 1)]
    assert _check_activity([[6, 6]], [2, 0], rule=blind) == [("paper", 0)]
