"""住户投诉事件报告: the report of one complaint for the leaders (客服主管, 项目经理): who complained, what happened,
what was done step by step, the result and the return visit, signed by the reporter and the reviewer.

From the seed's front-desk procedure: 投诉事件填写《客户投诉登记表》及《住户投诉事件报告》及时上报领导及给投诉人反馈处理结果,
filed with the customer-service department.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from desk_app.print.common import (
    CONTENT_WIDTH,
    CheckBoxes,
    FormStyles,
    form_styles,
    format_datetime,
    frame_tables,
)
from desk_app.print.paperwork import (
    Hanging,
    build_paper,
    date_text,
    fill_page,
    fit_one_page,
    grid,
    paper_heading,
)

TITLE = "住户投诉事件报告"
SATISFACTION = ("满意", "基本满意", "不满意")
NOT_YET = "（尚未办结）"

LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (CONTENT_WIDTH - 2 * LABEL_WIDTH) / 2
GRID_COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)

DESCRIPTION_MIN_HEIGHT = 30 * mm
STEPS_MIN_HEIGHT = 36 * mm
SOLUTION_MIN_HEIGHT = 22 * mm
SIGNATURE_HEIGHT = 13 * mm
# Room a short report does not need goes to the three texts (writing room for additions by hand); past this much
# they stay as they are.
MAX_EXTRA_HEIGHT = 90 * mm


@dataclass(frozen=True)
class ProcessStep:
    """One line of 处理经过: a step of the ticket's history."""

    at: datetime
    actor: str
    action: str        # 派单, 接单, 办结, … (Chinese)
    note: str = ""


@dataclass(frozen=True)
class VisitLine:
    """One return visit (回访) and the customer's satisfaction."""

    at: datetime
    by: str
    satisfaction: str  # 满意 / 基本满意 / 不满意
    note: str = ""


@dataclass(frozen=True)
class IncidentReportData:
    """What a complaint incident report prints; plain values so printing needs no database."""

    number: str                          # 编号 of the report, 2026-0001
    ticket_number: str                   # 工单编号 of the complaint
    complainant: str                     # 投诉人
    phone: str                           # 联系电话
    address: str                         # 地址
    complained_at: datetime              # 投诉时间
    channel: str                         # 受理渠道: 电话, 来访, …
    category: str                        # 投诉类别: 诉求 / 申告
    description: str                     # 事件经过
    steps: tuple[ProcessStep, ...] = ()  # 处理经过, oldest first
    solution: str = ""                   # 处理结果
    resolved_at: datetime | None = None
    visits: tuple[VisitLine, ...] = ()   # 回访
    level: str = ""                      # 投诉级别: 一般投诉 / 紧急/复杂投诉 / 重大投诉
    repeat_of: str = ""                  # the earlier complaint a 申告 repeats (its ticket number)
    department: str = ""                 # 承办部门
    receiver: str = ""                   # 承接人
    received_by: str = ""                # 受理人: who took the complaint
    reporter: str = ""                   # 报告人
    reported_at: datetime | None = None  # 报告日期
    reprint: bool = False                # 补打 beside the number
    organization: str = "工单台服务中心"


def _moment(at: datetime) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def step_text(step: ProcessStep) -> str:
    """"11月17日 09:05　王芳　派单：转工程部", one line of 处理经过."""
    text = f"{_moment(step.at)}　{step.actor or '系统'}　{step.action}"
    return text + (f"：{step.note}" if step.note else "")


def visit_text(visit: VisitLine) -> str:
    text = f"{_moment(visit.at)}　{visit.by}回访：{visit.satisfaction}"
    return text + (f"。{visit.note}" if visit.note else "")


def _category(data: IncidentReportData) -> str:
    return data.category + (f"（重复投诉，前次工单 {data.repeat_of}）" if data.repeat_of else "")


def _solution(data: IncidentReportData) -> str:
    if not data.solution:
        return ""
    done = f"\n办结时间：{format_datetime(data.resolved_at)}" if data.resolved_at else ""
    return data.solution + done


def _visits(data: IncidentReportData, styles: FormStyles) -> Hanging | Flowable:
    if data.visits:
        return Hanging("\n".join(visit_text(v) for v in data.visits))
    return CheckBoxes(SATISFACTION, styles.value)  # not visited yet: ticked by hand


def _body(data: IncidentReportData, value: ParagraphStyle, extra: float, styles: FormStyles) -> Table:
    steps = Hanging("\n".join(step_text(step) for step in data.steps))
    rows: list[list] = [
        ["投诉人", data.complainant, "联系电话", data.phone],
        ["地址", data.address, "", ""],
        ["投诉时间", format_datetime(data.complained_at), "受理渠道", data.channel],
        ["投诉类别", _category(data), "投诉级别", data.level],
        ["承办部门", data.department, "承接人", data.receiver],
        ["受理人", data.received_by, "工单编号", data.ticket_number],
        ["事件经过", data.description, "", ""],
        ["处理经过", steps, "", ""],
        ["处理结果", _solution(data) or NOT_YET, "", ""],
        ["回访情况", _visits(data, styles), "", ""],
        ["报告人签字", data.reporter, "审核人签字", ""],
        ["报告日期", date_text(data.reported_at), "审核日期", date_text(None)],
    ]
    texts = {6: DESCRIPTION_MIN_HEIGHT, 7: STEPS_MIN_HEIGHT, 8: SOLUTION_MIN_HEIGHT}
    min_heights = [0.0] * len(rows)
    for row, height in texts.items():
        min_heights[row] = height + extra / len(texts)
    min_heights[10] = SIGNATURE_HEIGHT
    spanned = (1, 6, 7, 8, 9)
    return grid(
        rows, GRID_COLUMNS,
        spans=[((1, r), (3, r)) for r in spanned],
        min_heights=min_heights,
        value_style=value,
        extra_style=[*[("VALIGN", (1, r), (1, r), "TOP") for r in texts],
                     ("NOSPLIT", (0, 10), (-1, 11))],  # the signatures stay together
        styles=styles,
    )


def _story(data: IncidentReportData, value: ParagraphStyle, extra: float = 0) -> list[Flowable]:
    styles = form_styles()
    heading = paper_heading(f"{data.organization} {TITLE}", "", data.number, data.reprint, styles)
    body = _body(data, value, extra, styles)
    frame_tables([body])
    return [*heading, body]


def incident_report_pdf(data: IncidentReportData) -> bytes:
    """住户投诉事件报告 as PDF bytes: one A4 page when it fits (the texts may shrink a little), else as many pages as
    the history needs, each numbered; nothing is cut."""
    fitted = fit_one_page(lambda value: _story(data, value))
    story = fill_page(lambda value, extra: _story(data, value, extra), fitted, MAX_EXTRA_HEIGHT)
    return build_paper(story, name=TITLE, number=data.number, reprint=data.reprint,
                       organization=data.organization, subject=f"{TITLE}（工单 {data.ticket_number}）")
