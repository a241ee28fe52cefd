"""Every word the dashboard shows, in Chinese (default) and English, through one function `t`.

Units, periods, qualifiers, statuses, stages, date rules and plurals are entries of the same
table (keys "unit:亿元", "period:FY", "status:achieved", ...), so English mode never falls back
to a Chinese unit or a raw code. Region and indicator names come from the gazetteer and the
codebook (both carry zh and en). The formatting helpers below only combine `t` with numbers.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import pandas as pd

# key: (zh, en) -- en may be (singular, plural), chosen by the `n` argument of t().
STRINGS: dict[str, tuple] = {
    "app_title": ("山西区域发展政策追踪", "Shanxi Regional Development Tracker"),
    "overview": ("概览", "Overview"),
    "growth": ("增长", "Growth"),
    "pipeline": ("三个一批", "Project rounds"),
    "targets": ("目标", "Targets"),
    "sources": ("来源", "Sources"),
    "region": ("地区", "Region"),
    "year": ("年份", "Year"),
    "english": ("English", "English"),
    "other_regions": ("其他（不在地名表中）", "Other (not in the gazetteer)"),
    "region_search_help": ("可输入中文名、英文名或别名搜索", "Search by Chinese or English name or alias"),
    "evidence": ("证据：每个数字出自哪份文件、哪句话", "Evidence: the document and sentence behind each number"),
    "download_png": ("下载 PNG", "Download PNG"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "source_line": ("来源：{docs}（共 {n} 份文件）<br>山西区域发展政策追踪",
                    ("Source: {docs} ({n} document)<br>Shanxi Regional Development Tracker",
                     "Source: {docs} ({n} documents)<br>Shanxi Regional Development Tracker")),
    "et_al": (" 等", " et al."),
    "list_sep": ("、", "; "),
    "missing_db": ("找不到数据仓库文件 `{path}`。请先运行 `make build` 生成它（或设置环境变量 WAREHOUSE_DB）。",
                   "No warehouse file at `{path}`. Run `make build` to create it (or set WAREHOUSE_DB)."),
    "empty_db": ("数据仓库里还没有任何数据。请检查 `make build` 的输出。",
                 "The warehouse has no figures yet. Check the output of `make build`."),
    "bad_region": ("链接中的地区 “{value}” 不存在或没有数据，已改为显示 {shown}。",
                   "The region “{value}” in the link is unknown or has no data; showing {shown} instead."),
    "bad_year": ("链接中的年份 “{value}” 不是有效年份，已改为显示 {shown} 年。",
                 "The year “{value}” in the link is not a valid year; showing {shown} instead."),
    "no_year": ("{region} 没有 {year} 年的数据；有数据的年份：{years}。当前显示 {shown} 年。",
                "{region} has no figures for {year}; it has {years}. Showing {shown}."),
    "no_data_here": ("{region} {year} 年没有{what}。", "{region} has no {what} for {year}."),
    "vs_year": ("较 {year} 年", "vs {year}"),
    "key_figures": ("主要指标", "Key figures"),
    "show_all_figures": ("显示全部 {n} 个指标", ("Show all {n} figure", "Show all {n} figures")),
    "coverage": ("数据覆盖：各地区各年份的数据条数", "Coverage: figures per region and year"),
    "coverage_unit": ("条", "figures"),
    "policies": ("发布的政策", "Policies issued"),
    "growth_rates": ("增速", "Growth rates"),
    "growth_rates_ytd": ("年内累计增速（{period}）", "Year-to-date growth ({period})"),
    "by_region": ("各地区对比", "Regions side by side"),
    "by_region_single": ("只有 {region} 报告了 {year} 年{indicator}的增速，没有可对比的地区。",
                         "Only {region} reports {indicator} growth for {year}: no other region to compare with."),
    "levels": ("历年水平（全年）", "Levels over time (full year)"),
    "indicator": ("指标", "Indicator"),
    "figure": ("数字", "Figure"),
    "year_range": ("年份范围", "Year range"),
    "rounds": ("各批次：签约、开工、投产", "Rounds: signed, started, commissioned"),
    "rounds_note": ("“三个一批”的各阶段是分别统计的批次，不是同一批项目的先后流程；各批次和全年合计分开显示。",
                    "The three stages are separate batches, not one set of projects moving from stage to stage; "
                    "each round and the year's total are shown apart."),
    "round_fy": ("全年合计", "Year total"),
    "round_of": ("{period} · {doc}", "{period} · {doc}"),
    "pipeline_by_year": ("各年全年合计：项目数与总投资", "Year totals: projects and investment"),
    "other_stages": ("在谈 / 储备 / 推进", "Negotiating / reserve / in progress"),
    "named_projects": ("重点项目", "Named projects"),
    "all_years": ("显示所有年份", "Show all years"),
    "target_table": ("{year} 年目标", "Targets for {year}"),
    "targets_title": ("目标 · {region} · {year} 年", "Targets · {region} · {year}"),
    "as_of": ("状态截至 {date}", "Status as of {date}"),
    "as_of_input": ("状态截至日期", "Status as of"),
    "target_only_year": ("{year} 年只有目标，还没有实际数据。", "{year} has targets only; no results yet."),
    "progress": ("完成进度（目标年份实际值 ÷ 目标）", "Progress (actual of the target year ÷ target)"),
    "progress_rates": ("速度目标：实际与目标之差（百分点）", "Rate targets: achieved minus target (percentage points)"),
    "no_progress": ("{year} 年的目标还没有可比的实际数据。", "No comparable results yet for the {year} targets."),
    "documents": ("文件", "Documents"),
    "all_documents": ("显示全部文件", "Show all documents"),
    "fact_explorer": ("查看某个数字的出处", "Look up where a number comes from"),
    "conflicts": ("文件之间不一致的数字", "Figures the documents disagree on"),
    "no_conflicts": ("没有发现文件之间的矛盾。", "No disagreements between documents."),
    "conflict_here": ("另有文件给出不同的数字：{others}", "Another document gives a different figure: {others}"),
    "growth_facts": ("增速数据", "growth rates"),
    "pipeline_facts": ("三个一批项目数据", "project round figures"),
    "target_facts": ("目标", "targets"),
    "policy_facts": ("政策", "policies"),
    "project_facts": ("重点项目", "named projects"),
    "figures": ("数据", "figures"),
    "investment": ("总投资", "Investment"),
    "n_projects": ("项目数", "Projects"),
    "baseline": ("基期（参考）", "Baseline (context)"),
    "achieved": ("实际", "Achieved"),
    "target": ("目标", "Target"),
    "status": ("状态", "Status"),
    "progress_col": ("进度", "Progress"),
    "growth_word": ("增速", "growth"),
    "no_policies": ("{region} 暂无政策记录。", "No policies recorded for {region}."),
    "no_targets": ("{region} 暂无目标记录。", "No targets recorded for {region}."),
    "no_levels": ("{region} 没有跨两年以上的全年数据，无法画出历年水平。",
                  "{region} has no full-year figures for two years or more."),
    "evidence_capped": ("共 {total} 个数字，这里列出前 {n} 个；全部见 CSV。",
                        "{total} numbers; the first {n} are listed here, all of them are in the CSV."),
    "conflicts_capped": ("共 {total} 处不一致，下面并排列出前 {n} 处（所选年份优先），全部见表格。",
                         "{total} disagreements; the first {n} (selected year first) side by side, all in the table."),
    "old_schema": ("数据仓库 `{path}` 是旧版本生成的，请运行 `make build` 重新生成。",
                   "The warehouse `{path}` was built by an older version; run `make build` again."),
    "n_documents": ("{n} 份文件", ("{n} document", "{n} documents")),
    "cumulative_mark": ("累计", "cumulative"),
    "average_mark": ("年均", "annual average"),
    "label_only": ("（原文标签）", " (label from the text)"),
    "pp": ("个百分点", "pp"),
    "paren": ("（{x}）", " ({x})"),
    "comma": ("，", ", "),
    "date:day": ("{y}年{m}月{d}日", "{d} {mon} {y}"),
    "date:month": ("{y}年{m}月", "{mon} {y}"),
    "date:year": ("{y}年", "{y}"),
    "of_pace": ("（相对按月均摊进度）", "of the linear pace"),
    "pp_long": ("个百分点", ("percentage point", "percentage points")),
    "undated": ("未注明日期", "undated"),
    "pipeline_chart_title": ("三个一批 · 各批次", "Project rounds"),
    "pipeline_note_doc": ("每个柱子下方注明所出自的文件。", "Each group of bars names the document it comes from."),
    # evidence and CSV columns
    "col:document": ("文件标题", "Document"),
    "col:publisher": ("发布者", "Publisher"),
    "col:date": ("日期", "Date"),
    "col:date_rule": ("日期依据", "How the date was decided"),
    "col:link": ("原文链接", "Original"),
    "col:sentence": ("原句（数字已标出）", "Source sentence (figure marked)"),
    "col:indicator": ("指标", "Indicator"),
    "col:value": ("数值", "Value"),
    "col:unit": ("单位", "Unit"),
    "col:period": ("时期", "Period"),
    "col:qualifier": ("限定词", "Qualifier"),
    "col:kind": ("类型", "Kind"),
    "col:why": ("提取依据", "Why (extraction rules)"),
    "col:region": ("地区", "Region"),
    "col:role": ("用途", "Role"),
    "col:policy": ("政策", "Policy"),
    "col:project": ("项目", "Project"),
    "col:stage": ("阶段", "Stage"),
    "col:facts_extracted": ("提取数字", "Figures extracted"),
    "col:round": ("批次", "Round"),
    "col:target_quote": ("目标原文", "Target as written (source)"),
    "bad_date": ("链接中的日期 “{value}” 无效，已改为 {shown}。", "The date “{value}” in the link is not valid; using {shown}."),
    "role:target": ("目标", "target"), "role:actual": ("实际", "actual"),
    "role:baseline": ("基期", "baseline"), "role:ytd": ("年内进度", "year to date"),
    # units (亿元 normalised by the ETL; the rest counted things)
    "unit:亿元": ("亿元", "× 100 million yuan"),
    "unit:亿美元": ("亿美元", "× 100 million US dollars"),
    "unit:万元": ("万元", "× 10,000 yuan"),
    "unit:元": ("元", "yuan"),
    "unit:%": ("%", "%"),
    "unit:个百分点": ("个百分点", ("percentage point", "percentage points")),


    "unit:栋": ("栋", ("building", "buildings")),
    "unit:人": ("人", ("person", "people")),
    "unit:位": ("位", ("person", "people")),
    "unit:万人": ("万人", "× 10,000 people"),

    "unit:平方米": ("平方米", "m²"),
    "unit:公里": ("公里", "km"),

    "unit:户": ("户", ("household", "households")),

    "unit:亩": ("亩", "mu"),


    "unit:吨": ("吨", "tonnes"),
    "unit:次": ("次", ("time", "times")),


    "unit:辆": ("辆", ("vehicle", "vehicles")),
    "unit:projects": ("个", ("project", "projects")),
    # counted things: the indicator's name says what is counted, so English adds no word
    "unit:个": ("个", ""), "unit:家": ("家", ""), "unit:件": ("件", ""), "unit:所": ("所", ""),
    "unit:部": ("部", ""), "unit:条": ("条", ""), "unit:项": ("项", ""), "unit:座": ("座", ""),
    "unit:套": ("套", ""),
    "unit:count": ("", "count"),
    "unit:unit": ("", ""),
    "unit:?": ("", ("unit", "units")),
    # periods
    "period:FY": ("全年", "full year"),
    "period:YTD": ("1–{m}月", "Jan–{mon}"),
    "period:YTD-01": ("1月", "January"),
    "period:M": ("{m}月（当月）", "{mon} only"),
    "period:Q1": ("一季度", "Q1"), "period:Q2": ("二季度", "Q2"),
    "period:Q3": ("三季度", "Q3"), "period:Q4": ("四季度", "Q4"),
    "period:H1": ("上半年", "first half"), "period:H2": ("下半年", "second half"),
    "period:CUM": ("累计", "cumulative"),
    "period:?": ("其他时期", "other period"),
    # qualifiers: sign shown before the number, and the word for the tables
    "qual:exact": ("", ""), "qual:derived": ("", ""),
    "qual:approx": ("≈", "≈"), "qual:more_than": (">", ">"),
    "qual:at_least": ("≥", "≥"), "qual:less_than": ("<", "<"),
    "qual:estimate": ("预计", "est."), "qual:range": ("", ""),
    "qualword:exact": ("确数", "exact"), "qualword:derived": ("推算", "derived"),
    "qualword:approx": ("约数", "approximately"), "qualword:more_than": ("超过", "more than"),
    "qualword:at_least": ("以上", "at least"), "qualword:less_than": ("不到", "less than"),
    "qualword:estimate": ("预计", "estimated"), "qualword:range": ("区间", "range"),
    # kinds, natures
    "kind:value": ("数值", "level"), "kind:growth": ("增速", "growth"), "kind:share": ("占比", "share"),
    "kind:target": ("目标", "target"), "kind:rank": ("排名", "rank"),
    # target kinds and statuses
    "tkind:level": ("总量目标", "level target"), "tkind:rate": ("速度目标", "rate target"),
    "tkind:control": ("控制目标", "control-within target"), "tkind:label": ("未编码目标", "uncoded target"),
    "status:achieved": ("已完成", "achieved"), "status:on_track": ("进度正常", "on track"),
    "status:behind": ("进度落后", "behind"), "status:missed": ("未完成", "missed"),
    "status:not_due": ("未到期", "not yet due"), "status:awaiting": ("待公布结果", "awaiting results"),
    "status:no_data": ("无数据", "no data"),
    "status:inside": ("控制在目标内", "inside the limit"), "status:outside": ("超出控制目标", "outside the limit"),
    # stages
    "stage:signed": ("签约", "Signed"), "stage:started": ("开工", "Started"),
    "stage:commissioned": ("投产", "Commissioned"), "stage:negotiating": ("在谈", "Negotiating"),
    "stage:reserve": ("储备", "Reserve"), "stage:in_progress": ("推进", "In progress"),
    "stage:under_construction": ("在建", "Under construction"), "stage:operating": ("运营", "Operating"),
    "stage:planned": ("计划", "Planned"),
    # how a document's date was decided
    "date_rule:sources_csv": ("取自文件旁的 sources.csv", "given in the sources.csv beside the documents"),
    "date_rule:front_matter": ("取自文件头信息", "stated in the document's front matter"),
    "date_rule:dateline": ("取自正文开头的电头", "read from the article's dateline"),
    "date_rule:url": ("取自网址中的日期", "read from the date in the web address"),
    "date_rule:content": ("由正文中提到的日期推断，可能不准确", "inferred from a date mentioned in the text (may be inexact)"),
    "date_rule:title_year": ("取自标题中的年份（只知年份）", "the year named in the title (only the year is known)"),
    "date_rule:html_metadata": ("取自网页声明的发布日期", "the publication date the web page declares"),
    "date_rule:body_completed_year": ("由正文中已结束的最近年份推断，可能不准确", "inferred from the latest finished year the text reports (may be inexact)"),
    "date_rule:body_latest_year": ("由正文中最近的年份推断，可能不准确", "inferred from the latest year the text names (may be inexact)"),
    "date_rule:body_plan_year": ("由正文中的“十四五”开局/收官之年推断，只知年份", "inferred from the start or the end of a five-year plan the text names (only the year)"),
    "date_rule:none": ("未找到日期", "no date found"),
    "date_rule:?": ("依据不明", "rule not recorded"),
    "why:kind": ("类型", "kind"), "why:region": ("地区", "region"), "why:time": ("时间", "time"),
}

# The Documents and Review pages' words live in their own table (same format); a key may be
# defined once only, so neither table silently overrides the other.
from dashboard.review_strings import STRINGS as _REVIEW_STRINGS  # noqa: E402

assert not set(_REVIEW_STRINGS) & set(STRINGS), set(_REVIEW_STRINGS) & set(STRINGS)
STRINGS.update(_REVIEW_STRINGS)

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def has(key: str) -> bool:
    return key in STRINGS


def t(key: str, lang: str = "zh", n: int | float | None = None, **fmt) -> str:
    """The text of `key` in `lang`; `n` picks the English plural and is available as {n}."""
    zh, en = STRINGS[key]
    if lang == "en":
        text = en if isinstance(en, str) else (en[0] if n is not None and abs(n) == 1 else en[1])
    else:
        text = zh
    if n is not None:
        fmt["n"] = n if not isinstance(n, float) or not n.is_integer() else int(n)
    return text.format(**fmt) if fmt else text


# ---------------------------------------------------------------- codes -> words
def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def unit_label(unit, lang: str = "zh", n=None, *, column: bool = False) -> str:
    """The unit after a number (column=False: '' for a plain count in English) or as a
    column's value (column=True: 'count')."""
    if is_missing(unit) or unit == "":
        return ""
    key = f"unit:{unit}"
    text = t(key, lang, n=n) if has(key) else (t("unit:?", lang, n=n) or unit)
    if column and not text:
        return t("unit:count", lang)
    return text.lstrip("× ") if column else text


