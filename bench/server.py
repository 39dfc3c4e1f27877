#!/usr/bin/env python3
"""Load test of `vigil serve` with wrk (Debian's wrk), on loopback.

Loads the bundled curated data, the UN consolidated list and the OFAC SDN
set into a fresh store, starts `vigil serve` on a free port, waits until it
is ready, and drives each endpoint with wrk for --seconds at --connections
open connections, each request a different subject (rotated from a list of
spellings, in Latin, Arabic and Cyrillic script). Prints requests per
second, mean and p99 latency, non-2xx answers (the knowledge routes twice:
without and with Accept-Encoding: gzip), and the server's resident
memory once ready and after the runs. Every screening is audited, as in
production: the audit log's rows are counted at the end.

Then batch screening: --batch-rows names (default 100,000) as JSON lines,
screened by `vigil screen --input names.jsonl --output out.jsonl` and sent
to POST /v1/screen/batch with curl (which reads the streamed answer while it
sends), wall-clock time of each, and the throughput ratio HTTP / CLI
(target: at least 70%).

  bench/server.py [--vigil build/release/cli/vigil] [--seconds 10] [--connections 64]
                  [--batch-rows 100000]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

NAMES = ["Sirajuddin Haqqani", "Serajuddin Haqani", "Siraj Haqqani", "Abdul Ghani Baradar",
         "Mullah Omar", "Haibatullah Akhundzada", "Hibatullah Akhunzada", "Ayman al-Zawahiri",
         "Aiman al Zawahri", "Anas Haqqani", "Khalil Haqqani", "Mohammad Hasan Akhund",
         "سراج الدين حقاني", "Сираджуддин Хаккани", "Margaret Thornton", "John Smith",
         "Islamic State Khorasan", "Tehrik-e Taliban Pakistan", "Lashkar-e-Tayyiba",
         "Abdul Rauf Zakir", "Yahya Haqqani", "Nasiruddin Haqqani", "Badruddin Haqqani"]


def lua_rotating(method, path_or_paths, token, bodies=None, gzip=False):
    """A wrk script that sends each request with the next body or path; with
    gzip, it says Accept-Encoding: gzip as browsers and Python's requests do."""
    headers = f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    headers += 'wrk.headers["Content-Type"] = "application/json"\n'
    if gzip:
        headers += 'wrk.headers["Accept-Encoding"] = "gzip, deflate"\n'
    if bodies is not None:
        items = ",\n".join(json.dumps(b) for b in bodies)
        return (headers + f"local bodies = {{\n{items}\n}}\nlocal i = 0\n"
                "request = function()\n  i = i % #bodies + 1\n"
                f'  return wrk.format("{method}", "{path_or_paths}", nil, bodies[i])\nend\n')
    items = ",\n".join(json.dumps(p) for p in path_or_paths)
    return (headers + f"local paths = {{\n{items}\n}}\nlocal i = 0\n"
            "request = function()\n  i = i % #paths + 1\n"
            f'  return wrk.format("{method}", paths[i])\nend\n')


