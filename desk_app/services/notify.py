"""Notifications: in-app notices for staff, and their outbound e-mail/SMS copies sent through a retrying outbox.

How it fits together
--------------------
- ``Notifier.notify`` writes one ``Notification`` (the in-app list, unread count, tray message) and, when the
  administrator enabled outbound sending for that kind of event, one ``Outbox`` row per channel the recipient has an
  address for, in one transaction.
- ``Notifier.on_change`` listens on the desk's EventBus and turns ticket actions into notices (``ACTION_RULES``).
- ``Notifier.scan_deadlines`` and ``Notifier.deliver_pending`` are meant to run periodically on a worker thread:
  the first turns approaching/overdue clocks into notices (each once), the second sends due outbox rows. Network I/O
  happens outside any database transaction; every row's outcome is written in its own short transaction. A failed
  send is retried with back-off (1, 2, 4 … minutes, at most hourly) and stays visible; rows are never deleted.

Every user-visible title and body (Chinese: they are read by staff on their phone or in their mailbox) comes from
``TEMPLATES`` below.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Protocol

import peewee as pw

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.permissions import Operation
from desk_app.core.policies import ClockKind
from desk_app.core.states import OPEN_STATES, State
from desk_app.core.validation import normalize_phone
from desk_app.models.db import database
from desk_app.models.schema import Clock, Department, History, Notification, Outbox, Setting, Staff, Ticket
from desk_app.core.rules import require
from desk_app.services import audit as audit_log
from desk_app.services import secrets
from desk_app.services.desk import current_actor
from desk_app.services.events import Change, EventBus

if TYPE_CHECKING:
    import urllib.request
    from email.message import EmailMessage

# The mail and HTTP modules (smtplib, ssl, urllib.request, http.client, email: tens of milliseconds) are imported by
# the senders when they send: the main window imports this module at start-up and sends nothing then.

log = logging.getLogger(__name__)

EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)

# Notification kinds that are not ticket actions.
APPROACHING = "approaching"
OVERDUE = "overdue"
ESCALATION = "escalation"

# The center leader's role; the lead is adding Role.CENTER with this value.
CENTER_ROLE = "center"

ESCALATION_LEVELS = ("general", "emergency", "major")

FAILING_AFTER = 10                 # attempts after which a row is reported as failing (it is still retried)
MAX_BACKOFF_MINUTES = 60
CLAIM_LEASE = dt.timedelta(minutes=5)   # a row being sent is hidden from other desks this long
MAX_ERROR_CHARS = 200
SMS_MAX_CHARS = 300
SUMMARY_CHARS = 60


class SendError(Exception):
    """A message could not be handed over; the text is short and never contains a password or an API key."""


# ----- templates: every text a member of staff reads ----------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    title: str
    body: str

    def render(self, **values: object) -> tuple[str, str]:
        return self.title.format(**values)[:200], self.body.format(**values)


TEMPLATES: dict[str, Template] = {
    "dispatch": Template("新工单 {number} 已派给您",
                         "{kind}｜{place}\n{summary}\n最近时限：{due}\n请及时接单处理。"),
    "return": Template("工单 {number} 被退回：{short_reason}",
                       "退回人：{actor}{department}\n原因：{reason}\n{kind}｜{place}\n{summary}\n请重新派单。"),
    APPROACHING: Template("工单 {number} {clock}即将到期",
                          "{clock}截止：{deadline}\n{kind}｜{place}\n{summary}\n请尽快处理。"),
    OVERDUE: Template("工单 {number} {clock}已超时",
                      "{clock}截止：{deadline}，已超时。\n当前处理人：{holder}\n{kind}｜{place}\n{summary}"),
    "transfer": Template("工单 {number} 已转派给您",
                         "转派人：{actor}\n原因：{reason}\n{kind}｜{place}\n{summary}\n请及时接单处理。"),
    "step": Template("工单 {number} {step}",
                     "{kind}｜{place}\n{summary}\n上一步：{actor}\n请及时处理。"),
    "send_back": Template("工单 {number} 被退回修改：{short_reason}",
                          "退回人：{actor}\n原因：{reason}\n{kind}｜{place}\n{summary}"),
    "reopen": Template("工单 {number} 回访不满意，需重新处理",
                       "回访人：{actor}\n客户意见：{reason}\n{kind}｜{place}\n{summary}"),
    ESCALATION: Template("【{level}】工单 {number} 升级通知",
                         "投诉升级：{level}\n{kind}｜{place}\n{summary}\n请立即关注并处理。"),
}

LEVEL_NAMES = {"general": "一般", "emergency": "紧急/复杂", "major": "重大"}
EMAIL_FOOTER = "\n\n——\n此邮件由工单台自动发送，请勿直接回复。"


def sms_text(title: str, body: str) -> str:
    """One SMS: the title, then the body on one line, cut to a length every gateway accepts."""
    text = f"{title}。{body}".replace("\r", "").replace("\n", "；")
    return text if len(text) <= SMS_MAX_CHARS else text[:SMS_MAX_CHARS - 1] + "…"


def _shorten(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _kind_name(kind: str) -> str:
    try:
        return chinese(TicketKind(kind))
    except ValueError:
        return kind


def _clock_name(kind: str) -> str:
    try:
        return chinese(ClockKind(kind))
    except ValueError:
        return kind


def _ticket_values(ticket: Ticket) -> dict[str, str]:
    """The fields every ticket template may use."""
    return {
        "number": ticket.number,
        "kind": _kind_name(ticket.kind),
        "place": ticket.address or ticket.area or "（无地址）",
        "summary": _shorten(ticket.description, SUMMARY_CHARS),
        "due": f"{_when(ticket.due_at)}（{_clock_name(ticket.due_clock)}）" if ticket.due_at else "—",
    }


# ----- senders ------------------------------------------------------------------------------------------------------


class Sender(Protocol):
    """Hands one message to the outside world; raises SendError if it could not."""

    channel: str

    def send(self, address: str, subject: str, body: str) -> None: ...


def _scrub(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def _short_error(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS - 1] + "…"


class SmtpSender:
    """E-mail over SMTP (optionally STARTTLS and login); UTF-8 subject and body."""

    channel = EMAIL

    def __init__(self, host: str, port: int, sender_address: str, *, username: str | None = None,
                 password: str | None = None, starttls: bool = False, timeout: float = 10) -> None:
        self.host = host
        self.port = int(port)
        self.sender_address = sender_address
        self.username = username or None
        self._password = password or None
        self.starttls = starttls
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"SmtpSender({self.host!r}, {self.port}, {self.sender_address!r}, username={self.username!r})"

    def message(self, address: str, subject: str, body: str) -> EmailMessage:
        from email.message import EmailMessage
        from email.utils import formatdate, make_msgid, parseaddr

        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = self.sender_address
        message["To"] = address
        message["Date"] = formatdate(localtime=True)
        domain = parseaddr(self.sender_address)[1].rpartition("@")[2] or None
        message["Message-ID"] = make_msgid(domain=domain)
        message.set_content(body, charset="utf-8")
        return message

    def send(self, address: str, subject: str, body: str) -> None:
        import smtplib
        import ssl

        message = self.message(address, subject, body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self._password or "")
                smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            raise SendError(_short_error(f"SMTP refused the recipient: {self._describe(error)}")) from None
        except smtplib.SMTPResponseException as error:
            reply = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) \
                else str(error.smtp_error)
            raise SendError(_short_error(f"SMTP {error.smtp_code} {self._hide(reply)}")) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendError(_short_error(f"SMTP {self.host}:{self.port}: {self._describe(error)}")) from None

    def _describe(self, error: BaseException) -> str:
        return self._hide(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)

    def _hide(self, text: str) -> str:
        return _scrub(text, [self._password])


_PLACEHOLDER = re.compile(r"\{(phone|text)\}")


def sms_body_format(template: str) -> str:
    """How a template is filled: "json" (values escaped as JSON strings), "form" (URL-encoded) or "text" (as is)."""
    skeleton = _PLACEHOLDER.sub("", template).strip()
    if skeleton[:1] in ("{", "["):
        return "json"
    if "=" in skeleton:
        return "form"
    return "text"


def fill_sms_template(template: str, phone: str, text: str) -> str:
    """Put the phone number and the text into the template, escaped for the template's format."""
    body_format = sms_body_format(template)
    if body_format == "json":
        def escape(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)[1:-1]
    elif body_format == "form":
        def escape(value: str) -> str:
            return urllib.parse.quote_plus(value, encoding="utf-8")
    else:
        def escape(value: str) -> str:
            return value
    values = {"phone": escape(phone), "text": escape(text)}
    pieces = []
    position = 0
    # One pass: a text that itself contains "{phone}" is not filled again.
    for match in _PLACEHOLDER.finditer(template):
        pieces += [_literal(template[position:match.start()], body_format), values[match.group(1)]]
        position = match.end()
    pieces.append(_literal(template[position:], body_format))
    return "".join(pieces)


