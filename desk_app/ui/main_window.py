"""The main window: the work queues as tabs, the intake panel, the ticket detail pane and the deadlines dock."""

from __future__ import annotations

import time
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QToolBar,
    QWidget,
)

from desk_app.core.kinds import Role
from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
from desk_app.core.timelimits import ClockStatus
from desk_app.services.desk import Actor
from desk_app.services.events import Change
from desk_app.services.queries import organization_name, staff_list
from desk_app.services.views import StaffView
from desk_app.ui import settings as app_settings
from desk_app.ui.common import STATUS_COLORS, label
from desk_app.ui.context import DeskContext
from desk_app.ui.deadlines_dock import DeadlinesDock
from desk_app.ui.detail import DetailPane
from desk_app.ui.intake import IntakePanel
from desk_app.ui.queue_model import COLUMNS, TICKET_ID_ROLE, QueueModel

# Queue tabs, left to right, for a role the core names no queues for: the front desk's daily work first.
DEFAULT_QUEUES: tuple[Queue, ...] = (
    Queue.TO_DISPATCH, Queue.IN_HAND, Queue.TO_VISIT, Queue.TO_ARCHIVE, Queue.APPROACHING, Queue.OVERDUE,
    Queue.ARCHIVED, Queue.ALL,
)
DEFAULT_COLUMN_WIDTHS: dict[str, int] = {
    "number": 104, "state": 84, "kind": 80, "priority": 52, "caller_name": 72, "phone": 108, "address": 210,
    "department": 84, "created_at": 124, "time_left": 112,
}
# Where the time left shows by default: next to the state, not scrolled off to the right (columns can be moved).
TIME_LEFT_VISUAL_INDEX = 2
TAB_COLORS: dict[Queue, QColor] = {
    Queue.OVERDUE: STATUS_COLORS[ClockStatus.OVERDUE],
    Queue.APPROACHING: STATUS_COLORS[ClockStatus.APPROACHING],
}
SEARCH_DELAY_MS = 300
REFRESH_SECONDS = 30
# Bumped when the docks or toolbars change, so an older saved layout is ignored instead of half-applied.
WINDOW_STATE_VERSION = 1
HEADER_STATE_VERSION = 1


