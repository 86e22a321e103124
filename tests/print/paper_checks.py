"""What the tests of the desk's own papers (notices, checklist, incident report) read from a PDF: the text of each
page as two extractors see it, the words with their boxes, and the checks every paper must pass."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from desk_app.print.common import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X
from desk_app.print.fonts import CJK_FONT_NAME
from desk_app.print.paperwork import FOOTER_HEIGHT

A4_POINTS = tuple(round(v) for v in A4)
# "整改通知单 编号：2026-0001（补打） 第 1 页 共 2 页" at the foot of a paper of several pages, compacted.
# Its two halves come last in a page's text, in either order.
FOOTER = re.compile(r"(第\d+页共\d+页|(工作联系单|整改通知单|周检检查表|月检检查表|住户投诉事件报告)编号：[0-9A-Za-z-]+(（补打）)?)+$")


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def compact(text: str) -> str:
    """Text without any whitespace: wrapped lines and cell gaps do not matter."""
    return re.sub(r"\s+", "", text)


def whole_text(pdf: bytes) -> str:
    """Every page's text, compacted and joined, page footers taken out: a text continued on the next page reads
    as one."""
    return "".join(FOOTER.sub("", compact(text)) for text in page_texts(pdf))


def require_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils (pdftotext) is not installed: run the tests through ./run-tests, which installs it")


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    require_poppler()
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, check=True).stdout.decode()


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def x(self) -> float:
        return (self.xmin + self.xmax) / 2

    @property
    def y(self) -> float:
        return (self.ymin + self.ymax) / 2


class _BboxParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.pages: list[tuple[float, float]] = []
        self.words: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "page":
            self.pages.append((float(values["width"]), float(values["height"])))
        elif tag == "word":
            self.words.append({"page": len(self.pages) - 1, "text": "",
                               **{k: float(values[k]) for k in ("xmin", "ymin", "xmax", "ymax")}})

    def handle_data(self, data):
        if self.words and self.lasttag == "word":
            self.words[-1]["text"] += data.strip()


def words(pdf: bytes, tmp_path: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """The page sizes and every word with its box (poppler: y grows downwards)."""
    parser = _BboxParser()
    parser.feed(pdftotext(pdf, tmp_path, "-bbox"))
    return parser.pages, [Word(**w) for w in parser.words]


def check_paper(pdf: bytes, tmp_path: Path, *, pages: int | None = None) -> list[str]:
    """What every paper must be: A4 pages, only the embedded CJK face, every word inside the margins (so nothing is
    cut at the page's edge), the pages numbered when there are several. Returns poppler's text per page."""
    reader = PdfReader(io.BytesIO(pdf))
    if pages is not None:
        assert len(reader.pages) == pages
    for page in reader.pages:
        assert tuple(round(float(v)) for v in page.mediabox[2:]) == A4_POINTS
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert CJK_FONT_NAME in font["/BaseFont"] and "/ToUnicode" in font
    sizes, found = words(pdf, tmp_path)
    assert found
    tolerance = 1
    for word in found:
        width, height = sizes[word.page]
        assert MARGIN_X - tolerance <= word.xmin and word.xmax <= width - MARGIN_X + tolerance, word
        assert MARGIN_TOP - tolerance <= word.ymin and word.ymax <= height - MARGIN_BOTTOM + tolerance, word
    texts = pdftotext(pdf, tmp_path).split("\f")[: len(reader.pages)]
    total = len(reader.pages)
    for number, text in enumerate(texts, 1):
        footer = f"第{number}页共{total}页"
        assert (footer in compact(text)) == (total > 1), (number, total)
    return texts


def same_line(a: Word, b: Word, tolerance: float = 4) -> bool:
    return a.page == b.page and abs(a.y - b.y) <= tolerance


def reading_order(word: Word) -> tuple[int, float, float]:
    return word.page, word.ymin, word.xmin


def column_text(found: list[Word], x0: float, x1: float, *, after: Word | None = None,
                before: Word | None = None) -> str:
    """The compacted text of one column of a grid (words centred between x0 and x1, in points from the page's
    left), page after page, optionally only between two words: a text set over rows and pages reads as one."""
    footer_top = A4[1] - MARGIN_BOTTOM - FOOTER_HEIGHT
    chosen = [w for w in found if x0 <= w.x <= x1 and w.ymax <= footer_top
              and (after is None or reading_order(w) > reading_order(after))
              and (before is None or reading_order(w) < reading_order(before))]
    return compact("".join(w.text for w in sorted(chosen, key=reading_order)))
