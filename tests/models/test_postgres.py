"""The shared-database setup on a real PostgreSQL server: schema (the drift check, an upgrade from version 1 with
rows in it), append-only history, numbers under concurrent desks, and the version check between two desks."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import peewee
import pytest

from desk_app.core.errors import ConflictError, ValidationError
from desk_app.core.kinds import TicketKind
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.db import close_database, database, is_postgres, open_database
from desk_app.models.migrations import CURRENT_VERSION, MIGRATIONS, migrate, schema_version
from desk_app.models.schema import History, ReturnVisit, SchemaVersion, Staff, Ticket
from desk_app.services import queries
from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from desk_app.services.setup import init_database
from tests.models.drift import (
    assert_history_is_append_only,
    assert_return_visits_are_append_only,
    schema_differences,
)

_names = itertools.count()




@pytest.fixture
def pg(cluster):
    url = cluster.create_database(f"pg_desk_{next(_names)}")
    init_database(url)
    yield url
    close_database()


def draft() -> TicketDraft:
    return TicketDraft(kind=TicketKind.REPAIR, description="水管漏水", phone="13812345678", caller_name="张三")


def test_schema_is_migrated_on_postgres(pg):
    assert is_postgres()
    assert schema_version() == CURRENT_VERSION


def test_schema_matches_the_models_on_postgres(pg):
    assert schema_differences(database.obj) == []
    people = create_organization()
    DeskService().create_ticket(people["reception"], draft())
    assert_history_is_append_only()


def test_version_1_database_with_rows_is_upgraded_on_postgres(cluster):
    open_database(cluster.create_database(f"pg_desk_{next(_names)}"))
    try:
        with database.atomic():
            MIGRATIONS[0][1]()
            SchemaVersion.create(version=1)
        # Rows as the version-1 release wrote them: only its columns.
        database.execute_sql("INSERT INTO staff (username, name, role, phone, email, active) "
                             "VALUES ('admin', '管理员', 'admin', '', '', TRUE)")
        database.execute_sql(
            "INSERT INTO ticket (number, kind, variant, channel, category, urgency, impact, priority, policy_code, "
            "caller_name, phone, address, area, description, state, worker, created_by_id, created_at, accepted_at, "
            "solution, updated_at, version, provisional) VALUES ('2026-000001', 'repair', '', 'phone', '', 'high', "
            "'high', 1, 'repair', '', '13812345678', '', '', '水管漏水', 'new', '', 1, '2026-11-26 09:00', "
            "'2026-11-26 09:00', '', '2026-11-26 09:00', 1, FALSE)")
        database.execute_sql("INSERT INTO history (ticket_id, at, action, note) VALUES (1, '2026-11-26 09:00', "
                             "'create', '')")
        assert migrate() == CURRENT_VERSION - 1
        assert schema_differences(database.obj) == []
        staff, ticket = Staff.get(), Ticket.get()
        assert (staff.failed_signins, staff.must_change_password) == (0, False)
        assert (ticket.number, ticket.scope, ticket.sensitive, ticket.quarantined, ticket.reply_note) == (
            "2026-000001", "", False, False, "")
        assert_history_is_append_only()
    finally:
        close_database()


def test_ticket_numbers_stay_unique_when_desks_create_at_once_on_postgres(pg):
    people = create_organization()
    service = DeskService(now=lambda: dt.datetime(2026, 11, 17, 9, 0))
    errors: list[BaseException] = []

    def desk() -> None:
        try:
            for _ in range(10):
                service.create_ticket(people["reception"], draft())
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=desk) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [t.number for t in Ticket.select(Ticket.number)]
    assert len(numbers) == len(set(numbers)) == 40
    assert max(numbers) == "2026-000040"


def test_history_is_append_only_on_postgres(pg):
    people = create_organization()
    DeskService().create_ticket(people["reception"], draft())
    with pytest.raises(peewee.DatabaseError):
        with database.atomic():
            History.update(note="changed").execute()
    assert History.select().count() == 1


def test_two_desks_never_overwrite_each_other_silently_on_postgres(pg):
    people = create_organization()
    service = DeskService()
    ticket_id = service.create_ticket(people["reception"], draft())
    seen_by_both = queries.ticket_detail(service.viewer(people["reception"]), ticket_id).version
    service.dispatch(people["reception"], ticket_id, people["engineering"].department_id,
                     expected_version=seen_by_both)
    with pytest.raises(ConflictError):
        service.dispatch(people["reception2"], ticket_id, people["finance"].department_id,
                         expected_version=seen_by_both)
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.state, ticket.department_id) == (State.DISPATCHED, people["engineering"].department_id)


def test_version_3_database_with_visits_is_upgraded_on_postgres(cluster):
    open_database(cluster.create_database(f"pg_desk_{next(_names)}"))
    try:
        for number, step in MIGRATIONS[:3]:
            with database.atomic():
                step()
                SchemaVersion.create(version=number)
        database.execute_sql("INSERT INTO staff (username, name, role, phone, email, active, failed_signins, "
                             "must_change_password, jurisdiction) VALUES ('reception', '王芳', 'receptionist', '', "
                             "'', TRUE, 0, FALSE, '')")
        database.execute_sql(
            "INSERT INTO ticket (number, kind, variant, channel, category, urgency, impact, priority, policy_code, "
            "caller_name, phone, address, area, description, state, worker, created_by_id, created_at, accepted_at, "
            "solution, updated_at, version, provisional, scope, station, sensitive, quarantined, routed, reply_note) "
            "VALUES ('2026-000001', 'repair', '', 'phone', '', 'high', 'high', 1, 'repair', '', '13812345678', '', "
            "'', '水管漏水', 'visited', '', 1, '2026-11-26 09:00', '2026-11-26 09:00', '', '2026-11-26 09:00', 1, "
            "FALSE, '', '', FALSE, FALSE, '', '')")
        for at, action, note in (("2026-11-27 09:00", "reopen", "unsatisfied; 仍在漏水"),
                                 ("2026-11-28 10:00", "visit", "satisfied; 已修好; 业主确认"),
                                 ("2026-11-29 11:00", "visit", "basically")):
            database.execute_sql("INSERT INTO history (ticket_id, at, actor_id, action, note) "
                                 "VALUES (1, %s, 1, %s, %s)", (at, action, note))
        assert migrate() == CURRENT_VERSION - 3 and schema_version() == CURRENT_VERSION
        assert schema_differences(database.obj) == []
        assert [(r.at, r.by_id, r.satisfaction, r.note, r.reopened)
                for r in ReturnVisit.select().order_by(ReturnVisit.id)] == [
            (dt.datetime(2026, 11, 27, 9, 0), 1, "unsatisfied", "仍在漏水", True),
            (dt.datetime(2026, 11, 28, 10, 0), 1, "satisfied", "已修好; 业主确认", False),
            (dt.datetime(2026, 11, 29, 11, 0), 1, "basically", "", False),
        ]
        assert_return_visits_are_append_only()
    finally:
        close_database()


def test_the_register_is_signed_and_archived_on_postgres(pg):
    from desk_app.core.validation import CallDraft
    from desk_app.services import register

    people = create_organization()
    now = [dt.datetime(2026, 11, 3, 9, 0)]
    service = DeskService(now=lambda: now[0])
    for day, hours in ((3, (9, 23)), (17, (8,))):
        for hour in hours:
            now[0] = dt.datetime(2026, 11, day, hour, 30)
            service.record_call(people["reception"], CallDraft(content="询问停水时间", phone="13812345678"))
    assert register.sign_day(service, people["supervisor"], dt.date(2026, 11, 17)) == 1
    status = register.month_status(service.viewer(people["supervisor"]), "2026-11")
    assert {d.day.day: d.calls for d in status.days if d.calls} == {3: 2, 17: 1}
    assert status.unsigned == [dt.date(2026, 11, 3)]
    now[0] = dt.datetime(2026, 12, 1, 9, 0)
    with pytest.raises(ValidationError, match="2026-11-03"):
        register.archive_month(service, people["supervisor"], "2026-11")
    register.sign_day(service, people["supervisor"], dt.date(2026, 11, 3))
    assert register.archive_month(service, people["supervisor"], "2026-11") == 3
    assert register.register_day(service.viewer(people["reception"]), dt.date(2026, 11, 3)).archived
    with pytest.raises(ConflictError):
        register.sign_day(service, people["supervisor"], dt.date(2026, 11, 3))
