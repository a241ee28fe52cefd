"""Numbers as Chinese economic reporting writes them.

Arabic with decimals and thousands separators (2,300.5), Chinese numerals (一千二百三十四, 两),
mixed forms (2.35万, 4.2萬 after normalisation, 2万余, 13万2), tenths (七成), fuzzy counts
(三十几, 两三个) and ranges (2-3, 3至5, 3~5). `parse_number` turns one written number into a value;
`find_numbers` finds every number in a text with its span. Both are pure and never raise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
             "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"[{CN_NUMERAL_CHARS}]+"
# A multiplier written after Arabic digits: 2.35万, 300亿, 2千, 13万2 (= 13.2万).
_MULT = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|万|亿|千|百)"

NUMBER_RE = re.compile(
    rf"(?P<arabic>{_ARABIC})(?P<mult>{_MULT})?(?P<tail>(?<=万)\d千?(?![\d.,]))?"
    rf"|(?P<cn>{_CN})(?:(?P<ji>几)(?P<jimult>万|亿|千|百)?)?"
)
RANGE_SEP_RE = re.compile(r"\s*(?:-|~|至|到|—|～|－)\s*")


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral (一千二百三十四 -> 1234, 两 -> 2, 万亿 -> 1e12); None if invalid."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    # A plain digit string such as 二〇二一 or 一五 (no unit characters) reads digit by digit.
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return float("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿: scale everything so far (万亿 = 1e12)
            section += digit or 0
            digit = None
            scale = CN_BIG_UNITS[ch]
            if section == 0 and total == 0:
                total = 1.0 * scale
            elif section == 0:
                total *= scale
            else:
                total = (total + section) * scale
            section = 0.0
    return total + section + (digit or 0)


def multiplier_value(mult: str | None) -> float:
    if not mult:
        return 1.0
    return parse_chinese(mult) or 1.0


@dataclass(frozen=True)
class NumberToken:
    start: int
    end: int
    value: float            # already multiplied (2.35万 -> 23500)
    raw: str
    chinese: bool           # written in Chinese numerals
    fuzzy: bool = False     # 三十几 / 两三: an approximate count
    value_high: float | None = None


def parse_number(text: str) -> float | None:
    """The value of one written number (Arabic, Chinese or mixed); None if it is not one."""
    try:
        text = text.strip()
        m = NUMBER_RE.fullmatch(text)
        if not m:
            return None
        token = _token(m, 0)
        return token.value if token else None
    except (ValueError, OverflowError):
        return None


def _token(m: re.Match, offset: int) -> NumberToken | None:
    if m.group("arabic"):
        value = float(m.group("arabic").replace(",", "")) * multiplier_value(m.group("mult"))
        if m.group("tail"):  # 13万2 = 13.2万
            value += int(m.group("tail")[0]) * multiplier_value(m.group("mult")) / 10
        return NumberToken(offset + m.start(), offset + m.end(), value, m.group(0), False)
    cn = m.group("cn")
    fuzzy = bool(m.group("ji"))
    # 两三 / 三四 / 七八: two adjacent digits mean "two or three"
    if len(cn) >= 2 and cn[0] in CN_DIGITS and cn[1] in CN_DIGITS and cn[0] not in "零〇" \
            and CN_DIGITS[cn[1]] == CN_DIGITS[cn[0]] + 1:
        rest = parse_chinese(cn[2:]) if len(cn) > 2 else 1.0
        if rest is None:
            return None
        low, high = CN_DIGITS[cn[0]] * rest, CN_DIGITS[cn[1]] * rest
        return NumberToken(offset + m.start(), offset + m.end(), low, m.group(0), True, True, high)
    value = parse_chinese(cn)
    if value is None:
        return None
    if m.group("jimult"):  # 三十几万 = "thirty-odd" ten-thousands
        value *= multiplier_value(m.group("jimult"))
    return NumberToken(offset + m.start(), offset + m.end(), value, m.group(0), True, fuzzy)


def find_numbers(text: str) -> list[NumberToken]:
    """Every number in `text` with its span; ranges (2-3, 3至5) become one token with value_high."""
    tokens: list[NumberToken] = []
    for m in NUMBER_RE.finditer(text):
        try:
            tok = _token(m, 0)
        except (ValueError, OverflowError):
            tok = None
        if tok is None:
            continue
        if tok.chinese and tok.raw[0] == "一" and m.start() > 0 and text[m.start() - 1] in _WORD_BEFORE_ONE:
            # 唯一一家, 统一, 逐一: the 一 belongs to the word before it
            if len(tok.raw) == 1:
                continue
            tok = _token(NUMBER_RE.match(text, m.start() + 1), 0)
            if tok is None:
                continue
        if tokens and _thousands_by_space(text, tokens[-1], tok):
            # 63 580元, 1 355.2亿元: digits grouped by a space
            low = tokens.pop()
            rest = tok.raw[:len(tok.raw) - len(m.group("mult") or "")]
            value = (float(low.raw) * 1000 + float(rest)) * multiplier_value(m.group("mult"))
            tokens.append(NumberToken(low.start, tok.end, value, text[low.start:tok.end], False))
            continue
        if tokens and _joins_range(text, tokens[-1], tok):
            low = tokens.pop()
            # 3-5万: the multiplier written once applies to both ends
            low_value = low.value
            if tok.value >= 10 * low.value and not low.chinese and not m.group("mult") is None \
                    and low.raw.replace(",", "").replace(".", "").isdigit():
                low_value = low.value * multiplier_value(m.group("mult"))
            tokens.append(NumberToken(low.start, tok.end, low_value, text[low.start:tok.end],
                                      low.chinese, low.fuzzy, tok.value))
            continue
        tokens.append(tok)
    return tokens


_WORD_BEFORE_ONE = "唯统逐专划单之万"
_SPACE_GROUP = re.compile(r"\d{3}(?:\.\d+)?")


def _thousands_by_space(text: str, low: NumberToken, high: NumberToken) -> bool:
    """1-3 digits, one space, then exactly three digits (and not a run of such columns)."""
    if low.chinese or high.chinese or high.start != low.end + 1 or text[low.end] not in " \u2009\xa0":
        return False
    if not re.fullmatch(r"\d{1,3}", low.raw) or low.start > 0 and text[low.start - 1] in " \t.,":
        return False
    digits = re.match(r"\d+(?:\.\d+)?", high.raw)
    if not digits or not _SPACE_GROUP.fullmatch(digits.group(0)):
        return False
    return not re.match(r"\s\d", text[high.end:high.end + 2])


# 500个至600个, 3万亩至5万亩: a range whose ends both carry the measure word
_UNIT_THEN_SEP = re.compile(r"([个家户人亩座套台项元吨万亿]{1,2})\s*(?:-|~|至|到|—|～|－)\s*")


def _joins_range(text: str, low: NumberToken, high: NumberToken) -> bool:
    gap = text[low.end:high.start]
    unit_gap = _UNIT_THEN_SEP.fullmatch(gap)
    if unit_gap and not text.startswith(unit_gap.group(1), high.end):
        unit_gap = None
    if not gap or not (RANGE_SEP_RE.fullmatch(gap) or unit_gap) or low.value_high is not None:
        return False
    if low.chinese != high.chinese:
        return False
    # 2021-2023 are years, not a range of quantities; a range rises
    if not low.chinese and re.fullmatch(r"(19|20)\d\d", low.raw) and re.fullmatch(r"(19|20)\d\d", high.raw):
        return False
    return high.value > low.value
