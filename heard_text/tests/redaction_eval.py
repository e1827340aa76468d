"""Scoring of redaction against the synthetic labelled set (shared by the tests and the benchmark)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

MARK = re.compile(r"\{([A-Z_]+):([^}]*)\}")
DATA = Path(__file__).resolve().parent / "data" / "redaction_synthetic.txt"


@dataclass
class Gold:
    text: str
    spans: list[tuple[int, int, str]]


def load(path: Path = DATA) -> list[Gold]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, spans, position = "", [], 0
        for match in MARK.finditer(line):
            text += line[position : match.start()]
            spans.append((len(text), len(text) + len(match.group(2)), match.group(1)))
            text += match.group(2)
            position = match.end()
        text += line[position:]
        out.append(Gold(text, spans))
    return out


@dataclass
class Score:
    found: Counter[str] = field(default_factory=Counter)
    typed: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    predicted: int = 0
    false_positive: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def recall(self, kinds: set[str] | None = None) -> float:
        keys = kinds or set(self.total)
        total = sum(self.total[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else 1.0

    @property
    def precision(self) -> float:
        return 1 - self.false_positive / self.predicted if self.predicted else 1.0


def score(find: Callable[[str], list[tuple[int, int, str]]], gold: list[Gold]) -> Score:
    """A gold span counts as found when every character of it is inside predicted spans."""
    result = Score()
    for item in gold:
        predicted = find(item.text)
        covered = [False] * len(item.text)
        for start, end, _ in predicted:
            for i in range(start, end):
                covered[i] = True
        for start, end, kind in item.spans:
            result.total[kind] += 1
            if all(covered[start:end]):
                result.found[kind] += 1
                kinds = {k for s, e, k in predicted if s < end and e > start}
                if kinds == {kind}:
                    result.typed[kind] += 1
            else:
                result.misses.append(f"{kind}: {item.text[start:end]!r} in {item.text!r}")
        for start, end, kind in predicted:
            result.predicted += 1
            if not any(s < end and e > start for s, e, _ in item.spans):
                result.false_positive += 1
                result.false_positives.append(f"{kind}: {item.text[start:end]!r} in {item.text!r}")
    return result
