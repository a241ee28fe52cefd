"""Chart builders of the Map and Compare pages: pure functions -> plotly Figure.

Like charts.py: words and formatted numbers come in already translated, and every figure gets
the house style (charts.finish: template, CJK font, title, source line), so PNG and SVG exports
carry title, legend and source.

The map is a plotly *geo* figure with the generated GeoJSON (no tiles, nothing fetched). plotly.js
fetches its own world topojson from a CDN when the first geo trace has a `locationmode` (every
choropleth has one) or a base layer is shown; so the first trace is always the text layer of
region names (a Scattergeo with lon/lat) and every base layer is off.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .charts import ACCENT, NEUTRAL, finish

NO_DATA_GREY = "#d5dbe1"
BORDER = "white"
# Starts at a clear blue, not white: the lowest value must not be mistaken for "no data" grey.
COLORSCALE = [[0, "#9ecae1"], [0.5, "#3182bd"], [1, "#08306b"]]
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22"]


def choropleth_map(geojson: dict, *, labels: pd.DataFrame, base: pd.DataFrame, data: pd.DataFrame,
                   zones: pd.DataFrame, title: str, source: str, colorbar_title: str,
                   reverse: bool = False, outline: dict | None = None,
                   selected: str | None = None, selected_zone: str | None = None,
                   height: int = 720) -> go.Figure:
    """A choropleth of one level of divisions.

    labels: lon, lat, text, colour (names drawn on the map); base: code, region, hover (every feature,
    drawn grey: regions without a figure stay visible); data: code, region, value, hover;
    zones: lon, lat, region, value (NaN: no figure), hover; outline: an upper level's
    FeatureCollection drawn as lines only; selected: code outlined in the accent colour, and
    selected_zone: a zone (region id) whose marker is.
    `region` (the gazetteer id) rides along as customdata, so a click names the region.
    """
    fig = go.Figure()
    fig.add_scattergeo(lon=labels["lon"], lat=labels["lat"], text=labels["text"], mode="text",
                       textfont=dict(size=11, color=list(labels["colour"])), hoverinfo="skip", showlegend=False,
                       name="labels")
    fig.add_choropleth(geojson=geojson, locations=base["code"], z=[0] * len(base),
                       customdata=base["region"], hovertext=base["hover"], hoverinfo="text",
                       colorscale=[[0, NO_DATA_GREY], [1, NO_DATA_GREY]], showscale=False,
                       marker_line_color=BORDER, marker_line_width=0.8, name="base")
    if len(data):
        fig.add_choropleth(geojson=geojson, locations=data["code"], z=data["value"],
                           customdata=data["region"], hovertext=data["hover"], hoverinfo="text",
                           coloraxis="coloraxis", marker_line_color=BORDER, marker_line_width=0.8,
                           name="data")
    if outline is not None:
        codes = [f["id"] for f in outline["features"]]
        fig.add_choropleth(geojson=outline, locations=codes, z=[0] * len(codes), hoverinfo="skip",
                           colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
                           marker_line_color="#56636f", marker_line_width=1.4, name="outline")
    if selected is not None and selected in set(base["code"]):
        fig.add_choropleth(geojson=geojson, locations=[selected], z=[0], hoverinfo="skip",
                           colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]], showscale=False,
                           marker_line_color=ACCENT, marker_line_width=3, name="selected")
    if len(zones):
        has = zones["value"].notna()
        for part, with_data in ((zones[~has], False), (zones[has], True)):
            if part.empty:
                continue
            chosen = part["region"] == selected_zone  # the sidebar's zone: accent outline
            marker = (dict(size=13, color=part["value"], coloraxis="coloraxis", symbol="diamond",
                           line=dict(color=[ACCENT if c else "#33414e" for c in chosen],
                                     width=[3 if c else 1.5 for c in chosen]))
                      if with_data else
                      dict(size=8, color=NO_DATA_GREY, symbol="diamond",
                           line=dict(color=[ACCENT if c else "#7b8794" for c in chosen],
                                     width=[3 if c else 1 for c in chosen])))
            fig.add_scattergeo(lon=part["lon"], lat=part["lat"], customdata=part["region"],
                               hovertext=part["hover"], hoverinfo="text", mode="markers",
                               marker=marker, showlegend=False,
                               name="zones" if with_data else "zones_no_data")
    values = pd.concat([data["value"] if len(data) else pd.Series(dtype=float), zones["value"]]).dropna()
    fig.update_layout(coloraxis=dict(colorscale=COLORSCALE, reversescale=reverse,
                                     showscale=values.nunique() > 1,  # one value: no scale to read
                                     colorbar=dict(
        title=dict(text=colorbar_title), thickness=14, len=0.75)))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator",
                    bgcolor="white")
    finish(fig, title, source, height=height)
    fig.update_layout(margin=dict(l=10, r=10, t=70, b=96), dragmode=False)
    return fig


def compare_lines(df: pd.DataFrame, *, title: str, source: str, y_title: str,
                  highlight: str | None = None) -> go.Figure:
    """One line per region over the years (df: region, label, year, value, text, hover)."""
    fig = go.Figure()
    several = df["region"].nunique() > 1
    for i, (region, part) in enumerate(df.groupby("region", sort=False)):
        part = part.sort_values("year")
        colour = PALETTE[i % len(PALETTE)]
        # several lines: only each line's last value is written (the rest is in the hover and
        # the table), or close values print over each other
        texts = [""] * (len(part) - 1) + [part["text"].iloc[-1]] if several else part["text"]
        fig.add_scatter(x=part["year"].astype(str), y=part["value"], name=part["label"].iloc[0],
                        mode="lines+markers+text", text=texts,
                        textposition="middle right" if several else "top center",
                        hovertext=part["hover"], hoverinfo="text", cliponaxis=False,
                        line=dict(color=colour, width=4 if region == highlight else 2.5),
                        marker=dict(size=9, color=colour))
    fig.update_xaxes(type="category", categoryorder="category ascending")
    top, bottom = max(df["value"].max(), 0), min(df["value"].min(), 0)
    span = (top - bottom) or 1
    # from zero (or below it), with room above the highest point for its label
    fig.update_yaxes(title_text=y_title, range=[bottom - 0.08 * span * (bottom < 0), top + 0.18 * span])
    finish(fig, title, source)
    fig.update_layout(legend=dict(y=1.08), margin=dict(r=110 if several else 30))
    return fig


def league_bars(df: pd.DataFrame, *, title: str, source: str, x_title: str,
                highlight: set[str] = frozenset()) -> go.Figure:
    """Regions ranked by one figure, best on top (df: region, label, value, text, hover)."""
    df = df.iloc[::-1]  # plotly draws the first bar at the bottom
    colours = [ACCENT if r in highlight else NEUTRAL for r in df["region"]]
    fig = go.Figure(go.Bar(x=df["value"], y=df["label"], orientation="h", marker_color=colours,
                           text=df["text"], textposition="outside", cliponaxis=False,
                           hovertext=df["hover"], hoverinfo="text"))
    fig.update_xaxes(title_text=x_title, rangemode="tozero")
    fig.update_yaxes(type="category")
    finish(fig, title, source, height=max(320, 150 + 34 * len(df)))
    fig.update_layout(margin=dict(r=140))  # room for the value labels outside the bars
    return fig
