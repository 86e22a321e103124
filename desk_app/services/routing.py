"""派单范围 from the database: the active RoutingRule rows as desk_app.core.routing.Rule, and routing a ticket's facts.

A matching rule is a direct dispatch (直派) to its department's receiver; no match leaves the ticket for the
second-level dispatcher (转派).
"""

from __future__ import annotations

from desk_app.core.routing import Rule, RoutingFacts, route
from desk_app.models.schema import Department, RoutingRule


def rule_of(record: RoutingRule) -> Rule:
    """One stored rule as the core's Rule (empty conditions match anything)."""
    return Rule(
        department_id=record.department_id,
        kind=record.kind or None,
        category=record.category or None,
        area=record.area or None,
        scope=record.scope or None,
        station=record.station or None,
        position=record.position,
        name=record.name,
    )


def routing_rules(*, include_inactive: bool = False) -> list[Rule]:
    """The routing table in order (position, then id): active rules of active departments unless asked otherwise."""
    query = RoutingRule.select().join(Department).order_by(RoutingRule.position, RoutingRule.id)
    if not include_inactive:
        query = query.where(RoutingRule.active & Department.active)
    return [rule_of(record) for record in query]


def route_facts(facts: RoutingFacts) -> Rule | None:
    """The rule that routes `facts` (its department_id is where the ticket goes), or None for transfer dispatch."""
    return route(routing_rules(), facts)
