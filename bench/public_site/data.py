"""The benchmark's database, run in a child process with the bench settings:

    python -m bench.public_site.data setup            # migrate, demo, a live consultation -> JSON
    python -m bench.public_site.data verify PK < codes # stored responses vs receipt codes -> JSON

The data is Heard's demo (real Trafford places, 11,264 postcodes, ~46 activities) plus one
published, open consultation with a live six-question questionnaire and equality monitoring."""

from __future__ import annotations

import json
import sys
from datetime import timedelta

import django


def setup() -> dict[str, object]:
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from consultations import integrity
    from consultations.services import QuestionInput, questionnaire_create, questionnaire_publish
    from engagement.models import Activity, Method, Status
    from engagement.services import activity_create
    from heard.demo import demo_load
    from organisations.models import User
    from places.models import AreaLevel, Audience, Postcode

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    today = timezone.localdate()
    demo_load(today=today)
    officer = User.objects.get(username="officer")
    postcodes = list(
        Postcode.objects.filter(lsoa__parent__level=AreaLevel.NEIGHBOURHOOD)
        .order_by("postcode")
        .values_list("postcode", flat=True)[:200]
    )
    first = Postcode.objects.select_related("lsoa__parent").get(postcode=postcodes[0])
    ward = first.lsoa.parent
    activity = activity_create(
        user=officer,
        title=f"Policing priorities in {ward.name}",
        summary="Tell us what the neighbourhood team should work on next.",
        purpose="getting_information",
        method=Method.objects.get(slug="online-survey"),
        level="neighbourhood",
        areas=[ward],
        audiences=list(Audience.objects.filter(slug="residents")),
        contact_name="PC Sam Okafor",
        contact_email="sam.okafor@example.org",
        starts_at=timezone.now() + timedelta(days=7),
        consultation_kind="focused",
        response_opens=today - timedelta(days=7),
        response_closes=today + timedelta(days=28),
        is_published=True,
        status=Status.OPEN,
    )
    questionnaire = questionnaire_publish(
        user=officer,
        questionnaire=questionnaire_create(
            user=officer,
            activity=activity,
            title=f"Policing priorities in {ward.name}",
            introduction="It takes about five minutes.",
            questions=[
                QuestionInput(
                    kind="single",
                    text="Do you feel safe after dark?",
                    required=True,
                    choices=["Yes", "No", "Don't know"],
                ),
                QuestionInput(
                    kind="text",
                    text="What makes you feel unsafe?",
                    max_length=500,
                    show_if_question=0,
                    show_if_choices=["No"],
                ),
                QuestionInput(
                    kind="multiple", text="Which of these worry you?", choices=["Speeding", "Burglary", "ASB"]
                ),
                QuestionInput(
                    kind="scale",
                    text="The police understand local issues",
                    choices=["Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree"],
                ),
                QuestionInput(
                    kind="ranking", text="Rank these priorities", choices=["Drugs", "Parking", "Litter"]
                ),
                QuestionInput(kind="where", text="What is your postcode?"),
            ],
        ),
    )
    event = Activity.public_objects.filter(starts_at__gte=timezone.now()).order_by("starts_at", "pk").first()
    assert event is not None, "the demo has upcoming public events"
    return {
        "questionnaire": questionnaire.pk,
        "event": event.pk,
        "postcodes": postcodes,
        "public_activities": Activity.public_objects.count(),
        "min_fill_seconds": integrity.min_fill_seconds(),
        "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    }


def verify(questionnaire_pk: int, codes: list[str]) -> dict[str, int]:
    """How many responses the questionnaire has, and how many of the receipt codes the
    server acknowledged are stored (each code is stored only as its hash)."""
    from consultations.models import Response, hash_receipt

    stored = Response.objects.filter(questionnaire_id=questionnaire_pk)
    hashes = {hash_receipt(code) for code in codes}
    found = stored.filter(receipt_hash__in=hashes).count() if hashes else 0
    return {"stored": stored.count(), "acknowledged": len(codes), "found": found}


def main(argv: list[str]) -> None:
    django.setup()
    if argv[:1] == ["setup"]:
        result: dict[str, object] = setup()
    elif argv[:1] == ["verify"] and len(argv) == 2:
        result = dict(verify(int(argv[1]), [line.strip() for line in sys.stdin if line.strip()]))
    else:
        raise SystemExit(__doc__)
    print("BENCH_JSON " + json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
