"""Small numbers (issue 9): counts under HEARD_SUPPRESS_BELOW read "fewer than 10" for partner
users, authority members and other organisations, and in every export; the owning
organisation's staff see their own exactly on pages. Tables of areas, audiences and periods are
sums of whole activities' records, and no hidden count can be worked out by subtracting one
table from another (the property is checked on many random partnerships)."""

import random

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from consultations.models import EqualityRecord
from consultations.results import activity_equality_for, questionnaire_equality_for
from consultations.suppression import SUPPRESS_BELOW, WITHHELD, hidden_cells, one_atom_hidden, threshold
from consultations.tests.factories import QuestionFactory, QuestionnaireFactory, answer_with_text
from consultations.tests.test_suppression import _determined
from engagement.models import Activity
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, UserFactory
from reach.engine import Scope
from reach.gather import Reader, _hidden, reader_for
from reach.report import heard_report

from .reach_fixtures import *  # noqa: F403
from .reach_fixtures import activity_in, forms


@pytest.fixture
def shared(police, council):
    DataSharingAgreementFactory(owner=police, recipient=council)


@pytest.fixture
def activity(ward, police):
    activity = activity_in(ward, police, title="Altrincham PACT meeting")
    forms(activity, 30, age_band="65-74", sex="Male")
    forms(activity, 14, age_band="45-54", sex="Female")
    forms(activity, 3, age_band="25-34", sex="Female")
    return activity


def _age(user, ward, **kwargs):
    report = heard_report(
        scope=Scope(area=ward),
        activities=Activity.private_objects.visible_to(user),
        reader=reader_for(user, **kwargs),
    )
    return report, {c.category: c for d in report.dimensions if d.dimension == "age" for c in d.cells}


def test_the_owners_staff_see_exact_counts(officer, ward, activity):
    report, age = _age(officer, ward)
    assert report.exact and age["25-34"].participants == 3 and age["25-34"].share is not None


@pytest.mark.parametrize("role", [Role.PARTNER_USER, Role.ENGAGEMENT_OFFICER, Role.ANALYST])
def test_partners_see_fewer_than_ten(shared, council, ward, activity, role):
    user = UserFactory(organisation=council, roles=[role])
    report, age = _age(user, ward)
    assert not report.exact
    assert age["25-34"].participants is None and age["25-34"].shown == "fewer than 10"
    assert age["25-34"].share is None and age["25-34"].low is None and age["25-34"].ratio is None
    hidden = [c for c in age.values() if c.participants is None]
    assert len(hidden) >= 2  # and one more, so the total does not give it away
    assert age["65-74"].participants == 30


def test_authority_members_and_partner_users_of_the_owner_see_fewer_than_ten(police, ward, activity):
    for role in (Role.AUTHORITY_MEMBER, Role.PARTNER_USER):
        _, age = _age(UserFactory(organisation=police, roles=[role]), ward)
        assert age["25-34"].shown == "fewer than 10"


def test_exports_are_suppressed_for_the_owner_too(officer, ward, activity):
    _, age = _age(officer, ward, export=True)
    assert age["25-34"].shown == "fewer than 10"


def test_a_larger_cell_hidden_to_protect_a_small_one_says_withheld(shared, council, ward, activity):
    _, age = _age(UserFactory(organisation=council, roles=[Role.ANALYST]), ward)
    assert age["45-54"].shown == WITHHELD  # the next smallest: 14, hidden so 3 cannot be worked out


def test_the_not_answered_count_hidden_hides_the_shares(shared, council, ward, police):
    activity = activity_in(ward, police)
    forms(activity, 20, sex="Female")
    forms(activity, 15, sex="Male")
    forms(activity, 2)  # sex not answered
    report, _ = _age(UserFactory(organisation=council, roles=[Role.ANALYST]), ward)
    sex = next(d for d in report.dimensions if d.dimension == "sex")
    assert sex.shares_withheld and sex.not_answered is None and sex.not_answered_shown == "fewer than 10"
    assert all(c.share is None for c in sex.cells)  # 20/35 would give away the 2


@override_settings(HEARD_SUPPRESS_BELOW=20)
def test_the_threshold_is_a_setting(officer, shared, council, ward, activity):
    assert threshold() == 20
    _, age = _age(UserFactory(organisation=council, roles=[Role.ANALYST]), ward)
    assert age["45-54"].shown == "fewer than 20"


def test_the_pages_and_the_api_say_fewer_than_ten_to_partners(shared, council, ward, activity):
    client = Client()
    client.force_login(UserFactory(organisation=council, roles=[Role.PARTNER_USER]))
    page = client.get(reverse("reach:reach"), {"area": ward.code}).content.decode()
    assert "fewer than 10" in page and "Altrincham" in page
    shape = client.get(reverse("api:get_reach"), {"area": ward.code}).json()
    assert shape["age"]["25-34"]["participants"] == "fewer than 10" and shape["age"]["25-34"]["share"] is None
    assert shape["age"]["65-74"]["participants"] == 30


