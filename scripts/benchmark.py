"""ETL throughput, memory and quality; writes docs/benchmarks.md "## ETL" and "## ETL, seed-shaped".

    .venv/bin/python -m scripts.benchmark [--sizes 100,1000,10000] [--seed-copies 2000]
                                          [--jobs 2] [--no-write]

Two corpora: generated ones (scripts/gen_corpus.py, with known answers) and a seed-shaped one
(scripts/seed_corpus.py: copies of seeds/ with varied figures, the shape of real pages).

For each size: a cold build (fresh cache), the cached rebuild, and a "floor" pass that only
reads, decodes and regex-finds the digits of the same files (what any extractor must at least
pay). jobs=1 vs jobs=N on one size. Quality: facts in the warehouse vs the generator's
answers.csv (precision/recall), so speed is not bought with wrong facts. Each build runs in a
fresh child process so its peak RSS (ru_maxrss, self + worker children) is its own.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "bench_out"          # git-ignored
DOC = ROOT / "docs" / "benchmarks.md"
SEED = 7
_DIGITS = re.compile(r"\d+(?:\.\d+)?")


def corpus(n: int) -> Path:
    """The generated corpus of size n, regenerated only when the generator changed."""
    from scripts import gen_corpus
    folder = OUT / f"corpus_{n}"
    stamp = hashlib.sha256(Path(gen_corpus.__file__).read_bytes()).hexdigest()[:16] + f"-{SEED}"
    marker = folder / ".generated"
    if not (marker.is_file() and marker.read_text() == stamp):
        shutil.rmtree(folder, ignore_errors=True)
        gen_corpus.generate(folder, n, SEED)
        marker.write_text(stamp)
    return folder


def seed_shaped_corpus(copies: int) -> Path:
    """`copies` copies of seeds/ with varied figures, regenerated only when an input changed."""
    from scripts import seed_corpus
    folder = OUT / f"seed_shaped_{copies}"
    h = hashlib.sha256(Path(seed_corpus.__file__).read_bytes())
    for path in seed_corpus.seed_files():
        h.update(path.read_bytes())
    stamp = f"{h.hexdigest()[:16]}-{copies}-{SEED}"
    marker = folder / ".generated"
    if not (marker.is_file() and marker.read_text() == stamp):
        shutil.rmtree(folder, ignore_errors=True)
        seed_corpus.generate(folder, copies, SEED)
        marker.write_text(stamp)
    return folder


def doc_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".html"})


def age(folder: Path, seconds: int) -> None:
    """Date the corpus files `seconds` back, like files saved a while ago (see etl.cache)."""
    when = time.time() - seconds
    for path in doc_files(folder):
        os.utime(path, (when, when))


def floor_pass(folder: Path) -> tuple[float, int]:
    """Seconds to read + decode + find every number, and the corpus bytes."""
    started, total, found = time.perf_counter(), 0, 0
    for path in doc_files(folder):
        data = path.read_bytes()
        total += len(data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", errors="replace")
        found += len(_DIGITS.findall(text))
    return time.perf_counter() - started, total


def child_build(docs: str, db: str, jobs: int, cache: str | None) -> None:
    """(In a child process) one build; prints its figures as JSON on stdout."""
    from etl.build import build
    from etl.reference import load_reference
    ref = load_reference()
    summary = build([docs], db, ref, jobs=jobs, cache_dir=cache, log=lambda line: None)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": summary.seconds, "extract_seconds": summary.extract_seconds,
                      "table_seconds": summary.table_seconds, "hashed": summary.hashed,
                      "documents": summary.documents, "facts": summary.facts,
                      "errors": len(summary.errors), "cached": summary.cached,
                      "rss_mb": own / 1024, "worker_rss_mb": kids / 1024}))


def run_build(folder: Path, db: Path, jobs: int, cache: Path | None) -> dict:
    """One build in a fresh process; `wall` is process start to exit (imports included)."""
    cmd = [sys.executable, "-m", "scripts.benchmark", "--child", str(folder), str(db),
           str(jobs), str(cache or "")]
    started = time.perf_counter()
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - started
    return {**json.loads(out.strip().splitlines()[-1]), "wall": wall}


SEED_SHAPED = "ETL, seed-shaped corpus"
TARGET_MB_S = 5.0   # end-to-end (process start to exit, cold cache) on the seed-shaped corpus


def measure_seed_shaped(copies: int, jobs: int) -> dict:
    folder = seed_shaped_corpus(copies)
    load = os.getloadavg()[0]   # other work on the machine slows every figure below
    floor_s, nbytes = floor_pass(folder)
    work = OUT / f"run_seed_shaped_{copies}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    age(folder, 10)
    cold = run_build(folder, work / "wh.duckdb", jobs, work / "cache")
    warm = run_build(folder, work / "wh.duckdb", jobs, work / "cache")
    n = len(doc_files(folder))
    print(f"  seed-shaped {n} docs: cold {cold['wall']:.2f}s, cached {warm['wall']:.2f}s",
          file=sys.stderr)
    return {"copies": copies, "n": n, "mb": nbytes / 1e6, "floor_s": floor_s, "cold": cold,
            "warm": warm, "jobs": jobs, "load": load}


def report_seed_shaped(r: dict) -> str:
    c, w, mb = r["cold"], r["warm"], r["mb"]
    cold_rate, extract_rate = mb / c["wall"], mb / c["extract_seconds"]
    met = "met" if cold_rate >= TARGET_MB_S else "not met"
    return "\n".join([
        f"{r['copies']:,} copies of `seeds/` with varied figures (`scripts/seed_corpus.py`, "
        f"seed {SEED}), `--jobs {r['jobs']}`, {os.cpu_count()} CPUs, Python "
        f"{sys.version.split()[0]}, load average {r['load']:.1f} when it started. "
        "Re-run: `.venv/bin/python -m scripts.benchmark`.",
        "",
        "| docs | MB | cold build s (process start to exit) | MB/s | extraction alone s | MB/s "
        "| cached rebuild s | floor s | cold/floor | facts |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {r['n']:,} | {mb:.1f} | {c['wall']:.2f} | {cold_rate:.1f} "
        f"| {c['extract_seconds']:.2f} | {extract_rate:.1f} "
        f"| {w['wall']:.2f}{partial(w, r['n'])} | {r['floor_s']:.2f} "
        f"| {c['wall'] / r['floor_s']:.0f}x | {c['facts']:,} |",
        "",
        f"Target: at least {TARGET_MB_S:.0f} MB/s end-to-end (cold cache): **{met}** "
        f"({cold_rate:.1f} MB/s). *extraction alone* = discover + ingest + extract in the "
        "build's workers (the build's own split), *floor* as above.",
    ]) + "\n"


def quality(db: Path, answers: Path) -> dict:
    """Precision/recall of warehouse facts against the known answers (multiset match on doc,
    region, year, kind, unit and value; `indicator` additionally requires the indicator id)."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute("SELECT doc, coalesce(region_id, region_name), year, kind, unit, value, "
                      "indicator_id FROM facts").fetchall()
    con.close()
    with answers.open(encoding="utf-8") as fh:
        want = [(r["doc"], r["region_id"] or r["region_name"], int(r["year"]), r["kind"],
                 r["unit"], float(r["value"]), r["indicator_id"]) for r in csv.DictReader(fh)]

    def key(row, with_indicator):
        base = (*row[:5], round(float(row[5]), 6))
        return base + ((row[6],) if with_indicator else ())
    out = {}
    for label, with_ind in (("fact", False), ("indicator", True)):
        g = Counter(key(r, with_ind) for r in got)
        w = Counter(key(r, with_ind) for r in want)
        hit = sum((g & w).values())
        out[f"{label}_precision"] = hit / len(got) if got else 0.0
        out[f"{label}_recall"] = hit / len(want) if want else 0.0
    out.update(extracted=len(got), expected=len(want))
    return out


