"""The supervisor summary's figures: what each one counts, over which period, and how periods split into trends.

Every figure is defined once here, in one sentence (README, the window's tooltips and the monthly report quote it);
services/summary.py turns each definition into SQL.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, Satisfaction
from desk_app.core.labels import QT_TRANSLATE_NOOP, register
from desk_app.core.policies import ClockKind


class PeriodKind(StrEnum):
    TODAY = "today"
    WEEK = "week"
    MONTH = "month"
    CUSTOM = "custom"


register({
    PeriodKind.TODAY: (QT_TRANSLATE_NOOP("Label", "Today"), "今日"),
    PeriodKind.WEEK: (QT_TRANSLATE_NOOP("Label", "This week"), "本周"),
    PeriodKind.MONTH: (QT_TRANSLATE_NOOP("Label", "This month"), "本月"),
    PeriodKind.CUSTOM: (QT_TRANSLATE_NOOP("Label", "Period"), "自定义期间"),
})


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


register({
    Granularity.DAY: (QT_TRANSLATE_NOOP("Label", "By day"), "按日"),
    Granularity.WEEK: (QT_TRANSLATE_NOOP("Label", "By week"), "按周"),
    Granularity.MONTH: (QT_TRANSLATE_NOOP("Label", "By month"), "按月"),
})

# A summary over more days than this is refused (the trend would have thousands of points and nobody reads it).
MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    """The days first..last, both included; as times, [since, until)."""

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The period ends before it begins."),
                                  field="period")
        if (self.last - self.first).days >= MAX_PERIOD_DAYS:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A period can be at most three years long."),
                                  field="period")

    @property
    def since(self) -> dt.datetime:
        return dt.datetime.combine(self.first, dt.time())

    @property
    def until(self) -> dt.datetime:
        return dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time())

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def text(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()} – {self.last.isoformat()}"


def period_for(kind: PeriodKind, today: dt.date) -> Period:
    """Today, this week (Monday to today) or this month (the 1st to today)."""
    kind = PeriodKind(kind)
    if kind == PeriodKind.WEEK:
        return Period(today - dt.timedelta(days=today.weekday()), today)
    if kind == PeriodKind.MONTH:
        return Period(today.replace(day=1), today)
    return Period(today, today)


_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def month_period(text: str) -> Period:
    """A whole calendar month from "YYYY-MM"; a clear message for anything else."""
    match = _MONTH.fullmatch(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1900 <= int(match.group(1)) <= 2200:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a month as YYYY-MM, e.g. 2026-11 (not \"{text}\")."),
                              field="month", text=text)
    year, month = int(match.group(1)), int(match.group(2))
    return Period(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def parse_day(text: str, field: str = "date") -> dt.date:
    """A date from "YYYY-MM-DD"; a clear message for anything else."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give a date as YYYY-MM-DD, e.g. 2026-11-26 "
                                                "(not \"{text}\")."), field=field, text=text) from None


def bucket_start(day: dt.date, granularity: Granularity) -> dt.date:
    """The first day of the trend point a day belongs to (weeks begin on Monday)."""
    if granularity == Granularity.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if granularity == Granularity.MONTH:
        return day.replace(day=1)
    return day


def buckets(period: Period, granularity: Granularity) -> list[dt.date]:
    """The trend's points: the first day of each day, week or month the period touches, in order."""
    points: list[dt.date] = []
    day = period.first
    while day <= period.last:
        start = bucket_start(day, granularity)
        if not points or points[-1] != start:
            points.append(start)
        day += dt.timedelta(days=1)
    return points


def default_granularity(period: Period) -> Granularity:
    """Days for up to two months, weeks up to a year, months beyond."""
    if period.days <= 62:
        return Granularity.DAY
    if period.days <= 366:
        return Granularity.WEEK
    return Granularity.MONTH


