"""Inspections of the property desk (巡视、周检、月检): the weekly checklist, the schedule, and who follows a finding up.

From the seed's 客服工作标准化流程: patrol the estate at least once a day and record every problem; the party responsible
decides what follows (物业责任 → the property company is told, serious ones by a 工作联系单 or 整改通知单 with a deadline;
新元责任 → a 派工单 to our repair crew, serious ones to the project manager; 安全隐患 → at once). 物业监管: a weekly check
twice a week, the first on Monday at 10:30, and a monthly check, each co-signed by the property company's person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desk_app.core.kinds import TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, register

CHECKLIST_CONTEXT = "Checklist"


class InspectionKind(StrEnum):
    PATROL = "patrol"      # 巡视: at least once a day, by the desk alone
    WEEKLY = "weekly"      # 周检: twice a week, with the property company's person
    MONTHLY = "monthly"    # 月检: once a month, the same way


class Responsibility(StrEnum):
    """Who must put a finding right."""

    PROPERTY = "property"  # 物业责任: the property company
    OWN = "own"            # 新元责任: our own repair side
    SAFETY = "safety"      # 安全隐患: a safety hazard, whoever's it is


class Notice(StrEnum):
    """How the property company is told of a finding."""

    NONE = "none"
    ORAL = "oral"                                   # 口头或微信通知
    CONTACT_SHEET = "contact_sheet"                 # 《工作联系单》
    RECTIFICATION_NOTICE = "rectification_notice"   # 《整改通知单》


class DueStatus(StrEnum):
    UPCOMING = "upcoming"  # scheduled, its time has not come
    DUE = "due"            # to be done now
    OVERDUE = "overdue"    # its time is past and it was not done


class Period(StrEnum):
    """Which period a due inspection belongs to, counted from the day asked about."""

    CURRENT = "current"    # today / this week / this month
    PREVIOUS = "previous"  # yesterday / last week / last month


register({
    InspectionKind.PATROL: (QT_TRANSLATE_NOOP("Label", "Patrol"), "巡视"),
    InspectionKind.WEEKLY: (QT_TRANSLATE_NOOP("Label", "Weekly check"), "周检"),
    InspectionKind.MONTHLY: (QT_TRANSLATE_NOOP("Label", "Monthly check"), "月检"),
})
register({
    Responsibility.PROPERTY: (QT_TRANSLATE_NOOP("Label", "Property company's"), "物业责任"),
    Responsibility.OWN: (QT_TRANSLATE_NOOP("Label", "Our repair side's"), "新元责任"),
    Responsibility.SAFETY: (QT_TRANSLATE_NOOP("Label", "Safety hazard"), "安全隐患"),
})
register({
    Notice.NONE: (QT_TRANSLATE_NOOP("Label", "No notice"), "无"),
    Notice.ORAL: (QT_TRANSLATE_NOOP("Label", "Told orally / by WeChat"), "口头或微信通知"),
    Notice.CONTACT_SHEET: (QT_TRANSLATE_NOOP("Label", "Work contact sheet"), "工作联系单"),
    Notice.RECTIFICATION_NOTICE: (QT_TRANSLATE_NOOP("Label", "Rectification notice"), "整改通知单"),
})
register({
    DueStatus.UPCOMING: (QT_TRANSLATE_NOOP("Label", "Not yet due"), "未到时间"),
    DueStatus.DUE: (QT_TRANSLATE_NOOP("Label", "To do"), "待做"),
    DueStatus.OVERDUE: (QT_TRANSLATE_NOOP("Label", "Missed"), "已超期"),
})

# Notices that carry a number (per kind and year, 2026-0001) and a rectification deadline.
NUMBERED_NOTICES = frozenset({Notice.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE})
# Inspections the property company's person co-signs (需物业相关人员陪同检查并签署检查结果).
CO_SIGNED = frozenset({InspectionKind.WEEKLY, InspectionKind.MONTHLY})


# ----- the checklist (检查内容) ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistSection:
    code: str        # "1.1"
    english: str     # source text, translated in context CHECKLIST_CONTEXT
    chinese: str     # the seed's wording, as printed


@dataclass(frozen=True)
class ChecklistItem:
    section: str     # "1.1"
    number: int      # (1), (2), …
    english: str
    chinese: str

    @property
    def code(self) -> str:
        """"1.1.3": section and number, the key a result is stored under."""
        return f"{self.section}.{self.number}"

    @property
    def printed(self) -> str:
        """"1.1(3)", as the form numbers it."""
        return f"{self.section}({self.number})"


WEEKLY_SECTIONS: tuple[ChecklistSection, ...] = (
    ChecklistSection("1.1", QT_TRANSLATE_NOOP("Checklist", "Public-area cleaning and greening"), "公共区域保洁、绿化"),
    ChecklistSection("1.2", QT_TRANSLATE_NOOP("Checklist", "Public order (lighting, door access, parking)"),
                     "公共秩序维护（照明系统、门禁系统、停车系统）"),
    ChecklistSection("1.3", QT_TRANSLATE_NOOP("Checklist", "Fire control room and security"), "消防中控室及安防管理"),
)

# The seed's items word for word. The seed numbers 1.1 (1)…(5),(5) and 1.2 (1),(3),(4),(5); here they are counted.
WEEKLY_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("1.1", 1, QT_TRANSLATE_NOOP("Checklist", "Is there visible rubbish in the public areas?"),
                  "公共区域内是否有明显垃圾"),
    ChecklistItem("1.1", 2, QT_TRANSLATE_NOOP("Checklist", "Are the rubbish bins kept clean outside?"),
                  "垃圾箱是否保持外观干净、清洁"),
    ChecklistItem("1.1", 3, QT_TRANSLATE_NOOP("Checklist", "Is the public greenery trimmed in time?"),
                  "公共绿化是否及时修剪"),
    ChecklistItem("1.1", 4, QT_TRANSLATE_NOOP("Checklist", "Are the lawns protected against trampling?"),
                  "绿地是否采取防踩踏措施"),
    ChecklistItem("1.1", 5, QT_TRANSLATE_NOOP("Checklist", "Are plants watered and protected against pests in time?"),
                  "是否及时浇灌、采取防虫等措施"),
    ChecklistItem("1.1", 6, QT_TRANSLATE_NOOP("Checklist", "Any other breach of the cleaning and greening standards?"),
                  "有无违反保洁、绿化养护标准的其他问题"),
    ChecklistItem("1.2", 1, QT_TRANSLATE_NOOP("Checklist", "Are public facilities in the public areas damaged?"),
                  "公共区域内的公共设施有无损坏"),
    ChecklistItem("1.2", 2, QT_TRANSLATE_NOOP("Checklist", "Spot check: does the door access of the entrances work?"),
                  "抽查单元门禁功能是否正常"),
    ChecklistItem("1.2", 3, QT_TRANSLATE_NOOP("Checklist", "Are the guards on post, in the required number?"),
                  "保安人员是否在岗且符合人数要求"),
    ChecklistItem("1.2", 4, QT_TRANSLATE_NOOP("Checklist", "Any other breach of public-order management?"),
                  "有无违反公共秩序管理的其他问题"),
    ChecklistItem("1.3", 1, QT_TRANSLATE_NOOP("Checklist", "Fire control staff are qualified for the post"),
                  "消防人员资质符合上岗要求"),
    ChecklistItem("1.3", 2, QT_TRANSLATE_NOOP("Checklist", "Does the control panel show fire alarms or faults?"),
                  "中控主机是否有消防报警及故障点"),
    ChecklistItem("1.3", 3, QT_TRANSLATE_NOOP("Checklist", "Do the security cameras work to standard?"),
                  "安防摄像是否能按标准正常工作"),
)
_ITEMS = {item.code: item for item in WEEKLY_CHECKLIST}
_SECTIONS = {section.code: section for section in WEEKLY_SECTIONS}


def checklist_for(kind: InspectionKind) -> tuple[ChecklistItem, ...]:
    """The items a check goes through: the seed's list for the weekly check, and the same for the monthly one (the
    seed's 物业监管(周检、月检) gives one list for both); a patrol records what it finds, with no list."""
    return WEEKLY_CHECKLIST if InspectionKind(kind) in CO_SIGNED else ()


