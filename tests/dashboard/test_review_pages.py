"""The Documents and Review pages through AppTest, on a warehouse built by the real ETL from
invented documents: uploads reach the overview without a restart, bad uploads change nothing,
rejections and corrections reach the overview and its CSV, orphans are shown."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import intake, review_sql, sql
from etl import corpus
from etl.build import build
from etl.reference import load_reference
from etl.review import ReviewStore, reapply, reviews_path_for
from tests.review.conftest import DOC_A, DOC_B

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """seeds/ with one invented document, an empty corpus, the warehouse built from both."""
    seeds, corpus_dir = tmp_path / "seeds", tmp_path / "corpus"
    seeds.mkdir()
    corpus_dir.mkdir()
    (seeds / "yangquan.txt").write_text(DOC_B, encoding="utf-8")
    db = tmp_path / "warehouse.duckdb"
    build([seeds, corpus_dir], db, load_reference(), jobs=1, cache_dir=None)
    monkeypatch.setenv("WAREHOUSE_DB", str(db))
    monkeypatch.setenv("CORPUS_DIR", str(corpus_dir))
    monkeypatch.setenv("ETL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REVIEWS_DB", raising=False)
    monkeypatch.delenv(intake.UPLOADS_SETTING, raising=False)
    return tmp_path


def open_page(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    if page:
        at.switch_page(f"views/{page}.py")
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, files: list[tuple[str, bytes, str]]) -> intake.Job:
    at.file_uploader(key="upload_files").set_value(files)
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    job = intake.wait(intake.get(at.session_state["upload_job"]))
    at.run()
    return job


def overview_metrics(**params) -> dict[str, str]:
    at = open_page(None, **params)
    return {m.label: m.value for m in at.metric}


def test_uploaded_document_is_on_the_overview_without_a_restart(site):
    at = open_page("documents")
    assert "晋城市" not in overview_metrics(region="jincheng", year="2023").__repr__()
    job = upload(at, [("晋城 年报.txt", DOC_A.encode(), "text/plain"),
                      ("sources.csv", "doc,title,url,published\n晋城 年报.txt,晋城年报,,2024-01-20\n"
                       .encode(), "text/csv")])
    assert job.state == "done" and job.intake.stored == [("晋城 年报.txt", "晋城_年报.txt")]
    successes = [s.value for s in at.success]
    assert any("晋城_年报.txt" in s and "4 个数字" in s for s in successes), successes
    # the document list shows it, dated by the sources.csv
    listed = at.dataframe[0].value
    row = listed[listed["文件名"] == "晋城_年报.txt"].iloc[0]
    assert (row["标题"], row["数字"]) == ("晋城年报", 4)
    assert row["日期依据"] == "取自文件旁的 sources.csv"

    metrics = overview_metrics(region="jincheng", year="2023")
    assert any(v.startswith("1,234.5") for v in metrics.values()), metrics

    # a later `make build` keeps it (the corpus is one of the roots)
    build([site / "seeds", site / "corpus"], site / "warehouse.duckdb", load_reference(),
          jobs=1, cache_dir=None)
    assert any(v.startswith("1,234.5")
               for v in overview_metrics(region="jincheng", year="2023").values())


@pytest.mark.parametrize("name,content,reason", [
    ("../../etc/x.txt", DOC_A.encode(), "未添加：../../etc/x.txt：文件名中含有文件夹路径"),
    ("scan.txt", bytes(range(256)) * 4, "未添加：scan.txt：不是文本文件"),
    ("huge.txt", DOC_A.encode() * 200, "未添加：huge.txt：文件大小 38.5 KB，超过每个文件 10 KB 的上限。"),
])
def test_bad_upload_gets_a_clear_message_and_changes_nothing(site, monkeypatch, name, content,
                                                             reason):
    monkeypatch.setattr(corpus, "MAX_FILE_BYTES", 10 * 1024)
    db = site / "warehouse.duckdb"
    before = db.stat().st_mtime_ns
    at = open_page("documents")
    job = upload(at, [(name, content, "text/plain")])
    assert job.state == "nothing" and job.intake.stored == []
    errors = [e.value for e in at.error]
    assert any(reason in e for e in errors), errors
    assert list((site / "corpus").iterdir()) == []
    assert db.stat().st_mtime_ns == before
    assert not (site.parent / "etc").exists()


def test_uploads_can_be_turned_off(site, monkeypatch):
    monkeypatch.setenv(intake.UPLOADS_SETTING, "off")
    at = open_page("documents", lang="en")
    assert not at.get("file_uploader")
    assert "This deployment is read-only: uploading is turned off." in [i.value for i in at.info]


def _key(db, quote_part: str) -> str:
    con = sql.connect(db)
    try:
        return con.execute("SELECT fact_key FROM facts WHERE contains(quote, ?)",
                           [quote_part]).fetchone()[0]
    finally:
        con.close()


def test_rejected_fact_leaves_the_overview_and_a_correction_reaches_it_and_the_csv(site):
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    db = site / "warehouse.duckdb"
    build([site / "seeds", site / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    growth, gdp = _key(db, "同比增长5.1%"), _key(db, "1234.5")
    assert any(v == "5.1%" for v in overview_metrics(region="jincheng", year="2023").values())

    at = open_page("review")
    at.session_state["rv_key"] = growth
    at.run()
    assert growth in " ".join(m.value for m in at.markdown)
    at.button(key="rv_reject").click().run()
    assert not at.exception
    metrics = overview_metrics(region="jincheng", year="2023")
    assert not any(v == "5.1%" for v in metrics.values()), metrics

    at.session_state["rv_key"] = gdp
    at.run()
    next(w for w in at.text_input if w.label == "数值").set_value("1300")
    next(w for w in at.text_area if w.label == "备注").set_value("更正后的数字")
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    metrics = overview_metrics(region="jincheng", year="2023")
    assert metrics.get("✔ 地区生产总值") == "1,300 亿元", metrics

    # the overview's CSV is report.tidy of the evidence of its figures: the corrected value,
    # and the value as extracted beside it
    from dashboard import report
    con = sql.connect(db)
    try:
        figures = sql.key_figures(con, "jincheng", 2023)
        tidy = report.tidy(sql.evidence(con, tuple(figures["fact_id"])), "zh")
    finally:
        con.close()
    row = tidy[tidy["indicator_id"].eq("gdp") & tidy["unit_code"].eq("亿元")].iloc[0]
    assert (row["value"], row["review_status"], row["original_value"]) == (1300.0, "corrected", 1234.5)
    assert tidy["value"].ne(5.1).all()

    # the evidence panel shows the original beside the correction
    evidence = " ".join(m.value for m in open_page(None, region="jincheng", year="2023").markdown)
    assert "已人工更正，原为 1,234.5 亿元" in evidence

    # the history has who and what
    store = ReviewStore(reviews_path_for(db))
    assert [(h["field"], h["old"], h["new"], h["who"]) for h in store.history(gdp)] == [
        ("value", "1234.5", "1300", "browser"), ("note", None, "更正后的数字", "browser")]


def test_orphaned_decision_is_shown_on_the_review_page(site):
    db = site / "warehouse.duckdb"
    store = ReviewStore(reviews_path_for(db))
    store.set("0123456789abcdef:5-9:value", {"status": "rejected"}, who="alice",
              context={"doc": "removed.txt", "quote": "某项数字100亿元"})
    reapply(db, store)
    at = open_page("review", lang="en")
    assert "1 decision whose figure cannot be found" in [e.label for e in at.expander]
    table = at.dataframe[0].value
    assert list(table["Key"]) == ["0123456789abcdef:5-9:value"]
    assert list(table["Document"]) == ["removed.txt"]


def test_review_and_documents_pages_have_no_untranslated_words(site):
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    build([site / "seeds", site / "corpus"], site / "warehouse.duckdb", load_reference(),
          jobs=1, cache_dir=None)
    for page in ("documents", "review"):
        at = open_page(page, lang="en")
        shown = " ".join([t.value for t in at.title] + [s.value for s in at.subheader]
                         + [b.label for b in at.button] + [c.value for c in at.caption
                                                           if "Document:" not in c.value])
        assert shown and not any("\u4e00" <= ch <= "\u9fff" for ch in shown), shown


def test_two_sessions_editing_one_figure_lose_nothing(site):
    """Two reviewers open the same figure; one corrects the value, the other (whose page still
    shows the old value) adds a note: both survive, both are in the history."""
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    db = site / "warehouse.duckdb"
    build([site / "seeds", site / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    gdp = _key(db, "1234.5")
    sessions = []
    for who in ("alice", "bob"):
        at = open_page("review")
        at.session_state["rv_key"] = gdp
        at.sidebar.text_input(key="rv_who").set_value(who)
        at.run()
        sessions.append(at)
    alice, bob = sessions
    next(w for w in alice.text_input if w.label == "数值").set_value("1300")
    alice.get("form_submit_button")[0].click()
    alice.run()
    next(w for w in bob.text_area if w.label == "备注").set_value("已与统计公报核对")
    bob.get("form_submit_button")[0].click()
    bob.run()
    assert not alice.exception and not bob.exception
    decision = ReviewStore(reviews_path_for(db)).decision(gdp)
    assert (decision["value"], decision["note"]) == (1300.0, "已与统计公报核对")
    history = ReviewStore(reviews_path_for(db)).history(gdp)
    assert [(h["field"], h["who"]) for h in history] == [("value", "alice"), ("note", "bob")]
    assert overview_metrics(region="jincheng", year="2023").get("✔ 地区生产总值") == "1,300 亿元"


def test_table_mode_lists_the_queue_for_editing(site):
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    db = site / "warehouse.duckdb"
    build([site / "seeds", site / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    at = open_page("review", lang="en")
    at.session_state["rv_mode"] = "table"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    editor = at.get("arrow_data_frame") or at.dataframe
    con = sql.connect(db)
    try:
        n = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    finally:
        con.close()
    assert len(editor[0].value) == n
    assert "Save the changes in the table" in [b.label for b in at.button]


def test_a_bad_value_in_the_form_is_refused_in_words_and_nothing_saved(site):
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    db = site / "warehouse.duckdb"
    build([site / "seeds", site / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    at = open_page("review")
    at.session_state["rv_key"] = _key(db, "1234.5")
    at.run()
    next(w for w in at.text_input if w.label == "数值").set_value("一千三")
    at.get("form_submit_button")[0].click()
    at.run()
    assert [e.value for e in at.error] == ["未保存：“一千三”不是有效的数值"]
    assert ReviewStore(reviews_path_for(db)).decisions() == []


def test_charts_mark_reviewed_numbers(site):
    (site / "corpus" / "jincheng.txt").write_text(DOC_A, encoding="utf-8")
    db = site / "warehouse.duckdb"
    build([site / "seeds", site / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    store = ReviewStore(reviews_path_for(db))
    store.set(_key(db, "增长6.2%"), {"status": "accepted"}, who="t")
    reapply(db, store)
    at = open_page("growth", region="jincheng", year="2023")
    spec = at.get("plotly_chart")[0].proto.spec
    assert '"6.2% ✔"' in spec.encode().decode("unicode_escape") or "6.2% \\u2714" in spec
    assert "5.1%" in spec and "5.1% ✔" not in spec.encode().decode("unicode_escape")
