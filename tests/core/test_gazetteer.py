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


@pytest.mark.parametrize("text", [
    "其中某县降幅最大同比下降9.7%", "扩大同比增幅", "确保社会长治久安", "全面振兴县域经济",
    "大力发展现代县域经济", "群众交口称赞", "为党员上党课", "新业态带火了小店经济",
    "领导莅临县里调研", "搭建高平台", "运行平顺",
])
def test_ordinary_words_that_hold_a_place_name_name_no_place(text):
    assert _resolved(text) == []


@pytest.mark.parametrize("text, region", [
    ("大同市最大同比增幅", "datong"), ("上党区新签约项目", "上党区"), ("代县县域经济", "代县"),
    ("小店区上半年", "xiaodian"), ("临县新增", "临县"),
])
def test_the_place_itself_is_still_found(text, region):
    assert _resolved(text)[:1] == [region]


@pytest.mark.parametrize("text, regions", [
    ("某集团与襄垣县签署开发区光伏项目合作协议", ["襄垣县"]),
    ("孝义市以经济开发区为主引擎", ["孝义市"]),
    ("大宁县地处黄河东岸，吕梁山西侧，", ["大宁县"]),
    ("山西北部", ["shanxi"]),
    ("山西侧重发展新材料产业", ["shanxi"]),
])
def test_a_verb_or_mountain_is_no_place_or_part_of_a_zone(text, regions):
    assert _resolved(text) == regions