def _literal(text: str, body_format: str) -> str:
    """The template's own text; in a form body, non-ASCII and spaces (e.g. a Chinese signature) are encoded."""
    if body_format != "form":
        return text
    return re.sub(r"[^\x21-\x7e]+", lambda m: urllib.parse.quote(m.group(), encoding="utf-8"), text)


_CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "form": "application/x-www-form-urlencoded; charset=utf-8",
    "text": "text/plain; charset=utf-8",
}


class HttpSmsSender:
    """SMS through an HTTP gateway: the template (with {phone} and {text}) becomes the request body (or query)."""

    channel = SMS

    def __init__(self, url: str, template: str, *, method: str = "POST", timeout: float = 10) -> None:
        problem = check_sms_url(url) or check_sms_template(template)
        if problem:
            raise ValueError(problem)
        self.url = url
        self.template = template
        self.method = method.upper()
        if self.method not in ("POST", "PUT", "GET"):
            raise ValueError(f"unsupported HTTP method {method!r}")
        self.timeout = timeout
        self.body_format = sms_body_format(template)

    def __repr__(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return f"HttpSmsSender({parts.scheme}://{parts.hostname}:{parts.port or ''}{parts.path}, {self.method})"

    def request(self, phone: str, text: str) -> urllib.request.Request:
        import urllib.request

        filled = fill_sms_template(self.template, phone, text)
        if self.method == "GET":
            query = filled if self.body_format == "form" else urllib.parse.urlencode({"body": filled})
            joiner = "&" if urllib.parse.urlsplit(self.url).query else "?"
            return urllib.request.Request(self.url + joiner + query, method="GET")
        return urllib.request.Request(self.url, data=filled.encode("utf-8"), method=self.method,
                                      headers={"Content-Type": _CONTENT_TYPES[self.body_format]})

    def send(self, address: str, subject: str, body: str) -> None:
        import http.client
        import urllib.error
        import urllib.request

        request = self.request(address, body)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
                status, reason = response.status, response.reason
        except urllib.error.HTTPError as error:
            status, reason = error.code, error.reason
            error.close()
        except urllib.error.URLError as error:
            # The gateway URL may carry an API key in its query: name the host only.
            raise SendError(_short_error(f"SMS gateway {self._host()} unreachable: {error.reason}")) from None
        except (OSError, ValueError, http.client.HTTPException) as error:
            raise SendError(_short_error(f"SMS gateway {self._host()}: {type(error).__name__}: {error}")) from None
        if not 200 <= status < 300:
            raise SendError(_short_error(f"SMS gateway {self._host()} answered HTTP {status} {reason}"))

    def _host(self) -> str:
        parts = urllib.parse.urlsplit(self.url)
        return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


# ----- settings -----------------------------------------------------------------------------------------------------

KEY_PREFIX = "notify."
_KEYS = {
    "smtp_host": "notify.smtp.host",
    "smtp_port": "notify.smtp.port",
    "smtp_from": "notify.smtp.from",
    "smtp_user": "notify.smtp.user",
    "smtp_password": "notify.smtp.password",
    "smtp_starttls": "notify.smtp.starttls",
    "sms_url": "notify.sms.url",
    "sms_template": "notify.sms.template",
    "email_enabled": "notify.email.enabled",
    "sms_enabled": "notify.sms.enabled",
    "events": "notify.events",
}
DEFAULT_SMS_TEMPLATE = '{"to": "{phone}", "msg": "{text}"}'


def known_event_kinds() -> frozenset[str]:
    """Every kind of notice; the administrator picks which of them also go out by e-mail/SMS."""
    return frozenset(ACTION_RULES) | {APPROACHING, OVERDUE, ESCALATION}


@dataclass(frozen=True)
class NotifySettings:
    """Outbound sending as the administrator configured it. The password never shows in repr() or logs."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_starttls: bool = False
    sms_url: str = ""
    sms_template: str = DEFAULT_SMS_TEMPLATE
    email_enabled: bool = False
    sms_enabled: bool = False
    events: frozenset[str] | None = None     # None: every kind (also those added later)

    def channel_enabled(self, channel: str) -> bool:
        return {EMAIL: self.email_enabled, SMS: self.sms_enabled}.get(channel, False)

    def sends_event(self, kind: str) -> bool:
        return self.events is None or kind in self.events


def _as_bool(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "yes", "on")


def load_notify_settings() -> NotifySettings:
    """The stored settings; a value that cannot be read falls back to its default (and is logged, without value)."""
    stored = {row.key: row.value for row in Setting.select().where(Setting.key.startswith(KEY_PREFIX))}
    values: dict[str, object] = {}
    for name, key in _KEYS.items():
        if key not in stored:
            continue
        text = stored[key]
        if name == "smtp_port":
            try:
                values[name] = int(text)
            except ValueError:
                log.warning("setting %s is not a number; using the default", key)
        elif name in ("smtp_starttls", "email_enabled", "sms_enabled"):
            values[name] = _as_bool(text)
        elif name == "events":
            values[name] = frozenset(part.strip() for part in text.split(",") if part.strip())
        else:
            values[name] = text
    values["smtp_password"] = _smtp_password(str(values.get("smtp_password", "")))
    return NotifySettings(**values)


def _smtp_password(plain: str) -> str:
    """The SMTP password from the secret store. A plain-text one left in the Setting table by an older version is
    moved there first and blanked in the table (kept in the table only if the store refuses it)."""
    if plain:
        try:
            secrets.set_secret(secrets.SMTP, plain)
        except secrets.SecretStoreError as error:
            log.warning("the SMTP password stays in the settings table: %s", error)
            return plain
        with database.atomic():
            Setting.update(value="").where(Setting.key == _KEYS["smtp_password"]).execute()
        log.info("the SMTP password was moved out of the settings table into the %s", secrets.where())
        return plain
    try:
        return secrets.get_secret(secrets.SMTP) or ""
    except secrets.SecretStoreError as error:
        log.warning("%s", error)
        return ""


def check_sms_url(url: str) -> str | None:
    """Why `url` cannot be an SMS gateway, or None."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "the SMS gateway URL must start with http:// or https:// and name a host"
    return None


def check_sms_template(template: str) -> str | None:
    """Why `template` cannot make a request body, or None."""
    missing = [p for p in ("{phone}", "{text}") if p not in template]
    if missing:
        return f"the SMS template lacks {', '.join(missing)}"
    if sms_body_format(template) == "json":
        try:
            json.loads(fill_sms_template(template, "13800000000", "测试\"引号\"\n换行\\"))
        except ValueError:
            return "the SMS template looks like JSON but does not give valid JSON (quote the placeholders)"
    return None


def _invalid(message: str, name: str, **params: object) -> ValidationError:
    return ValidationError(message, field=name, **params)


def validated_notify_settings(settings: NotifySettings) -> NotifySettings:
    """The settings cleaned up, or ValidationError naming the field (a NotifySettings attribute) to correct."""
    from email.utils import parseaddr

    host = settings.smtp_host.strip()
    sender = settings.smtp_from.strip()
    url = settings.sms_url.strip()
    port = settings.smtp_port
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "The port must be a number from 1 to 65535."), "smtp_port")
    if host and (len(host) > 253 or not re.fullmatch(r"[A-Za-z0-9._:\[\]-]+", host)):
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "Not a valid server name: {host}"), "smtp_host", host=host)
    if settings.email_enabled and not host:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "This field is required."), "smtp_host")
    if sender and "@" not in parseaddr(sender)[1]:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "Not a valid e-mail address: {address}"), "smtp_from",
                       address=sender)
    if settings.email_enabled and not sender:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "This field is required."), "smtp_from")
    if len(settings.smtp_user) > 200:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."), "smtp_user",
                       limit=200)
    if len(settings.smtp_password) > 200:
        raise _invalid(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."), "smtp_password",
                       limit=200)
    if (url or settings.sms_enabled) and check_sms_url(url):
        raise _invalid(QT_TRANSLATE_NOOP(
            "DeskError", "The SMS gateway address must start with http:// or https://."), "sms_url")
    if settings.sms_enabled or settings.sms_template != DEFAULT_SMS_TEMPLATE:
        if check_sms_template(settings.sms_template):
            raise _invalid(QT_TRANSLATE_NOOP(
                "DeskError", "The SMS template needs {{phone}} and {{text}} and, if it is JSON, must stay valid "
                             "JSON with them filled in."), "sms_template")
    events = settings.events
    if events is not None:
        unknown = sorted(set(events) - known_event_kinds())
        if unknown:
            raise _invalid(QT_TRANSLATE_NOOP("DeskError", "Unknown kind of notice: {kind}"), "events",
                           kind=unknown[0])
        events = frozenset(events)
    return replace(settings, smtp_host=host, smtp_from=sender, sms_url=url, smtp_user=settings.smtp_user.strip(),
                   events=events)


