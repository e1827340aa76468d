"""Form fields for picking areas: tree-ordered, each name indented by its depth."""

from typing import Any

from django import forms


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tree_label)


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.tree_label)
