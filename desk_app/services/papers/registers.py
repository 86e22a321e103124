"""登记表 of a period from the database: 来电来访登记表 (the whole center's, each day with the supervisor's signature),
客户投诉登记表 and 维修回访登记表 (the tickets the reader may read); each print numbered, a second print of the same
period keeping its number and marked 补打."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

import peewee as pw

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.followups import CallDirection, line_kind
from desk_app.core.kinds import CallOutcome, Channel, ComplaintLevel, Satisfaction, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.papers import FormKind
from desk_app.core.rules import SLIP_KINDS, sees_contact
from desk_app.core.search import mask_address, mask_phone
from desk_app.core.states import Action, State
from desk_app.core.validation import display_phone
from desk_app.models.schema import CallRecord, Customer, Department, History, ReturnVisit, Staff, Ticket
from desk_app.services import register
from desk_app.services.desk import Actor, Viewer
from desk_app.services.papers.numbering import issue
from desk_app.services.queries import organization_name, scope_condition

if TYPE_CHECKING:
    from desk_app.print.registers import RegisterData

__all__ = [
    "MAX_DAYS", "call_register", "call_register_data", "complaint_register", "complaint_register_data",
    "visit_register", "visit_register_data",
]

# A register is printed for a day, a week, a month, at most a year.
MAX_DAYS = 366

R_BACKWARDS = QT_TRANSLATE_NOOP("DeskError", "The period ends before it begins.")
R_TOO_LONG = QT_TRANSLATE_NOOP("DeskError", "A register covers at most {limit} days; this period has {days}.")
REOPENED = "不满意，已重新处理"


# ----- the registers ----------------------------------------------------------------------------------------------


def call_register(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                  at: dt.datetime | None = None) -> bytes:
    """来电来访登记表 of first..last as PDF bytes (see call_register_data)."""
    from desk_app.print.registers import register_pdf  # ReportLab loads on the first print

    return register_pdf(call_register_data(viewer, first, last, actor, at=at))


def complaint_register(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                       at: dt.datetime | None = None) -> bytes:
    """客户投诉登记表 of first..last as PDF bytes (see complaint_register_data)."""
    from desk_app.print.registers import register_pdf

    return register_pdf(complaint_register_data(viewer, first, last, actor, at=at))


def visit_register(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                   at: dt.datetime | None = None) -> bytes:
    """维修回访登记表 of first..last as PDF bytes (see visit_register_data)."""
    from desk_app.print.registers import register_pdf

    return register_pdf(visit_register_data(viewer, first, last, actor, at=at))


def call_register_data(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                       at: dt.datetime | None = None) -> RegisterData:
    """Every call and visit received first..last in the order logged, each day closed by its signature (or the blank
    line to sign), numbered as printed by `actor` at `at` (default now). Read by whom services.register lets read the
    register: the front desk and the summary's readers of the whole territory."""
    from desk_app.print.registers import DaySignature, RegisterData

    _check_period(first, last)
    verdict = register.read_verdict(viewer)
    if not verdict.allowed:
        raise PermissionDenied(verdict.reason, **verdict.params)
    at = _moment(at)
    stamp = _stamp(first, last)
    phone_of, address_of = _contact(viewer)
    linked = Ticket.alias()
    query = (CallRecord
             .select(CallRecord.received_at, CallRecord.channel, CallRecord.caller_name, CallRecord.phone,
                     CallRecord.content, CallRecord.outcome, CallRecord.transferred_to, CallRecord.follow_up,
                     Staff.name, linked.number, CallRecord.direction)
             .join(Staff, on=(CallRecord.agent == Staff.id))
             .switch(CallRecord).join(linked, pw.JOIN.LEFT_OUTER, on=(CallRecord.ticket == linked.id))
             .where(_between(CallRecord.received_at, first, last))
             .order_by(CallRecord.received_at, CallRecord.id).tuples())
    rows, per_day = [], {}
    for received_at, channel, caller, phone, content, outcome, transferred_to, follow_up, agent, number, direction \
            in query:
        result = _name(CallOutcome, outcome)
        if outcome == CallOutcome.TICKET and number:
            result = f"{result} {number}"
        # The desk's own calls (回访跟踪) read 去电 where the customer's read their channel.
        how = chinese(line_kind(direction, channel)) if direction == CallDirection.OUT else _name(Channel, channel)
        rows.append((stamp(received_at), how, caller, phone_of(phone), content, result,
                     transferred_to, follow_up, agent))
        day = _as_datetime(received_at).date()
        per_day[day] = per_day.get(day, 0) + 1
    signatures = {}
    for month in _months(first, last):
        for status in register.month_status(viewer, month).days:
            if status.signed:
                signatures[status.day] = status
    days = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        signed = signatures.get(day)
        days.append(DaySignature(day, per_day.get(day, 0), signed.signed_by if signed else None,
                                 signed.signed_at if signed else None))
    issued = issue(FormKind.CALL_REGISTER, _ref(first, last), actor, at=at)
    return RegisterData(FormKind.CALL_REGISTER, organization_name(), first, last, rows, at, actor.name,
                        issued.number, issued.reprint, days)


