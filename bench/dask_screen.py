#!/usr/bin/python3
"""vigil.dask.screen on a LocalCluster beside `vigil screen --input`, on the
same rows in one run (issue 12's target: 1,000,000 rows on 2 workers at no
less than 70% of the CLI's throughput on the same machine; the snapshot
shipping time reported).

Loads the UN consolidated list and the OFAC SDN list together into a
scratch store (or uses --db), writes a CSV of --rows names perturbed from
the listed ones (bench/perturbed_names.py, as bench/batch_pipeline.py: 95%
perturbed listed names, the rest made-up), then, file in and file out:
  - `vigil screen --input names.csv --output out.csv --threads 2` (the CLI,
    CSV output: the top hit's columns, no explanations);
  - on a LocalCluster of --workers processes of one thread each:
    vigil.dask.ship() of the store (the shipping time: reading it and its
    screening snapshot on the client, sending them to every worker, which
    writes them to its local directory and opens them), then
    dd.read_csv(names.csv) -> vigil.dask.screen(explanation=None) ->
    to_csv(one file per partition) on the workers.
The two alternate --repeat times (the machine's speed drifts from one
minute to the next; each ratio compares neighbouring runs). --settings
dask runs the cluster with Dask's default settings, batch with
vigil.dask.BATCH_SETTINGS, both (the default) with both, on two clusters
started in turn for each repeat, so that every CLI run is followed by a
run of each.
Prints every run's ratio and, for the run whose ratio is the median, rows
per second of each, their ratio (with and without the shipping), the
shipping time, and the CPU seconds each spent (less distorted than the
wall clock by other work on the machine).

  PYTHONPATH=build/release/python bench/dask_screen.py
      [--vigil build/release/cli/vigil] [--data ../shared/data] [--db vigil.db]
      [--rows 1000000] [--workers 2] [--threads 2] [--partition-rows 25000]
      [--explanation none|json] [--repeat 3] [--settings both|dask|batch]
      [--seed 12]

Timings are only meaningful on an otherwise idle machine.
"""
import argparse
import collections
import contextlib
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "build", "release", "python"))

import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402

import vigil  # noqa: E402
import vigil.dask  # noqa: E402
from perturbed_names import listed_names, perturbed_names, write_names_csv  # noqa: E402

TARGET = 0.70  # of the CLI's rows per second


def run(cmd):
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr}")
    return done


