"""The main window's actions and where they show: its menus and toolbar; and its status bar.

Like a Designer form's setupUi(), these functions make the widgets as attributes of the window; the window's
translate_ui() gives them their texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QToolBar, QWidget

from desk_app.core.timelimits import ClockStatus
from desk_app.ui import settings as app_settings
from desk_app.ui.common import STATUS_COLORS

if TYPE_CHECKING:
    from desk_app.ui.main_window.window import MainWindow


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


def build_actions(window: MainWindow) -> None:
    """The window's actions (`new_call_action`, …, `language_actions`), connected to its slots."""
    window.new_call_action = QAction(window)
    window.new_call_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
    window.new_call_action.triggered.connect(window._on_new_call_action_triggered)
    window.find_action = QAction(window)
    window.find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
    window.find_action.triggered.connect(window._on_find_action_triggered)
    window.refresh_action = QAction(window)
    window.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    window.refresh_action.triggered.connect(window.refresh)
    window.sign_out_action = QAction(window)
    window.sign_out_action.setObjectName("sign_out_action")
    window.sign_out_action.triggered.connect(window.sign_out)
    window.password_action = QAction(window)
    window.password_action.setObjectName("change_password_action")
    window.password_action.triggered.connect(window.open_password_dialog)
    window.handover_action = QAction(window)
    window.handover_action.setObjectName("handover_action")
    window.handover_action.triggered.connect(window.open_handover_dialog)
    window.report_action = QAction(window)
    window.report_action.setObjectName("report_action")
    window.report_action.triggered.connect(window.open_report_dialog)
    window.inspections_action = QAction(window)
    window.inspections_action.setObjectName("inspections_action")
    window.inspections_action.triggered.connect(window.open_inspections_dialog)
    window.knowledge_action = QAction(window)
    window.knowledge_action.setObjectName("knowledge_action")
    window.knowledge_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
    window.knowledge_action.triggered.connect(window.open_knowledge_window)
    window.customers_action = QAction(window)
    window.customers_action.setObjectName("customers_action")
    window.customers_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
    window.customers_action.triggered.connect(window._on_customers_action_triggered)
    # 回访跟踪: its text carries the number of calls due (window.follow_up_count); 来电来访登记表 by day.
    window.follow_ups_action = QAction(window)
    window.follow_ups_action.setObjectName("follow_ups_action")
    window.follow_ups_action.triggered.connect(window.open_follow_ups)
    window.register_action = QAction(window)
    window.register_action.setObjectName("register_action")
    window.register_action.triggered.connect(window.open_register)
    window.summary_action = QAction(window)
    window.summary_action.setObjectName("summary_action")
    window.summary_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
    window.summary_action.triggered.connect(window.open_summary)
    window.a5_slip_action = QAction(window)
    window.a5_slip_action.setObjectName("a5_slip_action")
    window.a5_slip_action.setCheckable(True)
    window.a5_slip_action.setChecked(app_settings.slip_paper() == "A5")
    window.a5_slip_action.toggled.connect(window._on_a5_slip_action_toggled)
    window.batch_print_action = QAction(window)
    window.batch_print_action.setObjectName("batch_print_action")
    window.batch_print_action.triggered.connect(window.print_selected_slips)
    window.export_action = QAction(window)
    window.export_action.setObjectName("export_queue_action")
    window.export_action.triggered.connect(window.export_current_queue)
    window.backup_action = QAction(window)
    window.backup_action.setObjectName("backup_action")
    window.backup_action.triggered.connect(window.open_backup_dialog)
    window.admin_action = QAction(window)
    window.admin_action.setObjectName("admin_action")
    window.admin_action.triggered.connect(window.open_admin_window)
    window.quit_action = QAction(window)
    window.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.triggered.connect(window.close)
    window.about_action = QAction(window)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_action.triggered.connect(window._on_about_action_triggered)
    window.language_group = QActionGroup(window)
    window.language_actions: dict[str, QAction] = {}
    # Each language is named in itself, so someone who cannot read the current one still finds theirs.
    for code, autonym in (("zh_CN", "中文"), ("en", "English")):
        action = QAction(autonym, window.language_group)
        action.setCheckable(True)
        action.setData(code)
        window.language_actions[code] = action
    window.language_group.triggered.connect(window._on_language_group_triggered)


