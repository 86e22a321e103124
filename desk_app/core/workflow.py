"""The approval chain after a solution is drafted: department leader, office and center leader (sensitive tickets),
audit center, then the front desk's reply to the customer. Each kind says which steps it takes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.kinds import Role, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.states import State


class Step(StrEnum):
    LEADER = "leader"
    OFFICE = "office"
    CENTER = "center"
    COORDINATION = "coordination"
    QUALITY = "quality"
    AUDIT = "audit"
    REPLY = "reply"


register({
    Step.LEADER: (QT_TRANSLATE_NOOP("Label", "Department leader approves"), "部门领导审批"),
    Step.OFFICE: (QT_TRANSLATE_NOOP("Label", "Office reviews"), "办公室审核"),
    Step.CENTER: (QT_TRANSLATE_NOOP("Label", "Center leader approves"), "中心领导审批"),
    Step.COORDINATION: (QT_TRANSLATE_NOOP("Label", "Coordination group analyses"), "协调小组分析"),
    Step.QUALITY: (QT_TRANSLATE_NOOP("Label", "Quality department checks"), "质检审核"),
    Step.AUDIT: (QT_TRANSLATE_NOOP("Label", "Audit center confirms"), "审核中心确认"),
    Step.REPLY: (QT_TRANSLATE_NOOP("Label", "Front desk replies"), "前台反馈客户"),
})

# The order is fixed by the procedure; a workflow only chooses which steps apply.
STEP_ORDER: tuple[Step, ...] = (Step.LEADER, Step.OFFICE, Step.CENTER, Step.COORDINATION, Step.QUALITY, Step.AUDIT,
                                Step.REPLY)

STEP_STATE: dict[Step, State] = {
    Step.LEADER: State.PENDING_LEADER,
    Step.OFFICE: State.PENDING_OFFICE,
    Step.CENTER: State.PENDING_CENTER,
    Step.COORDINATION: State.PENDING_COORDINATION,
    Step.QUALITY: State.PENDING_QUALITY,
    Step.AUDIT: State.PENDING_AUDIT,
    Step.REPLY: State.PENDING_REPLY,
}
STATE_STEP: dict[State, Step] = {state: step for step, state in STEP_STATE.items()}

# Steps taken by a department named in the configuration (10086: 协调小组, 质检部门), by its receiver or leader.
DEPARTMENT_STEPS = frozenset({Step.COORDINATION, Step.QUALITY})

# Who takes each step (supervisors and administrators may stand in); a department step by that department's leader
# or receiver.
STEP_ROLE: dict[Step, Role] = {
    Step.LEADER: Role.LEADER,
    Step.OFFICE: Role.OFFICE,
    Step.CENTER: Role.CENTER,
    Step.COORDINATION: Role.LEADER,
    Step.QUALITY: Role.LEADER,
    Step.AUDIT: Role.AUDIT,
    Step.REPLY: Role.RECEPTIONIST,
}


@dataclass(frozen=True)
class Workflow:
    steps: tuple[Step, ...] = ()
    sensitive_steps: tuple[Step, ...] = ()

    @classmethod
    def parse(cls, steps: str, sensitive_steps: str = "") -> "Workflow":
        """From the stored form "leader;audit;reply" (unknown names raise ValueError)."""
        def split(text: str) -> tuple[Step, ...]:
            return tuple(Step(part.strip()) for part in (text or "").split(";") if part.strip())
        return cls(split(steps), split(sensitive_steps))

    def dump(self) -> tuple[str, str]:
        return ";".join(self.steps), ";".join(self.sensitive_steps)

    def path(self, sensitive: bool) -> list[Step]:
        """The steps a ticket takes, in the procedure's order."""
        chosen = set(self.steps) | (set(self.sensitive_steps) if sensitive else set())
        return [step for step in STEP_ORDER if step in chosen]


# Transfer procedure 第三条/第七条/第八条: consultations and complaints alike are approved by the department leader,
# sensitive ones also by the office and the center leader, confirmed by the audit center and replied by the desk
# ("提交部门领导审批签字后，才能在工单系统进行提交操作"). Repairs go straight to the return visit.
DEFAULT_WORKFLOWS: dict[TicketKind, Workflow] = {
    TicketKind.COMPLAINT: Workflow((Step.LEADER, Step.AUDIT, Step.REPLY), (Step.OFFICE, Step.CENTER)),
    TicketKind.CONSULTATION: Workflow((Step.LEADER, Step.AUDIT, Step.REPLY), (Step.OFFICE, Step.CENTER)),
    TicketKind.SUGGESTION: Workflow((Step.LEADER, Step.REPLY), (Step.OFFICE, Step.CENTER)),
}
NO_APPROVAL = Workflow((), (Step.LEADER, Step.OFFICE, Step.CENTER))


def workflow_key(kind: str, channel: str = "") -> str:
    """The configuration key of a kind's workflow for one channel (e.g. "complaint@10086"), beside the kind's own."""
    return f"{kind}@{channel}"


def workflow_for(kind: TicketKind, configured: dict[str, Workflow] | None = None, channel: str = "") -> Workflow:
    """The kind's approval path; a path configured for the kind and channel (10086 complaints) comes first."""
    if configured is not None:
        if channel and workflow_key(kind, channel) in configured:
            return configured[workflow_key(kind, channel)]
        if str(kind) in configured:
            return configured[str(kind)]
    return DEFAULT_WORKFLOWS.get(TicketKind(kind), NO_APPROVAL)


def state_after(path: Iterable[Step], current: State | None, approved: Iterable[Step] | None = None) -> State:
    """The state that follows `current` on the path: the first step after drafting, the next step after an
    approval, and RESOLVED (awaiting the return visit) once the path is done.

    `approved` are the steps already taken since the solution was drafted: the next state is the first step of the
    path not among them, so a ticket found sensitive after the leader approved still goes to the office and the
    center leader (第八条) before it is replied. Not given: every step up to `current` counts as taken."""
    steps = list(path)
    done = set(approved or ())
    if current in STATE_STEP:
        done.add(STATE_STEP[current])
        if approved is None:
            done |= set(STEP_ORDER[:STEP_ORDER.index(STATE_STEP[current])])
    remaining = [step for step in steps if step not in done]
    return STEP_STATE[remaining[0]] if remaining else State.RESOLVED
