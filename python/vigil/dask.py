"""vigil.dask: batch screening of a Dask DataFrame across a dask.distributed
cluster (docs/python.md, "Dask").

    from dask.distributed import Client
    import vigil.dask

    client = Client("tcp://scheduler:8786")
    hits = vigil.dask.screen(payees, name="name", dob="dob", store="vigil.db")
    hits.to_csv("hits-*.csv")          # or .compute(), .persist()...

Each input partition is screened on a worker by Store.screen_batch, into one
output partition of hits (Store.screen_batch's columns, indexed by the input
row's label, so the input's order and divisions hold). The store goes to the
workers once, not with each partition: ship() reads it on the client (a
consistent image of the SQLite file, with the screening snapshot beside it)
and registers it as a worker plugin, which each worker, and every worker
that joins later, runs once: it writes the store to its local directory,
opens it and reads its watch list, and keeps the Store for all its
partitions. With shared=True the workers open the path itself (a store on
storage they all mount); a PostgreSQL store (postgresql:// URI) is always
opened so, each worker connecting to the database. ship() returns a
Snapshot with the shipping time. BATCH_SETTINGS: the Dask settings we
recommend for a cluster that screens, to set before it starts.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import hashlib
import os
import sqlite3
import threading
import time
import types
import urllib.parse
from typing import Any, Mapping, Optional, Sequence, Union

import pandas as pd

from . import BATCH_COLUMNS, Error, InputError, Store, _batch, _check_explanation, _vigil

__all__ = ["BATCH_SETTINGS", "Snapshot", "screen", "ship", "worker_stores"]

# Dask settings for a cluster that does batch screening (docs/python.md,
# "Dask", "Settings for batch screening"), to set before the cluster starts
# (dask.config.set(vigil.dask.BATCH_SETTINGS), or the dask configuration
# files of the scheduler and the workers). Dask's defaults suit interactive
# work; in a batch, its bookkeeping competes with the screening for the
# cores. Work stealing moves a partition's next task (writing its hits, say)
# to an idle worker, so the hits travel there, pickled and unpickled: tens
# of MB per million rows. The statistical profiler samples every worker
# thread 100 times a second, every server's event loop wakes 50 times a
# second to time itself, and the system monitor reads the machine's
# counters twice a second. The nanny starts its workers with a 64 KB malloc
# trim threshold: glibc hands memory back to the kernel as soon as 64 KB
# lie free at the top of a heap, and the engine's buffers fault their pages
# in again for every chunk of rows. Measured on 2 cores, 1,000,000 rows:
# Dask at 0.69 of the CLI's throughput with Dask's defaults, 0.76 with
# these (medians of 5 runs; docs/performance.md).
BATCH_SETTINGS: Mapping[str, Any] = types.MappingProxyType({
    "distributed.scheduler.work-stealing": False,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
    # Freed memory above 64 MB still goes back to the kernel.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 64 << 20,
})


@dataclasses.dataclass(frozen=True)
class Snapshot:
    """A store made ready on every worker of a cluster (ship()).

    key: its name on the workers ("vigil-store-" and the SHA-256 of what was
    shipped; or of the path, shared). path: the store on the client
    (broadcast) or on every worker (shared). bytes: what was sent (the store
    and its screening snapshot; 0 when shared). read_seconds: on the client,
    reading the store, its screening snapshot (built first when missing or
    stale) and their digest; ship_seconds: from sending it until every worker
    had written it to its local directory, opened it and read its watch list;
    seconds: the two together. workers: how many workers answered.
    """

    key: str
    path: str
    shared: bool
    bytes: int
    read_seconds: float
    ship_seconds: float
    workers: int

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.ship_seconds


# ---- on the workers ----

# The stores this worker process opened, by Snapshot.key, and how often
# each was opened (once, unless the worker restarted); per key also the
# seconds it took to write it and to open it.
_stores: dict = {}
_opened: dict = {}
_lock = threading.Lock()


def _install(key: str, path: Optional[str], image: Optional[bytes], snapshot: Optional[bytes],
             directory: str) -> None:
    """Opens the store of key on this worker once: writes image (and the
    screening snapshot) to directory first, or opens path (shared)."""
    with _lock:
        if key in _stores:
            return
        start = time.perf_counter()
        if image is not None:
            path = os.path.join(directory, key + ".db")
            with open(path, "wb") as f:
                f.write(image)
            if snapshot is not None:
                with open(path + ".screening", "wb") as f:
                    f.write(snapshot)
        written = time.perf_counter()
        store = Store(path)
        store.prepare()
        _stores[key] = store
        info = _opened.setdefault(key, {"opens": 0})
        info.update(
            opens=info["opens"] + 1,
            path=path,
            write_seconds=written - start,
            open_seconds=time.perf_counter() - written,
        )


class _StorePlugin:
    """The worker plugin that ship() registers: _install() on each worker,
    in the worker's thread pool so that its event loop keeps answering."""

    def __init__(self, key: str, path: str, image: Optional[bytes], snapshot: Optional[bytes]):
        self.name = key
        self.key = key
        self.path = path
        self.image = image
        self.snapshot = snapshot

    async def setup(self, worker: Any) -> None:
        await asyncio.get_running_loop().run_in_executor(
            None, _install, self.key, self.path, self.image, self.snapshot,
            worker.local_directory,
        )
        # Written out: the worker keeps no copy in memory (the scheduler
        # keeps the plugin for the workers that join later).
        self.image = self.snapshot = None


