"""Line-level cleaning shared by plain text and HTML: boilerplate, duplicates, zero-width chars.

Conservative on purpose: a dropped line can hide a fact forever, a kept footer only costs a
little noise. Long lines are never judged boilerplate unless they start like a disclaimer, and
a line with a figure and a unit (亿元, 家, %) is kept unless it is clearly a licence/footer line.
"""
from __future__ import annotations

import re

from .textmap import MapBuilder, Mapped

ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\ufeff\u2060"
_ZW = re.compile(f"[{ZERO_WIDTH}]+")
_EDGE = " \t\u3000\xa0\r\f\v" + ZERO_WIDTH

# Licence and contact lines: boilerplate whatever else they hold.
_LICENCE = re.compile(r"ICP[备證证]|ICP\s*\d|公网安备|公網安備|网安备|增值电信业务经营许可证"
                      r"|视听节目许可证|新闻信息服务许可证|举报电话|举报邮箱|不良信息举报", re.I)
_COPYRIGHT = re.compile(r"版权所有|版權所有|copyright|©|all rights reserved|未经.{0,8}授权.{0,12}(?:转载|复制|摘编|使用)"
                        r"|禁止转载|严禁转载|务经书面授权|违者.{0,4}依法追究|不代表.{0,20}(?:观点|立场)", re.I)
_DISCLAIMER = re.compile(r"^[\[【(（]?\s*(?:免责声明|免責聲明|版权声明|版權聲明|特别声明|声明)\s*[\]】)）]?\s*[:：]")
_EDITOR = re.compile(r"^[\[【(（]?\s*(?:责任编辑|責任編輯|责编|責編|编辑|編輯|校对|审核|审校|美编)\s*[:：]")
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_EMPTY_IMAGE = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)\s*\|?\s*)+$")
_CSS_TOKEN = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_DIGIT_JUNK = re.compile(r"^[0-9]{16,}$")
_JUNK_LINES = {"广告", "廣告", "advertisement", "无标题文档", "無標題文檔", "返回顶部", "返回首页",
               "打印本页", "关闭窗口", "分享到", "扫一扫", "【打印】", "【关闭】"}
# The lookahead names every branch's first character, so the engine rejects most positions of
# a line with one test instead of trying ~20 branches at each (a new branch adds its own).
_TRIGGER = re.compile("(?=[IiCcAa©公网網增视新举违版未禁严务不])(?:" + _LICENCE.pattern + "|"
                      + _COPYRIGHT.pattern + ")", re.I)
_SENTENCE_END = re.compile(r"[。！？；;!?]")
# 上一篇：… 下一篇：…: links to the neighbouring articles
_NEIGHBOURS = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|上一篇文章|下一篇文章)\s*[:：]?")
# The heading of a list of other articles (their titles carry other places' figures)
_RELATED_HEADING = re.compile(r"^[【\[]?(?:热点推荐|热门推荐|精彩推荐|推荐阅读|相关阅读|相关新闻|相关文章|相关链接|"
                              r"延伸阅读|热门文章|最新文章|热点新闻|猜你喜欢|往期回顾|更多新闻|相关信息|相关内容|"
                              r"相关推荐|熱點推薦|相關閱讀|相關新聞|推薦閱讀|相關信息)[】\]]?\s*[:：]?$")
_TITLE_LIKE = 40   # a listed article's title: short, no sentence end
_FIGURE = re.compile(r"\d[\d.,]*\s*(?:亿|万|家|个|%|％|元|户|人|亩|平方米|公里|套|所|栋|项)")
_SHORT = 200  # longer lines are prose


_NUMBER_ITEM = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?%?|[-—–/]")
_UNIT_HEADER = re.compile(r"[(（](?:[万亿千百]?(?:元|吨|人|户|家|个|亩|公顷|千瓦时|千瓦|立方米|平方米)|%|％)[)）]")


# A site's name in a row of links to other sites (their places are not the page's)
_SITE_NAME = re.compile(r"[\u4e00-\u9fff]{1,12}(?:人民政府|政府网|门户网站|网站|网|政府)")


def _is_table_row(items: list[str]) -> bool:
    """A flattened table's row (城区 | 98.62 | 5.3 | 2) or its header with units in brackets
    (地区生产总值(亿元) | 增速(%)): content, not a menu."""
    if len(items) < 3:
        return False
    numbers = sum(bool(_NUMBER_ITEM.fullmatch(i)) for i in items)
    return numbers * 2 >= len(items) or any(_UNIT_HEADER.search(i) for i in items)