def checklist_item(code: str) -> ChecklistItem | None:
    return _ITEMS.get(code)


def checklist_section(code: str) -> ChecklistSection | None:
    return _SECTIONS.get(code)


def missing_items(kind: InspectionKind, answered: Iterable[str]) -> list[ChecklistItem]:
    """The checklist items without a result yet: a check is signed only when every item has one."""
    done = set(answered)
    return [item for item in checklist_for(kind) if item.code not in done]


# ----- the schedule (巡视每天至少一次; 周检每周两次，第一次周一10:30; 月检每月一次) ---------------------------------

PATROLS_PER_DAY = 1
WEEKLY_PER_WEEK = 2
WEEKLY_FIRST_WEEKDAY = 0                 # Monday (每周一上午10点30开始每周第一次周检)
WEEKLY_FIRST_TIME = dt.time(10, 30)
MONTHLY_PER_MONTH = 1


@dataclass(frozen=True)
class Done:
    """An inspection that counts for the schedule (a finished patrol, a co-signed check), by when it started."""

    kind: InspectionKind
    at: dt.datetime


@dataclass(frozen=True)
class DueItem:
    """One inspection the schedule asks for and that is not done: the `sequence`-th of its period."""

    kind: InspectionKind
    status: DueStatus
    period: Period
    sequence: int
    starts_at: dt.datetime
    deadline: dt.datetime        # the end of its window: past it, the inspection is missed

    @property
    def chinese(self) -> str:
        """"今日巡视未做", "本周第2次周检未做", "本月月检未做": for registers and the command line."""
        return describe(self)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _slots(kind: InspectionKind, period: Period, today: dt.date) -> list[tuple[int, dt.datetime, dt.datetime]]:
    """(sequence, starts_at, deadline) of the inspections one period asks for."""
    if kind == InspectionKind.PATROL:
        day = today if period == Period.CURRENT else today - dt.timedelta(days=1)
        return [(n, _day_start(day), _day_start(day + dt.timedelta(days=1))) for n in range(1, PATROLS_PER_DAY + 1)]
    if kind == InspectionKind.WEEKLY:
        monday = today - dt.timedelta(days=today.weekday())
        if period == Period.PREVIOUS:
            monday -= dt.timedelta(days=7)
        first_day = monday + dt.timedelta(days=WEEKLY_FIRST_WEEKDAY)
        week_end = _day_start(monday + dt.timedelta(days=7))
        # The first on Monday from 10:30 until the day ends; the second on another day later that week.
        slots = [(1, dt.datetime.combine(first_day, WEEKLY_FIRST_TIME), _day_start(first_day + dt.timedelta(days=1)))]
        slots += [(n, _day_start(first_day + dt.timedelta(days=1)), week_end) for n in range(2, WEEKLY_PER_WEEK + 1)]
        return slots
    first = _month_start(today)
    if period == Period.PREVIOUS:
        first = _month_start(first - dt.timedelta(days=1))
    return [(n, _day_start(first), _day_start(_next_month(first))) for n in range(1, MONTHLY_PER_MONTH + 1)]


