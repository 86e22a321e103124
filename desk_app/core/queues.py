"""The work queues: which tickets each one holds, and which queues each role works from."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.kinds import Role
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.states import OPEN_STATES, State


class Queue(StrEnum):
    TO_DISPATCH = "to_dispatch"
    QUARANTINE = "quarantine"
    RETURNED = "returned"
    TO_ACCEPT = "to_accept"
    IN_HAND = "in_hand"
    APPROVAL = "approval"
    TO_CONFIRM = "to_confirm"
    TO_REPLY = "to_reply"
    TO_VISIT = "to_visit"
    TO_ARCHIVE = "to_archive"
    APPROACHING = "approaching"
    OVERDUE = "overdue"
    ARCHIVED = "archived"
    ALL = "all"


register({
    Queue.TO_DISPATCH: (QT_TRANSLATE_NOOP("Label", "To dispatch"), "待派单"),
    Queue.QUARANTINE: (QT_TRANSLATE_NOOP("Label", "Quarantine"), "隔离区"),
    Queue.RETURNED: (QT_TRANSLATE_NOOP("Label", "Returned"), "已退回"),
    Queue.TO_ACCEPT: (QT_TRANSLATE_NOOP("Label", "Awaiting acceptance"), "待接单"),
    Queue.IN_HAND: (QT_TRANSLATE_NOOP("Label", "In hand"), "处理中"),
    Queue.APPROVAL: (QT_TRANSLATE_NOOP("Label", "To approve"), "待审批"),
    Queue.TO_CONFIRM: (QT_TRANSLATE_NOOP("Label", "To confirm"), "待审核确认"),
    Queue.TO_REPLY: (QT_TRANSLATE_NOOP("Label", "To reply"), "待反馈"),
    Queue.TO_VISIT: (QT_TRANSLATE_NOOP("Label", "To return-visit"), "待回访"),
    Queue.TO_ARCHIVE: (QT_TRANSLATE_NOOP("Label", "To archive"), "待归档"),
    Queue.APPROACHING: (QT_TRANSLATE_NOOP("Label", "Approaching"), "即将超时"),
    Queue.OVERDUE: (QT_TRANSLATE_NOOP("Label", "Overdue"), "已超时"),
    Queue.ARCHIVED: (QT_TRANSLATE_NOOP("Label", "Archived"), "已归档"),
    Queue.ALL: (QT_TRANSLATE_NOOP("Label", "All"), "全部"),
})

# Queues defined by state; APPROACHING, OVERDUE and QUARANTINE are defined by clocks or flags instead.
QUEUE_STATES: dict[Queue, frozenset[State]] = {
    Queue.TO_DISPATCH: frozenset({State.NEW, State.RETURNED}),
    Queue.RETURNED: frozenset({State.RETURNED}),
    Queue.TO_ACCEPT: frozenset({State.DISPATCHED}),
    Queue.IN_HAND: frozenset({State.DISPATCHED, State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED}),
    Queue.APPROVAL: frozenset({State.PENDING_LEADER, State.PENDING_OFFICE, State.PENDING_CENTER}),
    Queue.TO_CONFIRM: frozenset({State.PENDING_AUDIT}),
    Queue.TO_REPLY: frozenset({State.PENDING_REPLY}),
    Queue.TO_VISIT: frozenset({State.RESOLVED}),
    Queue.TO_ARCHIVE: frozenset({State.VISITED}),
    Queue.ARCHIVED: frozenset({State.ARCHIVED}),
}

# The approval queue of each approving role holds only the step that role takes.
APPROVAL_STATES_FOR_ROLE: dict[Role, frozenset[State]] = {
    Role.LEADER: frozenset({State.PENDING_LEADER}),
    Role.OFFICE: frozenset({State.PENDING_OFFICE}),
    Role.CENTER: frozenset({State.PENDING_CENTER}),
}

_WATCH = [Queue.APPROACHING, Queue.OVERDUE]
QUEUES_FOR_ROLE: dict[Role, list[Queue]] = {
    Role.RECEPTIONIST: [Queue.TO_DISPATCH, Queue.QUARANTINE, Queue.IN_HAND, Queue.TO_REPLY, Queue.TO_VISIT,
                        Queue.TO_ARCHIVE, *_WATCH, Queue.ARCHIVED, Queue.ALL],
    Role.DISPATCHER: [Queue.TO_DISPATCH, Queue.QUARANTINE, Queue.IN_HAND, *_WATCH, Queue.ALL],
    Role.RECEIVER: [Queue.TO_ACCEPT, Queue.IN_HAND, Queue.APPROVAL, *_WATCH, Queue.ALL],
    Role.LEADER: [Queue.APPROVAL, Queue.IN_HAND, *_WATCH, Queue.ALL],
    Role.FIELD: [Queue.IN_HAND, *_WATCH, Queue.ALL],
    Role.AUDIT: [Queue.RETURNED, Queue.TO_CONFIRM, Queue.IN_HAND, *_WATCH, Queue.ALL],
    Role.OFFICE: [Queue.APPROVAL, Queue.ALL],
    Role.CENTER: [Queue.APPROVAL, Queue.ALL],
    Role.SUPERVISOR: [Queue.TO_DISPATCH, Queue.QUARANTINE, Queue.RETURNED, Queue.IN_HAND, Queue.APPROVAL,
                      Queue.TO_CONFIRM, Queue.TO_REPLY, Queue.TO_VISIT, Queue.TO_ARCHIVE, *_WATCH, Queue.ARCHIVED,
                      Queue.ALL],
}
QUEUES_FOR_ROLE[Role.ADMIN] = QUEUES_FOR_ROLE[Role.SUPERVISOR]


def queue_states(queue: Queue, role: Role | None = None) -> frozenset[State] | None:
    """The states a queue holds for a role (None: the queue is not defined by state)."""
    if queue == Queue.APPROVAL and role is not None and Role(role) in APPROVAL_STATES_FOR_ROLE:
        return APPROVAL_STATES_FOR_ROLE[Role(role)]
    return QUEUE_STATES.get(queue)


OPEN_QUEUE_STATES = OPEN_STATES
