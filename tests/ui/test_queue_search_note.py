"""The queue's search says when a common phrase matched more tickets than it looks at (only the newest
services.search.TEXT_MATCHES are shown), and says nothing otherwise.

The seed, 工单扭转管理办法 第二条: "可以对工单进行存档，以便于日后查询，统计".
"""

from __future__ import annotations

import pytest
from pane_waits import counted

from desk_app.core.queues import Queue
from desk_app.models.db import database
from desk_app.services import search
from desk_app.ui.main_window.window import MainWindow


@pytest.fixture
def window(qtbot, ctx, demo_db, monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    counted(qtbot, win)   # the queues are counted on a worker
    yield win
    win.close()


def common_phrase() -> str:
    """Three characters that open the address of more than one demo ticket."""
    return database.execute_sql("SELECT substr(address, 1, 3) AS head FROM ticket WHERE length(address) >= 3 "
                                "GROUP BY head HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC").fetchone()[0]


def search_for(qtbot, window, text: str) -> None:
    window.search_edit.setText(text)
    qtbot.waitUntil(lambda: window.models[Queue.ALL].search == text, timeout=2000)


@pytest.mark.sqlite_only("the newest-matches cap is SQLite's (FTS5 hands matches out newest first); PostgreSQL returns every match")
def test_a_capped_search_says_only_the_newest_matches_are_shown(qtbot, window, monkeypatch):
    window.show_queue(Queue.ALL)
    phrase = common_phrase()
    monkeypatch.setattr(search, "TEXT_MATCHES", 1)
    search_for(qtbot, window, phrase)
    model = window.models[Queue.ALL]
    assert model.search_capped and model.rowCount() <= 1
    assert window.search_result_label.text() == f"{model.rowCount()} found (only the newest 1 matches shown)"
    window.grab().save("/tmp/speedhelper/search_note.png")


def test_a_search_within_the_cap_says_just_how_many(qtbot, window):
    window.show_queue(Queue.ALL)
    phrase = common_phrase()
    search_for(qtbot, window, phrase)
    model = window.models[Queue.ALL]
    assert not model.search_capped and model.rowCount() > 1
    assert window.search_result_label.text() == f"{model.rowCount()} found"
