"""Parts of the papers the desk issues itself (工作联系单, 整改通知单, 检查表, 住户投诉事件报告): the heading with the
paper's number and its 补打 mark, grids whose long rows continue on the next page instead of being cut, and the
document that numbers its pages when a paper runs over one.

These papers are filed and signed, so nothing may be cut: the value texts first shrink a little to keep a paper on
one page (`fit_one_page`), and past that the paper goes on to a second page, each page saying whose page it is.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Table,
    TableStyle,
)

from desk_app.core.papers import REPRINT_MARK
from desk_app.print.common import (
    BODY_SIZE,
    CELL_PADDING_X,
    CELL_PADDING_Y,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    FRAME_LINE,
    GRID_LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    FormStyles,
    FormTitle,
    flowable_height,
    form_styles,
    held_pages_canvas,
    style_at_size,
    text_paragraph,
)

NUMBER_LABEL = "编号："

# Value text sizes tried, largest first, to keep a paper on one page; below the last one a paper rather goes on to
# a second page than gets hard to read.
FIT_SIZES = (BODY_SIZE, 10, 9.5, 9, 8.5)
# Room kept free on a one-page paper so rounding never pushes its last line over.
LAYOUT_SLACK = 2
# The page footer ("…编号 2026-0001 第 2 页 共 3 页") of a paper that runs over one page sits inside the margins.
FOOTER_HEIGHT = 6 * mm
FOOTER_SIZE = 8
FRAME_HEIGHT = CONTENT_HEIGHT - FOOTER_HEIGHT

SECTION_FILL = colors.Color(0.92, 0.92, 0.92)


def number_text(number: str, reprint: bool) -> str:
    """"编号：2026-0001", and "（补打）" after it on a reprint: for footers and metadata."""
    return f"{NUMBER_LABEL}{number}" + (f"（{REPRINT_MARK}）" if reprint else "")


_GAP = "\u00a0"  # handwriting room: a Paragraph collapses ordinary spaces
BLANK_DATE = f"{_GAP * 12}年{_GAP * 7}月{_GAP * 7}日"


def date_text(value: datetime | None, blank: str = BLANK_DATE) -> str:
    """2026年11月17日; None gives a blank date to fill in by hand (the cell border is the line)."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日"


class NumberMark(Flowable):
    """The paper's number, right-aligned; a reprint gets a boxed 补打 just before it, like a stamp."""

    def __init__(self, number: str, reprint: bool, style: ParagraphStyle):
        super().__init__()
        self.text = f"{NUMBER_LABEL}{number}"
        self.reprint = reprint
        self.font = style.fontName
        self.size = style.fontSize
        self.leading = style.leading

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = self.leading + (4 if self.reprint else 0)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        baseline = (self.height - self.size) / 2 + self.size * 0.18
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        text_width = stringWidth(self.text, self.font, self.size)
        if self.reprint:  # drawn first, so the text reads "补打 编号：…"
            mark_width = stringWidth(REPRINT_MARK, self.font, self.size)
            pad = 3
            right = self.width - text_width - 3 * mm
            left = right - mark_width - 2 * pad
            canvas.saveState()
            canvas.setLineWidth(1)
            canvas.rect(left, baseline - self.size * 0.3, mark_width + 2 * pad, self.size * 1.4, stroke=1, fill=0)
            # A faux bold, as the title: the face has no bold.
            canvas.setLineWidth(self.size * 0.03)
            text = canvas.beginText()
            text.setTextRenderMode(2)
            text.setFont(self.font, self.size)
            text.setTextOrigin(left + pad, baseline)
            text.textOut(REPRINT_MARK)
            canvas.drawText(text)
            canvas.restoreState()
        canvas.drawRightString(self.width, baseline, self.text)
        canvas.restoreState()


