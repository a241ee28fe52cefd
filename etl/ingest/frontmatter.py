"""YAML front matter (``---`` ... ``---`` at the top of a file, as blog exporters write it)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

# Only look for the closing fence this far: a file that merely starts with a "---" rule must not
# make us parse megabytes as YAML.
_MAX_BLOCK = 64 * 1024
_OPEN = re.compile(r"\A(?:[ \t\ufeff]*\n)*---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:", re.M)
# libyaml's safe loader where PyYAML was built with it (the pure-Python one is ~10x slower):
# the same YAML, the same errors.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class FrontMatter:
    end: int = 0                      # raw offset where the body starts (0: no front matter)
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def split_front_matter(raw: str, name: str) -> FrontMatter:
    """Find and parse front matter; bad YAML gives a warning and no metadata, never an error."""
    opened = _OPEN.match(raw)
    if not opened:
        return FrontMatter()
    closed = _CLOSE.search(raw, opened.end(), min(len(raw), opened.end() + _MAX_BLOCK))
    if not closed:
        block = raw[opened.end(): opened.end() + 2000]
        if _KEY_LINE.search(block):
            return FrontMatter(0, {}, [f"{name}: front matter has no closing '---'; kept as text"])
        return FrontMatter()
    block = raw[opened.end(): closed.start()]
    end = closed.end() + 1 if raw[closed.end(): closed.end() + 1] == "\n" else closed.end()
    try:
        meta = yaml.load(block, Loader=_SAFE_LOADER) if block.strip() else {}
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return FrontMatter(end, {}, [f"{name}: bad YAML front matter ignored ({problem})"])
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return FrontMatter(end, {}, [f"{name}: front matter is not a mapping; ignored"])
    return FrontMatter(end, {str(k).lower(): v for k, v in meta.items()})


def meta_str(meta: dict, *keys: str) -> str | None:
    """First non-empty value among `keys` as a string (lists are joined with '、')."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, (list, tuple)):
            value = "、".join(str(v) for v in value if v is not None)
        if value is not None and not isinstance(value, dict) and str(value).strip():
            return str(value).strip()
    return None


def meta_list(meta: dict, key: str) -> list[str]:
    """A list field that may be written as a list or as a comma-separated string."""
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    return [p.strip() for p in re.split(r"[,，、;；]", str(value)) if p.strip()]
