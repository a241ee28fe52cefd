"""`etl build --engine dask`: the same tables as the local engine, through Parquet."""
from __future__ import annotations

import shutil

import pyarrow.dataset as ds

from etl.__main__ import main
from etl.build import frame
from etl.engines.dask_engine import MAX_BATCH, _write_parts, batches
from etl.schema import TABLE_FIELDS
from etl.warehouse import WarehouseWriter
from tests.pipeline.helpers import BAD_FILES, ROOT, query, table_checksums, write_docs


def test_dask_engine_builds_the_same_tables_as_the_local_engine(tmp_path, generated_corpus):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "seeds", docs / "seeds")
    shutil.copytree(generated_corpus, docs / "generated")
    write_docs(docs / "bad", BAD_FILES)
    # the same file name twice: both engines keep the first path and report the other
    first = next(p for p in sorted((docs / "generated").iterdir()) if p.suffix == ".txt")
    shutil.copy(first, docs / "bad" / first.name)
    local, dask = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    parquet = tmp_path / "parquet"

    assert main(["build", "--docs", str(docs), "--db", str(local), "--quiet", "--no-cache",
                 "--jobs", "1"]) == 1
    assert main(["build", "--docs", str(docs), "--db", str(dask), "--engine", "dask",
                 "--jobs", "2", "--parquet", str(parquet)]) == 1

    assert table_checksums(dask) == table_checksums(local)
    counts = query(dask, "SELECT (SELECT count(*) FROM facts), (SELECT count(*) FROM projects), "
                         "(SELECT count(*) FROM policies), (SELECT count(*) FROM build_errors "
                         "WHERE severity = 'error')")[0]
    assert all(counts) and counts[3] == len(BAD_FILES) + 1
    assert not list(tmp_path.glob("dask.duckdb.parquet-*"))     # --parquet: no temp stage

    # the workers' Parquet: records partitioned by region and year, every fact once (and
    # those of the duplicate, which the load leaves out)
    facts = ds.dataset(parquet / "facts", format="parquet", partitioning="hive")
    assert {"region", "year"} <= set(facts.schema.names)
    duplicate = ds.field("_path") == str(docs / "bad" / first.name)
    assert facts.to_table(filter=~duplicate).num_rows == counts[0]
    assert facts.to_table(filter=duplicate).num_rows > 0
    assert {p.parent.parent.name.split("=")[0] for p in (parquet / "facts").rglob("*.parquet")} \
        == {"region"}


def test_parquet_round_trip_keeps_nulls_and_types(tmp_path):
    fields = TABLE_FIELDS["facts"]
    rows = [dict.fromkeys(fields) for _ in range(2)]
    for i, row in enumerate(rows):
        row.update(doc="a.txt", region_name="某区", period="FY", kind="value", value=1.5 + i,
                   unit="亿元", qualifier="exact", quote="1.5亿元", start=3 * i, end=3 * i + 2,
                   kind_rule="plain_figure")
    rows[0].update(region_id="taiyuan", year=2023)        # rows[1]: no id, no year
    columns = {f: [r[f] for r in rows] for f in fields}
    columns.update(_path=["/d/a.txt"] * 2, _seq=[0, 1])
    _write_parts("facts", frame(columns, fields + ["_path", "_seq"]), tmp_path / "facts", 7)
    assert len(list((tmp_path / "facts").rglob("part-00007-*.parquet"))) == 2

    writer = WarehouseWriter(tmp_path / "wh.duckdb")
    try:
        assert writer.append_parquet("facts", tmp_path / "facts") == 2
        got = writer.con.execute(
            "SELECT region_id, region_name, year, value, kind_rule, \"start\", _path, _seq "
            "FROM _stage_facts ORDER BY _seq").fetchall()
    finally:
        writer.abort()
    assert got == [("taiyuan", "某区", 2023, 1.5, "plain_figure", 0, "/d/a.txt", 0),
                   (None, "某区", None, 2.5, "plain_figure", 3, "/d/a.txt", 1)]


def test_batches_cover_every_file_once_in_order():
    items = list(range(2 * MAX_BATCH + 7))
    cut = batches(items, workers=2)
    assert [x for b in cut for x in b] == items
    assert len(cut) >= 2 * 4 and max(map(len, cut)) <= MAX_BATCH
    assert batches([1, 2, 3], workers=8) == [[1], [2], [3]]
    assert batches([], workers=2) == []


def test_scheduler_needs_the_dask_engine(tmp_path, capsys):
    docs = write_docs(tmp_path / "docs", {"a.txt": "完成12.5亿元。"})
    assert main(["build", "--docs", str(docs), "--db", str(tmp_path / "wh.duckdb"),
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert not (tmp_path / "wh.duckdb").exists()
