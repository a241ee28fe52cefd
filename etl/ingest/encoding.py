"""Bytes -> str for Chinese documents of unknown encoding.

Order matters: BOMs are certain, UTF-16 without BOM is recognised by where its NUL bytes fall
(charset-normalizer is weak on it), strict UTF-8 over the whole file is cheap and almost never
wrong, and only then do we ask charset-normalizer -- on a sample, because it is slow on big files.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import IngestError

SAMPLE = 64 * 1024
# Bytes that do not occur in text: C0 controls except \t \n \v \f \r and ESC, plus DEL.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CJK_FAMILY = ("gb", "big5", "cp950", "cp936", "hz", "utf", "ascii")
# Frequent characters of Chinese prose (simplified and traditional forms): a wrong decoding
# produces rare characters, so their share tells the right candidate apart.
_COMMON_HANZI = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工"
    "也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小"
    "物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形"
    "相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建"
    "月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长"
    "求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战"
    "這個們來為與區進動學實點體務關機長當總將標質農場發經對現產業開會國說時"
)
_TRAD_ONLY = "這個們來為與區進動學實點體務關機長當總將標質農場發經對現產業開會國說時財際億萬專項"
_SIMP_ONLY = "这个们来为与区进动学实点体务关机长当总将标质农场发经对现产业开会国说时财际亿万专项"


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, path: str | Path) -> Decoded:
    """Decode a whole file; raise IngestError for empty, binary or hopeless content."""
    name = Path(path).name
    if not data:
        raise IngestError(path, "empty file")
    bom = _from_bom(data)
    if bom:
        enc, skip = bom
        return _finish(data[skip:], enc, path, name, how="BOM")
    utf16 = _utf16_by_nuls(data[:SAMPLE])
    if utf16:
        return _finish(data, utf16, path, name, how="NUL pattern")
    sample = data[:SAMPLE]
    ratio = (len(sample) - len(sample.translate(None, _CONTROL))) / len(sample)
    if ratio >= 0.05:
        raise IngestError(path, f"not text (binary content, {ratio:.0%} control bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    multibyte = sum(1 for c in loose[:SAMPLE] if ord(c) > 127) if bad < 50 else bad
    if bad <= max(3, 0.02 * multibyte):
        # Mostly UTF-8 with a few broken bytes (a bad copy-paste): keep UTF-8, say so.
        return Decoded(loose, "utf-8", [f"{name}: {bad} invalid byte sequence(s) replaced (utf-8)"])
    return _finish(data, _guess(sample), path, name, how="detected")


def _from_bom(data: bytes) -> tuple[str, int] | None:
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return enc, len(bom)
    return None


def _utf16_by_nuls(sample: bytes) -> str | None:
    """UTF-16 without BOM: ASCII characters (digits, newlines) leave a NUL on one parity."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    total = even + odd
    if total < max(2, len(sample) // 200):
        return None
    for count, other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if count >= 0.9 * total and other <= max(1, 0.02 * total):
            try:
                decoded = sample.decode(enc)
            except UnicodeDecodeError:
                # The sample may end inside a surrogate pair; only the tail is allowed to fail.
                try:
                    decoded = sample[:-2].decode(enc)
                except UnicodeDecodeError:
                    continue
            controls = sum(1 for c in decoded if ord(c) < 32 and c not in "\t\n\r\f")
            if controls <= 0.02 * max(len(decoded), 1):
                return enc
    return None


def _normalise(enc: str) -> str:
    enc = enc.lower().replace("-", "_")
    if enc in ("gbk", "gb2312", "cp936", "gb18030", "hz", "euc_cn"):
        return "gb18030"  # superset of the GBK family: never worse
    if enc in ("big5", "cp950", "big5hkscs"):
        return "big5hkscs"
    return enc


def _hanzi_score(sample: bytes, enc: str) -> float:
    text = sample.decode(enc, errors="replace")
    if not text:
        return 0.0
    return sum(1 for c in text if c in _COMMON_HANZI) / len(text) - text.count("\ufffd") / len(text)


def _guess(sample: bytes) -> str:
    """Encoding of a non-UTF-8 sample: charset-normalizer, sanity-checked for Chinese."""
    # Cut the sample after a byte below 0x30, which no multibyte CJK sequence contains, so the
    # detector does not see a truncated character at the end.
    cut = max(sample.rfind(bytes([b])) for b in b"\n\r \t,.")
    if cut > len(sample) // 2:
        sample = sample[: cut + 1]
    best = from_bytes(sample).best()
    guess = _normalise(best.encoding) if best else ""
    if guess.startswith(_CJK_FAMILY):
        return guess
    # Not a Chinese encoding (e.g. cp949, shift_jis, cp1252): prefer a Chinese one that reads well.
    scores = {enc: _hanzi_score(sample, enc) for enc in ("gb18030", "big5hkscs")}
    top = max(scores, key=scores.get)
    if scores[top] > 0.05 or not guess:
        return top
    return guess


def _finish(data: bytes, enc: str, path, name: str, how: str) -> Decoded:
    try:
        return Decoded(data.decode(enc), enc)
    except UnicodeDecodeError:
        pass
    if enc == "big5hkscs":
        try:
            return Decoded(data.decode("cp950"), "cp950")
        except UnicodeDecodeError:
            pass
    text = data.decode(enc, errors="replace")
    bad = text.count("\ufffd")
    if bad > 0.2 * len(text):
        raise IngestError(path, f"not text (undecodable: {bad} of {len(text)} characters invalid as {enc})")
    return Decoded(text, enc, [f"{name}: {bad} invalid byte sequence(s) replaced ({enc}, {how})"])


_TRAD_RE = re.compile(f"[{re.escape(_TRAD_ONLY)}]")
_SIMP_RE = re.compile(f"[{re.escape(_SIMP_ONLY)}]")


def looks_traditional(text: str, sample: int = 20000) -> bool:
    """True when the text is written in traditional characters (heuristic on frequent words)."""
    head = text[:sample]
    trad = len(_TRAD_RE.findall(head))   # one scan per set, not one per character
    simp = len(_SIMP_RE.findall(head))
    return trad >= 3 and trad > 2 * simp
