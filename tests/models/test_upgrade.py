"""Real database files of earlier releases are upgraded by today's start-up with nothing lost, and stay usable.

tests/data/desk-v1.db was written by the last release of schema version 1 (commit 5e7ad8b; 0bbd37c has the same
models but does not run on its own), desk-v2.db by commit a5405a3 (schema version 2), desk-v3.db by commit
bfdc00c (the last of schema version 3), desk-v4.db by commit ac41825 (the last of schema version 4) and desk-v5.db by
commit fe90b0b (the last of schema version 5): each from the
old source exported with `git archive` into a temporary folder and run with this project's virtualenv
(PYTHONPATH=<export> python -m desk_app.cli --database sqlite:///<file> init-db, then demo --tickets 40).
tests/data/README.md has the exact commands. The version-2 release could not upgrade a version-1 file with tickets
on SQLite (playhouse rebuilt the ticket table, and dropping it broke history's foreign key), nor could the first
version-3 step a version-2 file (the same with staff); hence these tests, from real files all the way up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desk_app.core.papers import FormKind
from desk_app.core.states import State
from desk_app.models.db import close_database, database
from desk_app.models.migrations import CURRENT_VERSION, schema_version
from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Satisfaction
from desk_app.models.schema import CallRecord, Department, History, ReturnVisit, Staff, Ticket
from desk_app.services import queries, register
from desk_app.services.papers import numbering
from desk_app.services.desk import Actor, DeskService
from desk_app.services.setup import init_database
from tests.conftest import sqlite_url
from tests.models.drift import (
    assert_history_is_append_only,
    assert_return_visits_are_append_only,
    schema_differences,
)

pytestmark = pytest.mark.sqlite_only("upgrades copies of the SQLite files earlier releases wrote (tests/data)")

# What must come through an upgrade row for row: (table, columns that existed in every version, order).
KEPT = {
    "ticket": "id, number, kind, state, department_id, receiver_id, created_by_id, created_at, description, version",
    "staff": "id, username, name, role, department_id, active",
    "history": "id, ticket_id, at, actor_id, action, from_state, to_state, note",
    "department": "id, name, code, receiver_id, active",
    "customer": "id, name, phone, address",
    "call_record": "id, received_at, agent_id, ticket_id, content",
    "clock": "id, ticket_id, kind, started_at, deadline, stopped_at",
    "clock_pause": "id, clock_id, started_at, ended_at",
    "policy_record": "id, code, clocks",
}


def _rows(query) -> dict[str, list[tuple]]:
    return {table: [tuple(row) for row in query(f'SELECT {columns} FROM "{table}" ORDER BY id')]
            for table, columns in KEPT.items()}


def _rows_in_file(path: Path) -> dict[str, list[tuple]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return _rows(lambda sql: db.execute(sql).fetchall())


@pytest.fixture(params=[1, 2, 3, 4, 5], ids=["v1", "v2", "v3", "v4", "v5"])
def upgraded(request, old_database, data_dir):
    """An old file opened by today's start-up (init_database migrates it); yields (its version, rows before)."""
    path = old_database(f"desk-v{request.param}.db")
    before = _rows_in_file(path)
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT MAX(version) FROM schema_version").fetchone() == (request.param,)
    init_database(sqlite_url(path))
    yield request.param, before
    close_database()


def test_old_file_reaches_the_current_version_without_drift(upgraded):
    assert schema_version() == CURRENT_VERSION
    assert schema_differences(database.obj) == []
    assert_history_is_append_only()
    assert_return_visits_are_append_only()


def test_old_tickets_staff_and_history_are_all_still_there(upgraded):
    _, before = upgraded
    assert all(before[table] for table in ("ticket", "staff", "history", "clock"))
    after = _rows(lambda sql: database.execute_sql(sql).fetchall())
    for table in KEPT:
        assert len(after[table]) == len(before[table]), table
        assert after[table] == before[table], table


def test_old_columns_get_the_new_fields_defaults(upgraded):
    version, _ = upgraded
    if version == 1:
        # Added by version 2 to rows that were there: the constant defaults, not NULL.
        assert {(t.scope, t.station, t.sensitive, t.quarantined, t.routed, t.reply_note) for t in Ticket.select()} \
            == {("", "", False, False, "", "")}
        assert {(s.failed_signins, s.must_change_password) for s in Staff.select()} == {(0, False)}


