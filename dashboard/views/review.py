"""Review: the facts that need a person, most doubtful first; accept, reject or correct them.

Decisions go to the decision store (etl.review) and are re-applied to the warehouse at once, so
every page shows the corrected value (and no rejected figure) on its next run. Several reviewers
can work at once: the store merges field by field and keeps every change in the history.
"""
import streamlit as st

from dashboard import review_sql, review_ui, sql
from dashboard.review_edits import table_changes
from dashboard.i18n import (date_rule_label, rule_label, fmt_date, fmt_figure, has, kind_label,
                            period_label, t)
from dashboard.report import highlight
from etl.review import InvalidValue, Vocabulary, parse, reapply
from etl.review.cli import ReviewError, decide
from etl.review.fields import KINDS, QUALIFIERS

QUEUE_LIMIT = 500
STATUSES = ("unreviewed", "accepted", "corrected", "rejected", "orphaned")
PERIODS = ["FY", "H1", "H2", "Q1", "Q2", "Q3", "Q4", "CUM"] + [f"YTD-{m:02d}" for m in range(1, 13)] \
    + [f"M-{m:02d}" for m in range(2, 13)]   # M-01 is YTD-01

lang = review_ui.page_lang()
review_ui.require_warehouse(lang)
store = review_ui.store()
db_path = sql.warehouse_path()
who = st.sidebar.text_input(t("rv_reviewer", lang), key="rv_who",
                            help=t("rv_reviewer_help", lang)).strip() or "browser"

st.title(t("review_title", lang))
counts = review_ui.read(review_sql.review_counts)
if not counts:       # built before reviews existed: no keys to hang a decision on
    st.warning(t("rv_old_warehouse", lang))
    st.stop()
def _new_queue() -> None:
    st.session_state.pop("rv_key", None)     # another queue: start at its most doubtful fact


status = st.segmented_control(
    t("rv_status_filter", lang), STATUSES, default="unreviewed", key="rv_status",
    on_change=_new_queue,
    format_func=lambda s: f"{t(f'rv_status:{s}', lang)} ({counts.get(s, 0)})") or "unreviewed"

regions_df, indicators_df = review_ui.read(review_sql.vocabulary)
vocab = Vocabulary.from_frames(regions_df, indicators_df)
region_names = dict(zip(regions_df["id"], regions_df["name_en" if lang == "en" else "name_zh"]))
indicator_names = dict(zip(indicators_df["id"],
                           indicators_df["name_en" if lang == "en" else "name_zh"]))


def region_label(region_id, region_name) -> str:
    return region_names.get(region_id) or str(region_name)


def problem_text(exc: Exception) -> str:
    """A refused value in the reader's language (the field and what was typed)."""
    if isinstance(exc, InvalidValue) and exc.field and has(f"rv_field:{exc.field}"):
        return t("rv_bad_value", lang, field=t(f"rv_field:{exc.field}", lang), value=exc.value)
    return str(exc)


def save(key: str, changes: dict, clear=()) -> None:
    try:
        decide(db_path, store, key, changes, clear=clear, who=who)
    except (InvalidValue, ReviewError) as exc:
        st.session_state["rv_message"] = ("error", t("rv_invalid", lang, message=problem_text(exc)))
    else:
        st.session_state["rv_message"] = ("ok", t("rv_saved", lang))


def show_message() -> None:
    kind, text = st.session_state.pop("rv_message", (None, None))
    if kind == "ok":
        st.toast(text, icon=":material/check:")
    elif kind == "error":
        st.error(text)


show_message()

# ------------------------------------------------------------------ decisions whose fact is gone
orphans = review_ui.read(review_sql.orphans)
if not orphans.empty:
    with st.expander(t("rv_orphans", lang, n=len(orphans)), expanded=status == "orphaned",
                     icon=":material/link_off:"):
        st.caption(t("rv_orphans_help", lang))
        st.dataframe(orphans[["fact_key", "status", "doc", "quote", "original_value",
                              "original_unit", "note", "updated_by", "updated_at"]].rename(columns={
            "fact_key": t("rv_col_key", lang), "status": t("rv_col_decision", lang),
            "doc": t("rv_col_doc", lang), "quote": t("rv_col_quote", lang),
            "original_value": t("rv_col_value", lang), "original_unit": t("rv_col_unit", lang),
            "note": t("rv_col_note", lang), "updated_by": t("rv_reviewer", lang),
            "updated_at": t("rv_col_updated", lang)}), hide_index=True, key="rv_orphans_table")
