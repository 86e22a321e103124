"""FTTH 待装工单建设任务单: the construction task sheet sent to the contractor, worded as the seed's paper form with
every blank filled from the task; a value not known yet keeps its blank line to write on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desk_app.print.common import (
    BLANK_DATETIME_HALF,
    CONTENT_WIDTH,
    FormStyles,
    form_styles,
    format_datetime,
    frame_tables,
    text_paragraph,
)
from desk_app.print.fill_in import Blank, FillIn, Part, spaced
from desk_app.print.paperwork import build_paper, grid, paper_heading

TITLE = "FTTH 待装工单建设任务单"
# The seed's sentence around its blanks: 现需增加____（____芯光缆____米）… 在__年__月__日前完成施工及相关资源录入。
SENTENCE_OPENING = "根据用户申请光网宽带开通工单，经现场查勘，该处资源已用完，现需增加"
SENTENCE_CLOSING = "完成施工及相关资源录入。"
REMARK = "施工完毕后，请通知片区维护人员。"  # the seed's 备注, word for word

LETTER_SIZE = 12
LETTER_LEADING = 2.0  # lines with blanks are set wide apart, as on a typed form
LETTER_PADDING = 4 * mm
BLANK_LEADING = 1.8  # the remark's lines, blanks in them, at the body size

LABEL_WIDTH = 32 * mm  # holds 营销部门确认人
VALUE_WIDTH = 58 * mm
TIME_LABEL_WIDTH = 18 * mm
COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, TIME_LABEL_WIDTH,
           CONTENT_WIDTH - LABEL_WIDTH - VALUE_WIDTH - TIME_LABEL_WIDTH)
ROW_HEIGHT = 9 * mm  # room to write a name or time by hand where none is printed


@dataclass(frozen=True)
class TaskSheetData:
    """What a construction task sheet prints; plain values so printing needs no database."""

    number: str  # 编号, year-sequence: 2026-0001
    contractor: str  # the addressee (外协施工单位)
    item: str  # what is added: 分纤箱 / 分光器
    cable_cores: int | None
    cable_metres: int | None
    due_date: date | None  # 在__年__月__日前完成施工
    dispatch_department: str  # 派单部门
    dispatched_at: datetime | None
    marketing_confirmed_by: str  # 营销部门确认人
    marketing_confirmed_at: datetime | None
    ticket_number: str  # 待装工单账号
    address: str  # 安装地址
    accepted_at: datetime | None  # 业务受理时间
    maintainer_name: str  # the area maintainer (片区维护人员) told when the construction is done
    maintainer_phone: str
    organization: str = "工单台服务中心"
    reprint: bool = False  # 补打: printed again under the same number


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def sentence(data: TaskSheetData) -> list[Part]:
    """The seed's sentence with the task's values in its blanks."""
    due = data.due_date
    return [
        SENTENCE_OPENING,
        Blank(data.item.strip(), 5),
        "（", Blank(_count(data.cable_cores), 3), "芯光缆", Blank(_count(data.cable_metres), 3),
        "米）。请你单位接到此任务单后，在",
        Blank(str(due.year) if due else "", 3), "年",
        Blank(str(due.month) if due else "", 2), "月",
        Blank(str(due.day) if due else "", 2), "日前",
        SENTENCE_CLOSING,
    ]


def remark(data: TaskSheetData) -> list[Part]:
    """备注: whom to notify when the construction is done, on a line of its own."""
    return [REMARK, "\n姓名：", Blank(data.maintainer_name.strip(), 7),
            "\u3000\u3000联系号码：", Blank(data.maintainer_phone.strip(), 10)]


class Letter(Flowable):
    """The addressee ("世康通信有限责任公司：") flush left, then the sentence indented two characters: the body
    of the sheet, set as a letter."""

    def __init__(self, data: TaskSheetData, styles: FormStyles):
        super().__init__()
        style = spaced(styles.value, LETTER_LEADING, LETTER_SIZE)
        addressee = data.contractor.strip()
        self.parts = [
            FillIn([addressee or Blank("", 12), "："], style, align="left"),
            FillIn(sentence(data), style, indent_em=2),
        ]

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = sum(part.wrap(availWidth, availHeight)[1] for part in self.parts)
        return self.width, self.height

    def draw(self):
        top = self.height
        for part in self.parts:
            top -= part.height
            part.drawOn(self.canv, 0, top)


def _story(data: TaskSheetData) -> list[Flowable]:
    styles = form_styles()
    rows: list[list] = [
        [Letter(data, styles), "", "", ""],
        ["派单部门", data.dispatch_department, "时间", format_datetime(data.dispatched_at, BLANK_DATETIME_HALF)],
        ["营销部门确认人", data.marketing_confirmed_by, "时间",
         format_datetime(data.marketing_confirmed_at, BLANK_DATETIME_HALF)],
        [text_paragraph("附：", styles.header), "", "", ""],
        ["待装工单账号", data.ticket_number, "", ""],
        ["安装地址", data.address, "", ""],
        ["业务受理时间", format_datetime(data.accepted_at, BLANK_DATETIME_HALF), "", ""],
        ["备注", FillIn(remark(data), spaced(styles.value, BLANK_LEADING)), "", ""],
    ]
    pad = LETTER_PADDING
    table = grid(
        rows, COLUMNS,
        spans=[((0, 0), (3, 0)), ((0, 3), (3, 3)), *[((1, r), (3, r)) for r in range(4, len(rows))]],
        min_heights=[0, ROW_HEIGHT, ROW_HEIGHT, 0, ROW_HEIGHT, ROW_HEIGHT, ROW_HEIGHT, 0],
        extra_style=[
            ("LEFTPADDING", (0, 0), (-1, 0), pad), ("RIGHTPADDING", (0, 0), (-1, 0), pad),
            ("TOPPADDING", (0, 0), (-1, 0), pad), ("BOTTOMPADDING", (0, 0), (-1, 0), pad),
            ("TOPPADDING", (0, 3), (-1, 3), 3), ("BOTTOMPADDING", (0, 3), (-1, 3), 3),
        ],
        styles=styles,
    )
    frame_tables([table])
    return [*paper_heading(f"{data.organization} {TITLE}", "", data.number, data.reprint, styles), table]


def task_sheet_pdf(data: TaskSheetData) -> bytes:
    """建设任务单 as PDF bytes: one A4 page (an extremely long address continues on the next)."""
    return build_paper(_story(data), name=TITLE, number=data.number, reprint=data.reprint,
                       organization=data.organization, subject=f"{TITLE}（{data.contractor}）")