def complaint_register_data(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                            at: dt.datetime | None = None) -> RegisterData:
    """Every complaint (投诉 ticket) taken in first..last that `viewer` may read (a department leader: his
    department's), in the order taken in, numbered as printed by `actor` at `at` (default now)."""
    from desk_app.print.registers import RegisterData

    _check_period(first, last)
    at = _moment(at)
    stamp = _stamp(first, last)
    phone_of, address_of = _contact(viewer)
    query = (Ticket
             .select(Ticket.created_at, Ticket.number, Ticket.caller_name, Customer.name, Ticket.phone,
                     Ticket.address, Ticket.description, Ticket.complaint_level, Department.name, Ticket.solution,
                     Ticket.satisfaction, Ticket.state)
             .join(Customer, pw.JOIN.LEFT_OUTER, on=(Ticket.customer == Customer.id))
             .switch(Ticket).join(Department, pw.JOIN.LEFT_OUTER, on=(Ticket.department == Department.id))
             .where(_between(Ticket.created_at, first, last) & (Ticket.kind == TicketKind.COMPLAINT.value)
                    & scope_condition(viewer))
             .order_by(Ticket.created_at, Ticket.id).tuples())
    rows = [(stamp(created_at), number, caller or customer or "", phone_of(phone), address_of(address), description,
             _name(ComplaintLevel, level), department or "", solution, _name(Satisfaction, satisfaction),
             _name(State, state))
            for (created_at, number, caller, customer, phone, address, description, level, department, solution,
                 satisfaction, state) in query]
    issued = issue(FormKind.COMPLAINT_REGISTER, _ref(first, last), actor, at=at)
    return RegisterData(FormKind.COMPLAINT_REGISTER, organization_name(), first, last, rows, at, actor.name,
                        issued.number, issued.reprint)


