"""Map: a choropleth of Shanxi's cities (or counties) for one indicator, kind and year.

Regions without a figure stay on the map in grey; zones (no boundary) are markers at their host
district; a click on a region selects it in the sidebar. Every control is in the URL (see
explore_layout for the binding and what it cannot do).
"""
import streamlit as st

from dashboard import explore_layout as ex
from dashboard import explore_report as er
from dashboard import explore_sql, filters, geo, layout, sql
from dashboard import queries as q
from dashboard.i18n import kind_label, t


def _on_map_click() -> None:
    """A click on a region (or zone marker) makes it the sidebar's region, if it has figures."""
    event = st.session_state.get("chart_map")
    points = (event or {}).get("selection", {}).get("points", [])
    picked = next((p.get("customdata") for p in points if p.get("customdata")), None)
    if isinstance(picked, list):
        picked = picked[0] if picked else None
    if not picked:
        return
    regions = q.run(sql.regions)
    row = regions[regions["key"] == picked]
    if len(row) and int(row["n_facts"].iloc[0]) > 0:
        st.query_params["region"] = picked  # the sidebar (filters.py) reads the region from here
        st.session_state["sel_region"] = picked
        if st.session_state.get("map_year"):  # and the map's year (the sidebar takes the nearest)
            st.query_params["year"] = str(st.session_state["map_year"])
    else:
        st.session_state["map_pick_no_data"] = picked


sel = filters.sidebar_selection()
lang = sel.lang
layout.page_header(sel, None, heading=t("map", lang))
st.caption(t("map_help", lang))
if (missed := st.session_state.pop("map_pick_no_data", None)) is not None:
    regions = q.run(sql.regions)
    st.info(t("map_pick_no_data", lang, region=er.region_name(regions, lang).get(missed, missed)))

kinds = q.run(explore_sql.indicator_kinds)
if kinds.empty:
    st.info(t("no_indicator", lang))
    st.stop()
indicators = list(dict.fromkeys(kinds["indicator_id"]))
ex.carry_over(("ind", "kind", "level", "map_year"), lang)
c1, c2, c3 = st.columns([3, 2, 2])
indicator = c1.selectbox(t("indicator", lang), indicators, key="ind", bind=ex.BIND,
                         format_func=lambda i: er.indicator_name(kinds, i, lang))
offered = kinds.loc[kinds["indicator_id"] == indicator, "kind"].tolist()  # most regions first
ex.keep_valid("kind", offered, offered[0])
kind = c2.radio(t("kind", lang), offered, key="kind", bind=ex.BIND, horizontal=True,
                format_func=lambda k: kind_label(k, lang))
level = c3.radio(t("map_level", lang), list(geo.LEVELS), key="level", bind=ex.BIND, horizontal=True,
                 format_func=lambda lv: t(f"level:{lv}", lang))
row = kinds[(kinds["indicator_id"] == indicator) & (kinds["kind"] == kind)].iloc[0]
years = list(range(int(row["first_year"]), int(row["last_year"]) + 1))
ex.keep_valid("map_year", years, years[-1])
year = (st.select_slider(t("year", lang), options=years, value=years[-1], key="map_year", bind=ex.BIND)
        if len(years) > 1 else years[0])
ex.remember(ind=indicator, kind=kind, level=level, map_year=year)

regions = q.run(sql.regions)
values, unit, other_units = er.one_unit(er.drawn(q.run(explore_sql.map_values, indicator, kind, year),
                                                 regions, level))
name = er.indicator_name(kinds, indicator, lang)
if values.empty:
    st.info(t("no_map_data", lang, year=year, indicator=name, kind=kind_label(kind, lang)))
fmt = ex.image_format(lang)
fig = er.map_figure(values, regions, sel, level=level, indicator=name, kind=kind, year=year)
# Shanxi is tall and narrow: the map takes the left part, the figures it shows the right.
left, right = st.columns([3, 2])
with left:
    ex.chart(fig, sel, f"map_{indicator}_{kind}_{level}_{year}", layout.evidence_for(values["fact_id"]),
             fmt=fmt, key="chart_map", on_select=_on_map_click, selection_mode="points")
with right:
    if len(values):
        st.dataframe(er.figures_table(values, er.region_name(regions, lang), lang), hide_index=True)
    if len(other_units):
        st.caption(t("mixed_units", lang, n=len(other_units), units=t("list_sep", lang).join(sorted(set(other_units["unit"])))))
st.caption(t("url_note", lang))
ex.region_download(sel)
