"""The demo's reach: equality answers whose mix differs from the population the way real
engagement does (issue 9: "older, whiter, fewer young men"), not uniformly; the suggested ways
to reach each audience (ways_seed.py); and an illustrative target profile.

heard/demo_consultations.py draws every equality answer from the same near-uniform mix. Call
`demo_load_reach()` after it (or instead of its `_equality`): every equality record of every
activity gets answers drawn from a skewed mix, tilted a little differently for each activity,
and past events with a head count get paper forms from about half the people there; the
force's police and crime plan consultation gets paper responses for its weighted results
(demo_reach_showcase.py). Each record's answers come from a random generator seeded by the
record's id, so the result is the same however often it runs (safe to run twice), and the
forms and responses added top up to fixed numbers."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from consultations.models import Attendance, Channel, EqualityRecord
from engagement.models import Activity, Status
from organisations.models import Organisation

from .demo_reach_people import FIELDS, YOUNG_AUDIENCES, answers_for
from .demo_reach_showcase import add_showcase_responses, showcase_questionnaire
from .models import TargetProfile, TargetShare
from .ways_seed import load_ways_to_reach

TARGET_NAME = "Victims of crime in Trafford (illustrative)"
TARGET_SHARES = {
    "age": {
        "16-24": 0.19,
        "25-34": 0.22,
        "35-44": 0.18,
        "45-54": 0.16,
        "55-64": 0.12,
        "65-74": 0.08,
        "75+": 0.05,
    },
    "sex": {"Female": 0.49, "Male": 0.51},
}


@dataclass(frozen=True)
class DemoReachSummary:
    records_skewed: int
    forms_added: int
    responses_added: int
    ways_added: int
    target_created: bool


def _top_up_forms(today: date) -> int:
    """Past events with a head count get paper forms from about half the people there."""
    past = Activity.private_objects.filter(
        starts_at__date__lt=today,
        status__in=[Status.CLOSED, Status.ANALYSED, Status.FEEDBACK_GIVEN, Status.EVALUATED],
    )
    heads = dict(
        Attendance.objects.filter(activity__in=past)
        .values_list("activity_id")
        .annotate(n=Sum("head_count"))
        .order_by()
    )
    paper = dict(
        EqualityRecord.objects.filter(activity__in=past, response__isnull=True)
        .values_list("activity_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    starts = dict(past.values_list("pk", "starts_at"))
    added = []
    for activity_id, head_count in heads.items():
        wanted = (head_count or 0) // 2
        for _ in range(wanted - paper.get(activity_id, 0)):
            added.append(
                EqualityRecord(
                    activity_id=activity_id,
                    channel=Channel.EVENT,
                    recorded_on=timezone.localtime(starts[activity_id]).date(),
                )
            )
    EqualityRecord.objects.bulk_create(added)
    return len(added)


def _skew_every_record(keep: int | None) -> int:
    """`keep`: a questionnaire whose records already carry skewed answers that match its
    responses (demo_reach_showcase.py)."""
    aimed: dict[int, set[str]] = {}
    for activity_id, slug in Activity.private_objects.values_list("pk", "audiences__slug"):
        aimed.setdefault(activity_id, set()).add(slug or "")
    young = {pk for pk, slugs in aimed.items() if slugs and slugs <= YOUNG_AUDIENCES}  # aimed only at them
    chosen = EqualityRecord.objects.only("pk", "activity_id", *FIELDS).order_by("pk")
    if keep is not None:
        chosen = chosen.exclude(response__questionnaire=keep)
    records = list(chosen)
    for record in records:
        for field, value in answers_for(
            record.pk, young=record.activity_id in young, tilt=record.activity_id
        ).items():
            setattr(record, field, value)
    EqualityRecord.objects.bulk_update(records, list(FIELDS), batch_size=1000)
    return len(records)


def _target() -> bool:
    police = Organisation.objects.filter(sector="police").order_by("pk").first()
    if police is None or TargetProfile.objects.filter(organisation=police, name=TARGET_NAME).exists():
        return False
    profile = TargetProfile.objects.create(
        name=TARGET_NAME,
        description="People who reported a crime in Trafford in the last year.",
        source="Made-up figures for the demo, shaped like a victims' survey.",
        given_as="share",
        organisation=police,
        is_shared=True,
    )
    TargetShare.objects.bulk_create(
        TargetShare(profile=profile, dimension=dimension, category=category, amount=amount)
        for dimension, shares in TARGET_SHARES.items()
        for category, amount in shares.items()
    )
    return True


@transaction.atomic
def demo_load_reach(*, today: date | None = None) -> DemoReachSummary:
    """Skew the demo's equality answers, add the ways to reach people and a target profile."""
    today = today or timezone.localdate()
    added = _top_up_forms(today)
    showcase = showcase_questionnaire()
    responses = add_showcase_responses(showcase) if showcase is not None else 0
    return DemoReachSummary(
        records_skewed=_skew_every_record(showcase.pk if showcase is not None else None),
        forms_added=added,
        responses_added=responses,
        ways_added=load_ways_to_reach(),
        target_created=_target(),
    )
