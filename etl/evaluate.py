"""Score extraction against hand-checked answers (`--gold DIR`; the project's are in
tests/fixtures/gold).

A fact is right when document, region, year, kind and value (after unit normalisation) agree;
recall counts core gold facts, precision counts output matching core or optional gold. A region
matches by id or by Chinese name (gold names regions outside the gazetteer by their full name).
Projects match on document and name (one containing the other, simplified), policies on
document and title.
"""
from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .core.textnorm import to_simplified
from .models import Extraction
from .pipeline import process_documents
from .reference import Reference, load_reference


@dataclass
class Score:
    name: str
    matched_core: int = 0
    core: int = 0
    predicted: int = 0
    correct_predicted: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    indicator_right: int = 0
    indicator_total: int = 0
    wrong_indicator: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched_core / self.core if self.core else 1.0

    @property
    def precision(self) -> float:
        return self.correct_predicted / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _read_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _fact_matches(pred, gold: dict) -> bool:
    return (gold["region"] in (pred.region_id, pred.region_name)
            and str(pred.year) == gold["year"] and pred.kind == gold["kind"]
            and _same_value(pred.value, float(gold["value"])))


def score_facts(predicted: dict[str, Extraction], gold: list[dict]) -> Score:
    score = Score("facts")
    by_doc = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]].append(g)
    score.core = sum(g["tier"] == "core" for g in gold)
    for doc, ex in predicted.items():
        used = set()
        for f in ex.facts:
            score.predicted += 1
            # One gold row per prediction: prefer an unused row, then one with the same indicator.
            hits = [i for i, g in enumerate(by_doc[doc]) if _fact_matches(f, g)]
            hits.sort(key=lambda i: (i in used, by_doc[doc][i]["indicator"] != (f.indicator_id or "")))
            hit = hits[0] if hits else None
            if hit is None:
                score.false_positives.append(
                    f"{doc}: {f.region_name} {f.year} {f.period} {f.kind} {f.indicator_id} "
                    f"{f.value} {f.unit} {f.qualifier} | {f.quote}")
                continue
            score.correct_predicted += 1
            g = by_doc[doc][hit]
            if g["indicator"]:
                score.indicator_total += 1
                score.indicator_right += (f.indicator_id or "") == g["indicator"]
                if (f.indicator_id or "") != g["indicator"]:
                    score.wrong_indicator.append(
                        f"{doc}: {f.indicator_id} should be {g['indicator']} | {g['quote']}")
            used.add(hit)
        for i, g in enumerate(by_doc[doc]):
            if i in used:
                score.matched_core += g["tier"] == "core"
            elif g["tier"] == "core":
                score.misses.append(f"{doc}: {g['region']} {g['year']} {g['kind']} "
                                    f"{g['indicator']} {g['value']} {g['unit']} | {g['quote']}")
    for doc in set(by_doc) - set(predicted):
        score.misses += [f"{doc}: (document not extracted) {g['quote']}" for g in by_doc[doc]
                         if g["tier"] == "core"]
    return score


def _name_key(name: str) -> str:
    return to_simplified(name).replace("“", "").replace("”", "").replace("项目", "").strip()


def score_named(predicted: dict[str, Extraction], gold: list[dict], what: str, field_name: str) -> Score:
    score = Score(what)
    score.core = sum(g["tier"] == "core" for g in gold)
    for doc, ex in predicted.items():
        golds = [g for g in gold if g["doc"] == doc]
        records = getattr(ex, what)
        used = set()
        for rec in records:
            score.predicted += 1
            key = _name_key(getattr(rec, field_name))
            hit = next((i for i, g in enumerate(golds)
                        if key and (key in _name_key(g[field_name]) or _name_key(g[field_name]) in key)), None)
            if hit is None:
                score.false_positives.append(f"{doc}: {getattr(rec, field_name)}")
                continue
            score.correct_predicted += 1
            used.add(hit)
        for i, g in enumerate(golds):
            if i in used:
                score.matched_core += g["tier"] == "core"
            elif g["tier"] == "core":
                score.misses.append(f"{doc}: {g[field_name]} | {g['quote']}")
    return score


def extract_folder(docs_dir: Path, ref: Reference | None = None
                   ) -> tuple[dict[str, Extraction], list[str], float, list[str]]:
    """Extractions by document name, errors, the share of grounded records and sources.csv
    warnings, through the same discovery and per-file processing as `etl build`."""
    ref = ref or load_reference()
    out, errors, warnings, grounded, total = {}, [], [], 0, 0
    for done in process_documents([docs_dir], ref, warnings):
        if done.error is not None:
            errors.append(done.error)
            continue
        for rec in [*done.extraction.facts, *done.extraction.projects, *done.extraction.policies]:
            total += 1
            grounded += done.doc.raw[rec.start:rec.end] == rec.quote and bool(rec.quote)
        out[done.path.name] = done.extraction
    return out, errors, (grounded / total if total else 1.0), warnings


def report(scores: list[Score], grounded: float, verbose: bool = True) -> str:
    lines = [f"{'what':10} {'precision':>9} {'recall':>7} {'F1':>6}  (core matched / core, correct / output)"]
    for s in scores:
        lines.append(f"{s.name:10} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}  "
                     f"({s.matched_core}/{s.core}, {s.correct_predicted}/{s.predicted})")
    facts = scores[0]
    if facts.indicator_total:
        lines.append(f"indicator ids right on matched facts: {facts.indicator_right}/{facts.indicator_total}"
                     f" = {facts.indicator_right / facts.indicator_total:.3f}")
    lines.append(f"grounded (raw[start:end] == quote): {grounded:.3f}")
    if verbose:
        for s in scores:
            for title, items in (("missed", s.misses), ("not in gold", s.false_positives),
                                 ("with the wrong indicator", s.wrong_indicator)):
                if items:
                    lines.append(f"\n{s.name} {title} ({len(items)}):")
                    lines += [f"  {x}" for x in items]
    return "\n".join(lines)


def evaluate(docs_dir: Path, gold_dir: Path, warnings: list[str] | None = None
             ) -> tuple[list[Score], float, list[str]]:
    predicted, errors, grounded, csv_warnings = extract_folder(docs_dir)
    if warnings is not None:
        warnings.extend(csv_warnings)
    scores = [
        score_facts(predicted, _read_gold(gold_dir / "seeds_facts.csv")),
        score_named(predicted, _read_gold(gold_dir / "seeds_projects.csv"), "projects", "name"),
        score_named(predicted, _read_gold(gold_dir / "seeds_policies.csv"), "policies", "title"),
    ]
    return scores, grounded, errors


def main(docs_dir: str | Path, gold_dir: str | Path) -> int:
    """Print the scores of the documents in `docs_dir` against the answers in `gold_dir`;
    1 if any document failed (the others are still scored)."""
    warnings: list[str] = []
    scores, grounded, errors = evaluate(Path(docs_dir), Path(gold_dir), warnings)
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    print(report(scores, grounded))
    return 1 if errors else 0

