"""Sign-in and staff accounts: argon2 password hashes, lock-out after failed sign-ins, and account administration.

Hashing. Passwords are hashed with argon2id through one `PasswordHasher` made on first use: argon2-cffi's default
parameters in production (about 270 ms a hash on a desk PC, which is the point). Tests make it cheap, either by
calling `use_cheap_hashing_for_tests()` or by starting the process with DESK_APP_CHEAP_HASH=1 (read once, when the
hasher is first made; it logs a warning, and a production database that met cheap hashes upgrades them: every
successful sign-in stores a new hash when the stored one's parameters differ from the hasher's).

Audit. The schema has no audit table and History needs a ticket, so sign-ins and account changes are written to the
Python logger "desk_app.audit" at INFO (failures and lock-outs at WARNING): who acted, on which account, what changed.
Never a password, and never an unknown user name (people type their password into that field by mistake).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass
from typing import Any

import peewee as pw
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk_app.core.errors import DeskError, NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Role
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.passwords import MAX_USERNAME, check_password_strength
from desk_app.core.permissions import DEPARTMENT_BOUND, Operation, may
from desk_app.core.text import check_texts
from desk_app.core.validation import normalize_phone
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import Department, Setting, Staff
from desk_app.services import audit as audit_log
from desk_app.services.desk import Actor

log = logging.getLogger(__name__)
audit = logging.getLogger("desk_app.audit")

ENV_CHEAP_HASH = "DESK_APP_CHEAP_HASH"
# The smallest argon2id parameters argon2-cffi accepts: for tests only, never the default.
CHEAP_PARAMETERS: dict[str, int] = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}

SETTING_MAX_FAILURES = "auth.max_failures"
SETTING_LOCK_MINUTES = "auth.lock_minutes"
DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCK_MINUTES = 15

MAX_NAME = 60
MAX_EMAIL = 120
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# Readable generated passwords: no 0/O, 1/l/I look-alikes (they are read aloud or copied from a printout).
_GENERATED_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

WRONG_CREDENTIALS = QT_TRANSLATE_NOOP("DeskError", "Wrong user name or password.")
LOCKED = QT_TRANSLATE_NOOP("DeskError", "Locked until {until} after too many failed sign-ins.")
DISABLED = QT_TRANSLATE_NOOP("DeskError", "This account is disabled. Ask an administrator.")


class SignInError(DeskError):
    """A refused sign-in. Unknown user and wrong password give the same message on purpose."""


# ----- hashing --------------------------------------------------------------------------------------------------

_hasher_lock = threading.RLock()
_hasher: PasswordHasher | None = None
_dummy_hash: str | None = None


def password_hasher() -> PasswordHasher:
    """The process's PasswordHasher: argon2-cffi defaults unless tests asked for cheap parameters."""
    global _hasher
    with _hasher_lock:
        if _hasher is None:
            if os.environ.get(ENV_CHEAP_HASH) == "1":
                log.warning("%s=1: passwords are hashed with cheap test parameters", ENV_CHEAP_HASH)
                _hasher = PasswordHasher(**CHEAP_PARAMETERS)
            else:
                _hasher = PasswordHasher()
        return _hasher


def use_cheap_hashing_for_tests() -> None:
    """Hash with the cheapest argon2id parameters from now on (tests only: a hash then costs under a millisecond)."""
    global _hasher, _dummy_hash
    with _hasher_lock:
        _hasher = PasswordHasher(**CHEAP_PARAMETERS)
        _dummy_hash = None


def hash_password(plain: str) -> str:
    """An argon2id hash of `plain` (salted; the encoded string carries its parameters)."""
    return password_hasher().hash(plain)


def verify(hashed: str, plain: str) -> bool:
    """True if `plain` is the password of `hashed`; False for a wrong password or an unreadable hash."""
    try:
        return password_hasher().verify(hashed, plain)
    except VerificationError:  # includes VerifyMismatchError
        return False
    except InvalidHashError:
        log.error("a stored password hash is not an argon2 hash")
        return False


def needs_rehash(hashed: str) -> bool:
    """True if `hashed` was made with other parameters than the hasher's (stored anew at the next sign-in)."""
    try:
        return password_hasher().check_needs_rehash(hashed)
    except (InvalidHashError, ValueError):
        return True


