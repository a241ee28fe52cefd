from __future__ import annotations

from datetime import date, datetime

import pytest

from etl.ingest import dates


@pytest.mark.parametrize("value, expected", [
    ("Sat, 25 Jun 2022 12:52:41 GMT", date(2022, 6, 25)),
    ("Mon, 1 Jan 2024 23:59:00 +0800", date(2024, 1, 1)),
    ("2022-06-25", date(2022, 6, 25)),
    ("2022/6/5", date(2022, 6, 5)),
    ("2022.06.25 08:00", date(2022, 6, 25)),
    ("2022年6月25日", date(2022, 6, 25)),
    ("20191022", date(2019, 10, 22)),
    (date(2021, 3, 4), date(2021, 3, 4)),
    (datetime(2021, 3, 4, 5, 6), date(2021, 3, 4)),
    ("2022-13-45", None),
    ("1899-01-01", None),
    ("2099-01-01", None),
    ("yesterday", None),
    ("", None),
    (None, None),
    (12345, None),
])
def test_parse_date_value(value, expected):
    assert dates.parse_date_value(value) == expected


@pytest.mark.parametrize("text, year, expected", [
    ("标题\n2022年08月06日 12:08 - 来源:某日报\n正文", None, date(2022, 8, 6)),
    ("标题\n发布时间：2023-03-09\n正文", None, date(2023, 3, 9)),
    ("标题\n2021-07-28 09:30:00\n正文", None, date(2021, 7, 28)),
    ("标题\n2020年5月1日\n正文", None, date(2020, 5, 1)),
    ("中新网太原6月25日电 （记者）正文。", 2022, date(2022, 6, 25)),
    ("新华社北京3月5日电 政府工作报告。", 2024, date(2024, 3, 5)),
    ("中新网太原6月25日电 正文。", None, None),            # no year known: no guess
    ("从2021年12月29日揭牌，到目前100多个项目开工，规划蓝图逐步变成现实。", None, None),  # in prose
    ("标题\n2022年02月30日 10:00\n", None, None),           # impossible date
    ("标题\n1985年5月1日\n", None, None),                   # implausible year
])
def test_find_dateline(text, year, expected):
    assert dates.find_dateline(text, year) == expected


def test_labelled_date_beats_a_later_timed_one():
    text = "发布日期：2023-01-05\n更新于 2023-02-01 10:00\n"
    assert dates.find_dateline(text) == date(2023, 1, 5)


@pytest.mark.parametrize("url, expected", [
    ("http://www.example.gov.cn/xwzx/201910/t20191022_123.html", date(2019, 10, 22)),
    ("https://news.example.com/2019/07/28/abc.html", date(2019, 7, 28)),
    ("https://news.example.com/a/2019-07-28/abc.html", date(2019, 7, 28)),
    ("http://www.example.cn/2022-06/25/c_1128773.htm", date(2022, 6, 25)),
    ("https://example.com/news/20210315/12.html", date(2021, 3, 15)),
    ("https://example.com/article/123456.html", None),
    ("http://news.example.com/21/0615/88.html", None),    # /YY/MMDD/: too often an id
    ("http://site.example.cn/zixun/2022/0815/77.html", date(2022, 8, 15)),   # /YYYY/MMDD/
    ("http://news.example.cn/html/.xw.202305t20230512_4411.html", date(2023, 5, 12)),
    ("http://news.example.com/21/1399/88.html", None),
    ("http://news.example.com/item/55/0615/88.html", None),            # 2055: no year
    ("https://example.com/2019/13/45/x.html", None),
    ("", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert dates.date_from_url(url) == expected


@pytest.mark.parametrize("text, expected", [
    # Reviews 2023, plans 2024 -> the report is from early 2024.
    ("2023年是关键之年。一年来，全区完成投资86亿元。\n2024年，全区将重点抓好六项工作。", date(2024, 1, 1)),
    ("去年，2022年全区地区生产总值增长5%。2023年力争增长6%。", date(2023, 1, 1)),
    # Only looks back on 2021.
    ("回顾过去一年，2021年全区新增企业37家，2020年为30家。", date(2021, 12, 31)),
    # Years without review or plan words: no guess.
    ("2021年全区新增企业37家。", None),
    # A far target is not a plan for next year.
    ("一年来成绩显著，2022年增长5%。到2035年，基本实现现代化目标。", date(2022, 12, 31)),
    ("没有任何年份的文字。", None),
    ("1985年回顾：一年来变化很大。", None),
])
def test_date_from_content(text, expected):
    assert dates.date_from_content(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2021年完成投资，2022年初发布方案。到2035年将实现目标。", 2022),
    ("到2025年将实现目标。", 2025),
    ("没有年份", None),
])
def test_year_hint(text, expected):
    assert dates.year_hint(text) == expected


@pytest.mark.parametrize("title, expected", [
    ("某市2017年1-4月经济运行简况", date(2017, 12, 31)),
    ("2019年某县政府工作报告", date(2019, 12, 31)),
    ("某市国民经济和社会发展第十四个五年规划（2021-2025年）", None),   # a span
    ("到2035年基本实现现代化", None),                                   # a horizon
    ("2022年与2023年对比", None),                                       # two years
    ("上半年经济运行情况", None),
])
def test_date_from_title(title, expected):
    assert dates.date_from_title(title) == expected


@pytest.mark.parametrize("text, expected", [
    ("这是该集团在“十四五”开局之年的首个重大项目。", (date(2021, 6, 30), "body_plan_year")),
    ("全市上下奋力夺取“十三五”收官之战的胜利。", (date(2020, 6, 30), "body_plan_year")),
    ("上半年增长7.9%，以2019年同期为基期，两年平均增长5.3%。", None),   # a base dates no text
    ("预计到2023年，全县接待游客可达200万人次。", None),                # nor a year looked forward to
    ("2020年工业投资占全市投资比重为41.3%，今年以来保持增长。", (date(2021, 3, 31), "body_completed_year")),
])
def test_date_from_body_ignores_bases_and_forecasts(text, expected):
    assert dates.date_from_body(text) == expected
