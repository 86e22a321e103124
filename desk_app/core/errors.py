"""Errors the service layer raises for a user to read: an English template (translated by the UI) and its field."""

from __future__ import annotations

from typing import Any


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
