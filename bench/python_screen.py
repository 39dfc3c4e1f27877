#!/usr/bin/python3
"""The Python package's screening beside the CLI's, on the same rows, in one
run (issue 12's target: screen_batch within 15% of `vigil screen --input`).

Loads the UN consolidated list and, when present, the OFAC SDN set into a
fresh store (or uses --db), makes --rows names perturbed from the listed
ones (bench/perturbed_names.py: a dropped, doubled or swapped letter, words
reordered, case or accents changed; one in twenty a made-up unlisted name),
then times:
  - `vigil screen --input names.csv`, CSV and JSON-lines output (file in,
    file out, wall clock);
  - Store.screen_batch on a DataFrame of the same names, with explanations
    as JSON strings and without;
  - Store.screen for --calls single names: wall time per call beside the
    engine's own elapsed_ms, whose difference is the binding's overhead.
Prints rows per second and the ratios Python / CLI.

  PYTHONPATH=build/release/python bench/python_screen.py
      [--vigil build/release/cli/vigil] [--data ../shared/data] [--db vigil.db]
      [--rows 100000] [--calls 2000] [--threads 0] [--seed 1]

Timings are only meaningful on an otherwise idle machine.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "build", "release", "python"))

import pandas as pd  # noqa: E402

import vigil  # noqa: E402
from perturbed_names import listed_names, perturbed_names, write_names_csv  # noqa: E402

OFAC = ["sdn-2023-01.csv", "alt-2025-12.csv", "add-2025-12.csv", "sdn_comments-2025-12.csv"]


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True)


def make_store(vigil_bin, data, work):
    db = os.path.join(work, "vigil.db")
    paths = [os.path.join(data, "un", "consolidated-2025-04-19.xml")]
    ofac = [os.path.join(data, "ofac", f) for f in OFAC]
    if all(os.path.exists(p) for p in ofac):
        paths += ofac
    run([vigil_bin, "load", *paths, "--db", db])
    return db


def time_cli(vigil_bin, db, names_csv, output, threads):
    cmd = [vigil_bin, "screen", "--input", names_csv, "--output", output, "--db", db]
    if threads:
        cmd += ["--threads", str(threads)]
    start = time.perf_counter()
    run(cmd)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build", "release", "cli", "vigil"))
    parser.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared", "data"))
    parser.add_argument("--db", help="an existing store (default: load the lists into a new one)")
    parser.add_argument("--rows", type=int, default=100000)
    parser.add_argument("--calls", type=int, default=2000, help="single screen() calls timed")
    parser.add_argument("--threads", type=int, default=0, help="0: all cores")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="vigil-python-bench-") as work:
        db = args.db or make_store(args.vigil, args.data, work)
        names = perturbed_names(listed_names(db), args.rows, 0.95, random.Random(args.seed))
        names_csv = os.path.join(work, "names.csv")
        write_names_csv(names_csv, names)
        frame = pd.DataFrame({"name": names})

        # Warm-up: the screening cache beside the store, and this process's
        # watch list.
        run([args.vigil, "screen", "Sirajuddin Haqqani", "--db", db])
        store = vigil.open(db)
        store.screen("Sirajuddin Haqqani")

        cli_csv = time_cli(args.vigil, db, names_csv, os.path.join(work, "out.csv"), args.threads)
        cli_jsonl = time_cli(args.vigil, db, names_csv, os.path.join(work, "out.jsonl"),
                             args.threads)
        start = time.perf_counter()
        hits = store.screen_batch(frame, threads=args.threads)
        py_json = time.perf_counter() - start
        start = time.perf_counter()
        store.screen_batch(frame, threads=args.threads, explanation=None)
        py_bare = time.perf_counter() - start

        calls = names[: args.calls]
        engine_ms = 0.0
        start = time.perf_counter()
        for name in calls:
            engine_ms += store.screen(name, part_sources=False)["elapsed_ms"]
        wall_ms = (time.perf_counter() - start) * 1000

    rows = args.rows
    summary = hits.attrs["summary"]
    print(f"{rows} perturbed names, {summary['rows_with_hits']} with hits "
          f"({summary['hits']} hits), {summary['threads']} threads, vigil {vigil.__version__}")
    table = [
        ("vigil screen --input, CSV out", cli_csv),
        ("vigil screen --input, JSON lines out", cli_jsonl),
        ("screen_batch (explanation JSON)", py_json),
        ("screen_batch (explanation=None)", py_bare),
    ]
    for label, seconds in table:
        print(f"  {label:40s} {seconds:7.2f} s  {rows / seconds:9.0f} rows/s")
    print(f"  screen_batch / CLI JSON lines: {cli_jsonl / py_json:.2f} of its throughput "
          f"(target: at least 0.85); without explanations / CLI CSV: {cli_csv / py_bare:.2f}")
    if calls:
        per_call = wall_ms / len(calls)
        engine = engine_ms / len(calls)
        print(f"  screen(): {per_call:.3f} ms per call, of which the engine {engine:.3f} ms: "
              f"overhead {per_call - engine:.3f} ms per call ({len(calls)} calls, one thread)")


if __name__ == "__main__":
    main()
