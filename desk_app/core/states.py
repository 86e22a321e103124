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
    # The approval chain after the receiver drafted the solution (工单扭转管理办法 第三条/第七条/第八条).
    PENDING_LEADER = "pending_leader"
    PENDING_OFFICE = "pending_office"
    PENDING_CENTER = "pending_center"
    PENDING_AUDIT = "pending_audit"
    PENDING_REPLY = "pending_reply"
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
    State.PENDING_LEADER: (QT_TRANSLATE_NOOP("Label", "Awaiting leader approval"), "待领导审批"),
    State.PENDING_OFFICE: (QT_TRANSLATE_NOOP("Label", "Awaiting office review"), "待办公室审核"),
    State.PENDING_CENTER: (QT_TRANSLATE_NOOP("Label", "Awaiting center leader"), "待中心领导审批"),
    State.PENDING_AUDIT: (QT_TRANSLATE_NOOP("Label", "Awaiting audit confirmation"), "待审核确认"),
    State.PENDING_REPLY: (QT_TRANSLATE_NOOP("Label", "Awaiting reply to customer"), "待反馈客户"),
    State.RESOLVED: (QT_TRANSLATE_NOOP("Label", "Solved"), "已完结"),
    State.VISITED: (QT_TRANSLATE_NOOP("Label", "Return-visited"), "已回访"),
    State.ARCHIVED: (QT_TRANSLATE_NOOP("Label", "Archived"), "已归档"),
})

# States in which a department holds the ticket and its handling clocks run (except BLOCKED, which pauses them).
HANDLING_STATES = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED})
APPROVAL_STATES = frozenset({State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER, State.PENDING_AUDIT,
                             State.PENDING_REPLY})
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
    APPROVE = "approve"
    SEND_BACK = "send_back"
    REPLY = "reply"
    TRANSFER = "transfer"


register({
    Action.DISPATCH: (QT_TRANSLATE_NOOP("Label", "Dispatch"), "派单"),
    Action.ACCEPT: (QT_TRANSLATE_NOOP("Label", "Accept"), "接单"),
    Action.RETURN: (QT_TRANSLATE_NOOP("Label", "Return"), "退回"),
    Action.APPOINT: (QT_TRANSLATE_NOOP("Label", "Appointment"), "预约"),
    Action.START: (QT_TRANSLATE_NOOP("Label", "Start handling"), "开始处理"),
    Action.BLOCK: (QT_TRANSLATE_NOOP("Label", "Block"), "挂起（未完结）"),
    Action.UNBLOCK: (QT_TRANSLATE_NOOP("Label", "Unblock"), "恢复处理"),
    Action.RESOLVE: (QT_TRANSLATE_NOOP("Label", "Resolve"), "办结"),
    Action.VISIT: (QT_TRANSLATE_NOOP("Label", "Return visit"), "回访"),
    Action.REOPEN: (QT_TRANSLATE_NOOP("Label", "Reopen"), "重新处理"),
    Action.ARCHIVE: (QT_TRANSLATE_NOOP("Label", "Archive"), "归档"),
    Action.APPROVE: (QT_TRANSLATE_NOOP("Label", "Approve"), "审批通过"),
    Action.SEND_BACK: (QT_TRANSLATE_NOOP("Label", "Send back"), "退回修改"),
    Action.REPLY: (QT_TRANSLATE_NOOP("Label", "Reply to customer"), "反馈客户"),
    Action.TRANSFER: (QT_TRANSLATE_NOOP("Label", "Transfer to another department"), "转派其他部门"),
})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    # None: the target depends on the kind's approval path (see desk_app.core.workflow.state_after).
    target: State | None
    needs_reason: bool = False


_WORKING = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS})
_APPROVING = frozenset({State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER, State.PENDING_AUDIT})

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
        # Lateral transfer between departments (stations), always with a reason; the new receiver accepts again.
        Transition(Action.TRANSFER, _WORKING | {State.DISPATCHED}, State.DISPATCHED, needs_reason=True),
        # The receiver drafts the solution: on to the first approval step, or solved when the kind needs none.
        Transition(Action.RESOLVE, _WORKING, None),
        Transition(Action.APPROVE, _APPROVING, None),
        Transition(Action.SEND_BACK, _APPROVING, State.IN_PROGRESS, needs_reason=True),
        Transition(Action.REPLY, frozenset({State.PENDING_REPLY}), State.RESOLVED),
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


def next_state(state: State, action: Action, reason: str | None = None, *,
               path_target: State | None = None) -> State:
    """The state after `action`, or TransitionError if the action is not allowed or lacks its reason.

    For RESOLVE and APPROVE the caller passes `path_target`, the next state on the ticket's approval path
    (RESOLVED when the path is done)."""
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        raise TransitionError(
            f"cannot {action.value} a ticket in state {state.value}",
        )
    if transition.needs_reason and not (reason and reason.strip()):
        raise TransitionError(f"{action.value} needs a reason")
    if transition.target is None:
        return path_target or State.RESOLVED
    return transition.target
