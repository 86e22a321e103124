"""类型与服务目录: the kinds page of the administration window: each kind's service catalogue and approval workflow."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.kinds import TicketKind
from desk_app.services import admin
from desk_app.ui.admin.common import ID_ROLE, INACTIVE_TEXT, AdminPage, hint_label, with_error
from desk_app.ui.common import label
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors


def _workflow():
    """core.workflow, or None while the state machine lacks the approval states it needs."""
    try:
        from desk_app.core import workflow
    except (ImportError, AttributeError):
        return None
    return workflow


class KindsPage(AdminPage):
    """类型与服务目录: per ticket kind, its catalogue entries and its approval steps."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._entries: list[admin.CatalogueInfo] = []
        self.kind_list = QListWidget(self)
        self.kind_list.setObjectName("kind_list")
        self.kind_list.setMaximumWidth(190)
        self.kind_list.currentRowChanged.connect(self._on_kind_list_current_row_changed)

        self.catalogue_box = QGroupBox(self)
        self.entry_list = QListWidget(self.catalogue_box)
        self.entry_list.setObjectName("entry_list")
        self.entry_list.currentRowChanged.connect(self._on_entry_list_current_row_changed)
        self.entry_errors_label = QLabel(self)
        self.entry_errors = FieldErrors(self.entry_errors_label, self)
        self.entry_edit = QLineEdit(self.catalogue_box)
        self.entry_edit.setObjectName("entry_edit")
        self.add_entry_button = QPushButton(self.catalogue_box)
        self.add_entry_button.setObjectName("add_entry_button")
        self.add_entry_button.clicked.connect(self._on_add_entry_button_clicked)
        self.rename_entry_button = QPushButton(self.catalogue_box)
        self.rename_entry_button.setObjectName("rename_entry_button")
        self.rename_entry_button.clicked.connect(self._on_rename_entry_button_clicked)
        self.toggle_entry_button = QPushButton(self.catalogue_box)
        self.toggle_entry_button.setObjectName("toggle_entry_button")
        self.toggle_entry_button.clicked.connect(self._on_toggle_entry_button_clicked)
        self.entry_up_button = QToolButton(self.catalogue_box)
        self.entry_up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.entry_up_button.clicked.connect(self._on_entry_up_button_clicked)
        self.entry_down_button = QToolButton(self.catalogue_box)
        self.entry_down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.entry_down_button.clicked.connect(self._on_entry_down_button_clicked)
        entry_row = QHBoxLayout()
        entry_row.addWidget(with_error(self.entry_edit, self.entry_errors, "name"), 1)
        entry_row.addWidget(self.add_entry_button, 0, Qt.AlignmentFlag.AlignTop)
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(self.rename_entry_button)
        entry_buttons.addWidget(self.toggle_entry_button)
        entry_buttons.addStretch(1)
        entry_buttons.addWidget(self.entry_up_button)
        entry_buttons.addWidget(self.entry_down_button)
        catalogue_layout = QVBoxLayout(self.catalogue_box)
        catalogue_layout.addWidget(self.entry_list, 1)
        catalogue_layout.addLayout(entry_row)
        catalogue_layout.addLayout(entry_buttons)
        catalogue_layout.addWidget(self.entry_errors_label)

        self.workflow_box = QGroupBox(self)
        self.workflow_hint = hint_label("", self.workflow_box)
        self.workflow_state = QLabel(self.workflow_box)
        self.step_checks: dict[str, tuple[QCheckBox, QCheckBox]] = {}
        self.step_labels: dict[str, QLabel] = {}
        self.always_header = QLabel(self.workflow_box)
        self.sensitive_header = QLabel(self.workflow_box)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.always_header, 0, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self.sensitive_header, 0, 2, Qt.AlignmentFlag.AlignHCenter)
        workflow = _workflow()
        steps = [s.value for s in workflow.STEP_ORDER] if workflow else []
        for row, step in enumerate(steps, start=1):
            name = QLabel(self.workflow_box)
            always = QCheckBox(self.workflow_box)
            always.setObjectName(f"step_{step}")
            extra = QCheckBox(self.workflow_box)
            extra.setObjectName(f"sensitive_{step}")
            always.toggled.connect(self._on_step_check_toggled)
            extra.toggled.connect(self._on_sensitive_check_toggled)
            self.step_checks[step] = (always, extra)
            self.step_labels[step] = name
            grid.addWidget(name, row, 0)
            grid.addWidget(always, row, 1, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(extra, row, 2, Qt.AlignmentFlag.AlignHCenter)
        grid.setColumnStretch(3, 1)
        self.path_label = QLabel(self.workflow_box)
        self.path_label.setObjectName("workflow_path")
        self.path_label.setWordWrap(True)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.workflow_message = QLabel(self.workflow_box)
        self.workflow_errors = FieldErrors(self.workflow_message, self)
        self.workflow_steps_error = QLabel(self.workflow_box)
        self.workflow_errors.add("steps", self.workflow_steps_error)
        self.workflow_sensitive_error = QLabel(self.workflow_box)
        self.workflow_errors.add("sensitive_steps", self.workflow_sensitive_error)
        self.save_workflow_button = QPushButton(self.workflow_box)
        self.save_workflow_button.setObjectName("save_workflow_button")
        self.save_workflow_button.clicked.connect(self._on_save_workflow_button_clicked)
        self.reset_workflow_button = QPushButton(self.workflow_box)
        self.reset_workflow_button.setObjectName("reset_workflow_button")
        self.reset_workflow_button.clicked.connect(self._on_reset_workflow_button_clicked)
        workflow_buttons = QHBoxLayout()
        workflow_buttons.addWidget(self.reset_workflow_button)
        workflow_buttons.addStretch(1)
        workflow_buttons.addWidget(self.save_workflow_button)
        workflow_layout = QVBoxLayout(self.workflow_box)
        workflow_layout.addWidget(self.workflow_state)
        workflow_layout.addLayout(grid)
        workflow_layout.addWidget(self.workflow_steps_error)
        workflow_layout.addWidget(self.workflow_sensitive_error)
        workflow_layout.addWidget(self.path_label)
        workflow_layout.addWidget(self.workflow_hint)
        workflow_layout.addWidget(self.workflow_message)
        workflow_layout.addStretch(1)
        workflow_layout.addLayout(workflow_buttons)
        self.workflow_box.setEnabled(workflow is not None)

        layout = QHBoxLayout(self)
        layout.addWidget(self.kind_list)
        layout.addWidget(self.catalogue_box, 1)
        layout.addWidget(self.workflow_box, 1)

    def current_kind(self) -> str | None:
        item = self.kind_list.currentItem()
        return item.data(ID_ROLE) if item else None

    def translate_ui(self) -> None:
        row = max(0, self.kind_list.currentRow())
        with QSignalBlocker(self.kind_list):
            self.kind_list.clear()
            for kind in TicketKind:
                item = QListWidgetItem(label(kind))
                item.setData(ID_ROLE, kind.value)
                self.kind_list.addItem(item)
        self.entry_edit.setPlaceholderText(self.tr("New entry, e.g. 覆盖类"))
        self.add_entry_button.setText(self.tr("Add"))
        self.rename_entry_button.setText(self.tr("Rename to the text above"))
        self.entry_up_button.setToolTip(self.tr("Move up"))
        self.entry_down_button.setToolTip(self.tr("Move down"))
        self.always_header.setText(self.tr("Every ticket"))
        self.sensitive_header.setText(self.tr("Sensitive tickets also"))
        workflow = _workflow()
        if workflow is not None:
            for step in workflow.STEP_ORDER:
                self.step_labels[step.value].setText(label(step))
            self.workflow_hint.setText(self.tr(
                "After the receiver drafts the solution the ticket takes these steps in this order. Sensitive "
                "tickets (public opinion, media, major complaints) also take the right-hand column."))
        else:
            self.workflow_hint.setText(self.tr("Approval steps become available with the approval workflow."))
        self.save_workflow_button.setText(self.tr("Save steps"))
        self.reset_workflow_button.setText(self.tr("Restore the procedure's default"))
        self.kind_list.setCurrentRow(row)
        self._show_kind()

    def refresh(self) -> None:
        self._show_kind(keep_form=True)

    def _show_kind(self, *, keep_form: bool = False) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        self.catalogue_box.setTitle(self.tr("Service catalogue: {kind}").format(kind=label(TicketKind(kind))))
        self.workflow_box.setTitle(self.tr("Approval steps: {kind}").format(kind=label(TicketKind(kind))))
        self._fill_entries()
        if not keep_form:
            self._load_workflow()

    def _fill_entries(self) -> None:
        keep = self.current_entry()
        keep_id = keep.id if keep else None
        self._entries = admin.catalogue(self.current_kind())
        with QSignalBlocker(self.entry_list):
            self.entry_list.clear()
            for entry in self._entries:
                text = entry.name if entry.active else self.tr("{name} (inactive)").format(name=entry.name)
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, entry.id)
                if not entry.active:
                    item.setForeground(INACTIVE_TEXT)
                self.entry_list.addItem(item)
                if entry.id == keep_id:
                    self.entry_list.setCurrentItem(item)
        self._update_entry_buttons()

    def current_entry(self) -> admin.CatalogueInfo | None:
        item = self.entry_list.currentItem()
        entry_id = item.data(ID_ROLE) if item else None
        return next((e for e in self._entries if e.id == entry_id), None)

    def _update_entry_buttons(self) -> None:
        entry = self.current_entry()
        row = self.entry_list.currentRow()
        self.rename_entry_button.setEnabled(entry is not None)
        self.toggle_entry_button.setEnabled(entry is not None)
        self.toggle_entry_button.setText(self.tr("Activate") if entry and not entry.active else self.tr("Deactivate"))
        self.entry_up_button.setEnabled(entry is not None and row > 0)
        self.entry_down_button.setEnabled(entry is not None and row < self.entry_list.count() - 1)

    def _load_workflow(self) -> None:
        kind = self.current_kind()
        self.workflow_errors.clear()
        if _workflow() is None or kind is None:
            return
        info = next(w for w in admin.workflows() if w.kind == kind)
        for step, (always, extra) in self.step_checks.items():
            with QSignalBlocker(always):
                always.setChecked(step in info.steps)
            extra.setChecked(step in info.sensitive_steps or step in info.steps)
            extra.setEnabled(step not in info.steps)
        self._update_path()
        self.workflow_state.setText(self.tr("Configured by the administrator.") if info.configured
                                    else self.tr("The procedure's default."))
        self.reset_workflow_button.setEnabled(info.configured)

    @Slot(int)
    def _on_kind_list_current_row_changed(self, _row: int) -> None:
        self.entry_errors.clear()
        self._show_kind()

    @Slot(int)
    def _on_entry_list_current_row_changed(self, _row: int) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.entry_edit.setText(entry.name)
        self._update_entry_buttons()

    @Slot()
    def _on_add_entry_button_clicked(self) -> None:
        kind, name = self.current_kind(), self.entry_edit.text()
        ok, entry_id = self.run(self.entry_errors, lambda: admin.add_catalogue_entry(
            self.service, self.actor, kind, name))
        if ok:
            self.entry_edit.clear()
            self._fill_entries()
            self._select_entry(entry_id)

    def _select_entry(self, entry_id: int) -> None:
        for row in range(self.entry_list.count()):
            if self.entry_list.item(row).data(ID_ROLE) == entry_id:
                self.entry_list.setCurrentRow(row)

    @Slot()
    def _on_rename_entry_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        name = self.entry_edit.text()
        ok, _ = self.run(self.entry_errors, lambda: admin.rename_catalogue_entry(
            self.service, self.actor, entry.id, name))
        if ok:
            self._fill_entries()

    @Slot()
    def _on_toggle_entry_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        ok, _ = self.run(self.entry_errors, lambda: admin.set_catalogue_entry_active(
            self.service, self.actor, entry.id, not entry.active))
        if ok:
            self._fill_entries()

    def _move_entry(self, delta: int) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        ok, _ = self.run(self.entry_errors, lambda: admin.move_catalogue_entry(
            self.service, self.actor, entry.id, delta))
        if ok:
            self._fill_entries()

    @Slot()
    def _on_entry_up_button_clicked(self) -> None:
        self._move_entry(-1)

    @Slot()
    def _on_entry_down_button_clicked(self) -> None:
        self._move_entry(1)

    @Slot(bool)
    def _on_step_check_toggled(self, _checked: bool) -> None:
        # A step every ticket takes is taken by sensitive ones too.
        for always, extra in self.step_checks.values():
            if always.isChecked():
                extra.setChecked(True)
            extra.setEnabled(not always.isChecked())
        self._update_path()

    @Slot(bool)
    def _on_sensitive_check_toggled(self, _checked: bool) -> None:
        self._update_path()

    def _update_path(self) -> None:
        """The two paths a ticket of the kind takes, in the procedure's order, as the boxes say now."""
        workflow = _workflow()
        if workflow is None:
            return
        arrow = " \u2192 "
        always = [s for s, (box, _) in self.step_checks.items() if box.isChecked()]
        extra = [s for s, (_, box) in self.step_checks.items() if box.isChecked() and s not in always]
        flow = workflow.Workflow(tuple(workflow.Step(s) for s in always), tuple(workflow.Step(s) for s in extra))
        ordinary = arrow.join(label(step) for step in flow.path(False)) or self.tr("no approval")
        sensitive = arrow.join(label(step) for step in flow.path(True)) or self.tr("no approval")
        self.path_label.setText(self.tr("Ordinary: {ordinary}\nSensitive: {sensitive}").format(
            ordinary=ordinary, sensitive=sensitive))

    @Slot()
    def _on_save_workflow_button_clicked(self) -> None:
        kind = self.current_kind()
        steps = [s for s, (always, _) in self.step_checks.items() if always.isChecked()]
        extra = [s for s, (always, sensitive) in self.step_checks.items()
                 if sensitive.isChecked() and not always.isChecked()]
        ok, _ = self.run(self.workflow_errors, lambda: admin.set_workflow(self.service, self.actor, kind, steps,
                                                                          extra))
        if ok:
            self._load_workflow()

    @Slot()
    def _on_reset_workflow_button_clicked(self) -> None:
        kind = self.current_kind()
        ok, _ = self.run(self.workflow_errors, lambda: admin.reset_workflow(self.service, self.actor, kind))
        if ok:
            self._load_workflow()
