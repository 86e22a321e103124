"""定期电话访问跟踪 and the register's direction: why the desk calls a customer back, how far a planned call is, and
whether a register line came in (来电/来访) or went out (去电). Plain values with their names, no database."""

from __future__ import annotations

from enum import StrEnum

from desk_app.core.kinds import Channel
from desk_app.core.labels import QT_TRANSLATE_NOOP, register


class CallDirection(StrEnum):
    """A register line's direction: the customer called or came (in), or the desk called (out)."""

    IN = "in"
    OUT = "out"


class LineKind(StrEnum):
    """How a register line reads at a glance: 来电, 来访 or 去电."""

    INCOMING_CALL = "incoming_call"
    VISIT = "visit"
    OUTGOING_CALL = "outgoing_call"


class FollowUpReason(StrEnum):
    """Why the desk calls: after a complaint, after a repair, or a call planned by hand (定期)."""

    COMPLAINT = "complaint"
    REPAIR = "repair"
    PERIODIC = "periodic"


class FollowUpState(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


register({
    CallDirection.IN: (QT_TRANSLATE_NOOP("Label", "Incoming"), "呼入"),
    CallDirection.OUT: (QT_TRANSLATE_NOOP("Label", "Outgoing"), "呼出"),
})
register({
    LineKind.INCOMING_CALL: (QT_TRANSLATE_NOOP("Label", "Incoming call"), "来电"),
    LineKind.VISIT: (QT_TRANSLATE_NOOP("Label", "Visit"), "来访"),
    LineKind.OUTGOING_CALL: (QT_TRANSLATE_NOOP("Label", "Outgoing call"), "去电"),
})
register({
    FollowUpReason.COMPLAINT: (QT_TRANSLATE_NOOP("Label", "After a complaint"), "投诉回访"),
    FollowUpReason.REPAIR: (QT_TRANSLATE_NOOP("Label", "After a repair"), "报修回访"),
    FollowUpReason.PERIODIC: (QT_TRANSLATE_NOOP("Label", "Periodic"), "定期回访"),
})
register({
    FollowUpState.PLANNED: (QT_TRANSLATE_NOOP("Label", "Planned"), "待回访"),
    FollowUpState.DONE: (QT_TRANSLATE_NOOP("Label", "Done"), "已回访"),
    FollowUpState.CANCELLED: (QT_TRANSLATE_NOOP("Label", "Cancelled"), "已取消"),
})


def line_kind(direction: str, channel: str) -> LineKind:
    """去电 for the desk's own calls; 来访 for a walk-in; 来电 for every other incoming line."""
    if direction == CallDirection.OUT:
        return LineKind.OUTGOING_CALL
    if channel == Channel.VISIT:
        return LineKind.VISIT
    return LineKind.INCOMING_CALL
