"""Named projects, their stage and where they are, as Chinese project reporting writes them.

Reporting names a project in a few ways (examples invented):
    甲乙新材料产业园开工建设            a name ending in a project noun, the event after it
    签约甲科技、乙物流等12个项目        a 等 list: its items need no project noun
    集中开工的项目包括甲、乙等          an introduced list, the event before it
    总投资5亿元的某县甲乙项目           a descriptor ending in 的 is not part of the name
    “甲乙云谷”开工建设                  a quoted name

A sentence is cut into chunks at commas, semicolons and colons. The CANDIDATE_RULES (ordered:
an earlier rule's span wins) find name spans; `_clean` takes lead verbs, descriptors, quotes
and a trailing 项目 off; the NAME_CHECKS reject what is no name (a verb phrase, a class of
projects, a place or firm alone, a slogan); STAGE_RULES and REGION_RULES decide the stage
and the region, each recording the name of the rule that decided. The confidence is the
product of what each rule is worth. The word lists are data: data/reference/lexicon/project_*.csv.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference import load_lexicon
from .wordtrie import trie_pattern


def _alternation(words) -> re.Pattern:
    return re.compile(trie_pattern(words))


_STAGE_ROWS = load_lexicon("project_stages")
STAGE_OF = {r["word"]: r["stage"] for r in _STAGE_ROWS}   # stage "": a word that masks one (施工现场)
STAGE_WORDS = _alternation(STAGE_OF)
FUTURE_MARKERS = _alternation(r["word"] for r in load_lexicon("project_stage_modifiers")
                              if r["effect"] in ("future", "not_yet"))
_LEAD_ROWS = load_lexicon("project_lead_words")
# Lead words and every event word: 建成投用甲馆, 开工建设甲公路 — the event is no part of the name.
LEAD_WORDS = _alternation([r["word"] for r in _LEAD_ROWS if r["role"] in ("lead", "adverb")]
                          + [w for w, stage in STAGE_OF.items() if stage])
REJECT_START = _alternation(r["word"] for r in _LEAD_ROWS if r["role"] == "reject")
ADVERBS = _alternation(r["word"] for r in _LEAD_ROWS if r["role"] == "adverb")
_SUFFIX_ROWS = load_lexicon("project_name_suffixes")
STRONG_SUFFIX = _alternation(r["word"] for r in _SUFFIX_ROWS if r["strength"] == "strong")
ANY_SUFFIX = _alternation(r["word"] for r in _SUFFIX_ROWS)
_STOP_ROWS = load_lexicon("project_stopwords")


def _stop(*kinds: str) -> re.Pattern:
    return _alternation(r["word"] for r in _STOP_ROWS if r["kind"] in kinds)


GENERIC = _stop("generic", "classifier")
CLASSIFIER_END = re.compile(f"(?:{_stop('classifier').pattern})$")
EVENT_WORDS = _stop("event")
VERB_PHRASE = _stop("verb_phrase")
PROGRAMME_END = re.compile(f"(?:{_stop('programme_end').pattern})$")
PLACE_END = re.compile(f"(?:{_stop('place_end').pattern})$")
ORG_END = _stop("org_end")

# Kept for etl.core's sentence prefilter (its lookahead lists these first characters).
PROJECT_HINT = re.compile(r"项目|等|园|港|城|中心|基地|工厂|生产线|广场|工程")

_PHASE = re.compile(r"[(（]?[一二三四五六七八九十\d]期(?:工程)?[)）]?")
_NUMBERING = re.compile(r"[一二三四五六七八九十]+是|[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]|[①-⑳]|"
                        r"[●•■□◆▲★\-—－]+\s*|【[^】]{0,12}】")
_TIME_LEAD = re.compile(r"(?:(?:19|20)\d\d年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午)?")
_SLOGAN = re.compile(r"[一二三四五六七八九十两百千万+＋]")   # “一体两翼”, “网格化+全帮办”
_WEAK_EVENTS = {"建设", "推进", "实施"}
_QUOTES = "“”\"'‘’「」《》 \u3000"
_NUMERAL = re.compile(r"[\d.零〇一二两三四五六七八九十百千万亿%]+")
_SUFFIX_JOIN = re.compile(f"(?:{ANY_SUFFIX.pattern})(?:和|及)")
SUFFIX_END = re.compile(f"(?:{ANY_SUFFIX.pattern})$")
STRONG_END = re.compile(f"(?:{STRONG_SUFFIX.pattern})$")


@dataclass
class RawProject:
    start: int
    end: int
    region: object
    year: int | None
    name: str
    stage: str
    confidence: float = 0.6
    name_is_quote: bool = False
    name_rule: str = ""
    stage_rule: str = ""
    region_rule: str = ""
    time_rule: str = ""


@dataclass
class Candidate:
    start: int            # the raw span; `_clean` narrows it to the name
    end: int
    rule: str
    list_start: int       # the whole list or phrase the name stands in: the stage is read
    list_end: int         # outside it, the subject region at its start
    has_suffix: bool      # ends in a project noun (项目, 工程, 产业园 …) as written
    anchor: tuple | None = None   # shared_suffix: the raw span of the item whose noun it shares
    raw_start: int = -1           # where the item started before `_clean`


# ---------------------------------------------------------------- candidates

_CHUNK_EVENTS = re.compile(r"[“(（「《”)）」》，,；;：:。！？!?]")


def _chunks(s: str) -> list[tuple[int, int]]:
    """Spans between commas, semicolons and colons, never cut inside “…” or (…)."""
    out, start, depth = [], 0, 0
    for m in _CHUNK_EVENTS.finditer(s):   # only separators and brackets: no per-character loop
        ch, i = m.group(0), m.start()
        if ch in "“(（「《":
            depth += 1
        elif ch in "”)）」》":
            depth = max(depth - 1, 0)
        elif depth == 0:
            if ch == "," and 0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit():
                continue   # 1,234
            out.append((start, i))
            start = i + 1
    out.append((start, len(s)))
    return [(a, b) for a, b in out if b > a]


def _items(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The 、-separated items of s[a:b]; 和/及 separate items too after a project noun
    (甲综合体和乙产业园项目: two projects)."""
    out, pos = [], a
    for part in s[a:b].split("、"):
        start = pos
        for m in _SUFFIX_JOIN.finditer(part):
            out.append((start, pos + m.end() - 1))
            start = pos + m.end()
        out.append((start, pos + len(part)))
        pos += len(part) + 1
    return out


