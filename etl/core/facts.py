"""Quantitative facts of one sentence: number + unit -> kind, indicator, qualifier, region, year.

Rules follow how Chinese economic reporting is written: an indicator is named just before its
figure (高新技术企业300家) or just after a pipeline count (12个项目集中签约); growth and share
clauses borrow the indicator of the figure before them (地区生产总值500亿元,同比增长6%);
a stock follows its flow (新增外贸企业3户,达到30户).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .context import ESTIMATED_SENTENCE, FIVE_YEAR_NAMES, SentenceContext
from .enumerations import distribute
from .lexicon import words, words_re
from .kinds import COMPARED_PERIODS, GROWTH_WORDS, decide_kind
from .targets import promote_to_target
from .indicators import Codebook, IndicatorInfo, IndicatorMatch, fits
from .numbers import NumberToken, find_numbers, parse_chinese
from .regions import NAMED_PROJECT_AFTER
from .timeframe import PLAN_ENDS
from .units import MONEY_UNITS, UnitMatch, canonical_count_unit, dimension, read_unit, round_value

QUAL_BEFORE = [
    (re.compile(r"(不低于|不少于|至少|最少)$"), "at_least"),
    (re.compile(r"(不到|不足|低于|少于|小于|未满|未达|跌破)了?$"), "less_than"),
    (re.compile(r"(超过|超出|突破|跨越|跨过|迈上|迈过|跃上|站上|超|逾|高于|多于|破)了?$"), "more_than"),
    (re.compile(r"(将近|接近|大约|大概|(?<![签制节合公契条])约|近|冲击|迈向|向)$"), "approx"),
]
QUAL_AFTER = [
    (re.compile(r"^(余|多)"), "approx"),
    (re.compile(r"^[^,，;；。]{0,2}?(以上|及以上)"), "at_least"),
    (re.compile(r"^(左右|上下)"), "approx"),
    (re.compile(r"^(以内|以下)"), "less_than"),
]
BARE_FIGURE = re.compile(r"[\d.,万亿千百余多几~至-]+[^\d\s,，、]{0,4}?[。;；!！]?")
TOTAL_WORDS = re.compile(r"达到|达|总数|总量|累计|拥有|共有")
INVEST_WORDS = re.compile(r"总投资|投资额|投资")
MEETING_WORDS = re.compile(r"^[^,，。;；]{0,6}?(参加|出席|参会|与会|参与会议|列席)")
HEADCOUNT_NOUNS = re.compile(r"^(企业家|嘉宾|专家|代表|领导|客商|来宾|记者|观众|选手)")
# 30多台挖掘机来回穿梭, 150多名工人正在施工: the scene of a site, not a figure
# 6台压铸机、3条涂装线正在满负荷运转: machines at work in a scene, no figure of the region
MACHINES_AT_WORK = re.compile(r"[^，,。；;]{0,24}?(?:满负荷|开足马力|马力全开|正在运转|高速运转|全速运转|轰鸣)")
SCENE_AFTER = re.compile(r"[^，,。；;\d]{0,10}?(?:穿梭|轰鸣|忙碌|奋战|挥汗|来回|往来|忙着|紧张施工|正在施工|同时作业|加紧施工)")

RANK_RE = re.compile(
    r"第(?P<n1>\d+|[一二三四五六七八九十百]+)(?:位|名)"
    r"|(?:排|居|列|位居|位列|排名|排在|排行|名列|处于|位于|保持|跃升至|升至|上升至|提升至|跃居)[^,，。;；]{0,8}?第(?P<n2>\d+|[一二三四五六七八九十百]+)(?![方梯批次届期])"
    r"|(?:排|居|列|位居|位列|排名|名列|进入|跻身|迈入|稳居|保持)[^,，。;；]{0,8}?前(?P<n3>\d+|[一二两三四五六七八九十])(?:位|名|强)?"
    # 增速全市第3; a scope and an ordinal that ends the clause (not 全市第二批, 第一产业)
    r"|(?<=全省|全市|全国|全县)第(?P<n4>\d{1,3}|[一二三四五六七八九十]{1,3})(?=[,，。;；、)）]|$)"
    # 挺进全省前60，排名58: a bare position after 排名 ending its clause
    r"|(?<=排名)(?P<n5>\d{1,3})(?=[,，。;；、)）]|$)"
    # 全省居首, 位居榜首, 全省第一: first place
    r"|(?P<first>居首|位居榜首|高居榜首|居于首位|(?:居|保持|稳居|位列)[^,，。;；]{0,8}?首位|(?:居|保持|稳居|位列)(?:全省|全市|全国|全县|各市|各县|[^,，。;；]{0,3}\d+[市县]|[^,，。;；]{0,3}(?:县区|县市区))之首|稳坐[^,，。;；]{0,6}?(?:冠军|头把交椅)|(?<=全省)第一(?![批次个家项届期方梯条座台所例款部])|(?<=全市)第一(?![批次个家项届期方梯条座台所例款部])|(?<=全省|全市|全国|全县)双第一)")
# A sum that classes what follows (10亿元以上项目, 亿元以上的重点企业), not a figure itself.
THRESHOLD_AFTER = re.compile(r"(?:(?:及)?以[上下])?(?:的)?(?:重点|重大|产业|工业|招商|在建|新建|签约|开工|投产|竣工)?"
                             r"(?:项目|企业|工业企业|楼宇|园区|产业集群|集群|乡镇|村|品牌|单品|产业链)")
CLASS_COUNTED_AFTER = re.compile(r"(?:以上|以下)的(?:有|共有|达|仅有)")   # 100亿元以下的有57个: a size class
CAPACITY_BEFORE = re.compile(r"(?:年产|年处理|年加工|年吞吐|日处理|装机)$")
NAMED_PROJECT = re.compile(r"[^,，;；。]{0,20}?(?:项目|生产线|产线|基地|工厂)")
NAME_IN_LIST = re.compile(r"[^,，;；。\d]{1,16}?、[^;；。]{0,60}?等[^,，;；。]{0,6}项目")   # 年产120万吨焦化、…等项目
# Small counts written in Chinese numerals are real counts when an entity measure word follows
# and the clause counts (各建成厂房三栋, 新增两家).
ENTITY_MEASURES = re.compile(r"家|户|栋|幢|所|座|套|个(?=[^，,。；;]{0,6}(?:项目|企业|园区|基地|中心))")
COUNTING = re.compile(r"各|分别|均|新增|达到|共|建成|新建|落地|引进|认定|获批|入选")
SCOPE_COUNT = re.compile(r"(?:个)?(?:县区|县市区|县（市、区）|县\(市、区\)|县（区、市）|县\(区、市\)|设区市|"
                         r"地级市|省辖市|省份|地市|市县|县(?:[市区])?(?=中|里|当中|之中|有)|市(?=中|有|增速)|"
                         r"主会场|分会场|会场|项(?:主要)?(?:经济)?指标|县\(市\)(?=中)|县（市）(?=中)|[^，,。；;\d]{1,8}(?<!项目)中(?=[,，]?(?:[\d一二三四五六七八九十]|多数|大部分|大多数|有)))")
# 13个县中有9个增速高于全省: how many of a scope meet a condition
SCOPE_BEFORE = re.compile(r"(?:中|里|当中|之中)(?:有|共有)$")
# 所辖县(市、区)个数分别为17个、13个: the number of units a place is made of, every item
SCOPE_LIST_BEFORE = re.compile(r"(?:所辖|下辖|辖)[^，,。；;]{0,12}?(?:个数)?(?:分别)?(?:为|是|有|共)?"
                               r"(?:\d+个?(?:、|和|与))*$")
RATE_AFTER = re.compile(r"[^，,。；;]{2,}?(?:增长|下降|增速|增幅|比重|占比)[^，,。；;]{0,8}\d+(?:\.\d+)?%")
HEADCOUNT_BEFORE = re.compile(r"(?:代表|一行|嘉宾|(?:参会|与会|工作|相关|随行|参训|培训)人员|负责人|企业家|委员|(?:应到|实到|到会|出席|列席|缺席)"
                              r"[\u4e00-\u9fff]{0,3})[约共近]?$")
MEETING_AFTER = re.compile(r"[^，,。；;]{0,12}?(?:代表|嘉宾|负责人)[^，,。；;]{0,12}(?:参加|出席|参会|与会|人|齐聚)")
STOCK_WORDS = words_re("stock_word")
_COMPARED_PERIOD = re.compile(rf"({COMPARED_PERIODS})[(（]-?$")


def _compared_time(word: str, year, period):
    """(year, period) of the period a bracketed rate is compared with."""
    if word in ("去年同期", "上年同期", "同期"):
        return (year - 1 if year else year), period
    if word in ("去年", "上年"):
        return (year - 1 if year else year), "FY"
    if word == "上月":
        # 11月份增速比上月(2.2%)…: October's rate (1-11月 比上月: 1-10月); a year's figure
        # has no month before it
        month = int(period[-2:]) if period and period[:2] in ("M-", "YT") else 0
        if month > 1:
            return year, f"{period[:-2]}{month - 1:02d}"
        return (year - 1 if year else year, "M-12") if period == "M-01" else (year, period)
    months = {"一季度": 3, "上半年": 6, "前三季度": 9}.get(word) or int(re.sub(r"\D", "", word[2:]) or 0)
    return year, (f"YTD-{months:02d}" if 0 < months < 12 else "FY")


NEGATIVE_AFTER = re.compile(r"[\u4e00-\u9fff(（:：,，、;；]$")
PAGE_COUNTER = re.compile(r"(?:浏览|阅读|点击|访问|瀏覽|閱讀|點擊)(?:量|数|次数|數|次數)?\s*[:：]?\s*$")
# An award or subsidy per firm, per head or one-off: a policy's terms (给予一次性奖励, 每户补助)
PER_UNIT_AWARD = re.compile(r"(?:给予|最高|一次性|每[家户个人亩项台座])[^，,。；;]{0,16}?"
                            r"(?:奖励|奖补|补助|补贴|资助|扶持)(?:最高|不超过|不低于)?$")
# 按每千瓦时0.2元给予补贴, 每立方米不超过200元: a rate per unit of something, not a sum
PER_UNIT_PRICE = re.compile(r"每(?:千瓦时|度|立方米|平方米|吨|亩|公斤|斤|头|只|标箱|人次?|户|家)"
                            r"(?:不超过|不低于|最高|最低|给予|补贴|补助|奖励|按)?$")
ENTITY_STOCK_BEFORE = re.compile(r"(?:企业|主体|经营户|个体户)(?:数量|数|总数)?(?:达到|达|增至|增加到|总数为|为)?$")
FLOW_BEFORE = re.compile(r"新增|新登记|新培育|新认定|新注册|新设立|新入库|入统|净增|引进|培育|签约|落地|招引|开工|投产|"
                         r"新建|奖励|补助|支持|扶持|帮助|服务|走访|对接")
RATIO_AFTER = re.compile(r"(?:比例|比重|占比|达标率|优良率|率)(?:由高到低|从高到低)?(?:分别)?(?:为|达到|达|是)")
COLLECTIVE = re.compile(r"(?:均|皆|都)(?:突破|超过|超|达到|在)$")
RESPECTIVE_AFTER = re.compile(r"分别为|分别是|依次为")
# 突破/跨越…: a threshold passed (首次突破20亿元大关 beside 完成20.4亿元 restates the exact figure)
MILESTONE = re.compile(r"(?:突破|跨越|跨过|迈上|迈过|跃上|站上|超过|首破|越过)了?$")
EXACT_AFTER = re.compile(r"(?:大关|台阶)?[^。；;]{0,6}?[,，]\s*(?:达到|达|为|实现|完成)\s*[\d*]")
# 相继跨越2万亿元、2.5万亿元两个台阶: thresholds passed one after another, no year's level
STEPS_PASSED = re.compile(r"(?:[、和及与][\d.]+[万亿千百]*元?)*(?:[两二三四五六七八九十]|\d)个[^，,。；;\d]{0,6}?(?:台阶|大关|关口)")
# 实施123户优势企业三年推进计划: a count that names a programme
PROGRAMME_AFTER = re.compile(r"[^，,。；;\d]{2,14}?(?:推进计划|行动计划|计划|行动|工程)(?:[。，,；;]|$)")
PROGRAMME_VERB = re.compile(r"(?:实施|开展|启动|推进|部署)$")
GROUP_STATISTIC = re.compile(r"(?:前\d{1,2}强|前[一二三四五六七八九十]{1,2}强|前\d{1,2}名)?(?:的)?平均(?:值|数)(?:为|是|达)?$"
                             r"|超过平均(?:值|数|水平)的(?:仅有|有|共)?$|均未(?:超|突破|达到)$")
NEEDS_MET = re.compile(r"(?:可|能|将)?满足[^，,。；;\d]{0,8}$")
# 县市区个数为14个: how many units a region is divided into
DIVISION_COUNT = re.compile(r"(?:县市区|县区|县（市、区）|县\(市、区\))(?:的)?(?:个数|数量)(?:分别)?(?:为|是|有)?$")
POINTS_LIST = re.compile(r"(?:[、和及与][\d.]+个?)*[、和及与][\d.]+个百分点")
POLICY_ISSUED = re.compile(r"(?:出台|印发|制定|推出|发布)[^，,。；;\d]{0,8}$")
COUNTED_ITEMS_BEFORE = re.compile(r"(?:[\d一二两三四五六七八九十]+项|有[\d一二两三四五六七八九十]+个)(?:指标)?(?:增速|总量)?(?:均|都)?(?:居|位居|位列)?"
                                  r"(?:全省|全市|全国|全县)?$")
INDICATOR_COUNT = re.compile(r"项(?:指标)?(?:增速|总量)?(?:均|都)?(?:居|位居|位列|进入|排名|保持|全省|全市|全国)"
                             r"|项[^，,。；;\d]{0,8}中|个(?:主要|经济)?指标|个(?:指标)?(?:增速|总量)(?:均|都)?(?:居|位居|位列|进入|排名)")
TIMES_ITEM_BEFORE = re.compile(r"(?:增长|提高|增加|扩大|翻)了?[\d.]+倍[、和及]$")
# 该项目总投资…, 某某产业园项目总投资…, 达产后预计年产值…: the size of one named project
ONE_PROJECT_SIZE = re.compile(r"(?:该项目|(?<!签约|开工|投产|竣工|重点|新建|续建|储备|谋划|入库|在建)(?<![个批])项目)"
                              r"[^，,。；;\d]{0,3}(?:计划|规划)?总投资[^，,。；;\d]{0,3}$"
                              r"|(?:达产|建成|投产)后[^，,。；;\d]{0,6}$")
MONEY_CONTEXT = re.compile(r"(?:投资|产值|收入|金额|税|销售额|营收|生产总值|增加值|签约额|资金|总额|利润|贷款|存款|支出|"
                           r"零售额|GDP|财政|营业额|成交额|交易额|规模|总量)[^，,。；;]{0,8}$")
# A sentence about output or money: a bare 亿 in it is 亿元 (临汾与吕梁分别以2200亿和2080亿)
OUTPUT_SENTENCE = re.compile(r"GDP|生产总值|经济总量|营业收入|财政收入|总产值")
# 体现三个特点, 如图表1所示: counts of abstract things and figure numbers, no figures
ABSTRACT_COUNT_AFTER = re.compile(r"(?:个)?(?:特点|方面|阶段|环节|原则|意识|作用|优势|问题|层面|维度|方向|理念|"
                                  r"关键|抓手|路径|亮点|特征|变化|转变|步骤)")
ANECDOTE_BEFORE = re.compile(r"全村|该村|本村|村民|农户[\u4e00-\u9fff]{1,3}(?:家|的)|[\u4e00-\u9fff](?:大姐|大哥|大爷|大娘|老汉|师傅)")
DISTANCE_BEFORE = re.compile(r"(?:距|离|距离)[^，,。；;]{1,10}$")
BARE_DECREASE = re.compile(r"\s*(?:减少|下降|降低)了?")
DECREASE_BEFORE = re.compile(r"(?:比|较)[^，,。；;\d]{0,10}(?:减少|下降|降低)了?$")
ATTENDING_DELEGATES = re.compile(r"[^，,。；;\d]{0,8}代表")
SCHEDULE_MARGIN = re.compile(r"(?:(?:时序|序时)进度|超目标|超计划|超任务|超出目标|超出计划|超额完成目标)[^，,。；;\d]{0,4}$"
                             r"|(?:超|超过|高于|低于|低|差|落后于?)(?:年度|全年|年初)?(?:计划|目标|预期)[^，,。；;\d(（]{0,4}$")
# 2022年，我国国内生产总值…: a clause about the country, not about any place of ours
NATIONAL_SUBJECT = re.compile(r"(?:^|[，,；;。：:])\s*(?:(?:19|20)\d\d年(?:[上下]半年|一季度|前三季度|全年)?[，,]?|"
                              r"今年以来[，,]?|去年[，,]?|同期[，,]?)?(?:我国|中国|全国)(?![第前的平各省性文])")
# 低于全国同期人均GDP水平(约2.0万元): the other area's level, bracketed after its name
OTHER_LEVEL_IN_BRACKET = re.compile(r"(?:高于|低于|超过|超出|不及|接近|达到|相当于)(?:全省|全市|全国)"
                                    r"[^，,。；;()（）\d]{0,14}[(（][约近超逾]?$")
# 各县占比普遍高于40%, 县域间增速极差达18.6个百分点: a statement about many places at once
SPREAD_OR_GENERAL = re.compile(r"普遍(?:高于|低于|超过|在|达到|达)[^，,。；;\d]{0,4}$|极差(?:为|达|达到)?$")
# 东西长约58公里, 海拔1200米, 品位45%: the lie of the land or of an ore, not a figure of the economy
PHYSICAL_FEATURE_BEFORE = re.compile(r"(?:东西|南北)(?:长|宽)约?$|海拔(?:高度)?(?:为|约|达)?$|周长约?$|品位(?:在|为|达)?约?[\d.%~～\-至]*$")
# 3号煤层保有储量4.1亿吨: the figures of one seam, not the county's reserves
SEAM = re.compile(r"\d+\s*[号#]\s*煤层?")
# 每小时下线1200块, 每分钟200只: a rate of a machine or a line, not the region's total
PER_TIME_BEFORE = re.compile(r"每(?:秒|分钟|小时|天|日)[^，,。；;\d]{0,10}$")
# 省政府第12次常务会议, 77次会议: a meeting's number; 由21个部门组成的小组: its members
MEETING_NUMBER_AFTER = re.compile(r"次(?:常务|全体|党组|专题)?(?:会议|会)")
MEMBERS_AFTER = re.compile(r"[^，,。；;\d]{0,12}?组成")
# 选派150余名医护人员驰援: people sent out, not a count of the region's
SENT_BEFORE = re.compile(r"(?:选派|派出|抽调|选调|组织)[^，,。；;\d]{0,4}$")
TEAM_AFTER = re.compile(r"[^，,。；;\d]{0,4}?(?:组|队|专班)")   # 派出4个服务组: the teams sent
# 连续跨越12、15亿元两道大关, 办好8件民生实事: milestones passed, a programme's name
MILESTONES_AFTER = re.compile(r"[两三四五六七八九十\d]道(?:大关|关口|台阶)")
LIVELIHOOD_PROGRAMME_AFTER = re.compile(r"(?:件|项)(?:重点)?民生实事")
ONE_OF_AFTER = re.compile(r"[^，,。；;\d]{0,12}之一")
YEAR_LIST = re.compile(r"年度(?:重点|计划|任务|目标)")
ON_TOP_OF = re.compile(r"[^，,。；;]{0,4}的(?:良好)?基础上")
SUSTAINED_LEVEL = re.compile(r"连续[\d一二两三四五六七八九十]+(?:年|个季度|个月)(?:保持|稳定|稳居|位居)?(?:在)?$")
ARTICLE_NAME_AFTER = re.compile(r"[、等和及”\"]|措施|政策|举措|意见|细则|一揽子")
DURATION = re.compile(r"多?(?:月|季度|年(?!度)|星期|小时|工作日)")
SHARED_UNIT = re.compile(r"\s*(?:和|与|及|、)\s*[\d.]+(?P<mult>万|亿)?")
RANK_TARGET_CUE = re.compile(r"力争|确保|争取|目标|要|将|跻身|迈入")   # (稳居前三 in a review is a rank)
SHARE_BASE = re.compile(r"(?:全省|全市|全县|全区|全国|总量|总额|全部)(?:的)?$")
CUMULATIVE = re.compile(r"累计|共计|历年|以来共")
# 年均增长 / 年平均 / 平均每年: a rate or amount averaged over several years, not one year's own
AVERAGE = re.compile(r"年均|年平均|平均每年|每年平均|平均年")
RANKING_WORDS = re.compile(r"排|居|位列|名列|榜|强|位次|分列|进入|跻身|迈入|处于|位于|保持|升至|跃升")
URL_RE = re.compile(r"https?://\S+|www\.\S+|[\w.-]+\.(?:com|cn|net|gov)\S*")


@dataclass
class RawFact:
    """A fact with offsets in the sentence's normalised text (the caller maps them back)."""
    start: int
    end: int
    quote_start: int
    quote_end: int
    region: object
    year: int | None
    period: str
    indicator: IndicatorInfo | None
    label: str
    kind: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    raw_number: str
    raw_unit: str
    confidence: float
    kind_rule: str = ""
    region_rule: str = ""
    time_rule: str = ""


