"""`python -m etl build`: bad files, exit codes, atomic swap, reproducibility, parallelism."""
from __future__ import annotations

import os
import threading

import duckdb
import pytest

from etl.__main__ import main
from tests.pipeline.helpers import BAD_FILES, query, table_checksums, write_docs


def build_cli(docs, db, *extra) -> int:
    return main(["build", "--docs", str(docs), "--db", str(db), "--quiet", *extra])


def test_bad_files_each_give_one_error_line_and_good_ones_load(good_docs, tmp_path, capsys,
                                                                fake_extractor):
    write_docs(good_docs, BAD_FILES)
    db = tmp_path / "wh.duckdb"
    rc = build_cli(good_docs, db, "--no-cache", "--jobs", "1")
    err_lines = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert rc == 1
    for name in BAD_FILES:
        assert sum(name in line for line in err_lines) == 1, (name, err_lines)
    assert len(err_lines) == len(BAD_FILES)
    docs = [r[0] for r in query(db, "SELECT doc FROM documents ORDER BY doc")]
    assert docs == sorted(p.name for p in good_docs.iterdir() if p.name not in BAD_FILES)
    errors = query(db, "SELECT path, severity FROM build_errors WHERE severity = 'error'")
    assert sorted(os.path.basename(p) for p, _ in errors) == sorted(BAD_FILES)
    # every good document's records are in, in full
    n_money = sum(p.read_bytes().decode("utf-8", "ignore").count("亿元")
                  for p in good_docs.iterdir() if p.name not in BAD_FILES and "gbk" not in p.name)
    assert query(db, "SELECT count(*) FROM facts WHERE doc NOT LIKE '%gbk%'")[0][0] == n_money
    assert query(db, "SELECT count(*) FROM facts WHERE doc LIKE '%gbk%'")[0][0] == 1


@pytest.mark.parametrize("content, expected_rc", [
    ({"a.txt": "太原市地区生产总值完成12.5亿元。"}, 0),
    ({"a.txt": "太原市地区生产总值完成12.5亿元。", "b.txt": b""}, 1),
    ({}, 2),                                        # nothing to build from
])
def test_exit_status(tmp_path, fake_extractor, content, expected_rc):
    docs = write_docs(tmp_path / "docs", content)
    assert build_cli(docs, tmp_path / "wh.duckdb", "--no-cache") == expected_rc


def test_summary_counts_conflicts_from_the_built_warehouse(tmp_path, capsys, fake_extractor):
    # two documents, same region/indicator/year, different values -> one conflict, both kept
    docs = write_docs(tmp_path / "docs", {"a.txt": "完成100.5亿元。", "b.txt": "完成101.5亿元。"})
    db = tmp_path / "wh.duckdb"
    assert build_cli(docs, db, "--no-cache") == 0
    out = capsys.readouterr().out
    assert "conflicts  1" in out and "facts      2" in out
    assert query(db, "SELECT count(*) FROM facts")[0][0] == 2


