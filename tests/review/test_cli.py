"""The command line as a user types it: `etl add`, builds that keep the corpus, `etl review`."""
from __future__ import annotations

import csv
import io

from .conftest import DOC_A, etl, fact, rows

BUILD = ("build", "--docs", "seeds", "data/corpus", "--db", "data/warehouse.duckdb", "--quiet",
         "--cache-dir", "data/cache")


def keys_by_quote(cwd) -> dict[str, dict]:
    out = etl("review", "list", "--format", "csv", cwd=cwd)
    assert out.returncode == 0, out.stderr
    return {r["quote"]: r for r in csv.DictReader(io.StringIO(out.stdout))}


def test_add_copies_builds_and_reports_each_document(checkout, tmp_path_factory):
    assert etl(*BUILD, cwd=checkout).returncode == 0
    mine = tmp_path_factory.mktemp("mine")
    (mine / "晋城 2023.txt").write_text(DOC_A, encoding="utf-8")
    (mine / "sources.csv").write_text("doc,title,url,published\n晋城 2023.txt,晋城年报,"
                                      "https://example.org/j,2024-02-01\n", encoding="utf-8")
    out = etl("add", str(mine), "--quiet", cwd=checkout)
    assert out.returncode == 0, out.stderr
    assert "copied 1 document(s)" in out.stdout and "1 sources.csv row(s)" in out.stdout
    assert "added   晋城_2023.txt (from 晋城 2023.txt): 4 facts" in out.stdout
    assert "dated 2024-02-01 (sources_csv)" in out.stdout
    assert "documents  2 (1 extracted, 1 cached)" in out.stdout      # incremental
    assert (checkout / "data" / "corpus" / "晋城_2023.txt").is_file()
    db = checkout / "data" / "warehouse.duckdb"
    assert rows(db, "SELECT title FROM documents WHERE doc = '晋城_2023.txt'") == [("晋城年报",)]

    # `make build` afterwards keeps it
    assert etl(*BUILD, cwd=checkout).returncode == 0
    assert rows(db, "SELECT count(*) FROM documents") == [(2,)]
    # a build over fewer roots is refused, names what it would drop, and changes nothing
    before = db.stat().st_mtime_ns
    out = etl("build", "--docs", "seeds", "--db", "data/warehouse.duckdb", "--quiet", cwd=checkout)
    assert out.returncode == 2
    assert "data/corpus" in out.stderr and "--replace" in out.stderr
    assert db.stat().st_mtime_ns == before
    # ... unless asked for
    out = etl("build", "--docs", "seeds", "--db", "data/warehouse.duckdb", "--quiet",
              "--replace", cwd=checkout)
    assert out.returncode == 0 and rows(db, "SELECT count(*) FROM documents") == [(1,)]


def test_add_refuses_bad_files_by_name_and_changes_nothing(checkout, tmp_path_factory):
    assert etl(*BUILD, cwd=checkout).returncode == 0
    db = checkout / "data" / "warehouse.duckdb"
    before = db.stat().st_mtime_ns
    bad = tmp_path_factory.mktemp("bad") / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = etl("add", str(bad), "--quiet", cwd=checkout)
    assert out.returncode == 1
    assert "refused scan.txt: not a text document" in out.stderr
    assert list((checkout / "data" / "corpus").iterdir()) == []
    assert db.stat().st_mtime_ns == before
    out = etl("add", str(checkout / "nothing-here"), cwd=checkout)
    assert out.returncode == 2 and "nothing-here: no such file or folder" in out.stderr


