"""What the calls of one kind of organisation look like: the requests that become tickets (Scenario) and the rest of
the callers' world (Profile); one module per preset fills them in (telecom, property, terminal, generic)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desk_app.core.kinds import Channel, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.routing import Scope
from desk_app.core.rules import SLIP_KINDS
from desk_app.core.states import State
from desk_app.services.demo.common import BLOCK_REASONS, SOLUTIONS, person_name


@dataclass(frozen=True)
class Scenario:
    """One kind of request that becomes a ticket: what the caller says (catalogue entry, text) and how it goes."""

    kind: TicketKind
    items: tuple[tuple[str, str], ...]          # (服务目录 entry, description)
    weight: int = 1
    department: str = ""                         # where a dispatcher sends it when no routing rule does (a code)
    variant: Variant = Variant.NONE
    severities: tuple[Severity, ...] = ()
    channels: tuple[Channel, ...] = (Channel.PHONE,)
    scope: Scope = Scope.NONE
    station: bool = False                        # 10086: the complaint location's station (派单组, Mapinfo)
    relay: bool = False                          # 10086 without a station: 省监控中心 → (网管数据中心) → a station
    patrol: bool = False                         # found on patrol: no caller, a rectification deadline
    sensitive: float = 0.0                       # share marked sensitive at intake (舆情, media)
    escalate: float = 0.0                        # share of complaints given a level at intake
    appoint: float = 0.0                         # share whose visit time is agreed with the customer
    block: float = 0.06                          # share that waits for an outside party (未完结)
    construction: float = 0.0                    # FTTH: share whose on-site check finds the resources used up
    # What the department reports: for every entry, or per entry.
    solutions: tuple[str, ...] | Mapping[str, tuple[str, ...]] = ()

    def solution(self, rng: random.Random, category: str) -> str:
        if isinstance(self.solutions, Mapping):
            return rng.choice(self.solutions.get(category) or next(iter(self.solutions.values())))
        return rng.choice(self.solutions or tuple(SOLUTIONS))


@dataclass(frozen=True)
class Profile:
    """What the calls of one kind of organisation look like."""

    scenarios: tuple[Scenario, ...]
    quick_answers: tuple[str, ...]
    quick_share: float
    address: Callable[[random.Random, str], str]
    customer_name: Callable[[random.Random, str], str] = lambda rng, area: person_name(rng)
    block_reasons: tuple[str, ...] = tuple(BLOCK_REASONS)
    # Transfer dispatch by area when no rule matches (terminal: a city without its own team → a team nearby).
    nearby: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Share of calls taken by a second-level dispatcher for his own jurisdiction (terminal: 本辖区客户受理).
    dispatcher_intake: float = 0.0
    # Share of tickets from callers not in the customer archive (they wait in 隔离区 where that is switched on).
    unregistered: float = 0.0
    # 10086: the departments a complaint without a station passes (省监控中心, 网管数据中心).
    monitor: str = ""
    netdata: str = ""
    # Kinds the customer-service supervisor return-visits himself (property: "客服主管进行回访" of complaints).
    supervisor_visits: frozenset[TicketKind] = frozenset()
    # The front desk agrees the visit time and then dispatches (property: "与客户约定上门维修时间后派单").
    desk_appoints: bool = False
    # The kind preferred for the ticket stopped at an approval step (telecom: a consultation waits for the audit
    # center and for the reply, having passed its department leader: 第三条/第七条).
    showcase: dict[State, TicketKind] = field(default_factory=dict)
    # Kinds whose work the department's field staff do (on site, with the slip); None: every kind (terminal: the
    # 巡检员 handles every ticket). The receiver handles the others.
    field_kinds: frozenset[TicketKind] | None = frozenset(SLIP_KINDS | {TicketKind.FTTH_INSTALL})


def items(category: str, *texts: str) -> tuple[tuple[str, str], ...]:
    """Texts filed under one catalogue entry, as Scenario.items lists them."""
    return tuple((category, text) for text in texts)