def measure(sizes: list[int], jobs: int, compare_size: int) -> dict:
    rows, comparison, load = [], {}, os.getloadavg()[0]
    for n in sizes:
        folder = corpus(n)
        floor_s, nbytes = floor_pass(folder)
        work = OUT / f"run_{n}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        age(folder, 10)
        cold = run_build(folder, work / "wh.duckdb", jobs, work / "cache")
        warm = run_build(folder, work / "wh.duckdb", jobs, work / "cache")
        q = quality(work / "wh.duckdb", folder / "answers.csv")
        rows.append({"n": n, "mb": nbytes / 1e6, "floor_s": floor_s, "cold": cold, "warm": warm,
                     "quality": q})
        if n == compare_size:
            for j in sorted({1, jobs}):
                comparison[j] = run_build(folder, work / f"wh_j{j}.duckdb", j, None)
        print(f"  {n:>6} docs: cold {cold['seconds']:.2f}s, cached {warm['seconds']:.2f}s",
              file=sys.stderr)
    return {"rows": rows, "comparison": comparison, "jobs": jobs, "compare_size": compare_size,
            "load": load}


def partial(run: dict, n: int) -> str:
    # a rebuild that was not fully served from the cache (code edited between runs) says so
    note = "" if run["cached"] == n else f" [{run['cached']}/{n} cached]"
    return note + (f" [{run['hashed']} re-hashed]" if run.get("hashed") else "")