class Figure(StrEnum):
    CALLS_IN = "calls_in"
    TICKETS_IN = "tickets_in"
    CLOSED = "closed"
    OPEN_NOW = "open_now"
    APPROACHING_NOW = "approaching_now"
    OVERDUE_NOW = "overdue_now"
    ON_TIME_RESPOND = "on_time_respond"
    ON_TIME_TRANSFER = "on_time_transfer"
    ON_TIME_ARRIVE = "on_time_arrive"
    ON_TIME_RESOLVE = "on_time_resolve"
    ON_TIME_FEEDBACK = "on_time_feedback"
    ON_TIME_VISIT = "on_time_visit"
    FIRST_CONTACT = "first_contact"
    KB_ANSWERED = "kb_answered"
    VISIT_COVERAGE = "visit_coverage"
    SATISFACTION = "satisfaction"
    FORMAL_COMPLAINTS = "formal_complaints"


register({
    Figure.CALLS_IN: (QT_TRANSLATE_NOOP("Label", "Calls and visits"), "来电来访"),
    Figure.TICKETS_IN: (QT_TRANSLATE_NOOP("Label", "New tickets"), "新建工单"),
    Figure.CLOSED: (QT_TRANSLATE_NOOP("Label", "Completed tickets"), "办结工单"),
    Figure.OPEN_NOW: (QT_TRANSLATE_NOOP("Label", "Open now"), "在办工单"),
    Figure.APPROACHING_NOW: (QT_TRANSLATE_NOOP("Label", "Approaching now"), "即将超时"),
    Figure.OVERDUE_NOW: (QT_TRANSLATE_NOOP("Label", "Overdue now"), "已超时"),
    Figure.ON_TIME_RESPOND: (QT_TRANSLATE_NOOP("Label", "Response on time"), "响应及时率"),
    Figure.ON_TIME_TRANSFER: (QT_TRANSLATE_NOOP("Label", "Transfer on time"), "转派及时率"),
    Figure.ON_TIME_ARRIVE: (QT_TRANSLATE_NOOP("Label", "On site on time"), "到场及时率"),
    Figure.ON_TIME_RESOLVE: (QT_TRANSLATE_NOOP("Label", "Resolution on time"), "办结及时率"),
    Figure.ON_TIME_FEEDBACK: (QT_TRANSLATE_NOOP("Label", "Feedback on time"), "反馈及时率"),
    Figure.ON_TIME_VISIT: (QT_TRANSLATE_NOOP("Label", "Return visit on time"), "回访及时率"),
    Figure.FIRST_CONTACT: (QT_TRANSLATE_NOOP("Label", "First-contact resolution"), "一次解决率"),
    Figure.KB_ANSWERED: (QT_TRANSLATE_NOOP("Label", "Answered from the knowledge base"), "知识库解答率"),
    Figure.VISIT_COVERAGE: (QT_TRANSLATE_NOOP("Label", "Return-visit coverage"), "回访率"),
    Figure.SATISFACTION: (QT_TRANSLATE_NOOP("Label", "Satisfaction"), "满意率"),
    Figure.FORMAL_COMPLAINTS: (QT_TRANSLATE_NOOP("Label", "Formal complaints (申告)"), "申告"),
})


class PeriodRule(StrEnum):
    """Which time of a thing decides the period it falls in."""

    RECEIVED = "received"      # the call's or the ticket's intake time
    SOLVED = "solved"          # when the solution was recorded (办结)
    NOW = "now"                # a snapshot at the moment of reading, whatever the period
    DEADLINE = "deadline"      # the clock's deadline
    COMPLETED = "completed"    # when the ticket was completed and its return-visit clock started
    VISITED = "visited"        # when the return visit was made


# The resolution limit of a complaint that came through 10086 is the seed's 反馈时间 ("紧急工单:反馈时间4H,
# 转派时间1H"): the feedback on-time rate counts those clocks, the resolution rate every other ticket's.
FEEDBACK_CHANNELS: frozenset[str] = frozenset({Channel.HOTLINE_10086.value})

# The on-time figures: the clock each one measures, and for the resolution clock whether it is the 10086 feedback.
ON_TIME_CLOCKS: dict[Figure, tuple[ClockKind, bool | None]] = {
    Figure.ON_TIME_RESPOND: (ClockKind.RESPOND, None),
    Figure.ON_TIME_TRANSFER: (ClockKind.TRANSFER, None),
    Figure.ON_TIME_ARRIVE: (ClockKind.ARRIVE, None),
    Figure.ON_TIME_RESOLVE: (ClockKind.RESOLVE, False),
    Figure.ON_TIME_FEEDBACK: (ClockKind.RESOLVE, True),
    Figure.ON_TIME_VISIT: (ClockKind.VISIT, None),
}

