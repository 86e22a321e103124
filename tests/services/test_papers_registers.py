"""登记表 of a period from the demo database: the lines the database holds, the signatures, who may print which, and
the number (a second print of the same period says 补打)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from peewee import fn
from pypdf import PdfReader
from reportlab import rl_config

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.kinds import Role, Satisfaction, TicketKind
from desk_app.core.rules import SLIP_KINDS
from desk_app.core.validation import TicketDraft, display_phone
from desk_app.models.schema import CallRecord, Department, ReturnVisit, Staff, Ticket
from desk_app.services import register
from desk_app.services.desk import Actor, DeskService
from desk_app.services.papers.registers import (
    call_register,
    call_register_data,
    complaint_register,
    complaint_register_data,
    visit_register,
    visit_register_data,
)
from tests.conftest import FIXED_NOW

FIRST = dt.date(2026, 11, 1)
LAST = dt.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def desk(demo_db) -> DeskService:
    return DeskService(now=lambda: FIXED_NOW)


def person(role: Role, department: int | None = None) -> Actor:
    query = Staff.select().where(Staff.role == role.value)
    if department is not None:
        query = query.where(Staff.department == department)
    return Actor.of(query.order_by(Staff.id).first())


def texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def between(column, first: dt.date, last: dt.date):
    return (column >= dt.datetime.combine(first, dt.time())) & (column < dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time()))


def test_the_call_register_holds_the_databases_lines_of_the_period_in_order(desk):
    reception = person(Role.RECEPTIONIST)
    data = call_register_data(desk.viewer(reception), FIRST, LAST, reception, at=FIXED_NOW)

    lines = list(CallRecord.select().where(between(CallRecord.received_at, FIRST, LAST))
                 .order_by(CallRecord.received_at, CallRecord.id))
    assert len(lines) > 10
    assert [(r[2], r[3], r[4], r[6], r[7], r[8]) for r in data.rows] == [
        (c.caller_name, display_phone(c.phone), c.content, c.transferred_to, c.follow_up, c.agent.name)
        for c in lines]
    assert [r[0] for r in data.rows] == [f"{c.received_at:%m-%d %H:%M}" for c in lines]
    for row, line in zip(data.rows, lines):
        if line.ticket_id is not None:
            assert row[5] == f"已转工单 {Ticket.get_by_id(line.ticket_id).number}"
        else:
            assert row[5] in ("当场解决", "待处理")
        # The desk's own calls (回访跟踪) read 去电.
        assert row[1] == "去电" if line.direction == "out" else row[1] in (
            "电话", "来访", "微信/即时消息", "10086转入", "12530转入", "营业厅", "电子邮件", "现场巡查")
    assert any(row[1] == "去电" for row in data.rows)     # the demo's follow-up calls
    # A day of the month each, with its lines counted.
    assert [d.day for d in data.days] == [FIRST + dt.timedelta(days=k) for k in range(30)]
    assert [d.lines for d in data.days] == [sum(1 for c in lines if c.received_at.date() == d.day) for d in data.days]
    assert (data.title, data.printed_by, data.printed_at, data.number, data.reprint) == (
        "来电来访登记表", reception.name, FIXED_NOW, "2026-0001", False)


def test_a_signed_day_prints_its_signature_and_the_others_a_line_to_sign(desk):
    supervisor = person(Role.SUPERVISOR)
    day = dt.date(2026, 11, 24)
    calls = register.sign_day(desk, supervisor, day, "已核对")
    reception = person(Role.RECEPTIONIST)

    data = call_register_data(desk.viewer(reception), day - dt.timedelta(days=1), day, reception, at=FIXED_NOW)
    assert [(d.day, d.signed_by, d.signed_at) for d in data.days] == [
        (day - dt.timedelta(days=1), None, None), (day, "林主管", FIXED_NOW)]
    assert data.days[1].lines == calls

    page = "".join(texts(call_register(desk.viewer(supervisor), day, day, supervisor, at=FIXED_NOW)))
    assert f"以上为2026年11月24日（星期二）登记，共{calls}条客服主管签字：林主管日期：2026年11月26日10:00" in page
    page = "".join(texts(call_register(desk.viewer(supervisor), day - dt.timedelta(days=1),
                                       day - dt.timedelta(days=1), supervisor, at=FIXED_NOW)))
    assert "客服主管签字：______________日期：______________" in page


def test_a_receptionist_may_print_the_call_register_a_department_leader_may_not(desk):
    reception = person(Role.RECEPTIONIST)
    pages = texts(call_register(desk.viewer(reception), FIRST, LAST, reception, at=FIXED_NOW))
    assert all("来电来访登记表" in page and "序号日期/时间来电/来访来电人电话内容" in page for page in pages)
    assert all(f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, 1))
    assert "打印人：王芳打印时间：2026年11月26日10:00" in pages[0]

    leader = person(Role.LEADER)
    with pytest.raises(PermissionDenied, match="whole center's"):
        call_register(desk.viewer(leader), FIRST, LAST, leader, at=FIXED_NOW)
    field_staff = person(Role.FIELD)
    with pytest.raises(PermissionDenied, match="does not read the call register"):
        call_register(desk.viewer(field_staff), FIRST, LAST, field_staff, at=FIXED_NOW)


def test_the_office_reads_the_registers_with_phones_and_addresses_masked(desk):
    """The office reads the whole center's register but never calls a customer: "phones and addresses masked
    (138****8000) for roles that do not need them" (issue 9); the front desk reads them whole."""
    from desk_app.core.search import mask_address, mask_phone

    office, reception = person(Role.OFFICE), person(Role.RECEPTIONIST)
    masked = call_register_data(desk.viewer(office), FIRST, LAST, office, at=FIXED_NOW)
    whole = call_register_data(desk.viewer(reception), FIRST, LAST, reception, at=FIXED_NOW)
    assert len(masked.rows) == len(whole.rows) > 10
    assert [r[3] for r in masked.rows] == [mask_phone(r[3]) for r in whole.rows]
    assert all("****" in r[3] for r in masked.rows if r[3])
    complaints = complaint_register_data(desk.viewer(office), FIRST, LAST, office, at=FIXED_NOW)
    full = complaint_register_data(desk.viewer(reception), FIRST, LAST, reception, at=FIXED_NOW)
    assert [(r[3], r[4]) for r in complaints.rows] == [(mask_phone(r[3]), mask_address(r[4])) for r in full.rows]
    assert complaints.rows


