"""来电来访登记表: the day's call/visit register read as a table, signed by the customer-service supervisor at the end of
the day and archived by month ("客服主管每日审核签字，月度存档"); a signed day's lines are read-only.

The register is the whole center's: the front desk (who records calls) and the summary's readers who read the whole
territory read it; a reader bound to a department or an area (部门领导, 二级客服 of a jurisdiction) does not.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

import peewee as pw

from desk_app.core.errors import ConflictError, DeskError, PermissionDenied, ValidationError
from desk_app.core.followups import CallDirection, LineKind, line_kind
from desk_app.core.kinds import CallOutcome
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.rules import Verdict, may_operate, sees_contact
from desk_app.core.search import mask_phone
from desk_app.core.text import check_texts
from desk_app.core.validation import TicketDraft, display_phone
from desk_app.models.db import database
from desk_app.models.schema import CallRecord, RegisterDay, RegisterMonth, Staff, Ticket
from desk_app.services import audit
from desk_app.services.desk import Actor, DeskService, Viewer
from desk_app.services.events import Change
# The desk's writes ask ensure_day_open (a module below them); it is part of this module's interface too.
from desk_app.services.register_days import R_ARCHIVED, R_DAY_CLOSED, ensure_day_open, month_of

__all__ = [
    "DayStatus", "LineFilter", "MonthStatus", "RegisterDayView", "RegisterLine", "archive_month", "archive_verdict",
    "ensure_day_open", "filter_lines", "month_days", "month_of", "month_status", "read_verdict", "register_day",
    "sign_day", "sign_verdict", "solve_line", "solve_verdict", "ticket_from_line", "ticket_verdict",
]

MAX_NOTE = 500
# How many unsigned days a refusal to archive names before "…".
NAMED_DAYS = 10

R_READER = QT_TRANSLATE_NOOP("DeskError", "Not allowed: {role} does not read the call register.")
R_TERRITORY = QT_TRANSLATE_NOOP("DeskError", "Not allowed: the call register is the whole center's; you read the "
                                             "tickets of your own department or area only.")
R_FUTURE = QT_TRANSLATE_NOOP("DeskError", "{day} has not come yet: a day is signed on the day or after it.")
R_SIGNED = QT_TRANSLATE_NOOP("DeskError", "The register of {day} is signed already (by {name}).")
R_MONTH_RUNNING = QT_TRANSLATE_NOOP("DeskError", "{month} is not over yet: a month is archived after its last day.")
R_UNSIGNED = QT_TRANSLATE_NOOP("DeskError", "{count} day(s) of {month} with calls are not signed yet: {days}.")
R_MONTH_ARCHIVED = QT_TRANSLATE_NOOP("DeskError", "{month} is archived already (by {name}).")
R_NOT_A_MONTH = QT_TRANSLATE_NOOP("DeskError", "Not a month: {month} (write it as 2026-11).")
R_LINE_CLOSED = QT_TRANSLATE_NOOP("DeskError", "This line is closed already: answered, or a ticket.")
R_OUTGOING = QT_TRANSLATE_NOOP("DeskError", "An outgoing call is the desk's own: it is not answered or made a "
                                            "ticket.")

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Refusals that are about the day or the month, not the person: the exception each one raises.
_ERRORS: dict[str, type[DeskError]] = {
    R_FUTURE: ValidationError, R_SIGNED: ConflictError, R_ARCHIVED: ConflictError, R_MONTH_RUNNING: ValidationError,
    R_UNSIGNED: ValidationError, R_MONTH_ARCHIVED: ConflictError,
}


# ----- views ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterLine:
    """One line of the register: a call or a visit as the front desk logged it."""

    id: int
    received_at: dt.datetime
    channel: str                 # core.kinds.Channel value
    caller_name: str
    phone: str                   # as shown (display_phone)
    content: str
    agent: str
    outcome: str                 # core.kinds.CallOutcome value
    transferred_to: str          # 流转人
    follow_up: str               # 跟进情况
    ticket_id: int | None
    ticket_number: str
    direction: str = CallDirection.IN.value      # core.followups.CallDirection value: in, or out (去电)
    customer_id: int | None = None

    @property
    def kind(self) -> LineKind:
        """来电, 来访 or 去电."""
        return line_kind(self.direction, self.channel)

    @property
    def open(self) -> bool:
        """Neither answered nor a ticket yet."""
        return self.outcome == CallOutcome.OPEN


class LineFilter(StrEnum):
    """Which lines of the day the register shows: all, the incoming ones, the outgoing ones (去电), the open ones."""

    ALL = "all"
    INCOMING = "in"
    OUTGOING = "out"
    OPEN = "open"


def filter_lines(lines: list[RegisterLine], which: LineFilter | str) -> list[RegisterLine]:
    """The lines a filter keeps, in their order."""
    which = LineFilter(which)
    if which == LineFilter.INCOMING:
        return [line for line in lines if line.direction != CallDirection.OUT]
    if which == LineFilter.OUTGOING:
        return [line for line in lines if line.direction == CallDirection.OUT]
    if which == LineFilter.OPEN:
        return [line for line in lines if line.open]
    return list(lines)


@dataclass(frozen=True)
class RegisterDayView:
    """One day of the register, its signature (None: not signed) and whether its month is archived."""

    day: dt.date
    lines: list[RegisterLine] = field(default_factory=list)
    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    signed_calls: int | None = None      # the lines the signature covered
    note: str = ""
    archived: bool = False

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def calls(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class DayStatus:
    """A day of the month view: its number of lines and its signature."""

    day: dt.date
    calls: int
    signed_by: str | None = None
    signed_at: dt.datetime | None = None

    @property
    def signed(self) -> bool:
        return self.signed_at is not None


@dataclass(frozen=True)
class MonthStatus:
    """Every day of a month ("2026-11") with its calls and signature, and the month's archiving."""

    month: str
    days: list[DayStatus]
    archived_by: str | None = None
    archived_at: dt.datetime | None = None

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def calls(self) -> int:
        return sum(d.calls for d in self.days)

    @property
    def unsigned(self) -> list[dt.date]:
        """The days with calls that nobody signed."""
        return [d.day for d in self.days if d.calls and not d.signed]

    @property
    def first_day(self) -> dt.date:
        return self.days[0].day

    @property
    def last_day(self) -> dt.date:
        return self.days[-1].day


