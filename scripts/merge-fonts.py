"""Merge the Latin, Latin Extended and Vietnamese subsets of a vendored font into one TrueType file per
weight, for WeasyPrint (run by scripts/vendor.sh after copying the subsets).

WeasyPrint embeds the subsets of one family as a single PDF font, so glyph numbers of different subset
files collide: a PDF's text layer then maps "c" to "ế" (copy, search and screen readers read wrong text),
and which letters collide depends on the document's text. One file per weight has one glyph per letter."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont


def merge(sources: list[Path], target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plain = []
        for source in sources:
            font = TTFont(str(source))
            font.flavor = None  # WOFF/WOFF2 to plain sfnt, which the merger reads
            path = Path(tmp) / (source.stem + ".ttf")
            font.save(str(path))
            plain.append(str(path))
        Merger().merge(plain).save(str(target))


def main() -> None:
    folder, family, ext = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    for weight in ("400", "700"):
        for style in ("normal", "italic"):
            sources = [
                folder / f"{family}-{subset}-{weight}-{style}.{ext}" for subset in ("latin", "latin-ext", "vietnamese")
            ]
            if all(s.exists() for s in sources):
                merge(sources, folder / f"{family}-pdf-{weight}-{style}.ttf")
                print(f"{family}-pdf-{weight}-{style}.ttf")


if __name__ == "__main__":
    main()
