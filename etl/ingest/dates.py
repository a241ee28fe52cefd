"""Publication dates from strings: metadata values, datelines, URLs and the content itself.

Pure functions (no I/O) so the rules can be tested table by table. Years outside 1990-2035 are
never accepted: in these documents such numbers are amounts or codes, not years.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

MIN_YEAR, MAX_YEAR = 1990, 2035
_HEAD = 3000           # datelines sit near the top
_CONTENT_SCAN = 500_000  # enough to judge what a document reviews and plans

# The day may not be followed by 月: 2023年1-11月 is January to November, not 11 January.
_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})(?!\d)(?!\s*月)\s*日?")
# Partial metadata dates: 2018, 2018-09, 2018/9, 2018年9月, 2018.09 (a month or a year only).
_YM = re.compile(r"^((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?(?:份)?$")
_Y_ONLY = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_TIME_AFTER = re.compile(r"\s*\d{1,2}[:：]\d{2}")
_LABEL = re.compile(r"(?:发布时间|發布時間|发布日期|發佈日期|发表时间|日期|时间|時間|来源|來源|发布)\s*[:：]?\s*$")
_AGENCY = re.compile(r"(?:新华社|新華社|中新网|中新網|中新社|人民网|人民網|新华网|新華網|央视网|本报|本報|记者)"
                     r"[^\s，。,]{0,12}?(\d{1,2})月(\d{1,2})日电")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# A year that is only a starting point (自2012年以来, 2012年以来最高, 从2019年的…, 由2019年) or a
# period that ended before the document (截至2023年底, 2023年全年) says little about the
# document's own date; the first must be ignored, the second dates the document after it.
# 自2019年以来, 以2019年上半年为基期, 比2019年同期: a starting point or a comparison base,
# which says nothing of when a text was written
_START_BEFORE = re.compile(r"(?:自|从|由|始于|自从|以|比|较|與|与)\s*$")
_START_AFTER = re.compile(r"\s*(?:以来|来|开始|起|[^。，,；;]{0,8}?(?:为基期|為基期|同期相比))")
_COMPLETED = re.compile(r"(?:底|末|年底|年末|全年|\s*[,，]\s*[^。；;]{0,60}?(?:完成|实现|實現|累计|累計|达到|達到)"
                        r"|[^。；;，,]{0,8}?占[^。；;，,]{0,12}?(?:比重|比例|份额))")   # 2011年占全市比重58.2%: a year's share, told after it
_FORECAST_BEFORE = re.compile(r"(?:预计|預計|力争|力爭|计划|計劃|有望|争取|爭取|目标|目標)\s*(?:到|至)?\s*$")
_COMPLETED_BEFORE = re.compile(r"(?:截至|截止|截至到)\s*$")
_FUTURE = re.compile(r"将|力争|目标|计划|争取|确保|继续|新征程|展望|拟|部署|將|爭取|計劃")
_REVIEW = re.compile(r"一年来|过去一年|回顾|回溯|去年|年终岁末|岁末|過去一年|一年來")


def make_date(y: int, m: int = 1, d: int = 1) -> date | None:
    """A date if it exists and the year is plausible, else None."""
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date_value(value) -> date | None:
    """A metadata date: date/datetime objects, ISO, 2022/6/25, 2022年6月25日, RFC 2822, 20220625."""
    if isinstance(value, datetime):
        return make_date(value.year, value.month, value.day)
    if isinstance(value, date):
        return make_date(value.year, value.month, value.day)
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    m = _COMPACT.match(s)
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    m = _YMD.match(s)
    if m:
        return make_date(int(m[1]), int(m[2]), int(m[3]))
    try:  # 'Sat, 25 Jun 2022 12:52:41 GMT': keep the calendar date as written
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return make_date(dt.year, dt.month, dt.day) if dt else None


def parse_partial_date(value) -> tuple[date, str] | None:
    """A metadata date with its precision: (date, "day"), or a year-month as the month's last
    day with "month", or a bare year as its last day with "year" (a page dated only 2018-09
    was published by the end of September)."""
    full = parse_date_value(value)
    if full is not None:
        return full, "day"
    s = str(value or "").strip()
    m = _YM.match(s)
    if m:
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            d = make_date(y, mo, 1)
            nxt = make_date(y + (mo == 12), mo % 12 + 1, 1)
            return (date.fromordinal(nxt.toordinal() - 1) if nxt else d, "month") if d else None
    m = _Y_ONLY.match(s)
    if m and make_date(int(m[1]), 12, 31):
        return make_date(int(m[1]), 12, 31), "year"
    return None


_SPAN_END_BEFORE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~～至到]\s*$")


def plain_years(text: str) -> list[tuple[int, bool]]:
    """(year, completed) for every plausible year of `text` that is not a starting point
    (自Y年以来, Y年以来, 从Y年): `completed` when the text reports the year as over (截至Y年底,
    Y年全年, "Y年，…完成…")."""
    out = []
    for m in _YEAR.finditer(text[:_CONTENT_SCAN]):
        y = int(m[1])
        if not MIN_YEAR <= y <= MAX_YEAR:
            continue
        before = text[max(0, m.start() - 3):m.start()]
        after = text[m.end():m.end() + 80]
        if _START_BEFORE.search(before) or _START_AFTER.match(after) or \
                _FORECAST_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue   # (预计到2023年…: a year looked forward to says nothing of when the text was written)
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()) or \
                _SPAN_END_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue   # 《某规划(2022—2030年)》, 2021-2025年: a plan's name or span, not when it was written
        completed = bool(_COMPLETED_BEFORE.search(before) or _COMPLETED.match(after))
        out.append((y, completed))
    return out


def _clause_after(text: str, end: int, width: int = 30) -> str:
    return re.split(r"[。；;！!？?\n]", text[end:end + width], maxsplit=1)[0]


def year_hint(text: str) -> int | None:
    """The year a text is probably about: the latest year not used for a plan, else the latest."""
    past, every = [], []
    for m in _YEAR.finditer(text[:_CONTENT_SCAN]):
        y = int(m[1])
        before = text[max(0, m.start() - 3):m.start()]
        if MIN_YEAR <= y <= MAX_YEAR and not _START_BEFORE.search(before) \
                and not _START_AFTER.match(text, m.end()):
            every.append(y)
            if not _FUTURE.search(_clause_after(text, m.end())):
                past.append(y)
    return max(past) if past else (max(every) if every else None)


def find_dateline(text: str, year: int | None = None) -> date | None:
    """The article's own date near its top.

    Accepted, best first: a date after a label (发布时间：...), a date followed by a clock time
    (2022年08月06日 12:08), a date alone on a short line, a news-agency dateline
    (中新网太原6月25日电) whose year comes from `year`. Dates inside prose are events, not
    datelines, so they are ignored.
    """
    head = text[:_HEAD]
    labelled, timed, alone = None, None, None
    for m in _YMD.finditer(head):
        d = make_date(int(m[1]), int(m[2]), int(m[3]))
        if not d:
            continue
        line_start = head.rfind("\n", 0, m.start()) + 1
        line_end = head.find("\n", m.end())
        line = head[line_start: line_end if line_end >= 0 else len(head)]
        before = head[line_start:m.start()]
        if labelled is None and _LABEL.search(before):
            labelled = d
        if timed is None and _TIME_AFTER.match(head, m.end()):
            timed = d
        if alone is None and len(line.strip()) <= 40 and not re.search(r"[，,。]", line):
            alone = d
    for d in (labelled, timed, alone):
        if d:
            return d
    m = _AGENCY.search(head)
    if m and year:
        return make_date(year, int(m[1]), int(m[2]))
    return None


_URL_RULES = (
    re.compile(r"/((?:19|20)\d{2})[-_/]?(\d{2})/t((?:19|20)\d{2})(\d{2})(\d{2})_"),  # 201910/t20191022_1.html
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)"),        # /2019/07/28/, 2019-07-28
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})/(\d{2})(?!\d)"),                    # /2022-06/25/
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|_|\.|\d{0,6}\b)"),             # /20190728/
    re.compile(r"/a/((?:19|20)\d{2})(\d{2})(\d{2})[A-Z]"),                           # /rain/a/20240821A03QSM00
)
# /2023/0727/: a year folder and a month-day folder (a two-digit /19/0910/ is too often an id)
_URL_SHORT_YEAR = re.compile(r"/((?:19|20)[0-3]\d)/(0[1-9]|1[0-2])([0-2]\d|3[01])/")


# t20180912_123.html, and glued to its month folder: .201806t20180619_889613.html
_URL_STAMP = re.compile(r"(?:(?<![0-9A-Za-z])|(?<=(?:19|20)\d{4}))t((?:19|20)\d{2})(\d{2})(\d{2})_")
_URL_MONTH = (
    re.compile(r"/((?:19|20)\d{2})(\d{2})/"),                                     # /201809/
    re.compile(r"/((?:19|20)\d{2})[-_/](\d{1,2})/"),                              # /2018-09/, /2018/09/
)


def date_from_url_partial(url: str | None) -> tuple[date, str] | None:
    """A URL's date with its precision: a whole date (day), else a year-month folder (month,
    dated the month's last day)."""
    d = date_from_url(url)
    if d:
        return d, "day"
    for rule in _URL_MONTH:
        m = rule.search(url or "")
        if m:
            found = parse_partial_date(f"{m[1]}-{m[2]}")
            if found:
                return found
    return None


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    m = _URL_STAMP.search(url)
    if m:
        d = make_date(int(m[1]), int(m[2]), int(m[3]))
        if d:
            return d
    for i, rule in enumerate(_URL_RULES):
        m = rule.search(url)
        if m:
            g = [int(x) for x in m.groups()]
            d = make_date(*g[2:5]) if i == 0 else make_date(*g[:3])
            if d:
                return d
    m = _URL_SHORT_YEAR.search(url)
    year = int(m[1]) if m else 0
    if m and MIN_YEAR <= year <= MAX_YEAR:
        return make_date(year, int(m[2]), int(m[3]))
    return None


