"""The main staff pages of Heard, error states included, checked in a real browser with the same
checks as the public pages (test_accessibility.py), but stricter: axe-core (WCAG 2.0/2.1 A and
AA, WCAG 2.2 AA) must find no violation of any impact, and at 390 px no page may be wider than
the screen (WCAG 1.4.10 Reflow, which axe does not check). Each page is visited signed in as
the role that uses it: the engagement officer plans and consults, the analyst analyses, the
intelligence officer triages. The data is the demo, plus a draft questionnaire to build, an
activity to plan and a flag for the intelligence queue."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from consultations.models import Response, ResponseImport
from heard.tests.axe import DESKTOP, PHONE, WCAG_TAGS, AxeReport, require_axe
from heard.tests.staff_walk import ANY_IMPACT, StaffSite, StaffWalk, build_staff_site
from organisations.models import Partnership, User
from outcomes.models import (
    Action,
    Decision,
    Evaluation,
    Feedback,
    Finding,
    Measure,
    PublicationBundle,
    Report,
)
from outcomes.models.loop_choices import FeedbackState
from reach.models import AuditImport, CommunityContact, JointProposal


def walk_officer(walk: StaffWalk, site: StaffSite) -> None:
    with walk.signed_in("officer") as page:
        walk.goto("/staff/activities/", "register")
        walk.goto(f"/staff/activities/{site.consultation.pk}/", "activity page")
        walk.goto("/staff/activities/new/", "activity form")
        page.get_by_role("combobox", name="Find an area by name or postcode").fill("sa")
        expect(page.get_by_role("listbox")).to_be_visible()
        walk.look("activity form: areas suggested")
        walk.errors("Add activity", "activity form")
        walk.goto(f"/staff/activities/{site.planning.pk}/edit/", "activity form: editing")
        walk.goto(f"/staff/activities/{site.planning.pk}/checklist/", "checklist")
        page.locator("#point-1-done").check()
        expect(page.locator("#checklist-status")).to_contain_text("Point 1 saved")
        walk.look("checklist: a point saved in place")
        page.locator("#point-2 summary").click()
        page.locator("#point-2-note").fill("Asked the council")
        walk.errors("Save checklist", "checklist")
        walk.goto(f"/staff/activities/{site.planning.pk}/plan/", "engagement plan")

        activity = site.consultation.pk
        walk.goto(f"/staff/activities/{activity}/questionnaires/", "questionnaires of an activity")
        walk.goto(f"/staff/activities/{activity}/questionnaires/new/", "new questionnaire")
        page.get_by_label("Title", exact=True).fill("")
        walk.errors("Create and add questions", "new questionnaire")
        draft = site.draft.pk
        walk.goto(f"/staff/questionnaires/{draft}/", "questionnaire being built")
        walk.goto(f"/staff/questionnaires/{draft}/edit/", "questionnaire details")
        walk.goto(f"/staff/questionnaires/{draft}/preview/", "questionnaire preview")
        walk.goto(f"/staff/questionnaires/{draft}/translator-files/", "questionnaire: send for translation")
        walk.errors("Check and save the translation", "questionnaire: send for translation")
        broken = {"name": "broken.xlf", "mimeType": "application/xml", "buffer": b"<xliff><file"}
        page.set_input_files("#id_file", files=[broken])
        page.locator("#id_language_0").check()
        walk.press("Check and save the translation")
        walk.look("questionnaire: a translation with problems: errors")
        walk.goto(f"/staff/activities/{site.planning.pk}/translator-files/", "activity: send for translation")
        walk.goto(f"/staff/questionnaires/{draft}/translations/", "questionnaire: translations")
        walk.goto(f"/staff/questionnaires/{draft}/translations/ur/", "questionnaire: translate into Urdu")
        walk.goto(f"/staff/activities/{site.planning.pk}/translations/", "activity: translations")
        walk.goto(f"/staff/activities/{site.planning.pk}/translations/cy/", "activity: translate into Welsh")
        walk.goto(f"/staff/questionnaires/{draft}/questions/new/", "new question")
        walk.errors("Save question", "new question")
        question = site.draft.questions.order_by("position").first()
        walk.goto(f"/staff/questions/{question.pk}/edit/", "question")

        walk.goto(f"/staff/questionnaires/{site.questionnaire.pk}/results/", "results")
        walk.goto(f"/staff/questionnaires/{site.questionnaire.pk}/results/answers/", "written answers")
        response = Response.objects.filter(questionnaire=site.questionnaire).order_by("pk")[1]
        walk.goto(f"/staff/responses/{response.pk}/", "a response")
        for job in ResponseImport.objects.order_by("pk")[:2]:  # the demo's: imported, and refused
            url = f"/staff/questionnaires/{job.questionnaire_id}/imports/{job.pk}/"
            shown = "import: errors" if job.state in {"rejected", "failed"} else f"import: {job.state}"
            walk.goto(url, shown)  # a refused import's page is titled "Error: …" like a form's
        walk.goto(f"/staff/activities/{site.attended.pk}/attendance/", "attendance")
        walk.goto(f"/staff/activities/{site.attended.pk}/attendance/new/", "record attendance")
        walk.errors("Save attendance", "record attendance")
        walk.goto("/staff/priorities/", "priorities")


def _first(queryset):  # type: ignore[no-untyped-def]
    found = queryset.order_by("pk").first()
    assert found is not None, f"the demo should have a {queryset.model.__name__}"
    return found


def walk_loop(walk: StaffWalk) -> None:
    """The second half of the loop, as the police's engagement officer uses it: who was heard
    and missed, contacts, coverage, coordination, the audit, outcomes, evaluation, measures,
    plans and reports, each over the demo's own records."""
    officer = User.objects.get(username="officer")
    police = officer.organisation
    partnership = Partnership.objects.get(name="Safer Trafford Partnership")
    pages = [
        ("/staff/", "dashboard"),
        ("/staff/reach/?area=E08000009", "reach of Trafford"),
        ("/staff/reach/map/?area=E08000009", "reach map"),
        ("/staff/reach/unheard/?area=E05000819", "who we have not heard"),
        ("/staff/reach/targets/", "target profiles"),
        ("/staff/contacts/", "community contacts"),
        (f"/staff/contacts/{_first(CommunityContact.objects.filter(organisation=police)).pk}/", "a contact"),
        ("/staff/contacts/new/", "new contact"),
        ("/staff/coverage/?within=E08000009", "coverage"),
        ("/staff/coordination/", "coordination"),
        (
            f"/staff/coordination/proposals/{_first(JointProposal.objects.visible_to(officer)).pk}/",
            "a joint proposal",
        ),
        ("/staff/audit/", "partnership audit"),
        ("/staff/audit/imports/", "audit imports"),
        (f"/staff/audit/imports/{_first(AuditImport.objects.visible_to(officer)).pk}/", "an audit import"),
        ("/staff/audit/imports/new/", "audit import upload"),
        ("/staff/outcomes/", "outcomes"),
        (f"/staff/outcomes/findings/{_first(Finding.objects.filter(organisation=police)).pk}/", "a finding"),
        (
            f"/staff/outcomes/decisions/{_first(Decision.objects.filter(organisation=police)).pk}/",
            "a decision",
        ),
        (
            f"/staff/outcomes/actions/{_first(Action.objects.filter(decision__organisation=police)).pk}/",
            "an action",
        ),
        (
            f"/staff/outcomes/feedback/{_first(Feedback.objects.filter(state=FeedbackState.PUBLISHED)).pk}/",
            "published feedback",
        ),
        ("/staff/evaluation/", "evaluation overview"),
        (f"/staff/activities/{_first(Evaluation.objects).activity_id}/evaluation/", "an evaluation"),
        ("/staff/measures/", "measures"),
        (f"/staff/measures/{_first(Measure.objects.visible_to(officer)).pk}/", "a measure"),
        (f"/staff/report-cards/{partnership.pk}/", "report card"),
        ("/staff/evidence/", "evidence register"),
        ("/staff/strategy/", "strategy"),
        (f"/staff/strategy/{partnership.pk}/", "strategy action plan"),
        ("/staff/board/", "board"),
        ("/staff/reports/", "reports"),
        ("/staff/reports/evidence-pack/", "evidence pack"),
        (f"/staff/reports/{_first(Report.objects.filter(organisation=police)).pk}/", "a report"),
    ]
    with walk.signed_in("officer"):
        for path, name in pages:
            walk.goto(path, name)


