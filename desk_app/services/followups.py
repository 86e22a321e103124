"""定期电话访问跟踪: the follow-up calls the front desk owes its customers after a complaint or a repair, read as a
list (overdue first, then today's, then those to come), done as an outgoing line of the call register (去电), planned
by hand for any customer, or cancelled.

The seed, 客服前台工作流程: "在完成对客户的投诉或者是报修后，要定期对客户进行电话访问跟踪，定期维护与客户之间的关系，
并把信息反馈到客户服务中心做好记录" and "涉及到致电客户事宜时，需要在前台《来电来访登记表》电子表中登记，将电话致电人、
内容及跟进情况详细填写". The plans themselves are written by services.follow_up_plans inside the return visit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from desk_app.core.errors import ConflictError, NotFound, ValidationError
from desk_app.core.followups import CallDirection, FollowUpReason, FollowUpState
from desk_app.core.kinds import CallOutcome, Channel
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.rules import require, sees_contact
from desk_app.core.search import mask_phone
from desk_app.core.text import check_texts
from desk_app.core.validation import CallDraft, display_phone, text_field
from desk_app.models.db import database
from desk_app.models.schema import Customer, FollowUp, Staff, Ticket
from desk_app.services import audit
from desk_app.services.config import MAX_FOLLOW_UP_DAYS, SETTING_FOLLOW_UP_DAYS, put_setting
from desk_app.services.desk import Actor, DeskService, Viewer, current_actor
from desk_app.services.events import Change
from desk_app.services.follow_up_plans import first_number, insert_plan

__all__ = [
    "FollowUpView", "cancel_follow_up", "count_due", "do_follow_up", "due_follow_ups", "follow_up",
    "follow_up_intervals", "plan_follow_up", "set_follow_up_intervals",
]

MAX_CONTENT = 2000
MAX_NOTE = 500
DEFAULT_LIMIT = 200

R_DONE = QT_TRANSLATE_NOOP("DeskError", "This follow-up call was done already (by {name}, {time}).")
R_CANCELLED = QT_TRANSLATE_NOOP("DeskError", "This follow-up call was cancelled (by {name}).")
R_NO_FOLLOW_UP = QT_TRANSLATE_NOOP("DeskError", "No follow-up call with id {id}.")
R_NO_NUMBER = QT_TRANSLATE_NOOP("DeskError", "There is no phone number to call: give the customer a number first.")
R_WHOM = QT_TRANSLATE_NOOP("DeskError", "Choose a customer or a ticket to call about.")
R_DAYS = QT_TRANSLATE_NOOP("DeskError", "Give a number of days from 0 to {max}.")
R_NEXT_DAYS = QT_TRANSLATE_NOOP("DeskError", "Give a number of days from 1 to {max}.")
R_PAST = QT_TRANSLATE_NOOP("DeskError", "The day of the call is in the past.")
R_NO_CUSTOMER = QT_TRANSLATE_NOOP("DeskError", "No customer with id {id}.")
R_NO_TICKET = QT_TRANSLATE_NOOP("DeskError", "No ticket with id {id}.")


@dataclass(frozen=True)
class FollowUpView:
    """One follow-up call as the list shows it; `phone` is masked for a reader who may not see contact data."""

    id: int
    due_on: dt.date
    reason: str                  # core.followups.FollowUpReason value
    state: str                   # core.followups.FollowUpState value
    name: str
    phone: str                   # as shown (display_phone, or 138****8000)
    customer_id: int | None
    ticket_id: int | None
    ticket_number: str
    ticket_kind: str
    note: str
    planned_by: str
    days_overdue: int            # > 0 overdue, 0 due today, < 0 to come
    done_by: str = ""
    done_at: dt.datetime | None = None
    call_id: int | None = None

    @property
    def overdue(self) -> bool:
        return self.state == FollowUpState.PLANNED and self.days_overdue > 0

    @property
    def due(self) -> bool:
        """Due today or overdue."""
        return self.state == FollowUpState.PLANNED and self.days_overdue >= 0


# ----- helpers -----------------------------------------------------------------------------------------------------


def _days(value: object, field: str, *, low: int) -> int:
    try:
        days = int(str(value).strip())
    except (TypeError, ValueError):
        days = -1
    if isinstance(value, bool) or not low <= days <= MAX_FOLLOW_UP_DAYS:
        raise ValidationError(R_DAYS if low == 0 else R_NEXT_DAYS, field=field, max=MAX_FOLLOW_UP_DAYS)
    return days


def _require_desk(viewer_or_actor: Viewer | Actor) -> Actor:
    """The desk's work: who records calls reads and does follow-ups (the rule book's RECORD_CALL)."""
    actor = viewer_or_actor.actor if isinstance(viewer_or_actor, Viewer) else current_actor(viewer_or_actor)
    require(actor.facts, Operation.RECORD_CALL)
    return actor


def _territory(viewer: Viewer) -> pw.Expression | None:
    """A 二级客服 bound to a jurisdiction calls back the customers of its tickets only."""
    if viewer.scope.areas is None:
        return None
    return Ticket.area.in_(sorted(viewer.scope.areas))


def _query(viewer: Viewer) -> pw.ModelSelect:
    ticket, planner, doer = Ticket.alias(), Staff.alias(), Staff.alias()
    query = (FollowUp.select(FollowUp, ticket.number.alias("ticket_number"), ticket.kind.alias("ticket_kind"),
                             planner.name.alias("planner"), doer.name.alias("doer"))
             .join(ticket, pw.JOIN.LEFT_OUTER, on=(FollowUp.ticket == ticket.id))
             .switch(FollowUp).join(planner, pw.JOIN.LEFT_OUTER, on=(FollowUp.planned_by == planner.id))
             .switch(FollowUp).join(doer, pw.JOIN.LEFT_OUTER, on=(FollowUp.done_by == doer.id)))
    if viewer.scope.areas is not None:
        query = query.where(ticket.area.in_(sorted(viewer.scope.areas)))
    return query


def _view(row: dict, today: dt.date, masked: bool) -> FollowUpView:
    shown = display_phone(row["phone"])
    due_on = _as_date(row["due_on"])
    return FollowUpView(
        row["id"], due_on, row["reason"], row["state"], row["name"], mask_phone(shown) if masked else shown,
        row["customer"], row["ticket"], row["ticket_number"] or "", row["ticket_kind"] or "", row["note"],
        row["planner"] or "", (today - due_on).days, row["doer"] or "", row["done_at"], row["call"])


def _as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# ----- reads -------------------------------------------------------------------------------------------------------


def due_follow_ups(viewer: Viewer, today: dt.date, *, include_upcoming_days: int = 0,
                   limit: int = DEFAULT_LIMIT) -> list[FollowUpView]:
    """The planned follow-up calls due by `today` + `include_upcoming_days`: overdue first (oldest first), then
    today's, then those to come; by the (state, due_on) index."""
    _require_desk(viewer)
    last = today + dt.timedelta(days=max(0, include_upcoming_days))
    rows = (_query(viewer).where((FollowUp.state == FollowUpState.PLANNED.value) & (FollowUp.due_on <= last))
            .order_by(FollowUp.due_on, FollowUp.id).limit(max(1, limit)).dicts())
    masked = not sees_contact(viewer.actor.facts)
    return [_view(r, today, masked) for r in rows]


