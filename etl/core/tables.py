"""Figures in tables: statistics pages print them as rows (地区 | 地区生产总值(亿元) | 增速(%) | 位次),
flattened to text with '|' or tabs between the cells (HTML cells become ' | ' at ingest).

A table is a header row (no cell is a bare number) followed by rows of the same width. Each
column says what it holds: its label (indicator), its unit in brackets (亿元, %, 万吨) and so its
kind (增速 -> growth, 比重 -> share, 位次 -> rank, else a level). A row is about the place its
first cell names (城区 | 98.62 | …), or, when the first cell names no place, about the document's
subject with the first cell as the indicator (地区生产总值(亿元) | 615.3 | 4.6). Every figure
keeps its own cell as its quote, so it stays grounded like any other.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .facts import RawFact, rule_confidence
from .indicators import Codebook, IndicatorInfo, fits
from .units import read_unit, round_value

_SEP = re.compile(r"[ \t]*[|｜\t][ \t]*")
_NUMBER_CELL = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?%?")
_EMPTY_CELL = re.compile(r"[-—–/\s]*")
_BRACKETED_TOTAL = re.compile(r"[\[［【]([-−]?\d[\d,]*(?:\.\d+)?)[\]］】]")
_UNIT_IN_BRACKETS = re.compile(r"[(（]([^()（）]{1,6})[)）]")
_NAME_COLUMN = re.compile(r"地区|县|市|区|指标|名称|项目|单位")
_RANK = re.compile(r"位次|排名|排序|名次|位序")
_GROWTH = re.compile(r"增速|增长|增幅|比上年|同比|较上年")
_SHARE = re.compile(r"比重|占比|占全|构成")


_MULTIPLIER = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2, "十": 10.0}


def header_unit(text: str) -> tuple[str, float] | None:
    """(canonical unit, factor) of a unit written in a header: 亿元, 万元, %, 万吨, 千公顷."""
    text = text.strip()
    if text in ("%", "％"):
        return "%", 1.0
    mult = 1.0
    while text:
        read = read_unit(text, 0)
        if read is not None and read.end == len(text):
            return read.canonical, read.factor * mult
        if text[0] not in _MULTIPLIER or len(text) == 1:
            return None
        mult *= _MULTIPLIER[text[0]]   # 万元, 亿千瓦时 (千瓦时 is a unit, 千瓦 too)
        text = text[1:]
    return None


@dataclass(frozen=True)
class Column:
    label: str
    unit: str | None        # canonical unit, None when the header names none
    factor: float
    kind: str               # value | growth | share | rank
    indicator: IndicatorInfo | None
    year: int | None = None  # a column of one year (指标 | 2022年 | 2023年)


# A table whose cells are separated by spaces (排名 城市 地区生产总值(亿元) 增速(%) / 1 太原市 5600.2
# 5.1): a line of three or more space-separated cells with no sentence punctuation.
_SPACE_SEP = re.compile(r"[ \u3000]+")
_SPACE_ROW = re.compile(r"[^\s，。；;：:！？、]+(?:[ \u3000]+[^\s，。；;：:！？、]+){2,}")


def _separator(line: str) -> re.Pattern:
    return _SEP if ("|" in line or "｜" in line or "\t" in line) else _SPACE_SEP


def cells(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a row written with '|', tabs or spaces."""
    out, pos = [], 0
    line_body = line.rstrip()
    for m in _separator(line).finditer(line_body):
        out.append((pos, m.start(), line[pos:m.start()]))
        pos = m.end()
    out.append((pos, len(line_body), line_body[pos:]))
    trimmed = []
    for a, b, text in out:
        lead = len(text) - len(text.lstrip())
        trimmed.append((a + lead, a + lead + len(text.strip()), text.strip()))
    return trimmed


def _is_row(line: str) -> bool:
    if len(_SEP.findall(line)) >= 2:
        return True
    return _SPACE_ROW.fullmatch(line.strip()) is not None