class BoldLine(Flowable):
    """One line of emphasised text (a deadline), left-aligned in faux bold; set smaller when wider than its cell,
    wrapped only when even that would be unreadable."""

    def __init__(self, text: str, *, size: float, min_size: float = 9):
        super().__init__()
        self.text = text
        self.size = size
        self.min_size = min_size
        self.font = form_styles().font
        self.fitted_size = size

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        natural = stringWidth(self.text, self.font, 1)
        self.fitted_size = max(self.min_size, min(self.size, availWidth / natural if natural else self.size))
        self.height = self.fitted_size * 1.35
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        size = self.fitted_size
        canvas.saveState()
        canvas.setLineWidth(size * 0.035)
        text = canvas.beginText()
        text.setTextRenderMode(2)  # fill, then stroke
        text.setFont(self.font, size)
        text.setTextOrigin(0, size * 0.3)
        text.textOut(self.text)
        canvas.drawText(text)
        canvas.restoreState()


class CutLine(Flowable):
    """A dashed line across the page with "沿此线剪下" in its middle: the receipt below it is torn off."""

    def __init__(self, text: str = "沿此线剪下", *, space: float = 3 * mm):
        super().__init__()
        self.text = text
        self.spaceBefore = space
        self.spaceAfter = space
        self.font = form_styles().font

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = FOOTER_SIZE * 1.5
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.font, FOOTER_SIZE)
        label = f"　{self.text}　"
        label_width = stringWidth(label, self.font, FOOTER_SIZE)
        middle = self.height / 2
        left_end = (self.width - label_width) / 2
        canvas.setLineWidth(0.6)
        canvas.setDash(4, 3)
        canvas.line(0, middle, left_end, middle)
        canvas.line(left_end + label_width, middle, self.width, middle)
        canvas.drawString(left_end, middle - FOOTER_SIZE * 0.35, label)
        canvas.restoreState()


def paper_heading(title: str, left: str, number: str, reprint: bool,
                  styles: FormStyles | None = None) -> list[Flowable]:
    """The title, then a line with `left` (what the paper is about) and the number, 补打 beside it on a reprint."""
    styles = styles or form_styles()
    line = Table(
        [[text_paragraph(left, styles.header), NumberMark(number, reprint, styles.header)]],
        colWidths=[CONTENT_WIDTH * 0.6, CONTENT_WIDTH * 0.4],
        style=TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), styles.font),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]),
    )
    return [FormTitle(title), line]


Cell = "str | Hanging | Flowable | Sequence[Flowable] | None"
Coordinate = tuple[int, int]

# A value text taller than this is set in several rows of the grid, one piece each, drawn as one cell: a table
# splits between rows reliably (ReportLab's own splitting inside a row fails with spanned cells).
PIECE_HEIGHT = 60


def _cell_width(col: int, row: int, col_widths: Sequence[float],
                spans: Sequence[tuple[Coordinate, Coordinate]]) -> float:
    for (sc, sr), (ec, er) in spans:
        if sc == col and sr <= row <= er:
            return sum(col_widths[sc:ec + 1])
    return col_widths[col]


class TextLines(Flowable):
    """Lines already broken (break_lines), drawn as they are, left-aligned, in the font, size and line spacing of
    `style`; a long text is set in several of them, one per row of its grid."""

    def __init__(self, lines: Sequence[str], style: ParagraphStyle):
        super().__init__()
        self.lines = list(lines)
        self.style = style

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.style.fontName, self.style.fontSize)
        canvas.setFillColor(self.style.textColor)
        y = self.height - self.style.fontSize  # the first baseline where a Paragraph puts it
        for line in self.lines:
            canvas.drawString(0, y, line)
            y -= self.style.leading
        canvas.restoreState()


# Chinese line breaking (禁则): these never start a line, those never end one. ReportLab's CJK wrap knows only the
# Japanese set (no full-width ，；：！？》) and lets the rest hang past the margin; here a line breaks earlier instead.
# A no-break space binds what is on either side of it ("17:00\u00a0前").
CANNOT_START = frozenset("，。、；：？！）》」』】〕〗〉…—～·”’%‰℃,.;:?!)]}>\u00a0")
CANNOT_END = frozenset("（《「『【〔〖〈“‘([{<\u00a0")