def test_every_old_ticket_can_be_read(upgraded):
    admin = DeskService().viewer(Actor.of(Staff.get(Staff.username == "admin")))
    for ticket_id, number in Ticket.select(Ticket.id, Ticket.number).tuples():
        detail = queries.ticket_detail(admin, ticket_id)
        assert detail.number == number
        assert detail.history, number


def test_an_old_ticket_is_dispatched_and_accepted_through_the_service_layer(upgraded):
    service = DeskService()
    admin = Actor.of(Staff.get(Staff.username == "admin"))
    # A new ticket, or one a department returned (the v5 file's demo dispatched every new one directly).
    ticket = Ticket.select().where(Ticket.state.in_([State.NEW.value, State.RETURNED.value])) \
        .order_by(Ticket.id).first()
    department = Department.select().where(Department.receiver.is_null(False) & Department.active) \
        .order_by(Department.id).first()
    history_before = History.select().where(History.ticket == ticket.id).count()

    def version() -> int:
        return queries.ticket_detail(service.viewer(admin), ticket.id).version

    service.dispatch(admin, ticket.id, department.id, expected_version=version())
    service.accept(admin, ticket.id, expected_version=version())

    detail = queries.ticket_detail(service.viewer(admin), ticket.id)
    assert (detail.state, detail.department_id) == (State.ACCEPTED.value, department.id)
    assert History.select().where(History.ticket == ticket.id).count() == history_before + 2


def _visit_from_history(action: str, note: str) -> tuple[str, str, bool]:
    """What DeskService.return_visit wrote into the history, read back: (satisfaction, note, reopened)."""
    head, _, rest = note.partition("; ")
    if action == "reopen":
        return Satisfaction.UNSATISFIED.value, rest if head == Satisfaction.UNSATISFIED.value else note, True
    return head, rest, False


def test_return_visits_are_filled_from_the_history(upgraded, old_database):
    version, _ = upgraded
    if version >= 4:
        # The release wrote its own return-visit rows; later migrations leave them as they were.
        with contextlib.closing(sqlite3.connect(old_database(f"desk-v{version}.db"))) as db:
            kept = db.execute("SELECT id, ticket_id, at, satisfaction, note, reopened FROM return_visit "
                              "ORDER BY id").fetchall()
        assert kept
        assert [(r.id, r.ticket_id, r.at.strftime("%Y-%m-%d %H:%M:%S"), r.satisfaction, r.note, int(r.reopened))
                for r in ReturnVisit.select().order_by(ReturnVisit.id)] == [tuple(k) for k in kept]
        return
    with contextlib.closing(sqlite3.connect(old_database(f"desk-v{version}.db"))) as db:
        history = db.execute("SELECT ticket_id, at, actor_id, action, note FROM history "
                             "WHERE action IN ('visit', 'reopen') ORDER BY id").fetchall()
    expected = [(ticket, at, actor, *_visit_from_history(action, note))
                for ticket, at, actor, action, note in history]
    assert {row[3] for row in expected} >= {"satisfied", "unsatisfied"}     # visits and reopens in every file
    found = [(r.ticket_id, r.at.strftime("%Y-%m-%d %H:%M:%S"), r.by_id, r.satisfaction, r.note, r.reopened)
             for r in ReturnVisit.select().order_by(ReturnVisit.id)]
    assert found == expected
    assert all(row[3] in {s.value for s in Satisfaction} for row in found)


