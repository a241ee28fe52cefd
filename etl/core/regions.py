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
from .lexicon import words
from .textnorm import normalize
from .wordtrie import trie_pattern

ZONE_SUFFIXES = words("zone_suffix")
# Words that point back at the current subject, with the kinds of region they can mean.
ANAPHORA = {kind: words("anaphor_" + kind) for kind in ("district", "city", "county", "province")}
# Words that cannot stand inside a zone's name: verbs of meetings and events, function words
# (else "X市召开开发区…会" would be a zone).
ZONE_INFIX_STOP = "|".join(words("zone_infix_stop"))
# Place words a city's report uses without the city's name (城区, 开发区): resolved against the
# current city.
GENERIC_PLACES = words("generic_place")
# 新华社太原1月2日电: where the reporter filed from
DATELINE_AFTER = re.compile(r"\s?(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯)")
NAMED_PROJECT_AFTER = re.compile(r"(?![市县区各全的])[^，,。；;、“”\"\d]{1,16}?(?:项目|工程)")


_SHORT_ZONE = re.compile(r"(.+?)(?:市|县|区)?(经开区|高新区|开发区)$")
_FULL_OF_SHORT = {"经开区": ("经济技术开发区", "经济开发区"), "高新区": ("高新技术产业开发区",),
                  "开发区": ("经济技术开发区", "经济开发区")}


def _short_zones_as_written_in_full(mentions: list[RegionMention]) -> list[RegionMention]:
    """平遥经开区 in a text that also writes 平遥经济技术开发区: the zone outside the gazetteer
    under the one name its text gives it in full."""
    full = {m.region.name: m.region for m in mentions
            if m.region is not None and m.region.id is None and m.region.kind in ZONE_KINDS}
    if len(full) < 2:
        return mentions
    out = []
    for m in mentions:
        short = _SHORT_ZONE.fullmatch(m.region.name) if m.region is not None and m.region.id is None else None
        if short and m.region.name in full:
            match = next((full[n] for n in full for suffix in _FULL_OF_SHORT[short.group(2)]
                          if n != m.region.name and n.startswith(short.group(1)) and n.endswith(suffix)), None)
            if match is not None:
                m = RegionMention(m.start, m.end, match, m.anaphor_kind)
        out.append(m)
    return out


def _stem(name: str) -> str:
    return name[:-1] if name[-1:] in "市县区" and len(name) >= 3 else name


# 最大同比, 长治久安, 现代县域, 上党课: ordinary words that hold a place's name
LOOKALIKE_RE = re.compile(trie_pattern(words("place_lookalike")))
# A zone followed by one of its parts named after a city: 某经济区某片区 is the zone's part.
BULLET_BEFORE = re.compile(r"(?:^|[。；;！？\n])\s*[(（]?(?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]?$")
ZONE_PART = re.compile(r"片区|区域|板块|组团")
# 增幅最低的五台县, 相邻的阳城县: a description ending in 的 heads the clause's subject
DESCRIBED_BEFORE = re.compile(r"[^，,。；;、的]{1,10}的")
SECTOR_AFTER = re.compile(r"第[一二三]产业")
PERIOD_AFTER = re.compile(r"前(?:三季度|[一二两三四五六七八九十\d]{1,2}个?月)|第[一二三四]季度")
MEDIA_AFTER = re.compile(r"(?:市|县|区)?(?:日报|晚报|晨报|新闻网|新闻中心|融媒体|融媒|广播电视台|电视台|"
                         r"发布|在线|政府网|新闻)")
FIRM_NAME_AFTER = re.compile(r"(?![与和同跟及向、])(?:[\u4e00-\u9fff]{1,16}?(?:有限责任公司|有限公司|股份公司|集团公司|集团有限|集团(?!化))"
                             # 山西某某新材料公司营业收入…: a firm's short name (新增上市公司2家 is the place's count)
                             r"|(?:(?!新增|上市|培育|引进|共有|拥有|现有|规上|规模以上|企业|全市|全省|国有|各类)[\u4e00-\u9fff]){2,12}?公司(?!数|总数))")