def _in_word(char: str) -> bool:
    """Latin letters and digits: a run of them (a number, an English word) is not broken if it can move whole."""
    return char.isascii() and (char.isalnum() or char in "-_./:@")


def break_lines(text: str, style: ParagraphStyle, width: float, *, indent: str = "") -> list[str]:
    """The text broken into lines no wider than `width` in the style's font: anywhere between Chinese characters,
    never before a closing mark or after an opening one, not inside a Latin word or number that fits a line;
    line breaks in the text are kept, and the lines that continue one of its paragraphs begin with `indent`."""
    lines: list[str] = []
    indent_width = stringWidth(indent, style.fontName, style.fontSize)
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        widths = [stringWidth(char, style.fontName, style.fontSize) for char in paragraph]
        first = len(lines)
        start = used = 0
        i = 0
        while i < len(paragraph):
            room = width if len(lines) == first else width - indent_width
            if used + widths[i] <= room or i == start:
                used += widths[i]
                i += 1
                continue
            cut = i
            while cut > start + 1 and (paragraph[cut] in CANNOT_START or paragraph[cut - 1] in CANNOT_END):
                cut -= 1
            if _in_word(paragraph[cut - 1]) and _in_word(paragraph[cut]):
                word_start = cut
                while word_start > start and _in_word(paragraph[word_start - 1]):
                    word_start -= 1
                if word_start > start:
                    cut = word_start
            lines.append((indent if len(lines) > first else "") + paragraph[start:cut].rstrip(" "))
            start = cut
            while start < len(paragraph) - 1 and paragraph[start] == " ":
                start += 1
            i = max(i, start)
            used = sum(widths[start:i])
        lines.append((indent if len(lines) > first else "") + paragraph[start:].rstrip(" "))
    return lines


@dataclass(frozen=True)
class Hanging:
    """A grid value whose paragraphs (one per line of the text) continue indented, as a list of entries."""

    text: str
    indent: str = "\u3000\u3000"