def cpu_seconds(who=resource.RUSAGE_SELF):
    """User and system CPU seconds of this process (or its waited-for
    children)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def make_store(vigil_bin, data, work):
    db = os.path.join(work, "lists.db")
    run([vigil_bin, "load", os.path.join(data, "un", "consolidated-2025-04-19.xml"), "--db", db])
    run([vigil_bin, "load", os.path.join(data, "ofac", "sdn-2024-05-03.csv"),
         "--dataset", "ofac-sdn", "--db", db])
    return db


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build", "release", "cli", "vigil"))
    parser.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared", "data"))
    parser.add_argument("--db", help="an existing store (default: load the lists into a new one)")
    parser.add_argument("--rows", type=int, default=1000000)
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    parser.add_argument("--threads", type=int, default=2, help="the CLI's --threads")
    parser.add_argument("--partition-rows", type=int, default=25000,
                        help="rows per Dask partition, about (read_csv's blocksize); at least "
                             "two partitions per worker")
    parser.add_argument("--explanation", choices=("none", "json"), default="none",
                        help="Dask: without explanations (beside the CLI's CSV), or with them "
                             "as JSON strings")
    parser.add_argument("--repeat", type=int, default=3,
                        help="alternating CLI and Dask runs; the median ratio is reported")
    parser.add_argument("--settings", choices=("both", "dask", "batch"), default="both",
                        help="the cluster's: Dask's defaults, vigil.dask.BATCH_SETTINGS, or both "
                             "in turn")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigil-dask-bench-") as work:
        db = args.db or make_store(args.vigil, args.data, work)
        names = perturbed_names(listed_names(db), args.rows, 0.95, random.Random(args.seed))
        names_csv = os.path.join(work, "names.csv")
        write_names_csv(names_csv, names)
        del names

        # Warm-up: the screening snapshot beside the store.
        run([args.vigil, "screen", "Sirajuddin Haqqani", "--db", db])

        # Partitions of about --partition-rows rows, and at least two per
        # worker thread, so that every worker has work to the end.
        partitions = max(-(-args.rows // args.partition_rows), 2 * args.workers)
        blocksize = max(4096, os.path.getsize(names_csv) // partitions)
        settings = ["dask", "batch"] if args.settings == "both" else [args.settings]
        runs = {name: [] for name in settings}
        shipped = {}
        # The CLI and Dask alternate, --repeat times each: the machine's
        # speed drifts from one minute to the next, and each ratio compares
        # neighbouring runs. With both settings, each repeat starts a
        # cluster of each in turn (an idle cluster beside a running one
        # would take from its cores), in turns: one first, then the other.
        for repeat in range(args.repeat):
            cli = cli_run(args, names_csv, db, work)
            for name in settings if repeat % 2 == 0 else settings[::-1]:
                with cluster(args, work, name) as client:
                    snapshot = vigil.dask.ship(db, client=client)
                    shipped.setdefault(name, (snapshot, vigil.dask.worker_stores(client)))
                    runs[name].append(Run(*cli, *dask_run(args, client, snapshot, names_csv,
                                                          blocksize, work, f"{name}-{repeat}")))
                r = runs[name][-1]
                print(f"  run {repeat + 1}, {name} settings: CLI {args.rows / r.cli:.0f} rows/s, "
                      f"Dask {args.rows / r.dask:.0f} rows/s: {r.cli / r.dask:.2f}", flush=True)

    for name in settings:
        report(args, name, runs[name], *shipped[name], partitions)


Run = collections.namedtuple("Run", "cli cli_cpu dask workers_cpu client_cpu")


@contextlib.contextmanager
def cluster(args, work, settings):
    """A LocalCluster of --workers processes of one thread each, with Dask's
    default settings or vigil.dask.BATCH_SETTINGS, and its Client."""
    config = vigil.dask.BATCH_SETTINGS if settings == "batch" else {}
    with dask.config.set(config), distributed.LocalCluster(
        n_workers=args.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        local_directory=os.path.join(work, "dask"),
    ) as local, distributed.Client(local) as client:
        yield client


def cli_run(args, names_csv, db, work):
    """`vigil screen --input`: its seconds and CPU seconds."""
    start = time.perf_counter()
    cpu = cpu_seconds(resource.RUSAGE_CHILDREN)
    run([args.vigil, "screen", "--input", names_csv, "--output", os.path.join(work, "out.csv"),
         "--threads", str(args.threads), "--db", db])
    return time.perf_counter() - start, cpu_seconds(resource.RUSAGE_CHILDREN) - cpu


def dask_run(args, client, snapshot, names_csv, blocksize, work, repeat):
    """read_csv -> vigil.dask.screen -> to_csv on the workers: its seconds,
    the workers' CPU seconds and the client's."""
    workers_cpu = client.run(cpu_seconds)
    client_cpu = cpu_seconds()
    start = time.perf_counter()
    ddf = dd.read_csv(names_csv, blocksize=blocksize, dtype={"name": "string"},
                      keep_default_na=False)
    hits = vigil.dask.screen(ddf, store=snapshot, client=client,
                             explanation=None if args.explanation == "none" else "json")
    out = os.path.join(work, f"dask-out-{repeat}")
    hits.to_csv(os.path.join(out, "part-*.csv"), index=False)
    seconds = time.perf_counter() - start
    client_cpu = cpu_seconds() - client_cpu
    workers_cpu = sum(t - workers_cpu[w] for w, t in client.run(cpu_seconds).items())
    shutil.rmtree(out)
    return seconds, workers_cpu, client_cpu


def report(args, settings, runs, snapshot, opened, partitions):
    rows = args.rows
    # The run whose ratio is the median (the middle one of an odd count).
    ratios = sorted((r.cli / r.dask, i) for i, r in enumerate(runs))
    r = runs[ratios[(len(ratios) - 1) // 2][1]]
    cli_rate, dask_rate = rows / r.cli, rows / r.dask
    with_shipping = rows / (r.dask + snapshot.seconds)
    print(f"{rows} perturbed names, UN and OFAC lists, vigil {vigil.__version__}, {settings} "
          f"settings; {len(runs)} alternating runs, the median ratio's shown")
    print(f"  vigil screen --input, CSV out, {args.threads} threads "
          f"{r.cli:8.2f} s {cli_rate:9.0f} rows/s")
    print(f"  vigil.dask.screen, CSV out, {args.workers} workers x 1 thread, {partitions} partitions"
          f"{'' if args.explanation == 'none' else ', explanations'} "
          f"{r.dask:8.2f} s {dask_rate:9.0f} rows/s")
    print(f"  Dask / CLI: {dask_rate / cli_rate:.2f} of its throughput (target: at least {TARGET}); "
          f"with the shipping: {with_shipping / cli_rate:.2f}; every run: "
          f"{', '.join(f'{x:.2f}' for x, _ in sorted(ratios, key=lambda t: t[1]))}")
    print(f"  snapshot shipping: {snapshot.seconds:.3f} s for {snapshot.bytes / 1e6:.1f} MB "
          f"to {snapshot.workers} workers (client read {snapshot.read_seconds:.3f} s, "
          f"send, write and open {snapshot.ship_seconds:.3f} s)")
    # CPU time, which other processes on the machine distort less than the
    # wall clock: the Dask figure counts the worker processes and this one,
    # where a LocalCluster also runs its scheduler and the workers' nannies.
    print(f"  CPU seconds per 10,000 rows: CLI {r.cli_cpu * 1e4 / rows:.3f}, Dask workers "
          f"{r.workers_cpu * 1e4 / rows:.3f} + client {r.client_cpu * 1e4 / rows:.3f}: "
          f"CLI / Dask {r.cli_cpu / (r.workers_cpu + r.client_cpu):.2f}")
    for worker, stores in sorted(opened.items()):
        info = stores[snapshot.key]
        print(f"    {worker}: written in {info['write_seconds']:.3f} s, "
              f"opened with its watch list in {info['open_seconds']:.3f} s")


if __name__ == "__main__":
    main()
