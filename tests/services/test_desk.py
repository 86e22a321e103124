"""The service layer on a real SQLite file: the walking skeleton's path, clocks, permissions, versions and history."""

from __future__ import annotations

import datetime as dt
import threading

import peewee
import pytest

from desk_app.core.errors import ConflictError, DeskError, PermissionDenied, ValidationError
from desk_app.core.kinds import CallOutcome, Channel, Level, Satisfaction, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import database

from desk_app.models.schema import CallRecord, Clock, ClockPause, History, Staff, Ticket
from desk_app.services import queries
from desk_app.services.desk import Actor

PHONE = "13812345678"


def draft(**overrides) -> TicketDraft:
    fields = dict(kind=TicketKind.REPAIR, description="卫生间水管漏水", phone=PHONE, caller_name="张三",
                  address="阳光花园3栋2单元501", area="城北片区")
    fields.update(overrides)
    return TicketDraft(**fields)


def clock_of(ticket_id: int, kind: str) -> Clock:
    return Clock.get((Clock.ticket == ticket_id) & (Clock.kind == kind))


def test_ticket_numbers_run_by_year_and_are_never_reused(service, people, clock):
    desk = people["reception"]
    first = service.create_ticket(desk, draft())
    second = service.create_ticket(desk, draft())
    clock.now = dt.datetime(2027, 1, 4, 9, 0)
    third = service.create_ticket(desk, draft())
    numbers = [Ticket.get_by_id(i).number for i in (first, second, third)]
    assert numbers == ["2026-000001", "2026-000002", "2027-000001"]


def test_ticket_numbers_stay_unique_when_desks_create_at_once(service, people, db_url):
    desk = people["reception"]
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(8):
                service.create_ticket(desk, draft())
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [t.number for t in Ticket.select(Ticket.number)]
    assert len(numbers) == 32
    assert len(set(numbers)) == 32
    assert sorted(numbers)[-1] == "2026-000032"


def test_whole_path_from_call_to_archive_writes_history_for_every_step(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    call_id = service.record_call(desk, CallDraft(content="卫生间水管漏水", phone=PHONE, caller_name="张三"))
    ticket_id = service.create_ticket(desk, draft(), call_id=call_id)
    assert CallRecord.get_by_id(call_id).outcome == CallOutcome.TICKET
    assert CallRecord.get_by_id(call_id).ticket_id == ticket_id

    steps = [
        lambda: service.dispatch(desk, ticket_id, engineering.department_id, worker="沈师傅"),
        lambda: service.accept(engineering, ticket_id),
        lambda: service.appoint(engineering, ticket_id, clock.now + dt.timedelta(hours=3)),
        lambda: service.start(engineering, ticket_id),
        lambda: service.block(engineering, ticket_id, "等待业主回家"),
        lambda: service.unblock(engineering, ticket_id),
        lambda: service.resolve(engineering, ticket_id, "更换水管接头"),
        # 客服部工作流程: "完整填写派工单→返单给部门主管→主管返单前台→前台回访满意程度"
        lambda: service.return_slip(desk, ticket_id),
        lambda: service.return_visit(desk, ticket_id, Satisfaction.SATISFIED),
        lambda: service.archive(desk, ticket_id),
    ]
    for step in steps:
        clock.advance(minutes=20)
        step()

    detail = queries.ticket_detail(service.viewer(desk), ticket_id)
    assert detail.state == State.ARCHIVED
    assert detail.version == 11
    assert [h.action for h in detail.history] == [
        "create", "dispatch", "accept", "appoint", "start", "block", "unblock", "resolve", "return_slip", "visit",
        "archive"]
    assert [(h.from_state, h.to_state) for h in detail.history][1:3] == [
        ("new", "dispatched"), ("dispatched", "accepted")]
    assert detail.history[1].note.startswith("\u2192 工程部 / 张伟")
    assert detail.history[5].note == "等待业主回家"
    assert all(h.actor for h in detail.history)
    assert detail.due_at is None  # nothing left running
    assert detail.satisfaction == "satisfied"


def test_dispatch_goes_to_the_one_receiver_of_the_department(service, people):
    ticket_id = service.create_ticket(people["reception"], draft())
    service.dispatch(people["reception"], ticket_id, people["finance"].department_id)
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.receiver_id == people["finance"].id
    assert ticket.state == State.DISPATCHED


def test_refused_action_writes_nothing(service, people):
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, draft())
    service.dispatch(desk, ticket_id, people["engineering"].department_id)
    before = (History.select().count(), Ticket.get_by_id(ticket_id).version)
    with pytest.raises(PermissionDenied):
        service.accept(desk, ticket_id)
    with pytest.raises(PermissionDenied):
        service.accept(people["finance"], ticket_id)   # a receiver of another department
    assert (History.select().count(), Ticket.get_by_id(ticket_id).version) == before
    assert Ticket.get_by_id(ticket_id).state == State.DISPATCHED


