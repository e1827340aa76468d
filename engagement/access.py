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


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in English
    own_name: str  # in the language itself ("" when the same as `name`)

    @property
    def label(self) -> str:
        """ "Urdu (اردو)": residents find their language by either name."""
        return f"{self.name} ({self.own_name})" if self.own_name else self.name


# The interface languages (settings.LANGUAGES) first, then by English name.
LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", ""),
    Language("cy", "Welsh", "Cymraeg"),
    Language("pl", "Polish", "Polski"),
    Language("ur", "Urdu", "اردو"),
    Language("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    Language("sq", "Albanian", "Shqip"),
    Language("am", "Amharic", "አማርኛ"),
    Language("ar", "Arabic", "العربية"),
    Language("bn", "Bengali", "বাংলা"),
    Language("bg", "Bulgarian", "Български"),
    Language("yue", "Cantonese", "廣東話"),
    Language("zh", "Chinese", "中文"),
    Language("cs", "Czech", "Čeština"),
    Language("prs", "Dari", "دری"),
    Language("fa", "Farsi (Persian)", "فارسی"),
    Language("fr", "French", "Français"),
    Language("de", "German", "Deutsch"),
    Language("el", "Greek", "Ελληνικά"),
    Language("gu", "Gujarati", "ગુજરાતી"),
    Language("he", "Hebrew", "עברית"),
    Language("hi", "Hindi", "हिन्दी"),
    Language("hu", "Hungarian", "Magyar"),
    Language("ga", "Irish", "Gaeilge"),
    Language("it", "Italian", "Italiano"),
    Language("ku", "Kurdish", "Kurdî"),
    Language("lv", "Latvian", "Latviešu"),
    Language("lt", "Lithuanian", "Lietuvių"),
    Language("ml", "Malayalam", "മലയാളം"),
    Language("cmn", "Mandarin", "普通话"),
    Language("ne", "Nepali", "नेपाली"),
    Language("ps", "Pashto", "پښتو"),
    Language("pt", "Portuguese", "Português"),
    Language("ro", "Romanian", "Română"),
    Language("ru", "Russian", "Русский"),
    Language("gd", "Scottish Gaelic", "Gàidhlig"),
    Language("sk", "Slovak", "Slovenčina"),
    Language("so", "Somali", "Soomaali"),
    Language("es", "Spanish", "Español"),
    Language("syl", "Sylheti", "ꠍꠤꠟꠐꠤ"),
    Language("ta", "Tamil", "தமிழ்"),
    Language("ti", "Tigrinya", "ትግርኛ"),
    Language("tr", "Turkish", "Türkçe"),
    Language("uk", "Ukrainian", "Українська"),
    Language("vi", "Vietnamese", "Tiếng Việt"),
    Language("yi", "Yiddish", "ייִדיש"),
    Language("yo", "Yoruba", "Yorùbá"),
)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}
DEFAULT_LANGUAGE = "en"
LANGUAGE_CHOICES: list[tuple[str, str]] = [(lang.code, lang.label) for lang in LANGUAGES]


class AccessFormat(models.TextChoices):
    """Formats and support an activity offers (seed 002 points 6 and 15), beside the free-text
    `accessibility` note that says the rest."""

    INTERPRETER = "interpreter", "Spoken-language interpreter"
    BSL = "bsl", "British Sign Language (BSL) interpreter"
    EASY_READ = "easy_read", "Easy Read"
    LARGE_PRINT = "large_print", "Large print"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio or spoken version"
    HEARING_LOOP = "hearing_loop", "Hearing loop"
    CAPTIONS = "captions", "Live captions or subtitles"
    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    QUIET_SPACE = "quiet_space", "Quiet space"
    ONLINE = "online", "Join online"


# How a format reads after "with" ("events with a hearing loop").
FORMAT_PHRASES: dict[str, str] = {
    AccessFormat.INTERPRETER: "a spoken-language interpreter",
    AccessFormat.BSL: "a British Sign Language interpreter",
    AccessFormat.EASY_READ: "an Easy Read version",
    AccessFormat.LARGE_PRINT: "a large-print version",
    AccessFormat.BRAILLE: "a Braille version",
    AccessFormat.AUDIO: "an audio version",
    AccessFormat.HEARING_LOOP: "a hearing loop",
    AccessFormat.CAPTIONS: "live captions",
    AccessFormat.STEP_FREE: "step-free access",
    AccessFormat.ACCESSIBLE_TOILET: "an accessible toilet",
    AccessFormat.QUIET_SPACE: "a quiet space",
    AccessFormat.ONLINE: "a way to join online",
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


def _codes(value: object, known: set[str] | list[str], what: str) -> None:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(f"Give the {what} as a list of codes.", code="not_a_list")
    unknown = [item for item in value if item not in known]
    if unknown:
        raise ValidationError(
            f"Unknown {what}: {', '.join(unknown)}. Choose from the list.", code="unknown_code"
        )
    if len(set(value)) != len(value):
        raise ValidationError(f"Each of the {what} is given once.", code="duplicate")


def validate_languages(value: object) -> None:
    """A list of codes from LANGUAGES, each once."""
    _codes(value, set(BY_CODE), "languages")


def validate_access_formats(value: object) -> None:
    """A list of AccessFormat values, each once."""
    _codes(value, AccessFormat.values, "access formats")


def validate_language(value: str) -> None:
    """One code from LANGUAGES."""
    if value not in BY_CODE:
        raise ValidationError(f"Unknown language: {value}. Choose from the list.", code="unknown_code")


def json_list_has(field: str, code: str) -> models.Q:
    """Rows whose JSON list `field` holds `code`, on SQLite and PostgreSQL alike: the list's JSON
    text holds the code in quotes. Codes are letters, digits and "_" only (checked by the
    validators), so a quoted code cannot match part of another."""
    return models.Q(**{f"{field}__icontains": f'"{code}"'})
