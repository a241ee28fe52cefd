from __future__ import annotations

from datetime import date

import pytest

from etl.ingest import read_document, to_raw
from etl.ingest.boilerplate import is_boilerplate
from etl.ingest.reader import build_text
from etl.ingest.textmap import map_offset

from .conftest import SEEDS, SIMPLIFIED


def assert_map_consistent(doc) -> None:
    """Every copied character of doc.text points at the same character in doc.raw."""
    cleaned = build_text(doc.raw, doc.doc, doc.doc.endswith((".html", ".htm")))[2]
    assert cleaned.text == doc.text and cleaned.map == doc.text_map
    for a, z in cleaned.copied_spans():
        assert doc.raw[slice(*to_raw(doc.text_map, a, z))] == doc.text[a:z]
        for i in range(a, z):
            assert doc.raw[map_offset(doc.text_map, i)] == doc.text[i]


FRONT = """
---
title: '示范区年度报告'
categories:
 - 经济
 - 开发区
author: 某报
date: Sat, 25 Jun 2022 12:52:41 GMT
url: http://example.cn/2019/07/28/a.html
---

2021年，示范区完成投资86.4亿元。
"""


def test_front_matter_fills_metadata_and_leaves_raw_alone(write):
    doc = read_document(write("fm.txt", FRONT))
    assert doc.raw == FRONT
    assert doc.text == "2021年，示范区完成投资86.4亿元。"
    assert (doc.title, doc.author, doc.categories) == ("示范区年度报告", "某报", ["经济", "开发区"])
    assert (doc.published, doc.date_rule) == (date(2022, 6, 25), "front_matter")
    assert doc.url == "http://example.cn/2019/07/28/a.html"
    assert doc.warnings == []
    assert_map_consistent(doc)


@pytest.mark.parametrize("front, date_value, rule", [
    ("date: 2022-06-25\ncategories: 经济, 开发区", date(2022, 6, 25), "front_matter"),
    ("date: 2022-06-25 08:00:00", date(2022, 6, 25), "front_matter"),
    ("date: '2022年6月25日'", date(2022, 6, 25), "front_matter"),
    ("url: http://example.cn/2019/07/28/a.html", date(2019, 7, 28), "url"),
])
def test_front_matter_dates(write, front, date_value, rule):
    doc = read_document(write("fm.md", f"---\n{front}\n---\n{SIMPLIFIED}"))
    assert (doc.published, doc.date_rule) == (date_value, rule)


@pytest.mark.parametrize("front", [
    "title: [unclosed\ndate: 2022-06-25",
    "title: a\n  bad: indent: here",
    "date: 2022-13-45",             # yaml's own timestamp parser raises ValueError
    "- just\n- a list",
    "!!python/object/apply:os.system ['echo hacked']",
])
def test_bad_yaml_warns_and_drops_block(write, front):
    doc = read_document(write("bad.txt", f"---\n{front}\n---\n{SIMPLIFIED}"))
    assert doc.text == SIMPLIFIED.strip()
    assert any(w.startswith("bad.txt: ") and "front matter" in w for w in doc.warnings)
    assert doc.title != "a" and doc.date_rule != "front_matter"


def test_unterminated_front_matter_is_kept_as_text(write):
    doc = read_document(write("open.txt", "---\ntitle: x\n" + SIMPLIFIED))
    assert "title: x" in doc.text
    assert any("no closing" in w for w in doc.warnings)


def test_front_matter_date_not_understood_falls_back(write):
    doc = read_document(write("d.txt", "---\ndate: someday\n---\n标题\n2023年3月9日 10:00\n正文"))
    assert (doc.published, doc.date_rule) == (date(2023, 3, 9), "dateline")
    assert any("someday" in w for w in doc.warnings)


def test_zero_width_characters_are_removed_from_text_only(write):
    content = "\ufeff示范\u200b区投\u200d资86.4\u2060亿元\u200f。\n\u200b\n第二\u200e行\u200c\n"
    doc = read_document(write("zw.txt", content))
    assert doc.text == "示范区投资86.4亿元。\n第二行"
    assert "\u200b" in doc.raw and not doc.raw.startswith("\ufeff")
    start, end = to_raw(doc.text_map, 0, 5)          # "示范区投资"
    assert doc.raw[start:end] == "示范\u200b区投\u200d资"  # the raw quote keeps zero-width chars
    assert_map_consistent(doc)


PLAIN = """首页|新闻|政务|服务|互动|专题
https://www.example.cn/news/1.html
示范区年度报告
2023年，示范区完成投资86.4亿元，同比增长12.5%。
新增企业37家|签约项目52个|引进人才1200人|投资增长12.5%|完成86.4亿元
版权所有：某某网 京ICP备12345678号-1
京公网安备 11000002000001号
未经授权禁止转载、摘编、复制及建立镜像。
责任编辑：张三
免责声明：本网转载文章仅供参考，不代表本网观点。
广告
2023年，示范区完成投资86.4亿元，同比增长12.5%。
本网版权合作方式：凡注明来源的作品，2023年版权交易额达到12.5亿元，同比增长8%，带动就业1200人。
"""


