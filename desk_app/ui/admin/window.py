"""管理: the administrator's window, one tab per page of this package, and open_admin() that shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QVBoxLayout, QWidget

from desk_app.core.kinds import Role
from desk_app.core.permissions import Operation, may
from desk_app.services import admin
from desk_app.services.events import Change
from desk_app.ui.admin.areas import AreasPage
from desk_app.ui.admin.calendar import CalendarPage
from desk_app.ui.admin.common import ADMIN_STYLE, AdminPage
from desk_app.ui.admin.departments import DepartmentsPage
from desk_app.ui.admin.kinds import KindsPage
from desk_app.ui.admin.notify import NotifyPage
from desk_app.ui.admin.policies import PoliciesPage
from desk_app.ui.admin.audit import AuditPage
from desk_app.ui.admin.routing import RoutingPage
from desk_app.ui.admin.staff import StaffPage
from desk_app.ui.context import DeskContext
from desk_app.ui.settings import read_bytes, settings


# The tabs, left to right: (short name, page class). A page is built when it is first shown or asked for (page()),
# not with the window: opening the window builds the tab it shows, the others cost nothing until used.
PAGES: tuple[tuple[str, type[AdminPage]], ...] = (
    ("staff", StaffPage), ("departments", DepartmentsPage), ("areas", AreasPage), ("routing", RoutingPage),
    ("kinds", KindsPage), ("policies", PoliciesPage), ("calendar", CalendarPage), ("notify", NotifyPage),
    ("audit", AuditPage),
)
PAGE_NAMES: tuple[str, ...] = tuple(name for name, _page in PAGES)


def _page_property(name: str) -> property:
    return property(lambda window: window.page(name), doc=f"The {name} page (built if it was not yet).")


class AdminWindow(QMainWindow):
    """管理: one tab per area; follows the desk's changes (another administrator, the calendar)."""

    staff_page = _page_property("staff")
    departments_page = _page_property("departments")
    areas_page = _page_property("areas")
    routing_page = _page_property("routing")
    kinds_page = _page_property("kinds")
    policies_page = _page_property("policies")
    calendar_page = _page_property("calendar")
    notify_page = _page_property("notify")
    audit_page = _page_property("audit")

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            # Its own window, closed with the main window.
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("admin_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.ctx = ctx
        admin.require_admin(ctx.actor)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("admin_tabs")
        self.tabs.setDocumentMode(True)
        self._built: dict[str, AdminPage] = {}
        for name in PAGE_NAMES:
            holder = QWidget(self.tabs)
            holder.setObjectName(f"admin_tab_{name}")
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, "")
        self._close_when_idle = False
        self.setCentralWidget(self.tabs)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.read_settings()
        self._build_current()
        self.tabs.currentChanged.connect(self._build_current)

    @property
    def pages(self) -> list[AdminPage]:
        """The pages built so far, left to right."""
        return [self._built[name] for name in PAGE_NAMES if name in self._built]

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Administration – {name}").format(name=self.ctx.actor.name))
        titles = [self.tr("Staff and roles"), self.tr("Departments and receivers"), self.tr("Areas"),
                  self.tr("Routing rules"), self.tr("Kinds and catalogue"), self.tr("Time limits and priority"),
                  self.tr("Working calendar"), self.tr("Notifications"), self.tr("Audit log")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        for page in self.pages:
            page.translate_ui()

    def page(self, name: str) -> AdminPage:
        """A page by its short name: staff, departments, areas, routing, kinds, policies, calendar, notify, audit
        (built now if it was not yet)."""
        built = self._built.get(name)
        if built is not None:
            return built
        index = PAGE_NAMES.index(name)   # ValueError for a name that is no page
        holder = self.tabs.widget(index)
        page = PAGES[index][1](self.ctx, holder)
        holder.layout().addWidget(page)
        page.status_message.connect(self._on_page_status_message)
        page.busy_changed.connect(self._on_page_busy_changed)
        page.translate_ui()
        self._built[name] = page
        return page

    def show_page(self, name: str) -> AdminPage:
        page = self.page(name)
        self.tabs.setCurrentIndex(PAGE_NAMES.index(name))
        return page

    @Slot()
    def _build_current(self) -> None:
        index = self.tabs.currentIndex()
        if 0 <= index < len(PAGE_NAMES):
            self.page(PAGE_NAMES[index])

    def read_settings(self) -> None:
        store = settings("admin_window")
        geometry = read_bytes(store, "geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 820)
        tab = store.value("tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def write_settings(self) -> None:
        store = settings("admin_window")
        store.setValue("geometry", self.saveGeometry())
        store.setValue("tab", self.tabs.currentIndex())
        store.sync()

    @Slot(str)
    def _on_page_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic not in ("settings", "calendar"):
            return
        for name, page in list(self._built.items()):   # a page not built yet reads what is current when it is
            if name == "calendar" and page.busy:
                continue  # refreshed when its own job ends
            page.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, actor: object) -> None:
        # Someone else sits at the desk now: the window belongs to the administrator who opened it.
        if not may(getattr(actor, "role", Role.RECEPTIONIST), Operation.ADMINISTER):
            self.close()

    @Slot(bool)
    def _on_page_busy_changed(self, busy: bool) -> None:
        if not busy and self._close_when_idle and not any(page.busy for page in self.pages):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if any(page.busy for page in self.pages):
            # The work (recomputing deadlines, a test message) is short; the window closes once it is done.
            self._close_when_idle = True
            self.statusBar().showMessage(self.tr("Closing once the work in progress is done…"))
            event.ignore()
            return
        for page in self.pages:
            page.shutdown()
        self.write_settings()
        super().closeEvent(event)


def open_admin(ctx: DeskContext, parent: QWidget | None = None) -> AdminWindow:
    """Show the administration window (the one already open for `parent`, if any); PermissionDenied if the acting
    person is not an administrator."""
    admin.require_admin(ctx.actor)
    if parent is not None:
        for existing in parent.findChildren(AdminWindow):
            if existing.ctx is ctx and not existing.isHidden():
                existing.raise_()
                existing.activateWindow()
                return existing
    window = AdminWindow(ctx, parent)
    window.show()
    return window
