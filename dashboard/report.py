"""What each chart and table of a selection is: titles, source lines, display tables, evidence,
tidy CSV.

Shared by the pages (interactive) and the export CLI / benchmark (all charts of a selection),
so a PNG from the app and one from `python -m dashboard.export` are the same figure.
No Streamlit and no SQL here: query results come in as DataFrames (or through `fetch`).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd
import plotly.graph_objects as go

from . import charts
from . import sql
from .i18n import (date_rule_label, rule_label, fmt_date, fmt_delta, fmt_figure, fmt_number, fmt_plain, fmt_pp,
                   is_missing, kind_label, period_label, period_suffix, qualifier_word, stage_label,
                   status_label, t, unit_label)


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
        """The source line: the documents (by title) a chart's numbers come from."""
        unique = list(dict.fromkeys(d for d in docs if isinstance(d, str)))
        names = [self.doc_titles.get(d) or t("undated", self.lang) for d in unique[:2]]
        shown = t("list_sep", self.lang).join(names)
        if len(unique) > 2:
            shown += t("et_al", self.lang)
        return t("source_line", self.lang, docs=shown, n=len(unique))

    def file_stem(self, chart: str) -> str:
        return f"{self.region_key}_{self.year}_{chart}"


def label_of(row, lang: str) -> str:
    """An indicator's display name (codebook), or the text's label marked as such."""
    en = row.get("name_en") if hasattr(row, "get") else None
    if lang == "en" and isinstance(en, str) and en:
        return en
    name = str(row["name_zh"])
    if lang == "en" and is_missing(row.get("indicator_id")):
        name += t("label_only", lang)
    return name


def indicator_label(df: pd.DataFrame, indicator_id: str, lang: str) -> str:
    return label_of(df.loc[df["indicator_id"] == indicator_id].iloc[0], lang)


# ---------------------------------------------------------------- figures
def coverage_figure(cov: pd.DataFrame, sel: Selection) -> go.Figure:
    return charts.coverage_heatmap(cov, title=t("coverage", sel.lang), source=sel.source(
        sel.doc_titles.keys()), lang=sel.lang, highlight=sel.region_key,
        unit=t("coverage_unit", sel.lang))


def reviewed_marks(df: pd.DataFrame) -> list[str]:
    """" ✔" after a number a reviewer accepted or corrected (the evidence says which)."""
    if "review_status" not in df.columns:
        return [""] * len(df)
    return [" ✔" if s in ("accepted", "corrected") else "" for s in df["review_status"]]


def growth_figure(df: pd.DataFrame, sel: Selection, period: str = "FY") -> go.Figure:
    df = df[df["period"] == period]
    what = t("growth_rates", sel.lang) if period == "FY" else t(
        "growth_rates_ytd", sel.lang, period=period_label(period, sel.lang))
    return charts.growth_bars(
        df, title=sel.title(what), source=sel.source(df["doc"]),
        labels=[label_of(r, sel.lang) for _, r in df.iterrows()],
        texts=[fmt_figure(v, "%", q, sel.lang) + m
               for v, q, m in zip(df["value"], df["qualifier"], reviewed_marks(df))])


def region_figure(df: pd.DataFrame, sel: Selection, indicator: str) -> go.Figure:
    what = f"{indicator} {t('growth_word', sel.lang)} · {t('by_region', sel.lang)}"
    return charts.region_bars(
        df, title=f"{sel.year} · {what}", source=sel.source(df["doc"]),
        labels=[r["name_en"] if sel.lang == "en" else r["name_zh"] for _, r in df.iterrows()],
        texts=[fmt_figure(v, "%", q, sel.lang) + m
               for v, q, m in zip(df["value"], df["qualifier"], reviewed_marks(df))],
        highlight=sel.region_key, axis_title="%")


def levels_figure(df: pd.DataFrame, sel: Selection, indicator: str) -> go.Figure:
    years = f"{df['year'].min()}–{df['year'].max()}"
    unit = df["unit"].iloc[0] if len(df) else ""
    return charts.levels_line(
        df, title=sel.title(f"{indicator} ({period_label('FY', sel.lang)})", years),
        source=sel.source(df["doc"]),
        texts=[fmt_figure(v, u, q, sel.lang, with_unit=False) + m
               for v, u, q, m in zip(df["value"], df["unit"], df["qualifier"], reviewed_marks(df))],
        axis_title=unit_label(unit, sel.lang, n=2, column=True))


