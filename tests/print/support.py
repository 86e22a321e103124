"""Checks every printed form's tests share: the text of each page, the PDF's structure, and where the
text lies (inside the page's margins, inside its cell, on no ruled line, over no other text).

    from tests.print.support import page_texts, check_structure, check_layout, check_fonts

Coordinates are PDF points from the page's bottom left, as ReportLab draws; a rectangle is
(x0, y0, x1, y1).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import pikepdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure, LTLine, LTPage, LTRect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pypdf import PdfReader

from desk_app.print.common import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PRINTABLE_EDGE
from desk_app.print.fonts import CJK_FONT_NAME

Rect = tuple[float, float, float, float]

# Glyph boxes are the em square set on the baseline by the font's descent (pdfminer's box): they
# touch their neighbours. Rounding in the PDF's numbers stays far below this.
TOLERANCE = 0.5
# A glyph crosses a ruled line when the line runs this far inside its box.
RULE_TOLERANCE = 0.2
# Two glyphs overlap when they share more than this part of the smaller one's box.
OVERLAP_SHARE = 0.15


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it (forms drawn once and shown on several pages,
    like the slip's body, are read on every page that shows them)."""
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def check_structure(pdf: bytes) -> None:
    """Fail unless the file is a well-formed PDF: qpdf's checks through pikepdf (its library, the
    same code as `qpdf --check`: cross-reference table, objects, every stream decoded, every page's
    content and every form XObject's parsed, with no warning), `qpdf --check` itself too where the
    command is installed, and pypdf in strict mode reading every page."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        problems = document.check_pdf_syntax()
        for page in document.pages:
            for xobject in _form_xobjects(page.obj.get("/Resources")):
                pikepdf.parse_content_stream(xobject)
        problems += [f"WARNING: {warning}" for warning in document.get_warnings()]
    assert not problems, "qpdf (pikepdf) finds problems:\n" + "\n".join(problems)
    if shutil.which("qpdf"):
        result = subprocess.run(
            ["qpdf", "--check", "-"], input=pdf, capture_output=True, check=False
        )
        output = result.stdout.decode(errors="replace") + result.stderr.decode(errors="replace")
        assert result.returncode == 0 and "No syntax or stream encoding errors" in output, output
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert reader.pages, "the PDF has no page"
    for page in reader.pages:
        page.extract_text()


@dataclass(frozen=True)
class EmbeddedFont:
    """A font a PDF uses, as its font dictionary describes it."""

    name: str  # /BaseFont without the slash, e.g. "AAAAAA+WenQuanYiMicroHei"
    subtype: str  # "/TrueType", "/Type0", "/Type1"
    font_file: str | None  # "/FontFile2" for embedded TrueType outlines, None if not embedded
    to_unicode: bool  # a /ToUnicode map: the text can be copied and searched


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    """Every font the pages and their form XObjects use, once each."""
    fonts: dict[str, EmbeddedFont] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            resources = [page.obj.get("/Resources")]
            resources += [x.get("/Resources") for x in _form_xobjects(resources[0])]
            for resource in resources:
                if resource is None or "/Font" not in resource:
                    continue
                for font in resource["/Font"].values():
                    fonts.setdefault(str(font.get("/BaseFont")).lstrip("/"), _describe(font))
    return list(fonts.values())


def _describe(font) -> EmbeddedFont:
    described = font
    if font.get("/Subtype") == "/Type0":  # the outlines hang off the descendant CID font
        described = font["/DescendantFonts"][0]
    descriptor = described.get("/FontDescriptor")
    font_file = None
    if descriptor is not None:
        font_file = next((k for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor), None)
    return EmbeddedFont(
        str(font.get("/BaseFont")).lstrip("/"), str(font.get("/Subtype")), font_file,
        "/ToUnicode" in font,
    )


def check_fonts(pdf: bytes, font_name: str = CJK_FONT_NAME) -> list[EmbeddedFont]:
    """Fail unless every font the PDF uses is the shipped CJK face embedded as a TrueType subset
    (/FontFile2, a six-capital subset tag "ABCDEF+") with a /ToUnicode map: the PDF prints the same
    on a machine without the font and without Helvetica, and is no larger than its glyphs."""
    fonts = embedded_fonts(pdf)
    assert fonts, "the PDF uses no font"
    for font in fonts:
        # One subset per 256 glyphs, tagged AAAAAA+, AAAAAB+ …; "-0" is the face's index in its .ttc.
        assert re.fullmatch(rf"[A-Z]{{6}}\+{re.escape(font_name)}(-\d+)?", font.name), font
        assert font.subtype == "/TrueType" and font.font_file == "/FontFile2", font
        assert font.to_unicode, font
    return fonts


def _form_xobjects(resources, seen: set | None = None) -> Iterator[pikepdf.Stream]:
    seen = set() if seen is None else seen
    if resources is None or "/XObject" not in resources:
        return
    for xobject in resources["/XObject"].values():
        if xobject.get("/Subtype") != "/Form" or xobject.objgen in seen:
            continue
        seen.add(xobject.objgen)
        yield xobject
        yield from _form_xobjects(xobject.get("/Resources"), seen)


@dataclass(frozen=True)
class Glyph:
    """One drawn character and its box."""

    text: str
    box: Rect
    size: float


@dataclass(frozen=True)
class Rule:
    """A stroked straight line (a grid line, a box's edge, a writing line)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PageLayout:
    """What one page draws: its size, its glyphs and its ruled lines."""

    number: int  # from 0
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)

    def text(self) -> str:
        return "".join(glyph.text for glyph in self.glyphs)

    def glyphs_in(self, rect: Rect) -> list[Glyph]:
        return [glyph for glyph in self.glyphs if _inside(glyph.box, rect, TOLERANCE)]


