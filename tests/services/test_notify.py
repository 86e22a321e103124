"""Notifications: in-app notices, deadline and escalation alerts, and outbound e-mail/SMS through real local servers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Channel, Severity, TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import database
from desk_app.models.schema import Notification, Outbox, Staff
from desk_app.services.desk import Actor
from desk_app.services.notify import (
    FAILING_AFTER,
    HttpSmsSender,
    Notifier,
    NotifySettings,
    SendError,
    SmtpSender,
    fill_sms_template,
    load_notify_settings,
    save_notify_settings,
)

PHONE = "13812345678"
WAIT = 5.0   # seconds a test waits for a server thread at most


def draft(**overrides) -> TicketDraft:
    fields = dict(kind=TicketKind.REPAIR, description="卫生间水管漏水，楼下天花板渗水", phone=PHONE, caller_name="张三",
                  address="阳光花园3栋2单元501", area="城北片区")
    fields.update(overrides)
    return TicketDraft(**fields)


def admin() -> Actor:
    return Actor.of(Staff.get(Staff.username == "admin"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def no_thread_left_behind():
    """Every server thread a test starts must be gone when its fixtures are torn down."""
    before = set(threading.enumerate())
    yield
    for thread in set(threading.enumerate()) - before:
        thread.join(WAIT)
    assert [t.name for t in set(threading.enumerate()) - before if t.is_alive()] == []


# ----- local servers --------------------------------------------------------------------------------------------


class CollectingHandler:
    """aiosmtpd handler keeping every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        self.received.set()
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    handler = CollectingHandler()
    # aiosmtpd 1.4.6 checks readiness by connecting to the port it was given, so port 0 cannot be used.
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


