"""axe-core in a real browser, shared by every accessibility walk: where axe is, the WCAG rules it
runs, the two widths, and `AxeReport`, which runs it on a page and collects what fails."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

AXE = Path(settings.BASE_DIR) / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe has no wcag22a tag: 2.2's new A rules are AA).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ERROR_TITLE = re.compile(r"^Error: ")  # GOV.UK: a page with errors says so first in its title

RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return {
        version: axe.version,
        passes: results.passes.length,
        violations: results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 200),
                                      summary: n.failureSummary || ""})),
        })),
    };
}"""


def require_axe() -> Path:
    """axe-core from npm. Missing fails in CI and skips locally, saying how to get it."""
    if not AXE.exists():
        message = (
            f"axe-core is not installed at {AXE.relative_to(settings.BASE_DIR)}: "
            "run `make test-browser` (or `npm ci --prefix frontend`), which installs it from "
            "frontend/package-lock.json"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@functools.cache
def axe_source() -> str:
    """axe-core's script, read once: each page state injects it again."""
    return AXE.read_text(encoding="utf-8")


# --- the checks ---------------------------------------------------------------------------


@dataclass
class AxeReport:
    """Runs axe on a page; violations of the `failing` impacts are problems, others are listed.
    On a phone, a page wider than the screen is a problem too."""

    viewport: str
    problems: list[str] = field(default_factory=list)
    minor: list[str] = field(default_factory=list)
    version: str = ""
    failing: frozenset[str] = frozenset(FAILING_IMPACTS)
    reflow: bool = True  # check that a phone-sized page does not scroll sideways

    def __call__(self, page: Page, name: str) -> None:
        # Evaluated rather than added as a <script>: the Content Security Policy refuses inline
        # scripts, and the test drives the browser, it is not part of the page.
        page.evaluate(axe_source())
        result = page.evaluate(RUN_AXE, WCAG_TAGS)
        self.version = result["version"]
        if not result["passes"]:
            self.problems.append(
                f"[{self.viewport}] {name} ({page.url}): axe passed no rule at all: did it run?"
            )
        for violation in result["violations"]:
            lines = [
                f"[{self.viewport}] {name} ({page.url}): {violation['id']} ({violation['impact']}): "
                f"{violation['help']} <{violation['helpUrl']}>"
            ]
            for node in violation["nodes"]:
                lines.append(f"    {node['target']}: {node['html']}")
                lines.extend(f"      {line}" for line in node["summary"].splitlines() if line.strip())
            (self.problems if violation["impact"] in self.failing else self.minor).append("\n".join(lines))
        if self.reflow and page.viewport_size and page.viewport_size["width"] <= PHONE["width"]:
            wide = page.evaluate(
                "document.documentElement.scrollWidth > window.innerWidth + 1"
                " ? document.documentElement.scrollWidth : 0"
            )
            if wide:
                self.problems.append(
                    f"[{self.viewport}] {name} ({page.url}): the page is {wide}px wide, so it scrolls "
                    "sideways (WCAG 1.4.10 Reflow)"
                )
