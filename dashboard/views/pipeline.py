"""Pipeline: the 三个一批 funnel (签约 → 开工 → 投产), by year, other stages, named projects."""
import streamlit as st

from dashboard import filters, layout, report
from dashboard import queries as q
from dashboard.i18n import STAGES, fmt_number, pick, t

sel = filters.sidebar_selection()
st.title(f"{t('pipeline', sel.lang)} · {sel.region_label} · {sel.year}")

stages = q.run(q.pipeline, sel.region_key)
this_year = stages[stages["year"] == sel.year]
main = this_year[this_year["stage"].isin(q.PIPELINE_STAGES)]
st.subheader(t("funnel", sel.lang))
if main.empty:
    layout.no_data(sel, "pipeline_facts")
    if not stages.empty:
        st.caption(", ".join(str(y) for y in sorted(stages["year"].unique())))
else:
    layout.chart(report.funnel_figure(main, sel), sel, "pipeline_funnel", evidence=main)

others = this_year[this_year["stage"].isin(q.OTHER_STAGES)]
if not others.empty:
    st.subheader(t("other_stages", sel.lang))
    for col, r in zip(st.columns(len(others)), others.itertuples()):
        col.metric(pick(STAGES, r.stage, sel.lang), fmt_number(r.n_projects, "个"),
                   delta=fmt_number(r.investment_yi, "亿元"), delta_color="off",
                   delta_arrow="off", border=True, help=r.sentence)
    layout.show_evidence(others, sel.lang, key="ev_other_stages")

if stages["year"].nunique() >= 2:
    st.subheader(t("pipeline_by_year", sel.lang))
    layout.chart(report.pipeline_years_figure(stages, sel), sel, "pipeline_by_year", evidence=stages)

st.subheader(t("named_projects", sel.lang))
projects = q.run(q.projects, sel.region_key)
all_years = st.toggle(t("all_years", sel.lang), key="projects_all_years")
if not all_years:
    projects = projects[projects["year"] == sel.year]
if projects.empty:
    layout.no_data(sel, "project_facts")
else:
    layout.table(report.projects_table(projects, sel.lang), sel, "projects", evidence=projects)
