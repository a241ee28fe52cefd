"""Offset maps between a derived text and the raw text it was cut from.

A map is a sorted list of breakpoints ``(text_offset, raw_offset)``. Between two breakpoints the
characters of the derived text were copied one to one from raw, so ``raw[map(i)] == text[i]``
for every copied character. Inserted characters (a newline for a ``<p>``, a decoded entity) get
their own breakpoint pointing at the raw position that produced them.

Cleaning happens in stages (front matter cut, HTML, boilerplate lines). Each stage reads a
`Mapped` (text + map to raw) and writes a new one with `MapBuilder.copy_from`, which composes the
maps, so the final map always points straight into raw.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..offsets import map_offset, map_span

TextMap = list[tuple[int, int]]


# The mapping itself is shared with the extraction core.
to_raw = map_span


@dataclass
class Mapped:
    """A text plus its map to raw; `inserted[k]` is True when segment k was inserted, not copied."""

    text: str
    map: TextMap = field(default_factory=lambda: [(0, 0)])
    inserted: list[bool] = field(default_factory=lambda: [False])

    @classmethod
    def slice_of(cls, raw: str, start: int = 0) -> "Mapped":
        """raw[start:] as a stage input (used after the front matter is cut off)."""
        return cls(raw[start:], [(0, start)], [False])

    def copied_spans(self) -> list[tuple[int, int]]:
        """Text spans whose characters are verbatim copies of raw (for tests and callers)."""
        out = []
        bounds = [t for t, _ in self.map[1:]] + [len(self.text)]
        for (t, _), end, ins in zip(self.map, bounds, self.inserted):
            if not ins and end > t:
                out.append((t, end))
        return out


class MapBuilder:
    """Accumulates copied and inserted pieces into a `Mapped` with composed breakpoints."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self._map: TextMap = []
        self._inserted: list[bool] = []

    def __len__(self) -> int:
        return self._len

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def _add(self, piece: str, raw_off: int, inserted: bool) -> None:
        if not piece:
            return
        if self._map and not inserted and not self._inserted[-1]:
            t0, r0 = self._map[-1]
            if r0 + (self._len - t0) == raw_off:  # continues the previous copied segment
                self._parts.append(piece)
                self._len += len(piece)
                return
        self._map.append((self._len, raw_off))
        self._inserted.append(inserted)
        self._parts.append(piece)
        self._len += len(piece)

    def copy(self, piece: str, raw_off: int) -> None:
        """Append `piece`, which equals raw[raw_off:raw_off+len(piece)]."""
        self._add(piece, raw_off, False)

    def insert(self, piece: str, raw_off: int) -> None:
        """Append text that is not a copy of raw (attributed to raw position `raw_off`)."""
        self._add(piece, raw_off, True)

    def copy_from(self, src: Mapped, start: int, end: int) -> None:
        """Append src.text[start:end], splitting it at src's breakpoints so the map composes."""
        if end <= start:
            return
        k = max(bisect_right(src.map, (start, float("inf"))) - 1, 0)
        pos = start
        n = len(src.map)
        while pos < end:
            t, r = src.map[k]
            seg_end = src.map[k + 1][0] if k + 1 < n else len(src.text)
            stop = min(end, seg_end)
            if stop > pos:
                self._add(src.text[pos:stop], r + (pos - t), src.inserted[k])
            pos = stop
            k += 1
            if k >= n:
                break

    def build(self) -> Mapped:
        if not self._map:
            return Mapped("", [(0, 0)], [False])
        return Mapped("".join(self._parts), list(self._map), list(self._inserted))
