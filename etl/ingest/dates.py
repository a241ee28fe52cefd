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

_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})(?!\d)\s*日?")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
_TIME_AFTER = re.compile(r"\s*\d{1,2}[:：]\d{2}")
_LABEL = re.compile(r"(?:发布时间|發布時間|发布日期|發佈日期|发表时间|日期|时间|時間|来源|來源|发布)\s*[:：]?\s*$")
_AGENCY = re.compile(r"(?:新华社|新華社|中新网|中新網|中新社|人民网|人民網|新华网|新華網|央视网|本报|本報|记者)"
                     r"[^\s，。,]{0,12}?(\d{1,2})月(\d{1,2})日电")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
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


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text) if MIN_YEAR <= int(y) <= MAX_YEAR]


def _clause_after(text: str, end: int, width: int = 30) -> str:
    return re.split(r"[。；;！!？?\n]", text[end:end + width], maxsplit=1)[0]


def year_hint(text: str) -> int | None:
    """The year a text is probably about: the latest year not used for a plan, else the latest."""
    past, every = [], []
    for m in _YEAR.finditer(text[:_CONTENT_SCAN]):
        y = int(m[1])
        if MIN_YEAR <= y <= MAX_YEAR:
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
)


def date_from_url(url: str | None) -> date | None:
    if not url:
        return None
    for i, rule in enumerate(_URL_RULES):
        m = rule.search(url)
        if m:
            g = [int(x) for x in m.groups()]
            d = make_date(*g[2:5]) if i == 0 else make_date(*g[:3])
            if d:
                return d
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
        (future if _FUTURE.search(_clause_after(body, m.end())) else past).add(y)
    if not past and not future:
        return None
    reviewed = max(past) if past else None
    if reviewed is not None and reviewed + 1 in future:
        return make_date(reviewed + 1, 1, 1)
    if reviewed is not None and _REVIEW.search(body):
        return make_date(reviewed, 12, 31)
    return None
