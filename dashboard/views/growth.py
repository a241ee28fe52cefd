"""Growth: growth rates of the selection, one indicator across regions, levels over time."""
import streamlit as st

from dashboard import filters, layout, report
from dashboard import queries as q
from dashboard.i18n import t

sel = filters.sidebar_selection()
st.title(f"{t('growth', sel.lang)} · {sel.region_label} · {sel.year}")

rates = q.run(q.growth_rates, sel.region_key, sel.year)
st.subheader(t("growth_rates", sel.lang))
if rates.empty:
    layout.no_data(sel, "growth_facts")
else:
    layout.chart(report.growth_figure(rates, sel), sel, "growth", evidence=rates)

    st.subheader(t("by_region", sel.lang))
    coded = rates[rates["indicator_id"].notna()].drop_duplicates("indicator_id")
    labels = {r.indicator_id: report.indicator_label(coded, r.indicator_id, sel.lang)
              for r in coded.itertuples()}
    indicator = st.selectbox(t("indicator", sel.lang), list(labels), format_func=labels.get,
                             key="growth_indicator")
    if indicator:
        regions = q.run(q.growth_by_region, indicator, sel.year)
        layout.chart(report.region_figure(regions, sel, labels[indicator]), sel,
                     f"growth_{indicator}_by_region", evidence=regions)

st.subheader(t("levels", sel.lang))
levels = q.run(q.levels_over_time, sel.region_key)
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
                 evidence=series)
