"""数据库连接: the dialog that chooses this desk's database (an embedded file or a PostgreSQL server) and tests it.

The URL is saved without its password in the window's settings ("database/url"); the password goes into the secret
store (desk_app.services.secrets: the system keyring, else a file only this user can read). No password is ever
shown: the field echoes dots, a stored one shows as "•••••• (set)", and every error passes through redact_text.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app import paths
from desk_app.models.db import DatabaseUrlError, check_url, probe_database, redact_text
from desk_app.services import secrets
from desk_app.ui.settings import DATABASE_GROUP, DATABASE_URL_KEY, saved_database_url, settings
from desk_app.ui.workers import BackgroundJob

log = logging.getLogger(__name__)

EMBEDDED, SERVER = "embedded", "server"
# The test gives up after this long (the server's connect timeout is a little shorter).
TEST_TIMEOUT_S = 6
SET_MARK = "••••••"


def _save_database_url(url: str) -> None:
    store = settings(DATABASE_GROUP)
    store.setValue(DATABASE_URL_KEY, secrets.without_password(url))
    store.sync()


class ConnectionDialog(QDialog):
    """Kind (embedded file / PostgreSQL server), file or host, port, database, user, password; Test and Save.

    After Save (accepted), `url` is the saved URL (no password in it)."""

    def __init__(self, parent: QWidget | None = None, *, url: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionDialog")
        self.url: str | None = None
        self._job: BackgroundJob | None = None
        self._stored_password = False

        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem("", EMBEDDED)
        self.kind_combo.addItem("", SERVER)
        self.file_edit = QLineEdit(self)
        self.browse_button = QPushButton(self)
        self.host_edit = QLineEdit(self)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(5432)
        self.database_edit = QLineEdit(self)
        self.user_edit = QLineEdit(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("connectionResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.store_label = QLabel(self)
        self.store_label.setObjectName("passwordStore")
        self.store_label.setWordWrap(True)

        file_page = QWidget(self)
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.kind_label, self.file_label = QLabel(self), QLabel(self)
        self.server_labels = {widget: QLabel(self) for widget in (
            self.host_edit, self.port_spin, self.database_edit, self.user_edit, self.password_edit)}
        file_form = QFormLayout(file_page)
        file_form.addRow(self.file_label, file_row)
        server_page = QWidget(self)
        server_form = QFormLayout(server_page)
        for widget, caption in self.server_labels.items():
            caption.setBuddy(widget)
            server_form.addRow(caption, widget)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(file_page)
        self.pages.addWidget(server_page)

        self.test_button = QPushButton(self)
        self.test_button.setObjectName("testConnectionButton")
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        top = QFormLayout()
        top.addRow(self.kind_label, self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages)
        layout.addWidget(self.store_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.editingFinished.connect(self._refresh_stored_password)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.translate_ui()
        self.load(url or saved_database_url() or paths.default_database_url())
        self.setMinimumWidth(520)

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Database connection"))
        self.kind_combo.setItemText(0, self.tr("Embedded database file (this PC only)"))
        self.kind_combo.setItemText(1, self.tr("PostgreSQL server (several desks)"))
        self.kind_label.setText(self.tr("Kind"))
        self.file_label.setText(self.tr("File"))
        for widget, text in ((self.host_edit, self.tr("Server")), (self.port_spin, self.tr("Port")),
                             (self.database_edit, self.tr("Database")), (self.user_edit, self.tr("User")),
                             (self.password_edit, self.tr("Password"))):
            self.server_labels[widget].setText(text)
        self.browse_button.setText(self.tr("Browse…"))
        self.test_button.setText(self.tr("Test connection"))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.host_edit.setPlaceholderText(self.tr("e.g. 192.168.1.10"))
        self.store_label.setText(self.tr("The password is kept in: {where}").format(where=secrets.where()))
        self._show_password_placeholder()

    def _show_password_placeholder(self) -> None:
        self.password_edit.setPlaceholderText(
            self.tr("{mark} (set); type to replace").format(mark=SET_MARK) if self._stored_password
            else self.tr("none stored"))

    # ----- the URL in the fields and out of them ---------------------------------------------------------------

    def load(self, url: str) -> None:
        """Fill the fields from `url`; a password in it is not shown (it stays stored, or is typed again)."""
        parts = urlsplit(url)
        if parts.scheme.startswith("sqlite"):
            self.kind_combo.setCurrentIndex(0)
            self.file_edit.setText(parts.path[1:])
        else:
            self.kind_combo.setCurrentIndex(1)
            self.host_edit.setText(parts.hostname or "")
            self.port_spin.setValue(parts.port or 5432)
            self.database_edit.setText(parts.path.strip("/"))
            self.user_edit.setText(unquote(parts.username or ""))
        self.password_edit.clear()
        self._refresh_stored_password()
        self._on_kind_combo_current_index_changed(self.kind_combo.currentIndex())

    @Slot()
    def _refresh_stored_password(self) -> None:
        self._stored_password = False
        if self.kind_combo.currentData() == SERVER and self.user_edit.text().strip():
            try:
                self._stored_password = bool(secrets.get_secret(secrets.database_secret_name(self.form_url())))
            except secrets.SecretStoreError as error:
                log.warning("%s", error)
        self._show_password_placeholder()

    def form_url(self) -> str:
        """The URL the fields describe, without a password."""
        if self.kind_combo.currentData() == EMBEDDED:
            path = self.file_edit.text().strip()
            return f"sqlite:///{Path(path).as_posix()}" if path else ""
        host = self.host_edit.text().strip()
        database = self.database_edit.text().strip()
        user = quote(self.user_edit.text().strip(), safe="")
        if not host or not database:
            return ""
        return f"postgresql://{user + '@' if user else ''}{host}:{self.port_spin.value()}/{quote(database)}"

    def _connecting_url(self) -> str:
        """The URL with the typed (or stored) password: handed to the test only, never shown or saved."""
        url = self.form_url()
        typed = self.password_edit.text()
        if url and typed and self.kind_combo.currentData() == SERVER and self.user_edit.text().strip():
            return secrets.with_password(url, typed)
        return secrets.url_for_connecting(url) if url else url

    # ----- slots -----------------------------------------------------------------------------------------------

    @Slot(int)
    def _on_kind_combo_current_index_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.store_label.setVisible(self.kind_combo.currentData() == SERVER)
        self.result_label.clear()

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        start = self.file_edit.text() or str(paths.data_dir())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Database file"), start,
                                                self.tr("SQLite databases (*.db *.sqlite);;All files (*)"))
        if chosen:
            self.file_edit.setText(chosen)

    @property
    def testing(self) -> bool:
        return self._job is not None

    @Slot()
    def _on_test_button_clicked(self) -> None:
        url = self._connecting_url()
        if self._refuse(url):
            return
        self.test_button.setEnabled(False)
        self.save_button.setEnabled(False)
        self._show_result(self.tr("Testing the connection…"), ok=None)
        job = BackgroundJob(lambda report: probe_database(url, timeout=TEST_TIMEOUT_S - 1), self, name="db-test")
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._timer.start(TEST_TIMEOUT_S * 1000)
        job.start()

    def _refuse(self, url: str) -> bool:
        """Say why `url` cannot be tested or saved (True), or nothing (False)."""
        if not url:
            self._show_result(self.tr("Fill in the file, or the server and the database."), ok=False)
            return True
        try:
            check_url(url, create=False)
        except DatabaseUrlError as error:
            self._show_result(redact_text(str(error), url), ok=False)
            return True
        return False

    @Slot(object)
    def _on_job_succeeded(self, version: object) -> None:
        self._timer.stop()
        self._show_result(self.tr("Connected: {version}").format(version=version), ok=True)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._timer.stop()
        # probe_database redacts already; redacting again costs nothing and guards an error from elsewhere.
        self._show_result(self.tr("Cannot connect: {error}").format(
            error=redact_text(str(error), self._connecting_url())), ok=False)

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.test_button.setEnabled(True)
        self.save_button.setEnabled(True)

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._job is not None:
            # The thread ends by itself at the driver's timeout; its late answer is ignored.
            self._job.succeeded.disconnect(self._on_job_succeeded)
            self._job.failed.disconnect(self._on_job_failed)
            self._show_result(self.tr("No answer within {seconds} s.").format(seconds=TEST_TIMEOUT_S), ok=False)

    def _show_result(self, text: str, *, ok: bool | None) -> None:
        colour = {True: "#2e7d32", False: "#c62828", None: "#5f6b76"}[ok]
        self.result_label.setStyleSheet(f"color: {colour};")
        self.result_label.setText(text)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        url = self.form_url()
        if self._refuse(url):
            return
        typed = self.password_edit.text()
        try:
            if self.kind_combo.currentData() == SERVER and typed:
                secrets.set_secret(secrets.database_secret_name(url), typed)
        except secrets.SecretStoreError as error:
            self._show_result(str(error), ok=False)
            return
        _save_database_url(url)
        self.url = url
        self.accept()

    def done(self, result: int) -> None:
        if self._job is not None:
            self._job.wait()  # never leave the test's thread behind the dialog
        self._timer.stop()
        super().done(result)
