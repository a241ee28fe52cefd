"""Server-side PNG export (kaleido driving /usr/bin/chromium) and the export CLI."""
from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard import charts, export


@pytest.fixture(scope="module", autouse=True)
def _stop_kaleido():
    yield
    export.stop()


def png_image(data: bytes) -> Image.Image:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_chinese_chart_renders_to_a_non_blank_png():
    fig = charts.growth_bars(
        __import__("pandas").DataFrame({"value": [5.1, -2.0]}), labels=["地区生产总值", "规模以上工业增加值"],
        texts=["5.1%", "-2%"], title="小店区 · 2023 · 增速", source="来源：小店区2024年政府工作报告（共 1 份文件）")
    image = png_image(export.figure_png(fig))
    assert image.size == (2 * export.WIDTH, 2 * fig.layout.height)
    assert len(image.getcolors(maxcolors=100_000) or range(100_001)) > 50
    # plotly_white: the corner is white, not the black of an unset 'streamlit' template
    assert image.getpixel((5, 5)) == (255, 255, 255)


def test_concurrent_exports_each_get_their_own_image():
    # kaleido's sync server shares one reply queue: without the lock, threads swap images.
    figs = [go.Figure(go.Bar(x=["a"], y=[1])).update_layout(height=300 + 40 * i) for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        images = list(pool.map(lambda f: png_image(export.figure_png(f, scale=1)), figs))
    assert [im.height for im in images] == [300 + 40 * i for i in range(4)]


def test_cli_writes_every_chart_and_table(warehouse_path, tmp_path):
    assert export.main(["--region", "xiaodian", "--year", "2023", "--out", str(tmp_path),
                        "--db", str(warehouse_path), "--as-of", "2026-01-01"]) == 0
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert "xiaodian_2023_growth.png" in pngs and "xiaodian_2023_targets_level.png" in pngs
    assert "xiaodian_2023_levels_gdp.png" in pngs
    for name in pngs:
        png_image((tmp_path / name).read_bytes())
    targets = __import__("pandas").read_csv(tmp_path / "xiaodian_2023_targets.csv", encoding="utf-8-sig")
    assert list(targets.columns[:4]) == ["region_id", "region_name", "indicator_id", "indicator_name"]
    assert targets["value"].dtype.kind == "f" and targets["region_id"].eq("xiaodian").all()


def test_cli_missing_db_and_unknown_region(tmp_path, warehouse_path):
    assert export.main(["--region", "x", "--year", "2023", "--out", str(tmp_path),
                        "--db", str(tmp_path / "none.duckdb")]) == 2
    with pytest.raises(SystemExit, match="unknown region"):
        export.main(["--region", "atlantis", "--year", "2023", "--out", str(tmp_path),
                     "--db", str(warehouse_path)])
