"""Server-side PNG export with kaleido, and the `python -m dashboard.export` command.

kaleido 1.x renders through a headless Chromium. Its persistent sync server
(`kaleido.start_sync_server`) keeps one browser for all requests — the first image costs a
browser start, later ones ~0.1–0.3 s — but it answers through a single shared queue, so two
threads asking at once can receive each other's images. All calls go through `_LOCK`.
The browser is Debian's chromium (never a downloaded one): BROWSER_PATH, else /usr/bin/chromium.

    python -m dashboard.export --region xiaodian --year 2023 --out exports/ [--db PATH] [--lang en]
                               [--as-of YYYY-MM-DD] [--format png|svg]

Tables are written as tidy CSV: one row per number (value as a number, unit, period, source).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import threading
from pathlib import Path

import plotly.graph_objects as go

WIDTH, HEIGHT, SCALE = 1100, 620, 2
_LOCK = threading.Lock()
_server_started = False


def browser_path() -> str:
    """The Chromium kaleido must drive; exported as BROWSER_PATH, which choreographer honours."""
    path = os.environ.get("BROWSER_PATH") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium"))
    if not path:
        raise RuntimeError("No Chromium found for PNG export: install chromium or set BROWSER_PATH")
    os.environ["BROWSER_PATH"] = path
    return path


FORMATS = ("png", "svg")


def figure_png(fig: go.Figure, *, width: int | None = None, height: int | None = None,
               scale: int = SCALE, fmt: str = "png") -> bytes:
    """PNG (or, with fmt="svg", SVG: text stays text) bytes of a figure, rendered by the
    shared kaleido server (serialised by a lock)."""
    import kaleido

    global _server_started
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} is not one of {FORMATS}")
    opts = {"format": fmt, "width": width or WIDTH,
            "height": height or fig.layout.height or HEIGHT, "scale": scale}
    with _LOCK:
        if not _server_started:
            # mathjax=False: the default fetches MathJax from a CDN, and there is no internet.
            kaleido.start_sync_server(path=browser_path(), mathjax=False, timeout=60,
                                      silence_warnings=True)
            _server_started = True
        return kaleido.calc_fig_sync(fig, opts=opts)


def stop() -> None:
    """Stop the kaleido browser (tests and the CLI; the app keeps it for the process lifetime)."""
    import kaleido

    global _server_started
    with _LOCK:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False


def export_selection(db: str | Path, region: str, year: int, out: str | Path,
                     lang: str = "zh", as_of: str | None = None, fmt: str = "png") -> list[Path]:
    """Write every chart of a selection as PNG (or SVG) and every table as tidy CSV into `out`."""
    import datetime as dt

    from . import sql as q
    from .report import Selection, build_all

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    con = q.connect(db)
    try:
        regions = q.regions(con)
        match = regions[regions["key"] == region]
        if match.empty:
            raise SystemExit(f"unknown region {region!r}; known: {', '.join(regions['key'])}")
        row = match.iloc[0]
        label = row["name_en"] if lang == "en" and isinstance(row["name_en"], str) else row["name_zh"]
        docs = q.documents(con)
        sel = Selection(region, label, year, lang, dict(zip(docs["doc"], docs["title"])))
        figures, tables = build_all(lambda query, *args: query(con, *args), sel,
                                    as_of or dt.date.today().isoformat())
        from .explore_report import export_figures  # the map, as on the Map page
        figures.update(export_figures(lambda query, *args: query(con, *args), sel))
    finally:
        con.close()
    written = []
    for name, fig in figures.items():
        path = out / f"{sel.file_stem(name)}.{fmt}"
        path.write_bytes(figure_png(fig, fmt=fmt))
        written.append(path)
    for name, table in tables.items():
        path = out / f"{sel.file_stem(name)}.csv"
        table.to_csv(path, index=False, encoding="utf-8-sig")  # BOM: Excel opens Chinese right
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    from . import sql as q

    parser = argparse.ArgumentParser(prog="python -m dashboard.export", description=__doc__.split("\n")[0])
    parser.add_argument("--region", required=True, help="region id (or Chinese name if not in the gazetteer)")
    parser.add_argument("--year", required=True, type=int)
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--db", default=None, help="warehouse file (default: $WAREHOUSE_DB or data/warehouse.duckdb)")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--as-of", default=None, help="date target statuses are computed for (default: today)")
    parser.add_argument("--format", default="png", choices=FORMATS, help="chart image format (default: png)")
    args = parser.parse_args(argv)
    db = Path(args.db) if args.db else q.warehouse_path()
    if not db.exists():
        print(f"No warehouse at {db}: run `make build` first.", file=sys.stderr)
        return 2
    try:
        written = export_selection(db, args.region, args.year, args.out, args.lang, args.as_of, args.format)
    finally:
        stop()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
