"""manage.py area_profile CODE — an area's population profile, as JSON or a table."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from places.models import Area
from places.profiles import area_profile


class Command(BaseCommand):
    help = "Print an area's population profile: its own Census counts, or its children's added up."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="ONS code of the area, e.g. E08000009.")
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["code"].strip().upper()
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise CommandError(f"No area with code {code}. Import it first (import_census or import_lookup).")
        profile = area_profile(area)
        if options["format"] == "json":
            self.stdout.write(json.dumps(profile, indent=2, ensure_ascii=False))
            return
        self.stdout.write(format_table(profile))


def format_table(profile: dict[str, Any]) -> str:
    """Plain-text profile: one block per dimension with counts and shares."""
    population = profile["population"]
    lines = [
        f"{profile['name']} ({profile['code']})",
        f"Population: {population:,}" if population is not None else "Population: not known",
    ]
    if not profile["dimensions"]:
        lines.append("No Census counts for this area or the areas in it.")
    for dimension, categories in profile["dimensions"].items():
        total = sum(categories.values())
        width = max(len(c) for c in categories)
        lines += ["", f"{dimension.replace('_', ' ').capitalize()} (total {total:,})"]
        for category, count in categories.items():
            share = f"{100 * count / total:5.1f}%" if total else "     -"
            lines.append(f"  {category:<{width}}  {count:>9,}  {share}")
    return "\n".join(lines)