def _masked(ctx: SentenceContext) -> list[tuple[int, int]]:
    return ctx.quoted + [(m.start(), m.end()) for m in URL_RE.finditer(ctx.span.text)]


def _inside(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)



def _qualifier(before: str, after_number: str, after_unit: str, tok: NumberToken, clause_before: str,
               sentence_before: str = "", estimated: bool = False) -> str:
    if tok.value_high is not None and not tok.fuzzy:
        return "range"
    for rx, q in QUAL_AFTER[:1]:
        if rx.match(after_number) or rx.match(after_unit):
            return q
    for rx, q in QUAL_AFTER[1:]:
        if rx.match(after_unit):
            return q
    # 均不足全市的1%: the qualifier stands before the base the figure is taken of
    before = SHARE_BASE.sub("", before) if SHARE_BASE.search(before) else before
    for rx, q in QUAL_BEFORE:
        if rx.search(before):
            return q
    if tok.fuzzy:
        return "approx"
    if estimated or "预计" in clause_before or ESTIMATED_SENTENCE.search(sentence_before):
        return "estimate"
    return "exact"


# What may stand right before an indicator's name without changing what it measures: a place or
# 全市, a time, a verb, a flow word. Any other noun makes it a part (能源工业增加值 is not the
# whole 工业增加值, 民间固定资产投资 not the whole 固定资产投资).
_WHOLE_BEFORE = re.compile(
    r"(?:^|[^\u4e00-\u9fff]|全省|全市|全县|全区|全国|我市|我省|我县|我区|该区|该市|该县|本市|规上|规模以上|"
    r"实现|完成|累计|全年|其中|同比|年|月|季度|上半年|新增|新认定|新培育|新引进|的|和|及|与|是|为|"
    r"省级|市级|国家级|县域|地方|全社会|外贸|主要|以及|看|从|在|达到|突破|共|有)$")


