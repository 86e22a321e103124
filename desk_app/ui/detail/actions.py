"""What each action and ticket operation of the detail pane asks for (its dialog), runs (its service call) and, when
offered but not usable yet, waits for.

Its texts keep the translation context "DetailPane" they had when they were written in the pane itself.
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.kinds import Escalation, Satisfaction
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.policies import ClockKind, Variant
from desk_app.core.states import Action, State
from desk_app.core.workflow import STATE_STEP, STEP_ROLE, Step
from desk_app.core.rules import may_circulate_to
from desk_app.services import construction, coordination, queries
from desk_app.services.construction import DEFAULT_CONTRACTOR, SETTING_CONTRACTOR, ConstructionView
from desk_app.services.presets import SETTING_CONTRACTORS
from desk_app.services.views import TicketDetail
from desk_app.ui.common import label
from desk_app.ui.context import DeskContext
from desk_app.ui.detail.common import price_text
from desk_app.ui.detail.loading import Acting
from desk_app.ui.dialogs import (
    ActionDialog,
    ApproveDialog,
    AppointDialog,
    DispatchDialog,
    FormDialog,
    ReasonDialog,
    ReplyDialog,
    ResolveDialog,
    TransferDialog,
    VisitDialog,
)
from desk_app.ui.ticket_ops import (
    ITEMS,
    CirculateDialog,
    ConsentDialog,
    ConstructionDoneDialog,
    ConstructionTaskDialog,
    EscalateDialog,
    QuoteDialog,
    SensitiveDialog,
    TicketOp,
    unfinished_task,
)

# Actions that need input first; the rest run at a click.
DIALOG_ACTIONS = frozenset({Action.DISPATCH, Action.RETURN, Action.APPOINT, Action.BLOCK, Action.RESOLVE,
                            Action.VISIT, Action.REOPEN, Action.APPROVE, Action.SEND_BACK, Action.REPLY,
                            Action.TRANSFER, Action.DATA_RETURN})

# The action most likely next in each state, drawn as the primary button.
PRIMARY_ACTION = {
    State.NEW: Action.DISPATCH, State.RETURNED: Action.DISPATCH, State.DISPATCHED: Action.ACCEPT,
    State.ACCEPTED: Action.START, State.APPOINTED: Action.START, State.IN_PROGRESS: Action.RESOLVE,
    State.BLOCKED: Action.UNBLOCK, State.PENDING_LEADER: Action.APPROVE, State.PENDING_OFFICE: Action.APPROVE,
    State.PENDING_CENTER: Action.APPROVE, State.PENDING_COORDINATION: Action.APPROVE,
    State.PENDING_QUALITY: Action.APPROVE, State.PENDING_AUDIT: Action.APPROVE, State.PENDING_REPLY: Action.REPLY,
    State.RESOLVED: Action.VISIT, State.VISITED: Action.ARCHIVE,
}


# ----- dialogs ---------------------------------------------------------------------------------------------------


def action_dialog(action: Action, detail: TicketDetail, *, ctx: DeskContext, summary: str,
                  parent: QWidget) -> ActionDialog:
    """The dialog of an action of DIALOG_ACTIONS on the ticket, not opened yet: the lists it offers come from the
    window's directory (ctx.directory), not from a read."""
    if action == Action.DISPATCH:
        directory = ctx.directory
        dialog: ActionDialog = DispatchDialog(list(directory.departments), directory.field_workers(),
                                              summary=summary, parent=parent)
    elif action == Action.RETURN:
        dialog = ReasonDialog(action, QCoreApplication.translate("DetailPane", "&Why not ours"), summary=summary,
                              parent=parent)
    elif action == Action.BLOCK:
        dialog = ReasonDialog(action, QCoreApplication.translate("DetailPane", "&Waiting for"), summary=summary,
                              parent=parent)
        dialog.reason_edit.setPlaceholderText(QCoreApplication.translate(
            "DetailPane", "Required: the outside party and what is awaited; the time limits pause"))
    elif action == Action.DATA_RETURN:
        dialog = ReasonDialog(action, QCoreApplication.translate("DetailPane", "&Data problem"), summary=summary,
                              parent=parent)
        dialog.reason_edit.setPlaceholderText(QCoreApplication.translate(
            "DetailPane", "Required: what is wrong with the data; the service center tells the customer"))
    elif action == Action.REOPEN:
        dialog = ReasonDialog(action, QCoreApplication.translate("DetailPane", "&Reason"), summary=summary,
                              parent=parent)
        dialog.reason_edit.setPlaceholderText(
            QCoreApplication.translate("DetailPane", "Required: what the customer says is still wrong"))
    elif action == Action.APPOINT:
        dialog = AppointDialog(ctx.now(), current=detail.appointment_at, summary=summary, parent=parent)
    elif action == Action.RESOLVE:
        dialog = ResolveDialog(summary=summary, parent=parent)
    elif action == Action.VISIT:
        dialog = VisitDialog(summary=summary, parent=parent)
    elif action == Action.APPROVE:
        step = STATE_STEP.get(State(detail.state), Step.LEADER)
        dialog = ApproveDialog(step, detail.solution, summary=summary, parent=parent)
    elif action == Action.SEND_BACK:
        dialog = ReasonDialog(action, QCoreApplication.translate("DetailPane", "&What to change"), summary=summary,
                              parent=parent)
        dialog.reason_edit.setPlaceholderText(
            QCoreApplication.translate("DetailPane", "Required: what the department must change in its solution"))
    elif action == Action.REPLY:
        dialog = ReplyDialog(detail.solution, summary=summary, parent=parent)
    elif action == Action.TRANSFER:
        dialog = TransferDialog(list(ctx.directory.departments), current_department=detail.department_id,
                                summary=summary, parent=parent)
    else:
        raise ValueError(f"{action} has no dialog")
    if action == Action.RETURN:
        dialog.reason_edit.setPlaceholderText(
            QCoreApplication.translate("DetailPane", "Required: why this is not your department's ticket"))
    return dialog


