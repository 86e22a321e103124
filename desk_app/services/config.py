"""The configuration, loaded and cached in one place: settings, the working calendar, time-limit policies, the
priority matrix, approval workflows, routing rules, and the facts the rule book reads. The write services (desk) and
the administration services both use it; a change by an administrator drops the cache once for everyone.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping

from desk_app.core.calendar import OfficeHours, WorkCalendar
from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Level, Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.policies import DEFAULT_POLICIES, ClockKind, ClockRule, ClockStart, Policy, Variant, VisitRule
from desk_app.core.priority import DEFAULT_MATRIX, DEFAULT_PRIORITY_LIMITS, PriorityLimits
from desk_app.core.routing import Rule
from desk_app.core.rules import RuleConfig
from desk_app.core.timelimits import DEFAULT_APPROACHING_SHARE, LimitSpec
from desk_app.core.validation import parse_area_code
from desk_app.core.workflow import Step, Workflow
from desk_app.models.schema import CalendarOverride, CalendarYear, Department, KindWorkflow, PolicyRecord, Setting
from desk_app.services.routing import routing_rules as stored_routing_rules

log = logging.getLogger(__name__)

SETTING_APPROACHING_SHARE = "approaching_share"
SETTING_OFFICE_HOURS = "office_hours"
SETTING_ORGANIZATION = "organization"
SETTING_QUARANTINE = "terminal.quarantine_unregistered"
SETTING_PAID_CONSENT = "property.paid_repair_requires_consent"
SETTING_VISIT_RULE = "return_visit.rule"
SETTING_SLIP_RETURN = "return_visit.requires_slip"
SETTING_PRIORITY_MATRIX = "priority.matrix"
SETTING_PRIORITY_LIMITS = "priority.limits"
# 定期电话访问跟踪: days after the return visit of a complaint / a repair until the follow-up call (0: none).
SETTING_FOLLOW_UP_DAYS = {"complaint": "follow_up.complaint_days", "repair": "follow_up.repair_days"}
DEFAULT_FOLLOW_UP_DAYS = {"complaint": 7, "repair": 30}
MAX_FOLLOW_UP_DAYS = 366
# 本地区号: the center's area code (010), which completes a local landline typed without it; "" for none.
SETTING_AREA_CODE = "phone.area_code"
# Department codes: who takes the 10086 coordination and quality steps, who confirms and issues FTTH construction.
SETTING_STEP_DEPARTMENT = {Step.COORDINATION: "workflow.coordination_department",
                           Step.QUALITY: "workflow.quality_department"}
SETTING_MARKETING = "ftth.marketing_department"
SETTING_FTTH_DISPATCH = "ftth.dispatch_department"
SETTING_CONTRACTOR = "ftth.contractor"
DEFAULT_MARKETING = "marketing"
DEFAULT_CONTRACTOR = "世康通信有限责任公司"
PRIORITY_LEVELS = (1, 2, 3, 4, 5)
LEVELS = (Level.HIGH, Level.MEDIUM, Level.LOW)
PRIORITY_CLOCKS = ("respond", "resolve")


def put_setting(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}).execute()


def policy_from_record(record: PolicyRecord) -> Policy:
    clocks = tuple(
        ClockRule(ClockKind(k.strip()), LimitSpec.parse(v))
        for k, v in (part.split("=") for part in record.clocks.split(";") if part.strip())
    )
    return Policy(
        code=record.code,
        name=record.name,
        kind=TicketKind(record.kind) if record.kind else None,
        variant=Variant(record.variant) if record.variant is not None else None,
        severity=Severity(record.severity) if record.severity else None,
        clocks=clocks,
        use_priority=record.use_priority,
        starts_at=ClockStart(record.starts_at or ClockStart.INTAKE),
        pausable=bool(record.pausable),
    )


def policy_to_record_fields(policy: Policy) -> dict:
    return {
        "code": policy.code,
        "name": policy.name,
        "kind": policy.kind.value if policy.kind else None,
        "variant": policy.variant.value if policy.variant is not None else None,
        "severity": policy.severity.value if policy.severity else None,
        "clocks": ";".join(f"{r.kind.value}={r.limit}" for r in policy.clocks),
        "use_priority": policy.use_priority,
        "starts_at": policy.starts_at.value,
        "pausable": policy.pausable,
    }


def _limit(text: str | LimitSpec, field: str, *, required: bool = False) -> LimitSpec | None:
    if isinstance(text, LimitSpec):
        return text
    if not (text or "").strip():
        if required:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
        return None
    try:
        return LimitSpec.parse(text)
    except ValueError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("DeskError", "\u201c{text}\u201d is not a time limit: write a number and a unit, "
                                           "m, h, wh (working hours), wd (working days) or d, e.g. 3wd."),
            field=field, text=text.strip()) from None


def _matrix_key(urgency: Level, impact: Level) -> str:
    return f"{urgency.value}/{impact.value}"


def _parse_matrix(raw: Mapping) -> dict[tuple[Level, Level], int]:
    """From {"high/medium": 2} or {(Level.HIGH, Level.MEDIUM): 2}; every cell required, each 1..5."""
    cells: dict[tuple[Level, Level], object] = {}
    for key, value in raw.items():
        try:
            urgency, impact = key.split("/") if isinstance(key, str) else key
            cells[(Level(urgency), Level(impact))] = value
        except (ValueError, TypeError):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown matrix cell {cell}."),
                                  field="matrix", cell=str(key)) from None
    result = {}
    for urgency in LEVELS:
        for impact in LEVELS:
            field = f"matrix.{_matrix_key(urgency, impact)}"
            value = cells.get((urgency, impact))
            try:
                level = int(str(value).strip().upper().removeprefix("P"))
            except ValueError:
                level = 0
            if isinstance(value, bool) or level not in PRIORITY_LEVELS:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a priority from P1 to P5."),
                                      field=field)
            result[(urgency, impact)] = level
    return result


def _parse_limits(raw: Mapping) -> dict[int, PriorityLimits]:
    """From {"1": {"respond": "15m", "resolve": "4h"}, ...}; all five levels required."""
    by_level = {}
    for key, value in raw.items():
        try:
            level = int(str(key).upper().removeprefix("P"))
            if level not in PRIORITY_LEVELS:
                raise ValueError(level)
            by_level[level] = value
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown priority {level}."),
                                  field="limits", level=str(key)) from None
    result = {}
    for level in PRIORITY_LEVELS:
        entry = by_level.get(level)
        if isinstance(entry, PriorityLimits):
            result[level] = entry
            continue
        entry = entry if isinstance(entry, Mapping) else {}
        specs = [_limit(entry.get(clock, ""), f"limits.{level}.{clock}", required=True) for clock in PRIORITY_CLOCKS]
        result[level] = PriorityLimits(*specs)
    return result


def load_priority_config() -> tuple[dict[tuple[Level, Level], int], dict[int, PriorityLimits]]:
    """The priority matrix and each level's limits; core.priority's defaults for what is unset or unreadable."""
    matrix, limits = dict(DEFAULT_MATRIX), dict(DEFAULT_PRIORITY_LIMITS)
    rows = {s.key: s.value for s in Setting.select().where(
        Setting.key.in_([SETTING_PRIORITY_MATRIX, SETTING_PRIORITY_LIMITS]))}
    if SETTING_PRIORITY_MATRIX in rows:
        try:
            matrix = _parse_matrix(json.loads(rows[SETTING_PRIORITY_MATRIX]))
        except (ValueError, AttributeError, ValidationError):
            log.warning("the stored priority matrix is unreadable; using the default")
    if SETTING_PRIORITY_LIMITS in rows:
        try:
            limits = _parse_limits(json.loads(rows[SETTING_PRIORITY_LIMITS]))
        except (ValueError, AttributeError, ValidationError):
            log.warning("the stored priority limits are unreadable; using the defaults")
    return matrix, limits


def load_workflows() -> dict:
    """Configured workflows as core Workflow objects by kind value (for core.workflow.workflow_for)."""
    result = {}
    for row in KindWorkflow.select():
        try:
            result[row.kind] = Workflow.parse(row.steps, row.sensitive_steps)
        except ValueError:
            log.warning("ignoring the unreadable workflow of %s: %r / %r", row.kind, row.steps, row.sensitive_steps)
    return result


def _department_id(code: str) -> int | None:
    if not code:
        return None
    row = Department.select(Department.id).where((Department.code == code) & Department.active).first()
    return row.id if row else None


class Configuration:
    """The cached configuration of one process; `forget()` after any change (by this desk or, on notice, another)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cache: dict[str, object] = {}

    def _cached(self, key: str, load):
        with self._lock:
            if key not in self._cache:
                self._cache[key] = load()
            return self._cache[key]

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()

    def settings(self) -> dict[str, str]:
        return self._cached("settings", lambda: {s.key: s.value for s in Setting.select()})

    def setting(self, key: str, default: str = "") -> str:
        return self.settings().get(key, default)

    def approaching_share(self) -> float:
        try:
            return float(self.setting(SETTING_APPROACHING_SHARE, str(DEFAULT_APPROACHING_SHARE)))
        except ValueError:
            return DEFAULT_APPROACHING_SHARE

    def calendar(self) -> WorkCalendar:
        """The working calendar: chinese_calendar's data with the administrator's overrides and imported years."""
        def load() -> WorkCalendar:
            overrides = list(CalendarOverride.select())
            hours = self.setting(SETTING_OFFICE_HOURS)
            return WorkCalendar({o.day: o.working for o in overrides},
                                official_years=[y.year for y in CalendarYear.select()],
                                override_names={o.day: o.note for o in overrides if o.note},
                                office_hours=OfficeHours.parse(hours) if hours else OfficeHours())
        return self._cached("calendar", load)

    def policies(self) -> list[Policy]:
        return self._cached("policies", lambda: [policy_from_record(r) for r in PolicyRecord.select().where(
            PolicyRecord.active)] or list(DEFAULT_POLICIES))

    def routing_rules(self) -> list[Rule]:
        return self._cached("routing", stored_routing_rules)

    def workflows(self) -> dict[str, Workflow]:
        return self._cached("workflows", load_workflows)

    def priority_config(self) -> tuple:
        """The priority matrix and the P1–P5 limits an administrator set (core defaults otherwise)."""
        return self._cached("priority", load_priority_config)

    def visit_rule(self) -> VisitRule:
        try:
            return VisitRule(self.setting(SETTING_VISIT_RULE, VisitRule.AFTER_DEADLINE.value))
        except ValueError:
            return VisitRule.AFTER_DEADLINE

    def follow_up_days(self, reason: str) -> int:
        """Days from a complaint's or a repair's return visit to its follow-up call; 0: none planned."""
        default = DEFAULT_FOLLOW_UP_DAYS.get(reason, 0)
        key = SETTING_FOLLOW_UP_DAYS.get(reason)
        if key is None:
            return 0
        try:
            days = int(self.setting(key, str(default)).strip())
        except ValueError:
            return default
        return days if 0 <= days <= MAX_FOLLOW_UP_DAYS else default

    def area_code(self) -> str:
        """The center's area code (010), "" if none or unreadable (the administrator sets it: customers.set_area_code)."""
        def load() -> str:
            try:
                return parse_area_code(self.setting(SETTING_AREA_CODE))
            except ValidationError:
                log.warning("the stored area code is unreadable; using none")
                return ""
        return self._cached("area_code", load)

    def rules(self) -> RuleConfig:
        """What the rule book reads from the configuration."""
        def load() -> RuleConfig:
            steps = {step: dept for step, key in SETTING_STEP_DEPARTMENT.items()
                     if (dept := _department_id(self.setting(key))) is not None}
            return RuleConfig(
                workflows=self.workflows(), step_departments=steps,
                marketing_department_id=_department_id(self.setting(SETTING_MARKETING, DEFAULT_MARKETING)),
                construction_department_id=_department_id(self.setting(SETTING_FTTH_DISPATCH)),
                paid_consent_required=self.setting(SETTING_PAID_CONSENT, "1") == "1",
                slip_return_required=self.setting(SETTING_SLIP_RETURN, "1") == "1",
            )
        return self._cached("rules", load)