def period_label(period, lang: str = "zh") -> str:
    """FY -> 全年 / full year; YTD-05 -> 1–5月 / Jan–May; M-08 -> 8月（当月） / Aug only."""
    if is_missing(period):
        return ""
    period = str(period)
    if has(f"period:{period}"):
        return t(f"period:{period}", lang)
    if period.startswith("YTD-") and period[4:].isdigit() and 1 <= int(period[4:]) <= 12:
        m = int(period[4:])
        return t("period:YTD", lang, m=m, mon=MONTHS_EN[m - 1])
    if period.startswith("M-") and period[2:].isdigit() and 1 <= int(period[2:]) <= 12:
        m = int(period[2:])   # M-08: August alone, not January to August
        return t("period:M", lang, m=m, mon=MONTHS_EN[m - 1])
    return t("period:?", lang)


def period_suffix(period, lang: str = "zh") -> str:
    """'' for a full year, else ' (1–5月)': what to append to a label."""
    if is_missing(period) or period == "FY":
        return ""
    return t("paren", lang, x=period_label(period, lang))


def status_label(status, lang: str = "zh") -> str:
    return t(f"status:{status}", lang) if has(f"status:{status}") else t("status:no_data", lang)


def stage_label(stage, lang: str = "zh") -> str:
    return t(f"stage:{stage}", lang) if has(f"stage:{stage}") else str(stage)


