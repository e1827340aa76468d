"""Answering a consultation online: the start page, one page per question with skip logic,
check your answers, equality monitoring, send and the receipt code."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.integrity import BROWSER_COOKIE
from consultations.models import Answer, EqualityRecord, QuestionnaireState, Response, hash_receipt
from consultations.services import (
    privacy_statement_get_or_create,
    questionnaire_new_version,
    questionnaire_publish,
    response_withdraw,
)
from consultations.tests.test_public_helpers import *  # noqa: F403
from consultations.tests.test_public_helpers import FULL_ANSWERS, FormClient, Respondent, choice_id
from engagement.models import Status
from engagement.tests.factories import ActivityFactory


def test_start_page_shows_the_consultation_and_its_privacy_statement(respondent, consultation):
    page = respondent.client.get(respondent.url("start"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Policing priorities in Ashton" in html
    assert consultation.privacy_statement.text[:60] in html
    # The notice is dated in words, never named by its hash.
    created = timezone.localtime(consultation.privacy_statement.created_at)
    assert f"Privacy notice, last changed {created.day} {created:%B %Y}." in html
    assert consultation.privacy_statement.version not in html and "Privacy statement version" not in html
    closes = consultation.activity.response_closes
    assert f"{closes:%A} {closes.day} {closes:%B %Y}" in html
    assert "Start now" in html and 'method="post"' in html
    assert reverse("consult:withdraw") in html  # the footer link, on every page
    assert BROWSER_COOKIE not in page.cookies  # looking at a consultation sets no token
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]


def test_start_now_gives_the_browser_its_token(respondent):
    started = respondent.start()
    assert started.status_code == 302
    cookie = started.cookies[BROWSER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["max-age"]
    assert respondent.token is not None


def test_start_now_keeps_an_existing_browser_token(respondent):
    respondent.start()
    token = respondent.token
    again = respondent.client.post(respondent.url("start"))
    assert BROWSER_COOKIE not in again.cookies and respondent.token == token


@pytest.mark.parametrize("case", ["draft", "unpublished", "sensitive", "superseded", "missing"])
def test_only_public_questionnaires_have_pages(consultation, officer, case):
    questionnaire = consultation
    if case == "draft":
        questionnaire.state = QuestionnaireState.DRAFT
        questionnaire.save()
    elif case == "unpublished":
        questionnaire.activity.is_published = False
        questionnaire.activity.save()
    elif case == "sensitive":
        questionnaire.activity.marking = "official_sensitive"
        questionnaire.activity.save()
    elif case == "superseded":
        newer = questionnaire_new_version(user=officer, questionnaire=questionnaire)
        questionnaire_publish(user=officer, questionnaire=newer)
    pk = questionnaire.pk if case != "missing" else 99999999999999999999
    client = FormClient()
    for name, kwargs in [
        ("start", {}),
        ("question", {"number": 1}),
        ("check", {}),
        ("equality", {}),
        ("send", {}),
    ]:
        url = reverse(f"consult:{name}", kwargs={"pk": pk, **kwargs})
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"answer": "x"}).status_code == 404, url
    assert Response.objects.count() == 0


def _close(questionnaire, *, days_ago=1):
    activity = questionnaire.activity
    activity.response_opens = timezone.localdate() - timedelta(days=40)
    activity.response_closes = timezone.localdate() - timedelta(days=days_ago)
    activity.save()


def test_a_closed_consultation_says_so_and_accepts_nothing(respondent, consultation):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    send_page = respondent.client.get(respondent.url("send"))
    digest = send_page.context["form"]["digest"].value()
    _close(consultation)

    page = respondent.client.get(respondent.url("start"))
    assert page.status_code == 200
    html = page.content.decode()
    closes = consultation.activity.response_closes
    assert f"This consultation closed on {closes.day} {closes:%B %Y}" in html
    assert "Start now" not in html and "<form" not in html.split('id="main-content"')[1]
    # Every page of the journey says the same; nothing is accepted.
    assert respondent.client.get(respondent.question_url(1)).status_code == 200
    assert respondent.client.post(respondent.url("start")).status_code == 403
    assert respondent.answer(1, "Yes").status_code == 403
    sent = respondent.client.post(respondent.url("send"), {"digest": digest})
    assert sent.status_code == 403 and b"closed on" in sent.content
    assert Response.objects.count() == 0


def test_not_yet_open_and_cancelled_consultations_say_so(respondent, consultation):
    activity = consultation.activity
    activity.response_opens = timezone.localdate() + timedelta(days=3)
    activity.response_closes = timezone.localdate() + timedelta(days=40)
    activity.save()
    page = respondent.client.get(respondent.url("start"))
    opens = activity.response_opens
    assert page.status_code == 200 and f"opens on {opens.day} {opens:%B %Y}".encode() in page.content
    activity.status = Status.CANCELLED
    activity.save()
    assert b"was cancelled" in respondent.client.get(respondent.url("start")).content


def test_the_whole_journey_stores_one_response_with_its_consent(respondent, consultation, ward):
    started = respondent.start()
    assert started.status_code == 302 and started["Location"] == respondent.question_url(1)
    consent_time = timezone.now()

    first = respondent.client.get(respondent.question_url(1))
    assert first.status_code == 200
    html = first.content.decode()
    assert '<h1 class="govuk-fieldset__heading">Do you feel safe after dark?</h1>' in html
    assert 'type="radio"' in html and f'href="{respondent.url("start")}"' in html  # back link

    assert respondent.answer(1, "No")["Location"] == respondent.question_url(2)
    text_page = respondent.client.get(respondent.question_url(2)).content.decode()
    assert "govuk-character-count" in text_page and "You can enter up to 200 characters" in text_page
    assert respondent.answer(2, FULL_ANSWERS[2])["Location"] == respondent.question_url(3)
    assert 'type="checkbox"' in respondent.client.get(respondent.question_url(3)).content.decode()
    assert respondent.answer(3, ["Speeding", "ASB"])["Location"] == respondent.question_url(4)
    assert respondent.answer(4, "Agree")["Location"] == respondent.question_url(5)
    ranking = respondent.client.get(respondent.question_url(5)).content.decode()
    assert "1st priority" in ranking and "3rd priority" in ranking and "<select" in ranking
    assert respondent.answer(5, ["Litter", "Drugs"])["Location"] == respondent.question_url(6)
    postcode = respondent.client.get(respondent.question_url(6)).content.decode()
    assert 'autocomplete="postal-code"' in postcode
    assert respondent.answer(6, "m33 5ab")["Location"] == respondent.url("check")
    assert Response.objects.count() == 0  # nothing stored before "Send"

    check = respondent.client.get(respondent.url("check"))
    html = check.content.decode()
    assert check.status_code == 200 and "Check your answers" in html
    for shown in ("The alley by the station is dark", "Speeding", "ASB", "Agree", "M33 5AB"):
        assert shown in html
    assert html.index("Litter") < html.index("Drugs")
    assert html.count("?change=1") == 6
    assert respondent.url("equality") in html

    about = respondent.client.get(respondent.url("equality"))
    assert about.status_code == 200 and b"Prefer not to say" in about.content
    assert b"only ever report them as totals" in about.content
    moved = respondent.client.post(
        respondent.url("equality"), {"age_band": "25-34", "religion": "Prefer not to say"}
    )
    assert moved["Location"] == respondent.url("send")

    sent = respondent.send()
    assert sent.status_code == 200
    html = sent.content.decode()
    assert "Response sent" in html and "govuk-panel--confirmation" in html
    assert sent["Cache-Control"].startswith("max-age=0") or "no-store" in sent["Cache-Control"]
    code = sent.context["receipt_code"]
    assert code in html and "We show it only once" in html
    assert reverse("consult:withdraw") in html

    response = Response.objects.get()
    assert response.receipt_hash == hash_receipt(code) and response.browser_token == respondent.token
    assert response.area == ward and response.channel == "web"
    assert response.privacy_statement == consultation.privacy_statement
    assert abs((response.consented_at - consent_time).total_seconds()) < 5
    assert response.consented_at <= response.submitted_at
    assert response.email == "" and not response.wants_updates
    questions = respondent.questions
    assert Answer.objects.filter(response=response).count() == 1 + 1 + 2 + 1 + 2 + 1
    ranks = list(
        Answer.objects.filter(question=questions[4]).order_by("rank").values_list("choice__label", "rank")
    )
    assert ranks == [("Litter", 1), ("Drugs", 2)]
    record = EqualityRecord.objects.get()
    assert record.response == response and record.age_band == "25-34" and record.sex == ""
    # The session no longer holds the answers.
    assert f"heard.consult.{consultation.pk}" not in respondent.client.session


def test_skip_logic_in_the_journey(respondent):
    respondent.start()
    # "Yes" skips the follow-up question 2.
    assert respondent.answer(1, "Yes")["Location"] == respondent.question_url(3)
    skipped = respondent.client.get(respondent.question_url(2))
    assert skipped.status_code == 302 and skipped["Location"] == respondent.question_url(3)
    back = respondent.client.get(respondent.question_url(3)).content.decode()
    assert f'href="{respondent.question_url(1)}" class="govuk-back-link"' in back
    respondent.answer_all({3: [], 4: None, 5: [], 6: ""})
    check = respondent.client.get(respondent.url("check")).content.decode()
    assert "What makes you feel unsafe?" not in check and "Not answered" in check

    # Changing the answer to "No" asks the follow-up, then comes back to the check page.
    changed = respondent.answer(1, "No", change=True)
    assert changed["Location"] == respondent.question_url(2) + "?change=1"
    assert respondent.answer(2, "Too dark", change=True)["Location"] == respondent.url("check")
    assert "What makes you feel unsafe?" in respondent.client.get(respondent.url("check")).content.decode()

    # And back to "Yes": the follow-up answer is not sent.
    respondent.answer(1, "Yes", change=True)
    respondent.client.post(respondent.url("equality"), {"skip": "1"})
    assert respondent.send().status_code == 200
    assert not Answer.objects.filter(question=respondent.questions[1]).exists()
    assert not EqualityRecord.objects.exists()


def test_the_session_keeps_answers_across_pages(respondent):
    respondent.start()
    respondent.answer_all({1: "No", 2: "Too dark", 3: ["Burglary"]})
    one = respondent.client.get(respondent.question_url(1))
    yes, no = (choice_id(respondent.questions[0], label) for label in ("Yes", "No"))
    assert f'id="id_answer_1" name="answer" type="radio" value="{no}" checked>' in one.content.decode()
    assert f'type="radio" value="{yes}">' in one.content.decode()
    assert "Too dark</textarea>" in respondent.client.get(respondent.question_url(2)).content.decode()
    three = respondent.client.get(respondent.question_url(3)).content.decode()
    assert three.count(" checked") == 1
    # A new browser (another session) starts from nothing.
    other = Respondent(FormClient(), respondent.questionnaire)
    other.start()
    assert " checked" not in other.client.get(other.question_url(1)).content.decode()
    # Going to the check page early sends you to the first question not yet answered.
    early = respondent.client.get(respondent.url("check"))
    assert early["Location"] == respondent.question_url(4)


def test_pages_before_start_now_go_back_to_the_start(respondent):
    respondent.client.get(respondent.url("start"))
    for url in (respondent.question_url(1), respondent.url("check"), respondent.url("send")):
        page = respondent.client.get(url)
        assert page.status_code == 302 and page["Location"] == respondent.url("start")
    posted = respondent.answer(1, "Yes")
    assert posted["Location"] == respondent.url("start")
    start = respondent.client.get(respondent.url("start"))
    assert b"We could not find your answers" in start.content


def test_start_now_without_cookies_explains_why(consultation):
    """A browser that refuses cookies sends Start now without the CSRF cookie: the CSRF page
    says that blocked cookies can be the reason, and nothing is recorded."""
    client = FormClient(enforce_csrf_checks=True)
    url = reverse("consult:start", kwargs={"pk": consultation.pk})
    page = client.post(url)
    assert page.status_code == 403 and b"your browser blocks cookies" in page.content
    assert BROWSER_COOKIE not in page.cookies


def test_errors_are_shown_with_a_summary_and_inline(respondent):
    respondent.start()
    empty = respondent.answer(1, None)
    assert empty.status_code == 400
    html = empty.content.decode()
    assert "<title>Error: Do you feel safe after dark?" in html
    assert 'class="govuk-error-summary"' in html and '<a href="#id_answer_0">Select an answer</a>' in html
    assert '<p id="id_answer_error" class="govuk-error-message">' in html
    assert 'aria-describedby="id_answer_error"' in html

    respondent.answer(1, "Yes")
    respondent.answer_all({3: [], 4: None})
    twice = respondent.answer(5, ["Drugs", "Drugs"])
    assert twice.status_code == 400
    html = twice.content.decode()
    assert '<a href="#id_rank_1">Choose each option only once.</a>' in html
    assert 'id="ranking-error"' in html

    postcode = respondent.answer(6, "not a postcode")
    assert postcode.status_code == 400 and b"Enter a full UK postcode" in postcode.content
    unknown = respondent.answer(6, "SW1A 1AA")
    assert unknown.status_code == 400 and b"could not find that postcode" in unknown.content
    assert Response.objects.count() == 0


def test_ranking_in_any_places_keeps_the_order(respondent):
    respondent.start()
    respondent.answer_all({1: "Yes", 3: [], 4: None})
    question = respondent.questions[4]
    data = {
        "question": str(question.pk),
        "rank_1": choice_id(question, "Parking"),
        "rank_2": "",
        "rank_3": choice_id(question, "Drugs"),
    }
    assert respondent.client.post(respondent.question_url(5), data).status_code == 302
    check = respondent.client.get(respondent.question_url(5)).content.decode()
    assert check.count(" selected>") - check.count('value="" selected>') == 2


def test_equality_answers_are_optional_and_checked(respondent):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    bad = respondent.client.post(respondent.url("equality"), {"sex": "Martian"})
    assert bad.status_code == 400 and b"Choose from the options given." in bad.content
    assert b"<title>Error: " in bad.content
    blank = respondent.client.post(respondent.url("equality"), {})
    assert blank["Location"] == respondent.url("send")
    assert respondent.send().status_code == 200
    assert Response.objects.count() == 1 and not EqualityRecord.objects.exists()


def test_no_equality_page_when_the_questionnaire_has_none(respondent, consultation):
    consultation.equality_monitoring = False
    consultation.save()
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    check = respondent.client.get(respondent.url("check")).content.decode()
    assert respondent.url("send") in check and respondent.url("equality") not in check
    assert respondent.client.get(respondent.url("equality")).status_code == 404
    assert respondent.send().status_code == 200


def test_a_changed_privacy_statement_is_shown_again_before_sending(respondent, consultation):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    page = respondent.client.get(respondent.url("send"))
    consultation.privacy_statement = privacy_statement_get_or_create(text="A new statement.")
    consultation.save()
    sent = respondent.client.post(respondent.url("send"), {"digest": page.context["form"]["digest"].value()})
    assert sent.status_code == 302 and sent["Location"] == respondent.url("start")
    assert Response.objects.count() == 0
    start = respondent.client.get(sent["Location"]).content.decode()
    assert "The privacy notice changed since you started." in start and "A new statement." in start
    again = respondent.client.post(respondent.url("start"))  # read it, "Continue": answers kept
    assert again["Location"] == respondent.url("check")
    assert respondent.send().status_code == 200
    assert Response.objects.get().privacy_statement.text == "A new statement."


def test_already_responded_gets_a_friendly_page(respondent, consultation, officer):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    assert respondent.send().status_code == 200
    for url in (respondent.url("start"), respondent.question_url(1), respondent.url("check")):
        page = respondent.client.get(url)
        assert page.status_code == 200 and b"You have already responded" in page.content
    assert respondent.client.post(respondent.url("start")).status_code == 409
    assert respondent.answer(1, "Yes").status_code == 409
    # A new version of the questionnaire counts as the same consultation.
    newer = questionnaire_publish(
        user=officer, questionnaire=questionnaire_new_version(user=officer, questionnaire=consultation)
    )
    page = respondent.client.get(reverse("consult:start", kwargs={"pk": newer.pk}))
    assert b"You have already responded" in page.content
    assert Response.objects.count() == 1


def test_withdrawing_frees_the_browser_to_answer_again(respondent):
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    code = respondent.send().context["receipt_code"]
    assert response_withdraw(receipt_code=code)
    assert b"Start now" in respondent.client.get(respondent.url("start")).content


def test_a_second_send_racing_the_first_gets_the_already_responded_page(respondent):
    """Two windows of one browser both at "Send": the database constraint decides."""
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    page = respondent.client.get(respondent.url("send"))
    digest = page.context["form"]["digest"].value()
    other = FormClient()
    other.cookies = respondent.client.cookies  # same browser, another session
    twin = Respondent(other, respondent.questionnaire)
    other.post(twin.url("start"))
    twin.answer_all(FULL_ANSWERS)
    assert twin.send().status_code == 200
    late = respondent.client.post(respondent.url("send"), {"digest": digest})
    assert late.status_code == 409 and b"You have already responded" in late.content
    assert Response.objects.count() == 1


def test_public_activity_with_other_live_consultation_is_independent(respondent, consultation, officer, ward):
    """One browser may answer two different consultations."""
    respondent.start()
    respondent.answer_all(FULL_ANSWERS)
    assert respondent.send().status_code == 200
    from consultations.services import QuestionInput, questionnaire_create

    today = timezone.localdate()
    activity = ActivityFactory(
        lead_organisation=officer.organisation,
        status=Status.OPEN,
        is_published=True,
        areas=[ward],
        consultation_kind="focused",
        response_opens=today - timedelta(days=1),
        response_closes=today + timedelta(days=30),
    )
    second = questionnaire_publish(
        user=officer,
        questionnaire=questionnaire_create(
            user=officer,
            activity=activity,
            title="Park safety",
            questions=[QuestionInput(kind="single", text="Do you use the park?", choices=["Yes", "No"])],
            equality_monitoring=False,
        ),
    )
    other = Respondent(respondent.client, second)
    other.start()
    other.answer_all({1: "Yes"})
    assert other.send().status_code == 200
    assert Response.objects.count() == 2
