"""Opening a database: connect, migrate, and give a new database what it needs to start (policies, an administrator)."""

from __future__ import annotations

from desk_app.core.kinds import Role
from desk_app.core.policies import DEFAULT_POLICIES
from desk_app.models.db import close_database, database, open_database
from desk_app.models.migrations import lock_schema, migrate, schema_version
from desk_app.models.schema import PolicyRecord, Setting, Staff, Ticket
from desk_app.services.config import SETTING_ORGANIZATION, policy_to_record_fields, put_setting

ENV_DATABASE_URL = "DESK_DATABASE_URL"
# "1" once the start-up filled a new database with the demo: the sign-in dialog then names the demo accounts.
SETTING_DEMO = "demo"
# The demo accounts the sign-in dialog offers, one for each role (all share services.demo.DEMO_PASSWORD).
DEMO_SIGN_IN_ACCOUNTS = ("reception", "dispatcher", "engineering.recv", "engineering.lead", "engineering.w1",
                         "audit", "office", "center", "supervisor", "admin")


def database_is_new(url: str) -> bool:
    """True if `url` has no schema yet (a brand-new database); checked before init_database, connection closed."""
    open_database(url)
    try:
        return schema_version() == 0
    finally:
        close_database()


def init_database(url: str) -> bool:
    """Open and migrate `url`; seed a new database. Returns True if the database had no tickets yet."""
    open_database(url)
    migrate()
    with database.atomic():
        lock_schema()   # two desks opening a new database at once seed it once
        if not PolicyRecord.select().exists():
            for policy in DEFAULT_POLICIES:
                PolicyRecord.create(**policy_to_record_fields(policy))
        if not Staff.select().exists():
            Staff.create(username="admin", name="管理员", role=Role.ADMIN.value)
            put_setting(SETTING_ORGANIZATION, "工单台服务中心")
    return not Ticket.select().exists()


def is_empty() -> bool:
    return not Ticket.select().exists()


def set_initial_password(username: str, password: str, *, must_change: bool = True) -> None:
    """Give `username` a password with no administrator signed in: for init-db (the administrator's first password,
    which must be changed at the first sign-in) and `desk-app passwd`. Strength rules apply; a lock is lifted."""
    from desk_app.services.auth import force_password

    force_password(username, password, must_change=must_change)


def finish_demo() -> None:
    """After services.demo.build_demo at start-up: every demo account gets the public demo password (so the demo
    can be signed into) and the database is marked as the demo."""
    from desk_app.services.demo import DEMO_PASSWORD, set_demo_passwords

    set_demo_passwords(DEMO_PASSWORD)
    with database.atomic():
        put_setting(SETTING_DEMO, "1")


def is_demo_database() -> bool:
    row = Setting.get_or_none(Setting.key == SETTING_DEMO)
    return bool(row and row.value == "1")
