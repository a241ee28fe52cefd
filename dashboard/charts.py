"""Chart builders: pure functions DataFrame -> plotly Figure.

Every figure carries its own template ('plotly_white', not the 'streamlit' template that
importing streamlit makes the default: its placeholder colours render black in kaleido), a CJK
font so Chinese renders as glyphs in the browser and in server-side PNGs, a title that names
the region and year, and a source line under the plot.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .i18n import STAGES, STATUSES, fmt_number, pick

FONT = "Noto Sans CJK SC, Noto Sans CJK, Noto Sans SC, sans-serif"
TEMPLATE = "plotly_white"
ACCENT = "#c0392b"      # the selected region / highlighted bar
NEUTRAL = "#5b7fa6"
BASELINE_GREY = "#b8c2cc"
STATUS_COLOURS = {"achieved": "#2e8b57", "not_achieved": "#c0392b", "pending": "#e6a23c",
                  "no_data": "#9aa5b1"}
STAGE_COLOURS = {"signed": "#5b7fa6", "started": "#e6a23c", "commissioned": "#2e8b57",
                 "negotiating": "#8e7cc3", "reserve": "#9aa5b1", "in_progress": "#4ab3c6"}
BOTTOM_MARGIN = 96


def finish(fig: go.Figure, title: str, source: str, *, height: int = 460) -> go.Figure:
    """Apply the house style: template, CJK font, title, source line at the bottom."""
    fig.update_layout(
        template=TEMPLATE, height=height,
        font=dict(family=FONT, size=14, color="#2b2b2b"),
        title=dict(text=title, x=0.01, xanchor="left", font=dict(size=18)),
        margin=dict(l=70, r=30, t=70, b=BOTTOM_MARGIN),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1.0),
        paper_bgcolor="white", plot_bgcolor="white",
    )
    # Anchored to the plot's bottom edge and shifted in pixels so it sits below the axis labels
    # whatever the figure height.
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                       yanchor="top", yshift=-(BOTTOM_MARGIN - 34), showarrow=False,
                       font=dict(size=11, color="#6b7785"), align="left")
    return fig


def empty_figure(title: str, source: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color="#6b7785"))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return finish(fig, title, source, height=300)


def coverage_heatmap(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh",
                     highlight: str | None = None) -> go.Figure:
    """Regions x years, cell = number of extracted figures (df: region_key, names, year, n_facts)."""
    label_col = "name_en" if lang == "en" else "name_zh"
    grid = df.pivot_table(index=label_col, columns="year", values="n_facts", aggfunc="sum")
    grid = grid.sort_index(ascending=False)
    years = [str(y) for y in grid.columns]
    text = grid.map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=years, y=list(grid.index), text=text.values, texttemplate="%{text}",
        colorscale="Blues", hoverongaps=False, colorbar=dict(title=dict(text="条" if lang == "zh" else "facts"), thickness=12),
        hovertemplate="%{y} %{x}: %{z}<extra></extra>", xgap=2, ygap=2))
    if highlight is not None:
        labels = df.loc[df["region_key"] == highlight, label_col]
        if len(labels):
            fig.update_yaxes(tickfont=dict(color="#2b2b2b"))
            fig.add_annotation(text="◀", x=1.0, xref="paper", y=labels.iloc[0], yref="y",
                               xanchor="left", showarrow=False, font=dict(color=ACCENT))
    fig.update_xaxes(type="category", side="top")
    return finish(fig, title, source, height=max(300, 150 + 28 * len(grid)))


def growth_bars(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh") -> go.Figure:
    """Growth rates (%) of a region's indicators (df: name_zh, name_en, value, period)."""
    df = df.sort_values("value")
    labels = [_label(r, lang) + ("" if r["period"] == "FY" else f" ({r['period']})")
              for _, r in df.iterrows()]
    colours = [NEUTRAL if v >= 0 else ACCENT for v in df["value"]]
    fig = go.Figure(go.Bar(x=df["value"], y=labels, orientation="h", marker_color=colours,
                           text=[fmt_number(v, "%") for v in df["value"]], textposition="outside",
                           cliponaxis=False, hovertemplate="%{y}: %{x:.1f}%<extra></extra>"))
    fig.update_xaxes(title_text="%", zeroline=True, zerolinecolor="#888")
    return finish(fig, title, source, height=max(300, 140 + 40 * len(df)))


