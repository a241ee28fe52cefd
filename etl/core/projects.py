"""Named projects and their stage, as reporting lists them.

    甲、乙、丙等重点项目全面开工        -> three projects, started
    签约甲等总投资X亿元的N个项目         -> signed
    成功引进一批项目,其中包含甲、乙等     -> signed
    甲产业园落地运营 / 服务乙项目建设     -> operating / under construction
"""
from __future__ import annotations

import re
from dataclasses import dataclass


# Stage words, most specific first.
STAGES = [
    (re.compile(r"在谈|洽谈"), "negotiating"),
    (re.compile(r"储备|谋划|拟建|计划建设"), "planned"),
    (re.compile(r"投产|达产|竣工投产"), "commissioned"),
    (re.compile(r"开工"), "started"),
    (re.compile(r"运营|开园|开业|投用|投入使用|建成"), "operating"),
    (re.compile(r"签约|签订|引进|落户|已落地|签署"), "signed"),
    (re.compile(r"建设|推进|实施|加紧|加快|在建|落地|改造"), "under_construction"),
]
LEAD_VERBS = re.compile(
    r"(?:其中|目前|同时|此外|已|成功|全力|高效|积极|加快|加速|全面|重点|推动|推进|提速|保障|服务|稳步|统筹|正在|"
    r"签约|引进|实施|建设|包含|包括|有|如|还将|还|并|完成|打造|以|和|与|将|要|拟|力争|继续|持续)+")
LIST_BEFORE_DENG = re.compile(
    r"(?P<list>[^,，;；。:：!?！？]{2,120}?)等(?P<mid>[^,，;；。]{0,26}?)项目(?P<after>[^,，;；。]{0,14})")
INCLUDES_LIST = re.compile(r"(?:其中包含|其中包括|包括|包含|其中有)(?P<list>[^,，;；。]{2,160}?)等")
SINGLE = re.compile(
    r"(?P<name>“[^”]{2,30}”|[\u4e00-\u9fffA-Za-z0-9·]{2,24}?(?:产业园|科技园|园区|港|城|中心|基地|工厂|"
    r"生产线|广场|工程|改扩建|项目))(?:项目)?(?P<verb>落地运营|建成投产|开工建设|加速落地|顺利投产|"
    r"建设|投产|开工|落地|运营)")
SINGLE_VERBS = re.compile(r"建设|投产|开工|落地|运营")   # in every verb SINGLE accepts
NOT_A_NAME = re.compile(r"^(?:一批|项目|重点|重大|优质|产业|工业|转型|[\d.]+|[一二三四五六七八九十百]+个?)$|"
                        r"企业$|^(?:这些|该|各类|一批|更多|联动|充分|体现)|\d+个|了|在$|的$|亿级|社区")


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


def _stage(*texts: str) -> str | None:
    for text in texts:
        for rx, stage in STAGES:
            if rx.search(text):
                return stage
    return None


def _name_start(s: str, a: int, b: int, mentions) -> int:
    """Where a name in s[a:b] starts: after a subject place with its verb (小店区推进…) and
    after lead verbs (加快推进…), but a place named with no verb after it stays (太原市X园)."""
    subject = next((m for m in mentions if m.start == a), None)
    if subject is not None and LEAD_VERBS.match(s, subject.end, b):
        a = subject.end
    lead = LEAD_VERBS.match(s, a, b)
    return lead.end() if lead and lead.end() < b - 1 else a


def _item_name(s: str, a: int, b: int, mentions) -> tuple[int, int] | None:
    """The name in one list item s[a:b]: no lead verbs, quotes or trailing 项目; None when
    what is left is too short, too long or not a name."""
    a = _name_start(s, a, b, mentions)
    while a < b and s[a] in "“”\"' ":
        a += 1
    while b > a and s[b - 1] in "“”\"' ":
        b -= 1
    if s[a:b].endswith("项目") and b - a > 4:
        b -= 2
    if 2 <= b - a <= 30 and not NOT_A_NAME.search(s[a:b]):
        return a, b
    return None


