"""处理记录: the detail pane's table of everything done to a ticket, oldest first.

Its texts keep the translation context "DetailPane" they had when they were written in the pane itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from desk_app.core.kinds import Escalation, Satisfaction
from desk_app.core.states import Action, State
from desk_app.services.views import TicketDetail
from desk_app.ui.common import format_time, label_of
from desk_app.ui.detail.common import ReadOnlyTable


def history_names() -> dict[str, str]:
    """Names of the history entries that are not state-machine actions."""
    return {
        "create": QCoreApplication.translate("DetailPane", "Created"),
        "escalate": QCoreApplication.translate("DetailPane", "Escalated"),
        "sensitive": QCoreApplication.translate("DetailPane", "Sensitivity"),
        "circulate": QCoreApplication.translate("DetailPane", "Circulated"),
        "quote": QCoreApplication.translate("DetailPane", "Price quoted"),
        "consent": QCoreApplication.translate("DetailPane", "Owner's answer"),
        "construction": QCoreApplication.translate("DetailPane", "Construction task"),
        "construction_confirm": QCoreApplication.translate("DetailPane", "Marketing confirmed"),
        "construction_done": QCoreApplication.translate("DetailPane", "Construction done"),
        "release": QCoreApplication.translate("DetailPane", "Released from quarantine"),
        "merge_customer": QCoreApplication.translate("DetailPane", "Customer archives merged"),
    }


class HistoryTable(ReadOnlyTable):
    """One row per history entry: when, by whom, what, the state change and the note (in full as a tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(5, parent)
        header = self.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def translate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate("DetailPane", "Time"), QCoreApplication.translate("DetailPane", "By"),
             QCoreApplication.translate("DetailPane", "Action"), QCoreApplication.translate("DetailPane", "State"),
             QCoreApplication.translate("DetailPane", "Note")])

    def show_history(self, d: TicketDetail) -> None:
        self.setRowCount(len(d.history))
        names = history_names()
        for row, line in enumerate(d.history):
            action = names.get(line.action) or label_of(Action, line.action)
            if line.from_state and line.to_state and line.from_state != line.to_state:
                states = f"{label_of(State, line.from_state)} → {label_of(State, line.to_state)}"
            else:
                states = label_of(State, line.to_state)
            note = "; ".join(label_of(Satisfaction, part) if part in set(Satisfaction) else part
                             for part in line.note.split("; ")) if line.note else ""
            if line.action == "escalate" and note:
                level, _, rest = note.partition("；")
                note = "；".join(p for p in (label_of(Escalation, level), rest) if p)
            texts = [line.at.strftime("%m-%d %H:%M"), line.actor, action, states, note]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(format_time(line.at))
                if column == 4:
                    item.setToolTip(line.note)
                self.setItem(row, column, item)
        self.fit_height()
