"""HTML -> readable text with exact offsets back into raw.

BeautifulSoup's get_text loses source positions, so this walks the source with a small regex
tokenizer (tags, comments, entities, text) and copies text runs through `MapBuilder`. It is
forgiving by design: unclosed tags, truncated files and stray '<' never raise, they warn.
"""
from __future__ import annotations

import html as htmllib
import re

from .textmap import MapBuilder, Mapped, map_offset

_TOKEN = re.compile(
    r"<!--|<!\[CDATA\[|<![^>]*>|<\?[^>]*>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)(>)?"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
# Elements whose content is never readable text.
_DROP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe",
         "head", "title", "select", "button", "svg", "canvas", "object", "embed", "textarea"}
_RAWTEXT = {"script", "style", "textarea", "title", "iframe", "noscript", "xmp"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "dd", "dt", "dl", "hr", "figure",
          "figcaption", "main", "center", "address", "tbody", "thead", "caption", "body", "html"}
_CELL = {"td", "th"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr", "source",
         "param", "track", "embed"}
# Closing is optional for these, so an unclosed one at the end is not a sign of truncation.
_OPTIONAL_CLOSE = {"p", "li", "td", "th", "tr", "dt", "dd", "option", "html", "body", "head",
                   "tbody", "thead", "colgroup", "caption"}
# class/id words of ad, share, QR-code and footer blocks.
_JUNK_WORDS = {"ad", "ads", "advert", "advertisement", "share", "qr", "qrcode", "erweima",
               "footer", "copyright", "banquan", "sidebar", "breadcrumb", "nav", "navbar",
               "menu", "comment", "comments", "related", "recommend", "weixin", "wechat", "social"}
_JUNK_SUBSTR = ("qrcode", "erweima", "copyright", "advert", "banquan", "share")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|li|tr|td|table|h[1-6]|section|article|ul|ol|span)\b[^>]*>"
                         r"|</(?:p|div|span|td|li)>", re.I)


def looks_like_html(text: str) -> bool:
    """A .txt whose body is really HTML (exported web pages): several block tags early on."""
    return len(_LOOKS_HTML.findall(text[:65536])) >= 3


# "Headline_Site name", "Headline - Site", "Headline | Channel | Site": sites append their name.
# (A "——" belongs to the headline: Chinese headlines use it for a subtitle.)
_SITE_SUFFIX = re.compile(r"\s*(?:_|\s-\s|\s–\s|\||｜)\s*[^_|｜]{1,30}$")


def html_title(text: str) -> str | None:
    """The page's headline: its <title> without the site name pages append to it."""
    m = re.search(r"<title[^>]*>(.*?)</title", text[:65536], re.I | re.S)
    if m:
        title = " ".join(htmllib.unescape(re.sub(r"<[^>]*>", "", m.group(1))).split())
        while True:
            cut = _SITE_SUFFIX.search(title)
            if cut is None or cut.start() < 4:
                break
            title = title[:cut.start()]
        return title or None
    return None


def _is_junk_block(attrs: str) -> bool:
    for m in _ATTR.finditer(attrs):
        if m.group(1).lower() not in ("class", "id"):
            continue
        value = m.group(2) or m.group(3) or m.group(4) or ""
        low = value.lower()
        if any(s in low for s in _JUNK_SUBSTR):
            return True
        # Split "appendQr_wrap ad-box" into words: camelCase, '-', '_' and spaces.
        words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", value).lower()
        if _JUNK_WORDS.intersection(re.split(r"[\s_\-]+", words)):
            return True
    return False


def html_to_text(src: Mapped, name: str) -> tuple[Mapped, list[str]]:
    """Readable text of an HTML source, plus warnings about malformed markup."""
    keep: frozenset[int] = frozenset()
    notes: list[str] = []
    while True:
        mapped, warnings, unclosed = _walk(src, name, keep)
        if unclosed is None:
            return mapped, notes + warnings
        # A dropped block never closed would swallow the rest of the file: keep it instead.
        raw_offset, at, tag = unclosed
        notes.append(f"{name}: unclosed <{tag}> junk block at offset {raw_offset}; kept its content")
        if len(keep) >= 20:  # pathological input: stop retrying, accept the loss
            return mapped, notes + warnings
        keep = keep | {at}


