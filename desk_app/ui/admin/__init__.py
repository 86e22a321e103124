"""管理: the administrator's window (window.py) and its pages, a module per tab.

staff: 人员与角色, departments: 部门与承接人, areas: 片区, routing: 派单规则, kinds: 类型与服务目录,
policies: 时限策略与优先级矩阵, calendar: 工作日历, notify: 通知设置; common: what the pages share, AdminPage among it.

Every change goes through the services (services.admin, services.auth, services.notify, DeskService for the
calendar), which refuse anyone but an administrator whatever this window shows. Calendar changes recompute the
deadlines of open tickets, so they run on a worker thread behind a busy indicator.

    window = open_admin(ctx, main_window)     # the main window's menu; PermissionDenied for non-administrators
"""

from desk_app.ui.admin.common import select_id
from desk_app.ui.admin.window import AdminWindow, open_admin

__all__ = ["AdminWindow", "open_admin", "select_id"]
