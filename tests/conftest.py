"""Shared fixtures: Qt offscreen, a fresh database per test, demo data built once and copied per test.

The database is SQLite (a file under tmp_path) or, with DESK_TEST_DATABASE=postgres, a database of its own on one
throwaway PostgreSQL cluster per session (copied from a migrated or demo-filled template, dropped after the test).
./run-tests runs the suite both ways. A test about SQLite itself is marked `sqlite_only("why")` and left out of the
PostgreSQL run (tests/test_database_markers.py keeps the list of them); so is a test that never opens the run's
database (`runs_on_the_runs_database`): it does the same in both runs, and the SQLite run runs it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.postgres import Cluster, test_database

# Before anything imports Qt: without a display Qt would abort the whole run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Before the first password is hashed: argon2's production cost (~0.3 s a hash) would slow every sign-in test.
os.environ["DESK_APP_CHEAP_HASH"] = "1"

# The demo's "now" and the tests' clock: a Thursday in late 2026, when 2027's holiday schedule is not out yet.
FIXED_NOW = dt.datetime(2026, 11, 26, 10, 0, 0)
DEMO_TICKETS = 60


class FakeClock:
    """An injectable `now`: call it for the time, advance() to move it (DeskService(now=clock))."""

    def __init__(self, start: dt.datetime = FIXED_NOW) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> dt.datetime:
        self.at += dt.timedelta(**delta)
        return self.at


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


# "sqlite" or "postgres": the database the fixtures below give every test of this run.
TEST_DATABASE = test_database()
ON_POSTGRES = TEST_DATABASE == "postgres"
_database_names = itertools.count()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "window_timing: measures how long the window's thread is blocked; ./run-tests runs these alone, "
                   "after the two passes that run side by side (a busy second core would make the timing fail)")
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about SQLite itself (its file, WAL, FTS5 tables, the sqlite3 "
                   "module, the kept SQLite files); it runs in the SQLite run only, never on PostgreSQL")


def pytest_report_header(config: pytest.Config) -> str:
    return f"test database: {TEST_DATABASE} (DESK_TEST_DATABASE)"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every sqlite_only marker names its reason; on PostgreSQL those tests are deselected (they ran on SQLite)."""
    for item in items:
        for mark in item.iter_markers("sqlite_only"):
            if len(mark.args) != 1 or not str(mark.args[0]).strip():
                raise pytest.UsageError(f"{item.nodeid}: sqlite_only needs one reason, e.g. "
                                        f'@pytest.mark.sqlite_only("reads the SQLite file\'s header")')
    if ON_POSTGRES:
        left_out = [item for item in items if not runs_on_the_runs_database(item)]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if runs_on_the_runs_database(item)]


# The fixture every database of the run comes from (desk_db, demo_db, db_url, database_url, copy_database...).
RUNS_DATABASE_FIXTURE = "_databases"


def runs_on_the_runs_database(item: pytest.Item) -> bool:
    """Whether the PostgreSQL run runs this test too: it opens the run's database (through `_databases`) and is not
    about SQLite itself. A test that never opens the run's database (the domain rules, the printed forms, the tests
    that start PostgreSQL clusters of their own) does the same in both runs, so the SQLite run runs it once."""
    if item.get_closest_marker("sqlite_only"):
        return False
    return RUNS_DATABASE_FIXTURE in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's PostgreSQL cluster (initdb + pg_ctl, about a second). If it cannot start, the tests fail."""
    server = Cluster().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def server() -> Iterator[Cluster]:
    """A cluster of the module's own, whose tests stop and start its server (pause() and resume(), restart())."""
    own = Cluster().start()
    yield own
    own.stop()


@pytest.fixture
def cluster(pg_cluster: Cluster) -> Cluster:
    """The session's cluster, for the tests that are about PostgreSQL whatever the run's database and make their
    databases on it by hand (`cluster.create_database(name)`, a name of the module's own). Tests that stop and
    start the server use `server`, a cluster of their module's own."""
    return pg_cluster


@pytest.fixture(params=["sqlite", "postgres"])
def shared_database(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database several desks (processes, listeners) of one test share, on SQLite and on PostgreSQL whatever the
    run's database: migrated, with the demo organisation, left open in this process; its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.demo import create_organization
    from desk_app.services.setup import init_database

    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "desk.db")
    else:
        url = request.getfixturevalue("cluster").create_database(_pg_name("shared"))
    init_database(url)
    create_organization()
    yield url
    close_database()


