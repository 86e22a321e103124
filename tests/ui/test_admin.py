"""The administration window on the demo data, driven through its widgets: receivers, routing rules, the year view,
the schedule import, time limits, staff accounts and notification settings."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt, should tests/conftest.py not have done it

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QWidget  # noqa: E402

from desk_app.core.errors import PermissionDenied  # noqa: E402
from desk_app.core.kinds import TicketKind
from desk_app.models.schema import (  # noqa: E402
    CalendarOverride,
    CalendarYear,
    CatalogueEntry,
    Department,
    PolicyRecord,
    RoutingRule,
    Staff,
)
from desk_app.services import auth, notify  # noqa: E402
from desk_app.services.desk import Actor, DeskService  # noqa: E402
from desk_app.services.queries import staff_by_username  # noqa: E402
from desk_app.ui.admin.common import select_id  # noqa: E402
from desk_app.ui.admin.window import AdminWindow, open_admin  # noqa: E402
from desk_app.ui.context import DeskContext  # noqa: E402
from desk_app.ui.year_view import ADJUSTED_BACKGROUND, HOLIDAY_BACKGROUND, WORKDAY_BACKGROUND  # noqa: E402
from desk_support import type_text  # noqa: E402

# 2027's schedule in the published format (the holidays as the statutory rule gives them, plus make-up days).
SCHEDULE_2027 = """\ufeff# 国务院办公厅关于2027年部分节假日安排的通知
2027-01-01,休,元旦
2027-02-05,休,春节
2027-02-06,休,春节
2027-02-07,休,春节
2027-02-08,休,春节
2027-02-09,休,春节
2027-02-10,休,春节
2027-02-11,休,春节
2027-02-20,班,调休上班
2027-04-05,休,清明
2027-05-01,休,劳动节
2027-05-02,休,劳动节
2027-05-03,休,劳动节
2027-05-08,班,调休上班
2027-06-09,休,端午
2027-09-15,休,中秋
2027-10-01,休,国庆节
2027-10-02,休,国庆节
2027-10-03,休,国庆节
2027-10-04,休,国庆节
2027-10-05,休,国庆节
2027-10-09,班,调休上班
"""


@pytest.fixture(autouse=True)
def cheap_hashing() -> None:
    auth.use_cheap_hashing_for_tests()


@pytest.fixture
def admin_ctx(qapp, demo_db, clock):
    context = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("admin")))
    yield context
    context.close()


@pytest.fixture
def window(qtbot, admin_ctx):
    win = AdminWindow(admin_ctx)
    qtbot.addWidget(win)
    win.resize(1360, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for page in win.pages:
        page.shutdown()


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def replace_text(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def click_row(qtbot, table, row_id) -> None:
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == row_id:
            rect = table.visualItemRect(table.item(row, 0))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError(f"no row {row_id}")


def pixel(widget: QWidget, point: QPoint):
    return widget.grab().toImage().pixelColor(point)


# ----- opening -------------------------------------------------------------------------------------------------


# Opening it again raises the open window, which the offscreen platform cannot do (and says so).
@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)",
                            r"This plugin does not support propagateSizeHints\(\)")
def test_only_an_administrator_opens_it(qtbot, admin_ctx, demo_db, clock):
    clerk = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("reception")))
    try:
        with pytest.raises(PermissionDenied):
            open_admin(clerk)
        with pytest.raises(PermissionDenied):
            AdminWindow(clerk)
    finally:
        clerk.close()
    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_admin(admin_ctx, parent)
    assert open_admin(admin_ctx, parent) is first
    assert first.isWindow() and first.tabs.count() == 9
    first.close()


def test_opening_builds_only_the_tab_shown_and_a_tab_is_built_when_first_shown(qtbot, window, admin_ctx):
    """Opening the window builds one page (it took 200-330 ms on the window's thread with all nine at 1,000,000
    tickets); the others are built as their tab is first shown, or asked for."""
    from desk_app.services.events import Change
    from desk_app.ui.admin.window import PAGE_NAMES

    assert [type(page).__name__ for page in window.pages] == ["StaffPage"]
    assert window.tabs.currentIndex() == 0
    admin_ctx.changed.emit(Change("settings", "updated"))   # the pages built refresh; none is built for it
    assert len(window.pages) == 1
    window.tabs.setCurrentIndex(PAGE_NAMES.index("calendar"))
    assert [type(page).__name__ for page in window.pages] == ["StaffPage", "CalendarPage"]
    assert window.tabs.currentWidget().findChild(type(window.pages[1])) is window.pages[1]
    assert window.calendar_page.year == 2026   # filled as it was built
    assert window.page("audit") is window.audit_page and len(window.pages) == 3
    with pytest.raises(ValueError):
        window.page("nothing")


def test_every_tab_fills_from_the_database(qtbot, window):
    assert window.staff_page.table.rowCount() == Staff.select().count()
    assert window.departments_page.table.rowCount() == Department.select().count()
    assert window.policies_page.table.rowCount() == PolicyRecord.select().count()
    assert window.calendar_page.year == 2026 and window.calendar_page.banner.isHidden()
    qtbot.waitUntil(lambda: not window.notify_page.loading, timeout=10_000)
    assert window.notify_page.all_events_check.isChecked()


# ----- departments and receivers -------------------------------------------------------------------------------


def test_the_open_tickets_of_each_department_are_counted_on_a_worker(qtbot, window, monkeypatch):
    import threading

    from desk_app.services import admin as admin_service

    counted_on: list[threading.Thread] = []
    real = admin_service.open_tickets_by_department
    monkeypatch.setattr(admin_service, "open_tickets_by_department",
                        lambda: counted_on.append(threading.current_thread()) or real())
    page = window.show_page("departments")
    page.refresh()
    qtbot.waitUntil(lambda: not page.counting, timeout=10_000)
    assert counted_on and all(thread is not threading.main_thread() for thread in counted_on)
    expected = {d.name: str(real().get(d.id, 0)) for d in Department.select()}
    assert page.open_tickets_shown() == expected and any(n != "0" for n in expected.values())


def test_a_department_receiver_is_changed_through_the_widgets(qtbot, window):
    page = window.show_page("departments")
    engineering = Department.get(Department.code == "engineering")
    lead = Staff.get(Staff.username == "engineering.lead")
    click_row(qtbot, page.table, engineering.id)
    assert page.name_edit.text() == "工程部"
    names = [page.receiver_combo.itemText(i) for i in range(page.receiver_combo.count())]
    assert len(names) == 2 and names[0].startswith("张伟")  # the receiver and the leader; field staff may not accept
    page.receiver_combo.setCurrentIndex(page.receiver_combo.findData(lead.id))
    click(qtbot, page.save_button)
    assert Department.get_by_id(engineering.id).receiver_id == lead.id
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == engineering.id)
    assert page.table.item(row, 3).text() == "蒋斌"
    assert page.table.item(row, 4).text() == "蒋斌"  # also the department's leader
    assert "Saved" in window.statusBar().currentMessage()


def test_a_duplicate_department_name_is_shown_next_to_the_field(qtbot, window):
    page = window.show_page("departments")
    click(qtbot, page.new_button)
    type_text(page.name_edit, "工程部")
    count = Department.select().count()
    click(qtbot, page.save_button)
    error = page.errors.label("name")
    assert error.isVisible() and "工程部" in error.text()
    assert page.name_edit.text() == "工程部"
    assert Department.select().count() == count


# ----- routing rules ------------------------------------------------------------------------------------------------


def test_a_routing_rule_is_added_through_its_dialog(qtbot, window):
    page = window.show_page("routing")
    engineering = Department.get(Department.code == "engineering")
    existing = RoutingRule.select().count()      # the demo organisation's own rules
    click(qtbot, page.add_button)
    dialog = page.rule_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("repair"))
    dialog.scope_combo.setCurrentIndex(dialog.scope_combo.findData("public"))
    type_text(dialog.name_edit, "公共设施报修 → 工程部")
    click(qtbot, dialog.ok_button)  # no department yet: refused, the dialog stays with what was typed
    assert dialog.isVisible()
    assert dialog.errors.label("department").isVisible()
    assert RoutingRule.select().count() == existing
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findData(engineering.id))
    with qtbot.waitSignal(dialog.finished):
        click(qtbot, dialog.ok_button)
    rule = RoutingRule.get(RoutingRule.name == "公共设施报修 → 工程部")
    assert (rule.kind, rule.scope, rule.department_id, rule.position) == (
        "repair", "public", engineering.id, existing + 1)
    assert page.table.rowCount() == existing + 1 and page.rule_dialog is None
    # The try-out box routes a public repair there now.
    page.try_kind_combo.setCurrentIndex(page.try_kind_combo.findData("repair"))
    page.try_scope_combo.setCurrentIndex(page.try_scope_combo.findData("public"))
    assert "工程部" in page.try_result.text()


def test_the_routing_test_panel_says_what_intake_will_do_when_the_department_has_no_receiver(
        qtbot, window, admin_ctx):
    """A rule whose department has no receiver routes to the dispatcher (转派), in the panel as at intake."""
    page = window.show_page("routing")
    engineering = Department.get(Department.code == "engineering")
    Department.update(receiver=None).where(Department.id == engineering.id).execute()
    page.try_kind_combo.setCurrentIndex(page.try_kind_combo.findData("repair"))
    page._update_try()
    text = page.try_result.text()
    assert "工程部" in text and ("转派" in text) and "直派" not in text
    preview = admin_ctx.service.preview(kind=TicketKind.REPAIR)
    assert preview.routed == "transfer"


def test_the_audit_log_page_lists_the_changes_made_through_the_window(qtbot, window):
    page = window.show_page("departments")
    click(qtbot, page.new_button)
    type_text(page.name_edit, "品质部")
    click(qtbot, page.save_button)
    audit = window.show_page("audit")
    audit.refresh()
    assert audit.table.rowCount() >= 1
    cells = [audit.table.item(0, c).text() for c in range(audit.table.columnCount())]
    assert cells[2] == "department" and cells[4] == "create_department" and "品质部" in cells[5]


def test_rules_move_up_and_down(qtbot, window, admin_ctx):
    from desk_app.services import admin
    from desk_app.services.admin import RuleInput

    engineering = Department.get(Department.code == "engineering").id
    RoutingRule.delete().execute()   # start from an empty table, not the demo organisation's rules
    first = admin.create_rule(admin_ctx.service, admin_ctx.actor, RuleInput(engineering, kind="repair"))
    second = admin.create_rule(admin_ctx.service, admin_ctx.actor, RuleInput(engineering, kind="fault"))
    page = window.show_page("routing")
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)  # the change reached the window by the event bus
    click_row(qtbot, page.table, second)
    assert page.up_button.isEnabled() and not page.down_button.isEnabled()
    click(qtbot, page.up_button)
    assert [r.id for r in RoutingRule.select().order_by(RoutingRule.position)] == [second, first]
    click(qtbot, page.delete_button)
    assert RoutingRule.select().count() == 2  # the first click only arms it
    click(qtbot, page.delete_button)
    assert [r.id for r in RoutingRule.select()] == [first]


# ----- the working calendar -----------------------------------------------------------------------------------------


def test_a_day_clicked_in_the_year_view_becomes_a_day_off(qtbot, window):
    page = window.show_page("calendar")
    view = page.year_view
    day = dt.date(2026, 12, 30)  # a Wednesday, an ordinary working day
    rect = view.day_rect(day)
    inside = rect.topLeft() + QPoint(4, 4)  # clear of the day number and of any outline
    assert view.day_background(day) == WORKDAY_BACKGROUND
    assert pixel(view, inside) == WORKDAY_BACKGROUND
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.selected == day
    assert page.day_title.text().startswith("2026-12-30")
    type_text(page.note_edit, "年终盘点")
    with qtbot.waitSignal(page.busy_changed, check_params_cb=lambda busy: busy is False, timeout=10_000):
        click(qtbot, page.off_button)
    override = CalendarOverride.get(CalendarOverride.day == day)
    assert (override.working, override.note) == (False, "年终盘点")
    assert view.day_background(day) == HOLIDAY_BACKGROUND
    assert pixel(view, inside) == HOLIDAY_BACKGROUND
    assert view.is_overridden(day)
    assert page.overrides_table.rowCount() == 1
    assert not window.calendar_page.service.calendar().is_working_day(day)
    # And back.
    with qtbot.waitSignal(page.busy_changed, check_params_cb=lambda busy: busy is False, timeout=10_000):
        click(qtbot, page.clear_button)
    assert not CalendarOverride.select().where(CalendarOverride.day == day).exists()
    assert view.day_background(day) == WORKDAY_BACKGROUND


def test_importing_2027_removes_the_provisional_banner(qtbot, window, tmp_path, monkeypatch):
    page = window.show_page("calendar")
    page.show_year(2027)
    assert page.banner.isVisible() and "2027" in page.banner.text()
    make_up = dt.date(2027, 2, 20)  # a Saturday
    assert page.year_view.day_background(make_up) != ADJUSTED_BACKGROUND
    path = tmp_path / "2027.txt"
    path.write_text(SCHEDULE_2027, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), "")))
    with qtbot.waitSignal(page.busy_changed, check_params_cb=lambda busy: busy is False, timeout=10_000):
        click(qtbot, page.import_button)
    assert CalendarYear.select().where(CalendarYear.year == 2027).exists()
    assert page.banner.isHidden()
    assert page.year_view.day_background(make_up) == ADJUSTED_BACKGROUND
    assert page.year_view.day_background(dt.date(2027, 2, 11)) == HOLIDAY_BACKGROUND
    assert "2027" in page.result_label.text()


def test_a_broken_schedule_file_is_refused_before_anything_changes(qtbot, window, tmp_path):
    page = window.show_page("calendar")
    path = tmp_path / "bad.txt"
    path.write_text("2027-02-06,maybe\n", encoding="utf-8")
    assert not page.import_schedule_file(path)
    assert "line 1" in page.import_message.text() and page.import_message.isVisible()
    assert not page.busy and not CalendarYear.select().exists()


def test_bad_office_hours_stay_in_the_field_with_the_reason(qtbot, window):
    page = window.show_page("calendar")
    replace_text(qtbot, page.hours_edit, "8-12")
    click(qtbot, page.hours_button)
    assert page.hours_errors.label("office_hours").isVisible()
    assert page.hours_edit.text() == "8-12" and not page.busy


# ----- time limits --------------------------------------------------------------------------------------------------


def test_an_invalid_limit_shows_an_error_next_to_the_field_and_keeps_the_text(qtbot, window):
    page = window.show_page("policies")
    consultation = PolicyRecord.get(PolicyRecord.code == "consultation")
    click_row(qtbot, page.table, consultation.id)
    edit = page.limit_edits["resolve"]
    assert edit.text() == "3wd"
    replace_text(qtbot, edit, "3 weeks")
    click(qtbot, page.save_policy_button)
    error = page.policy_errors.label("clocks.resolve")
    assert error.isVisible() and "3 weeks" in error.text()
    assert edit.text() == "3 weeks" and edit.property("invalid") is True
    assert PolicyRecord.get_by_id(consultation.id).clocks == "resolve=3wd"
    replace_text(qtbot, edit, "4wd")
    click(qtbot, page.save_policy_button)
    assert not error.isVisible()
    assert PolicyRecord.get_by_id(consultation.id).clocks == "resolve=4wd"


def test_the_priority_matrix_is_saved_from_its_combos(qtbot, window):
    from desk_app.core.kinds import Level
    from desk_app.services.admin import load_priority_config

    page = window.show_page("policies")
    combo = page.matrix_combos[(Level.LOW, Level.LOW)]
    combo.setCurrentIndex(combo.findData(4))
    replace_text(qtbot, page.priority_limit_edits[(1, "respond")], "10m")
    click(qtbot, page.save_priority_button)
    matrix, limits = load_priority_config()
    assert matrix[(Level.LOW, Level.LOW)] == 4 and str(limits[1].respond) == "10m"
    replace_text(qtbot, page.priority_limit_edits[(2, "resolve")], "soon")
    click(qtbot, page.save_priority_button)
    assert page.priority_errors.label("limits.2.resolve").isVisible()


# ----- kinds and catalogue --------------------------------------------------------------------------------------


def test_a_catalogue_entry_is_added_to_the_chosen_kind(qtbot, window):
    page = window.show_page("kinds")
    page.kind_list.setCurrentRow(1)  # 投诉 complaint
    assert page.current_kind() == "complaint"
    type_text(page.entry_edit, "覆盖类")
    click(qtbot, page.add_entry_button)
    assert [e.name for e in CatalogueEntry.select().where(CatalogueEntry.kind == "complaint")] == ["覆盖类"]
    assert page.entry_list.count() == 1
    assert page.entry_edit.text() == "覆盖类"  # the new entry is selected, ready to be renamed
    page.entry_edit.clear()
    type_text(page.entry_edit, "覆盖类")
    click(qtbot, page.add_entry_button)
    assert page.entry_errors.label("name").isVisible()


# ----- staff accounts -------------------------------------------------------------------------------------------


def test_a_staff_member_is_added_and_a_duplicate_user_name_refused(qtbot, window):
    page = window.show_page("staff")
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.username_edit, "clerk3")
    type_text(page.name_edit, "赵六")
    qtbot.keyClicks(page.password_edit, "Front-desk-2026")
    click(qtbot, page.save_button)
    staff = Staff.get(Staff.username == "clerk3")
    assert (staff.name, staff.role, staff.must_change_password) == ("赵六", "receptionist", True)
    assert page.username_edit.isReadOnly()  # the new account is the one in the form now
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.username_edit, "clerk3")
    type_text(page.name_edit, "重名")
    click(qtbot, page.save_button)
    assert page.errors.label("username").isVisible()
    assert Staff.select().where(Staff.username == "clerk3").count() == 1


def test_a_receiver_cannot_be_moved_out_and_a_lock_is_lifted(qtbot, window, clock):
    page = window.show_page("staff")
    receiver = Staff.get(Staff.username == "engineering.recv")
    click_row(qtbot, page.table, receiver.id)
    page.department_combo.setCurrentIndex(page.department_combo.findData(Department.get(Department.code == "finance").id))
    click(qtbot, page.save_button)
    assert page.errors.label("department").isVisible()
    assert Staff.get_by_id(receiver.id).department_id == Department.get(Department.code == "engineering").id
    Staff.update(failed_signins=5, locked_until=clock() + dt.timedelta(minutes=10)).where(
        Staff.id == receiver.id).execute()
    page.refresh()
    page._load(page.account(receiver.id))
    assert page.unlock_button.isEnabled()
    click(qtbot, page.unlock_button)
    assert Staff.get_by_id(receiver.id).locked_until is None


def test_a_password_is_reset_through_its_dialog(qtbot, window):
    page = window.show_page("staff")
    clerk = Staff.get(Staff.username == "reception")
    click_row(qtbot, page.table, clerk.id)
    click(qtbot, page.reset_button)
    dialog = page.password_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.password_edit, "New-pass-2026")
    qtbot.keyClicks(dialog.repeat_edit, "New-pass-2027")
    dialog._on_buttons_accepted()
    assert dialog.errors.label("repeat").isVisible()
    dialog.repeat_edit.clear()
    qtbot.keyClicks(dialog.repeat_edit, "New-pass-2026")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog._on_buttons_accepted()
        assert dialog.storing and not dialog.buttons.isEnabled()   # argon2 hashes it on a worker
        dialog.reject()
        assert dialog.isVisible()   # Esc waits for it
    staff = Staff.get_by_id(clerk.id)
    assert staff.password_hash and staff.must_change_password
    assert auth.verify(staff.password_hash, "New-pass-2026")


# ----- notifications --------------------------------------------------------------------------------------------


def test_notification_settings_are_saved_and_errors_shown_by_field(qtbot, window, monkeypatch):
    import threading

    page = window.show_page("notify")
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)   # read on a worker (the keyring can be slow)
    read_on: list[threading.Thread] = []
    real = notify.load_notify_settings
    monkeypatch.setattr(notify, "load_notify_settings", lambda: read_on.append(threading.current_thread()) or real())
    page.email_enabled_check.setChecked(True)
    click(qtbot, page.save_button)
    assert page.errors.label("smtp_host").isVisible()
    assert not notify.load_notify_settings().email_enabled
    qtbot.keyClicks(page.smtp_host_edit, "smtp.example.com")
    qtbot.keyClicks(page.smtp_from_edit, "desk@example.com")
    qtbot.keyClicks(page.smtp_password_edit, "secret")
    page.all_events_check.setChecked(False)
    page.event_checks["return"].setChecked(False)
    read_on.clear()
    click(qtbot, page.save_button)
    assert page.loading and not page.save_button.isEnabled()   # saved, and read again before it can be saved again
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert len(read_on) == 1 and read_on[0] is not threading.main_thread()
    stored = notify.load_notify_settings()
    assert (stored.email_enabled, stored.smtp_host, stored.smtp_from, stored.smtp_password) == (
        True, "smtp.example.com", "desk@example.com", "secret")
    assert stored.events is not None and "return" not in stored.events and "dispatch" in stored.events
    # Saving again with the password field left empty keeps the stored password.
    assert page.smtp_password_edit.text() == ""
    click(qtbot, page.save_button)
    qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
    assert notify.load_notify_settings().smtp_password == "secret"


def test_the_window_follows_changes_made_elsewhere(qtbot, window, admin_ctx):
    from desk_app.services import admin

    page = window.show_page("areas")
    assert page.table.rowCount() == 0
    admin.create_area(admin_ctx.service, admin_ctx.actor, "城北片区")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    select_id(page.table, page.table.item(0, 0).data(Qt.ItemDataRole.UserRole))
    assert page.name_edit.text() == "城北片区"


def test_approval_steps_are_saved_from_the_check_boxes(qtbot, window):
    from desk_app.models.schema import KindWorkflow

    page = window.show_page("kinds")
    page.kind_list.setCurrentRow([page.kind_list.item(i).data(Qt.ItemDataRole.UserRole)
                                  for i in range(page.kind_list.count())].index("repair"))
    leader, leader_if_sensitive = page.step_checks["leader"]
    assert not leader.isChecked() and leader_if_sensitive.isChecked()  # the default: no approval unless sensitive
    click(qtbot, leader)
    assert leader.isChecked() and not leader_if_sensitive.isEnabled()
    click(qtbot, page.step_checks["reply"][0])
    assert page.path_label.text().splitlines()[0].count("\u2192") == 1  # leader → reply
    click(qtbot, page.save_workflow_button)
    row = KindWorkflow.get_by_id("repair")
    assert (row.steps, row.sensitive_steps) == ("leader;reply", "office;center")
    assert page.reset_workflow_button.isEnabled()
    click(qtbot, page.reset_workflow_button)
    assert not KindWorkflow.select().exists() and not leader.isChecked()


def test_the_staff_list_filters_as_one_types(qtbot, window):
    page = window.show_page("staff")
    type_text(page.filter_edit, "工程部")
    shown = [r for r in range(page.table.rowCount()) if not page.table.isRowHidden(r)]
    assert len(shown) == Staff.select().join(Department).where(Department.code == "engineering").count()
    page.filter_edit.clear()
    assert not any(page.table.isRowHidden(r) for r in range(page.table.rowCount()))


def test_closing_during_a_recomputation_waits_for_it(qtbot, admin_ctx):
    # Not registered with qtbot: the window deletes itself once closed, as it does in the application.
    window = AdminWindow(admin_ctx)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("calendar")
    page.select_day(dt.date(2026, 12, 30))
    with qtbot.waitSignal(window.destroyed, timeout=10_000):
        click(qtbot, page.off_button)
        assert page.busy
        window.close()
        assert window.isVisible() and "Closing" in window.statusBar().currentMessage()
    assert CalendarOverride.select().where(CalendarOverride.day == dt.date(2026, 12, 30)).exists()
