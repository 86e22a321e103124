"""片区: the areas page of the administration window."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QWidget

from desk_app.services import admin
from desk_app.ui.admin.common import (
    AdminPage,
    active_text,
    compact_form,
    fill_table,
    lay_out_table_and_form,
    make_table,
    select_id,
    selected_id,
    with_error,
)
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors


class AreasPage(AdminPage):
    """片区: the areas a routing rule can name (and the intake form offers)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._areas: list[admin.AreaInfo] = []
        self._current: admin.AreaInfo | None = None
        self.table = make_table(self, "area_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("active_check")
        self.form_box = QGroupBox(self)
        form = compact_form()
        self.captions = [QLabel(self) for _ in range(3)]
        form.addRow(self.captions[0], with_error(self.name_edit, self.errors, "name"))
        form.addRow(self.captions[1], with_error(self.code_edit, self.errors, "code"))
        form.addRow(self.captions[2], with_error(self.active_check, self.errors, "active"))
        lay_out_table_and_form(self, form, "area")

    def translate_ui(self) -> None:
        self.hint.setText(self.tr(
            "Areas (片区) of the service territory. Renaming one renames it in the routing rules too; tickets "
            "filed earlier keep the name they had."))
        for caption, text in zip(self.captions, [self.tr("Name:"), self.tr("Code:"), self.tr("State:")]):
            caption.setText(text)
        self.active_check.setText(self.tr("Active"))
        self.new_button.setText(self.tr("New area"))
        self.save_button.setText(self.tr("Save"))
        self.refresh()
        if self._current is None:
            self._load(None)

    def refresh(self) -> None:
        self._areas = admin.areas()
        fill_table(self.table, [self.tr("Area"), self.tr("Code"), self.tr("State")],
                   [(a.id, [a.name, a.code, active_text(a.active)]) for a in self._areas],
                   inactive=[a.id for a in self._areas if not a.active])
        if self._current is not None:
            self._current = next((a for a in self._areas if a.id == self._current.id), None)
            if self._current is None:
                self._load(None)

    def _load(self, area: admin.AreaInfo | None) -> None:
        self._current = area
        self.errors.clear()
        self.form_box.setTitle(self.tr("New area") if area is None else area.name)
        self.name_edit.setText(area.name if area else "")
        self.code_edit.setText(area.code if area else "")
        self.active_check.setChecked(area.active if area else True)
        self.active_check.setEnabled(area is not None)

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        area_id = selected_id(self.table)
        if area_id is not None and (self._current is None or self._current.id != area_id):
            self._load(next((a for a in self._areas if a.id == area_id), None))

    @Slot()
    def _on_new_button_clicked(self) -> None:
        select_id(self.table, None, quiet=True)
        self._load(None)
        self.name_edit.setFocus()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        name, code = self.name_edit.text(), self.code_edit.text()
        if self._current is None:
            ok, area_id = self.run(self.errors, lambda: admin.create_area(self.service, self.actor, name, code))
        else:
            area_id = self._current.id
            ok, _ = self.run(self.errors, lambda: admin.update_area(
                self.service, self.actor, area_id, name=name, code=code, active=self.active_check.isChecked()))
        if ok:
            self._current = None
            self.refresh()
            select_id(self.table, area_id, quiet=True)
            self._load(next((a for a in self._areas if a.id == area_id), None))
