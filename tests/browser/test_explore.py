"""The Map and Compare pages in a real browser (Debian's chromium driven by Playwright).

The app runs on the synthetic warehouse plus a few invented city figures (explore_factory), so
the map has several coloured cities, grey ones, and cities to click. Every request the page makes
is recorded: nothing may go to another host (the map's boundaries come from the app itself).
Screenshots go to tests/browser/screenshots/ for a human to look at.
"""
from __future__ import annotations

import io
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from etl.warehouse.load import build_warehouse
from tests.browser.conftest import running_app
from tests.dashboard.explore_factory import explore_content

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(__file__).parent / "screenshots"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PLOT = '[data-testid="stPlotlyChart"] .main-svg'
SIDEBAR_REGION = '[data-testid="stSidebar"] [data-testid="stSelectbox"]'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    db = build_warehouse(explore_content(), tmp_path_factory.mktemp("explore") / "warehouse.duckdb")
    with running_app(db, tmp_path_factory.getbasetemp() / "streamlit_explore.log") as url:
        yield url


@pytest.fixture()
def page(browser, app_url):
    """A page that records JS errors and every request to a host other than the app's."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1500}, accept_downloads=True)
    pg = context.new_page()
    pg.errors, pg.foreign = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("request", lambda req: pg.foreign.append(req.url)
          if req.url.startswith(("http:", "https:", "ws:", "wss:")) and not req.url.startswith(
              (app_url, app_url.replace("http", "ws"))) else None)
    yield pg
    try:
        assert not pg.errors, pg.errors
        assert not pg.foreign, pg.foreign
        assert pg.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()


def wait_idle(page) -> None:
    page.wait_for_selector(IDLE, timeout=30_000)
    page.wait_for_timeout(400)  # a rerun can start right after the first one finishes
    page.wait_for_selector(IDLE, timeout=30_000)


def params(page) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)


def plot_traces(page, nth: int = 0) -> list[dict]:
    """The traces plotly drew in the nth chart: name, type, locations, x."""
    return page.evaluate("""(n) => {
        const gd = document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')[n];
        return gd._fullData.map(t => ({name: t.name, type: t.type,
            locations: t.locations ? Array.from(t.locations) : null,
            x: t.x ? Array.from(t.x).map(String) : null, n_lon: t.lon ? t.lon.length : 0}));
    }""", nth)


def click_feature(page, code: str) -> None:
    """Click inside a region's shape, away from zone markers (plotly's event layer covers the
    paths, so the point is found with the path's own geometry: isPointInFill)."""
    point = page.evaluate("""(code) => {
        const path = [...document.querySelectorAll('.choroplethlocation')]
            .filter(p => p.__data__ && p.__data__.loc === code).pop();
        const markers = [...document.querySelectorAll('.scattergeo .point')].map(m => {
            const r = m.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; });
        const box = path.getBBox(), ctm = path.getScreenCTM();
        const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
        let best = null;
        for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
            const x = box.x + box.width * i / 20, y = box.y + box.height * j / 20;
            if (!path.isPointInFill(new DOMPoint(x, y))) continue;
            const sx = ctm.a * x + ctm.c * y + ctm.e, sy = ctm.b * x + ctm.d * y + ctm.f;
            if (markers.some(([mx, my]) => Math.hypot(mx - sx, my - sy) < 20)) continue;
            const d = Math.hypot(x - cx, y - cy);
            if (!best || d < best[2]) best = [sx, sy, d];
        }
        return best && best.slice(0, 2);
    }""", code)
    assert point is not None, f"no clickable point inside {code}"
    # plotly selects on click what it hovers: hover first (its hover is throttled), then click
    page.mouse.move(*point)
    page.wait_for_timeout(300)
    page.mouse.click(*point)


def sidebar_region(page) -> str:
    """What the sidebar's region selectbox shows (its selected option's label)."""
    return page.locator(SIDEBAR_REGION).first.locator("input").first.input_value()


