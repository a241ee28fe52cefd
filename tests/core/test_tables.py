"""Tables flattened to rows of cells: a header says what each column holds."""
from datetime import date

import pytest

from etl.core import extract_text
from etl.core.indicators import codebook_for
from etl.core.tables import find_tables, header_unit
from etl.ingest.boilerplate import is_nav_line
from etl.reference import load_reference

REF = load_reference()


@pytest.mark.parametrize("written, expected", [
    ("亿元", ("亿元", 1.0)), ("万元", ("亿元", 1e-4)), ("%", ("%", 1.0)), ("万吨", ("吨", 1e4)),
    ("亿千瓦时", ("千瓦时", 1e8)), ("千公顷", ("亩", 15000.0)), ("个", ("个", 1.0)),
    ("某某", None),
])
def test_header_units(written, expected):
    got = header_unit(written)
    assert (got is None and expected is None) or (got[0] == expected[0] and got[1] == pytest.approx(expected[1]))


def test_only_rows_under_a_header_of_the_same_width_are_data():
    text = "县区 | 地区生产总值(亿元) | 增速(%)\n城区 | 98.6 | 5.3\n说明文字\n孤立 | 1 | 2"
    rows = find_tables(text, codebook_for(REF))
    assert list(rows) == [text.index("城区")]
    assert [c.kind for c in rows[text.index("城区")]] == ["value", "value", "growth"]


def _facts(text):
    found = extract_text(text, REF, date(2024, 3, 10), "2023年晋城市县域经济运行分析")
    for f in found.facts:   # the row is the quote: every figure is grounded in it
        assert f.quote == text[f.start:f.end] and "|" in f.quote and f.raw_number in f.quote
    return sorted(((f.region_name, f.year, f.indicator_id, f.kind, f.value, f.unit, f.raw_number)
                   for f in found.facts), key=str)


def test_region_rows_give_each_place_its_figures_and_ranks():
    text = ("表1 2023年各县(市、区)主要指标\n"
            "县(市、区) | 地区生产总值(亿元) | 增速(%) | 位次\n"
            "全市 | 1887.6 | 5.0 | —\n"
            "泽州县 | 356.2 | 6.1 | 1\n"
            "阳城县 | 298.4 | 4.3 | 3")
    assert _facts(text) == sorted([
        ("晋城市", 2023, "gdp", "value", 1887.6, "亿元", "1887.6"),
        ("晋城市", 2023, "gdp", "growth", 5.0, "%", "5.0"),
        ("泽州县", 2023, "gdp", "value", 356.2, "亿元", "356.2"),
        ("泽州县", 2023, "gdp", "growth", 6.1, "%", "6.1"),
        ("泽州县", 2023, None, "rank", 1.0, "位", "1"),
        ("阳城县", 2023, "gdp", "value", 298.4, "亿元", "298.4"),
        ("阳城县", 2023, "gdp", "growth", 4.3, "%", "4.3"),
        ("阳城县", 2023, None, "rank", 3.0, "位", "3"),
    ], key=str)


def test_indicator_rows_are_about_the_subject_with_the_row_unit():
    text = ("2023年晋城市主要经济指标\n"
            "指标 | 绝对值 | 比上年增长(%)\n"
            "规模以上工业增加值(万元) | 6543210 | 6.2")
    assert _facts(text) == sorted([
        ("晋城市", 2023, "industrial_value_added", "growth", 6.2, "%", "6.2"),
        ("晋城市", 2023, "industrial_value_added", "value", 654.321, "亿元", "6543210"),
    ], key=str)


@pytest.mark.parametrize("line, nav", [
    ("城区 | 98.62 | 5.3 | 2", False),                       # a data row
    ("县区 | 地区生产总值(亿元) | 增速(%) | 增速位次", False),  # its header
    ("首页 | 新闻 | 政务 | 服务 | 互动", True),                 # a menu
])
def test_table_rows_are_not_menus(line, nav):
    assert is_nav_line(line) is nav


def test_year_columns_and_a_unit_column():
    text = ("2023年晋城市主要经济指标\n"
            "表2 主要指标(单位:亿元)\n"
            "指标 | 2022年 | 2023年 | 增长(%)\n"
            "地区生产总值 | 1808.4 | 1887.6 | 5.0\n"
            "说明\n"
            "指标 | 单位 | 绝对值 | 比上年增长(%)\n"
            "粮食总产量 | 万吨 | 35.6 | 2.1")
    assert _facts(text) == sorted([
        ("晋城市", 2022, "gdp", "value", 1808.4, "亿元", "1808.4"),
        ("晋城市", 2023, "gdp", "value", 1887.6, "亿元", "1887.6"),
        ("晋城市", 2023, "gdp", "growth", 5.0, "%", "5.0"),
        ("晋城市", 2023, "grain_output", "value", 356000.0, "吨", "35.6"),
        ("晋城市", 2023, "grain_output", "growth", 2.1, "%", "2.1"),
    ], key=str)
