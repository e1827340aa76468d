"""Files of measures and plans, for the staff pages and the API alike: a partnership's report
card and an annual engagement plan as PDFs (core/pdf.py, for a partnership board to table), and
the action plan and the annual plan as CSV or XLSX (governance.exports, audited). Every file is
made from the reading door's views, so it holds what the user may see and nothing more."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.pdf import Document
from governance.exports import FORMATS, export_response, safe_filename
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import Partnership, User

from .measures_periods import short_label
from .measures_plan_selectors import AnnualPlanView, annual_plan_export_sheets, strategy_export_sheets
from .measures_selectors import MeasureView, ReportCard
from .models import AnnualPlan, PlanState

PDF_MIME = "application/pdf"


def pdf_response(*, user: User, content: bytes, filename: str, obj: Model, what: str) -> HttpResponse:
    """Send a PDF as a download, recorded in the audit log as an export."""
    audit_record(actor=user, action=AuditAction.EXPORT, obj=obj, changes={"format": "pdf", "what": what})
    response = HttpResponse(content, content_type=PDF_MIME)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.pdf"'
    return response


def _measure_section(doc: Document, view: MeasureView) -> None:
    measure = view.measure
    doc.heading(measure.name, level=2)
    facts = [
        ("What it counts", view.description),
        ("Owner", view.owner),
        ("Area", view.area),
        ("Unit", measure.unit),
        ("Which way is better", measure.get_direction_display()),
        ("Baseline", view.baseline),
        ("Target", view.target),
        ("Latest", f"{view.latest.text} ({view.latest.period_label})" if view.latest else "No figures yet"),
        ("Trend", view.trend),
        ("Against the target", view.against_target),
    ]
    doc.table(["", ""], [[k, v] for k, v in facts if v], widths=[120, 340])
    if view.values:
        count = len(view.values)
        lines: dict[str, Sequence[tuple[float, float]]] = {
            measure.name[:40]: [(float(i), float(v.value)) for i, v in enumerate(view.values)]
        }
        for name, level in (("Baseline", measure.baseline), ("Target", measure.target)):
            if level is not None:
                lines[name] = [(0.0, float(level)), (float(max(count - 1, 1)), float(level))]
        doc.line_chart(
            f"{measure.name}, period by period",
            lines,
            x_labels=[short_label(v.period_start, measure.frequency) for v in view.values],
        )
        doc.table(["Period", "Value", "Note"], [[v.period_label, v.text, v.note] for v in view.values])
    for title, words in (
        ("The story behind the curve", view.story),
        ("Partners with a role to play", "; ".join(view.partners)),
        ("What works", view.what_works),
        ("Next steps", view.next_steps),
    ):
        if words:
            doc.paragraph(f"{title}: {words}")


def report_card_pdf(*, card: ReportCard) -> bytes:
    """The report card as a document a partnership board can table."""
    subtitle = "Results-Based Accountability report card" + (f", {card.period}" if card.period else "")
    doc = Document(f"{card.partnership.name}: report card", subtitle=subtitle, made_on=timezone.localdate())
    if card.members:
        doc.paragraph("Partners: " + ", ".join(card.members) + ".")
    for objective in card.objectives:
        doc.paragraph(f"Objective: {objective}", small=True)
    for group in card.groups:
        doc.heading(group.title)
        doc.paragraph(group.hint, small=True)
        if not group.measures:
            doc.paragraph("No measures in this quadrant yet.")
        for view in group.measures:
            _measure_section(doc, view)
    return doc.render()


def report_card_download(*, user: User, card: ReportCard) -> HttpResponse:
    return pdf_response(
        user=user,
        content=report_card_pdf(card=card),
        filename=f"report-card-{card.partnership.name}",
        obj=card.partnership,
        what="report card",
    )


def annual_plan_pdf(*, view: AnnualPlanView) -> bytes:
    plan = view.plan
    doc = Document(
        f"{plan.partnership.name}: engagement plan {view.year_label}",
        subtitle=view.year_words,
        made_on=timezone.localdate(),
    )
    if plan.state == PlanState.AGREED and plan.agreed_at:
        agreed = timezone.localtime(plan.agreed_at)
        doc.paragraph(f"Agreed {plan.agreed_where}; recorded by {plan.agreed_by_name} on {agreed:%-d %B %Y}.")
    else:
        doc.paragraph("Draft: not yet agreed by the partnership.")
    if view.introduction:
        doc.paragraph(view.introduction)
    doc.heading("Planned activities")
    doc.table(
        ["When", "Activity", "Areas", "Lead", "Why it is planned"],
        [
            [f"{timezone.localtime(i.starts):%-d %b %Y}", i.activity.title, i.areas, i.lead, i.note]
            for i in view.items
        ],
        widths=[60, 150, 90, 90, 90],
    )
    if view.hidden:
        doc.paragraph(
            f"The plan has {view.hidden} more activities of other organisations, not shared with you.",
            small=True,
        )
    if view.changes:
        doc.heading("Changes since it was agreed")
        doc.table(
            ["When", "Who", "Change", "Activity", "Why"],
            [
                [f"{timezone.localtime(c.at):%-d %b %Y}", c.by, c.kind, c.activity, c.reason]
                for c in view.changes
            ],
        )
    return doc.render()


def annual_plan_download(
    *, user: User, plan: AnnualPlan, view: AnnualPlanView, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The plan as CSV, XLSX or PDF. ValidationError for any other format."""
    name = f"engagement-plan-{plan.partnership.name}-{view.year_label.replace('/', '-')}"
    if file_format == "pdf":
        return pdf_response(
            user=user, content=annual_plan_pdf(view=view), filename=name, obj=plan, what="annual plan"
        )
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv, xlsx or pdf."})
    sheets = annual_plan_export_sheets(user=user, plan=plan)
    return export_response(user=user, file_format=file_format, filename=name, sheets=sheets, obj=plan)


def strategy_download(
    *, user: User, partnership: Partnership, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    if file_format not in FORMATS:
        raise ValidationError({"format": "Choose csv or xlsx."})
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"action-plan-{partnership.name}",
        sheets=strategy_export_sheets(user=user, partnership=partnership),
        object_type="outcomes.strategyaction",
        object_repr=f"Action plan of {partnership.name}",
        changes={"partnership": partnership.pk},
    )
