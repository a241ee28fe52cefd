"""The extraction cache: unchanged documents are not extracted again; anything that can change
a result (bytes, sources.csv row, EXTRACTOR_VERSION, reference data) invalidates."""
from __future__ import annotations

import dataclasses

import pytest

import etl
from etl.build import build
from tests.pipeline.helpers import BAD_FILES, query, write_docs


def run(docs, tmp_path, ref, **kw):
    return build([docs], tmp_path / "wh.duckdb", ref, jobs=1, cache_dir=tmp_path / "cache",
                 log=lambda line: None, **kw)


def test_second_build_extracts_nothing(good_docs, tmp_path, ref, fake_extractor):
    first = run(good_docs, tmp_path, ref)
    n = len(list(good_docs.iterdir()))
    assert sorted(fake_extractor.calls) == sorted(p.name for p in good_docs.iterdir())
    fake_extractor.calls.clear()
    second = run(good_docs, tmp_path, ref)
    assert fake_extractor.calls == []
    assert (second.cached, second.extracted, second.documents) == (n, 0, n)
    assert (second.facts, second.projects, second.policies) == (
        first.facts, first.projects, first.policies)


def _edit_doc(folder, monkeypatch, ref):
    (folder / "doc01.txt").write_text("改过的文档，完成77.5亿元。", encoding="utf-8")
    return ref, {"doc01.txt"}


def _bump_version(folder, monkeypatch, ref):
    monkeypatch.setattr(etl, "EXTRACTOR_VERSION", etl.EXTRACTOR_VERSION + "-next")
    return ref, {p.name for p in folder.iterdir()}


def _change_reference(folder, monkeypatch, ref):
    regions = ref.regions + ({"id": "test_region", "name_zh": "测试区", "name_en": "",
                              "kind": "district", "parent_id": "taiyuan", "aliases": ""},)
    return dataclasses.replace(ref, regions=regions), {p.name for p in folder.iterdir()}


def _sources_row(folder, monkeypatch, ref):
    (folder / "sources.csv").write_text(
        "doc,title,url,published\ndoc02.txt,新标题,https://example.org/a,2021-05-01\n",
        encoding="utf-8")
    return ref, {"doc02.txt"}


def _add_doc(folder, monkeypatch, ref):
    (folder / "doc99.txt").write_text("新文档，完成3.5亿元。", encoding="utf-8")
    return ref, {"doc99.txt"}


@pytest.mark.parametrize("change", [_edit_doc, _bump_version, _change_reference, _sources_row,
                                    _add_doc], ids=lambda f: f.__name__.strip("_"))
def test_what_invalidates(good_docs, tmp_path, ref, fake_extractor, monkeypatch, change):
    run(good_docs, tmp_path, ref)
    fake_extractor.calls.clear()
    new_ref, expected = change(good_docs, monkeypatch, ref)
    summary = run(good_docs, tmp_path, new_ref)
    assert sorted(fake_extractor.calls) == sorted(expected)
    assert summary.documents == len([p for p in good_docs.iterdir() if p.suffix != ".csv"])


def test_changed_document_gets_its_new_records(good_docs, tmp_path, ref, fake_extractor):
    run(good_docs, tmp_path, ref)
    (good_docs / "doc01.txt").write_text("改过的文档，完成77.5亿元。", encoding="utf-8")
    run(good_docs, tmp_path, ref)
    assert query(tmp_path / "wh.duckdb", "SELECT value FROM facts WHERE doc = 'doc01.txt'") == [
        (77.5,)]


def test_sources_row_reaches_cached_metadata(good_docs, tmp_path, ref, fake_extractor):
    _sources_row(good_docs, None, ref)
    run(good_docs, tmp_path, ref)
    run(good_docs, tmp_path, ref)          # served from the cache
    rows = query(tmp_path / "wh.duckdb", "SELECT title, url, CAST(published AS VARCHAR) "
                 "FROM documents WHERE doc = 'doc02.txt'")
    assert rows == [("新标题", "https://example.org/a", "2021-05-01")]
    assert query(tmp_path / "wh.duckdb",
                 "SELECT DISTINCT year FROM facts WHERE doc = 'doc02.txt'") == [(2021,)]


def test_failures_are_not_cached(good_docs, tmp_path, ref, fake_extractor):
    write_docs(good_docs, BAD_FILES)
    assert len(run(good_docs, tmp_path, ref).errors) == len(BAD_FILES)
    assert len(run(good_docs, tmp_path, ref).errors) == len(BAD_FILES)


def test_no_cache_extracts_everything(good_docs, tmp_path, ref, fake_extractor):
    run(good_docs, tmp_path, ref)
    fake_extractor.calls.clear()
    build([good_docs], tmp_path / "wh.duckdb", ref, jobs=1, cache_dir=None, log=lambda l: None)
    assert len(fake_extractor.calls) == len(list(good_docs.iterdir()))


def test_an_extractor_crash_on_one_document_is_an_error_not_a_failed_build(
        good_docs, tmp_path, ref, fake_extractor, monkeypatch):
    def crashing(doc, ref_):
        if doc.doc == "doc02.txt":
            raise ZeroDivisionError("rule bug")
        return fake_extractor(doc, ref_)
    monkeypatch.setattr(etl.core, "extract_document", crashing)
    summary = run(good_docs, tmp_path, ref)
    assert len(summary.errors) == 1 and "doc02.txt" in summary.errors[0]
    assert "ZeroDivisionError" in summary.errors[0]
    assert summary.documents == len(list(good_docs.iterdir())) - 1