def _worker_state() -> dict:
    with _lock:
        return {key: dict(info) for key, info in _opened.items()}


@dataclasses.dataclass(frozen=True)
class _Task:
    """What a partition's task needs: the store's key, the batch's settings
    (Store.screen_batch's keywords) and the output's empty frame."""

    key: str
    batch: dict
    explanation: Optional[str]
    meta: pd.DataFrame


def _screen_partition(task: _Task, part: pd.DataFrame) -> pd.DataFrame:
    store = _stores.get(task.key)
    if store is None:
        raise Error(
            f"{task.key}: the store was not shipped to this worker (vigil.dask.ship)", "store", 4
        )
    if len(part) == 0:
        return task.meta.copy()
    hits = store.screen_batch(part, explanation=task.explanation, **task.batch)
    if len(hits) == 0:
        return task.meta.copy()
    hits.attrs = {}
    hits.index = pd.Index(hits["row"], name=part.index.name)
    return hits


# ---- on the client ----

# Snapshots shipped, by (client, scheduler, path, shared, the files' sizes
# and times): a second screen() of the same store ships nothing.
_shipped: dict = {}


def _client(client: Any) -> Any:
    if client is not None:
        return client
    from distributed import get_client

    try:
        return get_client()
    except ValueError:
        raise InputError(
            "client: no dask.distributed Client is running: start one "
            "(Client('tcp://scheduler:8786'), Client(LocalCluster())) or pass client=",
            "client",
            2,
        ) from None


def _stamp(path: str) -> tuple:
    try:
        st = os.stat(path)
        return (st.st_size, st.st_mtime_ns)
    except OSError:
        return (None, None)


def _image(path: str) -> bytes:
    """The SQLite database at path as one consistent image (with whatever a
    write-ahead log holds), read through SQLite."""
    uri = "file:" + urllib.parse.quote(path) + "?mode=ro"
    con = sqlite3.connect(uri, uri=True)
    try:
        return con.serialize()
    finally:
        con.close()