def _pieces(text: str, style: ParagraphStyle, width: float, min_height: float, indent: str = "") -> list[Flowable]:
    """The text as lines, in one piece, or in pieces of a few lines when it is taller than PIECE_HEIGHT (and than
    its row's writing room)."""
    lines = break_lines(text, style, width, indent=indent)
    if len(lines) * style.leading <= max(PIECE_HEIGHT, min_height):
        return [TextLines(lines, style)]
    per_piece = max(1, int(PIECE_HEIGHT // style.leading))
    return [TextLines(lines[i:i + per_piece], style) for i in range(0, len(lines), per_piece)]


def _resolve(index: int, count: int) -> int:
    return index + count if index < 0 else index


def grid(rows: Sequence[Sequence[Cell]], col_widths: Sequence[float], *, label_columns: Sequence[int] = (0, 2),
         spans: Sequence[tuple[Coordinate, Coordinate]] = (),
         min_heights: Sequence[float] | None = None, extra_style: Sequence[tuple] = (),
         value_style: ParagraphStyle | None = None, repeat_rows: int = 0, padding_y: float = CELL_PADDING_Y,
         styles: FormStyles | None = None) -> Table:
    """A bordered label/value grid, as common.field_table, whose rows grow with their text and whose long texts
    continue on the next page.

    Strings in `label_columns` are field names (centred), other strings values (wrapped, in `value_style`);
    flowables and lists of flowables go in as they are; None or "" is a blank to fill in by hand. `spans` and the
    rows of `extra_style` count the rows as given (a SPAN there spans one row). `min_heights` keeps writing room
    per row; `repeat_rows` header rows are repeated on a continuation page.
    """
    styles = styles or form_styles()
    value_style = value_style or styles.value
    count = len(rows)
    floors = list(min_heights or []) + [0.0] * (count - len(min_heights or []))
    # Spans of one row each, whether given as spans or as SPAN commands.
    row_spans = [(start, end) for start, end in spans]
    row_spans += [(cmd[1], cmd[2]) for cmd in extra_style if cmd[0] == "SPAN"]
    row_spans = [((sc, _resolve(sr, count)), (_resolve(ec, len(col_widths)), _resolve(er, count)))
                 for (sc, sr), (ec, er) in row_spans]
    data: list[list] = []
    first_of: list[int] = []  # the first physical row of each given row
    heights: list[float] = []
    continued: list[int] = []  # physical rows that continue the row above them
    inner = 2 * CELL_PADDING_X
    for r, row in enumerate(rows):
        cells: list[list] = []
        for col, cell in enumerate(row):
            if cell is None or cell == "":
                cells.append([""])
            elif isinstance(cell, str) and col in label_columns:
                cells.append([text_paragraph(cell, styles.label)])
            elif isinstance(cell, (str, Hanging)):
                width = _cell_width(col, r, col_widths, row_spans) - inner
                floor = max(floors[r] - 2 * padding_y, 0)
                text, indent = (cell, "") if isinstance(cell, str) else (cell.text, cell.indent)
                cells.append(_pieces(text, value_style, width, floor, indent))
            else:
                cells.append([cell])
        depth = max(len(pieces) for pieces in cells)
        first_of.append(len(data))
        for piece in range(depth):
            data.append([pieces[piece] if piece < len(pieces) else "" for pieces in cells])
            heights.append(floors[r] if depth == 1 else 0)
            if piece:
                continued.append(len(data) - 1)
    last_of = [*(first - 1 for first in first_of[1:]), len(data) - 1]

    def physical(cmd: tuple) -> list[tuple]:
        (sc, sr), (ec, er) = cmd[1], cmd[2]
        sr, er = _resolve(sr, count), _resolve(er, count)
        if cmd[0] == "SPAN":
            return [("SPAN", (sc, p), (ec, p)) for r in range(sr, er + 1) for p in range(first_of[r], last_of[r] + 1)]
        return [(cmd[0], (sc, first_of[sr]), (ec, last_of[er]), *cmd[3:])]

    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.font),  # blank cells would otherwise reference Helvetica
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING_X),
        ("TOPPADDING", (0, 0), (-1, -1), padding_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding_y),
        ("BOX", (0, 0), (-1, -1), GRID_LINE, colors.black),
        ("LINEBEFORE", (1, 0), (-1, -1), GRID_LINE, colors.black),
        # Where the table breaks across pages it is closed and opened again by the form's frame line.
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), FRAME_LINE, colors.black),
        ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), FRAME_LINE, colors.black),
    ]
    continued_set = set(continued)
    commands += [("LINEBELOW", (0, p), (-1, p), GRID_LINE, colors.black)
                 for p in range(len(data) - 1) if p + 1 not in continued_set]
    for start, end in row_spans:
        commands += physical(("SPAN", start, end))
    for cmd in extra_style:
        if cmd[0] != "SPAN":
            commands += physical(cmd)
    for p in continued:  # the pieces of one text read as one cell: no gap, no line, the label at the top
        commands += [("TOPPADDING", (0, p), (-1, p), 0), ("BOTTOMPADDING", (0, p - 1), (-1, p - 1), 0),
                     ("VALIGN", (0, p - 1), (-1, p), "TOP")]
    return Table(data, colWidths=list(col_widths), minRowHeights=heights, style=TableStyle(commands),
                 repeatRows=first_of[repeat_rows] if repeat_rows < count else 0)


def section_row_style(row: int) -> list[tuple]:
    """A grey band across the grid: a section heading (1.1 公共区域保洁、绿化)."""
    return [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), SECTION_FILL),
            ("TOPPADDING", (0, row), (-1, row), 3), ("BOTTOMPADDING", (0, row), (-1, row), 3)]


