"""Walk a document sentence by sentence, tracking what each sentence is about.

For every sentence the walker knows the subject region at any position (mentions and anaphora
resolved), the year and period at any position (explicit, relative to the document date, carried
from earlier sentences of the paragraph), and whether it sits in a work report's plan section
(the part after "the overall requirements for this year…", whose figures are targets for the plan year).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterator

from .passages import Span, bracketed_spans, clause_bounds, paragraphs, sentences
from ..models import DocumentFrame
from .lexicon import words_re
from .frame import GUESSED_DATE_RULES, own_date
from .regions import Gazetteer, RegionInfo, RegionMention, SubjectTracker
from .timeframe import PLAN_ENDS, TimeMarker, time_markers

# A paragraph that opens a work report's plan section.
PLAN_OPENERS = words_re("plan_opener")
# A sentence that opens a list of targets (主要预期目标是：, 约束性指标：, 提出…目标): the
# figures after it are targets until a review or a year-to-date period appears.
TARGET_HEADERS = words_re("target_header")
REVIEW_MARKERS = words_re("review_marker")
# (预计数,下同) / 以下数据均为预计数: the review's figures from here on are early estimates.
ESTIMATE_NOTE = words_re("estimate_note")
# 预计全年地区生产总值增长6%，财政收入完成9亿元: an early estimate covers its whole sentence,
# and the items of its list after a ； (预计全年…增长4.9%；规上工业增加值增长8.6%；…。)
# (预计年产值 describes a project and is handled as such).
ESTIMATED_SENTENCE = re.compile(r"预计(?!年产值|总投资|[^，,。；;]{0,6}?(?:达产|投产|建成|开工|竣工|开放|完工|投用|运营))")
# ...but only an estimate heading the sentence: items that each say 预计完成 / 累计完成 speak
# for themselves
_ESTIMATE_HEADS = re.compile(r"\W*(?:(?:19|20)\d\d年|全年|今年)?[,，]?\s*预计(?!年产值|达产|投产|建成|总投资)"
                             r"|[^，,。；;:：]{0,12}预计(?:如下|数为|情况)[:：]")   # 全年主要指标预计如下：
_LIST_ITEM_END = re.compile(r"[；;]\s*$")
# 【2024年目标】, ■主要预期目标: a line that is only a heading of goals
SHORT_TARGET_HEADING = re.compile(r"^\W*(?:(?:19|20)\d\d年)?[^\d,，。;；]{0,8}?目标(?:任务)?\W*$")
# 高于年初确定的…预期目标 (a result measured against the goal), 紧紧围绕省委提出的…目标 (work done
# toward a goal): no list of goals follows
_GOALS_MET = re.compile(r"[^，,。；;:：\d]{0,6}?(?:全面|圆满|顺利|超额|均|基本|较好|胜利)?(?:完成|实现|达成)")
_MEASURED_AGAINST = re.compile(r"(?:高于|低于|好于|超过|超出|快于|慢于|完成|实现|达到|围绕|紧扣|锚定|对标|瞄准|紧盯|聚焦|"
                               r"贯彻|落实|按照|对照|根据|依据)"
                               r"[^，,。；;]{0,10}$")
_QUOTED_SLOGAN = re.compile(r"[“\"'‘][^”\"'’]{1,20}[”\"'’]")


def _measured_against(text: str, at: int) -> bool:
    """围绕市委“强链延链补链”的总体要求: work measured against a plan (a quoted slogan in
    between counts for nothing), not the plan itself."""
    return _MEASURED_AGAINST.search(_QUOTED_SLOGAN.sub("", text[max(0, at - 34):at])) is not None


_PLAN_MENTIONED = re.compile(r"(?:提出|部署|审议|讨论|作出|明确了|介绍了)[^，,。；;]{0,22}$")
_REVIEW_THEN_PLAN = re.compile(r"总结|回顾|执行情况|完成情况")
PLAN_NOW = re.compile(r"今年(?!以来)|明年|新的一年")
FIVE_YEAR_PLAN = re.compile(r"(?:第)?(十[二三四五]|十[二三四五]个)五(?:年)?(?:规划|时期)?")
FIVE_YEAR_NAMES = {"十二": "十二五", "十三": "十三五", "十四": "十四五", "十五": "十五五",
                   "十二个": "十二五", "十三个": "十三五", "十四个": "十四五", "十五个": "十五五"}
# (将发展融入全市大局: 将 as 把, taking an object to a verb, is no future)
FUTURE_VERB = re.compile(r"将(?![^，,。；;]{1,8}?(?:融入|纳入|作为|列为|打造成|转化为|放在|摆在))|要(?!求)|力争|计划|确保")


@dataclass
class SentenceContext:
    span: Span
    in_plan: bool
    plan_year: int | None
    doc_date: date | None
    _region_pos: list[int] = field(default_factory=list)
    _regions: list[RegionInfo | None] = field(default_factory=list)
    _time_pos: list[int] = field(default_factory=list)
    _years: list[int | None] = field(default_factory=list)
    _periods: list[str] = field(default_factory=list)
    _future: list[bool] = field(default_factory=list)
    mentions: list = field(default_factory=list)
    gaz: object = None                  # the gazetteer, for a region the sentence names by a word (全省)
    paragraph_year: int | None = None   # the year named in this paragraph, else the document's
    indicator_matches: list | None = None
    _clauses: list[tuple[int, int]] | None = None
    _clause_starts: list[int] | None = None
    _quoted: list[tuple[int, int]] | None = None
    paragraph: Span | None = None   # the paragraph the sentence stands in
    frame: DocumentFrame | None = None
    header_end: int = 0             # a target header in this sentence ends here
    estimated: bool = False         # under an "estimates from here on" note of the review
    horizon_carried: bool = False   # the year this sentence hands on is a goal's (到2027年)
    _time_rules: list[str] = field(default_factory=list)
    _region_rules: list[str] = field(default_factory=list)

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """《…》 and short “…” spans: names, not figures."""
        if self._quoted is None:
            self._quoted = bracketed_spans(self.span.text)
        return self._quoted

    @property
    def clauses(self) -> list[tuple[int, int]]:
        # Most sentences of a report hold no figure and no subject change: split them on demand.
        if self._clauses is None:
            self._clauses = clause_bounds(self.span.text)
        return self._clauses

    def region_at(self, pos: int) -> RegionInfo | None:
        i = bisect_right(self._region_pos, pos) - 1
        return self._regions[max(i, 0)]

    def year_at(self, pos: int) -> int | None:
        return self._years[max(bisect_right(self._time_pos, pos) - 1, 0)]

    def period_at(self, pos: int) -> str:
        return self._periods[max(bisect_right(self._time_pos, pos) - 1, 0)]

    def time_rule_at(self, pos: int) -> str:
        return self._time_rules[max(bisect_right(self._time_pos, pos) - 1, 0)]

    def region_rule_at(self, pos: int) -> str:
        return self._region_rules[max(bisect_right(self._region_pos, pos) - 1, 0)]

    def future_at(self, pos: int) -> bool:
        return self._future[max(bisect_right(self._time_pos, pos) - 1, 0)]

    def has_explicit_time_before(self, pos: int) -> bool:
        return bisect_right(self._time_pos, pos) > 1

    def clause_of(self, pos: int) -> tuple[int, int]:
        clauses = self.clauses
        if self._clause_starts is None:
            self._clause_starts = [s for s, _ in clauses]
        i = bisect_right(self._clause_starts, pos) - 1
        # clauses are sorted and disjoint; a position on a separator belongs to none
        return clauses[i] if i >= 0 and pos < clauses[i][1] else clauses[-1]


class _Located:
    """Items with a `start`, found once in the whole text and handed out per span: one regex
    pass per document instead of one per sentence (neither place names nor time words can
    cross a sentence's end punctuation, so the matches are the same)."""

    def __init__(self, items: list):
        self.items = items
        self.starts = [x.start for x in items]

    def within(self, start: int, end: int) -> list:
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def any_within(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, start)
        return i < len(self.starts) and self.starts[i] < end


def walk(text: str, gaz: Gazetteer, frame: DocumentFrame, title: str | None = None,
         wanted: re.Pattern | None = None, found_mentions: list | None = None
         ) -> Iterator[SentenceContext]:
    """Sentence contexts in text order, under the document's frame (its subject, reference
    year and mode, decided once before any sentence).

    With `wanted`, a sentence is only yielded if `wanted` matches in it or it names a place or
    a time (which changes the context of the sentences after it). The caller's extractors
    must find nothing in a sentence `wanted` does not match: most of a report is prose with no
    figure, and skipping it is most of the walker's speed.
    """
    doc_date = own_date(text, frame.doc_date, frame)   # the text's own "now" (a repost's date is not)
    doc_year = doc_date.year if doc_date else None
    review_year = frame.reference_year or doc_year
    mentions = _Located(found_mentions if found_mentions is not None else gaz.find(text))
    # (一年来 in a report, a bulletin or a review of a finished year is the year it is about)
    reviews_a_year = frame.doc_type.startswith("work_report") or frame.doc_type == "statistics_bulletin" \
        or frame.reference_year_rule == "title_names_earlier_year"
    # (a page dated by a guess — from its body or its title's year — has no known month; a
    # report's own delivery line has one, the January a repost's stated year implies has not)
    if doc_date != frame.doc_date:
        month_known = frame.reference_year_rule != "report_news_states_reviewed_year"
    else:
        month_known = frame.doc_date_rule not in GUESSED_DATE_RULES
    is_report = frame.doc_type.startswith("work_report")
    # 阳泉市一季度经济运行稳中向好: a news headline's period frames every figure below it that
    # names no time of its own (a work report's title names the year it was given in instead).
    title_period = "FY"
    if title and not is_report:
        for marker in time_markers(title, doc_date):
            if marker.year is not None:
                title_period = "FY"
            if marker.period is not None and marker.year is None:
                title_period = marker.period
    found_markers = time_markers(
        text, doc_date, frame.reference_year if reviews_a_year else None,
        frame.reference_year if frame.reference_year_rule == "title_names_earlier_year" else None,
        month_known)
    if title_period.startswith("YTD") and doc_date is not None \
            and int(title_period[4:]) <= doc_date.month:
        # 今年以来 in a release on 前三季度 published in October: the period the release is about
        # (截至目前 keeps the date it is said on)
        found_markers = [replace(m, period=title_period) if m.so_far and m.year == doc_year
                         and (m.period or "").startswith("YTD") and "以来" in text[m.start:m.end]
                         else m for m in found_markers]
    markers = _Located(found_markers)

    def worth_a_look(start: int, end: int) -> bool:
        return (wanted is None or mentions.any_within(start, end)
                or markers.any_within(start, end) or wanted.search(text, start, end) is not None)

    subject = gaz.by_id.get(frame.subject_region_id) if frame.subject_region_id else None
    if subject is None and frame.subject_region_name:
        subject = RegionInfo(None, frame.subject_region_name, "development_zone", None)
    tracker = SubjectTracker(gaz, subject)
    # A plan document, or the plan part of a report (its title says 工作安排), is all plan.
    in_plan = frame.mode == "plan"
    plan_year = None
    if in_plan:
        # a plan's horizon: the latest year its title names (三年行动方案(2023—2025年)), the
        # end of a five-year plan it names (十四五规划), else the year it was issued
        # (…十四五规划和2035年远景目标纲要: the vision year is no horizon of the plan's figures)
        vision = re.sub(r"(?:19|20)\d\d年远景", "", title or "")
        named = [m.year for m in time_markers(vision, doc_date) if m.year]
        five_year = FIVE_YEAR_PLAN.search(title or "")
        plan_year = max(named) if named else (
            PLAN_ENDS[FIVE_YEAR_NAMES[five_year.group(1)]] if five_year else doc_year)
    target_frame = False
    # The year in force carries across paragraphs (a review keeps talking about its year) but is
    # reset where a plan section starts; `paragraph_year` says whether it was set in this paragraph.
    doc_carry, doc_period = None, title_period
    estimated = False
    plan_from = -1   # where the plan part starts (a plan document: everywhere)
    dated_before = False   # a sentence before named a year or a period
    par_carry, par_period = None, None
    for par in paragraphs(text):
        estimated_list = False   # an estimate heading a list runs to the list's full stop
        tracker.new_paragraph()
        # 2024年，某区将重点抓好…工作: the plan part of a report, or of a review article that
        # ends with next steps.
        opener = None if in_plan else PLAN_OPENERS.search(par.text)
        if opener and (_measured_against(par.text, opener.start())
                       or _PLAN_MENTIONED.search(par.text, max(0, opener.start() - 24), opener.start())):
            # (报告…同时提出“十四五”规划纲要和2021年工作安排: the plan named, not begun)
            opener = None   # 认真贯彻落实省委总体要求: work done toward a plan, not the plan
        if opener and (is_report or FUTURE_VERB.search(par.text)):
            # the plan starts at the sentence that opens it (a paragraph run together from
            # broken lines may hold the review before it)
            cut = max(par.text.rfind(p, 0, opener.start()) for p in "。！？；") + 1
            years = [m.year for m in markers.within(par.start + cut, par.end) if m.year]
            # 某县上半年工作总结和下半年工作安排 (the title line): a review comes first
            reviewed_first = _REVIEW_THEN_PLAN.search(par.text, cut, opener.start()) is not None
            if not reviewed_first and ((years and doc_year and max(years) >= doc_year)
                                       or PLAN_NOW.search(par.text, cut)):
                in_plan, plan_from = True, par.start + cut
                plan_year = max(years) if years else doc_year
                doc_carry = None
        if target_frame and (REVIEW_MARKERS.search(par.text) or any(
                m.period and m.period != "FY" for m in markers.within(par.start, par.end))):
            target_frame = False   # a review or a year-to-date period closes a target list
        if par.text.lstrip().startswith("其中"):
            # 其中，某园区签约项目23个: the paragraph breaks down the one before it and keeps its time
            par_period = par_period if par_period is not None else doc_period
        else:
            par_carry, par_period = None, doc_period
        opening = markers.within(par.start, par.start + 8)
        spans = [m for m in markers.within(par.start, par.end) if m.span]
        if spans and not in_plan and (spans[0].start - par.start <= 2 or _HEADING_LINE.fullmatch(par.text)):
            # “十三五”时期 太原掀开发展新篇章 (a heading), “十三五”时期，某县…: a section about a plan
            # gone by; its figures are of the plan's last year until another time is named
            doc_carry = spans[0].year
        if opening and opening[0].future and opening[0].year:
            # 今后五年，…: a paragraph opened by a horizon lists goals for that year
            target_frame, plan_year = True, opening[0].year
        if in_plan or target_frame:
            estimated = False   # a note on the review's figures does not reach the goals
        elif ESTIMATE_NOTE.search(par.text):
            estimated = True    # the whole paragraph: the note follows its first figure
        if not worth_a_look(par.start, par.end) and not (
                TARGET_HEADERS.search(par.text) or SHORT_TARGET_HEADING.match(par.text)):
            continue   # (a heading 主要预期目标 has no figure but opens the goals below it)
        for sent in sentences(par):
            header = TARGET_HEADERS.search(sent.text) or SHORT_TARGET_HEADING.match(sent.text)
            if header and (_measured_against(sent.text, header.start())
                           or _GOALS_MET.match(sent.text, header.end())):
                header = None   # 高于年初确定的6%的预期目标, 主要预期目标全面完成: results against goals
            if header:
                target_frame = True
                par_carry = doc_carry = None   # the review's year does not run into the goals
                named = [m.year for m in markers.within(sent.start, sent.end) if m.year]
                # (二、2022年经济社会发展主要目标 on a page reposted in 2024: still 2022's goals)
                plan_year = max(named) if named and doc_year and (
                    max(named) >= doc_year or header.start() <= 16) else (plan_year or doc_year)
            if not worth_a_look(sent.start, sent.end):
                continue
            planning = (in_plan and sent.end > plan_from) or target_frame
            ctx = SentenceContext(sent, planning, plan_year, doc_date, paragraph=par, frame=frame)
            ctx.gaz = tracker.gaz
            ctx.header_end = header.end() if header else 0
            ctx.estimated = (estimated or estimated_list) and not planning
            estimated_list = bool(_LIST_ITEM_END.search(sent.text)) and (
                estimated_list or _ESTIMATE_HEADS.match(sent.text) is not None)
            _resolve_regions(ctx, tracker, mentions.within(sent.start, sent.end))
            default_year = (plan_year if planning else review_year)
            ctx.paragraph_year = par_carry or default_year
            carried = par_carry or doc_carry
            found, period = _resolve_time(ctx, markers.within(sent.start, sent.end), carried,
                                          default_year, plan_year if planning else None, par_period,
                                          "carried" if carried else ("plan_year" if planning else frame.reference_year_rule))
            if found:
                par_carry = found
                in_sentence = markers.within(sent.start, sent.end)
                last = next((m for m in reversed(in_sentence) if m.year == found and m.carry), None)
                relative = last is not None and last.relative
                opens_text = not dated_before and last is in_sentence[0] if in_sentence else False
                if not ctx.horizon_carried and not (relative and not opens_text):
                    # a goal's year (到2027年，…) and 去年 said in passing run on in their
                    # paragraph only (a 去年 that opens the text dates what follows)
                    doc_carry = found
            dated_before = dated_before or found is not None or period is not None
            if period is not None:
                # 1-5月，A…；B…: the period holds on (截至目前 only through its paragraph)
                last = next((m for m in reversed(markers.within(sent.start, sent.end))
                             if m.period is not None), None)
                par_period = period
                if last is None or not last.so_far:
                    doc_period = period
            yield ctx


# A heading: a short line with no figure and no sentence end
_HEADING_LINE = re.compile(r"[^。；;！？\d%]{2,30}")


def _resolve_regions(ctx: SentenceContext, tracker: SubjectTracker,
                     found: list[RegionMention]) -> None:
    """`found`: the document's mentions inside this sentence (document offsets)."""
    s, base = ctx.span.text, ctx.span.start
    ctx._region_pos.append(0)
    ctx._regions.append(tracker.current)
    ctx._region_rules.append("document_subject" if tracker.current is tracker.default
                             else "earlier_sentence")
    if found:
        ctx.mentions = [RegionMention(m.start - base, m.end - base, m.region, m.anaphor_kind)
                        for m in found
                        if not any(a < m.start - base < b for a, b in ctx.quoted)]
    previous, accepted = None, False
    for i, mention in enumerate(ctx.mentions):
        if mention.is_anaphor and mention.anaphor_kind.startswith("generic:"):
            # 城区、郊区: resolved against the city in force, so lists of them pair up too
            region = tracker.generic(mention.anaphor_kind[8:])
            if region is not None:
                mention = ctx.mentions[i] = RegionMention(mention.start, mention.end, region)
        clause_start = ctx.clause_of(mention.start)[0]
        following = ctx.mentions[i + 1] if i + 1 < len(ctx.mentions) else None
        accepted = tracker.observe(mention, s, clause_start, previous, accepted, following)
        previous = mention
        ctx._region_pos.append(mention.end)
        ctx._regions.append(tracker.current)
        ctx._region_rules.append(("anaphor" if mention.is_anaphor else "named_subject")
                                 if accepted else ctx._region_rules[-1])


def _resolve_time(ctx: SentenceContext, found: list[TimeMarker], carry_year, default_year,
                  plan_year, carry_period: str = "FY", default_rule: str = "document_year"
                  ) -> tuple[int | None, str | None]:
    """Fill the sentence's time markers (`found`, at document offsets); return the last
    explicit (non-plan, carrying) year it names and the period in force at its end (None when
    it names no time at all). Each position also records the rule that set its year."""
    base_year = carry_year or default_year
    ctx._time_pos.append(0)
    ctx._years.append(base_year)
    ctx._periods.append(carry_period)
    ctx._future.append(False)
    ctx._time_rules.append(default_rule)
    year, period = base_year, carry_period
    last_explicit = None
    base = ctx.span.start
    points = []
    for marker in found:
        points.append((marker.start - base, marker))
        if marker.restore_at is not None:
            points.append((marker.restore_at - base, None))
    points.sort(key=lambda p: p[0])
    before = (year, period)
    carried_period = None
    for pos, marker in points:
        if marker is None:   # the end of a from-to start: the time before it holds again
            year, period = before
            ctx._time_pos.append(pos)
            ctx._years.append(year)
            ctx._periods.append(period)
            ctx._future.append(False)
            ctx._time_rules.append("after_from_to")
            continue
        if marker.restore_at is not None:
            before = (year, period)
        rule = "explicit_year" if marker.year is not None else "explicit_period"
        if marker.year is not None:
            # 2019年…结构由上年的A调整为B: the year before the one in force there
            year = year - 1 if marker.year_before and year else marker.year
            if marker.period is not None:
                period = marker.period
            elif marker.restore_at is None:
                period = "FY"
            if marker.carry and (not marker.future or marker.written_year):
                last_explicit = marker.year   # (到十四五末 dates its own sentence only)
                ctx.horizon_carried = marker.future
            if marker.future:
                rule = "horizon"
            elif marker.restore_at is not None:
                rule = "from_to_start"
            elif not marker.carry:
                rule = "event_date"
        elif marker.period is not None:
            period = marker.period
        if marker.carry and marker.restore_at is None:
            carried_period = period   # (其中6月份… names a month for its own sentence only)
        ctx._time_pos.append(pos)
        ctx._years.append(year)
        ctx._periods.append(period)
        ctx._future.append(marker.future)
        ctx._time_rules.append(rule)
    if ctx._time_pos and len(ctx._time_pos) > 1:
        ctx.paragraph_year = ctx._years[-1] or ctx.paragraph_year
    return last_explicit, carried_period
