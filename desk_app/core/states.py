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
    # 10086: the coordination group analyses, the quality department checks, before the desk replies.
    PENDING_COORDINATION = "pending_coordination"
    PENDING_QUALITY = "pending_quality"
    PENDING_AUDIT = "pending_audit"
    PENDING_REPLY = "pending_reply"
    RESOLVED = "resolved"
    VISITED = "visited"
    ARCHIVED = "archived"


register({
    State.NEW: (QT_TRANSLATE_NOOP("Label", "To dispatch"), "待派单"),
    State.RETURNED: (QT_TRANSLATE_NOOP("Label", "Returned"), "已退回"),
    # 客服工单管理办法: "未处理工单：未做出任何反馈或处理动作的工单" — a ticket just received is 未处理.
    State.DISPATCHED: (QT_TRANSLATE_NOOP("Label", "Not yet handled"), "未处理"),
    State.ACCEPTED: (QT_TRANSLATE_NOOP("Label", "Accepted"), "已接单"),
    State.APPOINTED: (QT_TRANSLATE_NOOP("Label", "Appointment agreed"), "已预约"),
    State.IN_PROGRESS: (QT_TRANSLATE_NOOP("Label", "In progress"), "处理中"),
    State.BLOCKED: (QT_TRANSLATE_NOOP("Label", "Blocked (outside party)"), "未完结"),
    State.PENDING_LEADER: (QT_TRANSLATE_NOOP("Label", "Awaiting leader approval"), "待领导审批"),
    State.PENDING_OFFICE: (QT_TRANSLATE_NOOP("Label", "Awaiting office review"), "待办公室审核"),
    State.PENDING_CENTER: (QT_TRANSLATE_NOOP("Label", "Awaiting center leader"), "待中心领导审批"),
    State.PENDING_COORDINATION: (QT_TRANSLATE_NOOP("Label", "Awaiting coordination group"), "待协调小组分析"),
    State.PENDING_QUALITY: (QT_TRANSLATE_NOOP("Label", "Awaiting quality check"), "待质检审核"),
    State.PENDING_AUDIT: (QT_TRANSLATE_NOOP("Label", "Awaiting audit confirmation"), "待审核确认"),
    State.PENDING_REPLY: (QT_TRANSLATE_NOOP("Label", "Awaiting reply to customer"), "待反馈客户"),
    State.RESOLVED: (QT_TRANSLATE_NOOP("Label", "Solved"), "已完结"),
    State.VISITED: (QT_TRANSLATE_NOOP("Label", "Return-visited"), "已回访"),
    State.ARCHIVED: (QT_TRANSLATE_NOOP("Label", "Archived"), "已归档"),
})

# States in which a department holds the ticket and its handling clocks run (except BLOCKED, which pauses them).
HANDLING_STATES = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED})
APPROVAL_STATES = frozenset({State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER,
                             State.PENDING_COORDINATION, State.PENDING_QUALITY, State.PENDING_AUDIT,
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
    RETURN_SLIP = "return_slip"
    DATA_RETURN = "data_return"


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
    Action.RETURN_SLIP: (QT_TRANSLATE_NOOP("Label", "Slip returned"), "返单"),
    Action.DATA_RETURN: (QT_TRANSLATE_NOOP("Label", "Data problem: back to the service center"), "数据问题退回客服中心"),
})


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[State]
    # None: the target depends on the kind's approval path (see desk_app.core.workflow.state_after).
    target: State | None
    needs_reason: bool = False
    # States in which the action is recorded without changing the state (e.g. the visit time agreed before the
    # department accepted, or the slip coming back after the work).
    holds_in: frozenset[State] = frozenset()


_WORKING = frozenset({State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS})
_APPROVING = frozenset({State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER, State.PENDING_COORDINATION,
                        State.PENDING_QUALITY, State.PENDING_AUDIT})
_BEFORE_ACCEPT = frozenset({State.NEW, State.RETURNED, State.DISPATCHED})

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        Transition(Action.DISPATCH, frozenset({State.NEW, State.RETURNED}), State.DISPATCHED),
        Transition(Action.ACCEPT, frozenset({State.DISPATCHED}), State.ACCEPTED),
        # A receiver returns a ticket that is not his department's; the audit center re-dispatches it (退回).
        Transition(Action.RETURN, frozenset({State.DISPATCHED, State.ACCEPTED}), State.RETURNED, needs_reason=True),
        # 客服前台: "与客户约定上门维修时间后派单" — the desk may agree the visit time before the department accepts.
        Transition(Action.APPOINT, _WORKING | _BEFORE_ACCEPT, State.APPOINTED, holds_in=_BEFORE_ACCEPT),
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
        # 返单: the completed slip comes back (worker → department supervisor → front desk) before the return visit.
        Transition(Action.RETURN_SLIP, frozenset({State.RESOLVED}), State.RESOLVED, holds_in=frozenset({State.RESOLVED})),
        # 10086: 网管数据中心 finds a data problem and the ticket goes back to 客服中心, who tells the customer.
        Transition(Action.DATA_RETURN, _WORKING | {State.DISPATCHED}, State.PENDING_REPLY, needs_reason=True),
    )
}


class TransitionError(ValueError):
    """An action that the ticket's current state does not allow."""


def allowed_actions(state: State) -> list[Action]:
    """The actions possible from `state`, in the order a user meets them."""
    return [a for a, t in TRANSITIONS.items() if state in t.sources]


def next_state(state: State, action: Action, reason: str | None = None, *,
               path_target: State | None = None, appointed: bool = False) -> State:
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
    if state in transition.holds_in:
        return state
    if transition.target is None:
        return path_target or State.RESOLVED
    if action == Action.ACCEPT and appointed:
        return State.APPOINTED   # the desk agreed the visit time at dispatch: accepted means 已预约
    return transition.target