def walk_public_loop(walk: StaffWalk) -> None:
    """The public side of the loop: "You said, we did" for a neighbourhood and an event, and the
    participants' evaluation form's front door."""
    feedback = _first(Feedback.public_objects.all())
    area = feedback.area or feedback.activity.areas.order_by("pk").first()
    with walk.anonymous():
        walk.goto(f"/areas/{area.code}/you-said-we-did/", "you said, we did: a neighbourhood")
        walk.goto(f"/events/{feedback.activity_id}/you-said-we-did/", "you said, we did: an event")
        walk.goto("/evaluate/", "evaluation code")


def walk_analyst(walk: StaffWalk, site: StaffSite) -> None:
    with walk.signed_in("analyst"):
        walk.goto(f"/staff/questionnaires/{site.questionnaire.pk}/analysis/", "analyses")
        walk.goto(f"/staff/analysis/{site.run.pk}/", "a finished analysis")
        bundle = _first(PublicationBundle.objects)
        walk.goto(f"/staff/publication-scheme/{bundle.pk}/", "a publication bundle")
        walk.goto("/staff/publication-scheme/", "publication scheme")
        assert walk.page is not None
        walk.page.get_by_label("From").fill("2026-06-01")
        walk.page.get_by_label("To").fill("2026-01-01")
        walk.errors("Make the bundle", "publication scheme")