def kind_label(kind, lang: str = "zh") -> str:
    return t(f"kind:{kind}", lang) if has(f"kind:{kind}") else str(kind)


def qualifier_word(qualifier, lang: str = "zh") -> str:
    key = f"qualword:{qualifier}"
    return t(key, lang) if has(key) else ""


def _rule_labels() -> dict[str, tuple]:
    """The extraction rules' names in both languages (data/reference/rule_labels.csv, beside
    the codebook): "rule:growth_word" entries of the same table `t` reads."""
    path = Path(__file__).resolve().parent.parent / "data" / "reference" / "rule_labels.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return {f"rule:{row['rule']}": (row["zh"], row["en"]) for row in csv.DictReader(fh)}


STRINGS.update(_rule_labels())


def rule_label(rule, lang: str = "zh") -> str:
    """How a figure was read, for people: growth_word+cumulative -> both parts in words (a
    name without a label, which a test prevents, shows as itself)."""
    if is_missing(rule) or not str(rule):
        return ""
    parts = [p for p in str(rule).split("+") if p]
    return " + ".join(t(f"rule:{p}", lang) if has(f"rule:{p}") else p for p in parts)


def date_rule_label(rule, lang: str = "zh") -> str:
    key = f"date_rule:{rule}"
    return t(key, lang) if has(key) else t("date_rule:?", lang)


