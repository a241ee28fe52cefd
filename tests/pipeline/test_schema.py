"""One schema: schema.sql + views.sql, its version in build_info, and what derives from it."""
from __future__ import annotations

import csv
import re
from datetime import date

import duckdb
import pytest

import etl.core
from etl import schema
from etl.__main__ import main
from etl.models import DocumentFrame, Extraction, Fact, Policy, Project
from etl.warehouse import create_schema
from tests.pipeline.helpers import ROOT, query, write_docs


def _ruled_extractor(doc, ref) -> Extraction:
    """One record of each kind with its rule names, and a document frame."""
    i = doc.raw.index("12.5")
    ex = Extraction(frame=DocumentFrame(
        doc_type="economic_news", doc_type_rule="title_words", doc_date=date(2024, 3, 1),
        doc_date_rule="dateline", reference_year=2023, reference_year_rule="last_year",
        subject_region_id="taiyuan", subject_region_name="太原市", subject_rule="title",
        mode="review", mode_rule="no_plan_section", confidence=0.75))
    ex.facts.append(Fact(
        region_id="taiyuan", region_name="太原市", year=2023, period="FY", indicator_id="gdp",
        indicator_name="地区生产总值", kind="value", value=12.5, value_high=None, unit="亿元",
        qualifier="exact", quote="12.5亿元", start=i, end=i + 6, kind_rule="plain_figure",
        region_rule="subject", time_rule="reference_year"))
    ex.projects.append(Project(region_id=None, region_name="某区", year=2023, name="示例",
                               stage="signed", quote="示例", start=0, end=2,
                               stage_rule="signed_verb", region_rule="heading",
                               time_rule="doc_date"))
    ex.policies.append(Policy(region_id=None, region_name="某区", year=2023, title="示例",
                              quote="示例", start=0, end=2, region_rule="subject",
                              time_rule="doc_date"))
    return ex


@pytest.fixture
def ruled_build(tmp_path, monkeypatch):
    monkeypatch.setattr(etl.core, "extract_document", _ruled_extractor)
    docs = write_docs(tmp_path / "docs", {"a.txt": "示例：太原市地区生产总值完成12.5亿元。"})
    db = tmp_path / "wh.duckdb"
    assert main(["build", "--docs", str(docs), "--db", str(db), "--quiet", "--no-cache"]) == 0
    return docs, db


def test_schema_version_is_in_build_info_and_the_compat_view(ruled_build):
    _, db = ruled_build
    assert query(db, "SELECT value FROM build_info WHERE key = 'schema_version'") == [
        (str(schema.SCHEMA_VERSION),)]
    assert query(db, "SELECT max(version) FROM schema_migrations") == [(schema.SCHEMA_VERSION,)]


def test_rule_columns_and_document_frame_are_loaded(ruled_build):
    _, db = ruled_build
    assert query(db, "SELECT kind_rule, region_rule, time_rule FROM facts") == [
        ("plain_figure", "subject", "reference_year")]
    assert query(db, "SELECT stage_rule, region_rule, time_rule FROM projects") == [
        ("signed_verb", "heading", "doc_date")]
    assert query(db, "SELECT region_rule, time_rule FROM policies") == [("subject", "doc_date")]
    assert query(db, "SELECT doc_type, doc_date, reference_year, subject_region_id, mode, "
                     "frame_confidence, date_precision FROM documents") == [
        ("economic_news", date(2024, 3, 1), 2023, "taiyuan", "review", 0.75, "day")]


def test_documents_without_a_frame_have_null_frame_columns(tmp_path, fake_extractor):
    docs = write_docs(tmp_path / "docs", {"a.txt": "完成12.5亿元。"})
    db = tmp_path / "wh.duckdb"
    assert main(["build", "--docs", str(docs), "--db", str(db), "--quiet", "--no-cache"]) == 0
    assert query(db, "SELECT doc_type, mode, frame_confidence FROM documents") == [
        (None, None, None)]


def test_extract_csv_carries_the_rule_names(ruled_build, tmp_path):
    docs, _ = ruled_build
    out = tmp_path / "facts.csv"
    assert main(["extract", str(docs), "-o", str(out)]) == 0
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["kind_rule"], row["region_rule"], row["time_rule"]) == (
        "plain_figure", "subject", "reference_year")


def test_parsed_schema_matches_what_duckdb_creates():
    con = duckdb.connect()
    create_schema(con)
    for table, cols in schema.TABLES.items():
        described = con.execute(f"DESCRIBE {table}").fetchall()
        assert [(r[0], r[1], r[2] == "NO") for r in described] == [
            (c.name, c.type, c.not_null) for c in cols], table


def test_each_view_and_macro_is_defined_once():
    sql = schema.VIEWS_SQL.read_text(encoding="utf-8")
    names = re.findall(r"CREATE (?:OR REPLACE )?(?:VIEW|MACRO) (\w+)", sql)
    assert names and len(names) == len(set(names))
    assert "OR REPLACE" not in sql


def test_records_module_does_not_load_the_warehouse_stack():
    # extraction workers and `etl extract` import etl.records: it must not drag in duckdb/pandas
    import subprocess
    import sys
    code = ("import sys, etl.records, etl.pipeline; "
            "print(sorted(m for m in ('duckdb', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.strip()
    assert out == "[]"