def build_toolbar(window: MainWindow) -> None:
    """The toolbar: new call, the ticket search and its result, who is signed in."""
    bar = QToolBar(window)
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.toolbar = bar
    bar.addAction(window.new_call_action)
    window.new_call_separator = bar.addSeparator()
    bar.addAction(window.follow_ups_action)
    bar.addAction(window.summary_action)
    window.search_edit = QLineEdit(bar)
    window.search_edit.setObjectName("search_edit")
    window.search_edit.setClearButtonEnabled(True)
    window.search_edit.setMinimumWidth(300)
    window.search_edit.setMaximumWidth(420)
    window.search_edit.textChanged.connect(window._on_search_edit_text_changed)
    window.search_edit.returnPressed.connect(window._apply_search)
    bar.addWidget(window.search_edit)
    window.search_result_label = QLabel(bar)
    window.search_result_label.setObjectName("search_result_label")
    window.search_result_label.setContentsMargins(8, 0, 8, 0)
    bar.addWidget(window.search_result_label)
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    window.account_label = QLabel(bar)
    window.account_label.setObjectName("account_label")
    window.account_label.setContentsMargins(0, 0, 8, 0)
    bar.addWidget(window.account_label)
    bar.addAction(window.password_action)
    bar.addAction(window.sign_out_action)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def build_menus(window: MainWindow) -> None:
    """The menus, of the actions build_actions() made."""
    bar = window.menuBar()
    window.file_menu = bar.addMenu("")
    window.file_menu.addAction(window.new_call_action)
    window.file_menu.addAction(window.refresh_action)
    window.file_menu.addAction(window.batch_print_action)
    window.file_menu.addAction(window.a5_slip_action)
    window.file_menu.addAction(window.export_action)
    window.file_menu.addAction(window.backup_action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.password_action)
    window.file_menu.addAction(window.sign_out_action)
    window.file_menu.addSeparator()
    window.file_menu.addAction(window.quit_action)
    window.view_menu = bar.addMenu("")
    window.view_menu.addAction(window.find_action)
    window.view_menu.addSeparator()
    for dock in (window.intake_dock, window.detail_dock, window.deadlines_dock, window.notifications_dock):
        window.view_menu.addAction(dock.toggleViewAction())
    window.view_menu.addSeparator()
    window.view_menu.addAction(window.summary_action)
    window.work_menu = bar.addMenu("")
    window.work_menu.addAction(window.handover_action)
    window.work_menu.addAction(window.report_action)
    window.work_menu.addAction(window.inspections_action)
    window.work_menu.addAction(window.follow_ups_action)
    window.work_menu.addAction(window.register_action)
    window.work_menu.addAction(window.customers_action)
    window.work_menu.addAction(window.knowledge_action)
    window.admin_menu = bar.addMenu("")
    window.admin_menu.addAction(window.admin_action)
    window.language_menu = bar.addMenu("")
    for action in window.language_actions.values():
        window.language_menu.addAction(action)
    window.language_actions[app_settings.language()].setChecked(True)
    window.help_menu = bar.addMenu("")
    window.help_menu.addAction(window.about_action)


def build_status_bar(window: MainWindow) -> None:
    """The status bar: the calendar warning, who is signed in, the database."""
    status = window.statusBar()
    window.calendar_label = QLabel(status)
    window.calendar_label.setObjectName("calendar_warning")
    window.calendar_label.setStyleSheet(
        f"QLabel {{ color: white; background: {STATUS_COLORS[ClockStatus.OVERDUE].name()};"
        " font-weight: bold; padding: 1px 8px; border-radius: 2px; }")
    window.calendar_label.hide()
    status.addWidget(window.calendar_label)
    window.user_label = QLabel(status)
    window.user_label.setObjectName("user_label")
    status.addPermanentWidget(window.user_label)
    window.database_label = QLabel(status)
    window.database_label.setObjectName("database_label")
    window.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    status.addPermanentWidget(window.database_label)