def _is_header(row: list[tuple[int, int, str]]) -> bool:
    """Every cell a label: no figure, no empty mark (—) and no bracketed total ([20])."""
    texts = [t for _, _, t in row]
    return all(t and not _NUMBER_CELL.fullmatch(t) and not _EMPTY_CELL.fullmatch(t)
               and not _BRACKETED_TOTAL.fullmatch(t) for t in texts)


_LEADING_RANK = re.compile(r"\d{1,2}")
_YEAR_COLUMN = re.compile(r"((?:19|20)\d\d)\s*年?(?:末|底)?")
_TABLE_UNIT = re.compile(r"单位\s*[:：]\s*([^\s,，;；)）]{1,6})")


def _column(text: str, cb: Codebook, table_unit: tuple[str, float] | None = None) -> Column:
    unit_m = _UNIT_IN_BRACKETS.search(text)
    label = _UNIT_IN_BRACKETS.sub("", text).strip()
    unit, factor = None, 1.0
    written = header_unit(unit_m.group(1)) if unit_m else None
    if written:
        unit, factor = written
    year = _YEAR_COLUMN.fullmatch(label)
    if year:   # 2023年: that year's level, in the row's or the table's unit
        unit, factor = table_unit if (table_unit and unit is None) else (unit, factor)
        return Column(label, unit, factor, "value", None, int(year.group(1)))
    if _RANK.search(label):
        kind, unit = "rank", "位"
    elif unit == "%" and _GROWTH.search(label):
        kind = "growth"
    elif unit == "%" and _SHARE.search(label):
        kind = "share"
    elif unit == "%":
        kind = "share"
    else:
        kind = "value"
        if unit is None and table_unit is not None and not _NAME_COLUMN.search(label):
            unit, factor = table_unit   # 单位：亿元 above the table
    matches = cb.find(label)
    indicator = next((m.info for m in matches if unit and fits(m.info, unit, kind)), None)
    return Column(label, unit, factor, kind, indicator)


def find_tables(text: str, cb: Codebook) -> dict[int, list[Column]]:
    """Offset of each data row's line -> the columns of its table's header."""
    out: dict[int, list[Column]] = {}
    header: list[Column] | None = None
    table_unit = None
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if not _is_row(line):
            header = None
            named = _TABLE_UNIT.search(line)   # 表1 …（单位：亿元）
            table_unit = header_unit(named.group(1)) if named else None
            continue
        row = cells(line)
        if _is_header(row):
            header = [_column(t, cb, table_unit) for _, _, t in row]
        elif header is not None and len(row) == len(header):
            out[start] = header
        elif header is not None and len(row) == len(header) + 1 and _LEADING_RANK.fullmatch(row[0][2]) \
                and header[0].kind != "rank":
            # 1 太原市 5600.2 5.1 under 城市 | 地区生产总值 | 增速: a row number before the row
            out[start] = [Column("序号", None, 1.0, "ordinal", None), *header]
    return out


@dataclass
class TableFigure:
    start: int              # offsets in the row's sentence
    end: int
    region: object
    indicator: IndicatorInfo | None
    label: str
    kind: str
    value: float
    unit: str
    raw: str
    year: int | None = None


_INDICATOR_COLUMN = re.compile(r"^(?:指标|指标名称|主要指标|项目)$")


def _name_cell(row, columns: list[Column]) -> int:
    """The cell that names the row: the first, or the one under 指标 (类别 | 指标 | 2020年 …)."""
    return next((i for i, c in enumerate(columns) if i and _INDICATOR_COLUMN.match(c.label)), 0)