# What may follow a name ending in 项目/工程 besides a list mark or an event: its descriptors.
_AFTER_NAME = re.compile(r"计划总投资|总投资|计划投资|投资|占地|位于|是|由|于|在|正|的|为(?!王)|被|列入|建成后|投产后|"
                         r"达产后|合作协议|投资协议|协议|合同|成为|列为|被列为|入选|纳入|获批|[(（]")
# An object introduced inside a clause: 与某公司签订了甲项目协议, 就甲项目进行洽谈.
_OBJECT_MARK = re.compile(f"(?:{STAGE_WORDS.pattern}|引进|完成)了|就|(?:一同|共同|领导|嘉宾)为|(?:开工|签约|投产|仪式|活动|大会|推进会)暨|"
                          r"(?:一行)?(?:深入|来到|走进|察看|查看|观摩|考察|调研)|代表性?项目"
                          # 某集团在某县某地举行甲项目开工仪式: the project named after the venue
                          r"|(?:隆重|正式|集中)?(?:举行|举办)了?"
                          # 与某某有限公司签约甲项目, 某公司与某公司共建甲产业园: the firms are partners
                          r"|(?:公司|集团|企业)(?:签约|签订|签署|共建|合作建设|投资建设|投资兴建|联合建设)了?")
_INTRODUCER = re.compile(r"包括|包含|涵盖|分别是|分别为|主要有|具体有|还有|其中有")


def _skip_adverbs(s: str, pos: int, end: int) -> int:
    while pos < end:
        m = ADVERBS.match(s, pos, end)
        if not m:
            break
        pos = m.end()
    return pos


def _name_ends(s: str, a: int, b: int, cb: int, event_before: bool = False) -> list[int]:
    """Where names ending in a project noun end within the item s[a:b] (cb: the chunk's end):
    each project noun, with a phase (二期), 建设 and 项目/工程 after it, that may end a name.
    After 项目/工程 a list mark, an event, an adverb or a descriptor may follow; after a weaker
    noun (产业园, 中心 …) an event must follow (甲产业园开工), at once or after the list it ends,
    or precede the list (开工建设了甲产业园、乙基地)."""
    out, pos = [], a
    for m in ANY_SUFFIX.finditer(s, a, b):
        if m.start() < pos:
            continue
        end, strong = m.end(), bool(STRONG_SUFFIX.fullmatch(m.group(0)))
        while True:
            nxt = _PHASE.match(s, end, b) or STRONG_SUFFIX.match(s, end, b) or _BUILD.match(s, end, b)
            if not nxt:
                break
            strong = strong or bool(STRONG_SUFFIX.search(nxt.group(0)))
            end = nxt.end()
        pos = end
        if end >= cb or s[end] in "、等和及与”\")）》":
            if strong or event_before or (end < cb and STAGE_WORDS.search(s, end, cb)):
                out.append(end)
            continue
        after = _skip_adverbs(s, end, cb)
        event = STAGE_WORDS.match(s, after, cb)
        if event and not strong and _VENUE_OBJECT.match(s, event.end(), cb):
            continue   # 甲产业园签约3个项目: the park hosts the projects
        if event or (strong and (after > end or _AFTER_NAME.match(s, end, cb))):
            out.append(end)
    return out


_BUILD = re.compile(r"建设(?=项目|工程)")
_VENUE_OBJECT = re.compile(r"(?:了)?[\d一二两三四五六七八九十百]+(?:多|余)?[个项批](?:重点|重大)?(?:项目|工程)")


