"""知识库: the desk's questions and their agreed answers, written by those who may edit the knowledge base.

The seed: "客服坐席接到热线咨询、投诉等情况，如知识库没有相应解决方案，坐席人员将发起工单" — the desk answers from
here first; and the weekly team meeting "针对特殊疑难问题的解决进行案例分析，并总结出统一的答复口径，传达到每位业务
代表" — an answer agreed there becomes an article in one step (`article_from_ticket`).

Every write asks the rule book (Operation.EDIT_KNOWLEDGE) of the actor's current record, validates into
ValidationError(field=...), checks the version the editor loaded, writes the article and its audit row in one
transaction, then emits Change("knowledge", ...). Searching is services.search.search_articles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

import peewee as pw

from desk_app.core.errors import ConflictError, NotFound, ValidationError
from desk_app.core.kinds import TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation
from desk_app.core.rules import can_read, require
from desk_app.core.states import State
from desk_app.core.text import no_nul
from desk_app.core.validation import text_field
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import CallRecord, KbArticle, Staff, Ticket
from desk_app.services import audit
from desk_app.services.desk import Actor, DeskService, current_actor, ticket_facts
from desk_app.services.events import Change

MAX_QUESTION = 500
MAX_ANSWER = 4000
MAX_TAGS = 200

SOURCE_DESK = ""            # written at the desk
SOURCE_MEETING = "meeting"  # 班务会: the weekly meeting's agreed answer (统一答复口径)
SOURCE_TICKET = "ticket"    # taken from a solved ticket

# A ticket whose answer may go into the knowledge base: solved (已完结), return-visited, archived.
ANSWERED_STATES = frozenset({State.RESOLVED, State.VISITED, State.ARCHIVED})

_TAG_SEPARATORS = re.compile(r"[\s,，、;；/›>]+")


@dataclass(frozen=True)
class ArticleDraft:
    """An article as typed in the editor; `validated()` gives the stored form or a ValidationError on its field."""

    question: str
    answer: str
    kind: str = ""
    tags: str = ""

    def validated(self) -> "ArticleDraft":
        question = text_field(self.question, "question", MAX_QUESTION, required=True, collapse=True)
        answer = text_field(self.answer, "answer", MAX_ANSWER, required=True)
        kind = (self.kind or "").strip()
        no_nul(kind, "kind")
        if kind:
            try:
                kind = TicketKind(kind).value
            except ValueError:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not a ticket kind: {kind}"), field="kind",
                                      kind=kind) from None
        no_nul(self.tags or "", "tags")
        tags = normalize_tags(self.tags)
        if len(tags) > MAX_TAGS:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."),
                                  field="tags", limit=MAX_TAGS)
        return dataclasses.replace(self, question=question, answer=answer, kind=kind, tags=tags)


def normalize_tags(text: str) -> str:
    """Tags as stored: separated by one space, each once, in the order given (逗号、顿号 and slashes split too)."""
    seen: list[str] = []
    for tag in _TAG_SEPARATORS.split(text or ""):
        if tag and tag not in seen:
            seen.append(tag)
    return " ".join(seen)


@dataclass(frozen=True)
class ArticleView:
    """One article as the 知识库 window shows it."""

    id: int
    question: str
    answer: str
    kind: str
    tags: str
    author: str
    created_at: dt.datetime
    updated_by: str
    updated_at: dt.datetime
    source: str
    source_ticket_id: int | None
    source_ticket_number: str
    meeting_on: dt.date | None
    retired: bool
    version: int
    answered_calls: int       # register lines closed with this article


def _editor(actor: Actor) -> Actor:
    """The actor's current record, if the rule book lets them edit the knowledge base."""
    actor = current_actor(actor)
    require(actor.facts, Operation.EDIT_KNOWLEDGE)
    return actor


def _load(article_id: int, *, for_update: bool = False) -> KbArticle:
    query = KbArticle.select().where(KbArticle.id == article_id)
    if for_update and is_postgres():
        query = query.for_update()
    article = query.first()
    if article is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No knowledge-base article with id {id}."), id=article_id)
    return article


def _conflict() -> ConflictError:
    return ConflictError(QT_TRANSLATE_NOOP(
        "DeskError", "This article was changed by someone else meanwhile. Reload it and try again; what you typed "
                     "is kept."))


def _check_version(article: KbArticle, expected_version: int) -> None:
    if article.version != expected_version:
        raise _conflict()


def _save(article: KbArticle, loaded_version: int, fields: dict) -> None:
    """Write only if nobody else did since it was loaded."""
    fields[KbArticle.version] = loaded_version + 1
    updated = KbArticle.update(fields).where(
        (KbArticle.id == article.id) & (KbArticle.version == loaded_version)).execute()
    if updated != 1:
        raise _conflict()


