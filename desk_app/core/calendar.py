"""Mainland-China working-day calendar: official data, administrator overrides, a rule fallback, fast day indexes."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from functools import cached_property, lru_cache

import chinese_calendar
from lunardate import LunarDate

__all__ = [
    "CALENDAR_EPOCH",
    "CALENDAR_LAST_DAY",
    "DEFAULT_OFFICE_HOURS",
    "DayInfo",
    "DayKind",
    "OfficeHours",
    "WorkCalendar",
    "parse_schedule",
    "parse_schedule_with_notes",
    "qingming_date",
    "statutory_holidays_by_rule",
]

# The day indexes (working_days_before / nth_working_day) cover this range. The end is 2099 and not 2100
# because lunardate only knows lunar years 1900-2099, so 2100's 春节/端午/中秋 cannot be computed by rule
# (and lunardate silently wraps around for solar dates after lunar 2099 ends).
CALENDAR_EPOCH = date(1990, 1, 1)
CALENDAR_LAST_DAY = date(2099, 12, 31)
_EPOCH_ORD = CALENDAR_EPOCH.toordinal()
_FIRST_YEAR = CALENDAR_EPOCH.year
_LAST_YEAR = CALENDAR_LAST_DAY.year

ADJUSTED_WORKDAY_NAME = "调休上班"


# --------------------------------------------------------------------------- office hours


_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)


def _parse_time(text: str, where: str) -> time:
    m = _TIME_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"office hours: {where}: {text.strip()!r} is not a time like 08:30")
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"office hours: {where}: {text.strip()!r} is not a valid time of day")
    return time(hour, minute, second)


def _format_time(t: time) -> str:
    return t.strftime("%H:%M:%S" if t.second else "%H:%M")


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True)
class _SegmentLayout:
    """Office segments as second-of-day arrays, precomputed once so working-hour arithmetic is a bisect."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    done_before: tuple[int, ...]  # office seconds in the segments before segment i
    done_after: tuple[int, ...]  # office seconds up to the end of segment i
    per_day: int


@dataclass(frozen=True)
class OfficeHours:
    """The daily office segments of a working day, e.g. 08:30-12:00 and 13:30-17:30 (lunch break between)."""

    segments: tuple[tuple[time, time], ...] = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))

    def __post_init__(self) -> None:
        # Accept lists from callers (e.g. JSON settings) but keep the instance hashable and immutable.
        segments = tuple(tuple(seg) for seg in self.segments)
        object.__setattr__(self, "segments", segments)
        if not segments:
            raise ValueError("office hours: at least one segment like 08:30-12:00 is required")
        previous_end: time | None = None
        for index, seg in enumerate(segments, start=1):
            if len(seg) != 2 or not all(isinstance(t, time) and not isinstance(t, datetime) for t in seg):
                raise ValueError(f"office hours: segment {index} must be a (start, end) pair of times")
            start, end = seg
            if start.tzinfo is not None or end.tzinfo is not None or start.microsecond or end.microsecond:
                raise ValueError(f"office hours: segment {index} must use naive whole-second times")
            if end <= start:
                raise ValueError(
                    f"office hours: segment {index} ({_format_time(start)}-{_format_time(end)}) ends before it starts"
                )
            if previous_end is not None and start < previous_end:
                raise ValueError(
                    f"office hours: segment {index} ({_format_time(start)}-{_format_time(end)}) overlaps "
                    f"or comes before the previous segment ending {_format_time(previous_end)}"
                )
            previous_end = end

    @classmethod
    def parse(cls, text: str) -> OfficeHours:
        """Parse "08:30-12:00,13:30-17:30" (also ";" or "、" between segments; full-width and spaces tolerated)."""
        if not isinstance(text, str):
            raise ValueError(f"office hours must be text like '08:30-12:00,13:30-17:30', got {text!r}")
        # Full-width "：", "－" and "，" come from Chinese input methods; NFKC maps them to ASCII.
        normalized = unicodedata.normalize("NFKC", text).strip()
        if not normalized:
            raise ValueError("office hours are empty; expected e.g. '08:30-12:00,13:30-17:30'")
        segments = []
        # People also separate segments with ";" or the enumeration comma "、".
        for index, part in enumerate(re.split(r"[,;、]", normalized), start=1):
            pieces = part.split("-")
            if len(pieces) != 2:
                raise ValueError(f"office hours: segment {index} {part.strip()!r} is not like 08:30-12:00")
            where = f"segment {index}"
            segments.append((_parse_time(pieces[0], where), _parse_time(pieces[1], where)))
        return cls(tuple(segments))

    def __str__(self) -> str:
        return ",".join(f"{_format_time(start)}-{_format_time(end)}" for start, end in self.segments)

    @property
    def seconds_per_day(self) -> int:
        return self._layout.per_day

    @cached_property
    def _layout(self) -> _SegmentLayout:
        # cached_property writes the instance __dict__ directly, so it works on a frozen dataclass.
        starts = tuple(_seconds(s) for s, _ in self.segments)
        ends = tuple(_seconds(e) for _, e in self.segments)
        before, after, total = [], [], 0
        for s, e in zip(starts, ends):
            before.append(total)
            total += e - s
            after.append(total)
        return _SegmentLayout(starts, ends, tuple(before), tuple(after), total)


