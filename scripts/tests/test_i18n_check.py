"""The translation check (scripts/i18n_check.py) fails on a missing or fuzzy translation, a
broken placeholder, a stale .mo and a catalogue behind the code; the real catalogues pass."""

from pathlib import Path

import polib
import pytest

from scripts import i18n_check


def catalogue(tmp_path: Path, entries: list[polib.POEntry], *, compile_mo: bool = True) -> Path:
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "pl",
        "Plural-Forms": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    }
    for entry in entries:
        po.append(entry)
    path = tmp_path / "django.po"
    po.save(str(path))
    if compile_mo:
        po.save_as_mofile(str(path.with_suffix(".mo")))
    return path


GOOD = [
    polib.POEntry(msgid="Cookies", msgstr="Pliki cookie"),
    polib.POEntry(
        msgid="%(controller)s runs it.", msgstr="Prowadzi ją %(controller)s.", flags=["python-format"]
    ),
    polib.POEntry(msgid="Hello {name}", msgstr="Cześć {name}"),
    polib.POEntry(
        msgid="%(days)s day",
        msgid_plural="%(days)s days",
        msgstr_plural={0: "%(days)s dzień", 1: "%(days)s dni", 2: "%(days)s dni"},
        flags=["python-format"],
    ),
]


def test_a_complete_catalogue_passes(tmp_path):
    assert i18n_check.catalogue_problems(catalogue(tmp_path, GOOD)) == []


def test_a_missing_translation_fails(tmp_path):
    path = catalogue(tmp_path, [*GOOD, polib.POEntry(msgid="Privacy notice", msgstr="")])
    assert i18n_check.catalogue_problems(path) == [f"{path}: 'Privacy notice' has no translation"]


def test_a_missing_plural_form_and_a_fuzzy_translation_fail(tmp_path):
    plural = polib.POEntry(
        msgid="%(months)s month",
        msgid_plural="%(months)s months",
        msgstr_plural={0: "%(months)s miesiąc", 1: "%(months)s miesiące", 2: ""},
    )
    fuzzy = polib.POEntry(msgid="Menu", msgstr="Menu", flags=["fuzzy"])
    problems = i18n_check.catalogue_problems(catalogue(tmp_path, [*GOOD, plural, fuzzy]))
    assert any("'%(months)s month' has no translation" in p for p in problems)
    assert any("'Menu' is fuzzy" in p for p in problems)


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("%(controller)s runs it.", "Prowadzi ją %(kontroler)s."),  # a renamed placeholder
        ("%(controller)s runs it.", "Prowadzi ją ktoś."),  # a dropped one
        ("%s of %s", "%s z"),  # one positional too few
        ("Hello {name}", "Cześć {imię}"),
        ("Hello", "Cześć %(name)s"),  # one the English does not have
    ],
)
def test_a_broken_placeholder_fails(tmp_path, msgid, msgstr):
    path = catalogue(tmp_path, [polib.POEntry(msgid=msgid, msgstr=msgstr)])
    [problem] = i18n_check.catalogue_problems(path)
    assert "placeholders" in problem and "in English" in problem


def test_a_broken_placeholder_in_one_plural_form_fails(tmp_path):
    entry = polib.POEntry(
        msgid="%(days)s day",
        msgid_plural="%(days)s days",
        msgstr_plural={0: "%(days)s dzień", 1: "%(days)s dni", 2: "%(dni)s dni"},
    )
    [problem] = i18n_check.catalogue_problems(catalogue(tmp_path, [entry]))
    assert "(plural form 2)" in problem


def test_a_mo_file_not_compiled_from_the_po_fails(tmp_path):
    path = catalogue(tmp_path, GOOD)
    po = polib.pofile(str(path))
    po.find("Cookies").msgstr = "Ciasteczka"
    po.save()
    assert i18n_check.catalogue_problems(path) == [
        f"{path}: django.mo is not compiled from this file (run `make messages`)"
    ]
    path.with_suffix(".mo").unlink()
    assert len(i18n_check.catalogue_problems(path)) == 1
    assert i18n_check.catalogue_problems(tmp_path / "missing.po")[0].endswith(
        "missing (run `make messages`, then translate it)"
    )


