"""`manage.py demo_load`: load the Trafford demo and print one login per role."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from heard.demo import DEMO_PASSWORD, USERS, demo_load


class Command(BaseCommand):
    help = "Load the Trafford demo data (safe to run again) and print the demo logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where Heard will be served, for the sign-in address printed (make demo passes its HOST and PORT).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load(progress=self.stdout.isatty())
        self.stdout.write(
            f"Demo ready: {summary.organisations} organisations, {summary.activities} activities "
            f"({summary.created_activities} new), {summary.live_questionnaires} live questionnaires."
        )
        base = str(options["url"]).rstrip("/")
        self.stdout.write(f"\nSign in at {base}/accounts/login/ with any of these:")
        for username, _, role, _, _, title in USERS:
            self.stdout.write(f"  {role.label:<22} {username:<10} password: {DEMO_PASSWORD}   ({title})")
