"""Every word a person reads in a template is marked for translation (README "Languages"): each
template of Heard's apps is read with Django's template lexer and an HTML parser, and any text
or readable attribute (title, aria-label, alt, placeholder, the value of a button input) with
words in it that is not inside `{% translate %}` or `{% blocktranslate %}` fails, named by file
and line. Not words: template variables, tags, comments, <script>, <style>, <code>, <pre>,
<kbd>, <samp>, an element marked `translate="no"` (a column name, say), and text of only spaces,
punctuation or numbers.

NOT_YET_MARKED lists the templates not converted yet. It may only shrink: a template on it that
is now fully marked fails too, until it is taken off."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template.base import Lexer, TokenType

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "core",
    "website",
    "consultations",
    "engagement",
    "outcomes",
    "insight",
    "organisations",
    "reach",
    "places",
    "governance",
)
NOT_YET_MARKED: frozenset[str] = frozenset()

VAR, BLOCK = ("\ue000", "\ue001"), ("\ue002", "\ue003")
PLACEHOLDER = re.compile("[\ue000\ue002][0-9]*\n*[\ue001\ue003]")
WORD = re.compile(r"[^\W\d_]{2,}")
NAMES = re.compile(r"\b(Heard|RSS|Atom)\b")  # names, the same in every language
READABLE = frozenset({"title", "aria-label", "alt", "placeholder"})
NOT_WORDS = frozenset({"script", "style", "code", "pre", "kbd", "samp"})
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
OPENS = {"comment": "endcomment", "verbatim": "endverbatim", "blocktranslate": "endblocktranslate"}
OPENS["blocktrans"] = "endblocktrans"


def templates() -> list[Path]:
    found = []
    for app in APPS:
        for suffix in ("*.html", "*.txt"):
            found += (ROOT / app / "templates").rglob(suffix)
    return sorted(found)


def flatten(source: str) -> str:
    """The template with every tag and variable replaced by a placeholder, and the text inside
    comments, {% verbatim %} and {% blocktranslate %} hidden the same way; a hidden text keeps
    its line breaks, so the HTML parser's line numbers are the file's."""
    out, closing = [], None
    for index, token in enumerate(Lexer(source).tokenize()):
        words = token.contents.split()
        name = words[0] if words and token.token_type == TokenType.BLOCK else ""
        if closing is None and name in OPENS:
            closing = OPENS[name]
        elif closing is not None and name == closing:
            closing = None
        if token.token_type == TokenType.TEXT and closing is None:
            out.append(token.contents)
            continue
        opener, closer = VAR if token.token_type == TokenType.VAR and closing is None else BLOCK
        breaks = "\n" * token.contents.count("\n") if token.token_type == TokenType.TEXT else ""
        out.append(f"{opener}{index}{breaks}{closer}")
    return "".join(out)


def first_word(text: str) -> re.Match[str] | None:
    """The first word in `text`, at its place in `text` (what is taken out is replaced with as
    many spaces, line breaks kept)."""
    blank = PLACEHOLDER.sub(lambda match: re.sub(r"[^\n]", " ", match[0]), text)
    return WORD.search(NAMES.sub(lambda match: " " * len(match[0]), blank))


class Unmarked(HTMLParser):
    """Collects (line, text) for words outside translate tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self.skipping: list[str] = []  # the elements whose text is not words, innermost last

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        button = tag == "input" and (values.get("type") or "").lower() in {"submit", "button", "reset"}
        for name, value in attrs:
            if value and (name in READABLE or (button and name == "value")) and first_word(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))
        if tag in VOID:
            return
        if self.skipping or tag in NOT_WORDS or values.get("translate") == "no":
            self.skipping.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        word = None if self.skipping else first_word(data)
        if word:
            line = self.getpos()[0] + data[: word.start()].count("\n")
            self.found.append((line, " ".join(PLACEHOLDER.sub("…", data).split())))


def found_in(source: str) -> list[tuple[int, str]]:
    parser = Unmarked()
    parser.feed(flatten(source))
    parser.close()
    return parser.found


def unmarked(path: Path) -> list[str]:
    where = path.relative_to(ROOT)
    return [f"{where}:{line}: {text}" for line, text in found_in(path.read_text())]


def test_every_word_in_a_template_is_marked_for_translation():
    problems = [
        p for path in templates() if str(path.relative_to(ROOT)) not in NOT_YET_MARKED for p in unmarked(path)
    ]
    assert not problems, "Words not marked for translation:\n" + "\n".join(problems)


def test_the_list_of_templates_not_yet_marked_only_shrinks():
    marked = [
        name for name in sorted(NOT_YET_MARKED) if not (ROOT / name).exists() or not unmarked(ROOT / name)
    ]
    assert not marked, "Fully marked (or gone): take off NOT_YET_MARKED:\n" + "\n".join(marked)


@pytest.mark.parametrize(
    ("template", "found"),
    [
        ("<h1>Activities</h1>", ["1: Activities"]),
        ('<h1>{% translate "Activities" %}</h1>\n<p>\n  {{ count }} found</p>', ["3: … found"]),
        ('<a title="Open it" aria-label="{% translate "Open" %}">{{ x }}</a>', ['1: title="Open it"']),
        ('<input type="submit" value="Save"><input type="hidden" value="draft">', ['1: value="Save"']),
        (
            "{% blocktranslate trimmed with n=x.y %}\n{{ n }} rows{% endblocktranslate %}\n<p>Kept</p>",
            ["3: Kept"],
        ),
        ("{% comment %}Notes{% endcomment %}<script>let words = 1</script><code>area_code</code>", []),
        ('<strong translate="no">ethnic_group</strong> <span>12 – 3%, £4</span>', []),
    ],
)
def test_the_check_finds_words_outside_translate_tags(template, found):
    assert [f"{line}: {text}" for line, text in found_in(template)] == found


def test_no_blocktranslate_count_is_shadowed_by_its_own_with():
    """`{% blocktranslate count n=total with total=total|intcomma %}` sets `total` to text before
    it counts, and the page fails with "'n' argument to 'blocktranslate' tag must be a number"."""
    tag = re.compile(r"{%\s*blocktranslate\b([^%]*)%}")
    shadowed = []
    for path in templates():
        for match in tag.finditer(path.read_text()):
            count = re.search(r"\bcount\s+\w+=([\w.]+)", match[1])
            with_names = set(re.findall(r"(\w+)=", match[1].partition(" with ")[2]))
            if count and count[1].split(".")[0] in with_names:
                shadowed.append(f"{path.relative_to(ROOT)}: {match[0]}")
    assert not shadowed, "\n".join(shadowed)
