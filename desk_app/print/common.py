"""Shared pieces of the printed forms: page geometry, CJK text and line breaking, bordered grids,
boxes that continue on the next page, and blocks laid out once for every copy of a form."""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desk_app.print.fonts import register_cjk_font

PAGE_SIZE = A4
# Office printers leave up to about 5 mm at each edge unprinted (lasers ~4 mm, inkjets up to ~5 mm
# at the foot): the text stays 12 mm or more inside the edge, and what a form prints in a margin
# (the copy name of the slip) stays at least PRINTABLE_EDGE inside it.
PRINTABLE_EDGE = 5 * mm
MARGIN_X = 15 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 12 * mm
CONTENT_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X
CONTENT_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

TITLE_SIZE = 18
TITLE_MIN_SIZE = 12  # a longer title wraps rather than shrinking below this
BODY_SIZE = 10.5
NOTE_SIZE = 9
MIN_READABLE_SIZE = 7.5  # 六号: the smallest size text is shrunk to before it continues instead
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


# --- Plain text: Chinese line breaking, boxes that continue on the next page ----------------------

CONTINUED_MARK = "（续下页）"  # closes the part of a box that did not hold all its text
CONTINUATION_MARK = "（接上页）"  # opens the rest, on the next page

# Chinese line breaking (标点禁则, GB/T 15834): these never begin a line ...
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉〗］｝’”…‥·～％‰℃,.;:?!)]}%")
# ... and these never end one.
NO_LINE_END = frozenset("（《「『【〔〈〖［｛‘“([{")
_UNBROKEN_RUNS = frozenset("…—")  # ……, —— stay whole
_COLLAPSED_SPACE = re.compile(r"[ \t\f\v]+")
_FIT_EPSILON = 1e-6

# A laid-out line: (start, end, width) in the text that was broken.
Line = tuple[int, int, float]


