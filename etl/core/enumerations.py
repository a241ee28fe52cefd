"""Lists of places paired with lists of figures: the normal way regional reporting compares
places (平遥县、祁县分别完成投资…, A、B各新增…, 排名前三的分别是A(x)、B(y)、C(z), A、B分列第5、第7位).

One step, run on a sentence's facts after they are read: find each list of two or more places,
then give its figures to its members by the first rule that applies, recording the rule's name
on each fact it moves (`region_rule`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from .numbers import parse_chinese

JOINERS = ("、", "和", "与", "及", "以及", ",", "，")
# 两县, 三市, 等地: a count or 等 closing a list of places
LIST_TAIL = re.compile(r"[两二三四五六七八九十几]?(?:个)?(?:市|县|区|县区|县市|地|县（市、区）)?(?:等地|等)?")
RESPECTIVE = re.compile(r"分别|依次|各自|分列|分居|分别位居|分别为|依次为|依次是")
DISTRIBUTIVE = re.compile(r"(?<![\u4e00-\u9fff]{2}各)(?:各|均|都|同)(?:为|是|达|达到|新增|建成|完成|实现|增长)?")
SHARED_RATE = re.compile(r"(?:同为|均为|都是|均|同比均|皆)(?:增长|下降|提高|达到|达|超过|为)?$")
# 晋城、晋中、太原分列前三位: the list's places hold ranks 1..N in order
RANKED_AFTER = re.compile(r"(?:分列|依次位列|依次居|分居|分别位列|分别居)(?:全省|全市|全国)?前(?P<n>[二两三四五六七八九十\d]{1,2})(?:位|名)")
# 分列全市第一、二位 / 分居第3和第7位: one rank per place, in the list's order
RANK_SERIES = re.compile(r"(?:分列|分居|分别位列|分别位居|分别居|分别排|依次位列|依次居|依次排|位列|居|列|排)(?:全省|全市|全国)?"
                         r"(?:的)?(?P<ranks>第?[\d一二三四五六七八九十]{1,3}(?:[、和及]第?[\d一二三四五六七八九十]{1,3})+)(?:位|名)?")
# 沁源县、襄垣县、潞城区增速居全市前三位，分别增长a、b、c: as many places as top places, listed
# in order (their figures, if given, fall from first to last)
RANKED_TOP = re.compile(r"(?:居|位居|位列|排在|排名)(?:全省|全市|全国|全县)?前(?P<n>[二两三四五六七八九十\d]{1,2})(?:位|名|(?!季度|个月|年|[\d一二三四五六七八九十]))")
ORDINAL_LIST = re.compile(r"(?:排名|位居|位列|居)?前(?P<n>[二两三四五六七八九十\d]{1,2})(?:位|名)?的?"
                          r"[^，,。；;\d]{0,8}?(?:分别|依次)(?:是|为)")
# 晋城、阳泉、朔州三市增速全省排名第2至4位: consecutive ranks, one per place in order
RANK_RANGE = re.compile(r"第(?P<a>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)?(?:至|到|-|—|～|~)第?"
                        r"(?P<b>\d{1,3}|[一二三四五六七八九十]{1,3})(?:位|名)")


_PERIOD = r"(?:一季度|上半年|前三季度|全年|1-\d{1,2}月|前\d{1,2}个月)"
PERIOD_LIST = re.compile(rf"({_PERIOD}(?:[、和及]{_PERIOD})+)[^，,。；;]{{0,12}}?分别")
_CLAUSE_END = re.compile(r"[，；;。]|,(?!\d)")
_PERIOD_CODE = {"一季度": "YTD-03", "上半年": "YTD-06", "前三季度": "YTD-09", "全年": "FY"}


def _period_code(word: str) -> str | None:
    if word in _PERIOD_CODE:
        return _PERIOD_CODE[word]
    m = re.search(r"(\d{1,2})", word)
    month = int(m.group(1)) if m else 0
    return "FY" if month == 12 else (f"YTD-{month:02d}" if 1 <= month < 12 else None)


def distribute_periods(s: str, facts: list) -> list:
    """一季度、上半年、前三季度分别增长1.2%、2.1%、3.0%: the i-th figure is of the i-th period."""
    m = PERIOD_LIST.search(s)
    if not m:
        return facts
    periods = [_period_code(w) for w in re.findall(_PERIOD, m.group(1))]
    # the figures listed after 分别 run to the clause's end (…3.0%，全年增长3.8%: not one of them)
    stop = _CLAUSE_END.search(s, m.end())
    stop_at = stop.start() if stop else len(s)
    after = [f for f in facts if m.end() <= f.start < stop_at]
    by_unit: dict[str, list] = {}
    for f in after:
        by_unit.setdefault(f.unit, []).append(f)
    moved = {}
    for group in by_unit.values():
        if len(group) == len(periods) and all(periods):
            for f, period in zip(group, periods):
                moved[id(f)] = replace(f, period=period, time_rule="period_list")
    return [moved.get(id(f), f) for f in facts]


def place_lists(ctx) -> list[list]:
    """Runs of two or more region mentions joined only by 、/和/与/及 (and for items that carry
    their own figure, 晋中(3.2万户)、长治(2.9万户), by those bracketed figures)."""
    s = ctx.span.text
    runs, run = [], []
    for m in ctx.mentions:
        if m.region is None:
            if run and len(run) >= 2:
                runs.append(run)
            run = []
            continue
        if run:
            gap = s[run[-1].end:m.start]
            item_gap = re.fullmatch(r"[（(][^（）()]{1,16}[）)](?:、|和|与|及)", gap)
            if gap in JOINERS[:5] or item_gap:
                run.append(m)
                continue
            if len(run) >= 2:
                runs.append(run)
        run = [m]
    if len(run) >= 2:
        runs.append(run)
    return runs


def _move(fact, region, rule):
    return replace(fact, region=region, region_rule=rule)


INDICATOR_SHARED = re.compile(r"(?:增速|增幅|总量|规模)?(?:均|都|全部)")


def distribute_indicators(ctx, facts: list) -> list:
    """地区生产总值、规上工业增加值增速均排名全省前3位: one figure for each indicator listed."""
    s, matches = ctx.span.text, ctx.indicator_matches or []
    out = list(facts)
    run = []
    for m in matches:
        if run and s[run[-1].end:m.start] in ("、", "和", "及", "与"):
            run.append(m)
            continue
        if len(run) >= 2:
            break
        run = [m]
    if len(run) < 2:
        return out
    shared = INDICATOR_SHARED.search(s, run[-1].end, min(len(s), run[-1].end + 6))
    if not shared:
        return out
    stop = min([i for i in (s.find(c, shared.end()) for c in "，,；;") if i >= 0] or [len(s)])
    new = []
    for f in out:
        if shared.end() <= f.start < stop and f.indicator in (None, run[-1].info):
            new += [replace(f, indicator=m.info, label=m.info.name, kind_rule=f.kind_rule)
                    for m in run]
        else:
            new.append(f)
    return new


# 全市第一, 全省前三, 全市排名, 全市同期: the area a place is ranked or compared in
SCOPE_OF_FIGURE = re.compile(r"第|前|首|排名|排位|位次|平均|同期|水平|的")


def distribute(ctx, facts: list) -> list:
    """The sentence's facts with list figures given to their places (new facts for shared and
    distributive figures)."""
    s = ctx.span.text
    out = distribute_indicators(ctx, distribute_periods(s, list(facts)))
    # 反超了保德县(126.37亿元): a figure alone in brackets right after a place is that place's
    for m in ctx.mentions:
        if m.region is None or s[m.end:m.end + 1] not in ("(", "（"):
            continue
        for i, f in enumerate(out):
            opens = m.end + 1 + (s[m.end + 1:m.end + 2] in ("-", "−"))   # (-3.4%)
            if f.start == opens and s[f.end:f.end + 1] in (")", "）"):
                out[i] = _move(f, m.region, "item_figure")
    # 分别为：长治124.9%、忻州86.3%…: places each written right before its figure, in a list
    pairs = []
    for m in ctx.mentions:
        if m.region is None or (m.start > 0 and s[m.start - 1] not in "、：:，,；; "):
            continue
        for i, f in enumerate(out):
            if f.start == m.end and s[f.end:f.end + 1] in ("、", "，", ",", "；", ";", "。", ""):
                pairs.append((i, m.region))
    if len(pairs) >= 2:
        for i, region in pairs:
            out[i] = _move(out[i], region, "item_figure")
    for run in place_lists(ctx):
        places = [m.region for m in run]
        end = run[-1].end
        tail = LIST_TAIL.match(s, end)
        end = tail.end() if tail else end
        before_list = ctx.region_at(max(run[0].start - 1, 0))
        # the list's figures stop where the next place is named (…，石楼县下降2.4%), or a
        # scope of its own (长治、晋城保税物流中心封关运营，全省进出口…)
        limit = next((m.start for m in ctx.mentions if m.start >= end and (
            m.region is not None or (m.is_anaphor and not m.anaphor_kind.startswith("generic:")
                                     and not SCOPE_OF_FIGURE.match(s, m.end)
                                     and s[m.start - 1:m.start] not in tuple("对占比较于与同和及在")))),
                     len(s))
        after = [f for f in out if end <= f.start < limit]
        # 1. 晋中(3.2万户)、长治(2.9万户): a figure right after its place is that place's
        for m in run:
            for i, f in enumerate(out):
                if 0 <= f.start - m.end <= 1 and s[m.end:f.start] in ("(", "（", ""):
                    out[i] = _move(f, m.region, "item_figure")
        ordinal = ORDINAL_LIST.search(s, 0, run[0].start + 1)
        if ordinal and ordinal.end() <= run[0].start + 1:
            # 排名前三的分别是A、B、C: the i-th place has rank i; 前三 itself is a scope
            out = [f for f in out if not (f.kind == "rank" and f.start < run[0].start)]
            out += _ranks_in_order(run, facts, "ordinal_list")
            continue
        ranked = RANKED_AFTER.match(s, end) or RANKED_AFTER.search(s, end, min(len(s), end + 16)) \
            or _top_in_order(s, end, limit, run, out)
        if ranked:
            # 分列前三位，增速分别为a、b、c / 分别为a和b，居全市前两位: the figures pair up too
            marker = RESPECTIVE.search(s, end, limit)
            if marker:
                out = _zip_by_unit(out, [f for f in out if marker.start() <= f.start < limit],
                                   places, s, "respectively", before_list)
            out = [f for f in out if not (f.kind == "rank" and ranked.start() <= f.start < ranked.end())]
            out += _ranks_in_order(run, facts, "ranked_list")
            continue
        span = RANK_RANGE.search(s, end, limit)
        if span:
            first, last = (int(v) if v.isdigit() else int(parse_chinese(v) or 0) for v in span.group("a", "b"))
            template = next((f for f in out if f.kind == "rank" and end <= f.start < span.end()), None)
            if template is not None and first and last - first + 1 == len(run):
                out = [f for f in out if f is not template]
                out += [replace(template, start=m.start, end=m.end, region=m.region, value=float(first + i),
                                qualifier="exact", raw_number=str(first + i), region_rule="rank_range")
                        for i, m in enumerate(run)]
                # (and the list's other figures pair up below: 三市GDP分别为a、b、c，排名第8至10位)
        series = RANK_SERIES.search(s, end, limit)
        if series:
            ranks = [int(v) if v.isdigit() else int(parse_chinese(v) or 0)
                     for v in re.findall(r"[\d一二三四五六七八九十]+", series.group("ranks"))]
            template = next((f for f in out if f.kind == "rank"
                             and series.start() <= f.start < series.end()), None)
            if template is not None and len(ranks) == len(run) and all(ranks):
                out = [f for f in out if not (f.kind == "rank" and series.start() <= f.start < series.end())]
                out += [replace(template, start=m.start, end=m.end, region=m.region, value=float(v),
                                qualifier="exact", raw_number=str(v), region_rule="rank_series")
                        for m, v in zip(run, ranks)]
        marker = RESPECTIVE.search(s, end, limit)
        if marker:
            out = _zip_by_unit(out, [f for f in out if marker.start() <= f.start < limit], places,
                               s, "respectively", before_list)
            continue
        grouped = "等" in s[run[-1].end:end] or s.startswith("等", end)
        if COMBINED_AFTER.match(s, end):
            # 闻喜县、绛县等三地合计占全市的41.3%: a sum over the group, no one place's figure
            out = [f for f in out if not (end <= f.start < _clause_end(s, end))]
            continue
        if grouped and len(after) == 1 and after[0].kind in ("share", "growth"):
            # 文水县、临县等农业县第一产业占比仍超10%: one rate said of every place of the group
            out = [g for f in out for g in ([_move(f, p, "shared_by_group") for p in places]
                                             if f is after[0] else [f])]
            continue
        dist = DISTRIBUTIVE.match(s, end) or DISTRIBUTIVE.search(s, end, min(len(s), end + 12))
        if dist and after:
            # 和顺县、左权县各建成厂房三栋: each place has the figure
            new = []
            for f in out:
                if dist.start() <= f.start < limit:
                    new += [_move(f, p, "distributive") for p in places]
                else:
                    new.append(f)
            out = new
            continue
        if after:
            out = _zip_by_unit(out, after, places, s, "parallel_list", before_list)
    return out


# 甲县、乙县两地合计…, 等三县共完成…: a figure of the group taken together
COMBINED_AFTER = re.compile(r"[^，,。；;\d]{0,4}?(?:合计|共计|总计|合共|加起来|共(?![享建同识赢谋商创])|合占|共占)")


def _clause_end(s: str, start: int) -> int:
    stop = _CLAUSE_END.search(s, start)
    return stop.start() if stop else len(s)


def _top_in_order(s, end, limit, run, facts):
    top = RANKED_TOP.search(s, end, min(limit, end + 30))
    if not top:
        return None
    n = top.group("n")
    if (int(n) if n.isdigit() else int(parse_chinese(n) or 0)) != len(run):
        return None
    marker = RESPECTIVE.search(s, end, limit)
    if marker:
        values = [f.value for f in facts if marker.start() <= f.start < limit and f.kind != "rank"]
        if any(a < b for a, b in zip(values, values[1:])):
            return None   # not listed in the order of their places
    return top


def _ranks_in_order(run, facts, rule: str) -> list:
    """Rank i for the i-th place of the list, made from the sentence's own rank phrase."""
    template = next((f for f in facts if f.kind == "rank"), None)
    if template is None:
        return []
    return [replace(template, start=m.start, end=m.end, region=m.region, value=float(i),
                    qualifier="exact", raw_number=str(i), region_rule=rule, kind_rule=rule)
            for i, m in enumerate(run, start=1)]