def operation_dialog(op: TicketOp, d: TicketDetail, *, ctx: DeskContext, tasks: list[ConstructionView],
                     summary: str, parent: QWidget) -> FormDialog:
    """The dialog of a ticket operation of ticket_ops.DIALOG_OPS, not opened yet."""
    if op == TicketOp.ESCALATE:
        dialog: FormDialog = EscalateDialog(d.escalation, summary=summary, parent=parent)
    elif op == TicketOp.SENSITIVE:
        dialog = SensitiveDialog(d.sensitive, summary=summary, parent=parent)
    elif op == TicketOp.CIRCULATE:

        def members_told(department_id: int) -> int:
            return ctx.directory.member_count(department_id, exclude_staff_id=ctx.actor.id)

        dialog = CirculateDialog(_circulation_departments(ctx), members_told, summary=summary, parent=parent)
    elif op == TicketOp.QUOTE:
        dialog = QuoteDialog(price_text(d), summary=summary, parent=parent)
    elif op == TicketOp.CONSENT:
        dialog = ConsentDialog(price_text(d), summary=summary, parent=parent)
    elif op == TicketOp.CONSTRUCTION_OPEN:
        dialog = _construction_dialog(ctx, d, summary, parent)
    elif op == TicketOp.CONSTRUCTION_DONE:
        task = unfinished_task(tasks)
        if task is None:
            raise RuntimeError("no construction task to finish")
        dialog = ConstructionDoneDialog(task, summary=summary, parent=parent)
    else:
        raise ValueError(f"{op} has no dialog")
    return dialog


def _circulation_departments(ctx: DeskContext):
    """公告 goes to one department: your own, unless you are a supervisor or an administrator."""
    actor = ctx.actor.facts
    return [d for d in ctx.directory.departments if may_circulate_to(actor, d.id)]


