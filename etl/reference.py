"""The reference lists (gazetteer, codebook) as data: read from data/reference/*.csv.

Adding a region or an indicator is a row in a CSV, not a code change. The extraction core
receives a Reference and never reads files itself.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# The CSVs carry at least the warehouse's columns for them.
from .schema import INDICATOR_COLUMNS, REGION_COLUMNS

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"


@dataclass(frozen=True, eq=False)  # hashed by identity: matchers are cached per Reference
class Reference:
    regions: tuple[dict, ...]
    indicators: tuple[dict, ...]

    def region(self, region_id: str) -> dict | None:
        return next((r for r in self.regions if r["id"] == region_id), None)

    def indicator(self, indicator_id: str) -> dict | None:
        return next((i for i in self.indicators if i["id"] == indicator_id), None)


def _read(path: Path, required: list[str]) -> tuple[dict, ...]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {missing}")
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if not row.get("id"):
                raise ValueError(f"{path}:{lineno}: row without an id")
            rows.append({k: (v or "").strip() for k, v in row.items() if k})
    ids = [r["id"] for r in rows]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"{path}: duplicate ids {dupes}")
    return tuple(rows)


def load_reference(directory: str | Path = REFERENCE_DIR) -> Reference:
    directory = Path(directory)
    return Reference(
        regions=_read(directory / "regions.csv", REGION_COLUMNS),
        indicators=_read(directory / "indicators.csv", INDICATOR_COLUMNS),
    )
