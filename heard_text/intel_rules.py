"""The rule cues of community-intelligence detection (heard_text/intel.py): transparent patterns for
crime words, vehicles, registrations, people, addresses, premises, streets, times, online identities,
first-hand accounts and general wording, and `rule_features`, which turns one answer into numbers and
reasons an analyst can read. Written by hand because they are Heard's own judgement of what makes an
answer specific enough to act on."""

from __future__ import annotations

import re

from heard_text import intel_rules_multilingual as other
from heard_text.text import STOP_WORDS, normalise


def _words(*items: str) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SERIOUS = re.compile(
    r"\b(?:"
    + _words(
        r"deal(?:s|ing|er|ers|t)?",
        r"sell(?:s|ing)? (?:drugs|weed|coke|cocaine|crack|heroin|spice|cannabis|steroids|vapes|"
        r"fake \w+|cigarettes|tobacco|alcohol|stolen|\w+ to (?:kids|children))",
        r"sells? (?:\w+ )?(?:to kids|to children|without id)",
        r"drugs?",
        r"weed",
        r"cannabis",
        r"skunk",
        r"coke",
        r"cocaine",
        r"crack",
        r"heroin",
        r"spice",
        r"ketamine",
        r"thc",
        r"steroids",
        r"grow(?:ing)? (?:cannabis|weed)",
        r"cannabis factory",
        r"injecting",
        r"needles",
        r"doing lines",
        r"lines in the toilets",
        r"packages",
        r"the gear",
        r"knife|knives|machete|blade|blades|gun|guns|firearm|weapon|weapons",
        r"stab(?:bed|bing|bings)?",
        r"shoot(?:ing)?",
        r"stol(?:e|en)|steal(?:s|ing)?|nick(?:ed|ing)|theft|thieves|thief",
        r"snatch(?:ed|ing|es)?|grabbed (?:a|her|his|my) \w+",
        r"rob(?:bed|bing|bery|beries)?|mugg(?:ed|ing)",
        r"burgl(?:ed|ary|aries|ar|ars)|break(?:ing)? in(?:to)?|broke(?:n)? in(?:to)?|break-ins?",
        r"trying (?:car )?door handles",
        r"cut off",
        r"handling stolen",
        r"cuckoo(?:ing|ed)?",
        r"groom(?:ed|ing)?",
        r"traffick(?:ed|ing)",
        r"slavery",
        r"brothel",
        r"exploit(?:ed|ing|ation)?",
        r"protection money",
        r"money laundering",
        r"launder(?:ing)?",
        r"false plates|cloned plates|fake plates",
        r"expos(?:es|ing|ed) (?:himself|herself)",
        r"photograph(?:ing|ed|s) (?:children|kids|girls|boys)",
        r"follow(?:s|ed|ing)? (?:women|girls|children|kids|school children|people|her|me)",
        r"pick(?:s|ed|ing)? up (?:year \d+ )?(?:girls|boys|children|kids)",
        r"picked up by (?:different )?men",
        r"offered her a lift",
        r"asked her age",
        r"assault(?:ed|ing)?|attack(?:ed|ing)?|beat(?:ing)? up",
        r"fight(?:s|ing)?",
        r"threat(?:s|ening|ened)?",
        r"racist abuse|shouting racist|homophobic abuse",
        r"bully(?:ing)? and rob\w*",
        r"set fire|lighting fires|arson",
        r"smash(?:ed|ing)?|vandalis(?:ed|ing|m)",
        r"fly[ -]?tipp(?:ing|ed|er)|dumping rubbish|dump(?:s|ing)? rubbish",
        r"pretending to be|pretended to be|courier",
        r"scam(?:s|mer|mers)?|fraud(?:sters?)?",
        r"using (?:it|them) to take drugs",
        r"forcing",
        r"hold drugs",
        r"counterfeit|fake cigarettes",
        r"bypassed",
        # recognised signs of drug dens, cuckooing, brothels and modern slavery
        r"coming and going|in and out (?:all|till|until)|visitors (?:all|at all) hours",
        r"never seem(?:s)? to be paid|look(?:s)? (?:scared|frightened)|takes? their (?:money|passports?)",
        r"leave (?:their |the )?(?:kids|children) alone|left (?:their |the )?(?:kids|children) alone",
        r"(?:took|take|taking|takes) (?:\w+ ){0,3}(?:from|off) (?:my|our|the|their|his|her) "
        r"(?:doorstep|garden|car|van|shed|house|drive|porch|bike)",
    )
    + r")\b",
    re.IGNORECASE,
)
_NUISANCE = re.compile(
    r"\b(?:"
    + _words(
        r"speed(?:ing|s)?",
        r"racing|race(?:s)?",
        r"boy racers",
        r"dangerous(?:ly)? driv\w*",
        r"wheelie\w*",
        r"ride along the pavement|rid(?:e|es|ing) on the pavements?",
        r"without helmets|no helmets",
        r"no plates|no back plate|no number plates?",
        r"quad bikes?|scramblers?|off[- ]road bikes?",
        r"tear(?:ing)? up",
        r"nearly hit",
        r"drink driv\w*|drunk driv\w*",
        r"harass(?:ing|ed|ment)?",
        r"intimidat\w+",
        r"getting into|climbing in",
        r"sleeping in",
    )
    + r")\b",
    re.IGNORECASE,
)

