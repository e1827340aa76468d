"""Files for translators who work outside Heard: XLIFF 1.2 and PO, written and read back.

Each text to translate is a unit with a stable id (``app.model.pk.field``), the English, the
translation so far and a note saying where it appears. Reading a file back checks every unit and
says what is wrong with each in plain English; nothing here touches the database (the apps'
services decide what to save, all or nothing: core/translation_exchange.py).

translate-toolkit writes and reads both formats and runs the placeholder, web address, number and
spacing checks. An uploaded XLIFF file is refused if it has a DOCTYPE or an ENTITY declaration at
all (XLIFF needs none, and they are how entity expansion, "billion laughs", and external entities
get in), then parsed by translate-toolkit's own safe lxml parser: entities left unresolved, no
network.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext, gettext_lazy
from lxml import etree
from translate.filters import checks
from translate.misc.xml_helpers import parse_xml
from translate.storage import po, xliff

FORMATS = {"xliff": "XLIFF 1.2 (.xlf)", "po": "PO (gettext, .po)"}
SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".po": "po"}
CONTENT_TYPES = {
    "xliff": "application/x-xliff+xml; charset=utf-8",
    "po": "text/x-gettext-translation; charset=utf-8",
}
SUFFIX_OF = {"xliff": "xlf", "po": "po"}
MAX_BYTES = 2 * 1024 * 1024
MAX_UNITS = 5_000
SOURCE_LANGUAGE = "en-GB"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_SKELETON = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<xliff version="1.2" xmlns="{XLIFF_12}">'
    '<file original="" source-language="" target-language="" datatype="plaintext"><body/></file></xliff>'
)

# The translate-toolkit checks that fit what staff write, and what each failure means.
CHECKS = {
    "printf": gettext_lazy(
        "A placeholder such as %(name)s is missing or changed: copy it exactly as in the English."
    ),
    "pythonbraceformat": gettext_lazy(
        "A placeholder such as {name} is missing or changed: copy it exactly as in the English."
    ),
    "variables": gettext_lazy("A placeholder is missing or changed: copy it exactly as in the English."),
    "urls": gettext_lazy(
        "A web address is missing or changed: copy web addresses exactly as in the English."
    ),
    "emails": gettext_lazy("An e-mail address is missing or changed: copy it exactly as in the English."),
    "numbers": gettext_lazy("A number in the English is missing or different in the translation."),
    "xmltags": gettext_lazy("A tag such as <b> is missing or changed: keep the tags of the English."),
    "doublespacing": gettext_lazy("Double spaces differ from the English: use single spaces between words."),
}
_CHECKER = checks.StandardChecker(limitfilters=list(CHECKS))


class TranslationFileError(Exception):
    """The file as a whole cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class TextUnit:
    """One text to translate. `max_length`: the most characters the field holds (None: no limit)."""

    id: str
    source: str
    target: str = ""
    note: str = ""
    max_length: int | None = None


@dataclass
class FileContent:
    """What an uploaded file says: its language, what it was made for and its units
    (id → (English, translation)); `duplicates`: ids given more than once."""

    file_format: str
    language: str
    made_for: str
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    fuzzy: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Problem:
    """What is wrong with one unit (`unit` is "" for the file as a whole)."""

    unit: str
    label: str
    message: str


def file_name(stem: str, language: str, file_format: str) -> str:
    return f"{stem}-{language}.{SUFFIX_OF[file_format]}"


def write(units: Sequence[TextUnit], *, file_format: str, language: str, made_for: str) -> bytes:
    """The file a translator fills in; `made_for` names the item (checked on the way back)."""
    if file_format == "po":
        return _write_po(units, language=language, made_for=made_for)
    return _write_xliff(units, language=language, made_for=made_for)


def _write_xliff(units: Sequence[TextUnit], *, language: str, made_for: str) -> bytes:
    store = xliff.xlifffile.parsestring(XLIFF_SKELETON.encode())
    node = next(store.document.getroot().iterchildren(f"{{{XLIFF_12}}}file"))
    node.set("original", made_for)
    node.set("source-language", SOURCE_LANGUAGE)
    node.set("target-language", language)
    for text in units:
        unit = store.addsourceunit(text.source, filename=made_for)
        unit.setid(text.id)
        if text.target:
            unit.target = text.target
        if text.note:
            unit.addnote(text.note, origin="developer")
        if text.max_length:
            unit.xmlelement.set("maxwidth", str(text.max_length))
            unit.xmlelement.set("size-unit", "char")
    etree.cleanup_namespaces(store.document)
    return bytes(store)


