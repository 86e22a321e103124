"""The papers of inspections: a weekly or monthly check's checklist (周检/月检检查表) and the numbered notice of a
finding (工作联系单 / 整改通知单), read as those who inspect may read them, numbered at the first print (补打 after).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desk_app.core.errors import ValidationError
from desk_app.core.inspections import (
    CO_SIGNED,
    NUMBERED_NOTICES,
    WEEKLY_SECTIONS,
    InspectionKind,
    Notice,
    Responsibility,
)
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import require
from desk_app.services import inspections
from desk_app.services.desk import Actor, Viewer, current_actor
from desk_app.services.inspections import InspectionDetail, ItemView
from desk_app.services.papers.numbering import issue
from desk_app.services.queries import organization_name

if TYPE_CHECKING:  # ReportLab loads on the first print, not at start-up
    from desk_app.print.checklist import ChecklistData, Finding
    from desk_app.print.notices import NoticeData

NOTICE_FORMS = {Notice.CONTACT_SHEET: FormKind.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE: FormKind.RECTIFICATION}
# Who a notice is addressed to when the follow-up did not name the person told.
DEFAULT_ADDRESSEE = "物业公司"


def _require_inspector(reader: Viewer | Actor) -> Actor:
    """Inspections are read by those who inspect (Operation.INSPECT, as the inspections dialog and every write of
    services.inspections ask), on the reader's current record."""
    actor = reader.actor if isinstance(reader, Viewer) else current_actor(reader)
    require(actor.facts, Operation.INSPECT)
    return actor


def _short(at: dt.datetime) -> str:
    return f"{at.month}月{at.day}日 {at:%H:%M}"


def follow_up_text(item: ItemView) -> str:
    """How a finding was followed up, in the desk's words: the notice and its deadline, the ticket, whom it was told."""
    notice = Notice(item.notice)
    if item.followed_up_at is None:
        return "待跟进"
    if notice in NUMBERED_NOTICES:
        text = f"{chinese(notice)} {item.notice_number}"
        if item.rectify_by is not None:
            text += f"，整改期限 {_short(item.rectify_by)}"
    elif item.ticket_number:
        kind = "派工单" if item.responsibility == Responsibility.OWN else "工单"
        text = f"{kind} {item.ticket_number}"
        if item.rectify_by is not None:
            text += f"，要求完成 {_short(item.rectify_by)}"
    elif notice == Notice.ORAL:
        text = chinese(notice) + (f" {item.notified_to}" if item.notified_to else "")
    else:
        text = "已跟进"
    if item.manager_notified_at is not None:
        text += "；已上报项目经理"
    if item.rectified_at is not None:
        text += f"；{_short(item.rectified_at)} 整改完成"
    return text


def _finding(item: ItemView) -> Finding:
    from desk_app.print.checklist import Finding

    return Finding(problem=item.problem, location=item.location,
                   responsibility=chinese(item.responsibility) if item.responsibility else "",
                   serious=item.serious, follow_up=follow_up_text(item))


def checklist_data(detail: InspectionDetail, number: str, *, reprint: bool = False) -> ChecklistData:
    """The checklist's fields for a weekly or monthly check (the form is a pure function of them)."""
    from desk_app.print.checklist import ChecklistData, CheckLine, CheckSection

    sections = []
    for section in WEEKLY_SECTIONS:
        lines = tuple(
            CheckLine(line.item.printed, line.item.chinese, None if line.result is None else line.result.ok,
                      _finding(line.result) if line.result is not None and not line.result.ok else None)
            for line in detail.checklist if line.item.section == section.code)
        if lines:
            sections.append(CheckSection(section.code, section.chinese, lines))
    return ChecklistData(
        number=number, kind=chinese(detail.kind), started_at=detail.started_at, inspector=detail.inspector,
        sections=tuple(sections), area=detail.area, finished_at=detail.finished_at,
        findings=tuple(_finding(f) for f in detail.findings if f.item_code is None), note=detail.note,
        co_signer=detail.co_signer, co_signed_at=detail.co_signed_at, reprint=reprint,
        organization=organization_name(),
    )


def checklist(reader: Viewer | Actor, inspection_id: int, actor: Actor, *, at: dt.datetime | None = None) -> bytes:
    """周检/月检检查表 of one check as PDF bytes: the seed's list with each result, the problems found outside it,
    and both signatures (blank until the property company's person co-signs). Printed before the check is
    signed it is the sheet to fill in on the round. NotFound without such an inspection; a patrol has no list."""
    from desk_app.print.checklist import checklist_pdf

    _require_inspector(reader)
    detail = inspections.inspection_detail(inspection_id)
    if InspectionKind(detail.kind) not in CO_SIGNED:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Inspection {id} is a patrol: only a weekly or "
                                                             "monthly check has a checklist to print."),
                              field="inspection", id=inspection_id)
    issued = issue(FormKind.CHECKLIST, f"inspection:{detail.id}", actor, at=at)
    return checklist_pdf(checklist_data(detail, issued.number, reprint=issued.reprint))


def notice_data(item: ItemView, detail: InspectionDetail, *, reprint: bool = False) -> NoticeData:
    """The notice's fields for a finding followed up by a 工作联系单 or 整改通知单."""
    from desk_app.print.notices import NoticeData

    checked = item.checklist
    return NoticeData(
        number=item.notice_number, notice=Notice(item.notice), addressee=item.notified_to or DEFAULT_ADDRESSEE,
        inspection=chinese(detail.kind), inspected_at=detail.started_at, found_at=item.found_at,
        location=item.location, responsibility=chinese(item.responsibility) if item.responsibility else "",
        problem=item.problem, rectify_by=item.rectify_by, issued_by=item.followed_up_by,
        issued_at=item.followed_up_at or item.found_at,
        checklist_item=f"{checked.printed} {checked.chinese}" if checked is not None else "",
        serious=item.serious, reprint=reprint, organization=organization_name(),
    )


def notice(reader: Viewer | Actor, item_id: int, actor: Actor, *, at: dt.datetime | None = None) -> bytes:
    """工作联系单 or 整改通知单 of one finding as PDF bytes, numbered with the notice's own number (2026-0001) and
    marked 补打 when printed before. NotFound without such a finding; ValidationError when it was not followed up
    by a numbered notice."""
    from desk_app.print.notices import notice_pdf

    _require_inspector(reader)
    item = inspections.item_view(item_id)
    kind = Notice(item.notice)
    if kind not in NUMBERED_NOTICES or not item.notice_number:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Finding {id} has no work contact sheet or "
                                                             "rectification notice to print."),
                              field="notice", id=item_id)
    detail = inspections.inspection_detail(item.inspection_id)
    issued = issue(NOTICE_FORMS[kind], f"item:{item.id}", actor, at=at, number=item.notice_number)
    return notice_pdf(notice_data(item, detail, reprint=issued.reprint))


def notices_of(reader: Viewer | Actor, inspection_id: int) -> list[int]:
    """The findings of an inspection that have a numbered notice to print, in order: the 工作联系单 / 整改通知单 a
    check produced, printed after its checklist."""
    _require_inspector(reader)
    return [f.id for f in inspections.inspection_detail(inspection_id).findings
            if Notice(f.notice) in NUMBERED_NOTICES and f.notice_number]
