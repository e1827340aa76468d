import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from governance.models import AuditEvent
from insight import priorities
from insight.models import Priority
from organisations.models import Role
from organisations.tests.factories import UserFactory


def test_pact_priorities_make_a_trend(ward, analyst):
    for quarter, label, rank, public in [
        ("2026-Q1", "Speeding", 1, True),
        ("2026-Q1", "Drug dealing", 2, False),
        ("2026-Q2", "Drug dealing", 1, True),
        ("2026-Q2", "Speeding", 3, True),
    ]:
        priorities.priority_create(
            user=analyst, area=ward, quarter=quarter, label=label, rank=rank, is_public=public
        )
    assert AuditEvent.objects.filter(object_type="insight.priority").count() == 4
    assert Priority.public_objects.count() == 3
    quarters, rows = priorities.priority_trend(list(Priority.private_objects.filter(area=ward)))
    assert quarters == ["2026-Q1", "2026-Q2"]
    assert dict(rows) == {"Speeding": [1, 3], "Drug dealing": [2, 1]}
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("insight:priority_list") + "?area=E05000820")
    assert (
        page.status_code == 200 and b"Drug dealing" in page.content and b"April to June 2026" in page.content
    )


def test_priority_input_is_checked(ward, analyst, council, intel):
    with pytest.raises(ValidationError):
        priorities.priority_create(user=analyst, area=ward, quarter="Q3 2026", label="x", rank=1)
    with pytest.raises(PermissionDenied):
        priorities.priority_create(user=intel, area=ward, quarter="2026-Q3", label="x", rank=1)
    other = UserFactory(organisation=council, roles=[Role.ANALYST])
    priorities.priority_create(user=analyst, area=ward, quarter="2026-Q3", label="Ours", rank=1)
    assert not Priority.private_objects.visible_to(other).exists()


def test_staff_enter_a_pact_priority(ward, analyst):
    client = Client()
    client.force_login(analyst)
    url = reverse("insight:priority_create")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"area": ward.pk, "quarter": "soon", "label": "", "rank": 1, "source": "pact"})
    assert bad.status_code == 400 and b"Choose a quarter from the list" in bad.content
    response = client.post(
        url,
        {
            "area": ward.pk,
            "quarter": "2026-Q3",
            "label": "Parking",
            "rank": 2,
            "source": "pact",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    priority = Priority.private_objects.get()
    assert (
        priority.is_public
        and priority.source == "pact"
        and priority.organisation_id == analyst.organisation_id
    )


def test_a_theme_becomes_a_priority(run, analyst, ward):
    run.questionnaire.activity.areas.add(ward)
    theme = run.themes.first()
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("insight:run_detail", kwargs={"pk": run.pk}))
    assert b"Make it a neighbourhood priority" in page.content
    url = reverse("insight:theme_priority", kwargs={"pk": run.pk})
    client.post(
        url, {"theme": theme.pk, "area": ward.pk, "quarter": "2026-Q4", "rank": "2", "is_public": "on"}
    )
    priority = Priority.private_objects.get()
    assert (priority.label, priority.source, priority.rank, priority.theme_id) == (
        theme.label,
        "theme",
        2,
        theme.pk,
    )
    assert priority.is_public
    client.post(url, {"theme": theme.pk, "area": ward.pk, "quarter": "2026-Q4", "rank": "first"})
    assert Priority.private_objects.count() == 1