def rule_quoted_name(s, ca, cb, ctx) -> list[Candidate]:
    """“甲乙云谷”开工建设 / “甲乙云谷”项目: a quoted name right before 项目 or an event word
    (a mere 建设/推进 after a quote is how slogans are written: “某某”建设)."""
    out = []
    for m in re.finditer(r"“([^“”、]{2,30})”", s[ca:cb]):
        a, b = ca + m.start(1), ca + m.end(1)
        inner, after = m.group(1), ca + m.end()
        if _SLOGAN.search(inner):
            continue
        suffix = re.compile("项目").match(s, after, cb)   # “某某”工程 names a programme
        stage = STAGE_WORDS.match(s, after, cb)
        if suffix or (stage and (stage.group(0) not in _WEAK_EVENTS or ANY_SUFFIX.search(inner))):
            end = suffix.end() if suffix else after
            out.append(Candidate(a, b, "quoted_name", ca + m.start(), end, bool(suffix)))
    return out


# 高等, 同等, 平等 … are words, not the list mark
_DENG_LIST = re.compile(r"(?<![高同平对上中次均头优初])等(?P<mid>[^、]{0,26}?)(?:项目|工程)")
_DENG_KIND = re.compile(r"(?<![高同平对上中次均头优初])等")


def _deng_list_end(s: str, ca: int, cb: int) -> tuple[int, int] | None:
    """(where 等 stands, where the list phrase ends) of a list of projects in s[ca:cb]: 等 then
    项目/工程 (等N个重点项目), or 等 then a kind of facility and an event (等城市综合体投入运营)."""
    m = _DENG_LIST.search(s, ca, cb)
    if m and "项目" not in m.group("mid") and "等" not in m.group("mid"):
        return m.start(), m.end()
    for deng in _DENG_KIND.finditer(s, ca, cb):
        for kind in ANY_SUFFIX.finditer(s, deng.end(), min(deng.end() + 10, cb)):
            if STAGE_WORDS.match(s, _skip_adverbs(s, kind.end(), cb), cb):
                return deng.start(), kind.end()
    return None


def rule_deng_list(s, ca, cb, ctx) -> list[Candidate]:
    """签约甲、乙、丙等N个项目 / 甲、乙等重点项目全面开工 / 甲、乙等城市综合体投入运营: every item
    of the list before 等."""
    found = _deng_list_end(s, ca, cb)
    if found is None:
        return []
    deng, end = found
    intro = [x for x in _INTRODUCER.finditer(s, ca, deng)]
    la = intro[-1].end() if intro else ca      # 签约项目包括甲、乙等项目: the list starts after 包括
    items = _items(s, la, deng)
    first = _clean(s, *items[0], _starts(ctx))[0]
    return [Candidate(a, b, "deng_list", first, end, False) for a, b in items]


_INTRODUCED = re.compile(r"(?:包括|包含|涵盖|分别是|分别为|主要有|具体有|还有)(?P<list>[^等]{2,200}?)"
                         r"(?P<deng>等(?P<what>[^、]{0,8}))?$")


_COUNT_INTRO = re.compile(r"[\d一二三四五六七八九十两]+[项个][，,]?(?:为|分别为|分别是)[，,:：]?")
_COLON_INTRO = re.compile(r"(?:项目|工程)[^，,；;。]{0,3}(?:包括|包含|涵盖|分别是|分别为|主要有|具体有|有|为|是|如下)[:：]$")


_LIST_TAIL = re.compile(r"等(?:[\d一二三四五六七八九十]+[个项])?(?:重点|重大)?(?:项目|工程)?$")


def _list_items(s: str, a: int, b: int) -> list[tuple[int, int]]:
    """The items of a list in s[a:b], without a closing 等(N个)(项目)."""
    deng = s.rfind("等", a, b)
    return _items(s, a, deng if deng > a and _LIST_TAIL.match(s, deng, b) else b)


def rule_counted_list(s, ca, cb, ctx) -> list[Candidate]:
    """提前竣工4项，为甲，乙，丙: the comma-separated items after a count and 为, up to the
    next semicolon (how 重点工程 reports name the projects they count)."""
    group = max(s.rfind("；", 0, ca), s.rfind(";", 0, ca)) + 1
    counted = _COUNT_INTRO.search(s, group, ca)
    if not counted or ("项目" not in s and "工程" not in s):
        return []
    return [Candidate(a, b, "counted_list", ca, cb, False) for a, b in _list_items(s, ca, cb)]


def rule_colon_list(s, ca, cb, ctx) -> list[Candidate]:
    """代表性项目有：甲、乙、丙: the items after a colon that ends a phrase about projects."""
    if ca == 0 or not _COLON_INTRO.search(s, max(ca - 16, 0), ca):
        return []
    return [Candidate(a, b, "colon_list", ca, cb, False) for a, b in _list_items(s, ca, cb)]


def rule_representative_list(s, ca, cb, ctx) -> list[Candidate]:
    """以甲、乙，丙等项目为代表: the items after 以, a list that a comma may cut."""
    if "为代表" not in s[ca:] or "以" not in s[ca:cb] or "项目" not in s:
        return []
    la = s.index("以", ca, cb) + 1
    deng = s.find("等", la, cb)
    return [Candidate(a, b, "representative_list", la, cb, False)
            for a, b in _items(s, la, deng if deng > 0 else cb)]


