"""Pipeline: 三个一批 rounds (signed / started / commissioned are separate batches, not a
funnel), each round and the year total apart; other stages; year totals; named projects."""
import pandas as pd
import streamlit as st

from dashboard import filters, layout, report, sql
from dashboard import queries as q
from dashboard.i18n import fmt_number, stage_label, t

sel = filters.sidebar_selection()
layout.page_header(sel, "pipeline")

rounds = q.run(sql.pipeline_rounds, sel.region_key)
this_year = rounds[rounds["year"] == sel.year]
main = this_year[this_year["stage"].isin(sql.PIPELINE_STAGES)]
st.subheader(t("rounds", sel.lang))
if main.empty:
    layout.no_data(sel, "pipeline_facts")
else:
    st.caption(t("rounds_note", sel.lang))
    ids = report.row_fact_ids(main, ("count_fact_id", "investment_fact_id"))  # chart order
    evidence = layout.evidence_for(ids)
    layout.chart(report.rounds_figure(main, sel), sel, "pipeline_rounds", evidence=evidence)
    layout.table(report.rounds_table(main, sel.lang, sel.doc_titles), sel, "pipeline_rounds_table",
                 csv=report.tidy(evidence, sel.lang))

others = this_year[this_year["stage"].isin(sql.OTHER_STAGES)]
if not others.empty:
    st.subheader(t("other_stages", sel.lang))
    for col, r in zip(st.columns(len(others)), others.itertuples()):
        col.metric(f"{stage_label(r.stage, sel.lang)} · {report.round_label(r._asdict(), sel.lang, sel.doc_titles)}",
                   fmt_number(r.n_projects, "projects", sel.lang),
                   delta=fmt_number(r.investment_yi, "亿元", sel.lang) if pd.notna(r.investment_yi) else None,
                   delta_color="off", delta_arrow="off", border=True, help=r.sentence)
    ids = report.row_fact_ids(others, ("count_fact_id", "investment_fact_id"))
    layout.show_evidence(layout.evidence_for(ids), sel.lang)

year_totals = rounds[(rounds["period"] == "FY") & rounds["stage"].isin(sql.PIPELINE_STAGES)]
if year_totals["year"].nunique() >= 2:
    st.subheader(t("pipeline_by_year", sel.lang))
    fig = report.pipeline_years_figure(rounds, sel)
    ids = report.row_fact_ids(year_totals.sort_values(["year", "stage"]),
                              ("count_fact_id", "investment_fact_id"))
    layout.chart(fig, sel, "pipeline_by_year", evidence=layout.evidence_for(ids))

st.subheader(t("named_projects", sel.lang))
projects = q.run(sql.projects, sel.region_key)
all_years = st.toggle(t("all_years", sel.lang), key="projects_all_years", bind="query-params")
if not all_years:
    projects = projects[projects["year"] == sel.year]
if projects.empty:
    layout.no_data(sel, "project_facts")
else:
    layout.table(report.projects_table(projects, sel.lang), sel, "projects",
                 evidence=projects.assign(label=projects["name"]),
                 csv=report.tidy_records(projects, sel.lang, "name"))