def _construction_dialog(ctx: DeskContext, d: TicketDetail, summary: str, parent: QWidget) -> ConstructionTaskDialog:
    today = ctx.now().date()
    resolve = next((c for c in d.clocks if c.kind == ClockKind.RESOLVE and c.deadline), None)
    # The install has to be finished within its own limit: ask for the construction a little before that.
    due = max(today, (resolve.deadline.date() - dt.timedelta(days=2)) if resolve else today)
    if due == today:
        due = today + dt.timedelta(days=3)
    service = ctx.service
    contractor = service.setting(SETTING_CONTRACTOR, DEFAULT_CONTRACTOR)
    try:
        contractors = [str(c.get("name", "")) for c in json.loads(service.setting(SETTING_CONTRACTORS, "[]"))
                       if isinstance(c, dict) and c.get("name")]
    except (ValueError, AttributeError):
        contractors = []
    item = ITEMS[1] if d.variant == Variant.FTTH_SPLITTER else ITEMS[0]
    return ConstructionTaskDialog(item=item, due=due, today=today, contractor=contractor,
                                  contractors=contractors, maintainers=ctx.directory.field_staff(d.department_id),
                                  summary=summary, parent=parent)


# ----- service calls ---------------------------------------------------------------------------------------------


def action_call(action: Action, values: dict) -> tuple[str, dict]:
    """The DeskService method a state-machine action is and its arguments (after the actor and the ticket), from
    what the dialog gave: run now by run_action, or kept on this PC during an outage under the same name
    (services.outbox_local.ACTIONS_KEPT) and run when the database is back."""
    note, reason = values.get("note", ""), values.get("reason", "")
    if action == Action.DISPATCH:
        return "dispatch", {"department_id": values.get("department_id"), "worker": values.get("worker", ""),
                            "note": note, "appointment_at": values.get("appointment_at")}
    if action == Action.TRANSFER:
        if values.get("department_id") is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
        return "transfer", {"department_id": values["department_id"], "reason": reason}
    if action == Action.VISIT:
        return "return_visit", {"satisfaction": values.get("satisfaction"), "note": note}
    if action == Action.REOPEN:
        # 重新处理 is an unsatisfied customer: the same service path as an unsatisfied return visit.
        return "return_visit", {"satisfaction": Satisfaction.UNSATISFIED, "note": reason}
    if action == Action.APPOINT:
        return "appoint", {"at": values.get("at"), "note": note}
    simple = {
        Action.ACCEPT: ("accept", {}), Action.START: ("start", {}), Action.UNBLOCK: ("unblock", {}),
        Action.ARCHIVE: ("archive", {}), Action.RETURN_SLIP: ("return_slip", {}),
        Action.RETURN: ("return_ticket", {"reason": reason}), Action.BLOCK: ("block", {"reason": reason}),
        Action.DATA_RETURN: ("data_return", {"reason": reason}), Action.SEND_BACK: ("send_back", {"reason": reason}),
        Action.RESOLVE: ("resolve", {"solution": values.get("solution", "")}),
        Action.APPROVE: ("approve", {"note": note}), Action.REPLY: ("reply", {"note": note}),
    }
    if action not in simple:  # pragma: no cover - every Action is handled above
        raise ValueError(action)
    return simple[action]


def run_action(ctx: DeskContext | Acting, ticket_id: int, action: Action, values: dict, version: int) -> None:
    """Run a state-machine action on a ticket through the services, as the acting person (on a worker thread the
    pane hands it an Acting, never the context)."""
    method, arguments = action_call(action, values)
    getattr(ctx.service, method)(ctx.actor, ticket_id, expected_version=version, **arguments)


