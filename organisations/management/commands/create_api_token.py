"""`manage.py create_api_token USERNAME NAME`: a bearer token for the HTTP API."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from organisations.models import User
from organisations.services import api_token_create


class Command(BaseCommand):
    help = "Create an API bearer token for a user. The token is printed once and stored only hashed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="What the token is for, e.g. 'council CRM sync'.")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        _, raw = api_token_create(user=user, name=name)
        self.stdout.write(raw)
