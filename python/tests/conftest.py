"""Fixtures of the Python package's tests: stores that the built vigil
loads, once per session, from the repository's fixtures and the UN list in
../shared/data (skipped when it is absent, as tests/e2e skips).

Run by CTest (python/CMakeLists.txt), which sets PYTHONPATH to the built
package, VIGIL_BINARY and VIGIL_SOURCE_DIR; by hand:
    PYTHONPATH=build/release/python python3 -m pytest python/tests
"""

import os
import pathlib
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


def load(db: pathlib.Path, *paths: str) -> str:
    result = run_vigil("load", *paths, "--db", str(db))
    assert result.returncode == 0, result.stderr
    return str(db)


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
