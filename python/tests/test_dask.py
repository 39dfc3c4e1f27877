"""vigil.dask on a LocalCluster of two worker processes: the hits and order
of Store.screen_batch on the same rows, known hits of the UN list, empty
partitions, errors raised on the client, the store shipped and opened once
per worker, and a store on shared storage opened in place."""

import contextlib
import os

import pandas as pd
import pytest
import vigil
from conftest import SOURCE_DIR

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
import vigil.dask  # noqa: E402 (after the skips: it needs Dask)

# Debian's distributed 2022.12 on tornado 6.2 warns on starting a cluster.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

# Known listed names (tests/test_screening.py) between unlisted ones, with
# labels that are not positions.
NAMES = [
    "Sirajuddin Haqqani",
    "Margaret Thornton",
    "Serajuddin Haqani",
    "Haqqani Network",
    "HAQQANI, Sirajuddin",
    "Peter Lindqvist",
    "سراج الدين حقاني",
    "Haqqani Network",
]
PAYEES = pd.DataFrame(
    {"name": NAMES * 3, "dob": ["1977", None, "1973", None, None, "1980", None, None] * 3},
    index=pd.Index(range(1000, 1000 + 2 * len(NAMES) * 3, 2), name="payee"),
)
# The best hit of each listed name (rows without one: Margaret Thornton,
# Peter Lindqvist).
EXPECTED_TOP = {
    "Sirajuddin Haqqani": "un-tai-144",
    "Serajuddin Haqani": "un-tai-144",
    "Haqqani Network": "un-tae-012",
    "HAQQANI, Sirajuddin": "un-tai-144",
    "سراج الدين حقاني": "un-tai-144",
}


# Generous timeouts: the suite runs beside builds and other tests on two
# cores, where starting a worker process can take longer than dask's
# defaults allow.
TIMEOUTS = {
    "distributed.comm.timeouts.connect": "180s",
    "distributed.comm.timeouts.tcp": "180s",
    "distributed.deploy.lost-worker-timeout": "180s",
}


