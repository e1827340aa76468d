from heard_text.keyterms import class_terms, label_from_terms
from heard_text.redaction import redact

PLACEHOLDER_WORDS = {"name", "address", "postcode", "phone", "email", "vehicle", "reg", "crime", "ref"}


def test_redaction_placeholders_are_never_key_terms_or_labels():
    texts = [
        redact("Thanks to PC Sarah Jones for sorting out the parking"),
        redact("Sgt Morris sorted the parking outside 14 Elm Grove, M32 0PP"),
        redact("Ring me on 07700 900123 about the parking, or email jo@example.com"),
        redact("Mrs Patel at 22 Kingsway Park says parking is a nightmare"),
        "[NAME] [NAME] parking [VEHICLE_REG] [CRIME_REF] [name]",
    ]
    assert sum(t.count("[") for t in texts) >= 10
    terms = class_terms(texts, [0] * len(texts))[0]
    words = {w for t in terms for w in t.key.split()}
    assert "parking" in words
    assert not words & PLACEHOLDER_WORDS, [t.text for t in terms]
    assert label_from_terms(terms) == "Parking"


def test_a_placeholder_does_not_join_the_words_around_it():
    texts = ["parking [POSTCODE] wardens", "parking [POSTCODE] wardens", "parking wardens never come"]
    keys = {t.key for t in class_terms(texts, [0, 0, 0])[0]}
    assert keys == {"parking", "warden"}  # "parking warden" is in one answer only


def test_the_words_themselves_are_still_terms():
    texts = ["they asked for my phone number and address", "my phone number and address were shared"]
    keys = {t.key for t in class_terms(texts, [0, 0])[0]}
    assert {"phone", "address", "phone number"} <= keys
