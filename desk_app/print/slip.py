"""派工单: the three-part dispatch slip (stub, work copy, receipt), one A4 page per copy."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Table,
)

from desk_app.print.common import (
    BLANK_DATETIME,
    CELL_PADDING_Y,
    CONTENT_HEIGHT,
    CONTENT_WIDTH,
    GRID_LINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_SIZE,
    RULE_LINE,
    CheckBoxes,
    FittedText,
    FormStyles,
    FormTitle,
    field_table,
    flowable_height,
    form_heading,
    form_styles,
    format_datetime,
    frame_tables,
    text_paragraph,
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


def _header(data: SlipData, position: int, name: str, styles: FormStyles) -> list[Flowable]:
    return form_heading(
        f"{data.organization} 派工单", copy_title(position, name), f"编号：{data.number}", styles
    )


def _filled_tables(data: SlipData, styles: FormStyles) -> tuple[Table, Table]:
    """The grid above and below 工单内容, filled from the ticket."""
    top = field_table(
        [
            ["编号", data.number, "受理时间", format_datetime(data.created_at)],
            ["工单类型", data.kind, "优先级", data.priority],
            ["客户姓名", data.customer_name, "联系电话", data.contact_phone],
            ["地址", data.address, "片区", data.area],
        ],
        GRID_COLUMNS,
        styles=styles,
    )
    bottom = field_table(
        [
            ["承接部门", data.department, "承接人", data.receiver],
            ["维修人员", data.worker, "要求完成时间", _required_by_text(data)],
            ["派单人", data.dispatcher, "派单时间", format_datetime(data.dispatched_at)],
        ],
        GRID_COLUMNS,
        styles=styles,
    )
    return top, bottom


def _content_table(data: SlipData, max_height: float, styles: FormStyles) -> Table:
    text = FittedText(
        data.content,
        styles.value,
        max_height=max_height,
        min_height=CONTENT_MIN_HEIGHT,
        cut_note=f"……（内容过长，以下从略，全文见系统工单 {data.number}）",
    )
    return field_table(
        [["工单内容", text]],
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


def _copy_story(data: SlipData, position: int, name: str, styles: FormStyles) -> Flowable:
    """One copy, sized to exactly one page.

    工单内容 takes the height it needs, up to what the rest of the page leaves; room it does not
    need becomes extra writing lines under 处理情况, so short and long tickets both fill the page.
    """
    header = _header(data, position, name, styles)
    top, bottom = _filled_tables(data, styles)
    site = _site_tables(styles)
    note = text_paragraph(COPY_NOTES.get(name, ""), styles.note)
    note.spaceBefore = 3 * mm
    fixed = sum(flowable_height(f) for f in (*header, top, bottom, *site, note))
    spare = CONTENT_HEIGHT - fixed - LAYOUT_SLACK
    content = _content_table(data, max(spare - 2 * CELL_PADDING_Y, CONTENT_MIN_HEIGHT), styles)
    extra_lines = int((spare - flowable_height(content)) // WRITING_LINE_HEIGHT)
    if extra_lines > 0:
        site = _site_tables(styles, WORK_NOTE_LINES + min(extra_lines, MAX_EXTRA_WORK_LINES))
    tables = [top, content, bottom, *site]
    frame_tables(tables)
    # Belt and braces: an extreme address or name shrinks the copy rather than adding a page.
    return KeepInFrame(
        CONTENT_WIDTH, CONTENT_HEIGHT, [*header, *tables, note], mode="shrink", vAlign="TOP"
    )


def _side_label(canvas: Canvas, text: str, font: str) -> None:
    """The copy name printed vertically in the right margin, as on carbon 三联单 sets."""
    size = 9
    canvas.saveState()
    canvas.setFont(font, size)
    x = PAGE_SIZE[0] - MARGIN_X / 2
    y = PAGE_SIZE[1] - MARGIN_TOP - 30 * mm
    for char in text:
        if char.strip():
            canvas.drawCentredString(x, y, char)
        y -= size * 1.25
    canvas.restoreState()


def dispatch_slip_pdf(data: SlipData, *, copies: tuple[str, ...] = DEFAULT_COPIES) -> bytes:
    """派工单 as PDF bytes: one A4 page per copy, in the order of `copies`."""
    if not copies:
        raise ValueError("a dispatch slip needs at least one copy")
    styles = form_styles()
    side_labels = [f"第{_ordinal(i)}联\u3000{name}" for i, name in enumerate(copies)]

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        _side_label(canvas, side_labels[min(doc.page, len(side_labels)) - 1], styles.font)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"派工单 {data.number}",
        author=data.organization,
        subject=f"派工单（{'、'.join(copies)}）",
        creator="工单台",
        lang="zh-CN",
        initialFontName=styles.font,  # otherwise every page references an unembedded Helvetica
    )
    frame = Frame(
        MARGIN_X, MARGIN_BOTTOM, CONTENT_WIDTH, CONTENT_HEIGHT,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="form",
    )
    doc.addPageTemplates([PageTemplate(id="slip", frames=[frame], onPage=on_page)])
    story: list[Flowable] = []
    for position, name in enumerate(copies):
        if position:
            story.append(PageBreak())
        story.append(_copy_story(data, position, name, styles))
    doc.build(story)
    return buffer.getvalue()
