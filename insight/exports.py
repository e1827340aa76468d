"""Themes and coded answers of an analysis as rows for CSV and Excel, redacted when they leave
the owning organisation; each export is audited."""

from typing import Any

from governance.models import AuditAction
from governance.services import audit_record

from . import text
from .models import AnalysisRun, Theme
from .rules import require


def run_export_audit(*, user: Any, run: AnalysisRun, part: str, file_format: str, rows: int) -> None:
    require(user, "insight.export_run", run)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        obj=run,
        changes={"part": part, "format": file_format, "rows": rows},
    )


def theme_rows(run: AnalysisRun, *, redacted: bool) -> list[list[Any]]:
    out = []
    for theme in run.themes.all():
        quotes = [text.redact(q) if redacted else q for q in theme.quotes]
        terms = "; ".join(theme.key_terms)
        out.append(
            [
                text.redact(theme.label) if redacted else theme.label,
                theme.size,
                text.redact(terms) if redacted else terms,
                "yes" if theme.reviewed else "no",
                *quotes[:3],
            ]
        )
    return out


THEME_HEADERS = ["theme", "answers", "key terms", "reviewed", "quote 1", "quote 2", "quote 3"]
CODED_HEADERS = ["answer id", "received", "channel", "area", "theme", "confidence", "answer"]


def coded_rows(run: AnalysisRun, *, redacted: bool) -> list[list[Any]]:
    out = []
    redacted_labels: dict[str, str] = {}
    rows = run.coded_answers.select_related("theme", "answer__response__area").order_by(
        "theme__position", "id"
    )
    for coded in rows:
        response = coded.answer.response
        label = coded.theme.label if coded.theme else "No answer / nothing to add"
        if redacted:
            label = redacted_labels.setdefault(label, text.redact(label))
        answer_text = text.redact(coded.answer.text) if redacted else coded.answer.text
        out.append(
            [
                coded.answer_id,
                response.submitted_at.date().isoformat(),
                response.get_channel_display(),
                response.area.name if response.area else "",
                label,
                round(coded.confidence, 3),
                answer_text,
            ]
        )
    return out


def themes_by_id(run: AnalysisRun) -> dict[int, Theme]:
    return {t.pk: t for t in run.themes.all()}
