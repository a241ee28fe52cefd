"""Chart builders: pure functions DataFrame -> plotly Figure.

Every figure carries its own template ('plotly_white', not the 'streamlit' template that
importing streamlit makes the default: its placeholder colours render black in kaleido), a CJK
font so Chinese renders as glyphs in the browser and in server-side PNGs, a title that names
the region and year, and a source line under the plot. Words and formatted numbers come in
from report.py (already translated): nothing here is language-specific.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots


FONT = "Noto Sans CJK SC, Noto Sans CJK, Noto Sans SC, sans-serif"
TEMPLATE = "plotly_white"
ACCENT = "#c0392b"      # the selected region / highlighted bar
NEUTRAL = "#5b7fa6"
BASELINE_GREY = "#b8c2cc"
STATUS_COLOURS = {"achieved": "#2e8b57", "on_track": "#6aa84f", "behind": "#e6a23c",
                  "missed": "#c0392b", "not_due": "#9aa5b1", "awaiting": "#b8c2cc",
                  "no_data": "#d5dbe1"}
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
                     highlight: str | None = None, unit: str = "") -> go.Figure:
    """Regions x years, cell = number of extracted figures (df: region_key, names, year, n_facts)."""
    label_col = "name_en" if lang == "en" else "name_zh"
    grid = df.pivot_table(index=label_col, columns="year", values="n_facts", aggfunc="sum")
    grid = grid.sort_index(ascending=False)
    years = [str(y) for y in grid.columns]
    text = grid.map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
    fig = go.Figure(go.Heatmap(
        z=grid.values, x=years, y=list(grid.index), text=text.values, texttemplate="%{text}",
        colorscale="Blues", hoverongaps=False, colorbar=dict(title=dict(text=unit), thickness=12),
        hovertemplate="%{y} %{x}: %{z}<extra></extra>", xgap=2, ygap=2))
    if highlight is not None:
        labels = df.loc[df["region_key"] == highlight, label_col]
        if len(labels):
            fig.add_annotation(text="◀", x=1.0, xref="paper", y=labels.iloc[0], yref="y",
                               xanchor="left", showarrow=False, font=dict(color=ACCENT))
    fig.update_xaxes(type="category", side="top")
    return finish(fig, title, source, height=max(300, 150 + 28 * len(grid)))


def growth_bars(df: pd.DataFrame, *, title: str, source: str, labels: list[str],
                texts: list[str]) -> go.Figure:
    """Growth rates (%) of a region's indicators, one period; bars in the order given."""
    order = sorted(range(len(df)), key=lambda i: df["value"].iloc[i])
    values = [df["value"].iloc[i] for i in order]
    colours = [NEUTRAL if v >= 0 else ACCENT for v in values]
    fig = go.Figure(go.Bar(x=values, y=[labels[i] for i in order], orientation="h",
                           marker_color=colours, text=[texts[i] for i in order],
                           textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(title_text="%", zeroline=True, zerolinecolor="#888")
    fig.update_yaxes(type="category")
    return finish(fig, title, source, height=max(300, 140 + 40 * len(df)))


def region_bars(df: pd.DataFrame, *, title: str, source: str, labels: list[str], texts: list[str],
                highlight: str | None = None, axis_title: str = "%") -> go.Figure:
    """One indicator, regions side by side (df: region_key, value), highest first."""
    order = sorted(range(len(df)), key=lambda i: -df["value"].iloc[i])
    colours = [ACCENT if df["region_key"].iloc[i] == highlight else NEUTRAL for i in order]
    fig = go.Figure(go.Bar(x=[labels[i] for i in order], y=[df["value"].iloc[i] for i in order],
                           marker_color=colours, text=[texts[i] for i in order],
                           textposition="outside", cliponaxis=False))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    return finish(fig, title, source)


def levels_line(df: pd.DataFrame, *, title: str, source: str, texts: list[str],
                axis_title: str) -> go.Figure:
    """One indicator's full-year level over the years (df sorted by year: year, value)."""
    fig = go.Figure(go.Scatter(
        x=df["year"].astype(str), y=df["value"], mode="lines+markers+text",
        line=dict(color=NEUTRAL, width=3), marker=dict(size=9), text=texts,
        textposition="top center", cliponaxis=False))
    fig.update_xaxes(type="category")
    fig.update_yaxes(title_text=axis_title, rangemode="tozero")
    return finish(fig, title, source)


def rounds_bars(df: pd.DataFrame, *, title: str, source: str, stage_names: dict[str, str],
                subtitles: tuple[str, str], count_texts: list[str],
                investment_texts: list[str], hovers: list[str] | None = None) -> go.Figure:
    """三个一批 rounds: stages side by side per round (df: round, stage, n_projects, investment_yi).

    Separate batches, not a funnel: each round (and the year total) is its own group of bars,
    counts on the left, investment on the right.
    """
    df = df.reset_index(drop=True).assign(_ct=count_texts, _it=investment_texts,
                                          _h=hovers or [""] * len(df))
    rounds = list(dict.fromkeys(df["round"]))
    fig = make_subplots(rows=1, cols=2, subplot_titles=subtitles, horizontal_spacing=0.1)
    for stage in [s for s in stage_names if s in set(df["stage"])]:
        part = df[df["stage"] == stage]
        hover = "%{x}<br>%{customdata}: %{text}<extra></extra>"
        fig.add_bar(x=part["round"], y=part["n_projects"], name=stage_names[stage],
                    legendgroup=stage, marker_color=STAGE_COLOURS[stage], text=part["_ct"],
                    customdata=part["_h"], hovertemplate=hover,
                    textposition="outside", cliponaxis=False, row=1, col=1)
        fig.add_bar(x=part["round"], y=part["investment_yi"], name=stage_names[stage],
                    legendgroup=stage, marker_color=STAGE_COLOURS[stage], text=part["_it"],
                    customdata=part["_h"], hovertemplate=hover,
                    textposition="outside", cliponaxis=False, showlegend=False, row=1, col=2)
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=rounds)
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(barmode="group")
    return _legend_above_subplot_titles(finish(fig, title, source))


def _legend_above_subplot_titles(fig: go.Figure) -> go.Figure:
    """Two panels have titles where the legend would sit: lift the legend above them."""
    fig.update_layout(legend=dict(y=1.12, yanchor="bottom", x=0, xanchor="left"),
                      margin=dict(t=120))
    fig.update_layout(title=dict(y=0.98, yanchor="top"))
    return fig


def pipeline_by_year(df: pd.DataFrame, *, title: str, source: str, stage_names: dict[str, str],
                     labels: tuple[str, str]) -> go.Figure:
    """Full-year project counts and investment per stage, one group of bars per year."""
    fig = make_subplots(rows=1, cols=2, subplot_titles=labels, horizontal_spacing=0.12)
    for stage in [s for s in stage_names if s in set(df["stage"])]:
        part = df[df["stage"] == stage].sort_values("year")
        years = part["year"].astype(str)
        fig.add_bar(x=years, y=part["n_projects"], name=stage_names[stage], legendgroup=stage,
                    marker_color=STAGE_COLOURS[stage], row=1, col=1)
        fig.add_bar(x=years, y=part["investment_yi"], name=stage_names[stage], legendgroup=stage,
                    marker_color=STAGE_COLOURS[stage], showlegend=False, row=1, col=2)
    fig.update_xaxes(type="category")
    fig.update_layout(barmode="group")
    return _legend_above_subplot_titles(finish(fig, title, source))


def target_progress_bars(df: pd.DataFrame, *, title: str, source: str, labels: list[str],
                         values: list[float], texts: list[str], statuses: list[str],
                         reference: float, axis_title: str) -> go.Figure:
    """One bar per target (progress in % of target, or a gap in pp), coloured by status; a
    dashed line marks the target (100% or 0 pp). The baseline is never drawn as progress."""
    fig = go.Figure(go.Bar(
        y=labels, x=values, orientation="h", text=texts, textposition="auto",
        marker_color=[STATUS_COLOURS.get(s, STATUS_COLOURS["no_data"]) for s in statuses],
        hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.add_vline(x=reference, line_dash="dash", line_color="#444")
    shown = [abs(v - reference) for v in values if v == v and v is not None]
    reach = 1.15 * max([*shown, 1.0 if reference == 0 else 15.0])
    fig.update_xaxes(range=[min(0.0, reference - reach), reference + reach])
    fig.update_xaxes(title_text=axis_title, zeroline=True, zerolinecolor="#888")
    fig.update_yaxes(type="category", autorange="reversed")
    return finish(fig, title, source, height=max(300, 160 + 44 * len(df)))
