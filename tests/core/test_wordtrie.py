"""The trie regex finds exactly what a longest-first alternation of the same words finds."""
import random
import re

import pytest

from etl.core.wordtrie import trie_pattern


def _alternation(words):
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@pytest.mark.parametrize("words, text, expected", [
    (["产业", "产业园", "产业园区"], "新建产业园区和产业园及产业", ["产业园区", "产业园", "产业"]),
    (["开发区", "经济开发区"], "经济开发区开发区", ["经济开发区", "开发区"]),
    (["a.b", "a+"], "a.b a+ axb", ["a.b", "a+"]),          # regex characters are literal
    ([], "任何文字", []),                                  # an empty list matches nothing
])
def test_longest_word_wins(words, text, expected):
    assert [m.group(0) for m in re.finditer(trie_pattern(words), text)] == expected


def test_same_matches_as_a_sorted_alternation_on_random_words():
    rng = random.Random(3)
    alphabet = "区县市产业园开发经济高新技术."
    for _ in range(300):
        words = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 5))) for _ in range(12)}
        text = "".join(rng.choice(alphabet) for _ in range(60))
        old = [m.span() for m in _alternation(words).finditer(text)]
        new = [m.span() for m in re.finditer(trie_pattern(words), text)]
        assert new == old, (sorted(words), text)


def test_backs_off_to_a_shorter_word_when_the_pattern_after_it_fails():
    # inside a bigger regex the trie must try the longest word first, then shorter ones
    pattern = re.compile("(?:" + trie_pattern(["太原", "太原市"]) + ")市区")
    assert pattern.search("太原市区").group(0) == "太原市区"


def test_codebook_merges_literal_and_gapped_synonyms_by_length():
    from etl.core.indicators import codebook_for
    from etl.reference import load_reference
    cb = codebook_for(load_reference())
    # a gapped synonym (签约…项目) where no longer literal one starts at the same place
    found = cb.find("共签约新材料等8个项目")
    assert [(m.info.id, m.gap) for m in found] == [("inbound_projects_signed", True)]
    # the longer literal (签约总投资) wins over the gapped one starting at the same place
    found = cb.find("签约总投资120亿元")
    assert [(m.info.id, m.gap) for m in found] == [("inbound_investment_signed", False)]
