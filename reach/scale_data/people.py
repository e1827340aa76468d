"""The benchmark's participants: responses with equality-monitoring answers, paper forms and
attendance. Answers are drawn from the population of the activity's ward, tilted the way real
engagement is (issue 9: "older, whiter, fewer young men"; reach/demo_reach_people.py does the
same for the demo) and towards the audiences an activity aims at, with a little of each
activity's own character, so that representation gaps are there to find and vary by place."""

import bisect
import hashlib
import itertools
import math
import random
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timedelta

from consultations.equality import PREFER_NOT_TO_SAY
from consultations.models import Attendance, EqualityRecord, Response
from places import census
from places.census import ETHNIC_GROUPS

from .places import DETAIL_SHARES, ORIENTATION, RELIGION_ASIAN, RELIGION_WHITE, Ward
from .register import UK, Plan
from .writer import Values, next_id, write_rows

CHUNK = 50_000
AGE_TILT = {
    "0-15": 0.1,
    "16-24": 0.45,
    "25-34": 0.6,
    "35-44": 0.85,
    "45-54": 1.1,
    "55-64": 1.5,
    "65-74": 1.8,
    "75+": 1.4,
}
YOUNG_TILT = {"0-15": 3.0, "16-24": 8.0, "25-34": 1.5}
OLDER_TILT = {"65-74": 3.0, "75+": 3.0}
ETHNIC_AUDIENCES = {
    "asian-communities": census.ASIAN,
    "black-communities": census.BLACK,
    "mixed-ethnicity-communities": census.MIXED,
    "other-ethnic-groups": census.OTHER_ETHNIC,
}
CHANNELS = ("web", "paper", "event", "phone")
RESPONSE_COLUMNS = [
    "id",
    "questionnaire_id",
    "channel",
    "submitted_at",
    "receipt_hash",
    "browser_token",
    "area_id",
    "privacy_statement_id",
    "consented_at",
    "email",
    "wants_updates",
    "marking",
    "language",
]
EQUALITY_COLUMNS = [
    "activity_id",
    "response_id",
    "channel",
    "recorded_on",
    "age_band",
    "sex",
    "ethnicity",
    "religion",
    "disability",
    "sexual_orientation",
]


class Picker:
    """Draws a key by weight from a number in [0, 1)."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.keys = list(weights)
        total = sum(weights.values()) or 1.0
        self.cumulative = list(itertools.accumulate(w / total for w in weights.values()))

    def __call__(self, u: float) -> str:
        return self.keys[min(bisect.bisect_right(self.cumulative, u), len(self.keys) - 1)]


def _jitter(rng: random.Random, weights: Mapping[str, float]) -> dict[str, float]:
    return {k: v * rng.uniform(0.7, 1.4) for k, v in weights.items()}


class Mix:
    """The equality answers of one activity's participants."""

    def __init__(self, rng: random.Random, ward: Ward, audiences: list[str]) -> None:
        self.rng = rng
        ages = {b: s * AGE_TILT[b] for b, s in ward.ages.items()}
        for slug, tilt in (
            ("young-people", YOUNG_TILT),
            ("children-and-families", YOUNG_TILT),
            ("students", YOUNG_TILT),
            ("older-people", OLDER_TILT),
        ):
            if slug in audiences:
                ages = {b: s * tilt.get(b, 1.0) for b, s in ages.items()}
        ethnic = {g: s * (1.0 if g == census.WHITE else 0.5) for g, s in ward.ethnic.items()}
        for slug, group in ETHNIC_AUDIENCES.items():
            if slug in audiences:
                ethnic[group] *= 6
        religion = {r: w for r, w in RELIGION_WHITE.items() if r != "Not answered"}
        orientation = {o: w for o, w in ORIENTATION.items() if o != "Not answered"}
        if "lgbt-people" in audiences:
            orientation = {o: w * (1 if o.startswith("Straight") else 8) for o, w in orientation.items()}
        self.age = Picker(_jitter(rng, ages))
        self.ethnic = Picker(_jitter(rng, ethnic))
        self.detail = {
            g: Picker(dict(zip(names, DETAIL_SHARES[g], strict=True))) for g, names in ETHNIC_GROUPS.items()
        }
        self.religion = Picker(religion)
        self.religion_asian = Picker({r: w for r, w in RELIGION_ASIAN.items() if r != "Not answered"})
        self.orientation = Picker(orientation)
        self.men = (
            0.44
            + (0.2 if "men-and-boys" in audiences else 0)
            - (0.15 if "women-and-girls" in audiences else 0)
        )

    def _blank(self, value: str) -> str:
        roll = self.rng.random()
        return "" if roll < 0.07 else PREFER_NOT_TO_SAY if roll < 0.10 else value

    def answers(self) -> tuple[str, str, str, str, str, str]:
        r = self.rng.random
        age = self.age(r())
        young_adult = age in ("16-24", "25-34")
        group = self.ethnic(r())
        religion = (self.religion_asian if group == census.ASIAN else self.religion)(r())
        disabled = r() < (0.32 if age in ("65-74", "75+") else 0.13)
        return (
            self._blank(age),
            self._blank("Male" if r() < (self.men - 0.14 if young_adult else self.men) else "Female"),
            self._blank(f"{group}: {self.detail[group](r())}"),
            self._blank(religion),
            self._blank("Disabled" if disabled else "Not disabled"),
            self._blank(self.orientation(r())),
        )