def _put(key: str, value: str) -> None:
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}).execute()


def save_notify_settings(actor, settings: NotifySettings, *, keep_password: bool = False) -> NotifySettings:
    """Store the outbound settings (administrators only). `keep_password` keeps the stored SMTP password.

    `actor` is a desk_app.services.desk.Actor (anything with a `role`). Returns what was stored.
    """
    require(current_actor(actor).facts, Operation.ADMINISTER)
    settings = validated_notify_settings(settings)
    if not keep_password:
        try:  # first, so that a store that refuses leaves everything as it was
            secrets.set_secret(secrets.SMTP, settings.smtp_password)
        except secrets.SecretStoreError as error:
            raise _invalid(QT_TRANSLATE_NOOP("DeskError", "The password could not be stored: {reason}"),
                           "smtp_password", reason=str(error)) from None
    with database.atomic():
        audit_log.record(actor.id, "settings", "notify_settings", "",
                         f"smtp={settings.smtp_host}:{settings.smtp_port}; sms={settings.sms_url}")
        if keep_password:
            settings = replace(settings, smtp_password=load_notify_settings().smtp_password)
        for item in fields(NotifySettings):
            value = getattr(settings, item.name)
            if item.name == "events":
                if value is None:
                    Setting.delete().where(Setting.key == _KEYS["events"]).execute()
                    continue
                text = ",".join(sorted(value))
            elif isinstance(value, bool):
                text = "1" if value else "0"
            elif item.name == "smtp_password":
                text = ""    # kept in the secret store, never in the table
            else:
                text = str(value)
            _put(_KEYS[item.name], text)
    log.info("notification settings saved by staff %s (e-mail %s, SMS %s)", getattr(actor, "id", "?"),
             settings.email_enabled, settings.sms_enabled)
    return settings