def run_operation(ctx: DeskContext | Acting, d: TicketDetail, tasks: list[ConstructionView], op: TicketOp,
                  values: dict, version: int) -> str:
    """Run a ticket operation through the services, as the acting person; returns what to tell the user."""
    service, actor = ctx.service, ctx.actor
    note = values.get("note", "")
    if op == TicketOp.ESCALATE:
        level = Escalation(values["level"])
        service.escalate(actor, d.id, level, note, expected_version=version)
        return QCoreApplication.translate("DetailPane", "Escalated: \u201c{level}\u201d.").format(level=label(level))
    if op == TicketOp.SENSITIVE:
        sensitive = bool(values.get("sensitive", not d.sensitive))
        service.set_sensitive(actor, d.id, sensitive, note, expected_version=version)
        return (QCoreApplication.translate("DetailPane",
                                           "Marked sensitive: the office and the center leader approve too.")
                if sensitive else QCoreApplication.translate("DetailPane", "No longer marked sensitive."))
    if op == TicketOp.CIRCULATE:
        department_id = values.get("department_id")
        if department_id is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
        count = coordination.circulate(service, actor, d.id, department_id, note)
        name = next((x.name for x in queries.departments() if x.id == department_id), "")
        return QCoreApplication.translate("DetailPane", "Circulated in {department}: %n member(s) told.", "",
                                          count).format(department=name)
    if op == TicketOp.QUOTE:
        service.quote_price(actor, d.id, values.get("price", ""), note, expected_version=version)
        return QCoreApplication.translate("DetailPane", "Price quoted; the owner's answer is awaited before work "
                                                        "starts.")
    if op == TicketOp.CONSENT:
        consent = bool(values.get("consent"))
        service.record_consent(actor, d.id, consent, note, expected_version=version)
        return (QCoreApplication.translate("DetailPane", "The owner agrees to the price: work can start.") if consent
                else QCoreApplication.translate("DetailPane", "The owner does not agree to the price."))
    if op == TicketOp.CONSTRUCTION_OPEN:
        construction.open_task(
            service, actor, d.id, item=values.get("item", ""), cable_cores=values.get("cable_cores"),
            cable_metres=values.get("cable_metres"), due_date=values["due_date"],
            maintainer_name=values.get("maintainer_name", ""),
            maintainer_phone=values.get("maintainer_phone", ""), contractor=values.get("contractor") or None)
        return QCoreApplication.translate("DetailPane", "Construction task issued; the marketing department "
                                                        "confirms it next.")
    if op == TicketOp.CONSTRUCTION_CONFIRM:
        task = unfinished_task(tasks)
        if task is None:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "There is no construction task to confirm."))
        construction.confirm_by_marketing(service, actor, task.id)
        return QCoreApplication.translate("DetailPane", "Construction task {number} confirmed.").format(
            number=task.number)
    if op == TicketOp.CONSTRUCTION_DONE:
        task = unfinished_task(tasks)
        if task is None:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "There is no construction task to finish."))
        construction.report_done(service, actor, task.id,
                                 resources_entered=bool(values.get("resources_entered")))
        return QCoreApplication.translate(
            "DetailPane", "Construction done; {name} is notified that the install can go ahead.").format(
            name=task.maintainer_name)
    raise ValueError(op)  # pragma: no cover - every TicketOp is handled above


# ----- what an action waits for ----------------------------------------------------------------------------------


def waiting_text(state: State, d: TicketDetail) -> str:
    """Who the ticket waits for, when the acting person has nothing to do on it."""
    if state in (State.DISPATCHED, State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED):
        return QCoreApplication.translate("DetailPane", "With {department}: nothing for you to do now.").format(
            department=d.department or QCoreApplication.translate("DetailPane", "the department"))
    if state == State.PENDING_REPLY:
        return QCoreApplication.translate("DetailPane", "Waiting for the front desk to tell the customer.")
    if state in STATE_STEP:
        step = STATE_STEP[state]
        return QCoreApplication.translate("DetailPane", "Waiting for: {step} ({role}).").format(
            step=label(step), role=label(STEP_ROLE[step]))
    if state in (State.NEW, State.RETURNED) and d.quarantined:
        return QCoreApplication.translate("DetailPane", "In quarantine until the caller is registered as a customer.")
    return QCoreApplication.translate("DetailPane", "Nothing for you to do now.")
