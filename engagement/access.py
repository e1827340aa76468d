"""What an activity offers so that everyone can take part: the languages it is held in or
interpreted into, and its access formats (seed 002 point 6: "appropriate language and physical
access needs are met"; point 15).

LANGUAGES is the maintained list an activity and a consultation response may name: the
languages of Heard's interface first, then languages widely spoken in England and Wales (the
2021 Census main-language question, plus languages police and councils most often book
interpreters for). A code is a BCP 47 tag: ISO 639-1 where there is one, ISO 639-3 otherwise.
Add a language by adding a line; never remove one that records may hold.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English
    own_name: str  # in the language itself ("" when the same as `name`)

    @property
    def label(self) -> str:
        """ "Urdu (اردو)": residents find their language by either name."""
        return f"{self.name} ({self.own_name})" if self.own_name else self.name

    @property
    def local_name(self) -> str:
        """The English name in the page's language ("Wrdw" on a Welsh page); `name` stays
        English for staff pages, exports and the API."""
        return gettext(self.name)

    @property
    def local_own_name(self) -> str:
        """The own name, when it says something the local name does not ("" on an Urdu page
        for Urdu)."""
        return self.own_name if self.own_name and self.own_name != self.local_name else ""

    @property
    def local_label(self) -> str:
        """ "Wrdw (اردو)" on a Welsh page: the public calendar's choices."""
        own = self.local_own_name
        return f"{self.local_name} ({own})" if own else self.local_name


