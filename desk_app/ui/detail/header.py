"""The detail pane's top line: the ticket's number, its state, priority, complaint level, escalation and sensitivity
chips, its kind, and the button that prints its dispatch slip.

Its texts keep the translation context "DetailPane" they had when they were written in the pane itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QWidget

from desk_app.core.kinds import ComplaintLevel, Escalation, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.states import State
from desk_app.services.views import TicketDetail
from desk_app.ui.common import label, label_of
from desk_app.ui.forms import escalation_colors, priority_colors, state_colors


class TicketHeader(QFrame):
    """The chips are drawn by the pane's style sheet (PANE_STYLE), found by their object names; the pane connects
    `print_button` and decides whether it shows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailHeader")
        self.number_label = QLabel()
        self.number_label.setObjectName("ticketNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("stateChip")
        self.priority_label = QLabel()
        self.priority_label.setObjectName("priorityChip")
        self.kind_label = QLabel()
        self.kind_label.setObjectName("kindText")
        self.print_button = QPushButton()
        # The ticket's other papers (task sheet, ticket form, incident report): the pane fills the menu.
        self.forms_button = QToolButton()
        self.forms_button.setObjectName("forms_button")
        self.forms_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.forms_menu = QMenu(self.forms_button)
        self.forms_button.setMenu(self.forms_menu)
        self.level_chip = QLabel()
        self.level_chip.setObjectName("levelChip")
        self.escalation_chip = QLabel()
        self.escalation_chip.setObjectName("escalationChip")
        self.sensitive_chip = QLabel()
        self.sensitive_chip.setObjectName("sensitiveChip")

        top = QHBoxLayout(self)
        top.setContentsMargins(0, 0, 0, 6)
        top.setSpacing(10)
        top.addWidget(self.number_label)
        top.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.priority_label, 0, Qt.AlignmentFlag.AlignVCenter)
        for chip in (self.level_chip, self.escalation_chip, self.sensitive_chip):
            top.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.kind_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.forms_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def translate_ui(self) -> None:
        self.print_button.setText(QCoreApplication.translate("DetailPane", "Print dispatch slip"))
        self.print_button.setToolTip(QCoreApplication.translate("DetailPane", "Dispatch slip: preview, save as PDF, "
                                                                              "print"))
        self.forms_button.setText(QCoreApplication.translate("DetailPane", "Other papers"))
        self.forms_button.setToolTip(QCoreApplication.translate(
            "DetailPane", "The ticket's construction task sheet, handling form or incident report: preview and print"))
        self.sensitive_chip.setText(QCoreApplication.translate("DetailPane", "Sensitive"))
        self.sensitive_chip.setToolTip(QCoreApplication.translate(
            "DetailPane", "Public opinion, media or a major complaint: the office and the center leader approve too"))

    def show_ticket(self, d: TicketDetail) -> None:
        archived = State(d.state) == State.ARCHIVED
        self.number_label.setText(d.number)
        self.number_label.setStyleSheet("color: #78909c;" if archived else "")
        background, foreground = state_colors(d.state)
        self.state_label.setText(label_of(State, d.state))
        self.state_label.setStyleSheet(f"background: {background}; color: {foreground};")
        background, foreground = priority_colors(d.priority)
        self.priority_label.setText(f"P{d.priority}")
        self.priority_label.setStyleSheet(f"background: {background}; color: {foreground};")
        kind = [label_of(TicketKind, d.kind)]
        if d.variant:
            kind.append(label_of(Variant, d.variant))
        if d.severity:
            kind.append(label_of(Severity, d.severity))
        self.kind_label.setText(" · ".join(kind))
        formal = d.complaint_level == ComplaintLevel.FORMAL
        self.level_chip.setText(label(ComplaintLevel.FORMAL))
        self.level_chip.setToolTip(QCoreApplication.translate(
            "DetailPane", "Formal complaint: a repeat within 4 hours, or made in a business hall or through 12530"))
        self.level_chip.setVisible(formal)
        if d.escalation:
            background, foreground = escalation_colors(d.escalation)
            self.escalation_chip.setText(label_of(Escalation, d.escalation))
            self.escalation_chip.setStyleSheet(f"background: {background}; color: {foreground};")
        self.escalation_chip.setVisible(bool(d.escalation))
        self.sensitive_chip.setVisible(d.sensitive)
