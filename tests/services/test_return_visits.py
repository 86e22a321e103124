"""回访: every return visit leaves a record of its own (who, when, the satisfaction, reopened or not) beside the
history line, in the same transaction ("前台回访满意程度→记录→存档")."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import ConflictError, ValidationError
from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import History, ReturnVisit, Ticket


def resolved_repair(service, people, clock) -> int:
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水",
                                                        phone="13812345678", caller_name="张三"))
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    clock.advance(hours=2)
    service.resolve(engineering, ticket_id, "更换阀门")
    service.return_slip(desk, ticket_id)          # 返单: the completed slip is back at the desk
    return ticket_id


def visits(ticket_id: int) -> list[tuple]:
    return [(r.at, r.by_id, r.satisfaction, r.note, r.reopened)
            for r in ReturnVisit.select().where(ReturnVisit.ticket == ticket_id).order_by(ReturnVisit.id)]


def test_each_return_visit_is_recorded_with_its_satisfaction(service, people, clock):
    desk = people["reception"]
    ticket_id = resolved_repair(service, people, clock)
    clock.advance(hours=1)
    unhappy_at = clock.now
    service.return_visit(desk, ticket_id, Satisfaction.UNSATISFIED, "  仍在漏水  ")
    assert Ticket.get_by_id(ticket_id).state == State.IN_PROGRESS
    service.resolve(people["engineering"], ticket_id, "更换整段水管")
    service.return_slip(desk, ticket_id)
    clock.advance(hours=3)
    service.return_visit(desk, ticket_id, Satisfaction.SATISFIED, "业主满意")
    assert visits(ticket_id) == [
        (unhappy_at, desk.id, "unsatisfied", "仍在漏水", True),
        (clock.now, desk.id, "satisfied", "业主满意", False),
    ]
    # The history says the same, as before (the version-4 migration read old visits back from it).
    assert [(h.action, h.note) for h in History.select().where(
        (History.ticket == ticket_id) & History.action.in_(["visit", "reopen"])).order_by(History.id)] == [
        ("reopen", "unsatisfied; 仍在漏水"), ("visit", "satisfied; 业主满意")]


def test_a_refused_return_visit_leaves_no_record(service, people, clock):
    desk = people["reception"]
    ticket_id = resolved_repair(service, people, clock)
    with pytest.raises(ValidationError):
        service.return_visit(desk, ticket_id, Satisfaction.UNSATISFIED, "")
    with pytest.raises(ConflictError):
        service.return_visit(desk, ticket_id, Satisfaction.BASICALLY, expected_version=1)
    assert visits(ticket_id) == []
    service.return_visit(desk, ticket_id, Satisfaction.BASICALLY)
    assert visits(ticket_id) == [(clock.now, desk.id, "basically", "", False)]
    assert isinstance(visits(ticket_id)[0][0], dt.datetime)