# The interface languages (settings.LANGUAGES) first, then by English name.
LANGUAGES: tuple[Language, ...] = (
    Language("en", gettext_noop("English"), ""),
    Language("cy", gettext_noop("Welsh"), "Cymraeg"),
    Language("pl", gettext_noop("Polish"), "Polski"),
    Language("ur", gettext_noop("Urdu"), "اردو"),
    Language("pa", gettext_noop("Punjabi"), "ਪੰਜਾਬੀ"),
    Language("sq", gettext_noop("Albanian"), "Shqip"),
    Language("am", gettext_noop("Amharic"), "አማርኛ"),
    Language("ar", gettext_noop("Arabic"), "العربية"),
    Language("bn", gettext_noop("Bengali"), "বাংলা"),
    Language("bg", gettext_noop("Bulgarian"), "Български"),
    Language("yue", gettext_noop("Cantonese"), "廣東話"),
    Language("zh", gettext_noop("Chinese"), "中文"),
    Language("cs", gettext_noop("Czech"), "Čeština"),
    Language("prs", gettext_noop("Dari"), "دری"),
    Language("fa", gettext_noop("Farsi (Persian)"), "فارسی"),
    Language("fr", gettext_noop("French"), "Français"),
    Language("de", gettext_noop("German"), "Deutsch"),
    Language("el", gettext_noop("Greek"), "Ελληνικά"),
    Language("gu", gettext_noop("Gujarati"), "ગુજરાતી"),
    Language("he", gettext_noop("Hebrew"), "עברית"),
    Language("hi", gettext_noop("Hindi"), "हिन्दी"),
    Language("hu", gettext_noop("Hungarian"), "Magyar"),
    Language("ga", gettext_noop("Irish"), "Gaeilge"),
    Language("it", gettext_noop("Italian"), "Italiano"),
    Language("ku", gettext_noop("Kurdish"), "Kurdî"),
    Language("lv", gettext_noop("Latvian"), "Latviešu"),
    Language("lt", gettext_noop("Lithuanian"), "Lietuvių"),
    Language("ml", gettext_noop("Malayalam"), "മലയാളം"),
    Language("cmn", gettext_noop("Mandarin"), "普通话"),
    Language("ne", gettext_noop("Nepali"), "नेपाली"),
    Language("ps", gettext_noop("Pashto"), "پښتو"),
    Language("pt", gettext_noop("Portuguese"), "Português"),
    Language("ro", gettext_noop("Romanian"), "Română"),
    Language("ru", gettext_noop("Russian"), "Русский"),
    Language("gd", gettext_noop("Scottish Gaelic"), "Gàidhlig"),
    Language("sk", gettext_noop("Slovak"), "Slovenčina"),
    Language("so", gettext_noop("Somali"), "Soomaali"),
    Language("es", gettext_noop("Spanish"), "Español"),
    Language("syl", gettext_noop("Sylheti"), "ꠍꠤꠟꠐꠤ"),
    Language("ta", gettext_noop("Tamil"), "தமிழ்"),
    Language("ti", gettext_noop("Tigrinya"), "ትግርኛ"),
    Language("tr", gettext_noop("Turkish"), "Türkçe"),
    Language("uk", gettext_noop("Ukrainian"), "Українська"),
    Language("vi", gettext_noop("Vietnamese"), "Tiếng Việt"),
    Language("yi", gettext_noop("Yiddish"), "ייִדיש"),
    Language("yo", gettext_noop("Yoruba"), "Yorùbá"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
DEFAULT_LANGUAGE = "en"
LANGUAGE_CHOICES: list[tuple[str, str]] = [(lang.code, lang.label) for lang in LANGUAGES]


class AccessFormat(models.TextChoices):
    """Formats and support an activity offers (seed 002 points 6 and 15), beside the free-text
    `accessibility` note that says the rest."""

    INTERPRETER = "interpreter", _("Spoken-language interpreter")
    BSL = "bsl", _("British Sign Language (BSL) interpreter")
    EASY_READ = "easy_read", _("Easy Read")
    LARGE_PRINT = "large_print", _("Large print")
    BRAILLE = "braille", _("Braille")
    AUDIO = "audio", _("Audio or spoken version")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    CAPTIONS = "captions", _("Live captions or subtitles")
    STEP_FREE = "step_free", _("Step-free access")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Accessible toilet")
    QUIET_SPACE = "quiet_space", _("Quiet space")
    ONLINE = "online", _("Join online")


# How a format reads after "with" ("events with a hearing loop"). Labels and phrases are in the
# page's language (engagement/locale); language names are marked for the public pages to
# translate (Language.local_name) and stay English in `name`.
FORMAT_PHRASES: dict[str, StrOrPromise] = {
    AccessFormat.INTERPRETER: _("a spoken-language interpreter"),
    AccessFormat.BSL: _("a British Sign Language interpreter"),
    AccessFormat.EASY_READ: _("an Easy Read version"),
    AccessFormat.LARGE_PRINT: _("a large-print version"),
    AccessFormat.BRAILLE: _("a Braille version"),
    AccessFormat.AUDIO: _("an audio version"),
    AccessFormat.HEARING_LOOP: _("a hearing loop"),
    AccessFormat.CAPTIONS: _("live captions"),
    AccessFormat.STEP_FREE: _("step-free access"),
    AccessFormat.ACCESSIBLE_TOILET: _("an accessible toilet"),
    AccessFormat.QUIET_SPACE: _("a quiet space"),
    AccessFormat.ONLINE: _("a way to join online"),
}


def language_name(code: str) -> str:
    language = BY_CODE.get(code)
    return language.name if language else code


def language_label(code: str) -> str:
    language = BY_CODE.get(code)
    return language.label if language else code


def format_label(code: str) -> str:
    return str(AccessFormat(code).label) if code in AccessFormat.values else code


def normalise_language(value: str | None) -> str:
    """The listed language a Django language code or a BCP 47 tag stands for ("en-gb" -> "en",
    "pa-Guru" -> "pa"), or DEFAULT_LANGUAGE when it is not listed."""
    code = (value or "").strip().lower().replace("_", "-")
    if code in BY_CODE:
        return code
    primary = code.split("-", 1)[0]
    return primary if primary in BY_CODE else DEFAULT_LANGUAGE


def language_from_text(value: str) -> str | None:
    """A language named in a spreadsheet cell by its code, English name or own name (any case),
    or None when it is not one on the list."""
    wanted = " ".join(value.split()).casefold()
    for language in LANGUAGES:
        if wanted in {language.code, language.name.casefold(), language.own_name.casefold()}:
            return language.code
    return None


def _codes(value: object, known: set[str] | list[str], says: dict[str, str]) -> None:
    """``says``: the whole sentence for each problem (``not_a_list``, ``unknown_code`` with
    ``%(codes)s``, ``duplicate``), so that a translator never gets a sentence with a gap in it."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(says["not_a_list"], code="not_a_list")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValidationError(says["unknown_code"] % {"codes": ", ".join(unknown)}, code="unknown_code")
    if len(set(value)) != len(value):
        raise ValidationError(says["duplicate"], code="duplicate")


def validate_languages(value: object) -> None:
    """A list of codes from LANGUAGES, each once."""
    _codes(
        value,
        set(BY_CODE),
        {
            "not_a_list": gettext("Give the languages as a list of codes."),
            "unknown_code": gettext("Unknown languages: %(codes)s. Choose from the list."),
            "duplicate": gettext("Give each language once."),
        },
    )


def validate_access_formats(value: object) -> None:
    """A list of AccessFormat values, each once."""
    _codes(
        value,
        AccessFormat.values,
        {
            "not_a_list": gettext("Give the access formats as a list of codes."),
            "unknown_code": gettext("Unknown access formats: %(codes)s. Choose from the list."),
            "duplicate": gettext("Give each access format once."),
        },
    )


def validate_language(value: str) -> None:
    """One code from LANGUAGES."""
    if value not in BY_CODE:
        raise ValidationError(
            gettext("Unknown language: %(code)s. Choose from the list.") % {"code": value},
            code="unknown_code",
        )


def json_list_has(field: str, code: str) -> models.Q:
    """Rows whose JSON list `field` holds `code`, on SQLite and PostgreSQL alike: the list's JSON
    text holds the code in quotes. Codes are letters, digits and "_" only (checked by the
    validators), so a quoted code cannot match part of another."""
    return models.Q(**{f"{field}__icontains": f'"{code}"'})
