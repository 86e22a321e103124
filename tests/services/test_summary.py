"""The supervisor summary's figures on a scenario whose every figure is known by hand.

Two weeks across the 2026 National Day holiday (Mon 2026-09-28 … Sun 2026-10-11), read on Mon 2026-10-12 09:00:

  A  10086 urgent complaint 09-28 09:00 (transfer 1 h, feedback 4 h): dispatched 09:30, replied 10:30 — on time;
     visited 09-29 09:00, satisfied.
  B  the same caller again at 11:00: a repeat within 4 h, so 申告; dispatched 12:30 (transfer late), replied 16:00
     (feedback late); visited 09-29 10:00, basically satisfied.
  C  consultation (3 working days from receipt) received 09-30 16:00; replied 10-08 10:00, on time only because
     the holiday does not count; visited 10-09 unsatisfied, so reopened: its resolution clock runs on from the
     original deadline and is now past it.
  D  emergency repair 10-05 20:00 (on site 20 min, repaired 8 h): on site late; paused 12 h waiting for a part, so
     repaired at 10-06 12:00 within the moved deadline; never return-visited.
  E  emergency repair 10-10 21:00, paused since 21:10: its clocks are undecided.
  F  repair sent to the wrong department, returned and re-dispatched to engineering.
  G / H / I  consultations at the period's edges: 10-11 23:59:59 (in), 10-12 00:00:00 and 09-27 23:59:59 (out);
     each must be answered (accepted) within a working day, and I never was.
  Calls: A's (a ticket), one answered on the spot, one answered on the spot from the knowledge base, one still
  open, and one after the period; two outgoing follow-up calls (one "solved") that are no contacts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.followups import CallDirection
from desk_app.core.kinds import CallOutcome, Channel, Satisfaction, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.queues import Queue
from desk_app.core.summary import Dimension, Figure, Granularity, Measure, Period, month_period
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import Clock, Ticket
from desk_app.services import knowledge, queries
from desk_app.services.summary import Drill, Ratio, summarize

PERIOD = Period(dt.date(2026, 9, 28), dt.date(2026, 10, 11))
NOW = dt.datetime(2026, 10, 12, 9, 0)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-{text}")


def draft(kind: TicketKind, n: int, **fields) -> TicketDraft:
    values = dict(kind=kind, description=f"情况说明{n}", phone=f"138000000{n:02d}", caller_name=f"客户{n}",
                  address=f"幸福小区{n}栋", area="城南片区")
    values.update(fields)
    return TicketDraft(**values)


@pytest.fixture
def scenario(service, people, clock):
    desk, audit = people["reception"], people["audit"]
    network, assist, engineering, security = (people[c] for c in ("network", "assist", "engineering", "security"))
    ids: dict[str, int] = {}

    def when(text: str) -> None:
        clock.now = at(text)

    def replied(ticket_id: int, handler, leader, times: list[str]) -> None:
        """resolve → leader → audit center → reply, at the given times."""
        when(times[0]); service.resolve(handler, ticket_id, "已处理")  # noqa: E702
        when(times[1]); service.approve(leader, ticket_id)  # noqa: E702
        when(times[2]); service.approve(audit, ticket_id)  # noqa: E702
        when(times[3]); service.reply(desk, ticket_id, "已答复客户")  # noqa: E702

    # A and B: 10086 complaints of one caller.
    when("09-28 08:55")
    call = service.record_call(desk, CallDraft(content="信号差", phone="13800000001", caller_name="客户1"))
    when("09-28 09:00")
    complaint = dict(channel=Channel.HOTLINE_10086, severity=Severity.URGENT, area="城北片区", station="维护站点",
                     phone="13800000001", address="幸福小区1栋")
    ids["A"] = service.create_ticket(desk, draft(TicketKind.COMPLAINT, 1, **complaint), call_id=call)
    when("09-28 09:30"); service.dispatch(desk, ids["A"], network.department_id)  # noqa: E702
    when("09-28 09:40"); service.accept(network, ids["A"])  # noqa: E702
    replied(ids["A"], network, people["network.lead"], ["09-28 10:00", "09-28 10:10", "09-28 10:20", "09-28 10:30"])
    when("09-28 11:00")
    ids["B"] = service.create_ticket(desk, draft(TicketKind.COMPLAINT, 2, **complaint))
    when("09-28 12:30"); service.dispatch(desk, ids["B"], network.department_id)  # noqa: E702
    when("09-28 12:40"); service.accept(network, ids["B"])  # noqa: E702
    replied(ids["B"], network, people["network.lead"], ["09-28 14:00", "09-28 14:10", "09-28 14:20", "09-28 16:00"])
    when("09-29 09:00"); service.return_visit(desk, ids["A"], Satisfaction.SATISFIED)  # noqa: E702
    when("09-29 10:00"); service.return_visit(desk, ids["B"], Satisfaction.BASICALLY)  # noqa: E702
    when("09-29 10:00")
    solved = service.record_call(desk, CallDraft(content="询问停水时间", phone="13900000009"))
    service.solve_call(desk, solved, "已告知")
    article = knowledge.create_article(service, people["supervisor"], "停水什么时候恢复？", "按物业通知，当日18点前恢复。")
    service.record_call(desk, CallDraft(content="又问停水", phone="13900000011"), outcome=CallOutcome.SOLVED,
                        kb_article_id=article)
    service.record_call(desk, CallDraft(content="回访：已修好", phone="13800000001"), outcome=CallOutcome.SOLVED,
                        direction=CallDirection.OUT)
    service.record_call(desk, CallDraft(content="跟踪：投诉处理情况", phone="13800000002"), direction=CallDirection.OUT)

    # C: consultation across the holiday, reopened.
    when("09-30 15:00")
    ids["C"] = service.create_ticket(desk, draft(TicketKind.CONSULTATION, 3))
    when("09-30 16:00"); service.dispatch(desk, ids["C"], assist.department_id)  # noqa: E702
    when("09-30 16:10"); service.accept(assist, ids["C"])  # noqa: E702
    replied(ids["C"], assist, people["assist.lead"], ["10-08 09:00", "10-08 09:20", "10-08 09:40", "10-08 10:00"])
    when("10-09 09:00"); service.return_visit(desk, ids["C"], Satisfaction.UNSATISFIED, "仍有疑问")  # noqa: E702

    # D: emergency repair in the holiday, paused for a part.
    when("10-05 20:00")
    ids["D"] = service.create_ticket(desk, draft(TicketKind.REPAIR, 4, variant=Variant.EMERGENCY, area="城北片区"))
    when("10-05 20:05"); service.dispatch(desk, ids["D"], engineering.department_id)  # noqa: E702
    when("10-05 20:06"); service.accept(engineering, ids["D"])  # noqa: E702
    when("10-05 20:30"); service.start(engineering, ids["D"])  # noqa: E702
    when("10-05 20:40"); service.block(engineering, ids["D"], "等待配件")  # noqa: E702
    when("10-06 08:40"); service.unblock(engineering, ids["D"])  # noqa: E702
    when("10-06 12:00"); service.resolve(engineering, ids["D"], "更换阀门")  # noqa: E702

    # E: emergency repair paused since 21:10.
    when("10-10 21:00")
    ids["E"] = service.create_ticket(desk, draft(TicketKind.REPAIR, 5, variant=Variant.EMERGENCY))
    when("10-10 21:05"); service.dispatch(desk, ids["E"], engineering.department_id)  # noqa: E702
    when("10-10 21:06"); service.accept(engineering, ids["E"])  # noqa: E702
    when("10-10 21:10"); service.block(engineering, ids["E"], "业主不在家")  # noqa: E702

    # F: re-dispatched.
    when("10-09 09:00")
    ids["F"] = service.create_ticket(desk, draft(TicketKind.REPAIR, 6))
    when("10-09 09:10"); service.dispatch(desk, ids["F"], security.department_id)  # noqa: E702
    when("10-09 10:00"); service.return_ticket(security, ids["F"], "不属于本部门")  # noqa: E702
    when("10-09 10:30"); service.dispatch(desk, ids["F"], engineering.department_id)  # noqa: E702
    when("10-09 11:00"); service.accept(engineering, ids["F"])  # noqa: E702

    # G, H, I on the edges; two more calls.
    for name, n, time in (("G", 7, "10-11 23:59:59"), ("H", 8, "10-12 00:00:00"), ("I", 9, "09-27 23:59:59")):
        when(time)
        ids[name] = service.create_ticket(desk, draft(TicketKind.CONSULTATION, n))
    when("10-11 23:00")
    service.record_call(desk, CallDraft(content="来访询问装修手续", channel=Channel.VISIT))
    when("10-12 00:30")
    service.record_call(desk, CallDraft(content="询问物业费", phone="13900000010"))
    clock.now = NOW
    return ids


def test_the_scenario_is_what_the_docstring_says(scenario):
    """Guards the hand-known figures below: the deadlines the scenario relies on."""
    def clock(name: str, kind: str) -> Clock:
        return Clock.get((Clock.ticket == scenario[name]) & (Clock.kind == kind))

    # 第九条 "咨询类工单解决时限为三个工作日": from receipt on 09-30, the holiday (10-01 … 10-07) does not count.
    c_resolve = clock("C", "resolve")
    assert at("10-08 10:00") < c_resolve.deadline < NOW
    assert c_resolve.stopped_at is None                              # reopened: runs on
    assert clock("C", "visit").stopped_at == at("10-09 09:00") <= clock("C", "visit").deadline
    # 急修 "20分钟到达现场,8小时修复": 8 h from 20:00 plus the 12 paused hours.
    assert clock("D", "resolve").deadline == at("10-06 16:00")
    assert clock("D", "visit").deadline == at("10-07 16:00") and clock("D", "visit").stopped_at is None
    assert clock("E", "resolve").deadline is None and clock("E", "arrive").deadline is None   # paused
    assert Ticket.get_by_id(scenario["B"]).complaint_level == "formal"
    assert Ticket.get_by_id(scenario["F"]).department.name == "工程部"


def test_counts_by_hand(service, people, scenario):
    s = summarize(service.viewer(people["supervisor"]), PERIOD, NOW)
    # A's call, the one solved, the one answered from the knowledge base, the visit of 10-11 (not the two outgoing)
    assert s.counts[Figure.CALLS_IN] == 4
    assert s.calls_by_channel == {"phone": 3, "visit": 1}
    assert s.counts[Figure.TICKETS_IN] == 7                      # A–G; H and I fall outside by a second
    assert s.tickets_by_channel == {"10086": 2, "phone": 5}
    assert s.counts[Figure.CLOSED] == 4                          # A, B, C (its latest solution), D
    assert s.counts[Figure.OPEN_NOW] == 7                        # C D E F G H I
    # C past its resolution deadline, D past its return-visit deadline, I past its response deadline; E is paused.
    assert s.counts[Figure.OVERDUE_NOW] == 3
    assert s.counts[Figure.FORMAL_COMPLAINTS] == 1               # B
    assert s.hot_areas == [("城北片区", 2)] and s.hot_stations == [("维护站点", 2)]


def test_rates_by_hand(service, people, scenario):
    s = summarize(service.viewer(people["supervisor"]), PERIOD, NOW)
    assert s.ratios[Figure.ON_TIME_TRANSFER] == Ratio(1, 2)      # A on time, B late
    # Response (accept within a working day): C and F on time; I, received the evening before the period, is due
    # on its first day and still waits; G's and H's are due after it.
    assert s.ratios[Figure.ON_TIME_RESPOND] == Ratio(2, 3)
    assert s.ratios[Figure.ON_TIME_FEEDBACK] == Ratio(1, 2)      # A on time, B late
    assert s.ratios[Figure.ON_TIME_ARRIVE] == Ratio(0, 1)        # D late; E paused, undecided
    assert s.ratios[Figure.ON_TIME_VISIT] == Ratio(3, 4)         # A B C on time, D past its deadline
    assert s.ratios[Figure.VISIT_COVERAGE] == Ratio(3, 4)        # A B C visited, D not
    assert s.ratios[Figure.SATISFACTION] == Ratio(2, 3)          # satisfied, basically, unsatisfied
    assert s.satisfaction == {"satisfied": 1, "basically": 1, "unsatisfied": 1}
    assert s.ratios[Figure.FIRST_CONTACT] == Ratio(2, 4)
    assert s.ratios[Figure.KB_ANSWERED] == Ratio(1, 2)           # of the two solved on the spot
    resolve = s.ratios[Figure.ON_TIME_RESOLVE]
    # C (reopened, past its deadline) late, D on time thanks to the pause; F's deadline is after the period.
    assert Clock.get((Clock.ticket == scenario["F"]) & (Clock.kind == "resolve")).deadline >= PERIOD.until
    assert resolve == Ratio(1, 2)


def test_breakdown_by_department_counts_a_redispatched_ticket_where_it_is_now(service, people, scenario):
    s = summarize(service.viewer(people["supervisor"]), PERIOD, NOW)
    rows = {r.name: r for r in s.breakdowns[Dimension.DEPARTMENT]}
    engineering = rows["工程部"].values
    assert (engineering[Measure.TICKETS_IN], engineering[Measure.CLOSED], engineering[Measure.OPEN_NOW]) == (3, 1, 3)
    assert rows["工程部"].resolve_rate == Ratio(1, 1)                # D
    assert rows["客服助理"].resolve_rate == Ratio(0, 1)              # C
    assert rows["网络维护站"].values[Measure.TICKETS_IN] == 2 and rows["网络维护站"].values[Measure.OPEN_NOW] == 0
    assert "安全部" not in rows                                      # F left it
    undispatched = s.breakdowns[Dimension.DEPARTMENT][-1]
    assert undispatched.key is None and undispatched.values[Measure.OPEN_NOW] == 3   # G H I


def test_trend_by_day_and_by_week(service, people, scenario):
    viewer = service.viewer(people["supervisor"])
    trend = summarize(viewer, PERIOD, NOW).trend
    assert trend.granularity == Granularity.DAY and len(trend.points) == 14
    new = dict(zip(trend.points, trend.new))
    assert new[dt.date(2026, 9, 28)] == 2 and new[dt.date(2026, 10, 11)] == 1 and sum(trend.new) == 7
    assert sum(trend.closed) == 4 and sum(trend.overdue) == 2        # B's feedback, C's resolution
    weekly = summarize(viewer, PERIOD, NOW, granularity=Granularity.WEEK).trend
    assert weekly.points == [dt.date(2026, 9, 28), dt.date(2026, 10, 5)]
    assert weekly.new == [3, 4] and weekly.closed == [2, 2]


def test_every_figure_drills_down_to_the_tickets_behind_it(service, people, scenario):
    viewer = service.viewer(people["supervisor"])
    s = summarize(viewer, PERIOD, NOW)

    def behind(figure: Figure, **extra) -> set[str]:
        flt = queries.QueueFilter(Queue.ALL, NOW, viewer=viewer, drill=Drill(figure, PERIOD, NOW, **extra))
        rows = queries.queue_page(flt, offset=0, limit=100)
        assert queries.count_queue(flt) == len(rows)
        names = {v: k for k, v in scenario.items()}
        return {names[r.id] for r in rows}

    assert behind(Figure.TICKETS_IN) == set("ABCDEFG")
    assert len(behind(Figure.TICKETS_IN)) == s.counts[Figure.TICKETS_IN]
    assert behind(Figure.CLOSED) == set("ABCD")
    assert behind(Figure.OPEN_NOW) == set("CDEFGHI")
    assert behind(Figure.FORMAL_COMPLAINTS) == {"B"}
    assert behind(Figure.CALLS_IN) == {"A"}                            # the tickets made from the period's calls
    assert behind(Figure.ON_TIME_FEEDBACK) == {"A", "B"}
    assert behind(Figure.ON_TIME_FEEDBACK, missed=True) == {"B"}
    assert behind(Figure.ON_TIME_RESOLVE, missed=True) == {"C"}
    assert behind(Figure.VISIT_COVERAGE, missed=True) == {"D"}
    assert behind(Figure.SATISFACTION, missed=True) == {"C"}
    assert behind(Figure.SATISFACTION, satisfaction="basically") == {"B"}
    assert behind(Figure.TICKETS_IN, dimension=Dimension.DEPARTMENT,
                  key=str(people["engineering"].department_id)) == set("DEF")
    assert behind(Figure.TICKETS_IN, dimension=Dimension.AREA, key="城北片区", kind="complaint") == {"A", "B"}
    overdue = behind(Figure.OVERDUE_NOW)
    assert overdue == {"C", "D", "I"}
    assert queries.count_queue(queries.QueueFilter(Queue.OVERDUE, NOW, viewer=viewer)) == len(overdue)


def test_a_department_leader_sees_his_department_and_not_the_register(service, people, scenario):
    s = summarize(service.viewer(people["engineering.lead"]), PERIOD, NOW)
    assert s.counts[Figure.TICKETS_IN] == 3 and s.counts[Figure.CLOSED] == 1
    assert not s.register_visible and Figure.CALLS_IN not in s.counts
    assert [r.name for r in s.breakdowns[Dimension.DEPARTMENT]] == ["工程部"]


def test_the_center_leader_and_office_read_it_and_the_desk_may_not(service, people, scenario):
    for reader in ("center", "office"):
        assert summarize(service.viewer(people[reader]), PERIOD, NOW).counts[Figure.TICKETS_IN] == 7
    with pytest.raises(PermissionDenied):
        summarize(service.viewer(people["reception"]), PERIOD, NOW)


def test_an_empty_period_has_no_rates_rather_than_zero_percent(service, people, scenario):
    s = summarize(service.viewer(people["supervisor"]), Period(dt.date(2025, 1, 1), dt.date(2025, 1, 31)), NOW)
    assert s.counts[Figure.TICKETS_IN] == 0
    assert s.ratios[Figure.ON_TIME_RESOLVE].value is None


def test_bad_periods_get_a_clear_message():
    with pytest.raises(ValidationError, match="YYYY-MM"):
        month_period("2026-13")
    with pytest.raises(ValidationError, match="ends before"):
        Period(dt.date(2026, 10, 2), dt.date(2026, 10, 1))
    assert month_period("2026-02") == Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28))
