"""FTTH 待装工单建设: when the on-site check finds the resources used up, a construction task goes to the contractor
(cable cores and metres, a completion date), the marketing department confirms it, the contractor reports the work
done and the resources entered, the area maintainer is notified, and the install can complete. The whole flow stays
inside the ticket's own limit (13 working days with a new fibre distribution box, 5 with a splitter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk_app.core.errors import DeskError, NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.states import HANDLING_STATES, State
from desk_app.core.validation import normalize_phone
from desk_app.models.db import database
from desk_app.models.schema import ConstructionTask, Department, Notification, Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change

SETTING_CONTRACTOR = "ftth.contractor"
SETTING_MARKETING = "ftth.marketing_department"
DEFAULT_CONTRACTOR = "世康通信有限责任公司"
DEFAULT_MARKETING = "marketing"


@dataclass(frozen=True)
class ConstructionView:
    id: int
    ticket_id: int
    number: str
    contractor: str
    item: str
    cable_cores: int | None
    cable_metres: int | None
    due_date: dt.date
    dispatched_by: str
    dispatched_at: dt.datetime
    marketing_confirmed_by: str
    marketing_confirmed_at: dt.datetime | None
    done_at: dt.datetime | None
    resources_entered: bool
    maintainer_name: str
    maintainer_phone: str
    maintainer_notified_at: dt.datetime | None

    @property
    def stage(self) -> str:
        if self.maintainer_notified_at:
            return "done"
        if self.marketing_confirmed_at:
            return "confirmed"
        return "dispatched"


def _view(task: ConstructionTask) -> ConstructionView:
    return ConstructionView(task.id, task.ticket_id, task.number, task.contractor, task.item, task.cable_cores,
                            task.cable_metres, task.due_date, task.dispatched_by.name, task.dispatched_at,
                            task.marketing_confirmed_by, task.marketing_confirmed_at, task.done_at,
                            task.resources_entered, task.maintainer_name, task.maintainer_phone,
                            task.maintainer_notified_at)


def _task(task_id: int) -> ConstructionTask:
    task = ConstructionTask.get_or_none(ConstructionTask.id == task_id)
    if task is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No construction task with id {id}."), id=task_id)
    return task


def _require_holder(service: DeskService, actor: Actor, ticket: Ticket) -> None:
    service._require(actor, Operation.CONSTRUCTION)
    if actor.role in (Role.RECEIVER, Role.LEADER, Role.FIELD) and actor.department_id != ticket.department_id:
        raise PermissionDenied(QT_TRANSLATE_NOOP("DeskError", "Only the department holding the ticket may do this."))


def open_task(service: DeskService, actor: Actor, ticket_id: int, *, item: str, cable_cores: int | None,
              cable_metres: int | None, due_date: dt.date, maintainer_name: str, maintainer_phone: str,
              contractor: str | None = None) -> int:
    """建设任务单: resources are used up at the address; the contractor must add `item` by `due_date`."""
    now = service.now()
    with database.atomic():
        ticket = service._load_ticket(ticket_id, for_update=True)
        _require_holder(service, actor, ticket)
        if ticket.kind != TicketKind.FTTH_INSTALL or State(ticket.state) not in HANDLING_STATES:
            raise DeskError(QT_TRANSLATE_NOOP(
                "DeskError", "A construction task belongs to an FTTH install that a department is handling."))
        if ConstructionTask.select().where((ConstructionTask.ticket == ticket.id)
                                           & ConstructionTask.maintainer_notified_at.is_null()).exists():
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "This install has an unfinished construction task."))
        for value, field in ((cable_cores, "cable_cores"), (cable_metres, "cable_metres")):
            if value is not None and not (0 < int(value) <= 100000):
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a positive number."), field=field)
        if not item or not item.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="item")
        if due_date < now.date():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The completion date is in the past."),
                                  field="due_date")
        if not (maintainer_name or "").strip():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="maintainer_name")
        phone = normalize_phone(maintainer_phone)
        year = now.year
        number = f"{year}-{service._next_number('construction', year):04d}"
        task = ConstructionTask.create(
            ticket=ticket.id, number=number,
            contractor=(contractor or service.setting(SETTING_CONTRACTOR, DEFAULT_CONTRACTOR)).strip()[:100],
            item=item.strip()[:60], cable_cores=cable_cores, cable_metres=cable_metres, due_date=due_date,
            dispatched_by=actor.id, dispatched_at=now, maintainer_name=maintainer_name.strip()[:60],
            maintainer_phone=phone,
        )
        detail = f"建设任务单 {number} \u2192 {task.contractor}：增加{task.item}"
        if cable_cores or cable_metres:
            detail += f"（{cable_cores or '__'}芯光缆{cable_metres or '__'}米）"
        service._history(ticket, actor, "construction", ticket.state, ticket.state,
                         f"{detail}，{due_date.isoformat()}前完成")
        marketing = Department.get_or_none(Department.code == service.setting(SETTING_MARKETING, DEFAULT_MARKETING))
        if marketing is not None and marketing.receiver_id:
            Notification.create(recipient=marketing.receiver_id, ticket=ticket.id, kind="construction",
                                title=f"建设任务单 {number} 待营销部门确认", body=detail, created_at=now)
    service.events.emit(Change("ticket", "construction", ticket.id, ticket.number))
    return task.id


def confirm_by_marketing(service: DeskService, actor: Actor, task_id: int) -> None:
    """营销部门确认: a member of the marketing department (or a supervisor) confirms the construction task."""
    task = _task(task_id)
    marketing = Department.get_or_none(Department.code == service.setting(SETTING_MARKETING, DEFAULT_MARKETING))
    if actor.role not in (Role.SUPERVISOR, Role.ADMIN) and (marketing is None
                                                            or actor.department_id != marketing.id):
        raise PermissionDenied(QT_TRANSLATE_NOOP("DeskError", "The marketing department confirms construction."))
    if task.marketing_confirmed_at is not None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Already confirmed."))
    now = service.now()
    with database.atomic():
        task.marketing_confirmed_by = actor.name
        task.marketing_confirmed_at = now
        task.save()
        ticket = Ticket.get_by_id(task.ticket_id)
        service._history(ticket, actor, "construction_confirm", ticket.state, ticket.state,
                         f"营销部门确认建设任务单 {task.number}")
    service.events.emit(Change("ticket", "construction_confirm", ticket.id, ticket.number))


def report_done(service: DeskService, actor: Actor, task_id: int, *, resources_entered: bool) -> None:
    """The contractor reported the work done (the holding department records it: the contractor has no login);
    the area maintainer named on the sheet is notified."""
    task = _task(task_id)
    ticket = Ticket.get_by_id(task.ticket_id)
    _require_holder(service, actor, ticket)
    if task.marketing_confirmed_at is None:
        raise DeskError(QT_TRANSLATE_NOOP("DeskError", "The marketing department has not confirmed the task yet."))
    if not resources_entered:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The new resources must be entered before the task "
                                                             "is done."), field="resources_entered")
    if task.maintainer_notified_at is not None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Already done."))
    now = service.now()
    with database.atomic():
        task.done_at = now
        task.resources_entered = True
        task.maintainer_notified_at = now
        task.save()
        maintainer = Staff.get_or_none((Staff.name == task.maintainer_name) & Staff.active)
        if maintainer is not None:
            Notification.create(recipient=maintainer.id, ticket=ticket.id, kind="construction_done",
                                title=f"施工完毕：工单 {ticket.number} 可上门装机",
                                body=f"{ticket.address}，建设任务单 {task.number} 已完成，资源已录入。", created_at=now)
        service._history(ticket, actor, "construction_done", ticket.state, ticket.state,
                         f"建设任务单 {task.number} 施工完毕、资源已录入；已通知片区维护人员 "
                         f"{task.maintainer_name} {task.maintainer_phone}")
    service.events.emit(Change("ticket", "construction_done", ticket.id, ticket.number))


def tasks_of(ticket_id: int) -> list[ConstructionView]:
    return [_view(t) for t in ConstructionTask.select().where(ConstructionTask.ticket == ticket_id)
            .order_by(ConstructionTask.id)]


def unfinished_task(ticket_id: int) -> ConstructionView | None:
    return next((t for t in tasks_of(ticket_id) if t.maintainer_notified_at is None), None)
