"""The evaluation's staff pages: what each role of each organisation sees and may do, forms that
show their errors with a 400 and store nothing, and the activity page's section and checklist
link."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from engagement.models import Activity, Status
from organisations.models import Role
from organisations.tests.factories import DataSharingAgreementFactory, OrganisationFactory, UserFactory
from outcomes.evaluation_participants import participant_link_open
from outcomes.evaluation_services import AimRatingInput, evaluation_save
from outcomes.models import Evaluation, EvaluationState, ParticipantEvaluation, StandardScore

from .evaluation_fixtures import *  # noqa: F403
from .evaluation_fixtures import add_forms

WORDS = "Ask Dave Smith at 14 Elm Street, dave.smith@example.com, about the parking."


def _draft(activity, user):
    ratings = [AimRatingInput(a.pk, "met", "Forty people came") for a in activity.aims.all()]
    return evaluation_save(
        user=user,
        activity=activity,
        target_participants=30,
        lessons_learned="Book a bigger room.",
        ratings=ratings,
    )


def _url(name, activity):
    return reverse(f"evaluation:{name}", kwargs={"pk": activity.pk})


def test_the_team_evaluates_an_activity_from_its_page(
    closed_activity, officer, client_for, evaluation_hooks_only
):
    client = client_for(officer)
    activity_page = client.get(
        reverse("engagement:activity_detail", kwargs={"pk": closed_activity.pk})
    ).content.decode()
    assert (
        '<h2 class="govuk-heading-m">Evaluation</h2>' in activity_page
        and "Evaluate this activity" in activity_page
    )
    checklist = client.get(
        reverse("engagement:activity_checklist", kwargs={"pk": closed_activity.pk})
    ).content.decode()
    assert _url("detail", closed_activity) in checklist
    assert client.get(_url("detail", closed_activity)).status_code == 200
    form = client.get(_url("edit", closed_activity))
    assert form.status_code == 200 and "Aim 1: Hear residents&#x27; priorities" in form.content.decode()
    aims = list(closed_activity.aims.all())
    data = {
        "target_participants": "30",
        "lessons_learned": "Book a bigger room.",
        **{f"aim_{a.pk}_result": "met" for a in aims},
        **{f"aim_{a.pk}_evidence": "Forty people came" for a in aims},
    }
    assert client.post(_url("edit", closed_activity), data).status_code == 302
    evaluation = Evaluation.objects.get(activity=closed_activity)
    assert evaluation.aim_ratings.count() == 2 and evaluation.target_participants == 30
    done = client.post(_url("transition", closed_activity), {"to": "complete", "from": "draft"}, follow=True)
    assert "checklist point 25 is answered as done" in done.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.state == EvaluationState.COMPLETE


def test_a_form_with_errors_is_a_400_that_shows_them_and_stores_nothing(closed_activity, officer, client_for):
    client = client_for(officer)
    aim = closed_activity.aims.first()
    response = client.post(
        _url("edit", closed_activity),
        {f"aim_{aim.pk}_evidence": "Some", f"aim_{aim.pk}_link": "javascript:x"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "Aim 1: choose met, partly met or not met" in body
    assert not Evaluation.objects.exists()
    bad_link = client.post(
        _url("edit", closed_activity), {f"aim_{aim.pk}_result": "met", f"aim_{aim.pk}_link": "javascript:x"}
    )
    assert bad_link.status_code == 400 and "starting https://" in bad_link.content.decode()
    assert not Evaluation.objects.exists()


def test_completing_too_early_or_twice_says_why(closed_activity, officer, client_for):
    client = client_for(officer)
    _draft(closed_activity, officer)
    closed_activity.status = Status.OPEN
    Activity.private_objects.filter(pk=closed_activity.pk).update(status=Status.OPEN)
    early = client.post(_url("transition", closed_activity), {"to": "complete", "from": "draft"}, follow=True)
    assert "once it has happened" in early.content.decode()
    Activity.private_objects.filter(pk=closed_activity.pk).update(status=Status.CLOSED)
    assert (
        client.post(_url("transition", closed_activity), {"to": "complete", "from": "draft"}).status_code
        == 302
    )
    twice = client.post(_url("transition", closed_activity), {"to": "complete", "from": "draft"}, follow=True)
    assert "Somebody else changed this evaluation" in twice.content.decode()
    changed = client.post(_url("edit", closed_activity), {"lessons_learned": "Changed"})
    assert changed.status_code == 400 and "reopen it" in changed.content.decode()


def test_paper_forms_are_typed_in_one_after_another(closed_activity, officer, client_for):
    client = client_for(officer)
    assert client.get(_url("paper_entry", closed_activity)).status_code == 200
    first = client.post(
        _url("paper_entry", closed_activity), {"satisfied": "yes", "comments": WORDS, "another": "1"}
    )
    assert first.status_code == 302 and first["Location"] == _url("paper_entry", closed_activity)
    assert "1 paper form typed in" in client.get(first["Location"]).content.decode()
    last = client.post(_url("paper_entry", closed_activity), {"listened_to": "no"})
    assert last.status_code == 302 and last["Location"] == _url("detail", closed_activity)
    stored = ParticipantEvaluation.objects.order_by("pk")
    assert [(f.channel, f.satisfied, f.listened_to, f.entered_by) for f in stored] == [
        ("paper", "yes", "", officer),
        ("paper", "", "no", officer),
    ]
    empty = client.post(_url("paper_entry", closed_activity), {})
    assert empty.status_code == 400 and "Answer at least one question" in empty.content.decode()
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    later = client.post(_url("paper_entry", closed_activity), {"satisfied": "yes", "received_on": future})
    assert later.status_code == 400 and "a day that has happened" in later.content.decode()
    assert ParticipantEvaluation.objects.count() == 2


def test_paper_forms_wait_for_the_activity_to_happen(closed_activity, officer, client_for):
    Activity.private_objects.filter(pk=closed_activity.pk).update(status=Status.PLANNED)
    response = client_for(officer).post(_url("paper_entry", closed_activity), {"satisfied": "yes"})
    assert response.status_code == 400 and "once the activity has taken place" in response.content.decode()
    assert not ParticipantEvaluation.objects.exists()


def test_the_online_form_is_opened_for_a_set_period(closed_activity, officer, client_for):
    client = client_for(officer)
    page = client.get(_url("link", closed_activity))
    assert page.status_code == 200
    today = timezone.localdate()
    bad = client.post(
        _url("link", closed_activity), {"opens_on": today.isoformat(), "closes_on": "2000-01-01"}
    )
    assert bad.status_code == 400 and "on or after the day it opens" in bad.content.decode()
    good = {"opens_on": today.isoformat(), "closes_on": (today + timedelta(days=14)).isoformat()}
    assert client.post(_url("link", closed_activity), good).status_code == 302
    detail = client.get(_url("detail", closed_activity)).content.decode()
    assert closed_activity.participant_link.shown_code in detail


def test_the_paper_form_prints_as_a_pdf_with_the_online_code(closed_activity, officer, client_for):
    today = timezone.localdate()
    link = participant_link_open(user=officer, activity=closed_activity, opens_on=today, closes_on=today)
    response = client_for(officer).get(_url("paper_pdf", closed_activity))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Tell us what you thought" in text and "Did you feel listened to?" in text
    assert link.shown_code in text and "do not write your name" in text


def test_the_paper_form_prints_in_welsh_and_polish_and_refuses_a_language_it_cannot_print(
    closed_activity, officer, client_for
):
    today = timezone.localdate()
    link = participant_link_open(user=officer, activity=closed_activity, opens_on=today, closes_on=today)
    client = client_for(officer)
    detail = client.get(_url("detail", closed_activity)).content.decode()
    assert "Print the paper form in Welsh (Cymraeg) (PDF)" in detail and "?lang=pl" in detail

    def printed(lang: str) -> str:
        response = client.get(_url("paper_pdf", closed_activity) + f"?lang={lang}")
        assert response.status_code == 200 and f"-{lang}.pdf" in response["Content-Disposition"]
        return "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)

    welsh = printed("cy")
    assert "Dywedwch wrthym beth oeddech chi’n ei feddwl" in welsh
    assert "Gallwch ateb ar-lein" in welsh and link.shown_code in welsh and "Tudalen 1" in welsh
    assert "Did you feel listened to?" not in welsh
    polish = printed("pl")
    assert "Formularz jest anonimowy" in polish and "Prosimy oddać ten formularz" in polish
    assert "■" not in polish  # ą, ł and ż are in the font
    refused = client.get(_url("paper_pdf", closed_activity) + "?lang=de")
    assert refused.status_code == 400 and "Punjabi (pa)" in refused.content.decode()


def test_the_paper_form_prints_in_urdu_right_to_left_and_in_punjabi_with_their_own_fonts(
    closed_activity, officer, client_for
):
    """Urdu and Punjabi need shaped letters (and Urdu right-to-left lines): each prints in its own
    Noto font, with DejaVu Sans for letters that font lacks (a title written in Ukrainian)."""
    closed_activity.title = "Українська громада: meeting"
    closed_activity.save(update_fields=["title"])
    today = timezone.localdate()
    link = participant_link_open(user=officer, activity=closed_activity, opens_on=today, closes_on=today)
    client = client_for(officer)
    detail = client.get(_url("detail", closed_activity)).content.decode()
    assert "Print the paper form in Urdu (اردو) (PDF)" in detail and "?lang=pa" in detail
    for lang, font, words in (("ur", "NotoNastaliqUrdu", "سوال"), ("pa", "NotoSansGurmukhi", "ਸਵਾਲ")):
        response = client.get(_url("paper_pdf", closed_activity) + f"?lang={lang}")
        assert response.status_code == 200 and f"-{lang}.pdf" in response["Content-Disposition"]
        reader = PdfReader(BytesIO(response.content))
        fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
        assert any(font in name for name in fonts) and any("DejaVuSans" in name for name in fonts)
        text = "".join(page.extract_text() for page in reader.pages)
        assert link.shown_code in text and "Did you feel listened to?" not in text
        assert words in text


def test_residents_comments_reach_other_organisations_redacted(
    closed_activity, officer, police, council, client_for
):
    add_forms(closed_activity, 6, satisfied="yes", comments=WORDS)
    _draft(closed_activity, officer)
    own = client_for(UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER]))
    assert "Dave Smith" in own.get(_url("detail", closed_activity)).content.decode()
    DataSharingAgreementFactory(owner=police, recipient=council)
    partner = client_for(UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER]))
    page = partner.get(_url("detail", closed_activity))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Dave Smith" not in body and "dave.smith@example.com" not in body and "14 Elm Street" not in body
    assert (
        "parking" in body and "names, addresses and contact details in the words below are replaced" in body
    )
    assert _url("edit", closed_activity) not in body
    for name in ("edit", "paper_entry", "link", "standards"):
        assert partner.post(_url(name, closed_activity), {"satisfied": "yes"}).status_code == 403, name
    assert ParticipantEvaluation.objects.count() == 6


def test_other_organisations_and_visitors_cannot_reach_it(closed_activity, officer, outsider, client_for):
    _draft(closed_activity, officer)
    client = client_for(outsider)
    for name in ("detail", "edit", "transition", "link", "paper_pdf", "paper_entry", "standards"):
        assert client.get(_url(name, closed_activity)).status_code in (404, 405), name
        assert client.post(_url(name, closed_activity), {"to": "complete"}).status_code == 404, name
    overview = client.get(reverse("evaluation:overview")).content.decode()
    assert closed_activity.title not in overview
    anonymous = client_for(None).get(_url("detail", closed_activity))
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert Evaluation.objects.get().state == EvaluationState.DRAFT


def test_an_editor_who_reads_the_words_redacted_cannot_overwrite_them(closed_activity, officer, client_for):
    evaluation = _draft(closed_activity, officer)
    Evaluation.objects.filter(pk=evaluation.pk).update(lessons_learned=WORDS)
    root = UserFactory(organisation=None, is_superuser=True, is_staff=True, roles=[])
    client = client_for(root)
    page = client.get(_url("edit", closed_activity)).content.decode()
    assert "Dave Smith" not in page and "Only staff of the organisation leading the activity" in page
    aims = list(closed_activity.aims.all())
    data = {
        "target_participants": "45",
        "lessons_learned": "[name] redacted",
        **{f"aim_{a.pk}_result": "partly" for a in aims},
    }
    assert client.post(_url("edit", closed_activity), data).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.lessons_learned == WORDS and evaluation.target_participants == 45
    assert {r.evidence for r in evaluation.aim_ratings.all()} == {"Forty people came"}


def test_the_overview_lists_what_the_user_may_see(closed_activity, officer, client_for):
    other = OrganisationFactory(name="Somewhere Else")
    hidden = type(closed_activity).private_objects.create(
        **{
            f.name: getattr(closed_activity, f.name)
            for f in closed_activity._meta.concrete_fields
            if f.name not in ("id", "title", "lead_organisation")
        },
        title="HIDDEN-ACTIVITY",
        lead_organisation=other,
    )
    _draft(closed_activity, officer)
    client = client_for(officer)
    page = client.get(reverse("evaluation:overview"))
    body = page.content.decode()
    assert page.status_code == 200 and closed_activity.title in body and "HIDDEN-ACTIVITY" not in body
    assert ">Evaluation</" in body and 'aria-current="page"' in body
    assert hidden.pk and "No activity has been scored against the National Standards yet" in body
    assert (
        client.get(reverse("evaluation:overview"), {"area": "NOT-A-CODE", "by": "decade"}).status_code == 200
    )


def test_standards_are_scored_with_all_seven_and_a_note(closed_activity, officer, client_for):
    client = client_for(officer)
    page = client.get(_url("standards", closed_activity))
    assert page.status_code == 200 and "Inclusion" in page.content.decode()
    slugs = ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"]
    partial = client.post(_url("standards", closed_activity), {"inclusion_score": "3"})
    assert partial.status_code == 400 and "Support: choose a score from 1 to 4" in partial.content.decode()
    assert not StandardScore.objects.exists()
    out_of_range = client.post(_url("standards", closed_activity), {f"{s}_score": "5" for s in slugs})
    assert out_of_range.status_code == 400 and not StandardScore.objects.exists()
    data = {**{f"{s}_score": "3" for s in slugs}, "impact_score": "2", "impact_note": "Too early to tell"}
    assert client.post(_url("standards", closed_activity), data).status_code == 302
    assert StandardScore.objects.count() == 7
    assert StandardScore.objects.get(standard__slug="impact").note == "Too early to tell"
    detail = client.get(_url("detail", closed_activity)).content.decode()
    assert "2 – Partly" in detail and "Average 2.9 out of 4" in detail


@pytest.mark.parametrize("role", [Role.ENGAGEMENT_OFFICER, Role.ADMIN])
def test_a_partnerships_members_assess_its_year(police, council, client_for, role):
    from organisations.models import Partnership

    partnership = Partnership.objects.create(name="Safer Trafford Partnership", kind="statutory")
    partnership.members.add(police)
    slugs = ["inclusion", "support", "planning", "working-together", "methods", "communication", "impact"]
    url = reverse("evaluation:partnership_standards", kwargs={"pk": partnership.pk, "year": 2026})
    member = client_for(UserFactory(organisation=police, roles=[role]))
    assert member.get(url).status_code == 200
    assert member.post(url, {f"{s}_score": "4" for s in slugs}).status_code == 302
    assert (
        StandardScore.objects.filter(assessment__partnership=partnership, assessment__year=2026).count() == 7
    )
    analyst = client_for(UserFactory(organisation=police, roles=[Role.ANALYST]))
    assert analyst.get(url).status_code == 200
    assert analyst.post(url, {f"{s}_score": "1" for s in slugs}).status_code == 403
    outsider = client_for(UserFactory(organisation=council, roles=[role]))
    assert outsider.get(url).status_code == 404
    bad_year = reverse("evaluation:partnership_standards", kwargs={"pk": partnership.pk, "year": 1066})
    assert member.get(bad_year).status_code == 404
    assert set(StandardScore.objects.values_list("score", flat=True)) == {4}


WRITERS = {Role.ENGAGEMENT_OFFICER, Role.ADMIN, Role.PARTNER_USER}


@pytest.mark.parametrize("role", list(Role))
def test_every_role_of_the_lead_organisation_reads_it_and_its_team_writes_it(
    closed_activity, officer, police, client_for, role
):
    add_forms(closed_activity, 5, satisfied="yes", comments=WORDS)
    client = client_for(UserFactory(organisation=police, roles=[role]))
    page = client.get(_url("detail", closed_activity))
    assert page.status_code == 200 and "Dave Smith" in page.content.decode()
    expected = 200 if role in WRITERS else 403
    for name in ("edit", "paper_entry", "link", "standards"):
        assert client.get(_url(name, closed_activity)).status_code == expected, (role, name)
    assert (_url("edit", closed_activity) in page.content.decode()) == (role in WRITERS)


def test_readers_outside_the_lead_organisation_get_the_higher_threshold(
    closed_activity, police, council, client_for
):
    from consultations.models import EqualityRecord

    add_forms(closed_activity, 6, satisfied="yes")
    EqualityRecord.objects.bulk_create(
        EqualityRecord(activity=closed_activity, channel="event", age_band="16-24") for _ in range(6)
    )
    DataSharingAgreementFactory(owner=police, recipient=council)
    own = client_for(UserFactory(organisation=police, roles=[Role.ANALYST])).get(
        _url("detail", closed_activity)
    )
    assert "Overall, were you satisfied with it?" in own.content.decode()
    assert {a.audience: a.shown for a in own.context["detail"].audiences}["Young people"] == "6"
    for reader in (
        UserFactory(organisation=council, roles=[Role.ENGAGEMENT_OFFICER]),
        UserFactory(organisation=police, roles=[Role.AUTHORITY_MEMBER]),
    ):
        page = client_for(reader).get(_url("detail", closed_activity))
        body = page.content.decode()
        assert "Fewer than 10 people have filled in the form" in body
        assert "Overall, were you satisfied with it?" not in body
        assert {a.audience: a.shown for a in page.context["detail"].audiences}[
            "Young people"
        ] == "fewer than 10"
