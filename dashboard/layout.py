"""Building blocks the pages share: a chart or table with its PNG/CSV exports and evidence.

Every chart gets plotly's camera button (a PNG named region_year_chart), a "Download PNG"
button rendered by kaleido on the server only when clicked, a tidy CSV (one row per number),
and an expander with the evidence behind each number, in chart order.
"""
from __future__ import annotations

from typing import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import export, report, sql
from . import queries as q
from .i18n import t
from .report import Selection

PAGE_CSS = """<style>
/* metric cards: labels and values wrap instead of being cut (the unit stays visible) */
[data-testid="stMetricLabel"] p, [data-testid="stMetricLabel"] div {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetric"] .stMarkdownEllipsis, [data-testid="stMetric"] p {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important;}
[data-testid="stMetricValue"] p {font-size: 1.9rem; line-height: 1.2;}
</style>"""

EVIDENCE_CSS = """<style>
.evidence table {border-collapse: collapse; font-size: 0.85rem; width: 100%;}
.evidence th, .evidence td {border-bottom: 1px solid #e3e7eb; padding: 4px 6px; vertical-align: top;
  text-align: left;}
.evidence mark {background: #ffe58a;}
.evidence small {color: #6b7785;}
.evidence small.conflict {color: #b03a2e;}
</style>"""


def plotly_config(sel: Selection, name: str) -> dict:
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": sel.file_stem(name), "scale": 2}}


def evidence_for(fact_ids, roles: list[str] | None = None) -> pd.DataFrame:
    """The evidence rows of some facts (chart order), with a role column when given."""
    ids = [int(i) for i in fact_ids if i is not None and i == i]
    ev = q.run(sql.evidence, tuple(ids))
    if roles is not None and len(roles) == len(ev):
        ev = ev.assign(role=roles)
    return ev


def csv_button(data: pd.DataFrame | Callable[[], pd.DataFrame], sel: Selection, name: str) -> None:
    """A CSV download; `data` may be a callable, made only when the button is clicked."""
    def payload() -> bytes:
        frame = data() if callable(data) else data
        return frame.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Chinese right

    st.download_button(
        t("download_csv", sel.lang), data=payload,
        file_name=f"{sel.file_stem(name)}.csv", mime="text/csv", key=f"csv_{name}",
        on_click="ignore", icon=":material/table:")


def chart(fig: go.Figure, sel: Selection, name: str, evidence: pd.DataFrame | None = None,
          csv: pd.DataFrame | Callable[[], pd.DataFrame] | None = None) -> None:
    # theme=None: keep the figure's own template; Streamlit's theme would restyle it.
    st.plotly_chart(fig, theme=None, config=plotly_config(sel, name), key=f"chart_{name}")
    left, right = st.columns([1, 1])
    with left:
        st.download_button(
            t("download_png", sel.lang), data=lambda: export.figure_png(fig),
            file_name=f"{sel.file_stem(name)}.png", mime="image/png", key=f"png_{name}",
            on_click="ignore", icon=":material/download:")
    if csv is None and evidence is not None:
        csv = lambda: report.tidy(evidence, sel.lang)  # noqa: E731 (made on click)
    if csv is not None:
        with right:
            csv_button(csv, sel, name)
    if evidence is not None:
        show_evidence(evidence, sel.lang)


def table(df, sel: Selection, name: str, evidence: pd.DataFrame | None = None,
          csv: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, evidence_total: int | None = None,
          **dataframe_kwargs) -> None:
    """A formatted table on screen; the CSV is tidy (numbers as numbers), never the formatting."""
    rows = len(getattr(df, "data", df))
    dataframe_kwargs.setdefault("height", min(35 * (rows + 1) + 3, 640))  # every row visible up to ~17
    st.dataframe(df, hide_index=True, key=f"table_{name}", **dataframe_kwargs)
    if csv is None and evidence is not None:
        csv = lambda: report.tidy(evidence, sel.lang)  # noqa: E731 (made on click)
    if csv is not None:
        csv_button(csv, sel, name)
    if evidence is not None:
        show_evidence(evidence, sel.lang, evidence_total)


MAX_EVIDENCE_ROWS = 100


def show_evidence(ev: pd.DataFrame, lang: str, total: int | None = None) -> None:
    """The evidence panel, in chart order; a long one shows its first rows (all are in the CSV)."""
    total = max(total or 0, len(ev))
    with st.expander(t("evidence", lang)):
        if total > MAX_EVIDENCE_ROWS:
            st.caption(t("evidence_capped", lang, n=MAX_EVIDENCE_ROWS, total=total))
        st.markdown(EVIDENCE_CSS + report.evidence_html(ev.head(MAX_EVIDENCE_ROWS), lang),
                    unsafe_allow_html=True)


def no_data(sel: Selection, what_key: str) -> None:
    st.info(t("no_data_here", sel.lang, region=sel.region_label, year=sel.year,
              what=t(what_key, sel.lang)))


def metric_cards(figs: pd.DataFrame, sel: Selection, per_row: int = 3) -> None:
    """One st.metric per figure; a delta only against a comparable earlier figure."""
    rows = [figs.iloc[i:i + per_row] for i in range(0, len(figs), per_row)]
    for chunk in rows:
        for col, (_, r) in zip(st.columns(per_row), chunk.iterrows()):
            delta = report.metric_delta(r, sel.lang)
            col.metric(report.metric_label(r, sel.lang), report.metric_value(r, sel.lang),
                       delta=delta,
                       delta_description=(t("vs_year", sel.lang, year=int(r["prev_year"]))
                                          if delta else None),
                       border=True, help=r["sentence"])


def page_header(sel: Selection, page_key: str | None, heading: str | None = None) -> None:
    """The page's heading and the browser tab's title: page · region · year."""
    parts = ([t(page_key, sel.lang)] if page_key else []) + [sel.region_label, str(sel.year)]
    title = heading or " · ".join(parts)
    st.set_page_config(page_title=f"{title} · {t('app_title', sel.lang)}")
    st.markdown(PAGE_CSS, unsafe_allow_html=True)
    st.title(title)
