"""What a reviewer changed in the Review page's table: rows before and after -> decisions.

Pure (no Streamlit), so the table's save is tested without a browser.
"""
from __future__ import annotations

import pandas as pd

from etl.review import EDITABLE, InvalidValue, Vocabulary, parse


def _blank(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value) \
        or value is pd.NA


def table_changes(before: pd.DataFrame, after: pd.DataFrame, vocab: Vocabulary
                  ) -> tuple[list[tuple[str, dict]], list[tuple[str, InvalidValue]]]:
    """(fact_key, parsed changes) for every row that differs, and (fact_key, the problem) per
    bad cell (it names field and value); a row with a bad cell is left out whole."""
    decisions, problems = [], []
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows()):
        changes = {}
        try:
            if not _blank(new.get("decision")):
                changes["status"] = parse("status", new["decision"])
            for field in [*EDITABLE, "note"]:
                a, b = old.get(field), new.get(field)
                if _blank(a) and _blank(b):
                    continue
                if _blank(b):
                    continue            # emptying a cell is not a correction (use --clear)
                if a != b:
                    text = (b if field == "note" else
                            str(int(b)) if isinstance(b, float) and b.is_integer() else str(b))
                    value = parse(field, text, vocab)
                    if value != a:
                        changes[field] = value
        except InvalidValue as exc:
            problems.append((old["fact_key"], exc))
            continue
        if changes:
            decisions.append((old["fact_key"], changes))
    return decisions, problems
