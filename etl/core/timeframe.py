"""Years and periods: explicit (2021年), relative to the document date (去年, 今年, 一年来, 目前),
plan horizons (到"十四五"末 = 2025) and year-to-date periods (前5个月 = YTD-05, 上半年 = YTD-06).

`time_markers` lists every marker in a sentence with the year or period it sets; a marker holds
from its position to the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .numbers import parse_chinese

PLAN_ENDS = {"十四五": 2025, "十五五": 2030, "十三五": 2020, "十二五": 2015}
_Q = "[“”\"'‘’]?"
_CN_MONTH = "[一二两三四五六七八九十]{1,2}|1[0-2]|0?[1-9]"

# Every branch below starts with one of these characters. The lookahead lets the regex engine
# reject most positions with one test instead of trying each branch there (about 9x faster on
# a whole document); a new branch must add its first characters here.
_FIRST_CHARS = "到至“”\"'‘’十123456789去上今本年当全明下一二过回截目现如正前第未自从由半两三四五六七八九此"
MARKER_RE = re.compile(
    rf"(?=[{_FIRST_CHARS}])(?:"
    rf"(?P<plan>(?:到|至){_Q}(?P<plan1>十[二三四五]五){_Q}(?:末|期末|时期末)|{_Q}(?P<plan2>十[二三四五]五){_Q}(?:末|期末))"
    # “十三五”时期 / 期间 in a text written after it: the years of a plan gone by
    rf"|(?P<span>{_Q}(?P<span1>十[二三四五]五){_Q}(?:时期|期间|以来|(?P<spanfirst>前[一二两三四]年)))"
    # 自2012年以来, 2012年以来, 从2019年开始: a starting point, which dates no figure
    r"|(?P<since>(?:自|从|自从)?(?:19|20)\d{2}年(?:底|末|初|同期|第?[一二三四]季度|[上下]半年|\d{1,2}月(?:份)?)?(?:以来|来|开始|起)"
    r"|(?:自|从|自从)(?:19|20)\d{2}年(?![底末]?的?\d)|(?:自|从|自从)?(?:去年|上年|前年)[^，,。；;\d]{0,10}?以来)"
    # 由2019年的1850户增加到…: the figure right after the start gets the start's year
    r"|(?P<fromto>(?:由|从)(?P<fromyear>(?:19|20)\d{2}年(?:底|末)?|去年同期|上年同期|去年|上年|上一年))"
    # 今后三年, 未来五年, 三年内: a horizon counted from this year
    rf"|(?P<horizon>(?:今后|未来)(?P<hn1>[一二两三四五六七八九十\d]{{1,2}})年|(?P<hn2>[两三四五六七八九十\d]{{1,2}})年内)"
    # 2023年, 2023-05, 2023/5, 2023.05.12; not 2011.3亿元, an amount
    rf"|(?P<year>(?<![\d比较])(?:19|20)\d{{2}})(?=年|[-/](?:0?[1-9]|1[0-2])(?!\d)|\.(?:0?[1-9]|1[0-2])\.\d)"
    # 去年 sets the year, but 比上年/较去年 is only the base of a comparison
    r"|(?<![比较于与和同过出历])(?P<last>去年|上年|上一年)(?!度?同期|基础|基数|水平)"
    r"|(?P<sofar>今年以来|年初以来|截至目前|截止目前|截至当前|至今|今年已(?:经)?(?=[\u4e00-\u9fff]))"
    r"|(?P<this>今年|本年|年内|当年内|全年目标)"
    # 本次“三个一批”活动…: the figures of one round, not of a period so far
    r"|(?P<round>本次|此次|本批|此批|本期|此期)(?=[^，,。；;]{0,12}(?:活动|签约|开工|投产|集中))|(?P<today>今天|今日|当天|当日)"
    # (8月份增速全年最低: a month compared with the rest of the year, not the year's figure)
    r"|(?P<fullyear>全年(?!目标|计划|任务|预算|最低|最高|最快|最慢|新低|新高|低点|高点))"
    r"|(?P<next>明年|下一年)"
    r"|(?P<review>一年来|过去一年|过去的一年|回顾\d{4}年)"
    r"|(?P<now>目前|当前|现有|现已|如今|正在)"
    # 二季度, 四季度, 三季度当季: one quarter alone (a bare 三季度 is as often January to
    # September, and stays as it is read)
    r"|(?<![比较于与同前至到\-~～])(?P<quarter>第?(?P<qn>[二四])季度(?:当季|单季)?|第?三季度(?:当季|单季))"
    # 比一季度加快, 较上半年回落: a comparison base is not the period of the figures
    rf"|(?<![比较于与同])(?P<ytd>(?:前|1-|1～|1~|1至|一至|(?:1|一)月(?:至|到|-|～|~))(?P<months>{_CN_MONTH})(?:个)?月(?:份)?"
    r"|(?P<half>上半年|“?半年报”?)|(?P<q3>前三季度|1-3季度)|(?P<q1>一季度|第一季度|1季度)"
    rf"|截[至止](?P<upto>{_CN_MONTH})月(?:底|末|份|\d{{1,2}}日)?"
    rf"|(?P<asof>(?:19|20)\d{{2}}年(?P<asofm>{_CN_MONTH})月(?:底|末|份)))"
    # 8月份，全省规上工业增加值增长9.2%: one month alone (not 1-8月, not a date, not 3月以来, not
    # a line that is only a month)
    rf"|(?<!\d年)(?<![\d\-~～至止到前月个比较于与同])(?P<single>(?P<sm>{_CN_MONTH})月(?:份)?(?:当月|单月)?)"
    r"(?![\d一二三四五六七八九十日号底末初中上下旬以起开至到\-~～份]|[)）]?[ \t]*(?:\n|$)))"
)


# 快于一季度、2016年全年…: a time inside a comparison is its base
_COMPARED = re.compile(r"(?:快于|慢于|高于|低于|好于|差于|超过|超出|(?<!占)比|较|同比|相比|继)[^，,。；;]{0,10}$")
# 2016年建成开放的博物馆, 预计2024年10月建成: the year of an event told in passing
_EVENT_CLAUSE_AFTER = re.compile(r"年(?:\d{1,2}月(?:底|末)?)?[^，,。；;\d]{0,4}?(?:建成|开放|成立|获批|设立|挂牌|开通|完工|投用)"
                                 r"[^，,。；;\d]{0,4}?的|年(?:\d{1,2}月(?:底|末)?)?(?:正式|全面|全部)?(?:建成|投产|完工|投用|竣工|运营|投运|开业)(?:[。，,；;]|$)"
                                 # 2006年9月被批准为省级开发区, 1940年解放: a milestone in a place's history
                                 r"|年(?:\d{1,2}月(?:\d{1,2}日)?)?[^，,。；;\d]{0,8}?(?<!新)(?:批准|获批|设立|成立|建立|解放|更名|撤县设|升格|晋升)"
                                 # 提出2021年工作安排: a plan named by its year, not the time of what follows
                                 r"|年的?(?:工作安排|工作计划|工作打算|工作要点)")
_YEAR_JUST_BEFORE = re.compile(r"(?:19|20)\d\d\s*年$")
_PASSING_MONTH_BEFORE = re.compile(r"(?:进入|延续|继|自|从|直到|到了)$")
_PASSING_MONTH_AFTER = re.compile(r"(?:的|以来|以后|之后|开始|起|回升|态势)")
_COMPARED_AFTER_FULL = re.compile(r"[^，,。；;\d]{0,4}?(?:相比|相较|比较|水平)")   # 与去年全年相比
_EVENT_MONTH_BEFORE = re.compile(r"(?:预计|将|计划|拟|于|力争|争取|确保)$")
_EVENT_AFTER = re.compile(r"[^，,。；;\d]{0,4}?(?:建成|开放|开工|投产|竣工|举行|召开|开幕|完工|投用|运营|上线|启动|揭牌|签约)"
                          r"|[,，]?[^。；;\d]{0,16}?(?:举办|举行|召开|开幕|闭幕)")   # 7月，某县举办对接会
_GOAL_BEFORE = re.compile(r"力争|确保|争取|计划|预计|目标|(?<![主重需])要(?!求)|将|拟")
_SPAN_END_AFTER = re.compile(r"年?\s*(?:至|到|—|－|-|～|~)\s*(?:19|20)\d\d")
_SPAN_START_BEFORE = re.compile(r"(?:19|20)\d\d年?\s*(?:至|到|—|－|-|～|~)\s*$")
_STAMP_BEFORE = re.compile(r"(?:时间|日期|发布于|更新于|发表于)\s*[:：]?\s*$")
_CLOCK_AFTER = re.compile(r"[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}")
_BASE_PERIOD = re.compile(r"年[^，,。；;]{0,8}?为基期")   # 以2019年同期为基期: a base, not the figures' year
# 按2020年平均汇率计算为9494美元, 按2015年不变价格: the basis of a conversion, no figure's year
_BASIS_AFTER = re.compile(r"年[^，,。；;]{0,6}?(?:汇率|价格|不变价|可比价)")
_RATIO_BASE = re.compile(r"年(?:底|末)?的[^，,。；;]{0,12}?倍")   # 是2016年的1.9倍
_WITH_BEFORE = re.compile(r"(?:与|同|跟|较之)$")
_COMPARED_AFTER = re.compile(r"年[^，,。；;\d]{0,6}?(?:相比|相较|比较|对比)")
_ROUND_NAME_AFTER = re.compile(r"[^，,。；;:：\d零一二两三四五六七八九十百]{0,8}?(?:集中(?:签约|开工|投产|竣工)|(?:签约|开工|投产)仪式|“?三个一批”?)")
_ISO_DAY_AFTER = re.compile(r"[-/.](?:0?[1-9]|1[0-2])[-/.](?:[0-2]?\d|3[01])(?!\d)")   # 2024-07-25
_HORIZON_BEFORE = re.compile(r"(?:^|[,，;；。:：\s(（]|力争|争取|计划|预计|确保|目标)(?:到|至)$")
_LEVEL_AFTER = re.compile(r"年(?:底|末)?的")
_CHANGE_TO = re.compile(r"(?:增加|提高|上升|提升|前移|前行|跃升|扩大|减少|下降|降低|增长|攀升|跃居|升|增|降)?(?:到|至|为)"
                        r"|(?:接连|连续|相继|先后)?(?:突破|跨越|跨过|迈上|迈过|跃上)")   # 从A接连突破B、C大关
# 2023年2月14日, or a line that is only a month (a bulletin's 2017年3月 or (2017年3月) under its issuer)
_DAY_AFTER = re.compile(r"年\s*(?:0?[1-9]|1[0-2])\s*月\s*(?:(?:[0-2]?\d|3[01])\s*日|[)）]?[ \t]*(?=\n|$))")


@dataclass(frozen=True)
class TimeMarker:
    start: int
    end: int
    year: int | None = None
    period: str | None = None       # YTD-MM, or None for "leave as is"
    future: bool = False            # a plan horizon (到十四五末)
    carry: bool = True              # False: holds for its sentence only (an event date, a start)
    restore_at: int | None = None   # a from-to start: the time before it resumes at this offset
    written_year: bool = False      # a horizon written as a year (到2025年): carries like a year
    relative: bool = False          # 去年/上年: carries through its paragraph only
    so_far: bool = False            # 截至目前/今年以来: a period through its paragraph only
    span: bool = False              # “十三五”时期 looked back on: the years of a plan gone by
    year_before: bool = False       # 由上年的…: the year before the one in force where it stands


def _month(text: str) -> int | None:
    if text.isdigit():
        m = int(text)
    else:
        m = int(parse_chinese(text) or 0)
    return m if 1 <= m <= 12 else None


def _last_years_month(month: int | None, doc_date: date | None, sentence: str, at: int,
                      month_known: bool = True) -> bool:
    """1-11月 or 11月 with no year in a January or February text, 前三季度 on a page of June:
    months this year has not reached are last year's (a year written just before it decides
    instead)."""
    if not month or doc_date is None or _YEAR_JUST_BEFORE.search(sentence, max(0, at - 6), at):
        return False
    if doc_date.month <= 2 and month >= 10:
        return True   # 1-11月 in a January analysis
    # 前三季度 on a page of August: months not reached yet this year (unless a goal speaks of
    # them: 力争前三季度完成…), when the page's date is known to the month, not guessed
    clause = re.split(r"[，,。；;]", sentence[:at])[-1]
    return month_known and month > doc_date.month and not _GOAL_BEFORE.search(clause)


def review_year(doc_date: date | None) -> int | None:
    """The year a 一年来 review looks back on: last year early in the year (a work report)."""
    if doc_date is None:
        return None
    return doc_date.year - 1 if doc_date.month <= 3 else doc_date.year


def time_markers(sentence: str, doc_date: date | None, reviewed: int | None = None,
                 finished_year: int | None = None, month_known: bool = True) -> list[TimeMarker]:
    """`reviewed`: the year a 一年来/过去一年 review is about when the document frame knows it
    (a work report reviews the year before it was given, whenever it was reposted).
    `finished_year`: the year a review of a finished year is about (某县2023年回眸, published in
    January 2024): its 年内 and 本年 are that year."""
    doc_year = doc_date.year if doc_date else None
    out = []
    for m in MARKER_RE.finditer(sentence):
        s, e = m.start(), m.end()
        if m.group("since"):
            continue
        if m.group("fromto"):
            raw = m.group("fromyear")
            # 由上年的9.8%降至3.1% in a review: the year before the one reviewed
            now = reviewed or doc_year
            year = int(raw[:4]) if raw[:1].isdigit() else (now - 1 if now else None)
            change = _CHANGE_TO.search(sentence, e)
            if year is not None:
                out.append(TimeMarker(s, e, year, None, carry=False,
                                      restore_at=change.start() if change else None,
                                      year_before=not raw[:1].isdigit()))
            continue
        if m.group("horizon"):
            n = m.group("hn1") or m.group("hn2")
            n = int(n) if n.isdigit() else int(parse_chinese(n) or 0)
            if doc_year and 1 <= n <= 15:
                out.append(TimeMarker(s, e, doc_year + n - 1, "FY", future=True))
            continue
        if m.group("sofar"):
            if doc_year:
                period = f"YTD-{doc_date.month:02d}" if doc_date.month < 12 else "FY"
                out.append(TimeMarker(s, e, doc_year, period, so_far=True))
            continue
        if m.group("fullyear"):
            if not _COMPARED.search(sentence, max(0, s - 14), s) and not _COMPARED_AFTER_FULL.match(sentence, e):
                out.append(TimeMarker(s, e, None, "FY"))   # 全年增长3.8%: the whole year again
            continue
        if m.group("span"):
            end_year = PLAN_ENDS[m.group("span1")]
            if m.group("spanfirst"):   # “十三五”前四年: the plan's first N years
                end_year = end_year - 5 + int(parse_chinese(m.group("spanfirst")[1]) or 0)
            if doc_year and end_year < doc_year and not m.group("span").endswith("以来"):
                # no goal: a span gone by (it dates its sentence; opening a section, what follows)
                out.append(TimeMarker(s, e, end_year, "FY", carry=False, span=True))
            continue
        if m.group("plan"):
            key = m.group("plan1") or m.group("plan2")
            # “十四五”末 looked back on from 2026 is a year gone by, not a horizon
            ahead = doc_year is None or PLAN_ENDS[key] >= doc_year
            if not ahead and _COMPARED.search(sentence, max(0, s - 14), s):
                continue   # 较“十三五”末实现翻番: the base of a comparison
            # (a plan's end looked back on dates its own sentence only, as a horizon does; 由“十三五”末的
            # A提高到B: the start only, as 由2020年的A does)
            start_of = not ahead and re.search(r"(?:由|从)[“”\"']?$", sentence[max(0, s - 2):s])
            change = _CHANGE_TO.search(sentence, e) if start_of else None
            out.append(TimeMarker(s, e, PLAN_ENDS[key], "FY", future=ahead, carry=ahead,
                                  restore_at=change.start() if change else None))
        elif m.group("year") and (_COMPARED.search(sentence, max(0, s - 14), s) or _BASE_PERIOD.match(sentence, e)
                                  or (sentence[max(0, s - 2):s].endswith("按") and _BASIS_AFTER.match(sentence, e))
                                  or _RATIO_BASE.match(sentence, e)
                                  and sentence[max(0, s - 1):s] == "是" or (
                _WITH_BEFORE.search(sentence, max(0, s - 2), s) and _COMPARED_AFTER.match(sentence, e))):
            continue   # 快于2016年全年2.3个百分点, 与2023年相比: a comparison base, not the figures' year
        elif m.group("year") and (_STAMP_BEFORE.search(sentence, max(0, s - 6), s) or _CLOCK_AFTER.match(sentence, e)):
            continue   # 更新时间:2023-06-27 11:27:32: when the page was posted, no time of a figure
        elif m.group("year"):
            # 2023年2月14日 is an event's date: it dates its sentence, not what follows
            event = _DAY_AFTER.match(sentence, e) is not None or _ISO_DAY_AFTER.match(sentence, e) is not None \
                or _EVENT_CLAUSE_AFTER.match(sentence, e) is not None \
                or _SPAN_START_BEFORE.search(sentence, max(0, s - 6), s) is not None \
                or _SPAN_END_AFTER.match(sentence, e) is not None   # 2017至2019年, 2020年-2024年: a span
            year = int(m.group("year"))
            # 到2025年，… heading a clause: a horizon when that year has not come yet (a
            # from-to's 增加到2025年的B, or 到2025年底 looked back on, is no horizon)
            horizon = bool(doc_year and year >= doc_year and _HORIZON_BEFORE.search(sentence, max(0, s - 5), s)
                           and not _LEVEL_AFTER.match(sentence, e))
            # 2015年获批升级为国家高新区，规划面积约50平方公里: the event's year holds for its clause
            told = _EVENT_CLAUSE_AFTER.match(sentence, e) is not None and _DAY_AFTER.match(sentence, e) is None
            clause_end = re.search(r"[，,；;]", sentence[e:]) if told else None
            out.append(TimeMarker(s, e, year, "FY", carry=not event, future=horizon,
                                  written_year=horizon,
                                  restore_at=e + clause_end.start() if clause_end else None))
        elif m.group("last") and doc_year:
            out.append(TimeMarker(s, e, doc_year - 1, "FY", relative=True))
        elif m.group("this") == "全年目标":
            continue   # 完成全年目标的56.9%: the goal's year names no period of the figure
        elif m.group("this") and doc_year:
            # 截至目前，全县今年新签约…: 今年 restates the year of a so-far period, not the full year
            # (1-6月，…；开工项目146个，其中今年新增…: 今年 inside a period's sentence is that period)
            so_far = out and out[-1].period and out[-1].period.startswith("YTD") \
                and out[-1].year in (None, doc_year) and (s - out[-1].end <= 12 or out[-1].carry) \
                and not re.search(r"[。！？\n]" if s - out[-1].end > 12 else r"[。；;！？\n]",
                                  sentence[out[-1].end:s])
            year = finished_year if finished_year and m.group("this") != "今年" else doc_year
            out.append(TimeMarker(s, e, year, out[-1].period if so_far else "FY",
                                  so_far=bool(so_far and out[-1].so_far)))
        elif m.group("round") or m.group("today"):
            out.append(TimeMarker(s, e, doc_year, "FY"))   # the round the text reports, this year
        elif m.group("next") and doc_year:
            out.append(TimeMarker(s, e, doc_year + 1, "FY", future=True))
        elif m.group("review") and doc_year:
            out.append(TimeMarker(s, e, reviewed or review_year(doc_date), "FY"))
        elif m.group("now") and doc_year:
            # 正在施工 is an aspect of its own sentence; 目前/现有 sets a date that carries on
            out.append(TimeMarker(s, e, doc_year, "FY", carry=m.group("now") != "正在"))
        elif m.group("single"):
            month = _month(m.group("sm"))
            if _EVENT_MONTH_BEFORE.search(sentence, max(0, s - 3), s) or _EVENT_AFTER.match(sentence, e) \
                    or _PASSING_MONTH_BEFORE.search(sentence, max(0, s - 3), s) or _PASSING_MONTH_AFTER.match(sentence, e):
                continue   # 预计8月份建成开放, 进入5月份, 延续1月份回升态势: no period of the figures
            if month and not _ROUND_NAME_AFTER.match(sentence, e):
                # 其中6月份…: a month broken out of the period holds for its sentence only
                # (10月当月…: the month broken out of the running total, for its sentence only)
                passing = _COMPARED.search(sentence, max(0, s - 12), s) is not None \
                    or re.search(r"其中[,，、]?\s*$", sentence[max(0, s - 4):s]) is not None \
                    or m.group("single").endswith(("当月", "单月"))
                # January alone is January to date; 11月 in a January text is last year's
                period = "YTD-01" if month == 1 else f"M-{month:02d}"
                year = doc_year - 1 if _last_years_month(month, doc_date, sentence, s, month_known) else None
                out.append(TimeMarker(s, e, year, period, carry=not passing))
        elif m.group("quarter"):
            quarter = 3 if m.group("quarter").lstrip("第").startswith("三") else int(parse_chinese(m.group("qn")) or 0)
            if _ROUND_NAME_AFTER.match(sentence, e) or not quarter:
                continue
            passing = _COMPARED.search(sentence, max(0, s - 12), s) is not None
            year = doc_year - 1 if _last_years_month(quarter * 3, doc_date, sentence, s, month_known) else None
            out.append(TimeMarker(s, e, year, f"Q{quarter}", carry=not passing))
        elif m.group("ytd"):
            month = None
            if m.group("months"):
                month = _month(m.group("months"))
            elif m.group("half"):
                month = 6
            elif m.group("q3"):
                month = 9
            elif m.group("q1"):
                month = 3
            elif m.group("upto"):
                month = _month(m.group("upto"))
            elif m.group("asof"):
                month = _month(m.group("asofm"))
                out.append(TimeMarker(s, e, int(m.group("asof")[:4]), None))
            if _ROUND_NAME_AFTER.match(sentence, e):
                continue   # 第一季度重点项目集中签约仪式: the name of a round, not the figures' period
            # 继上半年…后, 比一季度: a period named in passing holds for its sentence only
            passing = _COMPARED.search(sentence, max(0, s - 12), s) is not None
            # 1-11月 in a January analysis: months not yet reached this year are last year's
            year = doc_year - 1 if _last_years_month(month, doc_date, sentence, s, month_known) else None
            if month == 12:
                out.append(TimeMarker(s, e, year, "FY", carry=not passing))
            elif month:
                out.append(TimeMarker(s, e, year, f"YTD-{month:02d}", carry=not passing))
    return out