_STREET_SUFFIX = (
    r"(?i:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|grove|place|terrace|gardens|"
    r"square|walk|row|court|mews|park|estate|mall|precinct|centre|parade|hill|green|brow|bank|vale|view)"
)
_NOT_A_STREET_NAME = {
    "the",
    "our",
    "my",
    "this",
    "that",
    "main",
    "same",
    "a",
    "back",
    "busy",
    "side",
    "your",
    "their",
    "his",
    "her",
    "every",
    "car",
    "skate",
    "retail",
    "town",
    "city",
    "shopping",
    "trafford",
    "industrial",
    "one",
    "each",
    "big",
    "local",
    "whole",
    "national",
}
_ADJECTIVES = {
    "dark",
    "quiet",
    "busy",
    "big",
    "small",
    "long",
    "short",
    "new",
    "old",
    "nice",
    "lovely",
    "local",
    "dangerous",
    "narrow",
    "wide",
    "private",
    "public",
    "empty",
    "whole",
    "country",
    "residential",
    "little",
    "steep",
    "next",
    "nearest",
    "nearby",
    "main",
    "high",
    "bad",
    "good",
    "same",
    "other",
}
_NAMED_STREET = re.compile(r"\b((?:[A-Z][a-z']+ ){1,2})" + _STREET_SUFFIX + r"\b")
_LOWER_STREET = re.compile(r"\b([a-z][a-z']+) " + _STREET_SUFFIX + r"\b")
_ADDRESS = re.compile(
    r"\b(?:(?:number|no\.?|num|#)\s*\d{1,4}[a-z]?\b|\d{1,4}[a-z]? [A-Za-z][a-z']+(?: [A-Za-z][a-z']+)? "
    + _STREET_SUFFIX
    + r"\b|flat\s*\d+|the (?:end|corner) house|house on the corner|top flats|flat above|"
    r"(?:the )?(?:family|people|man|woman|lad|guy|bloke) (?:at|in|from) (?:number|no\.?|flat|the)\b)",
    re.IGNORECASE,
)
_PREMISES = re.compile(
    r"\b(?:outside|behind|by|at|in|near|above|opposite|from|round|around|of|to)"
    r" (?:the (?:back|front|top|end|side|entrance|car park) of )?(?:the )?"
    r"(?:co-?op|spar|tesco(?: express)?|sainsbury'?s|morrisons|aldi|lidl|asda|bookies|chippy|chip shop|"
    r"takeaways?|newsagents?|off licen[cs]e|pub|bar|club|gym|car wash|hand car wash|launderette|garages?|"
    r"underpass|bus stop|tram stop|bus shelter|railway station|station|school(?: gates)?|academy(?: gates)?|"
    r"gates|playground|skate ?park|alley(?:way)?|car park|phone box|church|mosque|post office|mill|flats|"
    r"stairwell|precinct|basketball courts|tennis courts|courts|rec|youth club|massage parlour|tanning shop|"
    r"shop|kebab shop|container|canal|towpath|hedge|drain cover|loft|back room|toilets|bench|benches)\b",
    re.IGNORECASE,
)
_NAMED_PLACE = re.compile(
    r"\b(?:outside|behind|at|in|near|opposite|by) (?:the )?([A-Z][a-z']+(?: [A-Z][a-z']+)?)"
    r"(?: (?:Park|Mall|Centre|School|Academy|Pub|Arms|Inn|Hotel|Station|estate|car park))?\b"
)
_PERSON = re.compile(
    r"\b(?:called|named|known as|nicknamed|username is)\s+['\"]?[A-Za-z]+|"
    r"\b(?:a|the|two|three|some|older|young|group of) ?(?:man|woman|lad|lads|guy|guys|bloke|boy|girl|men|"
    r"women|youths|teenagers|kids|brothers|family|people|person|dealer)"
    r" (?:in (?:a|an|his|her|the) |with (?:a|an|the) |wearing |on (?:a|an) |who (?:lives|sells|deals)|"
    r"called|named|from (?:number|the|flat))|"
    r"\b(?:neck |face |arm )?tattoo|tracksuit|hoodie|balaclavas?|parka|north face|beige mac|"
    r"\b(?:about|aged|maybe|around) \d{1,2}\b(?! ?(?:am|pm|minutes|mins|hours|o'clock))|in (?:his|her|their) \d0s|"
    r"year \d{1,2}s?\b|"
    r"\b(?:my (?:neighbour|neighbour's son|ex|ex-partner)|the (?:owner|landlord|boss)|his mates|the two brothers|"
    r"the man who lives|the guy in flat|the lad from|the lads on|the parents at|the family at)\b",
    re.IGNORECASE,
)
_COLOURS = (
    r"(?:black|white|silver|grey|gray|red|blue|green|dark|yellow|orange|purple|gold|beige|brown|navy|maroon)"
)
_VEHICLES = (
    r"(?:car|cars|van|transit|bmw|audi|mercedes|merc|golf|polo|corsa|astra|range rover|ford|vauxhall|skoda|"
    r"seat|leon|nissan|qashqai|toyota|honda|kia|hyundai|peugeot|renault|volkswagen|vw|fiesta|focus|hatchback|"
    r"estate|pickup|pick-up|truck|ranger|moped|motorbike|scooter|e-scooter|bmx|bike|people carrier|4x4|jeep|"
    r"lorry|suv|saloon|a ?class|a3)"
)
_VEHICLE = re.compile(
    r"\b"
    + _COLOURS
    + r"(?: [a-z0-9-]+){0,2}? "
    + _VEHICLES
    + r"\b|\b(?:reg(?:istration)?|number plate|plate)\b"
    r"|\b(?:private|false|l|no back) plates?\b|part of the plate",
    re.IGNORECASE,
)
_REG = re.compile(r"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b|\b[A-Z]\d{1,3} ?[A-Z]{3}\b", re.IGNORECASE)
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})? ?(?:am|pm)\b|\b(?:at|around|about|after|before|from|till|until|between)"
    r" (?:about |around )?\d{1,2}(?:[:.]\d{2})?\b(?!\s+(?-i:[A-Z]))|\bmidnight\b|\b" + _DAYS + r"\b|"
    r"\b(?:last|this|every|most|on) (?:night|nights|evening|evenings|morning|mornings|afternoon|afternoons|"
    r"week|weekend|weekends|day|days)\b|\b(?:last night|this morning|yesterday|tonight|tomorrow|"
    r"after dark|after school|lunchtime|tea ?time|bank holiday)\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)? of (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|"
    r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)