def page_layouts(pdf: bytes) -> list[PageLayout]:
    """Every page's glyphs and rules in page coordinates, form XObjects included (pdfminer.six)."""
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=None)  # glyphs as drawn: no text analysis
    interpreter = PDFPageInterpreter(manager, device)
    layouts = []
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(pdf))):
        interpreter.process_page(page)
        result: LTPage = device.get_result()
        x0, y0, x1, y1 = page.mediabox
        layout = PageLayout(number, x1 - x0, y1 - y0)
        _collect(result, layout)
        layouts.append(layout)
    return layouts


def _collect(container: Iterable, layout: PageLayout) -> None:
    for item in container:
        if isinstance(item, LTChar):
            if item.get_text().strip():
                layout.glyphs.append(Glyph(item.get_text(), item.bbox, item.size))
        elif isinstance(item, LTRect):
            if item.stroke:
                x0, y0, x1, y1 = item.bbox
                layout.rules += [Rule(x0, y0, x1, y0), Rule(x0, y1, x1, y1),
                                 Rule(x0, y0, x0, y1), Rule(x1, y0, x1, y1)]
        elif isinstance(item, (LTLine, LTCurve)):
            if item.stroke:
                points = item.pts
                layout.rules += [Rule(*a, *b) for a, b in zip(points, points[1:], strict=False)]
        elif isinstance(item, LTFigure):
            _collect(item, layout)


Cells = Mapping[int, Sequence[Rect]] | Sequence[Rect] | None


def check_layout(
    pdf: bytes,
    *,
    margins: tuple[float, float, float, float] | None = (MARGIN_X, MARGIN_TOP, MARGIN_X, MARGIN_BOTTOM),
    outside: Sequence[Rect] = (),
    cells: Cells = None,
    rules: bool = True,
    overlaps: bool = True,
) -> list[PageLayout]:
    """Fail unless every glyph on every page lies where it should; returns the pages' layouts.

    - `margins` (left, top, right, bottom): every glyph lies inside them, except glyphs wholly in
      one of the `outside` rectangles (a copy name down the margin), which must still keep
      PRINTABLE_EDGE clear of the paper's edge, where office printers do not print.
    - `cells`: rectangles (the same for every page, or per page number from 0): a glyph that
      touches one lies wholly inside it.
    - `rules`: no glyph crosses a stroked line (the grid's lines are the cells' walls, so text
      that overflows its cell is caught without being told where the cells are).
    - `overlaps`: no two glyphs overlap (text drawn over other text).
    """
    layouts = page_layouts(pdf)
    assert layouts, "the PDF has no page"
    problems: list[str] = []
    for layout in layouts:
        page_cells = _cells_of(cells, layout.number)
        for glyph in layout.glyphs:
            problems += _glyph_problems(layout, glyph, margins, outside, page_cells, rules)
        if overlaps:
            problems += _overlaps(layout)
    shown = problems[:40]
    more = f"\n… and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
    assert not problems, "text out of place:\n" + "\n".join(shown) + more
    return layouts


