"""Which language an answer is written in, cheaply, for choosing the embedding model.

Heard supports answers in English (en), Welsh (cy), Polish (pl), Urdu (ur) and Punjabi (pa). English
answers are embedded with the English model (better on short informal English); a set of answers that
includes other languages is embedded with the multilingual one (:mod:`heard_text.embed`). Urdu
(Arabic script) and Punjabi (Gurmukhi) are told by their script; Welsh and Polish by their letters
(ŵ, ŷ; ą, ę, ł, ż …) and their commonest words, which English does not use. Written by hand because
the choice needs only "English or not" for five known languages: a general language identifier
(langid, fastText's lid.176) would be a large dependency for a worse answer on short texts.

Also here: the non-English words that make an answer say nothing ("dim", "nic", "کچھ نہیں") and the
function words that are never key terms, used by :mod:`heard_text.text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

ENGLISH = "en"
SUPPORTED = ("en", "cy", "pl", "ur", "pa")


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_GURMUKHI = re.compile(r"[\u0a00-\u0a7f]")
_LATIN_WORD = re.compile(r"[a-zà-ÿāăąćčďęěłńňśšźżŵŷ']+")
_POLISH_LETTERS = re.compile(r"[ąćęłńśźż]")
_WELSH_LETTERS = re.compile(r"[ŵŷ]")

#: Common Welsh words that are not English words.
_WELSH = _word_set(
    "yn mae yr ydy yw ydw dwi ddim roedd oedd gyda ond hefyd iawn wedi fy nhw chi sydd heddlu "
    "cyffuriau o'r i'r mewn dros ni'n ein eich hyn hynny rhai llawer pobl plant ysgol ffordd stryd "
    "yma gyrru cyflym yno byd gwybod diolch neu fel cael gwneud mwy drwy trwy eraill yng ym sy'n "
    "mae'n wrth felly dylai gall"
)
#: Common Polish words that are not English words.
_POLISH = _word_set(
    "nie się jest są że przez tylko bardzo jestem mój moja który która gdzie tutaj dla mnie jego jej "
    "oraz lub czy też już jeszcze policja policji ulicy ulica dzieci ludzie często każdy wieczorem "
    "nocy narkotyki narkotyków sprzedaje wiem brak być było był została zostało"
)
#: Common English words, to weigh against the others ("a", "I", "to" are left out: they are Polish
#: or Welsh words too).
_ENGLISH_WORDS = _word_set(
    "the and is are of in it that was they there with for not have this on my at people police "
    "be we you he she but our their all very been has had would should can will from by"
)


def script_language(text: str) -> str | None:
    """Urdu ("ur") or Punjabi ("pa") when most letters are Arabic script or Gurmukhi, else None."""
    arabic = len(_ARABIC.findall(text))
    gurmukhi = len(_GURMUKHI.findall(text))
    letters = sum(1 for char in text if char.isalpha()) or 1
    if gurmukhi and gurmukhi >= arabic and gurmukhi * 2 >= letters:
        return "pa"
    if arabic and arabic * 2 >= letters:
        return "ur"
    return None


def detect_language(text: str) -> str:
    """The language of one answer: "en", "cy", "pl", "ur" or "pa" (English when unsure)."""
    by_script = script_language(text)
    if by_script:
        return by_script
    lowered = (text or "").lower().replace("’", "'")
    tokens = _LATIN_WORD.findall(lowered)
    english = sum(1 for t in tokens if t in _ENGLISH_WORDS)
    welsh = sum(1 for t in tokens if t in _WELSH) + 2 * len(_WELSH_LETTERS.findall(lowered))
    polish = sum(1 for t in tokens if t in _POLISH) + 2 * min(len(_POLISH_LETTERS.findall(lowered)), 3)
    best, score = max((("cy", welsh), ("pl", polish)), key=lambda pair: pair[1])
    if score >= 2 and score > english:
        return best
    return ENGLISH


def needs_multilingual(texts: Sequence[str], languages: Iterable[str | None] = ()) -> bool:
    """Whether a set of answers should be embedded with the multilingual model.

    ``languages`` are the languages recorded with the answers (Heard stores the one each answer was
    given in): any non-English code decides. Otherwise the answers are looked at; a stray Welsh or
    Polish word in English answers must not switch the model, so Welsh and Polish answers must be at
    least 1 in 200 of those given (Urdu and Punjabi, told by their script, count from one).
    """
    codes = {(code or "").split("-")[0].lower() for code in languages}
    if codes - {"", ENGLISH}:
        return True
    latin_others = 0
    for text in texts:
        language = detect_language(text)
        if language in {"ur", "pa"}:
            return True
        if language != ENGLISH:
            latin_others += 1
    return latin_others > 0 and latin_others * 200 >= len(texts)


#: Non-English words that say nothing on their own ("dim" — nothing, "nic", "brak", "کچھ نہیں").
NON_ANSWER_CORE = _word_set("dim byd sylw nic brak uwag zdania wiem کچھ نہیں پتہ معلوم ਕੁਝ ਨਹੀਂ ਪਤਾ")
#: Non-English words that may stand beside them ("dwi ddim yn gwybod", "nie mam zdania").
NON_ANSWER_FILLER = _word_set(
    "dwi ddim yn gwybod i'w ddweud gen i mae nie mam nie mam żadnych na ten temat wiem "
    "مجھے نہیں ہے کوئی ਮੈਨੂੰ ਨਹੀਂ ਹੈ ਕੋਈ"
)
#: Function words of the other languages, never key terms ("yn", "się", "کے", "ਦੇ"); short ones
#: that are also English words or abbreviations ("a", "do", "eu", "ale") are left out.
STOP_WORDS = _word_set(
    "yn mae yr ei fy nhw sydd oedd roedd wedi gyda ond hefyd iawn ddim ydy yw hyn hynny eich mewn "
    "i'r o'r nie się jest są że przez tylko bardzo mnie jego jej oraz lub czy też już jeszcze tutaj "
    "jestem było był "
    "کے کی کا میں ہے ہیں اور سے کو نے پر یہ وہ بھی تو تھا تھی تھے ہو کہ جو ایک "
    "ਦੇ ਦੀ ਦਾ ਵਿੱਚ ਹੈ ਹਨ ਅਤੇ ਤੋਂ ਨੂੰ ਨੇ ਤੇ ਇਹ ਉਹ ਵੀ ਸੀ ਕਿ ਜੋ ਇੱਕ"
)
