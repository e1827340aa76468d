"""Who sees and keeps measures and plans, role by role: the owning organisation's staff, the
partnership's members, staff of an unrelated organisation, a superuser of no organisation and an
anonymous visitor; and the staff menu's two items."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import measures_plan_services, measures_services
from outcomes.models import AnnualPlan, EvidenceSource, Measure, MeasureValue, StrategyAction

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for

RECORDERS = {Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.ANALYST, Role.PARTNER_USER}
MODELS = (Measure, EvidenceSource, StrategyAction, AnnualPlan)


@pytest.fixture
def records(officer, partnership):
    shared = measures_services.measure_create(
        user=officer, name="Shared", quadrant="how_much", partnership=partnership
    )
    measures_services.measure_value_set(
        user=officer, measure=shared, period_start=date(2026, 4, 1), value=Decimal(3)
    )
    measures_services.measure_create(user=officer, name="Own", quadrant="how_much")
    measures_services.evidence_source_create(
        user=officer, name="Survey", kind="opinion", partnership=partnership
    )
    measures_plan_services.strategy_action_create(
        user=officer, partnership=partnership, action="Act", rag="green", rag_reason="Done"
    )
    measures_plan_services.annual_plan_create(user=officer, partnership=partnership, year=2026)
    return Measure.objects.get(name="Shared")


@pytest.mark.parametrize("role", list(Role))
def test_the_owners_staff_see_everything_and_recorders_keep_it(records, police, role):
    user = UserFactory(organisation=police, roles=[role])
    assert set(Measure.objects.visible_to(user).values_list("name", flat=True)) == {"Shared", "Own"}
    assert all(model.objects.visible_to(user).count() == 1 for model in MODELS[1:])
    assert MeasureValue.objects.visible_to(user).count() == 1
    assert user.has_perm("outcomes.change_measure", records) == (role in RECORDERS)
    assert user.has_perm("outcomes.change_strategy_action", StrategyAction.objects.get()) == (
        role in RECORDERS
    )
    agrees = role in {Role.ADMIN, Role.ENGAGEMENT_OFFICER, Role.PARTNER_USER}
    assert user.has_perm("outcomes.agree_annual_plan", AnnualPlan.objects.get()) == agrees


@pytest.mark.parametrize("role", list(Role))
def test_a_partner_member_sees_the_partnerships_records_only(records, council, role):
    user = UserFactory(organisation=council, roles=[role])
    assert list(Measure.objects.visible_to(user).values_list("name", flat=True)) == ["Shared"]
    assert all(model.objects.visible_to(user).count() == 1 for model in MODELS[1:])
    assert not user.has_perm("outcomes.change_measure", records)
    assert user.has_perm("outcomes.change_strategy_action", StrategyAction.objects.get()) == (
        role in RECORDERS
    )
    assert not user.has_perm("outcomes.edit_strategy_action", StrategyAction.objects.get())


def test_outsiders_see_nothing(records, stranger):
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    for user in (stranger, AnonymousUser()):
        assert not any(model.objects.visible_to(user).exists() for model in MODELS)
        assert not MeasureValue.objects.visible_to(user).exists()
    assert Measure.objects.visible_to(superuser).count() == 2
    assert Client().get(reverse("measures:measure_list")).status_code == 302
    assert Client().get(reverse("api:list_measures")).status_code == 401


def test_the_staff_menu_has_measures_and_strategy(officer):
    html = client_for(officer).get(reverse("measures:measure_list")).content.decode()
    assert f'href="{reverse("measures:measure_list")}"' in html and ">Measures<" in html
    assert f'href="{reverse("measures:strategy_index")}">Strategy<' in html