def test_the_complaint_register_holds_the_complaints_of_the_period(desk):
    supervisor = person(Role.SUPERVISOR)
    data = complaint_register_data(desk.viewer(supervisor), FIRST, LAST, supervisor, at=FIXED_NOW)

    tickets = list(Ticket.select().where(between(Ticket.created_at, FIRST, LAST)
                                         & (Ticket.kind == TicketKind.COMPLAINT.value))
                   .order_by(Ticket.created_at, Ticket.id))
    assert len(tickets) > 5
    assert [(r[1], r[3], r[4], r[5]) for r in data.rows] == [
        (t.number, display_phone(t.phone), t.address, t.description) for t in tickets]
    assert {r[6] for r in data.rows} <= {"诉求", "申告"}
    assert {r[9] for r in data.rows} <= {"", "满意", "基本满意", "不满意"}
    assert data.title == "客户投诉登记表"


def test_the_complaint_register_of_a_leader_holds_only_his_departments_complaints(desk):
    busiest = (Ticket.select(Ticket.department).where(Ticket.kind == TicketKind.COMPLAINT.value)
               .group_by(Ticket.department).order_by(fn.COUNT(Ticket.id).desc()).scalar())
    leader = person(Role.LEADER, busiest)
    data = complaint_register_data(desk.viewer(leader), FIRST, LAST, leader, at=FIXED_NOW)

    own = [t.number for t in Ticket.select().where(
        between(Ticket.created_at, FIRST, LAST) & (Ticket.kind == TicketKind.COMPLAINT.value)
        & (Ticket.department == busiest)).order_by(Ticket.created_at, Ticket.id)]
    others = Ticket.select().where(between(Ticket.created_at, FIRST, LAST)
                                   & (Ticket.kind == TicketKind.COMPLAINT.value)
                                   & ((Ticket.department != busiest) | Ticket.department.is_null())).count()
    assert own and others
    assert [r[1] for r in data.rows] == own
    assert {r[7] for r in data.rows} == {Department.get_by_id(busiest).name}
    page = "".join(texts(complaint_register(desk.viewer(leader), FIRST, LAST, leader, at=FIXED_NOW)))
    assert all(number in page for number in own)


def test_the_visit_register_holds_the_return_visits_of_repairs(desk):
    supervisor = person(Role.SUPERVISOR)
    data = visit_register_data(desk.viewer(supervisor), FIRST, LAST, supervisor, at=FIXED_NOW)

    visits = list(ReturnVisit.select().join(Ticket).where(
        between(ReturnVisit.at, FIRST, LAST) & Ticket.kind.in_([k.value for k in SLIP_KINDS]))
        .order_by(ReturnVisit.at, ReturnVisit.id))
    assert visits
    assert ReturnVisit.select().where(between(ReturnVisit.at, FIRST, LAST)).count() > len(visits)  # not repairs
    assert [(r[0], r[1], r[8], r[9]) for r in data.rows] == [
        (f"{v.at:%m-%d %H:%M}", v.ticket.number, {"satisfied": "满意", "basically": "基本满意",
                                                   "unsatisfied": "不满意"}[v.satisfaction], v.by.name)
        for v in visits]
    page = "".join(texts(visit_register(desk.viewer(supervisor), FIRST, LAST, supervisor, at=FIXED_NOW)))
    assert "维修回访登记表" in page and all(v.ticket.number in page for v in visits)


