"""Split text into paragraphs, sentences and clauses, keeping offsets.

Repeated paragraphs (pages that print every paragraph several times) are yielded once, so their
facts are extracted once.
"""
from __future__ import annotations

import re
from typing import NamedTuple

_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。！？!?；;…]+(?:[。！？!?；;…]+|$)")
_SPACE = re.compile(r"\s+")
_BOOK_TITLE = re.compile(r"《[^》]{0,80}》")
_SHORT_QUOTE = re.compile(r"[“\"‘「][^”\"’」]{1,14}[”\"’」]")


class Span(NamedTuple):
    """A piece of text with its offsets (a tuple: made once per sentence, so kept cheap)."""

    start: int
    end: int
    text: str


_TERMINAL = "。！？!?；;…”」）)"
# A line this long that stops without terminal punctuation was broken mid-sentence (page
# layout, an image between two halves); it continues on the next line.
_BROKEN_LINE = 30
# A row of a table (cells between '|' or tabs) is a line of its own
_TABLE_ROW = re.compile(r"[|｜\t][^\n]*[|｜\t]")
# Lines that stand alone however long they are: a dateline (——2024年1月5日在某县第十七届人民代表
# 大会第三次会议上) and a section heading (一、…, (二)…, 第三章…) are never a sentence's halves.
_DATELINE = re.compile(r"^\s*[—-]{1,2}|(?:会议|大会)上$|讲话$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|"
                      r"第[一二三四五六七八九十]{1,3}[章节部分篇]|[●•·■◆▲★※▶►◎○□√◇△☆【])")


def paragraphs(text: str) -> list[Span]:
    seen: set[str] = set()
    out: list[Span] = []
    lines = [m for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
    i = 0
    while i < len(lines):
        start, end = lines[i].start(), lines[i].end()
        while (i + 1 < len(lines) and len(text[start:end].strip()) >= _BROKEN_LINE
               and text[start:end].rstrip()[-1] not in _TERMINAL
               and not _DATELINE.search(text[lines[i].start():lines[i].end()].strip())
               and not _HEADING.match(lines[i + 1].group(0))
               and not _DATELINE.match(lines[i + 1].group(0))
               and not _TABLE_ROW.search(lines[i].group(0))
               and not _TABLE_ROW.search(lines[i + 1].group(0))):
            i += 1
            end = lines[i].end()
        i += 1
        body = text[start:end]
        key = _SPACE.sub("", body)
        if key in seen:
            continue
        seen.add(key)
        out.append(Span(start, end, body))
    return out


def sentences(par: Span) -> list[Span]:
    out = []
    for m in _SENTENCE.finditer(par.text):
        if m.group(0).strip():
            out.append(Span(par.start + m.start(), par.start + m.end(), m.group(0)))
    return out


_CLAUSE_EVENTS = re.compile(r"[《“(（「》”)）」,，、:：]")
_OPEN, _CLOSE = "《“(（「", "》”)）」"


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause within the sentence, split at commas, 、 and colons, but
    never inside brackets or quotes (《…》, “…”, (…))."""
    bounds, start, depth = [], 0, 0
    for m in _CLAUSE_EVENTS.finditer(sentence):  # only separators and brackets: no per-char loop
        ch, i = m.group(0), m.start()
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            # 1,234.5 is a number, not two clauses
            if ch == "," and i and sentence[i - 1].isdigit() and sentence[i + 1:i + 2].isdigit():
                continue
            bounds.append((start, i))
            start = i + 1
    bounds.append((start, len(sentence)))
    return [(s, e) for s, e in bounds if e > s]


_ANY_OPENING = re.compile(r"[《“\"‘「]")


def bracketed_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans inside 《…》 and short “…” quotes: names and slogans, not figures."""
    if not _ANY_OPENING.search(sentence):
        return []
    spans = [m.span() for m in _BOOK_TITLE.finditer(sentence)]
    spans += [m.span() for m in _SHORT_QUOTE.finditer(sentence)]
    return spans
