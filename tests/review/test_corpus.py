"""The corpus only grows on purpose: safe names, clear refusals, nothing else changed."""
from __future__ import annotations

import pytest

from etl import corpus

from .conftest import DOC_A, DOC_B


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ["../../etc/x.txt", "..\\..\\x.txt", "/etc/passwd.txt", "a/b.txt"])
def test_a_name_with_a_folder_is_refused_and_nothing_is_written(checkout, name):
    before = snapshot(checkout)
    intake = corpus.add_documents([(name, DOC_A.encode())])
    assert intake.stored == [] and len(intake.refused) == 1
    assert name in intake.refused[0][1] and "folder" in intake.refused[0][1]
    assert snapshot(checkout) == before
    assert not (checkout.parent / "etc").exists()


def test_binary_and_oversized_files_are_refused_by_name(checkout, monkeypatch):
    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 1000)
    before = snapshot(checkout)
    intake = corpus.add_documents([
        ("photo.txt", bytes(range(256)) * 3),
        ("huge.txt", ("增长" * 1000).encode()),
        ("report.pdf", b"%PDF-1.4"),
        ("empty.txt", b""),
    ])
    messages = dict(intake.refused)
    assert "photo.txt: not a text document" in messages["photo.txt"]
    assert messages["huge.txt"] == "huge.txt: 5.86 KB is more than the limit of 1000 bytes per file"
    assert "report.pdf: not a document type" in messages["report.pdf"]
    assert "empty.txt: not a text document (empty file)" == messages["empty.txt"]
    assert snapshot(checkout) == before


def test_good_files_are_stored_under_safe_unique_names_next_to_refused_ones(checkout):
    (checkout / "data" / "corpus" / "report.txt").write_text("另一份文件。", encoding="utf-8")
    intake = corpus.add_documents([("report.txt", DOC_A.encode()),
                                   ("年度 报告?.TXT", DOC_B.encode() + b"x"),
                                   ("bad.txt", b"\x00\x01\x02\x03" * 50)])
    assert intake.stored == [("report.txt", "report-2.txt"), ("年度 报告?.TXT", "年度_报告.txt")]
    assert [g for g, _ in intake.refused] == ["bad.txt"]
    assert (checkout / "data" / "corpus" / "report-2.txt").read_text(encoding="utf-8") == DOC_A


def test_the_same_document_twice_is_not_copied_again(checkout):
    intake = corpus.add_documents([("again.txt", DOC_B.encode())])   # already in seeds/
    assert intake.stored == [] and intake.existing == [("again.txt", "yangquan.txt")]
    assert not intake.changed


def test_sources_rows_follow_a_renamed_file(checkout):
    (checkout / "data" / "corpus" / "a.txt").write_text("已有文件。", encoding="utf-8")
    sources = ("sources.csv", "doc,title,url,published\na.txt,晋城经济,https://example.org/a,"
                              "2024-01-20\nmissing.txt,无,,\n".encode())
    intake = corpus.add_documents([("a.txt", DOC_A.encode())], sources)
    assert intake.stored == [("a.txt", "a-2.txt")] and intake.sources_rows == 1
    assert intake.messages == ["sources.csv: row for missing.txt ignored: no such file in this upload"]
    text = (checkout / "data" / "corpus" / "sources.csv").read_text(encoding="utf-8")
    assert "a-2.txt,晋城经济,https://example.org/a,2024-01-20" in text


def test_too_many_files_at_once_are_all_refused(checkout, monkeypatch):
    monkeypatch.setattr(corpus, "MAX_FILES", 2)
    intake = corpus.add_documents([(f"d{i}.txt", f"文件{i}。".encode()) for i in range(3)])
    assert intake.stored == [] and len(intake.refused) == 3
    assert "at most 2 files" in intake.refused[0][1]


def test_a_sources_csv_alone_dates_documents_added_earlier(checkout):
    corpus.add_documents([("a.txt", DOC_A.encode())])
    intake = corpus.add_documents([], ("sources.csv", "doc,title,url,published\n"
                                                      "a.txt,晋城经济,,2024-03-01\n".encode()))
    assert intake.changed and intake.sources_rows == 1 and intake.messages == []
    text = (checkout / "data" / "corpus" / "sources.csv").read_text(encoding="utf-8")
    assert "a.txt,晋城经济,,2024-03-01" in text