def round_label(row, lang: str, titles: dict) -> str:
    """'全年合计 · 2022年2月10日' / '1–3月 · 10 Feb 2022': period of the round and its document's date."""
    period = t("round_fy", lang) if row["period"] == "FY" else period_label(row["period"], lang)
    return f"{period} · {fmt_date(row.get('published'), lang)}"


def rounds_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    """Stages side by side per round (and for the year total), counts and investment."""
    df = df[df["stage"].isin(sql.PIPELINE_STAGES)].copy()
    df["round"] = [round_label(r, sel.lang, sel.doc_titles) for _, r in df.iterrows()]
    return charts.rounds_bars(
        df, title=sel.title(t("pipeline_chart_title", sel.lang)), source=sel.source(df["doc"]),
        stage_names={s: stage_label(s, sel.lang) for s in sql.PIPELINE_STAGES},
        subtitles=(f"{t('n_projects', sel.lang)}",
                   f"{t('investment', sel.lang)} ({unit_label('亿元', sel.lang, n=2, column=True)})"),
        count_texts=[fmt_plain(v) for v in df["n_projects"]],
        hovers=[f"{stage_label(st_, sel.lang)} · {title or t('undated', sel.lang)}"
                for st_, title in zip(df["stage"], df["title"])],
        investment_texts=[fmt_number(v, "亿元", sel.lang, with_unit=False) for v in df["investment_yi"]])


def pipeline_years_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    """Year totals (full-year rounds only) across years."""
    df = df[(df["period"] == "FY") & df["stage"].isin(sql.PIPELINE_STAGES)]
    df = df.sort_values("published").drop_duplicates(["year", "stage"], keep="last")
    years = f"{df['year'].min()}–{df['year'].max()}"
    return charts.pipeline_by_year(
        df, title=sel.title(t("pipeline_by_year", sel.lang), years), source=sel.source(df["doc"]),
        stage_names={s: stage_label(s, sel.lang) for s in sql.PIPELINE_STAGES},
        labels=(t("n_projects", sel.lang),
                f"{t('investment', sel.lang)} ({unit_label('亿元', sel.lang, n=2, column=True)})"))


def targets_level_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    """Level targets: actual of the target year as % of the target (baseline never plotted)."""
    return charts.target_progress_bars(
        df, title=sel.title(t("progress", sel.lang)), source=sel.source(df["doc"]),
        labels=[target_label(r, sel.lang) for _, r in df.iterrows()],
        values=df["progress_pct"].tolist(),
        texts=[f"{fmt_plain(v, '%')}% · {status_label(s, sel.lang)}"
               for v, s in zip(df["progress_pct"], df["status"])],
        statuses=df["status"].tolist(), reference=100.0, axis_title="%")


def targets_rate_figure(df: pd.DataFrame, sel: Selection) -> go.Figure:
    """Rate targets: achieved minus target in percentage points (0 = on target)."""
    return charts.target_progress_bars(
        df, title=sel.title(t("progress_rates", sel.lang)), source=sel.source(df["doc"]),
        labels=[target_label(r, sel.lang) for _, r in df.iterrows()],
        values=df["gap_pp"].tolist(),
        texts=[f"{fmt_pp(v, sel.lang)} · {status_label(s, sel.lang)}"
               for v, s in zip(df["gap_pp"], df["status"])],
        statuses=df["status"].tolist(), reference=0.0, axis_title=t("pp", sel.lang))


# ---------------------------------------------------------------- display tables
def _name(df: pd.DataFrame, lang: str) -> list[str]:
    return [label_of(r, lang) for _, r in df.iterrows()]


def target_label(row, lang: str) -> str:
    """Indicator (and the unit when a rate and a level target share a name)."""
    text = label_of(row, lang)
    if row.get("target_kind") == "rate":
        text += f" ({t('growth_word', lang)}, %)" if row.get("actual_kind") == "growth" else " (%)"
    return text


