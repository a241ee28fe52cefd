"""The real app in a real browser: Debian's chromium driven by Playwright (never a downloaded one).

Starts `streamlit run dashboard/app.py` on a free port against the synthetic test warehouse,
opens a deep link, changes the region through the sidebar, switches page, and downloads a
chart PNG through both plotly's camera button and the server-side "Download PNG" button.
Screenshots go to tests/browser/screenshots/ (git-ignored) for a human to look at.
"""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]

from etl.warehouse.load import build_warehouse
from tests.dashboard.factory import make_content

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PLOT = '[data-testid="stPlotlyChart"] .main-svg'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = build_warehouse(make_content(), tmp_path_factory.mktemp("browser") / "warehouse.duckdb")
    port = _free_port()
    env = {**os.environ, "WAREHOUSE_DB": str(db), "BROWSER_PATH": CHROMIUM}
    log = (tmp_path_factory.getbasetemp() / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if server.poll() is not None or time.time() > deadline:
                    raise RuntimeError("streamlit did not start; see " + log.name) from None
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


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


def test_deep_link_filters_and_png_downloads(app_url, browser, tmp_path):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(f"{app_url}/?region=xiaodian&year=2023")
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        assert page.get_by_role("heading", name="小店区 · 2023").is_visible()
        assert page.locator('[data-testid="stMetric"]').count() >= 4
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=SCREENSHOTS / "overview_xiaodian_2023.png", full_page=True)

        # Change the region in the sidebar: the URL follows, the page shows the new region.
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.keyboard.type("晋中开发区")
        page.keyboard.press("Enter")
        page.wait_for_url("**region=jinzhong_dev_zone**", timeout=15_000)
        wait_idle(page)
        assert page.get_by_role("heading", name="晋中开发区 · 2022").is_visible()

        # Switch page through the navigation: region and year stay, the funnel is drawn.
        page.locator('[data-testid="stSidebarNav"] a[href$="/pipeline"]').click()
        page.wait_for_url("**/pipeline?**region=jinzhong_dev_zone**", timeout=15_000)
        wait_idle(page)
        page.wait_for_selector(PLOT, timeout=30_000)
        assert page.locator('[data-testid="stPlotlyChart"]').count() >= 2
        page.screenshot(path=SCREENSHOTS / "pipeline_jinzhong_dev_zone_2022.png", full_page=True)

        # 1) plotly's camera button (rendered by the browser).
        chart = page.locator('[data-testid="stPlotlyChart"]').first
        chart.hover()
        with page.expect_download(timeout=30_000) as camera:
            chart.locator('.modebar-btn[data-title^="Download plot"]').click()
        assert camera.value.suggested_filename == "jinzhong_dev_zone_2022_pipeline_funnel.png"
        camera_png = Path(camera.value.path()).read_bytes()
        assert_real_png(camera_png)
        (SCREENSHOTS / "download_camera.png").write_bytes(camera_png)

        # 2) the server-side button (kaleido), made only on click.
        with page.expect_download(timeout=90_000) as server:
            page.get_by_role("button", name="下载 PNG").first.click()
        assert server.value.suggested_filename == "jinzhong_dev_zone_2022_pipeline_funnel.png"
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
