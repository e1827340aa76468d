"""Protective marking in the feedback loop (issue 11 "Marking and sharing"), by governance's rules:
a finding, decision, action or feedback is never marked below what it comes from (a lowering is
refused with a message on the page and in the API, and nothing is saved), a raise carries down
the loop and is audited, and an OFFICIAL-SENSITIVE decision of an OFFICIAL, public activity
reaches no partner, authority member, member of the public, police.uk export or publication
bundle, judged by its own marking."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.tests.helpers import content
from governance.marking import SENSITIVE
from governance.models import AuditAction, AuditEvent, Marking
from insight.models import AnalysisRun, Theme
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from outcomes.loop_services import decision_create, decision_update, finding_create, finding_update
from outcomes.models import Action, Decision, Feedback, FindingSource
from outcomes.publication import publication_bundle
from outcomes.publication_files import bundle_files
from outcomes.publication_selectors import bundle_period
from outcomes.tests.loop_factories import make_trail

from .loop_fixtures import *  # noqa: F403

OFFICIAL = Marking.OFFICIAL
SECRET_DECISION = "Covert patrols near the estate entrance"
SECRET_ACTION = "Hidden camera on the estate footpath"
REFUSED = "nothing is marked lower than the record it comes from"


def _fresh(record):
    return type(record)._base_manager.get(pk=record.pk)


def _login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sensitive_theme(consultation, police):
    """A theme of an analysis marked OFFICIAL-SENSITIVE, of an OFFICIAL activity."""
    questionnaire = consultation.questionnaires.get()
    run = AnalysisRun.objects.create(
        questionnaire=questionnaire, organisation=police, state="done", marking=SENSITIVE
    )
    return Theme.objects.create(run=run, label="Drug dealing by the garages", size=1)


def _finding(officer, consultation, **kwargs):
    from outcomes.loop_services import Evidence

    theme = kwargs.pop("theme", None)
    return finding_create(
        user=officer,
        statement="Dealing by the garages at night",
        area=consultation.areas.first(),
        source=FindingSource.THEME if theme else FindingSource.ACTIVITY,
        activity=consultation,
        evidence=Evidence(themes=[theme] if theme else []),
        **kwargs,
    )


def _decision(officer, findings, **kwargs):
    return decision_create(
        user=officer,
        summary="Patrols by the garages",
        decided_on=timezone.localdate(),
        decided_by_name="Insp Jo Example",
        decided_by_body="Neighbourhood tasking",
        findings=findings,
        **kwargs,
    )


def test_a_lowering_below_the_source_is_refused_with_a_message_and_nothing_saved(
    officer, consultation, sensitive_theme
):
    finding = _finding(officer, consultation, theme=sensitive_theme, marking=OFFICIAL)
    assert finding.marking == SENSITIVE  # inherited from the analysis its theme comes from
    decision = _decision(officer, [finding])
    assert decision.marking == SENSITIVE
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        finding_update(user=officer, finding=finding, marking=OFFICIAL, statement="Changed words")
    assert REFUSED in refused.value.message_dict["marking"][0]
    with pytest.raises(ValidationError) as refused:
        decision_update(user=officer, decision=decision, marking=OFFICIAL)
    assert REFUSED in refused.value.message_dict["marking"][0]
    client = _login(officer)
    form = {
        "statement": "Changed words",
        "area": consultation.areas.first().pk,
        "source": "theme",
        "themes": [sensitive_theme.pk],
        "marking": "official",
    }
    page = client.post(reverse("outcomes:finding_edit", kwargs={"pk": finding.pk}), form)
    assert page.status_code == 400 and REFUSED in page.content.decode()
    api = client.patch(
        f"/api/outcomes/findings/{finding.pk}",
        data=json.dumps({"marking": "official"}),
        content_type="application/json",
    )
    assert api.status_code == 422 and REFUSED in json.dumps(api.json()["errors"])
    assert (_fresh(finding).marking, _fresh(finding).statement) == (SENSITIVE, finding.statement)
    assert _fresh(decision).marking == SENSITIVE
    assert AuditEvent.objects.count() == events


def test_lowering_to_the_sources_marking_and_raising_by_editing_are_audited(officer, consultation):
    finding = _finding(officer, consultation)
    assert finding.marking == OFFICIAL
    decision = _decision(officer, [finding])
    finding_update(user=officer, finding=finding, marking=SENSITIVE)
    assert _fresh(decision).marking == SENSITIVE  # carried down to the decision that considered it
    finding_update(user=officer, finding=finding, marking=OFFICIAL)  # its activity is OFFICIAL
    assert _fresh(finding).marking == OFFICIAL
    changes = [
        e.changes["marking"]
        for e in AuditEvent.objects.for_object(finding).filter(action=AuditAction.UPDATE).order_by("pk")
    ]
    assert changes == [[OFFICIAL, SENSITIVE], [SENSITIVE, OFFICIAL]]
    assert _fresh(decision).marking == SENSITIVE  # lowering it is its own owner's decision


def test_raising_an_analysis_raises_the_loop_drawn_from_it(officer, consultation, police):
    run = AnalysisRun.objects.create(
        questionnaire=consultation.questionnaires.get(), organisation=police, state="done"
    )
    theme = Theme.objects.create(run=run, label="Speeding", size=1)
    trail = make_trail(consultation, themes=[theme])
    run.marking = SENSITIVE
    run.save()
    for record in (theme, trail.finding, trail.decision, trail.action, trail.feedback):
        assert _fresh(record).marking == SENSITIVE, type(record).__name__
    assert _fresh(consultation).marking == OFFICIAL


def test_the_shared_raise_page_and_api_raise_a_finding_and_what_follows(
    officer, consultation, council, sharing
):
    trail = make_trail(consultation)
    url = reverse("marking:raise", args=["outcomes.finding", trail.finding.pk])
    detail = _login(officer).get(reverse("outcomes:finding_detail", kwargs={"pk": trail.finding.pk}))
    assert url in detail.content.decode()
    partner = UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER])
    assert _login(partner).post(url).status_code == 403  # reads it, does not own it
    member = UserFactory(organisation=officer.organisation, roles=[Role.INTELLIGENCE_OFFICER])
    assert _login(member).post(url).status_code == 403  # does not write findings
    assert _fresh(trail.finding).marking == OFFICIAL
    assert _login(officer).post(url).status_code == 302
    for record in (trail.finding, trail.decision, trail.action, trail.feedback):
        assert _fresh(record).marking == SENSITIVE, type(record).__name__
    event = AuditEvent.objects.for_object(trail.finding).get()
    assert event.changes == {"marking": [OFFICIAL, SENSITIVE], "records_raised_with_it": 3}
    assert (
        _login(partner).get(reverse("outcomes:finding_detail", kwargs={"pk": trail.finding.pk})).status_code
        == 404
    )

    other = make_trail(consultation, text="Parking on the pavement")
    raised = _login(officer).post(
        f"/api/marking/outcomes.decision/{other.decision.pk}/raise", content_type="application/json"
    )
    assert raised.status_code == 200, raised.content
    assert raised.json()["raised_with_it"] == 2  # its action and the feedback reporting it
    assert _fresh(other.finding).marking == OFFICIAL  # what it considered stays as it was


@pytest.fixture
def secret(consultation, police):
    """A published trail of an OFFICIAL public activity whose feedback also reports an
    OFFICIAL-SENSITIVE decision and action (marked on their own, the activity left OFFICIAL)."""
    trail = make_trail(consultation, text="Slow the traffic outside the school")
    consultation.publication_scheme = True
    consultation.save()
    decision = Decision.objects.create(
        organisation=police,
        summary=SECRET_DECISION,
        detail=SECRET_DECISION,
        decided_by_name="Superintendent",
        decided_by_body="Tasking",
        decided_on=timezone.localdate(),
        marking=SENSITIVE,
    )
    decision.findings.add(trail.finding)
    action = Action.objects.create(
        decision=decision,
        title=SECRET_ACTION,
        owner_organisation=police,
        owner_name="Neighbourhood team",
        due_on=timezone.localdate(),
    )
    assert action.marking == SENSITIVE  # inherited from its decision
    trail.feedback.decisions.add(decision)  # links written directly: the feedback stays OFFICIAL
    trail.feedback.actions.add(action)
    assert Feedback.objects.get(pk=trail.feedback.pk).marking == OFFICIAL
    return trail, decision, action


def _outsiders(police, council):
    partner = UserFactory(organisation=council, roles=[Role.PARTNER_USER])
    authority = OrganisationFactory(name="Combined Authority (Policing and Crime)")
    DataSharingAgreementFactory(owner=police, recipient=authority)
    member = UserFactory(organisation=authority, roles=[Role.AUTHORITY_MEMBER])
    return {"partner": partner, "authority member": member}


def _hidden(text):
    return SECRET_DECISION not in text and SECRET_ACTION not in text


def test_a_sensitive_decision_of_an_official_activity_reaches_no_outsider(
    client, secret, consultation, police, council, sharing, officer, ward
):
    trail, decision, action = secret
    public = content(client.get(reverse("public:feedback_event", kwargs={"pk": consultation.pk}))).decode()
    assert "Slow the traffic outside the school" in public and _hidden(public)

    own = _login(officer)
    assert (
        SECRET_DECISION
        in own.get(reverse("outcomes:decision_detail", kwargs={"pk": decision.pk})).content.decode()
    )
    for role, user in _outsiders(police, council).items():
        outsider = _login(user)
        assert (
            outsider.get(reverse("outcomes:decision_detail", kwargs={"pk": decision.pk})).status_code == 404
        ), role
        assert outsider.get(reverse("outcomes:action_detail", kwargs={"pk": action.pk})).status_code == 404, (
            role
        )
        assert outsider.get(f"/api/outcomes/decisions/{decision.pk}").status_code == 404, role
        for name, pk in (
            ("outcomes:feedback_detail", trail.feedback.pk),
            ("outcomes:finding_detail", trail.finding.pk),
        ):
            page = outsider.get(reverse(name, kwargs={"pk": pk}))
            assert page.status_code == 200 and _hidden(page.content.decode()), (role, name)
        for name in ("outcomes:decision_list", "outcomes:action_list", "outcomes:feedback_list"):
            assert _hidden(outsider.get(reverse(name)).content.decode()), (role, name)
        export = outsider.get(f"/api/outcomes/priorities-and-actions?area={ward.code}&format=json")
        assert export.status_code == 200 and _hidden(export.content.decode()), role

    police_uk = own.get(f"/api/outcomes/priorities-and-actions?area={ward.code}&format=json")
    assert "Slow the traffic outside the school" in police_uk.content.decode()
    assert _hidden(police_uk.content.decode())  # made to be published: not even for its owners

    bundle = publication_bundle(user=officer, period=bundle_period(), made_on=timezone.localdate())
    files = bundle_files(bundle)
    text = "".join(data.decode("utf-8") for data in files.values())
    assert "Slow the traffic outside the school" in text and _hidden(text)
    feedback = json.loads(files["feedback.json"])["rows"]
    assert [row["decision_ids"] for row in feedback] == [[trail.decision.pk]]