def _dummy() -> str:
    """A hash to verify against when there is no real one, so a refusal takes as long as a wrong password."""
    global _dummy_hash
    with _hasher_lock:
        if _dummy_hash is None:
            _dummy_hash = password_hasher().hash(secrets.token_urlsafe(16))
        return _dummy_hash


def generate_password(length: int = 12) -> str:
    """A random password that passes the rules: for init-db's administrator and an administrator's reset."""
    while True:
        candidate = "".join(secrets.choice(_GENERATED_ALPHABET) for _ in range(max(length, 8)))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


# ----- settings and look-ups ------------------------------------------------------------------------------------


def _int_setting(key: str, default: int) -> int:
    row = Setting.get_or_none(Setting.key == key)
    try:
        value = int(row.value) if row else default
    except ValueError:
        log.warning("setting %s=%r is not a whole number; using %d", key, row.value, default)
        return default
    return value if value >= 1 else default


def lockout_limits() -> tuple[int, int]:
    """(failed sign-ins before a lock, minutes the lock lasts), from the settings or the defaults 5 and 15."""
    return (_int_setting(SETTING_MAX_FAILURES, DEFAULT_MAX_FAILURES),
            _int_setting(SETTING_LOCK_MINUTES, DEFAULT_LOCK_MINUTES))


def _find_staff(username: str) -> Staff | None:
    """The account of a typed user name: exact match first, else the one account equal ignoring case."""
    name = (username or "").strip()
    if not name or len(name) > MAX_USERNAME:
        return None
    rows = list(Staff.select().where(pw.fn.LOWER(Staff.username) == name.lower()).limit(2))
    exact = [r for r in rows if r.username == name]
    if exact:
        return exact[0]
    return rows[0] if len(rows) == 1 else None


def _load_staff(staff_id: int, *, for_update: bool = False) -> Staff:
    query = Staff.select().where(Staff.id == staff_id)
    if for_update and is_postgres():
        query = query.for_update()
    staff = query.first()
    if staff is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No staff member with id {id}."), id=staff_id)
    return staff


def _is_locked(staff: Staff, now: dt.datetime) -> bool:
    return staff.locked_until is not None and staff.locked_until > now


def _locked_error(staff: Staff) -> SignInError:
    return SignInError(LOCKED, until=staff.locked_until.strftime("%H:%M"))


def _who(actor: Actor) -> str:
    return f"{actor.id} ({actor.name})"


def _account(staff: Staff) -> str:
    return f"{staff.id} ({staff.username})"


# ----- sign-in --------------------------------------------------------------------------------------------------


def sign_in(username: str, password: str, *, now: dt.datetime) -> Actor:
    """Check a user name and password at `now` (the service clock); return the Actor or raise SignInError.

    A locked account is refused whatever the password. A wrong password counts a failure; the configured number of
    consecutive failures locks the account for the configured minutes. A success resets the count and, if the
    stored hash has old parameters, stores a new one. The slow hash check runs outside any transaction; each write
    is its own short transaction.
    """
    now = now.replace(microsecond=0)
    password = password or ""
    staff = _find_staff(username)
    if staff is None:
        verify(_dummy(), password)  # as slow as a wrong password: the time does not tell which names exist
        audit.warning("sign-in refused: unknown user name")
        raise SignInError(WRONG_CREDENTIALS)
    if _is_locked(staff, now):
        audit.warning("sign-in refused: account %s is locked until %s", _account(staff), staff.locked_until)
        raise _locked_error(staff)
    if staff.password_hash:
        correct = verify(staff.password_hash, password)
    else:
        verify(_dummy(), password)
        correct = False
    if not staff.active:
        audit.warning("sign-in refused: account %s is disabled", _account(staff))
        # Only someone who knows the password learns that the account exists but is disabled.
        raise SignInError(DISABLED if correct else WRONG_CREDENTIALS)
    if not correct:
        _record_failure(staff.id, now)
        raise SignInError(WRONG_CREDENTIALS)
    return _record_success(staff, password, now)


def _record_failure(staff_id: int, now: dt.datetime) -> None:
    max_failures, lock_minutes = lockout_limits()
    with database.atomic():
        staff = _load_staff(staff_id, for_update=True)
        if _is_locked(staff, now):  # another desk's attempts locked it meanwhile
            raise _locked_error(staff)
        # An expired lock is over: counting starts again.
        failures = (0 if staff.locked_until is not None else staff.failed_signins) + 1
        locked_until = now + dt.timedelta(minutes=lock_minutes) if failures >= max_failures else None
        Staff.update(failed_signins=failures, locked_until=locked_until).where(Staff.id == staff_id).execute()
    if locked_until is not None:
        audit.warning("sign-in refused: wrong password for %s, failure %d; locked until %s",
                      _account(staff), failures, locked_until)
        staff.locked_until = locked_until
        raise _locked_error(staff)
    audit.warning("sign-in refused: wrong password for %s, failure %d of %d", _account(staff), failures,
                  max_failures)


