"""RBA measures: recording them, their values per period, their pages and who may do what."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from governance.models import AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import measures_selectors, measures_services
from outcomes.models import Measure, MeasureValue

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for, measure, with_values

QUARTERS = [(date(2025, 4, 1), 61), (date(2025, 7, 1), 64), (date(2025, 10, 1), 63.5), (date(2026, 1, 1), 70)]


def test_a_measure_is_its_organisations_and_audited(officer, partnership):
    found = measure(
        officer, partnership, baseline=Decimal(60), baseline_period=date(2025, 4, 1), target=Decimal(75)
    )
    assert found.organisation == officer.organisation and found.partnership == partnership
    assert AuditEvent.objects.for_object(found).filter(action="create").exists()


def test_only_a_members_partnership_can_be_given(stranger, partnership):
    with pytest.raises(ValidationError) as caught:
        measure(stranger, partnership)
    assert "partnership your organisation is a member of" in str(caught.value)
    assert not Measure.objects.exists()


def test_a_baseline_period_must_start_a_period(officer):
    with pytest.raises(ValidationError) as caught:
        measure(officer, frequency="quarter", baseline=Decimal(1), baseline_period=date(2025, 5, 1))
    assert "quarters start on 1 January, 1 April, 1 July and 1 October" in str(caught.value)


def test_values_per_period_replace_and_refuse_odd_days(officer):
    found = measure(officer)
    row, created = measures_services.measure_value_set(
        user=officer, measure=found, period_start=date(2026, 4, 1), value=Decimal("70.5")
    )
    assert created and row.period_label == "April to June 2026"
    row, created = measures_services.measure_value_set(
        user=officer, measure=found, period_start=date(2026, 4, 1), value=Decimal("71")
    )
    assert not created and MeasureValue.objects.get().value == Decimal("71.00")
    with pytest.raises(ValidationError):
        measures_services.measure_value_set(
            user=officer, measure=found, period_start=date(2026, 5, 1), value=Decimal(1)
        )
    assert MeasureValue.objects.count() == 1


def test_the_frequency_stays_once_there_are_values(officer):
    found = with_values(officer, measure(officer), QUARTERS[:1])
    with pytest.raises(ValidationError) as caught:
        measures_services.measure_update(user=officer, measure=found, partnership=None, frequency="month")
    assert "frequency cannot change" in str(caught.value)


def test_trend_and_target_in_words(officer):
    found = with_values(officer, measure(officer, target=Decimal(75)), QUARTERS)
    view = measures_selectors.measure_view(user=officer, measure=found)
    assert [v.text for v in view.values] == ["61%", "64%", "63.5%", "70%"]
    assert view.trend == "Better than the period before"
    assert view.against_target == "5% short of the target"
    lower = with_values(
        officer, measure(officer, name="Complaints", unit="complaints", direction="lower"), QUARTERS
    )
    assert (
        measures_selectors.measure_view(user=officer, measure=lower).trend == "Worse than the period before"
    )


def test_values_can_be_read_for_a_period(officer):
    found = with_values(officer, measure(officer), QUARTERS)
    view = measures_selectors.measure_view(
        user=officer, measure=found, start=date(2025, 7, 1), end=date(2025, 12, 31)
    )
    assert [v.period_start for v in view.values] == [date(2025, 7, 1), date(2025, 10, 1)]


@pytest.mark.parametrize("role", [Role.INTELLIGENCE_OFFICER, Role.AUTHORITY_MEMBER])
def test_readers_who_do_not_record_cannot_add_or_change(police, role, officer):
    reader = UserFactory(organisation=police, roles=[role])
    found = measure(officer)
    with pytest.raises(PermissionDenied):
        measure(reader)
    with pytest.raises(PermissionDenied):
        measures_services.measure_value_set(
            user=reader, measure=found, period_start=date(2026, 4, 1), value=Decimal(1)
        )
    assert reader.has_perm("outcomes.view_measure", found)


def test_partners_see_the_partnerships_measures_but_change_only_their_own(officer, partner, partnership):
    shared = measure(officer, partnership, name="Shared measure")
    own = measure(officer, name="Police only measure")
    visible = set(Measure.objects.visible_to(partner).values_list("name", flat=True))
    assert visible == {"Shared measure"}
    assert not partner.has_perm("outcomes.change_measure", shared)
    assert not partner.has_perm("outcomes.view_measure", own)


def test_the_pages_of_a_measure(officer, partnership):
    found = with_values(officer, measure(officer, partnership, target=Decimal(75)), QUARTERS)
    client = client_for(officer)
    listing = client.get(reverse("measures:measure_list")).content.decode()
    assert (
        "Victims satisfied with the service" in listing
        and "70%" in listing
        and "January to March 2026" in listing
    )
    detail = client.get(reverse("measures:measure_detail", kwargs={"pk": found.pk}))
    assert detail.status_code == 200 and b"heard-trend__chart" in detail.content
    assert b"Target: 75%" in detail.content


def test_entering_a_value_on_the_page(officer):
    found = measure(officer)
    client = client_for(officer)
    url = reverse("measures:measure_values", kwargs={"pk": found.pk})
    assert client.get(url).status_code == 200
    bad = client.post(url, {"period": "2026-04-01", "value": "lots"})
    assert bad.status_code == 400 and b"as a number" in bad.content and b"govuk-error-summary" in bad.content
    odd = client.post(url, {"period": "2026-05-01", "value": "3"})
    assert odd.status_code == 400 and b"Choose a period from the list" in odd.content
    ok = client.post(url, {"period": "2026-04-01", "value": "72.5", "note": "After the call-handling change"})
    assert ok.status_code == 302 and MeasureValue.objects.get().value == Decimal("72.50")
    removed = client.post(url, {"remove": MeasureValue.objects.get().pk})
    assert removed.status_code == 302 and not MeasureValue.objects.exists()


def test_the_measure_form_shows_errors(officer):
    client = client_for(officer)
    response = client.post(reverse("measures:measure_create"), {"name": "", "quadrant": "nonsense"})
    assert response.status_code == 400
    assert b"Enter the measure" in response.content and not Measure.objects.exists()
    response = client.post(
        reverse("measures:measure_create"),
        {
            "name": "People reached",
            "quadrant": "how_much",
            "direction": "higher",
            "frequency": "month",
            "baseline": "10",
            "baseline_period": "2026-04-15",
        },
    )
    assert response.status_code == 400 and b"a month starts on its first day" in response.content


def test_another_organisations_measure_is_not_found(officer, stranger):
    found = measure(officer)
    client = client_for(stranger)
    for name in ("measure_detail", "measure_edit", "measure_values", "measure_import"):
        assert client.get(reverse(f"measures:{name}", kwargs={"pk": found.pk})).status_code == 404
    assert client.get(reverse("measures:measure_detail", kwargs={"pk": 10**30})).status_code == 404


def test_only_the_owners_staff_open_the_form_with_the_words_as_written(officer, partnership, partner):
    found = measure(officer, partnership, story="Priya Shah rang every victim back")
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    for reader in (superuser, partner):
        client = client_for(reader)
        detail = client.get(reverse("measures:measure_detail", kwargs={"pk": found.pk})).content.decode()
        assert "Priya Shah" not in detail and "[NAME] rang every victim back" in detail
        assert client.get(reverse("measures:measure_edit", kwargs={"pk": found.pk})).status_code == 403
    form = client_for(officer).get(reverse("measures:measure_edit", kwargs={"pk": found.pk}))
    assert form.status_code == 200 and b"Priya Shah rang every victim back" in form.content