def test_an_upgraded_file_keeps_the_register_and_return_visits_going(upgraded):
    service = DeskService()
    supervisor = Actor.of(Staff.get(Staff.username == "supervisor"))
    last_day = CallRecord.select(CallRecord.received_at).order_by(CallRecord.received_at.desc()).first() \
        .received_at.date()
    start = dt.datetime.combine(last_day, dt.time())
    lines = CallRecord.select().where((CallRecord.received_at >= start)
                                      & (CallRecord.received_at < start + dt.timedelta(days=1))).count()
    assert register.sign_day(service, supervisor, last_day) == lines > 0
    view = register.register_day(service.viewer(supervisor), last_day)
    assert (view.calls, view.signed_by) == (lines, "林主管")
    with pytest.raises(ValidationError, match="is signed; ask the supervisor"):
        register.ensure_day_open(last_day)
    # A new return visit of an old resolved ticket (the v1 and v2 files have one) joins the ones filled in.
    resolved = Ticket.select().where(Ticket.state == State.RESOLVED.value).order_by(Ticket.id).first()
    if resolved is not None:
        before = ReturnVisit.select().count()
        service.return_visit(Actor.of(Staff.get(Staff.username == "reception")), resolved.id,
                             Satisfaction.SATISFIED, "回访满意")
        newest = ReturnVisit.select().order_by(ReturnVisit.id.desc()).first()
        assert (ReturnVisit.select().count(), newest.ticket_id, newest.note) == (before + 1, resolved.id, "回访满意")


def test_an_upgraded_file_numbers_its_printed_forms(upgraded):
    reception = Actor.of(Staff.get(Staff.username == "reception"))
    first, second = Ticket.select(Ticket.number).order_by(Ticket.id).limit(2)
    at = dt.datetime(2026, 12, 1, 9, 0)
    assert numbering.issue(FormKind.SLIP, first.number, reception, at=at) == numbering.IssuedNumber(
        "2026-0001", reprint=False, times=1)
    assert numbering.issue(FormKind.SLIP, second.number, reception, at=at).number == "2026-0002"
    assert numbering.issue(FormKind.SLIP, first.number, reception, at=at).reprint


def test_an_upgraded_file_has_every_customer_number_indexed_and_searchable(upgraded):
    """Version 6: each old customer's number is a customer_number row (the lookup's index), its address a
    customer_address row, its name's pinyin filled in; the full-text indexes hold the old tickets and customers."""
    from desk_app.core.search import name_keys, national_digits
    from desk_app.models.schema import Customer, CustomerAddress, CustomerNumber
    from desk_app.services.customer_store import customer_id_by_number

    customers = list(Customer.select().order_by(Customer.id))
    assert customers
    for customer in customers:
        numbers = [(n.number, n.digits) for n in CustomerNumber.select().where(CustomerNumber.customer == customer.id)]
        assert numbers == [(customer.phone, national_digits(customer.phone))]
        assert customer_id_by_number(customer.phone) == min(
            c.id for c in customers if c.phone == customer.phone)
        assert (customer.name_pinyin, customer.name_initials) == name_keys(customer.name)
        assert customer.name in customer.search_text and national_digits(customer.phone) in customer.search_text
        if customer.address:
            assert CustomerAddress.get(CustomerAddress.customer == customer.id).address == customer.address
    ticket = Ticket.select().order_by(Ticket.id).first()
    fragment = ticket.description[1:6]
    found = [r[0] for r in database.execute_sql(
        "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?", (f'"{fragment}"',))]
    assert ticket.id in found
    someone = customers[0]
    found = [r[0] for r in database.execute_sql(
        "SELECT rowid FROM customer_fts WHERE customer_fts MATCH ?", (f'"{national_digits(someone.phone)[-4:]}"',))]
    assert someone.id in found


def test_a_second_number_of_schema_5_moves_to_customer_number(old_database, data_dir):
    """phone2 existed (no screen ever set it, so the shipped files have none): a file given one by hand keeps it as
    the customer's second number, found by the lookup."""
    from desk_app.models.schema import CustomerNumber
    from desk_app.services.customer_store import customer_id_by_number

    path = old_database("desk-v5.db")
    with contextlib.closing(sqlite3.connect(path)) as db:
        first = db.execute("SELECT id, phone FROM customer ORDER BY id LIMIT 1").fetchone()
        db.execute("UPDATE customer SET phone2 = '+861062345678' WHERE id = ?", (first[0],))
        db.commit()
    init_database(sqlite_url(path))
    try:
        rows = [(n.number, n.digits, n.position) for n in
                CustomerNumber.select().where(CustomerNumber.customer == first[0]).order_by(CustomerNumber.position)]
        assert rows == [(first[1], first[1][3:], 0), ("+861062345678", "01062345678", 1)]
        assert customer_id_by_number("+861062345678") == first[0]
        assert "phone2" not in {c.name for c in database.get_columns("customer")}
    finally:
        close_database()
