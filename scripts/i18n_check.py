"""Check Heard's public translation catalogues (README "Languages"); `make i18n-check` runs it.

For every app whose pages residents read (`PUBLIC_APPS`) and every language in settings.LANGUAGES
but English, it fails when:

- the app has no catalogue for the language (`<app>/locale/<lang>/LC_MESSAGES/django.po`);
- a public string has no translation, or only a fuzzy one (a translator's guess, never shown). A
  string is public when at least one of the places it comes from (the catalogues keep them:
  `makemessages --add-location file`) is a public source, listed in `PUBLIC_SOURCES`: the pages,
  forms and e-mails residents read. The other strings are staff's (staff pages are served in
  English today): they may stay untranslated and then show in English;
- a translation breaks a placeholder: its `%(name)s`, `%s` and `{name}` placeholders are not the
  same as the English ones (each plural form against the English plural), public or staff's;
- the compiled catalogue (`django.mo`, committed beside the `.po`) differs from the `.po`;
- the catalogue is out of date with the code: `makemessages`, run on a copy of the app, finds
  strings the catalogue lacks or the catalogue keeps strings the code no longer has.

Usage: `python scripts/i18n_check.py [--skip-makemessages] [APP ...]`. The catalogues are read
with polib; nothing here parses a .po file by hand."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess  # nosec B404
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_APPS = ("core", "website", "consultations", "engagement", "outcomes")
# Where residents' words come from, per app, as paths inside the app as the catalogues write them:
# a file ("emails.py") or a folder ending in "/" ("templates/consultations/public/"); "" is the whole
# app. A string from anywhere else is staff's. A new public page, form or e-mail in another file
# must be added here, or its strings are not checked.
PUBLIC_SOURCES: dict[str, tuple[str, ...]] = {
    "core": (
        # The page frame, error pages, form rendering, pagination and the language switcher.
        "forms.py",
        "pdf.py",
        "templates/400.html",
        "templates/403.html",
        "templates/404.html",
        "templates/500.html",
        "templates/base.html",
        "templates/govuk/field.html",
        "templates/govuk/form.html",
        "templates/govuk/includes/",
        "templates/includes/error_summary.html",
        "templates/includes/language_select.html",
        "templates/includes/pagination.html",
        "templates/includes/untranslated_notice.html",
    ),
    "website": ("",),  # the public website, every page of it
    "consultations": (
        # Answering a questionnaire online, withdrawing, and the confirmation e-mail.
        "answers.py",
        "emails.py",
        "equality_public.py",
        "integrity.py",
        "public_flow.py",
        "public_forms.py",
        "public_views.py",
        "templates/consultations/public/",
    ),
    # Language and access-format names, and the seeded method and audience names, on event pages.
    "engagement": ("access.py", "reference_names.py"),
    "outcomes": (
        # The participant evaluation form (online and on paper) and "You said, we did" updates.
        "evaluation_forms.py",
        "evaluation_participants.py",
        "evaluation_pdf.py",
        "evaluation_public.py",
        "loop_emails.py",
        "loop_public.py",
        "templates/outcomes/evaluate/",
        "templates/outcomes/loop/email/",
    ),
}
SOURCE_LANGUAGE = "en-gb"
# %(name)s, %s, %d, %.1f… (not "%%"); {name} and {0} (not "{{").
PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?(?P<kind>[diouxXeEfFgGcrsa%])")
BRACE = re.compile(r"(?<!\{)\{(?P<name>[A-Za-z_][\w.]*|\d*)(?:![rsa])?(?::[^{}]*)?\}(?!\})")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def placeholders(text: str) -> Counter[str]:
    """The placeholders in `text`, counted: "%(name)s", "%s" (positional, by kind), "{name}"."""
    found: Counter[str] = Counter()
    for match in PERCENT.finditer(text):
        if match["kind"] == "%":
            continue
        found[f"%({match['name']})" if match["name"] is not None else f"%{match['kind']}"] += 1
    for match in BRACE.finditer(text):
        found["{" + match["name"] + "}"] += 1
    return found


def _where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _shown(counter: Counter[str]) -> str:
    return ", ".join(sorted(counter.elements())) or "none"


def _key(entry: polib._BaseEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def is_public(entry: polib._BaseEntry, sources: Iterable[str]) -> bool:
    """Whether one of the places `entry` comes from is one of the public `sources`. An entry that
    does not say where it comes from (a catalogue made without locations) counts as public."""
    sources = tuple(sources)
    if not entry.occurrences:
        return True
    return any(_within(path, source) for path, _line in entry.occurrences for source in sources)


def _within(path: str, source: str) -> bool:
    """`path` is the file `source`, or inside the folder `source` ("…/" or "" for the whole app)."""
    if not source or source.endswith("/"):
        return path.startswith(source)
    return path == source


def entry_problems(entry: polib.POEntry, *, required: bool = True) -> list[str]:
    """What is wrong with one entry: untranslated, fuzzy or a broken placeholder. An entry that is
    not `required` (a staff string) may be untranslated or fuzzy (English is shown), but a
    translation it has must be whole and keep the placeholders."""
    label = repr(entry.msgid if len(entry.msgid) <= 60 else entry.msgid[:57] + "...")
    if "fuzzy" in entry.flags:
        if not required:
            return []
        return [f"{label} is fuzzy (a guess that is never shown): check it and remove the flag"]
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
        english = [entry.msgid_plural] * len(forms)
    else:
        forms, english = [entry.msgstr], [entry.msgid]
    if not required and not any(form.strip() for form in forms):
        return []
    if not forms or any(not form.strip() for form in forms):
        return [f"{label} has no translation" if required else f"{label} is only partly translated"]
    problems = []
    for index, (form, source) in enumerate(zip(forms, english, strict=True)):
        want, got = placeholders(source), placeholders(form)
        if want != got:
            where = f" (plural form {index})" if entry.msgid_plural else ""
            problems.append(
                f"{label}{where}: placeholders {_shown(got)} in the translation, {_shown(want)} in English"
            )
    return problems


def _translations(entries: Iterable[polib._BaseEntry]) -> dict[Key, tuple[str, ...]]:
    out: dict[Key, tuple[str, ...]] = {}
    for entry in entries:
        if not entry.msgid:
            continue  # the header
        if entry.msgid_plural:
            out[_key(entry)] = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            out[_key(entry)] = (entry.msgstr,)
    return out


def catalogue_problems(po_path: Path, public: Iterable[str] | None = None) -> list[str]:
    """Everything wrong with one language's catalogue and its compiled .mo beside it. With
    `public` (the app's `PUBLIC_SOURCES`), only the strings from those sources must be translated;
    without, every string must."""
    if not po_path.exists():
        return [f"{_where(po_path)}: missing (run `make messages`, then translate it)"]
    po = polib.pofile(str(po_path))
    where = _where(po_path)
    sources = None if public is None else tuple(public)
    problems = [
        f"{where}: {p}"
        for entry in po
        if not entry.obsolete
        for p in entry_problems(entry, required=sources is None or is_public(entry, sources))
    ]
    mo_path = po_path.with_suffix(".mo")
    wanted = _translations(e for e in po if not e.obsolete and e.translated() and "fuzzy" not in e.flags)
    if not mo_path.exists() or _translations(polib.mofile(str(mo_path))) != wanted:
        problems.append(f"{where}: django.mo is not compiled from this file (run `make messages`)")
    return problems


def extracted_keys(app: str, python: str = sys.executable) -> set[Key]:
    """The strings `makemessages` finds in a copy of `app` now (so the real catalogues stay as
    they are)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app
        shutil.copytree(
            ROOT / app, copy, ignore=shutil.ignore_patterns("locale", "tests", "__pycache__", "static")
        )
        (copy / "locale").mkdir()
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heard.settings.test"}
        env.setdefault("DATABASE_URL", "sqlite:///:memory:")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        # This project's own manage.py, a fixed command line, no shell.
        subprocess.run(  # noqa: S603  # nosec B603
            [python, str(ROOT / "manage.py"), "makemessages", "-l", "cy", "--no-location", "-v", "0"],
            cwd=copy,
            env=env,
            check=True,
        )
        po = polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
        return {_key(entry) for entry in po if entry.msgid and not entry.obsolete}


def freshness_problems(app: str, po_path: Path, found: set[Key]) -> list[str]:
    """Strings the code has that the catalogue lacks, and the other way round."""
    if not po_path.exists():
        return []
    held = {_key(e) for e in polib.pofile(str(po_path)) if e.msgid and not e.obsolete}
    where = _where(po_path)
    return [
        f"{where}: {k[1]!r} is in the code but not in the catalogue (run `make messages`)"
        for k in sorted(found - held)
    ] + [f"{where}: {k[1]!r} is no longer in the code (run `make messages`)" for k in sorted(held - found)]


def languages() -> list[str]:
    """settings.LANGUAGES less English, the language the strings are written in."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings.test")
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    from django.conf import settings

    return [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def check(apps: Iterable[str], codes: Iterable[str], *, makemessages: bool = True) -> list[str]:
    problems: list[str] = []
    codes = list(codes)
    for app in apps:
        found = extracted_keys(app) if makemessages else None
        for code in codes:
            po_path = ROOT / app / "locale" / code / "LC_MESSAGES" / "django.po"
            problems += catalogue_problems(po_path, PUBLIC_SOURCES.get(app, ("",)))
            if found is not None:
                problems += freshness_problems(app, po_path, found)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("apps", nargs="*", default=list(PUBLIC_APPS))
    parser.add_argument("--skip-makemessages", action="store_true", help="do not compare with the code")
    args = parser.parse_args(argv)
    codes = languages()
    problems = check(args.apps, codes, makemessages=not args.skip_makemessages)
    if problems:
        print(f"Translations: {len(problems)} problem(s):", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"Translations: {', '.join(args.apps)}: public strings complete in {', '.join(codes)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
