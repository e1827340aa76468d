"""The heard-text command line, end to end on small CSVs written by the tests."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from heard_text.cli import main
from heard_text.tests.corpus import corpus


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def answers(tmp_path) -> Path:
    texts, _ = corpus()
    rows = [
        [str(i), text, "Ward A, north" if i % 2 else 'line "quoted"\nnext'] for i, text in enumerate(texts)
    ]
    return write_csv(tmp_path / "answers.csv", ["id", "answer", "area"], rows)


def test_themes_round_trip(answers, tmp_path, capsys, minilm):
    summary = tmp_path / "themes.csv"
    assert main(["themes", str(answers), "--column", "answer", "--themes-out", str(summary)]) == 0
    out = read_csv(capsys.readouterr().out)
    original = list(csv.DictReader(answers.open(encoding="utf-8")))
    assert len(out) == len(original)
    for before, after in zip(original, out, strict=True):
        assert {k: after[k] for k in before} == before  # input columns unchanged, quoting intact
        assert after["theme_id"] and after["theme_label"]
    assert {r["theme_label"] for r in out if r["answer"] in ("Nothing", "n/a")} == {
        "No answer / nothing to add"
    }
    themes = read_csv(summary.read_text())
    assert themes[0]["theme_id"] == "0"
    assert all(t["theme_summary"].endswith(".") for t in themes[1:])
    assert sum(int(t["size"]) for t in themes) == len(out)


def test_themes_to_file_and_fallback(answers, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["themes", str(answers), "--column", "answer", "--out", str(out), "--embeddings", "lsa"]) == 0
    assert len(read_csv(out.read_text())) == len(corpus()[0])


def test_missing_column_is_an_error(answers):
    with pytest.raises(SystemExit):
        main(["themes", str(answers), "--column", "nope"])


def test_assign_with_training_file(tmp_path, capsys, minilm):
    coded = write_csv(
        tmp_path / "coded.csv",
        ["text", "codes"],
        [
            ["Cars speed past the school", "Speeding"],
            ["Speeding on the main road", "Speeding"],
            ["Racing cars at night", "Speeding"],
            ["Drug dealing on the corner", "Drugs"],
            ["Cannabis smell everywhere", "Drugs"],
            ["Dealers near the school", "Drugs|Schools"],
            ["Kids need safer routes to school", "Schools"],
            ["The school gates are chaos", "Schools"],
        ],
    )
    new = write_csv(
        tmp_path / "new.csv", ["text"], [["People drive too fast"], ["Drugs sold by the shops"], [""]]
    )
    assert (
        main(["assign", str(new), "--column", "text", "--train", str(coded), "--labels-column", "codes"]) == 0
    )
    out = read_csv(capsys.readouterr().out)
    assert [r["themes"].split("|")[0] for r in out[:2]] == ["Speeding", "Drugs"]
    assert all(0 <= float(r["confidence"]) <= 1 for r in out)


def test_assign_with_codeframe(tmp_path, capsys, minilm):
    codeframe = tmp_path / "cf.json"
    assert main(["codeframe", "--out", str(codeframe)]) == 0
    new = write_csv(
        tmp_path / "new.csv", ["text"], [["Loud parties every weekend"], ["Fly-tipping in the alley"]]
    )
    assert main(["assign", str(new), "--column", "text", "--codeframe", str(codeframe)]) == 0
    out = read_csv(capsys.readouterr().out)
    assert out[0]["themes"].startswith("Noise")
    assert out[1]["themes"].startswith("Litter")


def test_intel_round_trip(tmp_path, capsys, minilm):
    new = write_csv(
        tmp_path / "new.csv",
        ["text"],
        [["Speeding is bad here"], ["A lad called Kyle sells weed from 14 Elm Grove every night after 9pm"]],
    )
    assert main(["intel", str(new), "--column", "text"]) == 0
    out = read_csv(capsys.readouterr().out)
    assert [r["intelligence"] for r in out] == ["0", "1"]
    assert float(out[1]["intelligence_score"]) > float(out[0]["intelligence_score"])


def test_redact_one_line_out_per_line_in(monkeypatch, capsys):
    lines = "Call Sarah on 07700 900123\n\nnothing personal here\nEmail bob@example.com"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    assert main(["redact"]) == 0
    out = capsys.readouterr().out
    assert out.split("\n") == ["Call [NAME] on [PHONE]", "", "nothing personal here", "Email [EMAIL]"]


def test_python_dash_m_and_no_django():
    """`python -m heard_text` works, and importing heard_text loads no Django."""
    code = (
        "import sys, heard_text, heard_text.cli, heard_text.themes, heard_text.intel, heard_text.redaction;"
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "heard_text", "redact"],
        input="Ring 07700 900123\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "Ring [PHONE]\n"
