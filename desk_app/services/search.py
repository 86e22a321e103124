"""Every search box of the app, answered by an index on SQLite and on PostgreSQL.

A query is split by `core.search.SearchQuery`: terms of three characters or more go to the trigram index (SQLite FTS5
with the trigram tokenizer, kept current by triggers; PostgreSQL pg_trgm GIN indexes over `models.search`'s
expressions, which a query must name exactly); shorter terms (潘洋, 潘) go to an index on a name's prefix; letters alone
may be pinyin (zs, zhangsan) and go to the pinyin prefixes; digits go to the numbers' indexes. Nothing here reads a
whole table of tickets or customers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import peewee as pw

from desk_app.core.permissions import Operation
from desk_app.core.rules import require, sees_contact
from desk_app.core.search import (SearchQuery, fts_match, like_pattern, mask_address, mask_phone, name_keys,
                                  name_readings, prefix_upper)
from desk_app.core.validation import display_phone, phone_search_key
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import Customer, KbArticle, Ticket
from desk_app.models.search import CUSTOMER_TEXT, KB_TEXT, TICKET_TEXT

if TYPE_CHECKING:
    from desk_app.services.desk import Viewer

__all__ = ["TEXT_MATCHES", "ArticleHit", "CustomerHit", "search_articles", "search_customers", "text_matches_capped",
           "ticket_condition", "warm_up"]


def warm_up() -> None:
    """Load what the first search would otherwise wait for (about a second: pypinyin's dictionary, phonenumbers'
    metadata); call it from a worker thread at start-up. No database."""
    name_readings("张")
    name_keys("张三")
    phone_search_key("13800000000")


# ---------------------------------------------------------------------------------------------------------------------
# The knowledge base


@dataclass(frozen=True)
class ArticleHit:
    """One knowledge-base article found, best first; `score` is higher for a better match (0 without a query)."""

    id: int
    question: str
    answer: str
    kind: str
    tags: str
    updated_at: dt.datetime
    score: float


# bm25 weights of kb_fts's columns (question, answer, tags): a match in the question counts most.
_KB_WEIGHTS = "5.0, 1.0, 3.0"
_KB_COLUMNS = '"kb_article"."id", "question", "answer", "kind", "tags", "updated_at"'


def search_articles(text: str, *, kind: str | None = None, limit: int = 20,
                    include_retired: bool = False) -> list[ArticleHit]:
    """Articles matching every term of `text`, best first; an empty query gives the most recently updated ones.

    `kind` (a TicketKind value) keeps the articles of that kind and those for any kind (""). Any signed-in person
    may read the knowledge base: no viewer is asked for."""
    query = SearchQuery.parse(text)
    limit = max(1, min(int(limit), 500))
    where: list[str] = []
    params: list[object] = []
    mark = "%s" if is_postgres() else "?"
    if not include_retired:
        where.append(f'"retired" = {mark}')
        params.append(False)
    if kind is not None:
        where.append(f'("kind" = {mark} OR "kind" = {mark})')
        params += [kind, ""]
    if query.empty:
        sql = (f'SELECT {_KB_COLUMNS}, 0.0 FROM "kb_article"{_where(where)} '
               f'ORDER BY "updated_at" DESC, "kb_article"."id" DESC LIMIT {mark}')
        return _article_hits(sql, [*params, limit])
    if is_postgres():
        return _articles_postgres(query, where, params, limit)
    return _articles_sqlite(query, where, params, limit)


def _articles_sqlite(query: SearchQuery, where: list[str], params: list[object], limit: int) -> list[ArticleHit]:
    short = query.short_terms
    for term in short:
        where.append(f"{KB_TEXT} LIKE ? ESCAPE '\\'")
        params.append(like_pattern(term))
    if query.long_terms:
        # FTS5's bm25 is lower for a better match: the score is its negation.
        sql = (f'SELECT {_KB_COLUMNS}, -"found"."rank" FROM (SELECT "rowid" AS "id", bm25("kb_fts", {_KB_WEIGHTS}) '
               f'AS "rank" FROM "kb_fts" WHERE "kb_fts" MATCH ?) AS "found" '
               f'JOIN "kb_article" ON "kb_article"."id" = "found"."id"{_where(where)} '
               f'ORDER BY "found"."rank", "kb_article"."id" DESC LIMIT ?')
        return _article_hits(sql, [fts_match(query.long_terms), *params, limit])
    # Only one- and two-character terms: trigrams cannot answer them; the knowledge base is small (thousands), a LIKE
    # over it is a few milliseconds. Articles whose question holds the terms come first.
    in_question = " + ".join("(\"question\" LIKE ? ESCAPE '\\')" for _ in short)
    sql = (f'SELECT {_KB_COLUMNS}, ({in_question}) AS "score" FROM "kb_article"{_where(where)} '
           f'ORDER BY "score" DESC, "updated_at" DESC, "kb_article"."id" DESC LIMIT ?')
    return _article_hits(sql, [*(like_pattern(t) for t in short), *params, limit])


def _articles_postgres(query: SearchQuery, where: list[str], params: list[object], limit: int) -> list[ArticleHit]:
    # Every term as ILIKE on the indexed expression: the pg_trgm GIN index answers the terms of three characters or
    # more; shorter ones filter what it found (or the small table). Ranked by trigram similarity with the query.
    for term in query.terms:
        where.append(f"{KB_TEXT} ILIKE %s")
        params.append(like_pattern(term))
    sql = (f'SELECT {_KB_COLUMNS}, (word_similarity(%s, {KB_TEXT}) + similarity(%s, "question"))::float8 AS "score" '
           f'FROM "kb_article"{_where(where)} '
           f'ORDER BY "score" DESC, "updated_at" DESC, "kb_article"."id" DESC LIMIT %s')
    return _article_hits(sql, [query.text, query.text, *params, limit])


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _article_hits(sql: str, params: list[object]) -> list[ArticleHit]:
    to_datetime = KbArticle.updated_at.python_value
    return [ArticleHit(id=row[0], question=row[1], answer=row[2], kind=row[3], tags=row[4],
                       updated_at=to_datetime(row[5]), score=float(row[6] or 0.0))
            for row in database.execute_sql(sql, params).fetchall()]


# ---------------------------------------------------------------------------------------------------------------------
# The queue's search box

# 2026-0001: a prefix of a ticket number (year, dash, up to six digits).
_TICKET_NUMBER_PREFIX = re.compile(r"((?:19|20)\d\d)-(\d{0,6})")
_LETTERS = re.compile(r"[a-z]+")
_ONLY_DIGITS = re.compile(r"\d+")
# Letters typed as pinyin find the tickets of at most this many customers (a single letter is a large share).
PINYIN_CUSTOMERS = 500
# A text (or digits inside phone numbers) finds at most the newest this many tickets holding it: a common phrase
# (水管漏水) is in tens of thousands of tickets, and the full-text index hands matches out newest first, so the search
# stops there instead of reading and sorting them all. The queue says so (text_matches_capped). SQLite only: see
# _ticket_text for PostgreSQL.
TEXT_MATCHES = 2000
# (SQL, parameters) of each capped full-text lookup a condition holds, for text_matches_capped.
_Probes = list[tuple[str, list[object]]]


def ticket_condition(text: str, *, area_code: str = "") -> pw.Expression | None:
    """The tickets matching every term of the queue's search box, each term answered by an index (None: no query).

    A ticket number's prefix (2026-0001) is a range of the unique number index; a complete phone number is the exact
    phone (index); three digits or more are a substring of the phone (full-text index); other terms of three
    characters or more are a substring of the caller, phone, address or description (full-text index); one or two
    characters are the beginning of the caller's name (ticket_caller_name index: 潘洋, 潘); letters alone are pinyin
    too (the tickets of customers whose name's pinyin or initials start with them). A text or digits inside phones
    find at most the newest TEXT_MATCHES tickets that hold them (SQLite). `area_code`: the center's, which makes a
    local landline (62345678) a complete number."""
    return _condition(text, None, area_code)


def text_matches_capped(text: str, *, area_code: str = "") -> bool:
    """Whether the queue's search for `text` left out older tickets holding a text of it: more than TEXT_MATCHES hold
    it (one short read of the full-text index per text term, newest first)."""
    probes: _Probes = []
    _condition(text, probes, area_code)
    return any(database.execute_sql(f"{sql} OFFSET {TEXT_MATCHES}", params).fetchone() is not None
               for sql, params in probes)


def _condition(text: str, probes: _Probes | None, area_code: str = "") -> pw.Expression | None:
    query = SearchQuery.parse(text)
    if query.empty:
        return None
    joined = query.pinyin
    if joined is not None and len(query.terms) > 1:
        # zhang san: the pinyin of one name typed in pieces, or words of a text (an English one).
        long = [t for t in query.terms if len(t) >= 3]
        found = _tickets_of_pinyin(joined)
        return _either(found, _ticket_text(long, [t for t in query.terms if len(t) < 3], probes)) if long else found
    number = _TICKET_NUMBER_PREFIX.fullmatch(query.text)
    if number:
        # A prefix of a fixed-width number is a range of whole numbers: the unique index answers it (LIKE would
        # scan it), and same-shaped strings compare alike in every collation.
        year, digits = number.groups()
        fill = 6 - len(digits)
        return Ticket.number.between(f"{year}-{digits}{'0' * fill}", f"{year}-{digits}{'9' * fill}")
    whole = sum(ch.isdigit() for ch in query.text) >= 7
    phone = phone_search_key(query.text, area_code=area_code) if whole else None
    if phone:
        return Ticket.phone == phone
    if query.digits is not None and len(query.digits) >= 3:
        return _ticket_phone_digits(query.digits, probes)
    conditions: list[pw.Expression] = []
    words = [t for t in query.terms if not _LETTERS.fullmatch(t.lower())]
    plain = [t for t in words if len(t) >= 3 and not _ONLY_DIGITS.fullmatch(t)]
    short = [t for t in words if len(t) < 3]
    if plain:
        # The trigram index finds the long terms; short ones (a surname, 3栋) must be in the same texts.
        conditions.append(_ticket_text(plain, short, probes))
    else:
        conditions += [_caller_prefix(t) for t in short]
    for term in query.terms:
        lower = term.lower()
        if _ONLY_DIGITS.fullmatch(term) and len(term) >= 3:
            key = phone_search_key(term, area_code=area_code) if len(term) >= 7 else None
            digits = _ticket_phone_digits(term, probes)
            conditions.append(_either(Ticket.phone == key, digits) if key else digits)
        elif _LETTERS.fullmatch(lower):
            found = _ticket_text([term], [], probes) if len(term) >= 3 else _caller_prefix(term)
            conditions.append(_either(found, _tickets_of_pinyin(lower)))
    condition = conditions[0]
    for more in conditions[1:]:
        condition &= more
    return condition


def _ticket_text(terms: list[str], within: list[str], probes: _Probes | None = None) -> pw.Expression:
    """Tickets whose caller, phone, address or description holds every term (three characters or more: the trigram
    index) and every one of `within` (shorter: checked in the texts the index found). On SQLite, among the newest
    TEXT_MATCHES tickets holding `terms` only: the short terms are checked in those (阳光花园 潘 reads at most that
    many rows, not every ticket of the estate)."""
    if is_postgres():
        # Every match (no cap): the pg_trgm index hands matches out as a bitmap, in no order, so the newest cannot be
        # taken without reading them all; a limit would only add a sort.
        every = [*terms, *within]
        sql = " AND ".join(f"{TICKET_TEXT} ILIKE %s" for _ in every)
        return Ticket.id.in_(pw.SQL(f'(SELECT "id" FROM "ticket" WHERE {sql})', [like_pattern(t) for t in every]))
    newest = _newest_matches(fts_match(terms), probes)
    if not within:
        return Ticket.id.in_(newest)
    # The ticket rows of those matches (by primary key) hold the short terms too.
    filters = " AND ".join(f"{TICKET_TEXT} LIKE ? ESCAPE '\\'" for _ in within)
    return Ticket.id.in_(pw.SQL(f'(SELECT "id" FROM "ticket" WHERE "id" IN {newest.sql} AND {filters})',
                                [*newest.params, *(like_pattern(t) for t in within)]))


def _newest_matches(match: str, probes: _Probes | None) -> pw.SQL:
    """The newest TEXT_MATCHES rowids (= ticket ids, growing with time) of ticket_fts matching `match`, as a subquery:
    FTS5 walks its matches from the newest and stops at the limit."""
    sql = 'SELECT "rowid" FROM "ticket_fts" WHERE "ticket_fts" MATCH ?'
    if probes is not None:
        probes.append((f"{sql} LIMIT 1", [match]))   # in the index's own order: cheaper to skip through
    return pw.SQL(f'({sql} ORDER BY "rowid" DESC LIMIT {TEXT_MATCHES})', [match])


def _ticket_phone_digits(digits: str, probes: _Probes | None = None) -> pw.Expression:
    """Tickets whose phone holds the digits (a landline typed with its trunk 0 is stored without it: +86 10 …), or
    whose number starts with them (2026…: the unique index)."""
    variants = [digits]
    if digits.startswith("0") and len(digits) >= 4:
        variants.append(digits[1:])
    by_number = (Ticket.number >= digits) & (Ticket.number < prefix_upper(digits))
    if is_postgres():
        text = " OR ".join(f"{TICKET_TEXT} ILIKE %s" for _ in variants)
        phone = " OR ".join('"phone" LIKE %s' for _ in variants)
        patterns = [like_pattern(v) for v in variants]
        found = pw.SQL(f'(SELECT "id" FROM "ticket" WHERE ({text}) AND ({phone}))', [*patterns, *patterns])
        return _either(by_number, Ticket.id.in_(found))
    match = "phone : (" + " OR ".join(fts_match([v]) for v in variants) + ")"
    return _either(by_number, Ticket.id.in_(_newest_matches(match, probes)))


def _either(first: pw.Expression, second: pw.Expression) -> pw.Expression:
    """Tickets matching either condition, each answered by its own index: SQLite reads both indexes for an OR
    (MULTI-INDEX OR); PostgreSQL reads the whole table for an OR with a subquery in it, so there it is a UNION."""
    if not is_postgres():
        return first | second
    return Ticket.id.in_(Ticket.select(Ticket.id).where(first) | Ticket.select(Ticket.id).where(second))


def _caller_prefix(term: str) -> pw.Expression:
    return (Ticket.caller_name >= term) & (Ticket.caller_name < prefix_upper(term))


def _tickets_of_pinyin(letters: str) -> pw.Expression:
    """Tickets of the customers whose name's initials or full pinyin start with `letters` (a bounded number)."""
    return Ticket.customer.in_(_customers_of_pinyin(letters).limit(PINYIN_CUSTOMERS))


def _customers_of_pinyin(letters: str) -> pw.ModelSelect:
    initials = (Customer.name_initials >= letters) & (Customer.name_initials < prefix_upper(letters))
    if len(letters) < 3:
        return Customer.select(Customer.id).where(initials)
    full = (Customer.name_pinyin >= letters) & (Customer.name_pinyin < prefix_upper(letters))
    return Customer.select(Customer.id).where(initials | full)


# ---------------------------------------------------------------------------------------------------------------------
# Customers


@dataclass(frozen=True)
class CustomerHit:
    """A customer found, as a search list shows it: the phone and address masked for a reader who may not see
    customer data. `matched` tells which key found it: number, number_prefix, digits, pinyin, name or text."""

    id: int
    name: str
    phone: str
    address: str
    area: str
    matched: str


def search_customers(viewer: Viewer, text: str, *, limit: int = 50) -> list[CustomerHit]:
    """Customers matching `text`, best first: the exact number, the digits typed so far (the beginning of a number),
    digits anywhere in a number (the last four), pinyin initials or full pinyin (zs, zhangsan → 张三), the beginning of
    the name (潘洋, 潘), then full text over name, numbers, addresses, household and notes. Merged customers never.

    The reader needs the archive or the customer data (PermissionDenied otherwise); phones and addresses are masked
    unless they may see customer data."""
    facts = viewer.actor.facts
    masked = not sees_contact(facts)
    if masked:
        require(facts, Operation.VIEW_ARCHIVE)
    query = SearchQuery.parse(text)
    if query.empty:
        return []
    limit = max(1, min(int(limit), 500))
    hits: dict[int, CustomerHit] = {}
    for matched, sql, params in _customer_lookups(query, viewer.area_code):
        rows = database.execute_sql(sql, [*params, limit]).fetchall()
        for customer_id, name, phone, address, area, number in rows:
            if customer_id in hits:
                continue
            shown = _shown_phone(number or phone)
            if masked:
                shown, address = mask_phone(shown), mask_address(address)
            hits[customer_id] = CustomerHit(customer_id, name, shown, address, area, matched)
            if len(hits) >= limit:
                return list(hits.values())
    return list(hits.values())


# The full-text lookup ranks at most this many of the customers it finds (the first, by id).
RANKED = 200
# The columns a hit shows, and the number that matched (NULL: the customer's first number is shown).
_HIT = 'c."id", c."name", c."phone", c."address", c."area"'
# Not merged away; written so that no planner reads the merged_into_id index for it (every live customer is in it).
_LIVE = 'COALESCE(c."merged_into_id", 0) = 0'


def _customer_lookups(query: SearchQuery, area_code: str = "") -> Iterator[tuple[str, str, list[object]]]:
    """(matched, SQL ending in a LIMIT parameter, its other parameters) of each lookup, best first; a lookup runs only
    if the ones before it did not fill the list (`area_code`: the center's, which completes a local landline)."""
    pg = is_postgres()
    mark = "%s" if pg else "?"
    numbers = (f'SELECT {_HIT}, n."number" FROM "customer_number" AS n JOIN "customer" AS c '
               f'ON c."id" = n."customer_id" WHERE {{}} AND {_LIVE} ORDER BY n."digits", n."customer_id" LIMIT {mark}')
    digits = query.digits
    if digits is not None:
        key = phone_search_key(query.text, area_code=area_code) if len(digits) >= 7 else None
        if key:
            yield "number", numbers.format(f'n."number" = {mark}'), [key]
        if len(digits) >= 3:
            yield "number_prefix", numbers.format(f'n."digits" >= {mark} AND n."digits" < {mark}'), \
                [digits, prefix_upper(digits)]
            yield "digits", *_customer_text_sql([digits], ranked=False)
        return
    by_column = (f'SELECT {_HIT}, NULL FROM "customer" AS c WHERE c."{{0}}" >= {mark} AND c."{{0}}" < {mark} '
                 f'AND {_LIVE} ORDER BY c."{{0}}", c."id" LIMIT {mark}')
    pinyin = query.pinyin
    if pinyin is not None:
        yield "pinyin", by_column.format("name_initials"), [pinyin, prefix_upper(pinyin)]
        if len(pinyin) >= 2:
            yield "pinyin", by_column.format("name_pinyin"), [pinyin, prefix_upper(pinyin)]
    elif len(query.terms) == 1 and len(query.terms[0]) <= 4:
        # The beginning of a name (潘洋, 潘; 张建华 too, exact names before other texts that hold it). The name has no
        # index of its own; its pinyin has: every reading of the term is a range of name_pinyin, and the names in it
        # are kept when they start with the term.
        term = query.terms[0]
        readings = name_readings(term)
        if readings:
            ranges = " OR ".join(f'(c."name_pinyin" >= {mark} AND c."name_pinyin" < {mark})' for _ in readings)
            yield "name", (f'SELECT {_HIT}, NULL FROM "customer" AS c WHERE ({ranges}) AND c."name" >= {mark} '
                           f'AND c."name" < {mark} AND {_LIVE} ORDER BY c."name", c."id" LIMIT {mark}'), \
                [*(v for r in readings for v in (r, prefix_upper(r))), term, prefix_upper(term)]
    if query.long_terms:
        yield "text", *_customer_text_sql(query.terms, ranked=True)


def _customer_text_sql(terms: Iterable[str], *, ranked: bool) -> tuple[str, list[object]]:
    """Full text over the customers' search text, every term a substring: terms of three characters or more through
    the trigram index, shorter ones filtering what it found; best (bm25 / trigram similarity) first if `ranked`."""
    terms = list(terms)
    if is_postgres():
        where = " AND ".join(f"c.{CUSTOMER_TEXT} ILIKE %s" for _ in terms)
        params: list[object] = [like_pattern(t) for t in terms]
        order = 'c."id"'
        if ranked:
            order = f'similarity(c.{CUSTOMER_TEXT}, %s) DESC, c."id"'
            params.append(" ".join(terms))
        return (f'SELECT {_HIT}, NULL FROM "customer" AS c WHERE {where} AND {_LIVE} ORDER BY {order} LIMIT %s',
                params)
    long = [t for t in terms if len(t) >= 3]
    short = [t for t in terms if len(t) < 3]
    filters = "".join(f" AND c.{CUSTOMER_TEXT} LIKE ? ESCAPE '\\'" for _ in short)
    # bm25 over the first RANKED matches only: ranking every customer of a large estate (a fragment that a tenth of
    # a million customers share) would read them all, and tells nothing among them.
    rank, order = (f', "rank" FROM "customer_fts" WHERE "customer_fts" MATCH ? LIMIT {RANKED}', ' ORDER BY f."rank"') \
        if ranked else (' FROM "customer_fts" WHERE "customer_fts" MATCH ?', "")
    return (f'SELECT {_HIT}, NULL FROM (SELECT "rowid" AS "id"{rank}) AS f JOIN "customer" AS c ON c."id" = f."id" '
            f'WHERE {_LIVE}{filters}{order} LIMIT ?', [fts_match(long), *(like_pattern(t) for t in short)])


_MAINLAND_MOBILE = re.compile(r"\+861[3-9]\d{9}")


@lru_cache(maxsize=8192)
def _shown_phone(stored: str) -> str:
    """display_phone, memoised; a mainland mobile (most numbers) is formatted without phonenumbers (~0.1 ms each)."""
    if _MAINLAND_MOBILE.fullmatch(stored):
        return f"{stored[3:6]} {stored[6:10]} {stored[10:]}"
    return display_phone(stored)