class Gateway:
    """What the fake SMS gateway received, and the status codes it answers with (then 200)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.received = threading.Event()
        self.lock = threading.Lock()
        self.url = ""


@pytest.fixture
def sms_gateway(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    gateway = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's hook name
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with gateway.lock:
                gateway.requests.append((self.command, self.path, dict(self.headers), body))
                status = gateway.statuses.pop(0) if gateway.statuses else 200
            answer = b'{"code": 0}' if status == 200 else b'{"code": 1, "error": "busy"}'
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            gateway.received.set()

        def log_message(self, format, *args):  # keep the test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="sms-gateway", daemon=True)
    thread.start()
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send?key=SECRETKEY"
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(WAIT)
        assert not thread.is_alive()


@pytest.fixture
def notifier(service, clock):
    notifier = Notifier(clock, events=service.events)
    unsubscribe = service.events.subscribe(notifier.on_change)
    yield notifier
    unsubscribe()


def give_contact(username: str, *, email_address: str = "", phone: str = "") -> Staff:
    staff = Staff.get(Staff.username == username)
    staff.email, staff.phone = email_address, phone
    staff.save()
    return staff


def dispatched_ticket(service, people, **overrides) -> int:
    desk = people["reception"]
    ticket_id = service.create_ticket(desk, draft(**overrides))
    service.dispatch(desk, ticket_id, people["engineering"].department_id)
    return ticket_id


# ----- outbound: e-mail ------------------------------------------------------------------------------------------


def test_dispatch_is_e_mailed_to_the_receiver_through_a_real_smtp_server(service, people, clock, notifier,
                                                                          smtp_server):
    controller, handler = smtp_server
    save_notify_settings(admin(), NotifySettings(
        smtp_host="127.0.0.1", smtp_port=controller.port, smtp_from="工单台 <desk@example.com>",
        email_enabled=True))
    give_contact("engineering.recv", email_address="zhangwei@example.com")

    ticket_id = dispatched_ticket(service, people)

    receiver = people["engineering"].id
    [notice] = notifier.list_for(receiver)
    assert notice.title == "新工单 2026-000001 已派给您"
    assert "卫生间水管漏水" in notice.body and "阳光花园3栋2单元501" in notice.body
    assert "最近时限：2026-11-17 14:30（响应时限）" in notice.body
    assert notice.ticket_id == ticket_id and notice.ticket_number == "2026-000001" and notice.unread
    [row] = Outbox.select()
    assert (row.channel, row.address, row.sent_at) == ("email", "zhangwei@example.com", None)

    report = notifier.deliver_pending()
    assert (report.attempted, report.sent, report.failed) == (1, 1, 0)
    assert handler.received.wait(WAIT)
    [(mail_from, rcpt_tos, raw)] = handler.messages
    assert (mail_from, rcpt_tos) == ("desk@example.com", ["zhangwei@example.com"])
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert b"Subject: =?utf-8?" in raw                      # RFC 2047, UTF-8
    assert message["Subject"] == "新工单 2026-000001 已派给您"
    assert str(message["From"]) == "工单台 <desk@example.com>"
    assert message.get_content_charset() == "utf-8"
    assert "卫生间水管漏水" in message.get_content()
    assert Outbox.get_by_id(row.id).sent_at == clock.now
    assert notifier.deliver_pending().attempted == 0      # sent once only


def test_closed_smtp_port_is_a_short_error_without_the_password(service, people, clock, notifier):
    port = free_port()      # nothing listens there
    save_notify_settings(admin(), NotifySettings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_from="desk@example.com", smtp_user="desk",
        smtp_password="pa55-w0rd-secret", email_enabled=True))
    give_contact("engineering.recv", email_address="zhangwei@example.com")
    dispatched_ticket(service, people)

    report = notifier.deliver_pending()

    assert (report.sent, report.failed) == (0, 1)
    [row] = Outbox.select()
    assert row.attempts == 1 and row.sent_at is None
    assert f"127.0.0.1:{port}" in row.last_error and len(row.last_error) <= 200
    everything = " ".join([row.last_error, *report.errors, repr(load_notify_settings()),
                           *(repr(v) for v in notifier.failed_outbox())])
    assert "pa55-w0rd-secret" not in everything
    with pytest.raises(SendError) as info:
        SmtpSender("127.0.0.1", port, "desk@example.com", username="u", password="pa55-w0rd-secret").send(
            "x@example.com", "主题", "正文")
    assert "pa55-w0rd-secret" not in str(info.value)


# ----- outbound: SMS over HTTP -----------------------------------------------------------------------------------


def enable_sms(gateway: Gateway, template: str = '{"to": "{phone}", "msg": "{text}"}') -> None:
    save_notify_settings(admin(), NotifySettings(sms_url=gateway.url, sms_template=template, sms_enabled=True))


def test_sms_gateway_gets_the_json_template_filled_with_chinese_text(service, people, notifier, sms_gateway):
    enable_sms(sms_gateway)
    give_contact("engineering.recv", phone="+86 138-0013-8000")
    dispatched_ticket(service, people, description='水管 "爆裂" \\ 积水\n请带工具')

    report = notifier.deliver_pending()

    assert report.sent == 1
    assert sms_gateway.received.wait(WAIT)
    [(method, path, headers, body)] = sms_gateway.requests
    assert (method, path) == ("POST", "/sms/send?key=SECRETKEY")
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    payload = json.loads(body.decode("utf-8"))
    assert payload["to"] == "13800138000"
    assert payload["msg"].startswith("新工单 2026-000001 已派给您")
    assert '水管 "爆裂" \\ 积水' in payload["msg"] and "\n" not in payload["msg"]


def test_sms_gateway_gets_a_form_encoded_template(service, people, notifier, sms_gateway):
    enable_sms(sms_gateway, "mobile={phone}&content={text}&sign=工单台")
    give_contact("engineering.recv", phone="13800138000")
    dispatched_ticket(service, people, description="噪音 & 漏水 = 投诉")

    assert notifier.deliver_pending().sent == 1

    [(_, _, headers, body)] = sms_gateway.requests
    assert headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    form = urllib.parse.parse_qs(body.decode("ascii"))
    assert form["mobile"] == ["13800138000"]
    assert "噪音 & 漏水 = 投诉" in form["content"][0]


def test_json_template_escapes_values_and_a_text_is_filled_once():
    filled = fill_sms_template('{"to": "{phone}", "msg": "{text}"}', "13800138000", '说"{phone}"\n')
    assert json.loads(filled) == {"to": "13800138000", "msg": '说"{phone}"\n'}


def test_failed_sms_is_retried_after_back_off_and_never_lost(service, people, clock, notifier, sms_gateway):
    enable_sms(sms_gateway)
    give_contact("engineering.recv", phone="13800138000")
    sms_gateway.statuses = [500]
    dispatched_ticket(service, people)
    failed_at = clock.now

    report = notifier.deliver_pending()

    assert (report.attempted, report.sent, report.failed) == (1, 0, 1)
    [row] = Outbox.select()
    assert row.attempts == 1 and row.sent_at is None
    assert "HTTP 500" in row.last_error and "SECRETKEY" not in row.last_error
    assert row.next_attempt_at == failed_at + dt.timedelta(minutes=1)
    [failure] = notifier.failed_outbox()
    assert (failure.id, failure.attempts, failure.failing) == (row.id, 1, False)
    assert failure.recipient == "张伟"

    clock.advance(seconds=59)
    assert notifier.deliver_pending().attempted == 0          # not before its time
    assert len(sms_gateway.requests) == 1

    clock.advance(seconds=1)
    report = notifier.deliver_pending()                        # the gateway works again

    assert (report.attempted, report.sent) == (1, 1)
    assert len(sms_gateway.requests) == 2
    row = Outbox.get_by_id(row.id)
    assert row.sent_at == clock.now and row.attempts == 2
    assert notifier.failed_outbox() == []
    assert Outbox.select().count() == 1


class BrokenSender:
    channel = "sms"

    def __init__(self) -> None:
        self.calls = 0
        self.in_transaction: list[bool] = []

    def send(self, address: str, subject: str, body: str) -> None:
        self.calls += 1
        self.in_transaction.append(database.in_transaction())
        raise SendError("gateway down")


def test_back_off_doubles_up_to_an_hour_and_long_failures_are_reported_as_failing(service, people, clock):
    sender = BrokenSender()
    notifier = Notifier(clock, {"sms": sender}, settings=NotifySettings(sms_enabled=True))
    give_contact("supervisor", phone="13800138000")
    notifier.notify(people["supervisor"].id, "overdue", "工单 2026-000009 办结时限已超时", "请处理")
    waits = []
    report = None
    for _ in range(12):
        report = notifier.deliver_pending()
        assert report.attempted == 1
        row = Outbox.get()
        waits.append((row.next_attempt_at - clock.now) // dt.timedelta(minutes=1))
        clock.now = row.next_attempt_at
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60]
    assert report.failing == 1 and notifier.failed_outbox()[0].failing
    assert sender.in_transaction == [False] * 12              # network I/O never inside a transaction
    assert Outbox.select().count() == 1 and Outbox.get().attempts == 12 >= FAILING_AFTER


# ----- in-app notices --------------------------------------------------------------------------------------------


def test_return_tells_audit_and_dispatchers_the_reason(service, people, notifier):
    ticket_id = dispatched_ticket(service, people)
    service.return_ticket(people["engineering"], ticket_id, "属于环境部，请重新分配")

    for username in ("audit", "dispatcher", "reception"):
        [notice] = notifier.list_for(Staff.get(Staff.username == username).id)
        assert notice.title == "工单 2026-000001 被退回：属于环境部，请重新分配"
        assert "张伟（工程部）" in notice.body and notice.kind == "return"
    assert notifier.unread_count(people["engineering"].id) == 1   # only the dispatch, not his own return


def test_notify_once_per_dedupe_key_and_outbound_only_for_chosen_events(service, people, clock):
    give_contact("supervisor", email_address="lin@example.com")
    settings = NotifySettings(smtp_host="127.0.0.1", smtp_from="desk@example.com", email_enabled=True,
                              events=frozenset({"overdue"}))
    notifier = Notifier(clock, {}, settings=settings)
    supervisor = people["supervisor"].id
    first = notifier.notify(supervisor, "overdue", "标题", "正文", dedupe_key="k1")
    assert isinstance(first, int)
    assert notifier.notify(supervisor, "overdue", "标题", "正文", dedupe_key="k1") is None
    notifier.notify(supervisor, "approaching", "标题", "正文")
    assert Notification.select().count() == 2
    assert [(o.channel, o.notification_id) for o in Outbox.select()] == [("email", first)]
    with pytest.raises(NotFound):
        notifier.notify(99999, "overdue", "标题", "正文")


def test_unread_count_and_mark_read_only_for_ones_own(service, people, notifier, events):
    seen = []
    events.subscribe(lambda change: seen.append((change.topic, change.action)))
    ids = [dispatched_ticket(service, people) for _ in range(3)]
    receiver = people["engineering"].id
    assert len(ids) == 3 and notifier.unread_count(receiver) == 3
    assert ("notification", "dispatch") in seen
    newest, middle, oldest = notifier.list_for(receiver)
    assert [n.title for n in (oldest, newest)] == ["新工单 2026-000001 已派给您", "新工单 2026-000003 已派给您"]
    assert [n.id for n in notifier.list_for(receiver, after_id=middle.id)] == [newest.id]

    assert notifier.mark_read(receiver, oldest.id) == 1
    assert notifier.unread_count(receiver) == 2
    assert [n.id for n in notifier.list_for(receiver, unread_only=True)] == [newest.id, middle.id]
    with pytest.raises(PermissionDenied):
        notifier.mark_read(people["reception"].id, newest.id)
    with pytest.raises(NotFound):
        notifier.mark_read(receiver, 99999)
    assert notifier.mark_read(receiver) == 2
    assert notifier.unread_count(receiver) == 0


# ----- clocks and escalation -------------------------------------------------------------------------------------


def titles_of(username: str, notifier: Notifier) -> list[str]:
    return [n.title for n in notifier.list_for(Staff.get(Staff.username == username).id)][::-1]


def test_deadline_scan_tells_the_holder_once_and_overdue_also_the_supervisor(service, people, clock, notifier):
    desk = people["reception"]
    # 10086 urgent complaint: transfer within 1 h (warned at 45 min), feedback within 4 h.
    service.create_ticket(desk, draft(kind=TicketKind.COMPLAINT, severity=Severity.URGENT,
                                      channel=Channel.HOTLINE_10086))
    assert notifier.scan_deadlines() == 0

    clock.advance(minutes=46)
    assert notifier.scan_deadlines() == 1
    assert notifier.scan_deadlines() == 0
    assert titles_of("reception", notifier) == ["工单 2026-000001 转派时限即将到期"]

    clock.advance(minutes=15)
    assert notifier.scan_deadlines() == 2                      # holder and supervisor
    assert notifier.scan_deadlines(clock.now + dt.timedelta(minutes=1)) == 0
    assert titles_of("reception", notifier)[-1] == "工单 2026-000001 转派时限已超时"
    [overdue] = notifier.list_for(people["supervisor"].id)
    assert overdue.title == "工单 2026-000001 转派时限已超时" and "当前处理人：王芳" in overdue.body

    # Dispatched late: the transfer clock stops; the feedback clock now belongs to the receiver.
    ticket_id = Notification.get().ticket_id
    service.dispatch(desk, ticket_id, people["network"].department_id)
    clock.advance(hours=2, minutes=15)                         # 3 h 16 min: feedback limit approaching
    assert notifier.scan_deadlines() == 1
    assert titles_of("network.recv", notifier)[-1] == "工单 2026-000001 办结时限即将到期"


def test_return_visit_clock_alerts_the_front_desk_not_the_department(service, people, clock, notifier):
    desk, engineering = people["reception"], people["engineering"]
    ticket_id = service.create_ticket(desk, draft(kind=TicketKind.REPAIR, category="维修"))
    service.dispatch(desk, ticket_id, engineering.department_id)
    service.accept(engineering, ticket_id)
    service.resolve(engineering, ticket_id, "已上门修复")
    clock.now = dt.datetime(2026, 11, 21, 20, 0)              # visit due Sat 23:59:59 (24 h after the resolve limit)

    assert notifier.scan_deadlines() == 1
    assert titles_of("reception", notifier)[-1] == "工单 2026-000001 回访时限即将到期"
    assert [n.kind for n in notifier.list_for(engineering.id)] == ["dispatch"]


def test_escalation_levels_reach_the_right_people(service, people, notifier):
    ticket_id = dispatched_ticket(service, people)
    department = people["engineering"].department_id
    # The demo organisation has an office and a center leader ("office", "center").
    Staff.create(username="other.lead", name="别部门领导", role="leader", department=people["finance"].department_id)

    def told(level: str) -> set[str]:
        before = {n.id for n in Notification.select()}
        notifier.escalate(ticket_id, level)
        return {n.recipient.username for n in Notification.select() if n.id not in before}

    assert told("general") == {"engineering.lead"}
    assert told("emergency") == {"engineering.lead", "supervisor"}
    assert told("major") == {"engineering.lead", "supervisor", "office", "center"}
    assert notifier.escalate(ticket_id, "major") == 0           # once per level and person
    [notice] = notifier.list_for(Staff.get(Staff.username == "center").id)
    assert notice.title == "【重大】工单 2026-000001 升级通知"
    assert Staff.get(Staff.username == "engineering.lead").department_id == department
    with pytest.raises(ValidationError) as info:
        notifier.escalate(ticket_id, "urgent")
    assert info.value.field == "level"


# ----- settings --------------------------------------------------------------------------------------------------


def test_settings_are_for_administrators_and_validated(service, people):
    good = NotifySettings(smtp_host="smtp.example.com", smtp_port=587, smtp_from="desk@example.com",
                          smtp_user="desk", smtp_password="s3cret", smtp_starttls=True, email_enabled=True,
                          sms_url="https://sms.example.com/api", sms_enabled=True,
                          events=frozenset({"dispatch", "overdue"}))
    with pytest.raises(PermissionDenied):
        save_notify_settings(people["reception"], good)
    with pytest.raises(PermissionDenied):
        save_notify_settings(people["supervisor"], good)

    for change, field in [({"smtp_port": 70000}, "smtp_port"), ({"smtp_port": 0}, "smtp_port"),
                          ({"smtp_host": ""}, "smtp_host"), ({"smtp_from": "not an address"}, "smtp_from"),
                          ({"sms_url": "file:///etc/passwd"}, "sms_url"),
                          ({"sms_template": '{"to": "{phone}"}'}, "sms_template"),
                          ({"sms_template": '{"to": "{phone}", "msg": {text}}'}, "sms_template"),
                          ({"events": frozenset({"lunch"})}, "events")]:
        with pytest.raises(ValidationError) as info:
            save_notify_settings(admin(), dataclasses.replace(good, **change))
        assert info.value.field == field, change
    assert load_notify_settings() == NotifySettings()           # nothing was written

    save_notify_settings(admin(), good)
    assert load_notify_settings() == good
    save_notify_settings(admin(), dataclasses.replace(good, smtp_password="", smtp_port=465), keep_password=True)
    assert load_notify_settings() == dataclasses.replace(good, smtp_port=465)
    assert "s3cret" not in repr(load_notify_settings())


def test_sms_sender_refuses_a_non_http_url():
    with pytest.raises(ValueError):
        HttpSmsSender("file:///tmp/x", '{"to": "{phone}", "msg": "{text}"}')
