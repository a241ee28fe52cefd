"""Targets: every target of the region with baseline, achieved value, attainment and status."""
import streamlit as st

from dashboard import filters, layout, report
from dashboard import queries as q
from dashboard.charts import STATUS_COLOURS
from dashboard.i18n import STATUSES, pick, t

sel = filters.sidebar_selection()
st.title(f"{t('targets', sel.lang)} · {sel.region_label}")

targets = q.run(q.targets, sel.region_key)
if targets.empty:
    st.info(t("no_targets", sel.lang, region=sel.region_label))
    st.stop()

st.subheader(t("target_table", sel.lang))
shown = report.targets_table(targets, sel.lang)
status_col = t("status", sel.lang)
colour_of = {pick(STATUSES, k, sel.lang): c for k, c in STATUS_COLOURS.items()}
styled = shown.style.map(lambda v: f"color: white; background-color: {colour_of.get(v, '#9aa5b1')}",
                         subset=[status_col])
layout.table(styled, sel, "targets", evidence=targets)

with_progress = targets[targets["baseline_value"].notna() | targets["achieved_value"].notna()]
if not with_progress.empty:
    st.subheader(t("progress", sel.lang))
    layout.chart(report.targets_figure(with_progress, sel), sel, "targets_progress",
                 evidence=with_progress)
