"""The one check of typed text before it is stored or used (pure): no NUL character, no lone surrogate. The services
(through core.validation), the command line's arguments and the window's forms ask it."""

from __future__ import annotations

from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP


def text_problem(value: str | None) -> str | None:
    """Why a text may not be stored, or None: a NUL character (the databases store it differently or not at all), or
    a lone surrogate such as '\\ud800' (not UTF-8: PostgreSQL, SQLite's text and the files the program writes refuse
    it). The one check of typed text: `no_nul`, `text_field` and the command line use it."""
    if not isinstance(value, str) or not value:
        return None
    if "\x00" in value:
        return QT_TRANSLATE_NOOP("DeskError", "The text contains a NUL character.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return QT_TRANSLATE_NOOP("DeskError", "The text contains characters that are not Unicode text.")
    return None


def no_nul(value: str | None, field: str) -> None:
    """ValidationError on `field` if the text may not be stored (`text_problem`: NUL, lone surrogates)."""
    problem = text_problem(value)
    if problem is not None:
        raise ValidationError(problem, field=field)


def check_texts(**fields: object) -> None:
    """no_nul for each text given by its field name (`check_texts(note=note, worker=worker)`), the first line of a
    service that takes typed text: a bad text is a ValidationError on its field before anything is read or written.
    Values that are not text (None, numbers) pass."""
    for field, value in fields.items():
        if isinstance(value, str):
            no_nul(value, field)
