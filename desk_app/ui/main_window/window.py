"""The main window: the signed-in person's work queues as tabs, the intake panel (for those who take calls), the
ticket detail pane, the deadlines and notices docks, and the menus for the shift handover, reports and administration.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import time

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.kinds import Role
from desk_app.core.permissions import Operation, may
from desk_app.core.queues import Queue
from desk_app.core.rules import may_operate
from desk_app.services import coordination
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change
from desk_app.services.notify import NotificationView, Notifier
from desk_app.services.queries import QueueFilter, count_filters, organization_name
from desk_app.ui import settings as app_settings
from desk_app.paths import data_dir
from desk_app.services.outbox_local import LocalOutbox, ReplayResult, outbox_folder
from desk_app.ui.banner import OutageBanner, OutageHook, OutageWatch
from desk_app.ui.kept_saves import KeptSavesDialog
from desk_app.ui.batch_print import PaperJob, print_slips
from desk_app.ui.common import error_text, label, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.coordination import HandoverDialog, ReportDialog
from desk_app.ui.deadlines_dock import DeadlinesDock
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.export import ExcelExport, export_queue_to_excel, export_summary_to_excel
from desk_app.ui.backup import BackupDialog, DailyBackup
from desk_app.ui.followups import FollowUpCount
from desk_app.ui.intake.panel import IntakePanel
from desk_app.ui.live import LiveUpdates, RemoteTickets
from desk_app.ui.main_window.icon import app_icon
from desk_app.ui.main_window.menus import (
    build_actions,
    build_menus,
    build_status_bar,
    build_toolbar,
    describe_database,
)
from desk_app.ui.main_window.queues import TAB_COLORS, QueueView, queues_for
from desk_app.ui.notifications import NotificationsDock
from desk_app.ui.queue_model import QueueModel, read_first_pages
from desk_app.ui.signin import ChangePasswordDialog, SignInDialog
from desk_app.ui.workers import BackgroundJob, ProgressFn, RequestSequencer

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 300
REFRESH_SECONDS = 30
# New notices of other desks are looked for this often (one indexed query); this desk's own arrive at once.
POLL_SECONDS = 5
# Changes that move tickets between queues (a call, a notice or a handover does not).
QUEUE_TOPICS = frozenset({"ticket", "calendar", "settings", "customer"})
# Changes after which the number of due follow-up calls is counted again (a call planned by a return visit is due
# a day later at the earliest: only a follow-up's own change moves today's number).
FOLLOW_UP_TOPICS = frozenset({"follow_up"})
# Bumped when the docks or toolbars change, so an older saved layout is ignored instead of half-applied.
WINDOW_STATE_VERSION = 2
HEADER_STATE_VERSION = 1
# What the count job hands back for each queue: the filter it counted (viewer put in), its count, and the count its
# tab shows (without the search).
Counted = tuple[QueueFilter, int, int]


def count_queues(service: DeskService, actor: Actor, snapshots: list[QueueFilter],
                 report: ProgressFn) -> list[Counted]:
    """The count job's work, on a worker thread: who reads (a read of their record), then every queue's count in a
    few grouped queries, and a searched queue's count once more without the search for its tab."""
    report(0, 1)  # raises JobCancelled if the window closed meanwhile
    viewer = service.viewer(actor)
    shown = [dataclasses.replace(flt, viewer=viewer) for flt in snapshots]
    searched = [dataclasses.replace(flt, search="") for flt in shown if flt.search]
    counts = count_filters(shown + searched)
    tab_counts = iter(counts[len(shown):])
    return [(flt, count, next(tab_counts) if flt.search else count)
            for flt, count in zip(shown, counts[:len(shown)], strict=True)]


