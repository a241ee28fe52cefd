"""What kind of figure a number is (value, growth, share, target), as an ordered table of named
rules. The first rule that decides wins; its name is recorded on the fact (`kind_rule`), so a
reader can see why a figure was read as a growth rate rather than a share.

Each rule sees the sentence, the clause start, the number's span and its canonical unit, and
returns None (no opinion) or (kind, sign). A kind of None with a rule name means "not a fact".
"""
from __future__ import annotations

import re

from .lexicon import words, words_re

def _alt(name: str) -> str:
    return f"(?:{words_re(name).pattern})"


GROWTH_WORDS = words_re("growth_word")
DECLINE_WORDS = re.compile(f"({words_re('decline_word').pattern}|降幅(?![^，,。；;]*(?:收窄|缩小|减小)))"
                           "[^增长提高加快回升收窄缩小]*$")
SHARE_WORDS = re.compile(f"{_alt('share_word')}|率(?:为|达|达到)?$")
# 比全省高1.2个百分点, 高于全国平均水平: a difference with another region
OTHER_REGION = re.compile(f"{_alt('comparison_verb')}(?:{words_re('comparison_base').pattern}|"
                          r"[\u4e00-\u9fff]{2,4}(?:省|市|县))[^，,。；;]{0,10}$")
CONTRIBUTION = re.compile(r"贡献率|增长贡献|贡献较大|贡献最大")
PROGRESS = re.compile(r"(?:完成|占|达到|实现)[^，,。；;]{0,10}(?:目标|任务|计划)[^，,。；;]{0,4}的$")
VS_PLAN = re.compile(r"(?:高于|低于|超过|超出|好于|快于|慢于)[^，,。；;]{0,6}(?:预期|目标|计划|任务|预算)[^，,。；;]{0,4}$")
TIME_SCHEDULE = re.compile(r"(?:时序进度|序时进度|超任务|超目标|超计划)[^，,。；;]{0,4}$")
PULL = re.compile(f"({words_re('pull_word').pattern})[^，,。；;]{{0,14}}$")
PULL_DOWN = set(words("pull_down_word"))
GROWTH_NOUN_AFTER = re.compile(f"的?(?:[A-Z]{{2,4}}|(?<=的)[^，,。；;\\d%()（）]{{0,4}}?)?({words_re('growth_noun').pattern})")
# 高于/低于 + anything but an earlier period of the same series (比一季度加快 stays a change)
VS_OTHER = re.compile(r"(?:高于|低于|快于|慢于|高出|领先|落后|远超|远高于|远低于|超出)(?!上年|去年|上月|同期|一季度|上半年|前三季度|年初)"
                      r"[^，,。；;]{1,20}$")
CONTROL = re.compile(r"控制在[^，,。；;]{0,6}$")
# Between two items of one list: a joiner, or the next item's name in brackets (A（x%）、B（y%）)
LIST_GAP = re.compile(r"[)）]?(?:、|和|及|与)?(?:[^，,。；;\d%（()）]{1,10}[（(])?[-−]?")   # 和-6.3%: a minus


def _points_vs_other_region(s, cs, ns, ne, unit, previous):
    if unit in ("个百分点", "%") and OTHER_REGION.search(s[cs:ns]) and not _IN_BRACKET_AFTER_NAME.search(s, cs, ns):
        return None, 1   # (低于全省的市是吕梁市(-3.4%): the named place's own rate stays)
    if unit == "个百分点" and (VS_PLAN.search(s[cs:ns]) or TIME_SCHEDULE.search(s[cs:ns])):
        return None, 1   # 低于年初预期3.2个百分点, 超时序进度4.5个百分点: a gap to the plan, not a figure
    if unit == "个百分点" and VS_OTHER.search(s[cs:ns]):
        return None, 1   # 增幅低于公路运输4.1个百分点: a gap to something else, not a change
    if unit == "个百分点" and s[cs - 1:cs] == "、" and _LISTED_BASE.match(s, cs, ns) and previous \
            and previous[-1].kind == "growth" and OTHER_REGION.search(s, max(0, cs - 24), cs):
        return None, 1   # 快于全省2.2个百分点、全国2.6个百分点: the list's next base, a gap too
    return False


