"""Helpers for the seed-procedure tests: a preset organisation, its people by user name, the ticket's facts as the
database has them, and a guard that proves a refused step wrote nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest

from desk_app.core.errors import DeskError

from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.models.schema import (
    Area,
    CalendarOverride,
    CallRecord,
    Circulation,
    Clock,
    ClockPause,
    ConstructionTask,
    Customer,
    EscalationReport,
    History,
    Inspection,
    InspectionItem,
    Notification,
    Outbox,
    Setting,
    Staff,
    Ticket,
)
from desk_app.services import queries
from desk_app.services.desk import Actor, DeskService
from desk_app.services.presets import apply_preset


class Org(dict):
    """The people of a preset by user name (Actor objects, as a signed-in window holds them)."""

    def dept(self, username: str) -> int:
        department_id = self[username].department_id
        assert department_id is not None, username
        return department_id


def preset_org(name: str, now: dt.datetime) -> Org:
    """Apply a shipped preset to the fresh database and return its staff by user name."""
    apply_preset(name, now=now)
    return Org({s.username: Actor.of(s) for s in Staff.select()})


def ticket(ticket_id: int) -> Ticket:
    return Ticket.get_by_id(ticket_id)


def state(ticket_id: int) -> State:
    return State(Ticket.get_by_id(ticket_id).state)


def clock_row(ticket_id: int, kind: str) -> Clock:
    return Clock.get((Clock.ticket == ticket_id) & (Clock.kind == kind))


def deadline(ticket_id: int, kind: str) -> dt.datetime | None:
    return clock_row(ticket_id, kind).deadline


def steps(ticket_id: int) -> list[tuple[str, str | None, str | None, str]]:
    """The ticket's history as (action, from state, to state, actor's user name), in order."""
    rows = (History.select(History, Staff).join(Staff, on=(History.actor == Staff.id))
            .where(History.ticket == ticket_id).order_by(History.id))
    return [(h.action, h.from_state, h.to_state, h.actor.username) for h in rows]


def actions(ticket_id: int) -> list[str]:
    return [a for a, *_ in steps(ticket_id)]


def last_note(ticket_id: int) -> str:
    return History.select().where(History.ticket == ticket_id).order_by(History.id.desc()).first().note


def note_of(ticket_id: int, action: str) -> str:
    """The note of the ticket's last history line of `action`."""
    return (History.select().where((History.ticket == ticket_id) & (History.action == action))
            .order_by(History.id.desc()).first().note)


def notices(username: str, kind: str | None = None) -> list[Notification]:
    query = (Notification.select().join(Staff, on=(Notification.recipient == Staff.id))
             .where(Staff.username == username))
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(query.order_by(Notification.id))


# Rows a refused step must not add (or, for tickets, change).
_COUNTED = (History, Notification, Outbox, Clock, ClockPause, ConstructionTask, Circulation, CallRecord, Customer,
            EscalationReport, Inspection, InspectionItem, Area, CalendarOverride)


def _snapshot() -> tuple:
    tickets = tuple(Ticket.select(Ticket.id, Ticket.version, Ticket.state).order_by(Ticket.id).tuples())
    staff = tuple(Staff.select(Staff.id, Staff.role, Staff.active, Staff.department).order_by(Staff.id).tuples())
    settings = tuple(Setting.select(Setting.key, Setting.value).order_by(Setting.key).tuples())
    return (tickets, staff, settings, tuple(model.select().count() for model in _COUNTED),
            tuple(Inspection.select(Inspection.id, Inspection.finished_at).order_by(Inspection.id).tuples()))


@contextlib.contextmanager
def refused(error: type[BaseException] | tuple[type[BaseException], ...], match: str | None = None) -> Iterator[None]:
    """The step inside is refused with `error` and writes nothing: no ticket's version or state, no history line,
    clock, pause, construction task, notification, register line, customer, report, inspection, setting or staff
    change."""
    before = _snapshot()
    with pytest.raises(error, match=match):
        yield
    assert _snapshot() == before, "a refused step wrote something"


def outcome(attempt) -> str:
    """"refused" (a DeskError, nothing written), "refused, but wrote" or "done": for checks that collect."""
    before = _snapshot()
    try:
        attempt()
    except DeskError:
        return "refused" if _snapshot() == before else "refused, but wrote"
    return "done"


def visible_ids(service: DeskService, actor: Actor, queue: Queue = Queue.ALL, now: dt.datetime | None = None,
                ) -> set[int]:
    flt = queries.QueueFilter(queue, now or service.now(), viewer=service.viewer(actor))
    return {row.id for row in queries.queue_page(flt, offset=0, limit=10_000)}


def at(text: str) -> dt.datetime:
    """"2026-10-21 23:59:59" → datetime."""
    return dt.datetime.fromisoformat(text)

