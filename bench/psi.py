#!/usr/bin/python3
"""Private watchlist matching (issue 13): vigil's file exchange beside
OpenMined's psi.js on the same two sets, in one run.

    npm install --ignore-scripts --prefix bench/psi     # psi.js, once
    /usr/bin/python3 bench/psi.py [--build build/release] [--server 10000] [--client 10000]

The server's list: synthetic individuals in the OFAC SDN CSV format, built
from the real SDN list's name parts (bench/scale_lists.py), loaded into a
scratch store. The client's set: the same number of names, a tenth of
them listed names as written, the rest other names from the same parts.
vigil runs its four steps as processes (export-setup, request, respond,
finish: what two agencies exchanging files run), in exact mode and in
tolerant mode; psi.js runs its setup, request, response and intersection
in one node process, with a false-positive rate of 1e-9, on the same
strings. Printed: seconds per step and in all, bytes each way, the
intersection's size, and vigil's time over psi.js's.
"""
import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import scale_lists  # noqa: E402  (the synthetic list generator)

TARGET_SECONDS = 2.0  # issue 13: exact mode, 10,000 x 10,000, end to end on 2 threads


def timed(cmd):
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {done.returncode}\n{done.stderr}")
    return time.monotonic() - started


def vigil_exchange(vigil, db, dataset, mode, client_csv, work):
    f = lambda name: os.path.join(work, f"{mode}-{name}")
    seconds = {
        "setup": timed([vigil, "psi", "export-setup", "--list", dataset, "--mode", mode,
                        "--out", f("setup.json"), "--db", db]),
        "request": timed([vigil, "psi", "request", "--input", client_csv, "--setup",
                          f("setup.json"), "--out", f("request.json"), "--state",
                          f("state.json")]),
        "respond": timed([vigil, "psi", "respond", "--request", f("request.json"), "--out",
                          f("response.json"), "--cap", "10000000", "--db", db]),
        "finish": timed([vigil, "psi", "finish", "--state", f("state.json"), "--setup",
                         f("setup.json"), "--response", f("response.json"), "--output",
                         f("hits.csv")]),
    }
    size = lambda name: os.path.getsize(f(name))
    with open(f("hits.csv"), encoding="utf-8") as hits:
        rows = {line.split(",", 1)[0] for line in list(hits)[1:]}
    return {"seconds": seconds,
            "bytes": {"setup": size("setup.json"), "request": size("request.json"),
                      "response": size("response.json")},
            "intersection": len(rows)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--server", type=int, default=10000)
    parser.add_argument("--client", type=int, default=10000)
    parser.add_argument("--overlap", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--work", help="keep the files here (default: a temporary folder)")
    args = parser.parse_args()
    vigil = os.path.join(args.build, "cli", "vigil")
    psijs = os.path.join(HERE, "psi", "node_modules", "@openmined", "psi.js")
    rng = random.Random(args.seed)
    parts = scale_lists.read_parts(os.path.join(args.data, "ofac", "sdn-2024-05-03.csv"))
    records = scale_lists.make_records(args.server + args.client, parts, 0.0, rng)
    # Distinct names: the server's list, then the client's others.
    names = list(dict.fromkeys(f"{family}, {' '.join(given)}" for family, given in records))
    listed = names[:args.server]
    others = names[args.server:]
    shared = int(args.client * args.overlap)
    client = rng.sample(listed, shared) + others[:args.client - shared]
    rng.shuffle(client)
    if args.work:
        os.makedirs(args.work, exist_ok=True)
    with (contextlib.nullcontext(args.work) if args.work
          else tempfile.TemporaryDirectory(prefix="vigil-psi-")) as work:
        sdn = os.path.join(work, "sdn.csv")
        scale_lists.write_sdn_csv(sdn, [(n.split(", ", 1)[0], tuple(n.split(", ", 1)[1].split()))
                                        for n in listed])
        db = os.path.join(work, "vigil.db")
        for stale in (db, db + ".screening"):
            if os.path.exists(stale):
                os.remove(stale)
        load = timed([vigil, "load", sdn, "--dataset", "psi-bench", "--db", db])
        client_csv = os.path.join(work, "client.csv")
        with open(client_csv, "w", encoding="utf-8") as f:
            f.write("name\n" + "".join(f'"{n}"\n' for n in client))
        server_txt, client_txt = os.path.join(work, "server.txt"), os.path.join(work, "client.txt")
        with open(server_txt, "w", encoding="utf-8") as f:
            f.write("".join(n + "\n" for n in listed))
        with open(client_txt, "w", encoding="utf-8") as f:
            f.write("".join(n + "\n" for n in client))
        results = {"vigil exact": vigil_exchange(vigil, db, "psi-bench", "exact", client_csv, work),
                   "vigil tolerant": vigil_exchange(vigil, db, "psi-bench", "tolerant",
                                                    client_csv, work)}
        if os.path.isdir(psijs):
            node = subprocess.run(["node", os.path.join(HERE, "psi", "psijs_run.js"), server_txt,
                                   client_txt], capture_output=True, text=True, check=True)
            results["psi.js"] = json.loads(node.stdout)
        else:
            print(f"psi.js not installed ({psijs}): npm install --ignore-scripts --prefix "
                  "bench/psi\n")
    print(f"{args.server} listed names (loaded in {load:.2f} s), {args.client} client names, "
          f"{shared} in both; {os.cpu_count()} cores\n")
    print(f"{'run':16} {'setup':>7} {'request':>8} {'respond':>8} {'finish':>7} {'total s':>8} "
          f"{'setup B':>10} {'request B':>10} {'response B':>11} {'found':>6}")
    for name, r in results.items():
        s, b = r["seconds"], r["bytes"]
        total = sum(s.values())
        r["total"] = total
        print(f"{name:16} {s['setup']:7.2f} {s['request']:8.2f} {s['respond']:8.2f} "
              f"{s['finish']:7.2f} {total:8.2f} {b['setup']:10d} {b['request']:10d} "
              f"{b['response']:11d} {r['intersection']:6d}")
    exact = results["vigil exact"]["total"]
    print(f"\nvigil exact, end to end: {exact:.2f} s (target <= {TARGET_SECONDS} s: "
          f"{'met' if exact <= TARGET_SECONDS else 'not met'})")
    if "psi.js" in results:
        print(f"psi.js / vigil exact: {results['psi.js']['total'] / exact:.1f}x")


if __name__ == "__main__":
    main()
