"""Protective marking on every record that carries what people said or what the police know
(seed 002's header carries a marking; issue 11 "Marking and sharing").

A record's marking is inherited from the record it comes from (its *source*: an activity, a
questionnaire, an analysis run…), may be raised, and is never below its source's. There are only
two levels, so "raising" means OFFICIAL-SENSITIVE, and OFFICIAL-SENSITIVE never leaves the owning
organisation. `MarkedModel` gives a model the field, the floor check in `clean()` (with a message
a person can act on) and a safety net in `save()` for rows written outside the services.

Governance sits below the apps that hold these records, so those apps tell it about their
records in their AppConfig.ready(): `register_descendant` (raising a record raises what comes
from it) and `register_marked` (how the shared "raise the marking" page finds, checks and links
one). This is Heard's own rule, hence written here rather than taken from a library.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_save
from django.utils.translation import gettext, gettext_lazy

from core.page_cache import bump_generation

from .models import Marking

OFFICIAL = Marking.OFFICIAL.value
SENSITIVE = Marking.OFFICIAL_SENSITIVE.value
_RANK = {OFFICIAL: 0, SENSITIVE: 1}


def rank(marking: str) -> int:
    return _RANK.get(str(marking), 0)


def strictest(*markings: str) -> str:
    """The highest of `markings` (OFFICIAL when there are none)."""
    return SENSITIVE if any(rank(m) for m in markings) else OFFICIAL


def is_sensitive(marking: str) -> bool:
    return rank(marking) >= rank(SENSITIVE)


def official_only(prefix: str = "") -> Q:
    """Rows whose own marking lets them leave the owning organisation."""
    return Q(**{f"{prefix}marking": OFFICIAL})


def label(marking: str) -> str:
    return str(Marking(marking).label) if marking in _RANK else str(marking)


class MarkedModel(models.Model):
    """A record with a protective marking at least its source's.

    `marking_sources`: names of the foreign keys whose records it comes from (any may be empty)."""

    marking = models.CharField(
        "Protective marking",
        max_length=30,
        choices=Marking.choices,
        default=Marking.OFFICIAL,
        help_text=gettext_lazy("At least the marking of the record it comes from."),
    )

    marking_sources: ClassVar[tuple[str, ...]] = ()
    _stored_marking: str | None = None  # as last read or written: tells a lowering from inheriting

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.marking = strictest(self.marking, self.marking_floor())
        super().save(*args, **kwargs)
        self._stored_marking = self.marking

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> Any:
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_marking = instance.__dict__.get("marking")
        return instance

    def marking_floor(self) -> str:
        sources = (getattr(self, name, None) for name in self.marking_sources)
        return strictest(*(source.marking for source in sources if source is not None))

    def clean(self) -> None:
        """A new record, or one whose marking was not touched, takes its source's marking (so a
        contact moved to an OFFICIAL-SENSITIVE activity becomes OFFICIAL-SENSITIVE); lowering a
        stored marking below the source's is refused."""
        super().clean()
        floor = self.marking_floor()
        stored = getattr(self, "_stored_marking", None)
        if stored is None or rank(stored) <= rank(self.marking):
            self.marking = strictest(self.marking, floor)
        check_floor(self.marking, floor)


def check_floor(marking: str, floor: str) -> None:
    """Refuse a marking below its source's, saying why."""
    if rank(marking) < rank(floor):
        raise ValidationError(
            {
                "marking": gettext(
                    "This cannot be marked %(marking)s: it comes from a record marked %(floor)s, and "
                    "nothing is marked lower than the record it comes from."
                )
                % {"marking": label(marking), "floor": label(floor)}
            }
        )


# Raising a record raises what comes from it -------------------------------------------------

_DESCENDANTS: dict[type[models.Model], list[tuple[type[models.Model], str]]] = {}


def register_descendant(parent: type[models.Model], child: type[MarkedModel], path: str) -> None:
    """`child` rows reached by `path` from a `parent` row are raised with it (paths are direct
    from the parent to every descendant, so one UPDATE per path carries a raise all the way down)."""
    entries = _DESCENDANTS.setdefault(parent, [])
    if (child, path) not in entries:
        entries.append((child, path))
    post_save.connect(_on_saved, sender=parent, dispatch_uid=f"governance.marking.{parent._meta.label_lower}")


def raise_descendants(parent: models.Model) -> int:
    """Mark OFFICIAL-SENSITIVE every registered descendant of a sensitive `parent` that is below
    it. Returns how many rows changed."""
    if not is_sensitive(getattr(parent, "marking", OFFICIAL)):
        return 0
    changed = 0
    for child, path in _DESCENDANTS.get(type(parent), []):
        rows = child._base_manager.filter(**{path: parent.pk}).exclude(marking=SENSITIVE)
        changed += rows.update(marking=SENSITIVE)
    if changed:
        bump_generation()  # update() sends no signals: the public pages must forget these rows
    return changed


def _on_saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    raise_descendants(instance)


# The shared "raise the marking" page finds records through this -----------------------------


@dataclass(frozen=True)
class MarkedKind:
    """How the raise page reaches one kind of record. `visible(user)` is the app's reading door;
    `owner_id(record)` the organisation that holds it; `url(record)` its staff page."""

    model: type[MarkedModel]
    visible: Callable[[Any], models.QuerySet[Any]]
    owner_id: Callable[[Any], int | None]
    url: Callable[[Any], str]
    roles: tuple[str, ...] = ("admin", "engagement_officer", "analyst")


_KINDS: dict[str, MarkedKind] = {}


def register_marked(kind: MarkedKind) -> None:
    _KINDS[kind.model._meta.label_lower] = kind


def kind_for(key: str) -> MarkedKind | None:
    return _KINDS.get(key)


def kind_of(record: models.Model) -> MarkedKind | None:
    return _KINDS.get(record._meta.label_lower)


def can_raise(user: Any, record: models.Model) -> bool:
    """Owners raise a marking: staff of the holding organisation in a role that writes it, or a
    superuser. The record must already be readable by the user (the kind's reading door)."""
    kind = kind_of(record)
    if kind is None or not getattr(user, "is_authenticated", False):
        return False
    if is_sensitive(getattr(record, "marking", OFFICIAL)):
        return False
    if user.is_superuser:
        return True
    owner = kind.owner_id(record)
    return owner is not None and owner == user.organisation_id and user.has_role(*kind.roles)
