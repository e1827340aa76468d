"""The strategy action plan: rows with lead agencies, progress, risks, next steps and timescale,
a RAG status set with a reason, every update kept, a conflict when two people set the status,
and its exports."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from core.lifecycle import TransitionConflict
from core.tests.helpers import content
from governance.models import AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory
from outcomes import measures_plan_selectors as selectors
from outcomes import measures_plan_services as services
from outcomes.models import StrategyAction, StrategyActionUpdate

from .measures_fixtures import *  # noqa: F403 - the fixtures
from .measures_fixtures import client_for


def action_of(user, partnership, **kwargs):
    fields = {
        "action": "Develop a community engagement database",
        "rag": "amber",
        "rag_reason": "Funding agreed, IT access not yet",
        "progress": "Partners agreed to adopt the standards",
        "risks": "IT problems with multi-agency access",
        "next_steps": "Negotiations with IT",
        "timescale": "By March 2027",
    }
    fields.update(kwargs)
    return services.strategy_action_create(user=user, partnership=partnership, **fields)


def test_a_row_keeps_its_first_status_and_why(officer, partnership, council):
    row = action_of(officer, partnership, lead_agencies=[officer.organisation, council], other_leads="VOX")
    view = selectors.strategy_action_view(user=officer, action=row)
    assert view.rag_label == "Amber" and view.rag_reason == "Funding agreed, IT access not yet"
    assert view.lead_agencies == ["Greater Manchester Police", "Trafford Council", "VOX"]
    history = selectors.strategy_action_history(user=officer, action=row)
    assert len(history) == 1 and history[0].changed == ["Added to the plan"] and history[0].rag == "Amber"


def test_a_status_needs_a_reason(officer, partnership):
    with pytest.raises(ValidationError) as caught:
        action_of(officer, partnership, rag="red", rag_reason="  ")
    assert "Say why the action is red" in str(caught.value)
    row = action_of(officer, partnership)
    with pytest.raises(ValidationError):
        services.strategy_action_update(
            user=officer,
            action=row,
            progress=row.progress,
            risks=row.risks,
            next_steps=row.next_steps,
            timescale=row.timescale,
            rag="green",
            rag_reason="",
        )
    assert StrategyAction.objects.get().rag == "amber"


def test_every_update_is_kept_with_who_and_when(officer, partner, partnership):
    row = action_of(officer, partnership)
    services.strategy_action_update(
        user=partner,
        action=row,
        progress="Dedicated post funded",
        risks=row.risks,
        next_steps=row.next_steps,
        timescale=row.timescale,
        rag="amber",
    )
    services.strategy_action_update(
        user=officer,
        action=row,
        progress=row.progress,
        risks="",
        next_steps="Go live",
        timescale=row.timescale,
        rag="green",
        rag_reason="IT access sorted",
    )
    history = selectors.strategy_action_history(user=officer, action=row)
    assert [h.changed for h in history] == [
        ["Status", "Risks", "Next steps"],
        ["Progress"],
        ["Added to the plan"],
    ]
    assert (
        history[0].rag_before == "Amber"
        and history[0].rag == "Green"
        and history[0].reason == "IT access sorted"
    )
    assert history[1].by == partner.display_name() and history[0].by == officer.display_name()
    assert history[1].progress == "Dedicated post funded"
    row.refresh_from_db()
    assert row.rag == "green" and row.rag_set_by == officer and row.next_steps == "Go live"
    assert AuditEvent.objects.for_object(row).filter(action="transition").count() == 1
    with pytest.raises(ValidationError) as caught:
        services.strategy_action_update(
            user=officer,
            action=row,
            progress=row.progress,
            risks=row.risks,
            next_steps=row.next_steps,
            timescale=row.timescale,
            rag="green",
        )
    assert "Nothing has changed" in str(caught.value)


def test_two_people_setting_the_status_conflict(officer, partner, partnership):
    row = action_of(officer, partnership)
    seen_by_partner = StrategyAction.objects.get(pk=row.pk)
    services.strategy_action_update(
        user=officer,
        action=row,
        progress=row.progress,
        risks=row.risks,
        next_steps=row.next_steps,
        timescale=row.timescale,
        rag="red",
        rag_reason="Funding withdrawn",
        seen_rag="amber",
    )
    with pytest.raises(TransitionConflict) as caught:
        services.strategy_action_update(
            user=partner,
            action=seen_by_partner,
            progress="Changed",
            risks=row.risks,
            next_steps=row.next_steps,
            timescale=row.timescale,
            rag="green",
            rag_reason="Done",
            seen_rag="amber",
        )
    assert "it is now red" in caught.value.message
    row.refresh_from_db()
    assert row.rag == "red" and row.progress == "Partners agreed to adopt the standards"
    assert StrategyActionUpdate.objects.count() == 2


def test_the_conflict_on_the_page(officer, partnership):
    row = action_of(officer, partnership)
    services.strategy_action_update(
        user=officer,
        action=row,
        progress=row.progress,
        risks=row.risks,
        next_steps=row.next_steps,
        timescale=row.timescale,
        rag="red",
        rag_reason="Funding withdrawn",
    )
    client = client_for(officer)
    url = reverse("measures:strategy_action", kwargs={"pk": row.pk})
    response = client.post(
        url,
        {"progress": "x", "rag": "green", "rag_reason": "Done", "seen_rag": "amber"},
        follow=True,
    )
    assert b"Somebody else changed this action" in response.content
    assert StrategyAction.objects.get().rag == "red"
    bad = client.post(url, {"progress": "x", "rag": "green", "rag_reason": "", "seen_rag": "red"})
    assert bad.status_code == 400 and b"Say why the action is green" in bad.content


def test_membership_decides_who_may_see_and_keep_the_plan(officer, partner, partnership, stranger, police):
    row = action_of(officer, partnership)
    assert partner.has_perm("outcomes.change_strategy_action", row)
    assert not stranger.has_perm("outcomes.view_strategy_action", row)
    member = UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER])
    assert member.has_perm("outcomes.view_strategy_action", row)
    with pytest.raises(PermissionDenied):
        services.strategy_action_update(
            user=member, action=row, progress="x", risks="", next_steps="", timescale="", rag="amber"
        )
    with pytest.raises(PermissionDenied):
        action_of(stranger, partnership)
    client = client_for(stranger)
    assert client.get(reverse("measures:strategy_plan", kwargs={"pk": partnership.pk})).status_code == 404
    assert client.get(reverse("measures:strategy_action", kwargs={"pk": row.pk})).status_code == 404


def test_the_plan_page_filters_by_status(officer, partnership):
    action_of(officer, partnership, action="Red one", rag="red", rag_reason="Stuck")
    action_of(officer, partnership, action="Green one", rag="green", rag_reason="Done")
    client = client_for(officer)
    url = reverse("measures:strategy_plan", kwargs={"pk": partnership.pk})
    page = client.get(url).content.decode()
    assert "Red one" in page and "Green one" in page and "govuk-tag--red" in page
    only_red = client.get(url + "?rag=red").content.decode()
    assert "Red one" in only_red and "Green one" not in only_red
    index = client.get(reverse("measures:strategy_index")).content.decode()
    assert "2 actions: 1 red, 0 amber, 1 green" in index


def test_create_and_edit_pages(officer, partnership, council):
    client = client_for(officer)
    url = reverse("measures:strategy_create", kwargs={"pk": partnership.pk})
    assert client.post(url, {"action": "", "rag": "amber"}).status_code == 400
    response = client.post(
        url, {"action": "Roadshows", "rag": "amber", "rag_reason": "Planning", "lead_agencies": [council.pk]}
    )
    row = StrategyAction.objects.get()
    assert response.status_code == 302 and list(row.lead_agencies.all()) == [council]
    edit = reverse("measures:strategy_edit", kwargs={"pk": row.pk})
    assert client.post(edit, {"action": "Partnership roadshows", "lead_agencies": []}).status_code == 302
    row.refresh_from_db()
    assert row.action == "Partnership roadshows" and not row.lead_agencies.exists()
    assert StrategyActionUpdate.objects.filter(action=row).first().changed == ["Action", "Lead agencies"]


def test_exports_hold_the_plan_and_its_history(officer, partnership):
    row = action_of(officer, partnership, progress="=HYPERLINK(1)")
    services.strategy_action_update(
        user=officer,
        action=row,
        progress="Done",
        risks="",
        next_steps="",
        timescale="",
        rag="green",
        rag_reason="Finished",
    )
    client = client_for(officer)
    csv = content(
        client.get(reverse("measures:strategy_export", kwargs={"pk": partnership.pk, "file_format": "csv"}))
    )
    text = csv.decode("utf-8-sig")
    assert text.startswith("Action,Lead agencies,Progress") and "Finished" in text and "Green" in text
    assert "When,Who,Status before,Status after" in text
    xlsx = client.get(
        reverse("measures:strategy_export", kwargs={"pk": partnership.pk, "file_format": "xlsx"})
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Action plan", "Updates"]
    updates = list(book["Updates"].values)
    assert updates[1][3:5] == ("Amber", "Green") and "'=HYPERLINK(1)" in [c for r in updates for c in r]
    assert AuditEvent.objects.filter(action="export").count() == 2
    odd = client.get(reverse("measures:strategy_export", kwargs={"pk": partnership.pk, "file_format": "pdf"}))
    assert odd.status_code == 404


def test_a_partner_reads_the_words_redacted_and_an_empty_box_keeps_them(officer, partner, partnership):
    row = action_of(officer, partnership, progress="Priya Shah met the IT team on 3 March")
    client = client_for(partner)
    url = reverse("measures:strategy_action", kwargs={"pk": row.pk})
    page = client.get(url).content.decode()
    assert "Priya Shah" not in page and "[NAME] met the IT team" in page and "The boxes start empty" in page
    response = client.post(url, {"risks": "Budget pressures", "rag": "amber", "seen_rag": "amber"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.progress == "Priya Shah met the IT team on 3 March" and row.risks == "Budget pressures"
    assert client.get(reverse("measures:strategy_edit", kwargs={"pk": row.pk})).status_code == 403
    own = client_for(officer).get(url).content.decode()
    assert "Priya Shah met the IT team" in own and "Change the action or its lead agencies" in own


def test_a_superuser_of_no_organisation_reads_redacted_and_cannot_open_the_wording(officer, partnership):
    row = action_of(officer, partnership, progress="Priya Shah met the IT team")
    superuser = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    client = client_for(superuser)
    page = client.get(reverse("measures:strategy_action", kwargs={"pk": row.pk})).content.decode()
    assert "Priya Shah" not in page and "Change the action or its lead agencies" not in page
    assert client.get(reverse("measures:strategy_edit", kwargs={"pk": row.pk})).status_code == 403