class MainWindow(QMainWindow):
    """工单台's main window for the signed-in person (ctx.actor).

    One 1-second timer drives the countdowns, a cheap poll for new notices every POLL_SECONDS and a count refresh
    every REFRESH_SECONDS (counted by a job on a worker thread, shown when its signal arrives); a second timer starts
    the deadline scan and the outbound delivery on a worker thread (shortly after start, then every minute). When
    someone else signs in (ctx.set_actor), everything follows their role: queue tabs, department filter, docks and
    menus.
    """

    # Emitted with (title, text) when new notices of the signed-in person arrive (also shown in the tray).
    notices_announced = Signal(str, str)
    background_scan_finished = Signal()
    # The counts of a count job arrived and were shown (tabs, tables).
    counts_refreshed = Signal()

    SCAN_FIRST_DELAY_MS = 3_000
    SCAN_INTERVAL_MS = 60_000

    def __init__(self, ctx: DeskContext, *, database_url: str = "", notifier: Notifier | None = None,
                 live_updates: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowIcon(app_icon())
        self.ctx = ctx
        self.database_url = database_url
        self.restart_requested = False
        self.first_start = False  # no saved geometry: run_gui shows the window maximised
        self._counts: dict[Queue, int] = {}
        self._last_refresh = time.monotonic()
        self._last_poll = time.monotonic()
        self._role = ctx.actor.role
        self._organization = organization_name()
        # Without a notifier from the start-up (tests, a second window), this window makes and owns one.
        self._unsubscribe_notifier = None
        if notifier is None:
            notifier = Notifier(ctx.service.now, events=ctx.service.events)
            self._unsubscribe_notifier = ctx.service.events.subscribe(notifier.on_change)
        self.notifier = notifier
        self._scan_job: BackgroundJob | None = None
        self._count_job: BackgroundJob | None = None
        self._recount = False  # counts were asked for while a count job ran: one more when it ends
        self._select_after_count: int | None = None  # a ticket taken in here: selected in a tab once counted
        self._closing = False
        self.sign_in_dialog: SignInDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.handover_dialog: HandoverDialog | None = None
        self.report_dialog: ReportDialog | None = None
        self.summary_window: QMainWindow | None = None
        self.follow_ups_dialog: QDialog | None = None
        self.register_dialog: QDialog | None = None
        self.customers_window: QMainWindow | None = None
        self._quit_on_last_window: bool | None = None

        self.queues: tuple[Queue, ...] = ()
        self.models: dict[Queue, QueueModel] = {}
        self.views: dict[Queue, QueueView] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("queue_tabs")
        self.tabs.setDocumentMode(True)
        # While the database cannot be reached: a banner over the queues; saves kept on this PC until it is back.
        self.outage_watch = OutageWatch(ctx.service, LocalOutbox(outbox_folder(data_dir(), database_url))
                                        if database_url else None, self)
        self._build_queue_tabs()
        self.outage_banner = OutageBanner(self.outage_watch, self)
        self.outage_hook = OutageHook(self.outage_watch)
        self.outage_hook.install()
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.outage_banner)
        central_layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self._build_docks()
        build_actions(self)
        build_toolbar(self)
        build_menus(self)
        build_status_bar(self)
        self._build_tray()
        # 回访跟踪: the number of calls due, counted on a worker thread, shown on its action in the toolbar.
        self.follow_up_count = FollowUpCount(ctx, self)
        self.follow_up_count.counted.connect(self._on_follow_up_count_counted)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        # The one clock of the window: countdowns every second, a cheap refresh every REFRESH_SECONDS.
        self.timer = QTimer(self)
        self.timer.setObjectName("countdown_timer")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_timer_timeout)
        # The background scan: once shortly after start, then every minute (the interval is set after the first).
        self.scan_timer = QTimer(self)
        self.scan_timer.setObjectName("scan_timer")
        self.scan_timer.timeout.connect(self._on_scan_timer_timeout)

        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)

        self.translate_ui()
        self.read_settings()
        self._apply_role()
        self._update_tab_titles()
        self._update_calendar_warning()
        self.follow_up_count.refresh()  # on a worker: the window paints first, the number follows (~12 ms at 1M)
        self.ctx.refresh_directory()    # the departments and staff its dialogs list, read on a worker
        self.timer.start()
        self.scan_timer.start(self.SCAN_FIRST_DELAY_MS)
        self.outage_watch.replayed.connect(self._on_outage_watch_replayed)
        self.outage_banner.show_kept.connect(self.open_kept_saves)
        self.outage_watch.start()
        # This desk's daily backup (文件 › 备份数据库…): checked with the scan, so also past midnight.
        self.daily_backup = DailyBackup(database_url, self)
        self.daily_backup.progressed.connect(self._on_daily_backup_progressed)
        self.daily_backup.done.connect(self._on_daily_backup_done)
        self.daily_backup.failed.connect(self._on_daily_backup_failed)
        self.backup_dialog: BackupDialog | None = None
        # Other desks' changes, pushed (LISTEN/NOTIFY on PostgreSQL, PRAGMA data_version on SQLite).
        self.live: LiveUpdates | None = None
        if live_updates and database_url:
            self.live = LiveUpdates(database_url, ctx.service.events, self)
            self.live.tickets_changed.connect(self._on_live_tickets_changed)
            self.live.reconnected.connect(self._on_live_reconnected)
            # The listener is the first to notice a server gone while this desk is idle: try it, banner if so.
            self.live.lost.connect(self.outage_watch.probe_now)
            self.live.start()

    # ----- building ------------------------------------------------------------------------------------------

    def _build_queue_tabs(self) -> None:
        """One tab per queue of the signed-in person's role; department roles see their department's tickets
        only, and an approval queue holds only that role's step."""
        actor = self.ctx.actor
        self.queues = queues_for(actor.role)
        for queue in self.queues:
            # What each person may read is the rule book's (services: DeskService.viewer), not the window's.
            # Counted by the count job on a worker (started below): "…" in its tab until then.
            model = QueueModel(queue, self.ctx.now, self, viewer=self.ctx.viewer, counted=False, reads_on_worker=True)
            model.unreachable.connect(self.outage_watch.report)   # a page met an outage: the banner
            model.searched.connect(self._on_queue_model_searched)
            view = QueueView(model, self.tabs)
            view.ticket_selected.connect(self._on_view_ticket_selected)
            self.models[queue] = model
            self.views[queue] = view
            self.tabs.addTab(view, "")
        self._counts = {q: m.rowCount() for q, m in self.models.items()}
        self.refresh_counts()

    def _rebuild_queue_tabs(self) -> None:
        """After the signed-in person changed: their role's queues, keeping the current one where it remains."""
        current = self.current_queue() if self.queues else None
        self.tabs.blockSignals(True)
        for view in self.views.values():
            view.write_settings()
        while self.tabs.count():
            view = self.tabs.widget(0)
            self.tabs.removeTab(0)
            view.deleteLater()
        for model in self.models.values():
            # Its pages and searches are read on workers: none may answer a model that is gone (shutdown waits for
            # the ones running, a few ms, and starts no more).
            model.shutdown()
            model.deleteLater()
        self.models.clear()
        self.views.clear()
        self._build_queue_tabs()
        if current in self.queues:
            self.tabs.setCurrentIndex(self.queues.index(current))
        self.tabs.blockSignals(False)
        self._on_tabs_current_changed(self.tabs.currentIndex())
        self._update_tab_titles()

    def _build_docks(self) -> None:
        # Side docks take the full height; the deadlines and notices strip sits under the queue table only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.intake = IntakePanel(self.ctx, self)
        self.intake_dock = QDockWidget(self)
        self.intake_dock.setObjectName("intake_dock")
        self.intake_dock.setWidget(self.intake)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.intake_dock)
        self.intake.ticket_created.connect(self._on_intake_ticket_created)
        self.intake.outage = self.outage_watch
        self.intake.ticket_activated.connect(self._on_ticket_activated)
        self.intake.archive_requested.connect(self.open_customer_archive)

        self.detail = DetailPane(self.ctx, self)
        self.detail.outage = self.outage_watch   # actions met by an outage are kept on this PC
        self.detail_dock = QDockWidget(self)
        self.detail_dock.setObjectName("detail_dock")
        self.detail_dock.setWidget(self.detail)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)
        activated = getattr(self.detail, "ticket_activated", None)
        if activated is not None:  # a linked complaint opened from the pane
            activated.connect(self._on_ticket_activated)

        self.deadlines_dock = DeadlinesDock(self.ctx, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.deadlines_dock)
        self.deadlines_dock.ticket_activated.connect(self._on_ticket_activated)
        self.deadlines_dock.overdue_requested.connect(self._on_deadlines_overdue_requested)

        self.notifications_dock = NotificationsDock(self.ctx, self.notifier, self)
        self.splitDockWidget(self.deadlines_dock, self.notifications_dock, Qt.Orientation.Horizontal)
        self.notifications_dock.ticket_activated.connect(self._on_ticket_activated)
        self.notifications_dock.reports_requested.connect(self.open_report_dialog)
        self.notifications_dock.unread_changed.connect(self._on_notifications_dock_unread_changed)
        self.notifications_dock.notices_arrived.connect(self._on_notifications_dock_notices_arrived)
        self.notifications_dock.delivery_requested.connect(self.run_background_scan)

        self.resizeDocks([self.intake_dock, self.detail_dock], [360, 440], Qt.Orientation.Horizontal)
        self.resizeDocks([self.deadlines_dock, self.notifications_dock], [520, 380], Qt.Orientation.Horizontal)
        self.resizeDocks([self.deadlines_dock], [200], Qt.Orientation.Vertical)

    def _build_tray(self) -> None:
        """A tray icon with the unread count and a message for new notices, where the desktop has a tray (the
        offscreen platform and bare X servers do not: the status bar says it then)."""
        self.tray: QSystemTrayIcon | None = None
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(self.windowIcon(), self)
        self.tray.setObjectName("tray_icon")
        self.tray.activated.connect(self._on_tray_activated)
        self.tray.messageClicked.connect(self._on_tray_message_clicked)
        self.tray.show()

    # ----- language, settings --------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.intake_dock.setWindowTitle(self.tr("Intake"))
        self.detail_dock.setWindowTitle(self.tr("Ticket details"))
        self.deadlines_dock.translate_ui()
        self.notifications_dock.translate_ui()
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.new_call_action.setText(self.tr("New call"))
        self.new_call_action.setToolTip(self.tr("Take a new call or visit (Ctrl+N)"))
        self.find_action.setText(self.tr("Search tickets"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.sign_out_action.setText(self.tr("Switch user / sign out"))
        self.sign_out_action.setToolTip(self.tr("Sign out; the next person signs in at this desk"))
        self.password_action.setText(self.tr("Change password"))
        self.handover_action.setText(self.tr("Shift handover…"))
        self.report_action.setText(self.tr("Escalation reports…"))
        self.inspections_action.setText(self.tr("Patrol and checks…"))
        self.register_action.setText(self.tr("Call and visit register…"))
        self.register_action.setToolTip(self.tr("The day's calls and visits, incoming and outgoing"))
        self._update_follow_up_action()
        self.knowledge_action.setText(self.tr("Knowledge base…"))
        self.knowledge_action.setToolTip(self.tr("Search the agreed answers; write and retire them (Ctrl+Shift+B)"))
        self.summary_action.setText(self.tr("Summary…"))
        self.summary_action.setToolTip(self.tr("Figures, on-time rates and trends of any period (Ctrl+Shift+S)"))
        self.customers_action.setText(self.tr("Customer archive…"))
        self.customers_action.setToolTip(self.tr("Find, read and edit customers' archives (Ctrl+Shift+K)"))
        self.admin_action.setText(self.tr("System administration…"))
        self.a5_slip_action.setText(self.tr("Dispatch slips on A5 paper"))
        self.a5_slip_action.setToolTip(self.tr("This desk prints dispatch slips on A5 (the A4 form scaled down)"))
        self.batch_print_action.setText(self.tr("Print the selected tickets' slips…"))
        self.batch_print_action.setToolTip(self.tr("Dispatch slips of every selected row (Ctrl- or Shift-click "
                                                   "to select several), in one preview to print"))
        self.export_action.setText(self.tr("Export to Excel…"))
        self.backup_action.setText(self.tr("Back up the database…"))
        self.export_action.setToolTip(self.tr("Save the tickets of the queue shown, as searched and sorted, "
                                              "to an Excel workbook"))
        self.quit_action.setText(self.tr("Quit"))
        self.about_action.setText(self.tr("About"))
        self.search_edit.setPlaceholderText(self.tr("Search number, phone, name or address (Ctrl+F)"))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.work_menu.setTitle(self.tr("&Work"))
        self.admin_menu.setTitle(self.tr("&Administration"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.database_label.setText(self.tr("Database: {name}").format(name=describe_database(self.database_url)))
        self.database_label.setToolTip(describe_database(self.database_url))
        self._update_user_labels()
        self._update_tab_titles()
        self._update_search_result()
        self._update_calendar_warning()

    def _state_key(self, role: Role | None = None) -> str:
        # Dock layout per role: a receptionist's intake panel must not vanish because a receiver signed in before.
        return f"state/{Role(role or self.ctx.actor.role).value}"

    def read_settings(self) -> None:
        store = app_settings.settings("main_window")
        geometry = app_settings.read_bytes(store, "geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.first_start = True
            screen = self.screen().availableGeometry()
            self.resize(min(1480, screen.width()), min(900, screen.height()))
        self._restore_dock_state()
        tab = store.value("queue", "")
        if tab in {q.value for q in self.queues}:
            self.tabs.setCurrentIndex(self.queues.index(Queue(tab)))

    def _restore_dock_state(self) -> bool:
        """The signed-in role's saved dock layout; without one, every dock shows (the role then hides the intake
        where it does not belong). True if a saved layout was applied."""
        state = app_settings.read_bytes(app_settings.settings("main_window"), self._state_key())
        if state is not None and self.restoreState(state, WINDOW_STATE_VERSION):
            return True
        for dock in (self.intake_dock, self.detail_dock, self.deadlines_dock, self.notifications_dock):
            dock.show()
        return False

    def _save_dock_state(self, role: Role) -> None:
        store = app_settings.settings("main_window")
        store.setValue(self._state_key(role), self.saveState(WINDOW_STATE_VERSION))

    def write_settings(self) -> None:
        store = app_settings.settings("main_window")
        store.setValue("geometry", self.saveGeometry())
        self._save_dock_state(self.ctx.actor.role)
        store.setValue("queue", self.current_queue().value)
        for view in self.views.values():
            view.write_settings()
        store.sync()

    # ----- public ----------------------------------------------------------------------------------------------

    def current_queue(self) -> Queue:
        return self.queues[max(self.tabs.currentIndex(), 0)]

    def show_queue(self, queue: Queue) -> bool:
        """Make a queue's tab current; False if the signed-in person's role has no such tab."""
        if queue not in self.queues:
            return False
        self.tabs.setCurrentIndex(self.queues.index(queue))
        return True

    def current_view(self) -> QueueView:
        return self.views[self.current_queue()]

    def queue_count(self, queue: Queue) -> int:
        """The number shown in the queue's tab title (without the search); 0 for a queue without a tab."""
        return self._counts.get(queue, 0)

    def refresh(self) -> None:
        """F5 and every 30 s: count every queue again on a worker thread (tabs and tables follow when the counts
        arrive), reload the deadlines, the notices and the directory the dialogs list (another desk's
        administrator may have changed it)."""
        self.refresh_counts()
        self.ctx.refresh_directory()
        self.follow_up_count.refresh()
        self.deadlines_dock.refresh()
        self.notifications_dock.refresh()

    @Slot()
    def refresh_counts(self) -> BackgroundJob | None:
        """Start the count job: every queue's count (and a searched queue's tab count) in a few grouped queries on a
        worker thread; `counts_refreshed` when they are shown. None if one is running: it runs once more after."""
        self._last_refresh = time.monotonic()
        if self._closing:
            return None
        if self._count_job is not None:
            self._recount = True
            return None
        self._recount = False
        snapshots = [model.filter_snapshot() for model in self.models.values()]
        work = functools.partial(count_queues, self.ctx.service, self.ctx.actor, snapshots)
        # No Qt parent (as RequestSequencer's jobs): a window dropped without being closed must not take a running
        # job with it; `_running` and self._count_job keep it alive until its thread has ended.
        job = BackgroundJob(work, None, name="queue-counts")
        job.succeeded.connect(self._on_count_job_succeeded)
        job.failed.connect(self._on_count_job_failed)
        job.finished.connect(self._on_count_job_finished)
        self._count_job = job
        job.start()
        return job

    @property
    def counting(self) -> bool:
        return self._count_job is not None

    def _refresh_current_queue(self) -> None:
        """After a change made at this desk: every tab, the table on screen included, is counted by the count job
        on a worker (nothing counted on the window's thread); the table and its selection follow when it is back."""
        self.refresh_counts()

    def show_ticket(self, ticket_id: int, *, select: bool = True, switch_tab: bool = False) -> None:
        """Show a ticket in the detail pane; select it in the current queue if it is loaded there.

        With `switch_tab`, look for it in the other queues' rows read so far too and go to the first that has it.
        Nothing is read here (the window's thread never waits): a ticket just taken in is looked for in the first
        pages on a worker (_locate_new_ticket).
        """
        self.detail.show_ticket(ticket_id)
        if not select:
            return
        view = self.current_view()
        row = view.queue_model().find_row(ticket_id)
        if row is not None:
            view.select_row(row)
            return
        if not switch_tab:
            return
        for queue in self.queues:
            row = self.models[queue].find_row(ticket_id)
            if row is not None:
                self.show_queue(queue)
                self.views[queue].select_row(row)
                return

    def start_session(self) -> None:
        """Right after a sign-in: the handovers the last shift left for confirmation come up by themselves."""
        if coordination.pending_handovers(self.ctx.actor):
            self.open_handover_dialog()

    # ----- signing out, dialogs, administration ------------------------------------------------------------------

    @Slot()
    def sign_out(self) -> SignInDialog:
        """切换用户/退出登录: the window is hidden and the sign-in dialog asks who works next. Cancel quits."""
        self._close_session_windows()
        self.detail.show_ticket(None)
        self.search_edit.clear()
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._quit_on_last_window is None:
            # While only the sign-in dialog is up, its closing must not end the application.
            self._quit_on_last_window = app.quitOnLastWindowClosed()
            app.setQuitOnLastWindowClosed(False)
        self.hide()
        dialog = SignInDialog(self.ctx.service)
        dialog.setObjectName("sign_in_dialog")
        dialog.accepted.connect(self._on_sign_in_dialog_accepted)
        dialog.rejected.connect(self._on_sign_in_dialog_rejected)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def open_password_dialog(self) -> ChangePasswordDialog:
        """修改密码: the current password, then the new one twice."""
        if self.password_dialog is not None:
            self.password_dialog.reject()
        dialog = ChangePasswordDialog(self.ctx.actor, parent=self)
        dialog.accepted.connect(self._on_password_dialog_accepted)
        dialog.finished.connect(self._on_password_dialog_finished)
        self.password_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def open_handover_dialog(self) -> HandoverDialog:
        """交接班."""
        if self.handover_dialog is None:
            self.handover_dialog = HandoverDialog(self.ctx, self)
            self.handover_dialog.finished.connect(self._on_handover_dialog_finished)
        else:
            self.handover_dialog.refresh()
        self._bring_up(self.handover_dialog)
        return self.handover_dialog

    @Slot()
    def open_report_dialog(self) -> ReportDialog:
        """请示报告 (about the ticket shown, if any)."""
        if self.report_dialog is None:
            self.report_dialog = ReportDialog(self.ctx, self, ticket_id=self.detail.current_ticket_id)
            self.report_dialog.finished.connect(self._on_report_dialog_finished)
        else:
            self.report_dialog.refresh()
        self._bring_up(self.report_dialog)
        return self.report_dialog

    def open_knowledge_window(self) -> QDialog:
        """知识库 (Ctrl+Shift+B): anyone searches it; the rule book decides who edits."""
        from desk_app.ui.knowledge import KnowledgeWindow  # its screen loads on first use

        if getattr(self, "knowledge_window", None) is None:
            self.knowledge_window = KnowledgeWindow(self.ctx, self)
            self.knowledge_window.ticket_requested.connect(self._on_summary_window_ticket_requested)
        else:
            self.knowledge_window.search()
        self._bring_up(self.knowledge_window)
        return self.knowledge_window

    @Slot()
    def open_follow_ups(self) -> QDialog:
        """回访跟踪: the follow-up calls due today and overdue, and those to come."""
        from desk_app.ui.followups import FollowUpsDialog

        if self.follow_ups_dialog is None:
            self.follow_ups_dialog = FollowUpsDialog(self.ctx, self)
            self.follow_ups_dialog.ticket_requested.connect(self._on_ticket_activated)
        else:
            self.follow_ups_dialog.refresh()
        self._bring_up(self.follow_ups_dialog)
        return self.follow_ups_dialog

    @Slot()
    def open_register(self) -> QDialog:
        """来电来访登记表: the day's register, incoming and outgoing lines; the supervisor signs it there."""
        from desk_app.ui.register_dialog import RegisterDialog  # its screen loads on first use

        if self.register_dialog is None:
            self.register_dialog = RegisterDialog(self.ctx, self)
            self.register_dialog.ticket_created.connect(self._on_intake_ticket_created)
        else:
            self.register_dialog.refresh()
        self._bring_up(self.register_dialog)
        return self.register_dialog

    def _update_follow_up_action(self) -> None:
        count = self.follow_up_count.value
        self.follow_ups_action.setText(self.tr("Follow-up calls ({count})").format(count=count) if count
                                       else self.tr("Follow-up calls"))
        self.follow_ups_action.setToolTip(self.tr("{count} follow-up call(s) due today or overdue").format(
            count=count))
        button = self.toolbar.widgetForAction(self.follow_ups_action)
        if button is not None:   # calls due stand out in the toolbar, as a queue's tab does
            button.setStyleSheet("QToolButton { color: #b26a00; font-weight: bold; }" if count else "")

    @Slot(int)
    def _on_follow_up_count_counted(self, _count: int) -> None:
        self._update_follow_up_action()

    def open_inspections_dialog(self) -> QDialog:
        """巡视、周检、月检 (property preset): the patrol, the weekly and monthly checks and their findings."""
        from desk_app.ui.inspections import InspectionsDialog  # its screen loads on first use

        if getattr(self, "inspections_dialog", None) is None:
            self.inspections_dialog = InspectionsDialog(self.ctx, self)
        self._bring_up(self.inspections_dialog)
        return self.inspections_dialog

    @staticmethod
    def _bring_up(dialog: QDialog) -> None:
        """Show a non-modal dialog, or bring it forward when it is open already (behind the main window)."""
        if dialog.isVisible():
            dialog.raise_()
        else:
            dialog.show()
        dialog.activateWindow()

    @Slot()
    @Slot()
    def open_backup_dialog(self) -> BackupDialog:
        """文件 › 备份数据库…: the daily backup of this desk, and a backup made now."""
        if self.backup_dialog is None:
            self.backup_dialog = BackupDialog(self.database_url, self)
        else:
            self.backup_dialog.read_settings()
        self._bring_up(self.backup_dialog)
        return self.backup_dialog

    @Slot(int, int)
    def _on_daily_backup_progressed(self, done: int, total: int) -> None:
        self.statusBar().showMessage(self.tr("Daily backup… {done}/{total}").format(done=done, total=total), 5000)

    @Slot(object)
    def _on_daily_backup_done(self, info: object) -> None:
        self.statusBar().showMessage(self.tr("Daily backup saved: {path}").format(path=str(info.path)), 10_000)

    @Slot(str)
    def _on_daily_backup_failed(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("The daily backup failed: {reason}").format(reason=reason))

    def open_admin_window(self) -> QMainWindow | None:
        """系统管理 (administrators only; the service refuses anyone else whatever the menu shows)."""
        from desk_app.ui.admin.window import open_admin  # the administration screens load when first opened

        try:
            return open_admin(self.ctx, self)
        except DeskError as error:
            QMessageBox.warning(self, self.tr("System administration"), error_text(error))
            return None

    @Slot()
    def open_summary(self) -> QMainWindow | None:
        """统计汇总 (Ctrl+Shift+S), one window kept while open; for those the rule book lets read it."""
        verdict = may_operate(self.ctx.actor.facts, Operation.VIEW_SUMMARY)
        if not verdict.allowed:
            QMessageBox.warning(self, self.tr("Summary"), verdict_text(verdict))
            return None
        from desk_app.ui.summary import SummaryWindow  # its screens and charts load when first opened

        if self.summary_window is None:
            self.summary_window = SummaryWindow(self.ctx, self)
            self.summary_window.ticket_requested.connect(self._on_summary_window_ticket_requested)
            self.summary_window.export_requested.connect(self._on_summary_window_export_requested)
            self.summary_window.report_requested.connect(self._on_summary_window_report_requested)
        if self.summary_window.isMinimized():
            self.summary_window.showNormal()
        self._bring_up(self.summary_window)
        return self.summary_window

    @Slot(int)
    def _on_summary_window_ticket_requested(self, ticket_id: int) -> None:
        self._on_ticket_activated(ticket_id)
        self.raise_()
        self.activateWindow()

    @Slot()
    def _on_summary_window_export_requested(self) -> None:
        summary_window = self.summary_window
        if summary_window is not None and getattr(summary_window, "summary", None) is not None:
            export_summary_to_excel(summary_window, self.ctx, summary_window.summary)

    @Slot()
    def _on_summary_window_report_requested(self) -> None:
        from desk_app.ui.report import print_monthly_report  # ReportLab loads on the first report

        summary_window = self.summary_window
        if summary_window is not None and getattr(summary_window, "summary", None) is not None:
            print_monthly_report(summary_window, self.ctx, summary_window.summary)

    @Slot(bool)
    def _on_a5_slip_action_toggled(self, checked: bool) -> None:
        app_settings.set_slip_paper("A5" if checked else "A4")

    @Slot()
    def print_selected_slips(self) -> PaperJob | None:
        """批量打印派工单: the slips of the selected rows, made on a worker thread behind a progress bar that can be
        cancelled, then shown in one preview to print."""
        ids = self.current_view().selected_ticket_ids() if self.queues else []
        if not ids:
            QMessageBox.information(self, self.tr("Print slips"),
                                    self.tr("Select the tickets first (Ctrl- or Shift-click for several)."))
            return None
        return print_slips(self, self.ctx, ids)

    @Slot()
    def export_current_queue(self) -> ExcelExport | None:
        """导出Excel…: the queue on screen as its table shows it (search, sort, drill) to a workbook, written on a
        worker thread behind a progress bar; None if not allowed or no file was chosen."""
        if not self.queues:
            return None
        model = self.current_view().queue_model()
        return export_queue_to_excel(self, self.ctx, model.current_filter(), label(model.queue),
                                     sort=model.sort_key, descending=model.descending)

    @Slot()
    def _on_customers_action_triggered(self) -> None:
        self.open_customer_archive()

    @Slot(int)
    def open_customer_archive(self, customer_id: int | None = None) -> QMainWindow | None:
        """客户档案 (工作 › 客户档案, Ctrl+Shift+K), one window kept while open; on a customer if given (from the
        intake card's 查看完整档案)."""
        verdict = may_operate(self.ctx.actor.facts, Operation.VIEW_ARCHIVE)
        if not verdict.allowed:
            QMessageBox.warning(self, self.tr("Customer archive"), verdict_text(verdict))
            return None
        from desk_app.ui.customers import CustomerArchiveWindow

        if self.customers_window is None:
            self.customers_window = CustomerArchiveWindow(self.ctx, self)
            self.customers_window.ticket_requested.connect(self._on_summary_window_ticket_requested)
        if customer_id is not None:
            self.customers_window.open_customer(customer_id)
        if self.customers_window.isMinimized():
            self.customers_window.showNormal()
        self._bring_up(self.customers_window)
        return self.customers_window

    def admin_windows(self) -> list[QWidget]:
        from desk_app.ui.admin.window import AdminWindow

        return [w for w in self.findChildren(AdminWindow) if not w.isHidden()]

    def _close_session_windows(self) -> None:
        """What belongs to the person signing out: administration, summary, handover, reports, password dialogs."""
        for window in self.admin_windows():
            window.close()
        if self.customers_window is not None:
            customers_window, self.customers_window = self.customers_window, None
            customers_window.close()
            customers_window.deleteLater()
        if self.summary_window is not None:
            summary, self.summary_window = self.summary_window, None
            summary.close()
            summary.deleteLater()
        for dialog in (self.handover_dialog, self.report_dialog, self.password_dialog, self.follow_ups_dialog,
                       self.register_dialog):
            if dialog is not None:
                dialog.reject()
        self.handover_dialog = self.report_dialog = self.password_dialog = None
        for dialog in (self.follow_ups_dialog, self.register_dialog):
            if dialog is not None:
                dialog.deleteLater()
        self.follow_ups_dialog = self.register_dialog = None

    # ----- background scan -------------------------------------------------------------------------------------

    @Slot()
    def run_background_scan(self) -> BackgroundJob | None:
        """Turn approaching and overdue clocks into notices and send due e-mail/SMS, on a worker thread (the
        sending is network I/O); None if a scan is running already."""
        if self._scan_job is not None:
            return None
        notifier = self.notifier

        def work(report):
            report(0, 2)
            made = notifier.scan_deadlines()
            report(1, 2)
            delivery = notifier.deliver_pending()
            report(2, 2)
            return made, delivery

        job = BackgroundJob(work, self, name="notify-scan")
        job.succeeded.connect(self._on_scan_job_succeeded)
        job.finished.connect(self._on_scan_job_finished)
        self._scan_job = job
        job.start()
        return job

    @property
    def scan_running(self) -> bool:
        return self._scan_job is not None

    # ----- updates ---------------------------------------------------------------------------------------------

    def _apply_role(self) -> None:
        """What the signed-in person's role decides besides the queues: the intake (customer data: only for those
        who take calls), the administration menu, the failed-messages list, the labels."""
        role = self.ctx.actor.role
        takes_calls = may(role, Operation.RECORD_CALL)
        self.intake_dock.toggleViewAction().setVisible(takes_calls)
        if not takes_calls:
            self.intake_dock.hide()
        self.new_call_action.setVisible(takes_calls)
        self.new_call_action.setEnabled(takes_calls)
        self.new_call_separator.setVisible(takes_calls)
        self.inspections_action.setVisible(may(role, Operation.INSPECT))
        self.follow_ups_action.setVisible(takes_calls)
        self.register_action.setVisible(takes_calls or may(role, Operation.VIEW_SUMMARY))
        reads_summary = may_operate(self.ctx.actor.facts, Operation.VIEW_SUMMARY).allowed
        self.summary_action.setVisible(reads_summary)
        self.summary_action.setEnabled(reads_summary)
        reads_archive = may_operate(self.ctx.actor.facts, Operation.VIEW_ARCHIVE).allowed
        self.customers_action.setVisible(reads_archive)
        self.customers_action.setEnabled(reads_archive)
        self.export_action.setEnabled(may_operate(self.ctx.actor.facts, Operation.EXPORT).allowed)
        self.batch_print_action.setEnabled(may_operate(self.ctx.actor.facts, Operation.PRINT_SLIP).allowed)
        administers = may(role, Operation.ADMINISTER)
        self.admin_menu.menuAction().setVisible(administers)
        self.admin_action.setEnabled(administers)
        self._update_user_labels()

    def _update_tab_titles(self) -> None:
        tab_bar = self.tabs.tabBar()
        for index, queue in enumerate(self.queues):
            count = self._counts.get(queue, 0)
            shown = str(count) if self.models[queue].counted else "…"   # not counted yet: the count job is on it
            self.tabs.setTabText(index, f"{label(queue)} ({shown})")
            color = TAB_COLORS.get(queue) if count else None
            tab_bar.setTabTextColor(index, color or self.palette().windowText().color())

    def _update_search_result(self) -> None:
        model = self.models[self.current_queue()]
        if model.search:
            found = self.tr("{count} found").format(count=model.rowCount())
            note = model.search_note()   # the newest matches only, when a common phrase matches too many
            self.search_result_label.setText(f"{found} {note}" if note else found)
        else:
            self.search_result_label.clear()

    def _update_user_labels(self) -> None:
        actor = self.ctx.actor
        role = label(actor.role)
        self.user_label.setText(self.tr("Signed in as {name} ({role})").format(name=actor.name, role=role))
        self.account_label.setText(f"{actor.name} · {role}")
        self._update_window_title()

    def _update_window_title(self) -> None:
        """Organisation, person and role; the unread notices first, so a taskbar entry shows them too."""
        actor = self.ctx.actor
        title = self.tr("{organization} – {name} ({role}) – Service Desk").format(
            organization=self._organization, name=actor.name, role=label(actor.role))
        unread = self.notifications_dock.unread_count
        self.setWindowTitle(f"({unread}) {title}" if unread else title)
        if self.tray is not None:
            self.tray.setToolTip(self.tr("Service Desk – {name}: {count} unread").format(
                name=actor.name, count=unread))

    def _update_calendar_warning(self) -> None:
        """Loud when this or next year's official holiday schedule is missing: deadlines in it are guesses."""
        today = self.ctx.now().date()
        calendar = self.ctx.service.calendar()
        missing = [year for year in (today.year, today.year + 1) if not calendar.is_official(year)]
        if missing:
            years = ", ".join(str(y) for y in missing)
            self.calendar_label.setText(
                self.tr("No official holiday schedule for {year} yet: deadlines in it are provisional")
                .format(year=years))
            self.calendar_label.setToolTip(self.tr(
                "Working days for these years are computed by rule (weekends and statutory holidays, no adjusted "
                "working days). An administrator can import the official schedule once it is published."))
        self.calendar_label.setVisible(bool(missing))

    def announce(self, notices: list[NotificationView]) -> tuple[str, str]:
        """Tell the signed-in person about new notices: a tray message where there is a tray, the status bar
        always. Returns (title, text)."""
        if len(notices) == 1:
            title, text = notices[0].title, notices[0].body
        else:
            title = self.tr("{count} new notices").format(count=len(notices))
            text = "\n".join(n.title for n in notices[:3]) + ("\n…" if len(notices) > 3 else "")
        if self.tray is not None and self.tray.isVisible():
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
        self.statusBar().showMessage(title, 10_000)
        self.notices_announced.emit(title, text)
        return title, text

    # ----- slots -----------------------------------------------------------------------------------------------

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        if now - self._last_poll >= POLL_SECONDS:
            self._last_poll = now
            self.notifications_dock.poll()
        if now - self._last_refresh >= REFRESH_SECONDS:
            self.refresh()
            return
        view = self.current_view()
        first, last = view.visible_rows()
        if first >= 0:
            view.queue_model().tick(first, last)
        if self.deadlines_dock.isVisible():
            self.deadlines_dock.tick()
        if self.detail_dock.isVisible():
            self.detail.tick()

    @Slot()
    def _on_scan_timer_timeout(self) -> None:
        self.scan_timer.setInterval(self.SCAN_INTERVAL_MS)
        self.run_background_scan()
        if self.database_url:
            self.daily_backup.run_if_due()

    @Slot(object)
    def _on_count_job_succeeded(self, counted: list[Counted]) -> None:
        if self._closing:
            return
        for flt, count, tab_count in counted:
            model = self.models.get(flt.queue)
            # A model that searched, counted itself or was rebuilt since the snapshot keeps what it has (newer).
            if model is not None and model.apply_count(flt, count):
                self._counts[flt.queue] = tab_count
        self.current_view().revalidate_selection()
        self._update_tab_titles()
        self._update_search_result()
        if self._select_after_count is not None and not self._recount:   # a newer count would not miss it
            ticket_id, self._select_after_count = self._select_after_count, None
            if self.detail.current_ticket_id == ticket_id:   # still the one on screen: nobody chose another since
                self._locate_new_ticket(ticket_id)
        self.counts_refreshed.emit()

    def _locate_new_ticket(self, ticket_id: int) -> None:
        """The tabs' first pages (the current tab's first) are read on a worker until one holds the new ticket;
        then it is selected there as show_ticket(switch_tab=True) does, from the pages read."""
        if getattr(self, "_locator", None) is None:
            self._locator = RequestSequencer(self, name="locate-ticket")
        current = self.current_queue()
        order = [current, *(q for q in self.queues if q != current)]
        reads = [(q, self.models[q].generation, self.models[q].first_page_reader()) for q in order]
        self._locator.run(functools.partial(read_first_pages, reads, ticket_id),
                          functools.partial(self._on_new_ticket_located, ticket_id))

    def _on_new_ticket_located(self, ticket_id: int, pages: list) -> None:
        for queue, generation, found in pages:
            model = self.models.get(queue)
            if model is not None:
                model.take_first_page(generation, found)
        if self.detail.current_ticket_id == ticket_id:
            self.show_ticket(ticket_id, switch_tab=True)   # the pages are cached now: no read here

    @Slot(object)
    def _on_count_job_failed(self, error: object) -> None:
        # An outage shows as the banner (which retries); anything else waits for the next refresh.
        if not self.outage_watch.report(error):
            log.warning("counting the queues failed: %s", error)

    @Slot()
    def open_kept_saves(self) -> KeptSavesDialog | None:
        """本机暂存…: what this PC kept during an outage and what the database refused of it afterwards."""
        if self.outage_watch.outbox is None:
            return None
        dialog = KeptSavesDialog(self.outage_watch.outbox, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self.outage_banner.refresh)
        dialog.open()
        return dialog

    @Slot(object)
    def _on_outage_watch_replayed(self, result: ReplayResult) -> None:
        if result.saved:
            self.statusBar().showMessage(self.tr("The database is back: saved what was kept on this PC ({n}).")
                                         .format(n=len(result.saved)), 15_000)
        if result.refused:
            self.statusBar().showMessage(self.tr("The database is back; refused of what was kept on this PC ({n}): {reason}")
                                         .format(n=len(result.refused), reason=result.refused[0][1]))
        self.refresh()
        # The ticket on screen may be one a kept action has just changed (or any: it was shown from before).
        self.detail.kept_saves_replayed({ticket_id for _key, ticket_id in result.saved if ticket_id is not None})

    @Slot()
    def _on_count_job_finished(self) -> None:
        job, self._count_job = self._count_job, None
        if job is not None:
            job.deleteLater()
        if self._recount:
            self.refresh_counts()

    @Slot(object)
    def _on_scan_job_succeeded(self, _result: object) -> None:
        # The notices it wrote reach the dock as changes; the failed list and the count are read again here.
        self.notifications_dock.refresh()

    @Slot()
    def _on_scan_job_finished(self) -> None:
        job, self._scan_job = self._scan_job, None
        if job is not None:
            job.deleteLater()
        self.background_scan_finished.emit()

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic == "calendar":
            self._update_calendar_warning()
        if change.topic == "settings":
            self._organization = organization_name()
            self._update_window_title()
        if change.topic in FOLLOW_UP_TOPICS:
            self.follow_up_count.refresh()
        if change.topic in QUEUE_TOPICS:
            self._refresh_current_queue()  # the docks listen to the context themselves

    @Slot(object)
    def _on_live_tickets_changed(self, changed: RemoteTickets) -> None:
        """Another desk changed these tickets: every tab is counted again on a worker, and the table on screen reads
        the rows it shows again when the counts arrive (its pages are dropped then; other tabs only when shown). The
        ticket in the detail pane is read again if it is one of them, and new notices are looked for at once."""
        if self._closing:
            return
        self.refresh_counts()
        if self.detail.current_ticket_id in changed.ids:
            self.detail.reload()
        self.notifications_dock.poll()

    @Slot()
    def _on_live_reconnected(self) -> None:
        # What other desks did while the listener was cut off is unknown: everything is read again once.
        if not self._closing:
            self.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, actor: Actor) -> None:
        self._close_session_windows()
        self._save_dock_state(self._role)
        for view in self.views.values():
            view.write_settings()
        self._role = actor.role
        self._rebuild_queue_tabs()
        self._restore_dock_state()
        self._apply_role()
        self.follow_up_count.count_now()

    @Slot()
    def _on_sign_in_dialog_accepted(self) -> None:
        dialog, self.sign_in_dialog = self.sign_in_dialog, None
        self._restore_quit_on_last_window()
        if dialog is None or dialog.actor is None:
            return
        actor = dialog.actor
        dialog.deleteLater()
        if actor == self.ctx.actor:
            self.refresh()  # the same person again: nothing to rebuild, but show what changed meanwhile
        else:
            self.ctx.set_actor(actor)
        self.show()
        self.start_session()

    @Slot()
    def _on_sign_in_dialog_rejected(self) -> None:
        """Nobody signs in after the sign-out: the desk closes (the hidden window's closing ends no event loop by
        itself, so the application is told to quit)."""
        dialog, self.sign_in_dialog = self.sign_in_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        self._restore_quit_on_last_window()
        self.close()
        app = QApplication.instance()
        if isinstance(app, QApplication) and app.quitOnLastWindowClosed() \
                and not any(w.isVisible() for w in QApplication.topLevelWidgets()):
            app.quit()

    def _restore_quit_on_last_window(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and self._quit_on_last_window is not None:
            app.setQuitOnLastWindowClosed(self._quit_on_last_window)
        self._quit_on_last_window = None

    @Slot()
    def _on_password_dialog_accepted(self) -> None:
        self.statusBar().showMessage(self.tr("Your password was changed."), 8000)

    @Slot(int)
    def _on_password_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.password_dialog:
            self.password_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(int)
    def _on_handover_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.handover_dialog:
            self.handover_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(int)
    def _on_report_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.report_dialog:
            self.report_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(int)
    def _on_notifications_dock_unread_changed(self, _count: int) -> None:
        self._update_window_title()

    @Slot(object)
    def _on_notifications_dock_notices_arrived(self, notices: list[NotificationView]) -> None:
        if self.sign_in_dialog is None:  # signed out: the last person's notices are not for whoever is at the desk
            self.announce(notices)

    @Slot(QSystemTrayIcon.ActivationReason)
    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self._bring_to_front()

    @Slot()
    def _on_tray_message_clicked(self) -> None:
        self._bring_to_front()
        self.notifications_dock.show()
        self.notifications_dock.raise_()

    def _bring_to_front(self) -> None:
        if self.sign_in_dialog is not None:
            return  # nobody is signed in: the notices are not for whoever is at the desk
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index < 0:
            return
        self._search_timer.stop()
        view = self.current_view()
        view.queue_model().start_search(self.search_edit.text())   # counted on a worker: searched() when in
        view.revalidate_selection()
        self._update_search_result()

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        self._search_timer.stop()
        self.current_view().queue_model().start_search(self.search_edit.text())   # searched() when counted
        self._update_search_result()

    @Slot()
    def _on_queue_model_searched(self) -> None:
        """A search counted on a worker is shown now: its tab keeps the total, the label says how many it found."""
        model = self.sender()
        if not isinstance(model, QueueModel) or self.models.get(model.queue) is not model:
            return   # a model of the tabs before a sign-in
        self.views[model.queue].selected_id = None
        if model.unsearched_count is not None:   # counted with the search when not known (else the count job's)
            self._counts[model.queue] = model.unsearched_count
        self._update_tab_titles()
        self._update_search_result()

    @Slot(int)
    def _on_view_ticket_selected(self, ticket_id: int) -> None:
        self.detail.show_ticket(ticket_id)

    @Slot(int)
    def _on_ticket_activated(self, ticket_id: int) -> None:
        self.detail_dock.show()
        self.detail_dock.raise_()
        self.show_ticket(ticket_id)

    @Slot(int)
    def _on_intake_ticket_created(self, ticket_id: int) -> None:
        # Counted on a worker (the change itself arrives a moment later and asks again); once the counts are in,
        # the new ticket is looked for in the tabs' first pages and selected.
        self._select_after_count = ticket_id
        self.refresh_counts()
        self.detail_dock.show()
        self.detail.show_ticket(ticket_id)

    @Slot()
    def _on_deadlines_overdue_requested(self) -> None:
        self.show_queue(Queue.OVERDUE)

    @Slot()
    def _on_new_call_action_triggered(self) -> None:
        if not may(self.ctx.actor.role, Operation.RECORD_CALL):
            return
        self.intake_dock.show()
        self.intake_dock.raise_()
        self.intake.phone_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.intake.phone_edit.selectAll()

    @Slot()
    def _on_find_action_triggered(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    @Slot(QAction)
    def _on_language_group_triggered(self, action: QAction) -> None:
        code = action.data()
        if code == app_settings.language():
            return
        app_settings.set_language(code)
        answer = QMessageBox.question(
            self, self.tr("Language"),
            self.tr("Switch the language now? The window closes and opens again; what you typed is lost."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self.restart_requested = True
            self.close()
        else:
            self.statusBar().showMessage(self.tr("The new language applies at the next start."), 8000)

    @Slot()
    def _on_about_action_triggered(self) -> None:
        from desk_app import __version__

        QMessageBox.about(self, self.tr("About"), self.tr(
            "<b>Service Desk</b> {version}<br>Work orders for the front desk of a service center: intake, "
            "dispatch, time limits, return visits and printed forms.").format(version=__version__))

    # ----- Qt --------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._closing = True  # no count job starts any more, and a late result is not applied
        self.timer.stop()
        self.outage_watch.shutdown()
        self.outage_hook.uninstall()
        if self.live is not None:
            self.live.stop()
        self._search_timer.stop()
        self.scan_timer.stop()
        if self._scan_job is not None:
            self._scan_job.shutdown()  # delivers `finished` now: nothing is left running
        if self._count_job is not None:
            self._count_job.shutdown()
        self.follow_up_count.shutdown()
        self.daily_backup.shutdown()
        self.notifications_dock.shutdown()
        for model in self.models.values():
            model.shutdown()
        if self.backup_dialog is not None:
            dialog, self.backup_dialog = self.backup_dialog, None
            dialog.reject()
            dialog.deleteLater()
        self._close_session_windows()
        if self.sign_in_dialog is not None:
            dialog, self.sign_in_dialog = self.sign_in_dialog, None
            dialog.blockSignals(True)
            dialog.reject()
            dialog.deleteLater()
            self._restore_quit_on_last_window()
        if self._unsubscribe_notifier is not None:
            self._unsubscribe_notifier()
            self._unsubscribe_notifier = None
        if self.tray is not None:
            self.tray.hide()
        self.write_settings()
        super().closeEvent(event)
