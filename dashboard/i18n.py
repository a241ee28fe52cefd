"""UI strings in Chinese (default) and English, and number formatting for reading.

Region and indicator names come from the gazetteer and codebook (both carry zh and en);
this module only holds the dashboard's own words.
"""
from __future__ import annotations

import math

STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "app_title": ("山西区域发展政策追踪", "Shanxi Regional Development Tracker"),
    "overview": ("概览", "Overview"),
    "growth": ("增长", "Growth"),
    "pipeline": ("三个一批", "Pipeline"),
    "targets": ("目标", "Targets"),
    "sources": ("来源", "Sources"),
    "region": ("地区", "Region"),
    "year": ("年份", "Year"),
    "english": ("English", "English"),
    "other_regions": ("其他（不在地名表中）", "Other (not in the gazetteer)"),
    "evidence": ("证据：数字出自哪份文件、哪句话", "Evidence: the document and sentence behind each number"),
    "download_png": ("下载 PNG", "Download PNG"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "source_line": ("来源：{docs}（共 {n} 份文件）· 山西区域发展政策追踪",
                    "Source: {docs} ({n} documents) · Shanxi Regional Development Tracker"),
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
    "coverage": ("数据覆盖：各地区各年份的数据条数", "Coverage: figures per region and year"),
    "policies": ("发布的政策", "Policies issued"),
    "growth_rates": ("增速", "Growth rates"),
    "by_region": ("各地区对比", "Regions side by side"),
    "levels": ("历年水平", "Levels over time"),
    "indicator": ("指标", "Indicator"),
    "year_range": ("年份范围", "Year range"),
    "funnel": ("签约 → 开工 → 投产", "Signed → started → commissioned"),
    "pipeline_by_year": ("各年项目数与总投资", "Projects and investment by year"),
    "other_stages": ("在谈 / 储备 / 推进", "Negotiating / reserve / in progress"),
    "named_projects": ("重点项目", "Named projects"),
    "all_years": ("显示所有年份", "Show all years"),
    "target_table": ("目标完成情况", "Targets and attainment"),
    "progress": ("目标进度（占目标的百分比）", "Progress toward the target (% of target)"),
    "documents": ("文件", "Documents"),
    "all_documents": ("显示全部文件", "Show all documents"),
    "fact_explorer": ("查看某个数字的出处", "Look up where a number comes from"),
    "conflicts": ("文件之间不一致的数字", "Figures the documents disagree on"),
    "no_conflicts": ("没有发现文件之间的矛盾。", "No disagreements between documents."),
    "growth_facts": ("增速数据", "growth rates"),
    "pipeline_facts": ("三个一批项目数据", "pipeline figures"),
    "target_facts": ("目标", "targets"),
    "policy_facts": ("政策", "policies"),
    "project_facts": ("重点项目", "named projects"),
    "figures": ("数据", "figures"),
    "projects_unit": ("个", "projects"),
    "investment": ("总投资（亿元）", "Investment (亿元)"),
    "n_projects": ("项目数", "Projects"),
    "baseline": ("基期", "Baseline"),
    "achieved": ("实际", "Achieved"),
    "target": ("目标", "Target"),
    "status": ("状态", "Status"),
    "attainment": ("完成率", "Attainment"),
    "growth_pp": ("增速", "growth"),
    "no_policies": ("{region} 暂无政策记录。", "No policies recorded for {region}."),
    "no_targets": ("{region} 暂无目标记录。", "No targets recorded for {region}."),
    "no_levels": ("{region} 没有跨两年以上的数据，无法画出历年水平。",
                  "{region} has no indicator with figures for two years or more."),
    "conflicts_capped": ("共 {total} 处不一致，下面并排列出前 {n} 处（所选年份优先），全部见表格。",
                         "{total} disagreements; the first {n} (selected year first) side by side, all in the table."),
    "old_schema": ("数据仓库 `{path}` 是旧版本生成的，请运行 `make build` 重新生成。",
                   "The warehouse `{path}` was built by an older version; run `make build` again."),
    "prepare_png": ("生成 PNG", "Prepare PNG"),
}

STAGES = {
    "signed": ("签约", "Signed"), "started": ("开工", "Started"),
    "commissioned": ("投产", "Commissioned"), "negotiating": ("在谈", "Negotiating"),
    "reserve": ("储备", "Reserve"), "in_progress": ("推进", "In progress"),
    "under_construction": ("在建", "Under construction"), "operating": ("运营", "Operating"),
    "planned": ("计划", "Planned"),
}
STATUSES = {
    "achieved": ("已完成", "achieved"), "not_achieved": ("未完成", "not achieved"),
    "pending": ("待公布", "pending"), "no_data": ("无数据", "no data"),
}
KINDS = {"value": ("数值", "value"), "growth": ("增速", "growth"), "share": ("占比", "share"),
         "target": ("目标", "target"), "rank": ("排名", "rank")}
QUALIFIER_SIGNS = {"at_least": "≥", "approx": "≈", "more_than": ">", "less_than": "<",
                   "estimate": "≈", "exact": "", "derived": "", "range": ""}


def t(key: str, lang: str = "zh", **fmt) -> str:
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def pick(pair: tuple[str, str] | dict, key: str | None = None, lang: str = "zh") -> str:
    """A (zh, en) pair from one of the tables above."""
    if key is not None:
        pair = pair.get(key, (key, key))
    return pair[1] if lang == "en" else pair[0]


def name(row, lang: str = "zh") -> str:
    """Display name of a region/indicator row with name_zh/name_en (English falls back to zh)."""
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    return row["name_zh"]


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt_number(value, unit: str | None = None, *, with_unit: bool = True) -> str:
    """亿元 with 2 decimals, % with 1, counts with thousands separators."""
    if is_missing(value):
        return "–"
    value = float(value)
    if unit in ("%", "个百分点"):
        text = f"{value:,.1f}"
    elif unit and ("亿" in unit or "元" in unit):
        text = f"{value:,.2f}"
    elif value.is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}"
    if not with_unit or not unit:
        return text
    return f"{text}{unit}" if unit in ("%",) else f"{text} {unit}"


def fmt_target(value, high, unit: str | None, qualifier: str | None) -> str:
    """A target with its qualifier: ≥ 2,000.00 亿元, ≈ 500 家, 2–3 个."""
    if qualifier == "range" and not is_missing(high):
        return f"{fmt_number(value, unit, with_unit=False)}–{fmt_number(high, unit)}"
    sign = QUALIFIER_SIGNS.get(qualifier or "", "")
    return f"{sign} {fmt_number(value, unit)}".strip()


def fmt_delta(value, previous, unit: str | None) -> str | None:
    """Change against the previous year: +177.30 亿元 (+12.4%), or +1.2 个百分点 for rates."""
    if is_missing(value) or is_missing(previous):
        return None
    diff = float(value) - float(previous)
    if unit == "%":
        return f"{diff:+.1f} 个百分点"
    # ASCII '-': st.metric reads a leading '-' as a decline (red, down arrow); '−' reads as a rise.
    text = f"{'+' if diff >= 0 else '-'}{fmt_number(abs(diff), unit)}"
    if previous:
        text += f" ({100 * diff / abs(float(previous)):+.1f}%)"
    return text