def signature_cell(name: str, style: ParagraphStyle) -> list[Flowable]:
    """The printed name at the foot of a cell left blank above for the handwritten signature."""
    return [text_paragraph(name, style)] if name else []


def story_height(story: Sequence[Flowable]) -> float:
    """Height the story takes in the frame, as if on one endless page."""
    total = 0.0
    for flowable in story:
        if isinstance(flowable, KeepTogether):  # measured by its parts: it wraps only on a canvas
            total += story_height(flowable._content)
        else:
            total += flowable_height(flowable)
    return total


@dataclass(frozen=True)
class Fitted:
    story: list[Flowable]
    style: ParagraphStyle  # the value text style the story was built with
    spare: float           # height left free on its one page; 0 when the paper runs over

    @property
    def one_page(self) -> bool:
        return self.spare > 0


def fit_one_page(build: Callable[[ParagraphStyle], list[Flowable]],
                 styles: FormStyles | None = None) -> Fitted:
    """The story built with the largest value text size that keeps it on one page; when even the smallest does
    not, the story at full size (it continues on the next pages, readable, nothing cut)."""
    styles = styles or form_styles()
    for size in FIT_SIZES:
        style = styles.value if size == styles.value.fontSize else style_at_size(styles.value, size)
        story = build(style)
        spare = FRAME_HEIGHT - LAYOUT_SLACK - story_height(story)
        if spare > 0:
            return Fitted(story, style, spare)
    return Fitted(build(styles.value), styles.value, 0)


def fill_page(build: Callable[[ParagraphStyle, float], list[Flowable]], fitted: Fitted,
              cap: float) -> list[Flowable]:
    """A one-page paper built again with the room it does not need (up to `cap`) given to its writing boxes
    (`build`'s second argument), so its foot sits at the foot of the page."""
    story, spare, extra = fitted.story, fitted.spare, 0.0
    for _ in range(4):  # a box grows by at most what it is given: a few passes take up the room
        if not fitted.one_page or spare < 2 * mm or extra >= cap:
            break
        trial_extra = min(cap, extra + spare)
        trial = build(fitted.style, trial_extra)
        trial_spare = FRAME_HEIGHT - LAYOUT_SLACK - story_height(trial)
        if trial_spare < 0:
            break
        story, spare, extra = trial, trial_spare, trial_extra
    return story




def _fit_width(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def build_paper(story: Sequence[Flowable], *, name: str, number: str, reprint: bool, organization: str,
                subject: str = "") -> bytes:
    """The paper as PDF bytes on A4. Past one page every page says at its foot which paper it belongs to and
    "第 N 页 共 M 页"; a one-page paper has no footer."""
    styles = form_styles()

    def footer(canvas: Canvas, page: int, total: int) -> None:
        if total < 2:
            return
        canvas.saveState()
        canvas.setFont(styles.font, FOOTER_SIZE)
        y = MARGIN_BOTTOM + 1
        right = f"第 {page} 页 共 {total} 页"
        canvas.drawRightString(PAGE_SIZE[0] - MARGIN_X, y, right)
        room = CONTENT_WIDTH - stringWidth(right, styles.font, FOOTER_SIZE) - 6 * mm
        canvas.drawString(MARGIN_X, y, _fit_width(f"{name}　{number_text(number, reprint)}", styles.font,
                                                  FOOTER_SIZE, room))
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=f"{name} {number}" + (f"（{REPRINT_MARK}）" if reprint else ""),
        author=organization,
        subject=subject or name,
        creator="工单台",
        lang="zh-CN",
        initialFontName=styles.font,  # otherwise every page references an unembedded Helvetica
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM + FOOTER_HEIGHT, CONTENT_WIDTH, FRAME_HEIGHT,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="paper")
    doc.addPageTemplates([PageTemplate(id="paper", frames=[frame])])
    doc.build(list(story), canvasmaker=held_pages_canvas(footer))
    return buffer.getvalue()
