import json

import pytest

from heard_text.codeframe import Codeframe, ThemeAssigner, policing_codeframe
from heard_text.embed_cache import MemoryStore

REQUIRED = [
    "Anti-social behaviour",
    "Drugs",
    "Speeding and road safety",
    "Burglary",
    "Vehicle crime",
    "Violence and knife crime",
    "Violence against women and girls",
    "Hate crime",
    "Fraud and scams",
    "Youth provision",
    "Police visibility",
    "Contacting the police and 101",
    "Trust and confidence",
    "Litter, fly-tipping and graffiti",
    "Parking",
    "Noise",
    "CCTV and street lighting",
]


def test_policing_codeframe_is_complete():
    codeframe = policing_codeframe()
    labels = [t.label for t in codeframe.themes]
    for label in REQUIRED:
        assert label in labels
    assert len(labels) > len(REQUIRED)
    for theme in codeframe.themes:
        assert theme.description and len(theme.examples) >= 5, theme.id
    assert len({t.id for t in codeframe.themes}) == len(codeframe.themes)


def test_codeframe_round_trip(tmp_path):
    path = tmp_path / "cf.json"
    path.write_text(json.dumps(policing_codeframe().to_dict()))
    assert Codeframe.load(path) == policing_codeframe()
    with pytest.raises(ValueError):
        Codeframe.from_dict({"themes": []})


CLEAR = [
    ("Kids on motorbikes tearing round the playing fields", "Off-road bikes and e-scooters"),
    ("I rang 101 and nobody answered for an hour", "Contacting the police and 101"),
    ("People dealing drugs outside the chippy", "Drugs"),
    ("We never see any officers on patrol", "Police visibility"),
    ("My catalytic converter was stolen off the drive", "Vehicle crime"),
    ("The street lights have been out for weeks", "CCTV and street lighting"),
    ("Someone dumped a fridge and mattresses in the alley", "Litter, fly-tipping and graffiti"),
    ("A man phoned my gran pretending to be from her bank", "Fraud and scams"),
    ("My neighbour was called racist names in the street", "Hate crime"),
    ("Cars parked all over the pavement outside the school", "Parking"),
    ("Loud music from the house next door until 3am", "Noise"),
    ("There is nothing for teenagers to do in the evenings", "Youth provision"),
    ("Young men carrying knives in the town centre", "Violence and knife crime"),
    ("Cars doing 60 past the primary school", "Speeding and road safety"),
    ("I do not trust the police to treat us fairly", "Trust and confidence"),
]


def policing(texts, embedder):
    assigner = ThemeAssigner(embedder=embedder).fit(codeframe=policing_codeframe(), extra_corpus=texts)
    return assigner.assign(texts)


def test_codeframe_assignment_without_training(minilm):
    assignments = policing([t for t, _ in CLEAR] + ["Nothing"], minilm)
    right = sum(expected in a.themes for (_, expected), a in zip(CLEAR, assignments, strict=False))
    assert right >= 13, [(t, a.themes) for (t, _), a in zip(CLEAR, assignments, strict=False)]
    assert assignments[-1].themes == []  # an empty answer gets no theme
    for a in assignments[:-1]:
        assert len(a.themes) == len(a.scores)
        assert 0.0 <= a.confidence <= 1.0
        assert a.scores == sorted(a.scores, reverse=True)


def test_learns_from_coded_answers_with_its_own_labels(minilm):
    coded = [
        ("The bus shelter glass gets smashed every week", ["Vandalism"]),
        ("Someone keeps breaking the bus shelter", ["Vandalism"]),
        ("Kids smashed the phone box windows", ["Vandalism"]),
        ("The benches in the park were wrecked", ["Vandalism"]),
        ("Graffiti and damage to the bus stop", ["Vandalism"]),
        ("The tram is never on time", ["Public transport"]),
        ("Buses are late and crowded", ["Public transport"]),
        ("The train station has no staff at night", ["Public transport"]),
        ("Trams are dirty and unsafe after 10pm", ["Public transport", "Feeling unsafe"]),
        ("I do not feel safe walking home", ["Feeling unsafe"]),
        ("Scared to go out after dark", ["Feeling unsafe"]),
        ("My mum is frightened to leave the house", ["Feeling unsafe"]),
        ("Nothing", ["No comment"]),
        ("n/a", ["No comment"]),
    ]
    assigner = ThemeAssigner(embedder=minilm).fit([t for t, _ in coded], [labels for _, labels in coded])
    assert set(assigner.labels) == {"Vandalism", "Public transport", "Feeling unsafe", "No comment"}
    results = assigner.assign(
        ["Vandals smashed up the bus stop again", "The trams are always late and packed", "none"]
    )
    assert results[0].themes[0] == "Vandalism"
    assert results[1].themes[0] == "Public transport"
    # coded empty answers are learnt like any other theme
    assert results[2].themes == ["No comment"]


def test_coded_answers_resolve_codeframe_ids(minilm):
    codeframe = policing_codeframe()
    assigner = ThemeAssigner(embedder=minilm).fit(["Dealers on the corner"], [["drugs"]], codeframe=codeframe)
    assert "drugs" not in assigner.labels and "Drugs" in assigner.labels


def test_assignment_is_deterministic(minilm):
    texts = [t for t, _ in CLEAR]
    first = policing(texts, minilm)
    second = policing(texts, minilm)
    assert [a.themes for a in first] == [a.themes for a in second]
    assert [a.scores for a in first] == [a.scores for a in second]


def test_a_store_gives_the_vectors_of_answers_embedded_before():
    store = MemoryStore()
    answers = [t for t, _ in CLEAR]
    first = ThemeAssigner(store=store).fit([], [], codeframe=policing_codeframe(), extra_corpus=answers)
    before = first.assign(answers)
    assert first.embedder.misses >= len(set(answers))
    again = ThemeAssigner(store=store).fit([], [], codeframe=policing_codeframe(), extra_corpus=answers)
    assert [a.themes for a in again.assign(answers)] == [a.themes for a in before]
    assert again.embedder.misses == 0  # the codeframe's own texts and every answer: from the store
