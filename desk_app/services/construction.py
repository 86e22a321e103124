"""FTTH 待装工单建设: when the on-site check finds the resources used up, a construction task goes to the contractor
(cable cores and metres, a completion date), the marketing department confirms it, the contractor reports the work
done and the resources entered, the area maintainer is notified, and the install can complete. The whole flow stays
inside the ticket's own limit (13 working days with a new fibre distribution box, 5 with a splitter)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk_app.core.errors import NotFound, ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.policies import ClockKind
from desk_app.core.rules import TicketOp
from desk_app.core.text import check_texts
from desk_app.core.validation import normalize_phone
from desk_app.models.schema import Clock, ConstructionTask, Department, Notification, Staff, Ticket
from desk_app.services.config import (  # noqa: F401 - the setting names are read from here too
    DEFAULT_CONTRACTOR,
    DEFAULT_MARKETING,
    SETTING_CONTRACTOR,
    SETTING_FTTH_DISPATCH,
    SETTING_MARKETING,
)
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change



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
    dispatch_department: str = ""

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
                            task.maintainer_notified_at, task.dispatch_department or "")


def _task(task_id: int) -> ConstructionTask:
    task = ConstructionTask.get_or_none(ConstructionTask.id == task_id)
    if task is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No construction task with id {id}."), id=task_id)
    return task


def _resolve_deadline(ticket: Ticket) -> dt.datetime | None:
    clock = Clock.get_or_none((Clock.ticket == ticket.id) & (Clock.kind == ClockKind.RESOLVE.value))
    return clock.deadline if clock else None


def open_task(service: DeskService, actor: Actor, ticket_id: int, *, item: str, cable_cores: int | None,
              cable_metres: int | None, due_date: dt.date, maintainer_name: str, maintainer_phone: str,
              contractor: str | None = None) -> int:
    """建设任务单: resources are used up at the address; the contractor must add `item` by `due_date`."""
    check_texts(item=item, maintainer_name=maintainer_name, maintainer_phone=maintainer_phone, contractor=contractor)
    now = service.now()
    with service._command(actor, ticket_id, TicketOp.CONSTRUCTION_OPEN) as (actor, ticket):
        for value, field in ((cable_cores, "cable_cores"), (cable_metres, "cable_metres")):
            if value is not None and not (0 < int(value) <= 100000):
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a positive number."), field=field)
        if not item or not item.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="item")
        if due_date < now.date():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The completion date is in the past."),
                                  field="due_date")
        limit = _resolve_deadline(ticket)
        if limit is not None and due_date > limit.date():
            # "整个流程时间从用户受理时间起不得超过13个工作日": the construction is part of the install's own limit.
            raise ValidationError(QT_TRANSLATE_NOOP(
                "DeskError", "The construction must be finished by {date}, the install's own time limit."),
                field="due_date", date=limit.date().isoformat())
        if not (maintainer_name or "").strip():
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field="maintainer_name")
        phone = normalize_phone(maintainer_phone, area_code=service.area_code())
        year = now.year
        number = f"{year}-{service._next_number('construction', year):04d}"
        issuer = Department.get_or_none(Department.code == service.setting(SETTING_FTTH_DISPATCH)) \
            or Department.get_or_none(Department.id == (actor.department_id or ticket.department_id))
        task = ConstructionTask.create(
            dispatch_department=issuer.name if issuer else "",
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
    now = service.now()
    with service._command(actor, task.ticket_id, TicketOp.CONSTRUCTION_CONFIRM) as (actor, ticket):
        task.marketing_confirmed_by = actor.name
        task.marketing_confirmed_at = now
        task.save()
        service._history(ticket, actor, "construction_confirm", ticket.state, ticket.state,
                         f"营销部门确认建设任务单 {task.number}")
    service.events.emit(Change("ticket", "construction_confirm", ticket.id, ticket.number))


def report_done(service: DeskService, actor: Actor, task_id: int, *, resources_entered: bool) -> None:
    """The contractor reported the work done (the holding department records it: the contractor has no login);
    the area maintainer named on the sheet is notified."""
    task = _task(task_id)
    if not resources_entered:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The new resources must be entered before the task "
                                                             "is done."), field="resources_entered")
    now = service.now()
    with service._command(actor, task.ticket_id, TicketOp.CONSTRUCTION_DONE) as (actor, ticket):
        if task.maintainer_notified_at is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Already done."))
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
