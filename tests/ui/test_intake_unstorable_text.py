"""Text the databases cannot store (a NUL character, a lone surrogate) typed or pasted into the intake form is shown
beside its field, like any other bad input, and nothing is written (issue 11: never a traceback)."""

from __future__ import annotations

import pytest
from desk_support import IGNORE_OFFSCREEN
from pane_waits import saved

from desk_app.core.kinds import TicketKind
from desk_app.models.schema import CallRecord, Ticket
from desk_app.ui.intake.panel import IntakePanel

pytestmark = IGNORE_OFFSCREEN


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(760, 720)
    widget.show()
    return widget


def _choose_repair(panel) -> None:
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind.REPAIR))


@pytest.mark.parametrize(("field", "bad"), [
    ("description", "卫生间漏水\x00"),
    ("caller_name", "张\x00三"),
])
def test_a_nul_character_is_shown_beside_its_field_and_nothing_is_written(qtbot, panel, field, bad):
    before = CallRecord.select().count(), Ticket.select().count()
    qtbot.keyClicks(panel.phone_edit, "13812345678")
    panel.content_edit.setPlainText(bad if field == "description" else "卫生间漏水")
    if field == "caller_name":
        panel.caller_edit.setText(bad)   # pasted: keyClicks cannot type a NUL
    _choose_repair(panel)
    panel.create_button.click()   # refused before anything is sent: the form checks it
    assert not panel.saving
    error = panel.errors.label(field)
    assert error.isVisible() and "NUL" in error.text()
    # The description's error shows under the content box (the form's name for it).
    assert panel.errors.visible_errors().keys() == {{"description": "content"}.get(field, field)}
    assert (CallRecord.select().count(), Ticket.select().count()) == before


def test_a_lone_surrogate_pasted_into_the_form_is_dropped_by_qt_and_the_text_saved_clean(qtbot, panel):
    """Qt keeps text as UTF-16 and drops a lone surrogate set from Python, so the form saves clean text (the
    services refuse such text from other callers: tests/services/test_text_fuzz.py)."""
    before = Ticket.select().count()
    qtbot.keyClicks(panel.phone_edit, "13812345678")
    panel.content_edit.setPlainText("卫生间漏水\ud800")
    _choose_repair(panel)
    assert saved(qtbot, panel, panel.create_button.click)
    assert not panel.errors.visible_errors()
    assert Ticket.select().count() == before + 1
    assert Ticket.select().order_by(Ticket.id.desc()).first().description == "卫生间漏水"
