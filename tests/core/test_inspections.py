"""The inspections' rules as the seed gives them: the weekly checklist word for word, the schedule (patrol daily, weekly
twice with the first on Monday 10:30, monthly once) and who follows a finding up how."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from desk_app.core.inspections import (
    PROPOSED_DEADLINE,
    WEEKLY_CHECKLIST,
    WEEKLY_SECTIONS,
    Done,
    DueStatus,
    InspectionKind,
    Notice,
    Period,
    Responsibility,
    checklist_for,
    checklist_item,
    due_inspections,
    follow_up_rule,
    missing_items,
    notice_number,
    proposed_deadline,
    rectification_overdue,
)
from desk_app.core.kinds import TicketKind
from desk_app.core.labels import chinese

SEED = Path("/work/shared/seeds/000_2e209a1af0f899b0.txt")

# The seed, 物业监管(周检、月检), as it is written (its numbering has (5) twice in 1.1 and skips (2) in 1.2):
SEED_WEEKLY = (
    "1.每周一上午10点30开始每周第一次周检,检查内容 包括: 1.1公共区域保洁、绿化 (1)公共区域内是否有明显垃圾。 "
    "(2)垃圾箱是否保持外观干净、清洁。 (3)公共绿化是否及时修剪。 (4)绿地是否采取防踩踏措施。 "
    "(5)是否及时浇灌、采取防虫等措施。 (5)有无违反保洁、绿化养护标准的其他问题。 "
    "1.2公共秩序维护(照明系统门禁系统、停车系统)(1)公共区域内的公共设施有无损坏。 (3)抽查单元门禁功能是否正常。 "
    "(4)保安人员是否在岗且符合人数要求。 (5)有无违反公共秩序管理的其他问题 1.3消防中控室及安防管理 "
    "(1)消防人员资质符合上岗要求。 (2)中控主机是否有消防报警及故障点。 (3)安防摄像是否能按标准正常工作。"
)
# And 巡视、检查工作: "2.每天至少巡视一次园区 … 3.每周两次周检 … 每月一次月检".
SEED_ROUTINE = ("2.每天至少巡视一次园区,发现问题及时拍照记录, 2.1物业责任,口头或微信通知物业,情节严重发送 《工作联系单》或"
                "《整改通知单》规定完成整改期限; 2.2新元责任,向修缮队伍发送《派工单(三联单)》, 情节严重,上报项目经理处理。")

MONDAY = dt.date(2026, 11, 16)   # a Monday


def at(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def texts(items) -> list[str]:
    return [item.chinese for item in items]


# ----- the checklist ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not beside this checkout")
def test_the_quoted_seed_lines_are_the_seeds_own():
    seed = SEED.read_text(encoding="utf-8")
    assert SEED_WEEKLY in seed
    assert SEED_ROUTINE in seed


def test_the_weekly_checklist_is_the_seeds_items_word_for_word_and_in_order():
    items = [re.sub(r"[。\s]+$", "", text) for text in re.findall(r"\(\d\)([^()]+?)(?=\s*(?:\(\d\)|1\.\d|$))",
                                                                      SEED_WEEKLY)]
    assert [item.chinese for item in WEEKLY_CHECKLIST] == items
    assert len(WEEKLY_CHECKLIST) == 13


def test_the_checklist_has_three_sections_of_six_four_and_three_items_counted_from_one():
    assert [(s.code, s.chinese) for s in WEEKLY_SECTIONS] == [
        ("1.1", "公共区域保洁、绿化"), ("1.2", "公共秩序维护（照明系统、门禁系统、停车系统）"), ("1.3", "消防中控室及安防管理")]
    for section, count in (("1.1", 6), ("1.2", 4), ("1.3", 3)):
        numbers = [item.number for item in WEEKLY_CHECKLIST if item.section == section]
        assert numbers == list(range(1, count + 1))
    # The seed's headings, punctuation aside.
    for section in WEEKLY_SECTIONS:
        assert re.sub(r"[（）()、]", "", section.chinese) in re.sub(r"[（）()、]", "", SEED_WEEKLY)


def test_checklist_items_have_codes_printed_numbers_and_an_english_wording():
    item = checklist_item("1.2.2")
    assert item is not None and item.chinese == "抽查单元门禁功能是否正常"
    assert item.printed == "1.2(2)" and item.code == "1.2.2"
    assert checklist_item("1.1.7") is None and checklist_item("9") is None
    assert len({i.code for i in WEEKLY_CHECKLIST}) == len({i.english for i in WEEKLY_CHECKLIST}) == 13


def test_weekly_and_monthly_checks_go_through_the_checklist_a_patrol_records_what_it_finds():
    assert checklist_for(InspectionKind.WEEKLY) == WEEKLY_CHECKLIST
    assert checklist_for(InspectionKind.MONTHLY) == WEEKLY_CHECKLIST
    assert checklist_for(InspectionKind.PATROL) == ()
    assert [i.code for i in missing_items(InspectionKind.WEEKLY, ["1.1.1", "1.1.2"])][:2] == ["1.1.3", "1.1.4"]
    assert missing_items(InspectionKind.WEEKLY, [i.code for i in WEEKLY_CHECKLIST]) == []
    assert missing_items(InspectionKind.PATROL, []) == []


def test_names_are_the_seeds_terms():
    assert [chinese(k) for k in InspectionKind] == ["巡视", "周检", "月检"]
    assert [chinese(r) for r in Responsibility] == ["物业责任", "新元责任", "安全隐患"]
    assert chinese(Notice.CONTACT_SHEET) == "工作联系单" and chinese(Notice.RECTIFICATION_NOTICE) == "整改通知单"
    assert chinese(Notice.ORAL) == "口头或微信通知"


# ----- the schedule ----------------------------------------------------------------------------------------------


def test_nothing_done_on_a_monday_morning():
    due = due_inspections([], at(MONDAY, 9))
    assert texts(due) == ["昨日巡视未做", "上周第1次周检未做", "上周第2次周检未做", "上月月检未做",
                          "今日巡视未做", "本月月检未做",
                          "本周第1次周检待做（11月16日10:30起）", "本周第2次周检待做（11月17日00:00起）"]
    assert [d.status for d in due[:4]] == [DueStatus.OVERDUE] * 4
    assert [d.status for d in due[4:6]] == [DueStatus.DUE] * 2
    assert [d.status for d in due[6:]] == [DueStatus.UPCOMING] * 2


def test_the_first_weekly_check_is_due_on_monday_from_10_30_until_the_day_ends():
    def first(now: dt.datetime):
        return next(d for d in due_inspections([], now, since=MONDAY)
                    if d.kind == InspectionKind.WEEKLY and d.sequence == 1)

    assert first(at(MONDAY, 10, 29)).status == DueStatus.UPCOMING
    item = first(at(MONDAY, 10, 30))
    assert item.status == DueStatus.DUE and item.starts_at == at(MONDAY, 10, 30)
    assert item.deadline == at(MONDAY + dt.timedelta(days=1)) and item.chinese == "本周第1次周检未做"
    late = first(at(MONDAY + dt.timedelta(days=1), 9))
    assert late.status == DueStatus.OVERDUE and late.chinese == "本周第1次周检未做"


def test_one_weekly_check_done_leaves_the_second_due_until_the_week_ends():
    done = [Done(InspectionKind.WEEKLY, at(MONDAY, 10, 30))]
    wednesday = at(MONDAY + dt.timedelta(days=2), 15)
    weekly = [d for d in due_inspections(done, wednesday, since=MONDAY) if d.kind == InspectionKind.WEEKLY]
    assert texts(weekly) == ["本周第2次周检未做"]
    assert weekly[0].status == DueStatus.DUE and weekly[0].period == Period.CURRENT
    assert weekly[0].deadline == at(MONDAY + dt.timedelta(days=7))
    done.append(Done(InspectionKind.WEEKLY, wednesday))
    assert [d for d in due_inspections(done, wednesday, since=MONDAY) if d.kind == InspectionKind.WEEKLY] == []


def test_a_late_first_check_still_counts_and_a_missed_second_shows_next_week_as_last_weeks():
    done = [Done(InspectionKind.WEEKLY, at(MONDAY + dt.timedelta(days=1), 14))]   # Tuesday: late, but done
    next_monday = MONDAY + dt.timedelta(days=7)
    weekly = [d for d in due_inspections(done, at(next_monday, 8), since=MONDAY) if d.kind == InspectionKind.WEEKLY]
    assert texts(weekly) == ["上周第2次周检未做", "本周第1次周检待做（11月23日10:30起）",
                             "本周第2次周检待做（11月24日00:00起）"]
    assert weekly[0].status == DueStatus.OVERDUE and weekly[0].period == Period.PREVIOUS


def test_the_patrol_is_due_every_day_and_missed_once_the_day_is_over():
    tuesday = MONDAY + dt.timedelta(days=1)
    done = [Done(InspectionKind.PATROL, at(MONDAY, 16))]
    patrols = [d for d in due_inspections(done, at(tuesday, 7), since=MONDAY) if d.kind == InspectionKind.PATROL]
    assert texts(patrols) == ["今日巡视未做"] and patrols[0].deadline == at(tuesday + dt.timedelta(days=1))
    done.append(Done(InspectionKind.PATROL, at(tuesday, 9)))
    assert [d for d in due_inspections(done, at(tuesday, 20), since=MONDAY) if d.kind == InspectionKind.PATROL] == []
    wednesday = tuesday + dt.timedelta(days=1)
    patrols = [d for d in due_inspections([], at(wednesday, 7), since=MONDAY) if d.kind == InspectionKind.PATROL]
    assert texts(patrols) == ["昨日巡视未做", "今日巡视未做"]
    assert [p.status for p in patrols] == [DueStatus.OVERDUE, DueStatus.DUE]


def test_the_monthly_check_once_a_month():
    nov = dt.date(2026, 11, 30)
    done = [Done(InspectionKind.MONTHLY, at(dt.date(2026, 10, 20), 10))]
    monthly = [d for d in due_inspections(done, at(nov, 10)) if d.kind == InspectionKind.MONTHLY]
    assert texts(monthly) == ["本月月检未做"] and monthly[0].deadline == at(dt.date(2026, 12, 1))
    december = [d for d in due_inspections(done, at(dt.date(2026, 12, 1), 9)) if d.kind == InspectionKind.MONTHLY]
    assert texts(december) == ["上月月检未做", "本月月检未做"]
    done.append(Done(InspectionKind.MONTHLY, at(nov, 9)))
    assert [d for d in due_inspections(done, at(nov, 10)) if d.kind == InspectionKind.MONTHLY] == []
    january = [d for d in due_inspections([], at(dt.date(2027, 1, 5), 9)) if d.kind == InspectionKind.MONTHLY]
    assert [(d.starts_at, d.deadline) for d in january] == [
        (at(dt.date(2026, 12, 1)), at(dt.date(2027, 1, 1))), (at(dt.date(2027, 1, 1)), at(dt.date(2027, 2, 1)))]


def test_a_desk_that_began_keeping_inspections_is_not_asked_for_what_ended_before():
    wednesday = MONDAY + dt.timedelta(days=2)
    due = due_inspections([], at(wednesday, 9), since=wednesday)
    assert texts(due) == ["今日巡视未做", "本周第2次周检未做", "本月月检未做"]


def test_everything_kept_nothing_is_due():
    tuesday = MONDAY + dt.timedelta(days=1)
    done = [Done(InspectionKind.PATROL, at(MONDAY, 9)), Done(InspectionKind.PATROL, at(tuesday, 9)),
            Done(InspectionKind.WEEKLY, at(MONDAY, 10, 30)), Done(InspectionKind.WEEKLY, at(tuesday, 10)),
            Done(InspectionKind.MONTHLY, at(dt.date(2026, 11, 3), 10))]
    assert due_inspections(done, at(tuesday, 18), since=MONDAY) == []


# ----- follow-up ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "responsibility", "serious", "notices", "ticket", "urgent", "manager"), [
    # 2.1 物业责任: 口头或微信通知物业，情节严重发送《工作联系单》或《整改通知单》
    (InspectionKind.PATROL, Responsibility.PROPERTY, False, (Notice.ORAL,), None, False, False),
    (InspectionKind.PATROL, Responsibility.PROPERTY, True, (Notice.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE), None,
     False, False),
    # 2.2 新元责任: 向修缮队伍发送《派工单(三联单)》，情节严重，上报项目经理处理
    (InspectionKind.PATROL, Responsibility.OWN, False, (Notice.NONE,), TicketKind.REPAIR, False, False),
    (InspectionKind.PATROL, Responsibility.OWN, True, (Notice.NONE,), TicketKind.REPAIR, False, True),
    # 2.3 安全隐患: at once
    (InspectionKind.PATROL, Responsibility.SAFETY, False, (Notice.NONE,), TicketKind.INSPECTION, True, True),
    # 3. 周检: 根据检查问题，发放《工作联系单》
    (InspectionKind.WEEKLY, Responsibility.PROPERTY, False, (Notice.CONTACT_SHEET,), None, False, False),
    (InspectionKind.WEEKLY, Responsibility.PROPERTY, True, (Notice.CONTACT_SHEET, Notice.RECTIFICATION_NOTICE), None,
     False, False),
    (InspectionKind.MONTHLY, Responsibility.PROPERTY, False, (Notice.CONTACT_SHEET,), None, False, False),
    (InspectionKind.WEEKLY, Responsibility.SAFETY, True, (Notice.NONE,), TicketKind.INSPECTION, True, True),
])
def test_who_is_responsible_decides_what_follows(kind, responsibility, serious, notices, ticket, urgent, manager):
    rule = follow_up_rule(kind, responsibility, serious)
    assert rule.notices == notices
    assert rule.ticket_kind == ticket and rule.urgent == urgent and rule.report_to_manager == manager


def test_deadlines_numbered_notices_and_tickets_have_one_an_oral_notice_has_none():
    found = dt.datetime(2026, 11, 17, 9, 12, 40)
    oral = follow_up_rule(InspectionKind.PATROL, Responsibility.PROPERTY, False)
    assert not oral.needs_deadline(Notice.ORAL)
    assert proposed_deadline(oral, Responsibility.PROPERTY, Notice.ORAL, found) is None
    sheet = follow_up_rule(InspectionKind.WEEKLY, Responsibility.PROPERTY, True)
    assert proposed_deadline(sheet, Responsibility.PROPERTY, Notice.CONTACT_SHEET, found) == dt.datetime(
        2026, 11, 24, 9, 12)
    assert proposed_deadline(sheet, Responsibility.PROPERTY, Notice.RECTIFICATION_NOTICE, found) == dt.datetime(
        2026, 11, 20, 9, 12)
    safety = follow_up_rule(InspectionKind.PATROL, Responsibility.SAFETY, False)
    assert proposed_deadline(safety, Responsibility.SAFETY, Notice.NONE, found) == dt.datetime(2026, 11, 17, 11, 12)
    assert PROPOSED_DEADLINE[Responsibility.SAFETY] < PROPOSED_DEADLINE[Responsibility.OWN]
    assert sheet.allows(Notice.RECTIFICATION_NOTICE) and not oral.allows(Notice.CONTACT_SHEET)


def test_notice_numbers_and_overdue_rectifications():
    assert notice_number(2026, 1) == "2026-0001" and notice_number(2027, 123) == "2027-0123"
    deadline = dt.datetime(2026, 11, 20, 9)
    assert not rectification_overdue(deadline, None, deadline)
    assert rectification_overdue(deadline, None, deadline + dt.timedelta(minutes=1))
    assert not rectification_overdue(deadline, deadline, deadline + dt.timedelta(days=1))
    assert not rectification_overdue(None, None, deadline)
