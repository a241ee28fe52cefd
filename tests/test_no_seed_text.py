"""Overfitting hygiene: product code (comments included) holds no seed sentence and no seed
figure. Rules must come from how reports are written, not from the five development documents."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8,}")
DECIMAL = re.compile(r"(?<![\d.])\d+\.\d{2,}(?![\d.])")


def _seed_text() -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in (ROOT / "seeds").glob("*.txt"))


def _product_files():
    for folder in ("etl", "dashboard"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".sql", ".toml", ".csv") and "__pycache__" not in path.parts:
                yield path


def test_no_eight_character_run_of_seed_text_in_product_code():
    seeds = _seed_text()
    windows = {run[i:i + 8] for run in CJK_RUN.findall(seeds) for i in range(len(run) - 7)}
    reference = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "data" / "reference").rglob("*.csv"))
    hits = []
    for path in _product_files():
        for run in CJK_RUN.findall(path.read_text(encoding="utf-8")):
            for i in range(len(run) - 7):
                w = run[i:i + 8]
                if w in windows and w not in reference:
                    hits.append(f"{path.relative_to(ROOT)}: {run}")
                    break
    assert not hits, hits


def test_no_decimal_figure_of_the_seeds_in_product_code():
    figures = set(DECIMAL.findall(_seed_text()))
    hits = [f"{path.relative_to(ROOT)}: {fig}" for path in _product_files()
            for fig in set(DECIMAL.findall(path.read_text(encoding="utf-8"))) & figures]
    assert not hits, hits
