"""The pure extraction core: text + metadata in, grounded records out. No I/O, no DuckDB.

`extract_text` works on any text and returns records whose offsets refer to that text;
`extract_document` runs it on a Document's readable text and maps every record back to the
decoded file (`doc.raw`), so `doc.raw[start:end] == quote` always holds.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ..offsets import map_span
from ..models import Document, Extraction, Fact, Policy, Project
from ..reference import Reference
from .context import walk
from .frame import decide_frame
from .facts import MAY_HOLD_FIGURE, WEAK_REGION_RULES, sentence_facts
from .indicators import codebook_for
from .policies import sentence_policies
from .projects import PROJECT_HINT, merge_variants, sentence_projects
from .regions import gazetteer_for
from .tables import find_tables, table_facts
from .textnorm import normalize


# A sentence none of these match holds no fact (no figure), no project and no policy title, so
# the walker need not hand it over; built from the extractors' own prefilters to stay in step.
# (TITLE_RE itself could run past a sentence's end; the 《 it starts with is enough.)
# The lookahead lists the branches' first characters, so most positions fail one test.
_WORTH_EXTRACTING = re.compile(
    "(?=[0-9零〇一二两三四五六七八九十百千万亿第前项等园港城中基工生广《居榜首])"
    f"(?:(?:{MAY_HOLD_FIGURE.pattern})|(?:{PROJECT_HINT.pattern})|《)")


_SPACED_ROW = re.compile(r"\d[ \u3000]+[^\s，。；;]+[ \u3000]+[-\d]")   # 1 太原市 5600.2: a table in spaces


def extract_text(text: str, ref: Reference, doc_date: date | None = None,
                 title: str | None = None, date_rule: str = "given",
                 date_precision: str = "day", outlet: str | None = None) -> Extraction:
    """Records of `text`; offsets and quotes refer to `text` itself. `outlet`: who published
    it (a publisher or the site's name), the subject of a text that only says 我县/全区."""
    norm = normalize(text)
    gaz, cb = gazetteer_for(ref), codebook_for(ref)
    norm_title = normalize(title).text if title else None
    mentions = gaz.find(norm.text)
    frame = decide_frame(norm.text, norm_title, doc_date, date_rule, gaz, mentions, date_precision,
                         normalize(outlet).text if outlet else None)
    result = Extraction(frame=frame)
    seen_facts, seen_projects, seen_policies = set(), set(), set()
    unplaced = undated = 0

    def span(start: int, end: int) -> tuple[int, int, str]:
        a, b = norm.to_source(start, end)
        return a, b, text[a:b]

    last_project = None   # the region of the project named last: 该项目… is about it
    # rows of tables (地区 | 地区生产总值(亿元) | 增速(%)) and their header's columns
    table_rows = find_tables(norm.text, cb) if ("|" in norm.text or "\t" in norm.text
                                                 or _SPACED_ROW.search(norm.text)) else {}
    for ctx in walk(norm.text, gaz, frame, norm_title, wanted=_WORTH_EXTRACTING,
                    found_mentions=mentions):
        base = ctx.span.start
        columns = table_rows.get(base)
        if columns is not None and "\n" not in ctx.span.text.rstrip("\n"):
            facts, projects = table_facts(ctx, cb, columns), []
        else:
            facts, projects = sentence_facts(ctx, cb), sentence_projects(ctx)
        if last_project is not None and _THIS_PROJECT.match(ctx.span.text):
            facts = [replace(f, region=last_project, region_rule="project_anaphor")
                     if f.region_rule in WEAK_REGION_RULES else f for f in facts]
        if projects and projects[-1].region is not None:
            last_project = projects[-1].region
        policies = sentence_policies(ctx, gaz)
        if not (facts or projects or policies):
            continue  # most sentences: no need to map the sentence back to the source
        sentence = span(base, ctx.span.end)[2].strip()
        for f in facts:
            region = f.region
            # a figure with no indicator is only known by its words (全市排名第5位 may rank
            # any figure): two of them are the same fact only in the same sentence
            key = (region.name if region else None, f.year, f.period,
                   f.indicator.id if f.indicator else (f.label, base), f.kind, f.value,
                   f.value_high, f.qualifier)
            if region is None:
                unplaced += 1
                continue
            if f.year is None:
                undated += 1
                continue
            if key in seen_facts:
                continue
            seen_facts.add(key)
            qs, qe, quote = span(base + f.quote_start, base + f.quote_end)
            qs, qe, quote = _trim(text, qs, qe)
            result.facts.append(Fact(
                region_id=region.id, region_name=region.name, year=f.year, period=f.period,
                indicator_id=f.indicator.id if f.indicator else None, indicator_name=f.label,
                kind=f.kind, value=f.value, value_high=f.value_high, unit=f.unit,
                qualifier=f.qualifier, quote=quote, start=qs, end=qe,
                confidence=round(f.confidence * frame.confidence, 2),
                raw_number=f.raw_number, raw_unit=f.raw_unit, sentence=sentence,
                kind_rule=f.kind_rule, region_rule=f.region_rule, time_rule=f.time_rule))
        for p in projects:
            key = (p.name, p.stage, p.year)
            if key in seen_projects or p.region is None:
                continue
            seen_projects.add(key)
            qs, qe, quote = span(base + p.start, base + p.end)
            result.projects.append(Project(
                region_id=p.region.id, region_name=p.region.name, year=p.year,
                name=text[qs:qe] if p.name_is_quote else p.name, stage=p.stage, quote=quote,
                start=qs, end=qe, confidence=round(p.confidence * frame.confidence, 2),
                sentence=sentence, stage_rule=p.stage_rule, region_rule=p.region_rule,
                time_rule=p.time_rule))
        for p in policies:
            key = (p.title,)
            if key in seen_policies or p.region is None:
                continue
            seen_policies.add(key)
            qs, qe, quote = span(base + p.start, base + p.end)
            ts, te, title_src = span(base + p.title_start, base + p.title_end)
            result.policies.append(Policy(
                region_id=p.region.id, region_name=p.region.name, year=p.year, title=title_src,
                quote=quote, start=qs, end=qe, confidence=round(p.confidence * frame.confidence, 2),
                sentence=sentence, region_rule=p.region_rule, time_rule=p.time_rule))
    if unplaced:
        result.left_out.append(
            f"{unplaced} figure(s) not kept: the document never says which place they are about "
            f"(name it in the title or give a publisher in sources.csv)")
    if undated:
        result.left_out.append(
            f"{undated} figure(s) not kept: no year could be read for them (the document has no "
            f"date; give one in sources.csv or the front matter)")
    result.projects = merge_variants(result.projects)
    result.facts = _without_restatements(result.facts)
    return result


# 该项目总投资22亿元: the sentence is about the project named just before
_THIS_PROJECT = re.compile(r"\W*(?:(?:该|此|这一|这个|上述)项目|项目(?:全部)?(?:建成|投产|达产|达效)(?:投产|达效)?后)")


def _without_restatements(facts: list[Fact]) -> list[Fact]:
    """综改区上半年14.1%的增长 after 地区生产总值增长14.1%: a figure restated without its
    indicator is the same fact; the reading that names the indicator stays."""
    named = {(f.region_name, f.year, f.period, f.kind, f.value, f.unit)
             for f in facts if f.indicator_id}
    return [f for f in facts if f.indicator_id or len(_WHEN_HOW.sub("", f.indicator_name or "")) > 2
            or (f.region_name, f.year, f.period, f.kind, f.value, f.unit) not in named]


# Words of a label that say only when (上半年) or how (增长), not what is measured.
_WHEN_HOW = re.compile(r"上半年|一季度|前三季度|全年|今年|去年|同期|同比|增长|增速|实现|以|的")


def _trim(text: str, start: int, end: int) -> tuple[int, int, str]:
    while start < end and text[start] in " \t\u3000":
        start += 1
    while end > start and text[end - 1] in " \t\u3000":
        end -= 1
    return start, end, text[start:end]


def extract_document(doc: Document, ref: Reference) -> Extraction:
    """Facts, projects and policies of one document; offsets and quotes refer to `doc.raw`."""
    outlet = " ".join(part for part in (doc.publisher, doc.url) if part) or None
    found = extract_text(doc.text, ref, doc.published, doc.title, doc.date_rule,
                         doc.date_precision, outlet)
    text_map = doc.text_map or [(0, 0)]
    for rec in [*found.facts, *found.projects, *found.policies]:
        rec.doc = doc.doc
        rec.start, rec.end = map_span(text_map, rec.start, rec.end)
        rec.quote = doc.raw[rec.start:rec.end]
    doc.warnings += [f"{doc.doc}: {note}" for note in found.left_out]
    return found
