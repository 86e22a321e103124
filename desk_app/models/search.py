"""The texts the search indexes read, for the queries that must name them exactly as the indexes do.

On PostgreSQL a pg_trgm GIN index serves `expression ILIKE '%term%'` only when the query's expression is the indexed
one; the version-6 migration writes these out literally (tests/models/test_search_indexes.py holds them equal). On
SQLite the FTS5 tables ticket_fts, customer_fts and kb_fts (trigram tokenizer, external content, kept by triggers)
index the same columns.
"""

from __future__ import annotations

TICKET_TEXT = """("caller_name" || ' | ' || "phone" || ' | ' || "address" || ' | ' || "description")"""
CUSTOMER_TEXT = '"search_text"'
KB_TEXT = """("question" || ' | ' || "answer" || ' | ' || "tags")"""

# FTS5 tables on SQLite: (virtual table, the content table it indexes).
FTS_TABLES = {"ticket": "ticket_fts", "customer": "customer_fts", "kb_article": "kb_fts"}
