"""Offset maps shared by ingest (text -> raw) and the core (normalised -> text).

A map is a sorted list of breakpoints (derived_offset, source_offset); between breakpoints
characters are copied one to one. Pure functions, no dependencies.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Sequence

Breaks = Sequence[tuple[int, int]]


def map_offset(breaks: Breaks, i: int) -> int:
    """Source offset of derived offset `i` (past the end, the last segment is extrapolated)."""
    k = max(bisect_right(breaks, (i, float("inf"))) - 1, 0)
    derived, source = breaks[k]
    return source + (i - derived)


def map_span(breaks: Breaks, start: int, end: int) -> tuple[int, int]:
    """Map the derived span [start, end) to a source span; the end maps as map(end-1)+1."""
    source_start = map_offset(breaks, start)
    if end <= start:
        return source_start, source_start
    return source_start, map_offset(breaks, end - 1) + 1