SECTOR_PRONE = set(words("sector_prone"))


def _sector_of(clause: str, start: int, end: int, place_ends: frozenset = frozenset()) -> bool:
    return clause[start:end] in SECTOR_PRONE and start not in place_ends \
        and not _WHOLE_BEFORE.search(clause, 0, start)


def _names_a_part(ctx, clause: str, clause_start: int) -> bool:
    """The clause names a part of an aggregate (化工工业增加值): it borrows no indicator."""
    places = frozenset(m.end - clause_start for m in ctx.mentions)
    return any(_sector_of(clause, m.start - clause_start, m.end - clause_start, places)
               for m in ctx.indicator_matches or ()
               if clause_start <= m.start and m.end <= clause_start + len(clause))


def _choose_indicator(cb: Codebook, clause: str, num_start: int, num_end: int, unit: str, kind: str,
                      sentence_matches=None, clause_start: int = 0,
                      place_ends: frozenset = frozenset()):
    """The indicator a number in `clause` measures: a synonym covering it, else the nearest one
    before it, else the nearest after it, that fits its unit (a sum of money next to a project
    count is that count's investment). Synonyms may reach across the clause's edges
    (高等院校、科研院所71家)."""
    if sentence_matches is None:
        matches = cb.find(clause)
    else:
        clause_end = clause_start + len(clause)
        matches = [IndicatorMatch(m.start - clause_start, m.end - clause_start, m.info, m.gap)
                   for m in sentence_matches if m.end > clause_start and m.start < clause_end
                   and (not m.gap or m.start >= clause_start)]
    if kind == "share":
        cut = clause.find("占")
        if 0 <= cut < num_start:
            matches = [m for m in matches if m.end <= cut] or matches
    matches = [m for m in matches if not _sector_of(clause, m.start, m.end, place_ends)]
    covering = [m for m in matches if m.start <= num_start and m.end >= num_end]
    before = sorted((m for m in matches if m.end <= num_start), key=lambda m: num_start - m.end)
    after = sorted((m for m in matches if m.start >= num_end), key=lambda m: m.start - num_end)
    for m in [*covering, *before, *after]:
        if fits(m.info, unit, kind):
            return m.info
        if unit in MONEY_UNITS and cb.investment_of(m.info) is not None:
            return cb.investment_of(m.info)
    return None


_YEAR_IN_LABEL = re.compile(r"\d{4}年(?:底|末|以来)?")


# A label ending in an action names the doing, not what was counted (提出25条具体措施).
_ACTION_END = re.compile(r"(?:提出|出台|制定|推出|发布|开展|举办|组织|召开|印发)$")
_WEAK_HEAD = re.compile(r"(?:共有|拥有|现有|有|共|达|新增|其中|累计)?")