def rule_introduced_list(s, ca, cb, ctx) -> list[Candidate]:
    """项目包括甲、乙等 / 签约项目分别是甲、乙: a list after an introducing word, in a sentence
    about projects; a list that ends in 等领域 or 等企业 lists no projects, nor do the parts of
    one project (建设内容包括厂房、仓库)."""
    if "项目" not in s and "工程" not in s:
        return []
    m = _INTRODUCED.search(s[ca:cb])
    if not m or re.search(r"(?:内容|规模|主要)$", s[max(ca + m.start() - 4, 0):ca + m.start()]):
        return []
    what = m.group("what") or ""
    if m.group("deng") and what and not re.match(r"(?:[\d一二三四五六七八九十]+[个项])?(?:重点|重大)?(?:项目|工程|为代表)", what):
        return []
    if not m.group("deng") and "项目" not in s[:ca + m.start()] and "工程" not in s[:ca + m.start()]:
        return []
    la, lb = ca + m.start("list"), ca + m.end("list")
    return [Candidate(a, b, "introduced_list", ca + m.start(), ca + m.end(), False)
            for a, b in _items(s, la, lb)]


def rule_suffix_name(s, ca, cb, ctx) -> list[Candidate]:
    """甲乙新材料产业园开工建设 / 服务甲乙项目建设: an item ending in a project noun. Items listed
    before it in the same chunk (甲、乙项目顺利投产) share its noun and its event."""
    items = _items(s, ca, cb)
    first = _clean(s, *items[0], _starts(ctx))[0]
    before = [m for m in STAGE_WORDS.finditer(s, ca, first) if STAGE_OF[m.group(0)] not in ("", "under_construction")]
    ends = []
    for a, b in items:
        # 甲等项目: a 等 list belongs to rule_deng_list, whose items need no project noun
        ends.append([e for e in _name_ends(s, a, b, cb, bool(before)) if not _DENG_KIND.search(s, a, e)])
    if not any(ends):
        return []
    last = max(e[-1] for e in ends if e)
    out = []
    for i, ((a, b), item_ends) in enumerate(zip(items, ends)):
        start = a
        for end in item_ends:   # 甲项目建设年集中开工暨乙产业园项目: a name after another
            out.append(Candidate(start, end, "suffix_name", first, last, True))
            start = end
        if item_ends:
            out += [Candidate(pa, pb, "shared_suffix", first, last, False, (a, item_ends[0]))
                    for (pa, pb), e in zip(items[:i], ends[:i]) if not e]
    return out


# Ordered: where two rules find overlapping spans, the earlier one's name is kept.
# (rule, what a name found this way is worth)
CANDIDATE_RULES = [(rule_quoted_name, 0.9), (rule_deng_list, 0.8), (rule_counted_list, 0.8),
                   (rule_colon_list, 0.8), (rule_representative_list, 0.8),
                   (rule_introduced_list, 0.75), (rule_suffix_name, 0.85)]


# ---------------------------------------------------------------- the name

def _starts(ctx) -> dict:
    """The sentence's place mentions by start offset (built once per sentence, not per name)."""
    starts = getattr(ctx, "_mention_starts", None)
    if starts is None:
        starts = ctx._mention_starts = {m.start: m for m in ctx.mentions}
    return starts


def _clean(s: str, a: int, b: int, starts: dict) -> tuple[int, int]:
    """Narrow s[a:b] to the name: no descriptor ending in 的, numbering, time, lead verbs (with
    the subject place before them), quotes, or trailing 项目."""
    de = s.rfind("的", a, b)
    if de >= 0 and b - de - 1 >= 3:
        a = de + 1
    marks = [m for m in _OBJECT_MARK.finditer(s, a, b) if b - m.end() >= 4]
    if marks:
        a = marks[-1].end()
    while True:
        before = a
        while a < b and s[a] in _QUOTES and not (s[a] == "“" and "”" in s[a + 1:b]):
            a += 1
        for rx in (_NUMBERING, _TIME_LEAD):
            m = rx.match(s, a, b)
            if m and m.end() > a:
                a = m.end()
        mention = starts.get(a)
        if mention is not None:
            lead = LEAD_WORDS.match(s, mention.end, b)
            if lead and mention.end < b and lead.end() < b - 1:
                a = lead.end()       # 某区推进甲项目: the subject and its verb go
        else:
            lead = LEAD_WORDS.match(s, a, b)
            if lead and lead.end() < b - 1:
                a = lead.end()
        if a == before:
            break
    while b > a and s[b - 1] in _QUOTES:
        b -= 1
    while a < b and s[a] in _QUOTES and not (s[a] == "“" and "”" in s[a + 1:b]):
        a += 1      # “某某”大数据中心: a quote heading the name stays
    firm = _FIRM_SIGNED.match(s, a, b)
    if firm and b - firm.end() >= 3:
        a = firm.end()   # 与某某有限公司签约100兆瓦储能电站: the partner and the verb go
    if s[a:b].endswith("项目") and b - a >= 5:
        b -= 2
    return a, b


