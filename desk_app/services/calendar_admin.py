"""Calendar administration (working days, official schedules, office hours); used only as a base of DeskService."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desk_app.core.calendar import CALENDAR_EPOCH, CALENDAR_LAST_DAY, OfficeHours, parse_schedule_with_notes
from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.text import no_nul
from desk_app.models.db import database
from desk_app.models.schema import CalendarOverride, CalendarYear
from desk_app.services import audit
from desk_app.services.config import SETTING_OFFICE_HOURS, put_setting
from desk_app.services.events import Change

if TYPE_CHECKING:
    from desk_app.services.desk import Actor


class CalendarAdministration:
    """Changes of the working calendar: relies on DeskService's _require(), now(), forget_cached(), events and
    recompute_open_deadlines()."""

    # ----- calendar administration ------------------------------------------------------------------------------

    def set_calendar_day(self, actor: Actor, day: dt.date, working: bool | None, note: str = "") -> int:
        """Make a date a working day (True) or a day off (False), or drop the override (None); recompute deadlines."""
        actor = self._require(actor, Operation.ADMINISTER)
        no_nul(note, "note")
        _check_calendar_day(day)
        with database.atomic():
            CalendarOverride.delete().where(CalendarOverride.day == day).execute()
            if working is not None:
                CalendarOverride.create(day=day, working=working, note=(note or "")[:100])
            audit.record(actor.id, "calendar", "set_day", day.isoformat(),
                         {True: "班", False: "休", None: "取消调整"}[working] + (f"；{note}" if note else ""),
                         at=self.now())
        return self._calendar_changed()

    def import_official_schedule(self, actor: Actor, year: int, text: str) -> int:
        """Enter a year's official schedule as published (holidays and adjusted working days); it becomes official."""
        actor = self._require(actor, Operation.ADMINISTER)
        no_nul(text, "schedule")
        if not CALENDAR_EPOCH.year <= year <= CALENDAR_LAST_DAY.year:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The working calendar covers {first} to {last}."),
                                  field="year", first=CALENDAR_EPOCH.year, last=CALENDAR_LAST_DAY.year)
        try:
            days, notes = parse_schedule_with_notes(text)
        except ValueError as error:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Cannot read the schedule: {error}"),
                                  field="schedule", error=str(error)[:200]) from None
        wrong = sorted(d for d in days if d.year != year)
        if wrong:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "{day} is not in {year}."), field="schedule",
                                  day=wrong[0].isoformat(), year=year)
        if not any(working is False for working in days.values()):
            # An empty file (or only working days) would make the year official with no holidays at all.
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The schedule names no day off (休) of {year}."),
                                  field="schedule", year=year)
        with database.atomic():
            CalendarOverride.delete().where(
                (CalendarOverride.day >= dt.date(year, 1, 1)) & (CalendarOverride.day <= dt.date(year, 12, 31))
            ).execute()
            for day, working in sorted(days.items()):
                CalendarOverride.create(day=day, working=working, note=notes.get(day, "")[:100])
            CalendarYear.insert(year=year).on_conflict_ignore().execute()
            audit.record(actor.id, "calendar", "import_year", year, f"{len(days)} 天", at=self.now())
        return self._calendar_changed()

    def set_office_hours(self, actor: Actor, text: str) -> int:
        actor = self._require(actor, Operation.ADMINISTER)
        no_nul(text, "office_hours")
        try:
            hours = OfficeHours.parse(text)
        except ValueError as error:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "{error}"), field="office_hours",
                                  error=str(error)) from None
        with database.atomic():
            put_setting(SETTING_OFFICE_HOURS, str(hours))
            audit.record(actor.id, "calendar", "office_hours", "", str(hours), at=self.now())
        return self._calendar_changed()

    def _calendar_changed(self) -> int:
        self.forget_cached()
        count = self.recompute_open_deadlines()
        self.events.emit(Change("calendar", "changed"))
        return count


def _check_calendar_day(day: dt.date) -> None:
    """A date the working calendar covers (its day indexes run from CALENDAR_EPOCH to CALENDAR_LAST_DAY)."""
    if not CALENDAR_EPOCH <= day <= CALENDAR_LAST_DAY:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The working calendar covers {first} to {last}."),
                              field="day", first=CALENDAR_EPOCH.year, last=CALENDAR_LAST_DAY.year)
