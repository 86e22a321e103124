"""For every role, each ticket action is allowed or refused at the service layer, and a refusal writes nothing."""

from __future__ import annotations

import pytest

from desk_app.core.errors import PermissionDenied
from desk_app.core.kinds import Role, Satisfaction, TicketKind
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import History, Staff, Ticket
from desk_app.services.desk import Actor

# The state each action is tried from, and how the ticket gets there (by the people whose step it is).
SETUP = {
    "dispatch": [],
    "accept": ["dispatch"],
    "return": ["dispatch"],
    "transfer": ["dispatch", "accept"],
    "start": ["dispatch", "accept"],
    "block": ["dispatch", "accept", "start"],
    "resolve": ["dispatch", "accept", "start"],
    "approve_leader": ["dispatch", "accept", "start", "resolve"],
    "approve_audit": ["dispatch", "accept", "start", "resolve", "approve_leader"],
    "reply": ["dispatch", "accept", "start", "resolve", "approve_leader", "approve_audit"],
    "visit": ["dispatch", "accept", "start", "resolve", "approve_leader", "approve_audit", "reply"],
    "archive": ["dispatch", "accept", "start", "resolve", "approve_leader", "approve_audit", "reply", "visit"],
}

# Who may take each step (the ticket is a complaint held by 客服助理). Supervisors and administrators may do all.
ALLOWED = {
    "dispatch": {"receptionist", "dispatcher", "audit"},
    "accept": {"receiver", "leader"},
    "return": {"receiver", "leader"},
    "transfer": {"receiver", "leader", "dispatcher", "audit"},
    "start": {"receiver", "leader", "field"},
    "block": {"receiver", "leader", "field"},
    "resolve": {"receiver", "leader", "field"},
    "approve_leader": {"leader"},
    "approve_audit": {"audit"},
    "reply": {"receptionist"},
    "visit": {"receptionist"},
    "archive": {"receptionist", "audit"},
}
ROLES = [r.value for r in Role]


@pytest.fixture
def cast(people):
    """One person of every role; department roles belong to 客服助理, which holds the ticket."""
    assist = people["assist"].department_id
    by_role = {"receptionist": people["reception"], "dispatcher": people["dispatcher"],
               "receiver": people["assist"], "leader": people["assist.lead"], "audit": people["audit"],
               "office": people["office"], "center": people["center"], "supervisor": people["supervisor"],
               "admin": Actor.of(Staff.get(Staff.username == "admin"))}
    by_role["field"] = Actor.of(Staff.create(username="assist.w9", name="孙师傅", role=Role.FIELD.value,
                                             department=assist))
    return by_role


def run(service, people, cast, step: str, actor: Actor, ticket_id: int) -> None:
    assist = people["assist"].department_id
    actions = {
        "dispatch": lambda: service.dispatch(actor, ticket_id, assist),
        "accept": lambda: service.accept(actor, ticket_id),
        "return": lambda: service.return_ticket(actor, ticket_id, "不属于本部门"),
        "transfer": lambda: service.transfer(actor, ticket_id, people["engineering"].department_id, "属于工程部"),
        "start": lambda: service.start(actor, ticket_id),
        "block": lambda: service.block(actor, ticket_id, "等待业主"),
        "resolve": lambda: service.resolve(actor, ticket_id, "已协调"),
        "approve_leader": lambda: service.approve(actor, ticket_id),
        "approve_audit": lambda: service.approve(actor, ticket_id),
        "reply": lambda: service.reply(actor, ticket_id, "已告知客户"),
        "visit": lambda: service.return_visit(actor, ticket_id, Satisfaction.SATISFIED),
        "archive": lambda: service.archive(actor, ticket_id),
    }
    actions[step]()


OWNER = {"dispatch": "receptionist", "accept": "receiver", "start": "receiver", "resolve": "receiver",
         "approve_leader": "leader", "approve_audit": "audit", "reply": "receptionist", "visit": "receptionist"}


@pytest.mark.parametrize("step", list(ALLOWED))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_take_exactly_its_steps(service, people, cast, clock, role, step):
    ticket_id = service.create_ticket(people["reception"], TicketDraft(
        kind=TicketKind.COMPLAINT, description="楼上噪音", phone="13812345678", caller_name="张三"))
    for earlier in SETUP[step]:
        clock.advance(minutes=5)
        run(service, people, cast, earlier, cast[OWNER[earlier]], ticket_id)
    before = (Ticket.get_by_id(ticket_id).version, History.select().count(), Ticket.get_by_id(ticket_id).state)
    allowed = role in ALLOWED[step] or role in ("supervisor", "admin")
    clock.advance(minutes=5)
    if allowed:
        run(service, people, cast, step, cast[role], ticket_id)
        assert Ticket.get_by_id(ticket_id).version == before[0] + 1
        assert History.select().order_by(History.id.desc()).first().actor_id == cast[role].id
    else:
        with pytest.raises(PermissionDenied):
            run(service, people, cast, step, cast[role], ticket_id)
        after = Ticket.get_by_id(ticket_id)
        assert (after.version, History.select().count(), after.state) == before


def test_a_department_role_cannot_act_on_another_departments_ticket(service, people, cast):
    ticket_id = service.create_ticket(people["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description="灯不亮", phone="13812345678", caller_name="张三"))
    service.dispatch(people["reception"], ticket_id, people["engineering"].department_id)
    for role in ("receiver", "leader", "field"):
        with pytest.raises(PermissionDenied):
            service.accept(cast[role], ticket_id)
    assert Ticket.get_by_id(ticket_id).state == State.DISPATCHED