# 某市某某产业园项目开工建设 (…项目建成投产, …项目总投资, …项目等11个项目): the place heads one project's name (a round such as 某省2013年第二批
# 重点工程项目集中开工 has a year, a batch or 重点/集中 in it and is about the place)
PROJECT_LIST_AFTER = re.compile(r"[^、,，。;；:：]{2,30}?(?:项目|工程)、"
                                r"|(?:(?!重点|集中|一批|年)[^、,，。;；:：\d批的]){3,30}?项目"
                                r"(?:(?:正式|顺利|建成|全面)?(?:开工|签约|投产|竣工|落地|落户)|(?:计划)?总投资|等)"
                                # 侯马某某新材料、河津某某化工等一批项目: named firms' projects
                                r"|[^、,，。;；:：]{2,16}?、[^。;；，,]{2,30}?等(?:一批|\d+个|[一二两三四五六七八九十]+个)?(?:重点)?项目"
                                # A区某某项目，B县某某项目，C县某某项目等3个项目: items of a list of projects
                                r"|[^、,，。;；:：]{2,30}?项目[,，][^。;；]{0,80}?等(?:\d+|[一二两三四五六七八九十]+)个项目")
# 山西关河羊业屠宰加工项目，…: the province heading a project's or a firm's name
PROVINCE_HEADED_NAME = re.compile(r"省?[\u4e00-\u9fff][\u4e00-\u9fff\d.]{1,30}?(?:项目|工程|公司|集团|基地|园区)(?=[，,、。；;（(])")
PERSON_TITLE_BEFORE = re.compile(r"(?:书记|县长|市长|区长|省长|主任|局长|主席|部长|厅长|处长|董事长|总经理|"
                                 r"记者|通讯员|编辑|摄影|作者)\s?[^\s到在赴至于对与和及从向去来的、，,。]$")
# 在侯马经济开发区启动的9个项目: what is sited there
SITED_AFTER = re.compile(r"[^，,。；;\d]{0,8}的")
TOPIC_AFTER = re.compile(r"(?:改革|建设|体制|工作|升级版|高质量发展)")
LANDMARK_AFTER = re.compile(r"(?:石窟|景区|古城|古镇|研究院|大学|学院|医院|机场|火车站|高铁站|银行|博物馆|公园|寺|站|"
                            r"海关|铁路局|供电公司|分行|支行|中心支行|税务局|调查队)")   # 太原海关发布…全省数据
# 大同至原平高铁 (both ends), 太原能源低碳发展论坛, 忻州五台山机场: a route or a name that starts
# with a place, not a statement about it
NAMED_AFTER = re.compile(r"(?:市|县)?(?:至|—|－)[\u4e00-\u9fff]{2}|[^，。,；;、\n]{0,12}?(?:论坛|博览会|峰会|机场)")
ROUTE_END_BEFORE = re.compile(r"[\u4e00-\u9fff]{2}(?:市|县)?(?:至|—|－)$")
CITY_KINDS = {"prefecture_city", "county_city"}
DISTRICT_KINDS = {"district", "development_zone", "economic_zone", "county"}
ZONE_KINDS = {"development_zone", "economic_zone"}
# What may separate a place from a more specific one it heads: (山西省)晋城市, 【山西·长治】.
CHAIN_GAP = re.compile(r"[\s)）】\]·:：]*")
LOCATED = re.compile(r"(?:位于|地处|坐落于|坐落在)[\u4e00-\u9fff]{0,6}$")
# After 全市/全省: words that make it the base of a comparison rather than the subject.
TOTAL_AFTER = re.compile(r"(?:上半年|一季度|前三季度|今年以来|全年|\d{1,2}-\d{1,2}月)?[,，]?"
                         r"(?:共|累计|完成|实现|新增|签约|开工|达到|在建|新建|拥有|现有|实有|规上|规模以上|地区生产总值|GDP|"
                         r"固定资产投资|一般公共预算|社会消费品|城镇新增|进出口)")