def create_article(service: DeskService, actor: Actor, question: str, answer: str, *, kind: str = "",
                   tags: str = "") -> int:
    """新建: a new article; returns its id."""
    actor = _editor(actor)
    draft = ArticleDraft(question, answer, kind, tags).validated()
    now = service.now()
    with database.atomic():
        article_id = _insert(actor, draft, now)
        audit.record(actor.id, "kb_article", "create", article_id, draft.question[:200], at=now)
    service.events.emit(Change("knowledge", "create", article_id))
    return article_id


def _insert(actor: Actor, draft: ArticleDraft, now: dt.datetime, **extra) -> int:
    return KbArticle.create(question=draft.question, answer=draft.answer, kind=draft.kind, tags=draft.tags,
                            author=actor.id, created_at=now, updated_by=actor.id, updated_at=now, version=1,
                            **extra).id


def update_article(service: DeskService, actor: Actor, article_id: int, question: str, answer: str, kind: str,
                   tags: str, *, expected_version: int) -> None:
    """编辑: change an article the editor loaded at `expected_version` (stale → ConflictError)."""
    actor = _editor(actor)
    draft = ArticleDraft(question, answer, kind, tags).validated()
    now = service.now()
    with database.atomic():
        article = _load(article_id, for_update=True)
        _check_version(article, expected_version)
        if article.retired:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This article is retired."))
        _save(article, article.version, {KbArticle.question: draft.question, KbArticle.answer: draft.answer,
                                         KbArticle.kind: draft.kind, KbArticle.tags: draft.tags,
                                         KbArticle.updated_by: actor.id, KbArticle.updated_at: now})
        audit.record(actor.id, "kb_article", "update", article_id, draft.question[:200], at=now)
    service.events.emit(Change("knowledge", "update", article_id))


def retire_article(service: DeskService, actor: Actor, article_id: int, *, expected_version: int) -> None:
    """停用: the answer no longer holds; the article leaves the search (the register lines it answered keep it)."""
    actor = _editor(actor)
    now = service.now()
    with database.atomic():
        article = _load(article_id, for_update=True)
        _check_version(article, expected_version)
        if article.retired:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This article is retired."))
        _save(article, article.version, {KbArticle.retired: True, KbArticle.updated_by: actor.id,
                                         KbArticle.updated_at: now})
        audit.record(actor.id, "kb_article", "retire", article_id, article.question[:200], at=now)
    service.events.emit(Change("knowledge", "retire", article_id))


def article(article_id: int) -> ArticleView:
    """One article with its author's and last editor's names, its source and how many calls it answered."""
    author = Staff.alias()
    editor = Staff.alias()
    row = (KbArticle.select(KbArticle, author.name.alias("author_name"), editor.name.alias("editor_name"),
                            Ticket.number.alias("ticket_number"))
           .join(author, on=(KbArticle.author == author.id))
           .switch(KbArticle).join(editor, pw.JOIN.LEFT_OUTER, on=(KbArticle.updated_by == editor.id))
           .switch(KbArticle).join(Ticket, pw.JOIN.LEFT_OUTER, on=(KbArticle.source_ticket == Ticket.id))
           .where(KbArticle.id == article_id).objects().first())
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No knowledge-base article with id {id}."), id=article_id)
    answered = CallRecord.select(pw.fn.COUNT(CallRecord.id)).where(CallRecord.kb_article == article_id).scalar()
    return ArticleView(
        id=row.id, question=row.question, answer=row.answer, kind=row.kind or "", tags=row.tags or "",
        author=row.author_name or "", created_at=row.created_at, updated_by=row.editor_name or "",
        updated_at=row.updated_at, source=row.source or "", source_ticket_id=row.source_ticket_id,
        source_ticket_number=row.ticket_number or "", meeting_on=row.meeting_on, retired=bool(row.retired),
        version=row.version, answered_calls=int(answered or 0))


# ----- answers offered at intake --------------------------------------------------------------------------------

SUGGESTIONS = 5
_MIN_TAG = 2
_vocabulary: tuple[tuple, tuple[str, ...]] = ((), ())


def known_tags() -> tuple[str, ...]:
    """Every tag of the articles in use, longest first (re-read only when an article was added or changed)."""
    global _vocabulary
    # Which database, and a change anywhere in its articles (a new one, an edit, a retirement) makes a new key.
    key = (str(database.database),) + tuple(KbArticle.select(
        pw.fn.COUNT(KbArticle.id), pw.fn.MAX(KbArticle.id), pw.fn.MAX(KbArticle.updated_at),
        pw.fn.SUM(KbArticle.version)).tuples().get())
    if _vocabulary[0] != key:
        tags: set[str] = set()
        for (text,) in KbArticle.select(KbArticle.tags).where(~KbArticle.retired).tuples():
            tags.update(t for t in (text or "").split() if len(t) >= _MIN_TAG)
        _vocabulary = (key, tuple(sorted(tags, key=lambda t: (-len(t), t))))
    return _vocabulary[1]


