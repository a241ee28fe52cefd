"""Walk a document sentence by sentence, tracking what each sentence is about.

For every sentence the walker knows the subject region at any position (mentions and anaphora
resolved), the year and period at any position (explicit, relative to the document date, carried
from earlier sentences of the paragraph), and whether it sits in a work report's plan section
(the part after "今年工作的总体要求是…", whose figures are targets for the plan year).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterator

from .passages import Span, bracketed_spans, clause_bounds, paragraphs, sentences
from .regions import Gazetteer, RegionInfo, RegionMention, SubjectTracker
from .timeframe import TimeMarker, time_markers

# A paragraph that opens a work report's plan section.
PLAN_OPENERS = re.compile(r"总体要求|主要预期目标|预期目标是|重点抓好|重点做好|重点工作|工作安排|主要任务是|工作任务")
REVIEW_SIGNS = re.compile(r"一年来|过去一年|过去的一年|回顾|政府工作报告")
PLAN_NOW = re.compile(r"今年|明年|新的一年")
TARGET_CUES = re.compile(
    r"力争|目标|计划|预期|预计到|确保|争取|年内|将(?!其|之|原|会上)|要(?:实现|达到|突破|完成)|拟|规划到|到(?:19|20)\d\d年")


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
    paragraph_year: int | None = None   # the year named in this paragraph, else the document's
    indicator_matches: list | None = None
    _clauses: list[tuple[int, int]] | None = None
    _quoted: list[tuple[int, int]] | None = None
    paragraph: Span | None = None   # the paragraph the sentence stands in

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

    def future_at(self, pos: int) -> bool:
        return self._future[max(bisect_right(self._time_pos, pos) - 1, 0)]

    def has_explicit_time_before(self, pos: int) -> bool:
        return bisect_right(self._time_pos, pos) > 1

    def clause_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.clauses:
            if s <= pos < e:
                return s, e
        return self.clauses[-1]


def document_subject(mentions: list[RegionMention], gaz: Gazetteer, title: str | None
                     ) -> RegionInfo | None:
    """The region a document is mostly about: named in its title, else its most named region
    (the most specific one on a tie). `mentions` are the document's, in text order."""
    counts = Counter(m.region for m in mentions if m.region is not None and m.start < 20000)
    for m in gaz.find(title or ""):
        if m.region is not None:
            counts[m.region] += 3
    if not counts:
        return None
    best = max(counts.values())
    top = [r for r, c in counts.items() if c == best]
    return max(top, key=lambda r: len(gaz.ancestors(r.id)))


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


def walk(text: str, gaz: Gazetteer, doc_date: date | None, title: str | None = None,
         wanted: re.Pattern | None = None) -> Iterator[SentenceContext]:
    """Sentence contexts in text order.

    With `wanted`, a sentence is only yielded if `wanted` matches in it or it names a place or
    a time (which changes the context of the sentences after it). The caller's extractors
    must find nothing in a sentence `wanted` does not match: most of a report is prose with no
    figure, and skipping it is most of the walker's speed.
    """
    doc_year = doc_date.year if doc_date else None
    mentions = _Located(gaz.find(text))
    markers = _Located(time_markers(text, doc_date))

    def worth_a_look(start: int, end: int) -> bool:
        return (wanted is None or mentions.any_within(start, end)
                or markers.any_within(start, end) or wanted.search(text, start, end) is not None)

    tracker = SubjectTracker(gaz, document_subject(mentions.items, gaz, title))
    is_report = bool(REVIEW_SIGNS.search(text))
    # 阳泉市一季度经济运行稳中向好: a news headline's period frames every figure below it that
    # names no time of its own (a work report's title names the year it was given in instead).
    title_period = "FY"
    if title and not is_report:
        for marker in time_markers(title, doc_date):
            if marker.year is not None:
                title_period = "FY"
            if marker.period is not None and marker.year is None:
                title_period = marker.period
    in_plan, plan_year = False, None
    # The year in force carries across paragraphs (a review keeps talking about its year) but is
    # reset where a plan section starts; `paragraph_year` says whether it was set in this paragraph.
    doc_carry = None
    for par in paragraphs(text):
        if is_report and not in_plan and PLAN_OPENERS.search(par.text):
            years = [m.year for m in markers.within(par.start, par.end) if m.year]
            if (years and doc_year and max(years) >= doc_year) or PLAN_NOW.search(par.text):
                in_plan = True
                plan_year = max(years) if years else doc_year
                doc_carry = None
        par_carry, par_period = None, title_period
        if not worth_a_look(par.start, par.end):
            continue
        for sent in sentences(par):
            if not worth_a_look(sent.start, sent.end):
                continue
            ctx = SentenceContext(sent, in_plan, plan_year, doc_date, paragraph=par)
            _resolve_regions(ctx, tracker, mentions.within(sent.start, sent.end))
            ctx.paragraph_year = par_carry or (plan_year if in_plan else doc_year)
            found, period = _resolve_time(ctx, markers.within(sent.start, sent.end),
                                          par_carry or doc_carry, doc_year,
                                          plan_year if in_plan else None, par_period)
            if found:
                par_carry = doc_carry = found
            if period is not None:
                par_period = period   # 1-5月，A…；B…: the period holds for the paragraph
            yield ctx


def _resolve_regions(ctx: SentenceContext, tracker: SubjectTracker,
                     found: list[RegionMention]) -> None:
    """`found`: the document's mentions inside this sentence (document offsets)."""
    s, base = ctx.span.text, ctx.span.start
    ctx._region_pos.append(0)
    ctx._regions.append(tracker.current)
    if found:
        ctx.mentions = [RegionMention(m.start - base, m.end - base, m.region, m.anaphor_kind)
                        for m in found
                        if not any(a < m.start - base < b for a, b in ctx.quoted)]
    previous, accepted = None, False
    for mention in ctx.mentions:
        clause_start = ctx.clause_of(mention.start)[0]
        accepted = tracker.observe(mention, s, clause_start, previous, accepted)
        previous = mention
        ctx._region_pos.append(mention.end)
        ctx._regions.append(tracker.current)


def _resolve_time(ctx: SentenceContext, found: list[TimeMarker], carry_year, doc_year,
                  plan_year, carry_period: str = "FY") -> tuple[int | None, str | None]:
    """Fill the sentence's time markers (`found`, at document offsets); return the last
    explicit (non-plan) year it names and the period in force at its end (None when it names
    no time at all)."""
    default_year = carry_year or plan_year or doc_year
    ctx._time_pos.append(0)
    ctx._years.append(default_year)
    ctx._periods.append(carry_period)
    ctx._future.append(False)
    year, period = default_year, carry_period
    last_explicit = None
    base = ctx.span.start
    for marker in found:
        future = marker.future
        if marker.year is not None:
            year = marker.year
            period = "FY"
            if not future:
                last_explicit = marker.year
        if marker.period is not None and marker.year is None:
            period = marker.period
        ctx._time_pos.append(marker.start - base)
        ctx._years.append(year)
        ctx._periods.append(period)
        ctx._future.append(future)
    if ctx._time_pos and len(ctx._time_pos) > 1:
        ctx.paragraph_year = ctx._years[-1] or ctx.paragraph_year
    return last_explicit, (period if found else None)