def test_reader_keeps_working_during_rebuild_and_sees_new_rows_after_reconnect(
        good_docs, tmp_path, fake_extractor, monkeypatch):
    db = tmp_path / "wh.duckdb"
    assert build_cli(good_docs, db, "--no-cache", "--jobs", "1") == 0
    old_count = len(list(good_docs.iterdir()))
    write_docs(good_docs, {"new.txt": "新增文档，完成9.5亿元。"})

    # Whatever is at the target path at any moment must be a complete warehouse.
    seen, stop = [], threading.Event()

    def poll():
        while not stop.is_set():
            seen.append(query(db, "SELECT count(*) FROM documents")[0][0])

    real_replace = os.replace

    def checked_replace(src, dst):
        # at the swap: the new file is complete, and the target is still the old complete one
        assert query(src, "SELECT count(*) FROM documents")[0][0] == old_count + 1
        assert query(dst, "SELECT count(*) FROM documents")[0][0] == old_count
        return real_replace(src, dst)
    monkeypatch.setattr(os, "replace", checked_replace)

    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == old_count
        poller = threading.Thread(target=poll)
        poller.start()
        try:
            assert build_cli(good_docs, db, "--no-cache", "--jobs", "1") == 0
        finally:
            stop.set()
            poller.join()
        # the open connection still reads its (old, complete) file
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == old_count
    finally:
        reader.close()
    reader = duckdb.connect(str(db), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM documents").fetchone()[0] == old_count + 1
    finally:
        reader.close()
    assert seen and set(seen) <= {old_count, old_count + 1}
    assert not [p for p in db.parent.iterdir() if ".building-" in p.name]


@pytest.mark.parametrize("extractor", ["fake", "real"])
def test_two_builds_from_same_inputs_give_identical_tables(generated_corpus, good_docs, tmp_path,
                                                           request, extractor):
    docs = generated_corpus
    if extractor == "fake":
        request.getfixturevalue("fake_extractor")
        docs = good_docs
    cache = tmp_path / "cache"
    runs = [("--no-cache",), ("--cache-dir", str(cache)), ("--cache-dir", str(cache))]
    sums = []
    for i, extra in enumerate(runs):   # fresh, cache filled, cache served: all the same
        db = tmp_path / f"wh{i}.duckdb"
        assert build_cli(docs, db, "--jobs", "1", *extra) == 0
        sums.append(table_checksums(db))
    assert sums[0] == sums[1] == sums[2]
    if extractor == "fake":
        assert query(tmp_path / "wh0.duckdb", "SELECT count(*) FROM facts")[0][0] > 0


@pytest.mark.parametrize("extractor", ["fake", "real"])
def test_jobs_2_gives_the_same_warehouse_as_jobs_1(generated_corpus, good_docs, tmp_path,
                                                   request, extractor):
    docs = generated_corpus
    if extractor == "fake":
        request.getfixturevalue("fake_extractor")   # inherited by forked workers
        docs = write_docs(good_docs, {f"more{i}.txt": f"完成{i}.5亿元。" for i in range(10)})
    one, two = tmp_path / "j1.duckdb", tmp_path / "j2.duckdb"
    assert build_cli(docs, one, "--no-cache", "--jobs", "1") == 0
    assert build_cli(docs, two, "--no-cache", "--jobs", "2") == 0
    assert table_checksums(one) == table_checksums(two)
    assert query(two, "SELECT count(*) FROM documents")[0][0] == len(
        [p for p in docs.iterdir() if p.suffix in {".txt", ".html"}])


def test_sql_and_markup_in_names_and_content_load_as_data(tmp_path, fake_extractor):
    evil = "'; DROP TABLE facts; --"
    names = {f"x{evil}.txt": f"完成1.5亿元。《{evil}》", "<script>alert(1)<\\script>.txt":
             "<script>alert('x')</script> 完成2.5亿元。“<b>bold</b>”项目"}
    docs = write_docs(tmp_path / "docs", names)
    db = tmp_path / "wh.duckdb"
    assert build_cli(docs, db, "--no-cache", "--jobs", "1") == 0
    assert sorted(r[0] for r in query(db, "SELECT doc FROM documents")) == sorted(names)
    assert query(db, "SELECT title FROM policies") == [(evil,)]
    assert query(db, "SELECT count(*) FROM facts")[0][0] == 2
    assert query(db, "SELECT doc FROM facts WHERE doc = ?", [f"x{evil}.txt"]) == [
        (f"x{evil}.txt",)]


def test_same_file_name_in_two_folders_is_one_error_not_a_crash(tmp_path, capsys,
                                                                 fake_extractor):
    a = write_docs(tmp_path / "a", {"report.txt": "完成1.5亿元。", "only_a.txt": "完成2.5亿元。"})
    b = write_docs(tmp_path / "b", {"report.txt": "完成3.5亿元。"})
    db = tmp_path / "wh.duckdb"
    rc = main(["build", "--docs", str(a), "--docs", str(b), "--db", str(db), "--quiet",
               "--no-cache"])
    assert rc == 1
    errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and "duplicate file name 'report.txt'" in errors[0]
    assert query(db, "SELECT doc, path FROM documents ORDER BY doc") == [
        ("only_a.txt", str(a / "only_a.txt")), ("report.txt", str(a / "report.txt"))]


@pytest.mark.parametrize("form", [["--docs", "A", "B"], ["--docs", "A", "--docs", "B"]])
def test_docs_takes_several_folders(tmp_path, fake_extractor, form):
    write_docs(tmp_path / "A", {"a.txt": "完成1.5亿元。"})
    write_docs(tmp_path / "B", {"b.txt": "完成2.5亿元。"})
    args = [str(tmp_path / a) if a in ("A", "B") else a for a in form]
    db = tmp_path / "wh.duckdb"
    assert main(["build", *args, "--db", str(db), "--quiet", "--no-cache"]) == 0
    assert query(db, "SELECT doc FROM documents ORDER BY doc") == [("a.txt",), ("b.txt",)]


def test_loading_in_small_chunks_gives_the_same_warehouse(generated_corpus, tmp_path,
                                                          monkeypatch):
    # records reach DuckDB chunk by chunk; chunk boundaries must not show in the tables
    from etl.build import Collector
    whole, chunked = tmp_path / "whole.duckdb", tmp_path / "chunked.duckdb"
    assert build_cli(generated_corpus, whole, "--no-cache", "--jobs", "1") == 0
    monkeypatch.setattr(Collector, "CHUNK", 3)
    assert build_cli(generated_corpus, chunked, "--no-cache", "--jobs", "1") == 0
    assert table_checksums(whole) == table_checksums(chunked)
    assert query(chunked, "SELECT min(fact_id), max(fact_id), count(*) FROM facts")[0] == (
        1, query(chunked, "SELECT count(*) FROM facts")[0][0],
        query(chunked, "SELECT count(*) FROM facts")[0][0])


def test_a_build_that_fails_while_loading_keeps_the_old_warehouse(good_docs, tmp_path,
                                                                   fake_extractor, monkeypatch):
    from etl.warehouse.load import WarehouseWriter
    db = tmp_path / "wh.duckdb"
    assert build_cli(good_docs, db, "--no-cache", "--jobs", "1") == 0
    before = table_checksums(db)

    def broken(self, table, frame):
        raise OSError("disk full")
    monkeypatch.setattr(WarehouseWriter, "append", broken)
    with pytest.raises(OSError):
        build_cli(good_docs, db, "--no-cache", "--jobs", "1")
    assert table_checksums(db) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
