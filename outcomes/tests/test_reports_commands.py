"""`manage.py evidence_pack` and `manage.py annual_report`: the same documents as the pages, made
at once, as PDF or HTML by the file's name; as the database's holder unless `--user` is given;
clear errors for bad arguments."""

import io

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from organisations.models import Role
from organisations.tests.factories import UserFactory

from .reports_fixtures import *  # noqa: F403
from .reports_fixtures import PLANTED, YEAR


def _words(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_evidence_pack_command_writes_a_pdf(world, tmp_path):
    out = tmp_path / "pack.pdf"
    stdout = io.StringIO()
    call_command(
        "evidence_pack",
        "--from",
        f"{YEAR}-01-01",
        "--to",
        f"{YEAR}-12-31",
        "--area",
        "E08000009",
        "--out",
        str(out),
        stdout=stdout,
    )
    words = _words(out)
    assert "The law asks the police and crime commissioner" in words
    assert "People reached 102" in words  # the holder of the database reads the council's event too
    assert "[NAME]" in words and not [v for v in PLANTED if v in words]
    assert "Wrote Evidence of people's views" in stdout.getvalue()


def test_the_annual_report_command_writes_html_or_pdf(world, tmp_path):
    html = tmp_path / "report.html"
    call_command(
        "annual_report", "--year", str(YEAR), "--area", "e08000009", "--out", str(html), stdout=io.StringIO()
    )
    text = html.read_text(encoding="utf-8")
    assert "<h1>Annual outcome report 2025</h1>" in text and "What we did" in text
    pdf = tmp_path / "report.pdf"
    call_command("annual_report", "--year", str(YEAR), "--out", str(pdf), stdout=io.StringIO())
    assert "4 engagement activities were held" in _words(pdf)


def test_as_a_user_it_holds_what_they_may_see(world, council, tmp_path):
    UserFactory(username="counciller", organisation=council, roles=[Role.ANALYST])
    out = tmp_path / "theirs.html"
    call_command(
        "annual_report", "--year", str(YEAR), "--user", "counciller", "--out", str(out), stdout=io.StringIO()
    )
    text = out.read_text(encoding="utf-8")
    assert "1 engagement activity was held" in text and "Altrincham PACT meeting" not in text


@pytest.mark.parametrize(
    ("command", "arguments", "message"),
    [
        ("annual_report", ["--year", str(YEAR), "--out", "report.docx"], ".pdf or .html"),
        ("annual_report", ["--year", "1999", "--out", "r.pdf"], "Choose a year"),
        ("annual_report", ["--year", str(YEAR), "--area", "E09999999", "--out", "r.pdf"], "No area"),
        ("annual_report", ["--year", str(YEAR), "--user", "nobody", "--out", "r.pdf"], "No active user"),
        ("evidence_pack", ["--from", "2025-13-01", "--to", "2025-12-31", "--out", "p.pdf"], "is not a date"),
        ("evidence_pack", ["--from", "2025-12-01", "--to", "2025-01-01", "--out", "p.pdf"], "on or after"),
        (
            "evidence_pack",
            ["--from", "2025-01-01", "--to", "2025-12-31", "--target", "9999", "--out", "p.pdf"],
            "No target profile",
        ),
    ],
)
def test_bad_arguments_are_clear_errors(world, tmp_path, command, arguments, message):
    arguments = [str(tmp_path / a) if a.endswith((".pdf", ".docx")) else a for a in arguments]
    with pytest.raises(CommandError, match=message):
        call_command(command, *arguments, stdout=io.StringIO())
