"""派工单: the three-part dispatch slip (stub, work copy, receipt), one A4 page per copy.

The copies are one form: it is laid out once and drawn once (a shared block every copy's page
shows), only the copy's name and note differ. A value too long for its box continues on a
continuation page of the same copy, marked （续下页）/（接上页）, instead of being cut or shrunk.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from desk_app.print.common import (
    BLANK_DATETIME,
    CELL_PADDING_X,
    CELL_PADDING_Y,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    GRID_LINE,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    RULE_LINE,
    BoxedField,
    CheckBoxes,
    FormStyles,
    SharedBlock,
    Stack,
    TextBox,
    field_table,
    fit_text,
    flowable_height,
    form_heading,
    form_styles,
    format_datetime,
    frame_tables,
    paginate,
)

DEFAULT_COPIES = ("存根", "执行", "回执")

# What each known copy is for; printed after the copy name and as the note under the grid.
COPY_ROLES = {
    "存根": "",
    "执行": "（维修人员持）",
    "回执": "（交回前台）",
}
COPY_NOTES = {
    "存根": "说明：本联由前台留存备查。",
    "执行": "说明：本联由维修人员持有，作为上门服务凭证；以上空白栏请在现场如实填写。",
    "回执": "回执说明：完工后请客户在本联签字并评价满意度，维修人员须于完工当日将本联交回前台存档。",
}
CHINESE_ORDINALS = "一二三四五六七八九十"

PROVISIONAL_MARK = "（暂定）"
REPRINT_MARK = "（补打）"
SATISFACTION = ("满意", "基本满意", "不满意")
SITE_SECTION = "以下由维修人员在现场填写"
MATERIAL_ROWS = 3
WORK_NOTE_LINES = 4

LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (CONTENT_WIDTH - 2 * LABEL_WIDTH) / 2
GRID_COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)
WIDE_COLUMNS = (LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH)
MATERIAL_COLUMNS = (LABEL_WIDTH, 74 * mm, 50 * mm, CONTENT_WIDTH - LABEL_WIDTH - 124 * mm)
SPAN_VALUE = ((1, 0), (3, 0))  # a value across the three right-hand columns of one row

CONTENT_MIN_HEIGHT = 30 * mm
MAX_EXTRA_WORK_LINES = 4
LAYOUT_SLACK = 2  # points kept free so rounding never pushes a copy onto a second page
# The most lines a grid value shows before it continues on the continuation page; fewer when
# several long values would leave 工单内容 less than its minimum.
VALUE_LINE_LIMITS = (6, 3, 2)
CONTINUATION_TITLE = "派工单（续页）"
WRITING_LINE_HEIGHT = 9 * mm
MATERIAL_ROW_HEIGHT = 8 * mm
SIGNATURE_ROW_HEIGHT = 15 * mm


@dataclass(frozen=True)
class SlipData:
    """What a dispatch slip prints; plain values so printing needs no database."""

    number: str  # 编号, e.g. "2026-000123"
    created_at: datetime  # 受理时间
    kind: str  # 工单类型 label, e.g. "报修"
    priority: str  # 优先级, e.g. "P2"
    customer_name: str
    contact_phone: str
    address: str
    area: str  # 片区
    content: str  # 工单内容, may be long and multi-line
    department: str  # 承接部门
    receiver: str  # 承接人
    worker: str  # 维修人员; "" leaves the cell blank to fill in by hand
    required_by: datetime | None  # 要求完成时间
    dispatched_at: datetime | None  # 派单时间
    dispatcher: str  # 派单人
    organization: str = "工单台服务中心"
    provisional_deadline: bool = False  # the year's holiday schedule is missing: deadline is 暂定
    reprint: bool = False  # 补打: this number was printed before


def copy_title(position: int, name: str) -> str:
    """"第二联 执行（维修人员持）" for the copy at 0-based `position`."""
    return f"第{_ordinal(position)}联 {name}{COPY_ROLES.get(name, '')}"


def _ordinal(position: int) -> str:
    return CHINESE_ORDINALS[position] if position < len(CHINESE_ORDINALS) else str(position + 1)


def _required_by_text(data: SlipData) -> str:
    text = format_datetime(data.required_by)
    if data.provisional_deadline and data.required_by is not None:
        text += PROVISIONAL_MARK
    return text


def _number_text(data: SlipData) -> str:
    return f"编号：{data.number}{REPRINT_MARK if data.reprint else ''}"


def _header(data: SlipData, position: int, name: str, styles: FormStyles) -> list[Flowable]:
    return form_heading(
        f"{data.organization} 派工单", copy_title(position, name), _number_text(data), styles
    )


def _continuation_header(
    data: SlipData, position: int, name: str, styles: FormStyles
) -> list[Flowable]:
    return form_heading(
        f"{data.organization} {CONTINUATION_TITLE}",
        copy_title(position, name),
        _number_text(data),
        styles,
    )


def _note(name: str, styles: FormStyles) -> Flowable:
    note = TextBox(COPY_NOTES.get(name, ""), styles.note)
    note.spaceBefore = 3 * mm
    return note


Overflow = list[tuple[str, TextBox]]  # (label, the rest of its value) for the continuation page


def _bounded_value(
    label: str, text: str, width: float, max_lines: int, styles: FormStyles, overflow: Overflow
) -> TextBox | str:
    """A grid value of at most `max_lines` lines; what does not fit goes to `overflow`."""
    if not text:
        return ""  # a blank to fill in by hand
    head, rest = TextBox(text, styles.value).split_at(width, max_lines * styles.value.leading)
    if rest is not None:
        overflow.append((label, rest))
    return head if head is not None else ""


def _filled_tables(
    data: SlipData, styles: FormStyles, max_lines: int, overflow: Overflow
) -> tuple[Table, Table]:
    """The grid above and below 工单内容, filled from the ticket."""
    width = VALUE_WIDTH - 2 * CELL_PADDING_X

    def row(label: str, value: str, label2: str, value2: str) -> list:
        return [
            label, _bounded_value(label, value, width, max_lines, styles, overflow),
            label2, _bounded_value(label2, value2, width, max_lines, styles, overflow),
        ]

    top = field_table(
        [
            row("编号", data.number, "受理时间", format_datetime(data.created_at)),
            row("工单类型", data.kind, "优先级", data.priority),
            row("客户姓名", data.customer_name, "联系电话", data.contact_phone),
            row("地址", data.address, "片区", data.area),
        ],
        GRID_COLUMNS,
        styles=styles,
    )
    bottom = field_table(
        [
            row("承接部门", data.department, "承接人", data.receiver),
            row("维修人员", data.worker, "要求完成时间", _required_by_text(data)),
            row("派单人", data.dispatcher, "派单时间", format_datetime(data.dispatched_at)),
        ],
        GRID_COLUMNS,
        styles=styles,
    )
    return top, bottom


def _content_table(content: TextBox, styles: FormStyles) -> Table:
    return field_table(
        [["工单内容", content]],
        WIDE_COLUMNS,
        extra_style=[("VALIGN", (1, 0), (1, 0), "TOP")],
        styles=styles,
    )


def _site_tables(styles: FormStyles, work_lines: int = WORK_NOTE_LINES) -> list[Table]:
    """Blanks the worker fills in on site: arrival, work done, materials, completion, signatures."""
    first = 2  # 处理情况: one label beside dotted writing lines, the normal grid around them
    last = first + work_lines - 1
    black = colors.black
    site = field_table(
        [
            [SITE_SECTION, "", "", ""],
            ["到达时间", BLANK_DATETIME, "", ""],
            ["处理情况", "", "", ""],
            *[["", "", "", ""] for _ in range(work_lines - 1)],
        ],
        GRID_COLUMNS,
        label_columns=(0,),
        spans=[
            ((0, 0), (3, 0)),
            ((1, 1), (3, 1)),
            ((0, first), (0, last)),
            *[((1, row), (3, row)) for row in range(first, last + 1)],
        ],
        row_heights=[None, None] + [WRITING_LINE_HEIGHT] * work_lines,
        grid=False,
        extra_style=[
            ("TOPPADDING", (0, 0), (-1, 0), 3),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
            ("BOX", (0, 0), (-1, -1), GRID_LINE, black),
            ("INNERGRID", (0, 0), (-1, first - 1), GRID_LINE, black),
            ("LINEABOVE", (0, first), (-1, first), GRID_LINE, black),
            ("LINEAFTER", (0, first), (0, last), GRID_LINE, black),
            ("LINEBELOW", (1, first), (-1, last - 1), RULE_LINE, black, None, (1, 2)),
        ],
        styles=styles,
    )
    materials = field_table(
        [["使用材料", "名称", "规格", "数量"], *[["", "", "", ""] for _ in range(MATERIAL_ROWS)]],
        MATERIAL_COLUMNS,
        label_columns=(0, 1, 2, 3),
        spans=[((0, 0), (0, MATERIAL_ROWS))],
        row_heights=[None] + [MATERIAL_ROW_HEIGHT] * MATERIAL_ROWS,
        styles=styles,
    )
    finish = field_table(
        [
            ["完成时间", BLANK_DATETIME, "", ""],
            ["客户满意度", CheckBoxes(SATISFACTION, styles.value), "", ""],
            ["客户签字", "", "维修人员签字", ""],
        ],
        GRID_COLUMNS,
        spans=[SPAN_VALUE, ((1, 1), (3, 1))],
        row_heights=[None, None, SIGNATURE_ROW_HEIGHT],
        styles=styles,
    )
    return [site, materials, finish]


@functools.cache
def _site_height(styles: FormStyles) -> float:
    """Height of the blank site tables with WORK_NOTE_LINES: the same on every slip, measured once;
    each extra writing line adds WRITING_LINE_HEIGHT (the rows of writing lines are fixed)."""
    return sum(flowable_height(table) for table in _site_tables(styles))


def _block(flowables: list[Flowable], name: str, shown: int) -> Stack:
    """Part of a page every copy shows: drawn once and reused when there are copies to reuse it."""
    if shown > 1:
        return SharedBlock(flowables, CONTENT_WIDTH, name=name)
    return Stack(flowables, CONTENT_WIDTH)


def _lay_out(
    data: SlipData, copies: tuple[str, ...], styles: FormStyles, key: str
) -> list[tuple[str, Stack]]:
    """The slip laid out once for all its copies: (the copy's side label, the page) for each page.

    工单内容 takes the height it needs, up to what the rest of the page leaves (shrinking to a
    readable size first); room it does not need becomes extra writing lines under 处理情况, so short
    and long tickets both fill the page. What does not fit goes on continuation pages, after the
    copy's first page. The body and each continuation page are one shared block for all copies.
    """
    framing = [
        (_header(data, i, name, styles), _note(name, styles)) for i, name in enumerate(copies)
    ]
    per_copy = max(sum(flowable_height(f) for f in (*header, note)) for header, note in framing)
    room = CONTENT_HEIGHT - per_copy - LAYOUT_SLACK  # for the body: grids, content, site
    content_width = WIDE_COLUMNS[1] - 2 * CELL_PADDING_X
    for max_lines in VALUE_LINE_LIMITS:
        overflow: Overflow = []
        top, bottom = _filled_tables(data, styles, max_lines, overflow)
        spare = room - flowable_height(top) - flowable_height(bottom) - _site_height(styles)
        if spare - 2 * CELL_PADDING_Y >= CONTENT_MIN_HEIGHT:
            break
    content_height = max(spare - 2 * CELL_PADDING_Y, 2 * styles.value.leading)
    content, rest = fit_text(
        data.content, styles.value, content_width, content_height,
        min_height=CONTENT_MIN_HEIGHT,
    )
    if rest is not None:
        overflow.append(("工单内容", rest))
    content_table = _content_table(content, styles)
    extra_lines = int((spare - flowable_height(content_table)) // WRITING_LINE_HEIGHT)
    site = _site_tables(styles, WORK_NOTE_LINES + max(0, min(extra_lines, MAX_EXTRA_WORK_LINES)))
    tables = [top, content_table, bottom, *site]
    frame_tables(tables)
    body = _block(tables, f"{key}-body", len(copies))

    continued: list[Stack] = []
    continued_headers: list[list[Flowable]] = []
    if overflow:
        continued_headers = [
            _continuation_header(data, i, name, styles) for i, name in enumerate(copies)
        ]
        heading = max(sum(flowable_height(f) for f in header) for header in continued_headers)
        fields = [
            BoxedField(label, value=rest, label_width=LABEL_WIDTH, styles=styles)
            for label, rest in overflow
        ]
        pages = paginate(fields, CONTENT_WIDTH, CONTENT_HEIGHT - heading - LAYOUT_SLACK)
        continued = [
            _block(page, f"{key}-continued-{number}", len(copies))
            for number, page in enumerate(pages, 1)
        ]

    laid_out: list[tuple[str, Stack]] = []
    for position, (name, (header, note)) in enumerate(zip(copies, framing, strict=True)):
        label = f"第{_ordinal(position)}联\u3000{name}"
        laid_out.append((label, Stack([*header, body, note], CONTENT_WIDTH)))
        for page in continued:
            laid_out.append((label, Stack([*continued_headers[position], page], CONTENT_WIDTH)))
    return laid_out


def _side_label(canvas: Canvas, text: str, font: str) -> None:
    """The copy name printed vertically in the right margin, as on carbon 三联单 sets."""
    size = 9
    label = canvas.beginText()
    label.setFont(font, size)
    x = PAGE_SIZE[0] - MARGIN_X / 2
    y = PAGE_SIZE[1] - MARGIN_TOP - 30 * mm
    for char in text:
        if char.strip():
            label.setTextOrigin(x - stringWidth(char, font, size) / 2, y)
            label.textOut(char)
        y -= size * 1.25
    canvas.drawText(label)


# The papers a slip prints on: A4, or A5 where the desk chose it (the A4 layout scaled by 1/√2, which is exactly
# A5's proportion, a little less to keep the margins printable: body text comes out at about 7.1 pt).
PAPERS = {"A4": A4, "A5": A5}
SMALL_PAPER_SHRINK = 0.965


def dispatch_slip_pdf(data: SlipData, *, copies: tuple[str, ...] = DEFAULT_COPIES, paper: str = "A4") -> bytes:
    """派工单 as PDF bytes: one page per copy (A4, or A5), in the order of `copies` (a copy whose values do
    not fit its page is followed by its continuation pages)."""
    return _slips_pdf(
        [data], copies, title=f"派工单 {data.number}", author=data.organization,
        subject=f"派工单（{'、'.join(copies)}）", paper=paper,
    )


def dispatch_slips_pdf(slips: Sequence[SlipData], *, copies: tuple[str, ...] = DEFAULT_COPIES,
                       paper: str = "A4") -> bytes:
    """The slips of several tickets in one PDF, in the order given, each as `dispatch_slip_pdf`
    prints it (a batch to print at once)."""
    if not slips:
        raise ValueError("no slip to print")
    numbers = "、".join(data.number for data in slips[:3]) + ("等" if len(slips) > 3 else "")
    return _slips_pdf(
        slips, copies, title=f"派工单 {numbers}（{len(slips)} 份）", author=slips[0].organization,
        subject=f"派工单（{'、'.join(copies)}）", paper=paper,
    )


def _slips_pdf(slips: Sequence[SlipData], copies: tuple[str, ...], *, title: str, author: str,
               subject: str, paper: str = "A4") -> bytes:
    if not copies:
        raise ValueError("a dispatch slip needs at least one copy")
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    size = PAPERS[paper]
    scale = min(size[0] / PAGE_SIZE[0], size[1] / PAGE_SIZE[1])
    if scale < 1:
        # A little under 1/√2 and centred, so the copy name down the margin keeps clear of the printer's edge.
        scale *= SMALL_PAPER_SHRINK
    offset = ((size[0] - PAGE_SIZE[0] * scale) / 2, (size[1] - PAGE_SIZE[1] * scale) / 2)
    styles = form_styles()
    buffer = io.BytesIO()
    canvas = _slip_canvas(buffer, styles, title=title, author=author, subject=subject, pagesize=size)
    for index, data in enumerate(slips):
        for side_label, page in _lay_out(data, copies, styles, f"slip{index}"):
            canvas.saveState()
            canvas.translate(*offset)
            canvas.scale(scale, scale)   # 1 on A4
            _side_label(canvas, side_label, styles.font)
            page.draw_page(canvas)
            canvas.restoreState()
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _slip_canvas(buffer: io.BytesIO, styles: FormStyles, *, title: str, author: str,
                 subject: str, pagesize: tuple[float, float] = PAGE_SIZE) -> Canvas:
    """The slip's pages are laid out already: they are drawn straight on a canvas, no frames."""
    canvas = Canvas(
        buffer,
        pagesize=pagesize,
        initialFontName=styles.font,  # otherwise every page references an unembedded Helvetica
        lang="zh-CN",
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("工单台")
    return canvas
