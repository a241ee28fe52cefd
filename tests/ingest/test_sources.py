from __future__ import annotations

from datetime import date

from etl.ingest import SourceRow, discover, read_document, read_documents, read_sources_csv

from .conftest import SIMPLIFIED


def test_discover_folders_recursively_sorted_and_filtered(write, tmp_path):
    for name in ("b.txt", "a.md", "sub/c.html", "sub/d.htm", "sub/deeper/e.TXT", "sources.csv",
                 ".hidden.txt", ".git/x.txt", "notes.pdf", "data.json"):
        write(name, SIMPLIFIED)
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md", "b.txt", "sub/c.html", "sub/d.htm", "sub/deeper/e.TXT"]


def test_discover_single_files_and_duplicates(write, tmp_path):
    a = write("a.txt", SIMPLIFIED)
    write("sources.csv", "doc\n")
    assert discover([a, str(a), tmp_path / "sources.csv", tmp_path / "missing.txt"]) == [a]


def test_sources_csv_rows_and_warnings(write, tmp_path):
    write("a.txt", SIMPLIFIED)
    write("b.txt", SIMPLIFIED)
    write("c.txt", SIMPLIFIED)
    write("sources.csv",
          "doc,title,url,published,publisher\n"
          "a.txt,甲文,http://x.cn/a,2023-05-06,某报\n"
          "b.txt,乙文,http://x.cn/b,2023-13-45,\n"
          "gone.txt,丙文,,2023-01-01,\n"
          "c.txt,丁文\n"
          "a.txt,重复,,,\n"
          ",,,,\n")
    rows, warnings = read_sources_csv(tmp_path)
    assert rows["a.txt"] == SourceRow("a.txt", "甲文", "http://x.cn/a", date(2023, 5, 6), "某报")
    assert rows["b.txt"].published is None
    assert rows["c.txt"].title == "丁文" and rows["c.txt"].url is None
    assert "gone.txt" not in rows
    text = "\n".join(warnings)
    assert all("sources.csv" in w for w in warnings)
    assert "line 3 (b.txt): bad published date '2023-13-45'" in text
    assert "line 4: gone.txt does not exist" in text
    assert "line 5 (c.txt): missing value(s) for url, published" in text
    assert "line 6: duplicate row for a.txt" in text
    assert len(warnings) == 4


def test_sources_csv_missing_columns_and_gbk(write, tmp_path):
    write("a.txt", SIMPLIFIED)
    write("sources.csv", "doc,标题\na.txt,甲文\n".encode("gbk"))
    rows, warnings = read_sources_csv(tmp_path)
    assert list(rows) == ["a.txt"]
    assert any("sources.csv" in w and "missing column(s) title, url, published" in w for w in warnings)


def test_sources_csv_without_doc_column_or_absent(write, tmp_path):
    assert read_sources_csv(tmp_path) == ({}, [])
    write("sources.csv", "name,title\nx,y\n")
    rows, warnings = read_sources_csv(tmp_path)
    assert rows == {} and "doc" in warnings[0]


def test_sources_csv_overrides_metadata(write, tmp_path):
    path = write("a.txt", "---\ntitle: 前言标题\ndate: 2020-01-02\n---\n" + SIMPLIFIED)
    row = SourceRow("a.txt", "表格标题", "http://x.cn/2019/07/28/a.html", date(2023, 5, 6), "某报")
    doc = read_document(path, row)
    assert (doc.title, doc.url, doc.publisher, doc.published, doc.date_rule) == (
        "表格标题", row.url, "某报", date(2023, 5, 6), "sources_csv")


def test_read_documents_batch_collects_errors(write, tmp_path):
    write("a.txt", SIMPLIFIED)
    write("empty.txt", b"")
    write("sources.csv", "doc,title,url,published\na.txt,甲文,,2023-05-06\n")
    docs, warnings = read_documents([tmp_path])
    assert [d.doc for d in docs] == ["a.txt"]
    assert docs[0].date_rule == "sources_csv" and docs[0].title == "甲文"
    assert any("empty.txt" in w and "empty" in w for w in warnings)
