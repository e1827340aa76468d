"""The form for a new API token: what it is for, and how many days it lasts."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("What is the token for?"),
        help_text=gettext_lazy(
            "For example, the council's case system. You will see this name in your list of tokens."
        ),
        max_length=100,
    )
    days = forms.IntegerField(
        label=gettext_lazy("How many days should it last?"),
        min_value=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        longest = settings.HEARD_API_TOKEN_DAYS
        days = cast(forms.IntegerField, self.fields["days"])
        days.max_value = longest
        days.validators.append(MaxValueValidator(longest))
        days.widget.attrs["max"] = longest
        days.initial = longest
        days.help_text = (
            f"At most {longest} days. After that it stops working and you rotate it or make a new one."
        )
        days.error_messages.update(
            {
                "required": "Enter how many days the token should last",
                "invalid": "Enter the number of days as a whole number, like 30",
                "min_value": "The token must last at least 1 day",
                "max_value": f"A token can last at most {longest} days",
            }
        )
        self.fields["name"].error_messages.update(
            {
                "required": "Enter what the token is for",
                "max_length": "What the token is for must be 100 characters or fewer",
            }
        )
