"""来电来访登记表: the day's call/visit register, the supervisor's daily signature and the monthly archive.

The seed, 项目客服工作梳理: "1.每天填写《来电来访登记表》，记录来电来访内容"; 客服前台工作流程: "登记在《来电来访登记表》表中，
将来电来访人的姓名、反应内容、联系方式、流转人及跟进情况详细填写，客服主管每日审核签字，月度存档".
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import ConflictError, PermissionDenied, ValidationError
from desk_app.core.kinds import CallOutcome, Channel, Role, TicketKind
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import database
from desk_app.models.schema import AuditLog, CallRecord, RegisterDay, RegisterMonth, Staff, Ticket
from desk_app.services import register
from desk_app.services.desk import Actor

PHONE = "13812345678"
TUESDAY = dt.date(2026, 11, 17)        # the service fixture's clock: Tuesday 2026-11-17 09:00


def call(**overrides) -> CallDraft:
    fields = dict(content="询问停水时间", phone=PHONE, caller_name="张三", transferred_to="工程部 刘工",
                  follow_up="已告知周四恢复供水")
    fields.update(overrides)
    return CallDraft(**fields)


def a_day_of_calls(service, people, clock) -> int:
    """The morning's register: a call solved at once, a visit that became a ticket. Returns the ticket's id."""
    desk = people["reception"]
    service.record_call(desk, call(), outcome=CallOutcome.SOLVED)
    clock.advance(minutes=20)
    _call_id, ticket_id = service.create_ticket_from_intake(
        desk, call(content="卫生间水管漏水", channel=Channel.VISIT, phone="", caller_name="李四", follow_up=""),
        TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水", caller_name="李四", channel=Channel.VISIT))
    return ticket_id


def test_the_register_shows_the_days_lines_as_the_desk_logged_them(service, people, clock):
    ticket_id = a_day_of_calls(service, people, clock)
    view = register.register_day(service.viewer(people["reception"]), TUESDAY)
    assert (view.day, view.calls, view.signed, view.archived) == (TUESDAY, 2, False, False)
    first, second = view.lines
    assert (first.received_at, first.channel, first.caller_name, first.phone, first.content, first.outcome,
            first.transferred_to, first.follow_up, first.ticket_number) == (
        dt.datetime(2026, 11, 17, 9, 0), "phone", "张三", "138 1234 5678", "询问停水时间", "solved",
        "工程部 刘工", "已告知周四恢复供水", "")
    assert first.agent == Staff.get_by_id(people["reception"].id).name
    assert (second.channel, second.outcome, second.ticket_id, second.ticket_number) == (
        "visit", "ticket", ticket_id, Ticket.get_by_id(ticket_id).number)
    # Other days' lines are not in it.
    assert register.register_day(service.viewer(people["reception"]), TUESDAY + dt.timedelta(days=1)).lines == []


def test_the_supervisor_signs_the_day_and_its_register_becomes_read_only(service, people, clock):
    a_day_of_calls(service, people, clock)
    open_line = service.record_call(people["reception"], call(content="咨询物业费标准"))
    clock.now = dt.datetime(2026, 11, 17, 17, 30)
    assert register.sign_day(service, people["supervisor"], TUESDAY, "  已核对  ") == 3

    view = register.register_day(service.viewer(people["reception"]), TUESDAY)
    assert (view.signed_by, view.signed_at, view.signed_calls, view.note) == (
        "林主管", dt.datetime(2026, 11, 17, 17, 30), 3, "已核对")
    entry = AuditLog.get()
    assert (entry.entity, entry.action, entry.entity_id, entry.actor_id) == (
        "register", "sign", "2026-11-17", people["supervisor"].id)

    # A signed day takes no new line, and its open lines are not closed any more, with the same message each time.
    lines_before, tickets_before = CallRecord.select().count(), Ticket.select().count()
    refusals = [
        lambda: service.record_call(people["reception"], call()),
        lambda: service.solve_call(people["reception"], open_line, "已解答"),
        lambda: service.create_ticket_from_intake(people["reception"], call(content="路灯不亮"),
                                                  TicketDraft(kind=TicketKind.REPAIR, description="路灯不亮",
                                                              phone=PHONE)),
    ]
    for refused in refusals:
        with pytest.raises(ValidationError) as info:
            refused()
        assert str(info.value) == "The register of 2026-11-17 is signed; ask the supervisor."
    assert (CallRecord.select().count(), Ticket.select().count()) == (lines_before, tickets_before)
    assert CallRecord.get_by_id(open_line).outcome == CallOutcome.OPEN

    # The next morning's register is open, and the signed day's open line still cannot become a ticket.
    clock.now = dt.datetime(2026, 11, 18, 8, 30)
    service.record_call(people["reception"], call())
    with pytest.raises(ValidationError, match="2026-11-17 is signed"):
        service.create_ticket(people["reception"], TicketDraft(kind=TicketKind.REPAIR, description="路灯不亮",
                                                               phone=PHONE), call_id=open_line)
    assert CallRecord.get_by_id(open_line).outcome == CallOutcome.OPEN
    assert register.register_day(service.viewer(people["reception"]), TUESDAY).calls == 3


def test_a_day_to_come_and_a_day_signed_already_are_refused(service, people, clock):
    supervisor = people["supervisor"]
    with pytest.raises(ValidationError, match="2026-11-18 has not come yet"):
        register.sign_day(service, supervisor, TUESDAY + dt.timedelta(days=1))
    assert register.sign_day(service, supervisor, TUESDAY) == 0      # a day without calls is signed too
    with pytest.raises(ConflictError, match="signed already \\(by 林主管\\)"):
        register.sign_day(service, supervisor, TUESDAY)
    assert RegisterDay.select().count() == 1 and AuditLog.select().count() == 1


def test_a_demoted_supervisor_may_not_sign_from_a_window_still_open(service, people):
    supervisor = people["supervisor"]          # the Actor the window was opened with
    Staff.update(role=Role.RECEPTIONIST.value).where(Staff.id == supervisor.id).execute()
    with pytest.raises(PermissionDenied):
        register.sign_day(service, supervisor, TUESDAY)
    Staff.update(role=Role.SUPERVISOR.value, active=False).where(Staff.id == supervisor.id).execute()
    with pytest.raises(PermissionDenied, match="no longer active"):
        register.sign_day(service, supervisor, TUESDAY)
    assert RegisterDay.select().count() == 0


def test_the_front_desk_reads_the_register_but_does_not_sign_it(service, people):
    desk = people["reception"]
    viewer = service.viewer(desk)
    view = register.register_day(viewer, TUESDAY)
    assert register.read_verdict(viewer).allowed
    verdict = register.sign_verdict(viewer, view, TUESDAY)
    assert not verdict.allowed and verdict.reason.startswith("Not allowed")
    with pytest.raises(PermissionDenied):
        register.sign_day(service, desk, TUESDAY)
    with pytest.raises(PermissionDenied):
        register.archive_month(service, desk, "2026-10")
    supervisor = service.viewer(people["supervisor"])
    assert register.sign_verdict(supervisor, register.register_day(supervisor, TUESDAY), TUESDAY).allowed


def test_readers_of_the_whole_center_read_it_a_department_leader_does_not(service, people):
    # The office reads the summary, and the whole center's tickets: the register too.
    assert register.register_day(service.viewer(people["office"]), TUESDAY).lines == []
    # A department leader reads the summary of his department only: the register would show everyone's callers.
    leader = service.viewer(people["engineering.lead"])
    assert not register.read_verdict(leader).allowed
    with pytest.raises(PermissionDenied, match="whole center"):
        register.register_day(leader, TUESDAY)
    with pytest.raises(PermissionDenied):
        register.month_status(leader, "2026-11")
    # A receiver neither takes calls nor reads the summary.
    with pytest.raises(PermissionDenied, match="does not read the call register"):
        register.register_day(service.viewer(people["engineering"]), TUESDAY)
    # 二级客服 of one jurisdiction takes his own area's calls only.
    Staff.update(jurisdiction="城北片区").where(Staff.id == people["dispatcher"].id).execute()
    with pytest.raises(PermissionDenied):
        register.register_day(service.viewer(people["dispatcher"]), TUESDAY)


def test_a_month_is_archived_once_it_is_over_and_every_day_with_calls_is_signed(service, people, clock):
    supervisor = people["supervisor"]
    service.record_call(people["reception"], call())
    clock.now = dt.datetime(2026, 11, 19, 10, 0)
    service.record_call(people["reception"], call())
    service.record_call(people["reception2"], call())
    with pytest.raises(ValidationError, match="2026-11 is not over yet"):
        register.archive_month(service, supervisor, "2026-11")

    clock.now = dt.datetime(2026, 12, 1, 9, 0)
    with pytest.raises(ValidationError) as info:
        register.archive_month(service, supervisor, "2026-11")
    assert str(info.value) == "2 day(s) of 2026-11 with calls are not signed yet: 2026-11-17, 2026-11-19."
    register.sign_day(service, supervisor, TUESDAY)
    with pytest.raises(ValidationError, match=": 2026-11-19.$"):
        register.archive_month(service, supervisor, "2026-11")
    register.sign_day(service, supervisor, dt.date(2026, 11, 19))
    assert register.archive_month(service, supervisor, "2026-11") == 3

    month = RegisterMonth.get()
    assert (month.month, month.archived_by_id, month.archived_at, month.days, month.calls) == (
        "2026-11", supervisor.id, dt.datetime(2026, 12, 1, 9, 0), 2, 3)
    status = register.month_status(service.viewer(people["reception"]), "2026-11")
    assert (status.archived, status.archived_by, status.calls, status.unsigned) == (True, "林主管", 3, [])
    assert register.register_day(service.viewer(supervisor), dt.date(2026, 11, 20)).archived
    # An archived month takes no signature and no line, and is not archived twice.
    with pytest.raises(ConflictError, match="2026-11 is archived"):
        register.sign_day(service, supervisor, dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="2026-11 is archived"):
        register.ensure_day_open(dt.date(2026, 11, 20))
    with pytest.raises(ConflictError, match="archived already \\(by 林主管\\)"):
        register.archive_month(service, supervisor, "2026-11")
    assert [e.action for e in AuditLog.select().order_by(AuditLog.id)] == ["sign", "sign", "archive"]


def test_month_status_counts_every_day_in_one_query_of_the_lines(service, people, clock, monkeypatch):
    for day, count in ((3, 2), (17, 1), (30, 4)):
        for hour in range(count):
            clock.now = dt.datetime(2026, 11, day, 9 + hour, 0)
            service.record_call(people["reception"], call())
    clock.now = dt.datetime(2026, 11, 30, 18, 0)
    register.sign_day(service, people["supervisor"], dt.date(2026, 11, 30))
    viewer = service.viewer(people["supervisor"])
    statements: list[str] = []
    real = database.obj.execute_sql

    def counting(sql, *args, **kwargs):
        statements.append(sql)
        return real(sql, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", counting)
    status = register.month_status(viewer, "2026-11")
    monkeypatch.undo()
    assert len(statements) == 3        # the lines per day (GROUP BY), the signatures, the archive
    assert sum("GROUP BY" in s for s in statements) == 1
    assert (status.month, len(status.days), status.first_day, status.last_day) == (
        "2026-11", 30, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert {d.day.day: d.calls for d in status.days if d.calls} == {3: 2, 17: 1, 30: 4}
    assert [(d.day.day, d.signed_by) for d in status.days if d.signed] == [(30, "林主管")]
    assert status.unsigned == [dt.date(2026, 11, 3), dt.date(2026, 11, 17)]


def test_a_month_is_written_year_dash_month(service, people):
    viewer = service.viewer(people["supervisor"])
    for wrong in ("2026-13", "11/2026", "", "2026-1"):
        with pytest.raises(ValidationError, match="Not a month"):
            register.month_status(viewer, wrong)
    assert register.month_days("2028-02") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))


def test_an_unknown_actor_is_refused(service, people):
    ghost = Actor(10_000, "离职人员", Role.SUPERVISOR, None)
    with pytest.raises(PermissionDenied):
        register.sign_day(service, ghost, TUESDAY)


# ----- direction, filter, the open lines ----------------------------------------------------------------------------
# The seed: "涉及到致电客户事宜时，需要在前台《来电来访登记表》电子表中登记，将电话致电人、内容及跟进情况详细填写".


def test_every_line_says_whether_it_came_in_or_went_out(service, people, clock):
    from desk_app.core.followups import CallDirection, LineKind

    a_day_of_calls(service, people, clock)
    clock.advance(minutes=5)
    out = service.record_call(people["reception"], call(content="回访：阀门使用正常", follow_up="回访跟踪"),
                              outcome=CallOutcome.SOLVED, direction=CallDirection.OUT)
    clock.advance(minutes=5)
    open_line = service.record_call(people["reception"], call(content="咨询物业费标准"))
    view = register.register_day(service.viewer(people["reception"]), TUESDAY)
    assert [(line.direction, line.kind) for line in view.lines] == [
        ("in", LineKind.INCOMING_CALL), ("in", LineKind.VISIT), ("out", LineKind.OUTGOING_CALL),
        ("in", LineKind.INCOMING_CALL)]
    by_filter = {which: [line.id for line in register.filter_lines(view.lines, which)]
                 for which in register.LineFilter}
    ids = [line.id for line in view.lines]
    assert by_filter == {register.LineFilter.ALL: ids, register.LineFilter.INCOMING: [ids[0], ids[1], ids[3]],
                         register.LineFilter.OUTGOING: [out], register.LineFilter.OPEN: [open_line]}


def test_an_open_line_is_answered_or_made_a_ticket_once(service, people, clock):
    desk = people["reception"]
    first = service.record_call(desk, call(content="咨询物业费标准"))
    second = service.record_call(desk, call(content="路灯不亮", caller_name="李四"))
    viewer = service.viewer(desk)
    view = register.register_day(viewer, TUESDAY)
    line = view.lines[0]
    assert register.solve_verdict(viewer, view, line).allowed and register.ticket_verdict(viewer, view, line).allowed

    register.solve_line(service, desk, first, "已告知收费标准")
    ticket_id = register.ticket_from_line(service, desk, second, TicketDraft(
        kind=TicketKind.REPAIR, description="路灯不亮", phone=PHONE, caller_name="李四"))
    assert (CallRecord.get_by_id(first).outcome, CallRecord.get_by_id(first).follow_up) == ("solved", "已告知收费标准")
    assert (CallRecord.get_by_id(second).outcome, CallRecord.get_by_id(second).ticket_id) == ("ticket", ticket_id)

    view = register.register_day(viewer, TUESDAY)
    for line in view.lines:
        assert not register.solve_verdict(viewer, view, line).allowed
        assert "closed already" in register.ticket_verdict(viewer, view, line).render()
    tickets = Ticket.select().count()
    with pytest.raises(ConflictError, match="closed already"):
        register.ticket_from_line(service, desk, first, TicketDraft(kind=TicketKind.REPAIR, description="x",
                                                                    phone=PHONE))
    with pytest.raises(ConflictError, match="closed already"):
        register.solve_line(service, desk, second, "again")
    assert Ticket.select().count() == tickets


def test_a_line_answered_at_another_desk_meanwhile_becomes_no_ticket(service, people):
    """The desk's create_ticket itself refuses a line that is no longer open (one line, one outcome)."""
    desk = people["reception"]
    line = service.record_call(desk, call(content="路灯不亮"))
    service.solve_call(people["reception2"], line, "已解答")
    tickets = Ticket.select().count()
    with pytest.raises(ConflictError, match="closed already"):
        service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description="路灯不亮", phone=PHONE),
                              call_id=line)
    assert Ticket.select().count() == tickets and CallRecord.get_by_id(line).ticket_id is None


