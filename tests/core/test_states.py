"""The ticket state machine: the lifecycle's allowed paths, and reasons required on returns, blocks and reopenings."""

from __future__ import annotations

import pytest

from desk_app.core.states import (
    APPROVAL_STATES,
    TRANSITIONS,
    Action,
    State,
    TransitionError,
    allowed_actions,
    next_state,
)

HAPPY_PATH = [
    (Action.DISPATCH, State.DISPATCHED), (Action.ACCEPT, State.ACCEPTED), (Action.APPOINT, State.APPOINTED),
    (Action.START, State.IN_PROGRESS), (Action.RESOLVE, State.RESOLVED), (Action.VISIT, State.VISITED),
    (Action.ARCHIVE, State.ARCHIVED),
]


def test_happy_path_from_new_to_archived():
    state = State.NEW
    for action, expected in HAPPY_PATH:
        state = next_state(state, action)
        assert state == expected


@pytest.mark.parametrize("action", [Action.RETURN, Action.BLOCK, Action.REOPEN])
def test_returns_blocks_and_reopenings_need_a_reason(action):
    source = next(iter(TRANSITIONS[action].sources))
    with pytest.raises(TransitionError, match="reason"):
        next_state(source, action, "   ")
    assert next_state(source, action, "不属于本部门") == TRANSITIONS[action].target


def test_archived_ticket_is_final():
    assert allowed_actions(State.ARCHIVED) == []
    for action in Action:
        with pytest.raises(TransitionError):
            next_state(State.ARCHIVED, action, "reason")


def test_blocked_ticket_can_only_be_unblocked():
    assert allowed_actions(State.BLOCKED) == [Action.UNBLOCK]


def test_returned_ticket_goes_back_to_dispatch():
    # 客服前台: "与客户约定上门维修时间后派单" — the visit time may be agreed before the ticket is dispatched again.
    assert allowed_actions(State.RETURNED) == [Action.DISPATCH, Action.APPOINT]
    assert next_state(State.RETURNED, Action.APPOINT) == State.RETURNED


def test_every_state_is_reachable_from_new():
    reached, frontier = {State.NEW}, [State.NEW]
    while frontier:
        state = frontier.pop()
        for action in allowed_actions(state):
            target = TRANSITIONS[action].target
            # RESOLVE and APPROVE lead along the kind's approval path: any approval state or RESOLVED.
            targets = {target} if target is not None else set(APPROVAL_STATES) | {State.RESOLVED}
            for t in targets - reached:
                reached.add(t)
                frontier.append(t)
    assert reached == set(State)


def test_resolve_follows_the_approval_path_given():
    assert next_state(State.IN_PROGRESS, Action.RESOLVE) == State.RESOLVED
    assert next_state(State.IN_PROGRESS, Action.RESOLVE, path_target=State.PENDING_LEADER) == State.PENDING_LEADER
    assert next_state(State.PENDING_LEADER, Action.APPROVE, path_target=State.PENDING_AUDIT) == State.PENDING_AUDIT
    assert next_state(State.PENDING_REPLY, Action.REPLY) == State.RESOLVED
    with pytest.raises(TransitionError):
        next_state(State.PENDING_REPLY, Action.APPROVE)


def test_approvers_send_back_with_a_reason_to_the_department():
    with pytest.raises(TransitionError):
        next_state(State.PENDING_LEADER, Action.SEND_BACK, "")
    assert next_state(State.PENDING_AUDIT, Action.SEND_BACK, "方案不完整") == State.IN_PROGRESS
