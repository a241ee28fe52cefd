"""What each chart and table of a selection is: titles, source lines, display tables.

Shared by the pages (interactive) and the export CLI / benchmark (all charts of a selection),
so a PNG from the app and one from `python -m dashboard.export` are the same figure.
No Streamlit and no SQL here: queries come in as DataFrames (or through a `fetch` callable).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from . import charts
from . import queries as q
from .i18n import STAGES, STATUSES, fmt_number, fmt_target, pick, t


@dataclass(frozen=True)
class Selection:
    region_key: str
    region_label: str          # display name in the current language
    year: int
    lang: str = "zh"
    doc_titles: dict = field(default_factory=dict, compare=False, hash=False)

    def title(self, what: str, year: int | str | None = None) -> str:
        return f"{self.region_label} · {year or self.year} · {what}"

    def source(self, docs) -> str:
        """The source line: the documents a chart's numbers come from."""
        unique = list(dict.fromkeys(d for d in docs if isinstance(d, str)))
        names = [self.doc_titles.get(d) or d for d in unique[:2]]
        shown = "、".join(names) if self.lang == "zh" else "; ".join(names)
        if len(unique) > 2:
            shown += " 等" if self.lang == "zh" else " et al."
        return t("source_line", self.lang, docs=shown, n=len(unique))

    def file_stem(self, chart: str) -> str:
        return f"{self.region_key}_{self.year}_{chart}"


def indicator_label(df: pd.DataFrame, indicator_id: str, lang: str) -> str:
    row = df.loc[df["indicator_id"] == indicator_id].iloc[0]
    en = row.get("name_en")
    return en if lang == "en" and isinstance(en, str) and en else row["name_zh"]


# ---------------------------------------------------------------- figures
def coverage_figure(cov: pd.DataFrame, sel: Selection) -> go.Figure:
    return charts.coverage_heatmap(cov, title=t("coverage", sel.lang), source=sel.source(
        sel.doc_titles.keys()), lang=sel.lang, highlight=sel.region_key)


def growth_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    return charts.growth_bars(df, title=sel.title(t("growth_rates", sel.lang)),
                              source=sel.source(df["doc"]), lang=sel.lang)


def region_figure(df: pd.DataFrame, sel: Selection, indicator: str) -> go.Figure:
    what = f"{indicator} {t('growth_pp', sel.lang)} · {t('by_region', sel.lang)}"
    return charts.region_bars(df, title=f"{sel.year} · {what}", source=sel.source(df["doc"]),
                              lang=sel.lang, highlight=sel.region_key)


def levels_figure(df: pd.DataFrame, sel: Selection, indicator: str) -> go.Figure:
    years = f"{df['year'].min()}–{df['year'].max()}"
    return charts.levels_line(df, title=sel.title(indicator, years), source=sel.source(df["doc"]),
                              lang=sel.lang)


def funnel_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    return charts.pipeline_funnel(df, title=sel.title(t("funnel", sel.lang)),
                                  source=sel.source(df["doc"]), lang=sel.lang)


def pipeline_years_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    years = f"{df['year'].min()}–{df['year'].max()}"
    return charts.pipeline_by_year(
        df, title=sel.title(t("pipeline_by_year", sel.lang), years), source=sel.source(df["doc"]),
        lang=sel.lang, labels=(t("n_projects", sel.lang), t("investment", sel.lang)))


def targets_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    return charts.targets_progress(
        df, title=f"{sel.region_label} · {t('progress', sel.lang)}", source=sel.source(df["doc"]),
        lang=sel.lang, labels=(t("baseline", sel.lang), t("achieved", sel.lang)))


# ---------------------------------------------------------------- display tables
def _name(df: pd.DataFrame, lang: str) -> pd.Series:
    if lang == "en" and "name_en" in df:
        return df["name_en"].where(df["name_en"].notna() & (df["name_en"] != ""), df["name_zh"])
    return df["name_zh"]


def targets_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("indicator", lang): _name(df, lang),
        t("year", lang): df["target_year"].astype(int),
        t("target", lang): [fmt_target(v, h, u, qf) for v, h, u, qf in
                            zip(df["target_value"], df["target_high"], df["unit"], df["qualifier"])],
        t("baseline", lang): [f"{fmt_number(v, u)} ({int(y)})" if pd.notna(v) else "–"
                              for v, u, y in zip(df["baseline_value"], df["unit"],
                                                 df["baseline_year"].fillna(0))],
        t("achieved", lang): [fmt_number(v, u) for v, u in zip(df["achieved_value"], df["unit"])],
        t("attainment", lang): [f"{v:.1f}%" if pd.notna(v) else "–" for v in df["attainment_pct"]],
        t("status", lang): [pick(STATUSES, s, lang) for s in df["status"]],
    })