# ----- dates -----------------------------------------------------------------------------------------------------


def month_days(month: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of a month written "YYYY-MM"; ValidationError otherwise."""
    match = _MONTH.match((month or "").strip())
    number = int(match.group(2)) if match else 0
    if not match or not 1 <= number <= 12 or int(match.group(1)) < 1:
        raise ValidationError(R_NOT_A_MONTH, field="month", month=month)
    year = int(match.group(1))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def _as_day(day: dt.date | dt.datetime) -> dt.date:
    return day.date() if isinstance(day, dt.datetime) else day


def _day_range(first: dt.date, last: dt.date) -> pw.Expression:
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time())
    return (CallRecord.received_at >= start) & (CallRecord.received_at < end)


# ----- the rule book's answers -------------------------------------------------------------------------------------


def read_verdict(viewer: Viewer) -> Verdict:
    """May this reader read the register: the front desk (records calls) or the summary's readers, and only who reads
    the whole territory (a department leader's view of it would show other departments' callers)."""
    facts = viewer.actor.facts
    if not facts.active:
        return may_operate(facts, Operation.RECORD_CALL)     # the rule book's refusal of an inactive account
    if not (may_operate(facts, Operation.RECORD_CALL).allowed or may_operate(facts, Operation.VIEW_SUMMARY).allowed):
        return Verdict(False, R_READER, {"role": facts.role})
    if not viewer.scope.everything or viewer.scope.areas is not None:
        return Verdict(False, R_TERRITORY)
    return Verdict(True)


def sign_verdict(viewer: Viewer, view: RegisterDayView, today: dt.date) -> Verdict:
    """May this reader sign the day shown now: the supervisor's permission, a day not signed, not archived, come."""
    allowed = may_operate(viewer.actor.facts, Operation.SIGN_REGISTER)
    if not allowed.allowed:
        return allowed
    return _day_refusal(view.day, today, view.signed_by if view.signed else None, view.archived)


def archive_verdict(viewer: Viewer, status: MonthStatus, today: dt.date) -> Verdict:
    """May this reader archive the month shown: the supervisor's permission, the month over and every day with calls
    signed, not archived already."""
    allowed = may_operate(viewer.actor.facts, Operation.SIGN_REGISTER)
    if not allowed.allowed:
        return allowed
    return _month_refusal(status, today)


def _day_refusal(day: dt.date, today: dt.date, signed_by: str | None, archived: bool) -> Verdict:
    if archived:
        return Verdict(False, R_ARCHIVED, {"month": month_of(day)})
    if signed_by is not None:
        return Verdict(False, R_SIGNED, {"day": day.isoformat(), "name": signed_by})
    if day > today:
        return Verdict(False, R_FUTURE, {"day": day.isoformat()})
    return Verdict(True)


def _month_refusal(status: MonthStatus, today: dt.date) -> Verdict:
    if status.archived:
        return Verdict(False, R_MONTH_ARCHIVED, {"month": status.month, "name": status.archived_by or ""})
    if today <= status.last_day:
        return Verdict(False, R_MONTH_RUNNING, {"month": status.month})
    unsigned = status.unsigned
    if unsigned:
        named = ", ".join(d.isoformat() for d in unsigned[:NAMED_DAYS]) + (" …" if len(unsigned) > NAMED_DAYS else "")
        return Verdict(False, R_UNSIGNED, {"count": len(unsigned), "month": status.month, "days": named})
    return Verdict(True)


def _line_refusal(view: RegisterDayView, line: RegisterLine) -> Verdict:
    if view.archived:
        return Verdict(False, R_ARCHIVED, {"month": month_of(view.day)})
    if view.signed:
        return Verdict(False, R_DAY_CLOSED, {"day": view.day.isoformat()})
    if line.direction == CallDirection.OUT:
        return Verdict(False, R_OUTGOING)
    if not line.open:
        return Verdict(False, R_LINE_CLOSED)
    return Verdict(True)


def solve_verdict(viewer: Viewer, view: RegisterDayView, line: RegisterLine) -> Verdict:
    """May this reader close an open incoming line as answered (已解答): who records calls, on a day not signed."""
    allowed = may_operate(viewer.actor.facts, Operation.RECORD_CALL)
    return allowed if not allowed.allowed else _line_refusal(view, line)


def ticket_verdict(viewer: Viewer, view: RegisterDayView, line: RegisterLine) -> Verdict:
    """May this reader make a ticket of an open incoming line (转为工单): who creates tickets, on a day not signed."""
    allowed = may_operate(viewer.actor.facts, Operation.CREATE_TICKET)
    return allowed if not allowed.allowed else _line_refusal(view, line)


def _raise(verdict: Verdict) -> None:
    if verdict.allowed:
        return
    kind = _ERRORS.get(verdict.reason)
    if kind is None:
        raise verdict.error()
    raise kind(verdict.reason, **verdict.params)


def _require_reader(viewer: Viewer) -> None:
    verdict = read_verdict(viewer)
    if not verdict.allowed:
        raise PermissionDenied(verdict.reason, **verdict.params)


# ----- reads -----------------------------------------------------------------------------------------------------


def register_day(viewer: Viewer, day: dt.date) -> RegisterDayView:
    """The day's register in the order the lines were logged, with its signature and its month's archiving."""
    _require_reader(viewer)
    day = _as_day(day)
    ticket = Ticket.alias()
    rows = (CallRecord.select(CallRecord, Staff.name.alias("agent_name"), ticket.number.alias("ticket_number"))
            .join(Staff, on=(CallRecord.agent == Staff.id))
            .switch(CallRecord).join(ticket, pw.JOIN.LEFT_OUTER, on=(CallRecord.ticket == ticket.id))
            .where(_day_range(day, day))
            .order_by(CallRecord.received_at, CallRecord.id).dicts())
    contact = sees_contact(viewer.actor.facts)   # the office and the center leader read it masked
    lines = [RegisterLine(r["id"], r["received_at"], r["channel"], r["caller_name"],
                          display_phone(r["phone"]) if contact else mask_phone(display_phone(r["phone"])),
                          r["content"], r["agent_name"], r["outcome"], r["transferred_to"], r["follow_up"],
                          r["ticket"], r["ticket_number"] or "", r["direction"] or CallDirection.IN.value,
                          r["customer"]) for r in rows]
    signature = (RegisterDay.select(RegisterDay, Staff.name.alias("signer"))
                 .join(Staff, on=(RegisterDay.signed_by == Staff.id))
                 .where(RegisterDay.day == day).dicts().first())
    archived = RegisterMonth.select(RegisterMonth.id).where(RegisterMonth.month == month_of(day)).exists()
    if signature is None:
        return RegisterDayView(day, lines, archived=archived)
    return RegisterDayView(day, lines, signature["signer"], signature["signed_at"], signature["calls"],
                           signature["note"], archived)


def month_status(viewer: Viewer, month: str) -> MonthStatus:
    """Every day of the month with its number of lines (one GROUP BY) and its signature; the month's archiving."""
    _require_reader(viewer)
    return _month_status(*month_days(month))


def _month_status(first: dt.date, last: dt.date) -> MonthStatus:
    day_of = pw.fn.DATE(CallRecord.received_at)
    counts = {_parse_day(day): n for day, n in (CallRecord.select(day_of, pw.fn.COUNT(CallRecord.id))
                                                .where(_day_range(first, last)).group_by(day_of).tuples())}
    signatures = {_parse_day(r["day"]): r for r in (
        RegisterDay.select(RegisterDay.day, RegisterDay.signed_at, Staff.name.alias("signer"))
        .join(Staff, on=(RegisterDay.signed_by == Staff.id))
        .where((RegisterDay.day >= first) & (RegisterDay.day <= last)).dicts())}
    days = []
    for offset in range((last - first).days + 1):
        day = first + dt.timedelta(days=offset)
        signature = signatures.get(day)
        days.append(DayStatus(day, counts.get(day, 0), signature["signer"] if signature else None,
                              signature["signed_at"] if signature else None))
    archive = (RegisterMonth.select(RegisterMonth.archived_at, Staff.name.alias("archiver"))
               .join(Staff, on=(RegisterMonth.archived_by == Staff.id))
               .where(RegisterMonth.month == month_of(first)).dicts().first())
    return MonthStatus(month_of(first), days, archive["archiver"] if archive else None,
                       archive["archived_at"] if archive else None)


def _parse_day(value: object) -> dt.date:
    """DATE(...) as the database returns it: a date (PostgreSQL) or "YYYY-MM-DD" (SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# ----- writes ----------------------------------------------------------------------------------------------------


def solve_line(service: DeskService, actor: Actor, call_id: int, note: str = "") -> None:
    """已解答: close an open incoming line of the register as answered at first contact (the desk's solve_call,
    which refuses a signed day); an outgoing line is the desk's own call and is refused."""
    check_texts(note=note)
    _refuse_outgoing(call_id)
    service.solve_call(actor, call_id, note)


def ticket_from_line(service: DeskService, actor: Actor, call_id: int, draft: TicketDraft) -> int:
    """转为工单: make a ticket of an open incoming line (the desk's create_ticket with the line: it refuses a line
    answered or made a ticket meanwhile, and a signed day). Returns the ticket's id."""
    _refuse_outgoing(call_id)
    return service.create_ticket(actor, draft, call_id=call_id)


def _refuse_outgoing(call_id: int) -> None:
    """An outgoing line, or one answered or made a ticket already, is not answered again (the desk's own checks say
    the rest: a missing line, a signed day)."""
    row = CallRecord.select(CallRecord.direction, CallRecord.outcome).where(CallRecord.id == call_id).first()
    if row is None:
        return
    if row.direction == CallDirection.OUT:
        raise ValidationError(R_OUTGOING)
    if row.outcome != CallOutcome.OPEN:
        raise ConflictError(R_LINE_CLOSED)


def sign_day(service: DeskService, actor: Actor, day: dt.date, note: str = "") -> int:
    """签字: the supervisor signs the day's register (name and time recorded); its lines are read-only from then on.
    Returns how many lines the signature covers."""
    check_texts(note=note)
    actor = service._require(actor, Operation.SIGN_REGISTER)   # the actor as the database has them now
    day = _as_day(day)
    note = (note or "").strip()[:MAX_NOTE]
    now = service.now()
    try:
        with database.atomic():
            signature = (RegisterDay.select(RegisterDay.id, Staff.name.alias("signer"))
                         .join(Staff, on=(RegisterDay.signed_by == Staff.id))
                         .where(RegisterDay.day == day).dicts().first())
            archived = RegisterMonth.select(RegisterMonth.id).where(RegisterMonth.month == month_of(day)).exists()
            _raise(_day_refusal(day, now.date(), signature["signer"] if signature else None, archived))
            calls = CallRecord.select(pw.fn.COUNT(CallRecord.id)).where(_day_range(day, day)).scalar() or 0
            RegisterDay.create(day=day, signed_by=actor.id, signed_at=now, calls=calls, note=note)
            audit.record(actor.id, "register", "sign", day.isoformat(),
                         f"{calls} lines" + (f"; {note}" if note else ""), at=now)
    except pw.IntegrityError:   # another supervisor's desk signed the same day a moment ago
        signer = (Staff.select(Staff.name).join(RegisterDay, on=(RegisterDay.signed_by == Staff.id))
                  .where(RegisterDay.day == day).scalar())
        raise ConflictError(R_SIGNED, day=day.isoformat(), name=signer or "") from None
    service.events.emit(Change("register", "sign"))
    return calls


def archive_month(service: DeskService, actor: Actor, month: str) -> int:
    """月度存档: archive a month that is over and whose every day with calls is signed (the refusal names the days
    that are not). Returns the month's number of lines."""
    check_texts(month=month)
    actor = service._require(actor, Operation.SIGN_REGISTER)
    first, last = month_days(month)
    month = month_of(first)
    now = service.now()
    try:
        with database.atomic():
            status = _month_status(first, last)
            _raise(_month_refusal(status, now.date()))
            signed_days = sum(1 for d in status.days if d.signed)
            RegisterMonth.create(month=month, archived_by=actor.id, archived_at=now, days=signed_days,
                                 calls=status.calls)
            audit.record(actor.id, "register", "archive", month, f"{signed_days} days; {status.calls} lines", at=now)
    except pw.IntegrityError:   # archived by another desk a moment ago
        archiver = (Staff.select(Staff.name).join(RegisterMonth, on=(RegisterMonth.archived_by == Staff.id))
                    .where(RegisterMonth.month == month).scalar())
        raise ConflictError(R_MONTH_ARCHIVED, month=month, name=archiver or "") from None
    service.events.emit(Change("register", "archive"))
    return status.calls
