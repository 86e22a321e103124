"""登记表: the registers of a period as PDF bytes — 来电来访登记表 (each day closed by the customer-service supervisor's
signature), 客户投诉登记表 and 维修回访登记表 — on A4 landscape, the column heads on every page, every page "第 X 页
共 Y 页" with the time printed.

A register runs to thousands of lines, so it is drawn straight on the canvas with its own pagination: a platypus
table of Paragraphs costs ten times the drawing of the text (bench/bench_registers.py). Cells wrap by the rules of
ReportLab's CJK paragraphs (wordWrap="CJK"): anywhere between Chinese characters, Latin words and numbers kept whole
where they fit, no closing mark (，。）…) at the start of a line and no opening one at its end. A line taller than a
page continues on the next one; nothing is cut.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desk_app.core.labels import chinese
from desk_app.core.papers import REPRINT_MARK, FormKind
from desk_app.print.common import FormTitle, format_datetime
from desk_app.print.fonts import register_cjk_font

PAGE_SIZE = landscape(A4)
MARGIN_X = 12 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 15 * mm        # the footer sits in it
FOOTER_BASELINE = 8 * mm
TABLE_WIDTH = PAGE_SIZE[0] - 2 * MARGIN_X

TITLE_SIZE = 18
INFO_SIZE = 10
FONT_SIZE = 9
LEADING = 12
PAD_X = 3
PAD_Y = 3
NUMBER_WIDTH = 10 * mm         # 序号
SIGNATURE_ROW = 9 * mm         # room to sign by hand
NOTE_ROW = 7 * mm
GRID_LINE = 0.5
FRAME_LINE = 1.2
HEAD_FILL = colors.Color(0.88, 0.88, 0.88)
DAY_FILL = colors.Color(0.96, 0.96, 0.96)
# Where the glyphs of the face sit in a line (WenQuanYi Micro Hei: ascent 0.765 em, descent 0.240 em).
ASCENT = 0.765
GLYPH_HEIGHT = 1.005
# Keeps a line from starting at the foot of a page when most of it would go over anyway.
MIN_SPLIT_LINES = 2
_FUZZ = 1e-6

NUMBER_HEAD = "序号"
CONTINUED = "续"
EMPTY = "本期间无记录"
EMPTY_DAY = "无来电来访登记"
END_MARK = "以下空白"
SIGNER = "客服主管签字："
BLANK_SIGNATURE = f"{SIGNER}______________　日期：______________"
WEEKDAYS = "一二三四五六日"
_SPACE = " "
# Marks that never start a line, and marks that never end one: ReportLab's lists and the Chinese full-width marks.
CANNOT_START = frozenset(ALL_CANNOT_START + "，．；：？！）】》〉」』”’〕］｝％‰℃…—～·")
CANNOT_END = frozenset(ALL_CANNOT_END + "（【《〈「『“‘〔［｛")


@dataclass(frozen=True)
class Column:
    """A column of a register: its head, its share of the table's width, and whether its values are centred."""

    name: str
    width: float
    centred: bool = False


# The seed's 物业 front desk: "将来电来访人的姓名、反应内容、联系方式、流转人及跟进情况详细填写".
CALL_COLUMNS = (
    Column("日期/时间", 21, True), Column("来电/来访", 17, True), Column("来电人", 17, True), Column("电话", 25, True),
    Column("内容", 56), Column("处理结果", 33, True), Column("流转人", 21, True), Column("跟进情况", 46),
    Column("登记人", 15, True),
)
COMPLAINT_COLUMNS = (
    Column("投诉时间", 21, True), Column("工单编号", 22, True), Column("投诉人", 16, True), Column("电话", 25, True),
    Column("地址", 35), Column("投诉内容", 46), Column("级别", 11, True), Column("承接部门", 18, True),
    Column("处理结果", 37), Column("回访满意度", 19, True), Column("状态", 14, True),
)
VISIT_COLUMNS = (
    Column("回访时间", 21, True), Column("工单编号", 22, True), Column("客户", 16, True), Column("电话", 25, True),
    Column("地址", 34), Column("维修内容", 44), Column("维修人", 15, True), Column("完工时间", 21, True),
    Column("满意度", 15, True), Column("回访人", 15, True), Column("备注", 28),
)
COLUMNS: dict[FormKind, tuple[Column, ...]] = {
    FormKind.CALL_REGISTER: CALL_COLUMNS,
    FormKind.COMPLAINT_REGISTER: COMPLAINT_COLUMNS,
    FormKind.VISIT_REGISTER: VISIT_COLUMNS,
}


