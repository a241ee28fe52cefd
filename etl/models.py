"""Records that flow through the pipeline: Document (ingest) -> Fact/Project/Policy (core).

Plain dataclasses with no behaviour beyond conversion, so every step can be tested alone and
records can cross process boundaries (parallel extraction) and be cached as JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Document:
    """One decoded source file.

    `raw` is the decoded file text: every quote and offset refers to it. `text` is the readable
    content (front matter and HTML markup removed); `text_map` maps offsets in `text` back to
    `raw` as sorted breakpoints (text_offset, raw_offset): between breakpoints characters are
    copied one to one.
    """

    doc: str                      # file name
    path: str
    raw: str
    text: str
    text_map: list[tuple[int, int]] = field(default_factory=lambda: [(0, 0)])
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: date | None = None
    date_rule: str = "none"       # sources_csv, front_matter, dateline, url, content, none
    date_precision: str = "day"   # day, month or year: how much of `published` the source gave
    encoding: str = "utf-8"
    content_hash: str = ""
    categories: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Fact:
    region_id: str | None
    region_name: str
    year: int | None
    period: str
    indicator_id: str | None
    indicator_name: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    quote: str
    start: int
    end: int
    confidence: float = 0.8
    raw_number: str = ""
    raw_unit: str = ""
    sentence: str = ""
    doc: str = ""
    # How the record was read: the name of the rule that decided each field (the "why").
    kind_rule: str = ""
    region_rule: str = ""
    time_rule: str = ""


@dataclass
class Project:
    region_id: str | None
    region_name: str
    year: int | None
    name: str
    stage: str
    quote: str
    start: int
    end: int
    confidence: float = 0.7
    sentence: str = ""
    doc: str = ""
    stage_rule: str = ""
    region_rule: str = ""
    time_rule: str = ""


@dataclass
class Policy:
    region_id: str | None
    region_name: str
    year: int | None
    title: str
    quote: str
    start: int
    end: int
    confidence: float = 0.8
    sentence: str = ""
    doc: str = ""
    region_rule: str = ""
    time_rule: str = ""


@dataclass
class DocumentFrame:
    """Decisions taken once per document before any fact, each with the rule that took it.

    doc_type: work_report, work_report_page, work_report_news, statistics_bulletin,
    economic_news, project_roundup, investment_news, feature, plan_document, news.
    mode: review (figures are achievements), plan (targets), mixed (a report: review then plan).
    """
    doc_type: str = "news"
    doc_type_rule: str = ""
    doc_date: date | None = None       # the date used for relative time words
    doc_date_rule: str = ""            # ingest's rule, or the body fallback that found it
    reference_year: int | None = None  # the year plain figures of the review part refer to
    reference_year_rule: str = ""
    subject_region_id: str | None = None
    subject_region_name: str | None = None
    subject_rule: str = ""
    mode: str = "review"
    mode_rule: str = ""
    confidence: float = 1.0            # lower for a fallback date or an inferred subject


@dataclass
class Extraction:
    facts: list[Fact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    frame: DocumentFrame | None = None
    # figures read but not kept, and why (no place or no year could be decided): said to the
    # user as the document's warnings, so nothing vanishes without a word
    left_out: list[str] = field(default_factory=list)