_LISTED_BASE = re.compile(r"(?:全国|全省|全市|全县|省|国家|平均)[^，,。；;\d]{0,6}$")


_GOAL_AFTER = re.compile(r"(?:左右|以上|以内)?的(?:年初)?(?:预期目标|预期|目标|计划目标)")
_DECLINE_RIGHT_BEFORE = re.compile(r"(?:下降|降低|减少|负增长)$")


def _stated_goal(s, cs, ns, ne, unit, previous):
    """好于下降8%的预期, 超过年初确定的6%的目标: the figure names the year's goal itself."""
    if unit == "%" and _GOAL_AFTER.match(s, ne):
        return "target", -1 if _DECLINE_RIGHT_BEFORE.search(s, max(cs, ns - 4), ns) else 1
    return False


def _progress_toward_plan(s, cs, ns, ne, unit, previous):
    """完成全年目标任务的64.6%: how far the plan is done, a share (never a target)."""
    if unit == "%" and PROGRESS.search(s[cs:ns]):
        return "share", 1
    return False


def _contribution_rate(s, cs, ns, ne, unit, previous):
    if unit == "%" and CONTRIBUTION.search(s[cs:ns]):
        return "share", 1
    return False


def _pull_in_points(s, cs, ns, ne, unit, previous):
    m = PULL.search(s[cs:ns]) if unit == "个百分点" else None
    if m:
        return "growth", -1 if m.group(1) in PULL_DOWN else 1
    return False


def _control_within(s, cs, ns, ne, unit, previous):
    if unit == "%" and CONTROL.search(s[cs:ns]):
        return "target", 1
    return False


def _growth_noun_after(s, cs, ns, ne, unit, previous):
    m = GROWTH_NOUN_AFTER.match(s, ne)
    if unit == "%" and m:
        return "growth", -1 if m.group(1) == "降幅" else 1
    return False


def _list_item(s, cs, ns, ne, unit, previous):
    """分别增长8.4%、15.2%和3.5%: a bare figure in a list takes the kind and sign of the first."""
    if unit in ("%", "个百分点") and previous:
        last = previous[-1]
        if last.unit == unit and last.kind in ("growth", "share", "target") and \
                LIST_GAP.fullmatch(s[last.end:ns].strip()):
            # the list's decline word makes every item negative; a written minus only its own
            written_minus = s[last.start - 1:last.start] in ("-", "−")
            return last.kind, -1 if last.value < 0 and not written_minus else 1
    return False


# 城镇化率为43.6%，比上年末提高0.8个百分点: a clause that is only a comparison and a change
CHANGE_ONLY = re.compile(r"^\s*(?:同比|比|较)(?:上年|去年|上年末|去年末|上年同期|去年同期|年初|上月|上季度)?"
                         r"(?:末|底)?(?:提高|上升|提升|增加|下降|回落|减少|降低|收窄|扩大)了?$")


def _change_of_share(s, cs, ns, ne, unit, previous):
    """The clause after a share that only says how much it moved: the share's change, in
    points (a change of a share is a share, as 占比比上年提高1.5个百分点 is)."""
    if unit == "个百分点" and previous and previous[-1].kind == "share" and previous[-1].unit == "%" \
            and CHANGE_ONLY.match(s[cs:ns]):
        return "share", -1 if DECLINE_WORDS.search(s[cs:ns]) else 1
    return False


# 三次产业构成为a:b:c。第一产业提高0.4个百分点: a sector named alone, moving in points, is its
# share of the economy moving (its output's growth would say 增加值 or 增速)
SECTOR_MOVED = re.compile(r"^\s*第[一二三]产业(?:比重|占比|所占比重)?(?:比上年|较上年|同比)?(?:提高|提升|上升|下降|降低|增加|减少|回落)了?$")


def _sector_share_moved(s, cs, ns, ne, unit, previous):
    if unit == "个百分点" and SECTOR_MOVED.match(s[cs:ns]):
        return "share", -1 if DECLINE_WORDS.search(s[cs:ns]) else 1
    return False


# 城镇化率由71.3%提高到76.8%, 贫困发生率下降到1.9%: the levels a rate moved between
REACHED = re.compile(r"(?:提高|提升|上升|下降|降低|增加|增长|减少|回落|降|升)(?:到|至)(?:(?:19|20)\d\d年(?:底|末)?的)?$"
                     r"|(?:由|从)(?:(?:19|20)\d\d年(?:底|末)?的|上年的|去年的|上年末的)?$")