def _record_success(staff: Staff, password: str, now: dt.datetime) -> Actor:
    new_hash = hash_password(password) if needs_rehash(staff.password_hash) else None
    with database.atomic():
        current = _load_staff(staff.id, for_update=True)
        if _is_locked(current, now):
            raise _locked_error(current)
        if not current.active:
            raise SignInError(DISABLED)
        if current.password_hash != staff.password_hash:  # changed by an administrator meanwhile
            raise SignInError(WRONG_CREDENTIALS)
        changes: dict[Any, Any] = {}
        if current.failed_signins or current.locked_until is not None:
            changes.update({Staff.failed_signins: 0, Staff.locked_until: None})
        if new_hash is not None:
            changes[Staff.password_hash] = new_hash
        if changes:
            Staff.update(changes).where(Staff.id == staff.id).execute()
    audit.info("sign-in: %s%s", _account(current), " (password hash upgraded)" if new_hash else "")
    return Actor.of(current)


def needs_new_password(staff_id: int) -> bool:
    """True if an administrator set this account's password: its owner must choose a new one before working."""
    staff = Staff.get_or_none(Staff.id == staff_id)
    return bool(staff and staff.must_change_password)


# ----- passwords and locks --------------------------------------------------------------------------------------


def _is_admin(actor: Actor) -> bool:
    """The actor's role allows administration, checked on the snapshot and again on the stored account."""
    if not may(actor.role, Operation.ADMINISTER):
        return False
    staff = Staff.get_or_none(Staff.id == actor.id)
    if staff is None or not staff.active:
        return False
    try:
        return may(Role(staff.role), Operation.ADMINISTER)
    except ValueError:
        return False


def _require_admin(actor: Actor, message: str) -> None:
    if not _is_admin(actor):
        audit.warning("refused: %s (%s) tried an administrator's action: %s", _who(actor), actor.role, message)
        raise PermissionDenied(message)


def set_password(actor: Actor, staff_id: int, new_password: str, *, old_password: str | None = None) -> None:
    """Change a password. Your own: give the old one. An administrator resets anyone's without it.

    A reset marks the account "must change password" and lifts any lock; a change by the owner clears the mark.
    A refused change writes nothing.
    """
    check_texts(new_password=new_password, old_password=old_password)
    own_change = actor.id == staff_id and old_password is not None
    if not own_change:
        if actor.id == staff_id and not _is_admin(actor):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Enter your current password."),
                                  field="old_password")
        _require_admin(actor, QT_TRANSLATE_NOOP(
            "DeskError", "Not allowed: only an administrator may set another person's password."))
    staff = _load_staff(staff_id)
    check_password_strength(new_password, staff.username)
    if own_change:
        if not staff.password_hash or not verify(staff.password_hash, old_password or ""):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The current password is wrong."),
                                  field="old_password")
        if new_password == old_password:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "Choose a password different from the current one."),
                field="password")
    new_hash = hash_password(new_password)
    with database.atomic():
        current = _load_staff(staff_id, for_update=True)
        if own_change and current.password_hash != staff.password_hash:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The current password is wrong."),
                                  field="old_password")
        changes: dict[Any, Any] = {Staff.password_hash: new_hash, Staff.must_change_password: not own_change}
        if not own_change:
            changes.update({Staff.failed_signins: 0, Staff.locked_until: None})
        Staff.update(changes).where(Staff.id == staff_id).execute()
        audit_log.record(actor.id, "staff", "change_password" if own_change else "reset_password", staff_id,
                         current.username)
    if own_change:
        audit.info("password changed by its owner %s", _account(staff))
    else:
        audit.info("password of %s reset by %s; must be changed at next sign-in", _account(staff), _who(actor))