def walk_intelligence(walk: StaffWalk) -> None:
    with walk.signed_in("intel") as page:
        walk.goto("/staff/intelligence/", "intelligence queue")
        expect(page.get_by_text("names a place, says when")).to_be_visible()


def walk_audit_log(walk: StaffWalk, site: StaffSite) -> None:
    with walk.signed_in("admin") as page:
        walk.goto("/staff/audit-log/", "audit log")
        history = f"/staff/audit-log/records/consultations.questionnaire/{site.questionnaire.pk}/"
        walk.goto(history, "a record's history")
        walk.goto("/staff/audit-log/", "audit log")
        page.get_by_label("From").fill("2026-06-01")
        page.get_by_label("To").fill("2026-01-01")
        walk.errors("Apply filters", "audit log")


def walk_retention(walk: StaffWalk) -> None:
    from governance.subject_models import SubjectRequest

    with walk.signed_in("admin"):
        walk.goto("/staff/retention/", "records review")
        walk.errors("Record the decision", "records review")
        walk.goto("/staff/subject-requests/", "information requests")
        walk.goto(f"/staff/subject-requests/{_first(SubjectRequest.objects).pk}/", "an information request")
        walk.press("Search for their records")
        walk.look("an information request: what we hold")
        walk.goto("/staff/subject-requests/new/", "open an information request")
        walk.errors("Open the request", "open an information request")


def walk_exports(walk: StaffWalk) -> None:
    """The officer's exports made in the background (heard/demo_exports.py): the list and one."""
    from governance.export_models import ExportJob

    with walk.signed_in("officer"):
        walk.goto("/staff/exports/", "your exports")
        walk.goto(f"/staff/exports/{_first(ExportJob.objects).pk}/", "an export made in the background")


def walk_policing_codes(walk: StaffWalk) -> None:
    """The analyst's policing codes (insight/demo_codes.py): coded answers, one answer's codes,
    the meeting notes' codes, Stretford this year against last, and the codeframe with its form
    in its error state."""
    from insight.models import AnswerCode, CodeSource

    with walk.signed_in("analyst"):
        walk.goto("/staff/codes/", "policing codes")
        corrected = _first(AnswerCode.objects.filter(source=CodeSource.ANALYST))
        walk.goto(f"/staff/codes/answers/{corrected.answer_id}/", "an answer's policing codes")
        walk.goto("/staff/codes/notes/", "the policing codes of meeting notes")
        walk.goto("/staff/codes/areas/E05000829/", "a neighbourhood's policing codes")
        walk.goto("/staff/codeframe/", "policing codeframe")
        walk.goto("/staff/codeframe/add/", "add a policing code")
        walk.errors("Save", "add a policing code")