def done_follow_ups(viewer: Viewer, day: dt.date, *, limit: int = DEFAULT_LIMIT) -> list[FollowUpView]:
    """The follow-up calls done on `day`, latest first."""
    _require_desk(viewer)
    start = dt.datetime.combine(day, dt.time())
    rows = (_query(viewer).where((FollowUp.state == FollowUpState.DONE.value) & (FollowUp.done_at >= start)
                                 & (FollowUp.done_at < start + dt.timedelta(days=1)))
            .order_by(FollowUp.done_at.desc(), FollowUp.id.desc()).limit(max(1, limit)).dicts())
    masked = not sees_contact(viewer.actor.facts)
    return [_view(r, day, masked) for r in rows]


def count_due(viewer: Viewer, today: dt.date) -> int:
    """How many follow-up calls are due today or overdue (the main window's count)."""
    _require_desk(viewer)
    query = FollowUp.select(pw.fn.COUNT(FollowUp.id)).where(
        (FollowUp.state == FollowUpState.PLANNED.value) & (FollowUp.due_on <= today))
    territory = _territory(viewer)
    if territory is not None:
        query = query.join(Ticket, on=(FollowUp.ticket == Ticket.id)).where(territory)
    return query.scalar() or 0


def follow_up(viewer: Viewer, follow_up_id: int, today: dt.date) -> FollowUpView:
    """One follow-up call, whatever its state."""
    _require_desk(viewer)
    row = _query(viewer).where(FollowUp.id == follow_up_id).dicts().first()
    if row is None:
        raise NotFound(R_NO_FOLLOW_UP, id=follow_up_id)
    return _view(row, today, not sees_contact(viewer.actor.facts))