def is_nav_line(line: str) -> bool:
    """Menus flattened to one line: many short items separated by '|' (or a 首页 link row)."""
    if "|" not in line and "｜" not in line and "首页" not in line and "首頁" not in line:
        return False
    if line[0] in "|｜" and len(line) <= 30:  # the tail of a menu wrapped onto its own line
        return True
    items = [p.strip() for p in re.split(r"[|｜]", line)]
    items = [p for p in items if p]
    if _is_table_row(items):
        return False
    if len(items) >= 2 and all(_SITE_NAME.fullmatch(i) for i in items):
        return True   # 中国政府网 | 山西省人民政府 | 某市人民政府: links to other sites
    if line.count("|") + line.count("｜") >= 3 and len(items) >= 4:
        short = sum(len(p) for p in items) / len(items) <= 10
        # A row of figures with units (a flattened table) is content, not a menu.
        return short and not _SENTENCE_END.search(line) and not _FIGURE.search(line)
    return ("首页" in line or "首頁" in line) and len(line) < 120 and not re.search(r"[，,。：:]", line)


def is_boilerplate(line: str) -> bool:
    """True for a (stripped) line that is site furniture, not document content."""
    if len(line) > _SHORT:
        return bool(_DISCLAIMER.match(line))
    if line.lower() in _JUNK_LINES or _URL.match(line) or _EMPTY_IMAGE.match(line):
        return True
    if _NEIGHBOURS.match(line):
        return True
    if _CSS_TOKEN.match(line) or _DIGIT_JUNK.match(line):
        return True
    if _DISCLAIMER.match(line) or (_EDITOR.match(line) and len(line) <= 40):
        return True
    if not _TRIGGER.search(line):  # one scan rules out licence and copyright lines
        return is_nav_line(line)
    if _LICENCE.search(line):
        return True
    if _COPYRIGHT.search(line):
        # A figure with a unit suggests a real sentence that merely mentions copyright.
        return not _FIGURE.search(line) or len(line) < 60
    return is_nav_line(line)


def clean_lines(src: Mapped, dedupe_min: int = 8) -> Mapped:
    """Strip zero-width chars and line-edge blanks, drop boilerplate and repeated lines.

    Kept lines are joined by single newlines, each copied from the newline that ended the line
    in `src`, so every character of the result still maps into raw.
    """
    s = src.text
    out = MapBuilder()
    seen: set[str] = set()
    pos = 0
    n = len(s)
    # Pieces to copy are collected as src spans and merged while they touch: a clean text is
    # then copied in a few large pieces instead of two per line.
    runs: list[list[int]] = []
    end_prev = -1
    in_related = False   # inside a 相关阅读 list: its titles are other articles
    while pos < n:
        nl = s.find("\n", pos)
        end = n if nl < 0 else nl
        line = s[pos:end]
        start_pos = pos
        pos = end + 1
        lead = len(line) - len(line.lstrip(_EDGE))
        stripped = line.strip(_EDGE)
        if not stripped:
            continue
        has_zw = _ZW.search(stripped) is not None
        if has_zw:
            stripped = _ZW.sub("", stripped)
        if _RELATED_HEADING.match(stripped):
            in_related = True
            continue
        if in_related:
            if len(stripped) <= _TITLE_LIKE and not _SENTENCE_END.search(stripped):
                continue
            in_related = False
        if is_boilerplate(stripped):
            continue
        if len(stripped) >= dedupe_min:
            # Pages often repeat a title or quote verbatim: the copy adds nothing but double counts.
            if stripped in seen:
                continue
            seen.add(stripped)
        pieces = [(end_prev, end_prev + 1)] if end_prev >= 0 else []
        a = start_pos + lead
        b = start_pos + len(line.rstrip(_EDGE))
        if has_zw:
            for zw in _ZW.finditer(s, a, b):
                pieces.append((a, zw.start()))
                a = zw.end()
        pieces.append((a, b))
        for a, b in pieces:
            if b <= a:
                continue
            if runs and runs[-1][1] == a:
                runs[-1][1] = b
            else:
                runs.append([a, b])
        end_prev = end  # the newline after this line separates it from the next kept line
    for a, b in runs:
        out.copy_from(src, a, b)
    return out.build()
