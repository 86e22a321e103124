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


def test_consultation_goes_past_the_leader_and_the_audit_center_like_a_complaint():
    """工单扭转管理办法 第三条: "承接人将接受工单及了解相关情况后拟解决方案，并打印工单表单上报部门领导审核；通过审核后工单将转给
    审核中心进行一步确认，最后由坐席人员反馈归档" — for consultations as for complaints."""
    assert walk(workflow_for(TicketKind.CONSULTATION).path(False)) == [
        State.PENDING_LEADER, State.PENDING_AUDIT, State.PENDING_REPLY, State.RESOLVED]


def test_10086_complaints_pass_the_coordination_group_and_quality_before_the_reply():
    """投诉工单流程: "协调小组…反馈给质检部门。质检部门审核来自协调小组的工单后，回复给客服中心"."""
    configured = {"complaint@10086": Workflow.parse("coordination;quality;reply")}
    assert walk(workflow_for(TicketKind.COMPLAINT, configured, "10086").path(False)) == [
        State.PENDING_COORDINATION, State.PENDING_QUALITY, State.PENDING_REPLY, State.RESOLVED]
    assert walk(workflow_for(TicketKind.COMPLAINT, configured, "phone").path(False)) == [
        State.PENDING_LEADER, State.PENDING_AUDIT, State.PENDING_REPLY, State.RESOLVED]


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


def test_a_ticket_found_sensitive_after_the_leader_still_goes_to_the_office_and_center():
    """第八条: "涉及敏感性的问题、舆论、投诉的工单，需同时上报给办公室审核后提交中心领导审批后才能进行提交反馈"."""
    path = workflow_for(TicketKind.COMPLAINT).path(True)
    # The leader approved while the ticket was not yet sensitive; the audit center now approves.
    assert state_after(path, State.PENDING_AUDIT, {Step.LEADER}) == State.PENDING_OFFICE
    assert state_after(path, State.PENDING_OFFICE, {Step.LEADER, Step.AUDIT}) == State.PENDING_CENTER
    assert state_after(path, State.PENDING_CENTER, {Step.LEADER, Step.AUDIT, Step.OFFICE}) == State.PENDING_REPLY
