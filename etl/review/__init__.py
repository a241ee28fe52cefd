"""Reviewers' decisions on extracted facts: a store of its own, applied at every build.

fields.py  what a correction may change and how a value is checked
store.py   the SQLite decision store (history, concurrent writers)
apply.py   keys, re-application to a warehouse, orphans
cli.py     `python -m etl review list|set|export|import|history`
"""
from .apply import ApplyReport, apply_decisions, fact_key, reapply, warehouse_lock
from .fields import EDITABLE, InvalidValue, Vocabulary, parse
from .store import ReviewStore, reviews_path_for

__all__ = ["ApplyReport", "apply_decisions", "fact_key", "reapply", "warehouse_lock", "EDITABLE",
           "InvalidValue", "Vocabulary", "parse", "ReviewStore", "reviews_path_for"]
