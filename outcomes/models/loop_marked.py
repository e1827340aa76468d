"""The feedback loop's records in governance's protective-marking rules (governance/marking.py):
`LoopMarked` is `MarkedModel` for records some of whose sources are many-to-many links (the
themes a finding is drawn from, the findings a decision considered, the decisions and actions
feedback reports). A service names the links it is about to write (`link_sources`) before
`full_clean()`, since they are stored after the row; otherwise the stored links count."""

from collections.abc import Iterable
from typing import Any, ClassVar

from governance.marking import MarkedModel, strictest


class LoopMarked(MarkedModel):
    marking_links: ClassVar[tuple[str, ...]] = ()  # many-to-many fields whose records are sources
    marking_link_related: ClassVar[dict[str, str]] = {}  # a link's records' own source, read with them
    _chosen_sources: dict[str, list[Any]] | None = None

    class Meta:
        abstract = True

    def link_sources(self, **chosen: Iterable[Any]) -> None:
        """The records about to be linked through these many-to-many fields."""
        self._chosen_sources = {name: list(records) for name, records in chosen.items()}

    def linked_sources(self) -> list[Any]:
        chosen = self._chosen_sources or {}
        records: list[Any] = []
        for name in self.marking_links:
            if name in chosen:
                records.extend(chosen[name])
            elif self.pk is not None:
                related = self.marking_link_related.get(name)
                linked = getattr(self, name).all()
                records.extend(linked.select_related(related) if related else linked)
        return records

    def marking_floor(self) -> str:
        return strictest(super().marking_floor(), *(record.marking for record in self.linked_sources()))