def test_action_not_allowed_in_state_is_refused_with_a_clear_message(service, people):
    ticket_id = service.create_ticket(people["reception"], draft())
    with pytest.raises(DeskError) as info:
        service.archive(people["reception"], ticket_id)
    assert "2026-000001" in str(info.value)


def test_stale_version_is_refused_and_nothing_is_written(service, people):
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, draft())
    seen = queries.ticket_detail(service.viewer(people["reception"]), ticket_id).version
    service.dispatch(desk, ticket_id, people["engineering"].department_id, expected_version=seen)
    history_before = History.select().count()
    with pytest.raises(ConflictError) as info:
        service.dispatch(desk, ticket_id, people["finance"].department_id, expected_version=seen)
    assert "2026-000001" in str(info.value)
    assert History.select().count() == history_before
    assert Ticket.get_by_id(ticket_id).department_id == people["engineering"].department_id


def test_return_needs_a_reason_and_goes_back_for_redispatch(service, people):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft())
    service.dispatch(desk, ticket_id, engineering.department_id)
    with pytest.raises(ValidationError) as info:
        service.return_ticket(engineering, ticket_id, "  ")
    assert info.value.field == "reason"
    service.return_ticket(engineering, ticket_id, "属于环境部")
    assert Ticket.get_by_id(ticket_id).state == State.RETURNED
    service.dispatch(people["audit"], ticket_id, people["environment"].department_id)
    assert Ticket.get_by_id(ticket_id).receiver_id == people["environment"].id


def test_consultation_gets_three_working_days_and_complaint_seven_from_receipt(service, people, clock):
    """第十三条: "工单承接人收到工单后…咨询类工单办理时限为三个工作日，投诉类工单为七个工作日"."""
    desk = people["reception"]
    consult = service.create_ticket(desk, draft(kind=TicketKind.CONSULTATION))
    complaint = service.create_ticket(desk, draft(kind=TicketKind.COMPLAINT, area=""))
    # Waiting for dispatch is not the department's time: no resolution clock yet.
    assert not Clock.select().where((Clock.ticket == consult) & (Clock.kind == "resolve")).exists()
    clock.now = dt.datetime(2026, 11, 18, 9, 0)      # received on Wed, not on Tue when the call came in
    service.dispatch(desk, consult, people["engineering"].department_id)
    service.dispatch(desk, complaint, people["engineering"].department_id)
    # Wed 2026-11-18: 3 working days → Mon 11-23; 7 working days → Fri 11-27.
    assert clock_of(consult, "resolve").started_at == clock.now
    assert clock_of(consult, "resolve").deadline == dt.datetime(2026, 11, 23, 23, 59, 59)
    assert clock_of(complaint, "resolve").deadline == dt.datetime(2026, 11, 27, 23, 59, 59)


def test_10086_urgent_complaint_has_transfer_and_feedback_hours_and_transfer_stops_on_dispatch(
        service, people, clock):
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, draft(kind=TicketKind.COMPLAINT, severity=Severity.URGENT,
                                                  channel=Channel.HOTLINE_10086))
    assert clock_of(ticket_id, "transfer").deadline == clock.now + dt.timedelta(hours=1)
    assert clock_of(ticket_id, "resolve").deadline == clock.now + dt.timedelta(hours=4)
    assert Ticket.get_by_id(ticket_id).due_clock == "transfer"
    clock.advance(minutes=30)
    service.dispatch(desk, ticket_id, people["network"].department_id)
    assert clock_of(ticket_id, "transfer").stopped_at == clock.now
    assert Ticket.get_by_id(ticket_id).due_clock == "resolve"


def test_emergency_repair_must_be_on_site_in_20_minutes(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft(variant=Variant.EMERGENCY, urgency=Level.HIGH,
                                                  impact=Level.HIGH))
    arrive = clock_of(ticket_id, "arrive")
    assert arrive.deadline == clock.now + dt.timedelta(minutes=20)
    assert arrive.warn_at == clock.now + dt.timedelta(minutes=15)
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    clock.advance(minutes=25)
    service.start(engineering, ticket_id)
    arrive = clock_of(ticket_id, "arrive")
    assert arrive.stopped_at > arrive.deadline   # breached, and recorded as such


def test_blocking_pauses_clocks_and_the_paused_time_does_not_count(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft(kind=TicketKind.CONSULTATION))
    service.dispatch(desk, ticket_id, engineering.department_id)
    original = clock_of(ticket_id, "resolve").deadline
    service.accept(engineering, ticket_id)
    service.block(engineering, ticket_id, "等待银行核实")
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.state == State.BLOCKED
    assert ticket.due_at is None and clock_of(ticket_id, "resolve").deadline is None
    clock.advance(days=1)      # one whole working day (Tue 09:00 → Wed 09:00) paused
    service.unblock(engineering, ticket_id)
    assert clock_of(ticket_id, "resolve").deadline == original + dt.timedelta(days=3)  # Fri → Mon (weekend)
    pause = ClockPause.get()
    assert pause.ended_at == clock.now and pause.reason == "等待银行核实"


