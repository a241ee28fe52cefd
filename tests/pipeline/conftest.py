"""Fixtures for the build orchestration tests: reference data, small corpora, the fake extractor.

Orchestration tests swap the real rules for `FakeExtractor` (monkeypatched onto etl.core) so they
do not depend on what the rules find; end-to-end tests run the real extractor on generated
documents and assert only what holds for any correct extractor.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import etl.core
from etl.reference import load_reference
from tests.pipeline.helpers import FakeExtractor, good_text, write_docs


@pytest.fixture
def fake_extractor(monkeypatch) -> FakeExtractor:
    fake = FakeExtractor()
    monkeypatch.setattr(etl.core, "extract_document", fake)
    return fake


@pytest.fixture(scope="session")
def ref():
    return load_reference()


@pytest.fixture
def good_docs(tmp_path) -> Path:
    """Six small valid documents (one GBK-encoded, one HTML)."""
    docs = {f"doc{i:02d}.txt": good_text(i) for i in range(4)}
    docs["doc04_gbk.txt"] = good_text(4).encode("gbk")
    docs["doc05.html"] = ("<html><head><title>示例</title></head><body><p>"
                          + good_text(5).replace("\n", "</p><p>") + "</p></body></html>")
    return write_docs(tmp_path / "docs", docs)


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory) -> Path:
    """10 documents from scripts/gen_corpus.py (all styles), shared read-only by tests."""
    from scripts.gen_corpus import generate
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 10, seed=11)
    return folder


