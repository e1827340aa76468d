"""Answers in Welsh, Polish, Urdu and Punjabi: language check, the multilingual model (real, loaded
once), themes, codeframe, intelligence cues and redaction."""

# ruff: noqa: RUF001 - the Urdu full stop is not a hyphen
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from heard_text import embed
from heard_text import intel_rules_multilingual as other
from heard_text.codeframe import ThemeAssigner, policing_codeframe
from heard_text.embed import E5Embedder, ModelIntegrityError, get_embedder, sha256_file
from heard_text.intel import detect_many, training_examples
from heard_text.intel_rules import rule_features
from heard_text.languages import detect_language, needs_multilingual
from heard_text.redaction import redact
from heard_text.text import content_tokens, is_empty_answer, words
from heard_text.themes import discover_themes

WELSH = "Mae pobl yn delio cyffuriau ar gornel y stryd bob nos."
POLISH = "Na rogu przy sklepie codziennie wieczorem handlują narkotykami."
URDU = "ہماری سڑک پر گاڑیاں بہت تیز رفتاری سے چلتی ہیں، کسی دن کوئی بچہ مارا جائے گا۔"
PUNJABI = "ਪਾਰਕ ਵਿੱਚ ਮੁੰਡੇ ਹਰ ਰਾਤ ਨਸ਼ੇ ਵੇਚਦੇ ਹਨ।"


