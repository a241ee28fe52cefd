"""The map's reference data: the generated Shanxi GeoJSON and the regions' administrative codes.

Both are files in data/reference/ (made by scripts/make_geo.py and kept in region_codes.csv):
nothing is downloaded at run time. Codes are read from region_codes.csv rather than from the
warehouse, so the map works whether or not the gazetteer in a given warehouse has a `code`
column yet. A zone's code is its host district's (see scripts/add_region_codes.py): zones are
drawn as markers at that district's representative point.
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"
GEO_PATH = REFERENCE / "geo" / "shanxi.geojson"
CODES_PATH = REFERENCE / "region_codes.csv"
ZONE_KINDS = ("development_zone", "economic_zone")
LEVELS = ("city", "county")


@lru_cache(maxsize=2)
def load(path: Path = GEO_PATH) -> dict:
    """The FeatureCollection (read once per process; the file is part of the release)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def codes(path: Path = CODES_PATH) -> dict[str, str]:
    """region id -> administrative code (host district's code for zones)."""
    with Path(path).open(encoding="utf-8", newline="") as f:
        return {r["id"]: r["code"] for r in csv.DictReader(f) if r.get("code")}


def features(level: str, geo: dict | None = None) -> dict:
    """A FeatureCollection of one level ('city' or 'county')."""
    geo = geo or load()
    return {"type": "FeatureCollection",
            "features": [f for f in geo["features"] if f["properties"]["level"] == level]}


def centers(geo: dict | None = None) -> dict[str, tuple[float, float]]:
    """code -> (lon, lat) of every feature's representative point."""
    geo = geo or load()
    return {f["id"]: tuple(f["properties"]["center"]) for f in geo["features"]}


def code_to_region(region_codes: dict[str, str], zone_ids: set[str]) -> dict[str, str]:
    """code -> region id for the regions that own a boundary (zones only borrow a code)."""
    return {code: rid for rid, code in sorted(region_codes.items()) if rid not in zone_ids}
