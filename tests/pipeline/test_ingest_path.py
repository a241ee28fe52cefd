"""One ingest path: build, extract, evaluate and ingest's batch reader share discovery, the
sources.csv rules and per-file error isolation."""
from __future__ import annotations

import csv
from datetime import date

import pytest

import etl.core
import etl.reference
from etl.__main__ import main
from etl.evaluate import extract_folder
from etl.ingest import read_documents
from etl.pipeline import process_documents
from tests.pipeline.helpers import BAD_FILES, good_text, query, write_docs


@pytest.fixture
def nested(tmp_path):
    """A document in a subfolder whose own sources.csv dates it 2019."""
    docs = tmp_path / "docs"
    write_docs(docs / "sub", {"a.txt": good_text(1)})
    (docs / "sub" / "sources.csv").write_text(
        "doc,title,url,published\na.txt,甲文,https://example.org/a,2019-03-01\n",
        encoding="utf-8")
    write_docs(docs, {"b.txt": good_text(2)})
    return docs


def test_a_subfolder_sources_csv_means_the_same_to_every_command(nested, tmp_path,
                                                                  fake_extractor):
    db = tmp_path / "wh.duckdb"
    assert main(["build", "--docs", str(nested), "--db", str(db), "--quiet", "--no-cache"]) == 0
    assert query(db, "SELECT doc, published, date_rule FROM documents ORDER BY doc")[0] == (
        "a.txt", date(2019, 3, 1), "sources_csv")
    assert query(db, "SELECT DISTINCT year FROM facts WHERE doc = 'a.txt'") == [(2019,)]

    predicted, errors, _, warnings = extract_folder(nested)
    assert errors == [] and warnings == []
    assert {f.year for f in predicted["a.txt"].facts} == {2019}

    out = tmp_path / "facts.csv"
    assert main(["extract", str(nested), "-o", str(out)]) == 0
    years = {r["year"] for r in csv.DictReader(out.open(encoding="utf-8")) if r["doc"] == "a.txt"}
    assert years == {"2019"}

    docs, warnings = read_documents([nested])
    assert {d.doc: d.published for d in docs} == {"a.txt": date(2019, 3, 1), "b.txt": None}


def test_evaluate_isolates_bad_files_and_extractor_crashes(nested, monkeypatch, fake_extractor):
    write_docs(nested, BAD_FILES)

    def crash_on_b(doc, ref):
        if doc.doc == "b.txt":
            raise ZeroDivisionError("boom")
        return fake_extractor(doc, ref)
    monkeypatch.setattr(etl.core, "extract_document", crash_on_b)
    predicted, errors, grounded, _ = extract_folder(nested)
    assert list(predicted) == ["a.txt"]
    assert grounded == 1.0
    assert len(errors) == len(BAD_FILES) + 1
    for name in [*BAD_FILES, "b.txt"]:
        assert sum(name in e for e in errors) == 1, (name, errors)
    assert any("ZeroDivisionError" in e and "b.txt" in e for e in errors)


def test_process_documents_reports_sources_csv_problems(nested, fake_extractor):
    (nested / "sub" / "sources.csv").write_text(
        "doc,title,url,published\na.txt,甲文,,not a date\n", encoding="utf-8")
    warnings: list[str] = []
    done = list(process_documents([nested], None, warnings))
    assert sorted(d.path.name for d in done) == ["a.txt", "b.txt"]
    assert len(warnings) == 1 and "sources.csv" in warnings[0] and "not a date" in warnings[0]


def test_evaluate_needs_to_be_told_where_the_answers_are(tmp_path, capsys):
    assert main(["evaluate"]) == 2   # neither --gold nor --cases
    assert "--gold" in capsys.readouterr().err
    assert main(["evaluate", "--gold", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_figures_with_no_year_or_no_place_are_left_out_and_said(tmp_path):
    """A page with no date anywhere, or one that never says where it is about, keeps none of its
    figures (none could be cited with its year and place) and says so in the document's warnings,
    which the build lists and the Documents page shows."""
    docs = tmp_path / "docs"
    write_docs(docs, {
        "undated.txt": "平遥县经济运行情况\n今年以来，全县地区生产总值完成56.3亿元，增长5.2%。\n",
        "nowhere.txt": "---\ndate: 2024-07-20\n---\n上半年，我县地区生产总值完成56.3亿元，增长5.2%。\n",
        "dated.txt": "---\ndate: 2024-07-20\n---\n平遥县上半年地区生产总值完成56.3亿元，增长5.2%。\n",
    })
    done = {p.path.name: p for p in process_documents([docs], etl.reference.load_reference())}
    assert [f.value for f in done["dated.txt"].extraction.facts] == [56.3, 5.2]
    assert done["dated.txt"].doc.warnings == []
    for name, reason in (("undated.txt", "no year"), ("nowhere.txt", "which place")):
        assert done[name].extraction.facts == []
        note = next(w for w in done[name].doc.warnings if "not kept" in w)
        assert note.startswith(f"{name}: 2 figure(s) not kept") and reason in note
