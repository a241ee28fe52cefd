"""`python -m etl extract` (CSV/JSON records, no warehouse) and `export --parquet`."""
from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.dataset as ds
import pytest

from etl.__main__ import main
from etl.records import plain
from tests.pipeline.helpers import query, write_docs

# The public format: columns are appended (the rule names came in schema 4), never reordered.
HEADERS = {
    "facts": "doc,region_id,region_name,year,period,indicator_id,indicator_name,kind,value,"
             "value_high,unit,qualifier,quote,start,end,confidence,kind_rule,region_rule,time_rule",
    "projects": "doc,region_id,region_name,year,name,stage,quote,start,end,confidence,"
                "stage_rule,region_rule,time_rule",
    "policies": "doc,region_id,region_name,year,title,quote,start,end,confidence,region_rule,"
                "time_rule",
}


@pytest.mark.parametrize("what", list(HEADERS))
def test_extract_csv_has_exactly_the_documented_header(good_docs, tmp_path, fake_extractor,
                                                       what):
    out = tmp_path / f"{what}.csv"
    assert main(["extract", str(good_docs), "--output", str(out), "--what", what]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADERS[what]
    rows = list(csv.DictReader(lines))
    assert len(rows) == len(list(good_docs.iterdir()))    # one of each per good document
    assert {r["doc"] for r in rows} == {p.name for p in good_docs.iterdir()}


def test_extract_csv_writes_numbers_plainly(good_docs, tmp_path, fake_extractor):
    out = tmp_path / "facts.csv"
    main(["extract", str(good_docs), "-o", str(out)])
    row = next(r for r in csv.DictReader(out.open(encoding="utf-8")) if r["doc"] == "doc00.txt")
    assert (row["value"], row["year"], row["value_high"], row["region_id"]) == (
        "1000.15", "2023", "", "taiyuan")
    assert row["start"].isdigit() and row["end"].isdigit()


@pytest.mark.parametrize("value, text", [
    (1425.15, "1425.15"), (2023, "2023"), (2023.0, "2023"), (0.1 + 0.2, "0.3"),
    (5293 / 10000, "0.5293"), (None, ""), (float("nan"), ""), (1e-7, "1e-07"), (-3.5, "-3.5"),
    ("太原市", "太原市"),
])
def test_plain(value, text):
    assert plain(value) == text


def test_extract_json_parses_and_writes_no_warehouse(good_docs, tmp_path, fake_extractor,
                                                     monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out" / "policies.json"
    assert main(["extract", str(good_docs), "-o", str(out), "--format", "json",
                 "--what", "policies"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [list(d) for d in data] == [HEADERS["policies"].split(",")] * len(data)
    assert data[0]["title"] == "示例政策0号" and data[0]["region_id"] is None
    assert not (tmp_path / "data").exists()


def test_extract_honours_sources_csv(good_docs, tmp_path, fake_extractor):
    (good_docs / "sources.csv").write_text(
        "doc,title,url,published\ndoc01.txt,标题,https://example.org/x,2019-03-02\n",
        encoding="utf-8")
    out = tmp_path / "facts.csv"
    main(["extract", str(good_docs), "-o", str(out)])
    years = {r["doc"]: r["year"] for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert years["doc01.txt"] == "2019" and years["doc00.txt"] == "2023"


def test_extract_reports_bad_files_and_still_writes_the_rest(good_docs, tmp_path, capsys,
                                                             fake_extractor):
    write_docs(good_docs, {"empty.txt": b""})
    out = tmp_path / "facts.csv"
    assert main(["extract", str(good_docs), "-o", str(out)]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1 + 6


def test_parquet_export_is_partitioned_by_region_and_year(good_docs, tmp_path, fake_extractor):
    db = tmp_path / "wh.duckdb"
    (good_docs / "sources.csv").write_text(
        "doc,title,url,published\ndoc01.txt,标题,,2019-03-02\n", encoding="utf-8")
    assert main(["build", "--docs", str(good_docs), "--db", str(db), "--quiet",
                 "--no-cache"]) == 0
    out = tmp_path / "parquet"
    assert main(["export", "--parquet", str(out), "--db", str(db)]) == 0
    assert (out / "facts" / "region=taiyuan" / "year=2019").is_dir()
    assert (out / "facts" / "region=taiyuan" / "year=2023").is_dir()
    for table in ("facts", "projects", "policies"):
        got = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
        assert got.num_rows == query(db, f"SELECT count(*) FROM {table}")[0][0] > 0
    # policies have no region_id: their partition is the region name (percent-encoded on disk)
    con = duckdb.connect()
    rows = con.execute("SELECT DISTINCT region, year FROM read_parquet(?, hive_partitioning=true)"
                       " ORDER BY ALL", [str(out / "policies" / "**" / "*.parquet")]).fetchall()
    assert rows == [("某区", 2019), ("某区", 2023)]
    docs = con.execute("SELECT doc FROM read_parquet(?) ORDER BY doc",
                       [str(out / "documents.parquet")]).fetchall()
    assert [d for (d,) in docs] == sorted(p.name for p in good_docs.glob("doc*"))
    # exporting again replaces rather than duplicates
    assert main(["export", "--parquet", str(out), "--db", str(db)]) == 0
    again = ds.dataset(out / "facts", format="parquet", partitioning="hive").to_table()
    assert again.num_rows == query(db, "SELECT count(*) FROM facts")[0][0]


def test_export_without_a_warehouse_is_a_usage_error(tmp_path):
    assert main(["export", "--parquet", str(tmp_path / "p"), "--db",
                 str(tmp_path / "none.duckdb")]) == 2
