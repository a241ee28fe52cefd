"""Building blocks the pages share: a chart with its exports and evidence, a table with CSV.

Every chart gets plotly's camera button (configured to a PNG named region_year_chart), a
"Download PNG" button rendered by kaleido on the server only when clicked (the callable
`data=` of st.download_button runs on click), and an expander with the document and sentence
behind each number.
"""
from __future__ import annotations

import html
import re

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import export
from .i18n import fmt_delta, fmt_number, t
from .report import Selection, evidence_table


def plotly_config(sel: Selection, name: str) -> dict:
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": sel.file_stem(name), "scale": 2}}


def chart(fig: go.Figure, sel: Selection, name: str, evidence: pd.DataFrame | None = None) -> None:
    # theme=None: keep the figure's own template; Streamlit's theme would restyle it.
    st.plotly_chart(fig, theme=None, config=plotly_config(sel, name), key=f"chart_{name}")
    st.download_button(
        t("download_png", sel.lang), data=lambda: export.figure_png(fig),
        file_name=f"{sel.file_stem(name)}.png", mime="image/png", key=f"png_{name}",
        on_click="ignore", icon=":material/download:")
    if evidence is not None:
        show_evidence(evidence, sel.lang, key=f"ev_{name}")


def table(df: pd.DataFrame, sel: Selection, name: str, evidence: pd.DataFrame | None = None,
          **dataframe_kwargs) -> None:
    st.dataframe(df, hide_index=True, key=f"table_{name}", **dataframe_kwargs)
    plain = getattr(df, "data", df)  # a pandas Styler (coloured status) wraps the frame
    st.download_button(
        t("download_csv", sel.lang), data=lambda: plain.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"{sel.file_stem(name)}.csv", mime="text/csv", key=f"csv_{name}",
        on_click="ignore", icon=":material/table:")
    if evidence is not None:
        show_evidence(evidence, sel.lang, key=f"ev_{name}")


def show_evidence(df: pd.DataFrame, lang: str, key: str) -> None:
    with st.expander(t("evidence", lang)):
        st.dataframe(evidence_table(df, lang), hide_index=True, key=key)


def no_data(sel: Selection, what_key: str) -> None:
    st.info(t("no_data_here", sel.lang, region=sel.region_label, year=sel.year,
              what=t(what_key, sel.lang)))


def metric_cards(figs: pd.DataFrame, sel: Selection, per_row: int = 3) -> None:
    """One st.metric per figure with the change against the previous known year."""
    rows = [figs.iloc[i:i + per_row] for i in range(0, len(figs), per_row)]
    for chunk in rows:
        for col, (_, r) in zip(st.columns(per_row), chunk.iterrows()):
            name = r["name_en"] if sel.lang == "en" and isinstance(r["name_en"], str) else r["name_zh"]
            if r["kind"] == "growth":
                name += " · " + t("growth_pp", sel.lang)
            if r["period"] != "FY":
                name += f" ({r['period']})"
            if r["unit"] and r["unit"] != "%":
                name += f"（{r['unit']}）" if sel.lang == "zh" else f" ({r['unit']})"
            delta = fmt_delta(r["value"], r["prev_value"], r["unit"])
            value = fmt_number(r["value"], r["unit"], with_unit=r["unit"] == "%")
            col.metric(name, value, delta=delta,
                       delta_description=(t("vs_year", sel.lang, year=int(r["prev_year"]))
                                          if delta else None),
                       border=True, help=r["sentence"])


def highlight(sentence: str | None, quote: str, raw_number: str | None) -> str:
    """HTML of the sentence with the quote underlined and the number marked."""
    text = sentence or quote
    start = text.find(quote)
    if start < 0:
        text, start = quote, 0
    end = start + len(quote)
    num_at = quote.find(raw_number) if raw_number else -1
    if num_at < 0 and raw_number:
        # raw numbers may be written differently in the quote (2.35万 vs 2.35 万)
        m = re.search(re.escape(raw_number.strip()).replace(r"\ ", r"\s*"), quote)
        num_at = m.start() if m else -1
    if num_at >= 0:
        n0, n1 = start + num_at, start + num_at + len(raw_number)
        inner = (html.escape(text[start:n0]) + "<mark><b>" + html.escape(text[n0:n1])
                 + "</b></mark>" + html.escape(text[n1:end]))
    else:
        inner = html.escape(text[start:end])
    return (html.escape(text[:start]) + "<u>" + inner + "</u>" + html.escape(text[end:]))