# A return visit that counts as satisfied for the satisfaction rate (满意 and 基本满意).
SATISFIED: frozenset[str] = frozenset({Satisfaction.SATISFIED.value, Satisfaction.BASICALLY.value})

RATE_FIGURES: frozenset[Figure] = frozenset({*ON_TIME_CLOCKS, Figure.FIRST_CONTACT, Figure.KB_ANSWERED,
                                             Figure.VISIT_COVERAGE, Figure.SATISFACTION})
# Figures read from the call register rather than from tickets.
REGISTER_FIGURES: frozenset[Figure] = frozenset({Figure.CALLS_IN, Figure.FIRST_CONTACT, Figure.KB_ANSWERED})

# "{clock}" is filled in with the clock's name (Definition.clock_english / clock_chinese).
_ON_TIME = QT_TRANSLATE_NOOP(
    "Figure", "Of the {clock} clocks whose deadline falls in the period and that are decided (stopped, or still "
              "running past the deadline), the share stopped at or before the deadline; a paused clock's deadline "
              "moves by the paused working time and is undecided while paused; a reopened ticket's clock runs on "
              "from its original deadline and counts by its last stop.")
_ON_TIME_ZH = ("期间内到期且已有结果（已停止，或到期仍在计时）的{clock}中，在时限内停止的比例；暂停期间不计时、"
               "截止时间相应顺延，暂停中的不计入；重新处理的工单按原截止时间继续计时，以最后一次停止为准。")


@dataclass(frozen=True)
class Definition:
    rule: PeriodRule
    english: str           # source text in translation context "Figure"
    chinese: str
    clock_english: str = ""
    clock_chinese: str = ""


def _on_time(clock_english: str, clock_chinese: str) -> Definition:
    return Definition(PeriodRule.DEADLINE, _ON_TIME, _ON_TIME_ZH, clock_english, clock_chinese)