@pytest.fixture(scope="module")
def e5() -> E5Embedder:
    embedder = get_embedder("e5")
    assert isinstance(embedder, E5Embedder)
    return embedder


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (WELSH, "cy"),
        ("Dw i ddim yn teimlo'n ddiogel yn y parc gyda'r nos.", "cy"),
        (POLISH, "pl"),
        ("Policja nigdy nie przyjeżdża, kiedy dzwonimy.", "pl"),
        (URDU, "ur"),
        (PUNJABI, "pa"),
        ("Drug dealing on the corner of Llandudno Road every night", "en"),
        ("Speeding cars outside the school", "en"),
        ("no", "en"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_the_multilingual_model_is_chosen_only_for_other_languages():
    english = ["Cars speeding past the school", "Drug dealing in the park"] * 150
    assert not needs_multilingual(english)
    # one stray Welsh-looking answer among 300 English ones does not switch the model
    assert not needs_multilingual([*english, "Mae'n iawn yn y dre, diolch yn fawr"])
    assert needs_multilingual([*english[:20], POLISH])
    assert needs_multilingual([*english, URDU])
    assert needs_multilingual(english[:5], languages=["en", "pl"])
    assert not needs_multilingual(english[:5], languages=["en", None, "en-GB"])


def test_get_embedder_chooses_and_can_be_told(monkeypatch, e5):
    assert get_embedder(texts=["Cars speeding past the school"]).name == "all-MiniLM-L6-v2-int8-fused-onnx"
    assert get_embedder(texts=["Cars speeding past the school", PUNJABI]) is e5
    assert get_embedder(texts=["Speeding"], languages=["cy"]) is e5
    monkeypatch.setenv("HEARD_TEXT_EMBEDDINGS", "minilm")
    assert get_embedder(texts=[PUNJABI]).name == "all-MiniLM-L6-v2-int8-fused-onnx"
    monkeypatch.setenv("HEARD_TEXT_EMBEDDINGS", "e5")
    assert get_embedder(texts=["Speeding"]) is e5
    with pytest.raises(ValueError):
        get_embedder("french")


def test_e5_files_have_pinned_hashes():
    model, engine, sparse = embed.e5_paths()
    assert sha256_file(model) == embed.E5_MODEL_SHA256
    assert sha256_file(engine) == embed.E5_ENGINE_SHA256
    assert sha256_file(sparse) == embed.E5_SPARSE_SHA256


@pytest.mark.parametrize("which", [0, 1])
def test_a_changed_e5_model_or_engine_is_refused(tmp_path, monkeypatch, which):
    paths = list(embed.e5_paths())
    changed = tmp_path / paths[which].name
    changed.write_bytes(b"not the pinned file")
    paths[which] = changed
    monkeypatch.setattr(embed, "e5_paths", lambda: tuple(paths))
    with pytest.raises(ModelIntegrityError):
        E5Embedder()


def test_e5_places_translations_together(e5):
    english, welsh, polish, urdu, punjabi, other = e5.embed(
        [
            "People sell drugs on the street corner every night",
            WELSH,
            POLISH,
            "ہماری گلی کے کونے پر ہر رات منشیات بیچی جاتی ہیں",
            PUNJABI,
            "The officers at the station were very helpful and polite",
        ]
    )
    for vector in (welsh, polish, urdu, punjabi):
        assert vector @ english > vector @ other


def test_only_answers_in_other_languages_are_moved_towards_english(e5):
    assert set(e5.language_offsets()) == {"cy", "pl", "ur", "pa"}
    english = "Cars speeding past the school"
    raw = e5._raw([english])
    assert np.allclose(e5.embed([english]), raw / np.linalg.norm(raw), atol=1e-6)
    assert not np.allclose(e5.embed([POLISH]), e5._raw([POLISH]), atol=1e-3)


def test_an_answer_in_polish_lands_in_the_right_theme():
    drugs = [
        "Drug dealing on the corner by the shops every night",
        "People selling drugs outside the chippy",
        "Dealers hanging around the park selling weed",
        "Cannabis smell and drug dealing on our street",
        "Cars pull up and buy drugs from lads at the bus stop",
        "There is open drug dealing near the school gates",
        "Drug dealers use the alley behind the flats",
    ]
    speeding = [
        "Cars speeding down the main road past the school",
        "Boy racers speeding at night on the bypass",
        "Nobody sticks to the 20 limit outside the primary school",
        "Speeding traffic makes it dangerous to cross the road",
        "We need speed cameras, drivers go far too fast",
        "Cars race each other down our road every evening",
        "People drive dangerously fast through the village",
    ]
    texts = [*drugs, *speeding, "Na naszej ulicy codziennie sprzedają narkotyki pod sklepem."]
    # 15 answers: 5 neighbours each (with the default 15, every answer would be linked to every other)
    result = discover_themes(texts, seed=0, neighbours=5)
    assert result.embedder == E5Embedder.name
    theme = result.assignments
    drugs_theme = max(set(theme[:7]), key=theme[:7].count)
    speeding_theme = max(set(theme[7:14]), key=theme[7:14].count)
    assert drugs_theme != speeding_theme
    assert theme[-1] == drugs_theme


@pytest.fixture(scope="module")
def assigner(e5) -> ThemeAssigner:
    return ThemeAssigner(embedder=e5).fit(codeframe=policing_codeframe())


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        (POLISH, "Drugs"),
        (WELSH, "Drugs"),
        (URDU, "Speeding and road safety"),
        (PUNJABI, "Drugs"),
        ("Mae ceir yn gyrru llawer rhy gyflym heibio i'r ysgol.", "Speeding and road safety"),
        ("Drug dealing on the corner every night", "Drugs"),
    ],
)
def test_codeframe_codes_answers_in_other_languages(assigner, text, theme):
    assignment = assigner.assign([text])[0]
    assert assignment.themes[0] == theme


def test_codeframe_keeps_english_only_features_for_english_models(minilm):
    english = ThemeAssigner(embedder=minilm).fit(codeframe=policing_codeframe())
    assert english._crosslingual == []
    assert not english._keywords.patterns[english.labels.index("Drugs")].search("narkotyki")


@pytest.mark.parametrize(
    ("text", "crime"),
    [
        ("Widziałem, jak diler sprzedawał narkotyki za sklepem o 22:00.", "crime: diler"),
        ("Mae dyn o'r enw Jac yn cario cyllell ger yr orsaf bob nos.", "crime: cyllell"),
        ("Mae fy ffrind yn sôn am ladd ei hun.", "crime: ladd ei hun"),
        ("اس نے مجھے جان سے مارنے کی دھمکی دی", "crime: جان سے مارنے"),
        ("ਉਹ ਰੋਜ਼ ਰਾਤ ਨੂੰ ਦਸ ਵਜੇ ਪਾਰਕ ਦੇ ਪਿੱਛੇ ਨਸ਼ੇ ਵੇਚਦਾ ਹੈ", "crime: ਨਸ਼ੇ"),
    ],
)
def test_intelligence_rules_read_other_languages(text, crime):
    values, reasons = rule_features(text)
    assert reasons[0] == crime
    assert values[0] == 1.0


