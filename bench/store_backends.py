#!/usr/bin/env python3
"""The store's two backends side by side: SQLite (the embedded default) and
PostgreSQL (the shared store of several servers), in one run on the same
data and the same machine.

For each backend the benchmark store is built from nothing (the bundled
knowledge base, the UN list of 2025-04-19 and the OFAC SDN set) and each
load is timed; two `vigil serve` processes are started on that one store
(for SQLite: one file, two processes); each entity card and the exposure
reports are asked once right after start (answers the response cache does
not hold yet, so the store is read); then `POST /match/default` and the
audited `POST /v1/screen` are driven through both servers at once with
two wrk processes, half of the connections each; the audit chain is
verified at the end. PostgreSQL runs as a throwaway server made by
scripts/pg-throwaway with its own durability settings (fsync and
synchronous commit on), as SQLite syncs every commit.

  bench/store_backends.py [--vigil build/release/cli/vigil] [--seconds 10]
                          [--connections 64]

Prints one table: each measure for SQLite, for PostgreSQL, and the ratio
PostgreSQL / SQLite (for times, above 1 means PostgreSQL is slower).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import (NAMES, bench_store, first_answers, lua_rotating,  # noqa: E402
                    run_wrk, start_server)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def through_two(bases, script, seconds, connections, work):
    """wrk against each server at once, connections/2 each: summed requests
    per second, the worse p99, summed non-2xx answers."""
    results = [None] * len(bases)

    def drive(i):
        folder = os.path.join(work, f"wrk{i}")
        os.makedirs(folder, exist_ok=True)
        results[i] = run_wrk(bases[i], script, seconds, max(2, connections // len(bases)), folder)
    threads = [threading.Thread(target=drive, args=(i,)) for i in range(len(bases))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return (sum(r[0] for r in results), max(r[2] for r in results), sum(r[3] for r in results))


def measure(args, backend, work):
    """Every figure of one backend, as {measure: value}."""
    folder = os.path.join(work, backend)
    os.makedirs(folder)
    pg_dir = None
    if backend == "PostgreSQL":
        pg_dir = tempfile.mkdtemp(prefix="vigil-pg-bench-")  # the postgres user reaches /tmp/*
        db = subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "start", pg_dir,
                             "--durable"], capture_output=True, text=True,
                            check=True).stdout.strip()
    else:
        db = os.path.join(folder, "vigil.db")
    servers = []
    try:
        db, vigil, token, loads = bench_store(args, folder, db)
        figures = {"load: knowledge base (s)": loads[0], "load: UN list (s)": loads[1],
                   "load: OFAC SDN set (s)": loads[2]}
        for _ in range(2):
            servers.append(start_server(args.vigil, db))
        figures["server ready after start (s)"] = max(s[2] for s in servers)
        for label, _, mean, p99 in first_answers(servers[0][1], token):
            figures[f"{label}: mean (ms)"] = mean
            figures[f"{label}: p99 (ms)"] = p99
        bases = [s[1] for s in servers]
        match_bodies = [json.dumps({"queries": {"q1": {"schema": "Person",
                                                        "properties": {"name": [n]}}}})
                        for n in NAMES]
        screen_bodies = [json.dumps({"name": n}) for n in NAMES]
        for label, script in (
                ("POST /match/default, 2 servers", lua_rotating("POST", "/match/default", token,
                                                                match_bodies)),
                ("POST /v1/screen (audited), 2 servers", lua_rotating("POST", "/v1/screen",
                                                                      token, screen_bodies))):
            rps, p99, non2xx = through_two(bases, script, args.seconds, args.connections, folder)
            if non2xx:
                sys.exit(f"{backend}: {label}: {non2xx} answers were not 2xx")
            figures[f"{label} (req/s)"] = rps
            figures[f"{label}: p99 (ms)"] = p99
        for server, _, _ in servers:
            server.terminate()
            server.wait(timeout=60)
        servers = []
        verified = json.loads(vigil("audit", "verify", "--json"))
        if not verified["ok"]:
            sys.exit(f"{backend}: the audit chain does not verify: {verified}")
        figures["audit rows written, chain verified"] = verified["rows"]
        return figures
    finally:
        for server, _, _ in servers:
            server.kill()
            server.wait()
        if pg_dir:
            subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway"), "stop", pg_dir],
                           check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build/release/cli/vigil"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "seeds"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    work = tempfile.mkdtemp(prefix="vigil-backends-bench-")
    try:
        sqlite = measure(args, "SQLite", work)
        postgres = measure(args, "PostgreSQL", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"two servers on one store; wrk: {args.connections} connections in all, "
          f"{args.seconds} s per endpoint, on the same 2 cores as the servers and the database\n")
    print(f"{'measure':<52} {'SQLite':>10} {'PostgreSQL':>11} {'PG / SQLite':>12}")
    for key, value in sqlite.items():
        other = postgres[key]
        ratio = other / value if value else float("nan")
        fmt = (lambda v: f"{v:.0f}") if "req/s" in key or "rows" in key else \
              (lambda v: f"{v:.3f}" if v < 1 else f"{v:.2f}")
        print(f"{key:<52} {fmt(value):>10} {fmt(other):>11} {ratio:>11.2f}x")


if __name__ == "__main__":
    main()