def region_bars(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh",
                highlight: str | None = None, unit: str = "%") -> go.Figure:
    """One indicator, regions side by side (df: region_key, name_zh, name_en, value)."""
    df = df.sort_values("value", ascending=False)
    colours = [ACCENT if k == highlight else NEUTRAL for k in df["region_key"]]
    fig = go.Figure(go.Bar(x=[_label(r, lang) for _, r in df.iterrows()], y=df["value"],
                           marker_color=colours, text=[fmt_number(v, unit) for v in df["value"]],
                           textposition="outside", cliponaxis=False))
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, title, source)


def levels_line(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh") -> go.Figure:
    """One indicator's full-year level over the years (df: year, value, unit)."""
    df = df.sort_values("year")
    unit = df["unit"].iloc[0] if len(df) else ""
    fig = go.Figure(go.Scatter(
        x=df["year"].astype(str), y=df["value"], mode="lines+markers+text",
        line=dict(color=NEUTRAL, width=3), marker=dict(size=9),
        text=[fmt_number(v, unit, with_unit=False) for v in df["value"]],
        textposition="top center", cliponaxis=False))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=unit, rangemode="tozero")
    return finish(fig, title, source)


def pipeline_funnel(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh") -> go.Figure:
    """签约 → 开工 → 投产 for one year (df: stage, n_projects, investment_yi)."""
    order = {s: i for i, s in enumerate(("signed", "started", "commissioned"))}
    df = df[df["stage"].isin(order)].sort_values("stage", key=lambda s: s.map(order))
    texts = [f"{fmt_number(n, '个' if lang == 'zh' else 'projects')}<br>{fmt_number(inv, '亿元')}"
             for n, inv in zip(df["n_projects"], df["investment_yi"])]
    fig = go.Figure(go.Funnel(
        y=[pick(STAGES, s, lang) for s in df["stage"]], x=df["n_projects"], text=texts,
        textinfo="text", marker=dict(color=[STAGE_COLOURS[s] for s in df["stage"]]),
        connector=dict(fillcolor="#e9eef3", line=dict(color="#e9eef3"))))
    return finish(fig, title, source, height=380)


def pipeline_by_year(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh",
                     labels: tuple[str, str] = ("项目数", "总投资（亿元）")) -> go.Figure:
    """Project counts and investment per stage, one group of bars per year."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=labels, horizontal_spacing=0.12)
    for stage in [s for s in STAGE_COLOURS if s in set(df["stage"])]:
        part = df[df["stage"] == stage].sort_values("year")
        name = pick(STAGES, stage, lang)
        years = part["year"].astype(str)
        fig.add_bar(x=years, y=part["n_projects"], name=name, legendgroup=stage,
                    marker_color=STAGE_COLOURS[stage], row=1, col=1)
        fig.add_bar(x=years, y=part["investment_yi"], name=name, legendgroup=stage,
                    marker_color=STAGE_COLOURS[stage], showlegend=False, row=1, col=2)
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group")
    return finish(fig, title, source)


def targets_progress(df: pd.DataFrame, *, title: str, source: str, lang: str = "zh",
                     labels: tuple[str, str] = ("基期", "实际")) -> go.Figure:
    """Baseline and achieved as % of target, bars coloured by status; 100% marks the target."""
    df = df.copy()
    # a rate target and a level target of one indicator and year are two bars, not one
    df["label"] = [f"{_label(r, lang)} ({r['target_year']}{', %' if r.get('unit') == '%' else ''})"
                   for _, r in df.iterrows()]
    baseline_pct = 100 * df["baseline_value"] / df["target_value"]
    achieved_pct = 100 * df["achieved_value"] / df["target_value"]
    fig = go.Figure()
    fig.add_bar(y=df["label"], x=baseline_pct, orientation="h", name=labels[0],
                marker_color=BASELINE_GREY,
                text=[f"{v:.0f}% ({int(y)})" if pd.notna(v) else "" for v, y in
                      zip(baseline_pct, df["baseline_year"].fillna(0))], textposition="auto")
    fig.add_bar(y=df["label"], x=achieved_pct, orientation="h", name=labels[1],
                marker_color=[STATUS_COLOURS[s] for s in df["status"]],
                text=[f"{v:.0f}% · {pick(STATUSES, s, lang)}" if pd.notna(v) else ""
                      for v, s in zip(achieved_pct, df["status"])], textposition="auto")
    fig.add_vline(x=100, line_dash="dash", line_color="#444")
    fig.update_layout(barmode="group")
    top = max([115.0, *(1.1 * v for v in pd.concat([baseline_pct, achieved_pct]).dropna())])
    fig.update_xaxes(title_text="%", range=[0, top])
    return finish(fig, title, source, height=max(320, 160 + 60 * len(df)))


def _label(row, lang: str) -> str:
    en = row.get("name_en")
    return en if lang == "en" and isinstance(en, str) and en else str(row["name_zh"])
