#!/usr/bin/env python3
"""A list update while `vigil serve` is under load: failed requests, and the
time until new queries see the new version.

Loads the bundled curated data, the UN consolidated list of 2025-04-19 and
the OFAC SDN set into a fresh store, starts `vigil serve --watch-interval
MS`, and drives POST /v1/screen with wrk (--connections, --seconds). While
wrk runs:
  1. after a quarter of the run, `vigil load` of the UN list of 2025-11-20
     from another process; from the moment that process exits (its
     transaction is committed just before), a probe screens every 5 ms until
     a screening names the new version: "load commit -> visible";
  2. at the middle of the run, POST /v1/lists with the UN list of 2026-02-27
     (admin): how long the upload takes (read, checks, one transaction,
     snapshot build and swap), and whether the next screening sees it.
wrk's totals (requests, non-2xx answers, socket errors) cover the whole run,
both swaps included: the target is zero failed requests.

  bench/server_swap.py [--vigil build/release/cli/vigil] [--seconds 20]
                       [--connections 64] [--watch-interval 100]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server import NAMES, bench_store, lua_rotating, start_server  # noqa: E402


def call(base, method, path, token, body=None, content_type="application/json"):
    request = urllib.request.Request(base + path, data=body, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def served_version(base, token):
    answer = call(base, "POST", "/v1/screen", token,
                  json.dumps({"name": "Sirajuddin Haqqani"}).encode())
    return {l["dataset"]: l["publish_date"] for l in answer["lists"]}.get("un-consolidated")


def wait_until_served(base, token, version, since, limit_s=60):
    while time.monotonic() - since < limit_s:
        if served_version(base, token) == version:
            return time.monotonic() - since
        time.sleep(0.005)
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build/release/cli/vigil"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "seeds"))
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--watch-interval", type=int, default=100, help="ms")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    work = tempfile.mkdtemp(prefix="vigil-swap-bench-")
    db, vigil, token, _ = bench_store(args, work)
    d = args.data
    server, base, _ = start_server(args.vigil, db, "--watch-interval", str(args.watch_interval))
    try:
        script = os.path.join(work, "screen.lua")
        with open(script, "w") as f:
            f.write(lua_rotating("POST", "/v1/screen", token,
                                 [json.dumps({"name": n}) for n in NAMES]))
        wrk = subprocess.Popen(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s",
                                "--latency", "-s", script, base], stdout=subprocess.PIPE,
                               text=True)
        results = {}

        def updates():
            time.sleep(args.seconds / 4)
            subprocess.run([args.vigil, "load", f"{d}/un/consolidated-2025-11-20.xml",
                            "--db", db], capture_output=True, check=True)
            committed = time.monotonic()
            results["load"] = wait_until_served(base, token, "2025-11-20", committed)
            time.sleep(max(0.0, args.seconds / 2 - args.seconds / 4 - 1))
            with open(f"{d}/un/consolidated-2026-02-27.xml", "rb") as f:
                body = f.read()
            started = time.monotonic()
            call(base, "POST", "/v1/lists", token, body, "application/xml")
            results["upload"] = time.monotonic() - started
            results["upload_visible"] = served_version(base, token) == "2026-02-27"

        updater = threading.Thread(target=updates)
        updater.start()
        out = wrk.communicate()[0]
        updater.join()
        lists = call(base, "GET", "/v1/lists", token)
    finally:
        server.terminate()
        server.wait(timeout=60)
    shutil.rmtree(work)

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    p99 = re.search(r"99%\s+(\S+)", out).group(1)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    print(f"POST /v1/screen under wrk, {args.connections} connections, {args.seconds} s, "
          f"watch interval {args.watch_interval} ms")
    print(f"  requests {requests}, {rps:.0f}/s, p99 {p99}; failed: "
          f"{int(non2xx.group(1)) if non2xx else 0} non-2xx, "
          f"socket errors: {errors.group(1) if errors else 'none'}")
    load = results.get("load")
    print("  vigil load (other process): commit -> visible in screenings: "
          + (f"{load * 1000:.0f} ms" if load is not None else "not within 60 s"))
    print(f"  POST /v1/lists (2.0 MB UN list): answered in {results.get('upload', 0) * 1000:.0f} ms,"
          f" next screening sees it: {results.get('upload_visible')}")
    print(f"  snapshot after: {json.dumps(lists['snapshot'])}")


if __name__ == "__main__":
    main()