def test_an_outgoing_line_and_a_signed_day_take_no_action(service, people, clock):
    from desk_app.core.followups import CallDirection

    desk = people["reception"]
    out = service.record_call(desk, call(content="回访"), outcome=CallOutcome.SOLVED, direction=CallDirection.OUT)
    open_line = service.record_call(desk, call(content="咨询"))
    viewer = service.viewer(desk)
    view = register.register_day(viewer, TUESDAY)
    out_line, in_line = view.lines
    assert "outgoing call" in register.solve_verdict(viewer, view, out_line).render()
    with pytest.raises(ValidationError, match="outgoing call"):
        register.solve_line(service, desk, out, "x")

    clock.now = dt.datetime(2026, 11, 17, 17, 30)
    register.sign_day(service, people["supervisor"], TUESDAY)
    view = register.register_day(viewer, TUESDAY)
    assert register.solve_verdict(viewer, view, view.lines[1]).render() == \
        "The register of 2026-11-17 is signed; ask the supervisor."
    with pytest.raises(ValidationError, match="signed; ask the supervisor"):
        register.solve_line(service, desk, open_line, "x")
    # A leader of a department neither answers nor makes tickets of lines (the rule book says why).
    lead = service.viewer(people["engineering.lead"])
    assert not register.solve_verdict(lead, view, in_line).allowed
    assert in_line.open


def test_the_printed_register_shows_the_desks_own_calls_as_such(service, people):
    from desk_app.core.followups import CallDirection
    from desk_app.services.papers.registers import call_register_data

    desk = people["reception"]
    service.record_call(desk, call(content="咨询物业费标准"))
    service.record_call(desk, call(content="回访：阀门使用正常"), outcome=CallOutcome.SOLVED,
                        direction=CallDirection.OUT)
    service.record_call(desk, call(content="报修", channel=Channel.VISIT, phone=""))
    data = call_register_data(service.viewer(desk), TUESDAY, TUESDAY, desk)
    assert [row[1] for row in data.rows] == ["电话", "去电", "来访"]
