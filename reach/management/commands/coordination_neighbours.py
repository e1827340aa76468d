"""`manage.py coordination_neighbours`: work out again which wards are next to each other, from the
stored boundaries (Heard does it by itself whenever a boundary changes; this is for data loaded
before coordination existed, or to check)."""

from typing import Any

from django.core.management.base import BaseCommand

from reach.coordination_neighbours import area_neighbours_refresh


class Command(BaseCommand):
    help = "Work out which wards are next to each other from their boundaries, for coordination between partners."

    def handle(self, *args: Any, **options: Any) -> None:
        pairs = area_neighbours_refresh()
        self.stdout.write(f"{pairs} pairs of neighbouring wards.")
