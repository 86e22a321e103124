"""知识库 at the desk: answers offered while the content is typed, a call closed with one of them, the knowledge window
(search, edit with errors beside the fields, conflict), and the weekly meeting's answer saved from a ticket."""

from __future__ import annotations

import pytest
from pane_waits import saved, show
from PySide6.QtCore import Qt

from desk_app.core.kinds import CallOutcome
from desk_app.core.states import State
from desk_app.models.schema import CallRecord, KbArticle, Ticket
from desk_app.services import knowledge
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.intake.panel import IntakePanel
from desk_app.ui.knowledge import KnowledgeWindow
from desk_app.ui.knowledge.model import ArticleListModel
from tests.ui.desk_support import IGNORE_OFFSCREEN, staff, type_text

pytestmark = IGNORE_OFFSCREEN

QUESTION = "小区快递驿站几点关门？"
ANSWER = "快递驿站在南门商铺，每天8:00至21:00营业。\n节假日照常营业。"


@pytest.fixture
def article(ctx):
    return knowledge.create_article(ctx.service, staff("supervisor"), QUESTION, ANSWER, kind="consultation",
                                    tags="快递驿站 快递")


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(760, 820)
    widget.show()
    return widget


@pytest.fixture
def window(qtbot, ctx):
    widget = KnowledgeWindow(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


# ----- intake ----------------------------------------------------------------------------------------------------


def test_typing_the_content_offers_answers_from_the_knowledge_base(qtbot, panel, article):
    assert panel.kb_suggestions.isHidden()
    panel.content_edit.setFocus()
    type_text(panel.content_edit, "业主问南门的快递驿站晚上几点关门")
    qtbot.waitUntil(lambda: panel.kb_suggestions.isVisible(), timeout=3000)
    hits = panel.kb_suggestions.hits()
    assert hits[0].id == article and len(hits) <= 5
    item = panel.kb_suggestions.list.item(0)
    assert item.text().splitlines()[0] == QUESTION
    assert item.text().splitlines()[1].strip() == "快递驿站在南门商铺，每天8:00至21:00营业。"   # the answer's first line
    assert not panel.kb_suggestions.answer_button.isEnabled()              # nothing chosen yet


def test_choosing_an_answer_and_answered_closes_the_call_with_the_article(qtbot, panel, article):
    """Seed: "客服坐席接到热线咨询、投诉等情况，如知识库没有相应解决方案，坐席人员将发起工单" — it has one: no ticket."""
    tickets_before = Ticket.select().count()
    qtbot.keyClicks(panel.phone_edit, "13912345678")
    panel.content_edit.setFocus()
    type_text(panel.content_edit, "快递驿站几点关门")
    qtbot.waitUntil(lambda: panel.kb_suggestions.isVisible(), timeout=3000)
    rect = panel.kb_suggestions.list.visualItemRect(panel.kb_suggestions.list.item(0))
    qtbot.mouseClick(panel.kb_suggestions.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.kb_suggestions.answer_view.toPlainText() == ANSWER           # the whole answer, to read out
    with qtbot.waitSignal(panel.call_recorded) as recorded:
        qtbot.mouseClick(panel.kb_suggestions.answer_button, Qt.MouseButton.LeftButton)
    call = CallRecord.get_by_id(recorded.args[0])
    assert (call.outcome, call.kb_article_id, call.ticket_id) == (CallOutcome.SOLVED.value, article, None)
    assert call.content == "快递驿站几点关门" and call.phone == "+8613912345678"
    assert Ticket.select().count() == tickets_before
    assert panel.status_label.text() == f"Call answered from the knowledge base at first contact: {QUESTION}"
    assert panel.content_edit.toPlainText() == "" and panel.phone_edit.text() == ""
    assert panel.kb_suggestions.isHidden()


def test_an_answer_retired_meanwhile_is_refused_and_the_form_kept(qtbot, panel, ctx, article):
    qtbot.keyClicks(panel.phone_edit, "13912345678")
    type_text(panel.content_edit, "快递驿站几点关门")
    panel.kb_suggestions.refresh()
    panel.kb_suggestions.choose(article)
    knowledge.retire_article(ctx.service, staff("supervisor"), article, expected_version=1)
    calls_before = CallRecord.select().count()
    assert not saved(qtbot, panel, lambda: panel.record_answered_from_kb(article))   # the service refuses it
    assert panel.errors.visible_errors()[""] == "This article is retired."
    assert CallRecord.select().count() == calls_before and panel.content_edit.toPlainText() == "快递驿站几点关门"


# ----- the knowledge window --------------------------------------------------------------------------------------


def test_the_model_follows_the_qt_model_rules(qtmodeltester, ctx, article):
    from desk_app.services.search import search_articles

    model = ArticleListModel()
    model.set_hits(search_articles("", limit=50))
    qtmodeltester.check(model)


def test_the_window_searches_as_one_types_and_shows_the_article(qtbot, window, article):
    window.search_edit.setFocus()
    type_text(window.search_edit, "快递驿站")
    # Only the article holding the words is left, and it is shown.
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.view is not None and window.view.id == article,
                    timeout=2000)
    assert window.count_label.text() == "1 found"
    assert window.question_label.text() == QUESTION
    assert window.answer_text.toPlainText() == ANSWER
    assert "林主管" in window.meta_label.text()
    assert not window.edit_button.isEnabled()          # the front desk reads; the rule book keeps editing
    assert window.new_button.toolTip() != ""


def test_a_supervisor_edits_with_the_error_beside_the_field_and_keeps_the_text_on_a_conflict(qtbot, window, ctx,
                                                                                             article):
    ctx.set_actor(staff("supervisor"))
    type_text(window.search_edit, "快递驿站")
    window.search()
    assert window.view.id == article and window.edit_button.isEnabled()
    editor = window.open_edit_editor()
    editor.answer_edit.clear()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    error = editor.errors.label("answer")
    assert error.isVisible() and error.text() == "This field is required."
    assert editor.isVisible()
    # Meanwhile someone else changes it: Save says so and what was typed stays.
    knowledge.update_article(ctx.service, staff("supervisor"), article, QUESTION, "别人改过的答案", "", "快递",
                             expected_version=1)
    editor.answer_edit.setPlainText("快递驿站每天8:00至22:00营业。")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert "changed by someone else" in editor.errors.visible_errors()[""]
    assert editor.answer_edit.toPlainText() == "快递驿站每天8:00至22:00营业。"
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)      # a second Save writes over it, on purpose
    assert not editor.isVisible()
    assert KbArticle.get_by_id(article).answer == "快递驿站每天8:00至22:00营业。"
    assert window.answer_text.toPlainText() == "快递驿站每天8:00至22:00营业。"