def test_map_draws_cities_and_a_click_selects_the_region(page, app_url):
    page.goto(f"{app_url}/map?region=xiaodian&map_year=2023")
    wait_idle(page)
    page.wait_for_selector(PLOT, timeout=30_000)
    traces = plot_traces(page)
    base = next(t for t in traces if t["name"] == "base")
    assert base["type"] == "choropleth" and len(base["locations"]) == 11  # Shanxi's 11 cities
    data = next(t for t in traces if t["name"] == "data")
    # coloured: the cities with a 2023 GDP growth figure; every other city stays grey in `base`
    assert set(data["locations"]) == {"140100", "140200", "140400", "140800"}
    assert page.locator(".choroplethlocation").count() >= 11 + 4
    zones = next(t for t in traces if t["name"] == "zones_no_data")  # no zone reports it for 2023
    assert zones["type"] == "scattergeo" and zones["n_lon"] >= 20  # every zone of the gazetteer, grey
    page.screenshot(path=SCREENSHOTS / "map_cities_2023.png")

    click_feature(page, "140200")  # 大同市
    page.wait_for_url("**region=datong**", timeout=15_000)
    wait_idle(page)
    assert params(page)["region"] == ["datong"]
    assert "大同市" in sidebar_region(page)
    assert params(page)["map_year"] == ["2023"]  # the map's own settings stay
    page.screenshot(path=SCREENSHOTS / "map_after_click_datong.png")

    click_feature(page, "140600")  # 朔州市: no figure at all, so the sidebar cannot take it
    wait_idle(page)
    assert params(page)["region"] == ["datong"]
    assert page.locator('[data-testid="stAlert"]').filter(has_text="朔州市 没有任何数据").count() == 1


def test_map_controls_survive_a_reload(page, app_url):
    page.goto(f"{app_url}/map?region=taiyuan")
    wait_idle(page)
    page.locator('[data-testid="stRadio"]').get_by_text("数值", exact=True).click()           # kind
    wait_idle(page)
    page.locator('[data-testid="stRadio"]').get_by_text("县级（县、市、区）", exact=True).click()   # level
    wait_idle(page)
    page.locator('[data-testid="stButtonGroup"]').get_by_text("SVG", exact=True).click()  # camera format
    wait_idle(page)
    thumb = page.get_by_role("slider").first                   # map year: one step back
    thumb.focus()
    page.keyboard.press("ArrowLeft")
    wait_idle(page)
    before = params(page)
    assert before["kind"] == ["数值"] and before["level"] == ["县级（县、市、区）"]
    assert before["img"] == ["SVG"] and before["map_year"] == ["2023"]

    page.reload()
    wait_idle(page)
    page.wait_for_selector(PLOT, timeout=30_000)
    assert params(page) == before
    assert page.get_by_role("radio", name="数值").is_checked()
    assert page.get_by_role("radio", name="县级（县、市、区）").is_checked()
    assert page.locator('[data-testid="stSliderThumbValue"]').first.inner_text() == "2023"
    base = next(t for t in plot_traces(page) if t["name"] == "base")
    assert len(base["locations"]) > 100  # the county-level map came back
    page.screenshot(path=SCREENSHOTS / "map_counties_after_reload.png")