def unlock(actor: Actor, staff_id: int) -> None:
    """Lift a lock-out and reset the failure count (administrators only)."""
    _require_admin(actor, QT_TRANSLATE_NOOP("DeskError", "Not allowed: only an administrator may unlock an account."))
    with database.atomic():
        staff = _load_staff(staff_id, for_update=True)
        Staff.update(failed_signins=0, locked_until=None).where(Staff.id == staff_id).execute()
        audit_log.record(actor.id, "staff", "unlock", staff_id, staff.username)
    audit.info("account %s unlocked by %s", _account(staff), _who(actor))


def force_password(username: str, password: str, *, must_change: bool = True) -> None:
    """Set a password with no acting administrator: for init-db and `desk-app passwd`, run by whoever may open the
    database itself. Strength rules apply; the lock is lifted."""
    staff = _find_staff(username)
    if staff is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No staff member {username}."), username=username)
    check_password_strength(password, staff.username)
    new_hash = hash_password(password)
    with database.atomic():
        Staff.update(password_hash=new_hash, must_change_password=must_change, failed_signins=0,
                     locked_until=None).where(Staff.id == staff.id).execute()
    audit.info("password of %s set from the command line%s", _account(staff),
               "; must be changed at next sign-in" if must_change else "")


def has_password(username: str) -> bool:
    """True if the account exists and can sign in with some password (init-db: does the admin need one?)."""
    staff = _find_staff(username)
    return bool(staff and staff.password_hash)


# ----- staff administration -------------------------------------------------------------------------------------

_MANAGE_STAFF = QT_TRANSLATE_NOOP("DeskError", "Not allowed: only an administrator may manage staff accounts.")
_REQUIRED = QT_TRANSLATE_NOOP("DeskError", "This field is required.")
_TOO_LONG = QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters.")


@dataclass(frozen=True)
class StaffAccount:
    """One row of the administrator's staff list, inactive accounts included."""

    id: int
    username: str
    name: str
    role: Role
    department_id: int | None
    department: str
    phone: str
    email: str
    active: bool
    has_password: bool
    must_change_password: bool
    failed_signins: int
    locked_until: dt.datetime | None

    def locked(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


def staff_accounts() -> list[StaffAccount]:
    """Every account, active first, then by user name (for the administrator's screen)."""
    rows = (Staff.select(Staff, Department)
            .join(Department, pw.JOIN.LEFT_OUTER, on=(Staff.department == Department.id))
            .order_by(Staff.active.desc(), Staff.username))
    return [StaffAccount(s.id, s.username, s.name, _role_or_none(s.role) or s.role, s.department_id,
                         s.department.name if s.department_id else "", s.phone, s.email, s.active,
                         bool(s.password_hash), s.must_change_password, s.failed_signins, s.locked_until)
            for s in rows]


def _role_or_none(value: Any) -> Role | None:
    try:
        return Role(value)
    except ValueError:
        return None


def _text(value: str | None, field: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_REQUIRED, field=field)
    if len(value) > limit:
        raise ValidationError(_TOO_LONG, field=field, limit=limit)
    return value


def _username(value: str, *, exclude_id: int | None = None) -> str:
    username = _text(value, "username", MAX_USERNAME, required=True)
    if any(ch.isspace() for ch in username):
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A user name cannot contain spaces."),
                              field="username")
    query = Staff.select(Staff.id).where(pw.fn.LOWER(Staff.username) == username.lower())
    if exclude_id is not None:
        query = query.where(Staff.id != exclude_id)
    if query.exists():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The user name {username} is taken."),
                              field="username", username=username)
    return username


def _role(value: Any) -> Role:
    role = _role_or_none(value)
    if role is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a role."), field="role")
    return role


def _department(role: Role, department_id: int | None, *, changed: bool = True) -> int | None:
    if department_id is None:
        if role in DEPARTMENT_BOUND:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The role \u201c{role}\u201d needs a department."),
                                  field="department", role=role)
        return None
    if changed and not Department.select().where((Department.id == department_id) & Department.active).exists():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
    return department_id


def _email(value: str | None) -> str:
    email = _text(value, "email", MAX_EMAIL)
    if email and not _EMAIL.fullmatch(email):
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not a valid e-mail address: {email}"),
                              field="email", email=email)
    return email


