"""Files of measures and plans, for the staff pages and the API alike: a partnership's report
card and an annual engagement plan as PDFs (core/pdf.py, for a partnership board to table), and
the action plan and the annual plan as CSV or XLSX (governance.exports, audited). Every file is
made from the reading door's views, so it holds what the user may see and nothing more."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

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
        (gettext("What it counts"), view.description),
        (gettext("Owner"), view.owner),
        (gettext("Area"), view.area),
        (gettext("Unit"), measure.unit),
        (gettext("Which way is better"), measure.get_direction_display()),
        (gettext("Baseline"), view.baseline),
        (gettext("Target"), view.target),
        (
            gettext("Latest"),
            f"{view.latest.text} ({view.latest.period_label})" if view.latest else gettext("No figures yet"),
        ),
        (gettext("Trend"), view.trend),
        (gettext("Against the target"), view.against_target),
    ]
    doc.table(["", ""], [[k, v] for k, v in facts if v], widths=[120, 340])
    if view.values:
        count = len(view.values)
        lines: dict[str, Sequence[tuple[float, float]]] = {
            measure.name[:40]: [(float(i), float(v.value)) for i, v in enumerate(view.values)]
        }
        for name, level in ((gettext("Baseline"), measure.baseline), (gettext("Target"), measure.target)):
            if level is not None:
                lines[name] = [(0.0, float(level)), (float(max(count - 1, 1)), float(level))]
        doc.line_chart(
            gettext("%(name)s, period by period") % {"name": measure.name},
            lines,
            x_labels=[short_label(v.period_start, measure.frequency) for v in view.values],
        )
        doc.table(
            [gettext("Period"), gettext("Value"), gettext("Note")],
            [[v.period_label, v.text, v.note] for v in view.values],
        )
    for title, words in (
        (gettext("The story behind the curve"), view.story),
        (gettext("Partners with a role to play"), "; ".join(view.partners)),
        (gettext("What works"), view.what_works),
        (gettext("Next steps"), view.next_steps),
    ):
        if words:
            doc.paragraph(gettext("%(title)s: %(words)s") % {"title": title, "words": words})


def report_card_pdf(*, card: ReportCard) -> bytes:
    """The report card as a document a partnership board can table."""
    subtitle = (
        gettext("Results-Based Accountability report card, %(period)s") % {"period": card.period}
        if card.period
        else gettext("Results-Based Accountability report card")
    )
    doc = Document(
        gettext("%(name)s: report card") % {"name": card.partnership.name},
        subtitle=subtitle,
        made_on=timezone.localdate(),
    )
    if card.members:
        doc.paragraph(gettext("Partners: %(partners)s.") % {"partners": ", ".join(card.members)})
    for objective in card.objectives:
        doc.paragraph(gettext("Objective: %(objective)s") % {"objective": objective}, small=True)
    for group in card.groups:
        doc.heading(group.title)
        doc.paragraph(group.hint, small=True)
        if not group.measures:
            doc.paragraph(gettext("No measures in this quadrant yet."))
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
        gettext("%(name)s: engagement plan %(year_label)s")
        % {"name": plan.partnership.name, "year_label": view.year_label},
        subtitle=view.year_words,
        made_on=timezone.localdate(),
    )
    if plan.state == PlanState.AGREED and plan.agreed_at:
        agreed = timezone.localtime(plan.agreed_at)
        doc.paragraph(
            gettext("Agreed %(agreed_where)s; recorded by %(agreed_by_name)s on %(agreed)s.")
            % {
                "agreed_where": plan.agreed_where,
                "agreed_by_name": plan.agreed_by_name,
                "agreed": date_format(agreed, "j F Y"),
            }
        )
    else:
        doc.paragraph(gettext("Draft: not yet agreed by the partnership."))
    if view.introduction:
        doc.paragraph(view.introduction)
    doc.heading(gettext("Planned activities"))
    doc.table(
        [
            gettext("When"),
            gettext("Activity"),
            gettext("Areas"),
            gettext("Lead"),
            gettext("Why it is planned"),
        ],
        [
            [f"{timezone.localtime(i.starts):%-d %b %Y}", i.activity.title, i.areas, i.lead, i.note]
            for i in view.items
        ],
        widths=[60, 150, 90, 90, 90],
    )
    if view.hidden:
        doc.paragraph(
            gettext("The plan has %(hidden)s more activities of other organisations, not shared with you.")
            % {"hidden": view.hidden},
            small=True,
        )
    if view.changes:
        doc.heading(gettext("Changes since it was agreed"))
        doc.table(
            [gettext("When"), gettext("Who"), gettext("Change"), gettext("Activity"), gettext("Why")],
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
        raise ValidationError({"format": gettext("Choose csv, xlsx or pdf.")})
    sheets = annual_plan_export_sheets(user=user, plan=plan)
    return export_response(user=user, file_format=file_format, filename=name, sheets=sheets, obj=plan)


def strategy_download(
    *, user: User, partnership: Partnership, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    if file_format not in FORMATS:
        raise ValidationError({"format": gettext("Choose csv or xlsx.")})
    return export_response(
        user=user,
        file_format=file_format,
        filename=f"action-plan-{partnership.name}",
        sheets=strategy_export_sheets(user=user, partnership=partnership),
        object_type="outcomes.strategyaction",
        object_repr=f"Action plan of {partnership.name}",
        changes={"partnership": partnership.pk},
    )
