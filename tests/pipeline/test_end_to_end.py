"""The real ingest + extractor on generated documents, through the real command line.

Asserts only what holds for any correct extractor: every document is accounted for, failures
are named, records are grounded in the text they quote, `extract` and `build` agree.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys

import pytest

from etl.ingest import read_document
from tests.pipeline.helpers import BAD_FILES, ROOT, query, write_docs


@pytest.fixture(scope="module")
def built(generated_corpus, tmp_path_factory):
    work = tmp_path_factory.mktemp("e2e")
    docs = shutil.copytree(generated_corpus, work / "docs")
    write_docs(docs, {"broken.txt": BAD_FILES["binary.txt"]})
    db = work / "wh.duckdb"
    proc = subprocess.run(
        [sys.executable, "-m", "etl", "build", "--docs", str(docs), "--db", str(db),
         "--jobs", "2", "--cache-dir", str(work / "cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    return docs, db, proc


def test_cli_build_reports_the_broken_file_and_loads_the_rest(built):
    docs, db, proc = built
    assert proc.returncode == 1, proc.stderr
    errors = [l for l in proc.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and "broken.txt" in errors[0]
    for label in ("documents", "facts", "projects", "policies", "conflicts", "errors",
                  "seconds"):
        assert label in proc.stdout
    good = sorted(p.name for p in docs.iterdir() if p.suffix in {".txt", ".html"}
                  and p.name != "broken.txt")
    assert [d for (d,) in query(db, "SELECT doc FROM documents ORDER BY doc")] == good
    assert query(db, "SELECT path, severity FROM build_errors WHERE severity = 'error'") == [
        (str(docs / "broken.txt"), "error")]


def test_document_metadata(built):
    docs, db, _ = built
    rows = query(db, "SELECT doc, traditional, n_chars, content_hash FROM documents")
    for doc, traditional, n_chars, content_hash in rows:
        assert traditional == ("_trad" in doc), doc
        assert n_chars > 500 and len(content_hash) == 64


@pytest.mark.parametrize("table, label", [("facts", "quote"), ("projects", "quote"),
                                          ("policies", "quote")])
def test_every_record_quotes_its_document(built, table, label):
    docs, db, _ = built
    raws = {}
    for doc, start, end, quote in query(db, f'SELECT doc, "start", "end", {label} FROM {table}'):
        if doc not in raws:
            raws[doc] = read_document(docs / doc).raw
        assert raws[doc][start:end] == quote, (doc, start, end)


def test_extract_and_build_agree(built, tmp_path):
    docs, db, _ = built
    out = tmp_path / "facts.csv"
    proc = subprocess.run([sys.executable, "-m", "etl", "extract", str(docs), "-o", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "broken.txt" in proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == query(db, "SELECT count(*) FROM facts")[0][0]
    got = sorted((r["doc"], int(r["start"]), int(r["end"])) for r in rows)
    assert got == sorted(query(db, 'SELECT doc, "start", "end" FROM facts'))
