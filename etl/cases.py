"""Case files: invented whole documents with the records an analyst expects from them
(tests/core/cases/*.yaml; the format is in tests/core/cases/README.md).

Each case goes through the real path a user's file takes: written to a folder with a
sources.csv, read by ingest (encoding, title, date and its precision), extracted by the core.
`score_files` counts facts the way unseen documents are scored (region, year, kind and value
agree; the period is reported apart); `python -m etl evaluate --cases FILE...` prints it.
"""
from __future__ import annotations

import csv
import math
import tempfile
from pathlib import Path

import yaml

from .core import extract_document
from .ingest import read_document, read_sources_csv
from .reference import Reference, load_reference

ANY = "…"   # a field the case does not fix


def load_cases(path: Path) -> list[dict]:
    try:
        cases = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not a YAML list of cases ({exc})") from None
    if not isinstance(cases, list) or not all(isinstance(c, dict) and "text" in c for c in cases):
        raise ValueError(f"{path}: expected a list of cases, each with a `text`")
    return cases


def run_case(case: dict, folder: Path, ref: Reference | None = None):
    """The case written as a user's file (with its sources.csv row), ingested and extracted."""
    name = "case.html" if case.get("html") else "case.txt"
    (folder / name).write_text(case["text"], encoding="utf-8")
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["doc", "title", "url", "published"])
        writer.writerow([name, case.get("title") or "", case.get("url") or "",
                         str(case.get("published") or "")])
    sources, warnings = read_sources_csv(folder)
    if warnings:
        raise ValueError(f"case {case.get('id')}: {'; '.join(warnings)}")
    doc = read_document(folder / name, sources.get(name))
    return extract_document(doc, ref or load_reference())


def same(expected, actual) -> bool:
    if expected == ANY:
        return True
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return actual is not None and math.isclose(float(expected), float(actual),
                                                   rel_tol=1e-6, abs_tol=1e-9)
    return str(expected) == str(actual)


def fact_tuple(f) -> tuple:
    return (f.region_id or f.region_name, f.year, f.period, f.kind, f.value, f.unit, f.qualifier)


def fact_matches(expected: list, f) -> bool:
    region, *rest = expected
    if len(rest) == 5:
        rest = [*rest, "exact"]
    if region != ANY and region not in (f.region_id, f.region_name):
        return False
    return all(same(e, a) for e, a in zip(rest, fact_tuple(f)[1:]))


def compare_facts(case: dict, facts: list) -> list[str]:
    """Problems: expected facts not found, and (for a complete case) facts not expected."""
    problems, used = [], set()
    for exp in case.get("facts") or []:
        hit = next((i for i, f in enumerate(facts) if i not in used and fact_matches(exp, f)), None)
        if hit is None:
            problems.append(f"missing {exp}")
        else:
            used.add(hit)
    if case.get("complete", True):
        problems += [f"unexpected {fact_tuple(f)} | {f.quote}"
                     for i, f in enumerate(facts) if i not in used]
    return problems


def compare_projects(case: dict, projects: list) -> list[str]:
    problems = []
    for name, stage, region in case.get("projects") or []:
        if not any(p.name.replace("项目", "") == name.replace("项目", "") and same(stage, p.stage)
                   and (region == ANY or region in (p.region_id, p.region_name)) for p in projects):
            problems.append(f"missing project {(name, stage, region)}; got "
                            f"{[(p.name, p.stage, p.region_id or p.region_name) for p in projects]}")
    if "projects" in case:
        # the list is the document's whole list: a name the case does not expect is junk
        wanted = {name.replace("项目", "") for name, _, _ in case.get("projects") or []}
        problems += [f"unexpected project {(p.name, p.stage, p.region_id or p.region_name)}"
                     for p in projects if p.name.replace("项目", "") not in wanted]
    return problems


def compare_frame(case: dict, frame) -> list[str]:
    problems = []
    for key, want in (case.get("frame") or {}).items():
        if key == "subject":
            have = (frame.subject_region_id, frame.subject_region_name)
            ok = want in have
        else:
            have = getattr(frame, key)
            ok = same(want, have)
        if not ok:
            problems.append(f"frame {key}: expected {want!r}, got {have!r}")
    return problems


def score_files(paths, ref: Reference | None = None) -> dict:
    """Precision and recall of facts over whole case files, as unseen documents are scored:
    region, year, kind and value must agree (how often the period agrees is reported apart)."""
    ref = ref or load_reference()
    predicted = correct = expected = found = period_right = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            for i, case in enumerate(load_cases(path)):
                folder = Path(tmp) / f"{Path(path).stem}-{i}"
                folder.mkdir()
                facts = run_case(case, folder, ref).facts
                gold = case.get("facts") or []
                expected += len(gold)
                predicted += len(facts)
                used = set()
                for f in facts:
                    hit = next((j for j, g in enumerate(gold) if j not in used and fact_matches(
                        [g[0], g[1], ANY, g[3], g[4], ANY, ANY], f)), None)
                    if hit is not None:
                        used.add(hit)
                        correct += 1
                        period_right += same(gold[hit][2], f.period)
                found += len(used)
    return {"precision": correct / max(predicted, 1), "recall": found / max(expected, 1),
            "period": period_right / max(correct, 1), "facts": expected}


def main(paths: list[str]) -> int:
    """Print one row per case file: facts, precision, recall, period right."""
    ref = load_reference()
    print("| case file | facts | precision | recall | period right |")
    print("|---|---:|---:|---:|---:|")
    for path in paths:
        s = score_files([Path(path)], ref)
        print(f"| {Path(path).stem} | {s['facts']} | {s['precision']:.3f} | {s['recall']:.3f} "
              f"| {s['period']:.3f} |")
    return 0
