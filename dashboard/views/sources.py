"""Sources: the documents, where any number comes from, and figures documents disagree on."""
import streamlit as st

from dashboard import filters, layout
from dashboard import queries as q
from dashboard.i18n import KINDS, fmt_number, pick, t

MAX_SIDE_BY_SIDE = 10

sel = filters.sidebar_selection()
zh = sel.lang == "zh"
st.title(f"{t('sources', sel.lang)} · {sel.region_label} · {sel.year}")

st.subheader(t("documents", sel.lang))
all_docs = st.toggle(t("all_documents", sel.lang), key="sources_all_docs")
docs = q.run(q.documents, None if all_docs else sel.region_key)
columns = {"title": "标题" if zh else "Title", "published": "日期" if zh else "Date",
           "publisher": "发布者" if zh else "Publisher", "date_rule": "日期来源" if zh else "Date rule",
           "n_facts": "提取数字" if zh else "Facts extracted", "doc": "文件" if zh else "File"}
layout.table(docs[list(columns)].rename(columns=columns), sel, "documents")

st.subheader(t("fact_explorer", sel.lang))
facts = q.run(q.facts, sel.region_key, sel.year)
if facts.empty:
    layout.no_data(sel, "figures")
else:
    # Labels built once (a selection can hold hundreds of facts; format_func runs per option).
    described = {
        r.fact_id: (f"{r.name_en if not zh and isinstance(r.name_en, str) else r.name_zh}"
                    f" · {pick(KINDS, r.kind, sel.lang)} · {fmt_number(r.value, r.unit)}"
                    f" · {r.period} · {r.doc}")
        for r in facts.itertuples()}
    fact_id = st.selectbox(t("indicator", sel.lang), list(described), format_func=described.get,
                           key="sources_fact")
    r = facts.set_index("fact_id").loc[fact_id]
    st.markdown(f"> {layout.highlight(r['sentence'], r['quote'], r['raw_number'])}",
                unsafe_allow_html=True)
    st.caption(f"{r['doc']} · [{r['start']}:{r['end']}] · {r['qualifier']}"
               f" · confidence {r['confidence']:.2f}" if r["confidence"] == r["confidence"] else r["doc"])

st.subheader(t("conflicts", sel.lang))
conflicts = q.run(q.conflicts, sel.region_key)
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
        name = first["name_en"] if not zh and isinstance(first["name_en"], str) else first["name_zh"]
        st.markdown(f"**{name} · {first['year']} · {first['period']} · {pick(KINDS, first['kind'], sel.lang)}**")
        for col, (_, r) in zip(st.columns(len(group)), group.iterrows()):
            with col.container(border=True):
                st.metric(r["title"] or r["doc"], fmt_number(r["value"], r["unit"]),
                          help=f"{r['doc']} · {r['published']}")
                st.markdown(layout.highlight(r["sentence"], r["quote"], r["raw_number"]),
                            unsafe_allow_html=True)
    layout.table(conflicts.drop(columns=["name_en"]), sel, "conflicts")
