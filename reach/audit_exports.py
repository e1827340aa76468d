"""The audit report as the API's JSON, an XLSX workbook (a sheet per question, through
governance.exports) and a PDF a partnership board can table (core/pdf.py). Both files are
recorded in the audit log."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.pdf import Document
from core.permissions import require
from governance.exports import Sheet, export_response, safe_filename
from governance.models import AuditAction
from governance.services import audit_record
from organisations.models import User

from .audit_report import ActivityLine, AuditReport, Shared
from .audit_template import template_csv, template_xlsx

EXPORT_FORMATS = ("pdf", "xlsx")
PDF_MIME = "application/pdf"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _shared_json(items: list[Shared]) -> list[dict[str, Any]]:
    return [
        {
            "what": s.what,
            "organisations": list(s.organisations),
            "areas": list(s.areas),
            "activities": [a.id for a in s.activities],
        }
        for s in items
    ]


def report_json(report: AuditReport) -> dict[str, Any]:
    scope = report.scope
    return {
        "partnership": scope.partnership.name if scope.partnership else None,
        "area": {"code": scope.area.code, "name": scope.area.name},
        "since": scope.since,
        "until": scope.until,
        "police": report.police_names,
        "partners": report.partner_names,
        "activities": [line.as_json() for line in report.lines],
        "targeting": [
            {
                "organisation": t.organisation,
                "police": t.police,
                "specific": t.specific,
                "whole_community": t.whole,
            }
            for t in report.targeting
        ],
        "gaps": [
            {"audience": g.audience, "areas": list(g.areas), "partner_activities": [a.id for a in g.partners]}
            for g in report.gaps
        ],
        "piggybacks": [
            {
                "police_activity": p.police.id,
                "partner_activity": p.partner.id,
                "reason": p.reason,
                "advice": p.advice,
                "score": p.score,
                "police_cost": float(p.police.budget) if p.police.budget is not None else None,
                "partner_cost": float(p.partner.budget) if p.partner.budget is not None else None,
                "proposal": p.proposal,
            }
            for p in report.piggybacks
        ],
        "shared_methods": _shared_json(report.shared_methods),
        "shared_venues": _shared_json(report.shared_venues),
        "shared_audiences": _shared_json(report.shared_audiences),
    }


ACTIVITY_HEADERS = [
    "ID",
    "Activity",
    "Led by",
    "Police or partner",
    "Method",
    "Purpose",
    "Aimed at",
    "Areas",
    "Starts",
    "Ends",
    "Venue",
    "Cost (£)",
    "Contact",
]


def _activity_row(line: ActivityLine) -> list[Any]:
    return [
        line.id,
        line.title,
        line.organisation,
        "Police" if line.police else "Partner",
        line.method,
        line.purpose,
        "; ".join(line.audiences) or "The whole community",
        "; ".join(line.areas),
        line.starts,
        line.ends,
        line.venue,
        line.budget,
        line.contact,
    ]


def _shared_rows(items: list[Shared]) -> list[list[Any]]:
    return [
        [s.what, "; ".join(s.organisations), "; ".join(s.areas), "; ".join(a.title for a in s.activities)]
        for s in items
    ]


def report_sheets(report: AuditReport) -> list[Sheet]:
    shared_headers = ["What", "Organisations", "Where they overlap", "Activities"]
    return [
        Sheet("Activities", ACTIVITY_HEADERS, [_activity_row(line) for line in report.lines]),
        Sheet(
            "Who they target",
            ["Organisation", "Police or partner", "Aimed at specific audiences", "For the whole community"],
            [
                [t.organisation, "Police" if t.police else "Partner", t.specific, t.whole]
                for t in report.targeting
            ],
        ),
        Sheet(
            "Gaps partners fill",
            ["Audience", "Wards", "Partner activities reaching them", "Led by"],
            [
                [
                    g.audience,
                    "; ".join(g.areas),
                    "; ".join(a.title for a in g.partners),
                    "; ".join(sorted({a.organisation for a in g.partners})),
                ]
                for g in report.gaps
            ],
        ),
        Sheet(
            "Piggybacking",
            [
                "Police activity",
                "Partner activity",
                "Partner",
                "Why",
                "What could be done",
                "Police cost (£)",
                "Partner cost (£)",
                "Proposed",
            ],
            [
                [
                    p.police.title,
                    p.partner.title,
                    p.partner.organisation,
                    p.reason,
                    p.advice,
                    p.police.budget,
                    p.partner.budget,
                    p.proposal,
                ]
                for p in report.piggybacks
            ],
        ),
        Sheet("Shared methods", shared_headers, _shared_rows(report.shared_methods)),
        Sheet("Shared venues", shared_headers, _shared_rows(report.shared_venues)),
        Sheet("Shared audiences", shared_headers, _shared_rows(report.shared_audiences)),
    ]


def _wards(names: tuple[str, ...]) -> str:
    return "; ".join(names) if len(names) <= 8 else f"{len(names)} wards, among them {'; '.join(names[:3])}"


def report_pdf(report: AuditReport) -> bytes:
    scope = report.scope
    doc = Document(
        "Partnership snapshot audit",
        subtitle=f"{scope.title}, {scope.period_label}",
        made_on=timezone.localdate(),
    )
    doc.paragraph(
        f"{len(report.lines)} activities: {len(report.specific)} aimed at specific audiences and "
        f"{len(report.whole)} for the whole community. Police: {', '.join(report.police_names) or 'none'}. "
        f"Partners: {', '.join(report.partner_names) or 'none'}."
    )
    doc.heading("Who each organisation's activities are for")
    doc.table(
        ["Organisation", "Specific audiences", "Whole community"],
        [[t.organisation, t.specific, t.whole] for t in report.targeting],
    )
    if report.targeting:
        doc.bar_chart(
            "Activities by organisation",
            [t.organisation for t in report.targeting],
            [[t.specific for t in report.targeting], [t.whole for t in report.targeting]],
            names=["Specific audiences", "Whole community"],
        )
    doc.heading("Gaps in policing engagement that partners fill")
    doc.table(
        ["Audience", "Wards", "Partner activities"],
        [
            [g.audience, _wards(g.areas), "; ".join(f"{a.title} ({a.organisation})" for a in g.partners)]
            for g in report.gaps
        ],
    )
    doc.heading("Activities the police could piggyback on")
    if report.piggyback_cost:
        doc.paragraph(
            f"The partner activities below cost {report.piggyback_cost} to run between them, where a cost was given."
        )
    doc.table(
        ["Police activity", "Partner activity", "Why", "Costs"],
        [
            [
                p.police.title,
                f"{p.partner.title} ({p.partner.organisation})",
                p.reason,
                f"Police {p.police.cost}; partner {p.partner.cost}",
            ]
            for p in report.piggybacks
        ],
    )
    doc.heading("Resources that could be shared")
    for title, items in (
        ("Methods used by several organisations in the same places", report.shared_methods),
        ("Venues used by several organisations", report.shared_venues),
        ("Audiences several organisations reach", report.shared_audiences),
    ):
        doc.heading(title, level=2)
        doc.table(
            ["What", "Organisations", "Where"],
            [[s.what, "; ".join(s.organisations), "; ".join(s.areas)] for s in items],
        )
    doc.heading("Every activity")
    doc.table(
        ["Activity", "Led by", "Method", "Aimed at", "When", "Cost"],
        [
            [a.title, a.organisation, a.method, "; ".join(a.audiences) or "Whole community", a.when, a.cost]
            for a in report.lines
        ],
    )
    return doc.render()


def report_export(
    *, user: User, report: AuditReport, file_format: str
) -> HttpResponse | StreamingHttpResponse:
    """The report as PDF or XLSX, recorded in the audit log."""
    require(user, "reach.export_partnership_audit", report.scope.partnership)
    if file_format not in EXPORT_FORMATS:
        raise ValidationError({"format": "Choose pdf or xlsx."})
    scope = report.scope
    filename = f"heard-partnership-audit-{scope.area.code}-{timezone.now():%Y%m%d-%H%M}"
    changes = {"scope": scope.title[:300], "since": scope.since.isoformat(), "until": scope.until.isoformat()}
    if file_format == "xlsx":
        return export_response(
            user=user,
            file_format="xlsx",
            filename=filename,
            sheets=report_sheets(report),
            object_type="reach.partnership_audit",
            object_repr=scope.title,
            changes=changes,
        )
    content = report_pdf(report)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="reach.partnership_audit",
        object_repr=scope.title,
        changes={"format": "pdf", "rows": len(report.lines), **changes},
    )
    response = HttpResponse(content, content_type=PDF_MIME)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename)}.pdf"'
    return response


def template_response(*, user: User, file_format: str) -> HttpResponse:
    """The blank template to send partners: nobody's records are in it, but who took it is noted."""
    require(user, "reach.view_partnership_audit")
    if file_format not in ("csv", "xlsx"):
        raise ValidationError({"format": "Choose csv or xlsx."})
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="reach.audit_template",
        changes={"format": file_format},
    )
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(template_xlsx(), content_type=XLSX_MIME)
    response["Content-Disposition"] = (
        f'attachment; filename="heard-partner-activities-template.{file_format}"'
    )
    return response
