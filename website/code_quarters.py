"""The neighbourhood page's policing codes quarter by quarter, in the visitor's language: the
quarters named, and a line chart of the subjects with most figures shown, drawn on the server
from the shown figures only (a hidden quarter is a gap in its line, and the chart's text
alternative says so). The figures, and which are hidden, come from
`insight/code_trends_public.py`; the words are here, in the public catalogue."""

from dataclasses import replace

from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext, ngettext

from insight.charts import count_chart
from insight.code_trends import CHART_LINES, CodeTrend

from .code_names import in_visitors_language


def quarter_words(quarter: str) -> str:
    """'2026-Q4' -> 'October to December 2026'."""
    year, number = int(quarter[:4]), int(quarter[-1])
    return gettext("%(first)s to %(last)s %(year)s") % {
        "first": MONTHS[3 * number - 2],
        "last": MONTHS[3 * number],
        "year": year,
    }


def quarter_short(quarter: str) -> str:
    """'2026-Q4' -> 'Oct–Dec 2026', for the chart's axis."""
    year, number = int(quarter[:4]), int(quarter[-1])
    first, last = str(MONTHS_3[3 * number - 2]), str(MONTHS_3[3 * number])
    return f"{first[:1].upper()}{first[1:]}–{last[:1].upper()}{last[1:]} {year}"


def _point_title(label: str, quarter: str, count: str) -> str:
    return gettext("%(subject)s: %(count)s in %(quarter)s") % {
        "subject": label,
        "count": count,
        "quarter": quarter_words(quarter),
    }


def with_public_chart(trend: CodeTrend, below: int) -> CodeTrend:
    """The chart of the (at most five) subjects with most figures shown."""
    ranked = sorted(
        (r for r in trend.rows if any(c.count for c in r.public_quarters)),
        key=lambda r: (-sum(c.count or 0 for c in r.public_quarters), r.label),
    )[:CHART_LINES]
    lines = [(r.label, [c.count for c in r.public_quarters]) for r in ranked]
    if not lines:
        return replace(trend, chart=None)
    words = {
        "count": len(lines),
        "first": quarter_words(trend.quarters[0]),
        "last": quarter_words(trend.quarters[-1]),
        "below": below,
    }
    description = ngettext(
        "Line chart of how many written answers raised %(count)d subject in each quarter, from "
        "%(first)s to %(last)s. A quarter whose figure is not shown (fewer than %(below)d, or "
        "withheld so that a small figure cannot be worked out) is a gap in the line. The table "
        "below gives the figures.",
        "Line chart of how many written answers raised each of %(count)d subjects in each quarter, "
        "from %(first)s to %(last)s, one line each. A quarter whose figure is not shown (fewer than "
        "%(below)d, or withheld so that a small figure cannot be worked out) is a gap in its line. "
        "The table below gives the figures.",
        len(lines),
    )
    chart = count_chart(
        trend.quarters,
        lines,
        title=gettext("What people in %(area)s raised, quarter by quarter") % {"area": trend.area.name},
        description=description % words,
        y_title=gettext("Written answers"),
        x_title=gettext("Quarter"),
        caption=gettext(
            "Each line is a subject: how many written answers raised it in each quarter. "
            "A gap is a quarter whose figure is not shown. The table gives the figures."
        ),
        quarter_short=quarter_short,
        point_title=_point_title,
    )
    return replace(trend, chart=chart)


def in_words(trend: CodeTrend, below: int) -> CodeTrend:
    """The public trend as the page shows it: subjects and quarters named in the visitor's
    language, and its chart."""
    named = in_visitors_language(trend)
    rows = [
        replace(
            row,
            public_quarters=[
                replace(cell, period=quarter_words(q))
                for q, cell in zip(named.quarters, row.public_quarters, strict=True)
            ],
        )
        for row in named.rows
    ]
    worded = replace(named, rows=rows, quarter_names=[quarter_words(q) for q in named.quarters])
    return with_public_chart(worded, below)
