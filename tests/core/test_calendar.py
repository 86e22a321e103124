"""Tests for the working-day calendar: official 2025/2026 data, the 2027 rule, overrides, imports and the day index."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.core.calendar import (
    CALENDAR_EPOCH,
    CALENDAR_LAST_DAY,
    DEFAULT_OFFICE_HOURS,
    DayInfo,
    DayKind,
    OfficeHours,
    WorkCalendar,
    parse_schedule,
    parse_schedule_with_notes,
    statutory_holidays_by_rule,
)

# No example database: the test run must not write a .hypothesis folder into the repository.
PROPERTY = settings(database=None, deadline=None, max_examples=200)

CAL = WorkCalendar()


def days(first: str, last: str) -> list[date]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def d(text: str) -> date:
    return date.fromisoformat(text)


# --------------------------------------------------------------------------- official data 2025 / 2026

HOLIDAY_BLOCKS_2025 = [
    ("2025-01-01", "2025-01-01", "元旦"),
    ("2025-01-28", "2025-02-04", "春节"),
    ("2025-04-04", "2025-04-06", "清明"),
    ("2025-05-01", "2025-05-05", "劳动节"),
    ("2025-05-31", "2025-06-02", "端午"),
    ("2025-10-01", "2025-10-08", None),  # 国庆节 and 中秋 (10-06) share one block
]
MAKEUP_DAYS_2025 = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]

HOLIDAY_BLOCKS_2026 = [
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午"),
    ("2026-09-25", "2026-09-27", "中秋"),
    ("2026-10-01", "2026-10-07", "国庆节"),
]
MAKEUP_DAYS_2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]


@pytest.mark.parametrize("first,last,name", HOLIDAY_BLOCKS_2025 + HOLIDAY_BLOCKS_2026)
def test_official_holiday_block_is_off_with_its_name(first: str, last: str, name: str | None) -> None:
    for day in days(first, last):
        info = CAL.day_info(day)
        assert not CAL.is_working_day(day), day
        assert info.kind is DayKind.HOLIDAY, day
        assert info.source == "official"
        if name is not None:
            assert info.name == name, day
    # The days around a block are not part of it.
    assert CAL.day_info(d(first) - timedelta(days=1)).kind is not DayKind.HOLIDAY
    assert CAL.day_info(d(last) + timedelta(days=1)).kind is not DayKind.HOLIDAY


def test_2025_national_day_block_names_mid_autumn_on_october_6() -> None:
    assert [CAL.day_info(day).name for day in days("2025-10-01", "2025-10-08")] == [
        "国庆节", "国庆节", "国庆节", "国庆节", "国庆节", "中秋", "国庆节", "国庆节",
    ]


@pytest.mark.parametrize("day", MAKEUP_DAYS_2025 + MAKEUP_DAYS_2026)
def test_official_makeup_weekend_day_is_an_adjusted_working_day(day: str) -> None:
    info = CAL.day_info(d(day))
    assert d(day).weekday() >= 5
    assert info.kind is DayKind.ADJUSTED_WORKDAY
    assert info.is_working and CAL.is_working_day(d(day))
    assert info.name == "调休上班"
    assert info.source == "official"


def test_2025_makeup_days_include_sunday_jan_26_and_saturday_feb_8() -> None:
    assert d("2025-01-26").strftime("%a") == "Sun" and CAL.is_working_day(d("2025-01-26"))
    assert d("2025-02-08").strftime("%a") == "Sat" and CAL.is_working_day(d("2025-02-08"))


@pytest.mark.parametrize(
    "year,blocks,makeups", [(2025, HOLIDAY_BLOCKS_2025, MAKEUP_DAYS_2025), (2026, HOLIDAY_BLOCKS_2026, MAKEUP_DAYS_2026)]
)
def test_official_year_is_exactly_weekdays_minus_blocks_plus_makeups(year, blocks, makeups) -> None:
    off = {day for first, last, _ in blocks for day in days(first, last)}
    on = {d(day) for day in makeups}
    for day in days(f"{year}-01-01", f"{year}-12-31"):
        expected = day in on or (day.weekday() < 5 and day not in off)
        assert CAL.is_working_day(day) is expected, day
        if not expected and day not in off:
            assert CAL.day_info(day).kind is DayKind.WEEKEND


@pytest.mark.parametrize("year,count", [(2025, 248), (2026, 248)])
def test_official_year_has_the_published_number_of_working_days(year: int, count: int) -> None:
    assert sum(CAL.is_working_day(day) for day in days(f"{year}-01-01", f"{year}-12-31")) == count


def test_calendar_agrees_with_chinese_calendar_for_every_covered_day() -> None:
    for day in days("2004-01-01", "2026-12-31"):
        assert CAL.is_working_day(day) is chinese_calendar.is_workday(day), day


def test_day_info_accepts_a_datetime_as_its_date() -> None:
    assert CAL.day_info(datetime(2026, 10, 1, 9, 30)) == CAL.day_info(date(2026, 10, 1))
    assert CAL.is_working_day(datetime(2026, 10, 10, 23, 0))


# --------------------------------------------------------------------------- statutory rule

RULE_2027 = {
    d("2027-01-01"): "元旦",
    d("2027-02-05"): "春节",  # 除夕 (lunar 2026-12-30)
    d("2027-02-06"): "春节",  # 初一
    d("2027-02-07"): "春节",
    d("2027-02-08"): "春节",
    d("2027-04-05"): "清明",
    d("2027-05-01"): "劳动节",
    d("2027-05-02"): "劳动节",
    d("2027-06-09"): "端午",
    d("2027-09-15"): "中秋",
    d("2027-10-01"): "国庆节",
    d("2027-10-02"): "国庆节",
    d("2027-10-03"): "国庆节",
}


def test_statutory_holidays_by_rule_2027_exact_dates() -> None:
    assert statutory_holidays_by_rule(2027) == RULE_2027


def test_statutory_holidays_by_rule_has_the_2024_revision_day_counts() -> None:
    # 13 statutory days since 2025: 元旦1 春节4 清明1 劳动节2 端午1 中秋1 国庆3.
    for year in range(2025, 2099):
        holidays = statutory_holidays_by_rule(year)
        names = list(holidays.values())
        assert names.count("春节") == 4 and names.count("劳动节") == 2, year
        # 中秋 may coincide with 国庆 (e.g. 2028-10-03): then 12 distinct dates.
        assert len(holidays) in (12, 13), year


def test_statutory_holidays_by_rule_merges_mid_autumn_falling_on_national_day() -> None:
    holidays = statutory_holidays_by_rule(2028)
    assert holidays[d("2028-10-03")] == "中秋"
    assert len(holidays) == 12


@pytest.mark.parametrize("year", [2025, 2026])
def test_statutory_rule_dates_are_official_holidays_with_the_same_name(year: int) -> None:
    for day, name in statutory_holidays_by_rule(year).items():
        info = CAL.day_info(day)
        assert info.kind is DayKind.HOLIDAY, day
        assert info.name == name, day


def test_rule_qingming_matches_every_official_qingming_holiday() -> None:
    # Qingming became a public holiday in 2008.
    for year in range(2008, 2027):
        qingming = [day for day, name in statutory_holidays_by_rule(year).items() if name == "清明"]
        assert len(qingming) == 1
        assert chinese_calendar.get_holiday_detail(qingming[0]) == (True, "Tomb-sweeping Day"), year


def test_rule_spring_festival_eve_is_day_before_lunar_new_year() -> None:
    # 春节 (初一) dates known from the published schedules.
    for year, first_day in [(2025, "2025-01-29"), (2026, "2026-02-17"), (2027, "2027-02-06"), (2028, "2028-01-26")]:
        spring = sorted(day for day, name in statutory_holidays_by_rule(year).items() if name == "春节")
        assert spring[1] == d(first_day)
        assert spring == [d(first_day) + timedelta(days=i) for i in range(-1, 3)]


def test_statutory_holidays_by_rule_returns_a_fresh_dict() -> None:
    statutory_holidays_by_rule(2027).clear()
    assert statutory_holidays_by_rule(2027) == RULE_2027


@pytest.mark.parametrize("year", [1900, 2100, 2150])
def test_statutory_holidays_by_rule_rejects_years_lunardate_cannot_compute(year: int) -> None:
    with pytest.raises(ValueError, match="1901-2099"):
        statutory_holidays_by_rule(year)


# --------------------------------------------------------------------------- 2027: no official data


def test_2027_is_not_official_and_chinese_calendar_has_no_data() -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(d("2027-03-01"))
    assert not CAL.is_official(2027)
    assert CAL.is_official(2025) and CAL.is_official(2026) and CAL.is_official(2004)
    assert not CAL.is_official(2003)


def test_2027_rule_days_are_holidays_and_otherwise_monday_to_friday() -> None:
    for day in days("2027-01-01", "2027-12-31"):
        info = CAL.day_info(day)
        assert info.source == "rule"
        if day in RULE_2027:
            assert info.kind is DayKind.HOLIDAY and info.name == RULE_2027[day]
        elif day.weekday() >= 5:
            assert info.kind is DayKind.WEEKEND and info.name is None
        else:
            assert info.kind is DayKind.WORKDAY
        assert info.is_working is (day.weekday() < 5 and day not in RULE_2027)


def test_2027_rule_has_no_makeup_days() -> None:
    assert not any(CAL.day_info(day).kind is DayKind.ADJUSTED_WORKDAY for day in days("2027-01-01", "2027-12-31"))


def test_unofficial_years_lists_years_without_a_schedule() -> None:
    assert CAL.unofficial_years(d("2026-12-30"), d("2027-01-05")) == [2027]
    assert CAL.unofficial_years(d("2025-01-01"), d("2026-12-31")) == []
    assert CAL.unofficial_years(d("2002-06-01"), d("2005-01-01")) == [2002, 2003]
    assert CAL.unofficial_years(d("2026-01-01"), d("2029-01-01")) == [2027, 2028, 2029]
    assert CAL.unofficial_years(d("2027-01-02"), d("2026-01-01")) == []


# --------------------------------------------------------------------------- overrides and imported years


def test_override_makes_an_official_working_day_a_holiday() -> None:
    cal = WorkCalendar(overrides={d("2026-10-08"): False}, override_names={d("2026-10-08"): "台风停工"})
    info = cal.day_info(d("2026-10-08"))
    assert not cal.is_working_day(d("2026-10-08"))
    assert (info.kind, info.name, info.source) == (DayKind.HOLIDAY, "台风停工", "override")


def test_override_makes_an_official_holiday_a_working_day() -> None:
    cal = WorkCalendar(overrides={d("2026-10-05"): True, d("2026-10-03"): True})
    monday, saturday = cal.day_info(d("2026-10-05")), cal.day_info(d("2026-10-03"))
    assert (monday.kind, monday.source, monday.is_working) == (DayKind.WORKDAY, "override", True)
    assert (saturday.kind, saturday.name, saturday.is_working) == (DayKind.ADJUSTED_WORKDAY, "调休上班", True)


def test_override_cancels_an_official_makeup_day() -> None:
    cal = WorkCalendar(overrides={d("2026-09-20"): False})
    info = cal.day_info(d("2026-09-20"))
    assert (info.kind, info.name, info.source, info.is_working) == (DayKind.WEEKEND, None, "override", False)


def test_override_agreeing_with_the_data_keeps_its_kind_and_name() -> None:
    cal = WorkCalendar(overrides={d("2026-02-17"): False, d("2026-02-14"): True})
    assert cal.day_info(d("2026-02-17")) == DayInfo(d("2026-02-17"), DayKind.HOLIDAY, "春节", "override")
    assert cal.day_info(d("2026-02-14")).kind is DayKind.ADJUSTED_WORKDAY


def test_override_wins_over_the_2027_rule_both_ways() -> None:
    cal = WorkCalendar(overrides={d("2027-02-20"): True, d("2027-02-09"): False})
    assert cal.is_working_day(d("2027-02-20"))  # a Saturday
    assert not cal.is_working_day(d("2027-02-09"))  # a Tuesday
    assert not cal.is_official(2027)  # a few overrides do not make a year official


def test_override_keys_given_as_datetimes_apply_to_their_date() -> None:
    cal = WorkCalendar(overrides={datetime(2026, 10, 8, 9, 0): False})
    assert not cal.is_working_day(d("2026-10-08"))


def test_override_names_a_weekend_rest_day_as_a_holiday() -> None:
    cal = WorkCalendar(overrides={d("2027-02-06"): False}, override_names={d("2027-02-06"): "春节"})
    assert cal.day_info(d("2027-02-06")).kind is DayKind.HOLIDAY


SCHEDULE_2027 = """\ufeff# 国务院办公厅 2027 年部分节假日安排 (a made-up example for the tests)
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-13,班,春节调休