if status == "orphaned":
    if orphans.empty:
        st.info(t("rv_queue_empty", lang))
    st.stop()

# ------------------------------------------------------------------ the queue
region_keys = ["*"] + [r for r in regions_df["id"]]
region_filter = st.sidebar.selectbox(
    t("rv_region_filter", lang), region_keys, key="rv_region", on_change=_new_queue,
    format_func=lambda k: t("rv_all_regions", lang) if k == "*" else region_names.get(k, k))
queue = review_ui.read(review_sql.review_queue, status,
                       None if region_filter == "*" else region_filter, QUEUE_LIMIT)
mode = st.segmented_control(t("rv_mode", lang), ["one", "table"], default="one", key="rv_mode", bind="query-params",
                            format_func=lambda m: t(f"rv_mode_{m}", lang)) or "one"
if queue.empty:
    st.info(t("rv_queue_empty", lang))
    st.stop()
st.caption(t("rv_queue_count", lang, n=len(queue)))


def reasons(r) -> list[str]:
    out = []
    if r["low_confidence"]:
        out.append(t("rv_reason:low_confidence", lang, pct=round(100 * (r["confidence"] or 0))))
    for flag in ("conflict", "fallback_date", "inferred_region", "no_indicator"):
        if r[flag]:
            out.append(t(f"rv_reason:{flag}", lang))
    return out