def normalize_text(text: str) -> str:
    """Text as a form prints it: one kind of line break; runs of ASCII blanks become one space and
    none starts or ends a line (as in a Paragraph). No-break and full-width spaces are kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_COLLAPSED_SPACE.sub(" ", line).strip(" ") for line in lines)


def _is_word_char(char: str) -> bool:
    """Latin letters, digits and ASCII signs: a run of them (a phone number, 501室's 501, a word)
    is kept on one line when it fits. CJK, punctuation from U+2000 on, no-break space are not."""
    return "!" <= char < "\u2000" and char not in "\u00a0\u00b7"


def _breakable(line: str, i: int) -> bool:
    """Whether a line may break before line[i] (0 < i < len(line))."""
    before, after = line[i - 1], line[i]
    if before == " " or after == " ":
        return True
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before == after and after in _UNBROKEN_RUNS:
        return False
    return not (_is_word_char(before) and _is_word_char(after))


def _width_function(font_name: str, size: float, char_space: float):
    """A string's advance width: the font's own measure (C code with rl_accel), plus spacing."""
    font = pdfmetrics.getFont(font_name)
    if char_space:
        return lambda text: font.stringWidth(text, size) + char_space * len(text)
    return lambda text: font.stringWidth(text, size)


def _char_widths(font_name: str, size: float, char_space: float, line: str) -> list[float]:
    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    widths = getattr(face, "charWidths", None)
    if isinstance(widths, dict):  # a TrueType face: its advance widths, per 1000 em
        scale, default = size / 1000, face.defaultWidth
        return [widths.get(ord(char), default) * scale + char_space for char in line]
    return [stringWidth(char, font_name, size) + char_space for char in line]


def layout_lines(
    text: str, font_name: str, size: float, width: float, *, char_space: float = 0
) -> list[Line]:
    """Break normalized `text` into lines no wider than `width`, with Chinese line breaking: a break
    between any two CJK characters, none inside a Latin word or number that fits a line, no
    closing punctuation at the start of a line nor opening one at its end (the character before
    moves down with it), …… and —— never split. A hard line break gives a line, empty or not.
    """
    lines: list[Line] = []
    if not text:
        return lines
    measure = _width_function(font_name, size, char_space)
    limit = width + char_space + _FIT_EPSILON  # the last character's spacing is not ink
    position = 0
    for hard_line in text.split("\n"):
        start = position
        position += len(hard_line) + 1
        if not hard_line:
            lines.append((start, start, 0.0))
            continue
        whole = measure(hard_line)
        if whole <= limit:  # the usual case in a form: a value that fits its cell
            lines.append((start, start + len(hard_line), whole - char_space))
            continue
        _break_line(hard_line, start, _char_widths(font_name, size, char_space, hard_line),
                    limit, char_space, lines)
    return lines


def _break_line(line: str, offset: int, widths: list[float], limit: float, char_space: float,
                lines: list[Line]) -> None:
    """Greedy breaking of one hard line: the longest run from each line start that fits, ended at
    the last place a break is allowed (else where it overflows: a word longer than a line)."""
    edges = [0.0, *itertools.accumulate(widths)]  # edges[i]: width of line[:i]
    count = len(line)
    begin = 0
    while begin < count:
        far = bisect.bisect_right(edges, edges[begin] + limit, begin + 1) - 1  # fits line[begin:far]
        if far >= count:
            end = count
        else:
            end = far if far > begin else begin + 1  # one glyph wider than the line goes alone
            cut = end
            while cut > begin + 1 and not _breakable(line, cut):
                cut -= 1
            if cut > begin + 1 or _breakable(line, cut):
                end = cut
        shown = end
        while shown > begin and line[shown - 1] == " ":
            shown -= 1
        lines.append((offset + begin, offset + shown, edges[shown] - edges[begin] - char_space))
        begin = end
        while begin < count and line[begin] == " ":
            begin += 1


def break_lines(
    text: str, font_name: str, size: float, width: float, *, char_space: float = 0
) -> list[str]:
    """The lines `text` is set in at `width` (see `layout_lines`)."""
    text = normalize_text(text)
    return [text[a:b] for a, b, _ in layout_lines(text, font_name, size, width, char_space=char_space)]


class TextBox(Flowable):
    """Plain text in the form's CJK face: Chinese line breaking, laid out once per width (a table
    that measures and then draws its cells costs one layout), drawn as one text object.

    The drop-in for a Paragraph of plain text (same size, leading, alignment and baselines). A box
    that cannot hold its text splits instead of being cut or shrunk: the part that fits ends with
    `continued_mark` on a line of its own, right-aligned, and the rest starts with
    `continuation_mark` (see `split_at`). Frames split it the same way across pages.
    `min_height` keeps writing room below short text.
    """

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        min_height: float = 0,
        prefix: str = "",
        continued_mark: str = CONTINUED_MARK,
        continuation_mark: str = CONTINUATION_MARK,
    ):
        super().__init__()
        self.text = normalize_text(text)
        self.style = style
        self.min_height = min_height
        self.prefix = prefix  # printed before the text: the continuation mark on a rest
        self.continued_mark = continued_mark
        self.continuation_mark = continuation_mark
        self.mark = ""  # set on a part cut by split_at: drawn under its last line
        self.width = self.height = 0.0
        self._source = prefix + self.text
        self._layouts: dict[float, list[Line]] = {}

    def __repr__(self) -> str:
        return f"TextBox({self._source[:40]!r}{'…' if len(self._source) > 40 else ''})"

    def layout(self, width: float) -> list[Line]:
        """The lines at `width`, computed once per width."""
        lines = self._layouts.get(width)
        if lines is None:
            style = self.style
            lines = layout_lines(self._source, style.fontName, style.fontSize, width)
            self._layouts[width] = lines
        return lines

    def lines(self, width: float) -> list[str]:
        return [self._source[a:b] for a, b, _ in self.layout(width)]

    def text_height(self, width: float) -> float:
        """Height of the text alone (no writing room) at `width`."""
        return (len(self.layout(width)) + bool(self.mark)) * self.style.leading

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = max(self.text_height(availWidth), self.min_height)
        return self.width, self.height

    def split_at(self, width: float, height: float) -> tuple[TextBox | None, TextBox | None]:
        """(the part that fits `height` at `width`, the rest): (self, None) when all of it fits;
        (None, self) when not even one line and the mark do. The part ends with the continued
        mark, the rest begins with the continuation mark; nothing is lost between them."""
        lines = self.layout(width)
        leading = self.style.leading
        if self.text_height(width) <= height + _FIT_EPSILON:
            return self, None
        kept = int((height + _FIT_EPSILON) // leading) - 1  # one line for the mark
        if kept < 1:
            return None, self
        cut = lines[kept][0]
        shown = max(cut - len(self.prefix), 0)
        head = TextBox(
            self.text[:shown].rstrip("\n"),
            self.style,
            prefix=self.prefix,
            continued_mark=self.continued_mark,
            continuation_mark=self.continuation_mark,
        )
        head._layouts[width] = lines[:kept]
        head.mark = self.continued_mark
        rest_text = self.text[shown:] if cut >= len(self.prefix) else self._source[cut:]
        rest = TextBox(
            rest_text.lstrip("\n"),
            self.style,
            prefix=self.continuation_mark,
            continued_mark=self.continued_mark,
            continuation_mark=self.continuation_mark,
        )
        return head, rest

    def split(self, availWidth, availHeight):
        head, rest = self.split_at(availWidth, availHeight)
        if head is None:
            return []
        return [head] if rest is None else [head, rest]

    def drawOn(self, canvas, x, y, _sW=0):
        # Text needs no saved state or moved origin when the colour is already the canvas's:
        # drawn where it belongs, the dozens of cells of a grid skip a q/cm/Q each.
        if not _fill_is(canvas, self.style.textColor):
            super().drawOn(canvas, x, y, _sW)
        else:
            self._draw_text(canvas, self._hAlignAdjust(x, _sW), y)

    def draw(self):
        self._draw_text(self.canv, 0, 0)

    def _draw_text(self, canvas, left: float, bottom: float) -> None:
        style = self.style
        size, leading = style.fontSize, style.leading
        alignment = style.alignment
        source = self._source
        text = canvas.beginText()
        text.setFont(style.fontName, size, leading)
        if not _fill_is(canvas, style.textColor):
            text.setFillColor(style.textColor)
        y = bottom + self.height - size  # the first baseline, as in a Paragraph
        for start, end, width in self.layout(self.width):
            if end > start:
                if alignment == TA_CENTER:
                    x = (self.width - width) / 2
                elif alignment == TA_RIGHT:
                    x = self.width - width
                else:
                    x = 0
                text.setTextOrigin(left + x, y)
                text.textOut(source[start:end])
            y -= leading
        if self.mark:
            mark_width = stringWidth(self.mark, style.fontName, size)
            text.setTextOrigin(left + self.width - mark_width, y)
            text.textOut(self.mark)
        canvas.drawText(text)


def _fill_is(canvas, colour) -> bool:
    """Whether the canvas fills in `colour` now (a new canvas keeps black as the tuple (0, 0, 0))."""
    current = getattr(canvas, "_fillColorObj", None)
    if current is colour:
        return True
    if isinstance(current, tuple):
        return isinstance(colour, colors.Color) and colour.alpha == 1 and current == colour.rgb()
    return current == colour


def is_plain_style(style: ParagraphStyle) -> bool:
    """Whether a TextBox sets text in `style` as a Paragraph would (no indents, bullets, boxes)."""
    return (
        style.alignment in (TA_LEFT, TA_CENTER, TA_RIGHT)
        and not (style.leftIndent or style.rightIndent or style.firstLineIndent)
        and not (getattr(style, "bulletText", None) or style.backColor or style.borderWidth)
        and str(style.wordWrap).upper() == "CJK"
    )


def text_cell(text: str, style: ParagraphStyle) -> Flowable:
    """Plain text for a table cell: a TextBox in the form styles (fast, Chinese line breaking),
    a Paragraph for any style a TextBox does not render the same."""
    return TextBox(text, style) if is_plain_style(style) else text_paragraph(text, style)


def fit_text(
    text: str,
    style: ParagraphStyle,
    width: float,
    max_height: float,
    *,
    min_size: float = MIN_READABLE_SIZE,
    step: float = 0.5,
    min_height: float = 0,
) -> tuple[TextBox, TextBox | None]:
    """Long free text for a box at most `max_height` tall: (box, rest).

    At the style's size when it fits; else at the largest size, in `step`s down to `min_size`, at
    which all of it fits (rest None). When even `min_size` overflows, shrinking would only make
    the page harder to read: the box keeps the style's size, holds what fits and ends with the
    continued mark, and `rest` is the remainder to print on the next page (e.g. in a BoxedField).
    """
    min_height = min(min_height, max_height)

    def box_at(size: float) -> TextBox:
        sized = style if size == style.fontSize else style_at_size(style, size)
        return TextBox(text, sized, min_height=min_height)

    first = box_at(style.fontSize)
    if first.text_height(width) <= max_height + _FIT_EPSILON:
        return first, None
    normalized = first.text
    hard_lines = normalized.split("\n")

    def surely_too_tall(size: float) -> bool:
        """Whether `text` overflows at `size` whatever its line breaks: no layout needed."""
        measure = _width_function(style.fontName, size, 0)
        lines = sum(max(1, math.ceil(measure(line) / width - _FIT_EPSILON)) for line in hard_lines)
        return lines * size * (style.leading / style.fontSize) > max_height + _FIT_EPSILON

    sizes = []
    size = style.fontSize - step
    while size > min_size + _FIT_EPSILON:
        sizes.append(size)
        size -= step
    if style.fontSize > min_size:
        sizes.append(min_size)
    # Height grows with the size: bisect for the largest that fits.
    fitted = None
    low, high = 0, len(sizes) - 1
    if sizes and surely_too_tall(sizes[-1]):
        low = high + 1  # not even the smallest size: skip the search
    while low <= high:
        middle = (low + high) // 2
        box = box_at(sizes[middle])
        if box.text_height(width) <= max_height + _FIT_EPSILON:
            fitted, high = box, middle - 1
        else:
            low = middle + 1
    if fitted is not None:
        return fitted, None
    head, rest = first.split_at(width, max_height)
    if head is None:  # not even one line fits: all of it goes on
        head = TextBox("", style)
        head.mark = first.continued_mark
        rest = TextBox(text, style, prefix=first.continuation_mark)
    head.min_height = min_height
    return head, rest


class FormTitle(Flowable):
    """A centred form title; the CJK face has no bold, so strokes are thickened by fill+stroke
    rendering. A title wider than the frame (a long organization name) is set smaller, down to
    `min_size`; one longer still wraps onto more lines at that size rather than becoming unreadable."""

    def __init__(
        self,
        text: str,
        *,
        size: float = TITLE_SIZE,
        char_space: float = 2,
        space_after: float = 4,
        min_size: float = TITLE_MIN_SIZE,
    ):
        super().__init__()
        self.text = text
        self.size = size
        self.char_space = char_space
        self.spaceAfter = space_after
        self.min_size = min(min_size, size)
        self.font = register_cjk_font()
        self.fitted_size = size
        self.lines: list[str] = [text]

    def _text_width(self, size: float, text: str | None = None) -> float:
        text = self.text if text is None else text
        return stringWidth(text, self.font, size) + self.char_space * (len(text) - 1)

    def _line_height(self) -> float:
        return self.fitted_size * 1.3

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.lines = [self.text]
        if self._text_width(self.size) <= availWidth:
            self.fitted_size = self.size
        else:  # the letter spacing stays, the glyphs shrink
            spacing = self.char_space * (len(self.text) - 1)
            self.fitted_size = (availWidth - spacing) / stringWidth(self.text, self.font, 1)
            if self.fitted_size < self.min_size:
                self.fitted_size = self.min_size
                self.lines = break_lines(
                    self.text, self.font, self.min_size, availWidth, char_space=self.char_space
                )
        self.height = self.size * 1.4 + (len(self.lines) - 1) * self._line_height()
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
        for number, line in enumerate(self.lines):
            y = self.size * 0.3 + (len(self.lines) - 1 - number) * self._line_height()
            text.setTextOrigin((self.width - self._text_width(size, line)) / 2, y)
            text.textOut(line)
        canvas.drawText(text)
        canvas.restoreState()


class FittedText(Flowable):
    """Long free text in a box of bounded height: wraps, shrinks the font step by step, and as a
    last resort cuts the text with a note, so a form never spills onto a second page.

    `min_height` keeps writing room when the text is short. New forms should prefer `fit_text`
    and `TextBox`, which never cut nor shrink below a readable size, but continue on the next page.
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