def test_plain_text_boilerplate_is_dropped(write):
    doc = read_document(write("plain.txt", PLAIN))
    assert doc.text.split("\n") == [
        "示范区年度报告",
        "2023年，示范区完成投资86.4亿元，同比增长12.5%。",
        "新增企业37家|签约项目52个|引进人才1200人|投资增长12.5%|完成86.4亿元",
        "本网版权合作方式：凡注明来源的作品，2023年版权交易额达到12.5亿元，同比增长8%，带动就业1200人。",
    ]
    assert doc.title == "示范区年度报告"
    assert_map_consistent(doc)


@pytest.mark.parametrize("line, junk", [
    ("京ICP证040655号", True),
    ("ICP 12345678", True),
    ("晋公網安備 14010502000123號", True),
    ("增值电信业务经营许可证：晋B2-20100001", True),
    ("信息网络传播视听节目许可证：1402345", True),
    ("互联网新闻信息服务许可证：14120170001", True),
    ("违法和不良信息举报电话：0351-1234567", True),
    ("举报邮箱：jubao@example.cn", True),
    ("版權所有 某某網", True),
    ("all rights reserved.", True),
    ("未经本网书面授权不得转载", True),
    ("禁止转载", True),
    ("严禁转载、摘编", True),
    ("转载请务经书面授权", True),
    ("违者必依法追究责任", True),
    ("本文仅代表作者本人，不代表本网观点", True),
    ("[京公网安备 11000002003042号]", True),
    ("Copyright © 2023 Example. All Rights Reserved", True),
    ("责任编辑：李四", True),
    ("关于我们| About us| 联系我们| 广告服务| 网站地图", True),
    ("| 留言反馈", True),
    ("![]() |", True),
    ("中国政府网 | 山西省人民政府 | 某市人民政府", True),
    ("山西省人民政府门户网站｜某县政府网", True),
    ("某县人民政府 | 地区生产总值 | 85.2", False),
    ("has-portrait", True),
    ("010020100020000000000000011200000000000000", True),
    ("www.example.com/a", True),
    ("免责声明：" + "本站转载文章仅供参考。" * 30, True),
    ("2023年，全区新增企业37家，完成投资86.4亿元，同比增长12.5%。", False),
    ("全区首次突破5000亿元", False),
    ("编辑部主任表示，将持续推进改革。", False),
    ("项目建设一路高歌 |", False),
    ("1", False),
])
def test_is_boilerplate(line, junk):
    assert is_boilerplate(line) is junk


def test_url_and_content_date_rules(write, tmp_path):
    from etl.ingest import SourceRow
    path = write("u.txt", "标题\n" + SIMPLIFIED)
    doc = read_document(path, SourceRow("u.txt", url="http://x.gov.cn/201910/t20191022_1.html"))
    assert (doc.published, doc.date_rule) == (date(2019, 10, 22), "url")
    doc = read_document(write("n.txt", "没有日期的短文。\n"))
    assert (doc.published, doc.date_rule) == (None, "none")


def test_agency_dateline_takes_year_from_text(write):
    doc = read_document(write("a.txt", "新华社太原3月5日电 2023年全区完成投资86.4亿元。\n"))
    assert (doc.published, doc.date_rule) == (date(2023, 3, 5), "dateline")


# --- the real seed documents -------------------------------------------------------------

def seed(prefix: str):
    (path,) = SEEDS.glob(prefix + "_*.txt")
    return read_document(path)


def test_seed_front_matter_html():
    doc = seed("000")
    assert doc.title and doc.title.startswith("山西唯一")
    assert (doc.published, doc.date_rule) == (date(2022, 6, 25), "front_matter")
    assert doc.categories and doc.author
    for junk in ("<p", "appendQr", "<div", "<!--", "责任编辑", "---", "title:", "&#123;", "img_wrapper"):
        assert junk not in doc.text, junk
    assert doc.text.startswith("中新网太原6月25日电")
    assert "1425.15亿元" in doc.text
    assert doc.warnings == []
    assert_map_consistent(doc)


def test_seed_dateline():
    doc = seed("003")
    assert (doc.published, doc.date_rule) == (date(2022, 8, 6), "dateline")
    assert doc.title == "“一群两区三圈”集聚高质量发展新动能"
    for junk in ("ICP", "公网安备", "未经授权", "关于我们", "无标题文档", "留言反馈", "中新网|"):
        assert junk not in doc.text, junk
    assert doc.text.count("“一群两区三圈”集聚高质量发展新动能") == 1
    assert_map_consistent(doc)


@pytest.mark.parametrize("prefix, published", [("001", date(2022, 1, 1)), ("002", date(2024, 1, 1))])
def test_seed_work_reports_dated_by_content(prefix, published):
    doc = seed(prefix)
    assert (doc.published, doc.date_rule) == (published, "content")
    assert "免责声明" not in doc.text
    assert_map_consistent(doc)


def test_seed_traditional_with_repeats():
    from etl.ingest import looks_traditional
    doc = seed("004")
    assert looks_traditional(doc.text)
    assert doc.title and doc.title.startswith("讓創新驅動轉型")
    assert "has-portrait" not in doc.text and "https://" not in doc.text
    lines = [ln for ln in doc.text.split("\n") if len(ln) >= 8]
    assert len(lines) == len(set(lines))          # repeated paragraphs kept once
    assert "5000億元" in doc.text                  # not converted to simplified here
    assert_map_consistent(doc)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_basics(prefix):
    doc = seed(prefix)
    assert doc.encoding == "utf-8" and len(doc.content_hash) == 64
    assert doc.text and doc.text_map[0][0] == 0
    assert doc.doc.startswith(prefix) and doc.path.endswith(doc.doc)
