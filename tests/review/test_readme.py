"""README "Add your documents", followed word for word in a fresh clone.

The clone gets the test run's virtualenv as its .venv (what `make run`'s set-up would have made:
the test must not install anything); every line of the section's command block then runs as
written, in a shell, from the clone's root.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## )", text, re.S | re.M)
    assert match, f"README has no '## {heading}' section"
    return match.group(1)


def test_add_your_documents_word_for_word_in_a_fresh_clone(tmp_path):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "README.md", "docs", "etl"],
                           cwd=ROOT, capture_output=True, text=True).stdout
    if dirty:
        pytest.fail("commit README.md, docs/ and etl/ first: a fresh clone has only what is "
                    f"committed ({dirty.strip()})")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(ROOT), str(clone)], check=True)
    subprocess.run(["git", "checkout", "--quiet", head], cwd=clone, check=True)
    (clone / ".venv").symlink_to(Path(sys.prefix))

    text = section((clone / "README.md").read_text(encoding="utf-8"), "Add your documents")
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands[0] == ".venv/bin/python -m etl add docs/examples/"

    env = {k: v for k, v in os.environ.items()
           if k not in ("CORPUS_DIR", "WAREHOUSE_DB", "REVIEWS_DB", "ETL_CACHE_DIR", "PYTHONPATH")}
    outputs = []
    for command in commands:
        done = subprocess.run(["bash", "-c", command], cwd=clone, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        outputs.append(done.stdout)

    added, listed = outputs
    assert re.search(r"^added   jincheng-2023-economy\.txt: \d+ facts, \d+ projects, \d+ policies; "
                     r"dated 2024-01-25 \(sources_csv\)$", added, re.M), added
    assert (clone / "data" / "corpus" / "jincheng-2023-economy.txt").is_file()
    assert (clone / "data" / "warehouse.duckdb").is_file()
    # the listing shows the example's figures, each with its key
    assert "晋城市" in listed and re.search(r"^\s*[0-9a-f]{16}:\d+-\d+:\w+ ", listed, re.M), listed
    # and what the section promises about make build holds: the corpus is one of its roots
    makefile = (clone / "Makefile").read_text(encoding="utf-8")
    assert "--docs seeds $(CORPUS)" in makefile and "CORPUS ?= data/corpus" in makefile
