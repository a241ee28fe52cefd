"""Compare: several regions over the years (lines), all regions in one year (ranked bars and a
league table of level, growth and rank), and the figures as a table.

The year range is shared by the charts: lines cover it, the ranking is its last year.
Every control is in the URL (see explore_layout for the binding and what it cannot do).
"""
import streamlit as st

from dashboard import explore_layout as ex
from dashboard import explore_report as er
from dashboard import explore_sql, filters, layout, report, sql
from dashboard import queries as q
from dashboard.i18n import kind_label, t

sel = filters.sidebar_selection()
lang = sel.lang
layout.page_header(sel, None, heading=t("compare", lang))

kinds = q.run(explore_sql.indicator_kinds)
if kinds.empty:
    st.info(t("no_indicator", lang))
    st.stop()
regions = q.run(sql.regions)
names = er.region_name(regions, lang)
with_data = [k for k in filters.region_tree_order(regions, lang)]  # gazetteer order, data only
ex.carry_over(("cmp", "ind", "kind", "years"), lang)
chosen = st.multiselect(t("compare_regions", lang), with_data, default=[sel.region_key], key="cmp",
                        bind=ex.BIND, format_func=lambda k: names.get(k, k))
indicators = list(dict.fromkeys(kinds["indicator_id"]))
c1, c2 = st.columns([3, 2])
indicator = c1.selectbox(t("indicator", lang), indicators, key="ind", bind=ex.BIND,
                         format_func=lambda i: er.indicator_name(kinds, i, lang))
offered = kinds.loc[kinds["indicator_id"] == indicator, "kind"].tolist()
ex.keep_valid("kind", offered, offered[0])
kind = c2.radio(t("kind", lang), offered, key="kind", bind=ex.BIND, horizontal=True,
                format_func=lambda k: kind_label(k, lang))
row = kinds[(kinds["indicator_id"] == indicator) & (kinds["kind"] == kind)].iloc[0]
all_years = list(range(int(row["first_year"]), int(row["last_year"]) + 1))
ex.keep_valid("years", all_years, (all_years[0], all_years[-1]))
first, last = (st.select_slider(t("year_range", lang), options=all_years, value=(all_years[0], all_years[-1]),
                                key="years", bind=ex.BIND)
               if len(all_years) > 1 else (all_years[0], all_years[0]))
fmt = ex.image_format(lang)
ex.remember(cmp=chosen, ind=indicator, kind=kind, years=(first, last))
name = er.indicator_name(kinds, indicator, lang)

if not chosen:
    st.info(t("compare_none", lang))
else:
    series = q.run(explore_sql.series, indicator, kind, tuple(chosen))
    series, unit, other_units = er.one_unit(series[series["year"].between(first, last)])
    if series.empty:
        st.info(t("no_map_data", lang, year=f"{first}–{last}", indicator=name, kind=kind_label(kind, lang)))
    else:
        fig = er.compare_figure(series, names, sel, indicator=name, kind=kind, first=first, last=last)
        ex.chart(fig, sel, f"compare_{indicator}_{kind}_{first}_{last}",
                 layout.evidence_for(series["fact_id"]), fmt=fmt)
        st.dataframe(er.figures_table(series, names, lang), hide_index=True)
    if len(other_units):
        st.caption(t("mixed_units", lang, n=len(other_units), units=t("list_sep", lang).join(sorted(set(other_units["unit"])))))

league = q.run(explore_sql.league, indicator, last)
ranked, unit, _ = er.one_unit(er.league_frame(league, kind))
if ranked.empty:
    st.info(t("no_map_data", lang, year=last, indicator=name, kind=kind_label(kind, lang)))
else:
    fig = er.league_figure(ranked, names, sel, indicator=name, kind=kind, year=last, highlight=set(chosen))
    ex.chart(fig, sel, f"league_{indicator}_{kind}_{last}", layout.evidence_for(ranked["fact_id"]), fmt=fmt)
    st.subheader(t("league_table", lang, year=last))
    st.dataframe(er.league_table(league, names, lang, kind), hide_index=True)
    # the table's CSV: every figure it shows (level, growth, rank of each region), tidy
    league_ev = layout.evidence_for(league["fact_id"])
    layout.csv_button(lambda: report.tidy(league_ev, lang), sel, f"league_table_{indicator}_{last}")
st.caption(t("url_note", lang))
ex.region_download(sel)
