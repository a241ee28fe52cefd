"""Uploading and reviewing in a real browser (Debian's chromium via Playwright), against a
warehouse the real ETL built from invented documents, with the app started as `make run` does.

An uploaded file reaches the overview without a restart; a name with a folder in it is refused
in words and nothing is stored; a figure rejected on the Review page leaves the overview.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.reference import load_reference
from tests.browser.conftest import running_app
from tests.browser.test_browser import SCREENSHOTS, open_app, wait_idle
from tests.review.conftest import DOC_A, DOC_B

ROOT = Path(__file__).resolve().parents[2]
UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("upload")
    (base / "seeds").mkdir()
    (base / "corpus").mkdir()
    (base / "seeds" / "yangquan.txt").write_text(DOC_B, encoding="utf-8")
    db = base / "warehouse.duckdb"
    build([base / "seeds", base / "corpus"], db, load_reference(), jobs=1, cache_dir=None)
    with running_app(db, base / "streamlit.log", CORPUS_DIR=base / "corpus",
                     ETL_CACHE_DIR=base / "cache", REVIEWS_DB=None, DASHBOARD_UPLOADS=None) as url:
        yield url, base


def upload(page, url, files) -> None:
    page.goto(f"{url}/documents")
    wait_idle(page)
    page.locator(UPLOAD_INPUT).set_input_files(files)
    page.get_by_role("button", name="添加并提取").click()


def metric_values(page) -> list[str]:
    return page.locator('[data-testid="stMetricValue"]').all_inner_texts()


def test_upload_reaches_the_overview_and_a_rejection_leaves_it(site, browser):
    url, base = site
    SCREENSHOTS.mkdir(exist_ok=True)
    context, page = open_app(browser)
    try:
        upload(page, url, [{"name": "晋城年报.txt", "mimeType": "text/plain",
                            "buffer": DOC_A.encode("utf-8")}])
        page.get_by_text("完成：新文件已加入所有页面。").wait_for(timeout=90_000)
        assert page.get_by_text("晋城年报.txt · 晋城年报.txt：4 个数字").count() == 1
        page.screenshot(path=SCREENSHOTS / "documents_upload.png", full_page=True)
        assert (base / "corpus" / "晋城年报.txt").read_text(encoding="utf-8") == DOC_A

        # the other pages know the new region at once: no restart
        page.goto(f"{url}/?region=jincheng&year=2023")
        wait_idle(page)
        assert page.get_by_role("heading", name="晋城市 · 2023").is_visible()
        assert "5.1%" in metric_values(page)
        assert any(v.startswith("1,234.5") for v in metric_values(page))

        # reject the growth figure on the Review page: it leaves the overview
        con = duckdb.connect()
        con.execute("ATTACH ? AS w (READ_ONLY)", [str(base / "warehouse.duckdb")])
        key = con.execute("SELECT fact_key FROM w.facts WHERE contains(quote, '同比增长5.1%')"
                          ).fetchone()[0]
        con.close()
        page.goto(f"{url}/review")
        wait_idle(page)
        for _ in range(20):                      # step through the queue to that figure
            if page.get_by_text(key).count():
                break
            page.get_by_role("button", name="下一条").click()
            wait_idle(page)
        assert page.get_by_text(key).count() == 1
        page.get_by_role("button", name="不是数字，排除").click()
        wait_idle(page)
        page.goto(f"{url}/?region=jincheng&year=2023")
        wait_idle(page)
        assert "5.1%" not in metric_values(page)
        assert any(v.startswith("1,234.5") for v in metric_values(page))
    finally:
        context.close()


def test_a_name_with_a_folder_is_refused_in_words(site, browser):
    url, base = site
    before = sorted(p.name for p in (base / "corpus").iterdir())
    context, page = open_app(browser)
    try:
        upload(page, url, [{"name": "../../etc/x.txt", "mimeType": "text/plain",
                            "buffer": DOC_A.encode("utf-8")}])
        alert = page.locator('[data-testid="stAlertContentError"]')
        alert.first.wait_for(timeout=30_000)
        text = alert.first.inner_text()
        assert "x.txt" in text and "文件名中含有文件夹路径" in text, text
        assert sorted(p.name for p in (base / "corpus").iterdir()) == before
        assert not (base.parent / "etc").exists()
    finally:
        context.close()
