"""Helpers shared by the pipeline tests: a fake extractor, small documents, table checksums."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[2]

from etl.models import Extraction, Fact, Policy, Project

# Tables a build writes; `build_info.built_at` and `schema_migrations.applied_at` are the only
# time-dependent values and are left out of checksums.
DATA_TABLES = ["regions", "indicators", "documents", "facts", "projects", "policies",
               "build_errors"]

_MONEY = re.compile(r"(\d+(?:\.\d+)?)亿元")
_TITLE = re.compile(r"《([^》]+)》")
_PROJECT = re.compile(r"“([^”]+)”项目")


class FakeExtractor:
    """Facts for every `<number>亿元`, a policy per 《title》, a project per “name”项目.

    The year is the document's published year when it has one (so sources.csv shows through),
    else 2023; calls are recorded by document name (in-process only).
    """

    def __init__(self):
        self.calls: list[str] = []

    def __call__(self, doc, ref) -> Extraction:
        self.calls.append(doc.doc)
        year = doc.published.year if doc.published else 2023
        ex = Extraction()
        for m in _MONEY.finditer(doc.raw):
            ex.facts.append(Fact(
                region_id="taiyuan", region_name="太原市", year=year, period="FY",
                indicator_id="gdp", indicator_name="地区生产总值", kind="value",
                value=float(m.group(1)), value_high=None, unit="亿元", qualifier="exact",
                quote=m.group(0), start=m.start(), end=m.end(), raw_number=m.group(1),
                raw_unit="亿元", sentence=m.group(0)))
        for m in _TITLE.finditer(doc.raw):
            ex.policies.append(Policy(region_id=None, region_name="某区", year=year,
                                      title=m.group(1), quote=m.group(0), start=m.start(),
                                      end=m.end()))
        for m in _PROJECT.finditer(doc.raw):
            ex.projects.append(Project(region_id="xiaodian", region_name="小店区", year=year,
                                       name=m.group(1), stage="signed", quote=m.group(0),
                                       start=m.start(), end=m.end()))
        return ex


def good_text(i: int) -> str:
    return (f"第{i}号示例文档\n\n　　去年，太原市地区生产总值完成{1000 + i}.15亿元，"
            f"比上年增长{i % 9}.1%。\n\n　　印发《示例政策{i}号》，“示例{i}”项目签约。\n")


def write_docs(folder: Path, docs: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in docs.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


# Files ingest must refuse, with what is wrong with them.
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "undecodable.txt": bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0xC0, 0xC1, 0xF5]) * 300,
}


def table_checksums(db_path: Path) -> dict[str, str]:
    """md5 of each data table dumped in a total order (every column sorted)."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db_path)])
        sums = {}
        for table in DATA_TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE w.{table}").fetchall()]
            order = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f"SELECT * FROM w.{table} ORDER BY {order}").fetchall()
            sums[table] = hashlib.md5(repr(rows).encode("utf-8")).hexdigest()
        info = con.execute("SELECT key, value FROM w.build_info WHERE key <> 'built_at' "
                           "ORDER BY key").fetchall()
        sums["build_info"] = hashlib.md5(repr(info).encode("utf-8")).hexdigest()
        return sums
    finally:
        con.close()


def query(db_path: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db_path)])
        con.execute("USE w")
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()