def _label(clause: str, num_start: int, ranked: bool = False) -> str:
    head = re.sub(r"^(?:(?:到|至|截至)?\d{4}年(?:底|末)?|目前|截至目前|其中|全年|累计|共|已|新)?", "",
                  clause[:num_start])
    head = re.sub(r"(?:达到|达|为|是|完成|实现|突破|超过|超|约|近|共|累计|总计)$", "", head).strip(" \n\t“”\"")
    # 能源工业增加值同比增长: what grew, not the growing (the kind column says it grew)
    head = re.sub(r"(?:同比|比上年|较上年)?(?:增长|下降|增速为?|增幅为?|提高|回落|减少)$", "", head) or head
    dated = _YEAR_IN_LABEL.search(head)
    if dated and len(head) - dated.end() >= 2:
        head = head[dated.end():]   # 力争到2025年园区营业收入: the time is in the year column
    head = re.sub(r"实现(?=..)", "", head)   # 企业实现营业收入 -> 企业营业收入
    if ranked:
        # 园区综合实力在全省开发区考核中位列第三: what is ranked comes before the scope (在…中)
        what = re.split(r"在|于", head, maxsplit=1)[0]
        head = what if len(what) >= 2 else head
    return head[-14:] if head else clause[num_start:][:14]


# A figure needs a digit, or a Chinese numeral followed by a unit-like character, or a rank
# written in numerals (位列第三, 进入前十).
MAY_HOLD_FIGURE = re.compile(r"[0-9]|居首|榜首|首位|[零〇一二两三四五六七八九十百千万亿][个家户项人名亩所栋座部件次条块元成%位余多几]"
                             r"|[第前][零〇一二两三四五六七八九十百]")


def sentence_facts(ctx: SentenceContext, cb: Codebook) -> list[RawFact]:
    s = ctx.span.text
    if not MAY_HOLD_FIGURE.search(s):
        return []
    masked = _masked(ctx)
    out: list[RawFact] = []
    read_spans = []
    for m in RANK_RE.finditer(s):
        if _inside(m.start(), masked):
            continue
        out_rank = _rank_fact(ctx, cb, m)
        if out_rank:
            out += _coordinated_ranks(ctx, cb, m.start(), out_rank)
        read_spans.append((m.start(), m.end()))
    if ":" in s:
        ratios = _ratio_facts(ctx, masked)
        out += ratios
        read_spans += [(f.start, f.end) for f in ratios]   # (their numbers are read already)
    tokens = [t for t in find_numbers(s) if not _inside(t.start, masked) and not _inside(t.start, read_spans)]
    # Synonym search is the costly step: only sentences holding a figure need it.
    ctx.indicator_matches = cb.find(s) if tokens or out else []
    for tok in tokens:
        fact = _number_fact(ctx, cb, tok, out)
        if fact:
            out.append(fact)
    return _at_project_location(ctx, distribute(ctx, _without_restatements(s, out)))


LONG_RUN = re.compile(r"初期|成立|建国|解放|改革开放|设市|建市|撤县|(?:19[4-8]\d|1990)年")
YEAR_ON_YEAR = re.compile(r"同比|比上年|较上年|比去年|较去年|上年同期|去年同期")
# 比1978年, 与2012年相比: the base of a comparison a decade or more back
DISTANT_BASE = re.compile(r"(?:比|较|与|同|相较|相比)(?:19|20)?((?:19|20)\d\d)年(?![底末]?的?\d)")


def _compared_region(ctx: SentenceContext, word: str, own):
    """全省 -> the province; 全市 -> the city the figure's own region belongs to."""
    gaz = ctx.gaz
    if gaz is None:
        return None
    if word == "全省":
        return gaz.by_id.get("shanxi")
    ancestors = gaz.ancestors(own.id) if own is not None and own.id else []
    return next((gaz.by_id[rid] for rid in ancestors if gaz.by_id[rid].kind == "prefecture_city"), None)


# 高于全省(4.8%): the rate of the region compared with, written in brackets
_OTHER_IN_BRACKET = re.compile(r"(?:高于|低于|快于|慢于|好于|超过|超出|比|较|和|与)(全省|全市|全国|目标任务|预期目标|目标|计划)"
                               r"(?:平均水平|平均)?[(（]$")


# 达到156亿元，净增21.4亿元: how much the level rose, not a level (only 净增: 比年初增加17.9亿元
# of deposits is the year's new deposits, a figure of its own)
INCREMENT = re.compile(r"(?:净增加|净增)了?$")


def _without_restatements(s: str, facts: list[RawFact]) -> list[RawFact]:
    """Drop a passed threshold (MILESTONE) restating an exact level of the same unit in the
    sentence."""
    levels = [f for f in facts if f.kind == "value" and f.qualifier == "exact"]
    out = []
    for f in facts:
        before = s[f.quote_start:f.start]
        if f.kind == "value" and f.qualifier == "more_than" and MILESTONE.search(before) and any(
                g.unit == f.unit and f.value <= g.value <= 1.5 * f.value for g in levels):
            continue
        if _TURNED_TO.search(s, max(0, f.start - 6), f.start) and _in_brackets(s, f.start) and any(
                g.start < f.start and g.value == f.value and g.unit == f.unit and g.kind == f.kind
                and not _in_brackets(s, g.start) for g in out):
            continue   # 增长2.3%(增速由一季度-1.8%转为增长2.3%): the bracket tells how it got there
        out.append(f)
    return out


_TURNED_TO = re.compile(r"(?:转为|回升至|回升到|提高到|提高至|提升至|升至|增至|达到)(?:增长|下降)?$")


def _in_brackets(s: str, at: int) -> bool:
    opened = max(s.rfind("(", 0, at), s.rfind("（", 0, at))
    return opened >= 0 and opened > max(s.rfind(")", 0, at), s.rfind("）", 0, at))


# 某项目总投资88亿元，落地某高新区，用地210亩: a project's figures belong where it is built
PROJECT_LOCATION = re.compile(r"(?:落地|落户|位于|选址|坐落|建在|布局)(?:在|于)?")


def _at_project_location(ctx: SentenceContext, facts: list[RawFact]) -> list[RawFact]:
    s = ctx.span.text
    if not facts or "项目" not in s:
        return facts
    facts = [_described_project_place(ctx, f) for f in facts]
    found = list(PROJECT_LOCATION.finditer(s))
    places = [m for loc in found for m in ctx.mentions
              if m.start == loc.end() and m.region is not None]
    if len(found) != 1 or len(places) != 1:
        return facts   # no location, or several projects in several places
    place = places[0].region
    return [replace(f, region=place, region_rule="project_location")
            if f.region_rule in WEAK_REGION_RULES and f.region is not place else f for f in facts]


def _described_project_place(ctx: SentenceContext, f: RawFact) -> RawFact:
    """总投资8.4亿元的闻喜县丰源新材料项目: a figure describing a project named after its place
    is that place's."""
    s = ctx.span.text
    at = f.end + (1 if s[f.end:f.end + 1] == "的" else -1)
    if at < f.end or f.kind != "value":
        return f
    m = next((x for x in ctx.mentions if x.start == at and x.region is not None
              and x.region.kind != "province"), None)
    if m is None or not NAMED_PROJECT_AFTER.match(s, m.end):
        return f
    return replace(f, region=m.region, region_rule="project_descriptor_place")


# 三次产业结构为8.1:55.0:36.9 (由…调整为…): a breakdown of a whole, each part a share in %
RATIO_SERIES = re.compile(r"(?:(?P<what>结构|占比|比例|构成|比重|贡献率)(?:比)?(?:分别)?(?:由|调整为|优化为|演化为|演变为|为|是|达到)?|"
                          r"(?:调整|优化|变|演化|演变|变化)(?:为|到))\s*"
                          r"(?:(?:上年|去年|(?:19|20)\d\d年)(?:同期)?的)?"
                          r"(?P<series>-?\d+(?:\.\d+)?(?:\s*:\s*-?\d+(?:\.\d+)?){1,3})(?!\s*\d)")
# 分别拉动经济增长-0.1:3.2:1.9个百分点: the sectors' pulls, one growth in points each
PULL_SERIES = re.compile(r"拉动[^，,。；;:：\d-]{0,10}?(?P<series>-?\d+(?:\.\d+)?(?:\s*:\s*-?\d+(?:\.\d+)?){1,3})\s*个百分点")
_THREE_SECTORS = ("第一产业", "第二产业", "第三产业")