def year_from_url(url: str | None) -> int | None:
    d = date_from_url(url)
    if d:
        return d.year
    m = re.search(r"(?<!\d)((?:19|20)\d{2})(?:[-_/]?\d{2})?/", url or "")
    return int(m[1]) if m and MIN_YEAR <= int(m[1]) <= MAX_YEAR else None


def date_from_content(text: str) -> date | None:
    """Date a work report by what it looks back on and forward to.

    Reviews year Y and plans Y+1 -> Y+1-01-01 (such reports are given early in Y+1).
    Only reviews (一年来, 回顾, 去年 ...) -> Y-12-31 for the latest year mentioned.
    """
    body = text[:_CONTENT_SCAN]
    past, future = set(), set()
    for m in _YEAR.finditer(body):
        y = int(m[1])
        if not MIN_YEAR <= y <= MAX_YEAR:
            continue
        if _START_BEFORE.search(body, max(0, m.start() - 3), m.start()) or _START_AFTER.match(body, m.end()):
            continue
        (future if _FUTURE.search(_clause_after(body, m.end())) else past).add(y)
    if not past and not future:
        return None
    reviewed = max(past) if past else None
    if reviewed is not None and reviewed + 1 in future:
        return make_date(reviewed + 1, 1, 1)
    header = _REVIEW_HEADING.search(body)
    if header and int(header[1]) == reviewed:
        # 一、2023年工作回顾 as a heading: a report given early the next year (its 今年 is then
        # the year after the one it reviews)
        return make_date(reviewed + 1, 1, 1)
    if reviewed is not None and _REVIEW.search(body) and not any(
            done for y, done in plain_years(body) if y == reviewed):
        return make_date(reviewed, 12, 31)
    return None   # (2024年，某县…全年…完成: written after the year, see date_from_body)