def _pg_name(prefix: str) -> str:
    """A database name of its own on the session's cluster."""
    return f"{prefix.lower().replace('-', '_')}_{next(_database_names)}"


def _pg_database(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory,
                      request: pytest.FixtureRequest) -> Callable[[str], str]:
    """template_database("telecom") -> the URL of a new, empty database of this run's kind kept for the whole run:
    fill it once (init_database, the demo…), close it, and give each test a `copy_database` of it."""

    def make(name: str) -> str:
        if not ON_POSTGRES:
            return sqlite_url(tmp_path_factory.mktemp(name) / "desk.db")
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        database = _pg_name(f"template_{name}")
        cluster.execute(f'CREATE DATABASE "{database}"')
        return cluster.url(database)

    return make


class _Databases:
    """The databases one test made on the cluster, dropped after it (connections it left open are ended)."""

    def __init__(self, tmp_path: Path, request: pytest.FixtureRequest) -> None:
        self.tmp_path, self.request, self.made = tmp_path, request, []

    @property
    def cluster(self) -> Cluster:
        return self.request.getfixturevalue("pg_cluster")

    def empty(self, name: str) -> str:
        if not ON_POSTGRES:
            return sqlite_url(self.tmp_path / f"{name}.db")
        database = _pg_name(name)
        self.cluster.execute(f'CREATE DATABASE "{database}"')
        self.made.append(database)
        return self.cluster.url(database)

    def copy(self, template_url: str, name: str) -> str:
        """A private copy of a closed template database (a file copy, or CREATE DATABASE … TEMPLATE: a few ms)."""
        if not ON_POSTGRES:
            path = self.tmp_path / f"{name}.db"
            shutil.copyfile(_sqlite_path(template_url), path)
            return sqlite_url(path)
        database = _pg_name(name)
        url = self.cluster.copy_database(_pg_database(template_url), database)
        self.made.append(database)
        return url

    def drop(self) -> None:
        from desk_app.models.db import close_database

        close_database()
        for database in self.made:
            self.cluster.drop_database(database)


@pytest.fixture
def _databases(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[_Databases]:
    databases = _Databases(tmp_path, request)
    yield databases
    databases.drop()


@pytest.fixture
def database_url(_databases: _Databases) -> Callable[..., str]:
    """database_url("cli") -> the URL of a new, empty database of this run's kind (a SQLite file under tmp_path, or
    a new database on the session's cluster, dropped after the test); nothing is opened or migrated."""
    return lambda name="desk": _databases.empty(name)


@pytest.fixture
def copy_database(_databases: _Databases) -> Callable[..., str]:
    """copy_database(template_url) -> the URL of a private copy of a `template_database` (closed), not opened."""
    return lambda template_url, name="desk": _databases.copy(template_url, name)


@pytest.fixture(scope="session")
def desk_template(template_database: Callable[[str], str]) -> str:
    """A migrated database with only the administrator and default policies, copied by `desk_db`; its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    url = template_database("desk")
    init_database(url)
    close_database()  # a template is copied closed (on PostgreSQL no one may be connected to it)
    return url


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's data folder (DESK_APP_DATA_DIR) inside tmp_path."""
    path = tmp_path / "data"
    path.mkdir(exist_ok=True)
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(path))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    return path


def fresh_desk_database(copy_database: Callable[..., str], desk_template: str) -> Iterator[str]:
    """The body of `desk_db` (and the services' `db_url`): a fresh, initialised database, opened; yields its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    url = copy_database(desk_template)
    init_database(url)
    yield url
    close_database()


@pytest.fixture
def desk_db(data_dir: Path, copy_database: Callable[..., str], desk_template: str) -> Iterator[str]:
    """A fresh, initialised database (only the administrator and default policies), opened; yields its URL."""
    yield from fresh_desk_database(copy_database, desk_template)


@pytest.fixture(scope="session")
def demo_template(template_database: Callable[[str], str]) -> str:
    """A demo database built once per run (DEMO_TICKETS calls ending at FIXED_NOW), copied by `demo_db`; its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import init_database

    url = template_database("demo")
    init_database(url)
    try:
        build_demo(tickets=DEMO_TICKETS, now=FIXED_NOW)
    finally:
        close_database()  # SQLite: the last connection checkpoints the WAL into the file, so one file copy is complete
    return url


@pytest.fixture
def demo_db(data_dir: Path, copy_database: Callable[..., str], demo_template: str) -> Iterator[str]:
    """A private copy of the demo database, opened; yields its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    url = copy_database(demo_template)
    init_database(url)
    yield url
    close_database()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
