"""Time markers and region mentions, table-driven."""
from datetime import date

import pytest

from etl.core.regions import gazetteer_for
from etl.core.timeframe import time_markers
from etl.reference import load_reference

DOC_DATE = date(2024, 1, 15)


@pytest.mark.parametrize("text,year,period", [
    ("2021年,全区GDP", 2021, "FY"),
    ("去年,全区GDP", 2023, "FY"),
    ("今年全区GDP", 2024, "FY"),
    ("明年力争", 2025, "FY"),
    ("一年来,全区", 2023, "FY"),
    ("目前拥有", 2024, "FY"),
    ("到“十四五”末,打造", 2025, "FY"),
    ("2022年前5个月,增长", 2022, "YTD-05"),
    ("2022年上半年", 2022, "YTD-06"),
    ("2022年前三季度", 2022, "YTD-09"),
    ("2022年一季度", 2022, "YTD-03"),
    ("2022年1-11月", 2022, "YTD-11"),
    ("截至10月底", 2023, "YTD-10"),   # in a January text: last year's October
])
def test_time_markers(text, year, period):
    markers = time_markers(text, DOC_DATE)
    years = [m.year for m in markers if m.year is not None]
    periods = [m.period for m in markers if m.period is not None]
    assert (years[-1] if years else None) == year
    assert (periods[-1] if periods else "FY") == period


@pytest.mark.parametrize("text", [
    "到“十四五”末", "至十五五期末", "“十四五”末", "2023年", "2023-05", "去年", "上年", "上一年",
    "今年", "本年", "年内", "当年内", "明年", "下一年", "一年来", "过去一年", "过去的一年",
    "回顾2023年", "截至目前", "截止目前", "目前", "当前", "现有", "现已", "至今", "如今", "正在",
    "前5个月", "1-11月", "1～8月", "1至9月", "一至十月", "上半年", "前三季度", "1-3季度", "一季度",
    "第一季度", "1季度", "截至10月底", "2023年10月底",
])
def test_every_marker_form_is_found_where_it_starts(text):
    # MARKER_RE is guarded by a lookahead on its branches' first characters: each form must pass it
    markers = time_markers("，" + text + "，", DOC_DATE)
    assert markers and markers[0].start == 1


@pytest.fixture(scope="module")
def gaz():
    return gazetteer_for(load_reference())


@pytest.mark.parametrize("text,expected", [
    ("山西省太原市小店区区长", ["shanxi", "taiyuan", "xiaodian"]),
    ("综改区晋中开发区先后开展", ["jinzhong_dev_zone"]),
    ("该区(太原区)正成为", ["district", "taixin_taiyuan"]),
    ("介休经济技术开发区和清徐县", ["介休经济技术开发区", "清徐县"]),
    ("平遥经济开发区新签约", ["平遥经济开发区"]),          # a zone not in the gazetteer keeps its name
    ("太原地区生产总值", ["taiyuan"]),
    ("太忻一体化经济区（太原区）", ["taixin_taiyuan"]),
])
def test_region_mentions(gaz, text, expected):
    from etl.core.textnorm import normalize
    norm = normalize(text).text
    got = [m.region.id or m.region.name if m.region else m.anaphor_kind for m in gaz.find(norm)]
    assert got == expected


def test_the_walkers_sentence_filter_lets_every_extractor_cue_through():
    # etl.core skips sentences its guarded filter does not match: every cue must pass it
    from etl.core import _WORTH_EXTRACTING
    from etl.core.projects import PROJECT_HINT
    cues = PROJECT_HINT.pattern.split("|") + ["《规划》", "0", "5", "9"]
    cues += [n + "个" for n in "零〇一二两三四五六七八九十百千万亿"] + ["位列第三", "进入前十"]
    for cue in cues:
        assert _WORTH_EXTRACTING.search("，" + cue), cue