_REVIEW_HEADING = re.compile(r"(?:^|\n)\s*[一二三四五六七八九十]?[、.．]?\s*((?:19|20)\d\d)\s*年(?:工作)?回顾\s*(?:\n|$)")


def date_from_title(title: str | None) -> date | None:
    """An undated page whose title names one year (某市2017年1-4月经济运行简况) is about that
    year: dated to its end (a report's title year is then the year it was given, as usual).
    Only the year is known; plan spans (2021-2025年) and horizons name no single year."""
    if not title or re.search(r"\d{4}\s*[-—–~至到]\s*\d{4}|远景|展望|到\s*\d{4}", title):
        return None
    years = {int(y) for y in _YEAR.findall(title) if MIN_YEAR <= int(y) <= MAX_YEAR}
    return make_date(years.pop(), 12, 31) if len(years) == 1 else None


_PLAN_OPENING = re.compile(r"[“\"]?(十[二三四五])五[”\"]?(?:开局|開局|起步|收官|的收官|决胜)")
_PLAN_FIRST = {"十二": 2011, "十三": 2016, "十四": 2021, "十五": 2026}


def date_from_plan_year(text: str) -> date | None:
    """“十四五”开局之年 / 收官之年: with no year written, the plan's first or last year."""
    m = _PLAN_OPENING.search(text[:_CONTENT_SCAN])
    if m is None:
        return None
    first = _PLAN_FIRST[m.group(1)]
    return make_date(first if "开" in m.group(0) or "開" in m.group(0) or "起步" in m.group(0)
                     else first + 4, 6, 30)


def date_from_body(text: str) -> tuple[date, str] | None:
    """The last resort for an undated document: (date, rule) from the latest year its body
    names, start-point years ignored. A year reported as over (截至2023年底, 2023年全年)
    means the document was written after it: early the next year (bulletins and reports
    appear by spring). Otherwise mid-year of that year; with no year at all, the first or last
    year of a five-year plan the text names (“十四五”开局之年). The precision is only the year."""
    years = plain_years(text)
    if not years:
        opening = date_from_plan_year(text)
        return (opening, "body_plan_year") if opening else None
    latest = max(y for y, _ in years)
    if any(done for y, done in years if y == latest):
        return make_date(latest + 1, 3, 31), "body_completed_year"
    return make_date(latest, 6, 30), "body_latest_year"


def date_from_html(html: str, url: str | None = None) -> date | None:
    """The publication date an HTML page declares (meta tags, <time>, 发布时间 blocks, its URL),
    read by htmldate without its extensive search of the body text (whose dates are events).
    The page is parsed here, so htmldate never fetches anything."""
    import lxml.html
    from htmldate import find_date
    try:
        tree = lxml.html.fromstring(html)
        found = find_date(tree, url=url, original_date=True, extensive_search=False,
                          outputformat="%Y-%m-%d", min_date="1990-01-01")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None
    return parse_date_value(found) if found else None