def build_senders(settings: NotifySettings) -> dict[str, Sender]:
    """The senders the settings describe (enabled and configured channels only)."""
    senders: dict[str, Sender] = {}
    if settings.email_enabled and settings.smtp_host and settings.smtp_from:
        senders[EMAIL] = SmtpSender(settings.smtp_host, settings.smtp_port, settings.smtp_from,
                                    username=settings.smtp_user or None, password=settings.smtp_password or None,
                                    starttls=settings.smtp_starttls)
    if settings.sms_enabled and settings.sms_url:
        try:
            senders[SMS] = HttpSmsSender(settings.sms_url, settings.sms_template)
        except ValueError as error:
            log.warning("SMS sender not built: %s", error)
    return senders


# ----- recipients ---------------------------------------------------------------------------------------------------


def staff_with_roles(roles: Iterable[str], department_id: int | None = None) -> list[int]:
    """Active staff of any of `roles` (optionally of one department), by id."""
    query = Staff.select(Staff.id).where(Staff.active & Staff.role.in_([str(r) for r in roles]))
    if department_id is not None:
        query = query.where(Staff.department == department_id)
    return [s.id for s in query.order_by(Staff.id)]


def _ticket_receiver(ticket: Ticket, entry: History | None) -> list[int]:
    return [ticket.receiver_id] if ticket.receiver_id else []


