"""消息: the signed-in person's notices (unread in bold; a double-click opens the ticket and marks it read) and, for
supervisors and administrators, the e-mails and SMS that failed to go out (发送失败) with a retry."""

from __future__ import annotations

import dataclasses
import functools
import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.kinds import Role
from desk_app.services.events import Change
from desk_app.services.notify import EMAIL, SMS, NotificationView, Notifier, OutboxView
from desk_app.ui.common import error_text, format_time
from desk_app.ui.context import DeskContext
from desk_app.ui.workers import RequestSequencer

log = logging.getLogger(__name__)

NOTIFICATION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# How many notices the list holds (the newest); older ones stay in the database.
LIST_LIMIT = 100
# At most this many new notices are read per poll (a tray message names the newest and counts the rest).
POLL_LIMIT = 20
# Notices about 请示报告 have no ticket: a double-click opens the reports instead.
REPORT_KINDS = frozenset({"report", "report_answer", "report_skipped"})
NOTICES_PAGE, FAILED_PAGE = 0, 1
# Who sees the outbound messages that failed (and may make them due again).
OUTBOX_ROLES = frozenset({Role.SUPERVISOR, Role.ADMIN})
# A deadline scan writes its notices one by one: they are read (and announced) together once it pauses this long.
COALESCE_MS = 250
FAILED_COLUMNS = ("recipient", "channel", "address", "attempts", "error")

DOCK_STYLE = """
QLabel#notificationsSummary { color: #37474f; }
QLabel#failedTitle { color: #b71c1c; font-weight: bold; }
"""


@dataclasses.dataclass(frozen=True)
class NoticesRead:
    """What a read of the dock brings back from its worker: the newest notice's id when it started over (what is
    there counts as seen), the notices newer than the last seen, the list, the unread count and the failed messages
    (None: not this person's to see)."""

    newest_id: int | None
    new: list[NotificationView]
    notices: list[NotificationView]
    unread: int
    failed: list[OutboxView] | None


def read_notices(notifier: Notifier, staff_id: int, *, after_id: int | None, shows_failed: bool,
                 only_if_new: bool) -> NoticesRead | None:
    """On a worker: the notices of `staff_id` newer than `after_id` (None: starting over, the newest id instead),
    then, unless `only_if_new` found none (None then: one indexed query, nothing to show again), the list, the unread
    count and the failed messages. Cheap indexed queries."""
    newest_id = None
    new: list[NotificationView] = []
    if after_id is None:
        top = notifier.list_for(staff_id, limit=1)
        newest_id = top[0].id if top else 0
    else:
        new = notifier.list_for(staff_id, limit=POLL_LIMIT, after_id=after_id)
        if only_if_new and not new:
            return None
    return NoticesRead(newest_id, new, notifier.list_for(staff_id, limit=LIST_LIMIT), notifier.unread_count(staff_id),
                       notifier.failed_outbox() if shows_failed else None)


