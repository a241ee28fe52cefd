"""`python -m etl evaluate --cases FILE...` scores case files the way unseen documents are scored."""
import subprocess
import sys

from etl.cases import score_files

CASE = """
- id: one-county
  title: 平顺县2023年经济运行情况
  published: "2024-01-20"
  text: |
    2023年,平顺县地区生产总值完成76.3亿元,增长5.1%。
  facts:
    - [平顺县, 2023, FY, value, 76.3, 亿元]
    - [平顺县, 2023, FY, growth, 5.1, "%"]
    - [平顺县, 2023, FY, value, 9.9, 亿元]
"""


def test_score_counts_a_missing_fact_against_recall_only(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(CASE, encoding="utf-8")
    score = score_files([path])
    assert score == {"precision": 1.0, "recall": 2 / 3, "period": 1.0, "facts": 3}


def test_cli_prints_a_row_per_file_and_refuses_a_missing_one(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(CASE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "etl", "evaluate", "--cases", str(path)],
                          capture_output=True, text=True, check=True)
    assert "| one | 3 | 1.000 | 0.667 | 1.000 |" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "etl", "evaluate", "--cases", str(tmp_path / "no.yaml")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "no such case file" in bad.stderr