2027-02-20,班
2027-10-01,holiday,国庆节
2027-10-09,workday
"""


def test_imported_official_year_uses_weekday_rule_plus_the_schedule_only() -> None:
    overrides, names = parse_schedule_with_notes(SCHEDULE_2027)
    cal = WorkCalendar(overrides=overrides, official_years=[2027], override_names=names)
    assert cal.is_official(2027)
    assert cal.unofficial_years(d("2027-01-01"), d("2027-12-31")) == []
    assert cal.is_working_day(d("2027-02-13")) and cal.day_info(d("2027-02-13")).name == "春节调休"
    assert not cal.is_working_day(d("2027-02-11"))
    assert cal.day_info(d("2027-02-11")).name == "春节"
    # Rule holidays the imported schedule does not list are ordinary days in an official year.
    assert cal.is_working_day(d("2027-06-09"))  # 端午 by rule, not in this schedule
    assert cal.day_info(d("2027-06-09")).source == "official"
    assert cal.is_working_day(d("2027-10-09"))
    assert not cal.is_working_day(d("2027-10-02"))  # a Saturday, not listed


def test_official_years_alone_marks_a_year_official() -> None:
    assert WorkCalendar(official_years=[2027]).is_official(2027)


# --------------------------------------------------------------------------- schedule parsing


def test_parse_schedule_reads_dates_kinds_comments_and_blank_lines() -> None:
    assert parse_schedule(SCHEDULE_2027) == {
        d("2027-01-01"): False,
        **{day: False for day in days("2027-02-05", "2027-02-11")},
        d("2027-02-13"): True,
        d("2027-02-20"): True,
        d("2027-10-01"): False,
        d("2027-10-09"): True,
    }


def test_parse_schedule_accepts_aliases_fullwidth_commas_and_slashes() -> None:
    text = "2027-01-01,OFF\n2027/1/2，Work\n2027-01-03, holiday , note, with comma\n2027-01-04,上班\n2027-01-05,放假"
    days_, notes = parse_schedule_with_notes(text)
    assert days_ == {
        d("2027-01-01"): False,
        d("2027-01-02"): True,
        d("2027-01-03"): False,
        d("2027-01-04"): True,
        d("2027-01-05"): False,
    }
    assert notes == {d("2027-01-03"): "note, with comma"}


def test_parse_schedule_allows_a_repeated_identical_line() -> None:
    assert parse_schedule("2027-01-01,休\n2027-01-01,off") == {d("2027-01-01"): False}


@pytest.mark.parametrize(
    "text,line",
    [
        ("2027-01-01,休\n2027-13-01,休", 2),
        ("2027-01-01", 1),
        ("# c\n\n2027-01-01,maybe", 3),
        ("2027-02-30,班", 1),
        ("20270101,休", 1),
        ("2027-01-01,休\n2027-01-01,班", 2),
        ("hello", 1),
    ],
)
def test_parse_schedule_names_the_bad_line(text: str, line: int) -> None:
    with pytest.raises(ValueError, match=f"line {line}"):
        parse_schedule(text)


def test_parse_schedule_of_empty_text_is_empty() -> None:
    assert parse_schedule("") == {}
    assert parse_schedule("# nothing yet\n\n") == {}


@PROPERTY
@given(st.text())
def test_parse_schedule_raises_only_value_error_on_garbage(text: str) -> None:
    try:
        result = parse_schedule(text)
    except ValueError:
        return
    assert all(isinstance(k, date) and isinstance(v, bool) for k, v in result.items())


# --------------------------------------------------------------------------- office hours


def test_default_office_hours_have_a_lunch_break_and_seven_and_a_half_hours() -> None:
    assert DEFAULT_OFFICE_HOURS.segments == ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))
    assert DEFAULT_OFFICE_HOURS.seconds_per_day == 7.5 * 3600
    assert str(DEFAULT_OFFICE_HOURS) == "08:30-12:00,13:30-17:30"
    assert WorkCalendar().office_hours == DEFAULT_OFFICE_HOURS


@pytest.mark.parametrize(
    "text,expected",
    [
        ("08:30-12:00,13:30-17:30", "08:30-12:00,13:30-17:30"),
        (" 9:00 - 17:00 ", "09:00-17:00"),
        ("０８：００－１２：００，１４：００－１８：００", "08:00-12:00,14:00-18:00"),
        ("00:00-23:59:59", "00:00-23:59:59"),
        ("08:00-12:00,12:00-13:00", "08:00-12:00,12:00-13:00"),
        ("08:30-12:00;13:30-17:30", "08:30-12:00,13:30-17:30"),
        ("08:30-12:00、13:30-17:30", "08:30-12:00,13:30-17:30"),
    ],
)
def test_office_hours_parse_and_format_round_trip(text: str, expected: str) -> None:
    hours = OfficeHours.parse(text)
    assert str(hours) == expected
    assert OfficeHours.parse(str(hours)) == hours


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("08:30", "not like"),
        ("12:00-08:00", "ends before it starts"),
        ("08:00-08:00", "ends before it starts"),
        ("08:00-12:00,11:00-14:00", "overlaps"),
        ("13:30-17:30,08:30-12:00", "overlaps or comes before"),
        ("25:00-26:00", "not a valid time"),
        ("8h-12h", "not a time"),
        ("08:30-12:00,", "not like"),
        ("08:30-12:00-13:00", "not like"),
    ],
)
def test_office_hours_parse_rejects_bad_input_clearly(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficeHours.parse(text)


def test_office_hours_constructor_validates_and_accepts_lists() -> None:
    hours = OfficeHours([[time(9), time(12)]])
    assert hours.segments == ((time(9), time(12)),) and hash(hours)
    with pytest.raises(ValueError, match="at least one"):
        OfficeHours(())
    with pytest.raises(ValueError, match="pair of times"):
        OfficeHours(((time(9), "12:00"),))


@PROPERTY
@given(st.text())
def test_office_hours_parse_raises_only_value_error_on_garbage(text: str) -> None:
    try:
        hours = OfficeHours.parse(text)
    except ValueError:
        return
    assert OfficeHours.parse(str(hours)) == hours


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 86399), st.integers(1, 7200)), min_size=1, max_size=4))
def test_office_hours_valid_segments_round_trip(raw: list[tuple[int, int]]) -> None:
    def t(seconds: int) -> time:
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)

    segments, cursor = [], 0
    for gap, length in raw:
        start = cursor + gap % 3600
        end = start + length
        if end > 86399:
            break
        segments.append((t(start), t(end)))
        cursor = end
    if not segments:
        return
    hours = OfficeHours(tuple(segments))
    assert OfficeHours.parse(str(hours)) == hours
    assert hours.seconds_per_day == sum(
        (datetime.combine(date.min, e) - datetime.combine(date.min, s)).seconds for s, e in segments
    )


# --------------------------------------------------------------------------- day index


def test_working_days_before_the_epoch_is_zero_and_counts_up() -> None:
    cal = WorkCalendar()
    assert cal.working_days_before(CALENDAR_EPOCH) == 0
    first = cal.nth_working_day(0)
    assert cal.is_working_day(first)
    assert all(not cal.is_working_day(day) for day in days(CALENDAR_EPOCH.isoformat(), first.isoformat())[:-1])


def test_working_days_before_matches_a_day_by_day_count_for_2025_to_2027() -> None:
    cal = WorkCalendar()
    base = cal.working_days_before(d("2025-01-01"))
    count = 0
    for day in days("2025-01-01", "2027-12-31"):
        assert cal.working_days_before(day) == base + count
        if cal.is_working_day(day):
            assert cal.nth_working_day(base + count) == day
            count += 1


def test_day_index_covers_the_whole_supported_range() -> None:
    cal = WorkCalendar()
    total = cal.working_days_before(CALENDAR_LAST_DAY + timedelta(days=1))
    assert cal.nth_working_day(total - 1) <= CALENDAR_LAST_DAY
    with pytest.raises(ValueError, match="beyond the supported calendar"):
        cal.nth_working_day(total)
    with pytest.raises(ValueError, match=">= 0"):
        cal.nth_working_day(-1)


@pytest.mark.parametrize("day", [date(1989, 12, 31), date(2100, 1, 2), date(1, 1, 1)])
def test_day_index_rejects_dates_outside_the_supported_range(day: date) -> None:
    with pytest.raises(ValueError, match="outside the supported calendar"):
        WorkCalendar().working_days_before(day)
    with pytest.raises(ValueError, match="outside the supported calendar"):
        WorkCalendar().day_position(day)


def test_day_index_respects_overrides() -> None:
    plain = WorkCalendar()
    cal = WorkCalendar(overrides={d("2026-10-05"): True, d("2026-10-09"): False})
    start, end = d("2026-10-01"), d("2026-10-12")
    assert cal.working_days_before(end) - cal.working_days_before(start) == (
        plain.working_days_before(end) - plain.working_days_before(start)
    )
    assert cal.day_position(d("2026-10-05"))[1] and not cal.day_position(d("2026-10-09"))[1]


@PROPERTY
@given(st.dates(CALENDAR_EPOCH, CALENDAR_LAST_DAY))
def test_day_position_is_working_days_before_and_is_working_day(day: date) -> None:
    before, working = CAL.day_position(day)
    assert before == CAL.working_days_before(day)
    assert working is CAL.is_working_day(day)
    assert CAL.working_days_before(day + timedelta(days=1)) == before + working
    if working:
        assert CAL.nth_working_day(before) == day
    else:
        assert CAL.nth_working_day(before) > day


@PROPERTY
@given(st.integers(0, 27_000))
def test_nth_working_day_is_the_inverse_of_working_days_before(k: int) -> None:
    day = CAL.nth_working_day(k)
    assert CAL.is_working_day(day)
    assert CAL.working_days_before(day) == k


def test_day_index_is_built_lazily_up_to_the_needed_year() -> None:
    cal = WorkCalendar()
    cal.working_days_before(d("2026-05-01"))
    assert cal._indexed_through == 2026
    cal.nth_working_day(cal.working_days_before(d("2026-12-31")) + 10)
    assert cal._indexed_through == 2027
