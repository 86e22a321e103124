"""`desk-app customers`: the customer archive from the terminal — search (one customer a line, phone masked, best
first), the yearly summary, merging a duplicate; one-line errors: usage 2, permission 1."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.cli import main
from desk_app.core.customers import AddressDraft, CustomerDraft, MemberDraft, NumberDraft
from desk_app.core.kinds import Role
from desk_app.models.db import close_database
from desk_app.models.schema import AuditLog, Customer, Staff
from desk_app.services.customers import create_customer
from desk_app.services.desk import Actor, DeskService


@pytest.fixture
def archive(tmp_path, monkeypatch, database_url):
    """A database with three archives (two of them one person's) and a supervisor, a receptionist, the office."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_DATABASE_URL", database_url("customers"))
    assert main(["init-db"]) == 0
    Staff.create(username="lin", name="林主管", role=Role.SUPERVISOR.value)
    wang = Actor.of(Staff.create(username="wang", name="王前台", role=Role.RECEPTIONIST.value))
    Staff.create(username="eng", name="张伟", role=Role.RECEIVER.value)
    service = DeskService(now=lambda: dt.datetime(2026, 3, 2, 10, 0))
    ids = {
        "zhang": create_customer(service, wang, CustomerDraft(
            "张三", (NumberDraft("138 1234 8000"),), (AddressDraft("阳光花园3栋2单元501", "城北片区"),),
            members=(MemberDraft("张小明", "儿子", 2015, "学生"),), occupation="工程师", birth_year=1983,
            needs="上门前电话联系", festivals="春节、中秋")),
        "walk_in": create_customer(service, wang, CustomerDraft(
            "张三", (NumberDraft("139 0000 2222"),), (AddressDraft("阳光花园3栋2单元501"),), occupation="工程师")),
        "li": create_customer(service, wang, CustomerDraft(
            "李四", (NumberDraft("136 0000 1111"),), (AddressDraft("翠湖苑8栋101", "城南片区"),), birth_year=1950,
            needs="送水上门")),
    }
    yield ids
    close_database()


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_search_prints_one_customer_a_line_with_the_phone_masked(capsys, archive):
    # Issue 9, 8: "`desk-app customers search QUERY` (one customer a line, phone masked)".
    code, out, err = run(capsys, "customers", "search", "8000", "--user", "lin")
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"{archive['zhang']}\t张三\t138****8000\t城北片区\t阳光花园***"]
    code, out, _ = run(capsys, "customers", "search", "zs", "--user", "wang")
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and {int(line[0]) for line in lines} == {archive["zhang"], archive["walk_in"]}
    assert all("****" in line[2] for line in lines)


def test_summary_prints_the_year_one_count_a_line(capsys, archive):
    # Seed 4.1.3: "每年对客户信息进行汇总和整理,如:客户职业分布、年龄分布、服 务需求等".
    code, out, err = run(capsys, "customers", "summary", "--year", "2026", "--user", "lin")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:3] == ["total\t3", "created\t3", "updated\t0"]
    assert "occupations\t工程师\t2" in lines and "occupations\t学生\t1" in lines
    assert "ages\tunder 18\t1" in lines and "ages\t75+\t1" in lines and "ages\tunknown\t1" in lines
    assert "needs\t上门前电话联系\t1" in lines and "festivals\t春节\t1" in lines


def test_merge_moves_the_duplicate_into_the_archive_kept(capsys, archive):
    code, out, err = run(capsys, "customers", "merge", str(archive["zhang"]), str(archive["walk_in"]),
                         "--user", "wang")
    assert (code, err) == (0, "")
    assert out.strip() == f"customer {archive['walk_in']} merged into {archive['zhang']}"
    assert Customer.get_by_id(archive["walk_in"]).merged_into_id == archive["zhang"]
    assert AuditLog.select().where((AuditLog.entity == "customer") & (AuditLog.action == "merge")).count() == 1
    code, out, err = run(capsys, "customers", "merge", str(archive["zhang"]), str(archive["walk_in"]),
                         "--user", "wang")
    assert code == 2 and out == "" and err.startswith("desk-app: ") and len(err.splitlines()) == 1


@pytest.mark.parametrize("argv", [
    ("customers", "summary", "--year", "2026", "--user", "eng"),
    ("customers", "merge", "1", "2", "--user", "eng"),
])
def test_a_role_that_may_not_is_refused_with_exit_1(capsys, archive, argv):
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == "" and err.startswith("desk-app: ") and len(err.splitlines()) == 1


@pytest.mark.parametrize("argv", [
    ("customers", "search", "张三", "--limit", "0"),
    ("customers", "summary"),
    ("customers", "summary", "--year", "26"),
    ("customers", "merge", "1"),
    ("customers", "merge", "1", "x"),
    ("customers", "merge", "1", "1", "--user", "wang"),
    ("customers", "merge", "1", "999", "--user", "wang"),
])
def test_bad_usage_is_one_line_and_exit_2(capsys, archive, argv):
    with pytest.raises(SystemExit) as info:
        code = main(list(argv))
        raise SystemExit(code)
    err = capsys.readouterr().err
    assert info.value.code == 2 and len(err.strip().splitlines()) == 1
