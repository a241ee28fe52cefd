"""Whether a figure is a target (a planned level or rate) rather than an achievement, as an
ordered table of named rules; the deciding rule's name becomes the fact's `kind_rule`.

Target cues are searched in the figure's own clause only (a 计划总投资 at the start of a
sentence does not turn the completed investment after it into a target); a plan section or a
target list opened by a header (主要预期目标是：) covers the figures after it.
"""
from __future__ import annotations

import re

from .lexicon import words_re

# 计划总投资, 总投资, 预计年产值: they describe a project, they are not goals of the period.
DESCRIPTOR = re.compile(f"{words_re('project_descriptor').pattern}|预计(?:年)?(?:产值|营收|销售收入|税收)")
# Cues that plan the period's own output (计划 alone is too common in project news to count).
TARGET_CUES = re.compile(
    f"{words_re('target_cue').pattern}|(?<![即])将(?!其|之|原|会上)|要(?:实现|达到|突破|完成|确保)|"
    r"到(?:19|20)\d\d年(?![底末]?的)|全年[^，,。；;]{0,6}任务")
# Achieved or counted so far: a figure with these is no target, even inside a target list.
DONE = words_re("done_word")
ALREADY = re.compile(r"已经|已|完成了|实现了")
# 争取中央资金3.2亿元: funds obtained, not a goal (争取 there means "won")
_WON = r"争取(?![^，,。；;]{0,8}(?:资金|债券|补助|补贴|专项|中央|省级|省以上|政策))"
STRONG_CUES = re.compile(r"力争|确保|" + _WON + r"|目标|预期|(?<![即])将(?!其|之|原|会上)[^，,。；;]{0,12}?(?!作为|列为)|要(?=实现|达到|突破|完成)")
GOAL_WORDS = re.compile(r"力争|确保|" + _WON + r"|目标|预期|提出|部署")
SECURED_FUNDS = re.compile(r"争取(?:到)?[^，,。；;]{0,8}(?:资金|债券|补助|补贴|专项)")
_EST = re.compile(r"预计")
# 达产后年可实现收入6亿元: what a project will bring once running, an estimate
_ONCE_RUNNING = re.compile(r"(?:达产|投产|建成|运营)后")


def _descriptor(ctx, s, cs, ns, kind, period):
    before = s[cs:ns]
    if DESCRIPTOR.search(before) and not TARGET_CUES.search(before):
        return "project_descriptor"
    if _PLANNED_SUM.search(before) and "签约" in s[:ns] and not ctx.in_plan:
        return "project_descriptor"   # 与某公司签约…项目，拟投资4.5亿元: the signed project's size
    if _PROJECT_SUBJECT.search(s, 0, ns) and not ctx.in_plan:
        # 该项目…3至5年内预计年产值60亿元，将提供就业岗位500个: what one project is expected
        # to bring, not a goal of the region
        return "project_descriptor"
    return None


_PLANNED_SUM = re.compile(r"拟(?:总)?投资(?:额)?(?:约|达|为|超)?$")
_PROJECT_SUBJECT = re.compile(r"(?:^|[，,；;])\s*(?:该项目|项目(?:全部)?(?:建成|投产|达产)(?:投产)?后|(?:全部)?(?:建成|达产)(?:投产)?后)")


# 某产业园项目总投资45亿元 in a plan section: a named project's size, not a goal of the plan
_NAMED_PROJECT_SIZE = re.compile(r"(?:项目|工程)(?:计划|规划)?总投资(?:额)?(?:约|达|为|超)?$")


def _named_project_size(ctx, s, cs, ns, kind, period):
    return "project_descriptor" if _NAMED_PROJECT_SIZE.search(s, cs, ns) else None


def _in_target_list(ctx, s, cs, ns, kind, period):
    if not ctx.in_plan or period != "FY":
        return None
    # in a plan document 累计 is a cumulative goal; elsewhere it marks what is done
    done = ALREADY if ctx.frame is not None and ctx.frame.mode == "plan" else DONE
    if done.search(s[cs:ns]):
        return None
    year = ctx.year_at(ns)
    issued = ctx.doc_date.year if ctx.doc_date else ctx.plan_year
    if issued and year and year < issued:
        return None   # a base-year figure quoted in a plan is an actual of its own year
    return "plan_section"


