"""Documents: every document in the warehouse, and adding new ones from the browser."""
import math

import streamlit as st

from dashboard import intake, review_sql, review_ui, sql
from dashboard.i18n import date_rule_label, fmt_date, has, t
from etl import corpus

lang = review_ui.page_lang()
review_ui.require_warehouse(lang)


def upload_messages(job: intake.Job) -> None:
    """Per-file outcome of an upload, in words."""
    for given, message in job.intake.refused:
        code, params = job.intake.reasons.get(given, ("other", {"name": given}))
        key = f"refused:{code}" if has(f"refused:{code}") else "refused:other"
        st.error(t("upload_refused", lang, message=t(key, lang, **{"name": given, **params})),
                 icon=":material/block:")
    for given, existing in job.intake.existing:
        st.info(t("upload_existing", lang, given=given, name=existing))
    for doc in job.intake.ignored_rows:
        st.info(t("upload_row_ignored", lang, doc=doc))
    if job.intake.sources_rows:
        st.caption(t("upload_sources_rows", lang, n=job.intake.sources_rows))
    if job.state == "failed":
        st.error(t("upload_failed", lang, error=job.error))
    for given, name in job.intake.stored:
        r = job.results.get(name)
        stored = (t("upload_stored", lang, name=name) if given == name
                  else t("upload_renamed", lang, name=name, given=given))
        if r is None:
            st.write(stored)
        elif r["loaded"]:
            st.success(f"{stored} · " + t("upload_result", lang, name=name, facts=r["facts"],
                                          projects=r["projects"], policies=r["policies"]),
                       icon=":material/check_circle:")
        else:
            st.error(t("upload_result_error", lang, name=name,
                       error="; ".join(r["errors"]) or "?"))


@st.fragment(run_every=1.0)
def follow(job_id: str) -> None:
    """Progress of a running upload, refreshed every second; a full rerun once it is over,
    so the list below and the other pages' menus show the new documents."""
    job = intake.get(job_id)
    if job is None:
        return
    if job.state in ("queued", "building"):
        total = max(job.total, 1)
        st.progress(min(job.done / total, 1.0),
                    text=(t("upload_building", lang, done=job.done, total=job.total)
                          if job.state == "building" else t("upload_queued", lang)))
    else:
        st.rerun()


st.title(t("page_documents", lang))

st.subheader(t("upload_heading", lang))
if not intake.uploads_enabled():
    st.info(t("upload_off", lang), icon=":material/lock:")
else:
    with st.form("upload_form", clear_on_submit=True):
        uploaded = st.file_uploader(
            t("upload_label", lang), accept_multiple_files=True, key="upload_files",
            # the drop zone then states our limit; corpus.check_document still checks exactly
            max_upload_size=max(1, math.ceil(corpus.MAX_FILE_BYTES / 1024 / 1024)))
        st.caption(t("upload_help", lang, mb=f"{corpus.MAX_FILE_BYTES / 1024 / 1024:g}",
                     n=corpus.MAX_FILES))
        submitted = st.form_submit_button(t("upload_button", lang), icon=":material/upload:",
                                          type="primary")
    if submitted:
        if not uploaded:
            st.warning(t("upload_nothing", lang))
        else:
            # The name is only a label here: corpus.safe_name refuses any path in it.
            files = [(f.name, f.getvalue()) for f in uploaded
                     if f.name.lower() != corpus.SOURCES_CSV]
            sources = next(((f.name, f.getvalue()) for f in uploaded
                            if f.name.lower() == corpus.SOURCES_CSV), None)
            job = intake.start(files, sources, sql.warehouse_path())
            st.session_state["upload_job"] = job.id
    job = intake.get(st.session_state.get("upload_job"))
    if job is not None:
        if job.state in ("queued", "building"):
            follow(job.id)
        elif job.state == "done":
            st.success(t("upload_done", lang), icon=":material/done_all:")
        upload_messages(job)

docs = review_ui.read(review_sql.document_list)
st.subheader(t("documents_title", lang, n=len(docs)))


def type_label(code) -> str:
    key = f"doctype:{code}"
    return t(key, lang) if has(key) else t("doctype:?", lang)


table = docs.assign(
    published=[fmt_date(d, lang) if d == d and d is not None else "" for d in docs["published"]],
    date_rule=[date_rule_label(r, lang) for r in docs["date_rule"]],
    doc_type=[type_label(c) for c in docs["doc_type"]],
    region_name=[en if lang == "en" and isinstance(en, str) else zh
                 for zh, en in zip(docs["region_name"], docs["region_en"])],
)[["title", "doc", "published", "date_rule", "region_name", "doc_type", "n_facts", "n_projects",
   "n_policies", "problems"]].rename(columns={
    "title": t("doc_col_title", lang), "doc": t("doc_col_file", lang),
    "published": t("doc_col_date", lang), "date_rule": t("doc_col_date_rule", lang),
    "region_name": t("doc_col_region", lang), "doc_type": t("doc_col_type", lang),
    "n_facts": t("doc_col_facts", lang), "n_projects": t("doc_col_projects", lang),
    "n_policies": t("doc_col_policies", lang), "problems": t("doc_col_problems", lang)})
st.dataframe(table, hide_index=True, key="documents_table",
             height=min(35 * (len(table) + 1) + 3, 640))

failed = review_ui.read(review_sql.failed_files)
if not failed.empty:
    st.subheader(t("doc_failed", lang))
    st.dataframe(failed.rename(columns={"path": t("doc_failed_col_file", lang),
                                        "message": t("doc_failed_col_message", lang)}),
                 hide_index=True, key="failed_table")