def fmt_date(value, lang: str = "zh", precision=None) -> str:
    """A date for reading, no more precise than its source (precision: day, month, year)."""
    if is_missing(value):
        return t("undated", lang)
    d = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
    precision = precision if precision in ("day", "month", "year") else "day"
    return t(f"date:{precision}", lang, y=d.year, m=d.month, d=d.day, mon=MONTHS_EN[d.month - 1])


def name(row, lang: str = "zh") -> str:
    """Display name of a region/indicator row with name_zh/name_en (English falls back to zh)."""
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    return str(row["name_zh"])


# ---------------------------------------------------------------- numbers
def decimals(unit) -> int:
    return 1 if unit in ("%", "个百分点") else 2


def fmt_plain(value, unit=None) -> str:
    """A number for reading: thousands separators, no false precision (1,602.3, 5,000)."""
    if is_missing(value):
        return "–"
    value = float(value)
    text = f"{value:,.{decimals(unit)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_number(value, unit=None, lang: str = "zh", *, with_unit: bool = True) -> str:
    """1,602.3 亿元 / 1,602.3 × 100 million yuan; 5.1%; 2,105 家 / 2,105 firms."""
    text = fmt_plain(value, unit)
    if not with_unit or is_missing(value) or is_missing(unit) or not unit or unit == "unit":
        return text
    label = unit_label(unit, lang, n=float(value))
    if unit == "%":
        return f"{text}%"
    return f"{text} {label}" if label else text


