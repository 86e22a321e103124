"""Errors the service layer raises for a user to read: an English template (translated by the UI) and its field."""

from __future__ import annotations

from typing import Any

from desk_app.core.labels import QT_TRANSLATE_NOOP


class DeskError(Exception):
    """A refused action or bad input. `message` is a template marked with QT_TRANSLATE_NOOP("DeskError", ...)."""

    def __init__(self, message: str, *, field: str | None = None, **params: Any) -> None:
        self.message = message
        self.field = field
        self.params = params
        super().__init__(self.render())

    def render(self, template: str | None = None) -> str:
        """The message with its parameters filled in; `template` is the translated template, if any."""
        return (template or self.message).format(**self.params)


class ValidationError(DeskError):
    """Input that cannot be saved; `field` names the form field it belongs to."""


class PermissionDenied(DeskError):
    """The actor's role or department does not allow the action."""


class ConflictError(DeskError):
    """Another desk changed the ticket since it was read (version check)."""


class NotFound(DeskError):
    """No such ticket, customer, department or staff member."""


class DatabaseUnavailable(DeskError):
    """The database server cannot be reached (stopped, restarting, network down); nothing was half-written."""

    def __init__(self, message: str | None = None, **params: Any) -> None:
        super().__init__(message or DATABASE_UNAVAILABLE, **params)


class DatabaseBusy(DeskError):
    """Other desks kept the database file busy for longer than the wait allows; nothing was written."""

    def __init__(self, message: str | None = None, **params: Any) -> None:
        super().__init__(message or DATABASE_BUSY, **params)



DATABASE_UNAVAILABLE = QT_TRANSLATE_NOOP("DeskError", "The database cannot be reached; nothing was saved. Try again "
                                                      "when it is back.")
DATABASE_BUSY = QT_TRANSLATE_NOOP("DeskError", "The database is busy with other desks' work; nothing was saved. Try "
                                               "again in a moment.")
