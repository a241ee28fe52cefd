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
    r"签约|引进|实施|建设|包含|包括|有|如|还|并|完成|打造|以|和|与)+")
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


def _names(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a 、-separated list into name spans, dropping lead verbs and quotes."""
    out, pos = [], start
    for part in re.split(r"(、)", s[start:end]):
        if part != "、":
            a, b = pos, pos + len(part)
            lead = LEAD_VERBS.match(s, a, b)
            if lead and lead.end() < b:
                a = lead.end()
            while a < b and s[a] in "“”\"' ":
                a += 1
            while b > a and s[b - 1] in "“”\"' ":
                b -= 1
            if s[a:b].endswith("项目") and b - a > 4:
                b -= 2
            if 2 <= b - a <= 30 and not NOT_A_NAME.search(s[a:b]):
                out.append((a, b))
        pos += len(part)
    return out


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
        out.append(RawProject(a, b, ctx.region_at(a), year, name, stage, confidence))

    # LIST_BEFORE_DENG and SINGLE try a lazy run of up to 120 / 24 characters at every
    # position; the words they cannot match without are looked for first.
    lists = LIST_BEFORE_DENG.finditer(s) if "等" in s and "项目" in s else ()
    for m in lists:
        lead = s[m.start("list"):m.end("list")]
        stage = _stage(m.group("after"), lead[:6], m.group("mid"), s)
        if stage is None:
            continue
        for a, b in _names(s, m.start("list"), m.end("list")):
            add(a, b, stage, 0.75)
    for m in INCLUDES_LIST.finditer(s):
        if "项目" not in s:
            continue
        stage = _stage(s[:m.start()]) or "signed"
        for a, b in _names(s, m.start("list"), m.end("list")):
            add(a, b, stage, 0.7)
    for cs, ce in (ctx.clauses if SINGLE_VERBS.search(s) else ()):
        for m in SINGLE.finditer(s, cs, ce):
            head = m.start("name")
            # 小店区推进X园建设: the subject and its verb stand before the name, not in it
            subject = next((x for x in ctx.mentions if x.start == head), None)
            if subject is not None and LEAD_VERBS.match(s, subject.end, m.end("name")):
                head = subject.end
            lead = LEAD_VERBS.match(s, head, m.end("name"))
            a = lead.end() if lead and lead.end() < m.end("name") - 1 else head
            b = m.end("name")
            if s[b - 2:b] == "项目":
                b -= 2
            if b - a < 3 or NOT_A_NAME.search(s[a:b].strip("“”")):
                continue
            # a project name stands at the head of its clause, after at most a lead verb
            if a - cs > 8 and not (lead and lead.start() <= cs + 2):
                continue
            stage = _stage(m.group("verb")) or "under_construction"
            if m.group("verb") == "加速落地":
                stage = "under_construction"
            add(a, b, stage, 0.6)
    return out
