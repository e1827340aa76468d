"""Command line: ``heard-text`` / ``python -m heard_text``.

    heard-text themes FILE.csv --column NAME [--seed N] [--themes-out THEMES.csv] [--out OUT.csv]
    heard-text assign FILE.csv --column NAME (--train CODED.csv --labels-column NAME | --codeframe F.json)
    heard-text intel FILE.csv --column NAME [--out OUT.csv]
    heard-text redact < in.txt > out.txt

CSV in, CSV out (stdout unless ``--out``): the input rows unchanged, plus the new columns.
Nothing is downloaded; the embedding model must be installed (else TF-IDF/LSA is used, said on stderr).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from heard_text.embed import Embedder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _read_csv(path: str, column: str) -> tuple[list[str], list[dict[str, str]]]:
    handle: TextIO
    handle = sys.stdin if path == "-" else open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115
    try:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    finally:
        if handle is not sys.stdin:
            handle.close()
    if column not in fields:
        raise SystemExit(
            f"heard-text: {path} has no column {column!r} (columns: {', '.join(fields) or 'none'})"
        )
    return fields, rows


def _write_csv(out: str | None, fields: Sequence[str], rows: Sequence[Mapping[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if out and out != "-":
        Path(out).write_text(buffer.getvalue(), encoding="utf-8")
    else:
        sys.stdout.write(buffer.getvalue())
        sys.stdout.flush()


def _embedder(args: argparse.Namespace, texts: Sequence[str] = ()) -> Embedder:
    """The model for these answers: English or multilingual (auto), or the one ``--embeddings`` names."""
    from heard_text.embed import get_embedder

    embedder = get_embedder(args.embeddings, seed=getattr(args, "seed", 0), texts=texts)
    if embedder.name == "tfidf-lsa" and args.embeddings != "lsa":
        print("heard-text: embedding model not installed, using TF-IDF/LSA", file=sys.stderr)
    return embedder


def _new_fields(fields: list[str], extra: Sequence[str]) -> list[str]:
    return [*fields, *[name for name in extra if name not in fields]]


def cmd_themes(args: argparse.Namespace) -> int:
    from heard_text.themes import discover_themes

    fields, rows = _read_csv(args.file, args.column)
    texts = [r.get(args.column) or "" for r in rows]
    result = discover_themes(texts, seed=args.seed, embedder=_embedder(args, texts))
    for row, theme_id in zip(rows, result.assignments, strict=True):
        row["theme_id"] = str(theme_id)
        row["theme_label"] = result.label(theme_id)
    _write_csv(args.out, _new_fields(fields, ["theme_id", "theme_label"]), rows)
    if args.themes_out:
        summary: list[dict[str, object]] = [
            {
                "theme_id": 0,
                "theme_label": result.label(0),
                "theme_summary": "",
                "size": len(result.empty),
                "key_terms": "",
                "quotes": "",
            }
        ]
        for theme in result.themes:
            summary.append(
                {
                    "theme_id": theme.id,
                    "theme_label": theme.label,
                    "theme_summary": theme.summary,
                    "size": theme.size,
                    "key_terms": "|".join(theme.key_terms),
                    "quotes": "|".join(q.replace("|", "/") for q in theme.quotes),
                }
            )
        columns = ["theme_id", "theme_label", "theme_summary", "size", "key_terms", "quotes"]
        _write_csv(args.themes_out, columns, summary)
    print(
        f"heard-text: {len(result.themes)} themes, {len(result.empty)} empty answers, "
        f"{len(rows)} rows ({result.embedder})",
        file=sys.stderr,
    )
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from heard_text.codeframe import Codeframe, ThemeAssigner, policing_codeframe, split_labels

    fields, rows = _read_csv(args.file, args.column)
    texts = [r.get(args.column) or "" for r in rows]
    codeframe = Codeframe.load(args.codeframe) if args.codeframe else None
    train_texts: list[str] = []
    train_labels: list[list[str]] = []
    if args.train:
        train_column = args.train_column or args.column
        _, coded = _read_csv(args.train, train_column)
        if not coded or args.labels_column not in coded[0]:
            raise SystemExit(f"heard-text: {args.train} has no column {args.labels_column!r}")
        for row in coded:
            labels = split_labels(row.get(args.labels_column), args.separator)
            if labels:
                train_texts.append(row.get(train_column) or "")
                train_labels.append(labels)
    if codeframe is None and not train_texts:
        codeframe = policing_codeframe()
        print("heard-text: no --train or --codeframe given, using the policing codeframe", file=sys.stderr)
    assigner = ThemeAssigner(embedder=_embedder(args, [*texts, *train_texts]), seed=args.seed)
    assigner.fit(train_texts, train_labels, codeframe=codeframe, extra_corpus=texts)
    for row, assignment in zip(rows, assigner.assign(texts), strict=True):
        row["themes"] = args.separator.join(assignment.themes)
        row["confidence"] = f"{assignment.confidence:.4f}"
        row["theme_scores"] = args.separator.join(f"{s:.4f}" for s in assignment.scores)
    _write_csv(args.out, _new_fields(fields, ["themes", "confidence", "theme_scores"]), rows)
    return 0


def cmd_intel(args: argparse.Namespace) -> int:
    from heard_text.intel import detect_many

    fields, rows = _read_csv(args.file, args.column)
    texts = [r.get(args.column) or "" for r in rows]
    results = detect_many(texts, embedder=_embedder(args, texts))
    for row, result in zip(rows, results, strict=True):
        row["intelligence"] = "1" if result.intelligence else "0"
        row["intelligence_score"] = f"{result.score:.4f}"
        row["intelligence_reasons"] = "; ".join(result.reasons) if result.intelligence else ""
    _write_csv(
        args.out, _new_fields(fields, ["intelligence", "intelligence_score", "intelligence_reasons"]), rows
    )
    return 0


def cmd_redact(args: argparse.Namespace) -> int:
    from heard_text.redaction import redact

    source: TextIO = open(args.file, encoding="utf-8") if args.file else sys.stdin  # noqa: SIM115
    target: TextIO = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
    try:
        for line in source:
            ending = "\n" if line.endswith("\n") else ""
            target.write(redact(line.rstrip("\r\n")) + ending)
            if target is sys.stdout:
                target.flush()
    finally:
        if source is not sys.stdin:
            source.close()
        if target is not sys.stdout:
            target.close()
    return 0


def cmd_codeframe(args: argparse.Namespace) -> int:
    from heard_text.codeframe import policing_codeframe

    text = json.dumps(policing_codeframe().to_dict(), indent=2, ensure_ascii=False) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="heard-text", description="Offline thematic analysis, intelligence flags and redaction."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, *, needs_column: bool = True) -> None:
        p.add_argument("file", help="input CSV (UTF-8, header row); - for stdin")
        if needs_column:
            p.add_argument("--column", required=True, help="the column holding the answers")
        p.add_argument("--out", help="write the CSV here instead of stdout")
        p.add_argument(
            "--embeddings",
            choices=["auto", "minilm", "e5", "lsa"],
            default=None,
            help="auto (default): MiniLM for English answers, multilingual e5 when they include other "
            "languages, TF-IDF/LSA without the models",
        )
        p.add_argument("--seed", type=int, default=0, help="random seed (same input and seed, same result)")

    themes = sub.add_parser("themes", help="discover themes; adds theme_id and theme_label")
    common(themes)
    themes.add_argument("--themes-out", help="also write one row per theme: size, key terms, quotes")
    themes.set_defaults(func=cmd_themes)

    assign = sub.add_parser("assign", help="assign codeframe themes; adds themes and confidence")
    common(assign)
    assign.add_argument("--train", help="CSV of answers already coded by an analyst")
    assign.add_argument("--labels-column", default="themes", help="column of --train with the themes")
    assign.add_argument("--train-column", help="answer column in --train (default: --column)")
    assign.add_argument("--codeframe", help="codeframe JSON (default: the policing codeframe)")
    assign.add_argument("--separator", default="|", help="separator between themes (default |)")
    assign.set_defaults(func=cmd_assign)

    intel = sub.add_parser("intel", help="flag community intelligence; adds intelligence and its score")
    common(intel)
    intel.set_defaults(func=cmd_intel)

    redact = sub.add_parser("redact", help="redact personal data, one line out per line in")
    redact.add_argument("file", nargs="?", help="text file (default: stdin)")
    redact.add_argument("--out", help="write here instead of stdout")
    redact.set_defaults(func=cmd_redact)

    codeframe = sub.add_parser("codeframe", help="print the policing codeframe JSON (to edit for a force)")
    codeframe.add_argument("--out", help="write here instead of stdout")
    codeframe.set_defaults(func=cmd_codeframe)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "embeddings", None) is None and hasattr(args, "embeddings"):
        args.embeddings = os.environ.get("HEARD_TEXT_EMBEDDINGS", "auto")
    return int(args.func(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