def report(result: dict) -> str:
    jobs = result["jobs"]
    lines = [
        f"Generated corpora (`scripts/gen_corpus.py`, seed {SEED}), `--jobs {jobs}`, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average "
        f"{result['load']:.1f} when it started. "
        "Re-run: `.venv/bin/python -m scripts.benchmark`.",
        "",
        "| docs | MB | cold build s | docs/s | MB/s | floor s | cold/floor | ms/doc "
        "| cached rebuild s (extraction / loading s) | peak RSS MB main / workers | facts P / R "
        "| with indicator P / R |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in result["rows"]:
        c, w, q = r["cold"], r["warm"], r["quality"]
        lines.append(
            f"| {r['n']:,} | {r['mb']:.1f} | {c['seconds']:.2f} | {r['n'] / c['seconds']:.0f} "
            f"| {r['mb'] / c['seconds']:.1f} | {r['floor_s']:.2f} "
            f"| {c['seconds'] / r['floor_s']:.0f}x | {1000 * c['seconds'] / r['n']:.2f} "
            f"| {w['seconds']:.2f} ({w['extract_seconds']:.2f} / {w['table_seconds']:.2f})"
            f"{partial(w, r['n'])} "
            f"| {c['rss_mb']:.0f} / {c['worker_rss_mb']:.0f} "
            f"| {q['fact_precision']:.3f} / {q['fact_recall']:.3f} "
            f"| {q['indicator_precision']:.3f} / {q['indicator_recall']:.3f} |")
    comp = result["comparison"]
    if comp:
        n = result["compare_size"]
        parts = [f"jobs={j}: {v['seconds']:.2f} s ({n / v['seconds']:.0f} docs/s)"
                 for j, v in sorted(comp.items())]
        lines += ["", f"Parallelism, {n:,} documents, no cache: " + "; ".join(parts) + "."]
    lines += [
        "",
        "*cold* = fresh extraction cache (it is filled during the build); *cached rebuild* = the "
        "same build again, every document served from the cache (extraction s = discover + stat "
        "+ cache lookup and decoding; loading s = streaming the records into DuckDB, ordering and "
        "numbering them and writing the file; the rest is counting conflicts). The files are aged by 10 s before the rebuild, as "
        "a saved corpus is: a file modified within 2 s of being hashed is hashed again. "
        "*floor* = one process reading, decoding and regex-finding the digits "
        "of the same files. Precision/recall: warehouse facts vs the generator's answers on "
        "(doc, region, year, kind, unit, value).",
    ]
    return "\n".join(lines) + "\n"


def write_section(body: str, path: Path = DOC, title: str = "ETL") -> None:
    """Replace (or add) the "## <title>" section of docs/benchmarks.md, leaving the rest."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    section = f"## {title}\n\n" + body + "\n"
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        docs, db, jobs, cache = argv[1:5]
        child_build(docs, db, int(jobs), cache or None)
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="100,1000,10000",
                   help="comma-separated generated corpus sizes ('' for none)")
    p.add_argument("--seed-copies", type=int, default=2000,
                   help="copies of seeds/ in the seed-shaped corpus (0: skip it)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--compare-size", type=int, default=1000,
                   help="size for the jobs=1 vs jobs=N comparison (must be among --sizes)")
    p.add_argument("--no-write", action="store_true", help="do not touch docs/benchmarks.md")
    args = p.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    sections = []
    if sizes:
        compare = args.compare_size if args.compare_size in sizes else sizes[-1]
        sections.append(("ETL", report(measure(sizes, args.jobs, compare))))
    if args.seed_copies > 0:
        sections.append((SEED_SHAPED, report_seed_shaped(
            measure_seed_shaped(args.seed_copies, args.jobs))))
    for title, body in sections:
        print(f"## {title}\n\n{body}")
        if not args.no_write:
            write_section(body, title=title)
            print(f"written: {DOC.relative_to(ROOT)} (## {title})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