def _audit_and_dispatchers(ticket: Ticket, entry: History | None) -> list[int]:
    """Who re-dispatches a returned ticket: the audit center, second-level dispatchers and whoever dispatched it."""
    ids = staff_with_roles([Role.AUDIT, Role.DISPATCHER])
    last_dispatch = (History.select(History.actor).where((History.ticket == ticket.id) & (History.action == "dispatch"))
                     .order_by(History.id.desc()).first())
    if last_dispatch is not None and last_dispatch.actor_id:
        ids.append(last_dispatch.actor_id)
    return ids


def _department_leaders(ticket: Ticket, entry: History | None) -> list[int]:
    return staff_with_roles([Role.LEADER], ticket.department_id) if ticket.department_id else []


def _current_step_people(ticket: Ticket, entry: History | None) -> list[int]:
    """Who takes the ticket's next approval step: the department leader, the office, the center leader, the audit
    center, or the front desk that opened it (for the reply to the customer)."""
    state = ticket.state
    if state == State.PENDING_LEADER:
        return _department_leaders(ticket, entry)
    if state == State.PENDING_OFFICE:
        return staff_with_roles([Role.OFFICE])
    if state == State.PENDING_CENTER:
        return staff_with_roles([Role.CENTER])
    if state == State.PENDING_AUDIT:
        return staff_with_roles([Role.AUDIT])
    if state == State.PENDING_REPLY:
        return [ticket.created_by_id]
    return []


Recipients = Callable[[Ticket, "History | None"], Iterable[int]]


@dataclass(frozen=True)
class ActionRule:
    """Who hears of a ticket action, and with which template (a key of TEMPLATES)."""

    recipients: Recipients
    template: str


# A ticket action (Change.action) → who is told and how. Adding an action is one line here and one in TEMPLATES.
ACTION_RULES: dict[str, ActionRule] = {
    "dispatch": ActionRule(_ticket_receiver, "dispatch"),
    "return": ActionRule(_audit_and_dispatchers, "return"),
    "transfer": ActionRule(_ticket_receiver, "transfer"),
    "resolve": ActionRule(_current_step_people, "step"),
    "approve": ActionRule(_current_step_people, "step"),
    "send_back": ActionRule(_ticket_receiver, "send_back"),
    "reopen": ActionRule(_ticket_receiver, "reopen"),
}

STEP_NAMES = {State.PENDING_LEADER: "待您审批", State.PENDING_OFFICE: "待办公室审核", State.PENDING_CENTER: "待中心领导审批",
              State.PENDING_AUDIT: "待审核确认", State.PENDING_REPLY: "待反馈客户"}


# ----- views --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationView:
    """One line of a staff member's notification list."""

    id: int
    kind: str
    title: str
    body: str
    ticket_id: int | None
    ticket_number: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @property
    def unread(self) -> bool:
        return self.read_at is None


@dataclass(frozen=True)
class OutboxView:
    """One outbound message as the administrator sees it; `failing` after FAILING_AFTER failed attempts."""

    id: int
    channel: str
    address: str
    subject: str
    created_at: dt.datetime
    attempts: int
    last_error: str
    next_attempt_at: dt.datetime
    sent_at: dt.datetime | None
    notification_id: int | None
    recipient: str

    @property
    def failing(self) -> bool:
        return self.sent_at is None and self.attempts >= FAILING_AFTER


@dataclass(frozen=True)
class DeliveryReport:
    """What one deliver_pending round did; `failing` counts unsent rows that failed FAILING_AFTER times or more."""

    attempted: int = 0
    sent: int = 0
    failed: int = 0
    failing: int = 0
    errors: tuple[str, ...] = ()


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the `attempts`-th failure: 1, 2, 4, 8 … minutes, at most MAX_BACKOFF_MINUTES."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), MAX_BACKOFF_MINUTES))


def _sms_address(phone: str) -> str | None:
    """The number an SMS gateway expects (mainland numbers without +86), or None if it is not a valid number."""
    try:
        e164 = normalize_phone(phone)
    except ValidationError:
        return None
    if not e164:
        return None
    return e164[3:] if e164.startswith("+86") else e164


# ----- the notifier -------------------------------------------------------------------------------------------------