def test_comparison_of_two_regions_survives_a_reload(page, app_url):
    page.goto(f"{app_url}/compare?region=taiyuan")
    wait_idle(page)
    chooser = page.locator('[data-testid="stMultiSelect"]').first
    chooser.click()
    page.keyboard.type("大同市")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    page.locator('[data-testid="stRadio"]').get_by_text("数值", exact=True).click()
    wait_idle(page)
    assert params(page)["cmp"] == ["太原市", "大同市"]
    link = page.url

    fresh = page
    fresh.goto("about:blank")
    fresh.goto(link)  # the shared link, opened anew: a new session that only has the URL
    wait_idle(fresh)
    fresh.wait_for_selector(PLOT, timeout=30_000)
    lines = [t for t in plot_traces(fresh) if t["type"] == "scatter"]
    assert sorted(t["name"] for t in lines) == ["大同市", "太原市"]
    chips = fresh.locator('[data-testid="stMultiSelect"] span[title]').evaluate_all(
        "els => [...new Set(els.map(e => e.title))]")
    assert chips == ["太原市", "大同市"]
    assert fresh.get_by_role("radio", name="数值").is_checked()
    fresh.screenshot(path=SCREENSHOTS / "compare_taiyuan_datong.png")

    # A language switch keeps the comparison (the URL then names the options in English)
    fresh.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').first.click()
    fresh.wait_for_url("**lang=en**", timeout=15_000)
    wait_idle(fresh)
    assert params(fresh)["cmp"] == ["Taiyuan", "Datong"] and params(fresh)["kind"] == ["level"]
    assert fresh.get_by_role("radio", name="level").is_checked()
    lines = [t for t in plot_traces(fresh) if t["type"] == "scatter"]
    assert sorted(t["name"] for t in lines) == ["Datong", "Taiyuan"]


def test_svg_download_is_svg_with_the_chinese_title_as_text(page, app_url):
    page.goto(f"{app_url}/compare?region=taiyuan&cmp=太原市&cmp=大同市&kind=数值")
    wait_idle(page)
    page.wait_for_selector(PLOT, timeout=30_000)
    with page.expect_download(timeout=90_000) as download:
        page.get_by_role("button", name="下载 SVG").first.click()
    assert download.value.suggested_filename.endswith(".svg")
    svg = Path(download.value.path()).read_bytes()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join("".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "地区生产总值 · 数值 · 2021–2024" in text  # the title, as text rather than outlines
    assert "太原市" in text and "大同市" in text      # the legend
    (SCREENSHOTS / "compare_download.svg").write_bytes(svg)


def test_region_data_downloads_parse_as_csv_and_parquet(page, app_url):
    page.goto(f"{app_url}/map?region=xiaodian")
    wait_idle(page)
    frames = {}
    for name, reader in (("CSV", lambda b: pd.read_csv(io.BytesIO(b), encoding="utf-8-sig")),
                         ("Parquet", lambda b: pd.read_parquet(io.BytesIO(b)))):
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=f"下载 {name}").last.click()
        assert download.value.suggested_filename == f"xiaodian_all_data.{name.lower()}"
        frames[name] = reader(Path(download.value.path()).read_bytes())
    csv, parquet = frames["CSV"], frames["Parquet"]
    assert len(csv) == len(parquet) > 0
    assert set(csv["record"]) == set(parquet["record"]) >= {"fact", "policy"}
    facts = parquet[parquet["record"] == "fact"]
    assert facts["value"].dtype.kind == "f" and facts["quote"].notna().all()
    assert {"period", "qualifier", "unit", "document_title", "start", "end"} <= set(parquet.columns)
    assert (csv["record_id"].tolist() == parquet["record_id"].tolist())


def test_the_other_pages_controls_survive_a_reload(page, app_url):
    """Overview's "show all", Project rounds' "all years", Sources' documents toggle: bound to the
    URL like the Map and Compare controls, so a reload (or a shared link) keeps them."""
    for path, label, key in (("sources", "显示全部文件", "sources_all_docs"),
                             ("pipeline", None, "projects_all_years")):
        page.goto(f"{app_url}/{path}?region=taiyuan")
        wait_idle(page)
        switch = (page.locator('[data-testid="stMain"] [data-testid="stCheckbox"]').filter(has_text=label)
                  if label else page.locator('[data-testid="stMain"] [data-testid="stCheckbox"]')).first
        switch.click()
        wait_idle(page)
        assert key in params(page), params(page)
        before = params(page)
        page.reload()
        wait_idle(page)
        assert params(page) == before
        checked = (page.locator('[data-testid="stMain"] [data-testid="stCheckbox"]').filter(has_text=label)
                   if label else page.locator('[data-testid="stMain"] [data-testid="stCheckbox"]')).first
        assert checked.locator("input").is_checked()
