"""周检 / 月检检查表: the weekly or monthly check's checklist with its results, the findings, and the signatures of
the inspector and of the property company's person who came along (物业陪同人员).

Printed before a check it is the sheet to fill in on the round (results and signatures blank); printed after, the
signed record of what was found and how each problem was followed up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table

from desk_app.print.common import (
    BLANK_DATETIME_HALF,
    CONTENT_WIDTH,
    FormStyles,
    form_styles,
    format_datetime,
    frame_tables,
    text_paragraph,
)
from desk_app.print.paperwork import (
    build_paper,
    date_text,
    fit_one_page,
    grid,
    paper_heading,
    section_row_style,
)

TICK = "√"
NONE_FOUND = "无"
CONFIRMATION = "以上检查结果经双方现场确认。"
BLANK_FINDING_ROWS = 2  # writing room for what a check still under way finds outside the list

LABEL_WIDTH = 26 * mm
VALUE_WIDTH = (CONTENT_WIDTH - 2 * LABEL_WIDTH) / 2
INFO_COLUMNS = (LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH)
CHECK_COLUMNS = (16 * mm, 66 * mm, 11 * mm, 11 * mm, CONTENT_WIDTH - 104 * mm)
FINDING_COLUMNS = (16 * mm, 66 * mm, 32 * mm, 22 * mm, CONTENT_WIDTH - 136 * mm)
SIGNATURE_HEIGHT = 13 * mm
BLANK_ROW_HEIGHT = 9 * mm
LIST_PADDING = 3  # the list's rows are closer than the form's other rows, so a check fits one page


@dataclass(frozen=True)
class Finding:
    """A problem found, on a checklist line or outside the list."""

    problem: str
    location: str = ""
    responsibility: str = ""   # 物业责任 / 新元责任 / 安全隐患
    serious: bool = False
    follow_up: str = ""        # how it was followed up, e.g. "工作联系单 2026-0001，整改期限 2026年11月23日 17:00"


@dataclass(frozen=True)
class CheckLine:
    """One checklist item and its result."""

    code: str                  # as printed: 1.1(1)
    text: str                  # 公共区域内是否有明显垃圾
    ok: bool | None            # None: not checked yet, the marks are left blank
    finding: Finding | None = None


@dataclass(frozen=True)
class CheckSection:
    code: str                  # 1.1
    title: str                 # 公共区域保洁、绿化
    lines: tuple[CheckLine, ...]


@dataclass(frozen=True)
class ChecklistData:
    """What a weekly or monthly check's checklist prints; plain values so printing needs no database."""

    number: str                          # 编号, 2026-0001
    kind: str                            # 周检 / 月检
    started_at: datetime                 # 检查时间
    inspector: str                       # 检查人
    sections: tuple[CheckSection, ...]
    area: str = ""                       # 检查区域
    finished_at: datetime | None = None  # signed off; None: still under way
    findings: tuple[Finding, ...] = ()   # 其他发现: problems found outside the checklist
    note: str = ""                       # 备注
    co_signer: str = ""                  # 物业陪同人员, as recorded when co-signing
    co_signed_at: datetime | None = None
    reprint: bool = False                # 补打 beside the number
    organization: str = "工单台服务中心"

    @property
    def title(self) -> str:
        return f"{self.kind}检查表"


def finding_text(finding: Finding, *, with_location: bool = True) -> str:
    """The problem, where, and on its own line who is responsible and how it was followed up."""
    text = finding.problem
    if with_location and finding.location:
        text += f"（{finding.location}）"
    details = [finding.responsibility + ("，情节严重" if finding.serious else "")] if finding.responsibility else []
    if finding.follow_up:
        details.append(finding.follow_up)
    return text + ("\n" + "；".join(details) if details else "")


def _band(text: str, styles: FormStyles) -> Flowable:
    """The text of a grey band across a grid, left-aligned at the body size."""
    return text_paragraph(text, styles.value)


def _head(texts: Sequence[str], styles: FormStyles) -> list[Flowable]:
    """A header row: every cell a centred field name."""
    return [text_paragraph(text, styles.label) for text in texts]


