"""`manage.py two_factor_reset USERNAME`: turn off somebody's two-factor sign-in when they have
lost both their phone and their recovery codes. If their role needs it, they set it up again at
their next sign-in."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisations.models import User
from organisations.two_factor import has_authenticator, second_factor_remove


class Command(BaseCommand):
    help = "Turn off a user's two-factor sign-in (their authenticator app and recovery codes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        if not has_authenticator(user):
            raise CommandError(f"{username} has not set up two-factor sign-in.")
        second_factor_remove(user=user, actor=None)
        self.stdout.write(
            f"Two-factor sign-in is off for {username}. They can set it up again when they sign in."
        )