def _write_po(units: Sequence[TextUnit], *, language: str, made_for: str) -> bytes:
    store = po.pofile()
    store.updateheader(add=True, Project_Id_Version=made_for, Language=language, X_Heard_Item=made_for)
    for text in units:
        unit = store.addsourceunit(text.source)
        unit.setcontext(text.id)
        unit.target = text.target
        if text.note:
            unit.addnote(text.note, origin="developer")
    return bytes(store)


def format_of(name: str) -> str:
    suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise TranslationFileError(
            gettext(
                "Upload the .xlf or .po file Heard made for this translation (other kinds of file cannot "
                "be read)."
            )
        )
    return SUFFIXES[suffix]


def read(data: bytes, *, file_format: str) -> FileContent:
    """The file's language, the item it was made for and its units; TranslationFileError when
    it cannot be read."""
    if len(data) > MAX_BYTES:
        raise TranslationFileError(
            gettext("The file is larger than %(most)s MB: it cannot be ours.")
            % {"most": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise TranslationFileError(gettext("The file is empty."))
    content = _read_po(data) if file_format == "po" else _read_xliff(data)
    if len(content.units) > MAX_UNITS:
        raise TranslationFileError(
            gettext("The file has more than %(most)s texts: it cannot be ours.")
            % {"most": format(MAX_UNITS, ",")}
        )
    return content


DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
NO_DOCTYPE = gettext_lazy("The file has a DOCTYPE declaration, which XLIFF files do not need: remove it.")


def _refuse_doctype(data: bytes) -> None:
    wide = data[2:].decode("utf-16", "replace").encode() if data[:2] in (b"\xff\xfe", b"\xfe\xff") else b""
    if DECLARATION.search(data) or DECLARATION.search(wide):
        raise TranslationFileError(str(NO_DOCTYPE))
    try:
        tree = parse_xml(data).getroottree()
    except (etree.XMLSyntaxError, ValueError) as error:
        raise TranslationFileError(
            gettext(
                "The file is not a well-formed XLIFF file: it may have been damaged or changed by hand. "
                "The XML reader said: %(reason)s"
            )
            % {"reason": str(error)[:200]}
        ) from error
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise TranslationFileError(str(NO_DOCTYPE))
    if etree.QName(tree.getroot()).localname != "xliff":
        raise TranslationFileError(gettext("The file is XML but not XLIFF: upload the .xlf file Heard made."))


def _read_xliff(data: bytes) -> FileContent:
    _refuse_doctype(data)
    try:
        store = xliff.xlifffile.parsestring(data)
        language = store.gettargetlanguage() or ""
        made_for = next(iter(store.getfilenames()), "") or ""
    except (ValueError, AssertionError, StopIteration, etree.LxmlError) as error:
        raise TranslationFileError(
            gettext("The XLIFF file cannot be read: %(reason)s") % {"reason": str(error)[:200]}
        ) from error
    content = FileContent("xliff", language, made_for)
    for unit in store.unit_iter():
        _add(content, unit.getid().rpartition("\x04")[2], unit.source, unit.target)
    return content


def _read_po(data: bytes) -> FileContent:
    if data.lstrip().startswith(b"<"):
        raise TranslationFileError(gettext("The file is XML, not PO: upload it as an .xlf file."))
    try:
        store = po.pofile.parsestring(data)
    except (ValueError, UnicodeDecodeError, AttributeError, IndexError) as error:
        raise TranslationFileError(
            gettext("The PO file cannot be read: %(reason)s") % {"reason": str(error)[:200]}
        ) from error
    header = store.parseheader()
    content = FileContent("po", store.gettargetlanguage() or "", str(header.get("X-Heard-Item", "")))
    for unit in store.unit_iter():
        if unit.isheader() or unit.isobsolete():
            continue
        _add(content, unit.getcontext() or "", unit.source, unit.target)
        if unit.isfuzzy():
            content.fuzzy.add(unit.getcontext() or "")
    return content


def _add(content: FileContent, unit_id: str, source: Any, target: Any) -> None:
    if unit_id in content.units:
        content.duplicates.append(unit_id)
    content.units[unit_id] = (_text(source), _text(target))


def _text(value: Any) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n")


def same_language(given: str, chosen: str) -> bool:
    """ "cy_GB", "cy-gb" and "cy" are all Welsh; "ur-PK" is Urdu."""
    given, chosen = given.strip().lower().replace("_", "-"), chosen.lower()
    return given == chosen or ("-" not in chosen and given.split("-")[0] == chosen)


def _ascii_digits(text: str) -> str:
    """Urdu and Punjabi translators may write 5 in their own digits: the same number."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)


def unit_problems(expected: TextUnit, source: str, target: str) -> list[str]:
    """Everything wrong with one unit's translation, in plain English."""
    if source.strip() != expected.source.replace("\r\n", "\n").strip():
        return [
            gettext(
                "The English has changed since this file was made: make a new file and translate the new English."
            )
        ]
    if not target.strip():
        return [gettext("Not translated.")] if expected.source.strip() else []
    found = []
    if CONTROL.search(target):
        found.append(gettext("The translation contains control characters that cannot be stored: retype it."))
    if expected.max_length and len(target.strip()) > expected.max_length:
        found.append(
            gettext(
                "The translation is %(count)s characters long; this text holds at most %(most)s: shorten it."
            )
            % {"count": format(len(target.strip()), ","), "most": format(expected.max_length, ",")}
        )
    unit = po.pounit(_ascii_digits(expected.source))
    unit.target = _ascii_digits(target)
    found += [str(CHECKS[name]) for name in _CHECKER.run_filters(unit) if name in CHECKS]
    return found


def check(
    expected: Sequence[TextUnit],
    labels: dict[str, str],
    content: FileContent,
    *,
    language: str,
    made_for: str,
    allow_missing: bool = False,
) -> tuple[dict[str, str], list[Problem]]:
    """The translations to save (id → text) and every problem, unit by unit. With
    `allow_missing`, texts the file leaves out or untranslated are skipped rather than refused."""
    problems = _file_problems(content, language=language, made_for=made_for)
    known = {unit.id: unit for unit in expected}
    for unit_id in content.units.keys() - known.keys():
        problems.append(
            Problem(
                unit_id,
                unit_id or gettext("(no id)"),
                gettext("Not a text of this item: was it changed by hand?"),
            )
        )
    for unit_id in dict.fromkeys(content.duplicates):
        problems.append(
            Problem(unit_id, labels.get(unit_id, unit_id), gettext("Given more than once in the file."))
        )
    values: dict[str, str] = {}
    for unit in expected:
        label = labels.get(unit.id, unit.id)
        if unit.id not in content.units:
            if unit.source.strip() and not allow_missing:
                problems.append(
                    Problem(unit.id, label, gettext("Not translated: it is missing from the file."))
                )
            continue
        source, target = content.units[unit.id]
        if unit.id in content.fuzzy and target.strip():
            problems.append(
                Problem(
                    unit.id, label, gettext("Marked as needing review (fuzzy): check it and remove the mark.")
                )
            )
            continue
        found = unit_problems(unit, source, target)
        if allow_missing and found == [gettext("Not translated.")]:
            continue
        problems += [Problem(unit.id, label, message) for message in found]
        if not found and target.strip():
            values[unit.id] = target.strip()
    return values, problems


def _file_problems(content: FileContent, *, language: str, made_for: str) -> list[Problem]:
    found = []
    if not content.language:
        found.append(
            Problem("", gettext("The file"), gettext("The file does not say which language it is in."))
        )
    elif not same_language(content.language, language):
        found.append(
            Problem(
                "",
                gettext("The file"),
                gettext("The file is in “%(language)s”, not the language chosen (“%(chosen)s”).")
                % {"language": content.language, "chosen": language},
            )
        )
    if content.made_for and content.made_for != made_for:
        found.append(
            Problem(
                "",
                gettext("The file"),
                gettext("The file was made for “%(made_for)s”, not for this item.")
                % {"made_for": content.made_for},
            )
        )
    return found
