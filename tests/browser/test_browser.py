"""The real app in a real browser: Debian's chromium driven by Playwright (never a downloaded one).

Starts `streamlit run dashboard/app.py` on a free port against the synthetic test warehouse
(from the repository root, so .streamlit/config.toml applies, as with `make run`), opens deep
links, changes the region through the sidebar, switches page, downloads a chart PNG (plotly's
camera button and the server-side button) and a CSV, and reads every page's text as a user
sees it. Screenshots go to tests/browser/screenshots/ (git-ignored) for a human to look at.
"""
from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]

import duckdb
import pandas as pd

from etl.warehouse.load import build_warehouse
from tests.browser.conftest import running_app
from tests.dashboard.factory import DOCS, make_content

SCREENSHOTS = Path(__file__).parent / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PLOT = '[data-testid="stPlotlyChart"] .main-svg'


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    return build_warehouse(make_content(), tmp_path_factory.mktemp("browser") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def app_url(warehouse, tmp_path_factory):
    with running_app(warehouse, tmp_path_factory.getbasetemp() / "streamlit.log") as url:
        yield url


def assert_real_png(data: bytes, min_size: tuple[int, int] = (400, 250)) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    image = Image.open(io.BytesIO(data)).convert("RGB")
    assert image.width >= min_size[0] and image.height >= min_size[1], image.size
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is None or len(colours) > 10, "the PNG is blank (a single colour or nearly)"
    # A plotly_white chart is mostly white; an all-dark image means a broken template.
    assert sum(image.convert("L").resize((64, 64)).getdata()) / 4096 > 128, "image mostly dark"
    return image


def wait_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(300)  # a rerun can start right after the first one finishes
    page.wait_for_selector(IDLE, timeout=30_000)


def page_text(page) -> str:
    """What a reader sees: the page's text with every expander opened, chart text included."""
    for summary in page.locator('[data-testid="stExpander"] summary').all():
        summary.click()
    page.wait_for_timeout(300)
    main = page.locator('[data-testid="stMain"]').inner_text()
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    svg = page.evaluate("() => [...document.querySelectorAll('.main-svg text')].map(t => t.textContent).join('\\n')")
    return "\n".join([main, sidebar, svg])


def source_texts(warehouse) -> list[str]:
    """Sentences, quotes and document titles: these stay Chinese in English mode."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("SELECT sentence FROM facts UNION SELECT quote FROM facts "
                           "UNION SELECT sentence FROM projects UNION SELECT name FROM projects "
                           "UNION SELECT sentence FROM policies UNION SELECT title FROM policies "
                           "UNION SELECT title FROM documents").fetchall()
    finally:
        con.close()
    return sorted((r[0] for r in rows if r[0]), key=len, reverse=True)


def open_app(browser, **kw):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, **kw)
    return context, context.new_page()


PAGES = [  # (path, query, what the tab title names)
    ("/", "region=xiaodian&year=2024", "2024"),
    ("/growth", "region=taiyuan&year=2024", "2024"),
    ("/pipeline", "region=jinzhong_dev_zone&year=2022", "2022"),
    ("/targets", "region=xiaodian&year=2025&asof=2025-02-01", "2025"),
    ("/targets", "region=taiyuan&year=2024&asof=2024-07-01", "2024"),
    ("/sources", "region=xiaodian&year=2021", "2021"),
]
FILE_IDS = [d[0] for d in DOCS] + [d[0].rsplit(".", 1)[0] for d in DOCS]
RAW_CODES = re.compile(r"\b(FY|YTD-?\d*|None|NaN|nan|NaT)\b|00:00:00")
CJK_UNITS = re.compile(r"\d\s*(亿元|万元|亿美元|个|家|栋|户|人|所|亩|个百分点|条|件|套|座|部)")


def test_deep_link_filters_and_png_downloads(app_url, browser, tmp_path):
    SCREENSHOTS.mkdir(exist_ok=True)
    context, page = open_app(browser)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{app_url}/?region=xiaodian&year=2023")
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        assert page.get_by_role("heading", name="小店区 · 2023").is_visible()
        assert page.title() == "小店区 · 2023 · 山西区域发展政策追踪"
        assert page.locator('[data-testid="stMetric"]').count() >= 4
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("Deploy", exact=True).count() == 0      # no developer toolbar
        page.locator('[data-testid="stMainMenu"]').click()
        menu = page.locator('[data-testid="stMainMenuList"]').inner_text()
        assert "About" in menu or "关于" in menu
        assert not any(word in menu for word in ("Record", "Clear cache", "Rerun", "Settings", "Deploy"))
        page.keyboard.press("Escape")
        page.screenshot(path=SCREENSHOTS / "overview_xiaodian_2023.png", full_page=True)

        # Change the region in the sidebar: the URL follows, the page shows the new region.
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.keyboard.type("晋中开发区")
        page.keyboard.press("Enter")
        page.wait_for_url("**region=jinzhong_dev_zone**", timeout=15_000)
        wait_idle(page)
        assert page.get_by_role("heading", name="晋中开发区 · 2022").is_visible()
        # the selected region reads cleanly: no tree indentation
        shown = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"] input').first.input_value()
        assert shown.strip().startswith("晋中开发区")

        # Switch page through the navigation: region and year stay, the rounds are drawn.
        page.locator('[data-testid="stSidebarNav"] a[href$="/pipeline"]').click()
        page.wait_for_url("**/pipeline?**region=jinzhong_dev_zone**", timeout=15_000)
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        assert page.title().startswith("三个一批 · 晋中开发区 · 2022")
        page.screenshot(path=SCREENSHOTS / "pipeline_jinzhong_dev_zone_2022.png", full_page=True)

        # 1) plotly's camera button (rendered by the browser).
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.hover()
        with page.expect_download(timeout=30_000) as camera:
            chart.locator('.modebar-btn[data-title^="Download plot"]').click()
        assert camera.value.suggested_filename == "jinzhong_dev_zone_2022_pipeline_rounds.png"
        camera_png = Path(camera.value.path()).read_bytes()
        assert_real_png(camera_png)
        (SCREENSHOTS / "download_camera.png").write_bytes(camera_png)

        # 2) the server-side button (kaleido), made only on click.
        with page.expect_download(timeout=90_000) as server:
            page.get_by_role("button", name="下载 PNG").first.click()
        assert server.value.suggested_filename == "jinzhong_dev_zone_2022_pipeline_rounds.png"
        server_png = Path(server.value.path()).read_bytes()
        image = assert_real_png(server_png, min_size=(1600, 600))
        assert image.width == 2 * 1100  # scale 2
        (SCREENSHOTS / "download_server.png").write_bytes(server_png)

        # A bad link gives a message, not a traceback.
        page.goto(f"{app_url}/targets?region=atlantis&year=20x3")
        wait_idle(page)
        assert page.locator('[data-testid="stAlert"]').count() >= 2
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=SCREENSHOTS / "targets_bad_link.png", full_page=True)
        assert not errors, errors
    finally:
        context.close()


def test_csv_download_is_tidy_with_numeric_values(app_url, browser):
    context, page = open_app(browser)
    try:
        page.goto(f"{app_url}/?region=xiaodian&year=2024&lang=en")
        wait_idle(page)
        with page.expect_download(timeout=30_000) as download:
            page.locator(".st-key-csv_key_figures button").click()
        assert download.value.suggested_filename == "xiaodian_2024_key_figures.csv"
        table = pd.read_csv(download.value.path(), encoding="utf-8-sig")
        assert {"region_id", "region_name", "indicator_id", "indicator_name", "year", "period", "kind",
                "value", "unit", "qualifier", "document_title", "url", "quote"} <= set(table.columns)
        assert table["value"].dtype.kind in "fi"                          # numbers, not "2,680.00 亿元"
        assert table["region_id"].eq("xiaodian").all()
        gdp = table[(table["indicator_id"] == "gdp") & (table["kind"] == "level")].iloc[0]
        assert gdp["value"] == pytest.approx(1700.8) and gdp["unit"] == "100 million yuan"
        assert gdp["period"] == "full year"
        assert table.loc[table["indicator_id"] == "retail_sales", "qualifier"].tolist() == ["estimated"]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_outside_request_and_no_codes_or_file_ids_on_any_page(app_url, browser, warehouse, lang):
    context, page = open_app(browser)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith((app_url, "data:", "blob:")) else None)
    sources = source_texts(warehouse)
    try:
        for path, query, year in PAGES:
            url = f"{app_url}{path}?{query}" + ("&lang=en" if lang == "en" else "")
            page.goto(url)
            wait_idle(page)
            page.wait_for_timeout(500)
            assert page.locator('[data-testid="stException"]').count() == 0, url
            assert year in page.title(), (url, page.title())
            text = page_text(page)
            stem = f"{lang}_{path.strip('/') or 'overview'}_{query.split('&')[0].split('=')[1]}"
            page.screenshot(path=SCREENSHOTS / f"page_{stem}.png", full_page=True)
            for file_id in FILE_IDS:
                assert file_id not in text, (url, file_id)
            scrubbed = html.unescape(text)
            for source in sources:
                scrubbed = scrubbed.replace(source, " ")
            found = RAW_CODES.search(scrubbed)
            assert not found, (url, scrubbed[max(0, found.start() - 60):found.end() + 20])
            if lang == "en":
                found = CJK_UNITS.search(scrubbed)
                assert not found, (url, scrubbed[max(0, found.start() - 60):found.end() + 20])
                assert "(1 documents)" not in scrubbed
        assert not outside, sorted(set(outside))
    finally:
        context.close()


def test_english_titles_and_labels_in_the_browser(app_url, browser):
    context, page = open_app(browser)
    try:
        page.goto(f"{app_url}/targets?region=xiaodian&year=2024&asof=2026-01-01&lang=en")
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        assert page.title() == "Targets · Xiaodian District · 2024 · Shanxi Regional Development Tracker"
        assert page.get_by_text("Status as of 1 Jan 2026").is_visible()
        titles = page.evaluate("() => [...document.querySelectorAll('.gtitle')].map(t => t.textContent)")
        assert any("percentage points" in t for t in titles)
        bars = page.evaluate("() => [...document.querySelectorAll('.main-svg .bartext')].map(t => t.textContent)")
        assert any(b.startswith("-1.2 pp") for b in bars), bars
        page.goto(f"{app_url}/growth?region=taiyuan&year=2024&lang=en")
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        titles = page.evaluate("() => [...document.querySelectorAll('.gtitle')].map(t => t.textContent)")
        assert any("Year-to-date growth (Jan–May)" in t for t in titles), titles
        page.screenshot(path=SCREENSHOTS / "growth_taiyuan_2024_en.png", full_page=True)
    finally:
        context.close()
