"""Fixtures of the Python package's tests: stores that the built vigil
loads, once per session, from the repository's fixtures and the UN list in
../shared/data (skipped when it is absent, as tests/e2e skips).

Run by CTest (python/CMakeLists.txt), which sets PYTHONPATH to the built
package, VIGIL_BINARY and VIGIL_SOURCE_DIR; by hand:
    PYTHONPATH=build/release/python python3 -m pytest python/tests

With VIGIL_TEST_PG set to a PostgreSQL URI (a throwaway server's maintenance
database, as CTest's `postgres` fixture gives), each store is a database of
its own on that server instead of a file, dropped at the end of the session:
the same tests, against the shared store.
"""

import os
import pathlib
import re
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(
    os.environ.get("VIGIL_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2])
)
VIGIL = os.environ.get("VIGIL_BINARY", str(SOURCE_DIR / "build/release/cli/vigil"))
SHARED_DATA = SOURCE_DIR.parent / "shared" / "data"
UN_LIST = SHARED_DATA / "un" / "consolidated-2025-04-19.xml"
NETWORKS = SOURCE_DIR / "tests" / "fixtures" / "networks"
EXPOSURE = SOURCE_DIR / "tests" / "fixtures" / "exposure"
MINI = SOURCE_DIR / "tests" / "fixtures" / "mini"


def run_vigil(*args: str) -> subprocess.CompletedProcess:
    """The built vigil command, its output as text."""
    return subprocess.run([VIGIL, *args], capture_output=True, text=True, check=False)


POSTGRES = os.environ.get("VIGIL_TEST_PG")
_databases: list = []


def _psql(sql: str) -> None:
    result = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", POSTGRES, "-c", sql],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def store_location(db: pathlib.Path) -> str:
    """db itself, or with VIGIL_TEST_PG a new database on that server named
    after db's folder (pytest makes each folder name unique), as a URI."""
    if not POSTGRES:
        return str(db)
    name = "py_" + re.sub(r"[^a-z0-9]", "_", db.parent.name.lower()) + f"_{os.getpid()}"
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    _databases.append(name)
    server, _, query = POSTGRES.partition("?")  # postgresql://[host]/postgres?host=...
    return server.rsplit("/", 1)[0] + "/" + name + ("?" + query if query else "")


def pytest_sessionfinish(session, exitstatus):
    for name in _databases:
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def load(db: pathlib.Path, *paths: str) -> str:
    """Loads paths into a new store at db (or its PostgreSQL database); returns
    where the store is, as vigil's --db takes it."""
    location = store_location(db)
    result = run_vigil("load", *paths, "--db", location)
    assert result.returncode == 0, result.stderr
    return location


@pytest.fixture(scope="session")
def un_db(tmp_path_factory) -> str:
    """A store holding the UN consolidated list of 2025-04-19."""
    if not UN_LIST.exists():
        pytest.skip(f"not found: {UN_LIST}")
    return load(tmp_path_factory.mktemp("un") / "vigil.db", str(UN_LIST))


@pytest.fixture(scope="session")
def un_store(un_db):
    import vigil

    return vigil.open(un_db)


@pytest.fixture(scope="session")
def exposure_store(tmp_path_factory):
    """The exposure fixture (tests/fixtures/exposure): a ministry, a minister,
    the network he leads and the designated Crescent Legion."""
    import vigil

    db = load(
        tmp_path_factory.mktemp("exposure") / "vigil.db",
        str(EXPOSURE / "data"),
        "--texts",
        str(EXPOSURE / "texts"),
    )
    return vigil.open(db)


@pytest.fixture(scope="session")
def mini_store(tmp_path_factory):
    """The mini knowledge base (tests/fixtures/mini): a few groups, a claimed
    and attributed bombing, an estimate."""
    import vigil

    db = load(
        tmp_path_factory.mktemp("mini") / "vigil.db",
        str(MINI / "data"),
        "--texts",
        str(MINI / "texts"),
    )
    return vigil.open(db)