def test_a_catalogue_behind_the_code_fails(tmp_path):
    path = catalogue(tmp_path, GOOD)
    found = {i18n_check._key(e) for e in GOOD} - {("", "Cookies", "")} | {("", "New words", "")}
    problems = i18n_check.freshness_problems("website", path, found)
    assert problems == [
        f"{path}: 'New words' is in the code but not in the catalogue (run `make messages`)",
        f"{path}: 'Cookies' is no longer in the code (run `make messages`)",
    ]


def test_the_public_catalogues_are_complete():
    """Heard's own catalogues, without running makemessages (`make i18n-check` does that too)."""
    assert i18n_check.check(i18n_check.PUBLIC_APPS, i18n_check.languages(), makemessages=False) == []


def staff_and_public(tmp_path: Path, staff: polib.POEntry) -> Path:
    public = polib.POEntry(
        msgid="Privacy notice", msgstr="", occurrences=[("templates/website/home.html", "")]
    )
    return catalogue(tmp_path, [*GOOD, public, staff])


def test_only_public_strings_must_be_translated(tmp_path):
    """A staff string may stay untranslated (or keep a fuzzy guess): staff read it in English. A
    string from a public source must be translated, even when staff pages use it too."""
    staff = polib.POEntry(msgid="Edit details", msgstr="", occurrences=[("templates/staff/detail.html", "")])
    path = staff_and_public(tmp_path, staff)
    public = ("templates/website/",)
    assert i18n_check.catalogue_problems(path, public) == [f"{path}: 'Privacy notice' has no translation"]
    staff.occurrences.append(("templates/website/home.html", ""))
    path = staff_and_public(tmp_path, staff)
    assert len(i18n_check.catalogue_problems(path, public)) == 2
    fuzzy = polib.POEntry(msgid="Menu", msgstr="Dewislen", flags=["fuzzy"], occurrences=[("views.py", "")])
    assert i18n_check.catalogue_problems(
        staff_and_public(tmp_path, fuzzy), ("templates/website/home.html",)
    ) == [f"{path}: 'Privacy notice' has no translation"]


@pytest.mark.parametrize(
    ("staff", "problem"),
    [
        (polib.POEntry(msgid="%(count)s saved", msgstr="%(nifer)s wedi'u cadw"), "placeholders"),
        (
            polib.POEntry(
                msgid="%(days)s day",
                msgid_plural="%(days)s days",
                msgstr_plural={0: "%(days)s dzień", 1: "", 2: ""},
            ),
            "only partly translated",
        ),
    ],
)
def test_a_staff_translation_must_still_be_whole_and_keep_its_placeholders(tmp_path, staff, problem):
    staff.occurrences = [("forms.py", "")]
    path = staff_and_public(tmp_path, staff)
    problems = i18n_check.catalogue_problems(path, ("templates/website/",))
    assert len(problems) == 2 and problem in problems[1]


def test_public_sources_are_files_and_folders_of_the_app():
    entry = polib.POEntry(msgid="x", occurrences=[("templates/consultations/public/start.html", "")])
    assert i18n_check.is_public(entry, ("templates/consultations/public/",))
    assert i18n_check.is_public(entry, ("",))
    assert not i18n_check.is_public(entry, ("templates/consultations/staff/",))
    assert not i18n_check.is_public(entry, ("templates/consultations/public",))  # a file, not a folder
    assert i18n_check.is_public(polib.POEntry(msgid="x"), ())  # no locations: checked as public


def test_every_public_source_exists():
    """A public page, form or e-mail renamed or moved would silently stop being checked."""
    for app, sources in i18n_check.PUBLIC_SOURCES.items():
        assert app in i18n_check.PUBLIC_APPS
        for source in sources:
            assert (i18n_check.ROOT / app / source).exists(), f"{app}/{source}"
    assert set(i18n_check.PUBLIC_SOURCES) == set(i18n_check.PUBLIC_APPS)
