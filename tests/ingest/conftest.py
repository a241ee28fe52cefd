"""Shared helpers for ingest tests: test documents are generated here, never committed."""
from __future__ import annotations

from pathlib import Path

import pytest

# Invented sample prose (not from the seeds): simplified and traditional, with figures and units.
SIMPLIFIED = (
    "2023年，示范区完成固定资产投资86.4亿元，同比增长12.5%。\n"
    "新增规模以上工业企业37家，签约项目52个，引进人才1200人。\n"
)
TRADITIONAL = (
    "2023年，示範區完成固定資產投資86.4億元，同比增長12.5%。\n"
    "新增規模以上工業企業37家，簽約項目52個，引進人才1200人。\n"
)
ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture
def write(tmp_path):
    """write(name, content) -> Path; str content is UTF-8 encoded, bytes are written as is."""
    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path
    return _write
