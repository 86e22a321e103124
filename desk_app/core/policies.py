"""Time-limit policies: which clocks a ticket runs, their limits, and the action that stops each one.

The defaults are DOMAIN.md's table; the database keeps an editable copy for administrators.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desk_app.core.kinds import Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.priority import DEFAULT_PRIORITY_LIMITS, PriorityLimits
from desk_app.core.states import Action
from desk_app.core.timelimits import LimitSpec


class ClockKind(StrEnum):
    RESPOND = "respond"
    TRANSFER = "transfer"
    ARRIVE = "arrive"
    RESOLVE = "resolve"
    VISIT = "visit"


register({
    ClockKind.RESPOND: (QT_TRANSLATE_NOOP("Label", "Response limit"), "响应时限"),
    ClockKind.TRANSFER: (QT_TRANSLATE_NOOP("Label", "Transfer limit"), "转派时限"),
    ClockKind.ARRIVE: (QT_TRANSLATE_NOOP("Label", "On-site limit"), "到场时限"),
    ClockKind.RESOLVE: (QT_TRANSLATE_NOOP("Label", "Resolution limit"), "办结时限"),
    ClockKind.VISIT: (QT_TRANSLATE_NOOP("Label", "Return-visit limit"), "回访时限"),
})

# The action that meets each clock.
STOPS_ON: dict[ClockKind, Action] = {
    ClockKind.RESPOND: Action.ACCEPT,
    ClockKind.TRANSFER: Action.DISPATCH,
    ClockKind.ARRIVE: Action.START,
    ClockKind.RESOLVE: Action.RESOLVE,
    ClockKind.VISIT: Action.VISIT,
}

# Return visit at the latest 24 h after the required completion time (department procedure).
VISIT_AFTER_RESOLVE_DEADLINE = LimitSpec.parse("24h")


class Variant(StrEnum):
    """A finer case of a kind that has limits of its own."""

    NONE = ""
    EMERGENCY = "emergency"      # 急修
    MAJOR = "major"              # 重大维修
    PAID = "paid"                # 有偿维修 (in-home, quoted price, owner's consent)
    FTTH_BOX = "ftth_box"        # 增加分纤箱
    FTTH_SPLITTER = "ftth_splitter"  # 更换/增加分光器


register({
    Variant.NONE: (QT_TRANSLATE_NOOP("Label", "(none)"), "无"),
    Variant.EMERGENCY: (QT_TRANSLATE_NOOP("Label", "Emergency repair"), "急修"),
    Variant.MAJOR: (QT_TRANSLATE_NOOP("Label", "Major repair"), "重大维修"),
    Variant.PAID: (QT_TRANSLATE_NOOP("Label", "Paid in-home repair"), "有偿维修"),
    Variant.FTTH_BOX: (QT_TRANSLATE_NOOP("Label", "Add fibre distribution box"), "增加分纤箱"),
    Variant.FTTH_SPLITTER: (QT_TRANSLATE_NOOP("Label", "Replace/add splitter"), "更换/增加分光器"),
})


class ClockStart(StrEnum):
    """When a policy's own clocks start."""

    INTAKE = "intake"       # 受理: the business acceptance time (FTTH: "从用户受理时间起")
    RECEIPT = "receipt"     # 收到工单: the department's receiver gets the ticket (工单扭转管理办法 第十三条)


register({
    ClockStart.INTAKE: (QT_TRANSLATE_NOOP("Label", "From intake"), "自受理时起"),
    ClockStart.RECEIPT: (QT_TRANSLATE_NOOP("Label", "From receipt by the department"), "自承接人收到工单时起"),
})


class VisitRule(StrEnum):
    """When the return visit is due."""

    AFTER_DEADLINE = "after_deadline"   # 24 h after the required completion time (department procedure)
    SAME_DAY = "same_day"               # the day the work was completed (front desk: "对当日完成的派工单须保证100%回访")


register({
    VisitRule.AFTER_DEADLINE: (QT_TRANSLATE_NOOP("Label", "24 h after the required completion time"),
                               "规定完成时间后24小时内"),
    VisitRule.SAME_DAY: (QT_TRANSLATE_NOOP("Label", "The same day the work was completed"), "当日完成当日回访"),
})


@dataclass(frozen=True)
class ClockRule:
    kind: ClockKind
    limit: LimitSpec
    # Started when the department's receiver receives the ticket (dispatch), not at intake.
    at_receipt: bool = False


@dataclass(frozen=True)
class Policy:
    """A named set of clock rules; a policy applies when all its conditions (kind, variant, severity) match."""

    code: str
    name: str
    kind: TicketKind | None = None
    variant: Variant | None = None
    severity: Severity | None = None
    clocks: tuple[ClockRule, ...] = ()
    # Add the priority matrix's response (and, if no resolve rule is given, resolution) clock.
    use_priority: bool = True
    starts_at: ClockStart = ClockStart.INTAKE
    # Whether 未完结 (waiting for an outside party) pauses the clocks. FTTH: "整个流程时间从用户受理时间起不得超过13个工作日"
    # — the whole flow, waiting included.
    pausable: bool = True

    def matches(self, kind: TicketKind, variant: Variant, severity: Severity | None) -> bool:
        return (
            (self.kind is None or self.kind == kind)
            and (self.variant is None or self.variant == variant)
            and (self.severity is None or self.severity == severity)
        )

    @property
    def specificity(self) -> int:
        return sum(x is not None for x in (self.kind, self.variant, self.severity))


