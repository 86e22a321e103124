"""Priority: urgency × impact → P1 (highest) … P5, and each level's response and resolution limits."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.kinds import Level, TicketKind
from desk_app.core.timelimits import LimitSpec

H, M, L = Level.HIGH, Level.MEDIUM, Level.LOW

# The usual ITIL-style matrix; an administrator can replace it (stored as policy data).
DEFAULT_MATRIX: dict[tuple[Level, Level], int] = {
    (H, H): 1, (H, M): 2, (H, L): 3,
    (M, H): 2, (M, M): 3, (M, L): 4,
    (L, H): 3, (L, M): 4, (L, L): 5,
}


@dataclass(frozen=True)
class PriorityLimits:
    respond: LimitSpec
    resolve: LimitSpec


DEFAULT_PRIORITY_LIMITS: dict[int, PriorityLimits] = {
    1: PriorityLimits(LimitSpec.parse("15m"), LimitSpec.parse("4h")),
    2: PriorityLimits(LimitSpec.parse("1h"), LimitSpec.parse("1wd")),
    3: PriorityLimits(LimitSpec.parse("4wh"), LimitSpec.parse("3wd")),
    4: PriorityLimits(LimitSpec.parse("1wd"), LimitSpec.parse("5wd")),
    5: PriorityLimits(LimitSpec.parse("2wd"), LimitSpec.parse("10wd")),
}

# What the intake form proposes for a kind before the receptionist adjusts it: (urgency, impact).
DEFAULT_KIND_LEVELS: dict[TicketKind, tuple[Level, Level]] = {
    TicketKind.CONSULTATION: (L, M),
    TicketKind.COMPLAINT: (M, M),
    TicketKind.REPAIR: (M, M),
    TicketKind.SUGGESTION: (L, L),
    TicketKind.REQUEST: (L, M),
    TicketKind.FAULT: (H, M),
    TicketKind.BUSINESS: (L, M),
    TicketKind.MAINTENANCE: (M, L),
    TicketKind.FTTH_INSTALL: (M, M),
    TicketKind.INSPECTION: (M, M),
    TicketKind.OTHER: (L, L),
}


def priority_of(urgency: Level, impact: Level, matrix: dict[tuple[Level, Level], int] | None = None) -> int:
    """The priority level (1 = P1, highest) for an urgency and an impact."""
    return (matrix or DEFAULT_MATRIX)[(Level(urgency), Level(impact))]


def priority_label(level: int) -> str:
    return f"P{level}"
