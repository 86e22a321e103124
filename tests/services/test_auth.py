"""Sign-in, lock-out, passwords and staff administration in the service layer (argon2 with cheap parameters)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher

from desk_app.core.errors import NotFound, PermissionDenied, ValidationError
from desk_app.core.kinds import Role
from desk_app.models.schema import Department, Staff
from desk_app.services import auth
from desk_app.services.auth import SignInError, sign_in
from desk_app.services.demo import set_demo_passwords
from desk_app.services.config import put_setting
from desk_app.services.desk import Actor
from desk_app.services.setup import set_initial_password

PASSWORD = "Lantern-42"


@pytest.fixture(autouse=True)
def cheap_hashing():
    auth.use_cheap_hashing_for_tests()


@pytest.fixture
def admin(db_url) -> Actor:
    set_initial_password("admin", "Admin-pass-1", must_change=False)
    return Actor.of(Staff.get(Staff.username == "admin"))


@pytest.fixture
def wang(people, admin) -> Actor:
    """王芳, a receptionist with a password of her own."""
    auth.force_password("reception", PASSWORD, must_change=False)
    return people["reception"]


def row(staff_id: int) -> dict:
    return Staff.select().where(Staff.id == staff_id).dicts().get()


def fail(username: str, password: str, clock) -> SignInError:
    with pytest.raises(SignInError) as caught:
        sign_in(username, password, now=clock())
    return caught.value


# ----- hashing --------------------------------------------------------------------------------------------------


def test_the_hash_is_argon2id_and_not_the_password():
    hashed = auth.hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed
    assert hashed != auth.hash_password(PASSWORD)  # salted
    assert auth.verify(hashed, PASSWORD)
    assert not auth.verify(hashed, PASSWORD.lower())
    assert not auth.verify("not a hash", PASSWORD)


def test_tests_hash_cheaply_but_a_fresh_process_uses_argon2_defaults():
    assert auth.password_hasher().memory_cost == auth.CHEAP_PARAMETERS["memory_cost"]
    code = "from desk_app.services import auth; h = auth.password_hasher(); print(h.time_cost, h.memory_cost)"
    env = {k: v for k, v in os.environ.items() if k != auth.ENV_CHEAP_HASH}
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    expected = PasswordHasher()
    assert default.stdout.split() == [str(expected.time_cost), str(expected.memory_cost)]
    env[auth.ENV_CHEAP_HASH] = "1"
    cheap = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert cheap.stdout.split() == ["1", "8"]


def test_generated_passwords_pass_the_rules():
    from desk_app.core.passwords import check_password_strength

    for _ in range(50):
        password = auth.generate_password()
        assert len(password) == 12
        check_password_strength(password, "admin")


# ----- sign-in --------------------------------------------------------------------------------------------------


def test_the_right_password_signs_in_as_that_person(wang, clock):
    actor = sign_in("reception", PASSWORD, now=clock())
    assert actor == wang
    assert actor.role == Role.RECEPTIONIST
    # Typing slips that are not the password are forgiven: spaces around and the case of the user name.
    assert sign_in("  Reception ", PASSWORD, now=clock()) == wang


def test_a_department_member_signs_in_with_the_department(people, admin, clock):
    auth.force_password("engineering.recv", PASSWORD, must_change=False)
    actor = sign_in("engineering.recv", PASSWORD, now=clock())
    assert actor.role == Role.RECEIVER
    assert actor.department_id == Department.get(Department.code == "engineering").id


def test_unknown_user_and_wrong_password_give_the_same_message(wang, clock):
    unknown = fail("nobody", PASSWORD, clock)
    wrong = fail("reception", "wrong-password", clock)
    empty = fail("", "", clock)
    assert str(unknown) == str(wrong) == str(empty) == "Wrong user name or password."
    assert unknown.message == wrong.message == auth.WRONG_CREDENTIALS


def test_an_unknown_user_costs_a_hash_check_like_a_wrong_password(wang, clock, monkeypatch):
    checked = []
    real_verify = auth.verify
    monkeypatch.setattr(auth, "verify", lambda h, p: checked.append(h) or real_verify(h, p))
    fail("nobody", PASSWORD, clock)
    fail("reception", "wrong-password", clock)
    assert len(checked) == 2
    assert all(h.startswith("$argon2id$") for h in checked)


def test_an_account_without_a_password_cannot_sign_in(people, clock):
    assert row(people["reception"].id)["password_hash"] is None
    assert str(fail("reception", "", clock)) == "Wrong user name or password."
    assert str(fail("reception", "anything-at-all", clock)) == "Wrong user name or password."


def test_a_disabled_account_is_refused_and_only_the_right_password_learns_why(wang, clock):
    Staff.update(active=False).where(Staff.id == wang.id).execute()
    assert str(fail("reception", "wrong-password", clock)) == "Wrong user name or password."
    assert str(fail("reception", PASSWORD, clock)) == "This account is disabled. Ask an administrator."
    assert row(wang.id)["failed_signins"] == 0


def test_five_failures_lock_the_account_for_fifteen_minutes(wang, clock):
    for attempt in range(1, 5):
        assert str(fail("reception", f"wrong-{attempt}", clock)) == "Wrong user name or password."
        assert row(wang.id)["failed_signins"] == attempt
        clock.advance(minutes=1)
    locked = fail("reception", "wrong-5", clock)
    assert str(locked) == "Locked until 09:19 after too many failed sign-ins."
    assert row(wang.id)["locked_until"] == clock.now + dt.timedelta(minutes=15)

    # The right password is refused while locked, and trying does not extend the lock.
    clock.advance(minutes=14, seconds=59)
    assert str(fail("reception", PASSWORD, clock)) == "Locked until 09:19 after too many failed sign-ins."
    assert row(wang.id)["locked_until"] == dt.datetime(2026, 11, 17, 9, 19)

    clock.advance(seconds=1)
    assert sign_in("reception", PASSWORD, now=clock()) == wang
    assert row(wang.id)["failed_signins"] == 0
    assert row(wang.id)["locked_until"] is None


def test_after_a_lock_expires_the_count_starts_again(wang, clock):
    for attempt in range(5):
        fail("reception", "wrong", clock)
    clock.advance(minutes=16)
    assert str(fail("reception", "wrong", clock)) == "Wrong user name or password."
    assert row(wang.id)["failed_signins"] == 1
    assert row(wang.id)["locked_until"] is None


def test_a_success_resets_the_count(wang, clock):
    for _ in range(4):
        fail("reception", "wrong", clock)
    sign_in("reception", PASSWORD, now=clock())
    assert row(wang.id)["failed_signins"] == 0
    for _ in range(4):
        assert str(fail("reception", "wrong", clock)) == "Wrong user name or password."
    assert sign_in("reception", PASSWORD, now=clock()) == wang


def test_lock_out_limits_come_from_the_settings(wang, clock):
    put_setting(auth.SETTING_MAX_FAILURES, "3")
    put_setting(auth.SETTING_LOCK_MINUTES, "5")
    fail("reception", "wrong", clock)
    fail("reception", "wrong", clock)
    assert str(fail("reception", "wrong", clock)) == "Locked until 09:05 after too many failed sign-ins."
    clock.advance(minutes=5)
    assert sign_in("reception", PASSWORD, now=clock()) == wang


def test_nonsense_lock_out_settings_fall_back_to_the_defaults(db_url):
    put_setting(auth.SETTING_MAX_FAILURES, "many")
    put_setting(auth.SETTING_LOCK_MINUTES, "0")
    assert auth.lockout_limits() == (5, 15)


def test_an_administrator_unlocks_an_account(wang, admin, clock):
    for _ in range(5):
        fail("reception", "wrong", clock)
    auth.unlock(admin, wang.id)
    assert row(wang.id)["locked_until"] is None
    assert sign_in("reception", PASSWORD, now=clock()) == wang


def test_a_receptionist_cannot_unlock_and_nothing_is_written(wang, people, clock):
    chen = people["reception2"]
    for _ in range(5):
        fail("reception", "wrong", clock)
    before = row(wang.id)
    with pytest.raises(PermissionDenied):
        auth.unlock(chen, wang.id)
    assert row(wang.id) == before


def test_a_hash_with_old_parameters_is_replaced_at_sign_in(wang, clock):
    old = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1).hash(PASSWORD)
    Staff.update(password_hash=old).where(Staff.id == wang.id).execute()
    sign_in("reception", PASSWORD, now=clock())
    stored = row(wang.id)["password_hash"]
    assert stored != old
    assert not auth.needs_rehash(stored)
    assert sign_in("reception", PASSWORD, now=clock()) == wang
    assert row(wang.id)["password_hash"] == stored  # nothing to upgrade the second time


# ----- changing and resetting passwords -------------------------------------------------------------------------


def test_a_user_changes_their_own_password_with_the_old_one(wang, clock):
    auth.set_password(wang, wang.id, "New-lantern-7", old_password=PASSWORD)
    assert sign_in("reception", "New-lantern-7", now=clock()) == wang
    assert str(fail("reception", PASSWORD, clock)) == "Wrong user name or password."
    assert row(wang.id)["must_change_password"] is False


@pytest.mark.parametrize("old, field, message", [
    (None, "old_password", "Enter your current password."),
    ("not-the-password", "old_password", "The current password is wrong."),
    (PASSWORD, "password", "Choose a password different from the current one."),
])
def test_a_refused_own_change_writes_nothing(wang, old, field, message):
    before = row(wang.id)
    new = PASSWORD if field == "password" else "New-lantern-7"
    with pytest.raises(ValidationError) as caught:
        auth.set_password(wang, wang.id, new, old_password=old)
    assert (caught.value.field, str(caught.value)) == (field, message)
    assert row(wang.id) == before


def test_an_administrator_resets_a_password_which_must_then_be_changed(wang, admin, clock):
    for _ in range(5):
        fail("reception", "wrong", clock)
    auth.set_password(admin, wang.id, "Temporary-99")
    after = row(wang.id)
    assert after["must_change_password"] is True
    assert after["locked_until"] is None and after["failed_signins"] == 0
    assert sign_in("reception", "Temporary-99", now=clock()) == wang
    assert auth.needs_new_password(wang.id)
    # The owner's own change clears the mark.
    auth.set_password(wang, wang.id, "Her-own-choice-3", old_password="Temporary-99")
    assert not auth.needs_new_password(wang.id)


def test_a_receptionist_cannot_reset_another_persons_password_and_nothing_is_written(wang, people, admin):
    chen = people["reception2"]
    before = row(wang.id), row(admin.id)
    with pytest.raises(PermissionDenied) as caught:
        auth.set_password(chen, wang.id, "Taken-over-1")
    assert str(caught.value) == "Not allowed: only an administrator may set another person's password."
    with pytest.raises(PermissionDenied):
        auth.set_password(chen, admin.id, "Taken-over-1", old_password="Admin-pass-1")
    assert (row(wang.id), row(admin.id)) == before


def test_a_supervisor_is_no_administrator(wang, people):
    supervisor = people["supervisor"]
    with pytest.raises(PermissionDenied):
        auth.set_password(supervisor, wang.id, "Taken-over-1")


def test_a_demoted_administrator_loses_the_right_at_once(wang, admin, people):
    """The Actor is a snapshot; administration re-checks the stored account."""
    other = auth.create_staff(admin, "admin2", "第二管理员", Role.ADMIN)
    auth.update_staff(admin, other, role=Role.RECEPTIONIST)
    stale = Actor(other, "第二管理员", Role.ADMIN, None)
    with pytest.raises(PermissionDenied):
        auth.set_password(stale, wang.id, "Taken-over-1")


@pytest.mark.parametrize("password, message", [
    ("short1", "A password needs at least 8 characters."),
    ("          ", "A password needs at least 8 characters."),
    ("13812345678", "A password of digits only is too easy to guess."),
    ("RECEPTION", "The password cannot be the user name."),
    ("x" * 129, "A password can have at most 128 characters."),
])
def test_weak_passwords_are_refused_and_nothing_is_written(wang, admin, password, message):
    before = row(wang.id)
    with pytest.raises(ValidationError) as caught:
        auth.set_password(admin, wang.id, password)
    assert (caught.value.field, str(caught.value)) == ("password", message)
    assert row(wang.id) == before


def test_a_chinese_passphrase_is_accepted(wang, clock):
    auth.set_password(wang, wang.id, "春眠不觉晓处处闻", old_password=PASSWORD)
    assert sign_in("reception", "春眠不觉晓处处闻", now=clock()) == wang


def test_init_db_password_must_be_changed(db_url, clock):
    assert not auth.has_password("admin")
    set_initial_password("admin", "First-admin-1")
    assert auth.has_password("admin")
    actor = sign_in("admin", "First-admin-1", now=clock())
    assert actor.role == Role.ADMIN and auth.needs_new_password(actor.id)
    with pytest.raises(NotFound):
        set_initial_password("ghost", "First-admin-1")
    with pytest.raises(ValidationError):
        set_initial_password("admin", "admin")


def test_every_demo_member_gets_the_demo_password(people, clock):
    assert set_demo_passwords() == Staff.select().count()
    for username in ("reception", "reception2", "dispatcher", "supervisor", "audit", "engineering.recv",
                     "engineering.lead", "engineering.w2", "admin"):
        assert sign_in(username, "demo1234", now=clock()).name
    assert not auth.needs_new_password(people["reception"].id)


def test_the_demo_does_not_overwrite_an_administrators_password(people, admin, clock):
    set_demo_passwords()
    assert sign_in("admin", "Admin-pass-1", now=clock()) == admin


# ----- staff administration -------------------------------------------------------------------------------------


def test_an_administrator_creates_an_account_that_must_change_its_password(people, admin, clock):
    engineering = Department.get(Department.code == "engineering").id
    staff_id = auth.create_staff(admin, "gong.li", "巩丽", Role.FIELD, engineering, "138 1234 5678",
                                 "gong.li@example.cn", "Welcome-2026")
    actor = sign_in("gong.li", "Welcome-2026", now=clock())
    assert actor == Actor(staff_id, "巩丽", Role.FIELD, engineering)
    assert auth.needs_new_password(staff_id)
    created = row(staff_id)
    assert (created["phone"], created["email"]) == ("+8613812345678", "gong.li@example.cn")


def test_an_account_made_without_a_password_cannot_sign_in_yet(admin, clock):
    auth.create_staff(admin, "temp", "临时工", Role.RECEPTIONIST)
    assert str(fail("temp", "", clock)) == "Wrong user name or password."


@pytest.mark.parametrize("changes, field, message", [
    ({"username": "Reception"}, "username", "The user name Reception is taken."),
    ({"username": "li jing"}, "username", "A user name cannot contain spaces."),
    ({"username": " "}, "username", "This field is required."),
    ({"name": ""}, "name", "This field is required."),
    ({"role": "boss"}, "role", "Choose a role."),
    ({"role": Role.RECEIVER}, "department", "The role \u201creceiver\u201d needs a department."),
    ({"department_id": 9999}, "department", "Choose a department."),
    ({"phone": "12"}, "phone", "Not a valid phone number: 12"),
    ({"email": "li@"}, "email", "Not a valid e-mail address: li@"),
    ({"password": "12345678"}, "password", "A password of digits only is too easy to guess."),
    ({"password": "new.person"}, "password", "The password cannot be the user name."),
])
def test_a_new_account_is_validated_and_nothing_is_written(people, admin, changes, field, message):
    values = {"username": "new.person", "name": "新同事", "role": Role.RECEPTIONIST, "department_id": None,
              "phone": "", "email": "", "password": "Welcome-2026"} | changes
    count = Staff.select().count()
    with pytest.raises(ValidationError) as caught:
        auth.create_staff(admin, **values)
    assert (caught.value.field, str(caught.value)) == (field, message)
    assert Staff.select().count() == count


def test_only_an_administrator_creates_accounts(people, admin):
    count = Staff.select().count()
    with pytest.raises(PermissionDenied) as caught:
        auth.create_staff(people["supervisor"], "new.person", "新同事", Role.ADMIN, password="Welcome-2026")
    assert str(caught.value) == "Not allowed: only an administrator may manage staff accounts."
    assert Staff.select().count() == count


def test_an_administrator_changes_role_department_contact_and_active(people, admin, clock):
    chen = people["reception2"]
    finance = Department.get(Department.code == "finance").id
    auth.update_staff(admin, chen.id, role=Role.LEADER, department_id=finance, phone="13912345678",
                      email="chen@example.cn", name="陈晨晨")
    changed = row(chen.id)
    assert (changed["role"], changed["department"], changed["phone"], changed["email"], changed["name"]) == (
        "leader", finance, "+8613912345678", "chen@example.cn", "陈晨晨")
    auth.update_staff(admin, chen.id, active=False)
    assert row(chen.id)["active"] is False
    assert all(a.username != "reception2" for a in auth.staff_accounts() if a.active)
    assert any(a.username == "reception2" and not a.active for a in auth.staff_accounts())


@pytest.mark.parametrize("target, changes, field, message", [
    ("admin", {"active": False}, "active", "You cannot deactivate your own account."),
    ("admin", {"role": Role.SUPERVISOR}, "role", "At least one active administrator must remain."),
    ("engineering.recv", {"active": False}, "active",
     "张伟 is the receiver of 工程部: name another receiver first."),
    ("engineering.recv", {"department_id": None, "role": Role.RECEPTIONIST}, "department",
     "张伟 is the receiver of 工程部: name another receiver first."),
    ("engineering.lead", {"department_id": None}, "department",
     "The role \u201cleader\u201d needs a department."),
])
def test_a_refused_account_change_writes_nothing(people, admin, target, changes, field, message):
    staff_id = Staff.get(Staff.username == target).id
    before = row(staff_id)
    with pytest.raises(ValidationError) as caught:
        auth.update_staff(admin, staff_id, **changes)
    assert (caught.value.field, str(caught.value)) == (field, message)
    assert row(staff_id) == before


def test_only_an_administrator_changes_accounts(people, admin):
    before = row(people["reception2"].id)
    with pytest.raises(PermissionDenied):
        auth.update_staff(people["reception"], people["reception2"].id, role=Role.ADMIN)
    with pytest.raises(TypeError):
        auth.update_staff(admin, people["reception2"].id, password_hash="x")
    assert row(people["reception2"].id) == before


def test_who_did_what_goes_to_the_audit_log_without_passwords(wang, admin, people, clock, caplog):
    caplog.set_level(logging.INFO, logger="desk_app.audit")
    sign_in("reception", PASSWORD, now=clock())
    fail("reception", "Secret-typo-1", clock)
    fail("Secret-in-user-field", "x", clock)
    auth.set_password(admin, wang.id, "Temporary-99")
    auth.unlock(admin, wang.id)
    new_id = auth.create_staff(admin, "gong.li", "巩丽", Role.RECEPTIONIST, password="Welcome-2026")
    auth.update_staff(admin, new_id, role=Role.DISPATCHER)
    with pytest.raises(PermissionDenied):
        auth.unlock(people["reception2"], wang.id)
    lines = [r.getMessage() for r in caplog.records if r.name == "desk_app.audit"]
    admin_who = f"{admin.id} ({admin.name})"
    assert any(line.startswith("sign-in: ") and "(reception)" in line for line in lines)
    assert any("wrong password" in line and "(reception)" in line for line in lines)
    assert any("reset by " + admin_who in line for line in lines)
    assert any("unlocked by " + admin_who in line for line in lines)
    assert any("created by " + admin_who in line and "gong.li" in line for line in lines)
    assert any("changed by " + admin_who in line and "'receptionist' \u2192 'dispatcher'" in line for line in lines)
    assert any(line.startswith("refused:") and "陈晨" in line for line in lines)
    for secret in (PASSWORD, "Secret-typo-1", "Secret-in-user-field", "Temporary-99", "Welcome-2026"):
        assert all(secret not in line for line in lines)
