"""Sources: the documents, where any number comes from, and figures documents disagree on."""
import pandas as pd
import streamlit as st

from dashboard import filters, layout, report, sql
from dashboard import queries as q
from dashboard.i18n import fmt_date, fmt_figure, kind_label, period_label, t

MAX_SIDE_BY_SIDE = 10

sel = filters.sidebar_selection()
layout.page_header(sel, "sources")

st.subheader(t("documents", sel.lang))
all_docs = st.toggle(t("all_documents", sel.lang), key="sources_all_docs", bind="query-params")
docs = q.run(sql.documents, None if all_docs else sel.region_key)
layout.table(report.documents_table(docs, sel.lang), sel, "documents",
             csv=report.tidy_records(docs, sel.lang, "title"),
             column_config={t("col:link", sel.lang): st.column_config.LinkColumn()})

st.subheader(t("fact_explorer", sel.lang))
facts = q.run(sql.facts, sel.region_key, sel.year)
if facts.empty:
    layout.no_data(sel, "figures")
else:
    # Labels built once (a selection can hold hundreds of facts; format_func runs per option).
    described = {
        r["fact_id"]: (f"{report.label_of(r, sel.lang)} · {report.kind_text(r, sel.lang)}"
                       f" · {fmt_figure(r['value'], r['unit'], r['qualifier'], sel.lang, high=r['value_high'], raw_number=r['raw_number'])}"
                       f" · {period_label(r['period'], sel.lang)} · {r['title'] or t('undated', sel.lang)}")
        for r in facts.to_dict("records")}
    fact_id = st.selectbox(t("figure", sel.lang), list(described), format_func=described.get,
                           key="sources_fact", bind="query-params")
    ev = layout.evidence_for([fact_id])
    r = ev.iloc[0]
    st.markdown(f"> {report.highlight(r['sentence'], r['quote'], r['raw_number'])}",
                unsafe_allow_html=True)
    layout.show_evidence(ev, sel.lang)

st.subheader(t("conflicts", sel.lang))
conflicts = q.run(sql.conflicts, sel.region_key)
if conflicts.empty:
    st.success(t("no_conflicts", sel.lang))
else:
    # Side by side for the selected year first, at most MAX_SIDE_BY_SIDE (a noisy corpus can
    # have thousands; every one stays in the table below).
    ranked = conflicts.assign(_other_year=conflicts["year"] != sel.year).sort_values(
        ["_other_year", "conflict_id"], kind="stable")
    first_ids = ranked["conflict_id"].drop_duplicates().head(MAX_SIDE_BY_SIDE)
    if conflicts["conflict_id"].nunique() > MAX_SIDE_BY_SIDE:
        st.caption(t("conflicts_capped", sel.lang, n=MAX_SIDE_BY_SIDE,
                     total=conflicts["conflict_id"].nunique()))
    for conflict_id, group in ranked[ranked["conflict_id"].isin(first_ids)].groupby(
            "conflict_id", sort=False):
        first = group.iloc[0]
        st.markdown(f"**{report.label_of(first, sel.lang)} · {first['year']} · "
                    f"{period_label(first['period'], sel.lang)} · {report.kind_text(first, sel.lang)}**")
        for col, (_, r) in zip(st.columns(len(group)), group.iterrows()):
            with col.container(border=True):
                st.metric(r["title"] or t("undated", sel.lang),
                          fmt_figure(r["value"], r["unit"], r["qualifier"], sel.lang),
                          help=fmt_date(r["published"], sel.lang))
                st.markdown(report.highlight(r["sentence"], r["quote"], r["raw_number"]),
                            unsafe_allow_html=True)
    shown = pd.DataFrame({
        t("col:indicator", sel.lang): [report.label_of(r, sel.lang) for r in conflicts.to_dict("records")],
        t("year", sel.lang): conflicts["year"].astype("Int64"),
        t("col:period", sel.lang): [period_label(p, sel.lang) for p in conflicts["period"]],
        t("col:kind", sel.lang): [kind_label(k, sel.lang) for k in conflicts["kind"]],
        t("col:value", sel.lang): [fmt_figure(v, u, q_, sel.lang) for v, u, q_ in
                                   zip(conflicts["value"], conflicts["unit"], conflicts["qualifier"])],
        t("col:document", sel.lang): conflicts["title"].fillna(t("undated", sel.lang)),
        t("col:date", sel.lang): [fmt_date(d, sel.lang) for d in conflicts["published"]],
    })
    ordered = ranked["fact_id"].tolist()  # the side-by-side ones first, as on the page
    layout.table(shown, sel, "conflicts", evidence=layout.evidence_for(ordered[:layout.MAX_EVIDENCE_ROWS]),
                 csv=lambda: report.tidy(layout.evidence_for(ordered), sel.lang), evidence_total=len(ordered))
