"""Form fields for picking areas: tree-ordered, each name indented by its depth."""

from typing import Any

from core.forms import RecordChoiceField, RecordMultipleChoiceField


class AreaChoiceField(RecordChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tree_label)


class AreaMultipleChoiceField(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tree_label)