def fmt_figure(value, unit, qualifier, lang: str = "zh", *, high=None, raw_number=None,
               with_unit: bool = True) -> str:
    """A number with its qualifier: ≈ 500 亿元, ≥ 40%, > 5,000 亿元, est. 1,700.8 …, 2–3 栋."""
    if qualifier == "range" and not is_missing(high):
        return f"{fmt_plain(value, unit)}–{fmt_number(high, unit, lang, with_unit=with_unit)}"
    number = fmt_number(value, unit, lang, with_unit=with_unit)
    if qualifier == "more_than" and isinstance(raw_number, str) and raw_number.rstrip().endswith("多"):
        plain = fmt_plain(value, unit)
        return number.replace(plain, plain + "+", 1)
    sign = t(f"qual:{qualifier}", lang) if has(f"qual:{qualifier}") else ""
    return f"{sign} {number}" if sign else number


def fmt_delta(value, previous, unit, lang: str = "zh") -> str | None:
    """Change against the previous comparable figure: +176.8 亿元 (+12.4%), -3.4 个百分点."""
    if is_missing(value) or is_missing(previous):
        return None
    diff = float(value) - float(previous)
    # ASCII '-': st.metric reads a leading '-' as a decline (red, down arrow); '−' reads as a rise.
    sign = "+" if diff >= 0 else "-"
    if unit == "%":
        return f"{sign}{abs(diff):.1f} {t('pp', lang)}"
    text = f"{sign}{fmt_number(abs(diff), unit, lang)}"
    if previous:
        text += f" ({100 * diff / abs(float(previous)):+.1f}%)"
    return text