def _rules(**limits: str) -> tuple[ClockRule, ...]:
    return tuple(ClockRule(ClockKind(k), LimitSpec.parse(v)) for k, v in limits.items())


DEFAULT_POLICIES: tuple[Policy, ...] = (
    Policy("ftth_box", "FTTH待装(增加分纤箱) 13个工作日", TicketKind.FTTH_INSTALL, Variant.FTTH_BOX, None, _rules(resolve="13wd"),
           pausable=False),
    Policy("ftth_splitter", "FTTH待装(更换/增加分光器) 5个工作日", TicketKind.FTTH_INSTALL, Variant.FTTH_SPLITTER, None,
           _rules(resolve="5wd"), pausable=False),
    Policy("ftth", "FTTH待装 13个工作日", TicketKind.FTTH_INSTALL, None, None, _rules(resolve="13wd"), pausable=False),
    Policy("c10086_urgent", "10086投诉 紧急: 反馈4小时 转派1小时", TicketKind.COMPLAINT, None, Severity.URGENT,
           _rules(transfer="1h", resolve="4h"), use_priority=False),
    Policy("c10086_important", "10086投诉 重要: 反馈14小时 转派2小时", TicketKind.COMPLAINT, None, Severity.IMPORTANT,
           _rules(transfer="2h", resolve="14h"), use_priority=False),
    Policy("c10086_secondary", "10086投诉 次要: 反馈30小时 转派3小时", TicketKind.COMPLAINT, None, Severity.SECONDARY,
           _rules(transfer="3h", resolve="30h"), use_priority=False),
    Policy("c10086_general", "10086投诉 一般: 反馈144小时 转派60小时", TicketKind.COMPLAINT, None, Severity.GENERAL,
           _rules(transfer="60h", resolve="144h"), use_priority=False),
    # 第十三条: "工单承接人收到工单后…咨询类工单办理时限为三个工作日，投诉类工单为七个工作日".
    Policy("complaint", "投诉类 7个工作日", TicketKind.COMPLAINT, None, None, _rules(resolve="7wd"),
           starts_at=ClockStart.RECEIPT),
    Policy("consultation", "咨询类 3个工作日", TicketKind.CONSULTATION, None, None, _rules(resolve="3wd"),
           starts_at=ClockStart.RECEIPT),
    Policy("emergency_repair", "急修: 20分钟到场 8小时修复", None, Variant.EMERGENCY, None,
           _rules(arrive="20m", resolve="8h"), use_priority=False),
    Policy("priority", "按优先级矩阵 P1–P5", None, None, None, ()),
)


def select_policy(kind: TicketKind, variant: Variant = Variant.NONE, severity: Severity | None = None,
                  policies: Sequence[Policy] = DEFAULT_POLICIES) -> Policy:
    """The most specific matching policy (ties: the first listed). The catch-all `priority` policy always matches."""
    candidates = [p for p in policies if p.matches(kind, variant, severity)]
    if not candidates:
        raise LookupError(f"no time-limit policy matches {kind}/{variant}/{severity}")
    return max(candidates, key=lambda p: p.specificity)


@dataclass(frozen=True)
class ClockPlan:
    """The clocks a ticket starts with, plus the visit clock that starts when it is resolved."""

    start_clocks: tuple[ClockRule, ...]
    visit: ClockRule = field(default=ClockRule(ClockKind.VISIT, VISIT_AFTER_RESOLVE_DEADLINE))

    @property
    def at_intake(self) -> tuple[ClockRule, ...]:
        return tuple(r for r in self.start_clocks if not r.at_receipt)

    @property
    def at_receipt(self) -> tuple[ClockRule, ...]:
        return tuple(r for r in self.start_clocks if r.at_receipt)


def plan_clocks(policy: Policy, priority: int,
                priority_limits: dict[int, PriorityLimits] = DEFAULT_PRIORITY_LIMITS) -> ClockPlan:
    rules: dict[ClockKind, ClockRule] = {}
    if policy.use_priority:
        limits = priority_limits[priority]
        rules[ClockKind.RESPOND] = ClockRule(ClockKind.RESPOND, limits.respond)
        rules[ClockKind.RESOLVE] = ClockRule(ClockKind.RESOLVE, limits.resolve)
    for rule in policy.clocks:
        rules[rule.kind] = ClockRule(rule.kind, rule.limit, at_receipt=policy.starts_at == ClockStart.RECEIPT)
    order = list(ClockKind)
    return ClockPlan(tuple(sorted(rules.values(), key=lambda r: order.index(r.kind))))


SAME_DAY_VISIT = ClockRule(ClockKind.VISIT, LimitSpec.parse("0d"))


def visit_clock(rule: VisitRule) -> ClockRule:
    """The return-visit clock: 24 h after the resolve deadline, or by the end of the day the work was completed."""
    return SAME_DAY_VISIT if rule == VisitRule.SAME_DAY else ClockRule(ClockKind.VISIT, VISIT_AFTER_RESOLVE_DEADLINE)


def clocks_stopped_by(action: Action, kinds: Iterable[ClockKind]) -> list[ClockKind]:
    return [k for k in kinds if STOPS_ON[k] == action]
