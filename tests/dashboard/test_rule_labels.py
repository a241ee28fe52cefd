"""Every rule name the extractor writes on a record reads as words in both languages."""
from pathlib import Path

import yaml

from dashboard.i18n import has, rule_label
from etl.core import extract_text
from etl.reference import load_reference

CASES = Path(__file__).resolve().parents[1] / "core" / "cases"


def _rules_written() -> set[str]:
    ref = load_reference()
    names = set()
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            found = extract_text(case["text"], ref, None, case.get("title"))
            for rec in [*found.facts, *found.projects, *found.policies]:
                for column in ("kind_rule", "region_rule", "time_rule", "stage_rule"):
                    names.update(p for p in (getattr(rec, column, "") or "").split("+") if p)
    return names


def test_every_rule_the_extractor_writes_has_a_label():
    names = _rules_written()
    assert len(names) > 30   # the case documents exercise most rules
    assert sorted(n for n in names if not has(f"rule:{n}")) == []


def test_rule_label_reads_joined_rules_in_each_language():
    assert rule_label("carried+cumulative", "en") == \
        "a year named earlier in the text + a running total (never set against one year's figure)"
    assert rule_label("growth_word", "zh").startswith("句中有")
    assert rule_label(None, "en") == ""
    assert rule_label("no_such_rule", "en") == "no_such_rule"


def test_english_labels_hold_no_chinese():
    from dashboard.i18n import STRINGS
    english = [en for key, (_, en) in STRINGS.items() if key.startswith("rule:")]
    assert english and not [e for e in english if any("\u4e00" <= ch <= "\u9fff" for ch in e)]