def visit_register_data(viewer: Viewer, first: dt.date, last: dt.date, actor: Actor, *,
                        at: dt.datetime | None = None) -> RegisterData:
    """Every return visit made first..last of a repair (a ticket of the kinds worked on site with a dispatch slip)
    that `viewer` may read, in the order made; 完工时间 is the completion the visit followed. Numbered as printed by
    `actor` at `at` (default now)."""
    from desk_app.print.registers import RegisterData

    _check_period(first, last)
    at = _moment(at)
    stamp = _stamp(first, last)
    phone_of, address_of = _contact(viewer)
    visitor = Staff.alias()
    resolved = History.alias()
    # A reopened repair is completed again later: the visit's completion is the last one before it.
    completed = (resolved.select(pw.fn.MAX(resolved.at))
                 .where((resolved.ticket == ReturnVisit.ticket) & (resolved.action == Action.RESOLVE.value)
                        & (resolved.at <= ReturnVisit.at)))
    query = (ReturnVisit
             .select(ReturnVisit.at, Ticket.number, Ticket.caller_name, Customer.name, Ticket.phone, Ticket.address,
                     Ticket.description, Ticket.worker, completed.alias("completed"), Ticket.resolved_at,
                     ReturnVisit.satisfaction, visitor.name, ReturnVisit.note, ReturnVisit.reopened)
             .join(Ticket, on=(ReturnVisit.ticket == Ticket.id))
             .join(Customer, pw.JOIN.LEFT_OUTER, on=(Ticket.customer == Customer.id))
             .switch(ReturnVisit).join(visitor, pw.JOIN.LEFT_OUTER, on=(ReturnVisit.by == visitor.id))
             .where(_between(ReturnVisit.at, first, last)
                    & Ticket.kind.in_(sorted(k.value for k in SLIP_KINDS)) & scope_condition(viewer))
             .order_by(ReturnVisit.at, ReturnVisit.id).tuples())
    rows = []
    for (visited_at, number, caller, customer, phone, address, description, worker, completed_at, resolved_at,
         satisfaction, by, note, reopened) in query:
        done = completed_at or resolved_at
        remark = "；".join(part for part in (REOPENED if reopened else "", note or "") if part)
        rows.append((stamp(visited_at), number, caller or customer or "", phone_of(phone), address_of(address),
                     description,
                     worker, stamp(done) if done else "", _name(Satisfaction, satisfaction), by or "", remark))
    issued = issue(FormKind.VISIT_REGISTER, _ref(first, last), actor, at=at)
    return RegisterData(FormKind.VISIT_REGISTER, organization_name(), first, last, rows, at, actor.name,
                        issued.number, issued.reprint)


# ----- helpers ----------------------------------------------------------------------------------------------------


def _contact(viewer: Viewer) -> tuple[Callable[[str], str], Callable[[str], str]]:
    """How a register shows a phone and an address to `viewer`: whole, or masked for those who do not call customers
    (the rule book's sees_contact: the office and the center leader read the registers too)."""
    if sees_contact(viewer.actor.facts):
        return display_phone, lambda address: address
    return (lambda phone: mask_phone(display_phone(phone))), mask_address


def _check_period(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise ValidationError(R_BACKWARDS, field="period")
    days = (last - first).days + 1
    if days > MAX_DAYS:
        raise ValidationError(R_TOO_LONG, field="period", limit=MAX_DAYS, days=days)


def _ref(first: dt.date, last: dt.date) -> str:
    """What the numbering calls the print of a period: the same period printed again is a reprint."""
    return f"{first}:{last}"


def _moment(at: dt.datetime | None) -> dt.datetime:
    return (at or dt.datetime.now()).replace(microsecond=0)


def _between(column: pw.Field, first: dt.date, last: dt.date) -> pw.Expression:
    since = dt.datetime.combine(first, dt.time())
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    return (column >= since) & (column < until)


def _months(first: dt.date, last: dt.date) -> list[str]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _as_datetime(value: object) -> dt.datetime:
    """A timestamp as the database returns it in a tuple (SQLite may give its text)."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _stamp(first: dt.date, last: dt.date):
    """How a time reads in the register: "11-17 09:30" when the period lies in one year (it says which)."""
    pattern = "%m-%d %H:%M" if first.year == last.year else "%Y-%m-%d %H:%M"

    def stamp(value: object) -> str:
        return _as_datetime(value).strftime(pattern)

    return stamp


def _name(kind: type[Enum], value: str | None) -> str:
    """The Chinese name of a stored value; an unknown one (older data) as stored."""
    if not value:
        return ""
    try:
        return chinese(kind(value))
    except (ValueError, KeyError):
        return value
