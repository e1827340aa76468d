"""The data-sharing agreement pages and the protective-marking page pass axe (any impact) and
reflow at 390 px, as the other staff pages do (heard/tests/test_accessibility_staff.py, whose
walk visits them on the demo too)."""

from datetime import date

import pytest

from consultations.tests.factories import QuestionnaireFactory
from engagement.tests.factories import ActivityFactory
from heard.demo import DEMO_PASSWORD
from heard.tests.axe import DESKTOP, PHONE, AxeReport, require_axe
from heard.tests.staff_walk import ANY_IMPACT, StaffWalk
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280-wide", "390-wide"])
def test_agreement_and_marking_pages_pass_axe_and_reflow(live_server, chromium, reference_data, viewport):
    require_axe()
    police = OrganisationFactory(name="Greater Manchester Police")
    council = OrganisationFactory(name="Trafford Council")
    UserFactory(username="admin", organisation=police, roles=[Role.ADMIN], password=DEMO_PASSWORD)
    UserFactory(
        username="officer", organisation=police, roles=[Role.ENGAGEMENT_OFFICER], password=DEMO_PASSWORD
    )
    agreement = DataSharingAgreementFactory(owner=police, recipient=council, title="Engagement register")
    agreement.signatories.create(
        name="Dr Amir Qureshi",
        role="Director of communities",
        organisation=council,
        signed_on=date(2025, 3, 27),
    )
    questionnaire = QuestionnaireFactory(activity=ActivityFactory(lead_organisation=police))
    report = AxeReport(f"{viewport['width']} wide", failing=ANY_IMPACT, reflow=False)
    walk = StaffWalk(chromium, live_server.url, viewport, report)
    with walk.signed_in("admin"):
        walk.goto("/staff/agreements/", "data-sharing agreements")
        walk.goto(f"/staff/agreements/{agreement.pk}/", "a data-sharing agreement")
        walk.goto(f"/staff/agreements/{agreement.pk}/edit/", "change an agreement")
        walk.goto(f"/staff/agreements/{agreement.pk}/end/", "end an agreement")
        walk.goto(f"/staff/agreements/{agreement.pk}/signatories/new/", "add a signatory")
        walk.errors("Add signatory", "add a signatory")
        walk.goto("/staff/agreements/new/", "record an agreement")
        walk.errors("Record agreement", "record an agreement")
    with walk.signed_in("officer"):
        walk.goto(f"/staff/questionnaires/{questionnaire.pk}/", "a questionnaire and its marking")
        walk.goto(f"/staff/marking/consultations.questionnaire/{questionnaire.pk}/raise/", "raise a marking")
    assert not report.problems, "\n".join(report.problems)
    assert not walk.too_wide, walk.too_wide