def run_wrk(url, script, seconds, connections, work):
    path = os.path.join(work, "script.lua")
    with open(path, "w") as f:
        f.write(script)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-s", path, url], capture_output=True, text=True, check=True).stdout
    def latency_ms(text):
        found = re.match(r"([\d.]+)(us|ms|s|m)$", text)
        if not found:
            sys.exit(f"wrk's latency '{text}' is not a duration; wrk said:\n{out}")
        value, unit = found.groups()
        return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    mean = latency_ms(re.search(r"Latency\s+(\S+)", out).group(1))
    p99 = latency_ms(re.search(r"99%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return rps, mean, p99, int(non2xx.group(1)) if non2xx else 0, errors.group(1) if errors else ""


def batch_names(path, rows):
    """rows JSON lines: the bench's names in turn, and made-up names between them."""
    with open(path, "w") as f:
        for i in range(rows):
            name = NAMES[i % len(NAMES)] if i % 4 == 0 else f"Person {i} Example"
            f.write(json.dumps({"id": f"r{i}", "name": name}, ensure_ascii=False) + "\n")


def bench_batch(args, db, base, token, work):
    """vigil screen --input against POST /v1/screen/batch on the same names."""
    names = os.path.join(work, "names.jsonl")
    batch_names(names, args.batch_rows)
    started = time.monotonic()
    subprocess.run([args.vigil, "screen", "--input", names, "--output",
                    os.path.join(work, "cli-out.jsonl"), "--db", db],
                   capture_output=True, text=True, check=True)
    cli_s = time.monotonic() - started
    http_out = os.path.join(work, "http-out.jsonl")
    started = time.monotonic()
    subprocess.run(["curl", "-sS", "--fail", "-X", "POST", "--data-binary", f"@{names}",
                    "-H", f"Authorization: Bearer {token}",
                    "-H", "Content-Type: application/x-ndjson",
                    "-o", http_out, base + "/v1/screen/batch"], check=True)
    http_s = time.monotonic() - started
    with open(http_out) as f:
        last = None
        lines = 0
        for line in f:
            lines += 1
            last = line
    screened = json.loads(last)["summary"]["screened"] if last else 0
    rows = args.batch_rows
    print(f"\nbatch of {rows} names (JSON lines in and out, wall clock):")
    print(f"  vigil screen --input       {cli_s:7.2f} s  {rows / cli_s:9.0f} rows/s")
    print(f"  POST /v1/screen/batch      {http_s:7.2f} s  {rows / http_s:9.0f} rows/s"
          f"  ({screened} screened, {lines} lines)")
    print(f"  HTTP / CLI throughput      {cli_s / http_s:7.0%}  (target >= 70%)")


def first_answers(base, token):
    """Each entity card and exposure report asked once, right after start:
    the cost of an answer the response cache does not hold yet. Returns
    (label, asked, mean ms, p99 ms) for each."""
    def get(path):
        request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
        started = time.monotonic()
        body = urllib.request.urlopen(request).read()
        return (time.monotonic() - started) * 1e3, body
    ids = []
    for kind in ("person", "organization", "government_body"):
        _, body = get(f"/v1/entities?kind={kind}")
        ids += [row["id"] for row in json.loads(body)]
    rows = []
    for label, paths in (("GET /v1/entities/{id}, first ask", [f"/v1/entities/{i}" for i in ids]),
                         ("GET /v1/exposure/{name}, first ask",
                          [f"/v1/exposure/{i}" for i in ids[:40]])):
        times = sorted(get(p)[0] for p in paths)
        p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
        rows.append((label, len(times), sum(times) / len(times), p99))
    return rows


def open_connections(host, port, count):
    """count idle keep-alive connections, each having made one request."""
    import socket
    socks = []
    for _ in range(count):
        s = socket.create_connection((host, port))
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        s.recv(4096)
        socks.append(s)
    return socks


def bench_store(args, work, db=None):
    """The benchmarks' store: the bundled knowledge base, the UN list of
    2025-04-19 and the OFAC SDN set, and an admin token; in work/vigil.db
    unless db (a file or a postgresql:// URI) is given. Returns the store,
    a function that runs vigil on it, the token and the seconds each load
    took (knowledge base, UN list, OFAC set)."""
    db = db or os.path.join(work, "vigil.db")
    vigil = lambda *a: subprocess.run([args.vigil, *a, "--db", db], capture_output=True,
                                      text=True, check=True).stdout
    d = args.data
    loads = []
    for files in ([os.path.join(ROOT, "data"), "--texts", args.seeds],
                  [f"{d}/un/consolidated-2025-04-19.xml"],
                  [f"{d}/ofac/{f}" for f in ("sdn-2023-01.csv", "alt-2025-12.csv",
                                             "add-2025-12.csv", "sdn_comments-2025-12.csv")]):
        started = time.monotonic()
        vigil("load", *files)
        loads.append(time.monotonic() - started)
    token = vigil("token", "create", "--name", "bench", "--role", "admin").strip()
    return db, vigil, token, loads


def start_server(vigil, db, *extra):
    """`vigil serve` on a free loopback port, once /readyz answers 200.
    Returns the process, its base URL and the seconds it took to be ready."""
    server = subprocess.Popen([vigil, "serve", "--db", db, "--listen", "127.0.0.1:0", "--quiet",
                               *extra], stderr=subprocess.PIPE, text=True)
    line = server.stderr.readline()
    found = re.search(r":(\d+) ", line)
    if not found:
        server.kill()
        sys.exit(f"vigil serve did not start: {line}{server.stderr.read()}")
    base = f"http://127.0.0.1:{found.group(1)}"
    started = time.monotonic()
    while True:
        try:
            if urllib.request.urlopen(base + "/readyz").status == 200:
                break
        except Exception:
            if server.poll() is not None:
                sys.exit(f"vigil serve exited: {server.stderr.read()}")
            time.sleep(0.05)
    return server, base, time.monotonic() - started


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build/release/cli/vigil"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--seeds", default=os.path.join(ROOT, "..", "shared", "seeds"))
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--batch-rows", type=int, default=100000,
                        help="names in the batch comparison (0: no batch comparison)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    work = tempfile.mkdtemp(prefix="vigil-server-bench-")
    db, vigil, token, _ = bench_store(args, work)
    server, base, ready_s = start_server(args.vigil, db)
    port = int(base.rsplit(":", 1)[1])
    try:
        ready_mb = rss_mb(server.pid)
        lists = json.loads(urllib.request.urlopen(urllib.request.Request(
            base + "/v1/lists", headers={"Authorization": f"Bearer {token}"})).read())["lists"]
        records = sum(l["records"] for l in lists)
        print(f"store: {len(lists)} lists, {records} designated records; ready after "
              f"{ready_s:.2f} s, {ready_mb:.0f} MB resident")
        print(f"wrk: {args.connections} connections, 2 threads, {args.seconds} s per endpoint, "
              "on the same 2 cores as the server\n")
        print(f"{'endpoint':<34} {'req/s':>9} {'mean ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
        match_bodies = [{"queries": {"q1": {"schema": "Person", "properties": {"name": [n]}}}}
                        for n in NAMES]
        screen_bodies = [{"name": n} for n in NAMES]
        cases = [
            ("POST /match/default (1 query)", lua_rotating("POST", "/match/default", token,
                                                           [json.dumps(b) for b in match_bodies])),
            ("POST /v1/screen", lua_rotating("POST", "/v1/screen", token,
                                             [json.dumps(b) for b in screen_bodies])),
        ]
        entities = ["/v1/entities/sirajuddin-haqqani", "/v1/entities/haqqani-network",
                    "/v1/entities/al-qaeda", "/v1/entities/isis-k"]
        exposures = ["/v1/exposure/taliban-ministry-of-interior?as_of=2023",
                     "/v1/exposure/haqqani-network?max_hops=3"]
        for gzip in (False, True):
            how = " (gzip)" if gzip else ""
            cases += [(f"GET /v1/entities/{{id}}{how}", lua_rotating("GET", entities, token, gzip=gzip)),
                      (f"GET /v1/exposure/{{name}}{how}", lua_rotating("GET", exposures, token, gzip=gzip))]
        for label, script in cases:
            rps, mean, p99, non2xx, errors = run_wrk(base, script, args.seconds,
                                                     args.connections, work)
            print(f"{label:<34} {rps:>9.0f} {mean:>8.2f} {p99:>8.2f} {non2xx:>8}"
                  + (f"  socket errors: {errors}" if errors else ""), flush=True)
        for label, asked, mean, p99 in first_answers(base, token):
            print(f"{label:<34} {asked:>5} asked {mean:>8.2f} {p99:>8.2f}  (one at a time)")
        print(f"\nresident memory after the runs: {rss_mb(server.pid):.0f} MB")
        socks = open_connections("127.0.0.1", port, 1000)
        print(f"with 1,000 open connections: {rss_mb(server.pid):.0f} MB")
        for sock in socks:
            sock.close()
        if args.batch_rows > 0:
            bench_batch(args, db, base, token, work)
    finally:
        server.terminate()
        server.wait(timeout=60)
    rows = vigil("audit", "verify", "--json")
    print(f"audit log: {json.loads(rows)['rows']} rows, chain intact: {json.loads(rows)['ok']}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
