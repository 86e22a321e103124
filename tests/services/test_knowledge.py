"""知识库: articles written by those who may, answers offered to the desk, calls answered from them, and the weekly
meeting's agreed answer turned into an article in one step."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from desk_app.core.followups import CallDirection
from desk_app.core.kinds import CallOutcome, Role, TicketKind
from desk_app.core.states import State
from desk_app.core.summary import Figure, Period, Ratio
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import AuditLog, CallRecord, KbArticle, Staff, Ticket
from desk_app.services import knowledge
from desk_app.services.desk import Actor
from desk_app.services.search import search_articles
from desk_app.services.summary import summarize


def _article(service, actor, question="装修手续怎么办理？", answer="携带房产证、身份证到物业服务中心填写装修申请表。\n审批后领取装修许可证。",
             **fields) -> int:
    return knowledge.create_article(service, actor, question, answer, **fields)


def _solved_consultation(service, people, description="小区附近有哪些公交线路？") -> int:
    """A consultation walked to 已完结: dispatched, accepted, solved, approved by the leader and the audit
    center, the customer told."""
    desk, assist = people["reception"], people["assist"]
    ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description=description,
                                                        phone="13800000001", caller_name="张三",
                                                        category="周边配套"))
    service.dispatch(desk, ticket_id, assist.department_id)
    service.accept(assist, ticket_id)
    service.resolve(assist, ticket_id, "已查询公交信息")
    service.approve(people["assist.lead"], ticket_id)
    service.approve(people["audit"], ticket_id)
    service.reply(desk, ticket_id, "东门有12路、35路公交，步行5分钟到地铁2号线幸福路站。")
    return ticket_id


# ----- writing articles ------------------------------------------------------------------------------------------


def test_a_supervisor_writes_an_article_with_its_audit_row(service, people):
    article_id = _article(service, people["supervisor"], kind="consultation", tags="装修, 手续、装修")
    view = knowledge.article(article_id)
    assert (view.question, view.kind, view.tags) == ("装修手续怎么办理？", "consultation", "装修 手续")
    assert view.author == view.updated_by == "林主管" and view.version == 1 and not view.retired
    assert view.source == "" and view.answered_calls == 0
    assert AuditLog.get((AuditLog.entity == "kb_article") & (AuditLog.action == "create")).entity_id == str(article_id)


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMIN])
def test_the_rule_book_lets_supervisors_and_administrators_edit(service, people, role):
    actor = Actor.of(Staff.create(username=f"kb.{role.value}", name="编辑", role=role.value))
    assert _article(service, actor) > 0


@pytest.mark.parametrize("who", ["reception", "dispatcher", "audit", "office", "center", "assist", "assist.lead"])
def test_everyone_else_may_not_edit_the_knowledge_base(service, people, who):
    with pytest.raises(PermissionDenied):
        _article(service, people[who])
    assert KbArticle.select().count() == 0


def test_a_deactivated_supervisor_loses_the_right_at_once(service, people):
    supervisor = people["supervisor"]
    Staff.update(active=False).where(Staff.id == supervisor.id).execute()
    with pytest.raises(PermissionDenied):
        _article(service, supervisor)


@pytest.mark.parametrize(("fields", "field"), [
    (dict(question="  "), "question"),
    (dict(answer=""), "answer"),
    (dict(question="问" * 501), "question"),
    (dict(answer="答" * 4001), "answer"),
    (dict(question="停车\x00卡"), "question"),
    (dict(answer="a\x00"), "answer"),
    (dict(tags="标签\x00"), "tags"),
    (dict(tags="长" * 201), "tags"),
    (dict(kind="nonsense"), "kind"),
])
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(service, people, fields, field):
    with pytest.raises(ValidationError) as caught:
        _article(service, people["supervisor"], **fields)
    assert caught.value.field == field
    assert KbArticle.select().count() == 0 and AuditLog.select().where(AuditLog.entity == "kb_article").count() == 0


def test_an_update_checks_the_version_and_keeps_the_other_edit(service, people, clock):
    supervisor = people["supervisor"]
    article_id = _article(service, supervisor)
    clock.advance(minutes=5)
    knowledge.update_article(service, supervisor, article_id, "装修手续怎么办理？", "先到物业服务中心登记。", "", "装修",
                             expected_version=1)
    view = knowledge.article(article_id)
    assert view.version == 2 and view.answer == "先到物业服务中心登记。" and view.updated_at == clock.now
    with pytest.raises(ConflictError):
        knowledge.update_article(service, supervisor, article_id, "旧问题", "旧答案", "", "", expected_version=1)
    assert knowledge.article(article_id).answer == "先到物业服务中心登记。"
    assert AuditLog.select().where((AuditLog.entity == "kb_article") & (AuditLog.action == "update")).count() == 1


def test_a_retired_article_leaves_the_search_and_cannot_answer_a_call(service, people):
    supervisor, desk = people["supervisor"], people["reception"]
    article_id = _article(service, supervisor, tags="装修")
    assert [h.id for h in search_articles("装修手续")] == [article_id]
    with pytest.raises(ConflictError):
        knowledge.retire_article(service, supervisor, article_id, expected_version=7)
    knowledge.retire_article(service, supervisor, article_id, expected_version=1)
    assert knowledge.article(article_id).retired and search_articles("装修手续") == []
    with pytest.raises(ValidationError) as caught:
        service.record_call(desk, CallDraft(content="问装修", phone="13800000002"), outcome=CallOutcome.SOLVED,
                            kb_article_id=article_id)
    assert caught.value.field == "kb_article"
    assert CallRecord.select().count() == 0     # the refused line is not half-written


def test_a_missing_article_is_not_found(service, people):
    with pytest.raises(NotFound):
        knowledge.article(999)
    with pytest.raises(NotFound):
        knowledge.update_article(service, people["supervisor"], 999, "问", "答", "", "", expected_version=1)


# ----- answers offered at intake ---------------------------------------------------------------------------------


def test_what_the_caller_says_finds_the_articles_by_their_tags(service, people):
    supervisor = people["supervisor"]
    decoration = _article(service, supervisor, tags="装修 手续")
    parking = _article(service, supervisor, question="停车卡怎么办理？", answer="带行驶证到物业前台办理。", tags="停车卡 车辆")
    _article(service, supervisor, question="业主卡丢了怎么补办？", answer="到物业前台登记补办，工本费20元。", tags="业主卡 补办")
    found = knowledge.suggest("业主来电：想问一下家里装修要办什么手续", search_articles)
    assert [h.id for h in found] == [decoration]
    assert [h.id for h in knowledge.suggest("停车卡", search_articles)][0] == parking
    assert knowledge.suggest("", search_articles) == [] and knowledge.suggest("今天天气不错", search_articles) == []


def test_at_most_five_answers_are_offered(service, people):
    for n in range(8):
        _article(service, people["supervisor"], question=f"宽带问题{n}", answer="重启光猫。", tags="宽带")
    assert len(knowledge.suggest("家里宽带上不了网", search_articles)) == knowledge.SUGGESTIONS == 5


# ----- calls answered from the knowledge base ----------------------------------------------------------------------


def test_a_call_answered_from_the_knowledge_base_is_closed_with_its_article(service, people):
    """Seed: "客服坐席接到热线咨询、投诉等情况，如知识库没有相应解决方案，坐席人员将发起工单" — when it has one, no ticket."""
    article_id = _article(service, people["supervisor"])
    desk = people["reception"]
    call_id = service.record_call(desk, CallDraft(content="问装修手续", phone="13800000002"),
                                  outcome=CallOutcome.SOLVED, kb_article_id=article_id)
    line = CallRecord.get_by_id(call_id)
    assert line.outcome == "solved" and line.kb_article_id == article_id and line.ticket_id is None
    later = service.record_call(desk, CallDraft(content="又问装修", phone="13800000003"))
    service.solve_call(desk, later, "已按知识库答复", kb_article_id=article_id)
    assert CallRecord.get_by_id(later).kb_article_id == article_id
    assert knowledge.article(article_id).answered_calls == 2


def test_only_a_solved_call_carries_an_article(service, people):
    article_id = _article(service, people["supervisor"])
    with pytest.raises(ValidationError):
        service.record_call(people["reception"], CallDraft(content="问装修", phone="13800000002"),
                            kb_article_id=article_id)
    with pytest.raises(ValidationError):
        service.solve_call(people["reception"], service.record_call(
            people["reception"], CallDraft(content="问装修", phone="13800000002")), kb_article_id=12345)


def test_first_contact_counts_incoming_lines_and_the_share_answered_from_the_knowledge_base(service, people, clock):
    """By hand: 4 incoming lines (2 solved, of which 1 from the knowledge base; 1 a ticket; 1 open) and 2 outgoing
    follow-up calls, one of them "solved": first contact 2/4, knowledge base 1/2; the outgoing ones count nowhere."""
    desk = people["reception"]
    article_id = _article(service, people["supervisor"])
    service.record_call(desk, CallDraft(content="问装修", phone="13800000002"), outcome=CallOutcome.SOLVED,
                        kb_article_id=article_id)
    service.record_call(desk, CallDraft(content="问停水", phone="13800000003"), outcome=CallOutcome.SOLVED)
    service.create_ticket_from_intake(desk, CallDraft(content="漏水", phone="13800000004"),
                                      TicketDraft(kind=TicketKind.REPAIR, description="漏水", phone="13800000004"))
    service.record_call(desk, CallDraft(content="问物业费", phone="13800000005"))
    service.record_call(desk, CallDraft(content="回访：维修满意", phone="13800000004"), outcome=CallOutcome.SOLVED,
                        direction=CallDirection.OUT)
    service.record_call(desk, CallDraft(content="跟踪：投诉已处理", phone="13800000006"),
                        direction=CallDirection.OUT)
    day = clock.now.date()
    s = summarize(service.viewer(people["supervisor"]), Period(day, day), clock.now)
    assert s.counts[Figure.CALLS_IN] == 4
    assert s.ratios[Figure.FIRST_CONTACT] == Ratio(2, 4)
    assert s.ratios[Figure.KB_ANSWERED] == Ratio(1, 2)


# ----- the weekly meeting's answer -------------------------------------------------------------------------------


def test_the_weekly_meetings_answer_becomes_an_article_in_one_step(service, people, clock):
    """Seed: "班务会每周一次…针对特殊疑难问题的解决进行案例分析，并总结出统一的答复口径，传达到每位业务代表"."""
    ticket_id = _solved_consultation(service, people)
    monday = clock.now.date() - dt.timedelta(days=clock.now.weekday())
    article_id = knowledge.article_from_ticket(service, people["supervisor"], ticket_id, meeting_on=monday)
    view = knowledge.article(article_id)
    assert view.question == "小区附近有哪些公交线路？"
    assert view.answer == "东门有12路、35路公交，步行5分钟到地铁2号线幸福路站。"     # what the customer was told
    assert (view.kind, view.tags, view.source, view.meeting_on) == ("consultation", "周边配套", "meeting", monday)
    assert view.source_ticket_id == ticket_id and view.source_ticket_number.endswith("000001")
    assert [h.id for h in search_articles("公交线路")] == [article_id]
    audit = AuditLog.get((AuditLog.entity == "kb_article") & (AuditLog.action == "from_ticket"))
    assert view.source_ticket_number in audit.detail


def test_the_meeting_may_reword_the_answer(service, people, clock):
    ticket_id = _solved_consultation(service, people)
    article_id = knowledge.article_from_ticket(service, people["supervisor"], ticket_id, meeting_on=clock.now.date(),
                                               question="周边公交怎么走？", answer="统一口径：东门12路、35路。")
    assert (knowledge.article(article_id).question, knowledge.article(article_id).answer) == (
        "周边公交怎么走？", "统一口径：东门12路、35路。")


def test_an_unsolved_ticket_or_a_future_meeting_is_refused(service, people, clock):
    desk, supervisor = people["reception"], people["supervisor"]
    open_ticket = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description="问题",
                                                          phone="13800000001"))
    assert knowledge.ticket_answer(service, supervisor, _solved_consultation(service, people)).number
    with pytest.raises(ValidationError):
        knowledge.article_from_ticket(service, supervisor, open_ticket, meeting_on=clock.now.date())
    solved = _solved_consultation(service, people, "另一个问题")
    assert Ticket.get_by_id(solved).state == State.RESOLVED.value
    with pytest.raises(ValidationError) as caught:
        knowledge.article_from_ticket(service, supervisor, solved, meeting_on=clock.now.date() + dt.timedelta(days=1))
    assert caught.value.field == "meeting_on"
    with pytest.raises(ValidationError) as caught:
        knowledge.article_from_ticket(service, supervisor, solved, meeting_on=clock.now.date(), answer=" ")
    assert caught.value.field == "answer"
    assert KbArticle.select().count() == 0


def test_the_desk_may_read_the_ticket_but_not_write_the_article(service, people, clock):
    ticket_id = _solved_consultation(service, people)
    with pytest.raises(PermissionDenied):
        knowledge.article_from_ticket(service, people["reception"], ticket_id, meeting_on=clock.now.date())


# ----- on PostgreSQL ---------------------------------------------------------------------------------------------




def test_the_knowledge_base_on_postgres(cluster, tmp_path, monkeypatch, clock):
    """The same writes, reads and version check on a shared PostgreSQL database, and the summary's figures."""
    from desk_app.models.db import close_database, is_postgres
    from desk_app.services.demo import create_organization
    from desk_app.services.desk import DeskService
    from desk_app.services.setup import init_database

    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    init_database(cluster.create_database("knowledge_pg"))
    try:
        assert is_postgres()
        service = DeskService(now=clock)
        people = create_organization()
        article_id = _article(service, people["supervisor"], tags="装修 手续")
        knowledge.update_article(service, people["supervisor"], article_id, "装修手续怎么办理？", "到物业服务中心登记。",
                                 "consultation", "装修", expected_version=1)
        with pytest.raises(ConflictError):
            knowledge.retire_article(service, people["supervisor"], article_id, expected_version=1)
        assert [h.id for h in knowledge.suggest("想问下装修要办什么", search_articles)] == [article_id]
        service.record_call(people["reception"], CallDraft(content="问装修", phone="13800000002"),
                            outcome=CallOutcome.SOLVED, kb_article_id=article_id)
        view = knowledge.article(article_id)
        assert (view.version, view.author, view.answered_calls, view.tags) == (2, "林主管", 1, "装修")
        ticket_id = _solved_consultation(service, people)
        made = knowledge.article_from_ticket(service, people["supervisor"], ticket_id, meeting_on=clock.now.date())
        assert knowledge.article(made).source_ticket_number.endswith("000001")
        day = clock.now.date()
        s = summarize(service.viewer(people["supervisor"]), Period(day, day), clock.now)
        assert s.ratios[Figure.KB_ANSWERED] == Ratio(1, 1)
    finally:
        close_database()