def test_review_set_reject_and_correct_survive_a_rebuild(checkout):
    (checkout / "data" / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    assert etl(*BUILD, cwd=checkout).returncode == 0
    facts = keys_by_quote(checkout)
    gdp = next(r for q, r in facts.items() if "1234.5" in q)
    growth = next(r for q, r in facts.items() if "5.1%" in q)
    assert gdp["review_status"] == "unreviewed"

    out = etl("review", "set", gdp["fact_key"], "--value", "1300", "--note", "revised",
              "--who", "alice", cwd=checkout)
    assert out.returncode == 0, out.stderr
    assert f"{gdp['fact_key']}: value 1234.5 -> 1300" in out.stdout
    out = etl("review", "set", growth["fact_key"], "--status", "rejected", "--who", "bob",
              cwd=checkout)
    assert out.returncode == 0, out.stderr

    assert etl(*BUILD, cwd=checkout).returncode == 0
    db = checkout / "data" / "warehouse.duckdb"
    assert fact(db, "1234.5")["value"] == 1300.0
    assert rows(db, "SELECT count(*) FROM facts WHERE contains(quote, '5.1%')") == [(0,)]
    listed = keys_by_quote(checkout)
    assert listed[gdp["quote"]]["value"] == "1300.0" and listed[gdp["quote"]]["note"] == "revised"
    assert listed[growth["quote"]]["review_status"] == "rejected"
    only_rejected = etl("review", "list", "--status", "rejected", "--format", "csv", cwd=checkout)
    assert [r["fact_key"] for r in csv.DictReader(io.StringIO(only_rejected.stdout))] == \
        [growth["fact_key"]]
    history = etl("review", "history", gdp["fact_key"], cwd=checkout).stdout
    assert "alice" in history and "value: 1234.5 -> 1300" in history


def test_review_errors_name_the_key_or_value(checkout):
    (checkout / "data" / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    assert etl(*BUILD, cwd=checkout).returncode == 0
    key = next(iter(keys_by_quote(checkout).values()))["fact_key"]
    out = etl("review", "set", "no-such-key", "--status", "accepted", cwd=checkout)
    assert out.returncode == 2 and "no fact with key 'no-such-key'" in out.stderr
    out = etl("review", "set", key, "--year", "20x", cwd=checkout)
    assert out.returncode == 2 and "year: '20x' is not a year" in out.stderr
    out = etl("review", "set", key, "--region", "火星", cwd=checkout)
    assert out.returncode == 2 and "region: '火星' is not a region" in out.stderr
    assert not (checkout / "data" / "reviews.sqlite").exists() or \
        etl("review", "history", key, cwd=checkout).stdout.startswith("no decisions")


def test_export_import_round_trip_and_orphans_are_listed(checkout):
    (checkout / "data" / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    assert etl(*BUILD, cwd=checkout).returncode == 0
    gdp = next(r for q, r in keys_by_quote(checkout).items() if "1234.5" in q)
    assert etl("review", "set", gdp["fact_key"], "--value", "1300", cwd=checkout).returncode == 0
    assert etl("review", "export", "decisions.csv", cwd=checkout).returncode == 0
    exported = list(csv.DictReader(open(checkout / "decisions.csv", encoding="utf-8")))
    assert [(r["fact_key"], r["value"]) for r in exported] == [(gdp["fact_key"], "1300.0")]

    # a colleague's store: import the file, same effect
    out = etl("review", "import", "decisions.csv", "--reviews", "other.sqlite", cwd=checkout)
    assert out.returncode == 0, out.stderr
    assert "1 decisions imported" in out.stdout
    # a bad row: nothing imported, the line and value named
    (checkout / "bad.csv").write_text(f"fact_key,value\n{gdp['fact_key']},lots\n", encoding="utf-8")
    out = etl("review", "import", "bad.csv", "--reviews", "other.sqlite", cwd=checkout)
    assert out.returncode == 2 and "bad.csv line 2" in out.stderr and "'lots'" in out.stderr

    # the document leaves the corpus: the decision is reported, listed and kept
    (checkout / "data" / "corpus" / "jincheng.txt").unlink()
    out = etl(*BUILD, cwd=checkout)
    assert out.returncode == 0 and "1 ORPHANED" in out.stdout
    orphaned = etl("review", "list", "--status", "orphaned", "--format", "csv", cwd=checkout)
    assert [r["fact_key"] for r in csv.DictReader(io.StringIO(orphaned.stdout))] == \
        [gdp["fact_key"]]
