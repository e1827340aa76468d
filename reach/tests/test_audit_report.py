"""The audit report answers seed 000's questions over known data, for the activities the reader
may see, and is exported as a PDF and a workbook."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from engagement.models import Status
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from reach.audit_exports import report_export, report_json
from reach.audit_report import audit_report
from reach.audit_scope import audit_scope
from reach.models import JointProposal

from .audit_helpers import build_world
from .coordination_helpers import activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(police, council):
    return build_world(police, council)


def _day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


@pytest.fixture
def known(world):
    """The police brief residents of Clifford and survey victims in Gorse Hill; the housing trust
    surveys residents and older people in Clifford and Gorse Hill a few days later, at the same
    community centre; the council runs a refugees' group in Stretford; the council's OFFICIAL-
    SENSITIVE activity and another organisation's unshared one stay out of sight."""
    made = {
        "briefing": activity(
            world.police,
            "Street briefing on burglary",
            area=world.clifford,
            day=_day(10),
            method_slug="street-briefing",
            purpose="giving_information",
            audiences=("residents",),
        ),
        "police_survey": activity(
            world.police,
            "Victims' survey",
            area=world.gorse_hill,
            day=_day(12),
            method_slug="survey",
            purpose="getting_information",
            audiences=("victims-of-crime",),
        ),
        "tenants": activity(
            world.housing,
            "Tenant survey",
            area=world.clifford,
            day=_day(13),
            method_slug="survey",
            purpose="getting_information",
            audiences=("residents", "older-people"),
        ),
        "refugees": activity(
            world.council,
            "Refugee support group",
            area=world.stretford,
            day=_day(-30),
            method_slug="meeting-with-client-groups",
            audiences=("refugees-and-asylum-seekers",),
        ),
        "secret": activity(
            world.council,
            "SECRET council session",
            area=world.clifford,
            day=_day(11),
            audiences=("older-people",),
            marking=Marking.OFFICIAL_SENSITIVE,
        ),
        "unshared": activity(
            world.health,
            "UNSHARED health fair",
            area=world.clifford,
            day=_day(11),
            audiences=("asian-communities",),
        ),
    }
    made["tenants"].areas.add(world.gorse_hill)
    made["briefing"].venue = made["tenants"].venue = "Clifford Community Centre"
    made["briefing"].budget, made["tenants"].budget = Decimal(0), Decimal(3500)
    for key in ("briefing", "tenants"):
        made[key].save()
    return made


def _report(user, world, **kwargs):
    return audit_report(user=user, scope=audit_scope(user=user, partnership=world.partnership, **kwargs))


def test_the_report_answers_the_audit_questions(world, known):
    report = _report(world.coordinator, world)
    titles = {line.title for line in report.lines}
    assert titles == {
        "Street briefing on burglary",
        "Victims' survey",
        "Tenant survey",
        "Refugee support group",
    }
    assert {line.title for line in report.whole} == {"Street briefing on burglary"}  # residents: everyone
    assert report.police_names == ["Greater Manchester Police"]
    assert report.partner_names == ["Trafford Council", "Trafford Housing Trust"]
    by_org = {t.organisation: (t.specific, t.whole) for t in report.targeting}
    assert by_org == {
        "Greater Manchester Police": (1, 1),
        "Trafford Council": (1, 0),
        "Trafford Housing Trust": (1, 0),
    }

    gaps = {g.audience: (g.areas, [a.title for a in g.partners]) for g in report.gaps}
    assert gaps == {
        "Older people": (("Clifford", "Gorse Hill"), ["Tenant survey"]),
        "Refugees and asylum seekers": (("Stretford",), ["Refugee support group"]),
    }

    pairs = {(p.police.title, p.partner.title) for p in report.piggybacks}
    assert ("Street briefing on burglary", "Tenant survey") in pairs
    chance = next(p for p in report.piggybacks if p.police.title == "Street briefing on burglary")
    assert chance.partner.cost == "£3,500" and chance.police.cost == "£0" and chance.proposal == ""
    assert report.piggyback_cost == "£3,500"

    assert [(s.what, s.organisations, s.areas) for s in report.shared_methods] == [
        ("Survey", ("Greater Manchester Police", "Trafford Housing Trust"), ("Gorse Hill",))
    ]
    assert [(s.what, s.organisations) for s in report.shared_venues] == [
        ("Clifford Community Centre", ("Greater Manchester Police", "Trafford Housing Trust"))
    ]
    assert report.shared_audiences == []