RATE_OF_GROWTH = re.compile(r"增速|增幅|增长率|增长速度")


CHANGE_ONLY_GROWTH = re.compile(r"^\s*(?:同比|比上年|较上年|比去年|较去年|比上年预算|比上年执行数)?"
                                r"(?:增长|下降|提高|减少)$")


def _change_of_target(s, cs, ns, ne, unit, previous):
    """预算安排4.8亿元，比上年增长5.1%: the clause only says how much the goal before it grows."""
    if unit == "%" and previous and previous[-1].kind == "target" and CHANGE_ONLY_GROWTH.match(s[cs:ns]):
        return "target", -1 if DECLINE_WORDS.search(s[cs:ns]) else 1
    return False


# The periods a rate in brackets is compared with (较一季度(-9.1%), 较去年同期(-3.1%)).
COMPARED_PERIODS = r"去年同期|上年同期|去年|上年|一季度|上半年|前三季度|1-\d{1,2}月|上月|同期"
_PERIOD_IN_BRACKET = re.compile(rf"(?:较|比|与)?(?:{COMPARED_PERIODS})?[(（]-?$")


def _bracketed_like_previous(s, cs, ns, ne, unit, previous):
    """较一季度(-9.1%)回升: a rate in brackets after an earlier period is the same kind of rate
    as the one it is compared with."""
    if unit == "%" and previous and previous[-1].unit == "%" and previous[-1].kind in ("growth", "share") \
            and _PERIOD_IN_BRACKET.search(s, max(cs, ns - 8), ns):
        return previous[-1].kind, 1
    return False


# 增速逐季回升，一季度(3.8%)、上半年(4.6%): a period's rate in brackets, in a sentence on growth
_PERIOD_RATE = re.compile(rf"(?:{COMPARED_PERIODS}|全年)[(（]$")


def _period_rate_in_bracket(s, cs, ns, ne, unit, previous):
    if unit == "%" and _PERIOD_RATE.search(s, max(0, ns - 8), ns) and GROWTH_WORDS.search(s, 0, ns):
        return "growth", 1
    return False


def _level_reached(s, cs, ns, ne, unit, previous):
    """A percentage a rate moved from or to is that rate's level: a share, or a growth rate
    when the rate is one (增速由5%提高到8%)."""
    before = s[cs:ns]
    if unit == "%" and REACHED.search(before):
        return ("growth" if RATE_OF_GROWTH.search(before) else "share"), 1
    return False


_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")


GROWTH_RATE_NAMED = re.compile(r"(?:增长率|增长速度)(?:为|达|达到|是)?$")


def _growth_word(s, cs, ns, ne, unit, previous):
    before = _BRACKETED.sub("", s[cs:ns])   # 煤炭行业(占比78%)增长10%: the bracket is an aside
    if unit in ("%", "个百分点") and GROWTH_WORDS.search(before) and (
            not SHARE_WORDS.search(before) or GROWTH_RATE_NAMED.search(before)):   # 增长率为7.8%
        return "growth", -1 if DECLINE_WORDS.search(before) else 1
    return False


# 巩固率提高1.3个百分点, 达线率提升6.2个百分点: a rate (not a growth rate) moved in points
RATE_MOVED = re.compile(r"(?<!增长)(?<!增)率(?:比上年|较上年|同比|比上年末|较上年末)?(?:提高|提升|上升|增加|下降|降低|回落|减少)了?$")


def _rate_moved_in_points(s, cs, ns, ne, unit, previous):
    before = s[cs:ns]
    if unit == "个百分点" and RATE_MOVED.search(before):
        return "share", -1 if DECLINE_WORDS.search(before[-4:]) else 1
    return False


# 居民消费价格总指数为101.6% (last year = 100): a price index is growth of (index - 100)
PRICE_INDEX = re.compile(r"(?:价格|物价)[^，,。；;\d]{0,8}?指数(?:为|是|达到|达)?$")


def _price_index(s, cs, ns, ne, unit, previous):
    if unit == "%" and PRICE_INDEX.search(s[cs:ns]):
        return "growth", 1
    return False


