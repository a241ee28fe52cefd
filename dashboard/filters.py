"""The sidebar filters (language, region, year), kept in the URL so a link reproduces a view.

The URL is the source of truth: every run reads `region`, `year` (and `lang`) from the query
parameters, validates them against what the warehouse has, says so when a value is unusable,
and writes the values actually shown back into the URL. Widgets only edit the URL (through
their on_change callbacks). The last selection is also kept in the session so switching pages
(which starts from a clean URL) keeps the region and year.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from . import queries as q
from . import sql
from .i18n import t
from .report import Selection

OTHER = "__other__"  # parent of regions outside the gazetteer


# ---------------------------------------------------------------- pure helpers (unit-tested)
def region_tree_order(regions: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    """Regions with data in gazetteer order (province → cities → districts/zones) → label.

    A label is the name, the other-language name and at most two aliases (the selectbox
    searches labels, so 小店区, Xiaodian or an alias all find it) and, for a region below
    another, "— parent" instead of a tree indentation (the selected value reads cleanly).
    """
    rows = {r["key"]: r for r in regions.to_dict("records")}
    children: dict[str | None, list[str]] = {}
    for key, r in rows.items():
        parent = r["parent_id"] if isinstance(r["parent_id"], str) and r["parent_id"] in rows else None
        if not isinstance(r["id"], str):
            parent = OTHER
        children.setdefault(parent, []).append(key)
    has_data = {k for k, r in rows.items() if r["n_facts"] > 0 or r.get("n_targets", 0) > 0}
    out: dict[str, str] = {}

    def name(r) -> str:
        return r["name_en"] if lang == "en" and isinstance(r["name_en"], str) else r["name_zh"]

    def walk(key: str, parent: str | None) -> None:
        r = rows[key]
        if key in has_data:
            other = r["name_zh"] if lang == "en" else r["name_en"]
            extras = list(dict.fromkeys(
                x for x in [other, *str(r["aliases"] or "").split("|")[:2]]
                if isinstance(x, str) and x and x != name(r)))
            label = name(r) + ((" · " + " · ".join(extras)) if extras else "")
            if parent is not None:
                label += f" — {name(rows[parent])}"
            out[key] = label
        for child in sorted(children.get(key, []), key=lambda k: (rows[k]["kind"] or "", k)):
            walk(child, key)

    for root in sorted(children.get(None, [])):
        walk(root, None)
    for key in sorted(children.get(OTHER, [])):
        if key in has_data:
            out[key] = f"{rows[key]['name_zh']} — {t('other_regions', lang)}"
    return out


def resolve_region(value: str, regions: pd.DataFrame) -> str | None:
    """A region key from a URL value: the id, else a Chinese/English name or alias."""
    value = value.strip()
    if value in set(regions["key"]):
        return value
    for r in regions.to_dict("records"):
        names = [r["name_zh"], r["name_en"], *str(r["aliases"] or "").split("|")]
        if any(isinstance(n, str) and n.lower() == value.lower() for n in names):
            return r["key"]
    return None


def nearest_year(wanted: int, years: list[int]) -> int:
    """The available year closest to the one asked for (the later one on a tie)."""
    return min(years, key=lambda y: (abs(y - wanted), -y))


# ---------------------------------------------------------------- Streamlit side
def current_lang() -> str:
    """The link's `lang` when it has one, else the session's (page switches drop the URL)."""
    if "lang" in st.query_params:
        return "en" if st.query_params.get("lang") == "en" else "zh"
    return "en" if st.session_state.get("lang_en") else "zh"


def _set_param(name: str, value: str | None) -> None:
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def _on_region_change() -> None:
    _set_param("region", st.session_state["flt_region"])


def _on_year_change() -> None:
    _set_param("year", str(st.session_state["flt_year"]))


def _on_lang_change() -> None:
    _set_param("lang", "en" if st.session_state["lang_en"] else None)


def sidebar_selection(with_targets: bool = False) -> Selection:
    """Draw the filters, validate the URL, and return the selection every page shows.

    Years offered are those with actual figures; with `with_targets` (the Targets page) also
    those that hold only targets (a plan year).
    """
    lang = current_lang()
    st.session_state["lang_en"] = lang == "en"
    st.sidebar.toggle(t("english", lang), key="lang_en", on_change=_on_lang_change)
    try:
        regions = q.run(sql.regions)
    except q.WarehouseMissing as missing:
        st.error(t("missing_db", lang, path=str(missing)))
        st.stop()
    if q.run(sql.schema_version) < q.NEEDED_SCHEMA:
        st.error(t("old_schema", lang, path=str(q.warehouse_path())))
        st.stop()
    labels = region_tree_order(regions, lang)
    if not labels:
        st.warning(t("empty_db", lang))
        st.stop()
    with_data = regions[regions["key"].isin(labels.keys())]
    default = st.session_state.get("sel_region")
    if default not in labels:
        default = with_data.sort_values("n_facts", ascending=False)["key"].iloc[0]
    raw_region = st.query_params.get("region")
    region = default
    if raw_region is not None:
        found = resolve_region(raw_region, with_data)
        if found is None:
            st.warning(t("bad_region", lang, value=raw_region, shown=_short(labels[default])))
        region = found or default
    name = with_data.set_index("key").loc[region]
    label = name["name_en"] if lang == "en" and isinstance(name["name_en"], str) else name["name_zh"]

    counts = q.run(sql.region_years, region)
    usable = counts["n_facts"] > 0
    if with_targets or not usable.any():
        usable = usable | (counts["n_targets"] > 0)
    years = [int(y) for y in counts.loc[usable, "year"]]
    year = st.session_state.get("sel_year")
    if year not in years:
        actual_years = [int(y) for y in counts.loc[counts["n_facts"] > 0, "year"]] or years
        year = actual_years[-1]
    raw_year = st.query_params.get("year")
    if raw_year is not None:
        try:
            wanted = int(raw_year)
        except ValueError:
            st.warning(t("bad_year", lang, value=raw_year, shown=year))
        else:
            year = nearest_year(wanted, years)
            if wanted not in years:
                st.info(t("no_year", lang, region=label, year=wanted,
                          years=", ".join(map(str, years)), shown=year))

    # Widgets show the resolved values; their callbacks write the URL before the next rerun.
    st.session_state["flt_region"] = region
    st.sidebar.selectbox(t("region", lang), list(labels), format_func=labels.get,
                         key="flt_region", on_change=_on_region_change, filter_mode="contains",
                         help=t("region_search_help", lang))
    st.session_state["flt_year"] = year
    st.sidebar.selectbox(t("year", lang), years[::-1], key="flt_year", on_change=_on_year_change)
    _set_param("region", region)
    _set_param("year", str(year))
    _set_param("lang", "en" if lang == "en" else None)
    st.session_state["sel_region"], st.session_state["sel_year"] = region, year

    docs = q.run(sql.documents, None)
    return Selection(region, label, year, lang, dict(zip(docs["doc"], docs["title"])))


def _short(label: str) -> str:
    return label.split(" · ")[0].split(" — ")[0]


def _on_as_of_change() -> None:
    _set_param("asof", st.session_state["flt_as_of"].isoformat())


def as_of_date() -> dt.date:
    """The date target statuses are computed for: the link's `asof`, else today; shown and
    editable in the sidebar, and written back into the URL so a link reproduces the status."""
    lang = current_lang()
    raw = st.query_params.get("asof")
    day = dt.date.today()
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            st.warning(t("bad_date", lang, value=raw, shown=day.isoformat()))
    st.session_state["flt_as_of"] = day
    st.sidebar.date_input(t("as_of_input", lang), key="flt_as_of", on_change=_on_as_of_change,
                          format="YYYY-MM-DD")
    if raw:
        _set_param("asof", day.isoformat())
    return day