_FIRM_SIGNED = re.compile(r"(?:与|同|和)?[\u4e00-\u9fffA-Za-z（）()]{2,24}?(?:有限责任公司|有限公司|股份公司|集团)"
                          r"(?:签约|签署|签订|合作建设|合作)了?")


def _generic_remainder(name: str) -> str:
    return _NUMERAL.sub("", GENERIC.sub("", ANY_SUFFIX.sub("", name)))


def _without_place(name, cand, ctx) -> str:
    """The name without a place heading it (某市甲乙 -> 甲乙)."""
    head = next((m for m in ctx.mentions if m.start == cand.start and m.region is not None), None)
    return name[head.end - head.start:] if head is not None else name


def check_length(name, cand, ctx) -> str | None:
    if len(name) < 2 or len(name) > 40:
        return "length"
    if cand.rule == "shared_suffix" and len(name) < 4:
        return "short_list_item"              # 张三、李四一行…项目: people, not projects
    if not cand.has_suffix and len(_without_place(name, cand, ctx)) < 3:
        return "short_without_project_noun"   # 太钢, 太重: a firm's short name
    core = STRONG_END.sub("", name)
    if cand.has_suffix and len(core) < 3:
        return "short_before_project_noun"    # 深化项目, 狠抓项目: a verb and 项目
    return None


_COUNT = re.compile(r"[\d一二两三四五六七八九十百千]+(?:多|余)?[个项家条批座所]")


def check_starts_with_verb(name, cand, ctx) -> str | None:
    """设立甲中心, 开工项目, 100个参赛项目, 某区统筹推进N个项目: a verb phrase or a count."""
    head = next((m for m in ctx.mentions if m.start == cand.start), None)
    rest = name[head.end - head.start:] if head is not None else name
    for text in {name, rest}:
        if STAGE_WORDS.match(text) or LEAD_WORDS.match(text) or REJECT_START.match(text):
            return "starts_with_verb"
        if _COUNT.match(text):
            return "starts_with_count"
    return None


def check_clause(name, cand, ctx) -> str | None:
    """充分展示了甲, 坚持把甲作为…: a clause, not a name; nor a fragment ending in 在/的/等."""
    if VERB_PHRASE.search(name) or name[-1] in "在的了以和与及等之为对将被把向":
        return "clause"
    if re.search(r"\d年$", name) or (re.search(r"[)）]", name) and not re.search(r"[(（]", name)):
        return "clause"        # 某市2021年(项目建设…), 区)要…: a time or a cut bracket, not a name
    event = STAGE_WORDS.search(name)
    if event and re.match(r"了?[\d一二两三四五六七八九十百]+(?:多|余)?[个项批]", name[event.end():]):
        return "clause"        # 甲产业园签约3个(项目): an event with a count, not a name
    if PROGRAMME_END.search(name):
        return "programme"     # 美化、亮化工程, 某某提升工程: a programme of works, not a project
    if "”工程" in name or "“" in name[1:] or ("”" in name and not name.startswith("“")):
        return "quoted_part"   # “某某”工程, 甲“某某”乙: a programme or a slogan
    if name.startswith("“") and _SLOGAN.search(name[:name.find("”") + 1]):
        return "quoted_part"   # “六新”突破工程: a slogan heads it
    return None


def check_generic(name, cand, ctx) -> str | None:
    """重点项目, 10个优质项目, 新能源项目, 服务中心: class words, fields and counts with at most
    a short project noun. A field before a park noun (大数据产业园) names a park."""
    core = _PHASE.sub("", _without_place(name, cand, ctx))
    suffix = SUFFIX_END.search(core)
    head = core[:suffix.start()] if suffix else core
    if len(_generic_remainder(head)) < 2:
        weak_park = suffix and not STRONG_SUFFIX.fullmatch(suffix.group(0)) and len(suffix.group(0)) >= 3
        if not (weak_park and len(head) >= 2):
            return "generic"
    if CLASSIFIER_END.search(head):
        return "class_of_projects"   # 某区重点项目: a class of projects, not a name
    return None


_BATCH_OR_SCOPE = re.compile(r"^(?:全省|全市|全县|全区|我省|我市|我县|我区)|第[\d一二三四五六七八九十]+(?:批|次|轮|期|季度)$")


_SCOPE_COUNT = re.compile(r"(?:包含|包括|涵盖|涉及)|[\d一二两三四五六七八九十]+(?:多|余)?[个项家]$")


def check_batch_or_scope(name, cand, ctx) -> str | None:
    """全市第二批(项目), 第三季度(项目), 乡村振兴项目包含3个: a round, a scope or a count,
    not a project's name."""
    return "batch_or_scope" if _BATCH_OR_SCOPE.search(name) or _SCOPE_COUNT.search(name) else None