def _share_word(s, cs, ns, ne, unit, previous):
    before = s[cs:ns]
    if unit in ("%", "个百分点") and SHARE_WORDS.search(before):
        return "share", -1 if unit == "个百分点" and DECLINE_WORDS.search(before) else 1
    return False


def _points_are_change(s, cs, ns, ne, unit, previous):
    if unit == "个百分点":   # a change in points is never a level
        return "growth", -1 if DECLINE_WORDS.search(s[cs:ns]) else 1
    return False


# 增速方面，某县以20.9%领跑: a sentence opened by growth as its topic
_GROWTH_TOPIC = re.compile(r"^[^。；;]{0,6}?(?:增速方面|增幅方面|从增速(?:来)?看|从增幅(?:来)?看|增速上)")


def _growth_topic(s, cs, ns, ne, unit, previous):
    if unit == "%" and _GROWTH_TOPIC.search(s) and not SHARE_WORDS.search(s, cs, ns):
        return "growth", -1 if DECLINE_WORDS.search(s, cs, ns) else 1
    return False


# 增速高于全省的市分别是：阳泉市(21.6%)、…: a place's rate in brackets, in a sentence on growth
_IN_BRACKET_AFTER_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?<!全省)(?<!全市)(?<!全国)(?<!全县)(?<!平均)(?<!目标)(?<!任务)(?<!计划)[(（][-−]?$")


def _place_rate_in_bracket(s, cs, ns, ne, unit, previous):
    if unit == "%" and _IN_BRACKET_AFTER_NAME.search(s, max(0, ns - 12), ns) \
            and GROWTH_WORDS.search(s, 0, ns) and not SHARE_WORDS.search(s, 0, ns) \
            and not re.search(r"占|比重|比例|构成|贡献", s[:ns]):
        return "growth", 1
    return False


def _bare_percent(s, cs, ns, ne, unit, previous):
    if unit == "%":
        return "share", 1
    return False


def _level(s, cs, ns, ne, unit, previous):
    return "value", 1


_RATE_UNITS = ("%", "个百分点")

KIND_RULES = [
    ("points_vs_other_region", _points_vs_other_region),
    ("stated_goal", _stated_goal),
    ("progress_toward_plan", _progress_toward_plan),
    ("contribution_rate", _contribution_rate),
    ("pull_in_points", _pull_in_points),
    ("control_within", _control_within),
    ("growth_noun_after", _growth_noun_after),
    ("list_item_inherits", _list_item),
    ("level_moved_to", _level_reached),
    ("bracketed_like_previous", _bracketed_like_previous),
    ("period_rate_in_bracket", _period_rate_in_bracket),
    ("change_of_previous_target", _change_of_target),
    ("change_of_previous_share", _change_of_share),
    ("sector_share_moved", _sector_share_moved),
    ("price_index", _price_index),
    ("rate_moved_in_points", _rate_moved_in_points),
    ("growth_word", _growth_word),
    ("share_word", _share_word),
    ("points_are_change", _points_are_change),
    ("growth_topic", _growth_topic),
    ("place_rate_in_bracket", _place_rate_in_bracket),
    ("bare_percent", _bare_percent),
    ("level", _level),
]


def decide_kind(s: str, clause_start: int, num_start: int, num_end: int, unit: str,
                raw_unit: str, previous) -> tuple[str | None, str, int]:
    """(kind, rule name, sign). kind None: the number is not a fact of the region."""
    if raw_unit == "倍":
        return "growth", "times_are_growth", 1   # 增长1.3倍, 顺差扩大3.2倍: growth of 130%, 320%
    if raw_unit == "成":
        if GROWTH_WORDS.search(s[clause_start:num_start]):
            return "growth", "tenths_of_growth", -1 if DECLINE_WORDS.search(s[clause_start:num_start]) else 1
        return "share", "tenths_are_share", 1
    if unit == "‰":
        return "share", "per_mille_rate", 1   # 出生率6.49‰, 自然增长率-2.58‰: rates per thousand
    if unit not in _RATE_UNITS:
        return "value", "level", 1   # every rule before `level` speaks of rates and points only
    for name, rule in KIND_RULES:
        out = rule(s, clause_start, num_start, num_end, unit, previous)
        if out is not False:
            return out[0], name, out[1]
    return "value", "level", 1
