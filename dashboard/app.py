"""Entry point: page configuration and routing only (`streamlit run dashboard/app.py`)."""
from pathlib import Path

import streamlit as st  # noqa: E402

from dashboard.filters import current_lang  # noqa: E402
from dashboard.i18n import t  # noqa: E402

lang = current_lang()
# The icon is a local file: a material icon as page_icon makes the browser fetch it from a font host.
ICON = str(Path(__file__).parent / "static" / "icon.png")
st.set_page_config(page_title=t("app_title", lang), page_icon=ICON, layout="wide",
                   menu_items={"Get help": None, "Report a bug": None, "About": t("app_title", lang)})
PAGES_DIR = Path(__file__).parent / "views"  # not "pages": that name turns on Streamlit's old file-based routing
st.navigation([
    st.Page(PAGES_DIR / "overview.py", title=t("overview", lang), icon=":material/dashboard:", url_path="", default=True),
    st.Page(PAGES_DIR / "growth.py", title=t("growth", lang), icon=":material/trending_up:", url_path="growth"),
    st.Page(PAGES_DIR / "pipeline.py", title=t("pipeline", lang), icon=":material/construction:", url_path="pipeline"),
    st.Page(PAGES_DIR / "targets.py", title=t("targets", lang), icon=":material/flag:", url_path="targets"),
    st.Page(PAGES_DIR / "sources.py", title=t("sources", lang), icon=":material/description:", url_path="sources"),
    st.Page(PAGES_DIR / "documents.py", title=t("page_documents", lang), icon=":material/upload_file:", url_path="documents"),
    st.Page(PAGES_DIR / "review.py", title=t("page_review", lang), icon=":material/fact_check:", url_path="review"),
    st.Page(PAGES_DIR / "map.py", title=t("map", lang), icon=":material/map:", url_path="map"),
    st.Page(PAGES_DIR / "compare.py", title=t("compare", lang), icon=":material/compare_arrows:", url_path="compare"),
]).run()
