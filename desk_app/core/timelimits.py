"""Time limits (SLA clocks): parse "3wd"/"4wh"/"8h", compute deadlines with pauses, warn times and clock status.

The model
---------
Every unit is a monotone "countable time" function F(t): the number of seconds that count from a fixed
epoch up to the naive local datetime t. Its inverse is G(x) = the earliest t with F(t) >= x. Then

    deadline = G(F(start) + amount_seconds + paused_seconds)

where paused_seconds is the countable time (F, not wall-clock time) inside the pauses, see below.

Units
-----
- ``m`` / ``h`` (clock minutes / hours): F(t) = wall-clock seconds; 24 h hotline limits. A clock unit does
  not depend on the calendar, so its deadline is never provisional.
- ``wh`` (working hours): F counts seconds inside the office segments (``calendar.office_hours``, e.g.
  08:30-12:00 and 13:30-17:30) of working days only. A start outside office hours starts counting at the next
  segment (F is flat outside segments and G picks the earliest instant). A deadline landing exactly at a
  segment end stays there: 12:00, not 13:30, and 17:30 of the day, not 08:30 of the next working day.
- ``wd`` (working days): the day of acceptance is not counted; the limit ends at 23:59:59 of the N-th
  following working day (weekends and statutory holidays skipped, 调休 make-up days counted). F counts every
  second of a working day (86,400 per working day) and nothing on other days; the target is the midnight that
  ends the N-th working day after the start date.
- ``d`` (calendar days): like ``wd`` but every day counts: ends 23:59:59 of the N-th following day; F is wall-clock.

For the day units a result that lands on midnight (the end of a counted day) is reported as 23:59:59 of the
day before, so the deadline is shown on the day it belongs to. A result inside a day (only possible with
pauses) is reported as is.

Pauses
------
A pause is (start, end) of a time the clock stood still (e.g. 未完结: waiting for an outside party). Pauses
are clipped to begin no earlier than ``start``, overlapping or touching pauses are merged, and each extends
the deadline by its countable time F(end) - F(begin): a pause over a weekend adds nothing to a ``wd`` limit,
a whole working day of pause adds one working day, a pause over the lunch break adds nothing to ``wh``, a
clock-unit pause adds its wall-clock duration. A pause that begins at or after the deadline reached so far is
ignored: the clock had already run out, so pausing it later cannot un-breach it.

A clock that is paused right now has no deadline: ``compute_deadline`` raises ValueError("clock is paused")
for a pause whose end is None, and callers store the deadline as NULL until the pause ends, then recompute
with the closed pause.

Provisional deadlines
---------------------
For ``wh`` and ``wd``, a deadline is provisional when any year from the start date to the deadline has no
official schedule yet (``calendar.unofficial_years`` non-empty): it was computed with rule-made holidays and
may move when the administrator imports the published schedule.

Inputs are naive local datetimes; microseconds are dropped (the system works to the second).
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desk_app.core.calendar import WorkCalendar

__all__ = [
    "DEFAULT_APPROACHING_SHARE",
    "MAX_AMOUNT",
    "ClockStatus",
    "Deadline",
    "LimitSpec",
    "Pause",
    "Unit",
    "clock_status",
    "compute_deadline",
    "seconds_left",
    "warn_time",
]

MAX_AMOUNT = 100_000
_DAY = 86_400
_ONE_SECOND = timedelta(seconds=1)


class Unit(StrEnum):
    MINUTES = "m"
    HOURS = "h"
    WORKING_HOURS = "wh"
    WORKING_DAYS = "wd"
    DAYS = "d"


_LIMIT_RE = re.compile(r"(\d{1,9})\s*(wh|wd|m|h|d)", re.ASCII)


@dataclass(frozen=True)
class LimitSpec:
    """A time limit: an amount of a unit, written "20m", "8h", "4wh", "3wd" or "2d"; "0d" is the end of the same
    day (当日, e.g. the property desk's same-day return visit)."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        try:
            unit = Unit(self.unit)
        except ValueError:
            raise ValueError(f"time limit unit must be one of m, h, wh, wd, d; got {self.unit!r}") from None
        object.__setattr__(self, "unit", unit)
        # bool is an int subclass; True as "1" would only ever be a bug.
        if not isinstance(self.amount, int) or isinstance(self.amount, bool):
            raise ValueError(f"time limit amount must be a whole number, got {self.amount!r}")
        if not (0 if unit is Unit.DAYS else 1) <= self.amount <= MAX_AMOUNT:
            raise ValueError(f"time limit amount must be between 1 and {MAX_AMOUNT:,}, got {self.amount}")

    @classmethod
    def parse(cls, text: str) -> LimitSpec:
        """Parse "3wd" (spaces, upper case and full-width characters tolerated); ValueError otherwise."""
        if not isinstance(text, str):
            raise ValueError(f"time limit must be text like '3wd', got {text!r}")
        # NFKC turns full-width "３ｗｄ" typed with a Chinese input method into "3wd".
        normalized = unicodedata.normalize("NFKC", text).strip().lower()
        match = _LIMIT_RE.fullmatch(normalized)
        if match is None:
            raise ValueError(
                f"time limit {text!r} is not understood; write a whole number and a unit: "
                "m (minutes), h (hours), wh (working hours), wd (working days) or d (days), e.g. '3wd'"
            )
        return cls(int(match[1]), Unit(match[2]))

    def __str__(self) -> str:
        return f"{self.amount}{self.unit.value}"


@dataclass(frozen=True)
class Deadline:
    """When a clock runs out, and whether that rests on a guessed (rule-made) calendar year."""

    at: datetime
    provisional: bool


Pause = tuple[datetime, datetime | None]


# --------------------------------------------------------------------------- countable-time functions


def _check_naive(value: datetime, what: str) -> datetime:
    if not isinstance(value, datetime):
        raise TypeError(f"{what} must be a datetime, got {type(value).__name__}")
    if value.tzinfo is not None:
        raise ValueError(f"{what} must be a naive local datetime, got one with tzinfo {value.tzinfo}")
    return value.replace(microsecond=0) if value.microsecond else value


def _clock_f(t: datetime) -> int:
    return t.toordinal() * _DAY + t.hour * 3600 + t.minute * 60 + t.second


def _clock_g(x: int) -> datetime:
    days, seconds = divmod(x, _DAY)
    return datetime.fromordinal(days) + timedelta(seconds=seconds)


def _wd_f(cal: WorkCalendar, t: datetime) -> int:
    before, working = cal.day_position(t.date())
    if working:
        return before * _DAY + t.hour * 3600 + t.minute * 60 + t.second
    return before * _DAY


def _wd_g(cal: WorkCalendar, x: int) -> datetime:
    k, seconds = divmod(x, _DAY)
    if seconds == 0:
        # The end of working day k-1: the midnight after it (reported as 23:59:59 by the caller).
        return datetime.combine(cal.nth_working_day(k - 1) + timedelta(days=1), datetime.min.time())
    return datetime.combine(cal.nth_working_day(k), datetime.min.time()) + timedelta(seconds=seconds)


def _wh_f(cal: WorkCalendar, t: datetime) -> int:
    layout = cal.office_hours._layout
    before, working = cal.day_position(t.date())
    done = before * layout.per_day
    if not working:
        return done
    sod = t.hour * 3600 + t.minute * 60 + t.second
    i = bisect_right(layout.starts, sod) - 1
    if i < 0:
        return done
    return done + layout.done_before[i] + min(sod - layout.starts[i], layout.ends[i] - layout.starts[i])


def _wh_g(cal: WorkCalendar, x: int) -> datetime:
    layout = cal.office_hours._layout
    k, rest = divmod(x, layout.per_day)
    if rest == 0:
        # Exactly a whole number of office days: the end of the last segment of working day k-1.
        k -= 1
        sod = layout.ends[-1]
    else:
        # First segment whose cumulative end reaches `rest`: a deadline on a segment end stays there.
        i = bisect_left(layout.done_after, rest)
        sod = layout.starts[i] + rest - layout.done_before[i]
    return datetime.combine(cal.nth_working_day(k), datetime.min.time()) + timedelta(seconds=sod)


def _merged_pauses(start: datetime, pauses: Sequence[Pause]) -> list[tuple[datetime, datetime]]:
    """Closed pauses clipped to begin at `start`, sorted and merged; ValueError for an open or reversed one."""
    spans: list[tuple[datetime, datetime]] = []
    for pause in pauses:
        begin, end = pause
        if end is None:
            raise ValueError("clock is paused: no deadline while a pause is open (store NULL, recompute on resume)")
        begin = _check_naive(begin, "pause start")
        end = _check_naive(end, "pause end")
        if end < begin:
            raise ValueError(f"pause ends ({end}) before it starts ({begin})")
        if begin < start:
            begin = start
        if end > begin:
            spans.append((begin, end))
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for begin, end in spans:
        if merged and begin <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((begin, end))
    return merged


def compute_deadline(
    start: datetime, spec: LimitSpec, calendar: WorkCalendar, pauses: Sequence[Pause] = ()
) -> Deadline:
    """The deadline of a clock started at `start` with limit `spec` (see the module docstring for the rules).

    Raises ValueError for an open pause ("clock is paused"), a reversed pause, an aware datetime, or a
    working-time deadline outside the calendar's range (1990-2099).
    """
    start = _check_naive(start, "start")
    unit = spec.unit
    amount = spec.amount
    if unit is Unit.WORKING_DAYS:
        before, working = calendar.day_position(start.date())
        # Index of the N-th working day after the start date, then the midnight that ends it.
        target = (before + (1 if working else 0) + amount) * _DAY
        f, g = _wd_f, _wd_g
    elif unit is Unit.WORKING_HOURS:
        f, g = _wh_f, _wh_g
        target = _wh_f(calendar, start) + amount * 3600
    elif unit is Unit.DAYS:
        target = (start.toordinal() + 1 + amount) * _DAY
        f = g = None
    else:
        target = _clock_f(start) + amount * (60 if unit is Unit.MINUTES else 3600)
        f = g = None

    if pauses:
        for begin, end in _merged_pauses(start, pauses):
            if f is None:
                fb, fe = _clock_f(begin), _clock_f(end)
            else:
                fb, fe = f(calendar, begin), f(calendar, end)
            if fb >= target:
                break  # begins at or after the deadline reached so far: the clock had already run out
            target += fe - fb

    at = _clock_g(target) if g is None else g(calendar, target)
    if unit is Unit.WORKING_DAYS or unit is Unit.DAYS:
        if not (at.hour or at.minute or at.second):
            at -= _ONE_SECOND
    provisional = False
    if unit is Unit.WORKING_DAYS or unit is Unit.WORKING_HOURS:
        provisional = bool(calendar.unofficial_years(start.date(), at.date()))
    return Deadline(at, provisional)


# --------------------------------------------------------------------------- status


class ClockStatus(StrEnum):
    NORMAL = "normal"
    APPROACHING = "approaching"
    OVERDUE = "overdue"
    PAUSED = "paused"
    # Paused after its limit ran out: still overdue (waiting for an outside party does not undo a missed limit).
    OVERDUE_PAUSED = "overdue_paused"
    MET = "met"
    BREACHED = "breached"


DEFAULT_APPROACHING_SHARE = 0.75


def warn_time(
    start: datetime, deadline: datetime, pauses: Sequence[Pause] = (), share: float = DEFAULT_APPROACHING_SHARE
) -> datetime:
    """When the clock turns "approaching": once `share` of the limit's active wall-clock span is used.

    span = (deadline - start) - closed pause time inside [start, deadline]; warn = deadline - (1 - share) * span,
    rounded to the second. `share` must be in (0, 1]; 1 means warn only at the deadline.
    """
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not (0 < share <= 1):
        raise ValueError(f"approaching share must be in (0, 1], got {share!r}")
    start = _check_naive(start, "start")
    deadline = _check_naive(deadline, "deadline")
    if deadline < start:
        raise ValueError(f"deadline {deadline} is before the start {start}")
    span = (deadline - start).total_seconds()
    for begin, end in _merged_pauses(start, pauses):
        if begin >= deadline:
            break
        span -= (min(end, deadline) - begin).total_seconds()
    return deadline - timedelta(seconds=round((1 - share) * span))


def clock_status(
    now: datetime,
    deadline: datetime | None,
    warn_at: datetime | None,
    *,
    paused: bool = False,
    stopped_at: datetime | None = None,
) -> ClockStatus:
    """The status of one clock at `now`.

    Stopped (stopped_at set): MET if stopped at or before the deadline (or there is none), else BREACHED.
    Otherwise OVERDUE_PAUSED while paused past its deadline, PAUSED while paused; OVERDUE once now >= deadline; APPROACHING once now >= warn_at; else NORMAL.
    A running clock without a deadline (not computed yet) is NORMAL.
    """
    if stopped_at is not None:
        if deadline is None or stopped_at <= deadline:
            return ClockStatus.MET
        return ClockStatus.BREACHED
    if paused:
        return ClockStatus.OVERDUE_PAUSED if deadline is not None and now >= deadline else ClockStatus.PAUSED
    if deadline is None:
        return ClockStatus.NORMAL
    if now >= deadline:
        return ClockStatus.OVERDUE
    if warn_at is not None and now >= warn_at:
        return ClockStatus.APPROACHING
    return ClockStatus.NORMAL


def seconds_left(now: datetime, deadline: datetime) -> int:
    """Whole seconds until the deadline, rounded down; zero or negative once overdue."""
    return math.floor((deadline - now).total_seconds())