DEFINITIONS: dict[Figure, Definition] = {
    Figure.CALLS_IN: Definition(PeriodRule.RECEIVED, QT_TRANSLATE_NOOP(
        "Figure", "Incoming lines (calls and visits) of the call/visit register received in the period, by "
                  "channel; the desk's own outgoing calls are not counted."),
        "期间内《来电来访登记表》登记的来电来访条数，按受理渠道分列；前台主动外呼的电话不计。"),
    Figure.TICKETS_IN: Definition(PeriodRule.RECEIVED, QT_TRANSLATE_NOOP(
        "Figure", "Tickets taken in during the period (by intake time), by channel."),
        "期间内受理（按受理时间）的工单数，按受理渠道分列。"),
    Figure.CLOSED: Definition(PeriodRule.SOLVED, QT_TRANSLATE_NOOP(
        "Figure", "Tickets whose solution was recorded in the period; a reopened ticket counts by its latest "
                  "solution."),
        "期间内录入处理结果（办结）的工单数；重新处理的工单以最后一次办结为准。"),
    Figure.OPEN_NOW: Definition(PeriodRule.NOW, QT_TRANSLATE_NOOP(
        "Figure", "Tickets still open at this moment (not yet return-visited or archived), whatever the period."),
        "此刻尚未回访或归档的工单数，与所选期间无关。"),
    Figure.APPROACHING_NOW: Definition(PeriodRule.NOW, QT_TRANSLATE_NOOP(
        "Figure", "Open tickets whose earliest running clock is past its warning time but not its deadline at this "
                  "moment; paused clocks are left out."),
        "此刻最早到期的计时已过预警时间但未到截止时间的在办工单数；暂停中的计时不计。"),
    Figure.OVERDUE_NOW: Definition(PeriodRule.NOW, QT_TRANSLATE_NOOP(
        "Figure", "Open tickets whose earliest running clock is past its deadline at this moment; paused clocks are "
                  "left out."),
        "此刻最早到期的计时已过截止时间的在办工单数；暂停中的计时不计。"),
    Figure.ON_TIME_RESPOND: _on_time(QT_TRANSLATE_NOOP("Figure", "response"), "响应时限"),
    Figure.ON_TIME_TRANSFER: _on_time(QT_TRANSLATE_NOOP("Figure", "transfer"), "转派时限"),
    Figure.ON_TIME_ARRIVE: _on_time(QT_TRANSLATE_NOOP("Figure", "on-site"), "到场时限"),
    Figure.ON_TIME_RESOLVE: _on_time(QT_TRANSLATE_NOOP(
        "Figure", "resolution (every ticket not received through 10086)"), "办结时限（10086以外受理的工单）"),
    Figure.ON_TIME_FEEDBACK: _on_time(QT_TRANSLATE_NOOP(
        "Figure", "feedback (the resolution limit of tickets received through 10086)"),
        "反馈时限（10086受理工单的办结时限）"),
    Figure.ON_TIME_VISIT: _on_time(QT_TRANSLATE_NOOP("Figure", "return-visit"), "回访时限"),
    Figure.FIRST_CONTACT: Definition(PeriodRule.RECEIVED, QT_TRANSLATE_NOOP(
        "Figure", "Of the register's incoming lines received in the period, the share answered on the spot without "
                  "a ticket."),
        "期间内登记的来电来访中，当场解决、未生成工单的比例。"),
    Figure.KB_ANSWERED: Definition(PeriodRule.RECEIVED, QT_TRANSLATE_NOOP(
        "Figure", "Of the incoming lines received in the period and answered on the spot, the share answered from "
                  "the knowledge base."),
        "期间内当场解决的来电来访中，依据知识库解答的比例。"),
    Figure.VISIT_COVERAGE: Definition(PeriodRule.COMPLETED, QT_TRANSLATE_NOOP(
        "Figure", "Of the tickets completed in the period (their return-visit clock started), the share "
                  "return-visited so far; a reopened ticket counts by its latest completion."),
        "期间内办结（回访计时开始）的工单中，已回访的比例；重新处理的工单以最后一次办结为准。"),
    Figure.SATISFACTION: Definition(PeriodRule.VISITED, QT_TRANSLATE_NOOP(
        "Figure", "Of the return visits made in the period, the share satisfied or basically satisfied; every "
                  "visit of a reopened ticket counts."),
        "期间内的回访中，满意与基本满意的比例；重新处理的工单每次回访都计入。"),
    Figure.FORMAL_COMPLAINTS: Definition(PeriodRule.RECEIVED, QT_TRANSLATE_NOOP(
        "Figure", "Complaints taken in during the period that are formal (申告): a repeat within 4 hours, or one "
                  "from a business hall or 12530."),
        "期间内受理的投诉中属于申告的条数：4小时内重复投诉，或来自营业厅、12530的投诉。"),
}


def definition_text(figure: Figure, translate: Callable[[str, str], str] = lambda context, text: text) -> str:
    """The figure's definition in one sentence; `translate(context, text)` is QCoreApplication.translate in the UI."""
    d = DEFINITIONS[Figure(figure)]
    return translate("Figure", d.english).format(clock=translate("Figure", d.clock_english))


def definition_chinese(figure: Figure) -> str:
    """The definition as printed (README, the monthly report)."""
    d = DEFINITIONS[Figure(figure)]
    return d.chinese.format(clock=d.clock_chinese)


assert set(DEFINITIONS) == set(Figure), "every figure has its definition"


class Dimension(StrEnum):
    """What a breakdown table is grouped by."""

    DEPARTMENT = "department"
    HANDLER = "handler"
    KIND = "kind"
    AREA = "area"
    CHANNEL = "channel"
    STATION = "station"