def test_intelligence_rules_find_detail_in_other_languages():
    _, reasons = rule_features("ਉਹ ਰੋਜ਼ ਰਾਤ ਨੂੰ ਦਸ ਵਜੇ ਪਾਰਕ ਦੇ ਪਿੱਛੇ ਨਸ਼ੇ ਵੇਚਦਾ ਹੈ")
    assert any(r.startswith("time:") for r in reasons)
    assert any(r.startswith("place:") for r in reasons)
    _, reasons = rule_features("Widziałem, jak diler sprzedawał narkotyki za sklepem o 22:00.")
    assert "first-hand account" in reasons


def test_english_answers_get_exactly_the_features_they_had():
    """No multilingual cue matches any English answer the detector learns from or is tested on."""
    texts = [text for text, _ in training_examples()]
    with (Path(__file__).parent / "data" / "intel_test.csv").open(encoding="utf-8") as handle:
        texts += [row["text"] for row in csv.DictReader(handle)]
    patterns = [other.SERIOUS, other.NUISANCE, other.PERSON, other.ADDRESS, other.PREMISES, other.STREET]
    patterns += [other.TIME]
    patterns += [other.FIRST_HAND, other.GENERAL]
    assert len(texts) > 300
    for text in texts:
        assert not any(p.search(text) for p in patterns), text


def test_intelligence_in_polish_is_flagged_and_a_general_concern_is_not(e5):
    specific, general = detect_many(
        [
            "Widziałem dilera w czarnej bluzie z kapturem, sprzedaje narkotyki za sklepem "
            "przy ulicy Długiej codziennie o 22:00.",
            "Narkotyki to coraz większy problem w naszym mieście, policja powinna coś zrobić.",
        ],
        embedder=e5,
    )
    assert specific.intelligence
    assert not general.intelligence
    assert specific.score > general.score


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Fy enw i yw Dafydd Jones ac rwy'n byw yn y dre.", "Fy enw i yw [NAME] ac rwy'n byw yn y dre."),
        ("Mae e'n cael ei alw'n Jonno.", "Mae e'n cael ei alw'n [NAME]."),
        ("Nazywam się Jan Kowalski, tel. 07700 900123.", "Nazywam się [NAME], tel. [PHONE]."),
        ("Mam na imię agnieszka, mój e-mail to aga@example.com", "Mam na imię [NAME], mój e-mail to [EMAIL]"),
        ("میرا نام احمد خان ہے اور میں یہاں رہتا ہوں۔", "میرا نام [NAME] ہے اور میں یہاں رہتا ہوں۔"),
        ("اس کا نام بلال ہے، وہ M16 0RA میں رہتا ہے", "اس کا نام [NAME] ہے، وہ [POSTCODE] میں رہتا ہے"),
        ("ਮੇਰਾ ਨਾਮ ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ ਹੈ।", "ਮੇਰਾ ਨਾਮ [NAME] ਹੈ।"),
        ("ਉਸ ਦਾ ਨਾਂ ਹਰਜੀਤ ਹੈ", "ਉਸ ਦਾ ਨਾਂ [NAME] ਹੈ"),
    ],
)
def test_names_after_my_name_is_in_other_languages_are_redacted(text, redacted):
    assert redact(text) == redacted


def test_words_and_empty_answers_in_other_scripts():
    assert words("ਮੇਰਾ ਨਾਮ") == ["ਮੇਰਾ", "ਨਾਮ"]
    assert words("sprzedaż narkotyków") == ["sprzedaż", "narkotyków"]
    assert "میں" not in content_tokens(URDU)
    assert not is_empty_answer(URDU)
    assert not is_empty_answer(PUNJABI)
    for nothing in ("Dim byd", "nie wiem", "Brak uwag", "کچھ نہیں", "ਕੁਝ ਨਹੀਂ"):
        assert is_empty_answer(nothing), nothing


def test_the_command_line_says_which_model_it_used(tmp_path, capsys, e5):
    from heard_text.cli import main

    path = tmp_path / "answers.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["answer"])
        writer.writerows([[WELSH], [POLISH], [URDU], [PUNJABI], ["Speeding cars outside the school"]])
    assert main(["themes", str(path), "--column", "answer"]) == 0
    assert E5Embedder.name in capsys.readouterr().err
