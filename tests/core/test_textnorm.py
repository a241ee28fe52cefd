"""Normalisation keeps every character traceable to the source."""
import pytest
from hypothesis import given, settings, strategies as st

from etl.core.textnorm import normalize


@pytest.mark.parametrize("source,norm", [
    ("太原地區生産總值１４２５.１５億元", "太原地区生产总值1425.15亿元"),
    ("地區(qū)生產", "地区生产"),
    ("增長1\u200b5.8％", "增长15.8%"),
    ("3～5家", "3~5家"),
])
def test_normalize(source, norm):
    assert normalize(source).text == norm


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["太原", "區(qū)", "\u200b", "１２", "億元", "，", "增長", "(abc)", "5%"]),
                max_size=20))
def test_spans_map_back(parts):
    source = "".join(parts)
    n = normalize(source)
    for i in range(len(n.text)):
        a, b = n.to_source(i, i + 1)
        assert b - a == 1
        # the source character is the same character before conversion
        assert normalize(source[a:b]).text == n.text[i]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFFEF), max_size=40))
def test_halfwidth_replaces_exactly_the_table(text):
    from etl.core.textnorm import _FULLWIDTH, to_halfwidth
    assert to_halfwidth(text) == text.translate(_FULLWIDTH)