def ship(
    store: Union[str, os.PathLike],
    *,
    shared: bool = False,
    client: Any = None,
) -> Snapshot:
    """Makes the store at path ready on every worker of client's cluster
    (None: the current Client), once: each worker opens it once and keeps it
    for every partition vigil.dask.screen() gives it. Called by screen();
    calling it first gives the Snapshot, with its timing, to pass as
    screen(store=...).

    Broadcast (the default): the store is read on the client, its screening
    snapshot built there first if missing or stale, and both sent to every
    worker, which writes them to its local directory. shared=True: every
    worker opens path itself (a store on storage all of them mount, at the
    same path); nothing is sent. A postgresql:// URI is always shared.

    NotFoundError when the client finds no store at path (broadcast), and
    vigil's error from the workers when they cannot open it.
    """
    client = _client(client)
    path = os.fspath(store)
    if path.startswith(("postgresql://", "postgres://")):
        shared = True  # a database server: every worker connects to it
    else:
        path = os.path.abspath(path)
    cache = (client.id, client.scheduler.address, path, shared, _stamp(path),
             _stamp(path + ".screening"))
    if cache in _shipped:
        return _shipped[cache]
    start = time.perf_counter()
    if shared:
        image = snapshot = None
        key = "vigil-store-shared-" + hashlib.sha256(path.encode()).hexdigest()[:16]
    else:
        # Opening it checks it is a store; preparing writes the screening
        # snapshot beside it when it is missing or stale, so that the
        # workers read the watch list rather than each build it.
        opened = Store(path)
        opened.prepare()
        del opened
        image = _image(path)
        try:
            with open(path + ".screening", "rb") as f:
                snapshot = f.read()
        except OSError:
            snapshot = None  # a read-only folder: each worker builds its own
        digest = hashlib.sha256(image)
        digest.update(snapshot or b"")
        key = "vigil-store-" + digest.hexdigest()[:24]
    read = time.perf_counter()
    responses = client.register_worker_plugin(_StorePlugin(key, path, image, snapshot), name=key)
    done = time.perf_counter()
    result = Snapshot(
        key=key,
        path=path,
        shared=shared,
        bytes=0 if image is None else len(image) + len(snapshot or b""),
        read_seconds=read - start,
        ship_seconds=done - read,
        workers=len(responses),
    )
    _shipped[cache] = result
    return result


def worker_stores(client: Any = None) -> dict:
    """The stores each worker opened: {worker address: {key: {"opens",
    "path", "write_seconds", "open_seconds"}}} (opens: 1 per worker, unless
    it restarted)."""
    return _client(client).run(_worker_state)


def _meta(frame: pd.DataFrame, explanation: Optional[str]) -> pd.DataFrame:
    """The output's columns and dtypes: screen_batch's, indexed by the
    input's row labels."""
    index = frame.index[:0]
    columns = {}
    for column in BATCH_COLUMNS:
        if column == "explanation" and explanation is None:
            continue
        dtype = {"row": index.dtype, "rank": "int64", "score": "float64"}.get(column, object)
        columns[column] = pd.Series([], dtype=dtype, index=index)
    return pd.DataFrame(columns, index=index)


def screen(
    ddf: Any,
    name: Union[None, str, Sequence[str]] = "name",
    dob: Optional[str] = None,
    country: Optional[str] = None,
    kind: Optional[str] = None,
    id: Optional[str] = None,  # noqa: A002 (as Store.screen_batch)
    *,
    store: Union[str, os.PathLike, Snapshot],
    shared: bool = False,
    client: Any = None,
    default_kind: Optional[str] = None,
    batch_dob: Optional[str] = None,
    batch_country: Optional[str] = None,
    threshold: Optional[float] = None,
    top: Optional[int] = None,
    threads: int = 1,
    explanation: Optional[str] = "json",
) -> Any:
    """Screens every row of the Dask DataFrame ddf, a partition per task, on
    the workers of client's cluster (None: the current Client).

    The columns and options are Store.screen_batch's (name, dob, country,
    kind, id: the columns; default_kind, batch_dob, batch_country,
    threshold, top, explanation); threads: the engine's threads per task
    (1: Dask runs as many tasks at once as the workers have threads).
    store: the store's path, shipped to the workers by ship() (shared=True:
    opened there at that path), or the Snapshot ship() returned.

    Returns a Dask DataFrame with Store.screen_batch's columns, one row per
    hit, one partition per input partition, in the input's order: indexed
    by the input row's label (also in "row"), so ddf's divisions hold. The
    settings and the columns are checked on the client first (InputError,
    as Store.screen_batch raises it), and the store is shipped before the
    graph is returned; the screening runs when the result is computed.
    """
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"vigil.dask.screen: a dask DataFrame, not {type(ddf).__name__}")
    _check_explanation(explanation)
    batch = dict(
        name=name, dob=dob, country=country, kind=kind, id=id, default_kind=default_kind,
        batch_dob=batch_dob, batch_country=batch_country, threshold=threshold, top=top,
        threads=threads,
    )
    _vigil.check_batch([str(column) for column in ddf.columns], _batch(**batch))
    snapshot = store if isinstance(store, Snapshot) else ship(store, shared=shared, client=client)
    meta = _meta(ddf._meta, explanation)
    task = _Task(snapshot.key, batch, explanation, meta)
    return ddf.map_partitions(
        functools.partial(_screen_partition, task),
        meta=meta,
        align_dataframes=False,
        enforce_metadata=False,
    )