def _cells_of(cells: Cells, number: int) -> Sequence[Rect]:
    if cells is None:
        return ()
    if isinstance(cells, Mapping):
        return cells.get(number, ())
    return cells


def _glyph_problems(layout, glyph, margins, outside, cells, rules) -> list[str]:
    where = f"page {layout.number + 1}: {glyph.text!r} at {_fmt(glyph.box)}"
    problems = []
    if margins is not None:
        left, top, right, bottom = margins
        frame = (left, bottom, layout.width - right, layout.height - top)
        if not _inside(glyph.box, frame, TOLERANCE):
            edge = PRINTABLE_EDGE
            printable = (edge, edge, layout.width - edge, layout.height - edge)
            if not any(_inside(glyph.box, rect, TOLERANCE) for rect in outside):
                problems.append(f"{where} is outside the margins {_fmt(frame)}")
            elif not _inside(glyph.box, printable, TOLERANCE):
                problems.append(f"{where} is within {edge:.1f} pt of the paper's edge")
    for cell in cells:
        if _intersects(glyph.box, cell, TOLERANCE) and not _inside(glyph.box, cell, TOLERANCE):
            problems.append(f"{where} sticks out of its cell {_fmt(cell)}")
    if rules:
        for rule in layout.rules:
            if _crosses(glyph.box, rule):
                problems.append(f"{where} crosses the line {_fmt((rule.x0, rule.y0, rule.x1, rule.y1))}")
                break
    return problems


def _overlaps(layout: PageLayout) -> list[str]:
    bucket_size = 24.0
    buckets: dict[tuple[int, int], list[Glyph]] = defaultdict(list)
    for glyph in layout.glyphs:
        x0, y0, x1, y1 = glyph.box
        for bx in range(int(x0 // bucket_size), int(x1 // bucket_size) + 1):
            for by in range(int(y0 // bucket_size), int(y1 // bucket_size) + 1):
                buckets[bx, by].append(glyph)
    problems = []
    reported: set[tuple[int, int]] = set()
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                pair = (id(a), id(b))
                if pair in reported:
                    continue
                shared = _area(_intersection(a.box, b.box))
                smaller = min(_area(a.box), _area(b.box))
                if smaller > 0 and shared > OVERLAP_SHARE * smaller:
                    reported.add(pair)
                    problems.append(
                        f"page {layout.number + 1}: {a.text!r} at {_fmt(a.box)} overlaps "
                        f"{b.text!r} at {_fmt(b.box)}"
                    )
    return problems


def _inside(box: Rect, rect: Rect, tolerance: float) -> bool:
    return (
        box[0] >= rect[0] - tolerance and box[1] >= rect[1] - tolerance
        and box[2] <= rect[2] + tolerance and box[3] <= rect[3] + tolerance
    )


def _intersects(box: Rect, rect: Rect, tolerance: float) -> bool:
    return (
        box[0] < rect[2] - tolerance and box[2] > rect[0] + tolerance
        and box[1] < rect[3] - tolerance and box[3] > rect[1] + tolerance
    )


def _crosses(box: Rect, rule: Rule) -> bool:
    """Whether a horizontal or vertical line passes through the inside of a glyph's box."""
    inset = RULE_TOLERANCE
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if abs(rule.y0 - rule.y1) < 0.01:  # horizontal
        left, right = sorted((rule.x0, rule.x1))
        return y0 < rule.y0 < y1 and left < x1 and right > x0
    if abs(rule.x0 - rule.x1) < 0.01:  # vertical
        low, high = sorted((rule.y0, rule.y1))
        return x0 < rule.x0 < x1 and low < y1 and high > y0
    return False  # slanted strokes (none in the forms) are not walls


def _intersection(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _area(rect: Rect) -> float:
    return max(0.0, rect[2] - rect[0]) * max(0.0, rect[3] - rect[1])


def _fmt(rect: Sequence[float]) -> str:
    return "(" + ", ".join(f"{value:.1f}" for value in rect) + ")"
