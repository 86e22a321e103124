"""派单规则: the routing rules page of the administration window, its rule dialog and its try-a-ticket panel."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.kinds import TicketKind
from desk_app.core.routing import Routed, RoutingFacts, Scope, route
from desk_app.services import admin
from desk_app.services.admin import RuleInput
from desk_app.ui.admin.common import (
    ADMIN_STYLE,
    ID_ROLE,
    MATCH_BACKGROUND,
    AdminPage,
    active_text,
    any_text,
    compact_form,
    fill_table,
    hint_label,
    make_table,
    select_id,
    selected_id,
    with_error,
)
from desk_app.ui.common import label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors


class RuleDialog(QDialog):
    """One routing rule: conditions (empty = any) and the department; OK emits `submitted`, the page saves."""

    submitted = Signal(object)   # RuleInput

    def __init__(self, rule: admin.RoutingRuleInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.setMinimumWidth(460)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("rule_name_edit")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("rule_kind_combo")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("rule_category_combo")
        self.category_combo.setEditable(True)
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area_combo = QComboBox(self)
        self.area_combo.setObjectName("rule_area_combo")
        self.area_combo.setEditable(True)
        self.area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("rule_scope_combo")
        self.station_edit = QLineEdit(self)
        self.station_edit.setObjectName("rule_station_edit")
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("rule_department_combo")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("rule_active_check")
        self.captions = [QLabel(self) for _ in range(8)]
        self.conditions_label = hint_label("", self)
        form = compact_form()
        form.addRow(self.captions[0], with_error(self.name_edit, self.errors, "name"))
        form.addRow(self.conditions_label)
        form.addRow(self.captions[1], with_error(self.kind_combo, self.errors, "kind"))
        form.addRow(self.captions[2], with_error(self.category_combo, self.errors, "category"))
        form.addRow(self.captions[3], with_error(self.area_combo, self.errors, "area"))
        form.addRow(self.captions[4], with_error(self.scope_combo, self.errors, "scope"))
        form.addRow(self.captions[5], with_error(self.station_edit, self.errors, "station"))
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(line)
        form.addRow(self.captions[6], with_error(self.department_combo, self.errors, "department"))
        form.addRow(self.captions[7], self.active_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.setWindowTitle(self.tr("New routing rule") if rule is None else self.tr("Routing rule {position}").format(
            position=rule.position))
        texts = [self.tr("Name:"), self.tr("Kind:"), self.tr("Catalogue entry:"), self.tr("Area:"), self.tr("Where:"),
                 self.tr("Station:"), self.tr("Send to:"), self.tr("State:")]
        for caption, text in zip(self.captions, texts):
            caption.setText(text)
        self.conditions_label.setText(self.tr("Conditions — leave one empty to match anything:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 户内报修 → 客服助理"))
        self.station_edit.setPlaceholderText(self.tr("e.g. 交换站点"))
        self.active_check.setText(self.tr("Active"))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        self.kind_combo.addItem(any_text(), "")
        for kind in TicketKind:
            self.kind_combo.addItem(label(kind), kind.value)
        for scope in Scope:
            self.scope_combo.addItem(any_text() if scope == Scope.NONE else label(scope), scope.value)
        self.area_combo.addItem("", "")
        for area in admin.areas(include_inactive=False):
            self.area_combo.addItem(area.name, area.name)
        self.area_combo.lineEdit().setPlaceholderText(any_text())
        self.department_combo.addItem(self.tr("(choose)"), None)
        for department in admin.departments(include_inactive=False):
            self.department_combo.addItem(department.name, department.id)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        if rule is not None:
            self.name_edit.setText(rule.name)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(rule.kind)))
            self.area_combo.setCurrentText(rule.area)
            self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(rule.scope)))
            self.station_edit.setText(rule.station)
            index = self.department_combo.findData(rule.department_id)
            if index < 0:
                self.department_combo.addItem(rule.department, rule.department_id)
                index = self.department_combo.count() - 1
            self.department_combo.setCurrentIndex(index)
            self.active_check.setChecked(rule.active)
        else:
            self.active_check.setChecked(True)
        self._fill_categories()
        if rule is not None:
            self.category_combo.setCurrentText(rule.category)

    def _fill_categories(self) -> None:
        text = self.category_combo.currentText()
        kind = self.kind_combo.currentData()
        self.category_combo.clear()
        self.category_combo.addItem("", "")
        names: list[str] = []
        for entry in admin.catalogue(kind or None, include_inactive=False):
            if entry.name not in names:
                names.append(entry.name)
        for name in names:
            self.category_combo.addItem(name, name)
        self.category_combo.setCurrentText(text)
        self.category_combo.lineEdit().setPlaceholderText(any_text())

    def rule_input(self) -> RuleInput:
        return RuleInput(
            department_id=self.department_combo.currentData(),
            kind=self.kind_combo.currentData() or "",
            category=self.category_combo.currentText().strip(),
            area=self.area_combo.currentText().strip(),
            scope=self.scope_combo.currentData() or "",
            station=self.station_edit.text(),
            name=self.name_edit.text(),
            active=self.active_check.isChecked(),
        )

    @Slot(int)
    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._fill_categories()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.submitted.emit(self.rule_input())


class RoutingPage(AdminPage):
    """派单规则: the ordered routing table; the first matching rule dispatches directly, no match means transfer."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rules: list[admin.RoutingRuleInfo] = []
        self.rule_dialog: RuleDialog | None = None
        self.hint = hint_label("", self)
        self.hint.setObjectName("pageHint")
        self.table = make_table(self, "rule_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_rule_button")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit_rule_button")
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("delete_rule_button")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.up_button = QPushButton(self)
        self.up_button.setObjectName("rule_up_button")
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button = QPushButton(self)
        self.down_button.setObjectName("rule_down_button")
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self._delete_armed: int | None = None
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.hint)
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        left.addWidget(self.message_label)

        # Try a ticket against the rules as they are stored: what an administrator checks after each change.
        self.try_box = QGroupBox(self)
        self.try_kind_combo = QComboBox(self)
        self.try_kind_combo.setObjectName("try_kind_combo")
        self.try_category_combo = QComboBox(self)
        self.try_category_combo.setObjectName("try_category_combo")
        self.try_category_combo.setEditable(True)
        self.try_category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.try_area_combo = QComboBox(self)
        self.try_area_combo.setObjectName("try_area_combo")
        self.try_area_combo.setEditable(True)
        self.try_area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.try_scope_combo = QComboBox(self)
        self.try_scope_combo.setObjectName("try_scope_combo")
        self.try_station_edit = QLineEdit(self)
        self.try_station_edit.setObjectName("try_station_edit")
        self.try_result = QLabel(self)
        self.try_result.setObjectName("try_result")
        self.try_result.setWordWrap(True)
        self.try_result.setMinimumHeight(48)
        self.try_result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.try_captions = [QLabel(self) for _ in range(5)]
        try_form = compact_form()
        for caption, widget in zip(self.try_captions, (self.try_kind_combo, self.try_category_combo,
                                                       self.try_area_combo, self.try_scope_combo,
                                                       self.try_station_edit)):
            try_form.addRow(caption, widget)
        try_layout = QVBoxLayout(self.try_box)
        try_layout.addLayout(try_form)
        try_layout.addWidget(self.try_result)
        self.try_kind_combo.currentIndexChanged.connect(self._on_try_kind_combo_current_index_changed)
        self.try_category_combo.currentTextChanged.connect(self._on_try_text_changed)
        self.try_area_combo.currentTextChanged.connect(self._on_try_text_changed)
        self.try_scope_combo.currentIndexChanged.connect(self._on_try_scope_combo_current_index_changed)
        self.try_station_edit.textChanged.connect(self._on_try_text_changed)
        right = QVBoxLayout()
        right.addWidget(self.try_box)
        right.addStretch(1)
        right_holder = QWidget(self)
        right_holder.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        right_holder.setFixedWidth(300)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(right_holder)

    def translate_ui(self) -> None:
        self.try_box.setTitle(self.tr("Try a ticket"))
        for caption, text in zip(self.try_captions, [self.tr("Kind:"), self.tr("Catalogue entry:"), self.tr("Area:"),
                                                     self.tr("Where:"), self.tr("Station:")]):
            caption.setText(text)
        with QSignalBlocker(self.try_kind_combo):
            current = self.try_kind_combo.currentData()
            self.try_kind_combo.clear()
            for kind in TicketKind:
                self.try_kind_combo.addItem(label(kind), kind.value)
            self.try_kind_combo.setCurrentIndex(max(0, self.try_kind_combo.findData(current)))
        with QSignalBlocker(self.try_scope_combo):
            current = self.try_scope_combo.currentData()
            self.try_scope_combo.clear()
            for scope in Scope:
                self.try_scope_combo.addItem(label(scope), scope.value)
            self.try_scope_combo.setCurrentIndex(max(0, self.try_scope_combo.findData(current)))
        self.hint.setText(self.tr(
            "Rules are tried from the top. The first that matches sends the ticket straight to the department's "
            "receiver (直派); when none matches, the second-level dispatcher forwards it by hand (转派). An empty "
            "condition matches anything."))
        self.add_button.setText(self.tr("Add rule…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.refresh()

    def refresh(self) -> None:
        self._rules = admin.routing_rules()
        headers = [self.tr("No."), self.tr("Name"), self.tr("Kind"), self.tr("Catalogue entry"), self.tr("Area"),
                   self.tr("Where"), self.tr("Station"), self.tr("Send to"), self.tr("State")]
        anything = "—"
        rows = [(r.id, [str(r.position), r.name, label_of(TicketKind, r.kind) or anything, r.category or anything,
                        r.area or anything, label_of(Scope, r.scope) if r.scope else anything, r.station or anything,
                        r.department, active_text(r.active)]) for r in self._rules]
        fill_table(self.table, headers, rows, inactive=[r.id for r in self._rules if not r.active])
        self._update_buttons()
        self._fill_try_choices()
        self._update_try()

    def _fill_try_choices(self) -> None:
        with QSignalBlocker(self.try_area_combo):
            text = self.try_area_combo.currentText()
            self.try_area_combo.clear()
            self.try_area_combo.addItem("")
            self.try_area_combo.addItems([a.name for a in admin.areas(include_inactive=False)])
            self.try_area_combo.setCurrentText(text)
        with QSignalBlocker(self.try_category_combo):
            text = self.try_category_combo.currentText()
            self.try_category_combo.clear()
            self.try_category_combo.addItem("")
            self.try_category_combo.addItems(
                [e.name for e in admin.catalogue(self.try_kind_combo.currentData(), include_inactive=False)])
            self.try_category_combo.setCurrentText(text)

    def try_facts(self) -> RoutingFacts:
        return RoutingFacts(kind=self.try_kind_combo.currentData() or "",
                            category=self.try_category_combo.currentText().strip(),
                            area=self.try_area_combo.currentText().strip(),
                            scope=self.try_scope_combo.currentData() or "",
                            station=self.try_station_edit.text().strip())

    def _update_try(self) -> None:
        rules = admin.load_routing_rules()
        match = route(rules, self.try_facts())
        matched_id = None
        if match is not None:
            # Rules are stored with unique positions (1..n), so the position names the row.
            matched_id = next((r.id for r in self._rules if r.position == match.position and r.active), None)
        for row in range(self.table.rowCount()):
            hit = self.table.item(row, 0).data(ID_ROLE) == matched_id
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(MATCH_BACKGROUND if hit else QBrush())
        if match is None:
            self.try_result.setStyleSheet("color: #8a4b00;")
            self.try_result.setText(self.tr("No rule matches: transfer dispatch (转派) by the second-level "
                                            "dispatcher."))
            return
        # What intake will really do (the service's routing, which falls back to transfer dispatch when the
        # rule's department has no receiver or is inactive).
        outcome = self.ctx.service.route_preview(self.try_facts())
        if outcome.routed != Routed.DIRECT:
            self.try_result.setStyleSheet("color: #8a4b00; font-weight: bold;")
            self.try_result.setText(self.tr("Rule {position} matches, but {department} has no receiver: transfer "
                                            "dispatch (转派) by the second-level dispatcher.").format(
                position=match.position, department=outcome.department or "?"))
            return
        self.try_result.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.try_result.setText(self.tr("Rule {position} matches: direct dispatch (直派) to {department}, "
                                        "receiver {receiver}.").format(
            position=match.position, department=outcome.department, receiver=outcome.receiver))

    @Slot(int)
    def _on_try_kind_combo_current_index_changed(self, _index: int) -> None:
        self._fill_try_choices()
        self._update_try()

    @Slot(str)
    def _on_try_text_changed(self, _text: str) -> None:
        self._update_try()

    @Slot(int)
    def _on_try_scope_combo_current_index_changed(self, _index: int) -> None:
        self._update_try()

    def rule(self, rule_id: int | None) -> admin.RoutingRuleInfo | None:
        return next((r for r in self._rules if r.id == rule_id), None)

    def _update_buttons(self) -> None:
        rule_id = selected_id(self.table)
        index = next((i for i, r in enumerate(self._rules) if r.id == rule_id), None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(index is not None)
        self.up_button.setEnabled(index is not None and index > 0)
        self.down_button.setEnabled(index is not None and index < len(self._rules) - 1)
        if self._delete_armed != rule_id:
            self._delete_armed = None
            self.delete_button.setText(self.tr("Delete"))

    def open_dialog(self, rule: admin.RoutingRuleInfo | None) -> RuleDialog:
        if self.rule_dialog is not None:
            self.rule_dialog.close()
        dialog = RuleDialog(rule, self)
        dialog.submitted.connect(self._on_rule_dialog_submitted)
        dialog.finished.connect(self._on_rule_dialog_finished)
        self.rule_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_rule_dialog_submitted(self, rule: RuleInput) -> None:
        dialog = self.rule_dialog
        if dialog is None:
            return
        if dialog.rule is None:
            ok, rule_id = self.run(dialog.errors, lambda: admin.create_rule(self.service, self.actor, rule))
        else:
            rule_id = dialog.rule.id
            ok, _ = self.run(dialog.errors, lambda: admin.update_rule(self.service, self.actor, rule_id, rule))
        if ok:
            dialog.accept()
            self.refresh()
            select_id(self.table, rule_id)

    @Slot(int)
    def _on_rule_dialog_finished(self, _result: int) -> None:
        self.rule_dialog = None

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(int, int)
    def _on_table_cell_double_clicked(self, _row: int, _column: int) -> None:
        self._on_edit_button_clicked()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.open_dialog(None)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        rule = self.rule(selected_id(self.table))
        if rule is not None:
            self.open_dialog(rule)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        rule_id = selected_id(self.table)
        if rule_id is None:
            return
        if self._delete_armed != rule_id:
            # A second click confirms: cheaper than a modal question, and as hard to do by accident.
            self._delete_armed = rule_id
            self.delete_button.setText(self.tr("Click again to delete"))
            return
        ok, _ = self.run(self.errors, lambda: admin.delete_rule(self.service, self.actor, rule_id),
                         self.tr("Rule deleted."))
        if ok:
            self.refresh()

    def _move(self, delta: int) -> None:
        rule_id = selected_id(self.table)
        if rule_id is None:
            return
        ok, _ = self.run(self.errors, lambda: admin.move_rule(self.service, self.actor, rule_id, delta))
        if ok:
            self.refresh()
            select_id(self.table, rule_id)

    @Slot()
    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_button_clicked(self) -> None:
        self._move(1)
