"""Paragraphs: a long line cut without end punctuation continues on the next line, except a
dateline or before a heading."""
import pytest

from etl.core.passages import paragraphs

LONG = "全县上下坚持稳中求进工作总基调深入推进高质量发展各项事业取得新的进展"   # > 30 chars


@pytest.mark.parametrize("lines, expected", [
    # a long line broken mid-sentence joins the next one
    ([LONG, "成绩来之不易。"], 1),
    # a dateline stands alone, however long
    (["——2026年1月6日在某某县第十七届人民代表大会第六次会议上", "一年来,全县生产总值增长5%。"], 2),
    # a long line before a numbered heading does not swallow it
    ([LONG, "二、2026年工作安排", "今年要抓好五项工作。"], 3),
    ([LONG, "(一)坚持项目为王", "全年实施项目80个。"], 3),
    # short lines are paragraphs of their own already
    (["政府工作报告", "各位代表:"], 2),
])
def test_paragraph_joins(lines, expected):
    assert len(paragraphs("\n".join(lines))) == expected
