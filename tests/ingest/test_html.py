from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from etl.ingest import read_document
from etl.ingest.html import html_title, html_to_text, looks_like_html
from etl.ingest.reader import build_text
from etl.ingest.textmap import Mapped, map_offset, to_raw

PAGE = """<!DOCTYPE html><html><head><title>示范区 &amp; 开发区年报</title>
<style>.x{color:red}</style><script>var secret = "<p>脚本</p>";</script></head>
<body><nav>首页 | 新闻 | 政务</nav><header>站点头部</header>
<div class="article">
<h1>示范区年度报告</h1>
<p>2023年，示范区完成投资86.4亿元&nbsp;，同比增长12.5%。</p>
<p>新增企业<b>37</b>家&mdash;签约项目52个。</p><br/>
<table><tr><td>指标</td><td>数值</td></tr></table>
<!-- 正文结束 --><noscript>请开启脚本</noscript>
<div class="share-box">分享到微信</div>
<div id="qrcode"><img src="qr.png">扫码关注</div>
<div class="appendQr_wrap">下载客户端</div>
<div class="ad_banner">广告位招租</div>
<iframe src="x.html">框架</iframe>
<p class="article-editor">责任编辑：张三</p>
<p>本网站版权所有，未经授权禁止转载。</p>
<p>京ICP备12345678号</p>
</div><footer>网站底部 © 2023</footer><aside>相关阅读</aside></body></html>"""


def _copied_chars_point_at_themselves(mapped: Mapped, raw: str) -> None:
    for a, z in mapped.copied_spans():
        for i in range(a, z):
            assert raw[map_offset(mapped.map, i)] == mapped.text[i], (i, mapped.text[i])
        assert raw[slice(*to_raw(mapped.map, a, z))] == mapped.text[a:z]


def test_html_page_keeps_content_and_paragraphs(write):
    doc = read_document(write("page.html", PAGE))
    lines = doc.text.split("\n")
    assert lines[:3] == ["示范区年度报告", "2023年，示范区完成投资86.4亿元\xa0，同比增长12.5%。",
                         "新增企业37家—签约项目52个。"]
    assert "指标 | 数值" in doc.text
    for junk in ("secret", "脚本", "color", "首页", "站点头部", "正文结束", "请开启", "分享到",
                 "扫码", "下载客户端", "广告位", "框架", "责任编辑", "版权", "ICP", "网站底部", "相关阅读"):
        assert junk not in doc.text, junk
    assert doc.title == "示范区 & 开发区年报"
    assert doc.warnings == []
    _copied_chars_point_at_themselves(build_text(doc.raw, "page.html", True)[2], doc.raw)


def test_entities_map_to_their_source():
    mapped, _ = html_to_text(Mapped.slice_of("<p>A&amp;B&#20013;&bogus;</p>"), "e.html")
    assert mapped.text == "A&B中&bogus;\n"   # no newline before the first block
    assert map_offset(mapped.map, 1) == 4      # '&' -> start of '&amp;'
    assert map_offset(mapped.map, 3) == 10     # '中' -> start of '&#20013;'
    assert map_offset(mapped.map, 4) == 18     # '&bogus;' is kept verbatim


@pytest.mark.parametrize("source, kept, warning", [
    ("<div><p>正文一段，投资5亿元。<p>第二段</div>", "第二段", None),  # optional closes
    ("<div><section><p>正文一段，投资5亿元。</p>", "正文一段", "unclosed HTML element"),
    ("<p>正文一段，投资5亿元。</p><div class=\"x", "正文一段", "truncated"),
    ("<p>正文一段，投资5亿元。</p><!-- 没有结束的注释", "正文一段", "unterminated HTML comment"),
    ("<p>正文一段，投资5亿元。</p><script>var a = 1;", "正文一段", "unclosed <script>"),
    ("<div class=\"ad\"><p>被包住的正文，投资5亿元。</p>", "被包住的正文", "junk block"),
    ("<p title=\"x>正文，投资5亿元。</p><p>第二段</p>", "第二段", "malformed tag"),
    ("</p></div>孤立的结束标签<p>正文<<>>a<b</p>", "孤立的结束标签", "unclosed HTML element"),
])
def test_malformed_html_never_crashes(write, source, kept, warning):
    doc = read_document(write("bad.html", source))
    assert kept in doc.text
    if warning:
        assert any(warning in w and "bad.html" in w for w in doc.warnings), doc.warnings
    else:
        assert doc.warnings == []
    _copied_chars_point_at_themselves(build_text(doc.raw, "bad.html", True)[2], doc.raw)


def test_txt_with_html_body_is_detected():
    assert looks_like_html("<div>\n<p>一</p>\n<p>二</p>\n</div>")
    assert not looks_like_html("正文里提到 <script>alert(1)</script> 只是数据。")
    assert html_title("<html><title> 标题 </title>") == "标题"


