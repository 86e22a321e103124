"""The demo's follow-up calls (定期电话访问跟踪): the complaints and repairs its return visits closed planned theirs
(services.follow_up_plans, through the desk); here about half of those already due are called on their day (an
outgoing line of the register each), and a few customers get a call planned by hand, due today or a little overdue,
so the list is not empty on first start."""

from __future__ import annotations

import datetime as dt
import random

from desk_app.core.errors import DeskError
from desk_app.core.followups import FollowUpState
from desk_app.models.schema import Customer, CustomerNumber, FollowUp
from desk_app.services import followups
from desk_app.services.desk import Actor, DeskService

ANSWERS = [
    "客户表示问题已解决，使用正常，感谢回访",
    "维修后未再出现漏水，客户满意",
    "客户对处理结果满意，提醒注意冬季防冻",
    "客户反映情况好转，希望继续关注",
    "已电话回访，客户无其他诉求",
]
NOTES = ["", "", "客户留了新的联系时间：工作日晚上", "提醒客户物业费缴纳时间"]
PERIODIC_NOTES = ["定期维护客户关系", "独居老人，定期电话问候", "VIP业主季度回访", "上次投诉后的定期关怀"]


def make_follow_ups(service: DeskService, rng: random.Random, clock: list[dt.datetime], end: dt.datetime,
                    desk: list[Actor]) -> int:
    """Do about half of the follow-up calls due before today, each on its day, and plan a few by hand (due today
    and overdue). Returns how many were done."""
    if not desk:
        return 0
    today = end.date()
    done = 0
    due = list(FollowUp.select(FollowUp.id, FollowUp.due_on).where(
        (FollowUp.state == FollowUpState.PLANNED.value) & (FollowUp.due_on < today)).order_by(FollowUp.due_on,
                                                                                               FollowUp.id))
    for plan in due:
        if rng.random() < 0.5:
            continue
        at = dt.datetime.combine(plan.due_on, dt.time(rng.randint(9, 16), rng.randint(0, 59)))
        if at >= end:
            continue
        clock[0] = at
        try:
            followups.do_follow_up(service, rng.choice(desk), plan.id, content=rng.choice(ANSWERS),
                                   note=rng.choice(NOTES), next_in_days=90 if rng.random() < 0.2 else None)
            done += 1
        except DeskError:
            continue     # a register day signed meanwhile: the call stays due
    customers = list(Customer.select(Customer.id).join(CustomerNumber, on=(CustomerNumber.customer == Customer.id))
                     .where(Customer.merged_into.is_null()).distinct().order_by(Customer.id).limit(200))
    for index, customer in enumerate(rng.sample(customers, min(6, len(customers)))):
        clock[0] = end - dt.timedelta(days=rng.randint(20, 40))
        due_on = today if index < 3 else today - dt.timedelta(days=rng.randint(1, 5))
        try:
            followups.plan_follow_up(service, rng.choice(desk), customer_id=customer.id, due_on=due_on,
                                     note=rng.choice(PERIODIC_NOTES))
        except DeskError:
            continue
    clock[0] = end
    return done
