"""The fault test's and the load test's database, run in a child process with their settings
(heard/settings/fault.py):

    python -m heard.tests.fault_data setup [ANSWERS]   # migrate, a live consultation -> JSON
    python -m heard.tests.fault_data verify PK < codes # responses vs receipt codes, tasks -> JSON

One police force with one member of staff (engagement officer and analyst, with an API token),
an open, published consultation with three questions (one written) and ANSWERS responses
already typed in from paper, so that an analysis has answers to theme."""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from datetime import timedelta

import django

TEXTS = [
    "Speeding cars on the main road outside the school every morning",
    "Drivers go far too fast near the school gates",
    "Drug dealing from a van outside the flats at night",
    "People dealing drugs in the park after dark",
    "The alley by the station has no lights at night",
    "Street lights on Cross Street have been broken for weeks",
    "Groups of teenagers drinking by the shops",
    "Noisy motorbikes on the field late at night",
]


def setup(answers: int) -> dict[str, object]:
    from django.core.management import call_command
    from django.utils import timezone

    from consultations.answers import clean_answers
    from consultations.services import (
        QuestionInput,
        questionnaire_create,
        questionnaire_publish,
        response_submit,
    )
    from engagement.models import Status
    from engagement.tests.factories import ActivityFactory
    from organisations.models import Role
    from organisations.tests.factories import OrganisationFactory, UserFactory

    call_command("migrate", verbosity=0, interactive=False)
    police = OrganisationFactory(name="Greater Manchester Police", sector="police")
    staff = UserFactory(username="faults", organisation=police, roles=[Role.ENGAGEMENT_OFFICER, Role.ANALYST])
    today = timezone.localdate()
    activity = ActivityFactory(
        lead_organisation=police,
        title="Feeling safe in Sale",
        status=Status.OPEN,
        is_published=True,
        consultation_kind="focused",
        response_opens=today - timedelta(days=7),
        response_closes=today + timedelta(days=21),
    )
    questionnaire = questionnaire_publish(
        user=staff,
        questionnaire=questionnaire_create(
            user=staff,
            activity=activity,
            title="Feeling safe in Sale",
            questions=[
                QuestionInput(
                    kind="single", text="Do you feel safe after dark?", required=True, choices=["Yes", "No"]
                ),
                QuestionInput(kind="text", text="What would make you feel safer?", max_length=500),
                QuestionInput(
                    kind="multiple", text="Which of these worry you?", choices=["Speeding", "Drugs"]
                ),
            ],
        ),
    )
    single, text, _ = questionnaire.questions.order_by("position")
    yes = single.choices.get(label="Yes")
    for n in range(answers):
        cleaned = clean_answers(
            questionnaire, {single.pk: [str(yes.pk)], text.pk: [f"{TEXTS[n % len(TEXTS)]} ({n})"]}
        )
        response_submit(questionnaire=questionnaire, cleaned=cleaned, channel="paper", entered_by=staff)
    out = io.StringIO()
    call_command("create_api_token", "faults", "fault and load tests", stdout=out)
    return {
        "questionnaire": questionnaire.pk,
        "activity": activity.pk,
        "single": single.pk,
        "text": text.pk,
        "token": out.getvalue().strip(),
        "seeded": answers,
    }


def verify(questionnaire_pk: int, codes: list[str]) -> dict[str, object]:
    """Each acknowledged receipt code: stored once, twice or not at all; and how every
    background task, analysis and import ended."""
    from django_tasks_db.models import DBTaskResult

    from consultations.models import ResponseImport, hash_receipt
    from insight.models import AnalysisRun

    hashes = Counter(hash_receipt(code) for code in codes)
    stored = Counter(
        _responses(questionnaire_pk)
        .filter(receipt_hash__in=list(hashes))
        .values_list("receipt_hash", flat=True)
    )
    tasks = [
        {
            "status": t.status,
            "task": t.task_path,
            "error": t.exception_class_path,
            "traceback": t.traceback[-300:],
        }
        for t in DBTaskResult.objects.all()
    ]
    return {
        "acknowledged": len(codes),
        "distinct": len(hashes),
        "stored_once": sum(1 for h in hashes if stored[h] == 1),
        "stored_twice": sum(1 for h in hashes if stored[h] > 1),
        "lost": sum(1 for h in hashes if stored[h] == 0),
        "web_responses": _responses(questionnaire_pk).filter(channel="web").count(),
        "paper_responses": _responses(questionnaire_pk).filter(channel="paper").count(),
        "tasks": tasks,
        "analyses": list(AnalysisRun.objects.values("state", "error", "progress")),
        "imports": list(ResponseImport.objects.values("state", "error", "row_count", "imported", "progress")),
    }


def _responses(questionnaire_pk: int):
    from consultations.models import Response

    return Response.objects.filter(questionnaire_id=questionnaire_pk)


def main(argv: list[str]) -> None:
    django.setup()
    if argv[:1] == ["setup"]:
        result: dict[str, object] = setup(int(argv[1]) if len(argv) > 1 else 300)
    elif argv[:1] == ["verify"] and len(argv) == 2:
        result = verify(int(argv[1]), [line.strip() for line in sys.stdin if line.strip()])
    else:
        raise SystemExit(__doc__)
    print("FAULTS_JSON " + json.dumps(result, default=str))


if __name__ == "__main__":
    main(sys.argv[1:])
