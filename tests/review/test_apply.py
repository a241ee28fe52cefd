"""Decisions re-applied by every build: rejected facts stay out, corrections stay in, keys
survive extractor changes, orphans are reported and kept."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from etl import pipeline
from etl.build import build
from etl.reference import load_reference
from etl.review import ReviewStore, fact_key, reapply, reviews_path_for

from .conftest import DOC_A, fact, rows


@pytest.fixture(scope="module")
def ref():
    return load_reference()


@pytest.fixture()
def corpus(checkout) -> Path:
    (checkout / "data" / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    return checkout


def make(corpus: Path, ref, **kw):
    return build([corpus / "seeds", corpus / "data" / "corpus"],
                 corpus / "data" / "warehouse.duckdb", ref, jobs=1, cache_dir=None, **kw)


def test_key_is_the_number_span_not_the_quote():
    assert fact_key("ab" * 40, "x.txt", 10, 30, "去年完成1234.5亿元左右", "1234.5亿", "value") \
        == f"{'ab' * 8}:14-21:value"
    # a longer quote around the same number gives the same key
    assert fact_key("ab" * 40, "x.txt", 8, 30, "全年去年完成1234.5亿元左右", "1234.5亿", "value") \
        == f"{'ab' * 8}:14-21:value"


def test_rejected_fact_leaves_every_view_and_stays_out_after_a_rebuild(corpus, ref):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    growth = fact(db, "增长5.1%")
    assert rows(db, "SELECT count(*) FROM fact_best WHERE fact_id = ?", [growth["fact_id"]]) == [(1,)]
    store = ReviewStore(reviews_path_for(db))
    store.set(growth["fact_key"], {"status": "rejected"}, who="t")
    reapply(db, store)
    assert rows(db, "SELECT count(*) FROM facts WHERE fact_key = ?", [growth["fact_key"]]) == [(0,)]
    assert rows(db, "SELECT count(*) FROM fact_best WHERE value = 5.1") == [(0,)]
    assert fact(db, "增长5.1%", table="rejected_facts")["review_status"] == "rejected"

    summary = make(corpus, ref)
    assert rows(db, "SELECT count(*) FROM facts WHERE fact_key = ?", [growth["fact_key"]]) == [(0,)]
    assert summary.reviews.rejected == 1 and not summary.reviews.orphans
    assert "1 rejected" in "\n".join(summary.lines())


def test_correction_shows_in_facts_and_best_figures_with_the_original_kept(corpus, ref):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    gdp = fact(db, "1234.5")
    store = ReviewStore(reviews_path_for(db))
    store.set(gdp["fact_key"], {"value": 1250.0, "note": "revised figure"}, who="t")
    reapply(db, store)
    now = fact(db, "1234.5")
    assert (now["value"], now["review_status"]) == (1250.0, "corrected")
    assert rows(db, "SELECT value FROM fact_best WHERE fact_id = ?", [now["fact_id"]]) == [(1250.0,)]
    assert rows(db, "SELECT original_value, corrected_fields, note FROM fact_reviews "
                    "WHERE fact_id = ?", [now["fact_id"]]) == [(1234.5, "value", "revised figure")]
    # applying again (a second decision elsewhere) does not stack or lose anything
    other = fact(db, "增长6.2%")
    store.set(other["fact_key"], {"status": "accepted"}, who="t")
    reapply(db, store)
    assert fact(db, "1234.5")["value"] == 1250.0
    assert fact(db, "增长6.2%")["review_status"] == "accepted"


def test_region_correction_brings_the_region_name_along(corpus, ref):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    gdp = fact(db, "1234.5")
    store = ReviewStore(reviews_path_for(db))
    store.set(gdp["fact_key"], {"region_id": "yangquan", "year": 2021}, who="t")
    reapply(db, store)
    now = fact(db, "1234.5")
    assert (now["region_id"], now["region_name"], now["year"]) == ("yangquan", "阳泉市", 2021)


def test_decisions_survive_an_extractor_change_that_moves_other_facts(corpus, ref, monkeypatch):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    rejected, corrected = fact(db, "增长5.1%"), fact(db, "增长8.3%")
    store = ReviewStore(reviews_path_for(db))
    store.set(rejected["fact_key"], {"status": "rejected"}, who="t")
    store.set(corrected["fact_key"], {"value": 9.0}, who="t")

    real = pipeline.core.extract_document

    def changed_extractor(doc, reference):
        # a new rule: the first figure of each document is no longer a fact, and every
        # quote starts one character earlier (ids and quotes of the others move)
        out = real(doc, reference)
        kept = [dataclasses.replace(f, start=f.start - 1, quote=doc.text[f.start - 1:f.end])
                if f.start > 0 else f for f in out.facts[1:]]
        return dataclasses.replace(out, facts=kept)

    monkeypatch.setattr(pipeline.core, "extract_document", changed_extractor)
    summary = make(corpus, ref)
    assert fact(db, "增长8.3%")["fact_id"] != corrected["fact_id"]      # the others did move
    assert rows(db, "SELECT count(*) FROM facts WHERE contains(quote, '增长5.1%')") == [(0,)]
    assert fact(db, "增长8.3%")["value"] == 9.0
    assert summary.reviews.applied == 2 and not summary.reviews.orphans


def test_decision_whose_fact_is_gone_is_reported_kept_and_applies_again(corpus, ref):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    gdp = fact(db, "1234.5")
    store = ReviewStore(reviews_path_for(db))
    store.set(gdp["fact_key"], {"value": 1240.0}, who="t",
              context={"doc": "jincheng.txt", "quote": gdp["quote"], "original_value": 1234.5})
    moved = corpus / "jincheng.txt"
    (corpus / "data" / "corpus" / "jincheng.txt").rename(moved)
    summary = make(corpus, ref)
    assert [o["fact_key"] for o in summary.reviews.orphans] == [gdp["fact_key"]]
    assert "ORPHANED" in "\n".join(summary.lines())
    assert rows(db, "SELECT fact_key, doc, value FROM review_orphans") == \
        [(gdp["fact_key"], "jincheng.txt", 1240.0)]
    assert store.decision(gdp["fact_key"])["value"] == 1240.0          # never dropped
    moved.rename(corpus / "data" / "corpus" / "renamed.txt")           # back, under a new name
    summary = make(corpus, ref)
    assert not summary.reviews.orphans and fact(db, "1234.5")["value"] == 1240.0


def test_a_decision_saved_during_a_build_is_in_the_result(corpus, ref):
    """The build applies decisions under the same lock as re-application: a decision saved
    while it extracts is not hidden when its file is swapped in."""
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    key = fact(db, "增长6.2%")["fact_key"]
    store = ReviewStore(reviews_path_for(db))
    saved = []

    def on_progress(done, total):
        if not saved:
            store.set(key, {"status": "rejected"}, who="t")
            saved.append(True)

    make(corpus, ref, on_progress=on_progress)
    assert rows(db, "SELECT count(*) FROM facts WHERE fact_key = ?", [key]) == [(0,)]


def test_a_decision_follows_its_number_when_the_extractor_reads_it_a_little_wider(corpus, ref,
                                                                                  monkeypatch):
    db = corpus / "data" / "warehouse.duckdb"
    make(corpus, ref)
    before = fact(db, "增长8.3%")
    store = ReviewStore(reviews_path_for(db))
    store.set(before["fact_key"], {"value": 9.0}, who="t")

    real = pipeline.core.extract_document

    def wider_numbers(doc, reference):
        # a new rule reads "8.3%" instead of "8.3" as the number: its span grows by one
        out = real(doc, reference)
        facts = [dataclasses.replace(f, raw_number=f.raw_number + "%")
                 if f.raw_number == "8.3" else f for f in out.facts]
        return dataclasses.replace(out, facts=facts)

    monkeypatch.setattr(pipeline.core, "extract_document", wider_numbers)
    summary = make(corpus, ref)
    after = fact(db, "增长8.3%")
    assert after["fact_key"] != before["fact_key"]
    assert after["value"] == 9.0 and summary.reviews.reattached == [before["fact_key"]]
    assert not summary.reviews.orphans
    assert "found again at a moved span" in "\n".join(summary.lines())
