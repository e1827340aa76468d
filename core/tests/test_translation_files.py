"""Files for translators (core/translation_files.py): written, read back and checked unit by
unit, and hostile XML refused before anything reads its entities."""

import pytest

from core import translation_files as files

MADE_FOR = "heard-questionnaire-7"
UNITS = [
    files.TextUnit(
        "consultations.questionnaire.7.title", "Your say on Ashton", "", "Questionnaire title", 200
    ),
    files.TextUnit(
        "consultations.question.3.text",
        "Hello %(name)s, see https://example.org/a in 5 days",
        "",
        "Question 1 text",
        500,
    ),
    files.TextUnit("consultations.question.3.hint", "Tick one", "Ticiwch un", "Question 1 hint", 12),
]
GOOD = {
    "consultations.questionnaire.7.title": "Eich barn am Ashton",
    "consultations.question.3.text": "Helo %(name)s, gweler https://example.org/a mewn 5 diwrnod",
    "consultations.question.3.hint": "Ticiwch un",
}


def _filled(file_format, targets=GOOD, *, language="cy", made_for=MADE_FOR, units=UNITS):
    """The file Heard makes, with `targets` filled in as a translator would."""
    filled = [files.TextUnit(u.id, u.source, targets.get(u.id, ""), u.note, u.max_length) for u in units]
    return files.write(filled, file_format=file_format, language=language, made_for=made_for)


def _check(data, file_format, *, language="cy", allow_missing=False):
    content = files.read(data, file_format=file_format)
    return files.check(UNITS, {}, content, language=language, made_for=MADE_FOR, allow_missing=allow_missing)


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_a_filled_file_reads_back_every_translation(file_format):
    values, problems = _check(_filled(file_format), file_format)
    assert problems == []
    assert values == GOOD


def test_the_xliff_file_is_xliff_1_2_with_ids_notes_and_limits():
    text = files.write(UNITS, file_format="xliff", language="cy", made_for=MADE_FOR).decode()
    assert 'version="1.2"' in text and "urn:oasis:names:tc:xliff:document:1.2" in text
    assert 'target-language="cy"' in text and 'source-language="en-GB"' in text
    assert 'id="consultations.question.3.hint"' in text and 'maxwidth="12"' in text
    assert "<target" in text and "Ticiwch un" in text  # the translation so far
    assert "Question 1 hint" in text


def test_the_po_file_keeps_ids_as_contexts_and_notes_as_comments():
    text = files.write(UNITS, file_format="po", language="pl", made_for=MADE_FOR).decode()
    assert 'msgctxt "consultations.question.3.hint"' in text
    assert "#. Question 1 hint" in text
    assert "Language: pl" in text and f"X-Heard-Item: {MADE_FOR}" in text


def _problems(targets, file_format="xliff", **kwargs):
    _, problems = _check(_filled(file_format, {**GOOD, **targets}), file_format, **kwargs)
    return [(p.unit, p.message) for p in problems]


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("Helo %(enw)s, gweler https://example.org/a mewn 5 diwrnod", "placeholder such as %(name)s"),
        ("Helo %(name)s, gweler https://example.org/b mewn 5 diwrnod", "web address"),
        ("Helo %(name)s, gweler https://example.org/a mewn 6 diwrnod", "number"),
        ("Helo %(name)s,  gweler https://example.org/a mewn 5 diwrnod", "Double spaces"),
        ("", "Not translated"),
    ],
)
def test_each_broken_translation_is_named_with_its_unit(target, says):
    problems = _problems({"consultations.question.3.text": target})
    assert len(problems) == 1
    unit, message = problems[0]
    assert unit == "consultations.question.3.text"
    assert says in message


def test_numbers_in_urdu_digits_are_the_same_numbers():
    five = "\u06f5"  # 5 in Urdu's digits
    assert _problems({"consultations.question.3.text": f"%(name)s https://example.org/a {five} دن"}) == []


def test_a_translation_longer_than_the_field_is_refused():
    [(unit, message)] = _problems({"consultations.question.3.hint": "Ticiwch un yn unig"})
    assert unit == "consultations.question.3.hint"
    assert "18 characters long" in message and "at most 12" in message


def test_english_changed_since_the_file_was_made():
    old = [files.TextUnit(UNITS[0].id, "The old title", "", "", 200), *UNITS[1:]]
    values, problems = _check(_filled("po", units=old), "po")
    assert [(p.unit, p.message) for p in problems] == [
        (
            UNITS[0].id,
            "The English has changed since this file was made: make a new file and translate the new English.",
        )
    ]
    assert UNITS[0].id not in values


