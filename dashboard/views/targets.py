"""Targets of the chosen year: each with its matched actual, progress by kind of target, and
a status from the warehouse's one rule (target_status_for) as of a date the page shows."""

import streamlit as st

from dashboard import filters, layout, report, sql
from dashboard import queries as q
from dashboard.charts import STATUS_COLOURS
from dashboard.i18n import fmt_date, status_label, t

sel = filters.sidebar_selection(with_targets=True)
as_of = filters.as_of_date()
layout.page_header(sel, "targets", t("targets_title", sel.lang, region=sel.region_label, year=sel.year))
st.caption(t("as_of", sel.lang, date=fmt_date(as_of, sel.lang)))

targets = q.run(sql.targets, sel.region_key, sel.year, as_of.isoformat())
if targets.empty:
    years = q.run(sql.target_years, sel.region_key)["year"].tolist()
    st.info(t("no_targets", sel.lang, region=sel.region_label)
            + (f" ({', '.join(map(str, years))})" if years else ""))
    st.stop()

years = q.run(sql.region_years, sel.region_key)
if not (years[years["year"] == sel.year]["n_facts"] > 0).any():
    st.info(t("target_only_year", sel.lang, year=sel.year))

st.subheader(t("target_table", sel.lang, year=sel.year))
shown = report.targets_table(targets, sel.lang)
status_col = t("status", sel.lang)
colour_of = {status_label(k, sel.lang): c for k, c in STATUS_COLOURS.items()}
styled = shown.style.map(lambda v: f"color: white; background-color: {colour_of.get(v, '#9aa5b1')}",
                         subset=[status_col])
ids, roles = report.target_evidence_ids(targets)
evidence = layout.evidence_for(ids, roles)
layout.table(styled, sel, "targets", evidence=evidence)

level = targets[targets["progress_pct"].notna()]
if not level.empty:
    st.subheader(t("progress", sel.lang))
    ids, roles = report.target_evidence_ids(level)
    layout.chart(report.targets_level_figure(level, sel), sel, "targets_level",
                 evidence=layout.evidence_for(ids, roles))
rate = targets[targets["gap_pp"].notna()]
if not rate.empty:
    st.subheader(t("progress_rates", sel.lang))
    ids, roles = report.target_evidence_ids(rate)
    layout.chart(report.targets_rate_figure(rate, sel), sel, "targets_rate",
                 evidence=layout.evidence_for(ids, roles))
if level.empty and rate.empty:
    st.caption(t("no_progress", sel.lang, year=sel.year))
