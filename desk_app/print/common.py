"""Shared pieces of the printed forms: page geometry, CJK paragraph styles, bordered grids."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desk_app.print.fonts import register_cjk_font

PAGE_SIZE = A4
MARGIN_X = 15 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 12 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
CONTENT_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

TITLE_SIZE = 18
BODY_SIZE = 10.5
NOTE_SIZE = 9
LEADING_RATIO = 1.35

GRID_LINE = 0.6
FRAME_LINE = 1.2
RULE_LINE = 0.3
CELL_PADDING_X = 4
CELL_PADDING_Y = 5

# Handwriting room is made of no-break spaces: a Paragraph collapses ordinary and full-width ones.
_GAP = "\u00a0"


def blank_datetime(year_gap: int = 16, gap: int = 10) -> str:
    """"____年__月__日__时__分" without the underscores, the cell border being the line."""
    return f"{_GAP * year_gap}年" + "".join(f"{_GAP * gap}{unit}" for unit in "月日时分")


BLANK_DATETIME = blank_datetime()  # spans a whole row
BLANK_DATETIME_HALF = blank_datetime(12, 7)  # fits a half-row value cell (64 mm) at 10.5 pt


@dataclass(frozen=True)
class FormStyles:
    """The paragraph styles every form uses, all in the embedded CJK font."""

    font: str
    label: ParagraphStyle  # field names in the grid, centred
    value: ParagraphStyle  # filled values, wrapped anywhere (CJK)
    header: ParagraphStyle  # the line under the title (copy name)
    header_right: ParagraphStyle  # the same line, right-aligned (number)
    note: ParagraphStyle  # small print under the grid


@functools.cache
def form_styles(body_size: float = BODY_SIZE) -> FormStyles:
    """The shared styles (cached: derive new ones with `style_at_size`, never mutate these)."""
    font = register_cjk_font()
    base = ParagraphStyle(
        "form-base",
        fontName=font,
        fontSize=body_size,
        leading=body_size * LEADING_RATIO,
        wordWrap="CJK",
        alignment=TA_LEFT,
        textColor=colors.black,
    )
    return FormStyles(
        font=font,
        label=ParagraphStyle("form-label", parent=base, alignment=TA_CENTER),
        value=ParagraphStyle("form-value", parent=base),
        header=ParagraphStyle("form-header", parent=base),
        header_right=ParagraphStyle("form-header-right", parent=base, alignment=TA_RIGHT),
        note=ParagraphStyle(
            "form-note", parent=base, fontSize=NOTE_SIZE, leading=NOTE_SIZE * LEADING_RATIO
        ),
    )


def style_at_size(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """A copy of `style` at another font size, same line spacing ratio."""
    return ParagraphStyle(
        f"{style.name}@{size:g}", parent=style, fontSize=size, leading=size * LEADING_RATIO
    )


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(line) for line in lines)


def text_paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def format_datetime(value: datetime | None, blank: str = BLANK_DATETIME_HALF) -> str:
    """受理时间 style: 2026年5月6日 09:30; None gives `blank` to fill in by hand."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"


class FormTitle(Flowable):
    """A centred form title; the CJK face has no bold, so strokes are thickened by fill+stroke
    rendering. A title wider than the frame (a long organization name) is set smaller."""

    def __init__(
        self, text: str, *, size: float = TITLE_SIZE, char_space: float = 2, space_after: float = 4
    ):
        super().__init__()
        self.text = text
        self.size = size
        self.char_space = char_space
        self.spaceAfter = space_after
        self.font = register_cjk_font()
        self.fitted_size = size

    def _text_width(self, size: float) -> float:
        return stringWidth(self.text, self.font, size) + self.char_space * (len(self.text) - 1)

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        if self._text_width(self.size) <= availWidth:
            self.fitted_size = self.size
        else:  # the letter spacing stays, the glyphs shrink
            spacing = self.char_space * (len(self.text) - 1)
            self.fitted_size = (availWidth - spacing) / stringWidth(self.text, self.font, 1)
        self.height = self.size * 1.4
        return self.width, self.height

    def draw(self):
        size = self.fitted_size
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        text = canvas.beginText()
        text.setTextRenderMode(2)  # fill, then stroke: a faux bold
        text.setFont(self.font, size)
        text.setCharSpace(self.char_space)
        text.setTextOrigin((self.width - self._text_width(size)) / 2, self.size * 0.3)
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()


