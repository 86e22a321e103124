"""Ticket actions done while the database could not be reached: kept on the desk's PC with the version of the ticket
the user saw, saved when the database is back exactly once and at the time they were done, refused like any stale
action when another desk changed the ticket meanwhile (issue 10: "pending actions kept on disk and saved when it is
back, each exactly once")."""

from __future__ import annotations

import datetime as dt
import inspect
import json

import pytest

from desk_app.core.errors import ConflictError
from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.states import State
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import ClientRequest, History, Ticket
from desk_app.services import queries
from desk_app.services.desk import DeskService
from desk_app.services.outbox_local import ACTIONS_KEPT, LocalOutbox, outbox_folder, replay_action

DRAFT = TicketDraft(kind=TicketKind.REPAIR, description="卫生间水管漏水", phone="13812345678", caller_name="张三",
                    area="城北片区")


@pytest.fixture
def outbox(db_url, tmp_path) -> LocalOutbox:
    return LocalOutbox(outbox_folder(tmp_path, db_url))


def version_of(service: DeskService, actor, ticket_id: int) -> int:
    return queries.ticket_detail(service.viewer(actor), ticket_id).version


def actions(ticket_id: int, action: str) -> list[History]:
    return list(History.select().where((History.ticket == ticket_id) & (History.action == action)))


def test_a_kept_dispatch_is_saved_once_at_the_time_it_was_done(service, people, outbox, clock):
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    seen = version_of(service, people["reception"], ticket_id)
    done_at = clock.now
    kept = outbox.keep_action(people["reception"], "dispatch", ticket_id, "2026-000001", seen,
                              {"department_id": people["engineering"].department_id, "note": "断网时派单"},
                              at=done_at)
    assert [p.describe() for p in outbox.pending()] == ["2026-000001"]
    clock.advance(minutes=40)   # the database came back forty minutes later
    result = outbox.replay(service)
    assert result.saved == [(kept.key, ticket_id)] and result.refused == [] and len(outbox) == 0
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.state, ticket.department_id) == (State.DISPATCHED.value, people["engineering"].department_id)
    [line] = actions(ticket_id, "dispatch")
    assert line.at == done_at and "断网时派单" in line.note
    assert ticket.dispatched_at == done_at
    assert outbox.replay(service).saved == []
    assert len(actions(ticket_id, "dispatch")) == 1


def test_a_kept_action_whose_answer_was_lost_after_its_commit_is_not_done_twice(service, people, outbox, clock):
    """The first try committed but the desk never heard back: the replay finds the key and does nothing."""
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    seen = version_of(service, people["reception"], ticket_id)
    kept = outbox.keep_action(people["reception"], "dispatch", ticket_id, "2026-000001", seen,
                              {"department_id": people["engineering"].department_id}, at=clock.now)
    [pending] = outbox.pending()
    replay_action(service, people["reception"], kept.key, kept.saved_at, pending.action)
    result = outbox.replay(service)
    assert result.saved == [(kept.key, ticket_id)] and result.refused == []
    assert len(actions(ticket_id, "dispatch")) == 1
    assert [(r.kind, r.ticket_id) for r in ClientRequest.select()] == [("action", ticket_id)]


def test_a_kept_action_on_a_ticket_changed_at_another_desk_is_set_aside_as_stale(service, people, outbox, clock):
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    seen = version_of(service, people["reception"], ticket_id)
    outbox.keep_action(people["reception"], "dispatch", ticket_id, "2026-000001", seen,
                       {"department_id": people["engineering"].department_id}, at=clock.now)
    # Meanwhile the other receptionist, still connected, sent it to finance.
    service.dispatch(people["reception2"], ticket_id, people["finance"].department_id, expected_version=seen)
    result = outbox.replay(service)
    assert result.saved == [] and len(result.refused) == 1 and len(outbox) == 0
    [(pending, reason)] = outbox.refused()
    assert pending.action.op == "dispatch" and "changed by someone else" in reason
    assert Ticket.get_by_id(ticket_id).department_id == people["finance"].department_id
    assert ClientRequest.select().count() == 0


def test_a_second_action_on_a_ticket_waits_for_the_first_to_be_saved(service, people, outbox, clock):
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    seen = version_of(service, people["reception"], ticket_id)
    outbox.keep_action(people["reception"], "return_ticket", ticket_id, "2026-000001", seen,
                       {"reason": "不属本部门"}, at=clock.now)
    with pytest.raises(ConflictError, match="already kept on this PC"):
        outbox.keep_action(people["reception"], "dispatch", ticket_id, "2026-000001", seen,
                           {"department_id": people["engineering"].department_id}, at=clock.now)
    assert [p.action.op for p in outbox.pending()] == ["return_ticket"]


def test_an_unsatisfied_return_visit_is_kept_with_its_satisfaction_and_reopens_once(service, people, outbox, clock):
    """Enum arguments go to the file by value and come back as the enum; the visit's two steps note the key once."""
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    reception, receiver = people["reception"], people["engineering"]
    service.dispatch(reception, ticket_id, receiver.department_id)
    service.accept(receiver, ticket_id)
    service.resolve(receiver, ticket_id, "已更换阀门")
    seen = version_of(service, reception, ticket_id)
    outbox.keep_action(reception, "return_visit", ticket_id, "2026-000001", seen,
                       {"satisfaction": Satisfaction.UNSATISFIED, "note": "仍在漏水"}, at=clock.now)
    [pending] = outbox.pending()
    assert json.loads(next(outbox.folder.glob("*.json")).read_text("utf-8"))["action"]["args"]["satisfaction"] == \
        Satisfaction.UNSATISFIED.value
    result = outbox.replay(service)
    assert result.refused == [] and len(result.saved) == 1
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.satisfaction == Satisfaction.UNSATISFIED.value and ticket.state != State.RESOLVED.value
    assert ClientRequest.select().count() == 1


def test_a_kept_appointment_keeps_its_time(service, people, outbox, clock):
    ticket_id = service.create_ticket(people["reception"], DRAFT)
    receiver = people["engineering"]
    service.dispatch(people["reception"], ticket_id, receiver.department_id)
    service.accept(receiver, ticket_id)
    seen = version_of(service, receiver, ticket_id)
    visit_at = clock.now.replace(hour=15, minute=30) + dt.timedelta(days=1)
    outbox.keep_action(receiver, "appoint", ticket_id, "2026-000001", seen, {"at": visit_at}, at=clock.now)
    assert outbox.replay(service).refused == []
    assert Ticket.get_by_id(ticket_id).appointment_at == visit_at


def test_only_ticket_actions_are_kept():
    for op in ACTIONS_KEPT:
        parameters = inspect.signature(getattr(DeskService, op)).parameters
        assert list(parameters)[1:3] == ["actor", "ticket_id"] and "expected_version" in parameters, op


def test_an_action_not_kept_offline_is_refused(people, outbox):
    with pytest.raises(ValueError):
        outbox.keep_action(people["reception"], "register_customer", 1, "2026-000001", 1)