def walk_agreements(walk: StaffWalk, site: StaffSite) -> None:
    from organisations.models import DataSharingAgreement

    with walk.signed_in("admin"):
        walk.goto("/staff/agreements/", "data-sharing agreements")
        agreement = DataSharingAgreement.objects.filter(signatories__isnull=False).order_by("pk").first()
        assert agreement is not None
        walk.goto(f"/staff/agreements/{agreement.pk}/", "a data-sharing agreement")
        walk.goto(f"/staff/agreements/{agreement.pk}/signatories/new/", "add a signatory")
        walk.goto("/staff/agreements/new/", "record an agreement")
        walk.errors("Record agreement", "record an agreement")
    with walk.signed_in("officer"):
        walk.goto(f"/staff/questionnaires/{site.draft.pk}/", "a questionnaire and its marking")
        walk.goto(f"/staff/marking/consultations.questionnaire/{site.draft.pk}/raise/", "raise a marking")


def walk_reference_data(walk: StaffWalk) -> None:
    """A superuser imports a Census table from the web (places/views.py); the test's task
    backend runs it at once, so the import's page shows what came of it."""
    from places.demo import DEMO_DATA

    census = DEMO_DATA / "census2021" / "2021_population_by_sex_ward_trafford.csv"
    with walk.signed_in("admin") as page:
        walk.goto("/staff/reference-data/", "reference data imports")
        walk.goto("/staff/reference-data/new/", "import reference data")
        walk.errors("Upload and import", "import reference data")
        page.get_by_label("Census 2021 table (tidy-long CSV)").check()
        page.get_by_label("Upload a file").set_input_files(str(census))
        walk.press("Upload and import")
        expect(page.get_by_text("Success")).to_be_visible()
        walk.look("a reference data import")
        walk.goto("/staff/reference-data/", "reference data imports: one done")


def walk_tokens(walk: StaffWalk) -> None:
    """The demo officer's API tokens: one in use, one expired, one revoked (heard/demo_tokens.py)."""
    from organisations.models import ApiToken

    with walk.signed_in("officer") as page:
        walk.goto("/staff/tokens/", "API tokens")
        token = ApiToken.objects.filter(user__username="officer", revoked_at__isnull=True).first()
        assert token is not None
        walk.goto(f"/staff/tokens/{token.pk}/revoke/", "revoke an API token")
        walk.goto("/staff/tokens/new/", "create an API token")
        page.get_by_label("How many days should it last?").fill("400")
        walk.errors("Create token", "create an API token")
        page.get_by_label("What is the token for?").fill("Nightly export")
        page.get_by_label("How many days should it last?").fill("30")
        walk.press("Create token")
        walk.look("a new API token's key")


def walk_colleagues(walk: StaffWalk) -> None:
    """Colleagues' two-factor sign-in as the demo admin (a superuser: everyone's), and resetting
    the demo authority member's, given an authenticator app here; then the reset refused because
    it is already gone (the page in its error state)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    member = User.objects.get(username="member")
    TOTPDevice.objects.create(user=member, name="Authenticator app", confirmed=True)
    with walk.signed_in("admin"):
        walk.goto("/staff/colleagues/two-factor/", "colleagues' two-factor sign-in")
        walk.goto(
            f"/staff/colleagues/{member.pk}/two-factor/reset/", "reset a colleague's two-factor sign-in"
        )
        TOTPDevice.objects.filter(user=member).delete()
        walk.errors("Reset two-factor sign-in", "reset a colleague's two-factor sign-in")


@pytest.mark.browser
@pytest.mark.xdist_group("demo")  # with `--dist loadgroup`, one worker loads the demo once (conftest `demo`)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_staff_pages_pass_axe_and_reflow(live_server, chromium, reference_data, demo, viewport):
    require_axe()
    site = build_staff_site(demo)
    report = AxeReport(f"{viewport['width']} wide", failing=ANY_IMPACT, reflow=False)
    walk = StaffWalk(chromium, live_server.url, viewport, report)
    walk_officer(walk, site)
    walk_analyst(walk, site)
    walk_intelligence(walk)
    walk_audit_log(walk, site)
    walk_retention(walk)
    walk_agreements(walk, site)
    walk_tokens(walk)
    walk_reference_data(walk)
    walk_exports(walk)
    walk_policing_codes(walk)
    walk_colleagues(walk)
    walk_loop(walk)
    walk_public_loop(walk)
    assert len(walk.visited) >= 60, walk.visited
    assert not report.problems, (
        f"axe-core {report.version} ({', '.join(WCAG_TAGS)}): {len(report.problems)} problems on "
        f"{len(walk.visited)} staff page states:\n" + "\n".join(report.problems)
    )
    assert not walk.too_wide, "Staff pages wider than a 390 px screen:\n" + "\n".join(walk.too_wide)
