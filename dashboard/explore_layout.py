"""Streamlit building blocks of the Map and Compare pages: URL-bound controls, a chart with
PNG/SVG/CSV downloads, the region's data download.

Settings live in the URL through Streamlit's native binding (`bind="query-params"`, key = the
parameter's name): restored on reload and from a shared link, defaults left out of the URL,
invalid values dropped by Streamlit itself. What the native binding cannot do, and is therefore
still done by hand in filters.py for region/year/lang:
- it stores an option's *displayed* label, so a value is only valid in the language it was
  chosen in (links carry `lang` too, so a shared link reproduces; a language switch on the
  page is bridged by `carry_over`, which puts the values back by id);
- it drops an invalid value silently, where the sidebar tells the reader what was replaced;
- it cannot resolve names or aliases (?region=小店) or pick the nearest year;
- a bound parameter cannot be written through st.query_params, which the map's click needs
  for the region (so the region stays a hand-synchronised parameter);
- a label that changes with the data (the Review page's status filter shows live counts) would
  never match again, so that one control is left unbound.
The other pages' controls (Overview's "show all", Growth's indicator, Project rounds' "all years",
Sources' documents toggle and chosen figure, Review's mode) are bound the same way.
"""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import explore_sql, export, layout, report
from . import queries as q
from .i18n import t
from .report import Selection

BIND = "query-params"


def carry_over(keys: tuple[str, ...], lang: str) -> None:
    """Keep the bound controls' values across a language switch.

    The binding identifies a value by its displayed label, which the switch changes, so
    Streamlit would drop every bound value. The values themselves (ids) are remembered on each
    run (`remember`) and put back by id when the language has changed since the last run."""
    if st.session_state.get("_ex_lang", lang) != lang:
        for key in keys:
            if f"_ex_{key}" in st.session_state:
                st.session_state[key] = st.session_state[f"_ex_{key}"]
    st.session_state["_ex_lang"] = lang


def remember(**values) -> None:
    for key, value in values.items():
        st.session_state[f"_ex_{key}"] = value


def keep_valid(key: str, options: list, default) -> None:
    """Reset a bound control whose stored value is no longer offered (its options depend on
    another control); Streamlit would otherwise raise or keep a stale value."""
    value = st.session_state.get(key)
    if value is None:
        return
    values = list(value) if isinstance(value, (list, tuple)) else [value]
    if not all(v in options for v in values):
        st.session_state[key] = default


def image_format(lang: str) -> str:
    """The camera button's format (plotly's modebar offers one format: we choose which)."""
    return st.segmented_control(t("image_format", lang), list(export.FORMATS), default="png",
                                required=True, format_func=str.upper, key="img", bind=BIND) or "png"


def chart(fig: go.Figure, sel: Selection, name: str, evidence: pd.DataFrame, fmt: str = "png",
          key: str | None = None, **plotly_kwargs):
    """The figure, its PNG / SVG (server-rendered on click) and tidy CSV of exactly the numbers
    drawn, and the evidence expander. `key` names the chart's state (selection events)."""
    config = layout.plotly_config(sel, name)
    config["toImageButtonOptions"]["format"] = fmt
    event = st.plotly_chart(fig, theme=None, config=config, key=key or f"chart_{name}", **plotly_kwargs)
    cols = st.columns(3)
    for col, image in zip(cols, export.FORMATS):
        col.download_button(
            t(f"download_{image}", sel.lang), data=lambda image=image: export.figure_png(fig, fmt=image),
            file_name=f"{sel.file_stem(name)}.{image}", mime="image/png" if image == "png" else "image/svg+xml",
            key=f"{image}_{name}", on_click="ignore", icon=":material/download:")
    with cols[2]:
        layout.csv_button(lambda: report.tidy(evidence, sel.lang), sel, name)  # made on click
    layout.show_evidence(evidence, sel.lang)
    return event


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def region_download(sel: Selection) -> None:
    """Everything about the sidebar's region as one tidy table, CSV and Parquet."""
    records = q.run(explore_sql.region_records, sel.region_key)
    st.subheader(t("region_data", sel.lang, region=sel.region_label))
    left, right = st.columns(2)
    stem = f"{sel.region_key}_all_data"
    left.download_button(t("download_csv", sel.lang), data=lambda: records.to_csv(index=False).encode("utf-8-sig"),
                         file_name=f"{stem}.csv", mime="text/csv", key="region_csv", on_click="ignore",
                         icon=":material/table:")
    right.download_button(t("download_parquet", sel.lang), data=lambda: parquet_bytes(records),
                          file_name=f"{stem}.parquet", mime="application/vnd.apache.parquet",
                          key="region_parquet", on_click="ignore", icon=":material/database:")