def _ratio_facts(ctx: SentenceContext, masked) -> list[RawFact]:
    s, out = ctx.span.text, []
    for m in RATIO_SERIES.finditer(s):
        if _inside(m.start(), masked):
            continue
        parts = [(p.start(), p.end(), float(p.group(0)))
                 for p in re.finditer(r"-?\d+(?:\.\d+)?", m.group("series"))]
        if not 99 <= sum(v for _, _, v in parts) <= 101:
            continue   # not the parts of one whole in percent (a plain ratio such as 1:3)
        clause_start, clause_end = ctx.clause_of(m.start())
        sectors = "三次产业" in s[max(0, m.start() - 40):m.start()] and len(parts) == 3
        start_point = m.group("what") is not None and \
            s[m.end("what"):m.start("series")].lstrip("比").startswith("由") and \
            "年" not in s[m.end("what"):m.start("series")]   # (由上年的…: the time marker dates it)
        for i, (a, b, value) in enumerate(parts):
            pos = m.start("series") + a
            year = ctx.year_at(pos)
            time_rule = ctx.time_rule_at(pos)
            if start_point and year:
                year, time_rule = year - 1, time_rule + "+previous_year_start_point"
            what = "贡献率" if m.group("what") == "贡献率" else "占比"
            label = f"{_THREE_SECTORS[i]}{what}" if sectors else f"{m.group('what') or '结构'}第{i + 1}项"
            out.append(RawFact(pos, m.start("series") + b, clause_start, clause_end,
                               ctx.region_at(pos), year, ctx.period_at(pos), None, label,
                               "share", value, None, "%", "exact", str(value), "",
                               rule_confidence(False, "ratio_series", ctx.region_rule_at(pos), time_rule),
                               "ratio_series", ctx.region_rule_at(pos), time_rule))
    for m in PULL_SERIES.finditer(s):
        if _inside(m.start(), masked):
            continue
        clause_start, clause_end = ctx.clause_of(m.start())
        sectors = "产业" in s[max(0, m.start() - 60):m.start()]
        for i, p in enumerate(re.finditer(r"-?\d+(?:\.\d+)?", m.group("series"))):
            pos = m.start("series") + p.start()
            label = f"{_THREE_SECTORS[i]}拉动" if sectors and i < 3 else f"拉动第{i + 1}项"
            out.append(RawFact(pos, m.start("series") + p.end(), clause_start, clause_end,
                               ctx.region_at(pos), ctx.year_at(pos), ctx.period_at(pos), None, label,
                               "growth", float(p.group(0)), None, "个百分点", "exact", p.group(0), "个百分点",
                               rule_confidence(False, "pull_series", ctx.region_rule_at(pos), ctx.time_rule_at(pos)),
                               "pull_series", ctx.region_rule_at(pos), ctx.time_rule_at(pos)))
    return out


# Rules that decide on weaker evidence: a figure read by them is less certain.
WEAK_KIND_RULES = {"bare_percent", "list_interrupts_subject"}
WEAK_REGION_RULES = {"document_subject", "earlier_sentence", "list_interrupts_subject"}
WEAK_TIME_RULES = {"document_year", "carried", "unknown", "report_title_year_minus_one",
                   "bulletin_published_before_july"}


def rule_confidence(has_indicator: bool, kind_rule: str, region_rule: str, time_rule: str) -> float:
    """Confidence of a fact from how it was read (the document frame's own confidence, lower
    for a fallback date or an inferred subject, multiplies it later)."""
    c = 0.95 if has_indicator else 0.7
    c -= 0.1 * (kind_rule in WEAK_KIND_RULES)
    c -= 0.05 * (region_rule in WEAK_REGION_RULES)
    c -= 0.05 * (time_rule in WEAK_TIME_RULES)
    return round(c, 2)


def _small_count(s: str, clause_start: int, num_start: int, raw_unit: str, after: str) -> bool:
    return bool(ENTITY_MEASURES.match(raw_unit + after[:8])) and \
        bool(COUNTING.search(s, max(0, num_start - 12), num_start))


_ITEM_RUN_START = re.compile(r"[，,；;：:]")


def _milestone_list(s: str, pos: int, clause_end: int) -> bool:
    """12、15亿元两道大关: a number in the list of milestones passed."""
    m = MILESTONES_AFTER.search(s, pos, clause_end)
    return m is not None and re.fullmatch(r"[\d.、和及亿万元\s]*", s[pos:m.start()]) is not None


def _list_item_head(s: str, clause_start: int) -> str:
    """预计年产值9亿元、年纳税0.6亿元: the items joined by 、 before a clause share its head."""
    if clause_start == 0 or s[clause_start - 1] != "、":
        return ""
    stops = [m.end() for m in _ITEM_RUN_START.finditer(s, 0, clause_start)]
    return s[stops[-1] if stops else 0:clause_start]