def targets_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    def actual(r):
        if not is_missing(r["actual_value"]):
            return fmt_figure(r["actual_value"], r["unit"], r["actual_qualifier"], lang)
        if not is_missing(r.get("ytd_value")):
            return (fmt_figure(r["ytd_value"], r["unit"], r["ytd_qualifier"], lang)
                    + period_suffix(r["ytd_period"], lang))
        return "–"

    def progress(r):
        if r["target_kind"] == "rate" and not is_missing(r["gap_pp"]):
            return fmt_pp(r["gap_pp"], lang)
        if r["target_kind"] == "control" and r["status"] in ("achieved", "missed"):
            return status_label("inside" if r["status"] == "achieved" else "outside", lang)
        if not is_missing(r["progress_pct"]):
            return f"{fmt_plain(r['progress_pct'], '%')}%"
        if r["target_kind"] == "rate" and not is_missing(r.get("ytd_gap_pp")):
            return fmt_pp(r["ytd_gap_pp"], lang) + period_suffix(r["ytd_period"], lang)
        if not is_missing(r.get("pace_pct")):
            return (f"{fmt_plain(r['pace_pct'], '%')}% {t('of_pace', lang)}"
                    + period_suffix(r["ytd_period"], lang))
        return "–"

    def baseline(r):
        if is_missing(r["baseline_value"]):
            return "–"
        return (f"{fmt_figure(r['baseline_value'], r['unit'], r['baseline_qualifier'], lang)}"
                f" ({int(r['baseline_year'])})")

    rows = list(df.to_dict("records"))
    return pd.DataFrame({
        t("indicator", lang): [target_label(r, lang) for r in rows],
        t("col:kind", lang): [t(f"tkind:{r['target_kind']}", lang) for r in rows],
        t("target", lang): [fmt_figure(r["target_value"], r["unit"], r["qualifier"], lang,
                                       high=r["target_high"], raw_number=r.get("target_raw"))
                            for r in rows],
        t("achieved", lang): [actual(r) for r in rows],
        t("progress_col", lang): [progress(r) for r in rows],
        t("status", lang): [status_label(r["status"], lang) for r in rows],
        t("baseline", lang): [baseline(r) for r in rows],
        t("col:target_quote", lang): [r["target_quote"] for r in rows],
    })


