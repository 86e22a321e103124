"""Form helpers shared by the intake panel and the action dialogs: errors shown next to their field, limit text."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.kinds import Escalation
from desk_app.core.states import State
from desk_app.core.timelimits import LimitSpec, Unit
from desk_app.ui.common import error_text

ERROR_STYLE = "color: #c62828;"
HINT_STYLE = "color: #8a4b00;"
INVALID_PROPERTY = "invalid"

T = TypeVar("T")

PRIORITY_COLORS = {1: ("#c62828", "#ffffff"), 2: ("#ef6c00", "#ffffff"), 3: ("#f9a825", "#3e2723"),
                   4: ("#1565c0", "#ffffff"), 5: ("#78909c", "#ffffff")}
# Chip colours (background, text) by state, one group per stage of the lifecycle; every State has one (a test
# checks), and an unknown stored value falls back to the neutral colours rather than failing.
_HANDLING = ("#e0f2f1", "#00695c")
_APPROVING = ("#e8eaf6", "#283593")
_DONE = ("#e8f5e9", "#1b5e20")
NEUTRAL_COLORS = ("#eceff1", "#455a64")
STATE_COLORS: dict[State, tuple[str, str]] = {
    State.NEW: ("#fff3cd", "#7a4f01"),
    State.RETURNED: ("#fde0e0", "#8e1c1c"),
    State.DISPATCHED: ("#e3f2fd", "#0d47a1"),
    State.ACCEPTED: _HANDLING,
    State.APPOINTED: _HANDLING,
    State.IN_PROGRESS: _HANDLING,
    State.BLOCKED: ("#ede7f6", "#4527a0"),
    State.PENDING_LEADER: _APPROVING,
    State.PENDING_OFFICE: _APPROVING,
    State.PENDING_CENTER: _APPROVING,
    # 10086 analysis and quality check: steps of other groups before the desk replies.
    State.PENDING_COORDINATION: ("#e0f7fa", "#006064"),
    State.PENDING_QUALITY: ("#f9fbe7", "#827717"),
    State.PENDING_AUDIT: ("#f3e5f5", "#6a1b9a"),
    State.PENDING_REPLY: ("#fce4ec", "#880e4f"),
    State.RESOLVED: _DONE,
    State.VISITED: _DONE,
    State.ARCHIVED: NEUTRAL_COLORS,
}
# 投诉分级 chips: general → department leader, emergency/complex → and the supervisor, major → and the center leader.
ESCALATION_COLORS: dict[Escalation, tuple[str, str]] = {
    Escalation.GENERAL: ("#e3f2fd", "#0d47a1"),
    Escalation.EMERGENCY: ("#ffe0b2", "#a84300"),
    Escalation.MAJOR: ("#c62828", "#ffffff"),
}


def priority_colors(level: int) -> tuple[str, str]:
    """Background and text colour of a priority chip."""
    return PRIORITY_COLORS.get(level, PRIORITY_COLORS[5])


def state_colors(state: str) -> tuple[str, str]:
    """Background and text colour of a state chip (never fails: unknown values get the neutral colours)."""
    try:
        return STATE_COLORS.get(State(state), NEUTRAL_COLORS)
    except ValueError:
        return NEUTRAL_COLORS


def escalation_colors(level: str | None) -> tuple[str, str]:
    """Background and text colour of an escalation-level chip."""
    try:
        return ESCALATION_COLORS.get(Escalation(level), NEUTRAL_COLORS)
    except ValueError:
        return NEUTRAL_COLORS


def limit_text(spec: LimitSpec | str) -> str:
    """A time limit in the interface language: "3 working days" / "3个工作日", "20 min" / "20分钟"."""
    if isinstance(spec, str):
        spec = LimitSpec.parse(spec)
    # Singular and plural sources so English reads naturally; Chinese translates both alike (3个工作日).
    one = spec.amount == 1
    unit = spec.unit
    if unit is Unit.DAYS and spec.amount == 0:
        return QCoreApplication.translate("Limit", "the same day")
    if unit is Unit.MINUTES:
        text = QCoreApplication.translate("Limit", "{n} min")
    elif unit is Unit.HOURS:
        text = QCoreApplication.translate("Limit", "{n} h")
    elif unit is Unit.WORKING_HOURS:
        text = (QCoreApplication.translate("Limit", "{n} working hour") if one
                else QCoreApplication.translate("Limit", "{n} working hours"))
    elif unit is Unit.WORKING_DAYS:
        text = (QCoreApplication.translate("Limit", "{n} working day") if one
                else QCoreApplication.translate("Limit", "{n} working days"))
    else:
        text = (QCoreApplication.translate("Limit", "{n} day") if one
                else QCoreApplication.translate("Limit", "{n} days"))
    return text.format(n=spec.amount)


class FieldErrors(QObject):
    """Red messages under the fields a DeskError names, and one general line for the rest.

    Register each field's error label (and the input widget, which gets a red frame) under the service's field
    name; aliases map other names to the same place (the call's `content` and the ticket's `description`).
    """

    def __init__(self, general: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._general = general
        self._labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._aliases: dict[str, str] = {}
        style_error_label(general)
        general.hide()

    def add(self, field: str, label: QLabel, widget: QWidget | None = None, *aliases: str) -> QLabel:
        style_error_label(label)
        label.hide()
        self._labels[field] = label
        if widget is not None:
            self._inputs[field] = widget
        for alias in aliases:
            self._aliases[alias] = field
        return label

    def label(self, field: str) -> QLabel | None:
        """The error label for a field (or alias), e.g. to check what it says."""
        return self._labels.get(self._aliases.get(field, field))

    @property
    def general(self) -> QLabel:
        return self._general

    def show_error(self, error: DeskError) -> QWidget | None:
        """Put the message next to its field (else on the general line); returns the input to focus, if any."""
        self.clear()
        field = self._aliases.get(error.field or "", error.field or "")
        text = error_text(error)
        label = self._labels.get(field)
        if label is None:
            self.show_general(text)
            return None
        label.setText(text)
        label.show()
        widget = self._inputs.get(field)
        if widget is not None:
            _set_invalid(widget, True)
        return widget

    def show_errors(self, errors: list[DeskError]) -> list[QWidget]:
        """Show several errors at once (each next to its field); returns the inputs concerned, in order."""
        self.clear()
        widgets = []
        for error in errors:
            field = self._aliases.get(error.field or "", error.field or "")
            label = self._labels.get(field)
            if label is None:
                self.show_general(error_text(error))
                continue
            label.setText(error_text(error))
            label.show()
            widget = self._inputs.get(field)
            if widget is not None:
                _set_invalid(widget, True)
                widgets.append(widget)
        return widgets

    def show_general(self, text: str) -> None:
        """An error that belongs to no field (or to the whole form)."""
        self._general.setStyleSheet(ERROR_STYLE)
        self._general.setText(text)
        self._general.show()

    def show_hint(self, text: str) -> None:
        """A note on the general line that is not an error (e.g. "press Esc again")."""
        self._general.setStyleSheet(HINT_STYLE)
        self._general.setText(text)
        self._general.show()

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        for widget in self._inputs.values():
            _set_invalid(widget, False)
        self._general.clear()
        self._general.hide()

    def clear_field(self, field: str) -> None:
        field = self._aliases.get(field, field)
        label = self._labels.get(field)
        if label is not None and label.isVisible():
            label.clear()
            label.hide()
        widget = self._inputs.get(field)
        if widget is not None:
            _set_invalid(widget, False)

    def visible_errors(self) -> dict[str, str]:
        """Field name → message for every error shown now ("" for the general line)."""
        shown = {f: lb.text() for f, lb in self._labels.items() if not lb.isHidden() and lb.text()}
        if not self._general.isHidden() and self._general.text():
            shown[""] = self._general.text()
        return shown


def collect_errors(validate: Callable[[T], object], draft: T, stand_ins: dict[str, dict], limit: int = 12) -> list[
        ValidationError]:
    """Every input error of a draft, not just the first: validate, note the error, put a valid stand-in in that
    field, validate again. The rules stay in the core; `stand_ins` maps a field to replacement values.
    """
    errors: list[ValidationError] = []
    for _ in range(limit):
        try:
            validate(draft)
        except ValidationError as error:
            errors.append(error)
            patch = stand_ins.get(error.field or "")
            if patch is None:
                break
            draft = dataclasses.replace(draft, **patch)
            continue
        break
    return errors


def style_error_label(label: QLabel) -> None:
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property(INVALID_PROPERTY)) == invalid:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    # Re-polish so the `[invalid="true"]` rule of the style sheet applies now.
    widget.style().unpolish(widget)
    widget.style().polish(widget)
