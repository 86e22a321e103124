"""The approval chain: each kind's steps, the extra steps of sensitive tickets, the order of the procedure."""

from __future__ import annotations

import pytest

from desk_app.core.kinds import TicketKind
from desk_app.core.states import State
from desk_app.core.workflow import DEFAULT_WORKFLOWS, Step, Workflow, state_after, workflow_for


def walk(path):
    states, state = [], None
    while True:
        state = state_after(path, state)
        states.append(state)
        if state == State.RESOLVED:
            return states


def test_complaint_goes_past_leader_audit_and_desk():
    path = workflow_for(TicketKind.COMPLAINT).path(sensitive=False)
    assert walk(path) == [State.PENDING_LEADER, State.PENDING_AUDIT, State.PENDING_REPLY, State.RESOLVED]


def test_sensitive_complaint_also_needs_office_and_center_leader_in_order():
    path = workflow_for(TicketKind.COMPLAINT).path(sensitive=True)
    assert walk(path) == [State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER, State.PENDING_AUDIT,
                          State.PENDING_REPLY, State.RESOLVED]


def test_consultation_answered_by_the_receiver_skips_approval():
    assert walk(workflow_for(TicketKind.CONSULTATION).path(False)) == [State.PENDING_REPLY, State.RESOLVED]


def test_repair_goes_straight_to_the_return_visit():
    assert walk(workflow_for(TicketKind.REPAIR).path(False)) == [State.RESOLVED]


def test_configured_workflow_overrides_the_default():
    configured = {"repair": Workflow.parse("leader;reply")}
    assert walk(workflow_for(TicketKind.REPAIR, configured).path(False)) == [
        State.PENDING_LEADER, State.PENDING_REPLY, State.RESOLVED]


def test_workflow_round_trips_and_rejects_unknown_steps():
    flow = Workflow.parse("reply; leader", "center")
    assert flow.path(True) == [Step.LEADER, Step.CENTER, Step.REPLY]
    assert Workflow.parse(*DEFAULT_WORKFLOWS[TicketKind.COMPLAINT].dump()) == DEFAULT_WORKFLOWS[TicketKind.COMPLAINT]
    with pytest.raises(ValueError):
        Workflow.parse("boss")
