"""The ticket state machine: lifecycle states, the actions between them, and which actions need a reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.labels import QT_TRANSLATE_NOOP, register


class State(StrEnum):
    NEW = "new"
    RETURNED = "returned"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    APPOINTED = "appointed"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    RESOLVED = "resolved"
    VISITED = "visited"
    ARCHIVED = "archived"


register({
    State.NEW: (QT_TRANSLATE_NOOP("Label", "To dispatch"), "待派单"),
    State.RETURNED: (QT_TRANSLATE_NOOP("Label", "Returned"), "已退回"),
    State.DISPATCHED: (QT_TRANSLATE_NOOP("Label", "Awaiting acceptance"), "待接单"),
    State.ACCEPTED: (QT_TRANSLATE_NOOP("Label", "Not yet handled"), "未处理"),
    State.APPOINTED: (QT_TRANSLATE_NOOP("Label", "Appointment agreed"), "已预约"),
    State.IN_PROGRESS: (QT_TRANSLATE_NOOP("Label", "In progress"), "处理中"),
    State.BLOCKED: (QT_TRANSLATE_NOOP("Label", "Blocked (outside party)"), "未完结"),
    State.RESOLVED: (QT_TRANSLATE_NOOP("Label", "Solved"), "已完结"),
    State.VISITED: (QT_TRANSLATE_NOOP("Label", "Return-visited"), "已回访"),
    State.ARCHIVED: (QT_TRANSLATE_NOOP("Label", "Archived"), "已归档"),
})

# States in which a department holds the ticket and its handling clocks run (except BLOCKED, which pauses them).
HANDLING_STATES = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED})
OPEN_STATES = frozenset(State) - {State.VISITED, State.ARCHIVED}


class Action(StrEnum):
    DISPATCH = "dispatch"
    ACCEPT = "accept"
    RETURN = "return"
    APPOINT = "appoint"
    START = "start"
    BLOCK = "block"
    UNBLOCK = "unblock"
    RESOLVE = "resolve"
    VISIT = "visit"
    REOPEN = "reopen"
    ARCHIVE = "archive"


register({
    Action.DISPATCH: (QT_TRANSLATE_NOOP("Label", "Dispatch"), "派单"),
    Action.ACCEPT: (QT_TRANSLATE_NOOP("Label", "Accept"), "接单"),
    Action.RETURN: (QT_TRANSLATE_NOOP("Label", "Return"), "退回"),
    Action.APPOINT: (QT_TRANSLATE_NOOP("Label", "Appointment"), "预约"),
    Action.START: (QT_TRANSLATE_NOOP("Label", "Start handling"), "开始处理"),
    Action.BLOCK: (QT_TRANSLATE_NOOP("Label", "Block"), "挂起(未完结)"),
    Action.UNBLOCK: (QT_TRANSLATE_NOOP("Label", "Unblock"), "恢复处理"),
    Action.RESOLVE: (QT_TRANSLATE_NOOP("Label", "Resolve"), "办结"),
    Action.VISIT: (QT_TRANSLATE_NOOP("Label", "Return visit"), "回访"),
    Action.REOPEN: (QT_TRANSLATE_NOOP("Label", "Reopen"), "重新处理"),
    Action.ARCHIVE: (QT_TRANSLATE_NOOP("Label", "Archive"), "归档"),
})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    target: State
    needs_reason: bool = False


_WORKING = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.DISPATCH, frozenset({State.NEW, State.RETURNED}), State.DISPATCHED),
        Transition(Action.ACCEPT, frozenset({State.DISPATCHED}), State.ACCEPTED),
        # A receiver returns a ticket that is not his department's; the audit center re-dispatches it (退回).
        Transition(Action.RETURN, frozenset({State.DISPATCHED, State.ACCEPTED}), State.RETURNED, needs_reason=True),
        Transition(Action.APPOINT, _WORKING, State.APPOINTED),
        Transition(Action.START, frozenset({State.ACCEPTED, State.APPOINTED}), State.IN_PROGRESS),
        Transition(Action.BLOCK, _WORKING, State.BLOCKED, needs_reason=True),
        Transition(Action.UNBLOCK, frozenset({State.BLOCKED}), State.IN_PROGRESS),
        Transition(Action.RESOLVE, _WORKING, State.RESOLVED),
        Transition(Action.VISIT, frozenset({State.RESOLVED}), State.VISITED),
        # An unsatisfied customer at the return visit reopens the ticket with the department.
        Transition(Action.REOPEN, frozenset({State.RESOLVED, State.VISITED}), State.IN_PROGRESS, needs_reason=True),
        Transition(Action.ARCHIVE, frozenset({State.VISITED}), State.ARCHIVED),
    )
}


class TransitionError(ValueError):
    """An action that the ticket's current state does not allow."""


def allowed_actions(state: State) -> list[Action]:
    """The actions possible from `state`, in the order a user meets them."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources]


def next_state(state: State, action: Action, reason: str | None = None) -> State:
    """The state after `action`, or TransitionError if the action is not allowed or lacks its reason."""
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        raise TransitionError(
            f"cannot {action.value} a ticket in state {state.value}",
        )
    if transition.needs_reason and not (reason and reason.strip()):
        raise TransitionError(f"{action.value} needs a reason")
    return transition.target