def check_event_or_slogan(name, cand, ctx) -> str | None:
    return "event_or_slogan" if EVENT_WORDS.search(name) else None


def _ends_in_noun(name, cand) -> bool:
    return cand.has_suffix or bool(SUFFIX_END.search(name))


def check_place_alone(name, cand, ctx) -> str | None:
    """王村, 某某街道, 某县(项目): a place is no project (unless a project noun follows it)."""
    for m in ctx.mentions:
        if m.region is not None and m.start <= cand.start and m.end >= cand.end:
            return "place_alone"
    if not _ends_in_noun(name, cand) and PLACE_END.search(name):
        return "place_alone"
    return None


def check_firm_alone(name, cand, ctx) -> str | None:
    """甲乙公司, 甲酒厂转型: a firm (with at most class words after it) is no project."""
    if _ends_in_noun(name, cand):
        return None
    ends = [m.end() for m in ORG_END.finditer(name)]
    if ends and len(_generic_remainder(name[ends[-1]:])) < 2:
        return "firm_alone"
    return None


NAME_CHECKS = [check_length, check_starts_with_verb, check_clause, check_generic, check_event_or_slogan,
               check_place_alone, check_firm_alone, check_batch_or_scope]


# ---------------------------------------------------------------- stage

def _stage_at(s: str, m: re.Match, plan: bool = False) -> tuple[str, bool]:
    """The stage a stage word names; a future or negating marker before it in its clause (即将投产,
    未按期竣工) means the event is still ahead: signed -> negotiating, started -> planned, later stages -> under_construction."""
    stage = STAGE_OF[m.group(0)]
    clause = max([s.rfind(c, 0, m.start()) for c in "，,；;：:。"] + [m.start() - 9]) + 1
    future = plan or FUTURE_MARKERS.search(s, max(clause, 0), m.start())
    if future and stage not in ("planned", "negotiating", "under_construction"):
        stage = {"signed": "negotiating", "started": "planned"}.get(stage, "under_construction")
    return stage, bool(future)


def _evidence(s, a, b, masked=()):
    """Stage words in s[a:b], not inside a project name (masked) and not masking words."""
    return [m for m in STAGE_WORDS.finditer(s, a, b) if STAGE_OF[m.group(0)]
            and not any(x < m.end() and m.start() < y for x, y in masked)] if b > a else []


def _first(s, a, b, masked=()):
    found = _evidence(s, a, b, masked)
    return found[0] if found else None


def _last(s, a, b, masked=()):
    found = _evidence(s, a, b, masked)
    return found[-1] if found else None


def stage_after_name(s, cand, chunk, ctx, masked=()):
    return _first(s, cand.list_end, chunk[1], masked)


def stage_before_name(s, cand, chunk, ctx, masked=()):
    return _last(s, chunk[0], cand.list_start, masked)


def stage_after_in_sentence(s, cand, chunk, ctx, masked=()):
    return _first(s, chunk[1], len(s), masked)


def stage_before_in_sentence(s, cand, chunk, ctx, masked=()):
    return _last(s, 0, chunk[0], masked)


def stage_in_paragraph(s, cand, chunk, ctx, masked=()):
    """The paragraph's event: the last stage word before the sentence, else the first after it."""
    par = getattr(ctx, "paragraph", None)
    if par is None:
        return None
    here = max(ctx.span.start - par.start, 0)
    return _last(par.text, 0, here) or _first(par.text, here + len(s), len(par.text))


# (rule, what a stage decided this way is worth)
STAGE_RULES = [(stage_after_name, 1.0), (stage_before_name, 0.95), (stage_after_in_sentence, 0.9),
               (stage_before_in_sentence, 0.9), (stage_in_paragraph, 0.8)]


def _stage(s, cand, chunk, ctx, masked=()) -> tuple[str, str, float]:
    """The first STAGE_RULE that finds a stage word decides. In a work report's plan section
    every event is still ahead, as after a future marker."""
    plan = bool(getattr(ctx, "in_plan", False))
    for rule, worth in STAGE_RULES:
        m = rule(s, cand, chunk, ctx, masked)
        if m is not None:
            text = ctx.paragraph.text if rule is stage_in_paragraph else s
            stage, future = _stage_at(text, m, plan)
            name = rule.__name__ + ("+plan_section" if plan else "+future_marker" if future else "")
            return stage, name, worth * (0.9 if future else 1.0)
    return ("planned" if plan else "under_construction"), "stage_default", 0.6


# ---------------------------------------------------------------- region

_FIRM_MARK = re.compile(r"有限责任公司|有限公司|股份|集团|公司|厂")


def _firm_prefix(s: str, mention, b: int) -> re.Match | None:
    """Does the place start a firm's name (某市重型机械集团风电齿轮箱…)? The firm mark, if so;
    not when only works follow the mark (某市城区热源厂改造工程: a facility of the place)."""
    mark = _FIRM_MARK.search(s, mention.end, b)
    if mark and mark.start() - mention.end <= 8 and len(_generic_remainder(s[mark.end():b])) >= 2:
        return mark
    return None


