"""The whole workflow at the service layer: routing, approvals by role, complaint upgrade, quarantine, paid repairs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desk_app.core.errors import DeskError, PermissionDenied, ValidationError
from desk_app.core.kinds import Channel, ComplaintLevel, Escalation, Role, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.routing import Routed, Scope
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Clock, History, RoutingRule, Setting, Staff, Ticket
from desk_app.services.desk import Actor

PHONE = "13812345678"


def draft(**overrides) -> TicketDraft:
    fields = dict(kind=TicketKind.COMPLAINT, description="楼上噪音扰民", phone=PHONE, caller_name="张三",
                  address="阳光花园3栋2单元501", area="城北片区")
    fields.update(overrides)
    return TicketDraft(**fields)


@pytest.fixture
def approvers(people):
    """A leader for 客服助理 and 工程部, the office and the center leader."""
    made = {}
    for key, role, department in (("assist.lead", Role.LEADER, people["assist"].department_id),
                                  ("engineering.lead", Role.LEADER, people["engineering"].department_id),
                                  ("office", Role.OFFICE, None), ("center", Role.CENTER, None)):
        staff = Staff.get_or_none(Staff.username == key) or Staff.create(
            username=key, name=key, role=role.value, department=department)
        made[key] = Actor.of(staff)
    return made


def state(ticket_id: int) -> State:
    return State(Ticket.get_by_id(ticket_id).state)


def to_department(service, people, ticket_id, code="assist"):
    service.dispatch(people["reception"], ticket_id, people[code].department_id)
    service.accept(people[code], ticket_id)


def test_matching_rule_dispatches_directly_to_the_receiver(service, people, events):
    RoutingRule.create(position=1, name="户内报修", kind="repair", scope="private",
                       department=people["assist"].department_id)
    service.forget_cached()
    seen = []
    events.subscribe(lambda c: seen.append(c.action))
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR, scope=Scope.PRIVATE))
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.state, ticket.routed, ticket.receiver_id) == (State.DISPATCHED, Routed.DIRECT,
                                                                 people["assist"].id)
    assert [h.action for h in History.select().where(History.ticket == ticket_id).order_by(History.id)] == [
        "create", "dispatch"]
    assert seen == ["create", "dispatch"]   # the receiver's notification hangs on the dispatch event


def test_no_matching_rule_leaves_the_ticket_for_the_dispatcher(service, people):
    RoutingRule.create(position=1, kind="repair", scope="private", department=people["assist"].department_id)
    service.forget_cached()
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR, scope=Scope.PUBLIC))
    assert (state(ticket_id), Ticket.get_by_id(ticket_id).routed) == (State.NEW, Routed.TRANSFER)
    service.dispatch(people["dispatcher"], ticket_id, people["engineering"].department_id)
    assert state(ticket_id) == State.DISPATCHED


def test_complaint_is_approved_by_leader_audit_and_replied_by_the_desk(service, people, approvers, clock):
    ticket_id = service.create_ticket(people["reception"], draft())
    to_department(service, people, ticket_id)
    service.resolve(people["assist"], ticket_id, "已协调楼上住户")
    assert state(ticket_id) == State.PENDING_LEADER
    assert Clock.get((Clock.ticket == ticket_id) & (Clock.kind == "resolve")).stopped_at is None
    with pytest.raises(PermissionDenied):
        service.approve(approvers["engineering.lead"], ticket_id)    # a leader of another department
    with pytest.raises(PermissionDenied):
        service.approve(people["audit"], ticket_id)                 # the audit center's step comes later
    service.approve(approvers["assist.lead"], ticket_id, "同意")
    assert state(ticket_id) == State.PENDING_AUDIT
    service.approve(people["audit"], ticket_id)
    assert state(ticket_id) == State.PENDING_REPLY
    with pytest.raises(ValidationError):
        service.reply(people["reception"], ticket_id, " ")
    clock.advance(minutes=5)
    service.reply(people["reception"], ticket_id, "已电话告知客户处理结果")
    assert state(ticket_id) == State.RESOLVED
    assert Clock.get((Clock.ticket == ticket_id) & (Clock.kind == "resolve")).stopped_at == clock.now
    assert Clock.get((Clock.ticket == ticket_id) & (Clock.kind == "visit")).stopped_at is None


def test_sensitive_ticket_also_goes_past_the_office_and_the_center_leader(service, people, approvers):
    ticket_id = service.create_ticket(people["reception"], draft(sensitive=True))
    to_department(service, people, ticket_id)
    service.resolve(people["assist"], ticket_id, "方案")
    steps = [("assist.lead", State.PENDING_OFFICE), ("office", State.PENDING_CENTER),
             ("center", State.PENDING_AUDIT)]
    for who, expected in steps:
        service.approve(approvers[who], ticket_id)
        assert state(ticket_id) == expected
    service.approve(people["audit"], ticket_id)
    assert state(ticket_id) == State.PENDING_REPLY


def test_an_approver_sends_back_with_a_reason(service, people, approvers):
    ticket_id = service.create_ticket(people["reception"], draft())
    to_department(service, people, ticket_id)
    service.resolve(people["assist"], ticket_id, "方案")
    with pytest.raises(ValidationError):
        service.send_back(approvers["assist.lead"], ticket_id, "")
    service.send_back(approvers["assist.lead"], ticket_id, "方案不具体")
    assert state(ticket_id) == State.IN_PROGRESS
    assert History.select().order_by(History.id.desc()).first().note == "方案不具体"


def test_a_repair_needs_no_approval(service, people):
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR))
    to_department(service, people, ticket_id, "engineering")
    service.resolve(people["engineering"], ticket_id, "已修复")
    assert state(ticket_id) == State.RESOLVED


def test_lateral_transfer_goes_to_the_other_receiver_with_a_reason(service, people):
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR))
    to_department(service, people, ticket_id, "engineering")
    with pytest.raises(ValidationError):
        service.transfer(people["engineering"], ticket_id, people["environment"].department_id, "")
    service.transfer(people["engineering"], ticket_id, people["environment"].department_id, "属于绿化")
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.state, ticket.receiver_id) == (State.DISPATCHED, people["environment"].id)
    with pytest.raises(PermissionDenied):
        service.accept(people["engineering"], ticket_id)
    service.accept(people["environment"], ticket_id)


@pytest.mark.parametrize(("gap", "expected"), [
    (dt.timedelta(hours=3, minutes=59), ComplaintLevel.FORMAL),
    (dt.timedelta(hours=4, minutes=1), ComplaintLevel.APPEAL),
])
def test_second_complaint_within_four_hours_is_upgraded_to_formal(service, people, clock, gap, expected):
    first = service.create_ticket(people["reception"], draft())
    assert Ticket.get_by_id(first).complaint_level == ComplaintLevel.APPEAL
    clock.advance(seconds=gap.total_seconds())
    second = service.create_ticket(people["reception"], draft(phone="", channel=Channel.VISIT))  # same address
    ticket = Ticket.get_by_id(second)
    assert ticket.complaint_level == expected
    assert ticket.linked_ticket_id == (first if expected == ComplaintLevel.FORMAL else None)


@pytest.mark.parametrize("channel", [Channel.BUSINESS_HALL, Channel.HOTLINE_12530])
def test_complaint_from_business_hall_or_12530_starts_formal(service, people, channel):
    ticket_id = service.create_ticket(people["reception"], draft(channel=channel))
    assert Ticket.get_by_id(ticket_id).complaint_level == ComplaintLevel.FORMAL


def test_unregistered_caller_is_quarantined_until_registered(service, people):
    Setting.create(key="terminal.quarantine_unregistered", value="1")
    RoutingRule.create(position=1, kind="repair", department=people["engineering"].department_id)
    service.forget_cached()
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR, phone="13900001111"))
    assert Ticket.get_by_id(ticket_id).quarantined and state(ticket_id) == State.NEW
    with pytest.raises(DeskError):
        service.dispatch(people["dispatcher"], ticket_id, people["engineering"].department_id)
    service.register_customer(people["reception"], "李商户", "139 0000 1111", "解放路1号")
    ticket = Ticket.get_by_id(ticket_id)
    assert not ticket.quarantined and ticket.customer_id is not None
    assert ticket.state == State.DISPATCHED   # released and routed
    with pytest.raises(ValidationError):
        service.register_customer(people["reception"], "重复", "13900001111")


def test_paid_repair_starts_only_after_the_owner_consents(service, people):
    engineering = people["engineering"]
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.REPAIR, variant=Variant.PAID))
    to_department(service, people, ticket_id, "engineering")
    with pytest.raises(DeskError) as info:
        service.start(engineering, ticket_id)
    assert "owner agreed to the quoted price" in str(info.value)
    with pytest.raises(ValidationError):
        service.quote_price(engineering, ticket_id, "abc")
    with pytest.raises(PermissionDenied):
        service.quote_price(people["finance"], ticket_id, "120")
    service.quote_price(engineering, ticket_id, "120")
    service.record_consent(people["reception"], ticket_id, True, "业主电话同意")
    service.start(engineering, ticket_id)
    assert state(ticket_id) == State.IN_PROGRESS
    assert Ticket.get_by_id(ticket_id).quoted_price == Decimal("120")


def test_escalating_to_major_makes_the_ticket_sensitive(service, people, events):
    seen = []
    events.subscribe(lambda c: seen.append(c.action))
    ticket_id = service.create_ticket(people["reception"], draft())
    service.escalate(people["reception"], ticket_id, Escalation.MAJOR, "媒体关注")
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.escalation, ticket.sensitive) == ("major", True)
    assert seen[-1] == "escalate"
    with pytest.raises(PermissionDenied):
        service.escalate(Actor(999, "办公室", Role.OFFICE, None), ticket_id, Escalation.GENERAL)


def test_patrol_finding_is_due_at_its_rectification_deadline(service, people, clock):
    due = clock.now + dt.timedelta(days=2, hours=3)
    with pytest.raises(ValidationError) as info:
        service.create_ticket(people["reception"], draft(kind=TicketKind.INSPECTION, channel=Channel.PATROL,
                                                         phone=""))
    assert info.value.field == "rectify_by"
    ticket_id = service.create_ticket(people["reception"], draft(kind=TicketKind.INSPECTION, channel=Channel.PATROL,
                                                                 phone="", rectify_by=due))
    assert Clock.get((Clock.ticket == ticket_id) & (Clock.kind == "resolve")).deadline == due
