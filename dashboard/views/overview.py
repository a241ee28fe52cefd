"""Overview: key figures of the selection, the coverage grid, the region's policies."""
import streamlit as st

from dashboard import filters, layout, report
from dashboard import queries as q
from dashboard.i18n import t

sel = filters.sidebar_selection()
st.title(f"{sel.region_label} · {sel.year}")
st.caption(t("app_title", sel.lang))

st.subheader(t("key_figures", sel.lang))
figures = report.order_key_figures(q.run(q.key_figures, sel.region_key, sel.year))
if figures.empty:
    layout.no_data(sel, "figures")
else:
    layout.metric_cards(figures, sel)
    layout.show_evidence(figures, sel.lang, key="ev_key_figures")

layout.chart(report.coverage_figure(q.run(q.coverage), sel), sel, "coverage",
             evidence=q.run(q.documents, sel.region_key))

st.subheader(t("policies", sel.lang))
policies = q.run(q.policies, sel.region_key)
if policies.empty:
    st.info(t("no_policies", sel.lang, region=sel.region_label))
else:
    shown = policies[["title", "published", "year", "publisher", "doc"]].rename(columns=(
        {"title": "政策", "published": "发布日期", "year": "年份", "publisher": "发布者", "doc": "文件"}
        if sel.lang == "zh" else
        {"title": "Policy", "published": "Date", "year": "Year", "publisher": "Publisher", "doc": "Document"}))
    layout.table(shown, sel, "policies", evidence=policies)
