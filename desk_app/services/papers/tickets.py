"""The papers of one ticket: the FTTH 待装工单建设任务单 of its construction task, and the 工单处理单 its leaders sign
with the approvals already given printed in. Each is read as the viewer may read the ticket, needs PRINT_SLIP, and
is numbered (a second print keeps its number and says 补打)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from desk_app.core.errors import NotFound
from desk_app.core.kinds import Channel, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import require
from desk_app.core.states import Action, State
from desk_app.core.validation import display_phone
from desk_app.services import construction, queries
from desk_app.services.desk import Actor, Viewer
from desk_app.services.papers.numbering import issue
from desk_app.services.views import HistoryLine, TicketDetail

if TYPE_CHECKING:
    from desk_app.print.task_sheet import TaskSheetData
    from desk_app.print.ticket_form import Signature, TicketFormData

__all__ = ["task_sheet", "task_sheet_data", "ticket_form", "ticket_form_data"]

R_NO_TASK = QT_TRANSLATE_NOOP("DeskError", "Ticket {number} has no construction task sheet.")

# The approval steps the ticket form has a signature box for (第七条 the leader; 第八条 the office, the center leader).
SIGNED_STEPS: dict[str, str] = {State.PENDING_LEADER: "leader", State.PENDING_OFFICE: "office", State.PENDING_CENTER: "center"}


# ----- 建设任务单 -----------------------------------------------------------------------------------------------


def task_sheet(viewer: Viewer, ticket_id: int, actor: Actor, *, at: dt.datetime | None = None) -> bytes:
    """The ticket's construction task sheet as PDF bytes, numbered with the task's own number (2026-0001); NotFound
    when the ticket has no construction task."""
    from desk_app.print.task_sheet import task_sheet_pdf  # ReportLab loads on the first print

    require(viewer.actor.facts, Operation.PRINT_SLIP)
    data = task_sheet_data(viewer, ticket_id)
    issued = issue(FormKind.TASK_SHEET, data.number, actor, at=at, number=data.number)
    return task_sheet_pdf(dataclasses.replace(data, number=issued.number, reprint=issued.reprint))


def task_sheet_data(viewer: Viewer, ticket_id: int) -> TaskSheetData:
    """What the task sheet of the ticket's latest construction task prints (not numbered: see task_sheet)."""
    from desk_app.print.task_sheet import TaskSheetData

    detail = queries.ticket_detail(viewer, ticket_id)
    tasks = construction.tasks_of(ticket_id)
    if not tasks:
        raise NotFound(R_NO_TASK, number=detail.number)
    task = tasks[-1]
    name, phone = _maintainer(task.maintainer_name, display_phone(task.maintainer_phone), detail.department_id)
    return TaskSheetData(
        number=task.number, contractor=task.contractor, item=task.item, cable_cores=task.cable_cores,
        cable_metres=task.cable_metres, due_date=task.due_date, dispatch_department=task.dispatch_department,
        dispatched_at=task.dispatched_at, marketing_confirmed_by=task.marketing_confirmed_by,
        marketing_confirmed_at=task.marketing_confirmed_at, ticket_number=detail.number, address=detail.address,
        accepted_at=detail.accepted_at, maintainer_name=name, maintainer_phone=phone,
        organization=queries.organization_name(),
    )


def _maintainer(name: str, phone: str, department_id: int | None) -> tuple[str, str]:
    """The area maintainer named on the task, completed from the department's field staff (片区装维人员): the first
    of them when the task names nobody, the phone of the one named when the task has none."""
    if name and phone:
        return name, phone
    field = queries.field_staff(department_id)
    if not name:
        return field[0] if field else ("", "")
    return name, next((p for n, p in field if n == name), "")


# ----- 工单处理单 -----------------------------------------------------------------------------------------------


def ticket_form(viewer: Viewer, ticket_id: int, actor: Actor, *, at: dt.datetime | None = None) -> bytes:
    """The ticket form for the leaders' approval as PDF bytes, numbered in its own sequence."""
    from desk_app.print.ticket_form import ticket_form_pdf  # ReportLab loads on the first print

    require(viewer.actor.facts, Operation.PRINT_SLIP)
    data = ticket_form_data(viewer, ticket_id)
    issued = issue(FormKind.TICKET_FORM, data.ticket_number, actor, at=at)
    return ticket_form_pdf(dataclasses.replace(data, number=issued.number, reprint=issued.reprint))


def ticket_form_data(viewer: Viewer, ticket_id: int) -> TicketFormData:
    """What the ticket form prints (not numbered: `number` is left empty, see ticket_form)."""
    from desk_app.print.ticket_form import TicketFormData

    detail = queries.ticket_detail(viewer, ticket_id)
    signatures = _signatures(detail)
    return TicketFormData(
        number="", ticket_number=detail.number, kind=chinese(TicketKind(detail.kind)),
        channel=chinese(Channel(detail.channel)), caller_name=detail.caller_name, phone=detail.phone,
        address=detail.address, content=detail.description, department=detail.department,
        receiver=detail.receiver, solution=detail.solution, accepted_at=detail.accepted_at,
        sensitive=detail.sensitive, receiver_signature=signatures["receiver"],
        leader_signature=signatures["leader"], office_signature=signatures["office"],
        center_signature=signatures["center"], organization=queries.organization_name(),
    )


def _signatures(detail: TicketDetail) -> dict[str, Signature]:
    """Who signed what on the current draft of the solution, from the history: the receiver's 办结 (the latest
    resolve) and the approvals after it of the leader, the office and the center leader. A solution sent back and
    drafted again voids the approvals of the earlier draft, as the workflow does."""
    from desk_app.print.ticket_form import Signature

    signatures = {"receiver": Signature(), "leader": Signature(), "office": Signature(), "center": Signature()}
    draft = _latest_draft(detail.history)
    if draft is None:
        return signatures
    drafted = detail.history[draft]
    signatures["receiver"] = Signature(drafted.actor, drafted.at)
    for line in detail.history[draft + 1:]:
        step = SIGNED_STEPS.get(line.from_state or "")  # a State is its value as a key
        if line.action == Action.APPROVE.value and step is not None:
            signatures[step] = Signature(line.actor, line.at, line.note)
    return signatures


def _latest_draft(history: list[HistoryLine]) -> int | None:
    return next((i for i in range(len(history) - 1, -1, -1) if history[i].action == Action.RESOLVE.value), None)
