"""Every search key of the queue's search box, the customer search and the knowledge base, on SQLite (the shared
cases run on PostgreSQL too: tests/models/test_search_indexes.py).

The seed, 客服管家工作流程 4.1.1: "负责客户个性化档案建立，内容包括：家庭人口数量、职业、年龄、联系…" — the archive is found
while the receptionist types the caller's first digits; 工单扭转管理办法 第二条: "对工单进行存档，以便于日后查询，统计" —
any ticket of the center's history is found by its number, caller, number, address or words of its description.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.core.errors import PermissionDenied
from desk_app.core.kinds import Role
from desk_app.core.permissions import ROLE_PERMISSIONS, Operation
from desk_app.core.queues import Queue
from desk_app.core.search import name_readings
from desk_app.core.validation import normalize_phone
from desk_app.models.db import database
from desk_app.models.schema import Customer, KbArticle, Staff, Ticket
from desk_app.services.customer_store import AddressLine, NumberLine, insert_customer, refresh_search_keys
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import QueueFilter, queue_page
from desk_app.services.search import (ArticleHit, CustomerHit, search_articles, search_customers, ticket_condition,
                                     warm_up)

# Shared with tests/models/test_search_indexes.py, which runs them on PostgreSQL as well.
CUSTOMERS = [
    ("张三", ["13812345678"], ["阳光花园3栋2单元301"], "老人独居，腿脚不便"),
    ("潘洋", ["13998765432", "010-62345678"], ["翠湖苑8栋1单元502"], ""),
    ("潘建国", ["13600001111"], ["锦绣家园1栋101"], ""),
    ("李四", ["15011112222"], ["阳光花园5栋1单元101"], "养了一只猫"),
    ("曾伟", ["18612340000"], ["滨江一号2栋"], ""),
]
TICKETS = [
    ("张三", "13812345678", "阳光花园3栋2单元301", "卫生间水管爆裂，楼下住户天花板渗水"),
    ("潘洋", "13998765432", "翠湖苑8栋1单元502", "楼道声控灯不亮，已有一周"),
    ("潘建国", "13600001111", "锦绣家园1栋101", "咨询物业费缴费方式及发票开具"),
    ("李四", "15011112222", "阳光花园5栋1单元101", "楼上住户深夜噪音扰民"),
    ("曾伟", "01062345678", "滨江一号2栋", "电梯困人，3号楼2单元"),
]
# (typed in the customer search box, names expected in this order, what matched the first)
CUSTOMER_CASES = [
    ("13812345678", ["张三"], "number"),
    ("138 1234 5678", ["张三"], "number"),
    ("1381", ["张三"], "number_prefix"),             # the first digits, while she types
    ("139987", ["潘洋"], "number_prefix"),
    ("5678", ["张三", "潘洋"], "digits"),            # last four digits: 138 1234 5678 and 010-62345678
    ("010623", ["潘洋"], "number_prefix"),           # a landline typed with its trunk 0
    ("zs", ["张三"], "pinyin"),
    ("zhangsan", ["张三"], "pinyin"),
    ("ZhangSan", ["张三"], "pinyin"),
    ("zengwei", ["曾伟"], "pinyin"),
    ("pan", ["潘建国", "潘洋"], "pinyin"),          # panjianguo < panyang
    ("潘洋", ["潘洋"], "name"),                     # too short for trigrams
    ("潘", ["潘建国", "潘洋"], "name"),
    ("张三", ["张三"], "name"),
    ("阳光花园3栋", ["张三"], "text"),               # an address fragment
    ("阳光花园 3栋", ["张三"], "text"),              # several terms, one of them short
    ("腿脚不便", ["张三"], "text"),                   # a phrase inside the notes
    ("只猫", [], None),
    ("不存在的人", [], None),
]
# (typed in the queue's search box, callers of the tickets found)
TICKET_CASES = [
    ("13812345678", ["张三"]),
    ("138 1234 5678", ["张三"]),
    ("5678", ["张三", "曾伟"]),                      # last four digits of a mobile and of a landline
    ("010 6234", ["曾伟"]),                          # a landline's beginning, trunk 0 included
    ("水管爆裂", ["张三"]),                          # a Chinese phrase inside a longer description
    ("天花板渗水", ["张三"]),
    ("阳光花园", ["张三", "李四"]),                  # an address fragment
    ("阳光花园 噪音", ["李四"]),                     # several terms, all must match
    ("潘洋", ["潘洋"]),                              # a two-character name
    ("潘", ["潘洋", "潘建国"]),                      # a surname
    ("zs", ["张三"]),                                # pinyin initials of the customer
    ("zhangsan", ["张三"]),
    ("zhang san", ["张三"]),
    ("IPTV", []),
]


def make_customers() -> dict[str, int]:
    ids = {}
    with database.atomic():
        for name, phones, addresses, notes in CUSTOMERS:
            ids[name] = insert_customer(name, [NumberLine(normalize_phone(p)) for p in phones],
                                        [AddressLine(a) for a in addresses], notes=notes,
                                        created_at=dt.datetime(2026, 1, 1))
    return ids


def make_tickets(customers: dict[str, int]) -> dict[str, int]:
    """Tickets written as rows (the save path has tests of its own); the full-text triggers index them."""
    staff = Staff.select().first()
    ids = {}
    with database.atomic():
        for i, (name, phone, address, description) in enumerate(TICKETS, 1):
            ids[name] = Ticket.create(
                number=f"2026-{i:06d}", kind="repair", channel="phone", urgency="medium", impact="medium",
                priority=3, policy_code="default", customer=customers.get(name), caller_name=name,
                phone=normalize_phone(phone), address=address, description=description, state="new",
                created_by=staff, created_at=dt.datetime(2026, 11, 1, 9, i), accepted_at=dt.datetime(2026, 11, 1),
                updated_at=dt.datetime(2026, 11, 1)).id
    return ids


def ticket_callers(text: str) -> list[str]:
    condition = ticket_condition(text)
    assert condition is not None
    return [t.caller_name for t in Ticket.select(Ticket.caller_name).where(condition).order_by(Ticket.id)]


@pytest.fixture
def archive(db_url):
    customers = make_customers()
    return customers, make_tickets(customers)


@pytest.fixture
def desk(service, people, archive):
    return service.viewer(people["reception"])


# ------------------------------------------------------------------------------------------------ the queue


@pytest.mark.parametrize(("text", "callers"), TICKET_CASES)
def test_the_queue_search_finds_tickets_by_each_key(archive, text, callers):
    assert sorted(ticket_callers(text)) == sorted(callers)


def test_a_ticket_number_prefix_is_a_range_of_the_unique_index(archive):
    assert ticket_callers("2026-00000") == [name for name, *_ in TICKETS]
    assert ticket_callers("2026-000003") == ["潘建国"]
    assert ticket_callers("2025-") == []


def test_the_queue_page_uses_the_search(service, people, archive):
    viewer = service.viewer(people["supervisor"])
    flt = QueueFilter(Queue.ALL, dt.datetime(2026, 11, 26), search="水管爆裂", viewer=viewer)
    rows = queue_page(flt, offset=0, limit=50)
    assert [r.caller_name for r in rows] == ["张三"]
    assert queue_page(QueueFilter(Queue.ALL, dt.datetime(2026, 11, 26), search="  ", viewer=viewer),
                      offset=0, limit=50)


def test_an_empty_search_is_no_condition():
    assert ticket_condition("") is None
    assert ticket_condition(" \x00 ") is None


@pytest.mark.parametrize("text", ['"', '""', "AND", "a OR b", "NEAR(水管 爆裂)", "水管*", "x:y", "{phone}: 1",
                                  "'; DROP TABLE ticket; --", "\x00水管爆裂", "%_\\", "^水", "-水管", "(((("])
def test_fts_syntax_quotes_and_nul_in_a_query_do_not_raise(archive, service, people, text):
    ticket_callers(text)
    search_customers(service.viewer(people["reception"]), text)
    search_articles(text)


@pytest.mark.sqlite_only("reads SQLite's EXPLAIN QUERY PLAN (tests/models/test_search_indexes.py checks PostgreSQL's plans)")
def test_no_search_path_scans_the_ticket_table(archive):
    for text, _callers in TICKET_CASES + [("2026-0001", []), ("zs 潘", [])]:
        sql, params = Ticket.select(Ticket.id).where(ticket_condition(text)).sql()
        plan = [row[3] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]
        assert not [step for step in plan if step.startswith("SCAN t1") or step.startswith("SCAN ticket ")], \
            (text, plan)


def test_the_full_text_index_follows_inserts_updates_and_deletes(archive):
    customers, tickets = archive
    assert ticket_callers("天花板渗水") == ["张三"]
    Ticket.update(description="厨房下水道堵塞").where(Ticket.id == tickets["张三"]).execute()
    assert ticket_callers("天花板渗水") == []
    assert ticket_callers("下水道堵塞") == ["张三"]
    Ticket.update(address="幸福里9栋").where(Ticket.id == tickets["李四"]).execute()
    assert ticket_callers("阳光花园") == ["张三"]
    assert ticket_callers("幸福里") == ["李四"]
    new = Ticket.get_by_id(tickets["潘洋"])
    new.id = None
    new.number = "2026-000099"
    new.description = "宽带频繁掉线"
    new.save(force_insert=True)
    assert ticket_callers("宽带频繁") == ["潘洋"]
    database.execute_sql(f'DELETE FROM "ticket" WHERE "id" = {database.param}', (new.id,))
    assert ticket_callers("宽带频繁") == []
    # The customers' index follows the search text (customer_store keeps it).
    Customer.update(notes="轮椅出行").where(Customer.id == customers["李四"]).execute()
    refresh_search_keys(customers["李四"])
    assert [h.name for h in _customers("轮椅出行")] == ["李四"]
    assert [h.name for h in _customers("养了一只猫")] == []


def _customers(text: str) -> list[CustomerHit]:
    admin = Staff.get(Staff.role == Role.ADMIN.value)
    return search_customers(DeskService().viewer(Actor.of(admin)), text)


# ------------------------------------------------------------------------------------------------ customers


@pytest.mark.parametrize(("text", "names", "matched"), CUSTOMER_CASES)
def test_the_customer_search_finds_each_key_best_first(desk, text, names, matched):
    hits = search_customers(desk, text)
    assert [h.name for h in hits] == names
    if matched:
        assert hits[0].matched == matched


def test_an_address_fragment_finds_every_customer_there(desk):
    hits = search_customers(desk, "阳光花园")
    assert sorted(h.name for h in hits) == ["张三", "李四"]
    assert {h.matched for h in hits} == {"text"}


def test_a_hit_shows_the_number_that_matched_and_the_first_address(desk):
    landline = search_customers(desk, "010-6234")[0]
    assert landline == CustomerHit(landline.id, "潘洋", "010 6234 5678", "翠湖苑8栋1单元502", "", "number_prefix")
    assert search_customers(desk, "zs")[0].phone == "138 1234 5678"


def test_an_exact_number_comes_before_numbers_that_hold_its_digits(desk, archive):
    with database.atomic():
        insert_customer("王五", [NumberLine(normalize_phone("13812345679"))], created_at=dt.datetime(2026, 1, 2))
    hits = search_customers(desk, "1381234567")
    assert [h.name for h in hits] == ["张三", "王五"]
    assert {h.matched for h in hits} == {"number_prefix"}
    assert [h.matched for h in search_customers(desk, "13812345678")] == ["number"]


def test_merged_customers_never_appear(desk, archive):
    customers, _tickets = archive
    Customer.update(merged_into=customers["潘建国"]).where(Customer.id == customers["潘洋"]).execute()
    for text in ("潘洋", "潘", "pan", "py", "13998765432", "139987", "5432", "翠湖苑"):
        assert "潘洋" not in [h.name for h in search_customers(desk, text)], text


def test_the_limit_is_kept_and_nothing_repeats(desk):
    with database.atomic():
        for i in range(30):
            insert_customer(f"张{'一二三四五六七八九十'[i % 10]}", [NumberLine(normalize_phone(f"1371111{i:04d}"))],
                            created_at=dt.datetime(2026, 1, 3))
    hits = search_customers(desk, "1371111", limit=12)
    assert len(hits) == 12
    hits = search_customers(desk, "z", limit=100)
    assert len({h.id for h in hits}) == len(hits) >= 31


def test_phones_and_addresses_are_masked_for_a_role_without_customer_data(service, people, archive, monkeypatch):
    # No role of the default rule book opens the archive without seeing customer data; a center may take it away.
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.RECEPTIONIST,
                        ROLE_PERMISSIONS[Role.RECEPTIONIST] - {Operation.VIEW_CUSTOMER})
    hit = search_customers(service.viewer(people["reception"]), "zs")[0]
    assert (hit.name, hit.phone, hit.address) == ("张三", "138****5678", "阳光花园***")
    supervisor = search_customers(service.viewer(people["supervisor"]), "zs")[0]
    assert (supervisor.phone, supervisor.address) == ("138 1234 5678", "阳光花园3栋2单元301")


def test_the_customer_search_needs_the_archive_or_customer_data(service, people, archive, monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.RECEPTIONIST,
                        ROLE_PERMISSIONS[Role.RECEPTIONIST] - {Operation.VIEW_CUSTOMER, Operation.VIEW_ARCHIVE})
    with pytest.raises(PermissionDenied):
        search_customers(service.viewer(people["reception"]), "zs")
    Staff.update(active=False).where(Staff.id == people["dispatcher"].id).execute()
    with pytest.raises(PermissionDenied):
        search_customers(service.viewer(people["dispatcher"]), "zs")


def test_warm_up_loads_the_pinyin_dictionary_without_a_database():
    name_readings.cache_clear()
    warm_up()
    assert name_readings.cache_info().currsize >= 1


def test_an_empty_customer_search_finds_nobody(desk):
    assert search_customers(desk, "") == []
    assert search_customers(desk, "\x00") == []


# ------------------------------------------------------------------------------------------------ knowledge base


def make_articles() -> dict[str, int]:
    staff = Staff.select().first()
    rows = [
        ("水管爆裂怎么办", "先关闭入户总阀，再报修工程部", "repair", "水管 维修", False, 1),
        ("物业费怎么交", "前台现金、刷卡或微信缴纳，可开发票", "", "缴费", False, 2),
        ("停水通知在哪里看", "电梯间公告栏与业主群，水管检修前一天通知", "notice", "停水", False, 3),
        ("旧的报修电话", "已停用的号码", "repair", "", True, 4),
        ("宠物登记", "犬只需办理登记，水", "", "宠物", False, 5),
    ]
    ids = {}
    with database.atomic():
        for question, answer, kind, tags, retired, day in rows:
            at = dt.datetime(2026, 11, day)
            ids[question] = KbArticle.create(question=question, answer=answer, kind=kind, tags=tags, author=staff,
                                             created_at=at, updated_at=at, retired=retired).id
    return ids


@pytest.fixture
def articles(db_url):
    return make_articles()


def test_articles_are_found_by_a_phrase_best_first(articles):
    hits = search_articles("水管")
    assert [h.question for h in hits] == ["水管爆裂怎么办", "停水通知在哪里看"]      # the question counts most
    hit = hits[0]
    assert isinstance(hit, ArticleHit)
    assert (hit.answer, hit.kind, hit.tags, hit.updated_at) == ("先关闭入户总阀，再报修工程部", "repair",
                                                                "水管 维修", dt.datetime(2026, 11, 1))
    assert hits[0].score >= hits[1].score
    assert [h.question for h in search_articles("总阀 报修")] == ["水管爆裂怎么办"]
    assert [h.question for h in search_articles("水管爆裂")] == ["水管爆裂怎么办"]


def test_an_empty_article_query_gives_the_latest_articles(articles):
    assert [h.question for h in search_articles("")] == ["宠物登记", "停水通知在哪里看", "物业费怎么交",
                                                         "水管爆裂怎么办"]
    assert len(search_articles("", limit=2)) == 2


def test_retired_articles_only_when_asked_and_kind_keeps_its_own_and_the_general_ones(articles):
    assert "旧的报修电话" not in [h.question for h in search_articles("报修")]
    assert "旧的报修电话" in [h.question for h in search_articles("报修", include_retired=True)]
    assert {h.kind for h in search_articles("", kind="repair")} == {"repair", ""}
    assert [h.question for h in search_articles("水管", kind="notice")] == ["停水通知在哪里看"]


def test_the_article_index_follows_updates_and_deletes(articles):
    KbArticle.update(answer="请致电工程部值班室").where(KbArticle.id == articles["水管爆裂怎么办"]).execute()
    assert search_articles("入户总阀") == []
    assert [h.question for h in search_articles("值班室")] == ["水管爆裂怎么办"]
    KbArticle.delete().where(KbArticle.id == articles["物业费怎么交"]).execute()
    assert search_articles("开发票") == []
