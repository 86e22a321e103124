"""The ticket state machine: the lifecycle's allowed paths, and reasons required on returns, blocks and reopenings."""

from __future__ import annotations

import pytest

from desk_app.core.states import TRANSITIONS, Action, State, TransitionError, allowed_actions, next_state

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
    assert allowed_actions(State.RETURNED) == [Action.DISPATCH]


def test_every_state_is_reachable_from_new():
    reached, frontier = {State.NEW}, [State.NEW]
    while frontier:
        state = frontier.pop()
        for action in allowed_actions(state):
            target = TRANSITIONS[action].target
            if target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(State)
