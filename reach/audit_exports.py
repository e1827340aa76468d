"""The audit report as the API's JSON, an XLSX workbook (a sheet per question, through
governance.exports) and a PDF a partnership board can table (core/pdf.py). Both files are
recorded in the audit log."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

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
    gettext_lazy("ID"),
    gettext_lazy("Activity"),
    gettext_lazy("Led by"),
    gettext_lazy("Police or partner"),
    gettext_lazy("Method"),
    gettext_lazy("Purpose"),
    gettext_lazy("Aimed at"),
    gettext_lazy("Areas"),
    gettext_lazy("Starts"),
    gettext_lazy("Ends"),
    gettext_lazy("Venue"),
    gettext_lazy("Cost (£)"),
    gettext_lazy("Contact"),
]


def _activity_row(line: ActivityLine) -> list[Any]:
    return [
        line.id,
        line.title,
        line.organisation,
        gettext("Police") if line.police else gettext("Partner"),
        line.method,
        line.purpose,
        "; ".join(line.audiences) or gettext("The whole community"),
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
    shared_headers = [
        gettext("What"),
        gettext("Organisations"),
        gettext("Where they overlap"),
        gettext("Activities"),
    ]
    return [
        Sheet(gettext("Activities"), ACTIVITY_HEADERS, [_activity_row(line) for line in report.lines]),
        Sheet(
            gettext("Who they target"),
            [
                gettext("Organisation"),
                gettext("Police or partner"),
                gettext("Aimed at specific audiences"),
                gettext("For the whole community"),
            ],
            [
                [t.organisation, gettext("Police") if t.police else gettext("Partner"), t.specific, t.whole]
                for t in report.targeting
            ],
        ),
        Sheet(
            gettext("Gaps partners fill"),
            [
                gettext("Audience"),
                gettext("Wards"),
                gettext("Partner activities reaching them"),
                gettext("Led by"),
            ],
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
            gettext("Piggybacking"),
            [
                gettext("Police activity"),
                gettext("Partner activity"),
                gettext("Partner"),
                gettext("Why"),
                gettext("What could be done"),
                gettext("Police cost (£)"),
                gettext("Partner cost (£)"),
                gettext("Proposed"),
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
        Sheet(gettext("Shared methods"), shared_headers, _shared_rows(report.shared_methods)),
        Sheet(gettext("Shared venues"), shared_headers, _shared_rows(report.shared_venues)),
        Sheet(gettext("Shared audiences"), shared_headers, _shared_rows(report.shared_audiences)),
    ]


def _wards(names: tuple[str, ...]) -> str:
    if len(names) <= 8:
        return "; ".join(names)
    return gettext("%(count)s wards, among them %(some)s") % {
        "count": len(names),
        "some": "; ".join(names[:3]),
    }


def report_pdf(report: AuditReport) -> bytes:
    scope = report.scope
    doc = Document(
        gettext("Partnership snapshot audit"),
        subtitle=gettext("%(title)s, %(period_label)s")
        % {"title": scope.title, "period_label": scope.period_label},
        made_on=timezone.localdate(),
    )
    doc.paragraph(
        gettext(
            "%(count)s activities: %(specific)s aimed at specific audiences and %(whole)s for the "
            "whole community. Police: %(police)s. Partners: %(partners)s."
        )
        % {
            "count": len(report.lines),
            "specific": len(report.specific),
            "whole": len(report.whole),
            "police": ", ".join(report.police_names) or gettext("none"),
            "partners": ", ".join(report.partner_names) or gettext("none"),
        }
    )
    doc.heading(gettext("Who each organisation's activities are for"))
    doc.table(
        [gettext("Organisation"), gettext("Specific audiences"), gettext("Whole community")],
        [[t.organisation, t.specific, t.whole] for t in report.targeting],
    )
    if report.targeting:
        doc.bar_chart(
            gettext("Activities by organisation"),
            [t.organisation for t in report.targeting],
            [[t.specific for t in report.targeting], [t.whole for t in report.targeting]],
            names=[gettext("Specific audiences"), gettext("Whole community")],
        )
    doc.heading(gettext("Gaps in policing engagement that partners fill"))
    doc.table(
        [gettext("Audience"), gettext("Wards"), gettext("Partner activities")],
        [
            [g.audience, _wards(g.areas), "; ".join(f"{a.title} ({a.organisation})" for a in g.partners)]
            for g in report.gaps
        ],
    )
    doc.heading(gettext("Activities the police could piggyback on"))
    if report.piggyback_cost:
        doc.paragraph(
            gettext(
                "The partner activities below cost %(piggyback_cost)s to run between them, where a cost "
                "was given."
            )
            % {"piggyback_cost": report.piggyback_cost}
        )
    doc.table(
        [gettext("Police activity"), gettext("Partner activity"), gettext("Why"), gettext("Costs")],
        [
            [
                p.police.title,
                f"{p.partner.title} ({p.partner.organisation})",
                p.reason,
                gettext("Police %(police)s; partner %(partner)s")
                % {"police": p.police.cost, "partner": p.partner.cost},
            ]
            for p in report.piggybacks
        ],
    )
    doc.heading(gettext("Resources that could be shared"))
    for title, items in (
        (gettext("Methods used by several organisations in the same places"), report.shared_methods),
        (gettext("Venues used by several organisations"), report.shared_venues),
        (gettext("Audiences several organisations reach"), report.shared_audiences),
    ):
        doc.heading(title, level=2)
        doc.table(
            [gettext("What"), gettext("Organisations"), gettext("Where")],
            [[s.what, "; ".join(s.organisations), "; ".join(s.areas)] for s in items],
        )
    doc.heading(gettext("Every activity"))
    doc.table(
        [
            gettext("Activity"),
            gettext("Led by"),
            gettext("Method"),
            gettext("Aimed at"),
            gettext("When"),
            gettext("Cost"),
        ],
        [
            [
                a.title,
                a.organisation,
                a.method,
                "; ".join(a.audiences) or gettext("Whole community"),
                a.when,
                a.cost,
            ]
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
        raise ValidationError({"format": gettext("Choose pdf or xlsx.")})
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
        raise ValidationError({"format": gettext("Choose csv or xlsx.")})
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