def coverage_table(cov: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The coverage grid as tidy rows: one per region and year, counts as numbers."""
    return pd.DataFrame({
        "region_id": cov["region_key"],
        "region_name": cov["name_en"] if lang == "en" else cov["name_zh"],
        "year": cov["year"].astype("Int64"),
        "n_figures": cov["n_facts"].astype(int),
        "n_documents": cov["n_docs"].astype(int),
    })


def projects_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("col:project", lang): df["name"],
        t("col:stage", lang): [stage_label(s, lang) for s in df["stage"]],
        t("year", lang): df["year"].astype("Int64"),
        t("col:document", lang): df["title"].fillna(t("undated", lang)),
        t("col:date", lang): [fmt_date(d, lang, p) for d, p in zip(df["published"], df["date_precision"])],
    })


def policies_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("col:policy", lang): df["policy"],
        t("year", lang): df["year"].astype("Int64"),
        t("col:document", lang): df["title"],
        t("col:publisher", lang): df["publisher"].fillna("–"),
        t("col:date", lang): [fmt_date(d, lang, p) for d, p in zip(df["published"], df["date_precision"])],
    })


def documents_table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame({
        t("col:document", lang): df["title"].fillna("–"),
        t("col:date", lang): [fmt_date(d, lang, p) for d, p in zip(df["published"], df["date_precision"])],
        t("col:date_rule", lang): [date_rule_label(r, lang) for r in df["date_rule"]],
        t("col:publisher", lang): df["publisher"].fillna("–"),
        t("col:facts_extracted", lang): df["n_facts"].astype(int),
        t("col:link", lang): df["url"].fillna(""),
    })


def rounds_table(df: pd.DataFrame, lang: str, titles: dict) -> pd.DataFrame:
    return pd.DataFrame({
        t("col:round", lang): [round_label(r, lang, titles) for _, r in df.iterrows()],
        t("col:stage", lang): [stage_label(s, lang) for s in df["stage"]],
        t("n_projects", lang): [fmt_number(v, "projects", lang) for v in df["n_projects"]],
        t("investment", lang): [fmt_number(v, "亿元", lang) for v in df["investment_yi"]],
        t("col:document", lang): df["title"].fillna("–"),
    })


# ---------------------------------------------------------------- evidence and tidy CSV
def highlight(sentence: str | None, quote: str | None, raw_number: str | None) -> str:
    """HTML of the sentence with the quote underlined and the number marked."""
    quote = quote or ""
    text = sentence if isinstance(sentence, str) and sentence else quote
    start = text.find(quote) if quote else -1
    if start < 0:
        text, start = quote, 0
    end = start + len(quote)
    raw = raw_number.strip() if isinstance(raw_number, str) else ""
    num_at, num_len = (quote.find(raw), len(raw)) if raw else (-1, 0)
    if num_at < 0 and raw:
        # raw numbers may be written differently in the quote (2.35万 vs 2.35 万)
        m = re.search(re.escape(raw).replace(r"\ ", r"\s*"), quote)
        num_at, num_len = (m.start(), m.end() - m.start()) if m else (-1, 0)
    if num_at >= 0:
        n0, n1 = start + num_at, start + num_at + num_len
        inner = (html.escape(text[start:n0]) + "<mark><b>" + html.escape(text[n0:n1])
                 + "</b></mark>" + html.escape(text[n1:end]))
    else:
        inner = html.escape(text[start:end])
    return html.escape(text[:start]) + "<u>" + inner + "</u>" + html.escape(text[end:])


def _why(r: dict, lang: str) -> str:
    parts = [f"{t('why:' + k, lang)}: {rule_label(r[k + '_rule'], lang)}" for k in ("kind", "region", "time")
             if isinstance(r.get(k + "_rule"), str) and r.get(k + "_rule")]
    return "; ".join(parts)


def nature_mark(r, lang: str) -> str:
    """The words that keep a running total (累计) or a several-year average (年均) from being
    read as one year's figure; "" for a year's own figure."""
    nature = r.get("nature")
    return t(f"{nature}_mark", lang) if nature in ("cumulative", "average") else ""


def kind_text(r, lang: str) -> str:
    """The kind in words, with the nature when it is not one year's own figure: 增长率（年均）."""
    mark = nature_mark(r, lang)
    return kind_label(r.get("kind"), lang) + (t("paren", lang, x=mark) if mark else "")


def evidence_rows(ev: pd.DataFrame, lang: str) -> list[dict]:
    """One dict per number (chart order), with every field a reader needs to cite it."""
    out = []
    for r in ev.to_dict("records"):
        has_figure = "value" in r and not is_missing(r.get("value"))
        indicator = label_of(r, lang) if "name_zh" in r and isinstance(r.get("name_zh"), str) else \
            r.get("label", "")
        if has_figure and nature_mark(r, lang):
            indicator += f" ({nature_mark(r, lang)})"
        out.append({
            "role": r.get("role"),
            "indicator": indicator,
            "value": fmt_figure(r["value"], r["unit"], r["qualifier"], lang, high=r.get("value_high"),
                                raw_number=r.get("raw_number"), with_unit=False) if has_figure else "",
            "unit": unit_label(r.get("unit"), lang, n=r.get("value"), column=True) if has_figure else "",
            "period": (f"{r['year']} · {period_label(r['period'], lang)}"
                       if has_figure and not is_missing(r.get("year")) else
                       (str(r.get("year")) if not is_missing(r.get("year")) else "")),
            "qualifier": qualifier_word(r.get("qualifier"), lang) if has_figure else "",
            "document": r.get("title") if isinstance(r.get("title"), str) else t("undated", lang),
            "publisher": r.get("publisher") if isinstance(r.get("publisher"), str) else "–",
            "date": fmt_date(r.get("published"), lang, r.get("date_precision")),
            "date_rule": date_rule_label(r.get("date_rule"), lang),
            "url": r.get("url") if isinstance(r.get("url"), str) and r.get("url") else None,
            "sentence_html": highlight(r.get("sentence"), r.get("quote"), r.get("raw_number")
                                       if has_figure else r.get("quote")),
            "why": _why(r, lang),
            "review": review_mark(r, lang) if has_figure else "",
            "others": _others(r.get("others"), lang),
        })
    return out


def review_mark(r, lang: str) -> str:
    """"Checked by a reviewer", or "corrected; extracted as X" (the original beside the
    correction); empty for a figure nobody reviewed."""
    status = r.get("review_status")
    if status == "corrected":
        original = r.get("original_value")
        shown = (fmt_figure(original, r.get("original_unit") or r.get("unit"), None, lang)
                 if not is_missing(original) else "–")
        return t("rv_mark_corrected", lang, original=shown)
    if status == "accepted":
        return t("rv_mark_accepted", lang)
    return ""


def _others(others, lang: str) -> str:
    """'Another document gives a different figure: 1,425.15 亿元 (title)', or ''."""
    if others is None or (not isinstance(others, (list, tuple)) and not hasattr(others, "__len__")) \
            or len(others) == 0:
        return ""
    described = t("list_sep", lang).join(
        f"{fmt_figure(o['value'], o['unit'], o['qualifier'], lang)} ({o['title'] or t('undated', lang)})"
        for o in others)
    return t("conflict_here", lang, others=described)


def evidence_html(ev: pd.DataFrame, lang: str) -> str:
    """The evidence panel: an HTML table (escaped; the figure marked in its sentence), one row
    per number in chart order; columns that no row fills (no figures, no rules) are left out."""
    rows = evidence_rows(ev, lang)
    columns = [  # (heading, cell html)
        ("col:role", lambda r: html.escape(t(f"role:{r['role']}", lang)) if r["role"] else ""),
        ("col:indicator", lambda r: html.escape(r["indicator"])),
        ("col:value", lambda r: html.escape(r["value"]) + (
            f'<br><small class="conflict">⚠ {html.escape(r["others"])}</small>' if r["others"] else "") + (
            f'<br><small>{html.escape(r["review"])}</small>' if r["review"] else "")),   # a reviewer's mark
        ("col:unit", lambda r: html.escape(r["unit"])),
        ("col:period", lambda r: html.escape(r["period"])),
        ("col:qualifier", lambda r: html.escape(r["qualifier"])),
        ("col:sentence", lambda r: r["sentence_html"]),
        ("col:document", lambda r: (
            f'<a href="{html.escape(r["url"], quote=True)}" target="_blank" rel="noopener">'
            f'{html.escape(r["document"])}</a>' if r["url"] else html.escape(r["document"]))),
        ("col:publisher", lambda r: html.escape(r["publisher"])),
        ("col:date", lambda r: f'{html.escape(r["date"])}<br><small>{html.escape(r["date_rule"])}</small>'),
        ("col:why", lambda r: html.escape(r["why"])),
    ]
    cells = [[cell(r) for _, cell in columns] for r in rows]
    keep = [i for i in range(len(columns)) if any(row[i] for row in cells)]
    head = "".join(f"<th>{html.escape(t(columns[i][0], lang))}</th>" for i in keep)
    body = "".join("<tr>" + "".join(f"<td>{row[i]}</td>" for i in keep) + "</tr>" for row in cells)
    return (f'<div class="evidence"><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{body}</tbody></table></div>')


TIDY_COLUMNS = ["region_id", "region_name", "indicator_id", "indicator_name", "year", "period",
                "period_code", "kind", "role", "value", "value_high", "unit", "unit_code",
                "qualifier", "document_title", "publisher", "published", "url", "quote",
                "review_status", "original_value"]


def tidy(ev: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per number: ids and names, year, period, kind, value as a number, unit, source."""
    rows = []
    for r in ev.to_dict("records"):
        region_en = r.get("region_en")
        rows.append({
            "region_id": r.get("region_key"),
            "region_name": region_en if lang == "en" and isinstance(region_en, str) else r.get("region_zh"),
            "indicator_id": r.get("indicator_id"),
            "indicator_name": label_of(r, lang),
            "year": r.get("year"),
            "period": period_label(r.get("period"), lang),
            "period_code": r.get("period"),
            "kind": kind_text(r, lang),
            "role": t(f"role:{r['role']}", lang) if isinstance(r.get("role"), str) else "",
            "value": r.get("value"),
            "value_high": r.get("value_high"),
            "unit": unit_label(r.get("unit"), lang, n=2, column=True) if lang == "en" else r.get("unit"),
            "unit_code": r.get("unit"),
            "qualifier": qualifier_word(r.get("qualifier"), lang),
            "document_title": r.get("title"),
            "publisher": r.get("publisher"),
            "published": None if is_missing(r.get("published")) else pd.Timestamp(r["published"]).date().isoformat(),
            "url": r.get("url"),
            "quote": r.get("quote"),
            # a reviewer's correction: value above is the corrected one, this the extracted one
            "review_status": r.get("review_status"),
            "original_value": r.get("original_value"),
        })
    out = pd.DataFrame(rows, columns=TIDY_COLUMNS)
    out["value"] = pd.to_numeric(out["value"])
    out["original_value"] = pd.to_numeric(out["original_value"])
    out["value_high"] = pd.to_numeric(out["value_high"])
    out["year"] = pd.to_numeric(out["year"]).astype("Int64")
    return out


def tidy_records(df: pd.DataFrame, lang: str, what: str) -> pd.DataFrame:
    """Tidy CSV for rows that are not figures (projects, policies, documents)."""
    out = pd.DataFrame({
        "region_id": df.get("region_id"),
        "region_name": [en if lang == "en" and isinstance(en, str) else zh
                        for zh, en in zip(df.get("region_zh", pd.Series(dtype=str)),
                                          df.get("region_en", pd.Series(dtype=str)))] if "region_zh" in df else None,
        what: df[what] if what in df else None,
        "stage": [stage_label(s, lang) for s in df["stage"]] if "stage" in df else None,
        "year": df["year"].astype("Int64") if "year" in df else None,
        "document_title": df["title"],
        "publisher": df["publisher"],
        "published": [None if is_missing(d) else pd.Timestamp(d).date().isoformat() for d in df["published"]],
        "url": df["url"],
        "quote": df["quote"] if "quote" in df else None,
    })
    return out.dropna(axis=1, how="all")


def row_fact_ids(df: pd.DataFrame, columns: tuple[str, ...]) -> list[int]:
    """Fact ids row by row (chart order), several columns per row, missing ones skipped."""
    return [int(r[c]) for r in df.to_dict("records") for c in columns if pd.notna(r[c])]


def with_roles(parts: list[tuple[str, pd.Series]]) -> tuple[list[int], list[str]]:
    """Fact ids in chart order with a role each (target / actual / baseline / ytd)."""
    ids, roles = [], []
    for role, series in parts:
        for fid in series:
            if not is_missing(fid):
                ids.append(int(fid))
                roles.append(role)
    return ids, roles


# ---------------------------------------------------------------- key figures
KEY_FIGURE_PRIORITY = [
    "gdp", "industrial_value_added", "fixed_asset_investment", "retail_sales",
    "general_budget_revenue", "inbound_investment_signed", "projects_signed_investment",
    "projects_signed", "high_tech_enterprises", "tech_smes", "market_entities",
]
KIND_ORDER = {"value": 0, "growth": 1, "share": 2, "rank": 3}


def order_key_figures(df: pd.DataFrame) -> pd.DataFrame:
    """Headline indicators first (GDP and its growth next to each other), then the rest."""
    rank = {k: i for i, k in enumerate(KEY_FIGURE_PRIORITY)}
    df = df[df["indicator_id"].notna()].copy()
    df["_p"] = df["indicator_id"].map(rank).fillna(len(rank))
    df["_k"] = df["kind"].map(KIND_ORDER).fillna(9)
    df["_fy"] = df["period"] != "FY"
    return df.sort_values(["_p", "_fy", "indicator_id", "_k"]).drop(columns=["_p", "_k", "_fy"])


def metric_label(r, lang: str) -> str:
    """Indicator · growth (period, cumulative): the unit goes with the value, never cut off."""
    text = label_of(r, lang)
    if r.get("review_status") in ("accepted", "corrected"):
        text = "✔ " + text          # checked by a reviewer (the evidence says how)
    if r["kind"] == "growth":
        text += " · " + t("growth_word", lang)
    elif r["kind"] in ("share", "rank"):
        text += " · " + kind_label(r["kind"], lang)
    extras = []
    if r["period"] != "FY":
        extras.append(period_label(r["period"], lang))
    if nature_mark(r, lang):
        extras.append(nature_mark(r, lang))
    if extras:
        text += t("paren", lang, x=t("comma", lang).join(extras))
    return text


def metric_value(r, lang: str) -> str:
    return fmt_figure(r["value"], r["unit"], r["qualifier"], lang, high=r.get("value_high"),
                      raw_number=r.get("raw_number"))


def metric_delta(r, lang: str) -> str | None:
    return fmt_delta(r["value"], r["prev_value"], r["unit"], lang)


# ---------------------------------------------------------------- everything for one selection
def build_all(fetch: Callable, sel: Selection, as_of: str) -> tuple[dict[str, go.Figure], dict[str, pd.DataFrame]]:
    """All charts and tidy tables of a selection; `fetch(query, *args)` runs a sql.py query."""
    figures: dict[str, go.Figure] = {}
    tables: dict[str, pd.DataFrame] = {}
    key, year, lang = sel.region_key, sel.year, sel.lang

    def tidy_of(df: pd.DataFrame, column: str = "fact_id") -> pd.DataFrame:
        return tidy(fetch(sql.evidence, tuple(int(i) for i in df[column].dropna())), lang)

    cov = fetch(sql.coverage)
    figures["coverage"] = coverage_figure(cov, sel)
    tables["coverage"] = coverage_table(cov, lang)
    figs = order_key_figures(fetch(sql.key_figures, key, year))
    tables["key_figures"] = tidy_of(figs)
    pol = fetch(sql.policies, key)
    tables["policies"] = tidy_records(pol, lang, "policy")
    growth = fetch(sql.growth_rates, key, year)
    for period in growth["period"].drop_duplicates():
        name = "growth" if period == "FY" else f"growth_{period}"
        figures[name] = growth_figure(growth, sel, period)
    fy = growth[growth["period"] == "FY"]
    if len(fy):
        tables["growth"] = tidy_of(growth)
        top = fy.iloc[0]["indicator_id"]
        if isinstance(top, str):
            regions = fetch(sql.growth_by_region, top, year, "FY")
            if len(regions) >= 2:
                figures["growth_by_region"] = region_figure(regions, sel, indicator_label(fy, top, lang))
    levels = fetch(sql.levels_over_time, key)
    levels = levels[levels["nature"] == "period"]
    for indicator_id, part in levels.groupby("indicator_id"):
        if part["year"].nunique() >= 2:
            figures[f"levels_{indicator_id}"] = levels_figure(
                part, sel, indicator_label(part, indicator_id, lang))
    rounds = fetch(sql.pipeline_rounds, key)
    this_year = rounds[(rounds["year"] == year) & rounds["stage"].isin(sql.PIPELINE_STAGES)]
    if len(this_year):
        figures["pipeline_rounds"] = rounds_figure(this_year, sel)
        ids = row_fact_ids(this_year, ("count_fact_id", "investment_fact_id"))
        tables["pipeline_rounds"] = tidy(fetch(sql.evidence, tuple(ids)), lang)
    if rounds[rounds["period"] == "FY"]["year"].nunique() >= 2:
        figures["pipeline_by_year"] = pipeline_years_figure(rounds, sel)
    tables["projects"] = tidy_records(fetch(sql.projects, key), lang, "name")
    tgt = fetch(sql.targets, key, year, as_of)
    if len(tgt):
        ids, roles = target_evidence_ids(tgt)
        ev = fetch(sql.evidence, tuple(ids))
        tables["targets"] = tidy(ev.assign(role=roles[:len(ev)]) if len(ev) == len(roles) else ev, lang)
        level = tgt[tgt["progress_pct"].notna()]
        if len(level):
            figures["targets_level"] = targets_level_figure(level, sel)
        rate = tgt[tgt["gap_pp"].notna()]
        if len(rate):
            figures["targets_rate"] = targets_rate_figure(rate, sel)
    tables["documents"] = tidy_records(fetch(sql.documents, key), lang, "title")
    tables["conflicts"] = tidy_of(fetch(sql.conflicts, key))
    return figures, tables


def target_evidence_ids(tgt: pd.DataFrame) -> tuple[list[int], list[str]]:
    """Per target row (table order): its target, actual, year-to-date and baseline facts."""
    ids, roles = [], []
    for r in tgt.to_dict("records"):
        for role, col in (("target", "target_fact_id"), ("actual", "actual_fact_id"),
                          ("ytd", "ytd_fact_id"), ("baseline", "baseline_fact_id")):
            fid = r.get(col)
            if not is_missing(fid) and int(fid) not in ids:
                ids.append(int(fid))
                roles.append(role)
    return ids, roles
