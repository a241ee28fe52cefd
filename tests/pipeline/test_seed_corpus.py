"""The benchmark's seed-shaped corpus: same documents, same encodings, other figures."""
from __future__ import annotations

import random
import re

from scripts.seed_corpus import generate, vary_figures
from tests.pipeline.helpers import write_docs

TEXT = "2023年1至11月，某区完成投资128.6亿元，增长12.5%，新开工项目35个，排名第3位，总量4567万元。"


def test_figures_change_but_years_and_small_counts_stay():
    varied = vary_figures(TEXT, random.Random(1))
    numbers = re.findall(r"\d+(?:\.\d+)?", TEXT)
    new = re.findall(r"\d+(?:\.\d+)?", varied)
    assert [len(n) for n in new] == [len(n) for n in numbers]
    kept = {"2023", "1", "11", "35", "3"}
    assert [a for a, b in zip(numbers, new) if a == b and a not in kept] == []
    assert [b for a, b in zip(numbers, new) if a in kept] == [a for a in numbers if a in kept]
    assert re.sub(r"\d", "#", varied) == re.sub(r"\d", "#", TEXT)
    assert vary_figures(TEXT, random.Random(1)) == varied          # seeded: reproducible


def test_generate_writes_each_copy_in_its_seed_encoding(tmp_path):
    seeds = write_docs(tmp_path / "seeds", {"a.txt": TEXT, "b.txt": TEXT.encode("gbk"),
                                            "notes.csv": "x"})
    files = generate(tmp_path / "out", 3, seed=5, seeds=seeds)
    assert sorted(p.name for p in files) == [f"c0000{i}_{n}" for i in range(3)
                                             for n in ("a.txt", "b.txt")]
    gbk = (tmp_path / "out" / "c00001_b.txt").read_bytes()
    assert gbk.decode("gbk") != TEXT and len(gbk.decode("gbk")) == len(TEXT)
    assert (tmp_path / "out" / "c00001_a.txt").read_text(encoding="utf-8") != TEXT