def projects_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        "项目" if lang == "zh" else "Project": df["name"],
        "阶段" if lang == "zh" else "Stage": [pick(STAGES, s, lang) for s in df["stage"]],
        t("year", lang): df["year"],
        "原文" if lang == "zh" else "Quote": df["sentence"].fillna(df["quote"]),
        "文件" if lang == "zh" else "Document": df["doc"],
    })


def evidence_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Document + sentence behind each number of a chart or table."""
    cols = {"doc": "文件" if lang == "zh" else "Document",
            "quote": "引文" if lang == "zh" else "Quote",
            "sentence": "原句" if lang == "zh" else "Sentence"}
    out = df[[c for c in cols if c in df.columns]].rename(columns=cols)
    return out.drop_duplicates().reset_index(drop=True)


# ---------------------------------------------------------------- everything for one selection
def build_all(fetch: Callable, sel: Selection) -> tuple[dict[str, go.Figure], dict[str, pd.DataFrame]]:
    """All charts and tables of a selection; `fetch(query, *args)` runs a query function."""
    figures: dict[str, go.Figure] = {}
    tables: dict[str, pd.DataFrame] = {}
    key, year, lang = sel.region_key, sel.year, sel.lang
    figures["coverage"] = coverage_figure(fetch(q.coverage), sel)
    tables["key_figures"] = fetch(q.key_figures, key, year)
    tables["policies"] = fetch(q.policies, key)
    growth = fetch(q.growth_rates, key, year)
    if len(growth):
        figures["growth"] = growth_figure(growth, sel)
        top = growth.iloc[0]["indicator_id"]
        if isinstance(top, str):
            figures["growth_by_region"] = region_figure(
                fetch(q.growth_by_region, top, year), sel, indicator_label(growth, top, lang))
    levels = fetch(q.levels_over_time, key)
    for indicator_id, part in levels.groupby("indicator_id"):
        if part["year"].nunique() >= 2:
            figures[f"levels_{indicator_id}"] = levels_figure(
                part, sel, indicator_label(part, indicator_id, lang))
    pipe = fetch(q.pipeline, key)
    this_year = pipe[pipe["year"] == year]
    if len(this_year):
        figures["pipeline_funnel"] = funnel_figure(this_year, sel)
    if pipe["year"].nunique() >= 2:
        figures["pipeline_by_year"] = pipeline_years_figure(pipe, sel)
    tables["pipeline"] = pipe
    tables["projects"] = fetch(q.projects, key)
    tgt = fetch(q.targets, key)
    if len(tgt):
        tables["targets"] = targets_table(tgt, lang)
        with_progress = tgt[tgt["baseline_value"].notna() | tgt["achieved_value"].notna()]
        if len(with_progress):
            figures["targets"] = targets_figure(with_progress, sel)
    tables["documents"] = fetch(q.documents, key)
    tables["conflicts"] = fetch(q.conflicts, key)
    return figures, tables


KEY_FIGURE_PRIORITY = [
    "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales",
    "general_budget_revenue", "inbound_investment_signed", "projects_signed_investment",
    "projects_signed", "high_tech_enterprises", "tech_smes", "market_entities",
]
KIND_ORDER = {"value": 0, "growth": 1, "share": 2, "rank": 3}


def order_key_figures(df: pd.DataFrame, limit: int = 12) -> pd.DataFrame:
    """Headline indicators first (GDP and its growth next to each other), then the rest."""
    rank = {k: i for i, k in enumerate(KEY_FIGURE_PRIORITY)}
    df = df[df["indicator_id"].notna()].copy()
    df["_p"] = df["indicator_id"].map(rank).fillna(len(rank))
    df["_k"] = df["kind"].map(KIND_ORDER).fillna(9)
    df["_fy"] = df["period"] != "FY"
    return df.sort_values(["_p", "_fy", "indicator_id", "_k"]).drop(columns=["_p", "_k", "_fy"]).head(limit)