# A region named right after these is a point of comparison or a location, not the subject:
# 占全市的60%, 居全省第一, 地处某市南端, 在全省率先.
LIST_OF_PLACES = re.compile(r"(?:、|和|与|及)[\u4e00-\u9fff]{2,8}?(?:两|三|四|五|六|七|八|九|十|几|各)(?:市|县|区|地)")
# What may stand between a clause start and its subject: a time word or a connective.
SUBJECT_PREFIX = re.compile(
    # (012021年上半年某县…: a page's item number run into the year that opens the heading)
    r"^[\s“”\"'‘’「」(（【\[\-•·*]*(?:0[1-9](?=(?:19|20)\d\d年))?(?:(?:19|20)\d\d年(?:以来|底|末|初|上半年)?|目前|截至目前|当前|其中|同时|此外|另外|今年|去年|"
    r"1\s*[—\-－~～至]\s*\d{1,2}月(?:份)?|前\d{1,2}个月|一季度|前三季度|上半年|"
    r"全年|当年|近年来|一年来|据统计|数据显示|而|其次是|其次为|然后是|之后是|再次是|"
    # (推动某开发区营业收入突破…: the zone is what the goal is of; 省会太原: the city in apposition)
    r"力争|确保|争取|推动|促进|此次|本次|这次|近日|日前)?\s*(?:省会|作为省会的?)?$")


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
        self._name_re = re.compile(trie_pattern(names))
        # Zones named after a known place, e.g. 介休经济技术开发区, 清徐经济开发区.
        stems: dict[str, RegionInfo] = {}
        for name, info in names.items():
            if info.kind in CITY_KINDS | {"county"} | {"district"}:
                stem = name[:-1] if name[-1] in "市县区" and len(name) >= 3 else name
                if len(stem) >= 2:
                    stems.setdefault(stem, info)
        self._zone_hosts = stems
        # A zone is a place name, an optional 市/县/区, a short infix naming the trade (不锈钢,
        # 现代农业) and a zone suffix. The infix never holds a verb or a function word: that
        # would make "X市召开开发区…会" a zone.
        self._zone_re = re.compile(
            "(?:" + trie_pattern(stems) + ")"
            + r"(?:市|县|区)?(?:(?!" + ZONE_INFIX_STOP + r")[\u4e00-\u9fff]){0,5}?(?:"
            + "|".join(ZONE_SUFFIXES) + ")")
        self._generic_re = re.compile(r"(?:(?<![\u4e00-\u9fff])|(?<=[和及与、]))(?:"
                                      + "|".join(GENERIC_PLACES) + ")")
        anaphors = {word: kind for kind, words in ANAPHORA.items() for word in words}
        self._anaphor_re = re.compile(trie_pattern(anaphors))
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
        lookalikes = [(m.start(), m.end()) for m in LOOKALIKE_RE.finditer(text)]
        for m in self._name_re.finditer(text):
            if lookalikes and any(a < m.end() and m.start() < b for a, b in lookalikes):
                continue
            if m.group(0).endswith("区") and text[m.end():m.end() + 1] == "域":
                continue  # 太原区域 is "the Taiyuan area", not the 太原区 zone
            if m.group(0).startswith("代") and text[m.end():m.end() + 1] == "长":
                continue  # 代县长 is an acting county head, not 代县
            found.append(RegionMention(m.start(), m.end(), self.names[m.group(0)]))
        for m in self._zone_re.finditer(text):
            name = m.group(0)
            # a zone not in the gazetteer belongs to the place it is named after
            host = next((h for stem, h in self._zone_hosts.items() if name.startswith(stem)), None)
            info = self.names.get(name) or self._zone_variant(name)
            if info is None and host is not None and host.kind == "prefecture_city" \
                    and name in (host.name + "开发区", host.name + "各开发区"):
                info = host   # 忻州市开发区…活动: the city's zones together, said of the city
            info = info or RegionInfo(None, name, "development_zone", host.id if host else None)
            found.append(RegionMention(m.start(), m.end(), info))
        for m in self._anaphor_re.finditer(text):
            if m.group(0).endswith("开发区") and TOPIC_AFTER.match(text, m.end()):
                continue   # 开发区改革, 开发区建设: a line of work, not a place
            found.append(RegionMention(m.start(), m.end(), None, self._anaphor_kind[m.group(0)]))
        for m in self._generic_re.finditer(text):
            if m.group(0).endswith("开发区") and TOPIC_AFTER.match(text, m.end()):
                continue
            found.append(RegionMention(m.start(), m.end(), None, "generic:" + m.group(0)))
        # 常务副县长王晋中, 记者 李长治: a person's name that holds a place's name; 新华社太原1月2日电:
        # where the reporter filed from, not what the text is about
        found = [r for r in found if r.region is None
                 or not (PERSON_TITLE_BEFORE.search(text, max(0, r.start - 6), r.start)
                         or DATELINE_AFTER.match(text, r.end))]
        found.sort(key=lambda r: (r.start, -(r.end - r.start)))
        result: list[RegionMention] = []
        for mention in found:
            if result and mention.start < result[-1].end:
                continue
            if result and mention.region is not None and result[-1].region is not None \
                    and result[-1].end == mention.start and result[-1].region.kind in ZONE_KINDS \
                    and ZONE_PART.match(text, mention.end):
                zone = result.pop()
                end = ZONE_PART.match(text, mention.end).end()
                mention = RegionMention(zone.start, end, self.part_of(zone.region, mention.region))
            result.append(mention)
        return _short_zones_as_written_in_full(result)

    def _zone_variant(self, name: str) -> RegionInfo | None:
        """A zone written short (某某经开区, 某某县开发区) that the gazetteer knows by its full name."""
        # (某市开发区 is the city's zones together, never one of them)
        stem = re.sub(r"(?:县)?经开区$|县(?:经济)?开发区$", "", name)
        if stem == name or len(stem) < 2:
            return None
        for full in ("经济技术开发区", "经济开发区"):
            for place in (stem, stem + "县", stem + "市"):
                info = self.names.get(place + full)
                if info is not None:
                    return info
        return None

    def host_of(self, zone: RegionInfo) -> RegionInfo | None:
        """The county or city a zone is named after (平遥经济技术开发区 -> 平遥县), if any."""
        for stem, host in self._zone_hosts.items():
            if zone.name.startswith(stem) and len(stem) >= 2:
                return host
        return None

    def part_of(self, zone: RegionInfo, place: RegionInfo) -> RegionInfo:
        """The part of `zone` named after `place` (a child whose name holds the place's stem),
        else the zone itself: never the city the part is named after."""
        stem = place.name[:-1] if place.name[-1:] in "市县区" and len(place.name) >= 3 else place.name
        for info in self.by_id.values():
            if info.parent_id == zone.id and stem in info.name:
                return info
        return zone

    def generic_in(self, word: str, around: RegionInfo | None) -> RegionInfo | None:
        """城区/开发区/高新区 of the city the current subject belongs to (in a zone's own text,
        开发区/园区 is that zone)."""
        if around is not None and around.kind in ZONE_KINDS and (
                word in ("开发区", "园区", "示范区") or (word == "高新区" and "高新" in around.name)
                or (word == "经开区" and ("经济技术" in around.name or "经开" in around.name))):
            return around
        if word in ("园区", "园内"):
            return None   # (a park named so outside a zone's own text: which one is unknown)
        city = around
        while city is not None and city.kind != "prefecture_city":
            city = self.by_id.get(city.parent_id) if city.parent_id else None
        if city is None:
            return None
        children = [r for r in self.by_id.values() if r.parent_id == city.id]
        if word in ("城区", "郊区", "矿区", "南郊区"):
            return next((r for r in children if r.name == city.name + word), None)
        stem = city.name[:-1]
        if "高新" in word:
            wanted = ("高新技术产业开发区", "高新区")
        else:
            wanted = ("经济技术开发区", "经济开发区", "开发区")
        for suffix in wanted:
            hit = next((r for r in children if r.kind in ZONE_KINDS and r.name.startswith(stem)
                        and r.name.endswith(suffix)), None)
            if hit:
                return hit
        return RegionInfo(None, stem + word if word.startswith(("开发区", "经开区", "高新区")) else city.name + word,
                          "development_zone", city.id)


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

    def new_paragraph(self) -> None:
        """A place inside the document's subject, named in an earlier paragraph, does not run
        on into a new one (分县区看，某县…。 then 主要产品中，…: the city again); 该县 still
        finds it in the history."""
        cur, default = self.current, self.default
        if default is not None and cur is not None and cur is not default:
            self.current = default

    def generic(self, word: str) -> RegionInfo | None:
        """城区/开发区/园区 resolved: in a zone's own text its 开发区/园区 is the zone, even after a
        sentence about the county around it; elsewhere the city in force's."""
        if self.default is not None and self.default.kind in ZONE_KINDS:
            own = self.gaz.generic_in(word, self.default)
            if own == self.default:
                return own
        if word in ("园区", "园内"):
            # 某县精细化工园区规划面积…。园内企业达到40家: the park named last
            return next((r for r in reversed(self.history) if r.kind in ZONE_KINDS), None)
        return self.gaz.generic_in(word, self.current)

    def resolve_anaphor(self, kind: str) -> RegionInfo | None:
        if kind == "province":
            return self.gaz.by_id.get("shanxi")
        wanted = {"district": DISTRICT_KINDS, "city": CITY_KINDS,
                  "county": {"county", "county_city"}}[kind]
        if self.current is not None and self.current.kind in wanted:
            return self.current   # 全区 in the district's own text, back in force
        for info in reversed(self.history):
            if info.kind in wanted:
                return info
        for info in reversed(self.history):
            host = self.gaz.host_of(info) if info.kind in ZONE_KINDS else None
            if host is not None and host.kind in wanted:
                return host   # 全县 in a county zone's text: the county it is named after
        if kind == "city" and self.current is not None:
            # 全市 in a district's text: the city the district belongs to
            for rid in self.gaz.ancestors(self.current.id):
                if self.gaz.by_id[rid].kind in CITY_KINDS:
                    return self.gaz.by_id[rid]
        return self.current

    def observe(self, mention: RegionMention, text: str, clause_start: int,
                previous: RegionMention | None = None, previous_accepted: bool = False,
                following: RegionMention | None = None) -> bool:
        """Update the subject for a mention in subject position (at the start of a clause, after
        at most a time word, or a parenthesis refining the mention before it: 该区(太原区)).
        Returns whether the mention became the subject."""
        if text[mention.end:mention.end + 1] in ("第", "前") and not SECTOR_AFTER.match(text, mention.end) \
                and not PERIOD_AFTER.match(text, mention.end):   # (某区前三季度…: a period, no rank)
            return False  # 全市第一, 全省前三: a ranking scope (运城市第一产业…: the subject)
        if mention.region is not None and mention.region.kind == "province" \
                and text.startswith(("各市", "各地市", "各县", "11市", "11个市"), mention.end):
            return False  # 山西各市GDP增速排名: the field of a ranking, not its subject
        if mention.region is not None and LOCATED.search(text, 0, mention.start) \
                and text[mention.end:mention.end + 1] == "的":
            # 位于某市某县的一家企业: the place is the topic that 该县/全县 will point back to
            self.history.append(mention.region)
            return False
        if mention.region is not None and LANDMARK_AFTER.match(text, mention.end):
            return False  # 云冈石窟, 忻州古城, 山西大学: a landmark or an institution, not the subject
        if mention.region is not None and MEDIA_AFTER.match(text, mention.end):
            return False  # 来源：太原日报, 晋城发布: a newspaper or an outlet, not the subject
        if mention.region is not None and (NAMED_AFTER.match(text, mention.end) or ROUTE_END_BEFORE.search(
                text, max(0, mention.start - 5), mention.start)):
            return False
        if mention.region is not None and FIRM_NAME_AFTER.match(text, mention.end):
            return False  # 山西某某科技有限公司: the place starts a firm's name
        default = self.default
        if mention.region is not None and default is not None and default.kind in ZONE_KINDS \
                and mention.region == self.gaz.host_of(default) and NAMED_PROJECT_AFTER.match(text, mention.end):
            self.current = default   # 平遥古陶产业园项目… in the zone's own text: a project of the zone
            return True
        if mention.region is not None and (PROJECT_LIST_AFTER.match(text, mention.end) or (
                mention.region.kind == "province" and PROVINCE_HEADED_NAME.match(text, mention.end))):
            return False  # 某开发区年产20万吨…项目、某区…项目等16个项目签约: it heads a project's name
        if mention.region is not None and mention.region.kind in ZONE_KINDS and default is not None \
                and default.kind not in ZONE_KINDS and text[mention.end - 2:mention.end] in ("片区", "板块", "组团") \
                and _stem(default.name) in text[mention.start:mention.end]:
            return False   # 太忻一体化经济区阳曲片区 in 阳曲县's text: its own part of the zone, in passing
        head = text[clause_start:mention.start]
        between = text[previous.end:mention.start] if previous is not None else None
        refines = previous is not None and between in ("(", "（")
        # 山西省大同市平城区, (山西省)晋城市, 【山西·长治】: a chain of places read as one,
        # the last the most specific
        chained = previous_accepted and previous is not None and between is not None and CHAIN_GAP.fullmatch(between) \
            and (between == "" or self._descends(mention, previous))
        if clause_start > 0 and text[clause_start - 1] == "、" and not chained \
                and not BULLET_BEFORE.search(text, 0, clause_start - 1):
            return False  # 、 joins list items: an item is not a subject (1、某县… is a bullet)
        described = mention.region is not None and (DESCRIBED_BEFORE.fullmatch(head) is not None or (
            head.strip() in ("在", "于", "其中在") and (text[mention.end:mention.end + 1] in (",", "，")
                                                    or SITED_AFTER.match(text, mention.end))))
        # (在忻州经济开发区，某产业园已完成投资…: the place set before the comma is the topic)
        if not (SUBJECT_PREFIX.match(head) or refines or chained or described):
            return False
        if LIST_OF_PLACES.match(text, mention.end) or (previous is not None and previous.region is not None
                                                      and between in ("、", "和", "与", "及")):
            return False  # 太原、忻州两市: several places together are not one subject
        if mention.region is not None and following is not None and following.region is not None \
                and text[mention.end:following.start] in ("、", "和", "与", "及"):
            return False  # A、B两县…分别: the list's head is no more the subject than its tail
        if mention.is_anaphor and mention.anaphor_kind.startswith("generic:"):
            region = self.generic(mention.anaphor_kind[8:])
            if region is None:
                return False
            self.current = region
            return True
        if mention.is_anaphor:
            region = self.resolve_anaphor(mention.anaphor_kind)
            if region is None:
                return False
            if mention.anaphor_kind in ("city", "province") and self.current is not None \
                    and region.id in self.gaz.ancestors(self.current.id) \
                    and not TOTAL_AFTER.match(text, mention.end):
                # 全市平均水平, 全省开发区…活动: in a district's text the wider area is a
                # comparison base or a scope, unless its own total follows (全市共新增…)
                return False
            self.current = region
            return True
        region = mention.region
        if self.current is not None and self.current.kind in ZONE_KINDS and region.kind not in ZONE_KINDS \
                and ZONE_PART.match(text, mention.end):
            # 太原片区 in a zone's text: the zone's part named after the city, not the city
            region = self.gaz.part_of(self.current, region)
        self.current = region
        self.history.append(region)
        return True

    def _descends(self, mention: RegionMention, previous: RegionMention) -> bool:
        if mention.region is None or previous.region is None or previous.region.id is None:
            return False
        return previous.region.id in self.gaz.ancestors(mention.region.id) or \
            mention.region.parent_id == previous.region.id
