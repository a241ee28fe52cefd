"""The Review table's save: edited rows become decisions; bad cells are named, not stored."""
from __future__ import annotations

import pandas as pd

from dashboard.review_edits import table_changes
from etl.review import Vocabulary

VOCAB = Vocabulary.from_frames(
    pd.DataFrame([{"id": "jincheng", "name_zh": "晋城市", "name_en": "Jincheng", "aliases": ""},
                  {"id": "yangquan", "name_zh": "阳泉市", "name_en": "Yangquan", "aliases": ""}]),
    pd.DataFrame([{"id": "gdp", "name_zh": "地区生产总值"}]))


def rows(**changes_by_key) -> pd.DataFrame:
    base = pd.DataFrame([
        {"fact_key": "k1", "decision": "", "quote": "q1", "region_id": "jincheng", "year": 2023.0,
         "period": "FY", "kind": "value", "indicator_id": "gdp", "value": 1234.5, "unit": "亿元",
         "qualifier": "exact", "note": ""},
        {"fact_key": "k2", "decision": "", "quote": "q2", "region_id": "jincheng", "year": 2023.0,
         "period": "FY", "kind": "growth", "indicator_id": None, "value": 5.1, "unit": "%",
         "qualifier": "exact", "note": ""},
    ])
    out = base.copy()
    for key, changes in changes_by_key.items():
        for field, value in changes.items():
            out.loc[out["fact_key"] == key, field] = value
    return base, out


def test_only_changed_cells_become_decisions():
    before, after = rows(k1={"value": 1300.0, "year": 2022.0, "note": "revised"},
                         k2={"decision": "rejected"})
    decisions, problems = table_changes(before, after, VOCAB)
    assert problems == []
    assert decisions == [("k1", {"year": 2022, "value": 1300.0, "note": "revised"}),
                         ("k2", {"status": "rejected"})]


def test_unchanged_table_decides_nothing():
    before, after = rows()
    assert table_changes(before, after, VOCAB) == ([], [])


def test_a_bad_cell_is_named_and_its_row_left_out():
    before, after = rows(k1={"region_id": "火星"}, k2={"value": 6.0})
    decisions, problems = table_changes(before, after, VOCAB)
    assert decisions == [("k2", {"value": 6.0})]
    assert [(key, exc.field, exc.value) for key, exc in problems] == [("k1", "region_id", "火星")]
