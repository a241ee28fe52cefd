"""The document frame: what kind of document this is, which year its plain figures are about,
which region it is about and whether its figures are achievements or plans. Decided once,
before any fact, each decision with the name of the rule that took it (stored with the
document, so a reader can see "why this year").

These decisions poison every fact of a document when they go wrong, so each rule is small,
named and tested on its own (tests/core/test_frame.py).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from datetime import date

from ..models import DocumentFrame
from .lexicon import lexicon_rows, words_re
from .regions import (FIRM_NAME_AFTER, LANDMARK_AFTER, MEDIA_AFTER, NAMED_AFTER, ROUTE_END_BEFORE, Gazetteer, RegionInfo,
                      RegionMention)

# Where a document says what it is: its title, else its first lines.
_HEAD_CHARS = 300
# A department's year-end 工作总结 reviews its year and plans the next like a report does.
REPORT = re.compile(r"政府工作报告|工作报告|计划执行情况|预算执行情况|工作总结")
# 一、2024年工作回顾: a report's review header names the year it reviews
_REVIEW_HEADER = re.compile(r"((?:19|20)\d{2})\s*年(?:工作)?(?:回顾|总结)|((?:19|20)\d{2})\s*年(?:国民经济和社会发展)?计划执行情况")
_PART_YEAR_TITLE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:上半年|前三季度|一季度|第[一二三]季度|1-\d{1,2}月)")
REPORT_PAGE = words_re("report_page")          # 节选, 摘要, 第3页, (三) ...
REPORT_NEWS = words_re("report_news")          # 发布, 解读, 看点, 报告提出 ...
BULLETIN = re.compile(r"统计公报|国民经济和社会发展统计公报|统计年鉴|经济社会发展公报")
PLAN_DOC = words_re("plan_document")           # 规划, 行动计划, 实施方案, 纲要 ...
# 某县十四五规划纲要实施中期评估报告: a review of how a plan is going, not the plan
PLAN_REVIEW = re.compile(r"评估|实施情况|执行情况|完成情况|进展情况|实施成效|成就|成效|回顾|收官|(?:高质量|圆满|全面)完成"
                         r"|(?:稳步|加快|扎实|有序|持续)(?:实施|推进)|落地见效|进展顺利")
ECONOMIC_NEWS = words_re("economic_news")      # 经济运行, 前N月, 上半年 ...
ROUNDUP = words_re("project_roundup")          # 三个一批, 集中签约, 集中开工 ...
INVESTMENT = words_re("investment_news")
REVIEW_MARKERS = words_re("review_marker")       # 招商, 签约, 推介 ...
FEATURE = words_re("feature")                  # 专访, 访谈, 走进, 记者手记 ...
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# The opening of a work report's review: 在县人大、县政协的监督支持下
_FILED_MONTH = re.compile(r"(?:新华社|中新社|中新网|新华网|人民网|央广网|本报)\s*[\u4e00-\u9fff]{0,6}?\s?(\d{1,2})月\d{1,2}日(?:电|讯)")
_BASE_YEAR_BEFORE = re.compile(r"(?:与|比|较|同|相较于?|对比)\s*$")
_BASE_YEAR_AFTER = re.compile(r"(?:上半年|前三季度|一季度|同期|全年)?(?:相比|比较|对比|以来)")
# A bulletin that lost its title: the bureaus' byline or 初步核算，全年… in its first lines
_BULLETIN_BODY = re.compile(r"初步核算[，,]?\s*全年|国家统计局[\u4e00-\u9fff]{2,6}调查队\s*\n")
_REPORT_SIGNATURE = re.compile(r"在[^，,。；;]{0,6}人大[^，,。；;]{0,8}政协[^，,。；;]{0,4}监督支持下")
# A title that carries the delivery date of a report (…报告(2023年2月14日)).
_DELIVERED = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月")
# The report's own dateline: ——Y年M月D日在某县人大会议上 (the delivery line)
_DELIVERY_LINE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日\s*在[^\n]{0,40}?(?:会议|大会)")
_AT_CLAUSE_START = re.compile(r"(?:^|[\n，,。；;:：])\s*(?:(?:19|20)\d\d年|近日|日前|今年以来|上半年|一季度|前三季度)?[,，]?\s*$")
# 比全省高, 居全市第一, 领跑全市: after these the province or the city is the field of a comparison;
# 与全省同步举行: the place keeps pace with the province, which is not what the text is about
_FIELD_AFTER = "赢于过超居列在领先比较跑与同随"
_COMPARED_BEFORE = re.compile(f"[{_FIELD_AFTER}]$")
_DATELINE_PLACE = re.compile(r"([\u4e00-\u9fff]{2,8}?)\s?(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:电|讯)")
# Dates ingest guessed (from the body, the title's year or nothing): only the year, if that, is known
GUESSED_DATE_RULES = ("content", "body_latest_year", "body_completed_year", "body_plan_year", "title_year", "none")
_CONGRESS_OF = re.compile(r"在([\u4e00-\u9fff]{2,12}?)第[一二三四五六七八九十\d]{1,4}届人民代表大会")
_TITLE_PREFIX_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,4}[:：丨|]")
_LOOKED_BACK_YEAR = re.compile(r"(?:回望|回顾|盘点|回眸|总结|细数)\s*((?:19|20)\d{2})\s*年")
_STATED_REVIEW_YEAR = re.compile(r"((?:19|20)\d{2})年[,，]?\s*(?:全省|全市|全县|全区|我省|我市|我县|我区)?(?:实现)?(?:地区)?生产总值")
# A news lead: 本报讯, 记者…报道, 某地某月某日电
_NEWS_LEAD = re.compile(r"本报讯|记者|日电|消息|讯[）)]?\s|据[^，,。]{0,10}(?:报道|消息)")


def _head(text: str, title: str | None) -> str:
    return (title or "") + "\n" + text[:_HEAD_CHARS]


def own_date(text: str, doc_date: date | None, frame=None) -> date | None:
    """The date the text speaks from, for 今年/明年/去年 and 截至目前: a report's own delivery
    line (——2024年12月26日在…会议上; a repost's date is not), or for news of a report that
    states the year it reviews, the year after it; else the document's date.
    (A "2023年是…之年" is no such evidence: a report's review says it of the year past.)"""
    m = _DELIVERY_LINE.search(text[:600])
    if m and 1 <= int(m.group(2)) <= 12:
        return date(int(m.group(1)), int(m.group(2)), 1)
    if frame is not None and frame.reference_year_rule == "report_news_states_reviewed_year":
        return date(frame.reference_year + 1, 1, 1)
    return doc_date


def doc_type_of(text: str, title: str | None) -> tuple[str, str]:
    """(doc_type, rule). The title decides first; without a title the first lines do."""
    head = title or text[:120].split("\n", 1)[0]
    body_head = text[:_HEAD_CHARS]
    if BULLETIN.search(head) or BULLETIN.search(body_head[:80]):
        return "statistics_bulletin", "bulletin_title"
    if (not title or re.search(r"统计局|调查队", title)) and _BULLETIN_BODY.search(body_head) and re.search(r"[一二]、\s*综\s*合|统计局", body_head):
        return "statistics_bulletin", "bulletin_body"
    if REPORT.search(head):
        if REPORT_NEWS.search(head) or _NEWS_LEAD.search(text[:150]):
            return "work_report_news", "report_title_news_words"
        if REPORT_PAGE.search(head):
            return "work_report_page", "report_title_page_words"
        return "work_report", "report_title"
    if REPORT.search(body_head):
        if re.search(r"各位代表|代表们", text[:3000]):
            return "work_report", "report_address_in_body"
        return "work_report_news", "report_named_in_lead"
    if _REPORT_SIGNATURE.search(text, 0, 3000):
        # 一年来，在县人大、县政协的监督支持下，县政府团结带领…: a report's review, relayed
        return "work_report_news", "report_review_signature"
    for rx, kind, rule in ((PLAN_DOC, "plan_document", "plan_title"),
                           (ROUNDUP, "project_roundup", "roundup_title"),
                           (ECONOMIC_NEWS, "economic_news", "economic_title"),
                           (INVESTMENT, "investment_news", "investment_title"),
                           (FEATURE, "feature", "feature_title")):
        if rx.search(head) and not (kind == "plan_document" and PLAN_REVIEW.search(head)):
            return kind, rule
    if re.search(r"各位代表|代表们", text[:3000]) and re.search(r"一年来|过去一年", text):
        return "work_report", "report_address_in_body"
    return "news", "default"


def reference_year_of(doc_type: str, text: str, title: str | None, doc_date: date | None,
                      date_guessed: bool = False) -> tuple[int | None, str]:
    """The year plain (undated) figures refer to, with the rule.

    A work report (or a page or news of one) given in January-April of year Y reviews Y-1; a
    statistics bulletin is about the year its title names; anything else is about the year it
    was written in."""
    head = title or text[:120].split("\n", 1)[0]
    if doc_type == "statistics_bulletin":
        years = [int(y) for y in _TITLE_YEAR.findall(head)]
        if years:
            return min(years), "bulletin_title_year"
        if doc_date:
            return doc_date.year - (doc_date.month <= 6), "bulletin_published_before_july"
    if doc_type == "work_report_news":
        # news of a report reposted later: 初步核算，2023年全省地区生产总值… names the year reviewed
        stated = _STATED_REVIEW_YEAR.search(text[:800])
        usual = reference_year_of("work_report", text, title, doc_date)
        if stated and usual[0] and int(stated.group(1)) < usual[0]:
            return int(stated.group(1)), "report_news_states_reviewed_year"
        return usual
    if doc_type.startswith("work_report"):
        header = _REVIEW_HEADER.search(head + "\n" + text[:3000])
        if header:
            return int(header.group(1) or header.group(2)), "report_review_header"
        part = _PART_YEAR_TITLE.search(head)
        if part:   # 某县2024年上半年工作总结: a summary of part of the year it names
            return int(part.group(1)), "report_title_part_of_year"
        # The report's own date beats a repost date: its dateline, the date in its title,
        # else the year its title names (reports are given in the first months of a year).
        delivered = doc_date
        looked_back = _LOOKED_BACK_YEAR.search(head)
        if looked_back:   # 政府工作报告：回望2023年… names the year reviewed
            return int(looked_back.group(1)), "title_names_reviewed_year"
        titled = [int(y) for y in _TITLE_YEAR.findall(head)]
        m = _DELIVERY_LINE.search(text[:600]) or _DELIVERED.search(head)
        filed = _FILED_MONTH.search(text, 0, _HEAD_CHARS)
        if m and 1 <= int(m.group(2)) <= 12:
            delivered = date(int(m.group(1)), int(m.group(2)), 1)
        elif filed and doc_date and 1 <= int(filed.group(1)) <= doc_date.month:
            # 中新网运城2月16日电 on a page reposted in October: the news was filed in February
            delivered = date(doc_date.year, int(filed.group(1)), 1)
        elif titled and (doc_date is None or max(titled) != doc_date.year or doc_date.month > 4):
            return max(titled) - 1, "report_title_year_minus_one"
        if delivered and delivered.month <= 4:
            return delivered.year - 1, "report_reviews_previous_year"
        if delivered and not m and not date_guessed and delivered.month <= 10 \
                and _REPORT_SIGNATURE.search(text, 0, 3000):
            # a report's review (人大、政协监督支持下) on a page dated May-October: relayed or
            # reposted after the session; reports are given by spring or late in the year
            return delivered.year - 1, "report_relayed_later"
        if delivered:
            return delivered.year, "report_given_late_in_year"
        years = [int(y) for y in _TITLE_YEAR.findall(head)]
        if years:
            return max(years) - 1, "report_title_year_minus_one"
    # 长治高新区2023年发展回眸, published in January 2024: a title naming a finished year (a
    # base compared with, 与2019年同期相比, names no year of the text; nor does a first line of
    # prose standing in for a missing title)
    titled = [int(m.group(1)) for m in _TITLE_YEAR.finditer(head)
              if not _BASE_YEAR_BEFORE.search(head, 0, m.start()) and not _BASE_YEAR_AFTER.match(head, m.end())]
    if titled and doc_date and max(titled) < doc_date.year and not re.search(r"以来|到|至", head) \
            and (title or len(head) <= 40):
        return max(titled), "title_names_earlier_year"
    if doc_date:
        return doc_date.year, "document_year"
    return None, "unknown"


def mode_of(doc_type: str, title: str | None, text: str = "") -> tuple[str, str]:
    if doc_type == "plan_document":
        return "plan", "plan_document"
    if doc_type == "work_report_news" and not REVIEW_MARKERS.search(text) \
            and not re.search(r"去年|上年|报告显示|报告指出|总结了|取得的成绩|工作成果|成就", text):
        return "plan", "report_news_without_review"
    if doc_type.startswith("work_report") and title and re.search(r"工作安排|目标|计划|任务|路线图", title) \
            and not re.search(r"总结|回顾|执行情况|完成情况", title):
        # (…工作总结及2024年工作计划, 计划执行情况: a review first, then the plan)
        return "plan", "report_plan_part_title"
    if doc_type in ("work_report", "work_report_page", "work_report_news"):
        return "mixed", "report_review_then_plan"
    return "review", "default"


# A title or lead about the whole province (全省各市, 我省…): the province is the subject.
PROVINCE_SCOPE = re.compile(f"(?<![{_FIELD_AFTER}])(?:全省|我省|本省)(?!第|前|首|平均|排名|排位|位次)|各市|山西省各")
CITY_SCOPE = re.compile(f"(?<![{_FIELD_AFTER}])(?:全市|我市|本市)(?!第|前|首|平均|排名|排位|位次)|各县")
# 增速全省排名第一, 全省平均: the province as the field a figure is ranked or measured in
_FIELD_WORD_AFTER = re.compile(r"(?:排名|排位|排序|位次|位居|第|前|首|平均|同期|水平)")


def subject_of(mentions: list[RegionMention], gaz: Gazetteer, text: str, title: str | None,
               outlet: str | None = None) -> tuple[RegionInfo | None, str]:
    """The region the title is about (its first place, or the deepest of a chain such as
    (山西省)晋城市 or 长治:沁县; the province for 全省/各市), else the lead's, else the region
    most named in the body (their common ancestor when siblings tie)."""
    province = gaz.by_id.get("shanxi")
    if title:
        in_title = gaz.find(title)
        found = [m for m in in_title if m.region is not None and not _in_passing(title, m)]
        for city, part in zip(in_title, in_title[1:]):
            if city.region is not None and part.region is None and part.start == city.end \
                    and (part.anaphor_kind or "").startswith("generic:"):
                district = gaz.generic_in(part.anaphor_kind[8:], city.region)
                if district is not None:   # 阳泉郊区: the city's district of that name
                    found = [RegionMention(city.start, part.end, district)] + [m for m in found if m is not city]
        scope = PROVINCE_SCOPE.search(title)
        # 某开发区参加全省…活动: a place named before the province-wide event is the subject
        if scope and province is not None and not (found and found[0].start < scope.start()):
            return province, "title_province_scope"
        if found:
            region = _deepest(found, gaz)
            prefix = _TITLE_PREFIX_PLACE.match(title)
            if prefix and region.kind == "prefecture_city":
                # 长治：武乡县秋季重点项目集中开工: the city before the colon is the outlet's; the
                # lead's county (one of the city's) is the subject
                lead = [m for m in mentions if m.start < _HEAD_CHARS and m.region is not None
                        and m.region.parent_id == region.id and not _in_passing(text, m)
                        and _AT_CLAUSE_START.search(text, max(0, m.start - 12), m.start)]
                if lead:
                    return lead[0].region, "lead_refines_city_prefix"
            if region is not province:
                return region, "title"
            # 山西唯一的…: a title naming only the province while the lead is about one place
            # (unless the lead speaks of 全省 first: a province-wide text that names cities)
            named = [m for m in mentions if m.start < _HEAD_CHARS and m.region is not None
                     and not _in_passing(text, m)]
            lead = [m for m in named if m.region is not province]
            whole = PROVINCE_SCOPE.search(text[:_HEAD_CHARS])
            # (山西省人民政府省长…: the lead names the province itself first)
            # (a province's work report names its cities in passing: never one city's)
            if lead and not (whole and whole.start() < lead[0].start) and named[0].region is not province \
                    and not REPORT.search(title):
                return _first_of_chain(lead, gaz, text), "lead_refines_province_title"
            return region, "title"
        if CITY_SCOPE.search(title):
            city = _most_named(mentions, gaz, text, kinds=("prefecture_city",))
            if city is not None:
                return city, "title_city_word"
            # 我市县域经济: the city's own counties are named, never the city itself
            city = _city_holding(mentions, gaz)
            if city is not None:
                return city, "title_city_word_counties"
    # ——在某县第N届人大N次会议上: the people's congress a work
    # report was given to is the place it is about, whatever site furniture precedes it
    delivered = _CONGRESS_OF.search(text, 0, _HEAD_CHARS)
    if delivered:
        at = [m for m in mentions if delivered.start(1) <= m.start < delivered.end(1) and m.region is not None]
        if at:
            return _first_of_chain(at, gaz, text), "delivery_line"
    lead = text[:_HEAD_CHARS]
    found = [m for m in mentions if m.start < len(lead) and not _in_passing(text, m)
             and (m.region is not None or (m.anaphor_kind == "province"
                                           and not _COMPARED_BEFORE.search(text, max(0, m.start - 3), m.start)
                                           and not _FIELD_WORD_AFTER.match(text, m.end)))]
    if found:
        said = _SELF_REFERENCE.search(text, 0, found[0].start)
        if found[0].region is None:
            # 我市…共签约17个。全省共签约268个: "ours" before the province is the outlet's place
            own = _own_outlet(mentions, gaz, text, outlet) if said else None
            return (own, "outlet_of_own_news") if own is not None else (province, "lead_province_word")
        if said and found[0].region.kind not in _SELF_KINDS[said.group(1)]:
            # 全市地区生产总值…，新增山西省专精特新企业12家: the text's own place is unnamed
            own = _own_outlet(mentions, gaz, text, outlet)
            if own is None and said.group(1) == "市" and found[0].region.kind in ("county", "district", "county_city"):
                # 全市…，其中某县…某县…: the one city all the named counties belong to
                city = _city_holding(mentions, gaz)
                if city is not None:
                    return city, "city_of_named_counties"
            return own, "outlet_of_own_news"
        if _OWN_GOVERNMENT.search(text, 0, found[0].start) and found[0].region.id:
            # 本报讯 市政府与某集团签署协议…某县与该集团签订…: the outlet's own government acts;
            # a place of its own named after that is where one part happens
            own = _own_outlet(mentions, gaz, text, outlet)
            if own is not None and own.id in gaz.ancestors(found[0].region.id):
                return own, "outlet_of_own_news"
        return _first_of_chain([m for m in found if m.region is not None], gaz, text), "lead"
    top = _most_named(mentions, gaz, text)
    said = _SELF_REFERENCE.search(text[:2000])
    if top is not None and said and top.kind not in _SELF_KINDS[said.group(1)]:
        # 全市… with only 山西省 named in passing (山西省某某中心): the outlet's city, or none
        return _own_outlet(mentions, gaz, text, outlet), "outlet_of_own_news"
    if top is not None:
        return top, "body_most_named"
    own = _own_outlet(mentions, gaz, text, outlet)
    return (own, "outlet_of_own_news") if own is not None else (None, "none")


# 我县/全县…: a text that names its place only as "ours" is about the place that published it
_URL_HOST = re.compile(r"https?://([A-Za-z0-9.\-]+)")
_SELF_REFERENCE = re.compile(r"(?:我|全|本)(县|区|市|旗)")
_OWN_GOVERNMENT = re.compile(r"(?:^|[\s，,。：:讯])(?:市|县|区)(?:委|政府|人大|政协)")
_SELF_KINDS = {"县": ("county", "county_city"), "区": ("district", "development_zone", "economic_zone"),
               "市": ("prefecture_city", "county_city"), "旗": ("county",)}


@lru_cache(maxsize=1)
def _site_hosts() -> dict[str, str]:
    return {row["word"]: row["region_id"] for row in lexicon_rows("site_hosts")}


def _own_outlet(mentions, gaz: Gazetteer, text: str, outlet: str | None) -> RegionInfo | None:
    """The place of the outlet that published a text about 我县/全区 (来源：某县融媒体中心, or the
    site it was published on), when the text itself names no place."""
    said = _SELF_REFERENCE.search(text[:2000])
    if said is None:
        return None
    kinds = _SELF_KINDS[said.group(1)]
    candidates = [m.region for m in mentions if m.region is not None and m.start < _HEAD_CHARS
                  and MEDIA_AFTER.match(text, m.end)]
    # 中新网长治6月5日电 今年以来，全市…: where the reporter filed from (no subject of its own
    # sentence, see regions.DATELINE_AFTER) is the 全市 of a text that names no other place
    dateline = _DATELINE_PLACE.search(text, 0, _HEAD_CHARS)
    if dateline:
        candidates += [m.region for m in gaz.find(dateline.group(1)) if m.region is not None]
    if outlet:
        candidates += [m.region for m in gaz.find(outlet) if m.region is not None]
        # tjj.changzhi.gov.cn: a site whose address names a city by the city's id, or by the
        # short name a government site uses (www.sxxz.gov.cn: data/reference/lexicon/site_hosts.csv)
        hosts = _site_hosts()
        for host in _URL_HOST.findall(outlet):
            for label in re.split(r"[.\-]", host.lower()):
                region_id = label if label in gaz.by_id else hosts.get(label)
                if label.isascii() and region_id in gaz.by_id:
                    candidates.append(gaz.by_id[region_id])
    return next((r for r in reversed(candidates) if r.kind in kinds), None) if len(
        {r.name for r in candidates if r.kind in kinds}) == 1 else None


def _city_holding(mentions, gaz: Gazetteer) -> RegionInfo | None:
    """The one prefecture city that every named county or district belongs to, if there is one."""
    cities = set()
    for m in mentions:
        if m.region is None or m.region.id is None:
            continue
        ancestors = [gaz.by_id[a] for a in gaz.ancestors(m.region.id)]
        city = next((a for a in ancestors if a.kind == "prefecture_city"), None)
        if city is not None:
            cities.add(city.id)
    return gaz.by_id[cities.pop()] if len(cities) == 1 else None


def _deepest(found: list[RegionMention], gaz: Gazetteer) -> RegionInfo:
    """A title names its subject most specifically: (山西省)2023年某县…报告 is the county's."""
    depth = {id(m): len(gaz.ancestors(m.region.id)) if m.region.id else 3 for m in found}
    best = max(depth.values())
    return next(m.region for m in found if depth[id(m)] == best)


def _first_of_chain(found: list[RegionMention], gaz: Gazetteer, text: str) -> RegionInfo:
    """The first place named, or the last of a chain it heads: 山西省大同市, (山西省)晋城市,
    【山西·长治】, 长治:沁县, 示范区晋中开发区."""
    best = found[0]
    for nxt in found[1:]:
        gap = text[best.end:nxt.start]
        if not _CHAIN_GAP.fullmatch(gap) or best.region.id is None or nxt.region is None:
            break
        if best.region.id in gaz.ancestors(nxt.region.id) or nxt.region.parent_id == best.region.id:
            best = nxt
        else:
            break
    # 山西-晋城-城区, 阳泉·郊区: a city's district named without the city
    generic = _CHAIN_GENERIC.match(text, best.end)
    if generic and best.region.kind == "prefecture_city":
        district = gaz.generic_in(generic.group(1), best.region)
        if district is not None:
            return district
    return best.region


_CHAIN_GAP = re.compile(r"[\s(（)）【】\[\]·:：\-]*")
_CHAIN_GENERIC = re.compile(r"[\s·:：\-]*(城区|郊区|矿区)(?![\u4e00-\u9fff])")


def _most_named(mentions, gaz: Gazetteer, text: str, kinds=None) -> RegionInfo | None:
    counts = Counter(m.region for m in mentions if m.region is not None and m.start < 20000
                     and not _in_passing(text, m) and (kinds is None or m.region.kind in kinds))
    if not counts:
        return None
    best = max(counts.values())
    top = [r for r, c in counts.items() if c == best]
    if len(top) > 1:
        common = _common_ancestor(top, gaz)
        if common is not None:
            return common
    return max(top, key=lambda r: len(gaz.ancestors(r.id)))


# Places named in passing: a venue (在X召开), a location (位于X), a list of examples (包括X等).
_PASSING_BEFORE = re.compile(r"(?:在|于|赴|到|位于|地处|来自|包括|如|涉及|分布在)[^，。,；;]{0,6}$")
_PASSING_AFTER = re.compile(r"^[^，。,；;]{0,12}?(?:召开|举行|举办|开幕|闭幕|启动)")


# 新华社太原1月24日电, 本报运城8月9日讯: the place a report was filed from
_DATELINE_BEFORE = re.compile(r"(?:新华社|中新社|中新网|新华网|人民网|本报|央广网|记者)\s*$")


_CITED_BEFORE = re.compile(r"(?:据|来源[:：]?|经|从)\s*$")
_BUREAU_AFTER = re.compile(r"(?:省)?(?:统计局|调查总队|发展和改革委员会|发展改革委|发改委)")


_VISITED_BEFORE = re.compile(r"(?:考察|视察|调研|考察调研|来|到)$")
_SPEECH_AFTER = re.compile(r"(?:时|期间)?的?(?:重要讲话|重要指示|重要批示)")


def _in_passing(text: str, m: RegionMention) -> bool:
    before = text[max(0, m.start - 8):m.start]
    after = text[m.end:m.end + 14]
    # (a dateline's own place, 太原1月2日电, is never found: regions.DATELINE_AFTER)
    if _DATELINE_BEFORE.search(before) or MEDIA_AFTER.match(after):
        return True
    if m.region is not None and LANDMARK_AFTER.match(after):
        return True   # 太原海关发布…, 平遥古城: an institution or a sight named after the place
    if m.region is not None and (NAMED_AFTER.match(after) or ROUTE_END_BEFORE.search(before)):
        return True   # 大同至原平高铁, 太原能源低碳发展论坛: a route's end, an event's name
    if m.region is not None and FIRM_NAME_AFTER.match(text, m.end):
        return True   # 山西某某投资集团, 山西某某公司: the place starts a firm's name
    if _VISITED_BEFORE.search(before) and _SPEECH_AFTER.match(after):
        return True   # 贯彻总书记考察调研山西重要讲话精神: the visit a speech is named by
    if m.region is not None and m.region.kind == "province" and _CITED_BEFORE.search(before) \
            and _BUREAU_AFTER.match(after):
        return True   # 据山西省统计局数据，1-8月某市…: the province's bureau is the source cited
    return bool(_PASSING_BEFORE.search(before) and _PASSING_AFTER.match(after)) or \
        bool(re.search(r"(?:包括|如|涉及|分布在)[^，。；;]{0,20}$", text[max(0, m.start - 20):m.start])
             and re.match(r"[^。；;]{0,30}?等", text[m.end:m.end + 30]))


def _common_ancestor(regions: list[RegionInfo], gaz: Gazetteer) -> RegionInfo | None:
    chains = [[r.id, *gaz.ancestors(r.id)] for r in regions if r.id]
    if len(chains) < 2:
        return None
    shared = [rid for rid in chains[0] if all(rid in c for c in chains[1:])]
    if shared and shared[0] not in {r.id for r in regions}:
        return gaz.by_id.get(shared[0])
    return None


def decide_frame(text: str, title: str | None, doc_date: date | None, date_rule: str,
                 gaz: Gazetteer, mentions: list[RegionMention],
                 date_precision: str = "day", outlet: str | None = None) -> DocumentFrame:
    doc_type, type_rule = doc_type_of(text, title)
    year, year_rule = reference_year_of(doc_type, text, title, doc_date, date_rule in GUESSED_DATE_RULES)
    mode, mode_rule = mode_of(doc_type, title, text)
    subject, subject_rule = subject_of(mentions, gaz, text, title, outlet)
    confidence = 1.0
    if date_rule in GUESSED_DATE_RULES or doc_date is None:
        confidence -= 0.3
    elif date_precision != "day":
        confidence -= 0.1
    if subject_rule.startswith("body"):
        confidence -= 0.1
    return DocumentFrame(
        doc_type=doc_type, doc_type_rule=type_rule, doc_date=doc_date, doc_date_rule=date_rule,
        reference_year=year, reference_year_rule=year_rule,
        subject_region_id=subject.id if subject else None,
        subject_region_name=subject.name if subject else None, subject_rule=subject_rule,
        mode=mode, mode_rule=mode_rule, confidence=round(confidence, 2))
