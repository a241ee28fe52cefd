"""An HTML page's own publication markup dates it (htmldate), before any guess from the body."""
from datetime import date

import pytest

from etl.ingest import dates, read_document


@pytest.mark.parametrize("html, url, expected", [
    ('<html><head><meta name="PubDate" content="2022-05-18 09:30"></head><body><p>正文2019年</p></body></html>',
     None, date(2022, 5, 18)),
    ('<html><body><div class="info">发布时间：2021-04-28 17:15 来源：某县政府</div><p>2020年完成投资</p></body></html>',
     None, date(2021, 4, 28)),
    ('<html><body><p>正文</p></body></html>', "http://www.example.gov.cn/doc/2021/04/28/1037.shtml",
     date(2021, 4, 28)),
    ('<html><body><p>自2012年以来最高</p></body></html>', None, None),
])
def test_date_from_html(html, url, expected):
    assert dates.date_from_html(html, url) == expected


def test_an_html_page_is_dated_by_its_markup(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<html><head><title>某县上半年经济运行</title>'
                    '<meta property="article:published_time" content="2023-07-21T08:00:00+08:00">'
                    '</head><body><p>2016年以来同期最高。</p></body></html>', encoding="utf-8")
    doc = read_document(page)
    assert (doc.published, doc.date_rule, doc.date_precision) == (date(2023, 7, 21), "html_metadata", "day")


@pytest.mark.parametrize("text, title", [
    ("某区经济运行稳中向好 |\n正文第一段。", "某区经济运行稳中向好"),
    ("首页 | 新闻 | 要闻\n某县召开项目推进会\n正文。", "某县召开项目推进会"),
    ("时节如流，回首来路，站在年终岁末的节点回溯过去一年某区的发展历程，可以看到许多变化。\n招商引资\n正文。", None),
])
def test_the_title_is_never_a_section_heading_below_the_body(text, title):
    from etl.ingest.reader import first_title_line
    assert first_title_line(text) == title