def _cue_heading_sentence(ctx, s, cs, ns, kind, period):
    """2024年，某区将力争营业收入增长12%以上、新增企业15家: a plan verb heading a sentence
    of a report or plan covers its list (a review article's 将 does not)."""
    frame = ctx.frame
    if frame is None or period != "FY" or DONE.search(s[cs:ns]):
        return None
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    year = ctx.year_at(ns)
    head = _sentence_head(ctx, s, cs)
    if frame.mode == "review":
        # a review article's closing 2023年，某区将力争…、新增…, 会议提出，2024年…: a goal
        # word (not a bare 将) heading a sentence that names a year not yet over
        ref = frame.reference_year
        if _NAMED_YEAR.search(head + s[cs:ns]) and year and ref and GOAL_WORDS.search(head) and \
                (year > ref or (doc_year and year >= doc_year)):
            return "plan_verb_heads_sentence"
        return None
    if STRONG_CUES.search(head) and year and doc_year and year >= doc_year:
        return "plan_verb_heads_sentence"
    return None


_NAMED_YEAR = re.compile(r"(?:19|20)\d\d年|今年|明年")
_FULL_STOP = re.compile(r"[。！？!?]")


def _sentence_head(ctx, s, cs) -> str:
    """What stands before the clause in the whole sentence: items after ； belong to the same
    sentence as what stands before the ； (会议提出，2024年…增长10%；某园区…突破550亿元)."""
    par = ctx.paragraph
    before = ""
    if par is not None:
        earlier = par.text[:ctx.span.start - par.start]
        stops = list(_FULL_STOP.finditer(earlier))
        before = earlier[stops[-1].end():] if stops else earlier
    return before + s[:cs]


_YEAR_NAMED = re.compile(r"(?:19|20)\d\d年|去年|上年|今年|明年|过去一年|一年来")
_GOAL_VERB = re.compile(r"力争|确保|" + _WON + r"|预期")


def _goal_verb_in_report(ctx, s, cs, ns, kind, period):
    """力争全年规上工业增加值增长7% on a page of a report: a goal of the year it was given in,
    though the page (with no section header) reads as a review."""
    frame = ctx.frame
    if frame is None or not frame.doc_type.startswith("work_report") or period != "FY":
        return None
    head = _sentence_head(ctx, s, cs) + s[cs:ns]
    if _GOAL_VERB.search(head) and not DONE.search(s[cs:ns]) and not _YEAR_NAMED.search(head):
        return "goal_verb_in_report"
    return None


# 市长要求，…要加快…，确保…复工，新建项目开工率达到90%: an official's demand heading the
# sentence, with a goal verb, makes goals of the figures after it
_DEMANDED = re.compile(r"(?:要求|强调|提出|指出|号召)[^。！？!?]*?(?:确保|力争|" + _WON + r"|要(?=实现|达到|突破|完成|确保))")


def _demand_heads_sentence(ctx, s, cs, ns, kind, period):
    if period != "FY" or DONE.search(s[cs:ns]) or ALREADY.search(s[cs:ns]):
        return None
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    year = ctx.year_at(ns)
    if year and doc_year and year >= doc_year and _DEMANDED.search(_sentence_head(ctx, s, cs)):
        return "demand_heads_sentence"
    return None


# 年度投资计划865.3亿元, 全年计划投资: the year's plan written as a noun before its figure
_PLAN_NOUN = re.compile(r"(?:(?:年度|全年|当年|年)(?:投资|建设)?计划(?:投资|完成投资|完成)?|投资计划)(?:为|是|达|达到)?$")


def _plan_noun(ctx, s, cs, ns, kind, period):
    return "plan_noun" if kind == "value" and _PLAN_NOUN.search(s, cs, ns) else None


