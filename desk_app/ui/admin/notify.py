"""通知设置: the notifications page of the administration window: e-mail and SMS, which notices go out."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.states import Action
from desk_app.services.events import Change
from desk_app.ui.admin.common import AdminPage, compact_form, hint_label, with_error
from desk_app.ui.common import label
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.workers import BackgroundJob, RequestSequencer


def _notify():
    """services.notify (outbound notification settings), imported when used."""
    from desk_app.services import notify

    return notify


class NotifyPage(AdminPage):
    """通知设置: outbound e-mail (SMTP) and SMS (an HTTP gateway), which kinds of notice go out, a test message."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._job: BackgroundJob | None = None
        self._stored_password = False
        self._reads = RequestSequencer(self, name="notify-settings")   # the saved settings, read on a worker
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)

        self.email_box = QGroupBox(self)
        self.email_enabled_check = QCheckBox(self)
        self.email_enabled_check.setObjectName("email_enabled_check")
        self.smtp_host_edit = QLineEdit(self)
        self.smtp_host_edit.setObjectName("smtp_host_edit")
        self.smtp_port_spin = QSpinBox(self)
        self.smtp_port_spin.setObjectName("smtp_port_spin")
        self.smtp_port_spin.setRange(1, 65535)
        self.smtp_from_edit = QLineEdit(self)
        self.smtp_from_edit.setObjectName("smtp_from_edit")
        self.smtp_user_edit = QLineEdit(self)
        self.smtp_user_edit.setObjectName("smtp_user_edit")
        self.smtp_password_edit = QLineEdit(self)
        self.smtp_password_edit.setObjectName("smtp_password_edit")
        self.smtp_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.starttls_check = QCheckBox(self)
        self.starttls_check.setObjectName("starttls_check")
        self.email_captions = [QLabel(self) for _ in range(6)]
        email_form = compact_form()
        email_form.addRow(self.email_captions[0], self.email_enabled_check)
        email_form.addRow(self.email_captions[1], with_error(self.smtp_host_edit, self.errors, "smtp_host"))
        email_form.addRow(self.email_captions[2], with_error(self.smtp_port_spin, self.errors, "smtp_port"))
        email_form.addRow(self.email_captions[3], with_error(self.smtp_from_edit, self.errors, "smtp_from"))
        email_form.addRow(self.email_captions[4], with_error(self.smtp_user_edit, self.errors, "smtp_user"))
        email_form.addRow(self.email_captions[5], with_error(self.smtp_password_edit, self.errors, "smtp_password"))
        email_form.addRow("", self.starttls_check)
        self.email_box.setLayout(email_form)

        self.sms_box = QGroupBox(self)
        self.sms_enabled_check = QCheckBox(self)
        self.sms_enabled_check.setObjectName("sms_enabled_check")
        self.sms_url_edit = QLineEdit(self)
        self.sms_url_edit.setObjectName("sms_url_edit")
        self.sms_template_edit = QPlainTextEdit(self)
        self.sms_template_edit.setObjectName("sms_template_edit")
        self.sms_template_edit.setMaximumHeight(70)
        self.sms_template_hint = hint_label("", self)
        self.sms_captions = [QLabel(self) for _ in range(3)]
        sms_form = compact_form()
        sms_form.addRow(self.sms_captions[0], self.sms_enabled_check)
        sms_form.addRow(self.sms_captions[1], with_error(self.sms_url_edit, self.errors, "sms_url"))
        sms_form.addRow(self.sms_captions[2], with_error(self.sms_template_edit, self.errors, "sms_template"))
        sms_form.addRow("", self.sms_template_hint)
        self.sms_box.setLayout(sms_form)

        self.events_box = QGroupBox(self)
        self.all_events_check = QCheckBox(self)
        self.all_events_check.setObjectName("all_events_check")
        self.all_events_check.toggled.connect(self._on_all_events_check_toggled)
        self.event_checks: dict[str, QCheckBox] = {}
        events_layout = QVBoxLayout(self.events_box)
        events_layout.addWidget(self.all_events_check)
        self.events_grid = QGridLayout()
        events_layout.addLayout(self.events_grid)
        self.events_error = QLabel(self)
        self.errors.add("events", self.events_error)
        events_layout.addWidget(self.events_error)
        self.events_hint = hint_label("", self)
        events_layout.addWidget(self.events_hint)

        self.test_box = QGroupBox(self)
        self.test_address_edit = QLineEdit(self)
        self.test_address_edit.setObjectName("test_address_edit")
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("send_test_button")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.test_message = QLabel(self)
        self.test_message.setWordWrap(True)
        self.test_errors = FieldErrors(self.test_message, self)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_address_edit, 1)
        test_row.addWidget(self.test_button)
        self.test_hint = hint_label("", self)
        test_layout = QVBoxLayout(self.test_box)
        test_layout.addWidget(self.test_hint)
        test_layout.addLayout(test_row)
        test_layout.addWidget(self.test_message)

        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_notify_button")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("reload_notify_button")
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.smtp_port_spin.setMaximumWidth(110)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(self.email_box)
        left.addWidget(self.sms_box)
        left.addWidget(self.message_label)
        left.addLayout(buttons)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.events_box)
        right.addWidget(self.test_box)
        right.addStretch(1)
        left.setContentsMargins(0, 0, 0, 0)
        left_holder = QWidget(self)
        left_holder.setLayout(left)
        left_holder.setMaximumWidth(720)
        layout = QHBoxLayout(self)
        layout.addWidget(left_holder, 3)
        layout.addLayout(right, 2)

    def translate_ui(self) -> None:
        self.email_box.setTitle(self.tr("E-mail (SMTP)"))
        for caption, text in zip(self.email_captions, [self.tr("Send e-mail:"), self.tr("Server:"), self.tr("Port:"),
                                                       self.tr("Sender address:"), self.tr("User name:"),
                                                       self.tr("Password:")]):
            caption.setText(text)
        self.email_enabled_check.setText(self.tr("Enabled"))
        self.starttls_check.setText(self.tr("Encrypt with STARTTLS"))
        self.smtp_host_edit.setPlaceholderText("smtp.example.com")
        self.smtp_from_edit.setPlaceholderText("工单台 <desk@example.com>")
        self.smtp_user_edit.setPlaceholderText(self.tr("empty: no sign-in"))
        self.sms_box.setTitle(self.tr("SMS gateway (HTTP)"))
        for caption, text in zip(self.sms_captions, [self.tr("Send SMS:"), self.tr("Gateway URL:"),
                                                     self.tr("Request body:")]):
            caption.setText(text)
        self.sms_enabled_check.setText(self.tr("Enabled"))
        self.sms_url_edit.setPlaceholderText("https://sms.example.com/send?key=…")
        self.sms_template_hint.setText(self.tr(
            "{phone} and {text} are filled in; JSON and form bodies are escaped as such."))
        self.events_box.setTitle(self.tr("What goes out by e-mail and SMS"))
        self.all_events_check.setText(self.tr("Every kind of notice (also kinds added later)"))
        self.events_hint.setText(self.tr(
            "In-app notices always appear. Staff get e-mail or SMS only where their account has an address or "
            "a mobile number."))
        self.test_box.setTitle(self.tr("Test"))
        self.test_hint.setText(self.tr("Sends one message with the settings above, saved or not."))
        self.test_address_edit.setPlaceholderText(self.tr("e-mail address or mobile number"))
        self.test_button.setText(self.tr("Send test message"))
        self.save_button.setText(self.tr("Save"))
        self.reload_button.setText(self.tr("Undo changes"))
        self._build_event_checks()
        self.refresh()

    def _event_name(self, kind: str) -> str:
        notify = _notify()
        names = {notify.APPROACHING: self.tr("A limit is approaching"), notify.OVERDUE: self.tr("A limit is overdue"),
                 notify.ESCALATION: self.tr("A complaint is escalated")}
        if kind in names:
            return names[kind]
        try:
            return self.tr("Ticket: {action}").format(action=label(Action(kind)))
        except ValueError:
            return kind

    def _build_event_checks(self) -> None:
        checked = {k for k, c in self.event_checks.items() if c.isChecked()}
        for check in self.event_checks.values():
            self.events_grid.removeWidget(check)
            check.deleteLater()
        self.event_checks.clear()
        for index, kind in enumerate(sorted(_notify().known_event_kinds())):
            check = QCheckBox(self._event_name(kind), self.events_box)
            check.setObjectName(f"event_{kind}")
            check.setChecked(kind in checked)
            self.event_checks[kind] = check
            self.events_grid.addWidget(check, index // 2, index % 2)

    def refresh(self) -> None:
        # Settings under edit are not thrown away by someone else's change: only an explicit reload reads them.
        if not getattr(self, "_loaded", False):
            self.load()

    @property
    def loading(self) -> bool:
        """The saved settings are being read on a worker."""
        return not self._reads.idle

    def load(self) -> None:
        """Read the saved settings on a worker (the SMTP password is in the system keyring, whose first use loads
        its backend: some 200 ms) and fill the form when they are in. 保存 and 撤销更改 wait meanwhile: a form that
        was never read is never saved over the settings."""
        self._loaded = True
        self.save_button.setEnabled(False)
        self.reload_button.setEnabled(False)
        self._reads.run(_notify().load_notify_settings, self._on_settings_read, self._on_settings_not_read)

    def _on_settings_not_read(self, error: BaseException) -> None:
        self.reload_button.setEnabled(True)
        self.errors.show_general(self.tr("The settings could not be read: {error}").format(error=error))

    def _on_settings_read(self, settings_: Any) -> None:
        self.save_button.setEnabled(True)
        self.reload_button.setEnabled(True)
        self.errors.clear()
        self.email_enabled_check.setChecked(settings_.email_enabled)
        self.smtp_host_edit.setText(settings_.smtp_host)
        self.smtp_port_spin.setValue(settings_.smtp_port)
        self.smtp_from_edit.setText(settings_.smtp_from)
        self.smtp_user_edit.setText(settings_.smtp_user)
        self.smtp_password_edit.clear()
        self._stored_password = bool(settings_.smtp_password)
        self.smtp_password_edit.setPlaceholderText(
            self.tr("•••••• (set); type to replace") if self._stored_password else self.tr("empty: no password"))
        self.starttls_check.setChecked(settings_.smtp_starttls)
        self.sms_enabled_check.setChecked(settings_.sms_enabled)
        self.sms_url_edit.setText(settings_.sms_url)
        self.sms_template_edit.setPlainText(settings_.sms_template)
        self.all_events_check.setChecked(settings_.events is None)
        for kind, check in self.event_checks.items():
            check.setChecked(settings_.events is None or kind in settings_.events)
        self._on_all_events_check_toggled(self.all_events_check.isChecked())

    def form_settings(self) -> Any:
        """The settings as typed (NotifySettings); an empty password field keeps the stored one."""
        notify = _notify()
        events = None if self.all_events_check.isChecked() else frozenset(
            k for k, c in self.event_checks.items() if c.isChecked())
        values = dict(smtp_host=self.smtp_host_edit.text(), smtp_port=self.smtp_port_spin.value(),
                      smtp_from=self.smtp_from_edit.text(), smtp_user=self.smtp_user_edit.text(),
                      smtp_password=self.smtp_password_edit.text(), smtp_starttls=self.starttls_check.isChecked(),
                      sms_url=self.sms_url_edit.text(), sms_template=self.sms_template_edit.toPlainText(),
                      email_enabled=self.email_enabled_check.isChecked(),
                      sms_enabled=self.sms_enabled_check.isChecked(), events=events)
        known = {f.name for f in dataclasses.fields(notify.NotifySettings)}
        return notify.NotifySettings(**{k: v for k, v in values.items() if k in known})

    @property
    def busy(self) -> bool:
        return self._job is not None

    def shutdown(self) -> None:
        self._reads.wait()
        if self._job is not None:
            self._job.wait()

    @Slot(bool)
    def _on_all_events_check_toggled(self, every: bool) -> None:
        for check in self.event_checks.values():
            if every:
                check.setChecked(True)
            check.setEnabled(not every)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        notify = _notify()
        settings_ = self.form_settings()
        keep = not self.smtp_password_edit.text() and self._stored_password
        ok, _ = self.run(self.errors, lambda: notify.save_notify_settings(self.actor, settings_, keep_password=keep))
        if ok:
            self.service.events.emit(Change("settings", "notify"))
            self.load()

    @Slot()
    def _on_reload_button_clicked(self) -> None:
        self.load()

    @Slot()
    def _on_test_button_clicked(self) -> None:
        notify = _notify()
        self.test_errors.clear()
        address = self.test_address_edit.text().strip()
        try:
            settings_ = notify.validated_notify_settings(self.form_settings())
        except DeskError as error:
            self.errors.show_error(error)
            return
        if not self.smtp_password_edit.text() and self._stored_password:
            settings_ = dataclasses.replace(settings_, smtp_password=notify.load_notify_settings().smtp_password)
        channel = notify.EMAIL if "@" in address else notify.SMS
        senders = notify.build_senders(settings_)
        sender = senders.get(channel)
        if not address:
            self.test_errors.show_general(self.tr("Give an e-mail address or a mobile number."))
            return
        if sender is None:
            self.test_errors.show_general(self.tr("Enable and fill in {channel} first.").format(
                channel=self.tr("e-mail") if channel == notify.EMAIL else self.tr("SMS")))
            return
        subject = self.tr("工单台 test message")
        body = self.tr("This is a test message from 工单台. If you read it, the settings work.")

        def work(report: Callable[[int, int], None]) -> str:
            sender.send(address, subject, body)
            return address

        job = BackgroundJob(work, self, name="notify-test")
        job.succeeded.connect(self._on_test_job_succeeded)
        job.failed.connect(self._on_test_job_failed)
        job.finished.connect(self._on_test_job_finished)
        self._job = job
        self.test_button.setEnabled(False)
        self.test_message.setStyleSheet("")
        self.test_message.setText(self.tr("Sending…"))
        self.test_message.show()
        self.busy_changed.emit(True)
        job.start()

    @Slot(object)
    def _on_test_job_succeeded(self, address: object) -> None:
        self.test_message.setStyleSheet("color: #1b5e20;")
        self.test_message.setText(self.tr("Sent to {address}.").format(address=address))
        self.test_message.show()

    @Slot(object)
    def _on_test_job_failed(self, error: object) -> None:
        self.test_errors.show_general(self.tr("Not sent: {error}").format(error=error))

    @Slot()
    def _on_test_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.test_button.setEnabled(True)
        self.busy_changed.emit(False)
