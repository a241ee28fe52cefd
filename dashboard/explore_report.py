"""What the Map and Compare pages show: frames, labels, hover texts, tables (pure, no Streamlit).

Every number shown carries its period, qualifier, unit and source document, on the map's
hover, in the charts' labels and in the tables. Figures of one chart share one unit: rows in
another unit (a region reporting 万元 where the rest say 亿元 after normalisation failed) are
left out and counted in a note rather than drawn on the same scale.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from . import explore_charts, explore_sql, geo, sql
from .i18n import (fmt_date, fmt_figure, kind_label, period_label, period_suffix,
                   qualifier_word, t, unit_label)
from .report import Selection

ZONE_RING = 0.06  # degrees: zones sharing a host district sit on a small ring around its point


def region_name(regions: pd.DataFrame, lang: str) -> dict[str, str]:
    """region key -> display name (English falls back to the Chinese name)."""
    return {r["key"]: (r["name_en"] if lang == "en" and isinstance(r["name_en"], str) and r["name_en"]
                       else r["name_zh"]) for r in regions.to_dict("records")}


def indicator_name(kinds: pd.DataFrame, indicator_id: str, lang: str) -> str:
    row = kinds.loc[kinds["indicator_id"] == indicator_id].iloc[0]
    return row["name_en"] if lang == "en" and isinstance(row["name_en"], str) else row["name_zh"]


def one_unit(values: pd.DataFrame) -> tuple[pd.DataFrame, str | None, pd.DataFrame]:
    """(rows in the most common unit, that unit, the rows left out)."""
    if values.empty:
        return values, None, values
    unit = values["unit"].value_counts().sort_index().idxmax()
    keep = values["unit"] == unit
    return values[keep], unit, values[~keep]


def figure_text(r: dict, lang: str, *, with_unit: bool = True) -> str:
    """≈ 5.1%（1–9月）: the number with its qualifier, unit and (if not a full year) period.
    Charts leave the unit to their axis title (with_unit=False): long English units crowd them."""
    return fmt_figure(r["value"], r["unit"], r["qualifier"], lang, high=r.get("value_high"),
                      with_unit=with_unit) + period_suffix(r["period"], lang)


def source_text(r: dict, lang: str) -> str:
    title = r.get("title") if isinstance(r.get("title"), str) and r.get("title") else r.get("doc")
    return f"{title} ({fmt_date(r.get('published'), lang)})"


def hover(name: str, r: dict | None, lang: str, extra: str = "") -> str:
    """The hover box: name, then value, period, qualifier and source (or "no figure")."""
    head = f"<b>{name}</b>" + (f" · {extra}" if extra else "")
    if r is None:
        return f"{head}<br>{t('no_figure', lang)}"
    return "<br>".join([
        head,
        f"{t('hover_value', lang)}: {fmt_figure(r['value'], r['unit'], r['qualifier'], lang, high=r.get('value_high'))}",
        f"{t('hover_period', lang)}: {r['year']} {period_label(r['period'], lang)}",
        f"{t('hover_qualifier', lang)}: {qualifier_word(r['qualifier'], lang)}",
        f"{t('hover_source', lang)}: {source_text(r, lang)}",
    ])


# ---------------------------------------------------------------- map
def map_frames(values: pd.DataFrame, regions: pd.DataFrame, level: str, lang: str,
               geojson: dict | None = None, region_codes: dict[str, str] | None = None):
    """(labels, base, data, zones) frames for explore_charts.choropleth_map at one level."""
    geojson = geojson or geo.load()
    region_codes = region_codes if region_codes is not None else geo.codes()
    names = region_name(regions, lang)
    kinds = dict(zip(regions["key"], regions["kind"]))
    zone_ids = {k for k, kind in kinds.items() if kind in geo.ZONE_KINDS}
    owner = geo.code_to_region(region_codes, zone_ids)
    feats = geo.features(level, geojson)["features"]
    centers = geo.centers(geojson)
    by_region = {r["region_key"]: r for r in values.to_dict("records")}

    base_rows, data_rows, label_rows = [], [], []
    for f in feats:
        code = f["id"]
        region = owner.get(code)
        name = names.get(region, f["properties"]["name_zh"])
        r = by_region.get(region)
        base_rows.append({"code": code, "region": region or "", "hover": hover(name, None, lang)})
        if r is not None:
            data_rows.append({"code": code, "region": region, "value": r["value"], "hover": hover(name, r, lang)})
        lon, lat = f["properties"]["center"]
        # counties are too many (and some too small) to name them all: only those with a figure
        label_rows.append({"lon": lon, "lat": lat, "text": name if level == "city" or r is not None else "",
                           "value": r["value"] if r is not None else float("nan")})

    zone_rows, per_host = [], {}
    for zid in sorted(zone_ids):
        code = region_codes.get(zid)
        if code not in centers:
            continue
        per_host.setdefault(code, []).append(zid)
    for code, zids in per_host.items():
        lon0, lat0 = centers[code]
        host = names.get(owner.get(code), code)
        for i, zid in enumerate(zids):
            angle = 2 * math.pi * i / len(zids)
            d = ZONE_RING if len(zids) > 1 else 0.0
            r = by_region.get(zid)
            zone_rows.append({"lon": lon0 + d * math.cos(angle), "lat": lat0 + d * math.sin(angle),
                              "region": zid, "value": r["value"] if r else float("nan"),
                              "hover": hover(names.get(zid, zid), r, lang, t("zone_at", lang, host=host))})
    labels = pd.DataFrame(label_rows, columns=["lon", "lat", "text", "value"])
    # Names in white on the darker half of the colour scale, dark elsewhere (grey included).
    lo, hi = labels["value"].min(), labels["value"].max()
    share = (labels["value"] - lo) / (hi - lo) if hi > lo else labels["value"] * 0  # one value: mid-scale
    labels["colour"] = ["white" if s_ == s_ and s_ > 0.5 else "#33414e" for s_ in share]
    return (labels[["lon", "lat", "text", "colour"]],
            pd.DataFrame(base_rows, columns=["code", "region", "hover"]),
            pd.DataFrame(data_rows, columns=["code", "region", "value", "hover"]),
            pd.DataFrame(zone_rows, columns=["lon", "lat", "region", "value", "hover"]))


def drawn(values: pd.DataFrame, regions: pd.DataFrame, level: str, geojson: dict | None = None,
          region_codes: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows the map of `level` draws: regions owning a feature of that level, and zones.
    The table, the CSV and the evidence under the map are exactly these rows."""
    geojson = geojson or geo.load()
    region_codes = region_codes if region_codes is not None else geo.codes()
    zone_ids = set(regions.loc[regions["kind"].isin(geo.ZONE_KINDS), "key"])
    owner = geo.code_to_region(region_codes, zone_ids)
    shown = {owner[f["id"]] for f in geo.features(level, geojson)["features"] if f["id"] in owner}
    centers = geo.centers(geojson)
    shown |= {z for z in zone_ids if region_codes.get(z) in centers}
    return values[values["region_key"].isin(shown)]