def describe_database(url: str) -> str:
    """A short, password-free description of a database URL for the status bar."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = unquote(parts.path)
        # sqlite:///relative.db has path "/relative.db"; sqlite:////abs/path.db has "//abs/path.db".
        return path[1:] if path.startswith("//") else (path[1:] if path.startswith("/") else path)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"PostgreSQL {parts.path.lstrip('/')} @ {host}{port}"


def actor_of(staff: StaffView) -> Actor:
    return Actor(staff.id, staff.name, Role(staff.role), staff.department_id)


def queues_for(role: Role) -> tuple[Queue, ...]:
    """The queues a role works from (desk_app.core.queues), as tabs."""
    return tuple(QUEUES_FOR_ROLE.get(role, DEFAULT_QUEUES))


class QueueView(QTableView):
    """The table of one queue; tells which ticket the user picked and keeps its column layout in QSettings."""

    ticket_selected = Signal(int)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"queue_view_{model.queue.value}")
        self.selected_id: int | None = None
        self._quiet = False
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, key in enumerate(COLUMNS):
            header.resizeSection(column, DEFAULT_COLUMN_WIDTHS[key])
        header.moveSection(header.visualIndex(COLUMNS.index("time_left")), TIME_LEFT_VISUAL_INDEX)
        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.read_settings()
        # Enabling sorting sorts by the (restored) indicator once: the model re-sorts only if it differs.
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def _settings_group(self) -> str:
        return f"queues/{self.queue_model().queue.value}"

    def read_settings(self) -> None:
        state = app_settings.read_bytes(app_settings.settings(self._settings_group()), "header")
        if state is not None:
            self.horizontalHeader().restoreState(state)

    def write_settings(self) -> None:
        store = app_settings.settings(self._settings_group())
        store.setValue("header", self.horizontalHeader().saveState())

    def visible_rows(self) -> tuple[int, int]:
        """First and last row on screen (-1, -1 when the table is empty or hidden)."""
        count = self.model().rowCount()
        if not count:
            return -1, -1
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        return (max(first, 0), count - 1 if last < 0 else last)

    def select_row(self, row: int, *, quiet: bool = True) -> None:
        """Select a row; `quiet` does not announce it (the ticket is shown already)."""
        self._quiet = quiet
        try:
            index = self.model().index(row, 0)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index)
        finally:
            self._quiet = False

    def clear_selection_quietly(self) -> None:
        self._quiet = True
        try:
            self.selectionModel().clear()
        finally:
            self._quiet = False
        self.selected_id = None

    def revalidate_selection(self) -> None:
        """After a refresh rows may have moved: follow the selected ticket within what is loaded, else let go."""
        if self.selected_id is None:
            return
        model = self.queue_model()
        current = self.selectionModel().currentIndex()
        if current.isValid():
            row = model.row_at(current.row())
            if row is not None and row.id == self.selected_id:
                return
        found = model.find_row(self.selected_id)
        if found is None:
            self.clear_selection_quietly()
        else:
            self.select_row(found)

    @Slot(int, Qt.SortOrder)
    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        model = self.queue_model()
        if not model.is_sortable(column):
            # Phone and address do not sort: put the indicator back where the rows really are sorted.
            self.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        ticket_id = self.model().data(current, TICKET_ID_ROLE)
        if ticket_id is None:
            return
        self.selected_id = ticket_id
        if not self._quiet:
            self.ticket_selected.emit(ticket_id)


class MainWindow(QMainWindow):
    """工单台's main window. One 1-second timer drives the countdowns; counts refresh on changes and every 30 s."""

    def __init__(self, ctx: DeskContext, *, database_url: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.ctx = ctx
        self.database_url = database_url
        self.restart_requested = False
        self.first_start = False  # no saved geometry: run_gui shows the window maximised
        self._counts: dict[Queue, int] = {}
        self._last_refresh = time.monotonic()

        self.queues: tuple[Queue, ...] = ()
        self.models: dict[Queue, QueueModel] = {}
        self.views: dict[Queue, QueueView] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("queue_tabs")
        self.tabs.setDocumentMode(True)
        self._build_queue_tabs()
        self.setCentralWidget(self.tabs)

        self._build_docks()
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        # The one clock of the window: countdowns every second, a cheap refresh every REFRESH_SECONDS.
        self.timer = QTimer(self)
        self.timer.setObjectName("countdown_timer")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._on_timer_timeout)

        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)

        self.translate_ui()
        self.read_settings()
        self._update_tab_titles()
        self._update_calendar_warning()
        self.timer.start()

    # ----- building ------------------------------------------------------------------------------------------

    def _build_queue_tabs(self) -> None:
        """One tab per queue of the acting person's role; an approval queue holds only that role's step."""
        role = self.ctx.actor.role
        self.queues = queues_for(role)
        for queue in self.queues:
            model = QueueModel(queue, self.ctx.now, self, role=role)
            view = QueueView(model, self.tabs)
            view.ticket_selected.connect(self._on_view_ticket_selected)
            self.models[queue] = model
            self.views[queue] = view
            self.tabs.addTab(view, "")
        self._counts = {q: m.rowCount() for q, m in self.models.items()}

    def _rebuild_queue_tabs(self) -> None:
        """After the acting person changed: their role's queues, keeping the current one where it remains."""
        current = self.current_queue() if self.queues else None
        self.tabs.blockSignals(True)
        for view in self.views.values():
            view.write_settings()
        while self.tabs.count():
            view = self.tabs.widget(0)
            self.tabs.removeTab(0)
            view.deleteLater()
        for model in self.models.values():
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
        # Side docks take the full height; the deadlines strip sits under the queue table only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.intake = IntakePanel(self.ctx, self)
        self.intake_dock = QDockWidget(self)
        self.intake_dock.setObjectName("intake_dock")
        self.intake_dock.setWidget(self.intake)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.intake_dock)
        self.intake.ticket_created.connect(self._on_intake_ticket_created)
        self.intake.ticket_activated.connect(self._on_ticket_activated)

        self.detail = DetailPane(self.ctx, self)
        self.detail_dock = QDockWidget(self)
        self.detail_dock.setObjectName("detail_dock")
        self.detail_dock.setWidget(self.detail)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail_dock)

        self.deadlines_dock = DeadlinesDock(self.ctx, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.deadlines_dock)
        self.deadlines_dock.ticket_activated.connect(self._on_ticket_activated)
        self.deadlines_dock.overdue_requested.connect(self._on_deadlines_overdue_requested)

        self.resizeDocks([self.intake_dock, self.detail_dock], [360, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.deadlines_dock], [190], Qt.Orientation.Vertical)

    def _build_actions(self) -> None:
        self.new_call_action = QAction(self)
        self.new_call_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_call_action.triggered.connect(self._on_new_call_action_triggered)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self.find_action.triggered.connect(self._on_find_action_triggered)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.refresh)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_action_triggered)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        # Each language is named in itself, so someone who cannot read the current one still finds theirs.
        for code, autonym in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(autonym, self.language_group)
            action.setCheckable(True)
            action.setData(code)
            self.language_actions[code] = action
        self.language_group.triggered.connect(self._on_language_group_triggered)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = bar
        bar.addAction(self.new_call_action)
        bar.addSeparator()
        self.search_edit = QLineEdit(bar)
        self.search_edit.setObjectName("search_edit")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(300)
        self.search_edit.setMaximumWidth(420)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._apply_search)
        bar.addWidget(self.search_edit)
        self.search_result_label = QLabel(bar)
        self.search_result_label.setObjectName("search_result_label")
        self.search_result_label.setContentsMargins(8, 0, 8, 0)
        bar.addWidget(self.search_result_label)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.user_caption = QLabel(bar)
        self.user_caption.setContentsMargins(0, 0, 6, 0)
        bar.addWidget(self.user_caption)
        self.user_combo = QComboBox(bar)
        self.user_combo.setObjectName("user_combo")
        self.user_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.user_caption.setBuddy(self.user_combo)
        bar.addWidget(self.user_combo)
        self._fill_user_combo()
        self.user_combo.currentIndexChanged.connect(self._on_user_combo_current_index_changed)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.new_call_action)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addAction(self.find_action)
        self.view_menu.addSeparator()
        for dock in (self.intake_dock, self.detail_dock, self.deadlines_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.language_menu = bar.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.language_actions[app_settings.language()].setChecked(True)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.calendar_label = QLabel(status)
        self.calendar_label.setObjectName("calendar_warning")
        self.calendar_label.setStyleSheet(
            f"QLabel {{ color: white; background: {STATUS_COLORS[ClockStatus.OVERDUE].name()};"
            " font-weight: bold; padding: 1px 8px; border-radius: 2px; }")
        self.calendar_label.hide()
        status.addWidget(self.calendar_label)
        self.user_label = QLabel(status)
        self.user_label.setObjectName("user_label")
        status.addPermanentWidget(self.user_label)
        self.database_label = QLabel(status)
        self.database_label.setObjectName("database_label")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status.addPermanentWidget(self.database_label)

    def _fill_user_combo(self) -> None:
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self._staff = staff_list()
        for staff in self._staff:
            self.user_combo.addItem(f"{staff.name} – {label(Role(staff.role))}", staff.id)
        index = self.user_combo.findData(self.ctx.actor.id)
        if index < 0:
            # The acting person is not in the list (inactive?): show them anyway rather than someone else.
            actor = self.ctx.actor
            self.user_combo.addItem(f"{actor.name} – {label(actor.role)}", actor.id)
            index = self.user_combo.count() - 1
        self.user_combo.setCurrentIndex(index)
        self.user_combo.blockSignals(False)

    # ----- language, settings --------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        organization = organization_name()
        self.setWindowTitle(self.tr("{organization} – Service Desk").format(organization=organization))
        self.intake_dock.setWindowTitle(self.tr("Intake"))
        self.detail_dock.setWindowTitle(self.tr("Ticket details"))
        self.deadlines_dock.translate_ui()
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.new_call_action.setText(self.tr("New call"))
        self.new_call_action.setToolTip(self.tr("Take a new call or visit (Ctrl+N)"))
        self.find_action.setText(self.tr("Search tickets"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.quit_action.setText(self.tr("Quit"))
        self.about_action.setText(self.tr("About"))
        self.search_edit.setPlaceholderText(self.tr("Search number, phone, name or address (Ctrl+F)"))
        self.user_caption.setText(self.tr("Current user:"))
        self.user_combo.setToolTip(self.tr(
            "Who is working at this desk. Stands in for signing in until sign-in is added: "
            "every action is recorded under this person."))
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.database_label.setText(self.tr("Database: {name}").format(name=describe_database(self.database_url)))
        self.database_label.setToolTip(describe_database(self.database_url))
        self._update_user_label()
        self._update_tab_titles()
        self._update_search_result()
        self._update_calendar_warning()

    def read_settings(self) -> None:
        store = app_settings.settings("main_window")
        geometry = app_settings.read_bytes(store, "geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.first_start = True
            screen = self.screen().availableGeometry()
            self.resize(min(1480, screen.width()), min(900, screen.height()))
        state = app_settings.read_bytes(store, "state")
        if state is not None:
            self.restoreState(state, WINDOW_STATE_VERSION)
        tab = store.value("queue", "")
        if tab in {q.value for q in self.queues}:
            self.tabs.setCurrentIndex(self.queues.index(Queue(tab)))

    def write_settings(self) -> None:
        store = app_settings.settings("main_window")
        store.setValue("geometry", self.saveGeometry())
        store.setValue("state", self.saveState(WINDOW_STATE_VERSION))
        store.setValue("queue", self.current_queue().value)
        for view in self.views.values():
            view.write_settings()
        store.sync()

    # ----- public ----------------------------------------------------------------------------------------------

    def current_queue(self) -> Queue:
        return self.queues[max(self.tabs.currentIndex(), 0)]

    def show_queue(self, queue: Queue) -> bool:
        """Make a queue's tab current; False if the acting person's role has no such tab."""
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
        """Count every queue again, reload what the current one shows, and the deadlines dock (F5, every 30 s)."""
        self._refresh_queues()
        self.deadlines_dock.refresh()

    def _refresh_queues(self) -> None:
        self._last_refresh = time.monotonic()
        for queue, model in self.models.items():
            model.refresh()
            self._counts[queue] = model.count_without_search()
        self.current_view().revalidate_selection()
        self._update_tab_titles()
        self._update_search_result()

    def show_ticket(self, ticket_id: int, *, select: bool = True, switch_tab: bool = False) -> None:
        """Show a ticket in the detail pane; select it in the current queue if it is loaded there.

        With `switch_tab`, look for it in the other queues' first pages too and go to the first that has it.
        """
        self.detail.show_ticket(ticket_id)
        if not select:
            return
        view = self.current_view()
        row = view.queue_model().find_row(ticket_id, fetch_first_page=switch_tab)
        if row is not None:
            view.select_row(row)
            return
        if not switch_tab:
            return
        for queue in self.queues:
            row = self.models[queue].find_row(ticket_id, fetch_first_page=True)
            if row is not None:
                self.show_queue(queue)
                self.views[queue].select_row(row)
                return

    # ----- updates ---------------------------------------------------------------------------------------------

    def _update_tab_titles(self) -> None:
        tab_bar = self.tabs.tabBar()
        for index, queue in enumerate(self.queues):
            count = self._counts.get(queue, 0)
            self.tabs.setTabText(index, f"{label(queue)} ({count})")
            color = TAB_COLORS.get(queue) if count else None
            tab_bar.setTabTextColor(index, color or self.palette().windowText().color())

    def _update_search_result(self) -> None:
        model = self.models[self.current_queue()]
        if model.search:
            self.search_result_label.setText(self.tr("{count} found").format(count=model.rowCount()))
        else:
            self.search_result_label.clear()

    def _update_user_label(self) -> None:
        actor = self.ctx.actor
        self.user_label.setText(self.tr("Acting as {name} ({role})").format(name=actor.name, role=label(actor.role)))

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

    # ----- slots -----------------------------------------------------------------------------------------------

    @Slot()
    def _on_timer_timeout(self) -> None:
        if time.monotonic() - self._last_refresh >= REFRESH_SECONDS:
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

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic == "calendar":
            self._update_calendar_warning()
        self._refresh_queues()  # the deadlines dock listens to the context itself

    @Slot(object)
    def _on_ctx_actor_changed(self, actor: Actor) -> None:
        index = self.user_combo.findData(actor.id)
        if index >= 0 and index != self.user_combo.currentIndex():
            self.user_combo.blockSignals(True)
            self.user_combo.setCurrentIndex(index)
            self.user_combo.blockSignals(False)
        self._update_user_label()
        self._rebuild_queue_tabs()

    @Slot(int)
    def _on_user_combo_current_index_changed(self, index: int) -> None:
        staff_id = self.user_combo.itemData(index)
        staff = next((s for s in self._staff if s.id == staff_id), None)
        if staff is not None:
            self.ctx.set_actor(actor_of(staff))

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index < 0:
            return
        self._search_timer.stop()
        view = self.current_view()
        view.queue_model().set_search(self.search_edit.text())
        view.revalidate_selection()
        self._update_search_result()

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _apply_search(self) -> None:
        self._search_timer.stop()
        view = self.current_view()
        model = view.queue_model()
        before = model.search
        model.set_search(self.search_edit.text())
        if model.search != before:
            view.selected_id = None
            self._counts[model.queue] = model.count_without_search()
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
        self._refresh_queues()  # the change itself arrives a moment later, queued
        self.detail_dock.show()
        self.show_ticket(ticket_id, switch_tab=True)

    @Slot()
    def _on_deadlines_overdue_requested(self) -> None:
        self.show_queue(Queue.OVERDUE)

    @Slot()
    def _on_new_call_action_triggered(self) -> None:
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
        self.timer.stop()
        self._search_timer.stop()
        self.write_settings()
        super().closeEvent(event)
