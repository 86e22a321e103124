"""定期电话访问跟踪: a follow-up call planned when a complaint or a repair is closed by its return visit, listed when
due, done as an outgoing line of the call register (去电), planned again (定期) or cancelled.

The seed, 客服前台工作流程: "在完成对客户的投诉或者是报修后，要定期对客户进行电话访问跟踪，定期维护与客户之间的关系，
并把信息反馈到客户服务中心做好记录" and "涉及到致电客户事宜时，需要在前台《来电来访登记表》电子表中登记，将电话致电人、
内容及跟进情况详细填写".
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from desk_app.core.followups import FollowUpReason, FollowUpState
from desk_app.core.kinds import CallOutcome, Satisfaction, TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import AuditLog, CallRecord, FollowUp, Setting, Ticket
from desk_app.services import followups, register
from desk_app.services.config import put_setting
from desk_app.services.customer_store import NumberLine, insert_customer
from desk_app.services.desk import DeskService
from tests.services.conftest import ManualClock
from tests.services.seed_support import preset_org

PHONE = "13812345678"
TUESDAY = dt.date(2026, 11, 17)


def resolved_repair(service, people, clock, phone: str = PHONE) -> int:
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水",
                                                        phone=phone, caller_name="张三"))
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    clock.advance(hours=2)
    service.resolve(engineering, ticket_id, "更换阀门")
    service.return_slip(desk, ticket_id)
    return ticket_id


def visited_repair(service, people, clock, satisfaction=Satisfaction.SATISFIED, **kwargs) -> int:
    ticket_id = resolved_repair(service, people, clock, **kwargs)
    clock.advance(hours=1)
    service.return_visit(people["reception"], ticket_id, satisfaction, "业主满意" if satisfaction != "unsatisfied"
                         else "仍在漏水")
    return ticket_id


def plans(ticket_id: int) -> list[FollowUp]:
    return list(FollowUp.select().where(FollowUp.ticket == ticket_id).order_by(FollowUp.id))


def today(service) -> dt.date:
    return service.now().date()


# ----- planning ---------------------------------------------------------------------------------------------------


def test_a_repair_closed_by_its_return_visit_gets_a_follow_up_call_thirty_days_later(service, people, clock):
    ticket_id = visited_repair(service, people, clock)
    (plan,) = plans(ticket_id)
    assert (plan.reason, plan.state, plan.due_on, plan.name, plan.phone, plan.planned_by_id, plan.planned_at) == (
        "repair", "planned", TUESDAY + dt.timedelta(days=30), "张三", "+8613812345678", people["reception"].id,
        clock.now)
    # Archiving the visited ticket plans no second one.
    service.archive(people["reception"], ticket_id)
    assert len(plans(ticket_id)) == 1


def test_a_complaint_closed_by_its_return_visit_gets_one_a_week_later(service, clock):
    clock.now = dt.datetime(2026, 11, 17, 8, 40)
    org = preset_org("property", clock.now)
    desk = org["wangfang"]
    ticket_id = service.create_ticket(desk, TicketDraft(
        kind=TicketKind.COMPLAINT, category="噪音", description="楼上夜间装修噪音", phone="13800004444",
        caller_name="吴业主", address="一期1栋402", area="一期"))
    service.accept(org["zhangxiaoyan"], ticket_id)
    service.resolve(org["zhangxiaoyan"], ticket_id, "已约谈楼上业主")
    service.approve(org["liuting"], ticket_id, "同意")
    service.reply(desk, ticket_id, "已电话反馈投诉人处理结果")
    clock.now = dt.datetime(2026, 11, 18, 10, 0)
    service.return_visit(org["chenchen"], ticket_id, Satisfaction.BASICALLY, "基本满意")
    (plan,) = plans(ticket_id)
    assert (plan.reason, plan.due_on, plan.name) == ("complaint", dt.date(2026, 11, 25), "吴业主")


def test_an_unsatisfied_visit_plans_nothing_the_visit_that_closes_it_does(service, people, clock):
    ticket_id = visited_repair(service, people, clock, Satisfaction.UNSATISFIED)
    assert plans(ticket_id) == []
    service.resolve(people["engineering"], ticket_id, "更换整段水管")
    service.return_slip(people["reception"], ticket_id)
    service.return_visit(people["reception"], ticket_id, Satisfaction.SATISFIED)
    assert len(plans(ticket_id)) == 1


def test_the_interval_is_the_administrators_and_zero_plans_none(service, people, clock):
    followups.set_follow_up_intervals(service, _admin(people), complaint_days=3, repair_days=" 10 ")
    assert followups.follow_up_intervals(service) == {"complaint": 3, "repair": 10}
    ticket_id = visited_repair(service, people, clock)
    assert plans(ticket_id)[0].due_on == TUESDAY + dt.timedelta(days=10)
    assert AuditLog.select().where(AuditLog.action == "follow_up").count() == 1

    followups.set_follow_up_intervals(service, _admin(people), complaint_days=0, repair_days=0)
    second = visited_repair(service, people, clock, phone="13900001111")
    assert plans(second) == []


def _admin(people):
    from desk_app.core.kinds import Role
    from desk_app.models.schema import Staff
    from desk_app.services.desk import Actor

    staff = Staff.get_or_none(Staff.username == "admin") or Staff.create(username="admin", name="管理员",
                                                                        role=Role.ADMIN.value)
    return Actor.of(staff)


@pytest.mark.parametrize(("complaint", "repair", "field"), [
    ("-1", "30", "complaint_days"), ("7", "abc", "repair_days"), ("7", "400", "repair_days"), (True, 3, "complaint_days"),
])
def test_a_bad_interval_is_refused_beside_its_field_and_nothing_is_stored(service, people, complaint, repair,
                                                                         field):
    with pytest.raises(ValidationError) as refused:
        followups.set_follow_up_intervals(service, _admin(people), complaint_days=complaint, repair_days=repair)
    assert refused.value.field == field
    assert Setting.select().where(Setting.key.startswith("follow_up.")).count() == 0


def test_only_the_administrator_sets_the_intervals(service, people):
    with pytest.raises(PermissionDenied):
        followups.set_follow_up_intervals(service, people["supervisor"], complaint_days=1, repair_days=1)


def test_an_unreadable_stored_interval_falls_back_to_the_default(service, people):
    put_setting("follow_up.repair_days", "many")
    service.forget_cached()
    assert followups.follow_up_intervals(service) == {"complaint": 7, "repair": 30}


def test_other_kinds_get_no_follow_up(service, people, clock):
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description="物业费标准",
                                                        phone=PHONE))
    assert service._plan_follow_up(Ticket.get_by_id(ticket_id), desk, TUESDAY, clock.now) is None
    assert plans(ticket_id) == []


# ----- the list ---------------------------------------------------------------------------------------------------


def _plan(service, desk, due_on, phone=PHONE, name="张三"):
    customer = insert_customer(name, [NumberLine("+86" + phone)], [], created_at=service.now())
    return followups.plan_follow_up(service, desk, customer_id=customer, due_on=due_on, note="定期问候")


def test_the_list_shows_overdue_first_then_today_then_those_to_come(service, people, clock):
    desk = people["reception"]
    clock.now = dt.datetime(2026, 11, 10, 9, 0)
    late = _plan(service, desk, dt.date(2026, 11, 12), "13800000001", "甲")
    later = _plan(service, desk, dt.date(2026, 11, 15), "13800000002", "乙")
    clock.now = dt.datetime(2026, 11, 17, 9, 0)
    due = _plan(service, desk, TUESDAY, "13800000003", "丙")
    coming = _plan(service, desk, TUESDAY + dt.timedelta(days=3), "13800000004", "丁")
    far = _plan(service, desk, TUESDAY + dt.timedelta(days=30), "13800000005", "戊")

    viewer = service.viewer(desk)
    listed = followups.due_follow_ups(viewer, TUESDAY)
    assert [(f.id, f.days_overdue, f.overdue, f.due) for f in listed] == [
        (late, 5, True, True), (later, 2, True, True), (due, 0, False, True)]
    assert (listed[0].name, listed[0].phone, listed[0].reason, listed[0].note, listed[0].planned_by) == (
        "甲", "138 0000 0001", "periodic", "定期问候", "王芳")
    assert [f.id for f in followups.due_follow_ups(viewer, TUESDAY, include_upcoming_days=7)] == [
        late, later, due, coming]
    assert far not in [f.id for f in followups.due_follow_ups(viewer, TUESDAY, include_upcoming_days=7)]
    assert followups.count_due(viewer, TUESDAY) == 3
    assert [f.id for f in followups.due_follow_ups(viewer, TUESDAY, limit=2)] == [late, later]


def test_the_list_names_the_ticket(service, people, clock):
    ticket_id = visited_repair(service, people, clock)
    (view,) = followups.due_follow_ups(service.viewer(people["reception"]), TUESDAY + dt.timedelta(days=30))
    assert (view.ticket_id, view.ticket_number, view.ticket_kind, view.reason, view.days_overdue) == (
        ticket_id, Ticket.get_by_id(ticket_id).number, "repair", "repair", 0)


def test_who_may_read_and_do_follow_ups(service, people, clock):
    desk = people["reception"]
    plan_id = _plan(service, desk, TUESDAY)
    for who in ("reception", "dispatcher", "supervisor"):
        assert followups.count_due(service.viewer(people[who]), TUESDAY) == 1, who
    # The supervisor sees the whole number; nobody without contact data reads the list at all.
    assert followups.due_follow_ups(service.viewer(people["supervisor"]), TUESDAY)[0].phone == "138 1234 5678"
    for who in ("engineering", "engineering.lead", "audit", "office", "center"):
        with pytest.raises(PermissionDenied):
            followups.due_follow_ups(service.viewer(people[who]), TUESDAY)
        with pytest.raises(PermissionDenied):
            followups.do_follow_up(service, people[who], plan_id, content="回访")
    assert FollowUp.get_by_id(plan_id).state == "planned"


def test_a_masked_reader_sees_138_stars(service, people, monkeypatch):
    plan_id = _plan(service, people["reception"], TUESDAY)
    monkeypatch.setattr(followups, "sees_contact", lambda facts: False)
    assert followups.follow_up(service.viewer(people["reception"]), plan_id, TUESDAY).phone == "138****5678"


def test_a_dispatcher_of_a_jurisdiction_sees_the_follow_ups_of_its_area_only(service, people, clock):
    from desk_app.models.schema import Staff

    ticket_id = visited_repair(service, people, clock)
    Ticket.update(area="二期").where(Ticket.id == ticket_id).execute()
    Staff.update(jurisdiction="一期").where(Staff.id == people["dispatcher"].id).execute()
    viewer = service.viewer(people["dispatcher"])
    day = TUESDAY + dt.timedelta(days=30)
    assert followups.count_due(viewer, day) == 0 and followups.due_follow_ups(viewer, day) == []
    Staff.update(jurisdiction="二期").where(Staff.id == people["dispatcher"].id).execute()
    assert followups.count_due(service.viewer(people["dispatcher"]), day) == 1


# ----- doing one ----------------------------------------------------------------------------------------------------


def test_doing_a_follow_up_writes_one_outgoing_register_line_and_marks_it_done(service, people, clock, events):
    desk = people["reception"]
    ticket_id = visited_repair(service, people, clock)
    (plan,) = plans(ticket_id)
    clock.now = dt.datetime(2026, 12, 17, 10, 15)
    seen = []
    events.subscribe(seen.append)
    lines_before = CallRecord.select().count()

    call_id = followups.do_follow_up(service, desk, plan.id, content="阀门使用正常，业主满意", note="下次换季再问")
    assert CallRecord.select().count() == lines_before + 1
    line = CallRecord.get_by_id(call_id)
    assert (line.direction, line.channel, line.outcome, line.phone, line.caller_name, line.content, line.agent_id,
            line.received_at) == ("out", "phone", "solved", "+8613812345678", "张三", "阀门使用正常，业主满意",
                                  desk.id, clock.now)
    assert line.follow_up == f"回访跟踪 {Ticket.get_by_id(ticket_id).number}；下次换季再问"
    done = FollowUp.get_by_id(plan.id)
    assert (done.state, done.done_by_id, done.done_at, done.call_id) == ("done", desk.id, clock.now, call_id)
    assert {c.topic for c in seen} >= {"call", "follow_up"}

    # The register of the day shows it as the desk's own call (去电).
    view = register.register_day(service.viewer(desk), clock.now.date())
    (shown,) = [x for x in view.lines if x.id == call_id]
    assert (shown.direction, shown.kind.value, shown.open) == ("out", "outgoing_call", False)
    assert followups.count_due(service.viewer(desk), clock.now.date()) == 0


def test_doing_it_can_plan_the_next_call(service, people, clock):
    desk = people["reception"]
    plan_id = _plan(service, desk, TUESDAY)
    followups.do_follow_up(service, desk, plan_id, content="一切正常", next_in_days=90)
    (nxt,) = FollowUp.select().where(FollowUp.state == FollowUpState.PLANNED.value)
    assert (nxt.reason, nxt.due_on, nxt.phone, nxt.name, nxt.customer_id) == (
        FollowUpReason.PERIODIC.value, TUESDAY + dt.timedelta(days=90), "+8613812345678", "张三",
        FollowUp.get_by_id(plan_id).customer_id)


def test_a_follow_up_done_at_another_desk_meanwhile_is_refused(service, people, clock, monkeypatch):
    desk, other = people["reception"], people["reception2"]
    plan_id = _plan(service, desk, TUESDAY)
    stale = FollowUp.get_by_id(plan_id)                     # what this desk read before the other desk called
    other_desk = DeskService(now=clock)
    followups.do_follow_up(other_desk, other, plan_id, content="已回访")
    lines = CallRecord.select().count()

    monkeypatch.setattr(followups, "_planned", lambda _id: stale)
    with pytest.raises(ConflictError, match="done already"):
        followups.do_follow_up(service, desk, plan_id, content="再次回访", next_in_days=30)
    assert CallRecord.select().count() == lines                     # the line written before the refusal is gone
    assert FollowUp.select().count() == 1                           # and no next plan either
    monkeypatch.undo()
    with pytest.raises(ConflictError, match="done already"):
        followups.do_follow_up(service, desk, plan_id, content="再次回访")


def test_a_cancelled_follow_up_is_not_done_and_not_cancelled_twice(service, people):
    desk = people["reception"]
    plan_id = _plan(service, desk, TUESDAY)
    with pytest.raises(ValidationError) as refused:
        followups.cancel_follow_up(service, desk, plan_id, "  ")
    assert refused.value.field == "reason"
    followups.cancel_follow_up(service, desk, plan_id, "业主已搬走")
    row = FollowUp.get_by_id(plan_id)
    assert (row.state, row.done_by_id, row.note) == ("cancelled", desk.id, "定期问候；取消：业主已搬走")
    with pytest.raises(ConflictError, match="cancelled"):
        followups.do_follow_up(service, desk, plan_id, content="回访")
    with pytest.raises(ConflictError):
        followups.cancel_follow_up(service, desk, plan_id, "again")
    with pytest.raises(NotFound):
        followups.do_follow_up(service, desk, 9999, content="回访")


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"content": "  "}, "content"), ({"content": "a\x00b"}, "content"), ({"content": "x" * 2001}, "content"),
    ({"content": "ok", "note": "\x00"}, "note"), ({"content": "ok", "next_in_days": 0}, "next_in_days"),
    ({"content": "ok", "next_in_days": "soon"}, "next_in_days"),
])
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(service, people, kwargs, field):
    plan_id = _plan(service, people["reception"], TUESDAY)
    lines = CallRecord.select().count()
    with pytest.raises(ValidationError) as refused:
        followups.do_follow_up(service, people["reception"], plan_id, **kwargs)
    assert refused.value.field == field
    assert CallRecord.select().count() == lines and FollowUp.get_by_id(plan_id).state == "planned"


def test_a_signed_register_day_takes_no_follow_up_line(service, people, clock):
    desk = people["reception"]
    plan_id = _plan(service, desk, TUESDAY)
    clock.now = dt.datetime(2026, 11, 17, 17, 30)
    register.sign_day(service, people["supervisor"], TUESDAY)
    with pytest.raises(ValidationError, match="signed; ask the supervisor"):
        followups.do_follow_up(service, desk, plan_id, content="回访")
    assert FollowUp.get_by_id(plan_id).state == "planned"


def test_a_plan_by_hand_needs_whom_a_number_and_a_day_to_come(service, people, clock):
    desk = people["reception"]
    with pytest.raises(ValidationError) as refused:
        followups.plan_follow_up(service, desk, due_on=TUESDAY)
    assert refused.value.field == "customer"
    nobody = insert_customer("无电话", [], [], created_at=clock.now)
    with pytest.raises(ValidationError, match="no phone number"):
        followups.plan_follow_up(service, desk, customer_id=nobody, due_on=TUESDAY)
    someone = insert_customer("李四", [NumberLine("+8613900002222")], [], created_at=clock.now)
    with pytest.raises(ValidationError) as past:
        followups.plan_follow_up(service, desk, customer_id=someone, due_on=TUESDAY - dt.timedelta(days=1))
    assert past.value.field == "due_on"
    with pytest.raises(NotFound):
        followups.plan_follow_up(service, desk, customer_id=99999, due_on=TUESDAY)
    plan_id = followups.plan_follow_up(service, desk, customer_id=someone, due_on=TUESDAY + dt.timedelta(days=1))
    row = FollowUp.get_by_id(plan_id)
    assert (row.reason, row.name, row.phone, row.state) == ("periodic", "李四", "+8613900002222", "planned")
    with pytest.raises(PermissionDenied):
        followups.plan_follow_up(service, people["engineering"], customer_id=someone, due_on=TUESDAY)


def test_the_outgoing_line_counts_as_solved_at_first_contact_nowhere_else(service, people):
    """The register keeps CallOutcome.SOLVED for the desk's own call: the filter tells it apart by direction."""
    plan_id = _plan(service, people["reception"], TUESDAY)
    call_id = followups.do_follow_up(service, people["reception"], plan_id, content="回访")
    assert CallRecord.get_by_id(call_id).outcome == CallOutcome.SOLVED.value


