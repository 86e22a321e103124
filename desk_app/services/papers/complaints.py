"""住户投诉事件报告 of a complaint ticket: read as the viewer may read the ticket, printed by those who may print
(Operation.PRINT_SLIP), numbered at the first print of the ticket's report (补打 after)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import peewee as pw

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, ComplaintLevel, Escalation, Satisfaction, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import require
from desk_app.core.states import Action
from desk_app.models.schema import ReturnVisit, Staff
from desk_app.services import queries
from desk_app.services.desk import Actor, Viewer
from desk_app.services.papers.numbering import issue
from desk_app.services.views import HistoryLine, TicketDetail

if TYPE_CHECKING:  # ReportLab loads on the first print, not at start-up
    from desk_app.print.incident_report import IncidentReportData, ProcessStep

# The history entries that are not state-machine actions, as the report names them.
OTHER_STEPS = {
    "create": "受理",
    "escalate": "投诉升级",
    "sensitive": "敏感标记",
    "circulate": "部门内传阅",
    "quote": "报价",
    "consent": "业主答复",
    "construction": "建设任务单",
    "construction_confirm": "营销部门确认",
    "construction_done": "施工完成",
    "release": "解除隔离",
    "merge_customer": "客户档案合并",
}


def _chinese_of(enum, value: str | None) -> str:
    try:
        return chinese(enum(value)) if value else ""
    except ValueError:
        return value or ""


def _step_name(action: str) -> str:
    if action in OTHER_STEPS:
        return OTHER_STEPS[action]
    return _chinese_of(Action, action)


def _step_note(line: HistoryLine) -> str:
    """The note as the detail pane shows it: satisfaction and escalation levels in words."""
    if not line.note:
        return ""
    satisfactions = {s.value for s in Satisfaction}
    note = "；".join(_chinese_of(Satisfaction, part) if part in satisfactions else part
                    for part in line.note.split("; "))
    if line.action == "escalate":
        level, _, rest = note.partition("；")
        note = "；".join(part for part in (_chinese_of(Escalation, level), rest) if part)
    return note


def _steps(detail: TicketDetail) -> tuple[ProcessStep, ...]:
    from desk_app.print.incident_report import ProcessStep

    return tuple(ProcessStep(h.at, h.actor, _step_name(h.action), _step_note(h)) for h in detail.history)


def _visits(ticket_id: int):
    from desk_app.print.incident_report import VisitLine

    rows = (ReturnVisit.select(ReturnVisit, Staff.name.alias("by_name"))
            .join(Staff, pw.JOIN.LEFT_OUTER, on=(ReturnVisit.by == Staff.id))
            .where(ReturnVisit.ticket == ticket_id).order_by(ReturnVisit.at, ReturnVisit.id).objects())
    return tuple(VisitLine(r.at, r.by_name or "", _chinese_of(Satisfaction, r.satisfaction), r.note) for r in rows)


def incident_report_data(detail: TicketDetail, number: str, reporter: str, reported_at: dt.datetime, *,
                         reprint: bool = False) -> IncidentReportData:
    """The report's fields for a complaint ticket (the form is a pure function of them)."""
    from desk_app.print.incident_report import IncidentReportData

    return IncidentReportData(
        number=number, ticket_number=detail.number, complainant=detail.caller_name, phone=detail.phone,
        address=detail.address, complained_at=detail.created_at, channel=_chinese_of(Channel, detail.channel),
        category=_chinese_of(ComplaintLevel, detail.complaint_level), description=detail.description,
        steps=_steps(detail), solution=detail.solution, resolved_at=detail.resolved_at,
        visits=_visits(detail.id), level=_chinese_of(Escalation, detail.escalation),
        repeat_of=detail.linked_ticket_number, department=detail.department, receiver=detail.receiver,
        received_by=detail.created_by, reporter=reporter, reported_at=reported_at, reprint=reprint,
        organization=queries.organization_name(),
    )


def incident_report(viewer: Viewer, ticket_id: int, actor: Actor, *, at: dt.datetime | None = None) -> bytes:
    """住户投诉事件报告 of a complaint ticket as PDF bytes, reported by `actor`. The ticket is read by the rule book's
    read rule (PermissionDenied or NotFound otherwise); a ticket of another kind is refused."""
    from desk_app.print.incident_report import incident_report_pdf

    require(viewer.actor.facts, Operation.PRINT_SLIP)
    detail = queries.ticket_detail(viewer, ticket_id)
    if TicketKind(detail.kind) != TicketKind.COMPLAINT:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Ticket {number} is not a complaint: only a complaint "
                                                             "has an incident report."),
                              field="ticket", number=detail.number)
    at = (at or dt.datetime.now()).replace(microsecond=0)
    issued = issue(FormKind.INCIDENT_REPORT, detail.number, actor, at=at)
    return incident_report_pdf(incident_report_data(detail, issued.number, actor.name, at, reprint=issued.reprint))