DEFAULT_OFFICE_HOURS = OfficeHours()


# --------------------------------------------------------------------------- days


class DayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    ADJUSTED_WORKDAY = "adjusted_workday"


_WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.ADJUSTED_WORKDAY})


@dataclass(frozen=True)
class DayInfo:
    """How one day resolves, and where that answer came from ("official", "override" or "rule")."""

    day: date
    kind: DayKind
    name: str | None
    source: str

    @property
    def is_working(self) -> bool:
        return self.kind in _WORKING_KINDS


# --------------------------------------------------------------------------- statutory rule


def _holiday_chinese_name(value: str | None) -> str | None:
    # chinese_calendar stores the English name as the enum value; the UI wants the Chinese one.
    if value is None:
        return None
    try:
        return chinese_calendar.Holiday(value).chinese
    except ValueError:
        return value


def qingming_date(year: int) -> date:
    """The Qingming (清明) solar-term date of `year`, from chinese_calendar's solar-term table (1900-2100)."""
    for day, name in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30)):
        if name == "清明":
            return day
    raise ValueError(f"no Qingming solar term found in April {year}")  # pragma: no cover - table always has one


def _lunar_to_solar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


@lru_cache(maxsize=256)
def _statutory_holidays_by_rule(year: int) -> tuple[tuple[date, str], ...]:
    if not 1900 < year < 2100:
        raise ValueError(f"statutory holidays by rule are only available for 1901-2099, not {year}")
    new_year = _lunar_to_solar(year, 1, 1)
    days: list[tuple[date, str]] = [(date(year, 1, 1), "元旦")]
    # 除夕 is the last day of the previous lunar year, i.e. the day before 初一 (2024 revision: 4 days).
    days += [(new_year + timedelta(days=offset), "春节") for offset in range(-1, 3)]
    days.append((qingming_date(year), "清明"))
    days += [(date(year, 5, 1), "劳动节"), (date(year, 5, 2), "劳动节")]
    days.append((_lunar_to_solar(year, 5, 5), "端午"))
    days.append((_lunar_to_solar(year, 8, 15), "中秋"))
    days += [(date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    # 中秋 can fall on 10-01..10-03; keep the first name given to a date (国庆节 is listed last on purpose
    # so that a coinciding 中秋 keeps its own name, as chinese_calendar does).
    merged: dict[date, str] = {}
    for day, name in days:
        merged.setdefault(day, name)
    return tuple(sorted(merged.items()))


def statutory_holidays_by_rule(year: int) -> dict[date, str]:
    """Statutory rest days of `year` by the national regulation as revised in 2024 (effective 2025).

    元旦 Jan 1; 春节 除夕 + 初一..初三; 清明 on the Qingming solar term; 劳动节 May 1-2; 端午 lunar 5/5;
    中秋 lunar 8/15; 国庆节 Oct 1-3. No make-up working days: those are only known from a published schedule.
    """
    return dict(_statutory_holidays_by_rule(int(year)))


@lru_cache(maxsize=256)
def _rule_holiday_map(year: int) -> dict[date, str]:
    # Shared and never handed out, so callers cannot mutate the cached copy.
    return dict(_statutory_holidays_by_rule(year))


@lru_cache(maxsize=None)
def _library_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


# --------------------------------------------------------------------------- schedule import

_SCHEDULE_KINDS = {
    "休": False,
    "放假": False,
    "holiday": False,
    "off": False,
    "班": True,
    "上班": True,
    "workday": True,
    "work": True,
}
_DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", re.ASCII)


def parse_schedule_with_notes(text: str) -> tuple[dict[date, bool], dict[date, str]]:
    """Like parse_schedule, also returning the optional notes (used as day names, e.g. "春节")."""
    if not isinstance(text, str):
        raise ValueError(f"schedule must be text, got {type(text).__name__}")
    days: dict[date, bool] = {}
    notes: dict[date, str] = {}
    first_line: dict[date, int] = {}
    # A byte-order mark appears when the schedule was saved from Excel or Notepad.
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = unicodedata.normalize("NFKC", raw).strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",", 2)]
        if len(fields) < 2:
            raise ValueError(f"schedule line {number}: expected 'YYYY-MM-DD,休' or 'YYYY-MM-DD,班', got {raw.strip()!r}")
        m = _DATE_RE.fullmatch(fields[0])
        try:
            day = date(int(m[1]), int(m[2]), int(m[3])) if m else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"schedule line {number}: {fields[0]!r} is not a date like 2027-01-01")
        working = _SCHEDULE_KINDS.get(fields[1].lower())
        if working is None:
            raise ValueError(f"schedule line {number}: {fields[1]!r} must be 休/holiday/off or 班/workday/work")
        if day in days and days[day] != working:
            raise ValueError(f"schedule line {number}: {day.isoformat()} contradicts line {first_line[day]}")
        days[day] = working
        first_line.setdefault(day, number)
        if len(fields) == 3 and fields[2]:
            notes[day] = fields[2]
    return days, notes