def _number_fact(ctx: SentenceContext, cb: Codebook, tok: NumberToken, previous: list[RawFact]):
    s = ctx.span.text
    prev_ch = s[tok.start - 1:tok.start]
    # 增长-6.4%, 一季度(-9.1%): a minus sign after a word or a bracket, not inside a code
    negative = tok.start >= 2 and prev_ch in ("-", "−") and not tok.chinese \
        and NEGATIVE_AFTER.search(s, tok.start - 2, tok.start - 1) is not None
    if negative:
        prev_ch = ""
    if prev_ch and (prev_ch.isascii() and (prev_ch.isalnum() or prev_ch in "._/-*")) \
            or (not tok.chinese and len(tok.raw) > 1 and tok.raw.startswith("0") and not tok.raw.startswith("0.")):
        return None  # PM2.5, G20, codes, phone numbers
    if prev_ch == "第":
        return None  # ordinals: 第三次, 第六届
    pos = tok.end
    if s[pos:pos + 1] in ("余", "多", "几"):
        pos += 1
    while s[pos:pos + 1] == " ":
        pos += 1
    approx_factor = 1.0
    if pos > tok.end and s[pos:pos + 1] in ("万", "亿") and not tok.raw.endswith(("万", "亿")):
        approx_factor = 1e4 if s[pos] == "万" else 1e8   # 620余万元, 20多万亩
        pos += 1
    unit = read_unit(s, pos)
    if unit is not None and unit.raw == "个" and s.startswith("多百分点", unit.end):
        unit = replace(unit, raw="个多百分点", canonical="个百分点", end=unit.end + 4)   # 1个多百分点
    if unit is not None and unit.raw == "个" and POINTS_LIST.match(s, unit.end):
        unit = replace(unit, raw="个百分点", canonical="个百分点")   # 2.3个、7个百分点
    shared_factor = 1.0
    if unit is None:
        # 32.5和18.4亿元, 1.2和0.8万人: one unit (and multiplier) written after the last number
        partner = SHARED_UNIT.match(s, pos)
        if partner:
            unit = read_unit(s, partner.end())
            if unit is not None and unit.canonical == "位":
                unit = None   # 以2200亿和2080亿位列第五: the rank after the list, no unit of it
            if unit is not None:
                shared_factor = 1.0 if tok.raw.endswith(("万", "亿")) else \
                    {"万": 1e4, "亿": 1e8}.get(partner.group("mult") or "", 1.0)   # 12万、8.5万吨
                unit = replace(unit, end=pos)
    if not tok.chinese and s.startswith("个亿", pos) and MONEY_CONTEXT.search(s, max(0, tok.start - 16), tok.start):
        unit = UnitMatch("个亿", "亿元", pos + 2, 1.0)   # 生产总值达到486个亿: spoken 亿元
    elif unit is None and not tok.chinese and tok.raw.endswith(("亿", "万")) and \
            (MONEY_CONTEXT.search(s, max(0, tok.start - 16), tok.start) or
             (tok.raw.endswith("亿") and (OUTPUT_SENTENCE.search(s) or (
                 s[tok.start - 1:tok.start] in ("(", "（") and s[pos:pos + 1] in (")", "）"))))) and \
            not re.match(r"[\u4e00-\u9fff]", s[pos:pos + 1] or "x") or \
            (unit is None or unit.canonical == "位") and not tok.chinese and tok.raw.endswith("亿") \
            and OUTPUT_SENTENCE.search(s) \
            and s[pos:pos + 1] in ("和", "、", "及", "的", "位", "列", "居", "排"):
        # 总投资23.5亿, 年产值可达8.6亿, 介休市(236.4亿) in a ranking of GDP: money without 元
        unit = UnitMatch("元", "亿元", pos, 1e-8)
    if tok.chinese and all(ch in "十百千万亿" for ch in tok.raw):
        # 百项行动, 亿元楼宇: a bare 百/千/万/亿 is a name, unless it is a sum (超亿元, 万亿大关)
        is_money = unit is not None and unit.canonical in MONEY_UNITS
        big_mark = s[pos:pos + 2] == "大关" or (is_money and s[unit.end:unit.end + 2] == "大关")
        sum_word = re.search(r"(超|近|逾|破|冲击|向)$", s[:tok.start])
        if not (big_mark or (is_money and sum_word)):
            return None
    if unit is not None and unit.raw == "个" and DURATION.match(s, unit.end):
        return None  # 前5个月, 13个季度: a duration
    if unit is not None and unit.raw == "个" and s.startswith(("位置", "位次", "名次"), unit.end):
        return None  # 排名上升了1个位置: a move in rank, not a figure
    clause_start, clause_end = ctx.clause_of(tok.start)
    clause = s[clause_start:clause_end]
    value, raw_unit, canon, factor = (-tok.value if negative else tok.value), "", "", 1.0
    if unit is not None:
        raw_unit, canon, factor = unit.raw, unit.canonical, unit.factor
        end = unit.end
    elif s[pos:pos + 1] == "成" and tok.value <= 10 and tok.value_high is None:
        raw_unit, canon, factor, end = "成", "%", 10.0, pos + 1
    elif s[pos:pos + 1] == "倍" and (re.search(r"(?:增长|提高|增加|扩大|翻)了?$", s[clause_start:tok.start]) or (
            tok.start == clause_start and TIMES_ITEM_BEFORE.search(_list_item_head(s, clause_start)))
            or TIMES_ITEM_BEFORE.search(s, max(0, tok.start - 12), tok.start)):
        # (分别增长1.6倍、2.2倍: an item after 、 shares the head's growth word)
        if tok.value >= 10 and not YEAR_ON_YEAR.search(s, max(0, clause_start - 12), tok.start) \
                and LONG_RUN.search(s):
            return None   # 增长了167.3倍 (since the region was founded): decades, no year's growth
        raw_unit, canon, factor, end = "倍", "%", 100.0, pos + 1   # 增长1.3倍 = growth of 130%
    elif s[pos:pos + 2] == "大关" or s[pos:pos + 2] == "台阶":
        raw_unit, canon, end = "", "?", pos
    else:
        return None
    after = s[end:]
    if (THRESHOLD_AFTER.match(after) or CLASS_COUNTED_AFTER.match(after)) and (unit is None or unit.canonical in MONEY_UNITS):
        return None  # 10亿元以上项目6个: a size class of projects, not a sum
    if (CAPACITY_BEFORE.search(s, max(0, tok.start - 4), tok.start)
            or (unit is not None and dimension(canon) not in ("money", "count", "percent", "people"))) \
            and (NAMED_PROJECT.match(after) or NAME_IN_LIST.match(after)):
        # 年产60万吨焦化项目, 300兆瓦光伏发电项目, 5万头生猪养殖项目: a capacity is part of
        # a project's name
        return None
    if tok.chinese and canon not in ("%",) and re.match(r"[一二三四五六七八九十两]", after):
        return None  # 三个一批, 两个确保: slogans
    if canon == "位":
        return None  # headcounts (50余位企业家); ranks come from RANK_RE
    if raw_unit == "条" and (ARTICLE_NAME_AFTER.match(after) or s[tok.start - 1:tok.start] in "”个"
                            or POLICY_ISSUED.search(s[clause_start:tok.start])):
        return None  # 稳经济20条、助企12条等措施, 出台煤炭17条: packages named by their article counts
    if INDICATOR_COUNT.match(s, end - len(raw_unit)) and dimension(canon) == "count":
        return None  # 有5项居全省前3位: how many indicators rank, not a figure
    if ON_TOP_OF.match(after):
        return None  # 在上年增产1亿吨的基础上: the base the figure after it builds on
    if tok.value <= 10 and ABSTRACT_COUNT_AFTER.match(s, tok.end):
        return None  # 体现三个特点
    if tok.chinese and re.match(r"(.)\1", s[tok.end:tok.end + 2]):
        return None  # 一个个, 一座座: "one after another"
    if tok.chinese and tok.value == 0 and tok.raw in ("零", "〇"):
        return None  # 零部件, 零售: a word, not a zero
    if unit is not None and s[unit.end:unit.end + 1] == "级":
        return None  # 5000吨级仓储设施: a size class
    if canon in ("人", "人次") and ATTENDING_DELEGATES.match(s, end):
        return None  # 300多名市人大代表…出席大会: who attended
    if SCHEDULE_MARGIN.search(s[clause_start:tok.start]):
        return None  # 超过全年任务序时进度3.2亿元, 超目标1.6亿元: a margin over the schedule
    if raw_unit in ("台", "辆", "人", "名") and SCENE_AFTER.match(s, end):
        return None
    if raw_unit in ("台", "辆", "条", "套", "座") and MACHINES_AT_WORK.match(s, end):
        return None
    if raw_unit == "期" and re.match(r"(?:项目|工程|扩建|厂房|主体|续建)", s[end:end + 2]):
        return None   # 厂房三期项目: a project's phase, not a count
    if ANECDOTE_BEFORE.search(s[clause_start:tok.start]) or (
            canon == "公里" and DISTANCE_BEFORE.search(s[clause_start:tok.start])):
        return None  # 全村有2504人, 村民王大姐打工收入2万元, 距县城17公里: not the region's figures
    if ONE_OF_AFTER.match(s, end):
        return None  # 全省10个深度贫困县之一: a group the subject belongs to
    if PHYSICAL_FEATURE_BEFORE.search(s, max(clause_start, tok.start - 8), tok.start) \
            or PER_TIME_BEFORE.search(s[clause_start:tok.start]) \
            or (raw_unit in ("人", "名") and SENT_BEFORE.search(s[clause_start:tok.start])) \
            or (SENT_BEFORE.search(s[clause_start:tok.start]) and TEAM_AFTER.match(s, end)):
        return None
    if MEETING_NUMBER_AFTER.match(s, end - len(raw_unit)) or MEMBERS_AFTER.match(after) and s[tok.start - 1:tok.start] == "由" \
            or MILESTONES_AFTER.match(s, end) or LIVELIHOOD_PROGRAMME_AFTER.match(s, end - len(raw_unit)) \
            or _milestone_list(s, tok.end, clause_end) or SEAM.search(s, 0, tok.start):
        return None
    if raw_unit == "所" and s[tok.start - 1:tok.start] in "表图":
        return None  # 如图表1所示
    if s.startswith("千分点", end - 1) or s.startswith("个千分点", end - len(raw_unit)):
        return None  # 下降0.41个千分点: per mille points have no unit here
    if SPREAD_OR_GENERAL.search(s[clause_start:tok.start]):
        return None
    if canon != "%" and OTHER_LEVEL_IN_BRACKET.search(s, max(0, tok.start - 24), tok.start):
        return None
    national = None
    for national in NATIONAL_SUBJECT.finditer(s, 0, tok.start):
        pass
    if national is not None and not any(national.end() <= m.start < tok.start for m in ctx.mentions):
        return None   # (…，某县增长5.2%: a place named after the country's clause is ours again)
    if SUSTAINED_LEVEL.search(s[clause_start:tok.start]):
        return None  # 连续3年保持在2000万吨以上: a floor kept over years, no year's level
    if PAGE_COUNTER.search(s, max(0, tok.start - 6), tok.start):
        return None  # 浏览:1862次, 阅读 2316: a page's view counter
    if canon in MONEY_UNITS and (PER_UNIT_AWARD.search(s[clause_start:tok.start])
                                 or PER_UNIT_PRICE.search(s, max(clause_start, tok.start - 12), tok.start)):
        return None  # 对新入规企业给予一次性奖励20万元: a policy's award per firm, not a figure
    if raw_unit == "个" and re.match(r"\d", after):
        return None  # 3个20条: a name built of numerals
    if canon in ("人", "人次") and (MEETING_WORDS.match(after) or HEADCOUNT_NOUNS.match(after)):
        return None
    if re.match(r"(?:年|月|日|号|届|期|批次|号线)", s[tok.end:tok.end + 2]) and unit is None:
        return None
    clause_before = s[clause_start:tok.start]
    other = _OTHER_IN_BRACKET.search(s, max(0, tok.start - 12), tok.start) if canon == "%" else None
    if other and other.group(1) == "全国":
        return None   # the country's rate, beside the region's: no region of ours
    if other and other.group(1) in ("目标任务", "预期目标", "目标", "计划"):
        # 占比63.1%，高于目标任务(60%): the goal the figure is measured against
        kind, kind_rule, sign, other = "target", "goal_in_bracket", 1, None
    elif other and previous and previous[-1].unit == "%":
        # 全市增长6.2%，高于全省(4.8%): the province's own rate, of the same kind as the one before
        kind, kind_rule, sign = previous[-1].kind, "rate_of_compared_region", 1
    elif other:
        return None   # 高于全省(4.8%) with no rate of ours before it: of what, unknown
    else:
        other = None
        kind, kind_rule, sign = decide_kind(s, clause_start, tok.start, end, canon, raw_unit, previous)
    if kind is None:
        return None   # 高于全省2.1个百分点: a comparison with another region, not this one's figure
    value = value if negative else value * sign   # a written minus sign is the sign
    if kind_rule == "price_index":
        value = round(value - 100, 6)   # 价格指数101.6% (上年=100): prices rose 1.6%
    # 较去年同期(-3.1%), 较一季度(-9.1%): the rate of the period it is compared with
    compared = _COMPARED_PERIOD.search(s, max(clause_start, tok.start - 10), tok.start) \
        if kind_rule == "bracketed_like_previous" else None
    num_in_clause = (tok.start - clause_start, end - clause_start)
    indicator = _choose_indicator(cb, clause, *num_in_clause, canon if canon != "?" else "亿元", kind,
                                  ctx.indicator_matches, clause_start,
                                  frozenset(m.end - clause_start for m in ctx.mentions))
    if indicator is None and not _names_a_part(ctx, clause, clause_start):
        indicator = _inherit(cb, clause, kind, canon, previous)
    indicator = _as_pipeline(cb, indicator, clause, ctx)
    if canon == "?":  # 万亿大关: the indicator says what is counted
        if indicator is None or dimension(indicator.unit) != "money":
            return None
        canon, factor = indicator.unit if indicator.unit in MONEY_UNITS else "亿元", 1e-8
    if dimension(canon) == "count":
        canon = canonical_count_unit(canon, indicator.unit if indicator else None, after,
                                     s[clause_start:tok.start])
    if tok.chinese and canon not in ("%",) and (tok.value == 1 or (tok.value < 11 and indicator is None)) \
            and not _small_count(s, clause_start, tok.start, raw_unit, after):
        return None  # 一项, 六个方面: small Chinese counts are prose unless they name an indicator
    if dimension(canon) == "count" and (RATIO_AFTER.search(s, end, clause_end)
                                        or RATE_AFTER.search(s, end, clause_end)):
        return None  # 12个监测点位…比例为78.6%, 65个开发区投资增长18.7%: the counted set of a rate
    if dimension(canon) == "count" and (SCOPE_COUNT.match(after) or SCOPE_COUNT.match(raw_unit + after)
                                        or SCOPE_BEFORE.search(s, clause_start, tok.start)
                                        or SCOPE_LIST_BEFORE.search(s, max(0, tok.start - 30), tok.start)):
        return None  # 全市12个县区中, 11个设区市, 17个分会场: the scope, not a figure
    if (canon in ("人", "家") and HEADCOUNT_BEFORE.search(s, max(0, tok.start - 8), tok.start)) \
            or (dimension(canon) == "count" and MEETING_AFTER.match(after)):
        return None  # 企业代表60余人, 一行30余人, 100余家企业的代表参加: who attended
    if COLLECTIVE.search(s[clause_start:tok.start]) and RESPECTIVE_AFTER.search(s, end):
        return None  # 两市均突破N亿元，分别为…: a threshold stated before the exact values
    if MILESTONE.search(s[clause_start:tok.start]) and EXACT_AFTER.match(s, end):
        return None  # 突破2000亿元大关，达到2034亿元: the milestone, then the figure
    if STEPS_PASSED.match(s, end) or STEPS_PASSED.match(s, tok.start):
        return None   # 迈上50亿、60亿元两个台阶, 跨越3个十亿级台阶: the steps passed
    if PROGRAMME_VERB.search(s, clause_start, tok.start) and PROGRAMME_AFTER.match(s, end):
        return None
    if GROUP_STATISTIC.search(s, clause_start, tok.start):
        return None   # 前10强平均值为486.2亿元, 超过平均值的仅有4个, 均未超千亿元: of a group, not a region
    if NEEDS_MET.search(s, clause_start, tok.start):
        return None   # 可满足国内85%的需求: a capacity, no figure
    if DIVISION_COUNT.search(s, clause_start, tok.start):
        return None
    before = s[max(clause_start, tok.start - 10):tok.start]
    before = before if SHARE_BASE.search(before) else before[-4:]
    qualifier = _qualifier(before, s[tok.end:], after, tok, _list_item_head(s, clause_start) + clause_before,
                           s[:clause_start], ctx.estimated)
    if kind_rule == "price_index":
        qualifier = "derived"
    elif unit is not None and unit.raw == "个多百分点":
        qualifier = "approx"
    year, period = ctx.year_at(tok.start), ctx.period_at(tok.start)
    base = DISTANT_BASE.search(s, max(0, clause_start - 30), tok.start) \
        if kind == "growth" and not AVERAGE.search(s[clause_start:tok.start]) else None
    if base and year and year - int(base.group(1)) >= 10:
        return None   # 比1952年增长312.5倍, 与1978年相比增长87.4%: a change over decades, no year's growth
    if compared is not None:
        year, period = _compared_time(compared.group(1), year, period)
    if period != "FY" and kind == "value" and YEAR_LIST.search(s, max(0, clause_start - 16), tok.start):
        period = "FY"   # 今年以来…谋划年度重点项目48项: the year's list, not what is done so far
    if period != "FY" and (STOCK_WORDS.search(s, clause_start, tok.start) or (
            canon in ("户", "家") and ENTITY_STOCK_BEFORE.search(clause_before)
            and not FLOW_BEFORE.search(clause_before)
            # (新登记市场主体1.2万户，其中企业3560户: a part of the flow before it is a flow)
            and not (clause_before.startswith("其中") and previous and previous[-1].period == period
                     and FLOW_BEFORE.search(s, previous[-1].quote_start, previous[-1].start)))):
        # 经营主体总数达到3.1万户, 规上工业企业达到87家: a stock is counted at a date, not
        # over months (新增…户 is a flow and keeps its period)
        period = "FY"
    start_rule = None
    if year and re.search(r"(?:从|由)$", clause_before) and re.search(r"(?:提高|增加|增长|提升|扩大|上升)?(?:到|至)", s[end:clause_end]):
        # 从10亿元提高到20亿元: the starting point is the level before the span reviewed
        year, start_rule = _start_point_year(ctx, s, tok.start, year)
    if kind == "value" and not negative and (DECREASE_BEFORE.search(s[clause_start:tok.start]) or (
            BARE_DECREASE.fullmatch(s[clause_start:tok.start]) and previous and previous[-1].kind == "value"
            and previous[-1].unit == canon)):
        # 比上年末减少1.2万人, 羊存栏12.4万只，减少1.3万只: a fall in the level
        value = -value
    kind, kind_rule, qualifier, year = promote_to_target(
        ctx, s, clause_start, clause_end, tok.start, kind, kind_rule, qualifier, year, period)
    if kind_rule == "plan_noun":
        period = "FY"   # 截至7月底…年度投资计划865.3亿元: the whole year's plan
    if kind_rule == "project_descriptor" and period != "FY" and ONE_PROJECT_SIZE.search(
            _list_item_head(s, clause_start) + s[max(0, clause_start - 30):tok.start]):
        period = "FY"   # 该项目总投资12亿元: one project's size is counted over no months
    v = round_value(value * factor * shared_factor * approx_factor)
    vh = round_value(tok.value_high * factor) if tok.value_high is not None else None
    if kind == "value" and canon in MONEY_UNITS and INCREMENT.search(s[clause_start:tok.start]) and any(
            f.kind == "value" and f.unit == canon and f.qualifier == "exact" and f.value > v
            for f in previous):
        return None  # 达到156亿元，净增21.4亿元: how much the level rose, not a level
    region = ctx.region_at(tok.start)
    if other is not None:
        region = _compared_region(ctx, other.group(1), region)
        if region is None:
            return None
    confidence = rule_confidence(indicator is not None, kind_rule, ctx.region_rule_at(tok.start),
                                 ctx.time_rule_at(tok.start))
    label = indicator.name if indicator else _label(clause, tok.start - clause_start)
    if indicator is None:
        label = _without_subject(label, s, ctx.mentions)
        if (_WEAK_HEAD.fullmatch(label) or _ACTION_END.search(label)) and \
                len(s[end:clause_end]) >= 2:
            # 共有16个项目入选省级重点工程: what is counted comes after the number
            label = s[end:clause_end].strip(" 。！？；;!?…，,、")[:14] or label
    if indicator is None and canon == "%" and previous and not GROWTH_WORDS.sub("", label).strip():
        # 第一产业增加值82.1亿元，增长4.0%: a bare rate is the growth of the figure before it
        levels = [f for f in previous if f.kind in ("value", "target")] or previous
        label = levels[-1].label
    time_rule = ctx.time_rule_at(tok.start) + (f"+{start_rule}" if start_rule else "")
    if CUMULATIVE.search(clause_before):
        time_rule += "+cumulative"   # 累计签约…: a running total, never set against one year's
        if period.startswith("M-") and kind != "target":
            period = "YTD-" + period[2:]   # 9月份…，累计增长3.2%: January to September
    elif AVERAGE.search(clause_before):
        time_rule += "+annual_average"   # 年均增长6%: averaged over a span, never one year's figure
    return RawFact(tok.start, end, clause_start, clause_end, region, year, period, indicator, label,
                   kind, v, vh, canon, qualifier, s[tok.start:tok.end], raw_unit, confidence,
                   kind_rule, ctx.region_rule_at(tok.start), time_rule)


