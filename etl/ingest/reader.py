"""read_document: one file on disk -> etl.models.Document."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..models import Document
from . import dates
from .boilerplate import ZERO_WIDTH, clean_lines, is_boilerplate
from .encoding import decode_bytes
from .errors import IngestError
from .frontmatter import meta_list, meta_str, split_front_matter
from .html import html_site, html_title, html_to_text, looks_like_html
from .sources import SourceRow, discover_sources
from .textmap import Mapped

_HTML_EXT = {".html", ".htm"}


def read_document(path: str | Path, source: SourceRow | None = None) -> Document:
    """Decode, clean and date one document; IngestError if it cannot be read as text."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read ({exc.strerror or exc})") from exc
    decoded = decode_bytes(data, path)
    # Newlines are normalised first so every offset (raw, text, quotes) agrees on one string.
    raw = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    if not raw.strip(" \t\n\f\v\u3000\xa0" + ZERO_WIDTH):
        raise IngestError(path, "empty (no text content)")
    warnings = list(decoded.warnings)

    fm, is_html, cleaned, text_warnings = build_text(raw, name, path.suffix.lower() in _HTML_EXT)
    warnings += text_warnings

    doc = Document(doc=name, path=str(path), raw=raw, text=cleaned.text, text_map=cleaned.map,
                   encoding=decoded.encoding, content_hash=hashlib.sha256(data).hexdigest(),
                   warnings=warnings)
    meta = fm.meta
    doc.title = (source and source.title) or meta_str(meta, "title") \
        or (html_title(raw[fm.end:]) if is_html else None) or first_title_line(doc.text)
    doc.url = (source and source.url) or meta_str(meta, "url", "link", "permalink", "source_url")
    source_meta = meta_str(meta, "source")
    if source_meta and source_meta.startswith(("http://", "https://")):
        doc.url = doc.url or source_meta
        source_meta = None
    doc.publisher = (source and source.publisher) or meta_str(meta, "publisher") or source_meta \
        or (html_site(raw[fm.end:]) if is_html else None)
    doc.author = meta_str(meta, "author", "authors")
    doc.categories = meta_list(meta, "categories") or meta_list(meta, "category")
    doc.published, doc.date_rule, doc.date_precision = choose_date(
        doc, source, meta, raw[fm.end:] if is_html else None)
    return doc


def build_text(raw: str, name: str, html: bool = False):
    """raw -> (front matter, is_html, cleaned Mapped, warnings); no I/O, so tests can fuzz it."""
    fm = split_front_matter(raw, name)
    warnings = list(fm.warnings)
    body = Mapped.slice_of(raw, fm.end)
    is_html = html or looks_like_html(body.text)
    if is_html:
        body, html_warnings = html_to_text(body, name)
        warnings += html_warnings
    cleaned = clean_lines(body)
    if not cleaned.text.strip():
        warnings.append(f"{name}: no readable text left after cleaning")
    return fm, is_html, cleaned, warnings


def choose_date(doc: Document, source: SourceRow | None, meta: dict, html: str | None = None):
    """(published, date_rule, precision), trying the rules from most to least trustworthy.
    A partial date (2018-09, 2018) is kept with its precision rather than dropped. An HTML
    page's own publication markup (meta tags, time elements, 发布时间 blocks) is read by
    htmldate, a library made for it."""
    if source and source.published:
        return source.published, "sources_csv", source.precision
    if "date" in meta:
        found = dates.parse_partial_date(meta["date"])
        if found:
            return found[0], "front_matter", found[1]
        doc.warnings.append(f"{doc.doc}: front matter date {str(meta['date'])!r} not understood")
    from_url = dates.date_from_url_partial(doc.url)
    if from_url and from_url[1] == "day":
        return from_url[0], "url", "day"
    if html is not None:
        found = dates.date_from_html(html, doc.url)
        if found:
            return found, "html_metadata", "day"
    year = from_url[0].year if from_url else (dates.year_from_url(doc.url) or dates.year_hint(doc.text))
    d = dates.find_dateline(doc.text, year)
    if d and (from_url is None or (d.year, d.month) == (from_url[0].year, from_url[0].month)):
        return d, "dateline", "day"
    if from_url:
        return from_url[0], "url", from_url[1]
    if d:
        return d, "dateline", "day"
    d = dates.date_from_content(doc.text)
    if d:
        return d, "content", "year"
    d = dates.date_from_title(doc.title)
    if d:
        return d, "title_year", "year"
    found = dates.date_from_body(doc.text)
    if found:
        return found[0], found[1], "year"
    return None, "none", "day"


def first_title_line(text: str) -> str | None:
    """A title guess: the first short line that is not furniture, a date or a menu, before the
    body begins: a short line after the first paragraph of prose is a section heading
    (一、…, 招商引资), not the document's title."""
    for line in text[:5000].split("\n"):
        line = line.strip()
        if line.count("|") == 1 and line.endswith("|"):
            line = line[:-1].strip()     # 标题 | : a title with the site's separator
        if len(line) > 60 or (len(line) > 30 and line.endswith("。")):
            return None                  # the body has begun
        if not 4 <= len(line) <= 60 or "|" in line or is_boilerplate(line):
            continue
        if line.endswith(("。", "？", "?", "！", "：", ":")) or re.fullmatch(r"[\d\s:：./年月日-]+", line):
            continue
        if re.match(r"^\d{4}\s*年\d{1,2}月\d{1,2}日", line):  # a dateline row, not a title
            continue
        return line
    return None


def read_documents(paths: list[str | Path]) -> tuple[list[Document], list[str]]:
    """Everything under `paths` as Documents; unreadable files and sources.csv problems are
    returned as warnings so one bad file does not stop a batch."""
    files, warnings = discover_sources(paths)
    docs: list[Document] = []
    for path, source in files:
        try:
            docs.append(read_document(path, source))
        except IngestError as exc:
            warnings.append(str(exc))
    return docs, warnings