class Notifier:
    """Writes notices, sends their outbound copies and scans the clocks. Safe to call from a worker thread."""

    def __init__(self, now: Callable[[], dt.datetime] | None = None, senders: Mapping[str, Sender] | None = None,
                 *, settings: NotifySettings | None = None, events: EventBus | None = None) -> None:
        """`senders` and `settings` default to what the administrator stored (re-read on every call, so a change
        takes effect at once); `events`, if given, hears Change("notification", kind, ticket_id) after each notice."""
        self._now = now or dt.datetime.now
        self._senders = dict(senders) if senders is not None else None
        self._settings = settings
        self.events = events

    def now(self) -> dt.datetime:
        return self._now().replace(microsecond=0)

    def settings(self) -> NotifySettings:
        return self._settings if self._settings is not None else load_notify_settings()

    def senders(self) -> dict[str, Sender]:
        return dict(self._senders) if self._senders is not None else build_senders(self.settings())

    # ----- writing notices -------------------------------------------------------------------------------------

    def notify(self, recipient_staff_id: int, kind: str, title: str, body: str, *, ticket_id: int | None = None,
               dedupe_key: str | None = None, settings: NotifySettings | None = None) -> int | None:
        """One in-app notice and its outbound copies, in one transaction; None if `dedupe_key` was already used."""
        settings = settings or self.settings()
        now = self.now()
        with database.atomic():
            staff = Staff.get_or_none(Staff.id == recipient_staff_id)
            if staff is None:
                raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No staff member with id {id}."), id=recipient_staff_id)
            if dedupe_key and Notification.select().where(Notification.dedupe_key == dedupe_key).exists():
                return None
            try:
                with database.atomic():      # a savepoint: another desk may have written the same key meanwhile
                    notification = Notification.create(
                        recipient=staff.id, ticket=ticket_id, kind=kind, title=title[:200], body=body,
                        created_at=now, dedupe_key=dedupe_key)
            except pw.IntegrityError:
                if dedupe_key:
                    return None
                raise
            if settings.sends_event(kind):
                for channel, address, subject, text in self._outbound(staff, settings, title, body):
                    Outbox.create(channel=channel, address=address, subject=subject, body=text,
                                  notification=notification.id, created_at=now, next_attempt_at=now)
        if self.events is not None:
            self.events.emit(Change("notification", kind, ticket_id))
        return notification.id

    @staticmethod
    def _outbound(staff: Staff, settings: NotifySettings, title: str,
                  body: str) -> list[tuple[str, str, str, str]]:
        messages = []
        if settings.email_enabled and "@" in (staff.email or ""):
            messages.append((EMAIL, staff.email.strip(), title[:200], body + EMAIL_FOOTER))
        if settings.sms_enabled:
            phone = _sms_address(staff.phone or "")
            if phone:
                messages.append((SMS, phone, "", sms_text(title, body)))
        return messages

    def _notify_many(self, recipients: Iterable[int], kind: str, title: str, body: str, *, ticket_id: int | None,
                     key: Callable[[int], str | None], skip: Iterable[int | None] = ()) -> int:
        settings = self.settings()
        skipped = set(skip)
        made = 0
        for staff_id in dict.fromkeys(recipients):      # unique, in order
            if staff_id in skipped:
                continue
            if self.notify(staff_id, kind, title, body, ticket_id=ticket_id, dedupe_key=key(staff_id),
                           settings=settings) is not None:
                made += 1
        return made

    # ----- ticket actions --------------------------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        """EventBus listener: tell the people concerned about a ticket action (see ACTION_RULES)."""
        if change.topic != "ticket" or change.ticket_id is None:
            return
        if change.action == "escalate":
            ticket = Ticket.get_or_none(Ticket.id == change.ticket_id)
            if ticket is not None and ticket.escalation:
                self.escalate(ticket.id, ticket.escalation)
            return
        rule = ACTION_RULES.get(change.action)
        if rule is None:
            return
        ticket = Ticket.get_or_none(Ticket.id == change.ticket_id)
        if ticket is None:
            return
        entry = (History.select(History, Staff).join(Staff, pw.JOIN.LEFT_OUTER, on=(History.actor == Staff.id))
                 .where((History.ticket == ticket.id) & (History.action == change.action))
                 .order_by(History.id.desc()).first())
        reason = (entry.note if entry else "").strip()
        actor_name = entry.actor.name if entry is not None and entry.actor_id else ""
        # The actor's department: a returned ticket has no department any more, the one returning it does.
        acting = entry.actor if entry is not None and entry.actor_id else None
        department_id = acting.department_id if acting is not None and acting.department_id else ticket.department_id
        department = Department.get_by_id(department_id).name if department_id else ""
        title, body = TEMPLATES[rule.template].render(
            **_ticket_values(ticket), reason=reason or "—", short_reason=_shorten(reason, 40) or "—",
            actor=actor_name or "—", department=f"（{department}）" if department else "",
            step=STEP_NAMES.get(ticket.state, ""))
        marker = f"h{entry.id}" if entry is not None else f"t{ticket.id}:{change.version}"
        self._notify_many(rule.recipients(ticket, entry), change.action, title, body, ticket_id=ticket.id,
                          key=lambda staff_id: f"{marker}:{change.action}:{staff_id}",
                          skip=[entry.actor_id if entry is not None else None])

    # ----- clocks ------------------------------------------------------------------------------------------------

    def scan_deadlines(self, now: dt.datetime | None = None, *, batch: int = 500) -> int:
        """Notify approaching clocks to the holder and overdue ones to the holder and supervisors, each once.

        Returns the number of notices written. Tickets are found by their indexed warn_at first, then their clocks.
        """
        now = (now or self.now()).replace(microsecond=0)
        supervisors = staff_with_roles([Role.SUPERVISOR])
        settings = self.settings()
        open_states = [s.value for s in OPEN_STATES]
        made = 0
        last_id = 0
        while True:
            tickets = list(Ticket.select().where(
                (Ticket.warn_at <= now) & Ticket.state.in_(open_states) & (Ticket.id > last_id)
            ).order_by(Ticket.id).limit(batch))
            if not tickets:
                break
            last_id = tickets[-1].id
            by_id = {t.id: t for t in tickets}
            clocks = list(Clock.select().where(
                Clock.ticket.in_(list(by_id)) & Clock.stopped_at.is_null() & Clock.deadline.is_null(False)
                & ((Clock.warn_at <= now) | (Clock.deadline <= now))
            ).order_by(Clock.ticket, Clock.id))
            wanted = []          # (dedupe key, staff id, ticket, clock, status)
            for clock in clocks:
                ticket = by_id[clock.ticket_id]
                status = OVERDUE if clock.deadline <= now else APPROACHING
                holder = self.holder_of(ticket, clock.kind)
                recipients = [holder] + (supervisors if status == OVERDUE else [])
                for staff_id in dict.fromkeys(recipients):
                    key = f"{ticket.id}:{clock.id}:{status}:{clock.deadline:%Y%m%d%H%M}:{staff_id}"
                    wanted.append((key, staff_id, ticket, clock, status))
            if not wanted:
                continue
            seen = {n.dedupe_key for n in Notification.select(Notification.dedupe_key).where(
                Notification.dedupe_key.in_([w[0] for w in wanted]))}
            holders: dict[int, str] = {}
            for key, staff_id, ticket, clock, status in wanted:
                if key in seen:
                    continue
                holder_id = self.holder_of(ticket, clock.kind)
                if holder_id not in holders:
                    holder = Staff.get_or_none(Staff.id == holder_id)
                    holders[holder_id] = holder.name if holder else "—"
                title, body = TEMPLATES[status].render(
                    **_ticket_values(ticket), clock=_clock_name(clock.kind), deadline=_when(clock.deadline),
                    holder=holders[holder_id])
                if self.notify(staff_id, status, title, body, ticket_id=ticket.id, dedupe_key=key,
                               settings=settings) is not None:
                    made += 1
        return made

    @staticmethod
    def holder_of(ticket: Ticket, clock_kind: str | None = None) -> int:
        """Who must act on a clock: the return visit is the front desk's; otherwise the receiver, else the creator."""
        if clock_kind == ClockKind.VISIT.value:
            return ticket.created_by_id
        return ticket.receiver_id or ticket.created_by_id

    # ----- escalation ------------------------------------------------------------------------------------------

    def escalate(self, ticket_id: int, level: str) -> int:
        """Tell the level's people at once: general → department leaders; emergency → also supervisors;
        major → also the office and the center leader. Returns the number of notices (once per level and person)."""
        if level not in ESCALATION_LEVELS:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Unknown escalation level: {level}"),
                                  field="level", level=level)
        ticket = Ticket.get_or_none(Ticket.id == ticket_id)
        if ticket is None:
            raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No ticket with id {id}."), id=ticket_id)
        recipients = self.escalation_recipients(ticket, level)
        title, body = TEMPLATES[ESCALATION].render(**_ticket_values(ticket), level=LEVEL_NAMES[level])
        return self._notify_many(recipients, ESCALATION, title, body, ticket_id=ticket.id,
                                 key=lambda staff_id: f"{ticket.id}:escalation:{level}:{staff_id}")

    @staticmethod
    def escalation_recipients(ticket: Ticket, level: str) -> list[int]:
        recipients = _department_leaders(ticket, None)
        if level in ("emergency", "major"):
            recipients += staff_with_roles([Role.SUPERVISOR])
        if level == "major":
            recipients += staff_with_roles([Role.OFFICE, CENTER_ROLE])
        if not recipients:
            # No department yet (or no leader named): the supervisor must hear of it rather than nobody.
            recipients = staff_with_roles([Role.SUPERVISOR])
        return list(dict.fromkeys(recipients))

    # ----- sending -----------------------------------------------------------------------------------------------

    def deliver_pending(self, limit: int = 50) -> DeliveryReport:
        """Send the due outbox rows. Each row is claimed, sent with no transaction open, and its outcome written in a
        short transaction of its own; failures wait 1, 2, 4 … minutes (at most an hour) and are never dropped."""
        senders = self.senders()
        settings = self.settings()
        hidden = [settings.smtp_password]
        now = self.now()
        condition = Outbox.sent_at.is_null() & (Outbox.next_attempt_at <= now)
        if self._senders is None and settings.smtp_user and not settings.smtp_password:
            # The password is kept on the desk where the administrator typed it (secret store, not the shared
            # database): a desk without it leaves the e-mails to that one rather than fail to log in.
            condition &= Outbox.channel != EMAIL
        due = [row.id for row in Outbox.select(Outbox.id).where(condition)
               .order_by(Outbox.next_attempt_at, Outbox.id).limit(limit)]
        attempted = sent = failed = 0
        errors: list[str] = []
        for outbox_id in due:
            row = self._claim(outbox_id, now)
            if row is None:
                continue            # sent or claimed by another desk meanwhile
            attempted += 1
            sender = senders.get(row.channel)
            error: str | None = None
            if sender is None:
                error = f"no {row.channel} sender is configured"
            else:
                try:
                    sender.send(row.address, row.subject, row.body)
                except SendError as problem:
                    error = _short_error(_scrub(str(problem), hidden)) or "send failed"
                except Exception as problem:    # a sender bug must not stop the other rows
                    error = _short_error(_scrub(f"{type(problem).__name__}: {problem}", hidden))
            done_at = self.now()
            with database.atomic():
                if error is None:
                    Outbox.update(sent_at=done_at, attempts=Outbox.attempts + 1).where(Outbox.id == row.id).execute()
                else:
                    attempts = row.attempts + 1
                    Outbox.update(attempts=attempts, last_error=error,
                                  next_attempt_at=done_at + backoff(attempts)).where(Outbox.id == row.id).execute()
            if error is None:
                sent += 1
            else:
                failed += 1
                errors.append(f"#{row.id} {row.channel}: {error}")
                log.warning("outbox %s (%s) failed, attempt %s: %s", row.id, row.channel, row.attempts + 1, error)
        failing = Outbox.select().where(Outbox.sent_at.is_null() & (Outbox.attempts >= FAILING_AFTER)).count()
        return DeliveryReport(attempted, sent, failed, failing, tuple(errors))

    @staticmethod
    def _claim(outbox_id: int, now: dt.datetime) -> Outbox | None:
        """Hide a due row from other desks for CLAIM_LEASE; if this desk dies mid-send it becomes due again."""
        with database.atomic():
            claimed = Outbox.update(next_attempt_at=now + CLAIM_LEASE).where(
                (Outbox.id == outbox_id) & Outbox.sent_at.is_null() & (Outbox.next_attempt_at <= now)).execute()
            return Outbox.get_by_id(outbox_id) if claimed == 1 else None

    def retry_now(self, outbox_id: int) -> None:
        """Make an unsent row due at once (the administrator fixed the settings)."""
        with database.atomic():
            Outbox.update(next_attempt_at=self.now()).where(
                (Outbox.id == outbox_id) & Outbox.sent_at.is_null()).execute()

    def failed_outbox(self, limit: int = 200) -> list[OutboxView]:
        """Unsent rows that failed at least once, the most-failed first (for the administrator and supervisor)."""
        query = (Outbox.select(Outbox, Staff.name.alias("recipient_name"))
                 .join(Notification, pw.JOIN.LEFT_OUTER, on=(Outbox.notification == Notification.id))
                 .join(Staff, pw.JOIN.LEFT_OUTER, on=(Notification.recipient == Staff.id))
                 .where(Outbox.sent_at.is_null() & (Outbox.attempts > 0))
                 .order_by(Outbox.attempts.desc(), Outbox.created_at, Outbox.id).limit(limit).objects())
        return [OutboxView(row.id, row.channel, row.address, row.subject, row.created_at, row.attempts,
                           row.last_error, row.next_attempt_at, row.sent_at, row.notification_id,
                           row.recipient_name or "") for row in query]

    # ----- reading and marking -----------------------------------------------------------------------------------

    @staticmethod
    def unread_count(staff_id: int) -> int:
        return (Notification.select(pw.fn.COUNT(Notification.id))
                .where((Notification.recipient == staff_id) & Notification.read_at.is_null()).scalar() or 0)

    @staticmethod
    def list_for(staff_id: int, limit: int = 100, *, unread_only: bool = False,
                 after_id: int | None = None) -> list[NotificationView]:
        """A staff member's notices, newest first; `after_id` gives only the ones newer than a notice already shown
        (what the tray announces)."""
        query = (Notification.select(Notification, Ticket.number.alias("ticket_number"))
                 .join(Ticket, pw.JOIN.LEFT_OUTER, on=(Notification.ticket == Ticket.id))
                 .where(Notification.recipient == staff_id))
        if unread_only:
            query = query.where(Notification.read_at.is_null())
        if after_id is not None:
            query = query.where(Notification.id > after_id)
        query = query.order_by(Notification.id.desc()).limit(limit).objects()
        return [NotificationView(n.id, n.kind, n.title, n.body, n.ticket_id, n.ticket_number or "", n.created_at,
                                 n.read_at) for n in query]

    def mark_read(self, staff_id: int, notification_id: int | None = None) -> int:
        """Mark one notice (or, with None, all of them) of `staff_id` as read; returns how many changed."""
        now = self.now()
        with database.atomic():
            if notification_id is None:
                changed = Notification.update(read_at=now).where(
                    (Notification.recipient == staff_id) & Notification.read_at.is_null()).execute()
            else:
                notification = Notification.get_or_none(Notification.id == notification_id)
                if notification is None:
                    raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No notification with id {id}."),
                                   id=notification_id)
                if notification.recipient_id != staff_id:
                    raise PermissionDenied(QT_TRANSLATE_NOOP(
                        "DeskError", "This notification is addressed to someone else."))
                changed = Notification.update(read_at=now).where(
                    (Notification.id == notification_id) & Notification.read_at.is_null()).execute()
        if changed and self.events is not None:
            self.events.emit(Change("notification", "read"))
        return changed
