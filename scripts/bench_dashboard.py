"""Dashboard benchmark: filter-change latency on a 1,000,000-fact warehouse, and PNG export time.

    .venv/bin/python -m scripts.bench_dashboard [--facts 1000000] [--reruns 15] [--no-write]

Generates the warehouse with one vectorised DuckDB `range()` query (no Python loops) in a temp
dir, then measures
  * the queries one page rerun makes for a new region/year (uncached: a filter change misses
    the cache for every per-selection query),
  * a full AppTest rerun of each page after changing `region`/`year` in the URL,
  * kaleido PNG export: the first image (starts Chromium) and the steady state per image,
and writes the figures into the "## Dashboard" section of docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

import duckdb
import pandas as pd

from etl.warehouse.load import WarehouseContent, build_warehouse

TARGET_MS = 300


def generate(db: Path, n_facts: int) -> None:
    regions = pd.read_csv(ROOT / "data/reference/regions.csv", dtype=str, keep_default_na=False)
    regions = regions.replace({"": None})
    indicators = pd.read_csv(ROOT / "data/reference/indicators.csv", dtype=str, keep_default_na=False)
    gen = duckdb.connect()
    gen.register("r", regions[["id", "name_zh"]])
    gen.register("i", indicators[["id", "name_zh", "unit"]])
    n_docs = 2000
    facts = gen.execute("""
        WITH r AS (SELECT row_number() OVER () - 1 AS k, id, name_zh FROM r),
             i AS (SELECT row_number() OVER () - 1 AS k, id, name_zh, unit FROM i),
             n AS (SELECT count(*) AS nr FROM r), m AS (SELECT count(*) AS ni FROM i)
        SELECT 'doc_' || lpad((x % ?)::VARCHAR, 5, '0') || '.txt' AS doc,
               CASE WHEN x % 50 = 0 THEN NULL ELSE r.id END AS region_id,
               CASE WHEN x % 50 = 0 THEN '未收录园区' || (x % 37)::VARCHAR ELSE r.name_zh END AS region_name,
               2015 + (x // 7) % 10 AS year,
               CASE WHEN x % 9 = 0 THEN 'YTD-09' ELSE 'FY' END AS period,
               i.id AS indicator_id, i.name_zh AS indicator_name,
               CASE WHEN x % 10 = 0 THEN 'growth' WHEN x % 23 = 0 THEN 'target' ELSE 'value' END AS kind,
               round(random() * 2000, 2) AS value, NULL::DOUBLE AS value_high,
               CASE WHEN x % 10 = 0 THEN '%' ELSE i.unit END AS unit,
               '1234.5' AS raw_number, i.unit AS raw_unit, 'exact' AS qualifier,
               '完成1234.5亿元' AS quote, (x % 9000)::INTEGER AS "start", (x % 9000 + 10)::INTEGER AS "end",
               '2023年，全区地区生产总值完成1234.5亿元，同比增长6.1%。' AS sentence, 0.9 AS confidence
        FROM range(?) t(x), n, m
        JOIN r ON r.k = (x * 7919) % n.nr
        JOIN i ON i.k = (x * 104729 // 13) % m.ni
    """, [n_docs, n_facts]).df()
    documents = gen.execute("""
        SELECT 'doc_' || lpad(x::VARCHAR, 5, '0') || '.txt' AS doc, '文件' || x::VARCHAR AS title,
               '某某人民政府' AS publisher, DATE '2016-01-01' + (x % 3000)::INTEGER AS published,
               'front_matter' AS date_rule FROM range(?) t(x)""", [n_docs]).df()
    projects = gen.execute("""
        SELECT 'doc_' || lpad((x % 2000)::VARCHAR, 5, '0') || '.txt' AS doc, r.id AS region_id,
               r.name_zh AS region_name, 2015 + x % 10 AS year, '项目' || x::VARCHAR AS name,
               ['signed', 'started', 'commissioned'][1 + x % 3] AS stage, '项目' || x::VARCHAR AS quote,
               0 AS "start", 4 AS "end", '项目签约。' AS sentence, 0.8 AS confidence
        FROM range(20000) t(x), (SELECT count(*) AS nr FROM r) n
        JOIN (SELECT row_number() OVER () - 1 AS k, id, name_zh FROM r) r ON r.k = x % n.nr""").df()
    policies = projects.rename(columns={"name": "title"}).drop(columns=["stage"]).head(5000)
    build_warehouse(WarehouseContent(documents=documents, facts=facts, projects=projects,
                                     policies=policies, regions=regions, indicators=indicators), db)


PAGE_QUERIES = {
    # the per-selection queries each page runs after a filter change (the rest stay cached)
    "overview": lambda q, c, r, y: [q.region_years(c, r), q.key_figures(c, r, y),
                                    q.documents(c, r), q.policies(c, r)],
    "growth": lambda q, c, r, y: [q.region_years(c, r), q.growth_rates(c, r, y),
                                  q.growth_by_region(c, "gdp", y), q.levels_over_time(c, r)],
    "pipeline": lambda q, c, r, y: [q.region_years(c, r), q.pipeline_rounds(c, r), q.projects(c, r)],
    "targets": lambda q, c, r, y: [q.region_years(c, r), q.targets(c, r, y, "2025-06-30")],
    "sources": lambda q, c, r, y: [q.region_years(c, r), q.documents(c, r), q.facts(c, r, y),
                                   q.conflicts(c, r)],
}


def median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def bench_queries(db: Path, selections) -> dict[str, float]:
    from dashboard import sql as q

    con = q.connect(db)
    q.regions(con), q.coverage(con), q.documents(con, None)  # cached once per file in the app
    out = {}
    for page, run in PAGE_QUERIES.items():
        samples = []
        for region, year in selections:
            t0 = time.perf_counter()
            run(q, con, region, year)
            samples.append(time.perf_counter() - t0)
        out[page] = median_ms(samples)
    t0 = time.perf_counter()
    q.regions(con), q.coverage(con), q.documents(con, None)
    out["once per build (regions, coverage, documents)"] = 1000 * (time.perf_counter() - t0)
    con.close()
    return out


def bench_apptest(db: Path, selections) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["WAREHOUSE_DB"] = str(db)
    out = {}
    for page in PAGE_QUERIES:
        at = AppTest.from_file(str(ROOT / "dashboard/app.py"), default_timeout=120)
        at.run()
        if page != "overview":
            at.switch_page(f"views/{page}.py").run()
        samples = []
        for region, year in selections:
            at.query_params["region"], at.query_params["year"] = region, str(year)
            t0 = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - t0)
            assert not at.exception, [e.value for e in at.exception]
        out[page] = median_ms(samples)
    return out


def bench_export(db: Path, region: str, year: int, n: int = 6) -> tuple[float, float, int]:
    from dashboard import export
    from dashboard import sql as q
    from dashboard.report import Selection, build_all

    con = q.connect(db)
    figures, _ = build_all(lambda f, *a: f(con, *a), Selection(region, region, year), "2025-06-30")
    con.close()
    figs = list(figures.values())
    t0 = time.perf_counter()
    export.figure_png(figs[0])
    first = time.perf_counter() - t0
    samples = []
    for i in range(n):
        t0 = time.perf_counter()
        export.figure_png(figs[(i + 1) % len(figs)])
        samples.append(time.perf_counter() - t0)
    export.stop()
    return 1000 * first, median_ms(samples), len(figs)


def write_section(text: str, path: Path = ROOT / "docs/benchmarks.md") -> None:
    """Replace (or add) the '## Dashboard' section, leaving every other section alone."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines, out, skipping = old.splitlines(), [], False
    for line in lines:
        if line.startswith("## "):
            skipping = line.strip() == "## Dashboard"
            if skipping:
                continue
        if not skipping:
            out.append(line)
    body = "\n".join(out).rstrip() + "\n\n" + text.rstrip() + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--reruns", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--db", help="reuse (or create) this generated warehouse instead of a temp one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        if not db.exists():
            generate(db, args.facts)
        gen_s = time.perf_counter() - t0
        con = duckdb.connect(str(db), read_only=True)
        pairs = con.execute("""SELECT coalesce(region_id, region_name), year FROM facts
                               WHERE kind <> 'target' GROUP BY ALL ORDER BY ALL""").fetchall()
        n_facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
        con.close()
        rng = random.Random(7)
        selections = rng.sample(pairs, min(args.reruns, len(pairs)))
        print(f"warehouse: {n_facts:,} facts, built in {gen_s:.1f} s")
        queries = bench_queries(db, selections)
        apptest = bench_apptest(db, selections)
        region, year = selections[0]
        first_png, steady_png, n_figs = bench_export(db, region, year)
    rows = "\n".join(f"| {page} | {queries[page]:.0f} | {apptest[page]:.0f} |" for page in PAGE_QUERIES)
    worst = max(apptest.values())
    section = f"""## Dashboard

`.venv/bin/python -m scripts.bench_dashboard` — {n_facts:,} synthetic facts (vectorised DuckDB
`range()`), {len(selections)} random region/year changes per page, medians.
Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}.

| page | per-selection queries, uncached (ms) | AppTest page rerun after a filter change (ms) |
|---|---:|---:|
{rows}

Queries cached once per warehouse build (regions, coverage grid, document titles):
{queries['once per build (regions, coverage, documents)']:.0f} ms.
Target: page rerun ≤ {TARGET_MS} ms median — {'met' if worst <= TARGET_MS else 'NOT met'} (worst page {worst:.0f} ms).

PNG export (kaleido → /usr/bin/chromium, 1100 px wide at scale 2): first image
{first_png:.0f} ms (starts the browser), then {steady_png:.0f} ms per image (median over
{n_figs} figures of one selection).
"""
    print(section)
    if not args.no_write:
        write_section(section)
        print("written to docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
