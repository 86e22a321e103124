"""Helpers for the intake/detail widget tests: Chinese typing, table texts, finding demo records.

The database, clock and DeskContext fixtures come from tests/conftest.py and tests/ui/conftest.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTableWidget, QWidget

from desk_app.core.states import OPEN_STATES
from desk_app.models.schema import Customer, Department, Staff, Ticket
from desk_app.services.desk import Actor

# The offscreen platform warns on every shown window with a layout; it says nothing about our code.
IGNORE_OFFSCREEN = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def type_text(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it: the way Chinese reaches a widget (keyClicks is ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def table_texts(table: QTableWidget, column: int | None = None) -> list:
    """Every row of a QTableWidget as a list of cell texts (or only one column's texts)."""
    rows = []
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        rows.append(cells if column is None else cells[column])
    return rows


def customer_with_open_tickets() -> Customer:
    """A demo customer who has at least one open ticket."""
    ticket = (Ticket.select().where(Ticket.customer.is_null(False) & Ticket.state.in_([s.value for s in OPEN_STATES]))
              .order_by(Ticket.id).first())
    return Customer.get_by_id(ticket.customer_id)


def receiver_of(department_name: str) -> Actor:
    department = Department.get(Department.name == department_name)
    return Actor.of(Staff.get_by_id(department.receiver_id))


def staff(username: str) -> Actor:
    return Actor.of(Staff.get(Staff.username == username))


def member(username: str, name: str, role: str, department: str | None = None) -> Actor:
    """A staff member of the demo, made if the demo has none by that username (e.g. the office, the center)."""
    found = Staff.get_or_none(Staff.username == username)
    if found is None:
        department_id = Department.get(Department.name == department).id if department else None
        found = Staff.create(username=username, name=name, role=role, department=department_id)
    return Actor.of(found)


def leader_of(department_name: str) -> Actor:
    department = Department.get(Department.name == department_name)
    return Actor.of(Staff.get((Staff.department == department.id) & (Staff.role == "leader")))
