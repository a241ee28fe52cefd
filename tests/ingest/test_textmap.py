from __future__ import annotations

from hypothesis import given, strategies as st

from etl.ingest.textmap import MapBuilder, Mapped, map_offset, to_raw


def test_builder_merges_contiguous_copies_and_marks_inserts():
    raw = "abc<br>def&amp;g"
    b = MapBuilder()
    b.copy("ab", 0)
    b.copy("c", 2)             # continues the first segment: no new breakpoint
    b.insert("\n", 3)
    b.copy("def", 7)
    b.insert("&", 10)
    b.copy("g", 15)
    m = b.build()
    assert m.text == "abc\ndef&g"
    assert m.map == [(0, 0), (3, 3), (4, 7), (7, 10), (8, 15)]
    assert m.copied_spans() == [(0, 3), (4, 7), (8, 9)]
    assert raw[slice(*to_raw(m.map, 4, 7))] == "def"
    assert to_raw(m.map, 0, 9) == (0, 16)   # end maps as map(end-1)+1
    assert to_raw(m.map, 5, 5) == (8, 8)


def test_copy_from_composes_two_stages():
    raw = "xx<p>hello</p><p>world</p>"
    first = MapBuilder()
    first.copy("hello", 5)
    first.insert("\n", 10)
    first.copy("world", 17)
    stage1 = first.build()
    second = MapBuilder()
    second.copy_from(stage1, 1, 8)      # "ello\nwo"
    m = second.build()
    assert m.text == "ello\nwo"
    assert raw[slice(*to_raw(m.map, 0, 4))] == "ello"
    assert raw[slice(*to_raw(m.map, 5, 7))] == "wo"
    assert m.inserted == [False, True, False]


def test_empty_builder_and_slice():
    assert MapBuilder().build().map == [(0, 0)]
    m = Mapped.slice_of("---\nx\n---\nbody", 10)
    assert m.text == "body" and map_offset(m.map, 2) == 12


@given(st.lists(st.tuples(st.booleans(), st.text(min_size=1, max_size=6),
                          st.integers(min_value=0, max_value=3)), max_size=30),
       st.data())
def test_random_builds_keep_copied_chars_on_raw(pieces, data):
    """Build text from random copies of a raw string and random inserts; then re-copy a random
    slice through a second stage. Every copied character must still point at itself in raw."""
    raw = "".join(text for _, text, _ in pieces) or "x"
    b = MapBuilder()
    pos = 0
    for copy, text, gap in pieces:
        if copy:
            b.copy(raw[pos:pos + len(text)], pos)
        else:
            b.insert("\n" * gap or "&", pos)
        pos += len(text)
    m1 = b.build()
    start = data.draw(st.integers(0, len(m1.text)))
    end = data.draw(st.integers(start, len(m1.text)))
    b2 = MapBuilder()
    b2.copy_from(m1, start, end)
    m2 = b2.build()
    assert m2.text == m1.text[start:end]
    for mapped in (m1, m2):
        assert [t for t, _ in mapped.map] == sorted({t for t, _ in mapped.map})
        for a, z in mapped.copied_spans():
            for i in range(a, z):
                assert raw[map_offset(mapped.map, i)] == mapped.text[i]
            assert raw[slice(*to_raw(mapped.map, a, z))] == mapped.text[a:z]