def _walk(src: Mapped, name: str, keep: frozenset[int]):
    """One pass of the tokenizer; `keep` = offsets of junk blocks not to drop this time."""
    s = src.text
    out = MapBuilder()
    warnings: list[str] = []
    open_tags: list[str] = []
    drop_name, drop_depth, drop_at = "", 0, -1
    pos = 0

    def raw_at(i: int) -> int:  # warnings quote raw offsets, like everything else
        return map_offset(src.map, i)

    def newline(at: int) -> None:
        if len(out) and out.last_char() != "\n":
            out.insert("\n", at)

    while pos < len(s):
        m = _TOKEN.search(s, pos)
        end = m.start() if m else len(s)
        if end > pos and not drop_depth:
            out.copy_from(src, pos, end)
        if not m:
            break
        tok = m.group(0)
        pos = m.end()
        if tok == "<!--" or tok == "<![CDATA[":
            close = s.find("-->" if tok == "<!--" else "]]>", pos)
            if close < 0:
                warnings.append(f"{name}: unterminated HTML comment at offset {raw_at(m.start())}")
                pos = len(s)
            else:
                pos = close + 3
            continue
        if tok.startswith("&"):
            if not drop_depth:
                decoded = htmllib.unescape(tok)
                if decoded == tok:
                    out.copy_from(src, m.start(), m.end())
                else:
                    out.insert(decoded, m.start())
            continue
        if tok.startswith("<!") or tok.startswith("<?"):
            continue
        closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3) or ""
        if m.group(4) is None:  # '<div class="x' with no '>': truncated file or stray quote
            gt = s.find(">", m.end())
            if gt < 0:
                warnings.append(f"{name}: unclosed tag <{tag}> at end (truncated HTML?)")
                break
            warnings.append(f"{name}: malformed tag <{tag}> at offset {raw_at(m.start())}")
            pos = gt + 1
        self_closing = attrs.rstrip().endswith("/")
        if drop_depth:
            if tag == drop_name and not self_closing and tag not in _VOID:
                drop_depth += -1 if closing else 1
            continue
        if closing:
            if tag in open_tags:
                while open_tags and open_tags.pop() != tag:
                    pass
            if tag in _BLOCK:
                newline(m.start())
            continue
        if tag in _RAWTEXT or (m.start() not in keep and (tag in _DROP or _is_junk_block(attrs))):
            if self_closing or tag in _VOID:
                continue
            if tag in _RAWTEXT:  # content is not markup: jump to the end tag directly
                close = re.compile(rf"</{tag}\s*>", re.I).search(s, pos)
                if close:
                    pos = close.end()
                    newline(m.start())
                    continue
                if tag in ("script", "style"):  # as browsers do: the rest is code
                    warnings.append(f"{name}: unclosed <{tag}> at offset {raw_at(m.start())}; rest dropped")
                    pos = len(s)
                    break
                warnings.append(f"{name}: unclosed <{tag}> at offset {raw_at(m.start())}; tag ignored")
                continue
            drop_name, drop_depth, drop_at = tag, 1, m.start()
            newline(m.start())
            continue
        if tag in _BLOCK:
            newline(m.start())
        elif tag in _CELL and len(out) and out.last_char() not in " \n":
            out.insert(" ", m.start())  # keep table cells apart
        if tag not in _VOID and not self_closing:
            open_tags.append(tag)

    if drop_depth:
        return out.build(), warnings, (raw_at(drop_at), drop_at, drop_name)
    unclosed = [t for t in open_tags if t not in _OPTIONAL_CLOSE]
    if unclosed:
        warnings.append(f"{name}: {len(unclosed)} unclosed HTML element(s) at end "
                        f"(<{'>, <'.join(unclosed[-3:])}>): malformed or truncated")
    return out.build(), warnings, None
