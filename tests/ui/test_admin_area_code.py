"""本地区号 in the administration window: the time-limits page's "Phone numbers" box, a bad code refused beside the
field, a good one saved and used by the desk at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.models.schema import AuditLog, Setting
from desk_app.services import auth
from desk_app.services.config import SETTING_AREA_CODE
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import staff_by_username
from desk_app.ui.admin.window import AdminWindow
from desk_app.ui.context import DeskContext


@pytest.fixture(autouse=True)
def cheap_hashing() -> None:
    auth.use_cheap_hashing_for_tests()


@pytest.fixture
def admin_ctx(qapp, demo_db, clock):
    context = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("admin")))
    yield context
    context.close()


@pytest.fixture
def page(qtbot, admin_ctx):
    window = AdminWindow(admin_ctx)
    qtbot.addWidget(window)
    window.resize(1360, 900)
    window.show()
    qtbot.waitExposed(window)
    yield window.show_page("policies")
    for each in window.pages:
        each.shutdown()


def retype(qtbot, edit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def stored() -> str | None:
    row = Setting.get_or_none(Setting.key == SETTING_AREA_CODE)
    return row.value if row else None


def test_a_bad_area_code_is_refused_beside_the_field_and_a_good_one_saved(qtbot, page, admin_ctx):
    assert page.area_code_box.isVisible() and page.area_code_edit.text() == ""
    retype(qtbot, page.area_code_edit, "0138")
    qtbot.mouseClick(page.save_area_code_button, Qt.MouseButton.LeftButton)
    error = page.area_code_errors.label("area_code")
    assert error.isVisible()
    assert error.text() == "Not a mainland area code: 0138 (e.g. 010, 021, 0755)."
    assert page.area_code_edit.hasFocus()
    assert stored() is None

    retype(qtbot, page.area_code_edit, "10")
    qtbot.keyClick(page.area_code_edit, Qt.Key.Key_Return)      # Enter saves as the button does
    assert not error.isVisible()
    assert page.area_code_edit.text() == "010"                    # shown as stored
    assert stored() == "010"
    assert admin_ctx.service.area_code() == "010"
    assert AuditLog.select().where(AuditLog.action == "area_code").count() == 1

    retype(qtbot, page.area_code_edit, "")
    qtbot.mouseClick(page.save_area_code_button, Qt.MouseButton.LeftButton)
    assert stored() == "" and admin_ctx.service.area_code() == ""