# The span a review looks back over: "十四五"以来 / 五年来 / 三年间.
_SPAN_SINCE = re.compile(r"(十[二三四五])五\W{0,2}(?:以来|期间|时期|来)|([两三四五六七八九十])年(?:来|以来|间)"
                         r"|(?:这|过去)([两三四五六七八九十])年")
_SPAN_YEARS = {"两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


_NAMED_SPAN = re.compile(r"((?:19|20)\d\d)\s*年?\s*[-—–~～至到]\s*(?:19|20)\d\d\s*年")


def _start_point_year(ctx: SentenceContext, s: str, num_start: int, year: int) -> tuple[int, str]:
    """The year of 由A增长到B's A: the level before the span the passage reviews (the end of
    十三五 for "十四五以来", N years back for "N年来"), else the year before."""
    named = list(_NAMED_SPAN.finditer(s, 0, num_start))
    if named:   # 2017-2021年，…由A增加到B: A is of the first year the span names
        return int(named[-1].group(1)), "span_start_point"
    par = ctx.paragraph
    found = list(_SPAN_SINCE.finditer(s, 0, num_start))   # (“十四五”时期，某县…从A增至B)
    if not found and not ctx.has_explicit_time_before(num_start):
        before = (par.text[:ctx.span.start - par.start] if par is not None else "") + s[:num_start]
        found = list(_SPAN_SINCE.finditer(before))
    if found:
        plan, years, these = found[-1].groups()
        if plan:
            return PLAN_ENDS[FIVE_YEAR_NAMES[plan]] - 5, "plan_start_point"
        return year - _SPAN_YEARS[years or these], "span_start_point"
    return year - 1, "previous_year_start_point"


_LEAD_VERB = re.compile(r"^(?:实现|完成|全年|累计)+")


def _without_subject(label: str, sentence: str, mentions) -> str:
    """晋城市第一产业增加值 -> 第一产业增加值: the place (or 全市) heading a label is its
    subject, kept in the region column, not part of what is measured."""
    for m in mentions:
        name = sentence[m.start:m.end]
        if label.startswith(name) and len(label) > len(name):
            rest = _LEAD_VERB.sub("", label[len(name):])
            return rest or label
    return label


# 签约项目 counts inbound-investment signings, except in a 三个一批 round-up, where the same
# words are the pipeline's first stage (签约…在谈…开工…投产 named around them).
_SIGNED_IN_PIPELINE = {"inbound_projects_signed": "projects_signed",
                       "inbound_investment_signed": "projects_signed_investment"}
PIPELINE_CONTEXT = re.compile(r"在谈|开工|投产|储备项目|三个一批")
INBOUND_WORDS = re.compile(r"招商引资|省外|境外|外资|引进|落户")


def _as_pipeline(cb: Codebook, indicator, clause: str, ctx: SentenceContext):
    pipeline_id = _SIGNED_IN_PIPELINE.get(indicator.id) if indicator is not None else None
    if (pipeline_id and pipeline_id in cb.by_id and ctx.paragraph is not None
            and PIPELINE_CONTEXT.search(ctx.paragraph.text) and not INBOUND_WORDS.search(clause)):
        return cb.by_id[pipeline_id]
    return indicator


def _inherit(cb: Codebook, clause: str, kind: str, unit: str, previous: list[RawFact]):
    """Borrow the indicator of the previous figure in the sentence where the clause names none."""
    named = [f for f in previous if f.indicator is not None]
    if not named:
        return None
    if kind == "growth":
        # 第二产业增加值180亿元，增长16.9%: the growth of the level just before it, and of
        # nothing when that level names no indicator (a share in between is no level)
        levels = [f for f in previous if f.kind in ("value", "target", "growth")]
        return levels[-1].indicator if levels else named[-1].indicator
    if kind == "share":
        return named[-1].indicator
    named = [f for f in named if f.kind in ("value", "target")]
    if not named:
        return None
    last = named[-1].indicator
    if BARE_FIGURE.fullmatch(clause.strip()) and fits(last, unit, kind):
        return last  # 签约项目12个、8个、5个: bare list items count the same thing
    if unit in MONEY_UNITS and INVEST_WORDS.search(clause):
        return cb.investment_of(last) or (last if last.unit in MONEY_UNITS else None)
    if TOTAL_WORDS.search(clause) and dimension(unit) == dimension(last.unit) or \
            (TOTAL_WORDS.search(clause) and dimension(unit) == "count" and dimension(last.unit) == "count"):
        return cb.total_of(last) or last
    return None


# 原煤产量、发电量均排名全市第二: the items joined by 、 before 均 share the rank
_SHARED_RANK_BEFORE = re.compile(r"(?:均|都|同时)(?:排名|位居|位列|居|列|排在|保持)?[^，,。；;、\d]{0,4}$")


def _coordinated_ranks(ctx: SentenceContext, cb: Codebook, at: int, rank: RawFact) -> list[RawFact]:
    """One rank per item of a 、 list that shares it with 均/都, else the rank alone."""
    s = ctx.span.text
    clause_start = max(s.rfind(c, 0, at) for c in "，,；;：:") + 1   # (、 joins the items)
    shared = _SHARED_RANK_BEFORE.search(s, clause_start, at)
    if shared is None:
        return [rank]
    items = [x for x in s[clause_start:shared.start()].split("、") if x.strip()]
    if len(items) < 2 or any(len(x) > 14 or re.search(r"\d", x) for x in items):
        return [rank]
    out = []
    for item in items:
        found = cb.find(item)
        info = found[0].info if found else None
        out.append(replace(rank, indicator=info, label=item.strip()))
    return out


def _rank_fact(ctx: SentenceContext, cb: Codebook, m: re.Match):
    s = ctx.span.text
    raw = m.group("n1") or m.group("n2") or m.group("n3") or m.group("n4") or m.group("n5") or \
        ("1" if m.group("first") else "")
    value = float(raw) if raw.isdigit() else parse_chinese(raw)
    if not value:
        return None
    clause_start, clause_end = ctx.clause_of(m.start())
    clause = s[clause_start:clause_end]
    if s[max(0, m.start() - 2):m.start()] == "倒数" or "倒数" in m.group(0):
        return None   # 倒数第2: counted from the bottom of a field of unknown size
    counted = COUNTED_ITEMS_BEFORE.search(s, clause_start, m.start())
    if counted and (m.group("n3") or not re.search(r"[均都]", counted.group(0))):
        return None   # 有5项居全省前3位, 9项增速全省第一: how many indicators rank so (两项均居第二 keeps it)
    # 分列第5、第7位: the ranking verb may stand in an earlier list item
    reach = s[max(s.rfind("，", 0, clause_start), s.rfind(",", 0, clause_start), 0):clause_end]
    indicator = _choose_indicator(cb, clause, m.start() - clause_start, m.end() - clause_start, "位", "rank")
    # 增速全市第3; 地区生产总值完成98.6亿元，总量全市第六 (the total of a sum the clause before
    # names): what is ranked, then the scope and the position
    before = s[max(s.rfind("；", 0, clause_start), s.rfind(";", 0, clause_start), 0):clause_start]
    tagged = m.group("n4") and (re.search(r"增速|增幅", reach)
                                or not s[clause_start:m.start() - 2].strip()
                                or (re.search(r"总量|规模|位次", reach)
                                    and any(x.info.unit in MONEY_UNITS for x in cb.find(before))))
    if indicator is None and not RANKING_WORDS.search(reach) and not m.group("first") \
            and not tagged:   # 增速全市第3, 收入12.6亿元、全市第三: a scope then 第N is a rank
        return None  # 第N位 with no ranking around it
    # 前N: a position no worse than N
    qualifier = "less_than" if m.group("n3") else "exact"
    kind, kind_rule = "rank", "rank_phrase"
    if m.group("n3") and (ctx.future_at(m.start()) or RANK_TARGET_CUE.search(clause)):
        kind, kind_rule = "target", "rank_target"   # 力争进入全省前五
    label = indicator.name if indicator else _without_subject(
        _label(clause, m.start() - clause_start, True), s, ctx.mentions)
    # 排名由“十二五”末的第18位上升到第15位: the time in force where the position is written
    at = next((m.start(g) for g in ("n1", "n2", "n3", "n4", "n5") if m.group(g)), m.start())
    return RawFact(m.start(), m.end(), clause_start, clause_end, ctx.region_at(m.start()),
                   ctx.year_at(at), ctx.period_at(at), indicator, label, kind,
                   float(value), None, "位", qualifier, raw, "位",
                   rule_confidence(indicator is not None, kind_rule, ctx.region_rule_at(m.start()),
                                   ctx.time_rule_at(m.start())),
                   kind_rule, ctx.region_rule_at(m.start()), ctx.time_rule_at(m.start()))