class FittedText(Flowable):
    """Long free text in a box of bounded height: wraps, shrinks the font step by step, and as a
    last resort cuts the text with a note, so a form never spills onto a second page.

    `min_height` keeps writing room when the text is short.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        max_height: float,
        min_height: float = 0,
        min_size: float = 5,
        step: float = 0.5,
        cut_note: str = "……（内容过长，以下从略）",
    ):
        super().__init__()
        self.text = text
        self.style = style
        self.max_height = max_height
        self.min_height = min(min_height, max_height)
        self.min_size = min_size
        self.step = step
        self.cut_note = cut_note
        self.paragraph: Paragraph | None = None
        self.was_cut = False

    def _sizes(self) -> list[float]:
        sizes = []
        size = self.style.fontSize
        while size > self.min_size:
            sizes.append(size)
            size -= self.step
        sizes.append(self.min_size)
        return sizes

    def _paragraph_if_fits(self, text: str, size: float, width: float) -> Paragraph | None:
        paragraph = text_paragraph(text, style_at_size(self.style, size))
        fits = paragraph.wrap(width, self.max_height)[1] <= self.max_height
        return paragraph if fits else None

    def _fit(self, width: float) -> Paragraph:
        self.was_cut = False
        sizes = self._sizes()  # largest first
        fitted = self._paragraph_if_fits(self.text, sizes[0], width)  # the usual case: one wrap
        if fitted is not None:
            return fitted
        # Height grows with the size: bisect the smaller sizes for the largest that fits.
        low, high = 1, len(sizes) - 1
        while low <= high:
            mid = (low + high) // 2
            paragraph = self._paragraph_if_fits(self.text, sizes[mid], width)
            if paragraph is not None:
                fitted, high = paragraph, mid - 1
            else:
                low = mid + 1
        if fitted is not None:
            return fitted
        # Even the smallest size overflows: keep the longest prefix that fits with the note.
        low, high = 0, len(self.text)
        while low < high:
            mid = (low + high + 1) // 2
            if self._paragraph_if_fits(self._cut(mid), self.min_size, width) is not None:
                low = mid
            else:
                high = mid - 1
        self.was_cut = True
        paragraph = text_paragraph(self._cut(low), style_at_size(self.style, self.min_size))
        paragraph.wrap(width, self.max_height)
        return paragraph

    def _cut(self, length: int) -> str:
        return self.text[:length].rstrip() + self.cut_note

    def wrap(self, availWidth, availHeight):
        if self.paragraph is None or self.width != availWidth:
            self.width = availWidth
            self.paragraph = self._fit(availWidth)
        self.height = max(self.paragraph.height, self.min_height)
        return self.width, self.height

    def draw(self):
        assert self.paragraph is not None
        # Text starts at the top of the box; the rest is writing room.
        self.paragraph.drawOn(self.canv, 0, self.height - self.paragraph.height)


class CheckBoxes(Flowable):
    """"□满意 □基本满意 □不满意": boxes to tick by hand.

    Drawn as squares, because the face's □ glyph is small and sits above the baseline.
    """

    def __init__(self, options: Sequence[str], style: ParagraphStyle, *, gap: float = 8 * mm):
        super().__init__()
        self.options = tuple(options)
        self.style = style
        self.gap = gap

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.style.leading
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        size = self.style.fontSize
        box = size * 0.85
        baseline = (self.height - size) / 2 + size * 0.15
        canvas.saveState()
        canvas.setLineWidth(GRID_LINE)
        canvas.setFont(self.style.fontName, size)
        x = 0.0
        for option in self.options:
            canvas.rect(x, baseline - size * 0.05, box, box, stroke=1, fill=0)
            x += box + size * 0.3
            canvas.drawString(x, baseline, option)
            x += stringWidth(option, self.style.fontName, size) + self.gap
        canvas.restoreState()


Cell = str | Flowable | None


def _cell_commands(font: str) -> list[tuple]:
    return [
        # Blank cells are drawn as empty strings in the cell font; Helvetica would be referenced.
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING_Y),
    ]


def field_table(
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float],
    *,
    label_columns: Sequence[int] = (0, 2),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    row_heights: Sequence[float | None] | None = None,
    extra_style: Sequence[tuple] = (),
    grid: bool = True,
    styles: FormStyles | None = None,
) -> Table:
    """A bordered label/value grid, the body of most administrative forms.

    Cells in `label_columns` are field names (centred), other strings are values (wrapped);
    flowables go in as they are; None or "" leaves a blank to fill in by hand.
    `spans` are ReportLab SPAN corners ((col, row), (col, row)); with `grid=False` the caller
    draws the lines through `extra_style`.
    """
    styles = styles or form_styles()
    data = []
    for row in rows:
        cells = []
        for col, cell in enumerate(row):
            if cell is None or cell == "":
                cells.append("")
            elif isinstance(cell, str):
                style = styles.label if col in label_columns else styles.value
                cells.append(text_paragraph(cell, style))
            else:
                cells.append(cell)
        data.append(cells)
    commands = _cell_commands(styles.font)
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), GRID_LINE, colors.black))
    commands += [("SPAN", start, end) for start, end in spans]
    commands += list(extra_style)
    return Table(
        data,
        colWidths=list(col_widths),
        rowHeights=list(row_heights) if row_heights is not None else None,
        style=TableStyle(commands),
    )


def frame_tables(tables: Sequence[Table], line_width: float = FRAME_LINE) -> None:
    """Draw one heavy outer frame around tables stacked without gaps, so they read as one form."""
    for table in tables:
        table.setStyle(
            TableStyle(
                [
                    ("LINEBEFORE", (0, 0), (0, -1), line_width, colors.black),
                    ("LINEAFTER", (-1, 0), (-1, -1), line_width, colors.black),
                ]
            )
        )
    tables[0].setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), line_width, colors.black)]))
    tables[-1].setStyle(TableStyle([("LINEBELOW", (0, -1), (-1, -1), line_width, colors.black)]))


def form_heading(
    title: str, left: str, right: str, styles: FormStyles | None = None
) -> list[Flowable]:
    """The title, then a line with `left` (e.g. the copy name) and `right` (e.g. the number)."""
    styles = styles or form_styles()
    half = CONTENT_WIDTH / 2
    line = Table(
        [[text_paragraph(left, styles.header), text_paragraph(right, styles.header_right)]],
        colWidths=[half, half],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
    return [FormTitle(title), line]


def flowable_height(flowable: Flowable, width: float = CONTENT_WIDTH) -> float:
    """Height a flowable takes in a frame of `width`, spacing included."""
    height = flowable.wrap(width, CONTENT_HEIGHT)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