def _info(data: ChecklistData, value: ParagraphStyle, styles: FormStyles) -> Table:
    return grid(
        [
            ["检查类别", data.kind, "检查时间", format_datetime(data.started_at)],
            ["检查人", data.inspector, "检查区域", data.area],
        ],
        INFO_COLUMNS, value_style=value, styles=styles,
    )


def _checklist(data: ChecklistData, value: ParagraphStyle, styles: FormStyles) -> Table:
    rows: list[list] = [_head(("序号", "检查内容", "正常", "问题", "问题描述及处理"), styles)]
    extra: list[tuple] = []
    for section in data.sections:
        extra += section_row_style(len(rows))
        rows.append([_band(f"{section.code}　{section.title}", styles), "", "", "", ""])
        for line in section.lines:
            ok = TICK if line.ok is True else ""
            problem = TICK if line.ok is False else ""
            text = finding_text(line.finding) if line.ok is False and line.finding else ""
            rows.append([line.code, line.text, ok, problem, text])
    return grid(rows, CHECK_COLUMNS, label_columns=(0, 2, 3), repeat_rows=1, value_style=value,
                extra_style=extra, padding_y=LIST_PADDING, styles=styles)


def _findings(data: ChecklistData, value: ParagraphStyle, styles: FormStyles) -> Table:
    rows: list[list] = [[_band("其他发现（检查表以外的问题）", styles), "", "", "", ""],
                        _head(("序号", "问题描述", "位置", "责任类别", "处理情况"), styles)]
    extra: list[tuple] = section_row_style(0)
    for number, finding in enumerate(data.findings, start=1):
        responsibility = finding.responsibility + ("\n情节严重" if finding.serious else "")
        rows.append([str(number), finding.problem, finding.location, responsibility, finding.follow_up])
    heights: list[float] = [0, 0]
    if data.finished_at is None:
        first = len(rows)
        rows += [["", "", "", "", ""] for _ in range(BLANK_FINDING_ROWS)]
        heights += [0] * (first - 2) + [BLANK_ROW_HEIGHT] * BLANK_FINDING_ROWS
    elif not data.findings:
        rows.append([NONE_FOUND, "", "", "", ""])
        extra.append(("SPAN", (0, 2), (-1, 2)))
    return grid(rows, FINDING_COLUMNS, label_columns=(0, 3), repeat_rows=2, value_style=value,
                min_heights=heights or None, extra_style=extra, styles=styles)


def _note(data: ChecklistData, value: ParagraphStyle, styles: FormStyles) -> Table | None:
    if not data.note:
        return None
    return grid([["备注", data.note]], (LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH), value_style=value, styles=styles)


def _signatures(data: ChecklistData, styles: FormStyles) -> Table:
    co_signed = data.co_signed_at is not None
    return grid(
        [
            [CONFIRMATION, "", "", ""],
            ["检查人", data.inspector, "物业陪同人员", data.co_signer if co_signed else ""],
            ["签字", "", "签字", ""],
            ["日期", date_text(data.finished_at), "签字时间",
             format_datetime(data.co_signed_at, BLANK_DATETIME_HALF)],
        ],
        INFO_COLUMNS,
        spans=[((0, 0), (3, 0))],
        min_heights=[0, 0, SIGNATURE_HEIGHT, 0],
        styles=styles,
    )


def _story(data: ChecklistData, value: ParagraphStyle) -> list[Flowable]:
    styles = form_styles()
    heading = paper_heading(f"{data.organization} {data.title}", "", data.number, data.reprint, styles)
    tables: Sequence[Table | None] = (
        _info(data, value, styles), _checklist(data, value, styles), _findings(data, value, styles),
        _note(data, value, styles),
    )
    body = [t for t in tables if t is not None]
    signatures = _signatures(data, styles)
    frame_tables([*body, signatures])
    return [*heading, *body, KeepTogether([signatures])]


def checklist_pdf(data: ChecklistData) -> bytes:
    """周检 / 月检检查表 as PDF bytes: on one A4 page when it fits (the value texts may shrink a little), else on as
    many as it needs, each page numbered, the signatures kept together at the end."""
    fitted = fit_one_page(lambda value: _story(data, value))
    return build_paper(fitted.story, name=data.title, number=data.number, reprint=data.reprint,
                       organization=data.organization, subject=f"{data.title}（{data.organization}）")
