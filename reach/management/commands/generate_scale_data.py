"""manage.py generate_scale_data [--areas 1000] [--activities 20000] [--responses 1000000]
[--seed N] [--today YYYY-MM-DD] [--force]: a large, realistic dataset for benchmarks
(reach/scale_data; issue 9 §7). Only into an empty database unless --force."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from reach.scale_data import CannotGenerate, Sizes, generate


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Generate a large, realistic dataset (areas, activities, responses) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--areas", type=_positive, default=1_000, help="Wards (1,000).")
        parser.add_argument("--activities", type=_positive, default=20_000, help="Activities (20,000).")
        parser.add_argument("--responses", type=int, default=1_000_000, help="Responses (1,000,000).")
        parser.add_argument("--districts", type=int, default=0, help="Districts (one per 100 wards).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same data (1).")
        parser.add_argument("--today", type=date.fromisoformat, help="The day the data ends around (today).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already has data (never for real data).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = Sizes(
            areas=options["areas"],
            activities=options["activities"],
            responses=max(0, options["responses"]),
            districts=max(0, options["districts"]),
        )
        today = options["today"] or timezone.localdate()
        try:
            made = generate(sizes, seed=options["seed"], today=today, force=options["force"])
        except CannotGenerate as error:
            raise CommandError(str(error)) from error
        for name, count in made.counts.items():
            self.stdout.write(f"{count:>12,} {name}")
        total = sum(made.seconds.values())
        steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in made.seconds.items())
        self.stdout.write(f"Made in {total:.1f} s ({steps}); seed {made.seed}, data up to {today:%-d %B %Y}.")
