"""The Content Security Policy: every page carries it, strict, and no template of Heard's pages
holds what it would refuse (an inline script, an event handler attribute, a style attribute or
block). E-mails and downloaded documents are not served as pages, so they may style themselves."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.test import Client

# Templates that are not pages of the site: e-mails, and standalone files people download.
NOT_PAGES = ("/email/", "reports/document.html", "publication/bundle_index.html", "/tests/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
SCRIPT_DATA = re.compile(r'type="application/(ld\+)?json"', re.IGNORECASE)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"\sstyle\s*=|<style[\s>]", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    parts = (p.strip().split(" ", 1) for p in response["Content-Security-Policy"].split(";"))
    return {p[0]: p[1] if len(p) > 1 else "" for p in parts}


def test_pages_carry_a_strict_policy(db):
    policy = _policy(Client().get("/"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"].startswith("'self'")
    assert policy["img-src"] == "'self' data:" and policy["object-src"] == "'none'"
    assert "unsafe" not in " ".join(policy.values())


def test_the_api_docs_carry_it_and_load_only_heards_own_files(db):
    response = Client().get("/api/docs")
    page = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/static/") for s in sources), sources
    assert "cdn" not in page.lower()


def _page_templates() -> list[Path]:
    found = []
    for app in settings.HEARD_APPS:
        root = Path(apps.get_app_config(app).path) / "templates"
        found += [p for p in root.rglob("*.html") if not any(part in str(p) for part in NOT_PAGES)]
    return found


def test_no_page_template_holds_what_the_policy_refuses():
    templates = _page_templates()
    assert len(templates) > 50
    problems = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        scripts = [m for m in INLINE_SCRIPT.findall(text) if not SCRIPT_DATA.search(m)]
        for name, found in (
            ("inline script", scripts),
            ("handler", HANDLER.findall(text)),
            ("style", STYLE.findall(text)),
        ):
            if found:
                problems.append(f"{path}: {name}")
    assert not problems, "\n".join(problems)
