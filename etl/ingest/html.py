"""HTML -> readable text with exact offsets back into raw.

The standard library's `html.parser` does the tokenizing (tags, comments, declarations,
script/style content, character references); it reports where each token starts
(`getpos()`), so every run of text is copied through `MapBuilder` from its exact source
position. BeautifulSoup's get_text would lose those positions.

Forgiving by design: unclosed tags, truncated files and stray '<' never raise, they warn. The
parser holds back what it cannot finish (an unterminated comment, a tag cut off, an unclosed
<script>); `_Walk` decides what such a remainder means and parses on after it.
"""
from __future__ import annotations

import html as htmllib
import re
from bisect import bisect_right
from html.parser import HTMLParser

from .textmap import MapBuilder, Mapped, map_offset

# Elements whose content is never readable text.
_DROP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "iframe",
         "head", "title", "select", "button", "svg", "canvas", "object", "embed", "textarea"}
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
               "menu", "comment", "comments", "related", "recommend", "weixin", "wechat", "social",
               "pages", "pager", "pagination", "prev", "next", "prevnext", "hot", "hotnews",
               "tuijian", "xiangguan", "fenxiang", "xgyd", "rdtj", "xg", "xgxx"}
_JUNK_SUBSTR = ("qrcode", "erweima", "copyright", "advert", "banquan", "share")
_LOOKS_HTML = re.compile(r"<(?:p|div|br|li|tr|td|table|h[1-6]|section|article|ul|ol|span)\b[^>]*>"
                         r"|</(?:p|div|span|td|li)>", re.I)
# A character reference as the parser reads one (the ';' is optional, as in browsers).
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][-.A-Za-z0-9]*);?")
_TAG_START = re.compile(r"<(/?)([A-Za-z][^\t\n\r\f />\x00]*)")


def looks_like_html(text: str) -> bool:
    """A .txt whose body is really HTML (exported web pages): several block tags early on."""
    return len(_LOOKS_HTML.findall(text[:65536])) >= 3


# "Headline_Site name", "Headline - Site", "Headline | Channel | Site": sites append their name.
# (A "——" belongs to the headline: Chinese headlines use it for a subtitle.)
_SITE_SUFFIX = re.compile(r"\s*(?:_|\s-\s|\s–\s|\||｜)\s*[^_|｜]{1,30}$")


def html_title(text: str) -> str | None:
    """The page's headline: its <title> without the site name pages append to it."""
    return _title_and_site(text)[0]


def html_site(text: str) -> str | None:
    """The site's name pages append to their <title> (…_某县人民政府): who published the page."""
    return _title_and_site(text)[1]


def _title_and_site(text: str) -> tuple[str | None, str | None]:
    m = re.search(r"<title[^>]*>(.*?)</title", text[:65536], re.I | re.S)
    if not m:
        return None, None
    title = " ".join(htmllib.unescape(re.sub(r"<[^>]*>", "", m.group(1))).split())
    site = None
    while True:
        cut = _SITE_SUFFIX.search(title)
        if cut is None or cut.start() < 4:
            break
        site = site or title[cut.start():].lstrip("_-–|｜ ").strip() or None   # the last part
        title = title[:cut.start()]
    return title or None, site