def parse_schedule(text: str) -> dict[date, bool]:
    """Parse a published yearly schedule, one "2027-01-01,休[,note]" / "2027-02-07,班[,note]" per line.

    True means a working day. Also accepts holiday/off and workday/work, blank lines and '#' comments;
    raises ValueError naming the line number on bad input.
    """
    return parse_schedule_with_notes(text)[0]


# --------------------------------------------------------------------------- the calendar


def _as_date(d: date) -> date:
    # datetime is a date subclass but never equals a date, which would defeat the per-day caches.
    if type(d) is date:
        return d
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return date(d.year, d.month, d.day)
    raise TypeError(f"expected a date, got {type(d).__name__}")


class WorkCalendar:
    """Which days are working days, resolved override > chinese_calendar data > imported schedule > rule.

    - an administrator override (True = working) always wins;
    - else, for years chinese_calendar covers (2004-2026 in 1.11.0), its data;
    - else, for years in `official_years` (the administrator imported that year's published schedule as
      overrides and declared it complete), Mon-Fri working unless overridden;
    - else Mon-Fri working except `statutory_holidays_by_rule` (no make-up days): a provisional answer.
      This also applies to 1990-2003, which chinese_calendar does not cover; the current regulation is only
      an approximation there, but such old dates only matter for imported historical tickets.

    DayInfo.source is "override", "official" (chinese_calendar data or a declared official year) or "rule".
    The calendar is immutable: after the administrator edits days, build a new one (caches are per instance).
    """

    def __init__(
        self,
        overrides: Mapping[date, bool] | None = None,
        official_years: Iterable[int] = (),
        office_hours: OfficeHours = DEFAULT_OFFICE_HOURS,
        override_names: Mapping[date, str] | None = None,
    ) -> None:
        self._overrides: dict[date, bool] = {_as_date(d): bool(v) for d, v in (overrides or {}).items()}
        self._override_names: dict[date, str] = {_as_date(d): str(v) for d, v in (override_names or {}).items()}
        self._official_years = frozenset(int(y) for y in official_years)
        if not isinstance(office_hours, OfficeHours):
            raise TypeError("office_hours must be an OfficeHours")
        self._office_hours = office_hours
        self._info_cache: dict[date, DayInfo] = {}
        self._official_cache: dict[int, bool] = {}
        # Day index: _cum[i] = working days in [EPOCH, EPOCH + i days); _work_days[k] = k-th working day.
        # Both grow a whole year at a time from the epoch, on first need, under a lock (UI timers run in threads).
        self._cum: list[int] = [0]
        self._work_days: list[date] = []
        self._indexed_through = _FIRST_YEAR - 1
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(overrides={len(self._overrides)} days, official_years={sorted(self._official_years)}, "
            f"office_hours='{self._office_hours}')"
        )

    # -- public queries

    @property
    def office_hours(self) -> OfficeHours:
        return self._office_hours

    @property
    def overrides(self) -> Mapping[date, bool]:
        return dict(self._overrides)

    @property
    def official_years(self) -> frozenset[int]:
        return self._official_years

    def is_working_day(self, d: date) -> bool:
        return self.day_info(d).is_working

    def day_info(self, d: date) -> DayInfo:
        info = self._info_cache.get(d)
        if info is None:
            d = _as_date(d)
            info = self._info_cache.get(d)
            if info is None:
                info = self._resolve(d)
                self._info_cache[d] = info
        return info

    def is_official(self, year: int) -> bool:
        known = self._official_cache.get(year)
        if known is None:
            known = _library_covers(year) or year in self._official_years
            self._official_cache[year] = known
        return known

    def unofficial_years(self, start: date, end: date) -> list[int]:
        """Years in [start, end] whose working days are only guessed by rule (empty if end < start)."""
        is_official = self.is_official
        return [y for y in range(start.year, end.year + 1) if not is_official(y)]

    # -- fast day index

    def working_days_before(self, d: date) -> int:
        """Number of working days in [CALENDAR_EPOCH, d); d may be up to the day after CALENDAR_LAST_DAY."""
        i = d.toordinal() - _EPOCH_ORD
        cum = self._cum
        if 0 <= i < len(cum):
            return cum[i]
        self._index_through(self._year_for_offset(d))
        return self._cum[i]

    def nth_working_day(self, k: int) -> date:
        """The working day with index k (0-based from CALENDAR_EPOCH); inverse of working_days_before."""
        work_days = self._work_days
        if 0 <= k < len(work_days):
            return work_days[k]
        if k < 0:
            raise ValueError(f"working-day index must be >= 0, got {k}")
        while len(self._work_days) <= k:
            if self._indexed_through >= _LAST_YEAR:
                raise ValueError(f"working day #{k} falls after {CALENDAR_LAST_DAY}, beyond the supported calendar")
            self._index_through(self._indexed_through + 1)
        return self._work_days[k]

    def day_position(self, d: date) -> tuple[int, bool]:
        """(working_days_before(d), is_working_day(d)) from the index in one step; used by timelimits."""
        i = d.toordinal() - _EPOCH_ORD
        cum = self._cum
        if not 0 <= i < len(cum) - 1:
            self._index_through(self._year_for_offset(d, allow_end=False))
        before = cum[i]
        return before, cum[i + 1] != before

    # -- internals

    @staticmethod
    def _year_for_offset(d: date, *, allow_end: bool = True) -> int:
        d = _as_date(d)
        if allow_end and d == CALENDAR_LAST_DAY + timedelta(days=1):
            return _LAST_YEAR
        if not CALENDAR_EPOCH <= d <= CALENDAR_LAST_DAY:
            raise ValueError(f"{d} is outside the supported calendar ({CALENDAR_EPOCH} to {CALENDAR_LAST_DAY})")
        return d.year

    def _index_through(self, year: int) -> None:
        with self._lock:
            while self._indexed_through < year:
                y = self._indexed_through + 1
                cum, work_days = self._cum, self._work_days
                count = cum[-1]
                new_cum: list[int] = []
                new_days: list[date] = []
                day = date(y, 1, 1)
                one = timedelta(days=1)
                while day.year == y:
                    if self.day_info(day).is_working:
                        new_days.append(day)
                        count += 1
                    new_cum.append(count)
                    day += one
                # Extend in one step each so lock-free readers never see a half-built year.
                work_days.extend(new_days)
                cum.extend(new_cum)
                self._indexed_through = y

    def _resolve(self, d: date) -> DayInfo:
        override = self._overrides.get(d)
        if override is not None:
            return self._resolve_override(d, override)
        return self._resolve_base(d)

    def _resolve_override(self, d: date, working: bool) -> DayInfo:
        base = self._resolve_base(d)
        name = self._override_names.get(d)
        if base.is_working == working:
            # The override confirms the base answer: keep its kind and name unless the administrator named it.
            return DayInfo(d, base.kind, name or base.name, "override")
        weekend = d.weekday() >= 5
        if working:
            kind = DayKind.ADJUSTED_WORKDAY if weekend else DayKind.WORKDAY
            return DayInfo(d, kind, name or (ADJUSTED_WORKDAY_NAME if weekend else None), "override")
        kind = DayKind.WEEKEND if weekend and not name else DayKind.HOLIDAY
        return DayInfo(d, kind, name, "override")

    def _resolve_base(self, d: date) -> DayInfo:
        weekend = d.weekday() >= 5
        if _library_covers(d.year):
            # The same lookups as chinese_calendar.get_holiday_detail, minus its per-call range validation,
            # which scans every key of its tables and would make indexing a year ~20x slower.
            if d in chinese_calendar.workdays:
                if weekend:
                    return DayInfo(d, DayKind.ADJUSTED_WORKDAY, ADJUSTED_WORKDAY_NAME, "official")
                return DayInfo(d, DayKind.WORKDAY, None, "official")
            detail = chinese_calendar.holidays.get(d)
            if detail is not None:
                return DayInfo(d, DayKind.HOLIDAY, _holiday_chinese_name(detail), "official")
            return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.WORKDAY, None, "official")
        if d.year in self._official_years:
            return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.WORKDAY, None, "official")
        name = _rule_holiday_map(d.year).get(d)
        if name is not None:
            return DayInfo(d, DayKind.HOLIDAY, name, "rule")
        return DayInfo(d, DayKind.WEEKEND if weekend else DayKind.WORKDAY, None, "rule")
