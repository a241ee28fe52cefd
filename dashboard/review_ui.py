"""What the Documents and Review pages share: the language switch, fresh warehouse reads,
and the decision store next to the warehouse the app shows.

These pages read without the query cache: right after an upload or a decision the warehouse
file has just been replaced, and a reviewer must see the state they just created.
"""
from __future__ import annotations

from contextlib import closing

import streamlit as st

from etl.review import ReviewStore, reviews_path_for

from . import filters, sql
from .i18n import t


def page_lang() -> str:
    """The sidebar's English switch (same key and URL parameter as the other pages)."""
    lang = filters.current_lang()
    st.session_state["lang_en"] = lang == "en"
    st.sidebar.toggle(t("english", lang), key="lang_en", on_change=filters._on_lang_change)
    return lang


def read(query, *args):
    """`query(con, *args)` (a function of review_sql or sql) on the warehouse as it is now."""
    with closing(sql.connect(sql.warehouse_path())) as con:
        return query(con, *args)


def require_warehouse(lang: str) -> None:
    if not sql.warehouse_path().is_file():
        st.error(t("missing_db", lang, path=str(sql.warehouse_path())))
        st.stop()


def store() -> ReviewStore:
    return ReviewStore(reviews_path_for(sql.warehouse_path()))