def fmt_pp(diff, lang: str = "zh") -> str:
    """A difference of two rates, in percentage points (never a % of a %)."""
    if is_missing(diff):
        return "–"
    return f"{float(diff):+.1f} {t('pp', lang)}"


# ---------------------------------------------------------------- Map and Compare pages
# Kept as one block at the end so the explore work and the rest of the dashboard merge apart.
STRINGS.update({
    "map": ("地图", "Map"),
    "compare": ("对比", "Compare"),
    "map_level": ("区划层级", "Divisions"),
    "level:city": ("地级市", "Cities"),
    "level:county": ("县级（县、市、区）", "Counties and districts"),
    "kind": ("类型", "Kind"),
    "map_title": ("{indicator} · {kind} · {year} · {level}", "{indicator} · {kind} · {year} · {level}"),
    "map_help": ("点击地图上的地区即可在侧栏中选中它。灰色：该年没有这项数据。圆点：开发区（没有边界，画在所在区县）。",
                 "Click a region to select it in the sidebar. Grey: no figure for that year. "
                 "Dots: development zones (no boundary; drawn at their host district)."),
    "map_pick_no_data": ("{region} 没有任何数据，侧栏无法选中它。", "{region} has no figures, so it cannot be selected."),
    "no_indicator": ("还没有可以比较的指标数据。", "No indicator has figures to compare yet."),
    "no_map_data": ("{year} 年没有地区报告{indicator}（{kind}）。", "No region reports {indicator} ({kind}) for {year}."),
    "no_figure": ("无数据", "no figure"),
    "hover_value": ("数值", "Value"),
    "hover_period": ("时期", "Period"),
    "hover_qualifier": ("精确度", "Qualifier"),
    "hover_source": ("来源", "Source"),
    "zone_at": ("开发区，位于{host}", "zone, drawn at {host}"),
    "compare_regions": ("对比的地区", "Regions to compare"),
    "compare_none": ("请至少选择一个地区。", "Choose at least one region."),
    "compare_title": ("{indicator} · {kind} · {first}–{last}", "{indicator} · {kind} · {first}–{last}"),
    "league_title": ("{indicator} · {year} · 各地区排名（{kind}）", "{indicator} · {year} · regions ranked ({kind})"),
    "league_table": ("{year} 年排行榜", "League table {year}"),
    "col_region": ("地区", "Region"),
    "col_place": ("名次", "Place"),
    "col_level": ("总量", "Level"),
    "col_growth": ("增速", "Growth"),
    "col_rank": ("公布的排名", "Reported rank"),
    "col_year": ("年份", "Year"),
    "col_figure": ("数字", "Figure"),
    "col_period": ("时期", "Period"),
    "col_qualifier": ("精确度", "Qualifier"),
    "col_source": ("来源文件", "Source document"),
    "mixed_units": ("另有 {n} 个地区使用别的单位（{units}），未画入。", "{n} more regions use another unit ({units}) and are left out."),
    "download_svg": ("下载 SVG", "Download SVG"),
    "image_format": ("相机按钮的图片格式", "Camera button image format"),
    "region_data": ("下载 {region} 的全部数据（数字及出处、项目、政策）",
                    "Download all data for {region} (figures with sources, projects, policies)"),
    "download_parquet": ("下载 Parquet", "Download Parquet"),
    "url_note": ("本页的所有设置都保存在网址中，复制链接即可分享当前视图。",
                 "Every setting of this page is in the address: copy the link to share this view."),
})
