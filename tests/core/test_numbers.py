"""Number parsing: Arabic, Chinese, mixed, fuzzy and ranges (table-driven + properties)."""
import pytest
from hypothesis import given, settings, strategies as st

from etl.core.numbers import find_numbers, parse_chinese, parse_number


@pytest.mark.parametrize("text,value", [
    ("1425.15", 1425.15), ("1,100.9", 1100.9), ("1.15万", 11500), ("13.56万", 135600),
    ("2万", 20000), ("5000亿", 5e11), ("13万2", 132000), ("一千四百二十五", 1425), ("两", 2),
    ("十五", 15), ("二十", 20), ("三百零五", 305), ("万亿", 1e12), ("一万二千", 12000),
    ("二〇二一", 2021), ("七", 7), ("1.2亿", 1.2e8),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "元", "1..2", "--"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,expected", [
    ("开发3-5款产品", [(3, 5)]), ("2-3座", [(2, 3)]), ("3至5个", [(3, 5)]), ("3~5家", [(3, 5)]),
    ("2021-2023年", [(2021, None), (2023, None)]), ("两三个", [(2, 3)]), ("3-5万元", [(30000, 50000)]),
])
def test_ranges(text, expected):
    assert [(t.value, t.value_high) for t in find_numbers(text)] == expected


def test_fuzzy_chinese_count():
    tok = find_numbers("三十几万元")[0]
    assert tok.fuzzy and tok.value == 300000


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_numbers_never_raises(text):
    for tok in find_numbers(text):
        assert 0 <= tok.start < tok.end <= len(text)


def _to_chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n == 0:
        return "零"
    out, zero = "", False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if value == 10000:
            if d:
                out += _to_chinese(d) + "万"
            continue
        if d:
            if zero and out:
                out += "零"
            out += digits[d] + unit
            zero = False
        elif out:
            zero = True
    return out


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese(_to_chinese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["", "万", "亿"]))
def test_arabic_with_multiplier_round_trip(n, mult):
    written = f"{n:,}" if n % 2 else str(n)
    factor = {"": 1, "万": 1e4, "亿": 1e8}[mult]
    assert parse_number(written + mult) == pytest.approx(n * factor)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=1, max_value=99))
def test_decimal_wan_round_trip(whole, frac):
    written = f"{whole}.{frac:02d}万"
    assert parse_number(written) == pytest.approx(float(f"{whole}.{frac:02d}") * 1e4)


@pytest.mark.parametrize("text, found", [
    ("人均地区生产总值达到63 580元", [63580]),          # digits grouped by a space
    ("总量1 355.2亿元", [1355.2e8]),
    ("2023 12 345", [2023, 12, 345]),                 # columns, not one number
    ("12 345 678", [12, 345, 678]),
    ("是全省唯一一家获此称号", [1]),                    # 唯一 + 一家, not 11
    ("统一规划、逐一落实", []),
])
def test_spaced_thousands_and_words_ending_in_one(text, found):
    assert [t.value for t in find_numbers(text)] == pytest.approx(found)