def test_consultations_equality_tables_follow_the_same_threshold(shared, police, council, officer, ward):
    questionnaire = QuestionnaireFactory(activity=activity_in(ward, police))
    question = QuestionFactory(questionnaire=questionnaire)
    for i in range(16):
        response = answer_with_text(question, "An answer").response
        EqualityRecord.objects.create(
            activity=questionnaire.activity, response=response, sex="Female" if i < 8 else "Male"
        )
    partner = UserFactory(organisation=council, roles=[Role.ANALYST])
    ours = {
        c.label: c.shown
        for c in questionnaire_equality_for(user=officer, questionnaire=questionnaire).tables[1].cells
    }
    theirs = {
        c.label: c.shown
        for c in questionnaire_equality_for(user=partner, questionnaire=questionnaire).tables[1].cells
    }
    assert ours["Female"] == "8" and theirs["Female"] == "fewer than 10"
    exported = questionnaire_equality_for(user=officer, questionnaire=questionnaire, export=True)
    assert exported.suppressed_below == 10
    assert activity_equality_for(user=partner, activity=questionnaire.activity).suppressed_below == 10
    assert (
        activity_equality_for(user=officer, activity=questionnaire.activity).suppressed_below
        == SUPPRESS_BELOW
    )


# No differencing: every table an outsider sees of a partnership's activities (each
# questionnaire's, each activity's, each ward's, the district's) hides every small count.

BELOW = 10


def _random_atom(rng, width):
    if rng.random() < 0.2:
        return [0] * width
    return [rng.choice((0, 0, 1, 2, 3, 5, 8, 9, 10, 12, 15, 30)) for _ in range(width)]


def _tables(partnership):
    """name -> (atom names, hidden cells): what an outsider sees. `partnership`: ward -> activity
    -> atom name -> counts (atoms named "q…" are questionnaires, shown on their own)."""
    tables, atoms = {}, {}
    for activities in partnership.values():
        for its_atoms in activities.values():
            atoms.update(its_atoms)
            for name, counts in its_atoms.items():
                if name.startswith("q") and sum(counts) >= BELOW:
                    tables[name] = ([name], one_atom_hidden(counts, BELOW))
    reader = Reader(exact_for=frozenset(), below=BELOW)
    owners = dict.fromkeys(range(1000), 1)

    def summed(names):
        vectors = {(hash(n) % 997, i): atoms[n] for i, n in enumerate(names)}
        return _hidden(vectors, owners, reader)

    for ward, activities in partnership.items():
        for activity, its_atoms in activities.items():
            tables[activity] = (list(its_atoms), summed(list(its_atoms)))
        tables[ward] = (
            [n for a in activities.values() for n in a],
            summed([n for a in activities.values() for n in a]),
        )
    everything = [n for acts in partnership.values() for a in acts.values() for n in a]
    tables["district"] = (everything, summed(everything))
    return tables, atoms


def _recoverable(partnership):
    tables, atoms = _tables(partnership)
    width = len(next(iter(atoms.values())))
    unknown = {(a, c) for a in atoms for c in range(width)}  # atoms' cells are all unknown but totals
    protect = {(a, c) for a, counts in atoms.items() for c in range(width) if 0 < counts[c] < BELOW}
    equations = [[((a, c), 1) for c in range(width)] for a in atoms]  # atoms' totals are known
    for name, (members, hidden) in tables.items():
        for c in range(width):
            if c in hidden:
                unknown.add((name, c))
                equations.append([((name, c), 1), *[((m, c), -1) for m in members]])
            else:  # shown: the sum of its atoms' cells is known
                equations.append([((m, c), 1) for m in members])
    # a known value on the right-hand side does not matter for whether a cell is determined
    unknowns = sorted(unknown)
    return [cell for cell in sorted(protect) if _determined(equations, unknowns, cell)]


def test_no_small_count_can_be_worked_out_from_an_outsiders_tables():
    rng = random.Random(9)
    for _ in range(200):
        width = rng.choice((2, 3, 4))
        partnership = {
            f"ward{w}": {
                f"activity{w}{a}": {
                    f"{kind}{w}{a}{k}": _random_atom(rng, width)
                    for k, kind in enumerate(["q"] * rng.choice((0, 1, 2)) + ["paper"])
                }
                for a in range(rng.choice((1, 2)))
            }
            for w in range(2)
        }
        assert not _recoverable(partnership), partnership


def test_the_check_catches_a_table_that_ignores_its_parts():
    """Ward 1 shows its lone activity's 9 women; the district's 21 women less ward 0's 12 give
    ward 1 away if the district's table does not hide them."""
    partnership = {"ward0": {"a0": {"q0": [12, 20]}}, "ward1": {"a1": {"paper1": [9, 20]}}}
    assert _recoverable(partnership) == []
    assert hidden_cells([21, 40], atoms=[[12, 20], [9, 20]], below=BELOW) == {0, 1}
