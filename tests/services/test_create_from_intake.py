"""create_ticket_from_intake: the register line and its ticket are written together or not at all."""

from __future__ import annotations

import logging
import re

import peewee as pw
import pytest

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.kinds import CallOutcome, TicketKind
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import is_postgres
from desk_app.models.schema import CallRecord, Clock, History, Ticket

PHONE = "13812345678"


def drafts(**ticket_overrides) -> tuple[CallDraft, TicketDraft]:
    call = CallDraft(content="卫生间水管漏水", phone=PHONE, caller_name="张三", address="阳光花园3栋2单元501")
    fields = dict(kind=TicketKind.REPAIR, description="卫生间水管漏水", phone=PHONE, caller_name="张三",
                  address="阳光花园3栋2单元501", area="城北片区")
    fields.update(ticket_overrides)
    return call, TicketDraft(**fields)


def test_call_and_ticket_are_made_together_and_linked(service, people, events):
    seen = []
    events.subscribe(seen.append)
    call_id, ticket_id = service.create_ticket_from_intake(people["reception"], *drafts())
    call = CallRecord.get_by_id(call_id)
    assert call.outcome == CallOutcome.TICKET.value
    assert call.ticket_id == ticket_id
    assert Ticket.get_by_id(ticket_id).description == "卫生间水管漏水"
    assert [h.action for h in History.select().where(History.ticket == ticket_id)] == ["create"]
    assert [(c.topic, c.ticket_id) for c in seen] == [("call", None), ("ticket", ticket_id)]


@pytest.mark.parametrize(("overrides", "field"), [
    ({"kind": ""}, "kind"),
    ({"description": "  "}, "description"),
    ({"phone": "12345"}, "phone"),
    ({"area": "区" * 61}, "area"),
])
def test_a_refused_ticket_leaves_no_register_line(service, people, overrides, field):
    call, draft = drafts(**overrides)
    if "phone" in overrides:
        call = CallDraft(content=call.content, phone=overrides["phone"])
    calls_before, tickets_before = CallRecord.select().count(), Ticket.select().count()
    with pytest.raises(ValidationError) as caught:
        service.create_ticket_from_intake(people["reception"], call, draft)
    assert caught.value.field == field
    assert (CallRecord.select().count(), Ticket.select().count()) == (calls_before, tickets_before)


def test_a_receiver_may_not_take_calls(service, people):
    with pytest.raises(PermissionDenied):
        service.create_ticket_from_intake(people["engineering"], *drafts())
    assert CallRecord.select().count() == 0


class Statements(logging.Handler):
    """The SQL statements peewee runs (its DEBUG log), first word and table."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        sql = record.msg[0] if isinstance(record.msg, tuple) else str(record.msg)
        table = re.search(r'(?:FROM|INTO|UPDATE) "(\w+)"', sql)
        self.seen.append(f"{sql.split()[0]} {table.group(1) if table else ''}".strip())


@pytest.fixture
def statements():
    log = logging.getLogger("peewee")
    handler, level = Statements(), log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    yield handler.seen
    log.removeHandler(handler)
    log.setLevel(level)


def test_the_save_writes_every_row_once_complete(service, people, statements):
    """The actor's record read once (both permissions), the caller's number looked up once (call and ticket), the
    day's register checked once, the number drawn by one statement; the ticket written with its deadlines and its
    routing, the register line already linked: no row is written twice or read back."""
    service.create_ticket_from_intake(people["reception"], *drafts())  # first: the statements are written once
    statements.clear()
    call_id, ticket_id = service.create_ticket_from_intake(people["reception"],
                                                           *drafts(kind=TicketKind.CONSULTATION))
    # On PostgreSQL the history row is followed by the NOTIFY that tells the other desks (services.live).
    notify = ["SELECT"] if is_postgres() else []
    assert statements == ["SELECT staff", "INSERT number_sequence", "SELECT customer_number", "INSERT ticket",
                          "INSERT clock", "INSERT history", *notify, "SELECT register_day", "INSERT call_record"]
    ticket = Ticket.get_by_id(ticket_id)
    first = Clock.select().where(Clock.ticket == ticket_id).order_by(Clock.deadline).first()
    assert (ticket.due_at, ticket.warn_at, ticket.due_clock) == (first.deadline, first.warn_at, first.kind)
    assert ticket.routed == "transfer" and ticket.version == 1 and ticket.number.endswith("000002")
    call = CallRecord.get_by_id(call_id)
    assert (call.outcome, call.ticket_id) == (CallOutcome.TICKET.value, ticket_id)


@pytest.mark.sqlite_only("stands in for an SQLite older than 3.35 (sqlite3.sqlite_version_info)")
def test_numbers_follow_on_an_sqlite_without_upsert_returning(service, people, monkeypatch):
    """SQLite before 3.35 has no RETURNING: the number is drawn by the three statements it always took."""
    first = Ticket.get_by_id(service.create_ticket_from_intake(people["reception"], *drafts())[1]).number
    monkeypatch.setattr(pw.sqlite3, "sqlite_version_info", (3, 34, 1))
    second = Ticket.get_by_id(service.create_ticket_from_intake(people["reception"], *drafts())[1]).number
    assert (first, second) == ("2026-000001", "2026-000002")