def _names(s: str, start: int, end: int, mentions=()) -> list[tuple[int, int]]:
    """Split a 、-separated list into name spans."""
    out, pos = [], start
    for part in re.split(r"(、)", s[start:end]):
        if part != "、":
            span = _item_name(s, pos, pos + len(part), mentions)
            if span:
                out.append(span)
        pos += len(part)
    return out


_PROJECT_ITEM = re.compile(r"(?:项目|产业园|园区|基地|中心|工厂|生产线|工程)$")


def _listed_before(s: str, cs: int, name_start: int, mentions) -> list[tuple[int, int]]:
    """Names of the 、-separated items ending in 项目 (or a project noun) right before
    `name_start`, back to the clause start; stops at the first item that is not one."""
    if s[name_start - 1:name_start] != "、":
        return []
    out, end = [], name_start - 1
    while end > cs:
        start = max(s.rfind("、", cs, end) + 1, cs)
        item = s[start:end]
        if not _PROJECT_ITEM.search(item):
            break
        span = _item_name(s, start, end, mentions)
        if span:
            out.append(span)
        if start == cs or s[start - 1] != "、":
            break
        end = start - 1
    return out[::-1]


PROJECT_HINT = re.compile(r"项目|等|园|港|城|中心|基地|工厂|生产线|广场|工程")


def sentence_projects(ctx) -> list[RawProject]:
    s = ctx.span.text
    out: list[RawProject] = []
    if not PROJECT_HINT.search(s):
        return out
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, stage: str, confidence: float) -> None:
        if any(x < b and a < y for x, y in taken):
            return
        taken.append((a, b))
        name = s[a:b].strip("“”\"")
        year = ctx.year_at(a) if ctx.has_explicit_time_before(a) else ctx.paragraph_year
        # 沁源县年产60万吨焦化项目: a place that heads the name is where the project is
        inner = next((x.region for x in ctx.mentions if a <= x.start < b and x.region), None)
        out.append(RawProject(a, b, inner or ctx.region_at(a), year, name, stage, confidence))

    # LIST_BEFORE_DENG and SINGLE try a lazy run of up to 120 / 24 characters at every
    # position; the words they cannot match without are looked for first.
    lists = LIST_BEFORE_DENG.finditer(s) if "等" in s and "项目" in s else ()
    for m in lists:
        lead = s[m.start("list"):m.end("list")]
        stage = _stage(m.group("after"), lead[:6], m.group("mid"), s)
        if stage is None:
            continue
        for a, b in _names(s, m.start("list"), m.end("list"), ctx.mentions):
            add(a, b, stage, 0.75)
    for m in INCLUDES_LIST.finditer(s):
        if "项目" not in s:
            continue
        stage = _stage(s[:m.start()]) or "signed"
        for a, b in _names(s, m.start("list"), m.end("list"), ctx.mentions):
            add(a, b, stage, 0.7)
    for cs, ce in (ctx.clauses if SINGLE_VERBS.search(s) else ()):
        for m in SINGLE.finditer(s, cs, ce):
            a = _name_start(s, m.start("name"), m.end("name"), ctx.mentions)
            led = a > m.start("name")   # a lead verb (or subject + verb) came off the front
            b = m.end("name")
            if s[b - 2:b] == "项目":
                b -= 2
            if b - a < 3 or NOT_A_NAME.search(s[a:b].strip("“”")):
                continue
            # a project name stands at the head of its clause, after at most a lead verb
            if a - cs > 8 and not (led and m.start("name") <= cs + 2):
                continue
            stage = _stage(m.group("verb")) or "under_construction"
            if m.group("verb") == "加速落地":
                stage = "under_construction"
            add(a, b, stage, 0.6)
            # A项目、B项目顺利投产: the items listed before the one next to the verb share it
            # (clauses split at 、 too: the list runs back to the last comma)
            list_start = max(s.rfind(c, 0, m.start("name")) for c in ",，;；:：") + 1
            for x, y in _listed_before(s, list_start, m.start("name"), ctx.mentions):
                add(x, y, stage, 0.6)
    return out
