"""A tiny invented corpus (no seed text) and helpers to build it the way `make build` does.

Each test works in its own folder laid out like a checkout (seeds/, data/corpus/,
data/warehouse.duckdb); CORPUS_DIR and ETL_CACHE_DIR point into it so nothing touches the repo.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]

DOC_A = ("晋城市2023年国民经济运行情况\n\n"
         "2023年，晋城市地区生产总值完成1234.5亿元，同比增长5.1%。"
         "规模以上工业增加值增长6.2%。全市固定资产投资增长8.3%。\n")
DOC_B = ("阳泉市2022年经济发展回顾\n\n"
         "2022年，阳泉市地区生产总值达到876.4亿元，比上年增长4.2%。\n")


@pytest.fixture()
def checkout(tmp_path, monkeypatch) -> Path:
    """A working folder like a fresh clone: seeds/ with one document, an empty corpus."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "yangquan.txt").write_text(DOC_B, encoding="utf-8")
    (tmp_path / "data" / "corpus").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "data" / "corpus"))
    monkeypatch.setenv("ETL_CACHE_DIR", str(tmp_path / "data" / "cache"))
    monkeypatch.delenv("REVIEWS_DB", raising=False)
    return tmp_path


def etl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m etl ARGS` as a user runs it, in `cwd`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CORPUS_DIR": str(cwd / "data" / "corpus"),
           "ETL_CACHE_DIR": str(cwd / "data" / "cache")}
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
        con.execute("USE w")
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def fact(db: Path, quote_part: str, table: str = "facts") -> dict:
    """The one fact whose quote contains `quote_part`."""
    con = duckdb.connect()
    try:
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(db)])
        df = con.execute(f"SELECT * FROM w.{table} WHERE contains(quote, ?)", [quote_part]).df()
    finally:
        con.close()
    assert len(df) == 1, (quote_part, df[["quote", "kind", "value"]].to_dict("records"))
    return df.iloc[0].to_dict()
