"""Working together beyond one ticket's path: 公告 circulation inside a department, the shift handover log, and
请示报告 escalation reports that go up level by level."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Role
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.rules import TicketOp, may_circulate_to
from desk_app.core.text import check_texts
from desk_app.models.db import database
from desk_app.models.schema import Circulation, Department, EscalationReport, Notification, ShiftHandover, Staff
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change

# Levels of the reporting line (请示报告 goes up one level at a time).
REPORT_LEVEL: dict[Role, int] = {
    Role.RECEPTIONIST: 1, Role.DISPATCHER: 1, Role.RECEIVER: 1, Role.FIELD: 1,
    Role.LEADER: 2, Role.SUPERVISOR: 2, Role.AUDIT: 2,
    Role.OFFICE: 3,
    Role.CENTER: 4,
}
TOP_LEVEL = max(REPORT_LEVEL.values())


@dataclass(frozen=True)
class HandoverView:
    id: int
    by: str
    at: dt.datetime
    content: str
    acknowledged_by: str
    acknowledged_at: dt.datetime | None
    by_id: int | None = None


@dataclass(frozen=True)
class ReportView:
    id: int
    ticket_id: int | None
    by: str
    to: str
    level: int
    content: str
    emergency: bool
    skipped: str
    created_at: dt.datetime
    answered_at: dt.datetime | None
    answer: str
    by_id: int | None = None
    to_id: int | None = None


def _notify(staff_id: int, kind: str, title: str, body: str, ticket_id: int | None, at: dt.datetime) -> None:
    Notification.create(recipient=staff_id, ticket=ticket_id, kind=kind, title=title[:200], body=body, created_at=at)


# ----- 公告: circulation inside one department -----------------------------------------------------------------


def circulate(service: DeskService, actor: Actor, ticket_id: int, department_id: int, note: str = "") -> int:
    """Circulate a ticket to the members of one department; they get a notice. Never outside that department:
    a department member circulates within their own department only (supervisors and administrators to any one)."""
    check_texts(note=note)
    department = Department.get_or_none((Department.id == department_id) & Department.active)
    if department is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
    now = service.now()
    with service._command(actor, ticket_id, TicketOp.CIRCULATE) as (actor, ticket):
        if not may_circulate_to(actor.facts, department.id):
            raise PermissionDenied(QT_TRANSLATE_NOOP(
                "DeskError", "A ticket is circulated only inside your own department."))
        members = list(Staff.select().where((Staff.department == department.id) & Staff.active
                                            & (Staff.id != actor.id)))
        Circulation.create(ticket=ticket.id, department=department.id, by=actor.id, at=now, note=note.strip())
        for member in members:
            _notify(member.id, "circulate", f"公告：工单 {ticket.number}", (note or "").strip() or ticket.description[:200],
                    ticket.id, now)
        service._history(ticket, actor, "circulate", ticket.state, ticket.state,
                         f"公告 \u2192 {department.name}（{len(members)}人）" + (f"；{note.strip()}" if note.strip() else ""))
    service.events.emit(Change("notification", "circulate", ticket.id, ticket.number))
    return len(members)


def may_see_circulation(staff: Staff, circulation: Circulation) -> bool:
    return staff.department_id == circulation.department_id or staff.role in (Role.SUPERVISOR, Role.ADMIN)


# ----- 交接班记录: shift handover ----------------------------------------------------------------------------------


def write_handover(service: DeskService, actor: Actor, content: str) -> int:
    check_texts(content=content)
    service._require(actor, Operation.HANDOVER)
    content = (content or "").strip()
    if not content:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="content")
    with database.atomic():
        row = ShiftHandover.create(by=actor.id, at=service.now(), content=content[:4000])
    service.events.emit(Change("handover", "written"))
    return row.id


def acknowledge_handover(service: DeskService, actor: Actor, handover_id: int) -> None:
    """The next shift confirms it read the handover; the writer cannot acknowledge their own."""
    service._require(actor, Operation.HANDOVER)
    with database.atomic():
        row = ShiftHandover.get_or_none(ShiftHandover.id == handover_id)
        if row is None:
            raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No handover with id {id}."), id=handover_id)
        if row.by_id == actor.id:
            raise PermissionDenied(QT_TRANSLATE_NOOP("DeskError", "The next shift acknowledges a handover, "
                                                                  "not its writer."))
        if row.acknowledged_at is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Already acknowledged."))
        row.acknowledged_by = actor.id
        row.acknowledged_at = service.now()
        row.save()
    service.events.emit(Change("handover", "acknowledged"))


def handovers(limit: int = 50) -> list[HandoverView]:
    writer, reader = Staff.alias("writer"), Staff.alias("reader")
    rows = (ShiftHandover.select(ShiftHandover, writer.name.alias("by_name"), reader.name.alias("ack_name"))
            .join(writer, on=(ShiftHandover.by == writer.id))
            .switch(ShiftHandover).join(reader, pw.JOIN.LEFT_OUTER, on=(ShiftHandover.acknowledged_by == reader.id))
            .order_by(ShiftHandover.at.desc(), ShiftHandover.id.desc()).limit(limit).dicts())
    return [HandoverView(r["id"], r["by_name"], r["at"], r["content"], r["ack_name"] or "", r["acknowledged_at"],
                         r["by"]) for r in rows]


def pending_handovers(actor: Actor) -> list[HandoverView]:
    """Handovers nobody acknowledged yet, written by someone else (the next shift confirms them)."""
    return [h for h in handovers() if h.acknowledged_at is None and h.by_id != actor.id]


# ----- 请示报告: escalation reports ----------------------------------------------------------------------------------


def submit_report(service: DeskService, actor: Actor, to_staff_id: int, content: str, *,
                  ticket_id: int | None = None, emergency: bool = False) -> int:
    """A report goes to someone exactly one level up; an emergency may skip one level, and a person of the skipped
    level is then told afterwards."""
    check_texts(content=content)
    service._require(actor, Operation.REPORT)
    content = (content or "").strip()
    if not content:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="content")
    recipient = Staff.get_or_none((Staff.id == to_staff_id) & Staff.active)
    if recipient is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose who receives the report."), field="to")
    mine, theirs = REPORT_LEVEL.get(actor.role, 1), REPORT_LEVEL.get(Role(recipient.role), 1)
    if theirs == mine + 1:
        skipped_level = None
    elif emergency and theirs == mine + 2:
        skipped_level = mine + 1
    else:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "DeskError", "A report goes one level up; only an emergency may skip one level."), field="to")
    now = service.now()
    with database.atomic():
        skipped = _someone_at_level(skipped_level, actor) if skipped_level else None
        row = EscalationReport.create(ticket=ticket_id, by=actor.id, to=recipient.id, level=theirs, content=content,
                                      emergency=emergency, skipped=skipped.id if skipped else None, created_at=now)
        _notify(recipient.id, "report", f"请示报告：{actor.name}" + ("（紧急）" if emergency else ""), content,
                ticket_id, now)
        if skipped is not None:
            # Reported afterwards to the level that was skipped, as the procedure demands.
            _notify(skipped.id, "report_skipped", f"越级报告抄报：{actor.name} \u2192 {recipient.name}", content,
                    ticket_id, now)
    service.events.emit(Change("notification", "report"))
    return row.id


def _someone_at_level(level: int, actor: Actor) -> Staff | None:
    roles = [r.value for r, lvl in REPORT_LEVEL.items() if lvl == level]
    same_department = (Staff.select().where(Staff.role.in_(roles) & Staff.active
                                            & (Staff.department == actor.department_id)).first()
                       if actor.department_id else None)
    return same_department or Staff.select().where(Staff.role.in_(roles) & Staff.active).order_by(Staff.id).first()


def answer_report(service: DeskService, actor: Actor, report_id: int, answer: str) -> None:
    check_texts(answer=answer)
    row = EscalationReport.get_or_none(EscalationReport.id == report_id)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No report with id {id}."), id=report_id)
    if row.to_id != actor.id:
        raise PermissionDenied(QT_TRANSLATE_NOOP("DeskError", "Only the recipient answers a report."))
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="answer")
    now = service.now()
    with database.atomic():
        row.answer = answer
        row.answered_at = now
        row.save()
        _notify(row.by_id, "report_answer", f"请示报告已批复：{actor.name}", answer, row.ticket_id, now)
    service.events.emit(Change("notification", "report_answer"))


def reports_for(actor: Actor, limit: int = 50) -> list[ReportView]:
    author, recipient, skipped = Staff.alias("author"), Staff.alias("recipient"), Staff.alias("skipped")
    rows = (EscalationReport.select(EscalationReport, author.name.alias("by_name"), recipient.name.alias("to_name"),
                                    skipped.name.alias("skipped_name"))
            .join(author, on=(EscalationReport.by == author.id))
            .switch(EscalationReport).join(recipient, on=(EscalationReport.to == recipient.id))
            .switch(EscalationReport).join(skipped, pw.JOIN.LEFT_OUTER, on=(EscalationReport.skipped == skipped.id))
            .where((EscalationReport.by == actor.id) | (EscalationReport.to == actor.id)
                   | (EscalationReport.skipped == actor.id))
            .order_by(EscalationReport.created_at.desc(), EscalationReport.id.desc()).limit(limit).dicts())
    return [ReportView(r["id"], r["ticket"], r["by_name"], r["to_name"], r["level"], r["content"], r["emergency"],
                       r["skipped_name"] or "", r["created_at"], r["answered_at"], r["answer"], r["by"], r["to"])
            for r in rows]