def key_terms(text: str, tags: tuple[str, ...]) -> list[str]:
    """What of a caller's words the knowledge base can look for: the words as typed (when they are few), then the
    articles' tags found in the text ("我想问下装修要办什么手续" → 装修, 手续), each once, at most eight."""
    clean = " ".join((text or "").replace("\x00", "").split())
    terms: list[str] = []
    if clean and len(clean) <= 40:
        terms.append(clean)
    lowered = clean.lower()
    for tag in tags:
        if tag.lower() in lowered and not any(tag.lower() in t.lower() for t in terms[1:]):
            terms.append(tag)
        if len(terms) >= 8:
            break
    return terms


def suggest(text: str, search, *, kind: str | None = None, limit: int = SUGGESTIONS) -> list:
    """Up to `limit` articles for what the caller says, best first. Each key term an article matches counts one
    point, one more where the term is in its question and one more where it is one of its tags (what the editors
    chose it to be found by); the whole text matching counts as much as all the tags together. Ties go by the
    search's own score. `search` is services.search.search_articles (passed in: the search service sits beside
    this one)."""
    terms = key_terms(text, known_tags())
    whole = " ".join((text or "").split())
    found: dict[int, list] = {}
    for term in terms:
        weight = max(1, len(terms) - 1) if term == whole else 1
        for hit in search(term, kind=kind, limit=20):
            points = weight * (1 + (term in hit.question) + (term in hit.tags.split()))
            entry = found.setdefault(hit.id, [0, 0.0, hit])
            entry[0] += points
            entry[1] += hit.score
    ranked = sorted(found.values(), key=lambda v: (-v[0], -v[1], -v[2].updated_at.timestamp(), -v[2].id))
    return [hit for _points, _score, hit in ranked[:limit]]


@dataclass(frozen=True)
class TicketAnswer:
    """What `article_from_ticket` would take from a ticket: the meeting dialog shows it prefilled."""

    ticket_id: int
    number: str
    question: str
    answer: str
    kind: str
    tags: str


def ticket_answer(service: DeskService, actor: Actor, ticket_id: int) -> TicketAnswer:
    """The question (the ticket's description), the answer (what the customer was told, else the solution), its
    kind and tags (the catalogue entry) — if the actor may read the ticket and it is solved or closed."""
    actor = current_actor(actor)
    ticket = Ticket.get_or_none(Ticket.id == ticket_id)
    if ticket is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No ticket with id {id}."), id=ticket_id)
    verdict = can_read(actor.facts, ticket_facts(ticket), service.config.rules())
    if not verdict.allowed:
        raise verdict.error()
    if State(ticket.state) not in ANSWERED_STATES:
        raise ValidationError(QT_TRANSLATE_NOOP(
            "DeskError", "Ticket {number} is not solved yet: only a solved or closed ticket's answer goes into the "
                         "knowledge base."), number=ticket.number)
    answer = (ticket.reply_note or "").strip() or (ticket.solution or "").strip()
    return TicketAnswer(ticket.id, ticket.number, " ".join((ticket.description or "").split())[:MAX_QUESTION],
                        answer[:MAX_ANSWER], ticket.kind or "", normalize_tags(ticket.category or ""))


def article_from_ticket(service: DeskService, actor: Actor, ticket_id: int, *, meeting_on: dt.date,
                        question: str | None = None, answer: str | None = None) -> int:
    """存入知识库（班务会答复口径）: the weekly meeting's agreed answer to a solved ticket becomes an article in one
    step — question and answer from the ticket unless given, kind and tags from it, source "meeting", the meeting's
    date and the ticket kept. Returns the article's id."""
    actor = _editor(actor)
    taken = ticket_answer(service, actor, ticket_id)
    if not isinstance(meeting_on, dt.date) or isinstance(meeting_on, dt.datetime):
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Give the meeting's date."), field="meeting_on")
    now = service.now()
    if meeting_on > now.date():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The meeting's date cannot be in the future."),
                              field="meeting_on")
    draft = ArticleDraft(taken.question if question is None else question,
                         taken.answer if answer is None else answer, taken.kind, taken.tags).validated()
    with database.atomic():
        article_id = _insert(actor, draft, now, source=SOURCE_MEETING, source_ticket=ticket_id,
                             meeting_on=meeting_on)
        audit.record(actor.id, "kb_article", "from_ticket", article_id,
                     f"{taken.number}; {meeting_on.isoformat()}; {draft.question[:150]}", at=now)
    service.events.emit(Change("knowledge", "create", article_id))
    return article_id
