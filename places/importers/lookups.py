"""The area tree: ONS lookups whose columns go from child to parent (LSOA -> ward ->
district) link areas to their parents, and LSOAs to their MSOAs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from places.census import DataFileError, level_for_code, read_csv
from places.models import Area, AreaLevel
from places.services import area_set_msoa, area_set_parent

from ._common import (
    LEVEL_RANK,
    ImportFailed,
    ImportSummary,
    _areas_by_code,
    _audit,
    _Bar,
    _bar,
    _create_area,
)

Codes = list[tuple[str, str]]  # (code, name) for each code column of a row, child first
Entry = tuple[int, str, str]  # (column, code, name)


@dataclass
class _Link:
    parent: str | None
    msoa: str | None
    line: int


def _code_pairs(path: Path, header: list[str]) -> list[tuple[int, int | None]]:
    """(code column, name column) pairs in header order: `lsoa21cd` goes with `lsoa21nm`."""
    pairs = []
    for i, column in enumerate(header):
        if column.endswith("cd") and len(column) > 2:
            name = column[:-2] + "nm"
            pairs.append((i, header.index(name) if name in header else None))
    if len(pairs) < 2:
        raise ImportFailed(
            f"{path}, line 1: wrong columns: expected code/name pairs from child to parent, such as "
            f"lsoa21cd, lsoa21nm, wd22cd, wd22nm, lad22cd, lad22nm (found: {', '.join(header)})"
        )
    return pairs


def _tree_parent(levels: list[str], i: int) -> int | None:
    """Which later column holds the tree parent of column i: MSOAs sit under a district or
    above, and nothing else sits under an MSOA (MSOAs do not nest in wards)."""
    rank = LEVEL_RANK[AreaLevel(levels[i])]
    for j in range(i + 1, len(levels)):
        level = AreaLevel(levels[j])
        if levels[i] == AreaLevel.MSOA:
            if LEVEL_RANK[level] >= LEVEL_RANK[AreaLevel.DISTRICT]:
                return j
        elif level != AreaLevel.MSOA and LEVEL_RANK[level] > rank:
            return j
    return None


def _read_lookup(path: Path, progress: bool) -> tuple[int, list[tuple[int, Codes]]]:
    """The number of code columns, and each row's (line, codes); every code must be there."""
    try:
        header, lines = read_csv(path)
        pairs = _code_pairs(path, header)
        rows = []
        with _bar(progress, "Reading lookup") as bar:
            for line, fields in lines:
                bar.update()
                codes = [
                    (fields[c].strip().upper(), fields[n].strip() if n is not None else "") for c, n in pairs
                ]
                empty = next((c for (code, _), (c, _) in zip(codes, pairs, strict=True) if not code), None)
                if empty is not None:
                    raise DataFileError(path, f"{header[empty]} is empty", line)
                rows.append((line, codes))
    except DataFileError as exc:
        raise ImportFailed(str(exc)) from None
    return len(pairs), rows


def _parent_area(parent_code: str | None) -> Area | None:
    if not parent_code:
        return None
    parent_area = Area.objects.filter(code=parent_code.strip().upper()).first()
    if parent_area is None:
        raise ImportFailed(f"--parent {parent_code}: no area with that code; create or import it first")
    return parent_area


@dataclass
class _Plan:
    """What the lookup says, row by row: each area's name, level and link (with the line that
    said so). A link that contradicts an earlier row fails the import."""

    path: Path
    known: dict[str, Area]
    parent_area: Area | None
    last_column: int
    names: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)
    links: dict[str, _Link] = field(default_factory=dict)

    def add_row(self, line: int, entries: list[Entry]) -> None:
        row_levels = self._levels(line, entries)
        ranks = [LEVEL_RANK[AreaLevel(lv)] for lv in row_levels]
        if len(ranks) > 1 and ranks[-1] <= ranks[0]:
            raise ImportFailed(
                f"{self.path}, line {line}: {entries[0][1]} ({row_levels[0]}) comes before {entries[-1][1]} "
                f"({row_levels[-1]}); the columns must go from child to parent"
            )
        msoa = next((c for (_, c, _), lv in zip(entries, row_levels, strict=True) if lv == "msoa"), None)
        for i, (col, code, _) in enumerate(entries):
            parent_at = _tree_parent(row_levels, i)
            if parent_at is not None:
                parent: str | None = entries[parent_at][1]
            elif col == self.last_column and self.parent_area is not None and self.parent_area.code != code:
                parent = self.parent_area.code
            else:
                parent = None
            self._link(code, _Link(parent, msoa if row_levels[i] == AreaLevel.LSOA else None, line))

    def _levels(self, line: int, entries: list[Entry]) -> list[str]:
        row_levels = []
        for _, code, name in entries:
            level = self.known[code].level if code in self.known else level_for_code(code)
            if level is None:
                raise ImportFailed(
                    f"{self.path}, line {line}: cannot tell the level of {code!r} from its code"
                )
            row_levels.append(level)
            self.names.setdefault(code, name)
            self.levels.setdefault(code, level)
        return row_levels

    def _link(self, code: str, link: _Link) -> None:
        before = self.links.setdefault(code, link)
        if before is link or (link.parent, link.msoa) == (before.parent, before.msoa):
            return
        if not (link.parent or link.msoa):
            return
        if not (before.parent or before.msoa):
            self.links[code] = link
            return
        raise ImportFailed(
            f"{self.path}, line {link.line}: {code} is linked to {link.parent or link.msoa} here but to "
            f"{before.parent or before.msoa} on line {before.line}"
        )

    def create_missing_areas(self, summary: ImportSummary) -> None:
        for code in self.links:
            if code not in self.known:
                self.known[code] = _create_area(code, self.names[code], self.levels[code], str(self.path))
                summary.areas_created += 1