@pytest.mark.parametrize("edited, same", [
    ('def f(x):\n    return x + 1  # why\n', True),          # comment
    ('def f(x):\n    """Doc."""\n    return x + 1\n', True),  # docstring
    ('def f(x):\n    return (x\n            + 1)\n', True),    # formatting
    ('def f(x):\n    return x + 2\n', False),                # behaviour
    ('def f(y):\n    return y + 1\n', False),
])
def test_code_fingerprint_ignores_comments_but_not_code(edited, same):
    from etl.cache import _code_shape
    base = _code_shape('def f(x):\n    return x + 1\n')
    assert (_code_shape(edited) == base) is same


def _age(folder, seconds_ago: int) -> None:
    """Set every file's mtime to the past (a corpus saved a while ago)."""
    import os
    import time
    when = time.time() - seconds_ago
    for p in folder.iterdir():
        os.utime(p, (when, when))


def test_unchanged_old_files_are_not_read_again(good_docs, tmp_path, ref, fake_extractor):
    _age(good_docs, 3600)
    first = run(good_docs, tmp_path, ref)
    n = first.documents
    assert first.hashed == n
    second = run(good_docs, tmp_path, ref)
    assert (second.hashed, second.cached) == (0, n)  # known by size + mtime + inode


def test_a_same_size_edit_with_a_new_mtime_is_seen(good_docs, tmp_path, ref, fake_extractor):
    _age(good_docs, 3600)
    run(good_docs, tmp_path, ref)
    path = good_docs / "doc01.txt"
    data = path.read_bytes()
    path.write_bytes(data.replace("。".encode(), "！".encode(), 1))   # same length
    assert len(path.read_bytes()) == len(data)
    fake_extractor.calls.clear()
    summary = run(good_docs, tmp_path, ref)
    assert summary.hashed == 1 and fake_extractor.calls == ["doc01.txt"]


def test_a_file_hashed_moments_after_an_edit_is_hashed_again(good_docs, tmp_path, ref,
                                                             fake_extractor):
    # mtime too close to the hashing to rule out a second edit in the same timestamp tick.
    # The files are dated after the hashing (not "just written"), so the outcome does not
    # depend on how long the first build takes on a busy machine.
    _age(good_docs, -3600)
    run(good_docs, tmp_path, ref)
    assert run(good_docs, tmp_path, ref).hashed == len(list(good_docs.iterdir()))


def test_code_fingerprint_is_remembered_per_module_bytes(tmp_path, monkeypatch):
    from etl import cache as cache_mod
    with cache_mod.ExtractionCache(tmp_path / "cache") as cache:
        fresh = cache_mod.code_fingerprint(cache)
        assert fresh == cache_mod.code_fingerprint(None)

        def no_parsing(source):
            raise AssertionError("parsed again")
        monkeypatch.setattr(cache_mod, "_code_shape", no_parsing)
        assert cache_mod.code_fingerprint(cache) == fresh


def test_a_damaged_cache_entry_is_a_miss(good_docs, tmp_path, ref, fake_extractor):
    import sqlite3
    first = run(good_docs, tmp_path, ref)
    con = sqlite3.connect(tmp_path / "cache" / "extractions.sqlite")
    with con:
        con.execute("UPDATE results SET value = x'80054b'")   # truncated pickles
    con.close()
    fake_extractor.calls.clear()
    again = run(good_docs, tmp_path, ref)
    assert len(fake_extractor.calls) == first.documents
    assert (again.facts, again.errors) == (first.facts, [])


def _package_copy(tmp_path):
    import shutil
    from etl.cache import PACKAGE_DIR
    copy = tmp_path / "etl"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_code_fingerprint_follows_imports_to_offsets_py(tmp_path):
    # offsets.py is imported by ingest and core but is neither: a hand-kept list missed it
    from etl.cache import code_fingerprint, fingerprinted_modules
    copy = _package_copy(tmp_path)
    assert "etl.offsets" in fingerprinted_modules(copy)
    before = code_fingerprint(None, copy)
    offsets = copy / "offsets.py"
    source = offsets.read_text(encoding="utf-8")
    offsets.write_text(source + "\n# a comment changes nothing\n", encoding="utf-8")
    assert code_fingerprint(None, copy) == before
    edited = source.replace("return source + (i - derived)", "return source + (i - derived) + 1")
    assert edited != source
    offsets.write_text(edited, encoding="utf-8")
    assert code_fingerprint(None, copy) != before


def test_a_module_newly_imported_by_core_joins_the_fingerprint(tmp_path):
    from etl.cache import code_fingerprint, fingerprinted_modules
    copy = _package_copy(tmp_path)
    (copy / "helper_rules.py").write_text("LIMIT = 3\n", encoding="utf-8")
    assert "etl.helper_rules" not in fingerprinted_modules(copy)
    before = code_fingerprint(None, copy)
    facts = copy / "core" / "facts.py"
    facts.write_text(facts.read_text(encoding="utf-8")
                     + "\n\ndef _limit():\n    from ..helper_rules import LIMIT\n    return LIMIT\n",
                     encoding="utf-8")
    assert "etl.helper_rules" in fingerprinted_modules(copy)
    with_import = code_fingerprint(None, copy)
    assert with_import != before
    (copy / "helper_rules.py").write_text("LIMIT = 4\n", encoding="utf-8")
    assert code_fingerprint(None, copy) != with_import


def test_the_dashboard_side_is_not_fingerprinted(tmp_path):
    from etl.cache import fingerprinted_modules
    names = set(fingerprinted_modules())
    assert not {"etl.build", "etl.warehouse", "etl.warehouse.load", "etl.export"} & names
