"""The questionnaire builder: create, add and edit questions of every kind, skip logic,
reorder, remove, preview, publish, freeze once answered and make a new version."""

import pytest
from django.test import Client
from django.urls import reverse

from consultations.answers import clean_answers
from consultations.models import Question, Questionnaire, QuestionnaireState
from consultations.services import QuestionInput, questionnaire_create, response_submit
from engagement.tests.factories import ActivityFactory
from governance.models import AuditAction, AuditEvent
from organisations.models import Role
from organisations.tests.factories import UserFactory


@pytest.fixture
def client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def activity(officer, ward):
    return ActivityFactory(lead_organisation=officer.organisation, areas=[ward], title="Sale Moor survey")


@pytest.fixture
def draft(officer, activity):
    return questionnaire_create(
        user=officer,
        activity=activity,
        title="Feeling safe",
        questions=[
            QuestionInput(kind="single", text="Do you feel safe?", required=True, choices=["Yes", "No"]),
            QuestionInput(kind="text", text="Why not?", show_if_question=0, show_if_choices=["No"]),
            QuestionInput(kind="where", text="Your postcode"),
        ],
    )


def _question(kind, text, **extra):
    data = {"kind": kind, "text": text, "hint": "", "choices": "", "max_length": "2000"}
    data.update(extra)
    return data


def test_create_a_questionnaire_then_add_questions_of_every_kind(client, activity):
    response = client.post(
        reverse("consultations:questionnaire_create", kwargs={"activity_pk": activity.pk}),
        {
            "title": "Ashton priorities",
            "introduction": "Five minutes",
            "privacy_text": "We keep it safe.",
            "equality_monitoring": "on",
        },
    )
    questionnaire = Questionnaire.private_objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "consultations:questionnaire_detail", kwargs={"pk": questionnaire.pk}
    )
    assert (
        questionnaire.state == QuestionnaireState.DRAFT
        and questionnaire.privacy_statement.text == "We keep it safe."
    )
    add = reverse("consultations:question_add", kwargs={"pk": questionnaire.pk})
    posts = [
        _question("single", "Do you feel safe after dark?", choices="Yes\nNo\n\nDon't know", required="on"),
        _question("multiple", "What worries you?", choices="Speeding\nBurglary"),
        _question("scale", "The police listen"),  # empty: the 5-point agree–disagree scale
        _question("ranking", "Rank these", choices="Drugs\nParking\nLitter"),
        _question("text", "Anything else?", max_length="300", show_if=["0|1"]),
        _question("where", "What is your postcode?"),
    ]
    for data in posts:
        assert client.post(add, data).status_code == 302
    questions = list(questionnaire.questions.prefetch_related("choices"))
    assert [q.kind for q in questions] == ["single", "multiple", "scale", "ranking", "text", "where"]
    assert [c.label for c in questions[0].choices.all()] == ["Yes", "No", "Don't know"]
    assert questions[0].required and not questions[1].required
    assert questions[2].choices.first().label == "Strongly agree"
    assert questions[4].max_length == 300
    assert questions[4].show_if_question == questions[0]
    assert [c.label for c in questions[4].show_if_choices.all()] == ["No"]
    page = client.get(reverse("consultations:questionnaire_detail", kwargs={"pk": questionnaire.pk}))
    assert b"Only asked when question 1 is answered" in page.content
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_id=str(questionnaire.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_question("single", "Pick", choices="Only one"), b"Give at least two options"),
        (_question("multiple", "Pick", choices="A\na"), b"Give each option only once"),
        (_question("text", "Say", choices="A\nB"), b"have no options"),
        (_question("text", ""), b"Enter the question"),
        ({"text": "Q", "max_length": "2000"}, b"Choose the type of question"),
        (_question("text", "Say", max_length="0"), b"greater than or equal to 1"),
        (_question("nonsense", "Say"), b"Select a valid choice"),
        (_question("single", "Pick", choices="A\nB", show_if=["0|0", "2|0"]), b"Select a valid choice"),
    ],
)
def test_bad_questions_are_explained_and_nothing_changes(client, draft, data, message):
    response = client.post(reverse("consultations:question_add", kwargs={"pk": draft.pk}), data)
    assert response.status_code == 400
    assert b"There is a problem" in response.content and message in response.content
    assert draft.questions.count() == 3