def test_a_reopened_repairs_visits_each_name_the_completion_they_followed(desk):
    reception, supervisor = person(Role.RECEPTIONIST), person(Role.SUPERVISOR)
    engineering = person(Role.RECEIVER, Department.get(Department.name == "工程部").id)
    now = [dt.datetime(2026, 12, 1, 9, 0)]
    service = DeskService(now=lambda: now[0])
    ticket_id = service.create_ticket(reception, TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水",
                                                             phone="13812345678", caller_name="张三"))
    assert Ticket.get_by_id(ticket_id).department_id == engineering.department_id   # routed by the demo's rules
    service.accept(engineering, ticket_id)
    now[0] = dt.datetime(2026, 12, 1, 11, 0)
    service.resolve(engineering, ticket_id, "更换阀门")
    service.return_slip(reception, ticket_id)
    now[0] = dt.datetime(2026, 12, 1, 15, 0)
    service.return_visit(reception, ticket_id, Satisfaction.UNSATISFIED, "仍在漏水")
    now[0] = dt.datetime(2026, 12, 2, 10, 0)
    service.resolve(engineering, ticket_id, "更换整段水管")
    service.return_slip(reception, ticket_id)
    now[0] = dt.datetime(2026, 12, 2, 16, 0)
    service.return_visit(reception, ticket_id, Satisfaction.SATISFIED, "业主满意")

    data = visit_register_data(service.viewer(supervisor), dt.date(2026, 12, 1), dt.date(2026, 12, 2), supervisor,
                               at=now[0])
    assert [(r[0], r[7], r[8], r[10]) for r in data.rows] == [
        ("12-01 15:00", "12-01 11:00", "不满意", "不满意，已重新处理；仍在漏水"),
        ("12-02 16:00", "12-02 10:00", "满意", "业主满意")]


def test_a_second_print_of_the_same_period_keeps_its_number_and_says_reprint(desk):
    reception = person(Role.RECEPTIONIST)
    viewer = desk.viewer(reception)
    first = call_register_data(viewer, FIRST, LAST, reception, at=FIXED_NOW)
    other = call_register_data(viewer, FIRST, FIRST, reception, at=FIXED_NOW)
    again = texts(call_register(viewer, FIRST, LAST, reception, at=FIXED_NOW))

    assert (first.number, first.reprint, other.number) == ("2026-0001", False, "2026-0002")
    assert all("编号：2026-0001（补打）" in page for page in again)
    # Each register counts on its own.
    assert complaint_register_data(viewer, FIRST, LAST, reception, at=FIXED_NOW).number == "2026-0001"


def test_an_empty_period_prints_a_register_that_says_so(desk):
    reception = person(Role.RECEPTIONIST)
    viewer = desk.viewer(reception)
    first, last = dt.date(2026, 1, 1), dt.date(2026, 1, 31)
    for make in (complaint_register, visit_register):
        (page,) = texts(make(viewer, first, last, reception, at=FIXED_NOW))
        assert "本期间无记录" in page and "期间：2026年1月" in page and "共0条" in page
    # The call register still has each day's line to sign.
    pages = texts(call_register(viewer, first, last, reception, at=FIXED_NOW))
    assert "本期间无记录" in pages[0] and "期间：2026年1月" in pages[0] and "共0条" in pages[0]
    assert "".join(pages).count("客服主管签字：") == 31


@pytest.mark.parametrize(("first", "last", "message"), [
    (dt.date(2026, 11, 2), dt.date(2026, 11, 1), "The period ends before it begins."),
    (dt.date(2025, 10, 31), dt.date(2026, 11, 1), "A register covers at most 366 days; this period has 367."),
])
def test_a_bad_period_is_refused_before_anything_is_numbered(desk, first, last, message):
    reception = person(Role.RECEPTIONIST)
    for make in (call_register, complaint_register, visit_register):
        with pytest.raises(ValidationError, match=re.escape(message)) as refused:
            make(desk.viewer(reception), first, last, reception, at=FIXED_NOW)
        assert refused.value.field == "period"
    assert call_register_data(desk.viewer(reception), dt.date(2025, 11, 2), dt.date(2026, 11, 2), reception,
                              at=FIXED_NOW).number == "2026-0001"
