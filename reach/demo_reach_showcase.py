"""The demo's weighted results: paper responses typed into the force's police and crime plan
consultation from people as skewed as those at the demo's events (reach/demo_reach.py), whose
answers depend on who they are (older people and women feel less safe after dark and put
burglary and speeding first; younger people put drugs and anti-social behaviour first), so
that weighting to the population visibly changes the results. Safe to run twice: it tops the
responses up to a fixed number."""

import random
from datetime import timedelta

from django.utils import timezone

from consultations.answers import clean_answers
from consultations.models import Channel, QuestionKind, Questionnaire, QuestionnaireState, Response
from consultations.services import response_enter
from organisations.models import Role, User

from .demo_reach_people import answers_for

SHOWCASE_TITLE = "Police and crime plan: public consultation"
RESPONSES = 240
OLDER = ("55-64", "65-74", "75+")
# How safe people feel after dark, by (older, woman): weights of the four answers, safest first.
SAFE: dict[tuple[bool, bool], list[float]] = {
    (True, True): [1, 3, 4, 2],
    (True, False): [2, 4, 3, 1],
    (False, True): [2, 5, 3, 1],
    (False, False): [4, 5, 1, 0.5],
}
FIRST_OLDER = ("Burglary", "Speeding")
FIRST_YOUNGER = ("Drugs", "Anti-social behaviour")


def showcase_questionnaire() -> Questionnaire | None:
    return (
        Questionnaire.private_objects.filter(title=SHOWCASE_TITLE, state=QuestionnaireState.LIVE)
        .select_related("activity")
        .first()
    )


def _raw(questionnaire: Questionnaire, answers: dict[str, str], rng: random.Random) -> dict[int, list[str]]:
    older = answers["age_band"] in OLDER
    raw: dict[int, list[str]] = {}
    for question in questionnaire.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        if question.kind == QuestionKind.SINGLE:
            weights = SAFE[(older, answers["sex"] != "Male")]
            raw[question.pk] = [str(rng.choices(choices, weights=weights[: len(choices)])[0].pk)]
        elif question.kind == QuestionKind.RANKING:
            first = FIRST_OLDER if older else FIRST_YOUNGER
            ordered = sorted(choices, key=lambda c: (c.label not in first, rng.random()))
            raw[question.pk] = [str(c.pk) for c in ordered[:3]]
    return raw


def add_showcase_responses(questionnaire: Questionnaire) -> int:
    """Top the questionnaire up to RESPONSES paper responses, typed in by its team."""
    existing = Response.objects.filter(questionnaire=questionnaire).count()
    typist = (
        User.objects.filter(
            organisation=questionnaire.activity.lead_organisation, role_grants__role=Role.ENGAGEMENT_OFFICER
        )
        .order_by("pk")
        .first()
    )
    if typist is None or existing >= RESPONSES:
        return 0
    now = timezone.now()
    for number in range(existing, RESPONSES):
        answers = answers_for(f"showcase-{number}", young=False, tilt=questionnaire.activity_id)
        rng = random.Random(f"showcase-answers-{number}")  # noqa: S311 - demo data, not security
        response_enter(
            user=typist,
            questionnaire=questionnaire,
            cleaned=clean_answers(questionnaire, _raw(questionnaire, answers, rng)),
            channel=Channel.PAPER,
            equality=answers,
            submitted_at=now - timedelta(hours=number),
        )
    return RESPONSES - existing