@contextlib.contextmanager
def two_workers(directory, settings, **client):
    """A LocalCluster of two worker processes of one thread each, started
    with these dask settings (and TIMEOUTS), and its Client."""
    with dask.config.set({**settings, **TIMEOUTS}), distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: two clusters may run at once
        local_directory=str(directory),
    ) as cluster, distributed.Client(cluster, **client) as started:
        yield started


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The module's cluster, with the settings that docs/python.md
    recommends for batch screening."""
    with two_workers(tmp_path_factory.mktemp("dask"), vigil.dask.BATCH_SETTINGS) as started:
        yield started


def test_the_batch_settings_reach_the_scheduler_and_the_workers(client):
    def worker_settings():
        return (
            dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.admin.tick.interval"),
            os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        )

    # Dask's own: True, "20ms", "65536"; and a work-stealing extension.
    for settings in client.run(worker_settings).values():
        assert settings == (False, "500ms", str(64 << 20))
    extensions = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.extensions))
    assert "stealing" not in extensions and "shuffle" in extensions
    with pytest.raises(TypeError):
        vigil.dask.BATCH_SETTINGS["distributed.admin.tick.interval"] = "1ms"  # read-only


def test_the_documented_yaml_gives_the_batch_settings(tmp_path):
    # docs/python.md's YAML, for a real cluster, read by Dask as its
    # configuration files are.
    text = (SOURCE_DIR / "docs" / "python.md").read_text(encoding="utf-8")
    section = text[text.index("**Settings for batch screening.**"):]
    block = section[section.index("```yaml\n") + len("```yaml\n"):]
    (tmp_path / "vigil.yaml").write_text(block[: block.index("```")], encoding="utf-8")
    documented = dask.config.collect(paths=[str(tmp_path)], env={})
    for key, value in vigil.dask.BATCH_SETTINGS.items():
        assert dask.config.get(key, config=documented) == value, key


def test_dasks_default_settings_give_the_same_hits(client, un_db, un_store, tmp_path):
    # A second cluster, with Dask's defaults (work stealing, the profiler,
    # the nanny's trim threshold) beside the module's, whose settings hold
    # while the module runs.
    dask_defaults = dask.config.merge(*dask.config.defaults)
    restored = {key: dask.config.get(key, config=dask_defaults) for key in vigil.dask.BATCH_SETTINGS}
    assert restored["distributed.scheduler.work-stealing"] is True
    with two_workers(tmp_path, restored, set_as_default=False) as defaults:
        extensions = defaults.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.extensions))
        assert "stealing" in extensions
        ddf = dd.from_pandas(PAYEES, npartitions=4)
        hits = vigil.dask.screen(ddf, dob="dob", store=un_db, client=defaults)
        got = defaults.compute(hits).result()  # on this cluster, not the module's
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), un_store.screen_batch(PAYEES, dob="dob"), check_index_type=False
    )


def test_hits_and_order_are_screen_batchs_with_the_known_top_hits(client, un_db, un_store):
    ddf = dd.from_pandas(PAYEES, npartitions=5)
    hits = vigil.dask.screen(ddf, dob="dob", store=un_db)
    assert hits.npartitions == ddf.npartitions
    assert hits.divisions == ddf.divisions
    assert tuple(hits.columns) == vigil.BATCH_COLUMNS
    got = hits.compute()
    expected = un_store.screen_batch(PAYEES, dob="dob")
    assert list(got.index) == list(got["row"]) == list(expected["row"])
    assert got.index.name == "payee"
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_index_type=False)
    # The rows in the input's order, each with its known best hit.
    top = got[got["rank"] == 1]
    assert list(top["row"]) == [r for r, n in zip(PAYEES.index, PAYEES["name"]) if n in EXPECTED_TOP]
    assert list(top["entity"]) == [EXPECTED_TOP[PAYEES.loc[r, "name"]] for r in top["row"]]
    assert top.loc[1000, "references"] == ["TAi.144"]
    assert top.loc[1000, "score"] == pytest.approx(0.99)


def test_options_reach_the_workers(client, un_db):
    rows = pd.DataFrame({"name": ["Sirajuddin Haqqani", "Haqqani Network"], "dob": ["1950", None]})
    ddf = dd.from_pandas(rows, npartitions=2)
    # The dob column (1950) rules Haqqani out; batch_dob 1977 replaces it.
    assert list(vigil.dask.screen(ddf, store=un_db, explanation=None).compute()["entity"]) == [
        "un-tae-012"
    ]
    hits = vigil.dask.screen(ddf, store=un_db, batch_dob="1977", top=1, explanation="dict").compute()
    assert list(hits["entity"]) == ["un-tai-144", "un-tae-012"]
    assert isinstance(hits["explanation"].iloc[0], dict)
    assert list(vigil.dask.screen(ddf, store=un_db, default_kind="person", threshold=0.95).columns) == list(
        vigil.BATCH_COLUMNS
    )


def test_empty_partitions_and_partitions_without_hits(client, un_db):
    ddf = dd.from_pandas(PAYEES, npartitions=4)
    # The second partition emptied; a frame of unlisted names has no hits.
    first, second = ddf.divisions[1], ddf.divisions[2]
    holed = ddf.map_partitions(lambda p: p[(p.index < first) | (p.index >= second)])
    hits = vigil.dask.screen(holed, dob="dob", store=un_db)
    assert hits.npartitions == 4
    empty = hits.get_partition(1).compute()
    assert len(empty) == 0 and tuple(empty.columns) == vigil.BATCH_COLUMNS
    assert empty["score"].dtype == "float64" and empty["rank"].dtype == "int64"
    got = hits.compute()
    assert not ((got.index >= first) & (got.index < second)).any()
    assert set(got.loc[got["rank"] == 1, "entity"]) == {"un-tai-144", "un-tae-012"}
    unlisted = dd.from_pandas(pd.DataFrame({"name": ["Margaret Thornton", "Peter Lindqvist"]}), 2)
    nothing = vigil.dask.screen(unlisted, store=un_db).compute()
    assert len(nothing) == 0 and tuple(nothing.columns) == vigil.BATCH_COLUMNS


def test_missing_name_column_is_an_input_error_before_the_graph_runs(client, un_db):
    ddf = dd.from_pandas(PAYEES, npartitions=2)
    with pytest.raises(vigil.InputError) as caught:
        vigil.dask.screen(ddf, name="nom", store=un_db)
    assert "no column 'nom'" in str(caught.value)
    assert caught.value.field == "name_column"
    with pytest.raises(vigil.InputError) as caught:
        vigil.dask.screen(ddf, store=un_db, threshold=2.0)
    assert caught.value.field == "threshold"
    with pytest.raises(vigil.InputError):
        vigil.dask.screen(ddf, store=un_db, explanation="xml")


def test_missing_store_is_not_found_on_the_client(client, tmp_path):
    ddf = dd.from_pandas(PAYEES, npartitions=2)
    with pytest.raises(vigil.NotFoundError):
        vigil.dask.screen(ddf, store=tmp_path / "nothing.db")


def test_the_store_is_shipped_and_opened_once_per_worker(client, un_db):
    snapshot = vigil.dask.ship(un_db)
    assert snapshot.workers == 2 and not snapshot.shared
    assert snapshot.bytes >= os.path.getsize(un_db)  # the store and its screening snapshot
    assert snapshot.ship_seconds > 0 and snapshot.seconds >= snapshot.ship_seconds
    ddf = dd.from_pandas(pd.concat([PAYEES] * 5, ignore_index=True), npartitions=30)
    assert ddf.npartitions >= 20
    hits = vigil.dask.screen(ddf, dob="dob", store=snapshot).compute()
    hits = vigil.dask.screen(ddf, dob="dob", store=un_db).compute()  # the same, not again
    assert len(hits) > 0
    assert vigil.dask.ship(un_db) is snapshot
    stores = vigil.dask.worker_stores(client)
    assert len(stores) == 2
    for opened in stores.values():
        assert opened[snapshot.key]["opens"] == 1
        # A copy in the worker's own directory.
        assert opened[snapshot.key]["path"] != un_db


def test_a_store_on_shared_storage_is_opened_in_place(client, un_db, un_store):
    ddf = dd.from_pandas(PAYEES, npartitions=3)
    snapshot = vigil.dask.ship(un_db, shared=True)
    assert snapshot.shared and snapshot.bytes == 0 and snapshot.workers == 2
    got = vigil.dask.screen(ddf, dob="dob", store=un_db, shared=True).compute()
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), un_store.screen_batch(PAYEES, dob="dob"), check_index_type=False
    )
    for opened in vigil.dask.worker_stores(client).values():
        assert opened[snapshot.key] == {**opened[snapshot.key], "opens": 1, "path": un_db}


def test_a_missing_shared_store_raises_vigils_error_from_the_workers(client, tmp_path):
    with pytest.raises(vigil.NotFoundError) as caught:
        vigil.dask.ship(tmp_path / "nowhere.db", shared=True)
    assert "nowhere.db" in str(caught.value)
    assert caught.value.exit_code == 3