def create_staff(actor: Actor, username: str, name: str, role: Role | str, department_id: int | None = None,
                 phone: str = "", email: str = "", password: str | None = None) -> int:
    """Add a staff account (administrators only); returns its id.

    With a password, the new member must change it at the first sign-in; without one, the account cannot sign in
    until an administrator sets a password.
    """
    check_texts(username=username, name=name, phone=phone, email=email, password=password)
    _require_admin(actor, _MANAGE_STAFF)
    username = _username(username)
    name = _text(name, "name", MAX_NAME, required=True)
    role = _role(role)
    department_id = _department(role, department_id)
    phone = normalize_phone(phone)
    email = _email(email)
    password_hash = None
    if password is not None:
        check_password_strength(password, username)
        password_hash = hash_password(password)
    try:
        with database.atomic():
            staff = Staff.create(username=username, name=name, role=role.value, department=department_id,
                                 phone=phone, email=email, password_hash=password_hash,
                                 must_change_password=password_hash is not None)
            audit_log.record(actor.id, "staff", "create_staff", staff.id,
                             f"{username}; {name}; {role.value}; department={department_id}")
    except pw.IntegrityError:  # the same name added by another desk a moment ago
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The user name {username} is taken."),
                              field="username", username=username) from None
    audit.info("staff %s created by %s: name=%s role=%s department=%s%s", _account(staff), _who(actor), name,
               role.value, department_id, " (with a password)" if password_hash else " (no password yet)")
    return staff.id


UPDATABLE_FIELDS = frozenset({"name", "role", "department_id", "active", "phone", "email"})


def update_staff(actor: Actor, staff_id: int, **fields: Any) -> None:
    """Change an account's name, role, department, active flag, phone or e-mail (administrators only).

    Refused, writing nothing: a department role without a department; deactivating yourself; leaving no active
    administrator; moving or deactivating a department's named receiver before another is named.
    """
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise TypeError(f"update_staff() cannot change {', '.join(sorted(unknown))}")
    _require_admin(actor, _MANAGE_STAFF)
    staff = _load_staff(staff_id)
    new: dict[str, Any] = {}
    if "name" in fields:
        new["name"] = _text(fields["name"], "name", MAX_NAME, required=True)
    role = _role(fields["role"]) if "role" in fields else _role_or_none(staff.role)
    if role is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a role."), field="role")
    if "role" in fields:
        new["role"] = role.value
    department_id = fields.get("department_id", staff.department_id)
    department_id = _department(role, department_id, changed=department_id != staff.department_id)
    if department_id != staff.department_id:
        new["department"] = department_id
    if "active" in fields:
        new["active"] = bool(fields["active"])
    if "phone" in fields:
        new["phone"] = normalize_phone(fields["phone"])
    if "email" in fields:
        new["email"] = _email(fields["email"])
    active = new.get("active", staff.active)
    if actor.id == staff_id and not active:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "You cannot deactivate your own account."),
                              field="active")
    with database.atomic():
        current = _load_staff(staff_id, for_update=True)
        _check_receiver_stays(current, active, department_id)
        _check_an_admin_remains(current, role, active)
        changes = {k: v for k, v in new.items() if getattr(current, "department_id" if k == "department" else k) != v}
        if changes:
            Staff.update(**changes).where(Staff.id == staff_id).execute()
            audit_log.record(actor.id, "staff", "update_staff", staff_id,
                             "; ".join(f"{k}={v}" for k, v in sorted(changes.items())))
    if changes:
        described = ", ".join(f"{k}: {_old_value(current, k)!r} \u2192 {v!r}" for k, v in changes.items())
        audit.info("staff %s changed by %s: %s", _account(current), _who(actor), described)


def _old_value(staff: Staff, key: str) -> Any:
    return staff.department_id if key == "department" else getattr(staff, key)


def _check_receiver_stays(staff: Staff, active: bool, department_id: int | None) -> None:
    """A department's one named receiver (部门承接人) cannot leave it unmanned: dispatch would reach nobody."""
    held = list(Department.select().where((Department.receiver == staff.id) & Department.active))
    for department in held:
        if not active or department_id != department.id:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "{name} is the receiver of {department}: name another receiver first."),
                field="active" if not active else "department", name=staff.name, department=department.name)


def _check_an_admin_remains(staff: Staff, role: Role, active: bool) -> None:
    was_admin = staff.active and staff.role == Role.ADMIN.value
    if not was_admin or (active and role == Role.ADMIN):
        return
    others = Staff.select().where((Staff.role == Role.ADMIN.value) & Staff.active & (Staff.id != staff.id))
    if not others.exists():
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "At least one active administrator must remain."),
                              field="active" if not active else "role")
