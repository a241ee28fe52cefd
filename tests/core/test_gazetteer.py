"""Every county-level division and zone of the gazetteer resolves from its name, in simplified
and traditional characters, and zone names are never phrases with a verb."""
import opencc
import pytest

from etl.core.regions import gazetteer_for
from etl.core.textnorm import normalize
from etl.reference import load_reference

REF = load_reference()
GAZ = gazetteer_for(REF)
TO_TRADITIONAL = opencc.OpenCC("s2t")
COUNTY_LEVEL = [r for r in REF.regions if r["kind"] in ("county", "county_city", "district",
                                                        "development_zone")]


def _resolved(text):
    return [m.region.id for m in GAZ.find(normalize(text).text) if m.region is not None]


@pytest.mark.parametrize("row", COUNTY_LEVEL, ids=lambda r: r["id"])
def test_county_level_names_resolve_in_both_scripts(row):
    sentence = f"上半年，{row['name_zh']}新增市场主体100户。"
    assert row["id"] in _resolved(sentence)
    assert row["id"] in _resolved(TO_TRADITIONAL.convert(sentence))


def test_renamed_districts_are_their_own_regions():
    for name in ("潞州区", "上党区", "云州区", "太谷区", "怀仁市"):
        assert _resolved(f"{name}完成投资10亿元") == [name]


@pytest.mark.parametrize("text, zone", [
    ("侯马经济开发区上半年新签约项目8个", "侯马经济开发区"),
    ("霍州经济开发区完成投资5亿元", "霍州经济开发区"),
    ("清徐经济开发区新增规上企业6家", "清徐经济开发区"),
])
def test_zones_named_after_a_place_belong_to_it(text, zone):
    [mention] = [m for m in GAZ.find(text) if m.region is not None]
    assert mention.region.name == zone and mention.region.parent_id is not None


@pytest.mark.parametrize("text", ["阳泉市召开开发区项目推进会", "孝义市举行开发区招商大会",
                                  "晋城市组织开发区企业参展"])
def test_a_zone_name_holds_no_verb(text):
    assert not any(m.region is not None and m.region.name.endswith("开发区") and
                   len(m.region.name) > 5 for m in GAZ.find(text))