def row_figures(row_text: str, columns: list[Column], place, cb: Codebook,
                place_at: int = 0) -> list[TableFigure]:
    """The figures of one data row. `place`: the region the row's name cell names (None: the
    name cell names an indicator and the row is about the document's subject); `place_at`:
    that cell (a rank or a row number may come before it)."""
    row = cells(row_text)
    out: list[TableFigure] = []
    named_at = _name_cell(row, columns) if place is None else place_at
    first = row[named_at][2]
    row_unit_m = _UNIT_IN_BRACKETS.search(first)
    row_label = _UNIT_IN_BRACKETS.sub("", first).strip()
    row_unit = header_unit(row_unit_m.group(1)) if row_unit_m else None
    unit_col = next((i for i, c in enumerate(columns) if c.label == "单位"), None)
    if row_unit is None and unit_col is not None and unit_col < len(row):
        row_unit = header_unit(row[unit_col][2])   # 指标 | 单位 | 绝对值: the unit has its column
    row_indicator = next((m.info for m in cb.find(row_label)), None) if place is None else None
    level_indicator = None
    for i, ((a, b, text), col) in enumerate(zip(row, columns)):
        if i == named_at or col.kind == "ordinal":
            continue
        total = _BRACKETED_TOTAL.fullmatch(text)   # [20]: a total over the plan's years
        if total:
            text = total.group(1)
        if _EMPTY_CELL.fullmatch(text) or not _NUMBER_CELL.fullmatch(text):
            continue
        number = float(text.rstrip("%").replace(",", "").replace("−", "-"))
        unit, factor, kind = col.unit, col.factor, col.kind
        indicator, label = col.indicator, col.label
        if place is None:   # indicator rows: the row names what, the column how
            label = row_label
            indicator = row_indicator
            if kind == "value":
                if row_unit is not None:
                    unit, factor = row_unit
                    if unit == "%":   # 固定资产投资增速(%) | 8.4 | 12.7: the row says what rate
                        kind = "growth" if _GROWTH.search(row_label) else "share"
                elif unit is None:
                    continue   # a level needs its unit: the row's, the column's or the table's
        if unit is None:
            continue
        if kind == "value":
            level_indicator = indicator
        elif kind == "growth" and indicator is None:
            indicator = level_indicator   # 地区生产总值(亿元) | 增速(%): the growth of that level
        if total:
            a, b = a + 1, b - 1
        out.append(TableFigure(a, b, place, indicator, indicator.name if indicator else label,
                               kind, round_value(number * factor), unit, text, col.year))
    return out


def table_facts(ctx, cb: Codebook, columns: list[Column]) -> list[RawFact]:
    """The row's figures as facts of the extraction core (offsets in the row's sentence)."""
    s = ctx.span.text
    row = cells(s)
    place, place_at = None, 0
    for i, (cell_start, cell_end, _) in enumerate(row[:2]):
        named = next((m for m in ctx.mentions if cell_start <= m.start < cell_end), None)
        if named is not None:
            place, place_at = named.region or ctx.region_at(named.end), i
            break
        if not _NUMBER_CELL.fullmatch(row[i][2]):
            break   # (a rank or a row number may stand before the place, nothing else)
    out = []
    issued = ctx.doc_date.year if ctx.doc_date else None
    for fig in row_figures(s, columns, place, cb, place_at):
        region = fig.region or ctx.region_at(0)
        region_rule = "table_row" if fig.region is not None else ctx.region_rule_at(0)
        time_rule = "table_year_column" if fig.year else ctx.time_rule_at(fig.start)
        year = fig.year or ctx.year_at(fig.start)
        period = "FY" if fig.year else ctx.period_at(fig.start)
        kind, kind_rule = fig.kind, "table_column"
        # a plan's table: a column of a year still to come (2025年 in a 2021 plan) and its rates
        # (年均增长) are goals; the base year's column is what was achieved
        if kind in ("value", "growth", "share") and ctx.in_plan and issued and \
                (year or 0) >= issued and not (fig.year is None and period != "FY"):
            kind, kind_rule = "target", "table_plan_column"
        out.append(RawFact(
            fig.start, fig.end, 0, len(s), region, year, period,
            fig.indicator, fig.label, kind, fig.value, None, fig.unit, "exact", fig.raw, "",
            rule_confidence(fig.indicator is not None, kind_rule, region_rule, time_rule),
            kind_rule, region_rule, time_rule))
    return out
