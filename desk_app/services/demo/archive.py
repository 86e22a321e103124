"""The demo's customer archives as a 客服管家 keeps them (butler procedure 4.1.1): occupation, birth year, interests,
pets, festivals, needs, a household for about half, a second number or address for about one in ten, and a few
deliberate duplicates (the same person archived a second time at a walk-in) for the merge screen."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from desk_app.models.schema import Customer, CustomerMember
from desk_app.services.customer_store import AddressLine, NumberLine, insert_customer, refresh_search_keys
from desk_app.services.demo.common import GIVEN, SURNAMES, mobile_number

OCCUPATIONS = ["教师", "医生", "护士", "工程师", "公务员", "会计", "销售", "个体经营", "程序员",
               "司机", "厨师", "律师", "自由职业", "企业管理", "工人", "家庭主妇"]
INTERESTS = ["太极拳", "广场舞", "钓鱼", "书法", "摄影", "园艺", "象棋", "旅游", "烹饪", "跑步", "羽毛球", "读书", "唱歌",
             "编织", "养花"]
SPECIALTIES = ["", "", "", "二胡", "绘画", "维修家电", "中医推拿", "英语", "剪纸"]
PETS = ["", "", "", "一只猫", "一只狗", "两只猫", "金鱼", "鹦鹉", "一只泰迪犬"]
FESTIVALS = ["春节", "元宵节", "端午节", "中秋节", "重阳节", "母亲节", "儿童节", "国庆节"]
NEEDS = ["上门维修前请先电话联系", "老人独居，定期探访", "代收快递", "送水上门", "家政保洁", "车位续租提醒", "宠物寄养信息",
         "装修咨询", "缴费短信提醒", "下午三点后方便上门", "需要无障碍通道", "孩子放学接送信息"]
RELATIONS = [("配偶", -3, 3), ("儿子", 22, 35), ("女儿", 22, 35), ("父亲", -32, -22), ("母亲", -30, -20)]
# A landline's area code in the demo (Beijing): some households keep a home line.
DEMO_AREA_CODE = "10"


def _some(rng: random.Random, items: list[str], most: int) -> str:
    return "、".join(rng.sample(items, rng.randint(1, most)))


def butler_fields(rng: random.Random, year: int) -> dict[str, object]:
    """The butler procedure's columns of one customer, filled plausibly (a few left empty, as in life)."""
    birth_year = int(rng.triangular(1938, 2003, 1978)) if rng.random() < 0.85 else None
    retired = birth_year is not None and year - birth_year >= 60
    occupation = "退休" if retired and rng.random() < 0.8 else rng.choice(OCCUPATIONS)
    return {
        "birth_year": birth_year,
        "occupation": occupation if rng.random() < 0.9 else "",
        "household_size": rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5]),
        "interests": _some(rng, INTERESTS, 2) if rng.random() < 0.7 else "",
        "specialties": rng.choice(SPECIALTIES),
        "pets": rng.choice(PETS),
        "festivals": _some(rng, FESTIVALS, 3) if rng.random() < 0.6 else "",
        "needs": "；".join(rng.sample(NEEDS, rng.randint(1, 2))) if rng.random() < 0.6 else "",
    }


def _household(rng: random.Random, customer_id: int, name: str, fields: dict[str, object]) -> None:
    """Household members (家庭成员) for about half the customers."""
    if rng.random() >= 0.5:
        return
    born = fields["birth_year"] or 1975
    rows = []
    for position, (relation, low, high) in enumerate(rng.sample(RELATIONS, rng.randint(1, 2))):
        birth = int(born) + rng.randint(low, high)   # type: ignore[arg-type]
        if birth > dt.date.today().year:
            continue
        family = name[0] if relation in ("儿子", "女儿", "父亲") else rng.choice(SURNAMES)
        age = dt.date.today().year - birth
        rows.append({"customer": customer_id, "name": family + rng.choice(GIVEN), "relation": relation,
                     "birth_year": birth,
                     "occupation": "学生" if age < 22 else ("退休" if age >= 60 else rng.choice(OCCUPATIONS)),
                     "interests": rng.choice(INTERESTS) if rng.random() < 0.5 else "", "position": position})
    if rows:
        CustomerMember.insert_many(rows).execute()
    Customer.update(household_size=max(int(fields["household_size"] or 1), len(rows) + 1)).where(  # type: ignore
        Customer.id == customer_id).execute()


def detail_rng(seed: object) -> random.Random:
    """The random source of the archives' details, apart from the demo's own: filling them in draws nothing from
    the demo's sequence, so its calls and tickets (and the README's figures) stay what they were."""
    return random.Random(f"customer-archive-{seed}")


def write_customer(rng: random.Random, name: str, mobile: str, address: str, area: str, *,
                   created_at: dt.datetime, notes: str = "",
                   other_address: Callable[[], tuple[str, str]] | None = None) -> int:
    """One demo archive with its butler fields, maybe a household, maybe a second number (a home landline) or a
    second address (`other_address()` gives one); inside the caller's transaction. `mobile` (11 digits) and the
    rest are the demo's draws; `rng` (detail_rng) draws the details."""
    numbers = [NumberLine("+86" + mobile, label="手机")]
    addresses = [AddressLine(address, area, "住址")]
    extra = rng.random()
    if extra < 0.06:
        numbers.append(NumberLine(f"+86{DEMO_AREA_CODE}6{rng.randint(1000000, 9999999)}", label="家庭"))
    elif extra < 0.11 and other_address is not None:
        second, second_area = other_address()
        if second != address:
            addresses.append(AddressLine(second, second_area, "另一套房"))
    fields = butler_fields(rng, created_at.year)
    customer_id = insert_customer(name, numbers, addresses, notes=notes, created_at=created_at, **fields)
    _household(rng, customer_id, name, fields)
    refresh_search_keys(customer_id)
    return customer_id


def write_duplicates(rng: random.Random, customers: list[Customer], *, created_at: dt.datetime,
                     count: int = 3) -> list[int]:
    """客户档案重复: the same person archived a second time at a walk-in (same name and address, a new mobile),
    for the merge screen (services.customers.find_duplicates finds them)."""
    made = []
    for original in rng.sample(customers, min(count, len(customers))):
        if not original.address:
            continue
        duplicate = insert_customer(
            original.name, [NumberLine("+86" + mobile_number(rng), label="手机")],
            [AddressLine(original.address, original.area)], notes="来访登记", created_at=created_at,
            occupation=original.occupation)
        made.append(duplicate)
    return made
