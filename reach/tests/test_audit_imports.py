"""Importing partners' activity lists: the mapping to Heard's taxonomy, every bad row reported by
its line, all or nothing, who may import for whom, and undoing an import."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations.models import Attendance
from engagement.models import Activity, Status
from engagement.services import activity_create, activity_update
from engagement.tests.factories import method
from governance.models import AuditAction, AuditEvent, Marking
from organisations.models import Partnership, Role
from organisations.tests.factories import OrganisationFactory, UserFactory
from reach.audit_imports import ImportRejected, import_preview, mapping_from, partner_activities_import
from reach.audit_taxonomy import LEAVE_OUT
from reach.audit_template import NOTES
from reach.audit_undo import import_undo
from reach.models import AuditImport, ImportState

from .audit_helpers import build_world, row, table_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def world(police, council):
    return build_world(police, council)


def _import(world, rows, *, user=None, choices=None, name="partners.csv"):
    user = user or world.coordinator
    preview = import_preview(user=user, partnership=world.partnership, table=table_of(rows, name=name))
    return partner_activities_import(
        user=user, preview=preview, mapping=mapping_from(preview, choices), today=TODAY
    )


SURVEY = row(
    title="Tenant satisfaction survey",
    method="Residents' survey",
    audiences="Older people; tenants",
    areas="Clifford; E05000829",
    starts="01/10/2026",
    ends="30/11/2026",
    cost="£3,500",
    venue="Clifford Community Centre",
)
ROADSHOW = row(
    title="Health roadshow, Old Trafford",
    organisation="Trafford Council",
    method="roadshow",
    audiences="Asian communities",
    areas="Clifford",
    starts="2027-01-15",
    cost="free",
)


def test_wordings_are_matched_to_the_taxonomy_and_shown_for_checking(world):
    rows = [
        SURVEY,
        row(
            title="Newsletter",
            organisation="THT",
            method="Community newsletter",
            areas="Trafford",
            starts="2026-09-01",
            audiences="Everyone; Carer",
        ),
    ]
    preview = import_preview(user=world.coordinator, partnership=world.partnership, table=table_of(rows))
    assert preview.suggested.organisations == {
        "trafford housing trust": "trafford-housing-trust",
        "tht": "trafford-housing-trust",
    }
    assert preview.suggested.methods == {
        "residents survey": "survey",
        "community newsletter": "leaflets-and-publications",
    }
    assert preview.suggested.audiences == {
        "older people": "older-people",
        "tenants": "",
        "everyone": "residents",
        "carer": "carers",
    }
    assert [h for h, _ in preview.columns.recognised][:3] == [
        "Activity",
        "Organisation leading it",
        "How people are engaged",
    ]


def test_an_unmatched_wording_must_be_chosen_before_anything_is_imported(world):
    with pytest.raises(ImportRejected) as rejected:
        _import(world, [SURVEY])
    assert rejected.value.problems == ["Say which of Heard's audiences “tenants” is, or leave it out."]
    assert not Activity.private_objects.exists() and not AuditImport.objects.exists()


def test_the_import_creates_the_partners_activities_led_by_them(world):
    batch = _import(world, [SURVEY, ROADSHOW], choices={"audiences": {"Tenants": LEAVE_OUT}})
    assert (batch.rows, batch.created, batch.skipped, batch.state) == (2, 2, 0, ImportState.IMPORTED)
    survey = Activity.private_objects.get(title="Tenant satisfaction survey")
    assert survey.lead_organisation == world.housing and survey.created_by == world.coordinator
    assert survey.method.slug == "survey" and survey.purpose == "getting_information"  # the method's purpose
    assert {a.name for a in survey.areas.all()} == {"Clifford", "Gorse Hill"}
    assert [a.slug for a in survey.audiences.all()] == ["older-people"]
    assert survey.budget == Decimal("3500.00") and survey.level == "neighbourhood"
    assert survey.status == Status.OPEN and not survey.is_published and survey.marking == Marking.OFFICIAL
    roadshow = Activity.private_objects.get(title="Health roadshow, Old Trafford")
    assert roadshow.lead_organisation == world.council and roadshow.status == Status.PLANNED
    assert roadshow.budget == Decimal(0)
    assert set(batch.activities.all()) == {survey, roadshow}
    assert set(Activity.private_objects.visible_to(world.coordinator)) == {survey, roadshow}
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.actor == world.coordinator and event.changes["created"] == 2
    assert (
        AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="engagement.activity").count() == 2
    )


def test_every_bad_row_is_reported_by_its_line_and_nothing_is_stored(world):
    rows = [
        ROADSHOW,
        row(title="", method="Survey", areas="Stretfrod", starts="31/02/2026", contact_name=""),
        row(
            title="Drop-in",
            method="Survey",
            areas="Stretford",
            starts="2026-10-01",
            ends="2026-09-01",
            cost="lots",
            contact_email="not an address",
        ),
        row(
            title="Aim without a plan",
            method="Survey",
            areas="Stretford",
            starts="2026-10-01",
            aim="Hear tenants",
        ),
        ROADSHOW,
    ]
    with pytest.raises(ImportRejected) as rejected:
        _import(world, rows)
    errors = {e.line: e.problems for e in rejected.value.errors}
    assert set(errors) == {3, 4, 5, 6}
    assert "“Activity”: this is needed." in errors[3] and "“Contact name”: this is needed." in errors[3]
    assert any(
        "“Stretfrod” is not an area Heard knows" in p and "Did you mean Stretford?" in p for p in errors[3]
    )
    assert "“Starts”: “31/02/2026” is not a date (use 31/01/2026 or 2026-01-31)." in errors[3]
    assert any(p.startswith("“Cost (£)”: “lots” is not an amount") for p in errors[4])
    assert "“Contact e-mail”: “not an address” is not an e-mail address." in errors[4]
    assert errors[5] == [
        "“Plan or issue it serves”: say which plan or issue the aim serves (checklist point 1)."
    ]
    assert errors[6] == ["is the same activity as line 2."]
    assert not Activity.private_objects.exists() and not AuditImport.objects.exists()


def test_the_end_before_the_start_is_the_rows_problem(world):
    bad = row(title="Backwards", method="Survey", areas="Stretford", starts="2026-10-01", ends="2026-09-01")
    with pytest.raises(ImportRejected) as rejected:
        _import(world, [bad])
    [error] = rejected.value.errors
    assert error.line == 2 and error.problems == ["“Ends”: the end must be after the start."]


def test_the_notes_row_of_the_template_is_skipped_and_columns_found_in_any_order(world):
    headers = ["Where", "Activity", "Starts", "Contact", "Led by", "Type", "Notes of ours"]
    notes = ["", NOTES[0], "", "", "", "", ""]
    rows = [
        notes,
        ["Urmston", "Coffee morning", "2026-12-01", "Team", "Trafford Housing Trust", "Survey", "x"],
    ]
    preview = import_preview(
        user=world.coordinator, partnership=world.partnership, table=table_of(rows, headers=headers)
    )
    assert [line for line, _ in preview.rows] == [3]
    assert preview.columns.ignored == ["Notes of ours"]
    batch = partner_activities_import(
        user=world.coordinator, preview=preview, mapping=preview.suggested, today=TODAY
    )
    assert batch.created == 1 and Activity.private_objects.get().status == Status.PLANNED


def test_a_file_without_a_required_column_is_refused(world):
    table = table_of([["A survey"]], headers=["Activity"])
    preview = import_preview(user=world.coordinator, partnership=world.partnership, table=table)
    with pytest.raises(ImportRejected) as rejected:
        partner_activities_import(
            user=world.coordinator, preview=preview, mapping=preview.suggested, today=TODAY
        )
    assert "The file has no column for “Organisation leading it”." in rejected.value.problems
    assert "The file has no column for “Where”." in rejected.value.problems


def test_activities_already_in_the_register_are_left_out(world):
    _import(world, [ROADSHOW])
    batch = _import(world, [ROADSHOW, SURVEY], choices={"audiences": {"tenants": "older-people"}})
    assert (batch.created, batch.skipped) == (1, 1)
    with pytest.raises(ImportRejected) as rejected:
        _import(world, [ROADSHOW])
    assert rejected.value.problems == [
        "Every activity in the file is already in the register: there is nothing new to import."
    ]


def test_a_partner_that_does_not_share_its_activities_cannot_be_imported_for(world):
    rows = [
        row(
            title="Health fair",
            organisation="NHS Greater Manchester (Trafford locality)",
            method="Roadshow",
            areas="Stretford",
            starts="2026-12-10",
        )
    ]
    with pytest.raises(ImportRejected) as rejected:
        _import(world, rows)
    [problem] = rejected.value.problems
    assert problem.startswith(
        "NHS Greater Manchester (Trafford locality) does not share its engagement activities"
    )
    assert not Activity.private_objects.exists()


def test_only_members_of_the_partnership_can_lead_the_imported_activities(world):
    OrganisationFactory(name="Altrincham Business Improvement District", sector="business")
    rows = [
        row(
            title="Shop watch",
            organisation="Altrincham Business Improvement District",
            method="Roadshow",
            areas="Stretford",
            starts="2026-12-10",
        )
    ]
    with pytest.raises(ImportRejected) as rejected:
        _import(world, rows)
    assert rejected.value.problems == [
        "Say which organisation “Altrincham Business Improvement District” is."
    ]


@pytest.mark.parametrize("role", [Role.PARTNER_USER, Role.ANALYST, Role.AUTHORITY_MEMBER])
def test_only_admins_and_engagement_officers_of_a_member_coordinate(world, role):
    user = UserFactory(organisation=world.police, roles=[role])
    with pytest.raises(PermissionDenied):
        import_preview(user=user, partnership=world.partnership, table=table_of([ROADSHOW]))


def test_a_coordinator_of_another_partnership_cannot_import_for_this_one(world, outsider):
    other = Partnership.objects.create(name="Youth network", kind="joint")
    other.members.add(outsider.organisation)
    world.partnership.members.remove(world.council)
    with pytest.raises(PermissionDenied):
        import_preview(user=outsider, partnership=world.partnership, table=table_of([ROADSHOW]))


def test_the_right_to_record_for_a_member_is_the_coordinators_alone(world):
    """engagement.services.activity_create lets a coordinator lead an activity for a member
    of their partnership (core.extensions.recording_rights), and nobody else."""
    fields = {
        "title": "Recorded for the trust",
        "purpose": "getting_information",
        "method": method("survey"),
        "level": "neighbourhood",
        "areas": [world.clifford],
        "contact_name": "Team",
        "starts_at": datetime(2026, 12, 1, 10, tzinfo=UTC),
    }
    assert activity_create(user=world.coordinator, lead_organisation=world.housing, **fields).pk
    partner_user = UserFactory(organisation=world.police, roles=[Role.PARTNER_USER])
    outsider_org = OrganisationFactory(name="Not a member")
    for user, lead in ((partner_user, world.housing), (world.coordinator, outsider_org)):
        with pytest.raises(PermissionDenied):
            activity_create(user=user, lead_organisation=lead, **fields)


def test_an_untouched_import_can_be_undone(world):
    batch = _import(world, [ROADSHOW])
    activity = batch.activities.get()
    import_undo(user=world.coordinator, batch=batch)
    batch.refresh_from_db()
    assert batch.state == ImportState.UNDONE and batch.undone_by == world.coordinator
    assert not Activity.private_objects.filter(pk=activity.pk).exists()
    assert batch.created == 1  # the record of what it did stays
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(activity.pk)).exists()
    with pytest.raises(PermissionDenied):
        import_undo(user=world.coordinator, batch=batch)


def test_an_import_whose_activities_were_worked_on_cannot_be_undone(world):
    batch = _import(world, [ROADSHOW, SURVEY], choices={"audiences": {"tenants": LEAVE_OUT}})
    roadshow = Activity.private_objects.get(title="Health roadshow, Old Trafford")
    Attendance.objects.create(activity=roadshow, head_count=40)
    with pytest.raises(ValidationError) as refused:
        import_undo(user=world.coordinator, batch=batch)
    assert refused.value.messages == ["Other records refer to its activities now: 1 attendances."]
    assert Activity.private_objects.count() == 2 and AuditImport.objects.get().state == ImportState.IMPORTED


def test_a_change_recorded_since_the_import_stops_the_undo(world):
    batch = _import(world, [ROADSHOW])
    council_officer = UserFactory(organisation=world.council, roles=[Role.ENGAGEMENT_OFFICER])
    activity_update(user=council_officer, activity=batch.activities.get(), venue="Old Trafford library")
    with pytest.raises(ValidationError) as refused:
        import_undo(user=world.coordinator, batch=batch)
    assert refused.value.messages == [
        "Activities have been changed since they were imported: “Health roadshow, Old Trafford”."
    ]


def test_only_the_importing_organisations_coordinators_undo(world):
    batch = _import(world, [ROADSHOW])
    council_admin = UserFactory(organisation=world.council, roles=[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        import_undo(user=council_admin, batch=batch)


def test_coverage_and_coordination_see_the_imported_activities(world):
    from reach.coordination_selectors import activity_matches
    from reach.coverage import coverage_build

    from .coordination_helpers import activity, on

    _import(world, [ROADSHOW])
    imported = Activity.private_objects.get(title="Health roadshow, Old Trafford")
    coverage = coverage_build(user=world.coordinator, data={"starts": "2027-01-01", "ends": "2027-01-31"})
    clifford = next(block for block in coverage.areas if block.name == "Clifford")
    asian = next(line for line in clifford.lines if line.slug == "asian-communities")
    assert asian.activities == 1
    ours = activity(
        world.police,
        "Street briefing, Clifford",
        area=world.clifford,
        day=on(date(2027, 1, 14)).date(),
        audiences=("asian-communities",),
    )
    assert imported in [m.other for m in activity_matches(user=world.coordinator, activity=ours)]


def test_a_row_refused_while_writing_undoes_the_rows_before_it(world, monkeypatch):
    """All or nothing holds even when the register refuses a row the checks let through."""
    import reach.audit_imports as imports

    real = imports.activity_create
    calls = []

    def second_refused(**kwargs):
        calls.append(kwargs["title"])
        if len(calls) == 2:
            raise ValidationError({"title": "Refused by the register."})
        return real(**kwargs)

    monkeypatch.setattr(imports, "activity_create", second_refused)
    with pytest.raises(ImportRejected) as rejected:
        _import(world, [SURVEY, ROADSHOW], choices={"audiences": {"tenants": LEAVE_OUT}})
    assert [(e.line, e.problems) for e in rejected.value.errors] == [(3, ["Refused by the register."])]
    assert len(calls) == 2
    assert not Activity.private_objects.exists() and not AuditImport.objects.exists()
    assert not AuditEvent.objects.filter(action__in=[AuditAction.CREATE, AuditAction.IMPORT]).exists()
