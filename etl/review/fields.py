"""What a reviewer may change on a fact, and how a typed-in value is checked.

One table (`EDITABLE`) drives the CLI flags, the CSV import/export columns, the store's columns
and the browser form, so a field cannot be editable in one place and not in another. Values are
checked against the warehouse's own gazetteer and codebook (`Vocabulary`), never against a list
written into the code.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

STATUSES = ("accepted", "rejected")
KINDS = ("value", "growth", "share", "target", "rank")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "estimate", "range",
              "derived")
_PERIOD = re.compile(r"^(FY|CUM|H[12]|Q[1-4]|YTD-(0[1-9]|1[0-2])|M-(0[1-9]|1[0-2]))$")

# Field -> SQL type in the decision store and the warehouse. region_id / indicator_id carry
# their names along (region_name / indicator_name) when applied.
EDITABLE: dict[str, str] = {
    "region_id": "VARCHAR", "year": "INTEGER", "period": "VARCHAR", "kind": "VARCHAR",
    "indicator_id": "VARCHAR", "value": "DOUBLE", "unit": "VARCHAR", "qualifier": "VARCHAR",
}


class InvalidValue(ValueError):
    """A value a reviewer typed that cannot be stored; the message names field and value
    (also kept apart, for a translated message in the browser)."""

    def __init__(self, message: str, field: str | None = None, value=None):
        super().__init__(message)
        self.field, self.value = field, value


@dataclass(frozen=True)
class Vocabulary:
    """The ids a correction may use: region id -> Chinese name, indicator id -> Chinese name,
    plus Chinese/English names and aliases that resolve to a region id."""

    regions: dict[str, str]
    indicators: dict[str, str]
    region_names: dict[str, str]

    @classmethod
    def from_frames(cls, regions, indicators) -> "Vocabulary":
        names: dict[str, str] = {}
        for r in regions.to_dict("records"):
            for alias in [r.get("name_zh"), r.get("name_en"),
                          *str(r.get("aliases") or "").split("|")]:
                if alias and str(alias).strip():
                    names.setdefault(str(alias).strip(), r["id"])
        return cls(regions=dict(zip(regions["id"], regions["name_zh"])),
                   indicators=dict(zip(indicators["id"], indicators["name_zh"])),
                   region_names=names)


def parse(field: str, text, vocab: Vocabulary | None = None):
    """The typed value of `field` from `text` (str or number); raises InvalidValue."""
    if field not in EDITABLE and field not in ("status", "note"):
        raise InvalidValue(f"{field!r} is not a field a review can change "
                           f"(one of: status, note, {', '.join(EDITABLE)})", field, text)
    raw = text.strip() if isinstance(text, str) else text
    if raw is None or raw == "":
        raise InvalidValue(f"{field}: empty value (to undo a correction use --clear {field})",
                           field, "")
    if field == "status":
        if raw not in STATUSES:
            raise InvalidValue(f"status: {raw!r} is not one of {', '.join(STATUSES)}",
                               "status", raw)
        return raw
    if field == "note":
        return str(raw)
    if field == "year":
        try:
            year = int(str(raw))
        except ValueError:
            raise InvalidValue(f"year: {raw!r} is not a year (e.g. 2023)", "year", raw) from None
        if not 1949 <= year <= 2100:
            raise InvalidValue(f"year: {year} is outside 1949-2100", "year", year)
        return year
    if field == "value":
        try:
            value = float(str(raw).replace(",", ""))
        except ValueError:
            raise InvalidValue(f"value: {raw!r} is not a number", "value", raw) from None
        if math.isnan(value) or math.isinf(value):
            raise InvalidValue(f"value: {raw!r} is not a finite number", "value", raw)
        return value
    if field == "period":
        if not _PERIOD.match(str(raw)):
            raise InvalidValue(f"period: {raw!r} is not a period (FY, H1, H2, Q1-Q4, CUM or "
                               f"YTD-01 ... YTD-12, M-01 ... M-12)", "period", raw)
        return str(raw)
    if field == "kind":
        if raw not in KINDS:
            raise InvalidValue(f"kind: {raw!r} is not one of {', '.join(KINDS)}", "kind",
                               raw)
        return raw
    if field == "qualifier":
        if raw not in QUALIFIERS:
            raise InvalidValue(f"qualifier: {raw!r} is not one of {', '.join(QUALIFIERS)}",
                               "qualifier", raw)
        return raw
    if field == "unit":
        if len(str(raw)) > 20:
            raise InvalidValue(f"unit: {raw!r} is longer than 20 characters", "unit", raw)
        return str(raw)
    if field == "region_id":
        if vocab is None or raw in vocab.regions:
            return str(raw)
        if raw in vocab.region_names:       # a Chinese/English name or alias
            return vocab.region_names[raw]
        raise InvalidValue(f"region: {raw!r} is not a region id or name in the gazetteer "
                           f"(data/reference/regions.csv)", "region_id", raw)
    if field == "indicator_id":
        if vocab is None or raw in vocab.indicators:
            return str(raw)
        by_name = {v: k for k, v in vocab.indicators.items()}
        if raw in by_name:
            return by_name[raw]
        raise InvalidValue(f"indicator: {raw!r} is not an indicator id or name in the codebook "
                           f"(data/reference/indicators.csv)", "indicator_id", raw)
    raise AssertionError(field)