class NotificationsDock(QDockWidget):
    """The dock "消息". `poll()` looks for notices newer than the last one seen and announces them
    (`notices_arrived`); `refresh()` reloads the list. Both read on a worker (`read` when the answer is shown); a
    read mark is written on one too. The newest read wins."""

    ticket_activated = Signal(int)
    reports_requested = Signal()
    unread_changed = Signal(int)
    notices_arrived = Signal(object)     # list[NotificationView], newest first
    delivery_requested = Signal()        # a failed message was made due again: the owner sends it now
    read = Signal()                      # a read of the notices is shown

    def __init__(self, ctx: DeskContext, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifications_dock")
        self.ctx = ctx
        self.notifier = notifier
        self._unread = 0
        self._announce_count = False   # a new person signed in: their count is announced when it is read
        self._last_seen: int | None = None   # the newest notice seen; None: not read yet
        self._notices: dict[int, NotificationView] = {}
        self._failed: list[OutboxView] = []
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self._poll_timer = QTimer(self)
        self._poll_timer.setSingleShot(True)
        self._poll_timer.setInterval(COALESCE_MS)
        self._poll_timer.timeout.connect(self._on_poll_timer_timeout)
        self._reads = RequestSequencer(self, name="notices")
        self._marks = RequestSequencer(self, name="notices-mark")
        self._retries = RequestSequencer(self, name="outbox-retry")
        self._closed = False

        body = QWidget(self)
        body.setStyleSheet(DOCK_STYLE)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        self.summary_label = QLabel(body)
        self.summary_label.setObjectName("notificationsSummary")
        top.addWidget(self.summary_label, 1)
        self.mark_all_button = QPushButton(body)
        self.mark_all_button.setObjectName("mark_all_read_button")
        self.mark_all_button.clicked.connect(self.mark_all_read)
        top.addWidget(self.mark_all_button)
        layout.addLayout(top)

        # Two pages: the person's notices, and (supervisors, administrators) the messages that failed to send.
        self.pages = QTabWidget(body)
        self.pages.setObjectName("notifications_pages")
        self.pages.setDocumentMode(True)
        self.list = QListWidget(self.pages)
        self.list.setObjectName("notifications_list")
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(self._on_list_item_activated)

        self.failed_box = QWidget(self.pages)
        failed_layout = QVBoxLayout(self.failed_box)
        failed_layout.setContentsMargins(0, 4, 0, 0)
        failed_layout.setSpacing(2)
        failed_top = QHBoxLayout()
        self.failed_title = QLabel(self.failed_box)
        self.failed_title.setObjectName("failedTitle")
        failed_top.addWidget(self.failed_title, 1)
        self.retry_button = QPushButton(self.failed_box)
        self.retry_button.setObjectName("retry_button")
        self.retry_button.setEnabled(False)
        self.retry_button.clicked.connect(self.retry_selected)
        failed_top.addWidget(self.retry_button)
        failed_layout.addLayout(failed_top)
        self.failed_table = QTableWidget(0, len(FAILED_COLUMNS), self.failed_box)
        self.failed_table.setObjectName("failed_table")
        self.failed_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.failed_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.failed_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.failed_table.verticalHeader().hide()
        self.failed_table.setWordWrap(False)
        self.failed_table.horizontalHeader().setStretchLastSection(True)
        self.failed_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.failed_table.itemSelectionChanged.connect(self._on_failed_table_item_selection_changed)
        failed_layout.addWidget(self.failed_table)
        self.pages.addTab(self.list, "")
        self.pages.addTab(self.failed_box, "")
        layout.addWidget(self.pages, 1)
        self.setWidget(body)

        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.reset()

    # ----- reading -----------------------------------------------------------------------------------------------

    @property
    def unread_count(self) -> int:
        return self._unread

    @property
    def shows_failed(self) -> bool:
        return self.ctx.actor.role in OUTBOX_ROLES

    def notices(self) -> list[NotificationView]:
        """The notices in the list, newest first."""
        return [self._notices[self.list.item(i).data(NOTIFICATION_ID_ROLE)] for i in range(self.list.count())]

    def failed(self) -> list[OutboxView]:
        return list(self._failed)

    def reset(self) -> None:
        """Start over for the acting person: what is there now counts as seen (the tray announces only later
        ones), then the list is loaded."""
        self.pages.setTabVisible(FAILED_PAGE, self.shows_failed)
        self.pages.tabBar().setVisible(self.shows_failed)
        self.pages.setCurrentIndex(NOTICES_PAGE)
        self._failed = []
        self._last_seen = None
        self._read(only_if_new=False)

    def refresh(self) -> None:
        """Read the acting person's newest notices, the unread count and (supervisors, administrators) the failed
        outbound messages again (new ones since the last seen are announced)."""
        self._read(only_if_new=False)

    def poll(self) -> None:
        """Look for notices newer than the last one seen (one indexed query on a worker); if there are, announce
        them and show the list again."""
        self._read(only_if_new=True)

    @property
    def reading(self) -> bool:
        """A read or a read mark is on its way (tests wait for it)."""
        return self._reads.busy or not self._reads.idle or not self._marks.idle

    def shutdown(self) -> None:
        """The window closes: nothing more is read or marked, and what runs is waited for."""
        self._closed = True
        self._poll_timer.stop()
        self._reads.wait()
        self._marks.wait()
        self._retries.wait()

    def _read(self, *, only_if_new: bool) -> None:
        if self._closed:
            return
        staff_id = self.ctx.actor.id
        # The newest read wins: each looks for the notices newer than the last seen when it started, and the last
        # seen moves on only when a read is shown, so one dropped loses nothing.
        work = functools.partial(read_notices, self.notifier, staff_id, after_id=self._last_seen,
                                 shows_failed=self.shows_failed, only_if_new=only_if_new)
        self._reads.run(work, functools.partial(self._on_read, staff_id), self._on_read_failed)

    def _on_read(self, staff_id: int, read: NoticesRead | None) -> None:
        if read is None or staff_id != self.ctx.actor.id:
            return   # nothing new, or someone else signed in meanwhile (their read follows)
        if read.newest_id is not None:
            self._last_seen = read.newest_id
        fresh = [n for n in read.new if n.unread]
        if read.new:
            self._last_seen = max(self._last_seen or 0, *(n.id for n in read.new))
        self._fill(read.notices)
        if read.failed is not None:
            self._failed = read.failed
            self._fill_failed()
        changed = read.unread != self._unread or self._announce_count
        self._announce_count = False
        self._unread = read.unread
        self._update_summary()
        if changed:
            self.unread_changed.emit(read.unread)
        if fresh:
            self.notices_arrived.emit(fresh)
        self.read.emit()

    def _on_read_failed(self, error: BaseException) -> None:
        # The list stays as it was; an outage shows as the window's banner, and the next poll reads again.
        log.debug("reading the notices failed: %s", error)

    # ----- changing ----------------------------------------------------------------------------------------------

    @Slot()
    def mark_all_read(self) -> None:
        """全部已读: written on a worker, then the list is read again."""
        self._mark(None)

    def open_notice(self, notification_id: int) -> None:
        """What a double-click does: mark the notice read and open its ticket (or the reports)."""
        notice = self._notices.get(notification_id)
        if notice is None:
            return
        if notice.unread:
            self._mark(notification_id)
        if notice.ticket_id is not None:
            self.ticket_activated.emit(notice.ticket_id)
        elif notice.kind in REPORT_KINDS:
            self.reports_requested.emit()

    @Slot()
    def retry_selected(self) -> bool:
        """重试: make the selected failed message due now (on a worker) and ask the owner to send it."""
        row = self.failed_table.currentRow()
        if not self.shows_failed or not 0 <= row < len(self._failed):
            return False
        if self._closed:
            return False
        self.failed_title.setText(self.tr("Failed to send ({count}): sending again…").format(count=len(self._failed)))
        # Made due on a worker (a write: a round trip to a shared server), then the owner sends it.
        self._retries.run(functools.partial(self.notifier.retry_now, self._failed[row].id),
                          lambda _none: self.delivery_requested.emit(), self._on_mark_failed)
        return True

    def _mark(self, notification_id: int | None) -> None:
        """Mark one notice (None: all of them) read on a worker, then read the list again."""
        if self._closed:
            return
        work = functools.partial(self.notifier.mark_read, self.ctx.actor.id, notification_id)
        self._marks.run(work, lambda _count: self.refresh(), self._on_mark_failed)

    def _on_mark_failed(self, error: BaseException) -> None:
        if isinstance(error, DeskError):
            self.summary_label.setText(error_text(error))

    # ----- filling -----------------------------------------------------------------------------------------------

    def _fill(self, notices: list[NotificationView]) -> None:
        current = self.list.currentItem()
        current_id = current.data(NOTIFICATION_ID_ROLE) if current is not None else None
        self.list.setUpdatesEnabled(False)
        try:
            self.list.clear()
            self._notices = {n.id: n for n in notices}
            for notice in notices:
                item = QListWidgetItem(self._item_text(notice))
                item.setData(NOTIFICATION_ID_ROLE, notice.id)
                item.setToolTip(f"{notice.title}\n\n{notice.body}")
                if notice.unread:
                    item.setFont(self._bold)
                self.list.addItem(item)
                if notice.id == current_id:
                    self.list.setCurrentItem(item)
        finally:
            self.list.setUpdatesEnabled(True)

    def _item_text(self, notice: NotificationView) -> str:
        marker = "\u25cf " if notice.unread else ""
        # The templates name the ticket in the title; others (a report, a circulation) get it on the second line.
        where = f"  {notice.ticket_number}" if notice.ticket_number and notice.ticket_number not in notice.title \
            else ""
        return f"{marker}{notice.title}\n{format_time(notice.created_at)}{where}"

    def _fill_failed(self) -> None:
        table = self.failed_table
        table.setRowCount(len(self._failed))
        channels = {EMAIL: self.tr("E-mail"), SMS: self.tr("SMS")}
        for row, message in enumerate(self._failed):
            cells = [message.recipient, channels.get(message.channel, message.channel), message.address,
                     str(message.attempts), message.last_error]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == len(cells) - 1:
                    item.setToolTip(text)
                table.setItem(row, column, item)
        self._update_failed_title()
        self.retry_button.setEnabled(0 <= table.currentRow() < len(self._failed))

    def _update_failed_title(self) -> None:
        text = self.tr("Failed to send ({count})").format(count=len(self._failed))
        self.failed_title.setText(text)
        self.pages.setTabText(FAILED_PAGE, text)

    def show_failed(self) -> bool:
        """Bring the failed messages' page forward (supervisors and administrators only)."""
        if self.shows_failed:
            self.pages.setCurrentIndex(FAILED_PAGE)
        return self.shows_failed

    def _update_summary(self) -> None:
        if self._unread:
            self.summary_label.setText(self.tr("{count} unread").format(count=self._unread))
        else:
            self.summary_label.setText(self.tr("No unread notices"))
        self.mark_all_button.setEnabled(self._unread > 0)

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Notices"))
        self.mark_all_button.setText(self.tr("Mark all read"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setToolTip(self.tr("Send the selected message again now"))
        self.list.setToolTip(self.tr("Double-click a notice to open its ticket"))
        self.failed_table.setHorizontalHeaderLabels(
            [self.tr("To"), self.tr("Channel"), self.tr("Address"), self.tr("Attempts"), self.tr("Last error")])
        self.pages.setTabText(NOTICES_PAGE, self.tr("Notices"))
        self._update_failed_title()
        self._update_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- slots -------------------------------------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.open_notice(item.data(NOTIFICATION_ID_ROLE))

    @Slot()
    def _on_failed_table_item_selection_changed(self) -> None:
        self.retry_button.setEnabled(0 <= self.failed_table.currentRow() < len(self._failed))

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic == "notification":
            # A notice of this desk (or a read mark): new ones are announced, the list follows; a burst of them
            # (the deadline scan) makes one announcement.
            self._poll_timer.start()

    @Slot()
    def _on_poll_timer_timeout(self) -> None:
        self.refresh()   # a change of this desk (a new notice or a read mark): the list follows, new ones announced

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor: object) -> None:
        self._poll_timer.stop()
        # A new person: nothing of the last one's stays on screen or counted, and theirs is announced once read.
        self._unread = 0
        self._announce_count = True
        self._fill([])
        self._failed = []
        self._fill_failed()
        self._update_summary()
        self.reset()