def _moment(rng: random.Random, first: date, last: date) -> datetime:
    day = first + timedelta(days=rng.randrange((last - first).days + 1))
    return datetime.combine(day, time(rng.randint(7, 22), rng.randrange(60), rng.randrange(60)), UK)


def allocate(rng: random.Random, plans: list[Plan], total: int, today: date) -> list[tuple[Plan, int, int]]:
    """(plan, questionnaire, responses): a long tail, as real consultations have."""
    slots = [(p, q) for p in plans if p.first <= today for q in p.questionnaires]
    if not slots or total <= 0:
        return []
    weights = [rng.lognormvariate(0, 1.1) for _ in slots]
    scale = total / sum(weights)
    counts = [math.floor(w * scale) for w in weights]
    for i in rng.sample(range(len(slots)), min(len(slots), total - sum(counts))):
        counts[i] += 1
    return [(p, q, n) for (p, q), n in zip(slots, counts, strict=True) if n]


def write_responses(
    rng: random.Random, plans: list[Plan], *, total: int, today: date, seed: int, privacy_id: int
) -> tuple[int, int]:
    """Responses and their equality records (85% answer the equality questions); returns both counts."""
    values = Values()
    start = next_id(Response)
    responses: list[tuple[object, ...]] = []
    records: list[tuple[object, ...]] = []
    written = [0, 0]

    def flush() -> None:
        written[0] += write_rows(Response, RESPONSE_COLUMNS, responses)
        written[1] += write_rows(EqualityRecord, EQUALITY_COLUMNS, records)
        responses.clear()
        records.clear()

    pk, index = start, 0
    for plan, questionnaire, count in allocate(rng, plans, total, today):
        mix = Mix(rng, plan.wards[0], plan.audiences)
        last = min(plan.last, today)
        for _ in range(count):
            when = _moment(rng, plan.first, last)
            channel = CHANNELS[bisect.bisect_right((0.8, 0.95, 0.99), rng.random())]
            receipt = hashlib.sha256(f"heard-scale-{seed}-{index}".encode()).hexdigest()
            area = rng.choice(plan.wards).area.pk
            moment = values.moment(when)
            responses.append(
                (
                    pk,
                    questionnaire,
                    channel,
                    moment,
                    receipt,
                    "",
                    area,
                    privacy_id,
                    moment,
                    "",
                    values.flag(False),
                    "official",
                    "en",
                )
            )
            if rng.random() < 0.85:
                records.append((plan.pk, pk, channel, values.day(when.date()), *mix.answers()))
            pk, index = pk + 1, index + 1
            if len(responses) >= CHUNK:
                flush()
    flush()
    # A response takes its questionnaire's protective marking (governance/marking.py).
    sensitive = "official_sensitive"
    Response.objects.filter(pk__gte=start, questionnaire__marking=sensitive).update(marking=sensitive)
    return written[0], written[1]


def _events(rng: random.Random, plans: list[Plan], today: date) -> Iterator[tuple[Plan, date, int]]:
    for plan in plans:
        if not plan.event or plan.first > today or plan.status in ("draft", "planned", "cancelled"):
            continue
        if rng.random() < 0.3:
            continue
        last = min(plan.last, today)
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            day = plan.first + timedelta(days=rng.randrange((last - plan.first).days + 1))
            yield plan, day, int(rng.lognormvariate(math.log(25), 0.8)) + 3


def write_attendance(rng: random.Random, plans: list[Plan], *, today: date) -> tuple[int, int]:
    """Head counts at events, and the paper equality forms collected at a third of them."""
    values = Values()
    heads, papers = [], []
    for plan, day, count in _events(rng, plans, today):
        when = datetime.combine(day, time(21), UK)
        heads.append(
            (plan.pk, values.day(day), count, values.flag(rng.random() < 0.3), "", values.moment(when))
        )
        if rng.random() < 0.33:
            mix = Mix(rng, rng.choice(plan.wards), plan.audiences)
            forms = round(count * rng.uniform(0.3, 0.7))
            papers += [(plan.pk, None, "paper", values.day(day), *mix.answers()) for _ in range(forms)]
    made = write_rows(
        Attendance, ["activity_id", "held_on", "head_count", "is_estimate", "notes", "recorded_at"], heads
    )
    return made, write_rows(EqualityRecord, EQUALITY_COLUMNS, papers)
