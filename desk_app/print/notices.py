"""工作联系单 and 整改通知单: the numbered notice that tells the property company of a finding and its deadline.

One layout for both; the title and the wording of what is asked differ. The notice goes to the property company with
the receipt at its foot, which is signed, torn off along the dashed line and kept by the desk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from desk_app.core.inspections import NUMBERED_NOTICES, Notice
from desk_app.print.common import (
    BLANK_DATETIME_HALF,
    CONTENT_WIDTH,
    FormStyles,
    FormTitle,
    form_styles,
    format_datetime,
    frame_tables,
)
from desk_app.print.paperwork import (
    BoldLine,
    CutLine,
    Hanging,
    build_paper,
    date_text,
    fill_page,
    fit_one_page,
    grid,
    paper_heading,
)

TITLES = {Notice.CONTACT_SHEET: "工作联系单", Notice.RECTIFICATION_NOTICE: "整改通知单"}

# What the notice asks, in the words of each kind; {inspection} is 巡视 / 周检 / 月检.
REQUESTS = {
    Notice.CONTACT_SHEET: (
        "我方在{inspection}中发现上述问题，现予联系。请贵方于整改期限前处理完毕，并将处理结果书面回复我方。"
    ),
    Notice.RECTIFICATION_NOTICE: (
        "经{inspection}检查，上述问题不符合物业服务标准，现通知贵方限期整改。请贵方接到本通知后立即组织整改，"
        "于整改期限前整改完毕，并将整改结果书面回复我方；逾期未整改的，我方将按物业服务合同的约定处理。"
    ),
}
DEADLINE_SUFFIX = "前"
SERIOUS_MARK = "（情节严重）"

LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (CONTENT_WIDTH - 2 * LABEL_WIDTH) / 2
GRID_COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)
SPAN_VALUE = (1, 3)  # a value across the three right-hand columns

DEADLINE_SIZE = 15
PROBLEM_MIN_HEIGHT = 32 * mm
REPLY_MIN_HEIGHT = 24 * mm
SIGNATURE_HEIGHT = 11 * mm
RECEIPT_TITLE_SIZE = 13
# Room a short notice does not need goes to the problem and the reply boxes, so the receipt sits at the page foot;
# past this much the boxes stay as they are.
MAX_EXTRA_HEIGHT = 70 * mm


@dataclass(frozen=True)
class NoticeData:
    """What one numbered notice prints; plain values so printing needs no database."""

    number: str                     # 编号: the finding's notice number, 2026-0001 (per kind and year)
    notice: Notice                  # CONTACT_SHEET (工作联系单) or RECTIFICATION_NOTICE (整改通知单)
    addressee: str                  # 致: the property company / the person notified
    inspection: str                 # 巡视 / 周检 / 月检
    inspected_at: datetime          # 检查时间: when the inspection began
    found_at: datetime              # 发现时间
    location: str                   # 问题位置
    responsibility: str             # 责任类别, e.g. 物业责任
    problem: str                    # 问题描述, may be long and multi-line
    rectify_by: datetime | None     # 整改期限; None leaves it to fill in by hand
    issued_by: str                  # 发出人
    issued_at: datetime             # 发出日期: when the finding was followed up
    checklist_item: str = ""        # 检查项目 of a checklist result, e.g. "1.2(2) 抽查单元门禁功能是否正常"
    serious: bool = False
    reprint: bool = False           # 补打 beside the number
    organization: str = "工单台服务中心"

    def __post_init__(self) -> None:
        if Notice(self.notice) not in NUMBERED_NOTICES:
            raise ValueError(f"not a numbered notice: {self.notice!r}")

    @property
    def title(self) -> str:
        return TITLES[Notice(self.notice)]


def deadline_text(rectify_by: datetime | None) -> str:
    """"2026年11月20日 17:00 前"; a blank to fill in when there is none."""
    return f"{format_datetime(rectify_by, BLANK_DATETIME_HALF)}\u00a0{DEADLINE_SUFFIX}"   # never 前 alone


def _span(row: int) -> tuple[tuple[int, int], tuple[int, int]]:
    return (SPAN_VALUE[0], row), (SPAN_VALUE[1], row)


def _body(data: NoticeData, value: ParagraphStyle, extra: float, styles: FormStyles) -> Table:
    responsibility = data.responsibility + (SERIOUS_MARK if data.serious else "")
    rows: list[list] = [
        ["致", data.addressee, "", ""],
        ["检查类别", data.inspection, "检查时间", format_datetime(data.inspected_at)],
        ["发现时间", format_datetime(data.found_at), "责任类别", responsibility],
        ["问题位置", data.location, "", ""],
    ]
    if data.checklist_item:
        rows.append(["检查项目", data.checklist_item, "", ""])
    problem_row = len(rows)
    rows.append(["问题描述", data.problem, "", ""])
    rows.append(["整改要求", REQUESTS[Notice(data.notice)].format(inspection=data.inspection), "", ""])
    deadline_row = len(rows)
    rows.append(["整改期限", BoldLine(deadline_text(data.rectify_by), size=DEADLINE_SIZE), "", ""])
    rows.append(["发出单位", data.organization, "", ""])
    rows.append(["发出人", data.issued_by, "发出日期", date_text(data.issued_at)])
    reply_row = len(rows)
    rows.append(["整改情况回复", "", "", ""])
    rows.append(["回复人签字", "", "回复日期", date_text(None)])
    rows.append(["复查人签字", "", "复查日期", date_text(None)])
    min_heights = [0.0] * len(rows)
    min_heights[problem_row] = PROBLEM_MIN_HEIGHT + extra / 2
    min_heights[reply_row] = REPLY_MIN_HEIGHT + extra / 2
    min_heights[-2] = min_heights[-1] = SIGNATURE_HEIGHT
    spanned = [r for r, row in enumerate(rows) if row[2] == row[3] == ""]
    return grid(
        rows, GRID_COLUMNS,
        spans=[_span(r) for r in spanned],
        min_heights=min_heights,
        value_style=value,
        extra_style=[
            ("VALIGN", (1, problem_row), (1, problem_row), "TOP"),
            ("VALIGN", (1, reply_row), (1, reply_row), "TOP"),
            ("TOPPADDING", (0, deadline_row), (-1, deadline_row), 7),
            ("BOTTOMPADDING", (0, deadline_row), (-1, deadline_row), 7),
        ],
        styles=styles,
    )


def _receipt(data: NoticeData, styles: FormStyles) -> list[Flowable]:
    """回执: signed by whoever receives the notice, torn off and kept by the desk."""
    text = (f"兹收到{data.organization}《{data.title}》（编号：{data.number}），"
            f"整改期限：{deadline_text(data.rectify_by).strip()}。")
    table = grid(
        [[Hanging(text, indent=""), "", "", ""], ["签收人", "", "日期", date_text(None)]],
        GRID_COLUMNS,
        spans=[((0, 0), (3, 0))],
        min_heights=[0, SIGNATURE_HEIGHT],
        styles=styles,
    )
    frame_tables([table])
    return [CutLine(), FormTitle("回　执", size=RECEIPT_TITLE_SIZE, space_after=2), table]


def _story(data: NoticeData, value: ParagraphStyle, extra: float = 0) -> list[Flowable]:
    styles = form_styles()
    left = ""
    heading = paper_heading(f"{data.organization} {data.title}", left, data.number, data.reprint, styles)
    body = _body(data, value, extra, styles)
    frame_tables([body])
    return [*heading, body, KeepTogether(_receipt(data, styles))]


def notice_pdf(data: NoticeData) -> bytes:
    """工作联系单 / 整改通知单 as PDF bytes: one A4 page, the receipt at its foot (a very long problem text goes on to
    a second page rather than being cut)."""
    fitted = fit_one_page(lambda value: _story(data, value))
    story = fill_page(lambda value, extra: _story(data, value, extra), fitted, MAX_EXTRA_HEIGHT)
    return build_paper(story, name=data.title, number=data.number, reprint=data.reprint,
                       organization=data.organization, subject=f"{data.title}（{data.inspection}）")
