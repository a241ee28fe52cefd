from __future__ import annotations

import codecs

import pytest

from etl.ingest import IngestError, looks_traditional, read_document
from etl.ingest.encoding import decode_bytes

from .conftest import SIMPLIFIED, TRADITIONAL


@pytest.mark.parametrize("text, encode, expected", [
    (SIMPLIFIED, lambda s: s.encode("utf-8"), "utf-8"),
    (SIMPLIFIED, lambda s: codecs.BOM_UTF8 + s.encode("utf-8"), "utf-8"),
    (SIMPLIFIED, lambda s: s.encode("gbk"), "gb18030"),
    (SIMPLIFIED, lambda s: s.encode("gb18030"), "gb18030"),
    (SIMPLIFIED + "𠀀欧元€\n", lambda s: s.encode("gb18030"), "gb18030"),  # 4-byte GB18030 sequences
    (TRADITIONAL, lambda s: s.encode("big5"), "big5hkscs"),
    (SIMPLIFIED, lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"), "utf-16-le"),
    (SIMPLIFIED, lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"), "utf-16-be"),
    (SIMPLIFIED, lambda s: s.encode("utf-16-le"), "utf-16-le"),
    (SIMPLIFIED, lambda s: s.encode("utf-16-be"), "utf-16-be"),
    (TRADITIONAL, lambda s: s.encode("utf-16-le"), "utf-16-le"),
    (SIMPLIFIED, lambda s: codecs.BOM_UTF32_LE + s.encode("utf-32-le"), "utf-32-le"),
], ids=["utf8", "utf8-bom", "gbk", "gb18030", "gb18030-4byte", "big5", "utf16le-bom",
        "utf16be-bom", "utf16le", "utf16be", "utf16le-trad", "utf32le-bom"])
def test_each_encoding_decodes_back_to_the_same_text(write, text, encode, expected):
    doc = read_document(write("doc.txt", encode(text)))
    assert doc.raw == text
    assert doc.encoding == expected
    assert doc.warnings == []
    assert doc.text == text.strip()


def test_crlf_is_normalised_before_anything_else(write):
    doc = read_document(write("crlf.txt", SIMPLIFIED.replace("\n", "\r\n").encode("gbk")))
    assert "\r" not in doc.raw and doc.raw == SIMPLIFIED


def test_content_hash_is_of_the_raw_bytes(write):
    import hashlib
    data = SIMPLIFIED.encode("gbk")
    doc = read_document(write("h.txt", data))
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.doc == "h.txt" and doc.path.endswith("h.txt")


def test_mostly_utf8_with_broken_bytes_is_kept_with_warning(write):
    data = SIMPLIFIED.encode("utf-8") + b"\xff\xfe\xc3" + ("其余部分" * 20).encode("utf-8")
    doc = read_document(write("mixed.txt", data))
    assert doc.encoding == "utf-8"
    assert "\ufffd" in doc.raw and doc.raw.startswith(SIMPLIFIED)
    assert any("mixed.txt" in w and "invalid byte" in w for w in doc.warnings)


def test_gbk_with_invalid_sequence_is_replaced_with_warning(write):
    data = SIMPLIFIED.encode("gbk") * 5 + b"\x81\x7f" + SIMPLIFIED.encode("gbk")
    doc = read_document(write("gbk_bad.txt", data))
    assert doc.encoding == "gb18030"
    assert SIMPLIFIED in doc.raw
    assert any("gbk_bad.txt" in w and "replaced" in w for w in doc.warnings)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", "\u200b\ufeff \n".encode("utf-8"),
                                     codecs.BOM_UTF8])
def test_empty_files_raise_naming_the_file(write, content):
    path = write("empty.txt", content)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert "empty" in str(err.value) and "empty.txt" in str(err.value)
    assert err.value.path == str(path)


@pytest.mark.parametrize("content", [
    bytes(range(256)) * 40,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(1000),
    b"PK\x03\x04" + bytes([7, 0, 1, 2, 3, 250, 17, 0]) * 300,
])
def test_binary_content_raises_naming_the_file(write, content):
    path = write("picture.txt", content)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value).startswith(str(path))
    assert "not text" in str(err.value)


def test_unreadable_path_raises_ingest_error(tmp_path):
    with pytest.raises(IngestError) as err:
        read_document(tmp_path / "missing.txt")
    assert "missing.txt" in str(err.value)


def test_decode_bytes_sample_is_not_confused_by_a_cut_character():
    # A GBK file larger than the detector's sample, cut mid-character at the sample boundary.
    data = ("区" + SIMPLIFIED).encode("gbk") * 3000
    decoded = decode_bytes(data, "big.txt")
    assert decoded.encoding == "gb18030" and decoded.warnings == []


def test_50mb_file_reads_completely(tmp_path):
    line = "第{}行：示范区新增企业37家，完成投资86.4亿元，同比增长12.5%。\n"
    block = "".join(line.format(i) for i in range(1000))
    data = block.encode("utf-8")
    path = tmp_path / "big.txt"
    with open(path, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(data) + 1):
            fh.write(data)
    doc = read_document(path)
    assert len(doc.raw.encode("utf-8")) == path.stat().st_size >= 50 * 1024 * 1024
    assert doc.encoding == "utf-8"
    # Lines repeat every 1000, so later copies are dropped as duplicates; the first block stays.
    assert doc.text == block.strip()


def test_one_5mb_line_in_gbk(tmp_path):
    sentence = "示范区新增企业37家，完成投资86.4亿元，同比增长12.5%。"
    text = sentence * (5 * 1024 * 1024 // len(sentence.encode("gbk")) + 1)
    path = tmp_path / "one_line.txt"
    path.write_bytes(text.encode("gbk"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.raw == text and doc.text == text and doc.text_map == [(0, 0)]


@pytest.mark.parametrize("text, expected", [
    (TRADITIONAL * 3, True),
    (SIMPLIFIED * 3, False),
    ("Annual report 2023", False),
])
def test_looks_traditional(text, expected):
    assert looks_traditional(text) is expected