@pytest.mark.parametrize("title, headline", [
    ("阳泉市一季度经济运行稳中向好_阳泉新闻网", "阳泉市一季度经济运行稳中向好"),
    ("太原：项目建设提速 - 山西新闻网", "太原：项目建设提速"),
    ("晋中开发区项目建设综述 | 要闻 | 晋中日报", "晋中开发区项目建设综述"),
    ("晋中开发区——打造转型高地", "晋中开发区——打造转型高地"),   # a subtitle dash stays
    ("2023年统计公报", "2023年统计公报"),
])
def test_html_title_drops_the_site_name(title, headline):
    assert html_title(f"<title>{title}</title>") == headline


def test_script_in_plain_text_is_just_data(write):
    text = "通知：<script>alert('x')</script>'; DROP TABLE facts; -- 投资5亿元。\n"
    name = "<script>alert(1)<script>'; DROP TABLE docs;--.txt"
    doc = read_document(write(name, text))
    assert doc.text == text.strip()
    assert doc.doc == name


# Random tag/text soup: whatever the nesting, every kept character maps to itself in raw.
_TEXT = st.text(alphabet="示范区亿元年 ab1.%\n\t<>&;#\u200b\u3000|", min_size=1, max_size=12)
_TAG = st.sampled_from(["p", "div", "span", "b", "br", "script", "style", "nav", "td", "tr",
                        "footer", "iframe", "title", "h1", "img"])
_ATTRS = st.sampled_from(["", ' class="ad"', " id='qrcode'", ' class="content"', " data-x=a>b",
                          ' title="unterminated', " /"])
_TOKEN = st.one_of(
    _TEXT,
    st.builds(lambda t, a: f"<{t}{a}>", _TAG, _ATTRS),
    st.builds(lambda t: f"</{t}>", _TAG),
    st.sampled_from(["<!-- note -->", "<!--", "-->", "&amp;", "&nbsp;", "&#20013;", "&#x4e2d;",
                     "&bogus;", "&", "<!DOCTYPE html>", "<![CDATA[x]]>", "<?xml x?>", "<", "</"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKEN, max_size=40))
def test_html_soup_offsets_are_exact(tokens):
    raw = "".join(tokens)
    mapped, warnings = html_to_text(Mapped.slice_of(raw), "soup.html")
    _copied_chars_point_at_themselves(mapped, raw)
    fm, is_html, cleaned, _ = build_text(raw, "soup.html", True)
    _copied_chars_point_at_themselves(cleaned, raw)
    assert "\u200b" not in cleaned.text
    # Inserted characters are only block newlines, cell separators (" | ") and decoded entities.
    copied = {i for a, z in cleaned.copied_spans() for i in range(a, z)}
    for i, ch in enumerate(cleaned.text):
        if i not in copied:
            assert ch in "\n |\xa0&中" or raw[map_offset(cleaned.map, i)] == "&"
    assert all(w.startswith("soup.html: ") for w in warnings)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKEN, max_size=25))
def test_closed_scripts_never_leak(tokens):
    raw = "".join(tokens) + "<p>前</p><script>SECRET_JS</script><style>SECRET_CSS</style><p>后</p>"
    mapped, _ = html_to_text(Mapped.slice_of(raw), "s.html")
    if raw.count("<!--") == 0 and "<script" not in "".join(tokens) and "<style" not in "".join(tokens) \
            and not re.search(r"<(title|iframe)", "".join(tokens)):
        assert "SECRET" not in mapped.text


@pytest.mark.parametrize("source, text", [
    ("<p>前文</p><script>", "前文\n"),                 # ends right after <script>
    ("<p>前文</p><iframe>框<script>", "前文\n框\n"),   # an unclosed junk block around it
    ("<p>前文</p><style>p{}", "前文\n"),
])
def test_input_ending_inside_script_terminates_and_warns(source, text):
    mapped, warnings = html_to_text(Mapped.slice_of(source), "end.html")
    assert mapped.text == text
    assert any("unclosed <s" in w and "rest dropped" in w for w in warnings), warnings
    _copied_chars_point_at_themselves(mapped, source)


def test_positions_are_exact_across_lines_and_after_a_malformed_tag():
    source = ("<div>\n<p>第一行，投资5亿元。</p>\n<p title=\"x>\n<b>第二</b>行&amp;尾</p>\n"
              "<p>第三行</p></div>")
    mapped, warnings = html_to_text(Mapped.slice_of(source), "m.html")
    assert [line for line in mapped.text.split("\n") if line] == [
        "第一行，投资5亿元。", "第二行&尾", "第三行"]
    assert any("malformed tag <p>" in w for w in warnings)
    _copied_chars_point_at_themselves(mapped, source)
    amp = mapped.text.index("&")
    assert source[map_offset(mapped.map, amp):].startswith("&amp;")