def _is_junk_block(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name not in ("class", "id") or not value:
            continue
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
        walk = _Walk(src, name, keep)
        mapped, warnings, unclosed = walk.run()
        if unclosed is None:
            return mapped, notes + warnings
        # A dropped block never closed would swallow the rest of the file: keep it instead.
        at, tag = unclosed
        notes.append(f"{name}: unclosed <{tag}> junk block at offset {walk.raw_at(at)}; "
                     f"kept its content")
        if len(keep) >= 20 or at in keep:  # pathological input: accept the loss
            return mapped, notes + warnings
        keep = keep | {at}


class _Parser(HTMLParser):
    """Hands every token of `text[base:]` to the walk with its offset in `text`."""

    def __init__(self, walk: "_Walk", base: int):
        super().__init__(convert_charrefs=False)  # references keep their own positions
        self.walk = walk
        self.base = base
        # getpos() counts lines from `base`: line k > 1 starts after the (k-1)th newline
        self.first_line = bisect_right(walk.line_starts, base) - 1

    def at(self) -> int:
        line, col = self.getpos()
        if line == 1:
            return self.base + col
        return self.walk.line_starts[self.first_line + line - 1] + col

    def handle_data(self, data: str) -> None:
        self.walk.data(self.at(), data)

    def handle_starttag(self, tag, attrs) -> None:
        self.walk.start(self.at(), tag, attrs, self_closing=False)

    def handle_startendtag(self, tag, attrs) -> None:
        self.walk.start(self.at(), tag, attrs, self_closing=True)

    def handle_endtag(self, tag) -> None:
        self.walk.end(self.at(), tag)

    def handle_entityref(self, name) -> None:
        self.walk.reference(self.at())

    def handle_charref(self, name) -> None:
        self.walk.reference(self.at())

    # comments, <!DOCTYPE>, <?xml?> and <![CDATA[]]> are not readable text
    def handle_comment(self, data) -> None:
        pass

    def handle_decl(self, decl) -> None:
        pass

    def handle_pi(self, data) -> None:
        pass

    def unknown_decl(self, data) -> None:
        pass


class _Walk:
    """One pass over the source; `keep` = offsets of junk blocks not to drop this time."""

    def __init__(self, src: Mapped, name: str, keep: frozenset[int]):
        self.src, self.s, self.name, self.keep = src, src.text, name, keep
        self.out = MapBuilder()
        self.warnings: list[str] = []
        self.open_tags: list[str] = []
        self.drop_name, self.drop_depth, self.drop_at = "", 0, -1
        self.script_at = -1
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.s)]

    def raw_at(self, i: int) -> int:  # warnings quote raw offsets, like everything else
        return map_offset(self.src.map, i)

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.name}: {message}")

    def newline(self, at: int) -> None:
        if len(self.out) and self.out.last_char() != "\n":
            self.out.insert("\n", at)

    # --- tokens -------------------------------------------------------------------------
    def data(self, at: int, data: str) -> None:
        if self.drop_depth or not data:
            return
        if self.s.startswith(data, at):
            self.out.copy_from(self.src, at, at + len(data))
        else:  # not a verbatim slice (never seen): keep the text, attributed to its start
            self.out.insert(data, at)

    def reference(self, at: int) -> None:
        if self.drop_depth:
            return
        m = _REFERENCE.match(self.s, at)
        if m is None:
            return
        token = m.group(0)
        decoded = htmllib.unescape(token)
        if decoded == token:  # not a reference the browser knows: the text as written
            self.out.copy_from(self.src, m.start(), m.end())
        else:
            self.out.insert(decoded, at)

    def start(self, at: int, tag: str, attrs, self_closing: bool) -> None:
        if tag in ("script", "style"):
            self.script_at = at
        if self.drop_depth:
            if tag == self.drop_name and not self_closing and tag not in _VOID:
                self.drop_depth += 1
            return
        if tag in ("script", "style") or (at not in self.keep and (
                tag in _DROP or _is_junk_block(attrs))):
            if self_closing or tag in _VOID:
                return
            self.drop_name, self.drop_depth, self.drop_at = tag, 1, at
            self.newline(at)
            return
        if tag in _BLOCK:
            self.newline(at)
        elif tag in _CELL and len(self.out) and self.out.last_char() not in " \n":
            self.out.insert(" | ", at)  # keep table cells apart, as a row the core can read
        if tag not in _VOID and not self_closing:
            self.open_tags.append(tag)

    def end(self, at: int, tag: str) -> None:
        if self.drop_depth:
            if tag == self.drop_name:
                self.drop_depth -= 1
            return
        if tag in self.open_tags:
            while self.open_tags and self.open_tags.pop() != tag:
                pass
        if tag in _BLOCK:
            self.newline(at)

    # --- what the parser could not finish -----------------------------------------------
    def _remainder(self, parser: _Parser, at: int) -> int | None:
        """Deal with the unparsed rest starting at `at`; where to parse on, or None to stop."""
        s = self.s
        if parser.cdata_elem:  # as browsers do: the rest of an unclosed <script> is code
            if self.drop_name == parser.cdata_elem:
                self.drop_depth = 0
            self.warn(f"unclosed <{parser.cdata_elem}> at offset {self.raw_at(self.script_at)}; "
                      f"rest dropped")
            return None
        if s.startswith(("<!--", "<![CDATA["), at):
            self.warn(f"unterminated HTML comment at offset {self.raw_at(at)}")
            return None
        tag = _TAG_START.match(s, at)
        if tag is not None:
            name = tag.group(2).lower()
            gt = s.find(">", tag.end())
            if gt < 0:
                self.warn(f"unclosed tag <{name}> at end (truncated HTML?)")
                return None
            # '<p title="x>...': a quote never closed. The tag ends at the first '>'.
            self.warn(f"malformed tag <{name}> at offset {self.raw_at(at)}")
            if tag.group(1):
                self.end(at, name)
            else:
                self.start(at, name, [], self_closing=False)
            return gt + 1
        self.data(at, s[at])  # a lone '<' or '&' the parser waited on: plain text
        return at + 1

    def run(self):
        at = 0
        while at is not None and at < len(self.s):
            parser = _Parser(self, at)
            parser.feed(self.s[at:])
            if not parser.rawdata:
                break
            at = self._remainder(parser, len(self.s) - len(parser.rawdata))
        if self.drop_depth and self.drop_name in ("script", "style"):
            # ends inside <script>: there is nothing after it to keep
            self.warn(f"unclosed <{self.drop_name}> at offset {self.raw_at(self.drop_at)}; "
                      f"rest dropped")
            self.drop_depth = 0
        if self.drop_depth:
            return self.out.build(), self.warnings, (self.drop_at, self.drop_name)
        unclosed = [t for t in self.open_tags if t not in _OPTIONAL_CLOSE]
        if unclosed:
            self.warn(f"{len(unclosed)} unclosed HTML element(s) at end "
                      f"(<{'>, <'.join(unclosed[-3:])}>): malformed or truncated")
        return self.out.build(), self.warnings, None