@dataclass(frozen=True)
class DaySignature:
    """One day of the call register: how many of the rows (in order) are its lines, and the supervisor's signature
    of it ("客服主管每日审核签字"; None: not signed yet, a blank line is printed to sign by hand)."""

    day: date
    lines: int
    signed_by: str | None = None
    signed_at: datetime | None = None


@dataclass(frozen=True)
class RegisterData:
    """What a register prints: plain strings, so printing needs no database.

    `title` and `columns` default to the kind's; every row has a string per column. `days` (the call register's)
    cover the rows in order, a day after the other, each closed by its signature line."""

    kind: FormKind
    organization: str
    first: date
    last: date
    rows: Sequence[tuple[str, ...]]
    printed_at: datetime
    printed_by: str
    number: str
    reprint: bool = False
    days: Sequence[DaySignature] = ()
    title: str = ""
    columns: Sequence[Column] = ()

    def __post_init__(self) -> None:
        if not self.title:
            object.__setattr__(self, "title", chinese(FormKind(self.kind)))
        if not self.columns:
            object.__setattr__(self, "columns", COLUMNS[FormKind(self.kind)])
        count = len(self.columns)
        for position, row in enumerate(self.rows):
            if len(row) != count:
                raise ValueError(f"row {position + 1} has {len(row)} cells for {count} columns")
        if self.days and sum(d.lines for d in self.days) != len(self.rows):
            raise ValueError("the days' lines do not add up to the rows")
        if self.last < self.first:
            raise ValueError("the period ends before it starts")

    @property
    def period(self) -> str:
        return period_text(self.first, self.last)


# ----- text -------------------------------------------------------------------------------------------------------


