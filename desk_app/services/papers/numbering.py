"""The numbers of printed forms: each form its own yearly sequence (2026-0001), drawn at the first print of a thing
and kept by every reprint (补打), unique when several desks print at once, never reused.

Below the desk's services (it takes any actor with an `id`), so that every service that prints may use it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol

from desk_app.core.errors import ConflictError, ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.papers import REPRINT_MARK, FormKind, form_number, number_year
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import FormIssue, NumberSequence

__all__ = ["REPRINT_MARK", "FormKind", "IssuedNumber", "Printer", "issue", "sequence_name"]

MAX_REF = FormIssue.ref.max_length
MAX_NUMBER = FormIssue.number.max_length


class Printer(Protocol):
    """Who prints: a staff member's id is all the numbering needs (services.desk.Actor is one)."""

    @property
    def id(self) -> int: ...


@dataclass(frozen=True)
class IssuedNumber:
    number: str      # "2026-0001"
    reprint: bool    # printed before: the form says 补打
    times: int       # how many times printed, this one included


def sequence_name(form: FormKind) -> str:
    """The form's row in number_sequence (one per year)."""
    return f"form:{form.value}"


def issue(form: FormKind, ref: str, actor: Printer, *, at: dt.datetime | None = None,
          number: str | None = None) -> IssuedNumber:
    """Number one print of `form` for `ref` (what is printed: a ticket number, a register's period, an item's id).

    The first print of (form, ref) draws the next number of the form's sequence for the year of `at` (default now);
    every later print returns that number again as a reprint and counts it. `number` records a number the printed
    thing already carries (a construction task's, a notice's) instead of drawing one; it is refused when another ref
    of the form has it, or when this ref was printed with another. Inside the caller's transaction if there is one.
    """
    form = FormKind(form)
    ref = _required(ref, "ref", MAX_REF)
    given = _required(number, "number", MAX_NUMBER) if number is not None else None
    at = (at or dt.datetime.now()).replace(microsecond=0)
    with database.atomic():
        # Two desks printing the same thing at once: the second waits here and then finds the first's row.
        _lock_sequence(form, at.year)
        row = FormIssue.get_or_none((FormIssue.form == form.value) & (FormIssue.ref == ref))
        if row is not None:
            if given is not None and given != row.number:
                raise ConflictError(QT_TRANSLATE_NOOP("DeskError", "{ref} was printed as {form} No. {printed}, not "
                                                                   "{number}."),
                                    field="number", ref=ref, form=form, printed=row.number, number=given)
            FormIssue.update(times=FormIssue.times + 1, last_by=actor.id, last_at=at) \
                .where(FormIssue.id == row.id).execute()
            return IssuedNumber(row.number, reprint=True, times=row.times + 1)
        if given is not None:
            holder = FormIssue.get_or_none((FormIssue.form == form.value) & (FormIssue.number == given))
            if holder is not None:
                raise ConflictError(QT_TRANSLATE_NOOP("DeskError", "{form} No. {number} is already printed for "
                                                                   "{other}."),
                                    field="number", form=form, number=given, other=holder.ref)
            printed, year = given, number_year(given) or at.year
        else:
            printed, year = _draw(form, at.year), at.year
        FormIssue.create(form=form.value, ref=ref, number=printed, year=year, first_by=actor.id, first_at=at,
                         last_by=actor.id, last_at=at, times=1)
    return IssuedNumber(printed, reprint=False, times=1)


def _required(value: str | None, field: str, limit: int) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
    if len(text) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."),
                              field=field, limit=limit)
    return text


def _sequence(form: FormKind, year: int):
    return (NumberSequence.name == sequence_name(form)) & (NumberSequence.year == year)


def _lock_sequence(form: FormKind, year: int) -> None:
    """Hold the form's sequence row of `year` until the transaction ends: on SQLite the write transaction (BEGIN
    IMMEDIATE) already serialises the desks; on PostgreSQL the row lock does."""
    NumberSequence.insert(name=sequence_name(form), year=year, value=0).on_conflict_ignore().execute()
    if is_postgres():
        NumberSequence.select(NumberSequence.id).where(_sequence(form, year)).for_update().execute()


def _draw(form: FormKind, year: int) -> str:
    """The next number of the form's sequence that no print of the form carries yet (one recorded with `number=`
    may have taken it); a number passed over is not drawn again."""
    while True:
        NumberSequence.update(value=NumberSequence.value + 1).where(_sequence(form, year)).execute()
        drawn = form_number(year, NumberSequence.get(_sequence(form, year)).value)
        if not FormIssue.select().where((FormIssue.form == form.value) & (FormIssue.number == drawn)).exists():
            return drawn
