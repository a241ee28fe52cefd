"""Policies named in 《…》."""
from __future__ import annotations
from dataclasses import dataclass


@dataclass
class RawPolicy:
    start: int
    end: int
    title_start: int
    title_end: int
    title: str
    region: object
    year: int | None
    confidence: float = 0.8


def sentence_policies(ctx, gaz) -> list[RawPolicy]:
    return []
