"""Progress inside a long step: a callback given the share done (0 to 1) and what is happening.

:func:`discover_themes <heard_text.themes.discover_themes>` reports while it embeds (chunk by
chunk), links neighbours (block by block), finds communities and names the themes; the caller
maps the share onto its own scale (Heard's analysis page shows it with a time estimate).
"""

from __future__ import annotations

from collections.abc import Callable

#: ``progress(share, stage)``: ``share`` rises from 0 to 1; ``stage`` is a few words.
Progress = Callable[[float, str], None]

#: The share of theme discovery each stage takes, roughly, when the answers are embedded here.
EMBEDDING = (0.0, 0.8)
NEIGHBOURS = (0.8, 0.88)
COMMUNITIES = (0.88, 0.94)
NAMING = (0.94, 1.0)


def part(progress: Progress | None, span: tuple[float, float], stage: str) -> Callable[[float], None]:
    """A reporter of one stage's own share (0 to 1), mapped into ``span`` of the whole."""
    start, end = span

    def report(share: float) -> None:
        if progress is not None:
            progress(start + (end - start) * min(max(share, 0.0), 1.0), stage)

    return report
