"""The decision store: per-field merge, history, concurrent writers, nothing deleted."""
from __future__ import annotations

import multiprocessing
import threading

import pytest

from etl.review import InvalidValue, ReviewStore, Vocabulary, parse


def test_fields_merge_and_history_keeps_who_when_old_new(tmp_path):
    store = ReviewStore(tmp_path / "reviews.sqlite")
    store.set("k1", {"value": 12.5}, who="alice", context={"value": 10.0})
    store.set("k1", {"note": "checked against the bulletin"}, who="bob")
    store.set("k1", {"value": 13.0}, who="bob")
    d = store.decision("k1")
    assert (d["value"], d["note"]) == (13.0, "checked against the bulletin")
    history = [(h["field"], h["old"], h["new"], h["who"]) for h in store.history("k1")]
    assert history == [("value", "10", "12.5", "alice"),
                       ("note", None, "checked against the bulletin", "bob"),
                       ("value", "12.5", "13", "bob")]
    assert all(h["at"] for h in store.history("k1"))


def test_clearing_a_correction_is_recorded_not_deleted(tmp_path):
    store = ReviewStore(tmp_path / "reviews.sqlite")
    store.set("k1", {"year": 2021}, who="alice", context={"year": 2022})
    store.set("k1", {}, who="alice", clear=["year"], context={"year": 2022})
    assert store.decision("k1")["year"] is None
    assert [(h["old"], h["new"]) for h in store.history("k1")] == [("2022", "2021"),
                                                                   ("2021", "2022")]


def test_setting_a_field_to_what_it_already_says_changes_nothing(tmp_path):
    store = ReviewStore(tmp_path / "reviews.sqlite")
    assert store.set("k1", {"unit": "亿元"}, context={"unit": "亿元"}) == []
    assert store.history("k1") == []


def _writer(path, who, n):
    store = ReviewStore(path)
    for i in range(n):
        store.set(f"key{i}", {"note" if who == "a" else "value": f"{who}{i}" if who == "a" else i},
                  who=who)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = tmp_path / "reviews.sqlite"
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(path, who, 40)) for who in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    store = ReviewStore(path)
    decisions = {d["fact_key"]: d for d in store.decisions()}
    assert len(decisions) == 40
    # both reviewers' fields survive on every fact (last write wins per field, not per row)
    assert all(d["note"] == f"a{i}" and d["value"] == i
               for i, d in ((int(k[3:]), d) for k, d in decisions.items()))
    assert len(store.history()) == 80


def test_two_threads_on_the_same_field_keep_both_in_history(tmp_path):
    store = ReviewStore(tmp_path / "reviews.sqlite")
    threads = [threading.Thread(target=store.set, args=("k", {"value": v}),
                                kwargs={"who": w}) for v, w in ((1.0, "a"), (2.0, "b"))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    final = store.decision("k")["value"]
    history = store.history("k")
    assert final in (1.0, 2.0) and len(history) == 2
    assert history[-1]["new"] == str(int(final))      # the last write is the one that stands


@pytest.mark.parametrize("field,text,message", [
    ("year", "20x", "year: '20x' is not a year"),
    ("value", "abc", "value: 'abc' is not a number"),
    ("period", "Q5", "period: 'Q5' is not a period"),
    ("period", "M-13", "period: 'M-13' is not a period"),
    ("kind", "level", "kind: 'level' is not one of"),
    ("status", "maybe", "status: 'maybe' is not one of"),
    ("region_id", "nowhere", "region: 'nowhere' is not a region"),
])
def test_bad_values_are_refused_naming_field_and_value(field, text, message):
    import pandas as pd
    vocab = Vocabulary.from_frames(
        pd.DataFrame([{"id": "jincheng", "name_zh": "晋城市", "name_en": "Jincheng",
                       "aliases": "晋城"}]),
        pd.DataFrame([{"id": "gdp", "name_zh": "地区生产总值"}]))
    with pytest.raises(InvalidValue, match=message.replace("(", r"\(")):
        parse(field, text, vocab)
    assert parse("region_id", "晋城", vocab) == "jincheng"
    assert parse("indicator_id", "地区生产总值", vocab) == "gdp"
