"""Time-limit policies and priority: DOMAIN.md's table picked by kind, variant and severity; urgency × impact → P1–P5."""

from __future__ import annotations

import pytest

from desk_app.core.kinds import Level, Role, Severity, TicketKind
from desk_app.core.permissions import Operation, may
from desk_app.core.policies import ClockKind, Variant, plan_clocks, select_policy
from desk_app.core.priority import DEFAULT_PRIORITY_LIMITS, priority_of
from desk_app.core.states import Action


def limits(kind, variant=Variant.NONE, severity=None, priority=3):
    plan = plan_clocks(select_policy(kind, variant, severity), priority)
    return {rule.kind: str(rule.limit) for rule in plan.start_clocks}


@pytest.mark.parametrize(("kind", "variant", "severity", "expected"), [
    (TicketKind.CONSULTATION, Variant.NONE, None, {ClockKind.RESPOND: "4wh", ClockKind.RESOLVE: "3wd"}),
    (TicketKind.COMPLAINT, Variant.NONE, None, {ClockKind.RESPOND: "4wh", ClockKind.RESOLVE: "7wd"}),
    (TicketKind.FTTH_INSTALL, Variant.FTTH_BOX, None, {ClockKind.RESPOND: "4wh", ClockKind.RESOLVE: "13wd"}),
    (TicketKind.FTTH_INSTALL, Variant.FTTH_SPLITTER, None, {ClockKind.RESPOND: "4wh", ClockKind.RESOLVE: "5wd"}),
    (TicketKind.COMPLAINT, Variant.NONE, Severity.URGENT, {ClockKind.TRANSFER: "1h", ClockKind.RESOLVE: "4h"}),
    (TicketKind.COMPLAINT, Variant.NONE, Severity.IMPORTANT, {ClockKind.TRANSFER: "2h", ClockKind.RESOLVE: "14h"}),
    (TicketKind.COMPLAINT, Variant.NONE, Severity.SECONDARY, {ClockKind.TRANSFER: "3h", ClockKind.RESOLVE: "30h"}),
    (TicketKind.COMPLAINT, Variant.NONE, Severity.GENERAL, {ClockKind.TRANSFER: "60h", ClockKind.RESOLVE: "144h"}),
    (TicketKind.REPAIR, Variant.EMERGENCY, None, {ClockKind.ARRIVE: "20m", ClockKind.RESOLVE: "8h"}),
    (TicketKind.REPAIR, Variant.NONE, None, {ClockKind.RESPOND: "4wh", ClockKind.RESOLVE: "3wd"}),
])
def test_domain_time_limits(kind, variant, severity, expected):
    assert limits(kind, variant, severity) == expected


def test_priority_matrix_runs_from_p1_to_p5():
    assert priority_of(Level.HIGH, Level.HIGH) == 1
    assert priority_of(Level.MEDIUM, Level.MEDIUM) == 3
    assert priority_of(Level.LOW, Level.LOW) == 5
    assert {priority_of(u, i) for u in Level for i in Level} == {1, 2, 3, 4, 5}


def test_priority_limits_get_looser_from_p1_to_p5():
    assert sorted(DEFAULT_PRIORITY_LIMITS) == [1, 2, 3, 4, 5]
    assert limits(TicketKind.OTHER, priority=1) == {ClockKind.RESPOND: "15m", ClockKind.RESOLVE: "4h"}
    assert limits(TicketKind.OTHER, priority=5) == {ClockKind.RESPOND: "2wd", ClockKind.RESOLVE: "10wd"}


def test_every_plan_ends_with_a_return_visit_24_hours_after_the_resolve_deadline():
    plan = plan_clocks(select_policy(TicketKind.SUGGESTION), 5)
    assert (plan.visit.kind, str(plan.visit.limit)) == (ClockKind.VISIT, "24h")


@pytest.mark.parametrize(("role", "permission", "actor_dept", "ticket_dept", "allowed"), [
    (Role.RECEPTIONIST, Operation.CREATE_TICKET, None, None, True),
    (Role.RECEPTIONIST, Action.DISPATCH, None, None, True),
    (Role.RECEPTIONIST, Action.ACCEPT, None, 1, False),
    (Role.RECEIVER, Action.ACCEPT, 1, 1, True),
    (Role.RECEIVER, Action.ACCEPT, 2, 1, False),
    (Role.RECEIVER, Operation.CREATE_TICKET, 1, None, False),
    (Role.FIELD, Action.RESOLVE, 1, 1, True),
    (Role.FIELD, Action.RETURN, 1, 1, False),
    (Role.AUDIT, Action.DISPATCH, None, 1, True),
    (Role.SUPERVISOR, Action.ACCEPT, None, 1, True),
    (Role.SUPERVISOR, Operation.ADMINISTER, None, None, False),
    (Role.ADMIN, Operation.ADMINISTER, None, None, True),
])
def test_permissions(role, permission, actor_dept, ticket_dept, allowed):
    assert may(role, permission, actor_department=actor_dept, ticket_department=ticket_dept) is allowed