def map_figure(values: pd.DataFrame, regions: pd.DataFrame, sel: Selection, *, level: str,
               indicator: str, kind: str, year: int, geojson: dict | None = None) -> go.Figure:
    geojson = geojson or geo.load()
    labels, base, data, zones = map_frames(values, regions, level, sel.lang, geojson)
    unit = values["unit"].iloc[0] if len(values) else None
    title = t("map_title", sel.lang, indicator=indicator, kind=kind_label(kind, sel.lang), year=year,
              level=t(f"level:{level}", sel.lang))
    selected = next((c for c, r in zip(base["code"], base["region"]) if r == sel.region_key), None)
    return explore_charts.choropleth_map(
        geo.features(level, geojson), labels=labels, base=base, data=data, zones=zones, title=title,
        source=sel.source(values["doc"]) if len(values) else "",
        colorbar_title=unit_label(unit, sel.lang, n=2, column=True) if unit else "",
        reverse=kind == "rank", selected=selected, selected_zone=sel.region_key,
        outline=geo.features("city", geojson) if level == "county" else None)


def figures_table(values: pd.DataFrame, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The rows a chart shows, for reading: region, year, figure, period, qualifier, source."""
    rows = [{t("col_region", lang): names.get(r["region_key"], r["name_zh"]),
             t("col_year", lang): int(r["year"]),
             t("col_figure", lang): fmt_figure(r["value"], r["unit"], r["qualifier"], lang,
                                               high=r.get("value_high")),
             t("col_period", lang): period_label(r["period"], lang),
             t("col_qualifier", lang): qualifier_word(r["qualifier"], lang),
             t("col_source", lang): source_text(r, lang)}
            for r in values.to_dict("records")]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- compare
def compare_figure(series: pd.DataFrame, names: dict[str, str], sel: Selection, *, indicator: str,
                   kind: str, first: int, last: int) -> go.Figure:
    rows = series.to_dict("records")
    df = pd.DataFrame({
        "region": [r["region_key"] for r in rows],
        "label": [names.get(r["region_key"], r["name_zh"]) for r in rows],
        "year": [int(r["year"]) for r in rows],
        "value": [r["value"] for r in rows],
        "text": [figure_text(r, sel.lang, with_unit=False) for r in rows],
        "hover": [hover(names.get(r["region_key"], r["name_zh"]), r, sel.lang) for r in rows]},
        columns=["region", "label", "year", "value", "text", "hover"])
    unit = series["unit"].iloc[0] if len(series) else None
    return explore_charts.compare_lines(
        df, title=t("compare_title", sel.lang, indicator=indicator, kind=kind_label(kind, sel.lang),
                    first=first, last=last),
        source=sel.source(series["doc"]), highlight=sel.region_key,
        y_title=unit_label(unit, sel.lang, n=2, column=True) if unit else "")


def league_frame(league: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The chosen kind's rows, ranked (rank figures ascending: 1 is first)."""
    rows = league[league["measure"] == kind]
    return rows.sort_values("value", ascending=kind == "rank", kind="stable")


def league_figure(rows: pd.DataFrame, names: dict[str, str], sel: Selection, *, indicator: str,
                  kind: str, year: int, highlight: set[str]) -> go.Figure:
    recs = rows.to_dict("records")
    df = pd.DataFrame({
        "region": [r["region_key"] for r in recs],
        "label": [names.get(r["region_key"], r["name_zh"]) for r in recs],
        "value": [r["value"] for r in recs],
        "text": [figure_text(r, sel.lang, with_unit=False) for r in recs],
        "hover": [hover(names.get(r["region_key"], r["name_zh"]), r, sel.lang) for r in recs]},
        columns=["region", "label", "value", "text", "hover"])
    unit = rows["unit"].iloc[0] if len(rows) else None
    return explore_charts.league_bars(
        df, title=t("league_title", sel.lang, indicator=indicator, year=year, kind=kind_label(kind, sel.lang)),
        source=sel.source(rows["doc"]), highlight=highlight,
        x_title=unit_label(unit, sel.lang, n=2, column=True) if unit else "")


def league_table(league: pd.DataFrame, names: dict[str, str], lang: str, kind: str) -> pd.DataFrame:
    """One row per region: place (by the chosen kind), level, growth, reported rank."""
    cols = {"value": t("col_level", lang), "growth": t("col_growth", lang), "rank": t("col_rank", lang)}
    order = league_frame(league, kind)["region_key"].tolist()
    others = [k for k in dict.fromkeys(league["region_key"]) if k not in order]
    out = []
    for place, key in enumerate(order + others, start=1):
        row = {t("col_place", lang): place if key in order else None,
               t("col_region", lang): names.get(key, key)}
        for measure, col in cols.items():
            hit = league[(league["region_key"] == key) & (league["measure"] == measure)]
            row[col] = figure_text(hit.iloc[0].to_dict(), lang) if len(hit) else "–"
        out.append(row)
    df = pd.DataFrame(out)
    if len(df):
        df[t("col_place", lang)] = df[t("col_place", lang)].astype("Int64")
    return df


# ---------------------------------------------------------------- export CLI
def export_figures(fetch, sel: Selection) -> dict[str, go.Figure]:
    """The Map page's default view for the selection's year (most reported indicator, city
    level), for `python -m dashboard.export`; `fetch(query, *args)` runs a query."""
    kinds = fetch(explore_sql.indicator_kinds)
    if kinds.empty:
        return {}
    indicator, kind = kinds["indicator_id"].iloc[0], kinds["kind"].iloc[0]
    regions = fetch(sql.regions)
    values, _, _ = one_unit(drawn(fetch(explore_sql.map_values, indicator, kind, sel.year), regions, "city"))
    fig = map_figure(values, regions, sel, level="city", indicator=indicator_name(kinds, indicator, sel.lang),
                     kind=kind, year=sel.year)
    return {f"map_{indicator}_{kind}_city_{sel.year}": fig}