# Style commands that draw lines only: they leave a laid-out table's sizes as they are.
_LINE_COMMANDS = frozenset(
    ("GRID", "BOX", "OUTLINE", "INNERGRID", "LINEBELOW", "LINEABOVE", "LINEBEFORE", "LINEAFTER")
)


class FormTable(Table):
    """A platypus Table laid out once per size and drawn without per-cell detours: a Table lays
    itself out again on every wrap (a form measures, then draws), sets "" as an empty text object
    per blank cell (a form has dozens, to fill in by hand), and measures each cell's flowable again
    while drawing it."""

    def _calc(self, availWidth, availHeight):
        size = (availWidth, availHeight)
        if self.__dict__.get("_laid_out_for") != size:
            super()._calc(availWidth, availHeight)
            self._laid_out_for = size

    def setStyle(self, tblstyle):
        commands = tblstyle.getCommands() if hasattr(tblstyle, "getCommands") else tblstyle
        if any(command[0] not in _LINE_COMMANDS for command in commands):
            self._laid_out_for = None  # paddings, spans, fonts: lay out again
        super().setStyle(tblstyle)

    def _drawCell(self, cellval, cellstyle, pos, size):
        if cellstyle.href or cellstyle.destination:
            super()._drawCell(cellval, cellstyle, pos, size)
        elif cellval == "":
            return
        elif _single_text_box(cellval):  # placed as Table places one flowable, sizes known
            (box,), (x, y), (width, height) = cellval, pos, size
            box_width, box_height = box.wrap(
                width - cellstyle.leftPadding - cellstyle.rightPadding,
                height - cellstyle.topPadding - cellstyle.bottomPadding,
            )
            if cellstyle.valign == "TOP":
                y += height - cellstyle.topPadding - box_height
            elif cellstyle.valign == "BOTTOM":
                y += cellstyle.bottomPadding
            else:
                y += (height + cellstyle.bottomPadding - cellstyle.topPadding - box_height) / 2
            if cellstyle.alignment == "RIGHT":
                x += width - cellstyle.rightPadding - box_width
            elif cellstyle.alignment in ("CENTRE", "CENTER"):
                x += (width + cellstyle.leftPadding - cellstyle.rightPadding - box_width) / 2
            else:
                x += cellstyle.leftPadding
            box.drawOn(self.canv, x, y)
        else:
            super()._drawCell(cellval, cellstyle, pos, size)


