"""Overview: key figures of the selection, the coverage grid, the region's policies."""
import streamlit as st

from dashboard import filters, layout, report, sql
from dashboard import queries as q
from dashboard.i18n import fmt_figure, t

FIRST_CARDS = 12

sel = filters.sidebar_selection()
layout.page_header(sel, None)
st.caption(t("app_title", sel.lang))

st.subheader(t("key_figures", sel.lang))
figures = report.order_key_figures(q.run(sql.key_figures, sel.region_key, sel.year))
if figures.empty:
    layout.no_data(sel, "figures")
else:
    shown = figures
    if len(figures) > FIRST_CARDS:
        if not st.toggle(t("show_all_figures", sel.lang, n=len(figures)), key="overview_all_figures", bind="query-params"):
            shown = figures.head(FIRST_CARDS)
    layout.metric_cards(shown, sel)
    # Disagreements between documents, where the number is shown.
    conflicts = q.run(sql.conflicts, sel.region_key, sel.year)
    shown_ids = set(shown["fact_id"])
    for _, group in conflicts[conflicts["year"] == sel.year].groupby("conflict_id"):
        mine, others = group[group["fact_id"].isin(shown_ids)], group[~group["fact_id"].isin(shown_ids)]
        if mine.empty or others.empty:
            continue
        described = t("list_sep", sel.lang).join(
            f"{fmt_figure(r.value, r.unit, r.qualifier, sel.lang)} ({r.title})" for r in others.itertuples())
        st.warning(f"{report.label_of(mine.iloc[0], sel.lang)}: "
                   + t("conflict_here", sel.lang, others=described), icon=":material/warning:")
    layout.show_evidence(layout.evidence_for(shown["fact_id"]), sel.lang)
    layout.csv_button(lambda: report.tidy(layout.evidence_for(figures["fact_id"]), sel.lang), sel,
                      "key_figures")

coverage = q.run(sql.coverage)
layout.chart(report.coverage_figure(coverage, sel), sel, "coverage",
             csv=report.coverage_table(coverage, sel.lang))

st.subheader(t("policies", sel.lang))
policies = q.run(sql.policies, sel.region_key)
if policies.empty:
    st.info(t("no_policies", sel.lang, region=sel.region_label))
else:
    layout.table(report.policies_table(policies, sel.lang), sel, "policies",
                 evidence=policies.assign(label=policies["policy"]),
                 csv=report.tidy_records(policies, sel.lang, "policy"))
