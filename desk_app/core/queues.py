"""The work queues of the main window: which tickets each one holds."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.states import OPEN_STATES, State


class Queue(StrEnum):
    TO_DISPATCH = "to_dispatch"
    IN_HAND = "in_hand"
    TO_VISIT = "to_visit"
    TO_ARCHIVE = "to_archive"
    APPROACHING = "approaching"
    OVERDUE = "overdue"
    ARCHIVED = "archived"
    ALL = "all"


register({
    Queue.TO_DISPATCH: (QT_TRANSLATE_NOOP("Label", "To dispatch"), "待派单"),
    Queue.IN_HAND: (QT_TRANSLATE_NOOP("Label", "In hand"), "处理中"),
    Queue.TO_VISIT: (QT_TRANSLATE_NOOP("Label", "To return-visit"), "待回访"),
    Queue.TO_ARCHIVE: (QT_TRANSLATE_NOOP("Label", "To archive"), "待归档"),
    Queue.APPROACHING: (QT_TRANSLATE_NOOP("Label", "Approaching"), "即将超时"),
    Queue.OVERDUE: (QT_TRANSLATE_NOOP("Label", "Overdue"), "已超时"),
    Queue.ARCHIVED: (QT_TRANSLATE_NOOP("Label", "Archived"), "已归档"),
    Queue.ALL: (QT_TRANSLATE_NOOP("Label", "All"), "全部"),
})

# Queues defined by state; APPROACHING and OVERDUE are defined by the running clocks instead.
QUEUE_STATES: dict[Queue, frozenset[State]] = {
    Queue.TO_DISPATCH: frozenset({State.NEW, State.RETURNED}),
    Queue.IN_HAND: frozenset({State.DISPATCHED, State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED}),
    Queue.TO_VISIT: frozenset({State.RESOLVED}),
    Queue.TO_ARCHIVE: frozenset({State.VISITED}),
    Queue.ARCHIVED: frozenset({State.ARCHIVED}),
}

OPEN_QUEUE_STATES = OPEN_STATES