def test_skip_logic_on_one_earlier_question_only(client, officer, activity):
    questionnaire = questionnaire_create(
        user=officer,
        activity=activity,
        title="Two choices",
        questions=[
            QuestionInput(kind="single", text="A?", choices=["Yes", "No"]),
            QuestionInput(kind="single", text="B?", choices=["Yes", "No"]),
        ],
    )
    add = reverse("consultations:question_add", kwargs={"pk": questionnaire.pk})
    mixed = client.post(add, _question("text", "Why?", show_if=["0|0", "1|1"]))
    assert mixed.status_code == 400 and b"Choose options of one earlier question only" in mixed.content
    assert client.post(add, _question("text", "Why?", show_if=["1|0", "1|1"])).status_code == 302
    last = questionnaire.questions.last()
    assert last.show_if_question.text == "B?" and last.show_if_choices.count() == 2


def test_edit_a_question_keeps_its_place(client, draft):
    question = draft.questions.get(position=2)
    url = reverse("consultations:question_edit", kwargs={"pk": question.pk})
    form = client.get(url)
    assert form.status_code == 200 and b"Your postcode" in form.content
    response = client.post(url, _question("where", "Where do you live?", required="on"))
    assert response.status_code == 302
    edited = draft.questions.get(position=2)
    assert edited.text == "Where do you live?" and edited.required
    assert draft.questions.get(position=1).show_if_choices.get().label == "No"


def test_editing_options_that_a_condition_uses_is_refused(client, draft):
    first = draft.questions.get(position=0)
    response = client.post(
        reverse("consultations:question_edit", kwargs={"pk": first.pk}),
        _question("single", "Do you feel safe?", choices="Yes\nNot really", required="on"),
    )
    assert response.status_code == 400 and b"Question 2" in response.content
    assert [c.label for c in draft.questions.get(position=0).choices.all()] == ["Yes", "No"]


def test_reorder_moves_conditions_with_their_questions(client, draft):
    postcode = draft.questions.get(position=2)
    move = reverse("consultations:question_move", kwargs={"pk": postcode.pk})
    assert client.post(move, {"direction": "up"}).status_code == 302
    texts = list(draft.questions.values_list("text", flat=True))
    assert texts == ["Do you feel safe?", "Your postcode", "Why not?"]
    why = draft.questions.get(text="Why not?")
    assert why.show_if_question.text == "Do you feel safe?"
    assert (
        client.post(
            reverse("consultations:question_move", kwargs={"pk": why.pk}), {"direction": "up"}
        ).status_code
        == 302
    )
    assert list(draft.questions.values_list("text", flat=True))[1] == "Why not?"
    # Moving "Why not?" above the question it depends on is refused, with a reason.
    why = draft.questions.get(text="Why not?")
    response = client.post(reverse("consultations:question_move", kwargs={"pk": why.pk}), {"direction": "up"})
    assert b"must stay after it" in client.get(response["Location"]).content
    assert list(draft.questions.values_list("text", flat=True)) == [
        "Do you feel safe?",
        "Why not?",
        "Your postcode",
    ]
    stale = client.post(
        reverse("consultations:question_move", kwargs={"pk": postcode.pk}), {"direction": "up"}
    )
    assert stale.status_code == 404  # questions are rewritten on every change: old links are gone
    bad = client.post(
        reverse("consultations:question_move", kwargs={"pk": draft.questions.first().pk}),
        {"direction": "sideways"},
    )
    assert bad.status_code == 400


def test_remove_a_question(client, draft):
    first = draft.questions.get(position=0)
    refused = client.post(reverse("consultations:question_delete", kwargs={"pk": first.pk}))
    assert b"change or remove that condition first" in client.get(refused["Location"]).content
    assert draft.questions.count() == 3
    why = draft.questions.get(position=1)
    confirm = client.get(reverse("consultations:question_delete", kwargs={"pk": why.pk}))
    assert confirm.status_code == 200 and b"Why not?" in confirm.content
    assert client.post(reverse("consultations:question_delete", kwargs={"pk": why.pk})).status_code == 302
    assert list(draft.questions.values_list("text", flat=True)) == ["Do you feel safe?", "Your postcode"]