def day_text(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def period_text(first: date, last: date) -> str:
    """"2026年11月" for a calendar month, "2026年11月17日" for a day, "2026年11月3日至2026年11月9日" otherwise."""
    if first == last:
        return day_text(first)
    if first.day == 1 and (last + timedelta(days=1)).day == 1 and (first.year, first.month) == (last.year, last.month):
        return f"{first.year}年{first.month}月"
    return f"{day_text(first)}至{day_text(last)}"


def day_heading(day: DaySignature) -> str:
    """What the signature line under a day's lines says of them: "以上为2026年11月17日（星期二）登记，共 3 条"."""
    named = f"{day_text(day.day)}（星期{WEEKDAYS[day.day.weekday()]}）"
    if not day.lines:
        return f"{named}{EMPTY_DAY}"
    return f"以上为{named}登记，共 {day.lines} 条"


def signature_text(day: DaySignature) -> str:
    """The supervisor's signature of the day, or the blank line to sign by hand."""
    if day.signed_at is None:
        return BLANK_SIGNATURE
    return f"{SIGNER}{day.signed_by or ''}　日期：{format_datetime(day.signed_at)}"


def number_text(data: RegisterData) -> str:
    return f"编号：{data.number}" + (f"（{REPRINT_MARK}）" if data.reprint else "")


def page_text(page: int, pages: int) -> str:
    return f"第 {page} 页 共 {pages} 页"


# ----- wrapping ---------------------------------------------------------------------------------------------------


class Metrics:
    """Advance widths of the face at one size, cached per character: wrapping measures character by character."""

    def __init__(self, font_name: str, size: float) -> None:
        self._font = pdfmetrics.getFont(font_name)
        face = self._font.face
        self.font_name = font_name
        self.size = size
        self._scale = size / 1000
        self._face_widths = face.charWidths
        self._default = face.defaultWidth
        self._cache: dict[str, float] = {}

    def char(self, ch: str) -> float:
        width = self._cache.get(ch)
        if width is None:
            width = self._face_widths.get(ord(ch), self._default) * self._scale
            self._cache[ch] = width
        return width

    def text(self, text: str) -> float:
        return self._font.stringWidth(text, self.size)


Line = tuple[str, float]   # a line of a cell and its width


def wrap(text: str, width: float, metrics: Metrics) -> list[Line]:
    """The lines of `text` in a cell `width` wide: line breaks kept, each paragraph broken as a CJK paragraph."""
    lines: list[Line] = []
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip(_SPACE)
        whole = metrics.text(paragraph)
        if whole <= width + _FUZZ:
            lines.append((paragraph, whole))
        else:
            lines.extend(_break(paragraph, width, metrics))
    return lines


def _break(text: str, width: float, metrics: Metrics) -> list[Line]:
    """Greedy breaking by ReportLab's CJK rules (platypus.paragraph.cjkFragSplit), with the Chinese marks added to
    its Japanese lists; a closing mark that would start a line takes the character before it along instead of
    hanging in the margin, so nothing crosses the cell's border."""
    lines: list[Line] = []
    char = metrics.char
    start, used, i, n = 0, 0.0, 0, len(text)
    while i < n:
        ch = text[i]
        w = char(ch)
        if used + w <= width + _FUZZ or i == start:
            used += w
            i += 1
            continue
        end = i
        if ch != _SPACE:                             # at a space the line just ends, the space dropped
            if ord(ch) < 0x3000:
                # Inside a Latin word or a number: back to the space or the Chinese character it follows.
                for j in range(i - 1, start, -1):
                    if text[j] == _SPACE or ord(text[j]) >= 0x3000:
                        end = j + 1
                        break
            while end - 1 > start and (text[end] in CANNOT_START or text[end - 1] in CANNOT_END):
                end -= 1
        line = text[start:end].rstrip(_SPACE)
        lines.append((line, metrics.text(line)))
        start = end
        while start < n and text[start] == _SPACE:
            start += 1
        i, used = start, 0.0
    if start < n:
        line = text[start:]
        lines.append((line, metrics.text(line)))
    return lines


# ----- layout -----------------------------------------------------------------------------------------------------


@dataclass
class _Lines:
    """A line of the register (or the part of it on one page): its wrapped cells."""

    number: int
    cells: list[list[Line]]
    first: int = 0                 # the first text line of the cells on this page
    count: int = 0                 # how many text lines of the cells are on this page

    @property
    def total(self) -> int:
        return max((len(c) for c in self.cells), default=1) or 1

    def height(self, count: int | None = None) -> float:
        return (self.total if count is None else count) * LEADING + 2 * PAD_Y


@dataclass
class _Band:
    """A row across the whole table: a day's signature line, a note."""

    left: str
    right: str = ""
    height: float = NOTE_ROW
    centred: bool = False
    fill: colors.Color | None = None


@dataclass
class _Page:
    rows: list[_Lines | _Band] = field(default_factory=list)


@dataclass(frozen=True)
class _Grid:
    columns: tuple[Column, ...]
    edges: tuple[float, ...]          # x of every column's left edge, then the table's right edge
    head: list[list[Line]]
    head_height: float


def column_edges(columns: Sequence[Column]) -> tuple[float, ...]:
    """Where the columns' borders are on the page (x, points): 序号's left edge, then the right edge of 序号 and of
    every column, the last one the table's right edge."""
    share = (TABLE_WIDTH - NUMBER_WIDTH) / sum(c.width for c in columns)
    edges = [MARGIN_X, MARGIN_X + NUMBER_WIDTH]
    for column in columns:
        edges.append(edges[-1] + column.width * share)
    edges[-1] = MARGIN_X + TABLE_WIDTH
    return tuple(edges)


def _grid(data: RegisterData, metrics: Metrics) -> _Grid:
    columns = (Column(NUMBER_HEAD, 0, True), *data.columns)
    edges = column_edges(data.columns)
    head = [wrap(c.name, edges[k + 1] - edges[k] - 2 * PAD_X, metrics) for k, c in enumerate(columns)]
    head_height = max(len(c) for c in head) * LEADING + 2 * PAD_Y + 2
    return _Grid(columns, edges, head, head_height)


def _items(data: RegisterData, grid: _Grid, metrics: Metrics) -> list[_Lines | _Band]:
    """The register's rows in order: its lines, each day's signature line, the closing note."""
    widths = [grid.edges[k + 1] - grid.edges[k] - 2 * PAD_X for k in range(1, len(grid.columns))]

    def line(index: int) -> _Lines:
        number = index + 1
        cells = [[(str(number), metrics.text(str(number)))]]
        cells += [wrap(text or "", width, metrics) for text, width in zip(data.rows[index], widths)]
        return _Lines(number, cells)

    items: list[_Lines | _Band] = []
    if not data.rows:
        items.append(_Band(EMPTY, centred=True))
    if data.days:
        index = 0
        for day in data.days:
            items.extend(line(k) for k in range(index, index + day.lines))
            index += day.lines
            items.append(_Band(day_heading(day), signature_text(day), SIGNATURE_ROW, fill=DAY_FILL))
    else:
        items.extend(line(k) for k in range(len(data.rows)))
    items.append(_Band(END_MARK, centred=True))
    return items


def _paginate(items: list[_Lines | _Band], body: float) -> list[_Page]:
    """Fill pages of `body` points below the column heads. A line taller than what is left of a page goes to the next
    page whole when it fits there, else it is split between its text lines; a band (a day's signature line, the
    closing note) takes the line before it along to a new page."""
    pages = [_Page()]
    left = body
    for item in items:
        if isinstance(item, _Band):
            if item.height > left + _FUZZ and pages[-1].rows:
                # A day's signature line does not open a page alone: the day's last line goes over with it.
                rows = pages[-1].rows
                last = rows[-1]
                carried = [rows.pop()] if (len(rows) > 1 and isinstance(last, _Lines) and last.first == 0
                                          and last.count == last.total) else []
                pages.append(_Page(carried))
                left = body - sum(row.height(row.count) for row in carried)
            pages[-1].rows.append(item)
            left -= item.height
            continue
        total, done = item.total, 0
        while done < total:
            rest = total - done
            fits = int((left - 2 * PAD_Y + _FUZZ) // LEADING)
            if fits >= rest:
                take = rest
            elif pages[-1].rows and (fits < MIN_SPLIT_LINES or item.height(rest) <= body + _FUZZ):
                pages.append(_Page())           # the next page takes it whole, or takes enough of it
                left = body
                continue
            else:
                take = max(fits, 1)
            pages[-1].rows.append(_Lines(item.number, item.cells, done, take))
            left -= item.height(take)
            done += take
    return pages


# ----- drawing ----------------------------------------------------------------------------------------------------


class _Painter:
    def __init__(self, canvas: Canvas, data: RegisterData, grid: _Grid, metrics: Metrics, info: Metrics) -> None:
        self.canvas = canvas
        self.data = data
        self.grid = grid
        self.metrics = metrics
        self.info = info
        self.font = metrics.font_name
        self.baseline = (LEADING - GLYPH_HEIGHT * FONT_SIZE) / 2 + ASCENT * FONT_SIZE

    def page(self, page: _Page, position: int, pages: int, table_top: float) -> None:
        canvas = self.canvas
        self.heading(table_top)
        text = canvas.beginText()
        text.setFont(self.font, FONT_SIZE)
        y = table_top
        head_bottom = y - self.grid.head_height
        canvas.setFillColor(HEAD_FILL)
        canvas.rect(MARGIN_X, head_bottom, TABLE_WIDTH, self.grid.head_height, stroke=0, fill=1)
        rules: list[float] = [y, head_bottom]
        runs: list[tuple[float, float]] = []      # stretches of the table with column lines
        run_top = y
        self.cells(text, self.grid.head, y, self.grid.head_height, centred_all=True)
        y = head_bottom
        for row in page.rows:
            if isinstance(row, _Band):
                if run_top > y:
                    runs.append((run_top, y))
                height = row.height
                if row.fill is not None:
                    canvas.setFillColor(row.fill)
                    canvas.rect(MARGIN_X, y - height, TABLE_WIDTH, height, stroke=0, fill=1)
                self.band(text, row, y)
                y -= height
                run_top = y
            else:
                height = row.height(row.count)
                self.line(text, row, y, height)
                y -= height
            rules.append(y)
        if run_top > y:
            runs.append((run_top, y))
        canvas.setFillColor(colors.black)
        canvas.drawText(text)
        path = canvas.beginPath()
        for rule in rules:
            path.moveTo(MARGIN_X, rule)
            path.lineTo(MARGIN_X + TABLE_WIDTH, rule)
        for top, bottom in runs:
            for x in self.grid.edges[1:-1]:
                path.moveTo(x, top)
                path.lineTo(x, bottom)
        canvas.setLineWidth(GRID_LINE)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setLineWidth(FRAME_LINE)
        canvas.rect(MARGIN_X, y, TABLE_WIDTH, table_top - y, stroke=1, fill=0)
        self.footer(position, pages)

    def heading(self, table_top: float) -> None:
        canvas, data = self.canvas, self.data
        title = FormTitle(data.title, size=TITLE_SIZE, char_space=4)
        _width, height = title.wrapOn(canvas, TABLE_WIDTH, TITLE_SIZE * 2)
        title_y = PAGE_SIZE[1] - MARGIN_TOP - height
        title.drawOn(canvas, MARGIN_X, title_y)
        if data.reprint:
            self.reprint_stamp(title_y)
        canvas.setFont(self.font, INFO_SIZE)
        y = table_top + 5
        left = f"单位：{data.organization}　　期间：{data.period}　　共 {len(data.rows)} 条"
        canvas.drawString(MARGIN_X, y, left)
        canvas.drawRightString(MARGIN_X + TABLE_WIDTH, y, number_text(data))

    def reprint_stamp(self, title_y: float) -> None:
        """补打, boxed beside the title like a stamp, on every page."""
        canvas = self.canvas
        size = 14
        width = self.info.text(REPRINT_MARK) * size / INFO_SIZE + 12
        height = size + 10
        x = MARGIN_X + TABLE_WIDTH - width
        y = title_y + 2
        canvas.saveState()   # the render mode outlives the text object: the table's text would come out bold
        canvas.setLineWidth(1.4)
        canvas.rect(x, y, width, height, stroke=1, fill=0)
        canvas.setLineWidth(0.5)
        canvas.rect(x + 2, y + 2, width - 4, height - 4, stroke=1, fill=0)
        text = canvas.beginText()
        text.setTextRenderMode(2)   # the face has no bold: fill and stroke
        canvas.setLineWidth(size * 0.03)
        text.setFont(self.font, size)
        text.setTextOrigin(x + 6, y + (height - GLYPH_HEIGHT * size) / 2 + (GLYPH_HEIGHT - ASCENT) * size)
        text.textOut(REPRINT_MARK)
        canvas.drawText(text)
        canvas.restoreState()

    def footer(self, position: int, pages: int) -> None:
        canvas, data = self.canvas, self.data
        canvas.setFont(self.font, INFO_SIZE)
        canvas.drawString(MARGIN_X, FOOTER_BASELINE,
                          f"打印人：{data.printed_by}　　打印时间：{format_datetime(data.printed_at)}")
        canvas.drawCentredString(PAGE_SIZE[0] / 2, FOOTER_BASELINE, f"{data.title}　{number_text(data)}")
        canvas.drawRightString(MARGIN_X + TABLE_WIDTH, FOOTER_BASELINE, page_text(position, pages))

    def cells(self, text, cells: list[list[Line]], top: float, height: float, *, first: int = 0,
              count: int | None = None, centred_all: bool = False, top_aligned: bool = False) -> None:
        edges, columns = self.grid.edges, self.grid.columns
        for k, lines in enumerate(cells):
            shown = lines[first:first + count] if count is not None else lines
            if not shown:
                continue
            left, right = edges[k], edges[k + 1]
            # A line split between pages reads on from the top; the others are centred in their box.
            y = top - (PAD_Y if top_aligned else (height - len(shown) * LEADING) / 2) - self.baseline
            centred = centred_all or columns[k].centred
            for line, width in shown:
                if line:
                    x = (left + right - width) / 2 if centred and width <= right - left - 2 * PAD_X else left + PAD_X
                    text.setTextOrigin(x, y)
                    text.textLine(line)   # textOut would measure the line again
                y -= LEADING

    def line(self, text, row: _Lines, top: float, height: float) -> None:
        split = row.count < row.total
        if row.first:   # the rest of a line begun on the page before: its number says so
            number = [(str(row.number), self.metrics.text(str(row.number))), (CONTINUED, FONT_SIZE)]
            self.cells(text, [number], top, height, top_aligned=True)
            self.cells(text, [[], *row.cells[1:]], top, height, first=row.first, count=row.count, top_aligned=True)
        else:
            self.cells(text, row.cells, top, height, count=row.count, top_aligned=split)

    def band(self, text, band: _Band, top: float) -> None:
        y = top - (band.height - LEADING) / 2 - self.baseline
        if band.centred:
            text.setTextOrigin(MARGIN_X + (TABLE_WIDTH - self.metrics.text(band.left)) / 2, y)
            text.textLine(band.left)
            return
        text.setTextOrigin(MARGIN_X + PAD_X * 2, y)
        text.textLine(band.left)
        if band.right:
            text.setTextOrigin(MARGIN_X + TABLE_WIDTH - PAD_X * 6 - self.metrics.text(band.right), y)
            text.textLine(band.right)


def register_pdf(data: RegisterData) -> bytes:
    """The register as PDF bytes: A4 landscape, a numbered line per row, the column heads and the form's number on
    every page, "第 X 页 共 Y 页" and the time printed at the foot; a reprint says 补打 beside the title."""
    font = register_cjk_font()
    metrics = Metrics(font, FONT_SIZE)
    info = Metrics(font, INFO_SIZE)
    grid = _grid(data, metrics)
    title_height = TITLE_SIZE * 1.4
    table_top = PAGE_SIZE[1] - MARGIN_TOP - title_height - INFO_SIZE - 10
    body = table_top - grid.head_height - MARGIN_BOTTOM
    pages = _paginate(_items(data, grid, metrics), body)

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE_SIZE, initialFontName=font, initialFontSize=FONT_SIZE)
    canvas.setTitle(f"{data.title} {data.period}")
    canvas.setAuthor(data.organization)
    canvas.setSubject(number_text(data))
    painter = _Painter(canvas, data, grid, metrics, info)
    for position, page in enumerate(pages, 1):
        painter.page(page, position, len(pages), table_top)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
