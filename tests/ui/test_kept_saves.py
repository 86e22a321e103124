"""What the database refused of the saves kept during an outage is shown, not dropped: the banner stays with the
number and a button to the list (本机暂存), the list says why, and a refused save is put away only by the user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desk_app.models.schema import Ticket
from desk_app.ui.kept_saves import REFUSED, WAITING, KeptSavesDialog
from desk_app.ui.main_window.window import MainWindow


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def window(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def open_ticket() -> Ticket:
    return Ticket.select().where(Ticket.state == "new").order_by(Ticket.id).first()


def test_a_kept_action_refused_as_stale_keeps_the_banner_until_it_is_put_away(qtbot, window, ctx, monkeypatch):
    watch, banner = window.outage_watch, window.outage_banner
    ticket = open_ticket()
    department = Ticket.select(Ticket.department).where(Ticket.department.is_null(False)).first().department_id
    # Kept on the version before the one in the database: another desk changed the ticket meanwhile.
    watch.outbox.keep_action(ctx.actor, "dispatch", ticket.id, ticket.number, ticket.version - 1,
                             {"department_id": department}, label="派单")
    assert watch.waiting() == 1
    result = watch.replay_now()
    assert result.saved == [] and len(result.refused) == 1
    assert banner.isVisible() and banner.kept_button.isVisible() and not banner.retry_button.isVisible()
    assert "1" in banner.waiting_label.text()

    qtbot.mouseClick(banner.kept_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(KeptSavesDialog)
    assert dialog is not None and dialog.isVisible()
    [(status, pending, reason)] = dialog.model._rows
    assert status == REFUSED and pending.action.number == ticket.number and reason
    assert dialog.model.data(dialog.model.index(0, 4)) == reason
    assert ticket.number in dialog.text_view.toPlainText()
    assert dialog.discard_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
    assert dialog.model.rowCount() == 0 and watch.refused() == 0
    assert list((watch.outbox.folder / "discarded").glob("*.json"))   # put away, still on disk
    dialog.close()
    qtbot.waitUntil(lambda: not banner.isVisible())
    assert Ticket.get_by_id(ticket.id).state == ticket.state   # the stale dispatch was never done


def test_a_waiting_save_is_listed_and_cannot_be_put_away(qtbot, window, ctx):
    watch = window.outage_watch
    ticket = open_ticket()
    watch.outbox.keep_action(ctx.actor, "return_ticket", ticket.id, ticket.number, ticket.version,
                             {"reason": "不属本部门"}, label="退回")
    dialog = KeptSavesDialog(watch.outbox, window)
    qtbot.addWidget(dialog)
    [(status, pending, _)] = dialog.model._rows
    assert status == WAITING and pending.action.label == "退回"
    assert not dialog.discard_button.isEnabled() and dialog.copy_button.isEnabled()
    assert ticket.number in dialog.text_view.toPlainText() and "不属本部门" in dialog.text_view.toPlainText()


def test_every_action_of_the_pane_can_be_kept_during_an_outage():
    """The pane's actions and the kept ones are the same service methods (actions.action_call is the one map)."""
    from desk_app.core.states import Action
    from desk_app.services.outbox_local import ACTIONS_KEPT
    from desk_app.ui.detail.actions import action_call

    methods = {action_call(action, {"department_id": 1})[0] for action in Action}
    assert methods == ACTIONS_KEPT
