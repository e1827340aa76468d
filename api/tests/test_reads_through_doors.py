"""The API reads what it shows only through the apps' selectors (the reading doors), never
straight from a model of scoped data. Only open reference data (areas, audiences, methods, the
organisations' directory) and the token table the sign-in checks are read here directly. Read
from the source, so that a new router that forgets the door fails here."""

import ast
from pathlib import Path

import api

OPEN_DATA = {"Area", "AreaBoundary", "Audience", "Method", "Organisation", "ApiToken", "NationalStandard"}
MANAGERS = {"objects", "private_objects", "public_objects", "_default_manager", "_base_manager"}
SOURCES = sorted(p for p in Path(api.__file__).parent.glob("*.py"))


def _unsafe_reads(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            owner = node.value.id if isinstance(node.value, ast.Name) else ast.unparse(node.value)
            if owner not in OPEN_DATA or node.attr != "objects":
                found.append(f"{owner}.{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Attribute) and node.attr == "visible_to":
            found.append(f"visible_to (line {node.lineno}): use the app's selectors")
        elif isinstance(node, ast.Name) and node.id in ("get_object_or_404", "get_list_or_404"):
            found.append(f"{node.id} (line {node.lineno}): use the app's selectors or core.shortcuts")
    return found


def test_the_api_reads_scoped_data_only_through_selectors():
    assert len(SOURCES) >= 8
    problems = {
        path.name: found
        for path in SOURCES
        if (found := _unsafe_reads(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert not problems, f"direct reads in the API: {problems}"


def test_the_scan_catches_a_direct_read():
    bad = ast.parse(
        "Answer.objects.filter(pk=1)\n"
        "Activity.private_objects.visible_to(user)\n"
        "get_object_or_404(Theme, pk=1)\n"
        "model.objects.all()\n"
    )
    assert len(_unsafe_reads(bad)) == 5