def test_preview_shows_the_questions_read_only(client, draft):
    page = client.get(reverse("consultations:questionnaire_preview", kwargs={"pk": draft.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Do you feel safe?" in body and "Why not?" in body and "Only asked when question 1" in body
    assert draft.privacy_statement.text[:40] in body
    assert "What is your ethnic group?" in body  # the equality section
    assert "<form" not in body.split('id="main-content"')[1] and " disabled" in body


def test_publish_then_freeze_once_answered_then_new_version(client, officer, draft):
    detail = reverse("consultations:questionnaire_detail", kwargs={"pk": draft.pk})
    assert (
        client.post(reverse("consultations:questionnaire_publish", kwargs={"pk": draft.pk})).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.state == QuestionnaireState.LIVE
    assert b"not taking responses online: the activity is draft" in client.get(detail).content
    # Live but unanswered: still editable.
    assert client.get(reverse("consultations:question_add", kwargs={"pk": draft.pk})).status_code == 200
    first = draft.questions.first()
    response_submit(
        questionnaire=draft,
        cleaned=clean_answers(draft, {first.pk: [str(first.choices.first().pk)]}),
        channel="paper",
        entered_by=officer,
    )
    page = client.get(detail)
    assert b"can no longer be changed" in page.content and b"Make a new version" in page.content
    for name, kwargs in [
        ("question_add", {"pk": draft.pk}),
        ("questionnaire_edit", {"pk": draft.pk}),
        ("question_edit", {"pk": first.pk}),
        ("question_delete", {"pk": first.pk}),
    ]:
        response = client.post(reverse(f"consultations:{name}", kwargs=kwargs), _question("text", "Sneaky"))
        assert response.status_code == 302 and response["Location"] == detail
    moved = client.post(
        reverse("consultations:question_move", kwargs={"pk": first.pk}), {"direction": "down"}
    )
    assert b"cannot be changed" in client.get(moved["Location"]).content
    assert list(draft.questions.values_list("text", flat=True)) == [
        "Do you feel safe?",
        "Why not?",
        "Your postcode",
    ]

    made = client.post(reverse("consultations:questionnaire_new_version", kwargs={"pk": draft.pk}))
    v2 = Questionnaire.private_objects.get(previous=draft)
    assert made["Location"] == reverse("consultations:questionnaire_detail", kwargs={"pk": v2.pk})
    assert v2.version == 2 and v2.state == QuestionnaireState.DRAFT and v2.questions.count() == 3
    assert (
        client.post(
            reverse("consultations:question_add", kwargs={"pk": v2.pk}), _question("text", "New")
        ).status_code
        == 302
    )
    again = client.post(reverse("consultations:questionnaire_new_version", kwargs={"pk": draft.pk}))
    assert b"already exists" in client.get(again["Location"]).content
    client.post(reverse("consultations:questionnaire_publish", kwargs={"pk": v2.pk}))
    draft.refresh_from_db()
    assert draft.state == QuestionnaireState.SUPERSEDED and draft.responses.count() == 1
    assert b"Replaced by a newer version" in client.get(detail).content


def test_publishing_an_empty_questionnaire_is_refused(client, officer, activity):
    empty = questionnaire_create(user=officer, activity=activity, title="Empty")
    response = client.post(reverse("consultations:questionnaire_publish", kwargs={"pk": empty.pk}))
    assert b"Add at least one question first" in client.get(response["Location"]).content
    empty.refresh_from_db()
    assert empty.state == QuestionnaireState.DRAFT


def test_edit_details(client, draft):
    url = reverse("consultations:questionnaire_edit", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Feeling safe in Sale", "introduction": "", "privacy_text": "New words"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Feeling safe in Sale" and not draft.equality_monitoring
    assert draft.privacy_statement.text == "New words"
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(draft.pk)).first()
    assert event.changes["title"] == ["Feeling safe", "Feeling safe in Sale"]
    assert client.post(url, {"title": "", "privacy_text": ""}).status_code == 400


@pytest.mark.parametrize("role", [Role.ANALYST, Role.AUTHORITY_MEMBER])
def test_readers_of_the_organisation_see_but_cannot_change(police, draft, role):
    client = Client()
    client.force_login(UserFactory(organisation=police, roles=[role]))
    assert (
        client.get(reverse("consultations:questionnaire_detail", kwargs={"pk": draft.pk})).status_code == 200
    )
    assert (
        client.get(reverse("consultations:questionnaire_preview", kwargs={"pk": draft.pk})).status_code == 200
    )
    for name in ("question_add", "questionnaire_edit", "questionnaire_publish", "questionnaire_new_version"):
        assert client.post(reverse(f"consultations:{name}", kwargs={"pk": draft.pk})).status_code == 403
    create = reverse("consultations:questionnaire_create", kwargs={"activity_pk": draft.activity_id})
    assert client.get(create).status_code == 403
    assert Question.objects.filter(questionnaire=draft).count() == 3


def test_other_organisations_get_404(outsider, draft):
    client = Client()
    client.force_login(outsider)
    assert (
        client.get(reverse("consultations:questionnaire_detail", kwargs={"pk": draft.pk})).status_code == 404
    )
    lst = reverse("consultations:questionnaire_list", kwargs={"activity_pk": draft.activity_id})
    assert client.get(lst).status_code == 404


def test_activity_page_links_to_the_consultation(client, draft):
    page = client.get(reverse("engagement:activity_detail", kwargs={"pk": draft.activity_id}))
    body = page.content.decode()
    assert reverse("consultations:questionnaire_detail", kwargs={"pk": draft.pk}) in body
    assert reverse("consultations:attendance_list", kwargs={"activity_pk": draft.activity_id}) in body
    listing = client.get(
        reverse("consultations:questionnaire_list", kwargs={"activity_pk": draft.activity_id})
    )
    assert b"Feeling safe" in listing.content and b"Create a questionnaire" in listing.content


def test_publishing_what_another_tab_just_published_says_so(client, officer, draft, monkeypatch):
    """Two tabs on the same draft: the second publish finds it live, and says so, changing nothing."""
    from consultations import services
    from consultations.views import builder

    real = services.questionnaire_publish

    def other_tab_first(*, user, questionnaire):
        real(user=user, questionnaire=Questionnaire.private_objects.get(pk=questionnaire.pk))
        return real(user=user, questionnaire=questionnaire)

    monkeypatch.setattr(builder.services, "questionnaire_publish", other_tab_first)
    response = client.post(reverse("consultations:questionnaire_publish", kwargs={"pk": draft.pk}))
    page = client.get(response["Location"]).content.decode()
    assert "Somebody else changed this questionnaire while you were looking at it: it is now live." in page
    assert AuditEvent.objects.filter(action=AuditAction.TRANSITION, object_id=str(draft.pk)).count() == 1


HUGE = 10**20  # a whole number no id column can hold


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("questionnaire_list", {"activity_pk": HUGE}),
        ("questionnaire_create", {"activity_pk": HUGE}),
        ("questionnaire_detail", {"pk": HUGE}),
        ("questionnaire_edit", {"pk": HUGE}),
        ("questionnaire_preview", {"pk": HUGE}),
        ("question_add", {"pk": HUGE}),
        ("question_edit", {"pk": HUGE}),
        ("question_delete", {"pk": HUGE}),
        ("results", {"pk": HUGE}),
        ("text_answers", {"pk": HUGE}),
        ("response_enter", {"pk": HUGE}),
        ("attendance_list", {"activity_pk": HUGE}),
        ("attendance_create", {"activity_pk": HUGE}),
        ("attendance_edit", {"pk": HUGE}),
        ("equality_form_enter", {"activity_pk": HUGE}),
        ("results_export", {"pk": HUGE, "part": "summary", "file_format": "csv"}),
    ],
)
def test_enormous_ids_in_staff_urls_are_not_found(client, name, kwargs):
    assert client.get(reverse(f"consultations:{name}", kwargs=kwargs)).status_code == 404


@pytest.mark.parametrize("name", ["questionnaire_publish", "questionnaire_new_version", "question_move"])
def test_enormous_ids_posted_to_staff_urls_are_not_found(client, name):
    assert (
        client.post(reverse(f"consultations:{name}", kwargs={"pk": HUGE}), {"direction": "up"}).status_code
        == 404
    )


@pytest.mark.parametrize("value", ["abc", str(HUGE), "-3", "0", "1e3", "٣"])
def test_bad_ids_in_the_results_filters_are_explained_or_not_found(client, draft, value):
    answers = reverse("consultations:text_answers", kwargs={"pk": draft.pk})
    assert client.get(answers, {"question": value}).status_code == 404
    results = client.get(reverse("consultations:results", kwargs={"pk": draft.pk}), {"area": value})
    assert results.status_code == 400 and b"Select a valid choice" in results.content
    export = reverse(
        "consultations:results_export", kwargs={"pk": draft.pk, "part": "responses", "file_format": "csv"}
    )
    assert client.get(export, {"area": value}).status_code == 400
    assert client.get(answers, {"page": value}).status_code == 200
