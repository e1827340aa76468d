"""The results' filter form as a reader fills it in, from a page's query string: shared by the
results pages (views/reports.py) and the export made in the background (hooks_exports.py), so
that both narrow the responses the same way."""

from collections.abc import Mapping
from typing import Any

from organisations.models import User

from . import selectors
from .forms import ResultsFilterForm
from .models import Questionnaire


def results_filter_form(
    *, user: User, questionnaire: Questionnaire, data: Mapping[str, Any]
) -> ResultsFilterForm:
    given = {k: v for k, v in data.items() if k not in ("page", "question")}
    return ResultsFilterForm(
        given or None,
        areas=selectors.filter_areas(user=user, questionnaire=questionnaire),
        search_refused=selectors.search_refusal(user=user, activity=questionnaire.activity),
        languages=selectors.filter_languages(user=user, questionnaire=questionnaire),
    )
