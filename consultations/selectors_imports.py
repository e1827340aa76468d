"""What the pages and the API show of a response import: the import itself, and its problems
through the reader's door (they quote the file's cells, which may be residents' words)."""

from typing import Any

from core.shortcuts import get_visible_or_404

from .import_running import response_imports_fail_stale
from .models import Questionnaire, ResponseImport
from .selectors_answers import reader_door


def response_import_get(*, user: Any, pk: int, questionnaire: Questionnaire) -> ResponseImport:
    """The import, if the user may see its questionnaire (404 otherwise); stale ones failed first."""
    response_imports_fail_stale()
    return get_visible_or_404(ResponseImport.objects.filter(questionnaire=questionnaire), user, pk)


def response_import_problems(*, user: Any, job: ResponseImport) -> tuple[list[dict[str, Any]], str]:
    """The import's row problems and error as `user` may read them: they can quote the file's
    cells, residents' words, so they are redacted for anyone outside the owning organisation."""
    door = reader_door(user=user, activity=job.questionnaire.activity)
    rows = [{"line": e["line"], "problems": door.many(e["problems"])} for e in job.row_errors]
    return rows, door(job.error)