_ONLINE_ID = re.compile(
    r"\b(?:snapchat|instagram|facebook marketplace|username|tiktok|whatsapp group)\b", re.I
)
_FIRST_HAND = re.compile(
    r"\b(?:i saw|i've seen|i have seen|we see|we saw|you can see|you can smell|i know who|told me|"
    r"i watched|caught on|cctv (?:from|shows))\b",
    re.IGNORECASE,
)
_GENERAL = re.compile(
    r"\b(?:in general|generally|everywhere|is a (?:big )?problem|are a (?:big )?problem|a problem in|"
    r"too much|too many|getting worse|has gone up|going up|increasing|seems? to be common|common now|"
    r"should|need more|needs? to be|please|i think there'?s|not sure|never seen|on the news|on facebook|"
    r"years ago|last year|in (?:19|20)\d\d|in this country|no one is ever|nobody (?:got|gets) back|"
    r"why (?:did|are|is|do)|thank you|was (?:very )?(?:good|great|brilliant)|were (?:very )?good|"
    r"probably|harmless|not really doing anything)\b",
    re.IGNORECASE,
)


def _named_streets(text: str) -> list[str]:
    """Street and estate names: capitalised ("Barton Road"), or in an all-lower-case answer
    ("barton road") when the first word is not an ordinary word ("the road", "a busy road")."""
    found = []
    for match in _NAMED_STREET.finditer(text):
        first = match.group(1).split()[0].lower()
        if first not in _NOT_A_STREET_NAME:
            found.append(match.group(0))
    if text == text.lower():
        for match in _LOWER_STREET.finditer(text):
            first = match.group(1)
            if first not in _NOT_A_STREET_NAME and first not in STOP_WORDS and first not in _ADJECTIVES:
                found.append(match.group(0))
    return found


