"""Reading request bodies. JSON may carry a lone surrogate ("\\ud800"), which is not a character:
no database, file or page can hold it. Such a body is refused with a 400 that says so, rather
than failing later where the text is stored or shown."""

import json
import re
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from core.text import SURROGATES

PARSE_PROBLEM = "_heard_parse_problem"
_SURROGATE = re.compile(f"[{SURROGATES}]")


def _has_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


class HeardParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        try:
            data = json.loads(request.body)
        except (UnicodeDecodeError, ValueError) as error:
            setattr(request, PARSE_PROBLEM, "The request body is not valid JSON in UTF-8.")
            raise ValueError("not JSON") from error
        if _has_surrogate(data):
            setattr(
                request,
                PARSE_PROBLEM,
                "The request holds text with a lone surrogate (such as \\ud800), which is not a "
                "character: send the text as it was written.",
            )
            raise ValueError("lone surrogate")
        return data
