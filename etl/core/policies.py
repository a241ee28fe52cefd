"""Policies named in 《…》: plans, measures, regulations, opinions, agreements."""
from __future__ import annotations

import re
from dataclasses import dataclass

POLICY_WORDS = re.compile(
    r"(?:办法|方案|意见|规定|条例|措施|政策|规划|计划|通知|决定|细则|纲要|若干|条|行动|指南|清单|"
    r"标准|协议|要点|举措|机制|制度|实施)(?:\(.{1,6}\))?$")
NOT_POLICY = re.compile(r"(?:日报|晚报|报|杂志|网|新闻|周刊|频道)$")
TITLE_RE = re.compile(r"《(?P<title>[^《》]{2,100})》")


@dataclass
class RawPolicy:
    start: int
    end: int
    title_start: int
    title_end: int
    title: str
    region: object
    year: int | None
    confidence: float = 0.8
    region_rule: str = ""
    time_rule: str = ""


def sentence_policies(ctx, gaz) -> list[RawPolicy]:
    s = ctx.span.text
    out = []
    for m in TITLE_RE.finditer(s):
        title = m.group("title").strip()
        if NOT_POLICY.search(title) or not POLICY_WORDS.search(title):
            continue
        # The issuing region is named at the head of the title (大同市平城区…办法), else the subject.
        named = [x.region for x in gaz.find(title) if x.region is not None and x.start <= 8]
        region = named[-1] if named else ctx.region_at(m.start())
        region_rule = "issuer_in_title" if named else ctx.region_rule_at(m.start())
        if ctx.has_explicit_time_before(m.start()):
            year, time_rule = ctx.year_at(m.start()), ctx.time_rule_at(m.start())
        else:
            year, time_rule = ctx.paragraph_year, "paragraph_year"
        out.append(RawPolicy(m.start(), m.end(), m.start("title"), m.end("title"), title, region,
                             year, 0.9 if named else 0.8, region_rule, time_rule))
    return out
