"""Growth: growth rates of the selection (full year and year-to-date apart), one indicator
across regions, full-year levels over time."""
import streamlit as st

from dashboard import filters, layout, report, sql
from dashboard import queries as q
from dashboard.i18n import t

sel = filters.sidebar_selection()
layout.page_header(sel, "growth")

rates = q.run(sql.growth_rates, sel.region_key, sel.year)
st.subheader(t("growth_rates", sel.lang))
if rates.empty:
    layout.no_data(sel, "growth_facts")
else:
    # One chart per period: a Jan–May rate never sits in a full-year chart.
    for period in rates["period"].drop_duplicates():
        part = rates[rates["period"] == period]
        name = "growth" if period == "FY" else f"growth_{period.lower()}"
        layout.chart(report.growth_figure(part, sel, period), sel, name,
                     evidence=layout.evidence_for(part.sort_values("value")["fact_id"][::-1]))

    fy = rates[(rates["period"] == "FY") & rates["indicator_id"].notna()].drop_duplicates("indicator_id")
    if not fy.empty:
        st.subheader(t("by_region", sel.lang))
        labels = {r["indicator_id"]: report.label_of(r, sel.lang) for _, r in fy.iterrows()}
        indicator = st.selectbox(t("indicator", sel.lang), list(labels), format_func=labels.get,
                                 key="growth_indicator", bind="query-params")
        regions = q.run(sql.growth_by_region, indicator, sel.year, "FY")
        if len(regions) >= 2:
            layout.chart(report.region_figure(regions, sel, labels[indicator]), sel,
                         f"growth_{indicator}_by_region", evidence=layout.evidence_for(regions["fact_id"]))
        else:
            st.info(t("by_region_single", sel.lang, region=sel.region_label, year=sel.year,
                      indicator=labels[indicator]))

st.subheader(t("levels", sel.lang))
levels = q.run(sql.levels_over_time, sel.region_key)
levels = levels[levels["nature"] == "period"]  # a running total is not a year's level
years_per_indicator = levels.groupby("indicator_id")["year"].nunique()
multi_year = years_per_indicator[years_per_indicator >= 2].index.tolist()
if not multi_year:
    st.info(t("no_levels", sel.lang, region=sel.region_label))
else:
    labels = {i: report.indicator_label(levels, i, sel.lang) for i in multi_year}
    left, right = st.columns([2, 3])
    indicator = left.selectbox(t("indicator", sel.lang), multi_year, format_func=labels.get,
                               key="levels_indicator")
    series = levels[levels["indicator_id"] == indicator]
    years = sorted(series["year"].unique().tolist())
    first, last = right.select_slider(t("year_range", sel.lang), options=years,
                                      value=(years[0], years[-1]), key=f"levels_range_{indicator}")
    series = series[series["year"].between(first, last)]
    layout.chart(report.levels_figure(series, sel, labels[indicator]), sel, f"levels_{indicator}",
                 evidence=layout.evidence_for(series["fact_id"]))