def region_place_heads_name(s, a, b, cand, ctx, taken=()):
    """某县年产10万吨甲乙项目, 某开发区甲乙项目: a place heading the name is where it is;
    not the province, nor a place that starts a firm's name."""
    m = next((x for x in ctx.mentions if x.start == a and x.region is not None), None)
    if m is None or m.region.kind == "province":
        return None
    another_place = any(x.start == m.end for x in ctx.mentions)   # 某市山西甲乙集团…: the city is
    inner = _starts(ctx).get(m.end)
    if inner is not None and inner.region is not None and ctx.gaz is not None \
            and m.region.id in ctx.gaz.ancestors(inner.region.id or ""):
        m = inner   # 某市某县甲乙工程: the county, the more precise of the two
    if m.region.kind not in ("development_zone", "economic_zone") and not another_place \
            and _firm_prefix(s, m, b):
        return None
    here = ctx.region_at(m.end)
    if here is not None and here != m.region and here.kind in ("development_zone", "economic_zone") \
            and ctx.gaz is not None and ctx.gaz.host_of(here) == m.region:
        return here   # 平遥古陶产业园项目 in 平遥经济技术开发区's text: built in the zone
    return m.region


_ZONE_KINDS = ("development_zone", "economic_zone")


def _name_after_heading_place(s: str, a: int, b: int, name: str, ctx) -> tuple[int, str]:
    """某开发区甲乙项目 -> 甲乙 (the zone is the project's region, a column of its own); 某市某县
    甲乙工程 -> 某县甲乙工程 (a county heading a work is part of how it is called)."""
    starts = _starts(ctx)
    head = starts.get(a)
    if head is None or head.region is None:
        return a, name
    nxt = starts.get(head.end)
    if head.region.kind in _ZONE_KINDS:
        cut = head.end
    elif nxt is not None and nxt.region is not None and ctx.gaz is not None \
            and head.region.id in ctx.gaz.ancestors(nxt.region.id or ""):
        cut = head.end
    else:
        return a, name
    if b - cut < 3 or s[cut] in "的、，,":
        return a, name
    return cut, name[cut - a:]


def region_place_after_firm(s, a, b, cand, ctx, taken=()):
    """某省甲乙集团某县碳材料产业园: a place right after the firm's name is where it is."""
    for mark in _FIRM_MARK.finditer(s, a, b):
        m = next((x for x in ctx.mentions if x.start == mark.end() and x.region is not None), None)
        if m is not None and m.region.kind != "province":
            return m.region
    return None


def region_place_before_verb(s, a, b, cand, ctx, taken=()):
    """某市新建甲基地: a place stripped from the name's start with its verb is where it is."""
    m = next((x for x in reversed(ctx.mentions) if cand.raw_start <= x.start and x.end <= a
              and x.region is not None), None)
    if m is None or m.region.kind == "province" or not LEAD_WORDS.match(s, m.end, a):
        return None
    return m.region


_LOCATED_AFTER = re.compile(r"[^。；;]{0,24}?(?:落地|落户|位于|选址|坐落|建在|布局)(?:在|于)?")


def region_located_after(s, a, b, cand, ctx, taken=()):
    """甲项目总投资88亿元，落地某高新区: the place it lands in, said right after the name
    (before another name is taken)."""
    m = _LOCATED_AFTER.match(s, b)
    if m is None or any(b < x < m.end() for x, _ in taken):
        return None
    place = next((x for x in ctx.mentions if x.start == m.end() and x.region is not None), None)
    return place.region if place is not None else None


_LOCATED_BEFORE = re.compile(r"(?:落户|落地|位于|坐落|地处|选址)(?:在|于)?$")
_VENUE = re.compile(r"在$|^(?:主会场|分会场|会场)")


def region_located_before(s, a, b, cand, ctx, taken=()):
    """落户某县的甲公司乙项目, 在某县分会场，甲项目开工: the place the sentence puts it in."""
    for m in reversed([x for x in ctx.mentions if x.end <= cand.list_start and x.region is not None]):
        if _LOCATED_BEFORE.search(s, max(0, m.start - 4), m.start) and s[m.end:m.end + 1] == "的":
            return m.region
        if _VENUE.search(s, max(0, m.start - 1), m.start) and _VENUE.match(s[m.end:m.end + 3]):
            return m.region
    return None


def region_subject(s, a, b, cand, ctx, taken=()):
    """The sentence's subject where the name (or its list) starts. A place heading another
    project's name, or starting a firm's name (某省甲乙有限公司与…签订), does not change it."""
    pos = cand.list_start
    for m in reversed([x for x in ctx.mentions if x.end <= cand.list_start and x.region is not None]):
        brand = (m.region.kind == "province" and not s[m.start:m.end].endswith("省")
                 and re.match(r"[\u4e00-\u9fff]", s[m.end:m.end + 1]))   # 山西某某: a firm or brand
        if brand or any(x <= m.start < y for x, y in taken) or _firm_prefix(s, m, len(s)):
            pos = m.start
            continue
        break
    return ctx.region_at(pos) or ctx.region_at(cand.list_start)


