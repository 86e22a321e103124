"""派单范围: which department a ticket goes to, from its kind, catalogue entry, area, public/private scope and station.

A match is a direct dispatch (直派) to that department's one receiver; no match leaves the ticket for the
second-level dispatcher (转派).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.labels import QT_TRANSLATE_NOOP, register


class Scope(StrEnum):
    """Where the problem is (property preset): inside a home, or in a public area."""

    NONE = ""
    PRIVATE = "private"
    PUBLIC = "public"


class Routed(StrEnum):
    NONE = ""
    DIRECT = "direct"
    TRANSFER = "transfer"


register({
    Scope.NONE: (QT_TRANSLATE_NOOP("Label", "(not given)"), "未指定"),
    Scope.PRIVATE: (QT_TRANSLATE_NOOP("Label", "Inside a home"), "户内（非公共区域）"),
    Scope.PUBLIC: (QT_TRANSLATE_NOOP("Label", "Public area"), "公共区域"),
})
# A call of its own: Routed.NONE and Scope.NONE are both "" and would be one key of the same dict.
register({
    Routed.NONE: (QT_TRANSLATE_NOOP("Label", "Not routed"), "未派单"),
    Routed.DIRECT: (QT_TRANSLATE_NOOP("Label", "Direct dispatch"), "直派"),
    Routed.TRANSFER: (QT_TRANSLATE_NOOP("Label", "Transfer dispatch"), "转派"),
})


@dataclass(frozen=True)
class RoutingFacts:
    """What routing looks at in a ticket."""

    kind: str
    category: str = ""
    area: str = ""
    scope: str = ""
    station: str = ""


@dataclass(frozen=True)
class Rule:
    """One line of the routing table; a condition left empty (None or "") matches anything."""

    department_id: int
    kind: str | None = None
    category: str | None = None
    area: str | None = None
    scope: str | None = None
    station: str | None = None
    position: int = 0
    name: str = ""

    def matches(self, facts: RoutingFacts) -> bool:
        return all(
            not wanted or wanted == actual
            for wanted, actual in (
                (self.kind, facts.kind), (self.category, facts.category), (self.area, facts.area),
                (self.scope, facts.scope), (self.station, facts.station),
            )
        )

    @property
    def specificity(self) -> int:
        return sum(bool(x) for x in (self.kind, self.category, self.area, self.scope, self.station))


def route(rules: Iterable[Rule], facts: RoutingFacts) -> Rule | None:
    """The first matching rule by position (a more specific rule wins a tie); None means transfer dispatch."""
    matching = [r for r in rules if r.matches(facts)]
    if not matching:
        return None
    return min(matching, key=lambda r: (r.position, -r.specificity))
