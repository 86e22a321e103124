"""`desk-app kb`: the knowledge base from the terminal — search (one article a line, best first) and add, with
one-line errors: usage 2, permission 1."""

from __future__ import annotations

import pytest

from desk_app.cli import main
from desk_app.core.kinds import Role
from desk_app.models.db import close_database
from desk_app.models.schema import KbArticle, Staff


@pytest.fixture
def kb_db(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_DATABASE_URL", database_url("kb"))
    assert main(["init-db"]) == 0
    Staff.create(username="lin", name="林主管", role=Role.SUPERVISOR.value)
    Staff.create(username="wang", name="王前台", role=Role.RECEPTIONIST.value)
    yield tmp_path
    close_database()


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def add(capsys, question, answer, tags="", user="lin"):
    code, out, err = run(capsys, "kb", "add", "--question", question, "--answer", answer, "--tags", tags,
                         "--user", user)
    assert (code, err) == (0, "")
    return int(out.strip())


def test_kb_add_then_search_one_article_a_line_best_first(capsys, kb_db):
    parking = add(capsys, "停车卡怎么办理？", "带行驶证、身份证到物业前台办理。\n月卡每月300元。", "停车卡 车辆")
    decoration = add(capsys, "装修手续怎么办理？", "到物业服务中心填写装修申请表。", "装修 手续")
    lost = add(capsys, "业主卡丢了怎么补办？", "到物业前台登记补办；停车卡另行办理。", "业主卡")
    code, out, err = run(capsys, "kb", "search", "停车卡")
    assert (code, err) == (0, "")
    lines = [line.split("\t") for line in out.splitlines()]
    # The question holding the words comes before an answer that mentions them.
    assert [int(line[0]) for line in lines] == [parking, lost]
    assert lines[0][1:] == ["停车卡怎么办理？", "带行驶证、身份证到物业前台办理。", "停车卡 车辆"]
    code, out, _ = run(capsys, "kb", "search", "", "--limit", "2")
    assert code == 0 and [int(line.split("\t")[0]) for line in out.splitlines()] == [lost, decoration]


def test_kb_add_is_refused_to_a_role_that_may_not_edit(capsys, kb_db):
    code, out, err = run(capsys, "kb", "add", "--question", "问", "--answer", "答", "--user", "wang")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert KbArticle.select().count() == 0


@pytest.mark.parametrize("argv", [
    ("kb", "add", "--question", " ", "--answer", "答", "--user", "lin"),
    ("kb", "add", "--question", "问", "--answer", "答", "--kind", "nonsense", "--user", "lin"),
    ("kb", "add", "--answer", "答"),
    ("kb", "search", "x", "--limit", "0"),
    ("kb", "search"),
    ("kb",),
])
def test_usage_errors_exit_2_with_one_line(capsys, kb_db, argv):
    capsys.readouterr()
    with pytest.raises(SystemExit) as caught:
        main(list(argv))
    err = capsys.readouterr().err
    assert caught.value.code == 2 and len(err.strip().splitlines()) == 1, err


def test_an_unknown_user_is_one_line_and_exit_1(capsys, kb_db):
    with pytest.raises(SystemExit) as caught:
        main(["kb", "add", "--question", "问", "--answer", "答", "--user", "nobody"])
    assert caught.value.code == 1