RULE_FEATURES = (
    "crime words",
    "nuisance-offence words",
    "vehicle registration",
    "vehicle description",
    "person described",
    "address or dwelling",
    "premises or spot",
    "street name",
    "named place",
    "times",
    "online identity",
    "first-hand account",
    "general wording",
)


def rule_features(text: str) -> tuple[list[float], list[str]]:
    """The specificity and crime cues of one answer, as numbers and as reasons an analyst can read."""
    text = normalise(text)
    # each cue in English or in one of the other languages (heard_text/intel_rules_multilingual.py)
    serious = _SERIOUS.search(text) or other.SERIOUS.search(text)
    nuisance = _NUISANCE.search(text) or other.NUISANCE.search(text)
    premises = _PREMISES.search(text) or other.PREMISES.search(text)
    streets = _named_streets(text) + [m.group(0) for m in other.STREET.finditer(text)]
    times = _TIME.findall(text) + other.TIME.findall(text)
    values = [
        float(bool(serious)),
        float(bool(nuisance)),
        float(bool(_REG.search(text))),
        float(bool(_VEHICLE.search(text))),
        float(bool(_PERSON.search(text) or other.PERSON.search(text))),
        float(bool(_ADDRESS.search(text) or other.ADDRESS.search(text))),
        float(bool(premises)),
        float(bool(streets)),
        float(bool(_NAMED_PLACE.search(text))),
        float(min(len(times), 3)),
        float(bool(_ONLINE_ID.search(text))),
        float(bool(_FIRST_HAND.search(text) or other.FIRST_HAND.search(text))),
        float(min(len(_GENERAL.findall(text)) + len(other.GENERAL.findall(text)), 3)),
    ]
    reasons = []
    if serious:
        reasons.append(f"crime: {serious.group(0).lower()}")
    elif nuisance:
        reasons.append(f"offence: {nuisance.group(0).lower()}")
    for name, value in zip(RULE_FEATURES[2:9], values[2:9], strict=True):
        if value and name not in {"premises or spot", "street name"}:
            reasons.append(name)
    if premises:
        reasons.append(f"place: {premises.group(0).lower()}")
    if streets:
        reasons.append(f"street: {streets[0]}")
    if times:
        reasons.append(f"time: {times[0].lower()}")
    for name, value in zip(RULE_FEATURES[10:], values[10:], strict=True):
        if value:
            reasons.append(name)
    return values, reasons
