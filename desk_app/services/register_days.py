"""Whether a day of the call/visit register (来电来访登记表) still takes changes: a day the supervisor signed, or a day
of an archived month, is read-only. Below the desk's writes, which ask it before they write or close a line; the
register's sign-off and archive (services.register) build above them."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.models.db import execute_prepared
from desk_app.models.schema import RegisterDay, RegisterMonth

R_DAY_CLOSED = QT_TRANSLATE_NOOP("DeskError", "The register of {day} is signed; ask the supervisor.")
R_ARCHIVED = QT_TRANSLATE_NOOP("DeskError", "The register of {month} is archived and read-only.")


def month_of(day: dt.date) -> str:
    """"2026-11" for any day of November 2026."""
    return f"{day.year:04d}-{day.month:02d}"


def ensure_day_open(day: dt.date | dt.datetime) -> None:
    """Refuse a change of the register of a signed day (or of an archived month), inside the caller's transaction:
    the desk calls it before it writes or closes a line."""
    day = day.date() if isinstance(day, dt.datetime) else day
    # One statement (every save of a call asks it), written once.
    signed, archived = execute_prepared("ensure_day_open", lambda: pw.Select(columns=[
        RegisterDay.select(RegisterDay.id).where(RegisterDay.day == day).limit(1).alias("signed"),
        RegisterMonth.select(RegisterMonth.id).where(RegisterMonth.month == "").limit(1).alias("archived")]),
        [RegisterDay.day.db_value(day), 1, month_of(day), 1]).fetchone()
    if signed is not None:
        raise ValidationError(R_DAY_CLOSED, day=day.isoformat())
    if archived is not None:
        raise ValidationError(R_ARCHIVED, month=month_of(day))