def test_unknown_ids_duplicates_and_missing_units_are_each_reported():
    extra = [*UNITS[1:], files.TextUnit("consultations.question.999.text", "Other", "Arall")]
    data = _filled("xliff", units=extra).replace(b"</body>", b"").replace(b"</file>", b"")
    data = data.replace(b"</xliff>", b"") + _duplicate()
    problems = {(p.unit, p.message) for p in _check(data, "xliff")[1]}
    assert ("consultations.question.999.text", "Not a text of this item: was it changed by hand?") in problems
    assert (UNITS[0].id, "Not translated: it is missing from the file.") in problems
    assert ("consultations.question.3.hint", "Given more than once in the file.") in problems


def _duplicate():
    return (
        b'<trans-unit id="consultations.question.3.hint"><source>Tick one</source><target>Ticiwch</target>'
        b"</trans-unit></body></file></xliff>"
    )


def test_import_what_is_there_skips_what_is_missing_or_empty():
    data = _filled("po", {"consultations.question.3.hint": "Ticiwch un"})
    values, problems = _check(data, "po", allow_missing=True)
    assert problems == []
    assert values == {"consultations.question.3.hint": "Ticiwch un"}


@pytest.mark.parametrize("file_format", ["xliff", "po"])
def test_a_file_in_another_language_is_refused(file_format):
    problems = _problems({}, file_format, language="pl")
    assert problems == [("", "The file is in “cy”, not the language chosen (“pl”).")]


def test_regional_codes_are_the_same_language():
    assert files.same_language("cy_GB", "cy") and files.same_language("ur-PK", "ur")
    assert not files.same_language("pl", "pa")


def test_a_file_made_for_another_item_is_refused():
    data = _filled("xliff", made_for="heard-questionnaire-8")
    assert ("", "The file was made for “heard-questionnaire-8”, not for this item.") in [
        (p.unit, p.message) for p in _check(data, "xliff")[1]
    ]


def test_a_fuzzy_po_entry_is_not_taken():
    data = _filled("po").replace(
        b'msgctxt "consultations.question.3.hint"', b'#, fuzzy\nmsgctxt "consultations.question.3.hint"'
    )
    [problem] = _check(data, "po")[1]
    assert problem.unit == "consultations.question.3.hint" and "fuzzy" in problem.message


def test_control_characters_are_refused():
    content = files.read(_filled("po"), file_format="po")
    content.units["consultations.question.3.hint"] = ("Tick one", "Tic\x00iwch")
    problems = files.check(UNITS, {}, content, language="cy", made_for=MADE_FOR)[1]
    assert [p.unit for p in problems] == ["consultations.question.3.hint"]
    assert "control characters" in problems[0].message


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en"
target-language="cy"><body><trans-unit id="a"><source>&lol9;</source></trans-unit></body></file></xliff>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en"
target-language="cy"><body><trans-unit id="a"><source>&xxe;</source></trans-unit></body></file></xliff>"""


@pytest.mark.parametrize(
    "data",
    [BOMB, EXTERNAL, ("\ufeff" + EXTERNAL.decode()).encode("utf-16-le")],
    ids=["billion laughs", "external entity", "utf-16"],
)
def test_entity_declarations_are_refused_before_parsing(data):
    with pytest.raises(files.TranslationFileError, match="DOCTYPE"):
        files.read(data, file_format="xliff")


@pytest.mark.parametrize(
    ("data", "file_format", "says"),
    [
        (b"<xliff><file", "xliff", "not a well-formed XLIFF file"),
        (b"<html><body/></html>", "xliff", "not XLIFF"),
        (b'msgid "a"\nmsgstr', "po", "PO file cannot be read"),
        (b"<xliff/>", "po", "XML, not PO"),
        (b"   ", "xliff", "empty"),
        (b"x" * (files.MAX_BYTES + 1), "po", "larger than 2 MB"),
    ],
)
def test_unreadable_files_say_why(data, file_format, says):
    with pytest.raises(files.TranslationFileError, match=says):
        files.read(data, file_format=file_format)


def test_only_xliff_and_po_files_are_taken():
    assert files.format_of("survey-cy.XLF") == "xliff" and files.format_of("a.po") == "po"
    with pytest.raises(files.TranslationFileError, match=r"\.xlf or \.po"):
        files.format_of("survey.docx")
