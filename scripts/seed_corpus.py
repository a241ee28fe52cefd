"""A corpus shaped like the real documents: copies of seeds/ with their figures varied.

    python -m scripts.seed_corpus OUT_DIR [--copies 2000] [--seed 7]

The generated corpus (scripts/gen_corpus.py) is simpler than real pages; this one keeps the
seeds' layout, length, markup and sentence shapes and changes only the figures, so a benchmark
on it measures the extractor on what it really meets. Years (19xx/20xx) and one- or two-digit
numbers (months, days, ordinals, counts that structure the text) are kept; every other number
keeps its length and gets new digits. Each copy keeps its seed's encoding.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d\d")


def vary_figures(text: str, rng: random.Random) -> str:
    def new(m: re.Match) -> str:
        number = m.group(0)
        if _YEAR.fullmatch(number) or (number.isdigit() and len(number) <= 2):
            return number
        digits = [str(rng.randrange(10)) if c.isdigit() else c for c in number]
        if len(number) > 1 and number[0] != "0":
            digits[0] = str(rng.randrange(1, 10))
        return "".join(digits)
    return _NUMBER.sub(new, text)


def seed_files(folder: Path = SEEDS) -> list[Path]:
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in {".txt", ".md", ".html", ".htm"})


def generate(out: Path, copies: int, seed: int = 7, seeds: Path = SEEDS) -> list[Path]:
    """Write `copies` copies of every seed document into `out`; return the files written."""
    from etl.ingest.encoding import decode_bytes
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    originals = []
    for path in seed_files(seeds):
        decoded = decode_bytes(path.read_bytes(), path)
        originals.append((path, decoded.text, decoded.encoding))
    written = []
    for copy in range(copies):
        for path, text, encoding in originals:
            target = out / f"c{copy:05d}_{path.name}"
            varied = vary_figures(text, rng)
            try:
                data = varied.encode(encoding)
            except (LookupError, UnicodeEncodeError):
                data = varied.encode("utf-8")
            target.write_bytes(data)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--copies", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    files = generate(args.out, args.copies, args.seed)
    print(f"{len(files)} documents -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