def one_at_a_time() -> None:
    """The fact shown is remembered by key, not position: when another reviewer's decision
    moves it out of this queue, this reviewer keeps it (and their unsaved edits) on screen."""
    keys = list(queue["fact_key"])
    n = len(keys)
    current = st.session_state.get("rv_key")
    if current in keys:
        i = keys.index(current)
        r = queue.iloc[i]
    else:
        pinned = review_ui.read(review_sql.review_queue, None, None, 1, current) \
            if current else None
        if pinned is not None and not pinned.empty:
            i, r = None, pinned.iloc[0]
            st.info(t("rv_elsewhere", lang, status=t(f"rv_status:{r['review_status']}", lang)))
        else:
            i, r = 0, queue.iloc[0]
    key = r["fact_key"]
    st.session_state["rv_key"] = key
    following = keys[i + 1] if i is not None and i + 1 < n else (keys[0] if i is None else None)
    left, mid, right = st.columns([1, 2, 1])
    if left.button(t("rv_prev", lang), key="rv_prev", disabled=not i, shortcut="p",
                   icon=":material/arrow_back:"):
        st.session_state["rv_key"] = keys[i - 1]
        st.rerun()
    position = t("rv_position", lang, i=i + 1, n=n) if i is not None else t("rv_queue_count", lang, n=n)
    mid.markdown(f"**{position}** · `{key}`")
    if right.button(t("rv_next", lang), key="rv_next", disabled=following is None, shortcut="n",
                    icon=":material/arrow_forward:"):
        st.session_state["rv_key"] = following
        st.rerun()

    def decided() -> None:
        # a decision takes the fact out of this queue: go on with the next one
        if following is not None and r["review_status"] == status:
            st.session_state["rv_key"] = following

    with st.container(border=True):
        figure = fmt_figure(r["value"], r["unit"], r["qualifier"], lang, high=r["value_high"],
                            raw_number=r["raw_number"])
        label = indicator_names.get(r["indicator_id"]) or (
            f"{r['indicator_name']}{t('label_only', lang) if lang == 'en' else ''}"
            if isinstance(r["indicator_name"], str) else t("rv_none", lang))
        st.metric(f"{region_label(r['region_id'], r['region_name'])} · {label} · "
                  f"{r['year'] if r['year'] == r['year'] else ''} · "
                  f"{period_label(r['period'], lang)} · {kind_label(r['kind'], lang)}", figure)
        if r["original_value"] == r["original_value"] and r["original_value"] is not None:
            st.caption(t("rv_original", lang, value=fmt_figure(r["original_value"],
                                                               r["original_unit"], None, lang)))
        st.markdown(f"> {highlight(r['sentence'], r['quote'], r['raw_number'])}",
                    unsafe_allow_html=True)
        st.caption(t("rv_document", lang, title=r["title"] or r["doc"],
                     date=fmt_date(r["published"], lang) if r["published"] == r["published"]
                     and r["published"] is not None else "–",
                     rule=date_rule_label(r["date_rule"], lang)))
        why = reasons(r)
        if why:
            st.markdown(f"**{t('rv_why_doubtful', lang)}**: " + t("list_sep", lang).join(why))
        rules = [t(f"rv_rule_{part}", lang, rule=rule_label(r[f"{part}_rule"], lang))
                 for part in ("kind", "region", "time") if isinstance(r[f"{part}_rule"], str)]
        if rules:
            st.caption(f"{t('rv_how_decided', lang)}: " + t("list_sep", lang).join(rules))
        st.caption(t("rv_current_status", lang, status=t(f"rv_status:{r['review_status']}", lang)))

    a, b = st.columns(2)
    if a.button(t("rv_accept", lang), key="rv_accept", type="primary", shortcut="a",
                icon=":material/check:", disabled=r["review_status"] == "accepted"):
        save(key, {"status": "accepted"})
        decided()
        st.rerun()
    if b.button(t("rv_reject", lang), key="rv_reject", shortcut="x", icon=":material/close:",
                disabled=r["review_status"] == "rejected"):
        save(key, {"status": "rejected"})
        decided()
        st.rerun()

    with st.form(f"rv_form_{key}"):
        st.markdown(f"**{t('rv_edit', lang)}**")
        c1, c2, c3 = st.columns(3)
        value = c1.text_input(t("rv_col_value", lang), value=f"{r['value']:g}")
        unit = c2.text_input(t("rv_col_unit", lang), value=r["unit"] or "")
        qualifiers = list(QUALIFIERS)
        qualifier = c3.selectbox(t("rv_col_qualifier", lang), qualifiers,
                                 index=qualifiers.index(r["qualifier"]) if r["qualifier"] in qualifiers else 0,
                                 format_func=lambda q: t(f"qualword:{q}", lang) if has(f"qualword:{q}") else q)
        c4, c5, c6 = st.columns(3)
        region_options = list(region_names)
        region = c4.selectbox(t("rv_col_region", lang), region_options,
                              index=region_options.index(r["region_id"]) if r["region_id"] in region_names else None,
                              format_func=region_names.get, placeholder=str(r["region_name"]))
        year = c5.text_input(t("rv_col_year", lang),
                             value=str(int(r["year"])) if r["year"] == r["year"] and r["year"] is not None else "")
        periods = PERIODS if r["period"] in PERIODS else PERIODS + [r["period"]]
        period = c6.selectbox(t("rv_col_period", lang), periods, index=periods.index(r["period"]),
                              format_func=lambda p: period_label(p, lang))
        c7, c8 = st.columns(2)
        kinds = list(KINDS)
        kind = c7.selectbox(t("rv_col_kind", lang), kinds,
                            index=kinds.index(r["kind"]) if r["kind"] in kinds else 0,
                            format_func=lambda k: kind_label(k, lang))
        indicator_options = list(indicator_names)
        indicator = c8.selectbox(t("rv_col_indicator", lang), indicator_options,
                                 index=indicator_options.index(r["indicator_id"])
                                 if r["indicator_id"] in indicator_names else None,
                                 format_func=indicator_names.get,
                                 placeholder=str(r["indicator_name"] or t("rv_none", lang)))
        note = st.text_area(t("rv_note", lang), value=r["note"] if isinstance(r["note"], str) else "")
        if st.form_submit_button(t("rv_save", lang), icon=":material/save:"):
            typed = {"value": value, "unit": unit, "qualifier": qualifier, "region_id": region,
                     "year": year, "period": period, "kind": kind, "indicator_id": indicator}
            current = {"value": r["value"], "unit": r["unit"], "qualifier": r["qualifier"],
                       "region_id": r["region_id"], "year": r["year"], "period": r["period"],
                       "kind": r["kind"], "indicator_id": r["indicator_id"]}
            try:
                changes = {}
                for field, text in typed.items():
                    if text in (None, ""):
                        continue
                    parsed = parse(field, text, vocab)
                    if parsed != current[field]:
                        changes[field] = parsed
                if note.strip() != (r["note"] if isinstance(r["note"], str) else ""):
                    changes["note"] = note.strip()
            except InvalidValue as exc:
                st.session_state["rv_message"] = ("error", t("rv_invalid", lang,
                                                             message=problem_text(exc)))
            else:
                if changes:
                    save(key, changes)
                    decided()
            st.rerun()

    history = store.history(key)
    with st.expander(t("rv_history", lang), icon=":material/history:"):
        if not history:
            st.caption(t("rv_no_history", lang))
        for h in history:
            st.caption(t("rv_history_line", lang, at=h["at"], who=h["who"],
                         field=t(f"rv_field:{h['field']}", lang),
                         old=h["old"] if h["old"] is not None else "–",
                         new=h["new"] if h["new"] is not None else "–"))


