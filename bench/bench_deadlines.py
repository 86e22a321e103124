"""Benchmark: indexed compute_deadline against naive day-by-day loops over the same WorkCalendar (run as a script)."""

from __future__ import annotations

import random
import sys
import time as clock
from collections.abc import Callable
from datetime import datetime, time, timedelta
from pathlib import Path

# Runnable from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import chinese_calendar  # noqa: E402

from desk_app.core.calendar import WorkCalendar  # noqa: E402
from desk_app.core.timelimits import LimitSpec, Unit, compute_deadline  # noqa: E402

FAST_CALLS = 200_000
NAIVE_CALLS = 20_000
SEED = 20260930


def naive_wd(start: datetime, amount: int, calendar: WorkCalendar) -> datetime:
    """Walk forward one day at a time, counting working days after the day of acceptance."""
    day, counted = start.date(), 0
    while counted < amount:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return datetime.combine(day, time(23, 59, 59))


def naive_wh(start: datetime, amount: int, calendar: WorkCalendar) -> datetime:
    """Walk the office segments day by day, consuming the remaining working seconds."""
    remaining = amount * 3600
    day = start.date()
    segments = calendar.office_hours.segments
    while True:
        if calendar.is_working_day(day):
            for seg_start, seg_end in segments:
                begin = max(datetime.combine(day, seg_start), start)
                end = datetime.combine(day, seg_end)
                if begin >= end:
                    continue
                available = int((end - begin).total_seconds())
                if remaining <= available:
                    return begin + timedelta(seconds=remaining)
                remaining -= available
        day += timedelta(days=1)


def random_cases(rng: random.Random, n: int, max_amount: int, latest: datetime) -> list[tuple[datetime, int]]:
    first = datetime(2024, 1, 1)
    span = int((latest - first).total_seconds())
    return [(first + timedelta(seconds=rng.randrange(span)), rng.randint(1, max_amount)) for _ in range(n)]


def rate(calls: int, run: Callable[[], None]) -> float:
    began = clock.perf_counter()
    run()
    return calls / (clock.perf_counter() - began)


def bench(
    unit: Unit,
    max_amount: int,
    naive: Callable[[datetime, int, WorkCalendar], datetime],
    naive_label: str = "naive",
    naive_calls: int = NAIVE_CALLS,
    latest_start: datetime = datetime(2026, 12, 1),
) -> None:
    calendar = WorkCalendar()
    rng = random.Random(SEED)
    fast_cases = [
        (start, LimitSpec(amount, unit)) for start, amount in random_cases(rng, FAST_CALLS, max_amount, latest_start)
    ]
    naive_cases = random_cases(rng, naive_calls, max_amount, latest_start)

    # Both sides see a warm calendar: the day index and the per-day cache are built before timing.
    began = clock.perf_counter()
    compute_deadline(datetime(2026, 6, 1, 9, 0), LimitSpec(1, unit), calendar)
    first_use = clock.perf_counter() - began
    for start, amount in naive_cases[:200]:
        naive(start, amount, calendar)

    # The two sides must agree, or the comparison means nothing.
    for start, amount in naive_cases[:1000]:
        got = compute_deadline(start, LimitSpec(amount, unit), calendar).at
        assert got == naive(start, amount, calendar), (start, amount, got)

    def run_fast() -> None:
        for start, spec in fast_cases:
            compute_deadline(start, spec, calendar)

    def run_naive() -> None:
        for start, amount in naive_cases:
            naive(start, amount, calendar)

    fast, slow = rate(FAST_CALLS, run_fast), rate(naive_calls, run_naive)
    print(
        f"deadline {unit.value}: {fast:,.0f}/s vs {naive_label} {slow:,.0f}/s  ratio {fast / slow:,.0f}x"
        f"   [amounts 1-{max_amount}{unit.value}; index build on first use {first_use * 1000:.0f} ms]"
    )


def naive_wd_library(start: datetime, amount: int, calendar: WorkCalendar) -> datetime:
    """The textbook loop, asking chinese_calendar itself day by day (no overrides, 2004-2026 only)."""
    day, counted = start.date(), 0
    while counted < amount:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            counted += 1
    return datetime.combine(day, time(23, 59, 59))


def main() -> None:
    print("naive = day-by-day loop over the same, already warm WorkCalendar (cached per-day answers)")
    bench(Unit.WORKING_DAYS, 13, naive_wd)
    bench(Unit.WORKING_DAYS, 250, naive_wd, naive_calls=5_000)
    bench(Unit.WORKING_HOURS, 40, naive_wh)
    bench(Unit.WORKING_HOURS, 400, naive_wh, naive_calls=5_000)
    bench(Unit.WORKING_DAYS, 13, naive_wd_library, "naive over chinese_calendar.is_workday", 5_000)


if __name__ == "__main__":
    main()