def test_the_command_line_lists_the_calls_due(service, people, db_url, capsys):
    from desk_app.cli import main

    _plan(service, people["reception"], TUESDAY, "13800000009", "己")
    # The command reads with its own service and the real clock: the call is overdue by then.
    assert main(["followups", "list", "--database", db_url, "--user", "reception", "--days", "3650"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    due, overdue, reason, name, phone, ticket = line.split("\t")
    assert (due, reason, name, phone, ticket) == ("2026-11-17", "定期回访", "己", "138 0000 0009", "")
    assert int(overdue) == (dt.date.today() - TUESDAY).days
    assert main(["followups", "list", "--database", db_url, "--user", "audit"]) == 1
    assert "may not" in capsys.readouterr().err


# ----- PostgreSQL ---------------------------------------------------------------------------------------------------




def test_follow_ups_are_planned_listed_and_done_on_postgres(cluster):
    from desk_app.models.db import close_database
    from desk_app.services.demo import create_organization
    from desk_app.services.setup import init_database

    init_database(cluster.create_database("desk_followups"))
    try:
        people = create_organization()
        clock = ManualClock(dt.datetime(2026, 11, 17, 9, 0))
        service = DeskService(now=clock)
        ticket_id = visited_repair(service, people, clock)
        service.archive(people["reception"], ticket_id)       # archived after its visit: still one plan
        (plan,) = plans(ticket_id)
        assert plan.due_on == dt.date(2026, 12, 17)
        day = dt.date(2026, 12, 18)
        viewer = service.viewer(people["reception"])
        assert followups.count_due(viewer, day) == 1
        assert [(f.id, f.days_overdue) for f in followups.due_follow_ups(viewer, day)] == [(plan.id, 1)]
        clock.now = dt.datetime(2026, 12, 18, 10, 0)
        call_id = followups.do_follow_up(service, people["reception"], plan.id, content="使用正常")
        assert CallRecord.get_by_id(call_id).direction == "out"
        with pytest.raises(ConflictError):
            followups.do_follow_up(service, people["reception2"], plan.id, content="再次回访")
        assert followups.count_due(viewer, day) == 0
    finally:
        close_database()
