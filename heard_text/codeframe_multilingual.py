"""Keywords of the policing codeframe's themes in Welsh, Polish, Urdu and Punjabi.

The codeframe (``data/policing_codeframe.json``) is written in English; the multilingual embedding
matches an answer in another language to its English descriptions and examples, and these words give
the same "mentions a keyword of this theme" signal the English keywords give. They are word
beginnings, so that one entry covers a word's endings ("narkoty" — narkotyki, narkotyków,
narkotykami) and, for Welsh, the mutated forms are listed beside the radical ("cyffur", "gyffur",
"nghyffur"). Each was chosen so that it cannot begin an English word. Written for Heard.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: theme id → word beginnings (lower case) in cy, pl, ur (Arabic script) and pa (Gurmukhi)
KEYWORDS: dict[str, tuple[str, ...]] = {
    "drugs": (
        *("cyffur", "gyffur", "nghyffur", "chyffur", "delio", "canabis", "cocên", "cocen"),
        *("narkoty", "diler", "marihuan", "kokain", "amfetamin", "dopalacz", "ćpa", "handlują"),
        *("منشیات", "نشہ", "نشے", "ڈرگ", "چرس", "ہیروئن", "کوکین"),
        *("ਨਸ਼", "ਡਰੱਗ", "ਚਿੱਟ", "ਹੈਰੋਇਨ"),
    ),
    "speeding": (
        *("goryrru", "gyrru'n rhy gyflym", "rhy gyflym", "cyflymder", "rasio"),
        *("prędkoś", "pędz", "za szybko", "wyścig", "piraci drogow", "pirat drogow", "fotoradar"),
        *("تیز رفتار", "تیزرفتار", "رفتار", "تیز چلا", "ریس"),
        *("ਤੇਜ਼ ਰਫ਼ਤਾਰ", "ਰਫ਼ਤਾਰ", "ਰਫਤਾਰ", "ਤੇਜ਼ ਚਲਾ", "ਤੇਜ਼ ਗੱਡੀ"),
    ),
    "burglary": (
        *("torri i mewn", "dorri i mewn", "torrodd i mewn", "bwrglera"),
        *("włama", "włamy"),
        *("نقب", "گھر میں چوری", "گھر میں گھس"),
        *("ਸੰਨ੍ਹ", "ਘਰ ਵਿੱਚ ਚੋਰੀ", "ਘਰ ਵਿਚ ਚੋਰੀ", "ਘਰ ਵਿੱਚ ਵੜ"),
    ),
    "vehicle_crime": (
        *("dwyn car", "dwyn ceir", "ddwyn car", "ddwyn ceir"),
        *(
            "kradzież samoch",
            "kradzieże samoch",
            "kradzież aut",
            "ukradli samoch",
            "ukradli aut",
            "katalizator",
        ),
        *("گاڑی چوری", "گاڑیاں چوری", "کار چوری"),
        *("ਗੱਡੀ ਚੋਰੀ", "ਗੱਡੀਆਂ ਚੋਰੀ", "ਕਾਰ ਚੋਰੀ"),
    ),
    "violence": (
        *(
            "cyllell",
            "gyllell",
            "nghyllell",
            "cyllyll",
            "trywan",
            "drywan",
            "thrywan",
            "trais",
            "ymosod",
            "ymladd",
        ),
        *("nóż", "noż", "dźgn", "pobi", "napad", "bójk", "przemoc"),
        *("چاقو", "چھری", "چھرا", "تشدد", "حملہ", "حملے", "لڑائی"),
        *("ਚਾਕੂ", "ਛੁਰਾ", "ਛੁਰੇ", "ਹਿੰਸਾ", "ਹਮਲ", "ਲੜਾਈ"),
    ),
    "domestic_abuse": (
        *("cam-drin domestig", "trais domestig", "domestig"),
        *("przemoc domow", "znęca", "bije mnie"),
        *("گھریلو", "مجھے مارت"),
        *("ਘਰੇਲੂ", "ਮੈਨੂੰ ਕੁੱਟ"),
    ),
    "asb": (
        *("gwrthgymdeithasol", "fandaliaeth"),
        *("chuligan", "wandal", "aspołeczn"),
        *("غیر سماجی", "غنڈہ", "غنڈے", "توڑ پھوڑ"),
        *("ਗੁੰਡ", "ਭੰਨਤੋੜ", "ਸਮਾਜ ਵਿਰੋਧੀ"),
    ),
    "theft_robbery": (
        *("dwyn", "ddwyn", "lladrad", "ladrad", "lladron"),
        *("kradzie", "ukradł", "ukradli", "ukradzi", "złodziej", "rozbój"),
        *("چوری", "چور", "ڈکیتی", "چھین"),
        *("ਚੋਰੀ", "ਚੋਰ", "ਲੁੱਟ", "ਖੋਹ"),
    ),
    "fraud": (
        *("twyll", "sgam"),
        *("oszust", "oszuka", "wyłudz"),
        *("دھوکہ", "دھوکے", "فراڈ"),
        *("ਧੋਖ", "ਠੱਗ", "ਫਰਾਡ", "ਫ਼ਰਾਡ"),
    ),
    "noise": (
        *("sŵn", "swn", "swnllyd", "cerddoriaeth uchel"),
        *("hałas", "głośn", "imprez"),
        *("شور", "اونچی آواز", "تیز موسیقی"),
        *("ਸ਼ੋਰ", "ਰੌਲ", "ਉੱਚੀ ਆਵਾਜ਼", "ਉੱਚਾ ਸੰਗੀਤ"),
    ),
    "environment": (
        *("sbwriel", "tipio anghyfreithlon", "baw ci"),
        *("śmieci", "śmiec", "wysypisk"),
        *("کچرا", "کوڑا", "گندگی"),
        *("ਕੂੜ", "ਗੰਦਗੀ"),
    ),
    "parking": (
        *("parcio", "barcio"),
        *("parkow", "parkuj"),
        *("پارکنگ", "گاڑیاں کھڑی"),
        *("ਪਾਰਕਿੰਗ", "ਪਾਰਕ ਕਰ"),
    ),
    "police_visibility": (
        *("patrolio", "patrôl", "mwy o heddlu", "byth yn gweld"),
        *("patrole", "patrolu", "patroli", "więcej policji", "nie widać policji", "widoczn"),
        *("گشت", "پولیس نظر نہیں", "زیادہ پولیس"),
        *("ਗਸ਼ਤ", "ਪੁਲਿਸ ਦਿਖਾਈ ਨਹੀਂ", "ਹੋਰ ਪੁਲਿਸ"),
    ),
    "response": (
        *("ymateb", "neb wedi dod", "ddim wedi dod"),
        *("nie przyjecha", "nikt nie przyjecha", "nie oddzwoni", "nie odezwa", "reakcj"),
        *("کوئی نہیں آیا", "جواب نہیں", "کارروائی نہیں"),
        *("ਕੋਈ ਨਹੀਂ ਆਇਆ", "ਕੋਈ ਕਾਰਵਾਈ ਨਹੀਂ", "ਜਵਾਬ ਨਹੀਂ"),
    ),
    "contact_101": (
        *("ffonio", "ffoniais", "rhoi gwybod"),
        *("dzwoni", "zadzwoni", "zgłos", "zgłas"),
        *("فون کیا", "رپورٹ", "شکایت درج"),
        *("ਫ਼ੋਨ ਕੀਤਾ", "ਫੋਨ ਕੀਤਾ", "ਰਿਪੋਰਟ", "ਸ਼ਿਕਾਇਤ"),
    ),
    "youth_provision": (
        *("pobl ifanc", "clwb ieuenctid", "ieuenctid"),
        *("młodzie", "świetlic", "nie mają co robić"),
        *("نوجوان", "یوتھ کلب", "کرنے کو کچھ نہیں"),
        *("ਨੌਜਵਾਨ", "ਯੂਥ ਕਲੱਬ", "ਕਰਨ ਨੂੰ ਕੁਝ ਨਹੀਂ"),
    ),
    "hate_crime": (
        *("hiliol", "hiliaeth", "casineb"),
        *("rasist", "nienawiś", "ksenofob"),
        *("نسل پرست", "نسلی", "نفرت"),
        *("ਨਸਲਵਾਦ", "ਨਸਲੀ", "ਨਫ਼ਰਤ", "ਨਫਰਤ"),
    ),
    "off_road_bikes": (
        *("beiciau modur", "beic modur", "sgwter"),
        *("motocykl", "skuter", "hulajnog", "crossow"),
        *("موٹر سائیکل", "بائیک", "اسکوٹر"),
        *("ਮੋਟਰਸਾਈਕਲ", "ਮੋਟਰ ਸਾਈਕਲ", "ਸਕੂਟਰ"),
    ),
    "vawg": (
        *("menywod", "merched", "aflonyddu", "stelcio"),
        *("kobiet", "dziewczyn", "nękan", "zaczepia", "molestow"),
        *("خواتین", "عورتوں", "لڑکیوں", "ہراس", "چھیڑ"),
        *("ਔਰਤਾਂ", "ਕੁੜੀਆਂ", "ਛੇੜ", "ਤੰਗ ਪਰੇਸ਼ਾਨ"),
    ),
    "exploitation": (
        *("camfanteisio", "meithrin perthynas amhriodol"),
        *("wykorzystywan", "handel ludźmi"),
        *("استحصال", "انسانی اسمگلنگ"),
        *("ਸ਼ੋਸ਼ਣ", "ਮਨੁੱਖੀ ਤਸਕਰੀ"),
    ),
    "street_drinking": (
        *("meddw", "feddw", "yfed", "cardota"),
        *("pija", "alkohol", "żebra", "menel"),
        *("شراب", "بھیک", "بھکاری"),
        *("ਸ਼ਰਾਬ", "ਭੀਖ", "ਭਿਖਾਰੀ"),
    ),
    "feeling_safe": (
        *("diogel", "ddiogel", "ofn", "ofnus"),
        *("bezpiecz", "boję", "boi się", "strach"),
        *("محفوظ", "خوف", "ڈر لگتا"),
        *("ਸੁਰੱਖਿਅਤ", "ਅਸੁਰੱਖਿਅਤ", "ਡਰ ਲੱਗਦਾ"),
    ),
    "cctv_lighting": (
        *("goleuadau stryd", "goleuad", "camerâu", "camerau", "tywyll", "dywyll"),
        *("oświetl", "latarni", "kamer", "ciemno"),
        *("سی سی ٹی وی", "کیمرے", "اسٹریٹ لائٹ", "روشنی", "اندھیرا"),
        *("ਸੀਸੀਟੀਵੀ", "ਕੈਮਰੇ", "ਸਟਰੀਟ ਲਾਈਟ", "ਹਨੇਰਾ", "ਰੋਸ਼ਨੀ"),
    ),
    "praise": (
        *("diolch", "gwych", "ardderchog"),
        *("dziękuj", "dzięki", "świetn", "wspaniał", "dobra robota"),
        *("شکریہ", "بہت اچھا کام", "زبردست"),
        *("ਧੰਨਵਾਦ", "ਸ਼ੁਕਰੀਆ", "ਵਧੀਆ ਕੰਮ"),
    ),
    "trust_confidence": (
        *("ymddiried",),
        *("zaufan", "ufam"),
        *("اعتماد", "بھروسہ"),
        *("ਭਰੋਸ", "ਵਿਸ਼ਵਾਸ"),
    ),
    "mental_health": (
        *("iechyd meddwl",),
        *("zdrowie psychiczn", "zdrowia psychiczn"),
        *("ذہنی صحت", "ذہنی"),
        *("ਮਾਨਸਿਕ",),
    ),
    "shop_business": (
        *("siop", "siopau"),
        *("sklep",),
        *("دکان", "دُکان"),
        *("ਦੁਕਾਨ",),
    ),
    "council_partners": (
        *("cyngor", "gyngor"),
        *("urząd", "gmin", "rada miasta"),
        *("کونسل",),
        *("ਕੌਂਸਲ", "ਕਾਉਂਸਲ"),
    ),
}

#: a word begins after anything that is not a letter, digit or combining mark of these scripts
_WORD_START = r"(?<![\w\u0600-\u06ff\u0a00-\u0a7f])"


@lru_cache(maxsize=64)
def keyword_regex(theme_id: str) -> str | None:
    """A regular expression (source) matching any of the theme's word beginnings in lower-case text
    that went through :func:`heard_text.text.normalise`, or None when the theme has none."""
    words = KEYWORDS.get(theme_id)
    if not words:
        return None
    normalised = {unicodedata.normalize("NFKC", w).lower() for w in words}
    alternatives = sorted((re.escape(w) for w in normalised), key=len, reverse=True)
    return _WORD_START + "(?:" + "|".join(alternatives) + ")"