def follow_up_intervals(service: DeskService) -> dict[str, int]:
    """The configured days from a return visit to its follow-up call, by reason ("complaint", "repair")."""
    return {reason: service.config.follow_up_days(reason) for reason in SETTING_FOLLOW_UP_DAYS}


# ----- writes ------------------------------------------------------------------------------------------------------


def _refusal(row: FollowUp) -> ConflictError:
    """Done or cancelled meanwhile (at another desk, or a moment ago): say by whom."""
    if row.state == FollowUpState.DONE:
        name = Staff.select(Staff.name).where(Staff.id == row.done_by_id).scalar() or ""
        return ConflictError(R_DONE, name=name, time=row.done_at.strftime("%Y-%m-%d %H:%M") if row.done_at else "")
    name = Staff.select(Staff.name).where(Staff.id == row.done_by_id).scalar() or ""
    return ConflictError(R_CANCELLED, name=name)


def _planned(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise NotFound(R_NO_FOLLOW_UP, id=follow_up_id)
    if row.state != FollowUpState.PLANNED:
        raise _refusal(row)
    return row


def _close(row: FollowUp, state: FollowUpState, actor: Actor, at: dt.datetime, *, call_id: int | None = None,
           note: str | None = None) -> None:
    """Close a planned follow-up, only if nobody closed it since it was read (the state is its version)."""
    fields = {FollowUp.state: state.value, FollowUp.done_by: actor.id, FollowUp.done_at: at}
    if call_id is not None:
        fields[FollowUp.call] = call_id
    if note is not None:
        fields[FollowUp.note] = note
    updated = FollowUp.update(fields).where(
        (FollowUp.id == row.id) & (FollowUp.state == FollowUpState.PLANNED.value)).execute()
    if updated != 1:
        raise _refusal(FollowUp.get_by_id(row.id))


def do_follow_up(service: DeskService, actor: Actor, follow_up_id: int, *, content: str, note: str = "",
                 next_in_days: int | None = None) -> int:
    """拨打并记录: the desk called the customer back. Writes one outgoing line of the register (去电: phone, the
    customer, what was said, solved, the follow-up text), marks the plan done with that line and, with
    `next_in_days`, plans the next call (定期); all in one transaction. Returns the register line's id.

    A plan done or cancelled meanwhile (at another desk) is refused with ConflictError; a signed register day takes
    no new line (ensure_day_open)."""
    check_texts(content=content, note=note)
    actor = _require_desk(actor)
    content = text_field(content, "content", MAX_CONTENT, required=True)
    note = text_field(note, "note", MAX_NOTE)
    next_days = None if next_in_days is None else _days(next_in_days, "next_in_days", low=1)
    now = service.now()
    with database.atomic():
        row = _planned(follow_up_id)
        number = Ticket.select(Ticket.number).where(Ticket.id == row.ticket_id).scalar() if row.ticket_id else None
        heading = f"回访跟踪 {number}" if number else "定期回访"
        draft = CallDraft(content=content, channel=Channel.PHONE, phone=row.phone, caller_name=row.name,
                          customer_id=row.customer_id,
                          follow_up="；".join(part for part in (heading, note) if part)).validated(
                              area_code=service.area_code())
        call_id = service._insert_call(actor, draft, CallOutcome.SOLVED, direction=CallDirection.OUT)
        _close(row, FollowUpState.DONE, actor, now, call_id=call_id,
               note="；".join(part for part in (row.note, note) if part)[:MAX_NOTE * 2])
        if next_days is not None:
            insert_plan(FollowUpReason.PERIODIC, now.date() + dt.timedelta(days=next_days), actor.id, now,
                        customer_id=row.customer_id, ticket_id=None, name=row.name, phone=row.phone,
                        note=f"续 {number}" if number else "")
    service.events.emit(Change("call", "recorded"))
    service.events.emit(Change("follow_up", "done"))
    return call_id


def cancel_follow_up(service: DeskService, actor: Actor, follow_up_id: int, reason: str) -> None:
    """取消: a follow-up call that will not be made (the customer moved away, asked not to be called), with the
    reason; once."""
    check_texts(reason=reason)
    actor = _require_desk(actor)
    reason = text_field(reason, "reason", MAX_NOTE, required=True)
    now = service.now()
    with database.atomic():
        row = _planned(follow_up_id)
        _close(row, FollowUpState.CANCELLED, actor, now,
               note="；".join(part for part in (row.note, f"取消：{reason}") if part)[:MAX_NOTE * 2])
    service.events.emit(Change("follow_up", "cancelled"))


def plan_follow_up(service: DeskService, actor: Actor, *, customer_id: int | None = None,
                   ticket_id: int | None = None, due_on: dt.date, note: str = "") -> int:
    """定期: plan a follow-up call by hand for a customer (or about a ticket) on `due_on`; returns its id."""
    check_texts(note=note)
    actor = _require_desk(actor)
    note = text_field(note, "note", MAX_NOTE)
    if customer_id is None and ticket_id is None:
        raise ValidationError(R_WHOM, field="customer")
    now = service.now()
    if not isinstance(due_on, dt.date) or _as_date(due_on) < now.date():
        raise ValidationError(R_PAST, field="due_on")
    due_on = _as_date(due_on)
    name, phone = "", ""
    with database.atomic():
        if ticket_id is not None:
            ticket = Ticket.get_or_none(Ticket.id == ticket_id)
            if ticket is None:
                raise NotFound(R_NO_TICKET, id=ticket_id)
            customer_id = customer_id or ticket.customer_id
            name, phone = ticket.caller_name, ticket.phone
        if customer_id is not None:
            customer = Customer.get_or_none(Customer.id == customer_id)
            if customer is None:
                raise NotFound(R_NO_CUSTOMER, id=customer_id)
            name = name or customer.name
            phone = phone or first_number(customer_id)
        if not phone:
            raise ValidationError(R_NO_NUMBER, field="customer")
        plan_id = insert_plan(FollowUpReason.PERIODIC, due_on, actor.id, now, customer_id=customer_id,
                              ticket_id=ticket_id, name=name, phone=phone, note=note)
    service.events.emit(Change("follow_up", "planned"))
    return plan_id


def set_follow_up_intervals(service: DeskService, actor: Actor, *, complaint_days: object,
                            repair_days: object) -> None:
    """The administrator's days from a return visit to its follow-up call (0: no call), each checked on its field;
    apply to the return visits from now on."""
    actor = current_actor(actor)
    require(actor.facts, Operation.ADMINISTER)
    values = {"complaint": _days(complaint_days, "complaint_days", low=0),
              "repair": _days(repair_days, "repair_days", low=0)}
    with database.atomic():
        for reason, days in values.items():
            put_setting(SETTING_FOLLOW_UP_DAYS[reason], str(days))
        audit.record(actor.id, "settings", "follow_up", "follow_up",
                     "; ".join(f"{reason} {days}" for reason, days in values.items()), at=service.now())
    service.forget_cached()
    service.events.emit(Change("settings", "follow_up"))