register({
    Dimension.DEPARTMENT: (QT_TRANSLATE_NOOP("Label", "Department"), "部门"),
    Dimension.HANDLER: (QT_TRANSLATE_NOOP("Label", "Handler"), "承接人"),
    Dimension.KIND: (QT_TRANSLATE_NOOP("Label", "Kind"), "工单类型"),
    Dimension.AREA: (QT_TRANSLATE_NOOP("Label", "Area"), "片区"),
    Dimension.CHANNEL: (QT_TRANSLATE_NOOP("Label", "Channel"), "受理渠道"),
    Dimension.STATION: (QT_TRANSLATE_NOOP("Label", "Station"), "站点"),
})


class Measure(StrEnum):
    """The columns of a breakdown table."""

    TICKETS_IN = "tickets_in"
    CLOSED = "closed"
    OPEN_NOW = "open_now"
    OVERDUE_NOW = "overdue_now"
    RESOLVE_DUE = "resolve_due"          # resolution clocks (10086 feedback too) decided in the period
    RESOLVE_ON_TIME = "resolve_on_time"  # … of which on time


register({
    Measure.TICKETS_IN: (QT_TRANSLATE_NOOP("Label", "New"), "新建"),
    Measure.CLOSED: (QT_TRANSLATE_NOOP("Label", "Completed"), "办结"),
    Measure.OPEN_NOW: (QT_TRANSLATE_NOOP("Label", "Open at present"), "在办"),
    Measure.OVERDUE_NOW: (QT_TRANSLATE_NOOP("Label", "Overdue at present"), "超时"),
    Measure.RESOLVE_DUE: (QT_TRANSLATE_NOOP("Label", "Resolution/feedback due"), "办结/反馈到期"),
    Measure.RESOLVE_ON_TIME: (QT_TRANSLATE_NOOP("Label", "Resolution/feedback on time"), "办结/反馈及时"),
})


def rate(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None when there is nothing to rate (shown as "—", never as 0 % or 100 %)."""
    return numerator / denominator if denominator else None


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


# ----- what the summary holds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return rate(self.numerator, self.denominator)

    @property
    def missed(self) -> int:
        return self.denominator - self.numerator


@dataclass(frozen=True)
class BreakdownRow:
    """One line of a breakdown table: `key` is what drills down (a department or staff id, a kind, an area …),
    `name` what is shown."""

    key: str | None
    name: str
    values: dict[Measure, int]

    @property
    def resolve_rate(self) -> Ratio:
        return Ratio(self.values.get(Measure.RESOLVE_ON_TIME, 0), self.values.get(Measure.RESOLVE_DUE, 0))


@dataclass(frozen=True)
class PolicyClockRow:
    """On-time figures of one clock of one procedure (time-limit policy), for the report's page per procedure."""

    policy_code: str
    policy_name: str
    clock: ClockKind
    due: int
    on_time: int
    running_overdue: int     # still running past the deadline (counted in `due`, not in `on_time`)

    @property
    def ratio(self) -> Ratio:
        return Ratio(self.on_time, self.due)


@dataclass(frozen=True)
class Trend:
    granularity: Granularity
    points: list[dt.date]
    new: list[int]
    closed: list[int]
    overdue: list[int]       # resolution clocks due in the point and missed


@dataclass
class Summary:
    period: Period
    now: dt.datetime
    # False when the reader sees only part of the territory: the call register is the whole desk's.
    register_visible: bool
    counts: dict[Figure, int] = field(default_factory=dict)
    ratios: dict[Figure, Ratio] = field(default_factory=dict)
    calls_by_channel: dict[str, int] = field(default_factory=dict)
    tickets_by_channel: dict[str, int] = field(default_factory=dict)
    satisfaction: dict[str, int] = field(default_factory=dict)
    hot_areas: list[tuple[str, int]] = field(default_factory=list)
    hot_stations: list[tuple[str, int]] = field(default_factory=list)
    breakdowns: dict[Dimension, list[BreakdownRow]] = field(default_factory=dict)
    clocks_by_policy: list[PolicyClockRow] = field(default_factory=list)
    trend: Trend | None = None

    def figure(self, figure: Figure) -> int | Ratio | None:
        """A figure's value: a count, a Ratio for rates, None for a register figure the reader does not see."""
        figure = Figure(figure)
        if figure in RATE_FIGURES:
            return self.ratios.get(figure)
        return self.counts.get(figure)