def test_return_visit_clock_ends_24_hours_after_the_resolve_deadline(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft(kind=TicketKind.SUGGESTION))
    service.dispatch(desk, ticket_id, engineering.department_id)
    resolve_deadline = clock_of(ticket_id, "resolve").deadline
    service.accept(engineering, ticket_id)
    clock.advance(hours=2)
    service.resolve(engineering, ticket_id, "已电话解答")
    assert Ticket.get_by_id(ticket_id).state == State.PENDING_LEADER   # a suggestion goes past the leader
    assert clock_of(ticket_id, "resolve").stopped_at is None
    service.approve(people["engineering.lead"], ticket_id)
    service.reply(desk, ticket_id, "已电话告知客户")
    visit = clock_of(ticket_id, "visit")
    assert visit.deadline == resolve_deadline + dt.timedelta(hours=24)
    assert Ticket.get_by_id(ticket_id).state == State.RESOLVED
    assert Ticket.get_by_id(ticket_id).due_clock == "visit"


def test_unsatisfied_return_visit_reopens_the_ticket(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft())
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    service.resolve(engineering, ticket_id, "已处理")
    with pytest.raises(ValidationError):
        service.return_visit(desk, ticket_id, Satisfaction.UNSATISFIED, "")
    service.return_visit(desk, ticket_id, Satisfaction.UNSATISFIED, "仍在漏水")
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.state == State.IN_PROGRESS
    assert clock_of(ticket_id, "resolve").stopped_at is None
    assert History.select().order_by(History.id.desc()).first().note.endswith("仍在漏水")
    clock.advance(hours=1)
    service.resolve(engineering, ticket_id, "更换整段水管")
    assert Ticket.get_by_id(ticket_id).state == State.RESOLVED


def test_invalid_phone_is_refused_on_the_phone_field_and_nothing_is_written(service, people):
    with pytest.raises(ValidationError) as info:
        service.create_ticket(people["reception"], draft(phone="12345"))
    assert info.value.field == "phone"
    with pytest.raises(ValidationError) as info:
        service.record_call(people["reception"], CallDraft(content="", phone=PHONE))
    assert info.value.field == "content"
    assert Ticket.select().count() == 0 and CallRecord.select().count() == 0


def test_call_solved_at_first_contact_makes_no_ticket(service, people):
    call_id = service.record_call(people["reception"], CallDraft(content="询问停水时间", phone=PHONE),
                                  outcome=CallOutcome.SOLVED)
    assert CallRecord.get_by_id(call_id).outcome == CallOutcome.SOLVED
    assert Ticket.select().count() == 0


def test_history_is_append_only_in_the_database(service, people):
    service.create_ticket(people["reception"], draft())
    with pytest.raises(peewee.DatabaseError):
        History.update(note="changed").execute()
    with pytest.raises(peewee.DatabaseError):
        History.delete().execute()
    assert History.select().count() == 1


def test_calendar_override_recomputes_open_deadlines(service, people):
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.CONSULTATION))
    service.dispatch(people["reception"], ticket_id, people["engineering"].department_id)
    assert clock_of(ticket_id, "resolve").deadline == dt.datetime(2026, 11, 20, 23, 59, 59)
    administrator = Actor.of(Staff.get(Staff.username == "admin"))
    changed = service.set_calendar_day(administrator, dt.date(2026, 11, 19), False, "临时停电放假")
    assert changed == 1
    assert clock_of(ticket_id, "resolve").deadline == dt.datetime(2026, 11, 23, 23, 59, 59)
    assert Ticket.get_by_id(ticket_id).due_at <= dt.datetime(2026, 11, 23, 23, 59, 59)
    with pytest.raises(PermissionDenied):
        service.set_calendar_day(people["reception"], dt.date(2026, 11, 19), None)


def test_deadline_in_a_year_without_schedule_is_provisional_until_the_schedule_is_imported(
        service, people, clock):
    clock.now = dt.datetime(2026, 12, 28, 10, 0)
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.COMPLAINT))
    service.dispatch(people["reception"], ticket_id, people["engineering"].department_id)
    assert Ticket.get_by_id(ticket_id).provisional is True
    administrator = Actor.of(Staff.get(Staff.username == "admin"))
    service.import_official_schedule(administrator, 2027, "2027-01-01,休\n2027-01-02,休\n2027-01-03,休\n")
    assert Ticket.get_by_id(ticket_id).provisional is False
    with pytest.raises(ValidationError) as info:
        service.import_official_schedule(administrator, 2027, "2028-01-01,休")
    assert info.value.field == "schedule"