def _zip_by_unit(out, after, places, s, rule, before_list):
    """Pair the figures of each unit with the places in order; a unit with a single figure
    stated as shared (增幅同为21.5%) goes to every place; what cannot be paired goes back to
    the subject the list interrupted, never to the list's first member."""
    ids = {id(f) for f in after}
    groups: dict[tuple, list] = {}
    for f in after:
        groups.setdefault((f.unit, f.kind == "rank"), []).append(f)
    moved: dict[int, list] = {}
    for (unit, _), group in groups.items():
        if len(group) == len(places):
            for f, p in zip(group, places):
                moved[id(f)] = [_move(f, p, rule)]
        elif len(group) == 1 and (SHARED_RATE.search(s[:group[0].start]) or (
                rule == "respectively" and group[0].kind == "growth" and len(after) > 1
                and group[0] is after[-1])):
            # (A和B分别完成投资a和b亿元，增长c%: the rate after the paired sums is said of both)
            moved[id(group[0])] = [_move(group[0], p, "shared_by_list") for p in places]
        elif len(group) > len(places) and len(group) % len(places) == 0 and rule == "respectively":
            for i, f in enumerate(group):
                moved[id(f)] = [_move(f, places[i % len(places)], rule)]
        else:
            for f in group:
                if before_list is not None:
                    moved[id(f)] = [_move(f, before_list, "list_interrupts_subject")]
    result = []
    for f in out:
        result += moved.get(id(f), [f]) if id(f) in ids else [f]
    return result
