"""工单处理单: the ticket form the receiver prints with the drafted solution for the department leader to sign
(工单扭转管理办法 第七条), and for a sensitive ticket the office and the center leader too (第八条). Approvals already
given in the system are printed in their boxes; the others are left blank to sign."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desk_app.print.common import (
    BLANK_DATETIME_HALF,
    CELL_PADDING_Y,
    CONTENT_WIDTH,
    FormStyles,
    form_styles,
    format_datetime,
    frame_tables,
)
from desk_app.print.fill_in import Blank, FillIn, Part, spaced
from desk_app.print.paperwork import build_paper, fit_one_page, grid, paper_heading, section_row_style

TITLE = "工单处理单"
SENSITIVE_NOTE = "敏感工单：须经办公室审核、中心领导审批"
APPROVED = "同意"  # what an approval given in the system without a comment says on paper
CONTENT_LINES = 3  # room a short 工单内容 still gets
SOLUTION_LINES = 6  # room to write the solution by hand when none is drafted yet
OPINION_LINES = 2  # room for an approver's opinion above the signature
SIGNATURE_LEADING = 2.2  # the signature line's height, in text sizes
MAX_EXTRA_ROOM = 30 * mm  # what a box gains at most from the room the page has left

LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (CONTENT_WIDTH - 2 * LABEL_WIDTH) / 2
COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)


@dataclass(frozen=True)
class Signature:
    """One signature box: who signed in the system and when; no name leaves the lines blank to sign by hand."""

    name: str = ""
    at: datetime | date | None = None
    opinion: str = ""  # the approver's comment, if any

    @property
    def signed(self) -> bool:
        return bool(self.name)


@dataclass(frozen=True)
class TicketFormData:
    """What a ticket form prints; plain values so printing needs no database."""

    number: str  # 编号 of this form
    ticket_number: str  # 工单编号
    kind: str  # 工单类型 label, e.g. "投诉"
    channel: str  # 受理渠道 label, e.g. "电话"
    caller_name: str  # 来电人
    phone: str
    address: str
    content: str  # 工单内容, may be long and multi-line
    department: str  # 承接部门
    receiver: str  # 承接人
    solution: str  # 处理方案, drafted by the receiver; may be long
    accepted_at: datetime | None = None  # 受理时间
    sensitive: bool = False  # office and center leader sign too
    receiver_signature: Signature = field(default_factory=Signature)  # the receiver's resolve
    leader_signature: Signature = field(default_factory=Signature)  # 部门领导
    office_signature: Signature = field(default_factory=Signature)  # 办公室 (sensitive tickets)
    center_signature: Signature = field(default_factory=Signature)  # 中心领导 (sensitive tickets)
    organization: str = "工单台服务中心"
    reprint: bool = False  # 补打: the same number printed again


def signature_line(signature: Signature) -> list[Part]:
    """"签字：____　日期：____年__月__日", filled when the step is signed in the system."""
    day = signature.at if signature.signed else None
    # Blanks as wide filled as empty: the lines of the boxes stand one under another.
    return [
        "签字：", Blank(signature.name if signature.signed else "", 7),
        "\u3000日期：", Blank(str(day.year) if day else "", 3.6),
        "年", Blank(str(day.month) if day else "", 2.4),
        "月", Blank(str(day.day) if day else "", 2.4), "日",
    ]


def signature_rows(data: TicketFormData) -> list[tuple[str, Signature, bool]]:
    """(label, signature, has an opinion box) in signing order; the office and the center leader only for a
    sensitive ticket (or one they have signed already)."""
    rows = [("承接人", data.receiver_signature, False), ("部门领导\n意见", data.leader_signature, True)]
    if data.sensitive or data.office_signature.signed or data.center_signature.signed:
        rows += [("办公室\n意见", data.office_signature, True), ("中心领导\n意见", data.center_signature, True)]
    return rows


def _signature_cell(signature: Signature, opinion_box: bool, styles: FormStyles, room: float) -> list[Flowable]:
    """The approver's opinion (`room` to write one by hand) above the signature line, right-aligned."""
    value = styles.value
    cell: list[Flowable] = []
    if opinion_box:
        opinion = (signature.opinion.strip() or APPROVED) if signature.signed else ""
        cell.append(FillIn(opinion, value, min_height=room))
    # More room above the line to sign on than between lines of text.
    cell.append(FillIn(signature_line(signature), spaced(value, SIGNATURE_LEADING), align="right"))
    return cell


def _lines(count: int, style: ParagraphStyle) -> float:
    """The height of a value cell that holds `count` lines."""
    return count * style.leading + 2 * CELL_PADDING_Y


def _story(data: TicketFormData, value: ParagraphStyle, extra: float = 0) -> list[Flowable]:
    """The form with its value text in `value`; `extra` height is shared out as writing room (to the solution
    box while there is no solution, and to the approvers' opinion boxes)."""
    styles = form_styles()
    solution = data.solution.strip()
    signatures = signature_rows(data)
    boxes = sum(1 for _, _, opinion_box in signatures if opinion_box) + (0 if solution else 1)
    share = min(extra / boxes, MAX_EXTRA_ROOM)
    rows: list[list] = [
        ["工单编号", data.ticket_number, "受理时间", format_datetime(data.accepted_at, BLANK_DATETIME_HALF)],
        ["工单类型", data.kind, "受理渠道", data.channel],
        ["来电人", data.caller_name, "联系电话", data.phone],
    ]
    min_heights = [0.0] * len(rows)
    wide: list[int] = []  # rows whose value spans the width
    free_text: list[int] = []  # rows of free text: set from the top of their box

    def add(row: list, *, min_height: float = 0.0, span: bool = True, text: bool = False) -> int:
        rows.append(row)
        min_heights.append(min_height)
        if span:
            wide.append(len(rows) - 1)
        if text:
            free_text.append(len(rows) - 1)
        return len(rows) - 1

    add(["地址", data.address, "", ""])
    add(["工单内容", data.content, "", ""], min_height=_lines(CONTENT_LINES, value), text=True)
    add(["承接部门", data.department, "承接人", data.receiver], span=False)
    solution_room = _lines(2, value) if solution else _lines(SOLUTION_LINES, value) + share
    add(["处理方案", solution, "", ""], min_height=solution_room, text=True)
    section = add(["审批意见及签字", "", "", ""], span=False)
    opinion_room = OPINION_LINES * styles.value.leading + share
    for label, signature, opinion_box in signatures:
        add([label, _signature_cell(signature, opinion_box, styles, opinion_room), "", ""])
    table = grid(
        rows, COLUMNS,
        spans=[((1, r), (3, r)) for r in wide],
        min_heights=min_heights,
        value_style=value,
        extra_style=[*[("VALIGN", (1, r), (1, r), "TOP") for r in free_text], *section_row_style(section)],
        styles=styles,
    )
    frame_tables([table])
    left = SENSITIVE_NOTE if data.sensitive else ""
    return [*paper_heading(f"{data.organization} {TITLE}", left, data.number, data.reprint, styles), table]


def ticket_form_pdf(data: TicketFormData) -> bytes:
    """工单处理单 as PDF bytes on A4: one page, its value text a little smaller if that keeps it there; a very long
    content or solution continues on the next page rather than being cut."""
    fitted = fit_one_page(lambda value: _story(data, value))
    story = fitted.story
    if fitted.one_page:  # the room the page has left becomes room to write
        story = _story(data, fitted.style, fitted.spare)
    return build_paper(story, name=TITLE, number=data.number, reprint=data.reprint,
                       organization=data.organization, subject=f"{TITLE}（工单 {data.ticket_number}）")