def as_table() -> None:
    """The queue as an editable table: change cells, then save all changes at once."""
    decisions = ["", "accepted", "rejected"]
    shown = queue[["fact_key", "quote", "region_id", "year", "period", "kind", "indicator_id",
                   "value", "unit", "qualifier", "note"]].copy()
    shown.insert(1, "decision", "")
    shown["note"] = shown["note"].fillna("")
    edited = st.data_editor(
        shown, hide_index=True, key="rv_table", disabled=["fact_key", "quote"],
        column_config={
            "fact_key": st.column_config.TextColumn(t("rv_col_key", lang)),
            "decision": st.column_config.SelectboxColumn(
                t("rv_col_decision", lang), options=decisions,
                format_func=lambda d: t(f"rv_status:{d}", lang) if d else t("rv_decision:none", lang)),
            "quote": st.column_config.TextColumn(t("rv_col_quote", lang)),
            "region_id": st.column_config.SelectboxColumn(
                t("rv_col_region", lang), options=list(region_names), format_func=region_names.get),
            "year": st.column_config.NumberColumn(t("rv_col_year", lang), format="%d"),
            "period": st.column_config.SelectboxColumn(t("rv_col_period", lang), options=PERIODS),
            "kind": st.column_config.SelectboxColumn(t("rv_col_kind", lang), options=list(KINDS),
                                                     format_func=lambda k: kind_label(k, lang)),
            "indicator_id": st.column_config.SelectboxColumn(
                t("rv_col_indicator", lang), options=list(indicator_names),
                format_func=indicator_names.get),
            "value": st.column_config.NumberColumn(t("rv_col_value", lang)),
            "unit": st.column_config.TextColumn(t("rv_col_unit", lang)),
            "qualifier": st.column_config.SelectboxColumn(t("rv_col_qualifier", lang),
                                                          options=list(QUALIFIERS)),
            "note": st.column_config.TextColumn(t("rv_col_note", lang)),
        })
    if st.button(t("rv_save_table", lang), key="rv_save_table", type="primary",
                 icon=":material/save:", shortcut="ctrl+s"):
        decisions, problems = table_changes(shown, edited, vocab)
        for key, changes in decisions:
            decide(db_path, store, key, changes, who=who, apply=False)
        saved = len(decisions)
        if saved:
            reapply(db_path, store)
        st.session_state["rv_message"] = (
            ("error", t("rv_invalid", lang, message=t("list_sep", lang).join(
                f"{key}: {problem_text(exc)}" for key, exc in problems))) if problems
            else ("ok", t("rv_saved", lang)))
        st.rerun()


if mode == "table":
    as_table()
else:
    one_at_a_time()