def _future_horizon(ctx, s, cs, ns, kind, period):
    return "future_horizon" if ctx.future_at(ns) and period == "FY" else None


def _cue_in_clause(ctx, s, cs, ns, kind, period):
    if period != "FY" and kind == "growth":
        return None   # a year-to-date rate is an actual
    doc_year = ctx.doc_date.year if ctx.doc_date else None
    year = ctx.year_at(ns)
    cue = TARGET_CUES.search(s[cs:ns + 1])
    if cue and year and doc_year and year >= doc_year:
        if _EST.search(s, 0, ns) and not GOAL_WORDS.search(s, 0, ns) and year == doc_year:
            return None   # 预计全年…将达到: an early estimate of the year, not a goal
            # (预计到2025年…有望达到: a later year's projection is a goal)
        return "target_cue_in_clause"
    return None


# Inside a plan section a project's total investment is part of the plan (统筹推进总投资N亿元的M个项目),
# unless it follows the project's name.
TARGET_RULES = [_named_project_size, _in_target_list, _plan_noun, _descriptor, _future_horizon, _cue_in_clause,
                _cue_heading_sentence, _goal_verb_in_report, _demand_heads_sentence]


def promote_to_target(ctx, s, clause_start, clause_end, num_start, kind, kind_rule, qualifier,
                      year, period):
    """(kind, kind_rule, qualifier, year) after deciding whether the figure is a target."""
    if kind == "target" and kind_rule == "control_within" and not (
            ctx.in_plan or ctx.future_at(num_start) or TARGET_CUES.search(s, clause_start, num_start)
            or STRONG_CUES.search(s, 0, clause_start)
            or (year and ctx.doc_date and year >= ctx.doc_date.year and ctx.doc_date.month < 12)):
        # 失业率控制在5.5%以内 in a review of a finished year: the ceiling was kept, an
        # achieved rate (of a year still running it can only be a goal)
        return "share", "control_within_achieved", qualifier, _actual_year(ctx, num_start, year)
    if kind == "target":   # 控制在3%以内: decided by its kind rule already
        return kind, kind_rule, qualifier, year
    if kind not in ("value", "growth", "share") or kind_rule == "progress_toward_plan":
        return kind, kind_rule, qualifier, year
    if SECURED_FUNDS.search(s, clause_start, num_start) and not ctx.in_plan:
        return kind, kind_rule, qualifier, _actual_year(ctx, num_start, year)   # funds won
    for rule in TARGET_RULES:
        name = rule(ctx, s, clause_start, num_start, kind, period)
        if name == "project_descriptor":
            expected = _EST.search(s[clause_start:num_start]) or _ONCE_RUNNING.search(s, 0, num_start)
            est = "estimate" if expected and qualifier == "exact" else qualifier
            if ctx.future_at(num_start) and ctx.doc_date:
                year = ctx.doc_date.year   # (3至5年内预计…: told this year, of no horizon of the region)
            return kind, name, est, _actual_year(ctx, num_start, year)
        if name:
            if kind == "share" and name == "target_cue_in_clause" and \
                    _SHARE_OF_PLAN.search(s, clause_start, num_start):
                return kind, kind_rule, qualifier, year   # 占全年任务的30%: a share of the plan
            if qualifier == "estimate":
                qualifier = "exact"
            if name == "goal_verb_in_report":
                year = ctx.doc_date.year if ctx.doc_date else year
            return "target", name, qualifier, year
    return kind, kind_rule, qualifier, _actual_year(ctx, num_start, year)


_SHARE_OF_PLAN = re.compile(r"占|完成|实现|任务|计划|进度|指数")


def _actual_year(ctx, num_start, year):
    """An achieved figure inside a list of goals (累计完成…) is of the reviewed year, not the
    plan year the list defaults to (a plan document has no reviewed year of its own)."""
    frame = ctx.frame
    if ctx.in_plan and frame is not None and frame.mode != "plan" and year == ctx.plan_year \
            and frame.reference_year and not ctx.has_explicit_time_before(num_start):
        return min(year, frame.reference_year)
    return year
