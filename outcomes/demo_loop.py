"""The feedback loop in the demo (Trafford, heard/demo.py): for a few of the police's closed
neighbourhood consultations, responses (made up, reproducibly; some asking for e-mail updates),
an analysis of what people wrote, findings drawn from its themes, a decision weighing seed 001's
other factors, actions in every state, and published feedback whose personal updates are
recorded. Everything goes through the services, as a person would do it.

The demo residents' addresses are on example.org and do not exist, so their updates are "sent"
to an in-memory mailbox: the records of what was sent are written, and no mail leaves.
Safe to run again: an activity that already has feedback is left as it is.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core import mail
from django.utils import timezone

from consultations.answers import clean_answers
from consultations.models import Answer, Channel, Questionnaire, QuestionnaireState, Response
from consultations.services import response_enter
from engagement.models import Activity, Status
from engagement.services import activity_transition
from governance.models import Marking
from insight.models import AnalysisRun, RunState, Theme
from insight.pipeline import analysis_run_execute
from insight.services import analysis_run_create
from organisations.models import Organisation, User

from .loop_actions import action_create, action_move
from .loop_dispatch import personal_updates_send
from .loop_feedback import feedback_create, feedback_publish
from .loop_services import Evidence, decision_create, finding_create
from .models import Action, ActionStatus, Decision, Factor, Feedback, Finding, FindingSource, UpdateDispatch

ACTIVITIES = 3  # consultations walked through the whole loop
RESPONSES = 20  # written answers to each, enough for the analysis to find several themes
WORRIES = [
    "Cars speed along the main road every evening",
    "Speeding outside the primary school at drop-off time",
    "Drivers race down the high street late at night",
    "Speeding cars on the ring road, someone will be killed",
    "Vans speeding through the estate as a shortcut",
    "Nobody checks the speed of the traffic past the school",
    "Drug dealing near the shops after dark",
    "People selling drugs in the park in the evenings",
    "Dealing by the garages, and the smell of cannabis",
    "Drug dealers use the bus shelter every night",
    "Cars pull up and deal drugs outside the flats",
    "Needles and drug litter in the park",
    "The alley is too dark, the street lights are broken",
    "Poor lighting on the footpath to the station",
    "The underpass is so dark I avoid it at night",
    "Street lights out on our road for weeks",
    "The car park has no lighting, I feel unsafe walking to my car",
    "Broken lights by the canal path make it dark and frightening",
    "Groups shouting outside the shops until midnight",
    "Noise and anti-social behaviour late at night on the estate",
    "Youths on bikes riding at people on the pavement",
    "Gangs of teenagers hanging around the shops intimidate people",
    "Fireworks and shouting on the estate most nights",
    "Anti-social behaviour on the field behind the houses",
]
SAID = {  # a word of a theme's label -> what the finding says, as staff would write it
    "speed": "Speeding traffic worries people, near the school and on the main roads in the evening",
    "drug": "People see drug dealing near the shops, in the park and by the flats after dark",
    "dark": "Broken and missing street lights make footpaths, the underpass and car parks feel unsafe",
    "light": "Broken and missing street lights make footpaths, the underpass and car parks feel unsafe",
    "shout": "Groups gathering and shouting late at night on the estate and outside the shops",
    "noise": "Groups gathering and shouting late at night on the estate and outside the shops",
}
DECISIONS = [
    "Patrols and speed checks at the times and places people named, for the next three months",
    "Target the dealing people described, with the council and the housing trust",
    "Fix the lighting people said makes them feel unsafe, and patrol those routes after dark",
]
FACTORS: dict[str, str] = {
    Factor.COST_BENEFIT: "Fits within the neighbourhood team's hours; no extra cost.",
    Factor.PARTNERS: "The council and the housing trust agreed at the partnership meeting.",
    Factor.EQUALITY: "Checked: the patrol times do not single out any group.",
}


@dataclass
class LoopDemoSummary:
    activities: int
    findings: int
    decisions: int
    actions: int
    published: int
    updates_recorded: int


def _candidates(officer: User) -> list[Activity]:
    """The police's published, OFFICIAL consultations that have happened and have a live
    questionnaire, newest first: the same ones every time."""
    live = Questionnaire.private_objects.filter(state=QuestionnaireState.LIVE).values("activity")
    found = Activity.private_objects.filter(
        lead_organisation=officer.organisation,
        marking=Marking.OFFICIAL,
        is_published=True,
        status__in=[Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED],
        starts_at__lt=timezone.now(),
        pk__in=live,
    ).exclude(consultation_kind="")
    return list(found.order_by("-starts_at", "pk")[:ACTIVITIES])


def _responses(officer: User, questionnaire: Questionnaire, rng: random.Random) -> None:
    """Paper responses to the demo survey (heard/demo_consultations.py), a third asking for
    updates by e-mail; none when its written question already has answers."""
    questions = list(questionnaire.questions.prefetch_related("choices").order_by("position", "pk"))
    safety, worry, ranking = questions[0], questions[1], questions[2]
    if Answer.objects.filter(question=worry).exists():
        return
    unsafe = [str(c.pk) for c in safety.choices.all() if c.label in ("A bit unsafe", "Very unsafe")]
    options = [str(c.pk) for c in ranking.choices.all()]
    activity = questionnaire.activity
    closes = activity.response_closes or timezone.localdate()
    for n, text in enumerate(rng.sample(WORRIES, k=RESPONSES)):
        raw = {safety.pk: [rng.choice(unsafe)], worry.pk: [text], ranking.pk: rng.sample(options, k=3)}
        response, _ = response_enter(
            user=officer,
            questionnaire=questionnaire,
            cleaned=clean_answers(questionnaire, raw),
            channel=Channel.PAPER,
            submitted_at=timezone.make_aware(datetime.combine(closes - timedelta(days=n + 1), time(12))),
        )
        if n % 3 == 0:
            email = f"resident-{activity.pk}-{n}@example.org"
            Response.objects.filter(pk=response.pk).update(email=email, wants_updates=True)


def _analyse(analyst: User, questionnaire: Questionnaire) -> AnalysisRun:
    done = AnalysisRun.objects.filter(questionnaire=questionnaire, state=RunState.DONE).first()
    if done is not None:
        return done
    question = questionnaire.questions.get(kind="text")
    run = analysis_run_create(user=analyst, question=question)
    return analysis_run_execute(run_id=run.pk)  # now, so that its themes are there to draw on


def _said(label: str) -> str:
    words = label.lower()
    return next((said for word, said in SAID.items() if word in words), f"People told us about {words}")


def _findings(officer: User, activity: Activity, run: AnalysisRun) -> list[Finding]:
    findings = []
    for theme in Theme.objects.filter(run=run).order_by("-size", "position")[:3]:
        quotes = [
            c.answer for c in theme.coded.exclude(quote_position=None).select_related("answer__response")[:1]
        ]
        findings.append(
            finding_create(
                user=officer,
                statement=f"{_said(theme.label)} ({theme.size} of {run.answer_count} written answers).",
                area=activity.areas.first(),  # type: ignore[arg-type]
                source=FindingSource.THEME,
                activity=activity,
                evidence=Evidence(themes=[theme], answers=quotes),
                found_on=activity.response_closes,
            )
        )
    return findings


def _actions(
    officer: User, decision: Decision, partner: Organisation, today: date, index: int
) -> list[Action]:
    home = decision.organisation
    plans = [
        ("Speed checks and patrols at the times people named", home, -20, ActionStatus.DONE),
        ("Ask the council to repair the street lights people named", partner, 30, ActionStatus.IN_PROGRESS),
        ("Report back at the next PACT meeting", home, 60, ActionStatus.NOT_STARTED),
    ]
    if index % 2:
        plans.append(("A mobile police station on the estate", home, 45, ActionStatus.DROPPED))
    actions = []
    for title, owner, days, status in plans:
        action = action_create(
            user=officer,
            decision=decision,
            title=title,
            owner_organisation=owner,
            owner_name="Neighbourhood team" if owner == home else "Community safety team",
            due_on=today + timedelta(days=days),
        )
        if status in (ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.DROPPED):
            first = ActionStatus.DROPPED if status == ActionStatus.DROPPED else ActionStatus.IN_PROGRESS
            action_move(user=officer, action=action, to=first, note="Agreed at the tasking meeting.")
        if status == ActionStatus.DONE:
            action_move(user=officer, action=action, to=ActionStatus.DONE)
            action.result = "Four checks held; 23 drivers stopped and spoken to."
            action.save(update_fields=["result"])
        actions.append(action)
    return actions


def _walk(
    officer: User, analyst: User, partner: Organisation, activity: Activity, index: int, today: date
) -> None:
    rng = random.Random(activity.pk)  # noqa: S311 - demo data, not security
    questionnaire = activity.questionnaires.filter(state=QuestionnaireState.LIVE).order_by("-version").first()
    if questionnaire is None:
        return
    _responses(officer, questionnaire, rng)
    run = _analyse(analyst, questionnaire)
    findings = _findings(officer, activity, run)
    if not findings:
        return
    decision = decision_create(
        user=officer,
        summary=DECISIONS[index % len(DECISIONS)],
        decided_on=min(today, (activity.response_closes or today) + timedelta(days=14)),
        decided_by_name="Inspector Claire Rowe",
        decided_by_body="Trafford neighbourhood tasking meeting",
        findings=findings,
        factors=FACTORS,
    )
    actions = _actions(officer, decision, partner, today, index)
    feedback = feedback_create(
        user=officer,
        activity=activity,
        title=f"What we did after “{activity.title}”",
        statement="Thank you to everyone who took part. Here is what you told us, what we decided and what "
        "we have done so far. We will report back again at the next neighbourhood meeting.",
        decisions=[decision],
        actions=actions,
    )
    feedback_publish(
        user=officer, feedback=feedback, channels=["meeting", "email"], site_url="http://localhost:8000/"
    )
    activity.refresh_from_db()
    if activity.status == Status.CLOSED:  # it has an analysis now
        activity_transition(user=officer, activity=activity, to=Status.ANALYSED)
    if activity.status == Status.ANALYSED:  # and published feedback
        activity_transition(user=officer, activity=activity, to=Status.FEEDBACK_GIVEN)
    personal_updates_send(
        feedback_id=feedback.pk,
        site_url="http://localhost:8000/",
        connection=mail.get_connection("django.core.mail.backends.locmem.EmailBackend"),
    )


def demo_load_loop(
    *, officer: User, analyst: User, partner: Organisation, today: date | None = None
) -> LoopDemoSummary:
    """Walk the loop for a few of the demo's closed consultations (see the module docstring)."""
    today = today or timezone.localdate()
    walked = _candidates(officer)
    for index, activity in enumerate(walked):
        if not Feedback.objects.filter(activity=activity).exists():
            _walk(officer, analyst, partner, activity, index, today)
    return LoopDemoSummary(
        activities=len(walked),
        findings=Finding.objects.filter(activity__in=walked).count(),
        decisions=Decision.objects.filter(findings__activity__in=walked).distinct().count(),
        actions=Action.objects.filter(decision__findings__activity__in=walked).distinct().count(),
        published=Feedback.objects.filter(activity__in=walked, state="published").count(),
        updates_recorded=sum(
            d.personal + d.general for d in UpdateDispatch.objects.filter(feedback__activity__in=walked)
        ),
    )
