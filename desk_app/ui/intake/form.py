"""受理单: the fields of the intake form, how they are laid out, and which of them each kind of ticket uses."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.kinds import Channel, Escalation, Level, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.routing import Scope
from desk_app.ui.common import label
from desk_app.ui.forms import FieldErrors
from desk_app.ui.intake.common import scaled_font
from desk_app.ui.intake.customer_card import CustomerCardView
from desk_app.ui.knowledge.suggestions import KbSuggestions

if TYPE_CHECKING:
    from desk_app.ui.intake.panel import IntakePanel

# Which variants each kind offers (a variant brings limits of its own: 急修, FTTH box/splitter).
KIND_VARIANTS: dict[TicketKind, tuple[Variant, ...]] = {
    TicketKind.REPAIR: (Variant.NONE, Variant.EMERGENCY, Variant.PAID),
    TicketKind.FAULT: (Variant.NONE, Variant.EMERGENCY),
    TicketKind.FTTH_INSTALL: (Variant.NONE, Variant.FTTH_BOX, Variant.FTTH_SPLITTER),
}
# Kinds whose routing may depend on where the problem is (inside a home / public area) and on the station.
SCOPE_KINDS = frozenset({TicketKind.REPAIR, TicketKind.COMPLAINT})
STATION_KINDS = frozenset({TicketKind.COMPLAINT, TicketKind.FAULT})
# A catalogue entry of a paid in-home repair is named with this word (户内有偿维修); it goes with Variant.PAID.
PAID_MARK = "有偿"


def build_form(panel: IntakePanel) -> None:
    """Make the panel's inputs (`phone_edit`, `kind_combo`, …), its buttons, message lines and shortcuts as
    attributes of `panel`, and lay them out; panel.translate_ui() gives them their texts."""
    panel.phone_edit = QLineEdit()
    panel.phone_edit.setFont(scaled_font(panel, 1.35, bold=True))
    panel.phone_edit.setMaxLength(40)
    panel.phone_edit.setClearButtonEnabled(True)
    panel.channel_combo = QComboBox()
    for channel in Channel:
        panel.channel_combo.addItem(label(channel), channel)
    panel.card_view = CustomerCardView()
    panel.card_view.hide()
    panel.caller_edit = QLineEdit()
    panel.caller_edit.setMaxLength(100)
    panel.address_edit = QLineEdit()
    panel.address_edit.setMaxLength(200)
    panel.area_edit = QLineEdit()
    panel.area_edit.setMaxLength(60)
    panel.content_edit = QPlainTextEdit()
    panel.content_edit.setTabChangesFocus(True)
    line = panel.fontMetrics().lineSpacing()
    panel.content_edit.setMinimumHeight(line * 4 + 12)
    panel.content_edit.setMaximumHeight(line * 9 + 12)
    panel.content_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    # 知识库: answers offered under the content while it is typed (hidden while nothing matches).
    panel.kb_suggestions = KbSuggestions()
    panel.kind_combo = QComboBox()
    panel.kind_combo.addItem("", None)
    for kind in TicketKind:
        panel.kind_combo.addItem(label(kind), kind)
    panel.variant_combo = QComboBox()
    panel.severity_combo = QComboBox()
    panel.severity_combo.addItem("", None)
    for severity in Severity:
        panel.severity_combo.addItem(label(severity), severity)
    panel.category_combo = QComboBox()
    panel.category_combo.setEditable(True)
    panel.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    panel.category_combo.lineEdit().setMaxLength(100)
    panel.scope_combo = QComboBox()
    for scope in Scope:
        panel.scope_combo.addItem(label(scope), scope.value)
    panel.station_combo = QComboBox()
    panel.station_combo.setEditable(True)
    panel.station_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    panel.station_combo.lineEdit().setMaxLength(60)
    panel.escalation_combo = QComboBox()
    panel.escalation_combo.addItem("", None)
    for level in Escalation:
        panel.escalation_combo.addItem(label(level), level.value)
    # No deadline is the edit's minimum, shown as a blank text; any later time is a deadline.
    panel.rectify_edit = QDateTimeEdit()
    panel.rectify_edit.setCalendarPopup(True)
    panel.rectify_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    panel.sensitive_check = QCheckBox()
    panel.urgency_combo = QComboBox()
    panel.impact_combo = QComboBox()
    for combo in (panel.urgency_combo, panel.impact_combo):
        for level in Level:
            combo.addItem(label(level), level)
    panel.priority_label = QLabel()
    panel.priority_label.setObjectName("priorityChip")
    panel.limits_label = QLabel()
    panel.limits_label.setObjectName("limitsLabel")
    panel.limits_label.setWordWrap(True)
    panel.solved_button = QPushButton()
    panel.create_button = QPushButton()
    panel.create_button.setDefault(False)
    panel.create_button.setStyleSheet(
        "QPushButton { background: #1565c0; color: white; font-weight: bold; padding: 5px 16px;"
        " border-radius: 3px; border: 1px solid #0d47a1; }"
        "QPushButton:hover { background: #1e74d2; } QPushButton:pressed { background: #0d47a1; }")
    panel.status_label = QLabel()
    panel.status_label.setObjectName("statusLine")
    panel.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    panel.route_label = QLabel()
    panel.route_label.setObjectName("routeLine")
    panel.route_label.setWordWrap(True)
    panel.route_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    panel.message_label = QLabel()
    panel.errors = FieldErrors(panel.message_label, panel)

    panel._captions: dict[str, QLabel] = {}

    def caption(key: str, buddy: QWidget) -> QLabel:
        lbl = QLabel()
        lbl.setBuddy(buddy)
        panel._captions[key] = lbl
        return lbl

    def error(field: str, widget: QWidget, *aliases: str) -> QLabel:
        return panel.errors.add(field, QLabel(), widget, *aliases)

    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(3)
    grid.setColumnStretch(1, 3)
    grid.setColumnStretch(3, 2)
    row = 0
    grid.addWidget(caption("phone", panel.phone_edit), row, 0)
    grid.addWidget(panel.phone_edit, row, 1)
    grid.addWidget(caption("channel", panel.channel_combo), row, 2)
    grid.addWidget(panel.channel_combo, row, 3)
    row += 1
    grid.addWidget(error("phone", panel.phone_edit), row, 1, 1, 3)
    row += 1
    grid.addWidget(panel.card_view, row, 0, 1, 4)
    row += 1
    grid.addWidget(caption("caller", panel.caller_edit), row, 0)
    grid.addWidget(panel.caller_edit, row, 1)
    row += 1
    grid.addWidget(error("caller_name", panel.caller_edit), row, 1, 1, 3)
    row += 1
    grid.addWidget(caption("address", panel.address_edit), row, 0)
    grid.addWidget(panel.address_edit, row, 1)
    grid.addWidget(caption("area", panel.area_edit), row, 2)
    grid.addWidget(panel.area_edit, row, 3)
    row += 1
    grid.addWidget(error("address", panel.address_edit), row, 1)
    grid.addWidget(error("area", panel.area_edit), row, 3)
    row += 1
    content_caption = caption("content", panel.content_edit)
    grid.addWidget(content_caption, row, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(panel.content_edit, row, 1, 1, 3)
    row += 1
    grid.addWidget(error("content", panel.content_edit, "description"), row, 1, 1, 3)
    row += 1
    grid.addWidget(panel.kb_suggestions, row, 1, 1, 3)
    row += 1
    grid.addWidget(caption("kind", panel.kind_combo), row, 0)
    grid.addWidget(panel.kind_combo, row, 1)
    # Variant (repair, fault, FTTH) and severity (complaints) never apply together: they share one place.
    panel.variant_caption = caption("variant", panel.variant_combo)
    panel.severity_caption = caption("severity", panel.severity_combo)
    grid.addWidget(panel.variant_caption, row, 2)
    grid.addWidget(panel.variant_combo, row, 3)
    grid.addWidget(panel.severity_caption, row, 2)
    grid.addWidget(panel.severity_combo, row, 3)
    row += 1
    grid.addWidget(error("kind", panel.kind_combo), row, 1)
    grid.addWidget(error("variant", panel.variant_combo, "severity"), row, 3)
    row += 1
    grid.addWidget(caption("category", panel.category_combo), row, 0)
    grid.addWidget(panel.category_combo, row, 1)
    panel.scope_caption = caption("scope", panel.scope_combo)
    grid.addWidget(panel.scope_caption, row, 2)
    grid.addWidget(panel.scope_combo, row, 3)
    row += 1
    grid.addWidget(error("category", panel.category_combo), row, 1)
    grid.addWidget(error("scope", panel.scope_combo), row, 3)
    row += 1
    panel.station_caption = caption("station", panel.station_combo)
    grid.addWidget(panel.station_caption, row, 0)
    grid.addWidget(panel.station_combo, row, 1)
    panel.escalation_caption = caption("escalation", panel.escalation_combo)
    grid.addWidget(panel.escalation_caption, row, 2)
    grid.addWidget(panel.escalation_combo, row, 3)
    row += 1
    grid.addWidget(error("station", panel.station_combo), row, 1)
    grid.addWidget(error("escalation", panel.escalation_combo), row, 3)
    row += 1
    panel.rectify_caption = caption("rectify_by", panel.rectify_edit)
    grid.addWidget(panel.rectify_caption, row, 0)
    grid.addWidget(panel.rectify_edit, row, 1)
    grid.addWidget(panel.sensitive_check, row, 2, 1, 2)
    row += 1
    grid.addWidget(error("rectify_by", panel.rectify_edit), row, 1, 1, 3)
    row += 1
    grid.addWidget(caption("urgency", panel.urgency_combo), row, 0)
    levels = QHBoxLayout()
    levels.setSpacing(8)
    levels.addWidget(panel.urgency_combo, 1)
    panel.impact_caption = caption("impact", panel.impact_combo)
    levels.addWidget(panel.impact_caption)
    levels.addWidget(panel.impact_combo, 1)
    grid.addLayout(levels, row, 1)
    panel.priority_caption = QLabel()
    grid.addWidget(panel.priority_caption, row, 2)
    grid.addWidget(panel.priority_label, row, 3, Qt.AlignmentFlag.AlignLeft)
    row += 1
    panel.limits_caption = QLabel()
    grid.addWidget(panel.limits_caption, row, 0, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(panel.limits_label, row, 1, 1, 3)

    buttons = QHBoxLayout()
    buttons.addWidget(panel.solved_button)
    buttons.addStretch(1)
    buttons.addWidget(panel.create_button)

    panel.title_label = QLabel()
    panel.title_label.setObjectName("sectionTitle")
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(10, 8, 10, 8)
    layout.setSpacing(6)
    layout.addWidget(panel.title_label)
    layout.addLayout(grid)
    layout.addLayout(buttons)
    layout.addWidget(panel.message_label)
    layout.addWidget(panel.status_label)
    layout.addWidget(panel.route_label)
    layout.addStretch(1)

    for first, second in pairwise(tab_chain(panel)):
        QWidget.setTabOrder(first, second)

    panel._create_shortcuts = [QShortcut(QKeySequence(keys), panel) for keys in ("Ctrl+Return", "Ctrl+Enter")]
    panel._escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), panel)
    for shortcut in (*panel._create_shortcuts, panel._escape_shortcut):
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)


def tab_chain(panel: IntakePanel) -> list[QWidget]:
    """The inputs and buttons in the order Tab walks them."""
    return [panel.phone_edit, panel.channel_combo, panel.caller_edit, panel.address_edit, panel.area_edit,
            panel.content_edit, panel.kind_combo, panel.variant_combo, panel.severity_combo, panel.category_combo,
            panel.scope_combo, panel.station_combo, panel.escalation_combo, panel.rectify_edit, panel.sensitive_check,
            panel.urgency_combo, panel.impact_combo, panel.solved_button, panel.create_button]
