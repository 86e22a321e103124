"""审计日志: the audit-log page of the administration window (changes of configuration and staff, newest first)."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.errors import DeskError
from desk_app.services import admin
from desk_app.ui.admin.common import AdminPage, fill_table, make_table
from desk_app.ui.common import error_text, format_time
from desk_app.ui.context import DeskContext

PAGE_SIZE = 200


class AuditPage(AdminPage):
    """Who changed which setting, staff account or rule, and when (read-only, append-only)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._shown = PAGE_SIZE
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.table = make_table(self, "audit_table")
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("audit_more_button")
        self.more_button.clicked.connect(self._on_more_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_button)

    def translate_ui(self) -> None:
        self.hint.setText(self.tr("Every change of configuration and staff, newest first: who, when, what. The log "
                                  "is written together with the change and cannot be edited."))
        self.more_button.setText(self.tr("Show older entries"))
        self.refresh()

    def refresh(self) -> None:
        try:
            entries = admin.audit_entries(self.actor, limit=self._shown)
        except DeskError as error:
            self.hint.setText(error_text(error))
            return
        headers = [self.tr("Time"), self.tr("By"), self.tr("What"), self.tr("Record"), self.tr("Change"),
                   self.tr("Details")]
        fill_table(self.table, headers, [(e.id, [format_time(e.at), e.actor, e.entity, e.entity_id, e.action,
                                                 e.detail]) for e in entries])
        self.more_button.setEnabled(len(entries) >= self._shown)

    @Slot()
    def _on_more_button_clicked(self) -> None:
        self._shown += PAGE_SIZE
        self.refresh()