def test_a_proposal_between_the_two_says_it_is_in_the_plans(world, known):
    JointProposal.objects.create(
        activity=known["briefing"],
        other_activity=known["tenants"],
        proposing_organisation=world.police,
        receiving_organisation=world.housing,
        message="Shall we?",
    )
    chance = next(
        p for p in _report(world.coordinator, world).piggybacks if p.partner.title == "Tenant survey"
    )
    assert chance.proposal == "Joint working proposed: waiting for an answer"


def test_each_reader_sees_only_what_they_may(world, known):
    council_officer = UserFactory(organisation=world.council, roles=[Role.ENGAGEMENT_OFFICER])
    report = _report(council_officer, world)
    titles = {line.title for line in report.lines}
    assert "SECRET council session" in titles  # its own
    assert "UNSHARED health fair" not in titles and "Street briefing on burglary" not in titles
    assert "SECRET council session" not in {line.title for line in _report(world.coordinator, world).lines}


def test_the_scope_narrows_to_an_area_and_a_period(world, known):
    report = _report(world.coordinator, world, area=world.stretford)
    assert [line.title for line in report.lines] == ["Refugee support group"]
    report = _report(world.coordinator, world, since=_day(0), until=_day(60))
    assert "Refugee support group" not in {line.title for line in report.lines}
    assert report.scope.period_label.startswith(f"{_day(0):%-d %B %Y} to")


def test_every_organisation_or_a_partnership_s_members_only(world, known):
    outside = OrganisationFactory(name="Altrincham BID", sector="business")
    from organisations.tests.factories import DataSharingAgreementFactory

    DataSharingAgreementFactory(owner=outside, recipient=world.police)
    activity(outside, "Shop safety walk", area=world.clifford, day=_day(9), audiences=("businesses",))
    assert "Shop safety walk" not in {line.title for line in _report(world.coordinator, world).lines}
    everyone = audit_report(
        user=world.coordinator, scope=audit_scope(user=world.coordinator, area=world.trafford)
    )
    assert "Shop safety walk" in {line.title for line in everyone.lines}


def test_drafts_and_cancelled_activities_do_not_count(world, known):
    known["tenants"].status = Status.DRAFT
    known["tenants"].save()
    activity(world.housing, "Cancelled fun day", area=world.clifford, day=_day(5), status=Status.CANCELLED)
    titles = {line.title for line in _report(world.coordinator, world).lines}
    assert "Tenant survey" not in titles and "Cancelled fun day" not in titles


def test_the_json_carries_every_section(world, known):
    shaped = report_json(_report(world.coordinator, world))
    assert shaped["partnership"] == "Safer Trafford Partnership" and shaped["area"]["code"] == "E08000009"
    assert {g["audience"] for g in shaped["gaps"]} == {"Older people", "Refugees and asylum seekers"}
    chance = next(p for p in shaped["piggybacks"] if p["partner_cost"] == 3500.0)
    assert chance["police_cost"] == 0.0


def test_the_pdf_reads_back(world, known):
    response = report_export(
        user=world.coordinator, report=_report(world.coordinator, world), file_format="pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for words in (
        "Partnership snapshot audit",
        "Safer Trafford Partnership: Trafford",
        "Gaps in policing engagement that partners fill",
        "Refugee support group",
        "Activities the police could piggyback on",
        "Clifford Community Centre",
    ):
        assert words in text, words
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reach.partnership_audit")
    assert event.changes["format"] == "pdf" and event.actor == world.coordinator


def test_the_workbook_has_a_sheet_per_question(world, known):
    response = report_export(
        user=world.coordinator, report=_report(world.coordinator, world), file_format="xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Activities",
        "Who they target",
        "Gaps partners fill",
        "Piggybacking",
        "Shared methods",
        "Shared venues",
        "Shared audiences",
    ]
    gaps = list(book["Gaps partners fill"].iter_rows(values_only=True))
    assert gaps[0] == ("Audience", "Wards", "Partner activities reaching them", "Led by")
    assert ("Older people", "Clifford; Gorse Hill", "Tenant survey", "Trafford Housing Trust") in gaps
    titles = {row[1] for row in book["Activities"].iter_rows(min_row=2, values_only=True)}
    assert "SECRET council session" not in titles and "Tenant survey" in titles
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, changes__format="xlsx").exists()


def test_a_reader_outside_the_partnership_cannot_read_its_audit(world, known):
    stranger = UserFactory(
        organisation=OrganisationFactory(name="Elsewhere"), roles=[Role.ENGAGEMENT_OFFICER]
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        audit_scope(user=stranger, partnership=world.partnership)
