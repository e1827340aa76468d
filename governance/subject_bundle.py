"""The copy of what Heard holds about a person, as one zip file: `data.json` (everything),
one CSV per kind of record (safe to open in a spreadsheet: governance/exports.py `cell`) and a
`README.txt` in plain English saying what each file is. Built with the standard library's
zipfile and csv: there is nothing more to it."""

import csv
import io
import json
import zipfile
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from .exports import cell
from .subject_models import SubjectRequest
from .subject_selectors import Results

README = gettext_lazy("""What %(force)s holds about you
%(line)s

You asked us on %(received)s for a copy of the information we hold about you in Heard, our
community engagement system. We searched for %(identifier)s. This file was made on %(made)s.

What is in this folder
%(files)s
- data.json: everything above in one file, for a computer to read.

%(withheld)sWhat we do with it
Your answers to consultations help us understand what matters in your area. We publish only
totals and summaries, with names, addresses and other personal details removed.
You can withdraw a consultation response at any time with its receipt code, or ask us to
delete everything we hold about you. If you are unhappy with how we have handled your
information, contact our data protection officer, or the Information Commissioner's Office
(ico.org.uk).
""")


def _flatten(record: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per record, or per item of a list it holds (a response's answers)."""
    base = {k: v for k, v in record.items() if not isinstance(v, list)}
    lists = {k: v for k, v in record.items() if isinstance(v, list)}
    rows = [base]
    for name, items in lists.items():
        if items and all(isinstance(i, dict) for i in items):
            rows = [{**row, **{f"{name}_{k}": v for k, v in item.items()}} for row in rows for item in items]
        else:
            rows = [{**row, name: "; ".join(str(i) for i in items)} for row in rows]
    return rows


def _csv(rows: list[dict[str, Any]]) -> str:
    flat = [row for record in rows for row in _flatten(record)]
    headers: list[str] = []
    for row in flat:
        headers += [h for h in row if h not in headers]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in flat:
        writer.writerow([cell(row.get(h, "")) for h in headers])
    return buffer.getvalue()


def bundle_bytes(*, request: SubjectRequest, results: Results) -> bytes:
    made = timezone.localtime()
    data: dict[str, Any] = {
        "request": {"received": request.received_on.isoformat(), "made": made.isoformat()}
    }
    files, withheld = [], []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for found in results.found:
            kind = found.record_type
            if not found.in_copy:
                if found.count:
                    withheld.append(
                        str(kind.withheld)
                        or gettext("%(records)s are not included.") % {"records": kind.label.capitalize()}
                    )
                continue
            data[kind.key] = found.rows
            archive.writestr(f"{kind.key}.csv", _csv(found.rows))
            files.append(
                gettext("- %(file)s: your %(records)s (%(count)s).")
                % {"file": f"{kind.key}.csv", "records": kind.label, "count": found.count}
            )
        data["audit_entries"] = results.audit
        archive.writestr("audit_entries.csv", _csv(results.audit))
        files.append(
            gettext("- %(file)s: when your records were created, changed or looked at (%(count)s).")
            % {"file": "audit_entries.csv", "count": len(results.audit)}
        )
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False, default=str))
        force = getattr(settings, "HEARD_FORCE_NAME", "") or "Heard"
        archive.writestr(
            "README.txt",
            README
            % {
                "force": force,
                "line": "=" * len(str(README).split("\n", 1)[0] % {"force": force}),
                "received": date_format(request.received_on, "d F Y"),
                "identifier": request.identifier_hint,
                "made": date_format(made, "d F Y"),
                "files": "\n".join(files),
                "withheld": (gettext("Not included") + "\n" + "\n".join(f"- {w}" for w in withheld) + "\n\n")
                if withheld
                else "",
            },
        )
    return out.getvalue()