def region_line_label(s, a, b, cand, ctx, taken=()):
    """平陆县：山西某公司年产10万吨…项目: a line labelled with its place is that place's."""
    label = _LINE_LABEL.search(s, 0, cand.raw_start if cand.raw_start >= 0 else a)
    if label is None:
        return None
    m = next((x for x in ctx.mentions if x.start == label.start(1) and x.end == label.end(1)
              and x.region is not None), None)
    return m.region if m is not None and m.region.kind != "province" else None


_LINE_LABEL = re.compile(r"(?:^|[\n。；;])\s*(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）.、]\s*)?([\u4e00-\u9fff]{2,12})[:：]\s*$")


REGION_RULES = [(region_line_label, 1.0), (region_place_heads_name, 1.0), (region_place_after_firm, 0.95),
                (region_place_before_verb, 0.95), (region_located_after, 0.95),
                (region_located_before, 0.95), (region_subject, 0.9)]


# ---------------------------------------------------------------- the sentence

def _overlaps(taken, a, b) -> bool:
    return any(x < b and a < y for x, y in taken)


def _record(s: str, cand: Candidate, ctx, taken, worth: float) -> RawProject | None:
    """The cleaned candidate as a record (its stage still to decide), or None when what is left
    is no name, overlaps a name already taken, or has no region."""
    a, b = _clean(s, cand.start, cand.end, _starts(ctx))
    if b <= a or _overlaps(taken, a, b):
        return None
    cand.raw_start, cand.start, cand.end = cand.start, a, b
    name = s[a:b] if s[a:b].startswith("“") else s[a:b].strip(_QUOTES)
    if any(check(name, cand, ctx) for check in NAME_CHECKS):
        return None
    for rule, region_worth in REGION_RULES:
        region = rule(s, a, b, cand, ctx, taken)
        if region is not None:
            break
    else:
        return None
    if rule is region_place_heads_name:
        a, name = _name_after_heading_place(s, a, b, name, ctx)
    explicit = ctx.has_explicit_time_before(a)
    name_worth = 0.7 if cand.rule == "shared_suffix" else worth
    return RawProject(a, b, region, ctx.year_at(a) if explicit else ctx.paragraph_year, name, "",
                      confidence=name_worth * region_worth, name_rule=cand.rule,
                      region_rule=rule.__name__,
                      time_rule="explicit_time_before" if explicit else "paragraph_year")


def sentence_projects(ctx) -> list[RawProject]:
    s = ctx.span.text
    if not (ANY_SUFFIX.search(s) or ("“" in s and STAGE_WORDS.search(s))):
        return []   # every rule needs a project noun (项目, 工程, 产业园 …) or a quoted name
    found: list[tuple] = []
    taken: list[tuple[int, int]] = []
    names: set[str] = set()
    anchors: set[tuple] = set()   # raw spans of accepted names: shared_suffix items follow them
    chunks = _chunks(s)
    for i, chunk in enumerate(chunks):
        # a chunk with no project noun and no quote names nothing, unless a list the chunk
        # before introduced runs into it (代表性项目有：甲、乙)
        if not (ANY_SUFFIX.search(s, *chunk) or "“" in s[chunk[0]:chunk[1]]
                or (i and s[chunks[i - 1][1]:chunks[i - 1][1] + 1] in ":：")):
            continue
        for rule, worth in CANDIDATE_RULES:
            cands = rule(s, chunk[0], chunk[1], ctx)
            for cand in sorted(cands, key=lambda c: c.anchor is not None):
                if cand.anchor is not None and cand.anchor not in anchors:
                    continue
                raw = (cand.start, cand.end)
                p = _record(s, cand, ctx, taken, worth)
                if p is None or p.name in names:
                    continue
                taken.append((p.start, p.end))
                names.add(p.name)
                anchors.add(raw)
                found.append((cand, chunk, p))
    # the stage once every name is known: a stage word inside a name is no evidence
    for cand, chunk, p in found:
        p.stage, p.stage_rule, stage_worth = _stage(s, cand, chunk, ctx, taken)
        p.confidence = round(p.confidence * stage_worth, 2)
    return [p for _, _, p in found]


def merge_key(name: str, region_name: str | None = None) -> str:
    """One key for the variants of a name: quotes, a trailing 项目 and a leading place go."""
    key = name.strip(_QUOTES).replace("“", "").replace("”", "")
    if key.endswith("项目") and len(key) > 4:
        key = key[:-2]
    if region_name:
        for place in (region_name, re.sub(r"(?:市|县|区)$", "", region_name)):
            if len(place) >= 2 and key.startswith(place) and len(key) - len(place) >= 3:
                key = key[len(place):]
                break
    return key


def merge_variants(projects: list) -> list:
    """A document's project records with the variants of one project (with or without 项目,
    quotes or a leading place) merged: the first record of each (key, stage) stays."""
    seen, out = set(), []
    for p in projects:
        key = (merge_key(p.name, p.region_name), p.stage)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