def _period_window(kind: InspectionKind, period: Period, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    slots = _slots(kind, period, today)
    if kind == InspectionKind.WEEKLY:   # the whole week counts, Monday morning included
        start = slots[0][1]
        return _day_start(start.date()), slots[-1][2]
    return slots[0][1], slots[-1][2]


def due_inspections(done: Iterable[Done], now: dt.datetime, *, since: dt.date | None = None) -> list[DueItem]:
    """The inspections of the current and the previous period that are not done, each with its status.

    The n-th slot of a period is done once n inspections of its kind were done in that period (a late one still
    counts). `since`: when the desk began keeping inspections; slots whose window ended before it are not asked for.
    """
    records = list(done)
    today = now.date()
    floor = _day_start(since) if since is not None else None
    found: list[DueItem] = []
    for kind in InspectionKind:
        for period in (Period.PREVIOUS, Period.CURRENT):
            start, end = _period_window(kind, period, today)
            count = sum(1 for r in records if InspectionKind(r.kind) == kind and start <= r.at < end)
            for sequence, starts_at, deadline in _slots(kind, period, today):
                if sequence <= count or (floor is not None and deadline <= floor):
                    continue
                if now >= deadline:
                    status = DueStatus.OVERDUE
                elif now >= starts_at:
                    status = DueStatus.DUE
                else:
                    status = DueStatus.UPCOMING
                found.append(DueItem(kind, status, period, sequence, starts_at, deadline))
    # Missed first, then what is to be done now, then what comes; patrols before weekly before monthly checks.
    status_order = {DueStatus.OVERDUE: 0, DueStatus.DUE: 1, DueStatus.UPCOMING: 2}
    kind_order = {kind: n for n, kind in enumerate(InspectionKind)}
    return sorted(found, key=lambda d: (status_order[d.status], kind_order[d.kind], d.starts_at, d.sequence))


def describe(item: DueItem) -> str:
    """The due item in the desk's words (Chinese)."""
    current = item.period == Period.CURRENT
    if item.kind == InspectionKind.PATROL:
        return ("今日" if current else "昨日") + "巡视未做"
    if item.kind == InspectionKind.WEEKLY:
        head = ("本周" if current else "上周") + f"第{item.sequence}次周检"
        if item.status == DueStatus.UPCOMING:
            return f"{head}待做（{item.starts_at.month}月{item.starts_at.day}日{item.starts_at:%H:%M}起）"
        return head + "未做"
    return ("本月" if current else "上月") + "月检未做"


# ----- follow-up: who is responsible decides what follows -------------------------------------------------------

# Proposed rectification deadlines, counted from the follow-up. The seed says only "规定完成整改期限" for the
# property company and "at once" for safety hazards: these are the desk's defaults, the person may set another.
PROPOSED_DEADLINE: dict[Notice | Responsibility, dt.timedelta] = {
    Notice.CONTACT_SHEET: dt.timedelta(days=7),
    Notice.RECTIFICATION_NOTICE: dt.timedelta(days=3),
    Responsibility.OWN: dt.timedelta(days=3),
    Responsibility.SAFETY: dt.timedelta(hours=2),
}


@dataclass(frozen=True)
class FollowUpRule:
    """What follows a finding."""

    notices: tuple[Notice, ...]          # how the property company may be told; the first is proposed
    ticket_kind: TicketKind | None       # a ticket through the normal service (派工单 to the repair crew)
    urgent: bool = False                 # high urgency and impact: dealt with at once
    report_to_manager: bool = False      # 上报项目经理

    def needs_deadline(self, notice: Notice) -> bool:
        return self.ticket_kind is not None or Notice(notice) in NUMBERED_NOTICES

    def allows(self, notice: Notice) -> bool:
        return Notice(notice) in self.notices


def follow_up_rule(kind: InspectionKind, responsibility: Responsibility, serious: bool) -> FollowUpRule:
    """Responsibility × seriousness (× kind of inspection) → what follows.

    物业责任: told orally or by WeChat; a serious one by a 工作联系单 or 整改通知单. A weekly or monthly check's
    findings always go out on a 工作联系单 (根据检查问题，发放《工作联系单》), a serious one may be an 整改通知单.
    新元责任: a repair ticket (派工单 to the repair crew); a serious one is reported to the project manager too.
    安全隐患: at once: an urgent inspection ticket with a short deadline, and the project manager is told.
    """
    responsibility = Responsibility(responsibility)
    if responsibility == Responsibility.PROPERTY:
        if InspectionKind(kind) in CO_SIGNED:
            notices = ((Notice.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE) if serious else (Notice.CONTACT_SHEET,))
        else:
            notices = (Notice.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE) if serious else (Notice.ORAL,)
        return FollowUpRule(notices, None)
    if responsibility == Responsibility.OWN:
        return FollowUpRule((Notice.NONE,), TicketKind.REPAIR, report_to_manager=bool(serious))
    return FollowUpRule((Notice.NONE,), TicketKind.INSPECTION, urgent=True, report_to_manager=True)


def proposed_deadline(rule: FollowUpRule, responsibility: Responsibility, notice: Notice,
                      at: dt.datetime) -> dt.datetime | None:
    """The rectification deadline the desk proposes for a follow-up made at `at` (None: no deadline needed)."""
    if not rule.needs_deadline(notice):
        return None
    key: Notice | Responsibility = Notice(notice) if Notice(notice) in NUMBERED_NOTICES else Responsibility(
        responsibility)
    return (at + PROPOSED_DEADLINE[key]).replace(second=0, microsecond=0)


def notice_number(year: int, sequence: int) -> str:
    """工作联系单 / 整改通知单 number: year and sequence, 2026-0001 (each kind of notice counts on its own)."""
    return f"{year}-{sequence:04d}"


def rectification_overdue(rectify_by: dt.datetime | None, rectified_at: dt.datetime | None,
                          now: dt.datetime) -> bool:
    """A numbered notice or a ticket whose deadline passed before the rectification was confirmed."""
    return rectify_by is not None and rectified_at is None and now > rectify_by
