"""Search keys without a database: how a typed query splits, the pinyin of names, masks, and FTS5 MATCH strings that
no user input can break (checked against a real SQLite FTS5 trigram table, the one kind of index they are for).

The seed, 客服管家工作流程 4.1.1: "负责客户个性化档案建立" — a receptionist finds a customer's archive by whatever she has:
a number, its last digits, the name or its pinyin.
"""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk_app.core.search import (MAX_TERMS, SearchQuery, customer_search_text, fts_match, like_pattern,
                                  mask_address, mask_phone, name_keys, name_readings, national_digits, prefix_upper)


def test_a_query_splits_into_long_terms_for_trigrams_and_short_terms_for_name_prefixes():
    query = SearchQuery.parse("  潘洋  阳光花园\u30003栋 ")
    assert query.terms == ("潘洋", "阳光花园", "3栋")
    assert query.long_terms == ("阳光花园",)
    assert query.short_terms == ("潘洋", "3栋")
    assert query.pinyin is None
    assert query.digits is None


def test_letters_only_are_pinyin_and_digits_only_are_digits():
    assert SearchQuery.parse("ZhangSan").pinyin == "zhangsan"
    assert SearchQuery.parse("zhang san").pinyin == "zhangsan"
    assert SearchQuery.parse("138 1234-5678").digits == "13812345678"
    assert SearchQuery.parse("+86 138").digits == "86138"
    assert SearchQuery.parse("3栋").digits is None
    assert SearchQuery.parse("zs1").pinyin is None


def test_full_width_characters_and_nul_are_normalised_away():
    query = SearchQuery.parse("１３８\x00１２")
    assert query.text == "13812"
    assert query.digits == "13812"


def test_an_empty_or_blank_query_is_empty_and_a_pasted_paragraph_is_cut():
    assert SearchQuery.parse("").empty
    assert SearchQuery.parse(" \t\n").empty
    assert len(SearchQuery.parse(" ".join(str(i) * 3 for i in range(20))).terms) == MAX_TERMS


@pytest.mark.parametrize(("name", "keys"), [
    ("张三", ("zhangsan", "zs")),
    ("潘洋", ("panyang", "py")),
    ("曾伟", ("zengwei", "zw")),            # 曾 as a surname is zeng, not ceng (曾经)
    ("单田芳", ("shantianfang", "stf")),     # 单 as a surname is shan
    ("重庆路张三", ("chongqingluzhangsan", "cqlzs")),
    ("Li Lei", ("lilei", "ll")),
    ("李A", ("lia", "la")),
    ("", ("", "")),
])
def test_names_have_their_full_pinyin_and_initials(name, keys):
    assert name_keys(name) == keys


def test_a_short_name_has_every_reading_it_may_be_stored_under():
    assert set(name_readings("曾")) == {"ceng", "zeng"}
    assert "panyang" in name_readings("潘洋")
    assert name_readings("张三") == ("zhangsan",)
    assert name_readings("。") == ()
    # What name_keys stores for a name is among the readings of its beginning.
    for name in ("曾伟", "单田芳", "潘洋", "长孙无忌"):
        assert any(name_keys(name)[0].startswith(r) for r in name_readings(name[:2]))


def test_national_digits_are_what_a_caller_types():
    assert national_digits("+8613812345678") == "13812345678"
    assert national_digits("+861062345678") == "01062345678"
    assert national_digits("+85291234567") == "85291234567"


def test_the_search_text_holds_name_numbers_as_stored_and_as_typed_addresses_and_household():
    text = customer_search_text("张三", ["+8613812345678"], ["阳光花园3栋"], ["李四"], "老人独居")
    assert text.split(" | ") == ["张三", "+8613812345678", "13812345678", "阳光花园3栋", "李四", "老人独居"]


def test_phones_and_addresses_are_masked():
    assert mask_phone("138 1234 8000") == "138****8000"
    assert mask_phone("010 6234 5678 转 123") == "010-****5678"
    assert mask_phone("12345") == "12345"       # a service number is nobody's own
    assert mask_phone("") == ""
    assert mask_address("阳光花园3栋2单元301") == "阳光花园***"
    assert "301" not in mask_address("阳光花园3栋2单元301")
    assert mask_address("") == ""


def test_like_patterns_escape_the_wildcards():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_a_prefix_range_holds_every_continuation_and_nothing_else():
    upper = prefix_upper("潘")
    assert "潘" <= "潘洋" < upper
    assert "潘\U0010fffe" < upper
    assert not ("潘" <= "盼" < upper)
    assert not ("潘" <= "Pan" < upper)


@pytest.fixture
def fts():
    """A real FTS5 trigram table, as the version-6 migration makes them."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
    conn.executemany("INSERT INTO t(rowid, body) VALUES (?, ?)", [
        (1, '卫生间水管爆裂，楼下漏水'), (2, 'say "hi" AND bye'), (3, 'NEAR(a b) OR x*y'), (4, "it's 50% off"),
        (5, "plain text"),
    ])
    yield conn
    conn.close()


def _found(conn: sqlite3.Connection, terms: list[str]) -> list[int]:
    return [r for (r,) in conn.execute("SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", (fts_match(terms),))]


@pytest.mark.sqlite_only("checks FTS5 MATCH strings against an SQLite FTS5 table (sqlite3 module)")
@pytest.mark.parametrize(("terms", "rows"), [
    (["水管爆裂"], [1]),                     # a Chinese phrase inside a longer text
    (['"hi"'], [2]),                          # quotes are searched for, not parsed
    (["AND"], [2]),                           # an operator word is a plain word
    (["NEAR("], [3]),
    (["x*y"], [3]),                           # * is not a prefix operator here
    (["it's"], [4]),
    (["50%"], [4]),
    (["水管爆裂", "楼下"], []),                # every term must match; 楼下 is too short for trigrams
    (["plain", "text"], [5]),
])
def test_fts_match_searches_for_the_terms_as_typed(fts, terms, rows):
    assert _found(fts, terms) == rows


@pytest.mark.sqlite_only("checks FTS5 MATCH strings against an SQLite FTS5 table (sqlite3 module)")
@given(st.lists(st.text(min_size=3, max_size=12).filter(lambda t: "\x00" not in t), min_size=1, max_size=3))
def test_no_typed_text_makes_an_fts5_syntax_error(terms):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram')")
    conn.execute("INSERT INTO t(rowid, body) VALUES (1, ?)", (" ".join(terms),))
    conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts_match(terms),)).fetchall()
    conn.close()