def _single_text_box(cellval) -> bool:
    """A cell holding one TextBox (a Table keeps a cell's flowables in a tuple)."""
    return isinstance(cellval, tuple) and len(cellval) == 1 and isinstance(cellval[0], TextBox)


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
                cells.append(text_cell(cell, style))
            else:
                cells.append(cell)
        data.append(cells)
    commands = _cell_commands(styles.font)
    if grid:
        commands.append(("GRID", (0, 0), (-1, -1), GRID_LINE, colors.black))
    commands += [("SPAN", start, end) for start, end in spans]
    commands += list(extra_style)
    return FormTable(
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
    return [FormTitle(title), HeadingLine(left, right, styles)]


class HeadingLine(Flowable):
    """The line under a form's title: `left` (the copy name) and `right` (the number) on the two
    halves of the frame, bottoms aligned, 4 points above the grid."""

    space_below = 4

    def __init__(self, left: str, right: str, styles: FormStyles | None = None):
        super().__init__()
        styles = styles or form_styles()
        self.left = text_cell(left, styles.header)
        self.right = text_cell(right, styles.header_right)

    def wrap(self, availWidth, availHeight):
        half = availWidth / 2
        heights = [box.wrap(half, availHeight)[1] for box in (self.left, self.right)]
        self.width = availWidth
        self.height = max(heights) + self.space_below
        return self.width, self.height

    def draw(self):
        self.left.drawOn(self.canv, 0, self.space_below)
        self.right.drawOn(self.canv, self.width / 2, self.space_below)


def flowable_height(flowable: Flowable, width: float = CONTENT_WIDTH) -> float:
    """Height a flowable takes in a frame of `width`, spacing included."""
    height = flowable.wrap(width, CONTENT_HEIGHT)[1]
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


class BoxedField(Flowable):
    """A ruled "label | value" row whose value can continue across pages, for long free text in a
    flowing form (工单内容, 处理意见): the part on one page ends with （续下页）, the next page
    repeats the label and its value starts with （接上页）. Nothing is cut or shrunk.

    `value` may be given instead of `text`: a TextBox (e.g. the rest returned by `fit_text`).
    """

    def __init__(
        self,
        label: str,
        text: str = "",
        *,
        label_width: float = 26 * mm,
        styles: FormStyles | None = None,
        min_height: float = 0,
        value: TextBox | None = None,
        line_width: float = GRID_LINE,
    ):
        super().__init__()
        self.styles = styles or form_styles()
        self.label = label
        self.label_width = label_width
        self.line_width = line_width
        self.value = value if value is not None else TextBox(text, self.styles.value)
        self.value.min_height = max(self.value.min_height, min_height)
        self.label_box = TextBox(label, self.styles.label)

    def _value_width(self, width: float) -> float:
        return width - self.label_width - 2 * CELL_PADDING_X

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        label_height = self.label_box.wrap(self.label_width - 2 * CELL_PADDING_X, availHeight)[1]
        value_height = self.value.wrap(self._value_width(availWidth), availHeight)[1]
        self.height = max(label_height, value_height) + 2 * CELL_PADDING_Y
        return self.width, self.height

    def split(self, availWidth, availHeight):
        head, rest = self.value.split_at(
            self._value_width(availWidth), availHeight - 2 * CELL_PADDING_Y
        )
        if head is None:
            return []
        if rest is None:
            return [self]
        return [
            BoxedField(self.label, label_width=self.label_width, styles=self.styles, value=head,
                       line_width=self.line_width),
            BoxedField(self.label, label_width=self.label_width, styles=self.styles, value=rest,
                       line_width=self.line_width),
        ]

    def draw(self):
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(self.line_width)
        canvas.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        canvas.line(self.label_width, 0, self.label_width, self.height)
        canvas.restoreState()
        label = self.label_box
        label.drawOn(canvas, CELL_PADDING_X, (self.height - label.height) / 2)
        value = self.value
        value.drawOn(
            canvas, self.label_width + CELL_PADDING_X, self.height - CELL_PADDING_Y - value.height
        )


class Stack(Flowable):
    """Flowables laid out once, when the stack is made, one under the other at `width` with the
    gaps a frame leaves (the larger of one's space after and the next one's space before), and
    drawn where they were laid out: a page whose layout the form has settled needs no frame to
    measure everything again. A stack does not split; `paginate` cuts a story into stacks' worth.
    """

    def __init__(self, flowables: Iterable[Flowable], width: float, *,
                 max_height: float = CONTENT_HEIGHT):
        super().__init__()
        self.flowables = list(flowables)
        self.width = width
        self._placed: list[tuple[Flowable, float, float]] = []  # flowable, its bottom from the top, slack
        top = 0.0
        previous_after = 0.0
        for index, flowable in enumerate(self.flowables):
            used, height = flowable.wrap(width, max_height)
            if index:
                top += max(previous_after, flowable.getSpaceBefore())
            top += height
            self._placed.append((flowable, top, width - used))
            previous_after = flowable.getSpaceAfter()
        self.height = top

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    def draw(self):
        self._draw_parts(self.canv)

    def _draw_parts(self, canvas) -> None:
        for flowable, bottom, slack in self._placed:
            flowable.drawOn(canvas, 0, self.height - bottom, _sW=slack)

    def draw_page(self, canvas, *, left: float = MARGIN_X, top: float | None = None) -> None:
        """Draw the stack as a page's content, its top at `top` (the top margin by default)."""
        top = PAGE_SIZE[1] - MARGIN_TOP if top is None else top
        if self.height > top - MARGIN_BOTTOM + 1e-6:
            raise ValueError(f"{self.height:.1f} points of content overflow the page")
        self.drawOn(canvas, left, top - self.height)


class SharedBlock(Stack):
    """A Stack drawn once, as a PDF form XObject that every page showing the block reuses: the
    copies of a multi-part form (三联单) print the same grid without laying it out or drawing it
    again, and the file holds it once.

    `name` must be unique within one document (and stable, so identical input gives identical
    bytes).
    """

    _BLEED = 4  # points around the block kept in the XObject: heavy frame lines stick out

    def __init__(self, flowables: Iterable[Flowable], width: float, *, name: str,
                 max_height: float = CONTENT_HEIGHT):
        super().__init__(flowables, width, max_height=max_height)
        self.name = name

    def draw(self):
        canvas = self.canv
        blocks = canvas.__dict__.setdefault("_desk_shared_blocks", {})
        key = f"SharedBlock.{self.name}"
        owner = blocks.get(key)
        if owner is None:
            blocks[key] = self
            bleed = self._BLEED
            canvas.beginForm(key, -bleed, -bleed, self.width + bleed, self.height + bleed)
            self._draw_parts(canvas)
            canvas.endForm()
        elif owner is not self:
            raise ValueError(f"two shared blocks are named {self.name!r} in one document")
        canvas.doForm(key)


def paginate(flowables: Iterable[Flowable], width: float, height: float) -> list[list[Flowable]]:
    """The flowables cut into pages of `width` x `height`, splitting those that allow it (TextBox,
    BoxedField, Table by rows) as a frame would: lay continuation pages out once, then show each
    page's part in every copy as a SharedBlock (or draw it as a Stack)."""
    pages: list[list[Flowable]] = [[]]
    room = height
    pending = list(flowables)
    pending.reverse()
    while pending:
        flowable = pending.pop()
        page = pages[-1]
        gap = flowable.getSpaceBefore() if page else 0
        needed = flowable.wrap(width, room - gap)[1] + gap
        if needed <= room + 1e-6:
            page.append(flowable)
            room -= needed + flowable.getSpaceAfter()
            continue
        parts = flowable.split(width, room - gap) if room - gap > 0 else []
        if parts and parts[0] is not flowable:
            page.append(parts[0])
            parts[0].wrap(width, room - gap)
            pending.extend(reversed(parts[1:]))
        elif not page:
            raise ValueError(f"{flowable!r} fits no page of {width:.0f} x {height:.0f} points")
        else:
            pending.append(flowable)
        pages.append([])
        room = height
    return [page for page in pages if page]


def held_pages_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that holds every page until the end, so each page's footer can say how many pages there
    are ("第 N 页 共 M 页") in one layout pass (platypus would otherwise build the document twice)."""

    class HeldPagesCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held_pages)
            for page, state in enumerate(self._held_pages, start=1):
                self.__dict__.update(state)
                footer(self, page, total)
                super().showPage()
            super().save()

    return HeldPagesCanvas
