"""Find regions in text: longest match against the gazetteer, zones not in it, and anaphora.

The gazetteer (data/reference/regions.csv) is data; this module only knows how Chinese reporting
names places: full names and aliases, zones named after a place (介休经济技术开发区), and
references back to the current subject (该区/全区/我区, 全市/我市, 全省/我省).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..reference import Reference
from .textnorm import normalize

ZONE_SUFFIXES = ("经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "综合保税区",
                 "产业园区", "工业园区", "经开区", "高新区", "开发区", "新区")
# Words that point back at the current subject, with the kinds of region they can mean.
ANAPHORA = {
    "district": ("该区", "全区", "我区", "本区", "辖区", "区内"),
    "city": ("该市", "全市", "我市", "本市", "市内"),
    "county": ("该县", "全县", "我县", "本县"),
    "province": ("全省", "我省", "本省", "该省"),
}
CITY_KINDS = {"prefecture_city", "county_city"}
DISTRICT_KINDS = {"district", "development_zone", "economic_zone", "county"}
# A region named right after these is a point of comparison or a location, not the subject:
# 占全市的60%, 居全省第一, 地处某市南端, 在全省率先.
LIST_OF_PLACES = re.compile(r"(?:、|和|与|及)[\u4e00-\u9fff]{2,8}?(?:两|三|四|五|六|七|八|九|十|几|各)(?:市|县|区|地)")
# What may stand between a clause start and its subject: a time word or a connective.
SUBJECT_PREFIX = re.compile(
    r"^[\s“”\"'‘’「」(（]*(?:(?:19|20)\d\d年(?:以来|底|末|初|上半年)?|目前|截至目前|当前|其中|同时|此外|另外|今年|去年|"
    r"全年|当年|近年来|一年来|据统计|数据显示|而)?\s*$")


@dataclass(frozen=True)
class RegionInfo:
    id: str | None
    name: str
    kind: str
    parent_id: str | None


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    region: RegionInfo | None     # None for an anaphor until resolved
    anaphor_kind: str | None = None

    @property
    def is_anaphor(self) -> bool:
        return self.anaphor_kind is not None


class Gazetteer:
    def __init__(self, ref: Reference):
        self.by_id: dict[str, RegionInfo] = {}
        names: dict[str, RegionInfo] = {}
        for row in ref.regions:
            info = RegionInfo(row["id"], row["name_zh"], row.get("kind") or "", row.get("parent_id") or None)
            self.by_id[info.id] = info
            for name in [row["name_zh"], *(a for a in (row.get("aliases") or "").split("|") if a)]:
                names.setdefault(normalize(name).text, info)
        self.names = names
        alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        self._name_re = re.compile(alternation)
        # Zones named after a known place, e.g. 介休经济技术开发区, 清徐经济开发区.
        stems = set()
        for name, info in names.items():
            if info.kind in CITY_KINDS | {"county"} | {"district"}:
                stem = name[:-1] if name[-1] in "市县区" and len(name) >= 3 else name
                if len(stem) >= 2:
                    stems.add(stem)
        self._zone_re = re.compile(
            "(?:" + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True)) + ")"
            + r"[\u4e00-\u9fff]{0,4}?(?:" + "|".join(ZONE_SUFFIXES) + ")")
        anaphors = {word: kind for kind, words in ANAPHORA.items() for word in words}
        self._anaphor_re = re.compile("|".join(sorted(anaphors, key=len, reverse=True)))
        self._anaphor_kind = anaphors

    def ancestors(self, region_id: str | None) -> list[str]:
        out, seen = [], set()
        while region_id and region_id in self.by_id and region_id not in seen:
            seen.add(region_id)
            region_id = self.by_id[region_id].parent_id
            if region_id:
                out.append(region_id)
        return out

    def find(self, text: str) -> list[RegionMention]:
        """All region mentions in `text`, longest first where they overlap, in text order."""
        found: list[RegionMention] = []
        for m in self._name_re.finditer(text):
            if m.group(0).endswith("区") and text[m.end():m.end() + 1] == "域":
                continue  # 太原区域 is "the Taiyuan area", not the 太原区 zone
            found.append(RegionMention(m.start(), m.end(), self.names[m.group(0)]))
        for m in self._zone_re.finditer(text):
            name = m.group(0)
            info = self.names.get(name) or RegionInfo(None, name, "development_zone", None)
            found.append(RegionMention(m.start(), m.end(), info))
        for m in self._anaphor_re.finditer(text):
            found.append(RegionMention(m.start(), m.end(), None, self._anaphor_kind[m.group(0)]))
        found.sort(key=lambda r: (r.start, -(r.end - r.start)))
        result: list[RegionMention] = []
        for mention in found:
            if result and mention.start < result[-1].end:
                continue
            result.append(mention)
        return result


@lru_cache(maxsize=8)
def gazetteer_for(ref: Reference) -> Gazetteer:
    return Gazetteer(ref)


class SubjectTracker:
    """The region a passage is about, updated mention by mention.

    A mention becomes the subject unless it is only a point of comparison (占全市), or a
    parent of the current subject named in passing mid-clause (太原晋武村 in a district report).
    """

    def __init__(self, gaz: Gazetteer, default: RegionInfo | None):
        self.gaz = gaz
        self.default = default
        self.current = default
        self.history: list[RegionInfo] = [default] if default else []

    def reset(self, region: RegionInfo | None = None) -> None:
        self.current = region or self.default

    def resolve_anaphor(self, kind: str) -> RegionInfo | None:
        if kind == "province":
            return self.gaz.by_id.get("shanxi")
        wanted = {"district": DISTRICT_KINDS, "city": CITY_KINDS, "county": {"county"}}[kind]
        for info in reversed(self.history):
            if info.kind in wanted:
                return info
        return self.current

    def observe(self, mention: RegionMention, text: str, clause_start: int,
                previous: RegionMention | None = None, previous_accepted: bool = False) -> bool:
        """Update the subject for a mention in subject position (at the start of a clause, after
        at most a time word, or a parenthesis refining the mention before it: 该区(太原区))."""
        if text[mention.end:mention.end + 1] in ("第", "前"):
            return  # 全市第一, 全省前三: a ranking scope
        head = text[clause_start:mention.start]
        refines = previous is not None and text[previous.end:mention.start] in ("(", "（")
        # 山西省大同市平城区: a chain of places read as one, the last the most specific
        chained = previous_accepted and previous is not None and previous.end == mention.start
        if not (SUBJECT_PREFIX.match(head) or refines or chained):
            return False
        if LIST_OF_PLACES.match(text, mention.end) or (previous is not None and previous.region is not None
                                                      and text[previous.end:mention.start] in ("、", "和", "与", "及")):
            return False  # 太原、忻州两市: several places together are not one subject
        if mention.is_anaphor:
            region = self.resolve_anaphor(mention.anaphor_kind)
            if region is None:
                return False
            if mention.anaphor_kind in ("city", "province") and self.current is not None \
                    and region.id in self.gaz.ancestors(self.current.id):
                return False  # 全市/全省 in a district's report is the comparison base
            self.current = region
            return True
        self.current = mention.region
        self.history.append(mention.region)
        return True