def _link_parents(plan: _Plan, bar: _Bar, summary: ImportSummary) -> None:
    """Top-down, re-reading each tier so that paths moved by the tier above are current."""
    tiers: dict[int, list[str]] = {}
    for code, link in plan.links.items():
        if link.parent:
            tiers.setdefault(LEVEL_RANK[AreaLevel(plan.levels[code])], []).append(code)
    for rank in sorted(tiers, reverse=True):
        codes_in_tier = tiers[rank]
        fresh = _areas_by_code(codes_in_tier + [plan.links[c].parent or "" for c in codes_in_tier])
        for code in codes_in_tier:
            bar.update()
            link = plan.links[code]
            above = fresh[link.parent or ""]
            if LEVEL_RANK[AreaLevel(above.level)] <= rank:
                raise ImportFailed(
                    f"{plan.path}, line {link.line}: {code} ({plan.levels[code]}) cannot sit under "
                    f"{above.code} ({above.level})"
                )
            try:
                changed = area_set_parent(area=fresh[code], parent=above)
            except ValueError as exc:
                raise ImportFailed(f"{plan.path}, line {link.line}: {exc}") from None
            summary.updated += changed
            summary.unchanged += not changed


def _link_msoas(plan: _Plan, bar: _Bar, summary: ImportSummary) -> None:
    msoa_links = {c: lk.msoa for c, lk in plan.links.items() if lk.msoa}
    fresh = _areas_by_code([*msoa_links, *msoa_links.values()])
    for code, msoa_code in msoa_links.items():
        bar.update()
        try:
            changed = area_set_msoa(lsoa=fresh[code], msoa=fresh[msoa_code])
        except ValueError as exc:
            raise ImportFailed(f"{plan.path}, line {plan.links[code].line}: {exc}") from None
        summary.updated += changed
        summary.unchanged += not changed


def lookup_import(
    *,
    path: str | Path,
    parent_code: str | None = None,
    existing_only: bool = False,
    progress: bool = False,
    actor: Any = None,
) -> ImportSummary:
    """Link areas into the tree from an ONS lookup whose columns come in code/name pairs
    from child to parent (LSOA -> ward -> district). Levels come from the ONS code prefix;
    an LSOA is also linked to the MSOA a row names. `parent_code` puts each row's top area
    under an existing area (a force); `existing_only` links only areas already imported,
    for national lookups."""
    path = Path(path)
    summary = ImportSummary("Lookup import")
    columns, rows = _read_lookup(path, progress)
    summary.read = len(rows)

    with transaction.atomic():
        parent_area = _parent_area(parent_code)
        known = _areas_by_code(code for _, codes in rows for code, _ in codes)
        plan = _Plan(path, known, parent_area, last_column=columns - 1)
        for line, all_codes in rows:
            entries = [(col, code, name) for col, (code, name) in enumerate(all_codes)]
            if existing_only:
                # Areas not imported yet drop out; their children link to the nearest area
                # above them that is there.
                entries = [c for c in entries if c[1] in known]
                if not entries:
                    summary.skipped += 1
                    continue
            plan.add_row(line, entries)
        plan.create_missing_areas(summary)

        parents = sum(1 for lk in plan.links.values() if lk.parent)
        msoas = sum(1 for lk in plan.links.values() if lk.msoa)
        with _bar(progress, "Linking areas", total=parents + msoas) as bar:
            _link_parents(plan, bar, summary)
            _link_msoas(plan, bar, summary)
        _audit(summary, "places.area", [path], actor)
    return summary
