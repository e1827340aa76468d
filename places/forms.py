"""Form fields for picking areas: tree-ordered, each name indented by its depth."""

from collections.abc import Iterator
from typing import Any

from django.forms.models import ModelChoiceIterator

from core.forms import RecordChoiceField, RecordMultipleChoiceField
from core.widgets import QuickSelect


def tree_label(name: str, path: str) -> str:
    """The name indented by depth, for pick-lists ordered by `path` (as `Area.tree_label`)."""
    return "— " * (path.count("/") - 1) + name


class AreaChoices(ModelChoiceIterator):
    """The areas as (value, label) pairs read as plain values: building a thousand `Area`s only
    to print their names was most of a force-wide pick-list's time."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        for value, name, path in self.queryset.values_list(key, "name", "path"):
            yield (value, tree_label(name, path))


class AreaChoiceField(RecordChoiceField):
    """One area. A force has a thousand or more: the list is read as values and drawn without a
    template per option."""

    iterator = AreaChoices
    widget = QuickSelect


class AreaMultipleChoiceField(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tree_label)