def test_queues_page_and_count_in_sql(service, people, clock):
    desk = people["reception"]
    ids = [service.create_ticket(desk, draft(caller_name=f"客户{i}")) for i in range(7)]
    service.dispatch(desk, ids[0], people["engineering"].department_id)
    now = clock.now
    viewer = service.viewer(desk)
    assert queries.count_queue(queries.QueueFilter(Queue.TO_DISPATCH, now, viewer=viewer)) == 6
    assert queries.count_queue(queries.QueueFilter(Queue.IN_HAND, now, viewer=viewer)) == 1
    page = queries.queue_page(queries.QueueFilter(Queue.ALL, now, viewer=viewer), offset=0, limit=3, sort="number",
                              descending=False)
    assert [r.number for r in page] == ["2026-000001", "2026-000002", "2026-000003"]
    found = queries.queue_page(queries.QueueFilter(Queue.ALL, now, search="客户5", viewer=viewer), offset=0,
                               limit=10)
    assert [r.caller_name for r in found] == ["客户5"]
    clock.advance(days=30)
    assert queries.count_queue(queries.QueueFilter(Queue.OVERDUE, clock.now, viewer=viewer)) == 7
    with pytest.raises(PermissionDenied):     # a read names its reader
        queries.count_queue(queries.QueueFilter(Queue.ALL, now))


def test_events_are_emitted_after_commit(service, people, events):
    seen = []
    events.subscribe(seen.append)
    ticket_id = service.create_ticket(people["reception"], draft())
    assert [(c.topic, c.action, c.ticket_id) for c in seen] == [("ticket", "create", ticket_id)]


def test_waiting_for_an_outside_party_does_not_pause_the_ftth_whole_flow_limit(service, people, clock):
    """FTTH待装工单建设流程: "整个流程时间从用户受理时间起不得超过13个工作日" — the whole flow, waiting included."""
    desk, network = people["reception"], people["network"]
    ticket_id = service.create_ticket(desk, draft(kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX))
    service.dispatch(desk, ticket_id, network.department_id)
    deadline = clock_of(ticket_id, "resolve").deadline
    service.accept(network, ticket_id)
    service.block(network, ticket_id, "等待物业同意进场施工")
    assert Ticket.get_by_id(ticket_id).state == State.BLOCKED
    assert clock_of(ticket_id, "resolve").deadline == deadline      # still running
    assert not ClockPause.select().exists()
    clock.advance(days=2)
    service.unblock(network, ticket_id)
    assert clock_of(ticket_id, "resolve").deadline == deadline


def test_a_reopened_repair_comes_back_on_a_new_slip_before_the_next_visit(service, people, clock):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft())
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    service.start(engineering, ticket_id)
    service.resolve(engineering, ticket_id, "更换水管接头")
    service.return_slip(desk, ticket_id)
    service.return_visit(desk, ticket_id, Satisfaction.UNSATISFIED, "仍在漏水")
    service.resolve(engineering, ticket_id, "重新更换阀门")
    with pytest.raises(DeskError, match="返单"):
        service.return_visit(desk, ticket_id, Satisfaction.SATISFIED)
    service.return_slip(desk, ticket_id)
    service.return_visit(desk, ticket_id, Satisfaction.SATISFIED)
    assert Ticket.get_by_id(ticket_id).state == State.VISITED


@pytest.mark.parametrize("inline", [200, 1])
def test_sensitive_tickets_off_a_readers_path_are_left_out_of_queues(service, people, monkeypatch, inline):
    """The same tickets are hidden whether the few sensitive ones are excluded by a list of ids or by a subquery."""
    monkeypatch.setattr(queries, "HIDDEN_INLINE", inline)
    desk = people["reception"]
    plain = [service.create_ticket(desk, draft()) for _ in range(2)]
    sensitive = [service.create_ticket(desk, draft(sensitive=True)) for _ in range(3)]
    dispatcher = service.viewer(people["dispatcher"])      # on no approval path: sees no sensitive ticket
    rows = queries.queue_page(queries.QueueFilter(Queue.ALL, service.now(), viewer=dispatcher), offset=0, limit=50)
    assert {r.id for r in rows} == set(plain)
    assert queries.count_queue(queries.QueueFilter(Queue.ALL, service.now(), viewer=dispatcher)) == 2
    supervisor = service.viewer(people["supervisor"])
    assert queries.count_queue(queries.QueueFilter(Queue.ALL, service.now(), viewer=supervisor)) == 5
    with pytest.raises(PermissionDenied):
        queries.ticket_detail(dispatcher, sensitive[0])
