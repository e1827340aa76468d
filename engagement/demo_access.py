"""The demo's languages and access formats (seed 002 points 6 and 15): PACT meetings with a
hearing loop and step-free access, faith leaders' forums with Urdu and Punjabi interpreters, hate
crime drop-ins with a BSL interpreter and Easy Read leaflets, an Easy Read and large-print version
of the community safety strategy consultation, and a community safety drop-in at a mosque in Old
Trafford held in Urdu and Punjabi. Loading it again changes nothing."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core.page_cache import bump_generation
from organisations.models import User
from places.models import Area, AreaLevel, Audience

from .access import AccessFormat
from .models import Activity, Method, Status
from .services import AimInput, activity_create

F = AccessFormat
# title starts with -> (languages, access formats)
OFFERS: list[tuple[str, list[str], list[str]]] = [
    ("PACT meeting", ["en"], [F.HEARING_LOOP, F.STEP_FREE, F.ACCESSIBLE_TOILET]),
    ("Faith leaders' forum", ["en", "ur", "pa"], [F.INTERPRETER, F.STEP_FREE]),
    ("Hate crime awareness drop-in", ["en"], [F.BSL, F.EASY_READ, F.STEP_FREE, F.QUIET_SPACE]),
    ("Beat surgery at", ["en"], [F.STEP_FREE, F.LARGE_PRINT]),
    (
        "Trafford community safety strategy consultation",
        ["en", "ur", "pl"],
        [F.EASY_READ, F.LARGE_PRINT, F.AUDIO],
    ),
    ("Police and crime plan", ["en", "cy", "pl", "ur", "pa"], [F.EASY_READ, F.LARGE_PRINT, F.BSL, F.ONLINE]),
]
DROP_IN = "Community safety drop-in at the mosque, Old Trafford"


def _drop_in(officer: User, today: date) -> bool:
    if Activity.private_objects.filter(title=DROP_IN).exists():
        return False
    ward = Area.objects.filter(name="Clifford", level=AreaLevel.NEIGHBOURHOOD).first()
    ward = ward or Area.objects.filter(level=AreaLevel.NEIGHBOURHOOD, parent__code="E08000009").first()
    if ward is None:
        return False
    starts = timezone.make_aware(datetime.combine(today + timedelta(days=9), time(13, 30)))
    activity_create(
        user=officer,
        title=DROP_IN,
        summary="Talk to your neighbourhood officers after Friday prayers about burglary, scams and hate "
        "crime. Officers and volunteers speak Urdu and Punjabi; women officers are there too.",
        purpose="getting_information",
        method=Method.objects.get(slug="open-surgery"),
        level="neighbourhood",
        areas=[ward],
        audiences=list(Audience.objects.filter(slug__in=["muslim-communities", "faith-groups", "residents"])),
        contact_name=officer.get_full_name() or "Clifford Neighbourhood Team",
        contact_email=officer.email,
        contact_phone="0161 872 5050",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue="Mosque community hall, Old Trafford (side entrance on the car park)",
        accessibility="Separate space for women. Ramp at the side entrance.",
        languages=["en", "ur", "pa"],
        access_formats=[F.INTERPRETER, F.STEP_FREE, F.QUIET_SPACE],
        is_published=True,
        status=Status.PLANNED,
        aims=[
            AimInput(
                text="Hear concerns from residents who seldom come to PACT meetings",
                linked_to="Trafford hate crime plan",
            )
        ],
    )
    return True


def demo_load_access(*, officer: User, today: date) -> int:
    """Give the demo's activities what they offer; returns how many activities changed."""
    changed = 0
    for start, languages, formats in OFFERS:
        changed += (
            Activity.private_objects.filter(title__startswith=start, languages=[])
            .filter(access_formats=[])
            .update(languages=languages, access_formats=[str(f) for f in formats])
        )
    if changed:
        bump_generation()  # a bulk update sends no signal: refresh the cached public pages
    return changed + _drop_in(officer, today)
