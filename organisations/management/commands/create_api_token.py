"""`manage.py create_api_token USERNAME NAME`: a bearer token for the HTTP API."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisations.models import User
from organisations.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for a user. The token is printed once and stored only hashed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'council CRM sync'.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Lifetime in days (default and most: HEARD_API_TOKEN_DAYS).",
        )

    def handle(self, *args: Any, username: str, name: str, days: int | None, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        try:
            _, raw = api_token_create(user=user, name=name, days=days)
        except PermissionDenied as error:
            raise CommandError(f"{username} is not a member of an organisation's staff.") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(raw)