def test_a_supervisor_writes_a_new_article_and_retires_it(qtbot, window, ctx):
    ctx.set_actor(staff("supervisor"))
    editor = window.open_new_editor()
    type_text(editor.question_edit, "电梯年检期间怎么上楼？")
    editor.answer_edit.setPlainText("年检当天请走消防楼梯，行动不便的业主可联系前台协助。")
    editor.tags_edit.setText("电梯 年检")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    created = KbArticle.get(KbArticle.question == "电梯年检期间怎么上楼？")
    assert window.view.id == created.id and created.tags == "电梯 年检"
    assert window.retire_now()
    assert KbArticle.get_by_id(created.id).retired
    assert created.id not in [window.model.hit(r).id for r in range(window.model.rowCount())]


def test_work_knowledge_base_opens_the_window_for_everyone_and_edits_only_for_supervisors(qtbot, ctx, demo_db):
    from desk_app.ui.main_window import MainWindow

    main = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(main)
    assert main.knowledge_action in main.work_menu.actions()
    assert main.knowledge_action.shortcut().toString() == "Ctrl+Shift+B"
    main.knowledge_action.trigger()
    kb = main.knowledge_window
    assert kb.isVisible() and kb.model.rowCount() > 30          # the demo's articles, latest first
    assert not kb.new_button.isEnabled()
    ctx.set_actor(staff("supervisor"))
    assert kb.new_button.isEnabled()
    kb.close()


# ----- the weekly meeting's answer from a ticket -----------------------------------------------------------------


def test_a_solved_tickets_detail_saves_the_meetings_answer_in_one_step(qtbot, ctx):
    """Seed: "班务会每周一次…针对特殊疑难问题的解决进行案例分析，并总结出统一的答复口径，传达到每位业务代表"."""
    ticket = (Ticket.select().where((Ticket.state == State.RESOLVED.value) & (Ticket.reply_note != ""))
              .order_by(Ticket.id).first())
    pane = DetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, ticket.id)
    assert pane.kb_button.isHidden()                  # the front desk may not edit the knowledge base
    ctx.set_actor(staff("supervisor"))
    qtbot.waitUntil(lambda: pane.kb_button.isVisible())
    dialog = pane.open_meeting_answer_dialog()
    assert dialog.question_edit.text() == " ".join(ticket.description.split())
    assert dialog.answer_edit.toPlainText() == ticket.reply_note.strip()
    dialog.answer_edit.setPlainText("统一答复口径：" + ticket.reply_note.strip())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    saved = KbArticle.get(KbArticle.source_ticket == ticket.id)
    assert (saved.source, saved.kind) == ("meeting", ticket.kind) and saved.answer.startswith("统一答复口径：")
    assert saved.meeting_on == dialog.date_edit.date().toPython() and saved.meeting_on.weekday() == 0
    assert pane.message_label.text() == "Saved to the knowledge base."


def test_an_open_ticket_offers_no_meeting_answer(qtbot, ctx):
    ticket = Ticket.select().where(Ticket.state == State.DISPATCHED.value).first()
    ctx.set_actor(staff("supervisor"))
    pane = DetailPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    show(qtbot, pane, ticket.id)
    assert pane.kb_button.isHidden()
