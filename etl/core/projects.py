"""Named projects and their stage (signed, started, under construction, commissioned, ...)."""
from __future__ import annotations
from dataclasses import dataclass


@dataclass
class RawProject:
    start: int
    end: int
    region: object
    year: int | None
    name: str
    stage: str
    confidence: float = 0.6
    name_is_quote: bool = False


def sentence_projects(ctx) -> list[RawProject]:
    return []
