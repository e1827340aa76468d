"""Residents' words leave the organisation that collected them only redacted.

Answers, quotes, notes and comments belong to the organisation that leads the activity they were
given to (the *owning organisation*). Its own staff read them as written; everyone else who may
see them at all (a partner organisation's staff under a data-sharing agreement, authority
members of another body, a platform superuser with no organisation, the public) reads them
with names, addresses, postcodes, phone numbers and e-mail addresses replaced by placeholders.

Every selector that returns such text takes a `TextDoor` for the reader and passes each piece
through it, so the decision is made here, once, for pages, the API and exports alike.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

import heard_text

from .models import User


def reads_raw_text(user: "User | AnonymousUser", owner_id: int | None) -> bool:
    """Whether `user` reads the owning organisation `owner_id`'s text as written."""
    return bool(
        isinstance(user, User)
        and user.is_active
        and owner_id is not None
        and user.organisation_id is not None
        and user.organisation_id == owner_id
    )


@dataclass(frozen=True)
class TextDoor:
    """Passes text through as written (`raw`) or redacted."""

    raw: bool

    def __call__(self, text: str) -> str:
        if self.raw or not text:
            return text
        return str(heard_text.redact(text))

    def many(self, texts: Iterable[str]) -> list[str]:
        return [self(t) for t in texts]

    @property
    def redacts(self) -> bool:
        return not self.raw


REDACTED = TextDoor(raw=False)  # for the public and anything made for outside the organisation


def text_door(user: "User | AnonymousUser", owner_id: int | None) -> TextDoor:
    """The door for `user` reading text owned by organisation `owner_id`."""
    return TextDoor(raw=reads_raw_text(user, owner_id))
