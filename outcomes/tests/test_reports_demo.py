"""The demo's reports: the year's annual report and the last twelve months' evidence pack for
Trafford, made at once, ready to download; safe to run twice."""

from datetime import date

from outcomes.demo_reports import demo_load_reports
from outcomes.models import Report, ReportKind, ReportState

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import YEAR


def test_the_demo_has_an_annual_report_and_an_evidence_pack_to_download(world, analyst):
    today = date(YEAR, 12, 31)
    first = demo_load_reports(analyst=analyst, today=today)
    assert (first.annual, first.evidence_pack, first.made) == (ReportState.DONE, ReportState.DONE, 2)
    annual = Report.objects.get(kind=ReportKind.ANNUAL)
    pack = Report.objects.get(kind=ReportKind.EVIDENCE)
    assert annual.year == YEAR and annual.area == world.district and bytes(annual.pdf).startswith(b"%PDF")
    assert (pack.start, pack.end) == (date(YEAR, 1, 1), today)
    assert pack.data["heard"]["people"] == 52
    again = demo_load_reports(analyst=analyst, today=today)
    assert again.made == 0 and Report.objects.count() == 2


def test_without_trafford_the_demo_makes_nothing(analyst):
    assert demo_load_reports(analyst=analyst).made == 0 and not Report.objects.exists()
