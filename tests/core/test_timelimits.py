"""Tests for time limits: every unit's deadline rule, pauses, provisional years, warn time, status, and a naive reference."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desk_app.core.calendar import OfficeHours, WorkCalendar, parse_schedule
from desk_app.core.timelimits import (
    DEFAULT_APPROACHING_SHARE,
    ClockStatus,
    Deadline,
    LimitSpec,
    Unit,
    clock_status,
    compute_deadline,
    seconds_left,
    warn_time,
)

# No example database: the test run must not write a .hypothesis folder into the repository.
PROPERTY = settings(database=None, deadline=None, max_examples=300)

CAL = WorkCalendar()
dt = datetime


def deadline(start: datetime, spec: str, pauses=(), calendar: WorkCalendar = CAL) -> datetime:
    return compute_deadline(start, LimitSpec.parse(spec), calendar, pauses).at


# --------------------------------------------------------------------------- LimitSpec


@pytest.mark.parametrize(
    "text,amount,unit",
    [
        ("20m", 20, Unit.MINUTES),
        ("8h", 8, Unit.HOURS),
        ("4wh", 4, Unit.WORKING_HOURS),
        ("3wd", 3, Unit.WORKING_DAYS),
        ("2d", 2, Unit.DAYS),
        ("  13 wd \n", 13, Unit.WORKING_DAYS),
        ("144H", 144, Unit.HOURS),
        ("３ｗｄ", 3, Unit.WORKING_DAYS),
        ("100000m", 100000, Unit.MINUTES),
        ("007h", 7, Unit.HOURS),
    ],
)
def test_limit_spec_parses_amount_and_unit(text: str, amount: int, unit: Unit) -> None:
    spec = LimitSpec.parse(text)
    assert (spec.amount, spec.unit) == (amount, unit)
    assert str(spec) == f"{amount}{unit.value}"


@pytest.mark.parametrize(
    "text",
    ["", "3", "wd", "0wd", "100001h", "-3wd", "3.5h", "3 w d", "3wdx", "3 days", "3ww", "1e3h", "wd3", "3wd3", "三wd"],
)
def test_limit_spec_parse_rejects_bad_text_with_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="time limit"):
        LimitSpec.parse(text)


@pytest.mark.parametrize("value", [None, 3, b"3wd", ["3wd"]])
def test_limit_spec_parse_rejects_non_text_with_value_error(value) -> None:
    with pytest.raises(ValueError, match="time limit must be text"):
        LimitSpec.parse(value)


def test_limit_spec_constructor_validates_and_coerces_the_unit() -> None:
    assert LimitSpec(3, "wd").unit is Unit.WORKING_DAYS
    for amount, unit in [(0, Unit.HOURS), (True, Unit.HOURS), (1.5, Unit.HOURS), (100_001, Unit.DAYS), (1, "y")]:
        with pytest.raises(ValueError):
            LimitSpec(amount, unit)


def test_limit_spec_is_hashable_and_comparable() -> None:
    assert LimitSpec.parse("3wd") == LimitSpec(3, Unit.WORKING_DAYS)
    assert len({LimitSpec.parse("3wd"), LimitSpec.parse(" 3 WD ")}) == 1


@settings(database=None)
@given(st.integers(1, 100_000), st.sampled_from(list(Unit)))
def test_limit_spec_str_parse_round_trip(amount: int, unit: Unit) -> None:
    spec = LimitSpec(amount, unit)
    assert LimitSpec.parse(str(spec)) == spec


@settings(database=None, max_examples=500)
@given(st.one_of(st.text(), st.from_regex(r"\s*-?[0-9０-９]{0,12}\s*(wh|wd|m|h|d|w|x|)\s*[0-9]?", fullmatch=True)))
def test_limit_spec_parse_raises_only_value_error_on_garbage(text: str) -> None:
    try:
        spec = LimitSpec.parse(text)
    except ValueError:
        return
    # "0d" is the end of the same day (当日); every other unit needs at least 1.
    assert (0 if spec.unit is Unit.DAYS else 1) <= spec.amount <= 100_000
    assert LimitSpec.parse(str(spec)) == spec


# --------------------------------------------------------------------------- working days (wd)


def test_wd_national_day_2026_skips_the_holiday_and_counts_the_saturday_makeup_day() -> None:
    # 2026-09-30 is a Wednesday; 10-01..10-07 are off; 10-08 Thu, 10-09 Fri and 10-10 Sat (调休上班) work.
    assert date(2026, 9, 30).weekday() == 2
    assert [CAL.is_working_day(date(2026, 10, day)) for day in (7, 8, 9, 10)] == [False, True, True, True]
    assert compute_deadline(dt(2026, 9, 30, 15, 0), LimitSpec.parse("3wd"), CAL) == Deadline(
        dt(2026, 10, 10, 23, 59, 59), provisional=False
    )


def test_wd_does_not_count_the_day_of_acceptance() -> None:
    # Monday 2026-03-02, early or late: the first counted day is Tuesday.
    assert deadline(dt(2026, 3, 2, 0, 0), "1wd") == dt(2026, 3, 3, 23, 59, 59)
    assert deadline(dt(2026, 3, 2, 23, 59, 59), "1wd") == dt(2026, 3, 3, 23, 59, 59)
    assert deadline(dt(2026, 3, 2, 9, 0), "5wd") == dt(2026, 3, 9, 23, 59, 59)


def test_wd_starting_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert deadline(dt(2026, 10, 3, 10, 0), "1wd") == dt(2026, 10, 8, 23, 59, 59)
    assert deadline(dt(2026, 2, 15, 10, 0), "3wd") == dt(2026, 2, 26, 23, 59, 59)  # 春节 ends 02-23


def test_wd_starting_on_a_weekend_counts_from_monday() -> None:
    assert deadline(dt(2026, 3, 7, 18, 0), "1wd") == dt(2026, 3, 9, 23, 59, 59)


def test_wd_friday_before_a_makeup_saturday() -> None:
    # 2026-02-27 Fri; 02-28 Sat is a 春节 make-up working day.
    assert deadline(dt(2026, 2, 27, 16, 0), "1wd") == dt(2026, 2, 28, 23, 59, 59)


def test_wd_spring_festival_2025_thirteen_working_days() -> None:
    # FTTH: 13 working days from acceptance on 2025-01-24 (Fri): 01-26 Sun (1, make-up), 01-27 (2),
    # 春节 01-28..02-04 off, 02-05..02-07 (3-5), 02-08 Sat (6, make-up), 02-10..02-14 (7-11), 02-17 (12), 02-18 (13).
    assert deadline(dt(2025, 1, 24, 9, 0), "13wd") == dt(2025, 2, 18, 23, 59, 59)


def test_wd_across_new_year_2026_to_2027_is_provisional() -> None:
    # 2026-12-30 Wed: 12-31 (1), 2027-01-01 元旦 by rule, weekend, 01-04 (2), 01-05 (3).
    assert compute_deadline(dt(2026, 12, 30, 11, 0), LimitSpec.parse("3wd"), CAL) == Deadline(
        dt(2027, 1, 5, 23, 59, 59), provisional=True
    )
    assert not compute_deadline(dt(2026, 12, 28, 11, 0), LimitSpec.parse("2wd"), CAL).provisional


def test_wd_in_2027_becomes_official_once_the_schedule_is_imported() -> None:
    imported = WorkCalendar(overrides=parse_schedule("2027-01-01,休\n2027-01-02,班"), official_years=[2027])
    assert compute_deadline(dt(2026, 12, 30, 11, 0), LimitSpec.parse("3wd"), imported) == Deadline(
        dt(2027, 1, 4, 23, 59, 59), provisional=False
    )


def test_wd_pause_spanning_a_weekend_adds_nothing() -> None:
    start = dt(2026, 3, 6, 10, 0)  # Friday
    pause = (dt(2026, 3, 7, 0, 0), dt(2026, 3, 9, 0, 0))
    assert deadline(start, "3wd", [pause]) == deadline(start, "3wd") == dt(2026, 3, 11, 23, 59, 59)


def test_wd_pause_of_a_whole_working_day_adds_one_working_day() -> None:
    start = dt(2026, 3, 6, 10, 0)
    pause = (dt(2026, 3, 9, 0, 0), dt(2026, 3, 10, 0, 0))
    assert deadline(start, "3wd", [pause]) == dt(2026, 3, 12, 23, 59, 59)


def test_wd_pause_over_a_holiday_adds_nothing() -> None:
    start = dt(2026, 9, 30, 15, 0)
    assert deadline(start, "3wd", [(dt(2026, 10, 1, 8, 0), dt(2026, 10, 7, 20, 0))]) == dt(2026, 10, 10, 23, 59, 59)


def test_wd_partial_pause_extends_by_its_working_seconds_past_midnight() -> None:
    # Two paused hours on a working day push the end two hours into the next working day.
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "1wd", [(dt(2026, 3, 3, 10, 0), dt(2026, 3, 3, 12, 0))]) == dt(2026, 3, 4, 2, 0)
    # Across a weekend the overflow lands on Monday.
    assert deadline(dt(2026, 3, 5, 9, 0), "1wd", [(dt(2026, 3, 5, 10, 0), dt(2026, 3, 5, 10, 30))]) == dt(
        2026, 3, 9, 0, 30
    )


def test_wd_pause_on_the_day_of_acceptance_counts() -> None:
    # The acceptance day is not counted, but time paused on it still stops the clock for that long.
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "1wd", [(dt(2026, 3, 2, 10, 0), dt(2026, 3, 3, 10, 0))]) == dt(2026, 3, 4, 23, 59, 59)


# --------------------------------------------------------------------------- calendar days (d)


def test_d_ends_at_the_end_of_the_nth_following_calendar_day() -> None:
    assert deadline(dt(2026, 9, 30, 15, 0), "2d") == dt(2026, 10, 2, 23, 59, 59)
    assert deadline(dt(2026, 9, 30, 23, 59, 59), "1d") == dt(2026, 10, 1, 23, 59, 59)
    assert deadline(dt(2026, 12, 31, 0, 0), "1d") == dt(2027, 1, 1, 23, 59, 59)


def test_d_counts_holidays_and_is_never_provisional() -> None:
    result = compute_deadline(dt(2026, 12, 30, 11, 0), LimitSpec.parse("3d"), CAL)
    assert result == Deadline(dt(2027, 1, 2, 23, 59, 59), provisional=False)


def test_d_pauses_extend_by_their_clock_duration() -> None:
    start = dt(2026, 3, 6, 10, 0)
    assert deadline(start, "2d", [(dt(2026, 3, 7, 0, 0), dt(2026, 3, 8, 0, 0))]) == dt(2026, 3, 9, 23, 59, 59)
    assert deadline(start, "2d", [(dt(2026, 3, 7, 9, 0), dt(2026, 3, 7, 10, 0))]) == dt(2026, 3, 9, 1, 0)


# --------------------------------------------------------------------------- clock minutes and hours


def test_clock_units_count_every_second() -> None:
    assert deadline(dt(2026, 10, 1, 9, 0), "20m") == dt(2026, 10, 1, 9, 20)
    assert deadline(dt(2026, 3, 2, 20, 0), "8h") == dt(2026, 3, 3, 4, 0)
    assert deadline(dt(2026, 12, 31, 23, 30), "1h") == dt(2027, 1, 1, 0, 30)
    assert deadline(dt(2026, 3, 2, 9, 0), "144h") == dt(2026, 3, 8, 9, 0)


def test_clock_units_are_never_provisional() -> None:
    assert not compute_deadline(dt(2027, 5, 1, 9, 0), LimitSpec.parse("30h"), CAL).provisional


def test_clock_units_work_outside_the_calendar_range() -> None:
    assert deadline(dt(1980, 1, 1, 9, 0), "4h") == dt(1980, 1, 1, 13, 0)
    assert deadline(dt(2150, 1, 1, 9, 0), "1d") == dt(2150, 1, 2, 23, 59, 59)


def test_clock_pause_adds_its_duration() -> None:
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "4h", [(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 10, 30))]) == dt(2026, 3, 2, 13, 30)


def test_overlapping_pauses_are_merged_before_counting() -> None:
    start = dt(2026, 3, 2, 9, 0)
    pauses = [(dt(2026, 3, 2, 10, 30), dt(2026, 3, 2, 11, 30)), (dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 11, 0))]
    assert deadline(start, "4h", pauses) == dt(2026, 3, 2, 14, 30)
    assert deadline(start, "4h", pauses + [(dt(2026, 3, 2, 10, 15), dt(2026, 3, 2, 10, 20))]) == dt(2026, 3, 2, 14, 30)


def test_pause_before_start_is_clipped_to_start() -> None:
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "4h", [(dt(2026, 3, 2, 8, 0), dt(2026, 3, 2, 9, 30))]) == dt(2026, 3, 2, 13, 30)
    assert deadline(start, "4h", [(dt(2026, 3, 1, 8, 0), dt(2026, 3, 1, 9, 30))]) == dt(2026, 3, 2, 13, 0)


def test_pause_starting_at_or_after_the_deadline_is_ignored() -> None:
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "4h", [(dt(2026, 3, 2, 13, 0), dt(2026, 3, 2, 15, 0))]) == dt(2026, 3, 2, 13, 0)
    assert deadline(start, "4h", [(dt(2026, 3, 2, 14, 0), dt(2026, 3, 2, 15, 0))]) == dt(2026, 3, 2, 13, 0)
    # ...unless an earlier pause pushed the deadline past it.
    pauses = [(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 12, 0)), (dt(2026, 3, 2, 14, 0), dt(2026, 3, 2, 15, 0))]
    assert deadline(start, "4h", pauses) == dt(2026, 3, 2, 16, 0)


def test_zero_length_pause_changes_nothing() -> None:
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "4h", [(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 10, 0))]) == dt(2026, 3, 2, 13, 0)


def test_open_pause_raises_clock_is_paused() -> None:
    with pytest.raises(ValueError, match="clock is paused"):
        compute_deadline(dt(2026, 3, 2, 9, 0), LimitSpec.parse("3wd"), CAL, [(dt(2026, 3, 2, 10, 0), None)])


def test_reversed_pause_is_rejected() -> None:
    with pytest.raises(ValueError, match="ends .* before it starts"):
        deadline(dt(2026, 3, 2, 9, 0), "4h", [(dt(2026, 3, 2, 11, 0), dt(2026, 3, 2, 10, 0))])


def test_aware_datetimes_are_rejected() -> None:
    with pytest.raises(ValueError, match="naive"):
        deadline(dt(2026, 3, 2, 9, 0, tzinfo=timezone.utc), "4h")
    with pytest.raises(ValueError, match="naive"):
        deadline(dt(2026, 3, 2, 9, 0), "4h", [(dt(2026, 3, 2, 10, 0, tzinfo=timezone.utc), dt(2026, 3, 2, 11))])


def test_microseconds_are_dropped() -> None:
    assert deadline(dt(2026, 3, 2, 9, 0, 0, 999_999), "20m") == dt(2026, 3, 2, 9, 20)
    assert deadline(dt(2026, 3, 2, 8, 29, 59, 999_999), "1wh") == dt(2026, 3, 2, 9, 30)
    assert deadline(dt(2026, 3, 2, 8, 59, 59, 999_999), "1wh") == dt(2026, 3, 2, 9, 59, 59)


def test_working_units_outside_the_calendar_range_raise_value_error() -> None:
    with pytest.raises(ValueError, match="outside the supported calendar"):
        deadline(dt(1989, 12, 29, 9, 0), "1wd")
    with pytest.raises(ValueError, match="beyond the supported calendar"):
        deadline(dt(2099, 12, 30, 9, 0), "5wd")
    with pytest.raises(ValueError, match="beyond the supported calendar"):
        deadline(dt(2026, 1, 5, 9, 0), "100000wd")


# --------------------------------------------------------------------------- working hours (wh)


def test_wh_inside_one_segment() -> None:
    assert deadline(dt(2026, 3, 2, 8, 30), "2wh") == dt(2026, 3, 2, 10, 30)


def test_wh_landing_exactly_on_a_segment_end_stays_there() -> None:
    assert deadline(dt(2026, 3, 2, 9, 0), "3wh") == dt(2026, 3, 2, 12, 0)  # not 13:30
    assert deadline(dt(2026, 3, 2, 14, 30), "3wh") == dt(2026, 3, 2, 17, 30)  # not next day 08:30


def test_wh_skips_the_lunch_break() -> None:
    assert deadline(dt(2026, 3, 2, 11, 0), "2wh") == dt(2026, 3, 2, 14, 30)


def test_wh_start_in_the_lunch_break_counts_from_the_afternoon_segment() -> None:
    assert deadline(dt(2026, 3, 2, 12, 30), "1wh") == dt(2026, 3, 2, 14, 30)
    assert deadline(dt(2026, 3, 2, 12, 0), "1wh") == dt(2026, 3, 2, 14, 30)


def test_wh_start_at_a_segment_edge() -> None:
    assert deadline(dt(2026, 3, 2, 13, 30), "1wh") == dt(2026, 3, 2, 14, 30)
    assert deadline(dt(2026, 3, 2, 17, 30), "1wh") == dt(2026, 3, 3, 9, 30)
    assert deadline(dt(2026, 3, 2, 8, 30), "4wh") == dt(2026, 3, 2, 14, 0)


def test_wh_start_before_or_after_office_hours_counts_from_the_next_segment() -> None:
    assert deadline(dt(2026, 3, 2, 7, 0), "1wh") == dt(2026, 3, 2, 9, 30)
    assert deadline(dt(2026, 3, 6, 18, 0), "1wh") == dt(2026, 3, 9, 9, 30)  # Friday evening -> Monday
    assert deadline(dt(2026, 3, 2, 23, 59, 59), "1wh") == dt(2026, 3, 3, 9, 30)


def test_wh_whole_days_end_at_the_end_of_the_last_segment() -> None:
    assert deadline(dt(2026, 3, 2, 8, 30), "15wh") == dt(2026, 3, 3, 17, 30)  # exactly two office days
    assert deadline(dt(2026, 3, 2, 8, 30), "8wh") == dt(2026, 3, 3, 9, 0)


def test_wh_start_on_a_holiday_counts_from_the_next_working_day() -> None:
    assert deadline(dt(2026, 10, 3, 10, 0), "1wh") == dt(2026, 10, 8, 9, 30)
    assert deadline(dt(2026, 9, 30, 15, 0), "4wh") == dt(2026, 10, 8, 10, 0)


def test_wh_counts_a_makeup_saturday() -> None:
    assert deadline(dt(2026, 10, 9, 17, 0), "1wh") == dt(2026, 10, 10, 9, 0)


def test_wh_across_new_year_2026_to_2027_is_provisional() -> None:
    result = compute_deadline(dt(2026, 12, 31, 17, 0), LimitSpec.parse("1wh"), CAL)
    assert result == Deadline(dt(2027, 1, 4, 9, 0), provisional=True)
    assert not compute_deadline(dt(2026, 12, 31, 16, 0), LimitSpec.parse("1wh"), CAL).provisional


def test_wh_pause_in_working_hours_extends_by_its_length() -> None:
    start = dt(2026, 3, 2, 9, 0)
    assert deadline(start, "2wh", [(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 10, 30))]) == dt(2026, 3, 2, 11, 30)


def test_wh_pause_over_the_lunch_break_or_night_adds_nothing() -> None:
    start = dt(2026, 3, 2, 11, 0)
    assert deadline(start, "2wh", [(dt(2026, 3, 2, 12, 0), dt(2026, 3, 2, 13, 30))]) == dt(2026, 3, 2, 14, 30)
    start = dt(2026, 3, 2, 16, 0)
    assert deadline(start, "3wh", [(dt(2026, 3, 2, 17, 30), dt(2026, 3, 3, 8, 30))]) == dt(2026, 3, 3, 10, 0)


def test_wh_pause_spanning_a_weekend_adds_only_its_office_time() -> None:
    start = dt(2026, 3, 6, 16, 0)  # Friday
    pause = (dt(2026, 3, 6, 17, 0), dt(2026, 3, 9, 9, 0))  # Fri 17:00 .. Mon 09:00: 30 min + 30 min
    assert deadline(start, "2wh", [pause]) == dt(2026, 3, 9, 10, 0)


def test_wh_with_custom_office_hours() -> None:
    cal = WorkCalendar(office_hours=OfficeHours.parse("09:00-17:00"))
    assert deadline(dt(2026, 3, 2, 9, 0), "8wh", calendar=cal) == dt(2026, 3, 2, 17, 0)
    assert deadline(dt(2026, 3, 2, 9, 0), "9wh", calendar=cal) == dt(2026, 3, 3, 10, 0)
    three = WorkCalendar(office_hours=OfficeHours.parse("08:00-10:00,11:00-12:00,14:00-16:00"))
    assert deadline(dt(2026, 3, 2, 9, 0), "2wh", calendar=three) == dt(2026, 3, 2, 12, 0)
    assert deadline(dt(2026, 3, 2, 9, 0), "3wh", calendar=three) == dt(2026, 3, 2, 15, 0)
    assert deadline(dt(2026, 3, 2, 9, 0), "1wh", calendar=three) == dt(2026, 3, 2, 10, 0)


def test_wh_respects_administrator_overrides() -> None:
    cal = WorkCalendar(overrides={date(2026, 10, 5): True})
    assert deadline(dt(2026, 9, 30, 17, 0), "1wh", calendar=cal) == dt(2026, 10, 5, 9, 0)


# --------------------------------------------------------------------------- a naive reference


def _segments_of(calendar: WorkCalendar) -> list[tuple[time, time]]:
    return list(calendar.office_hours.segments)


def _office_intervals(calendar: WorkCalendar, first: date) -> Iterator[tuple[datetime, datetime]]:
    day = first
    while True:
        if calendar.is_working_day(day):
            for s, e in _segments_of(calendar):
                yield datetime.combine(day, s), datetime.combine(day, e)
        day += timedelta(days=1)


def _working_day_intervals(calendar: WorkCalendar, first: date) -> Iterator[tuple[datetime, datetime]]:
    day = first
    while True:
        if calendar.is_working_day(day):
            yield datetime.combine(day, time()), datetime.combine(day + timedelta(days=1), time())
        day += timedelta(days=1)


def _walk(start: datetime, budget: float, intervals, pauses: Sequence[tuple[datetime, datetime]]) -> datetime:
    """Earliest instant at which `budget` seconds of counted, unpaused time after `start` have passed."""
    pauses = sorted(pauses)
    for a, b in intervals:
        cursor = max(a, start)
        if cursor >= b:
            continue
        for pa, pb in pauses:
            if pb <= cursor or pa >= b:
                continue
            if pa > cursor:
                available = (pa - cursor).total_seconds()
                if budget <= available:
                    return cursor + timedelta(seconds=budget)
                budget -= available
            cursor = max(cursor, pb)
            if cursor >= b:
                break
        if cursor < b:
            available = (b - cursor).total_seconds()
            if budget <= available:
                return cursor + timedelta(seconds=budget)
            budget -= available
    raise AssertionError("unreachable")  # pragma: no cover


def naive_wd(start: datetime, amount: int, calendar: WorkCalendar, pauses=()) -> datetime:
    day, counted = start.date(), 0
    while counted < amount:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    end = datetime.combine(day, time(23, 59, 59))
    if not pauses:
        return end
    # Counted time from start to the end of the N-th day, then walked again with the pauses taken out.
    budget = 0.0
    for a, b in _working_day_intervals(calendar, start.date()):
        if a > end:
            break
        budget += max(0.0, (min(b, end + timedelta(seconds=1)) - max(a, start)).total_seconds())
    result = _walk(start, budget, _working_day_intervals(calendar, start.date()), pauses)
    return result - timedelta(seconds=1) if result.time() == time() else result


def naive_wh(start: datetime, amount: int, calendar: WorkCalendar, pauses=()) -> datetime:
    return _walk(start, amount * 3600, _office_intervals(calendar, start.date()), pauses)


def naive_clock(start: datetime, spec: LimitSpec, pauses=()) -> datetime:
    far = ((start - timedelta(days=1), datetime.max),)
    if spec.unit is Unit.DAYS:
        end = datetime.combine(start.date() + timedelta(days=spec.amount + 1), time())
        result = _walk(start, (end - start).total_seconds(), far, pauses)
        return result - timedelta(seconds=1) if result.time() == time() else result
    seconds = spec.amount * (60 if spec.unit is Unit.MINUTES else 3600)
    return _walk(start, seconds, far, pauses)


EDGE_TIMES = [time(0), time(8, 29, 59), time(8, 30), time(12), time(12, 30), time(13, 30), time(17, 30), time(23, 59, 59)]
starts = st.builds(
    datetime.combine,
    st.dates(date(2004, 1, 1), date(2028, 12, 31)),
    st.one_of(st.sampled_from(EDGE_TIMES), st.times().map(lambda t: t.replace(microsecond=0))),
)


@st.composite
def pause_lists(draw, start: datetime) -> list[tuple[datetime, datetime]]:
    result = []
    for _ in range(draw(st.integers(0, 4))):
        offset = draw(st.one_of(st.integers(-2 * 86400, 20 * 86400), st.integers(-48, 480).map(lambda h: h * 1800)))
        length = draw(st.one_of(st.integers(0, 5 * 86400), st.integers(0, 48).map(lambda h: h * 1800)))
        begin = start + timedelta(seconds=offset)
        result.append((begin, begin + timedelta(seconds=length)))
    return result


@PROPERTY
@given(starts, st.integers(1, 40))
@example(datetime(2026, 9, 30, 15, 0), 3)
@example(datetime(2026, 12, 31, 23, 59, 59), 1)
def test_wd_matches_a_naive_day_by_day_loop(start: datetime, amount: int) -> None:
    assert deadline(start, f"{amount}wd") == naive_wd(start, amount, CAL)


@PROPERTY
@given(starts, st.integers(1, 120))
@example(datetime(2026, 9, 30, 15, 0), 4)
@example(datetime(2026, 3, 2, 9, 0), 3)
def test_wh_matches_a_naive_segment_walk(start: datetime, amount: int) -> None:
    assert deadline(start, f"{amount}wh") == naive_wh(start, amount, CAL)


@PROPERTY
@given(st.data(), starts, st.integers(1, 30))
def test_wd_with_pauses_matches_a_naive_walk(data, start: datetime, amount: int) -> None:
    pauses = data.draw(pause_lists(start))
    assert deadline(start, f"{amount}wd", pauses) == naive_wd(start, amount, CAL, pauses)


@PROPERTY
@given(st.data(), starts, st.integers(1, 80))
def test_wh_with_pauses_matches_a_naive_walk(data, start: datetime, amount: int) -> None:
    pauses = data.draw(pause_lists(start))
    assert deadline(start, f"{amount}wh", pauses) == naive_wh(start, amount, CAL, pauses)


@PROPERTY
@given(st.data(), starts, st.integers(1, 300), st.sampled_from([Unit.MINUTES, Unit.HOURS, Unit.DAYS]))
def test_clock_units_with_pauses_match_a_naive_walk(data, start: datetime, amount: int, unit: Unit) -> None:
    pauses = data.draw(pause_lists(start))
    spec = LimitSpec(amount, unit)
    assert compute_deadline(start, spec, CAL, pauses).at == naive_clock(start, spec, pauses)


@settings(database=None, deadline=None, max_examples=100)
@given(st.data(), starts, st.integers(1, 60))
def test_wh_with_three_segments_and_overrides_matches_a_naive_walk(data, start: datetime, amount: int) -> None:
    overrides = data.draw(st.dictionaries(st.dates(start.date(), start.date() + timedelta(days=40)), st.booleans()))
    cal = WorkCalendar(overrides=overrides, office_hours=OfficeHours.parse("07:00-09:00,10:00-10:00:01,20:00-23:59:59"))
    pauses = data.draw(pause_lists(start))
    assert deadline(start, f"{amount}wh", pauses, calendar=cal) == naive_wh(start, amount, cal, pauses)
    assert deadline(start, f"{amount}wd", pauses, calendar=cal) == naive_wd(start, amount, cal, pauses)


# --------------------------------------------------------------------------- properties

any_spec = st.builds(LimitSpec, st.integers(1, 200), st.sampled_from(list(Unit)))


@PROPERTY
@given(starts, any_spec)
def test_deadline_is_after_start(start: datetime, spec: LimitSpec) -> None:
    assert compute_deadline(start, spec, CAL).at > start


@PROPERTY
@given(starts, st.integers(1, 200), st.integers(1, 200), st.sampled_from(list(Unit)))
def test_deadline_is_monotone_in_amount(start: datetime, a: int, b: int, unit: Unit) -> None:
    a, b = sorted((a, b))
    assert compute_deadline(start, LimitSpec(a, unit), CAL).at <= compute_deadline(start, LimitSpec(b, unit), CAL).at


@PROPERTY
@given(starts, st.integers(0, 10 * 86400), any_spec)
def test_deadline_is_monotone_in_start(start: datetime, later_by: int, spec: LimitSpec) -> None:
    later = start + timedelta(seconds=later_by)
    assert compute_deadline(start, spec, CAL).at <= compute_deadline(later, spec, CAL).at


@PROPERTY
@given(st.data(), starts, any_spec)
def test_adding_a_pause_never_moves_the_deadline_earlier(data, start: datetime, spec: LimitSpec) -> None:
    pauses = data.draw(pause_lists(start))
    extra = data.draw(pause_lists(start))
    before = compute_deadline(start, spec, CAL, pauses).at
    assert compute_deadline(start, spec, CAL, pauses + extra).at >= before


@PROPERTY
@given(starts, st.integers(1, 300))
def test_wd_deadline_is_the_last_second_of_a_working_day(start: datetime, amount: int) -> None:
    at = deadline(start, f"{amount}wd")
    assert at.time() == time(23, 59, 59)
    assert CAL.is_working_day(at.date())
    assert at.date() > start.date()


@PROPERTY
@given(starts, st.integers(1, 300))
def test_wh_deadline_is_inside_or_at_the_end_of_an_office_segment(start: datetime, amount: int) -> None:
    at = deadline(start, f"{amount}wh")
    assert CAL.is_working_day(at.date())
    assert any(s < at.time() <= e for s, e in CAL.office_hours.segments)


@PROPERTY
@given(starts, st.integers(1, 300))
def test_d_deadline_is_the_last_second_of_the_nth_following_day(start: datetime, amount: int) -> None:
    assert deadline(start, f"{amount}d") == datetime.combine(start.date() + timedelta(days=amount), time(23, 59, 59))


@PROPERTY
@given(starts, any_spec)
def test_provisional_exactly_when_a_working_unit_touches_an_unofficial_year(start: datetime, spec: LimitSpec) -> None:
    result = compute_deadline(start, spec, CAL)
    touches = any(year >= 2027 for year in range(start.year, result.at.year + 1))
    assert result.provisional is (touches and spec.unit in (Unit.WORKING_HOURS, Unit.WORKING_DAYS))


# --------------------------------------------------------------------------- warn time, status, seconds left


def test_warn_time_is_at_the_default_share_of_the_span() -> None:
    assert DEFAULT_APPROACHING_SHARE == 0.75
    assert warn_time(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0)) == dt(2026, 3, 2, 13, 0)


def test_warn_time_subtracts_closed_pauses_inside_the_span() -> None:
    pauses = [(dt(2026, 3, 2, 11, 0), dt(2026, 3, 2, 12, 0))]
    assert warn_time(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0), pauses) == dt(2026, 3, 2, 13, 15)
    # Only the part of a pause inside [start, deadline] counts.
    outside = [(dt(2026, 3, 2, 9, 0), dt(2026, 3, 2, 10, 30)), (dt(2026, 3, 2, 13, 30), dt(2026, 3, 2, 16, 0))]
    assert warn_time(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0), outside) == dt(2026, 3, 2, 13, 15)


def test_warn_time_with_a_custom_share() -> None:
    start, end = dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0)
    assert warn_time(start, end, share=0.5) == dt(2026, 3, 2, 12, 0)
    assert warn_time(start, end, share=1) == end
    assert warn_time(start, end, share=1 / 3) == dt(2026, 3, 2, 11, 20)


@pytest.mark.parametrize("share", [0, -0.1, 1.01, float("nan"), float("inf"), True, "0.75", None])
def test_warn_time_rejects_a_share_outside_zero_to_one(share) -> None:
    with pytest.raises(ValueError, match="share"):
        warn_time(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0), share=share)


def test_warn_time_rejects_an_open_pause_and_a_deadline_before_start() -> None:
    with pytest.raises(ValueError, match="clock is paused"):
        warn_time(dt(2026, 3, 2, 10, 0), dt(2026, 3, 2, 14, 0), [(dt(2026, 3, 2, 11, 0), None)])
    with pytest.raises(ValueError, match="before the start"):
        warn_time(dt(2026, 3, 2, 14, 0), dt(2026, 3, 2, 10, 0))


@PROPERTY
@given(st.data(), starts, any_spec, st.floats(0.01, 1.0))
def test_warn_time_lies_between_start_and_deadline(data, start: datetime, spec: LimitSpec, share: float) -> None:
    pauses = data.draw(pause_lists(start))
    at = compute_deadline(start, spec, CAL, pauses).at
    warn = warn_time(start, at, pauses, share)
    assert start <= warn <= at


NOW = dt(2026, 3, 2, 12, 0)


@pytest.mark.parametrize(
    "now,deadline_,warn_at,paused,stopped_at,expected",
    [
        (NOW, NOW + timedelta(hours=2), NOW + timedelta(hours=1), False, None, ClockStatus.NORMAL),
        (NOW, NOW + timedelta(hours=2), NOW, False, None, ClockStatus.APPROACHING),
        (NOW, NOW + timedelta(hours=2), NOW - timedelta(minutes=1), False, None, ClockStatus.APPROACHING),
        (NOW, NOW, NOW - timedelta(hours=1), False, None, ClockStatus.OVERDUE),
        (NOW, NOW - timedelta(seconds=1), NOW - timedelta(hours=1), False, None, ClockStatus.OVERDUE),
        (NOW, NOW - timedelta(hours=1), None, True, None, ClockStatus.OVERDUE_PAUSED),  # paused after the limit ran out
        (NOW, None, None, True, None, ClockStatus.PAUSED),
        (NOW, NOW + timedelta(hours=2), None, False, NOW + timedelta(hours=2), ClockStatus.MET),
        (NOW, NOW - timedelta(hours=2), None, False, NOW - timedelta(hours=3), ClockStatus.MET),
        (NOW, NOW + timedelta(hours=2), None, True, NOW + timedelta(hours=3), ClockStatus.BREACHED),
        (NOW, None, None, False, NOW, ClockStatus.MET),
        (NOW, None, None, False, None, ClockStatus.NORMAL),
        (NOW, NOW + timedelta(hours=2), None, False, None, ClockStatus.NORMAL),
    ],
)
def test_clock_status_for_each_state(now, deadline_, warn_at, paused, stopped_at, expected) -> None:
    assert clock_status(now, deadline_, warn_at, paused=paused, stopped_at=stopped_at) is expected


def test_clock_status_follows_a_clock_through_its_life() -> None:
    start = dt(2026, 3, 2, 9, 0)
    at = deadline(start, "4h")
    warn = warn_time(start, at)
    assert warn == dt(2026, 3, 2, 12, 0)
    assert clock_status(dt(2026, 3, 2, 11, 59, 59), at, warn) is ClockStatus.NORMAL
    assert clock_status(dt(2026, 3, 2, 12, 0), at, warn) is ClockStatus.APPROACHING
    assert clock_status(dt(2026, 3, 2, 13, 0), at, warn) is ClockStatus.OVERDUE
    assert clock_status(dt(2026, 3, 2, 13, 5), at, warn, stopped_at=dt(2026, 3, 2, 13, 0)) is ClockStatus.MET
    assert clock_status(dt(2026, 3, 2, 13, 5), at, warn, stopped_at=dt(2026, 3, 2, 13, 0, 1)) is ClockStatus.BREACHED


def test_clock_status_values_are_stable_strings() -> None:
    assert [s.value for s in ClockStatus] == ["normal", "approaching", "overdue", "paused", "overdue_paused", "met",
                                              "breached"]
    assert [u.value for u in Unit] == ["m", "h", "wh", "wd", "d"]


def test_seconds_left_is_positive_before_and_negative_after_the_deadline() -> None:
    at = dt(2026, 3, 2, 13, 0)
    assert seconds_left(dt(2026, 3, 2, 12, 0), at) == 3600
    assert seconds_left(at, at) == 0
    assert seconds_left(dt(2026, 3, 2, 13, 0, 30), at) == -30
    assert seconds_left(dt(2026, 3, 2, 12, 59, 59, 500_000), at) == 0
    assert seconds_left(dt(2026, 3, 2, 13, 0, 0, 500_000), at) == -1
    assert seconds_left(dt(2026, 3, 1, 13, 0), at) == 86400


def test_a_clock_paused_after_its_deadline_stays_overdue():
    """A paused clock that is overdue stays overdue (shown as overdue-and-paused); one paused in time is paused."""
    deadline = datetime(2026, 11, 20, 23, 59, 59)
    later = deadline + timedelta(hours=3)
    assert clock_status(later, deadline, None, paused=True) is ClockStatus.OVERDUE_PAUSED
    assert clock_status(later, None, None, paused=True) is ClockStatus.PAUSED
    assert clock_status(deadline - timedelta(hours=1), deadline, None, paused=True) is ClockStatus.PAUSED
    assert clock_status(later, deadline, None) is ClockStatus.OVERDUE
