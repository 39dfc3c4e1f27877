#!/usr/bin/env python3
"""Reader throughput and peak memory per input format, and linearity.

Generates inputs of every format the readers take (network files, batch
rows, a curated YAML dataset) at two sizes, 1x and 10x, takes the real
official lists from ../shared/data, and runs build/release/bench/
reader_benchmark on each (one process per reading, the best of --repeats
runs). Prints MB/s per CPU second, the peak memory beyond the input, and
the 10x/1x time ratio (linear reading keeps it near 10; the issue's bound
is 12).

With --before-tree DIR (a release build tree of an older checkout, e.g.
`git worktree add ../before 7469cf5` built with `cmake --preset release`),
the same program is compiled against that tree's library and run on the
same inputs in the same run, and the ratios before/after are printed.

  cmake --preset release -DVIGIL_BUILD_BENCHMARKS=ON && cmake --build --preset release
  bench/readers.py [--scale 1.0] [--before-tree ../before] [--keep DIR]
"""
import argparse
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(path, chunks):
    with open(path, "w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(chunk)
    return path


def labels(n):
    return [f"actor_{i:07d}" for i in range(n)]


def gen_edgelist(path, nodes):
    rnd = random.Random(1)
    names = labels(nodes)
    def lines():
        yield "source,target,weight\n"
        for i in range(nodes * 2):
            yield f"{names[rnd.randrange(nodes)]},{names[rnd.randrange(nodes)]},{1 + i % 3}\n"
    return write(path, lines())


def gen_pajek(path, nodes):
    rnd = random.Random(2)
    def lines():
        yield f"*Vertices {nodes}\n"
        for i in range(nodes):
            yield f'{i + 1} "actor {i}"\n'
        yield "*Arcs\n"
        for _ in range(nodes * 2):
            yield f"{rnd.randrange(nodes) + 1} {rnd.randrange(nodes) + 1} 1\n"
    return write(path, lines())


def gen_dl(path, nodes):
    rnd = random.Random(3)
    def lines():
        yield f"DL N={nodes} format=edgelist1\nlabels embedded\ndata:\n"
        names = labels(nodes)
        for _ in range(nodes * 2):
            yield f"{names[rnd.randrange(nodes)]} {names[rnd.randrange(nodes)]}\n"
    return write(path, lines())


def gen_matrix(path, nodes):
    rnd = random.Random(4)
    names = labels(nodes)
    def lines():
        yield "," + ",".join(names) + "\n"
        for name in names:
            yield name + "," + ",".join("1" if rnd.random() < 0.01 else "0" for _ in names) + "\n"
    return write(path, lines())


def gen_graphml(path, nodes):
    rnd = random.Random(5)
    def lines():
        yield ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
               '<key id="label" for="node" attr.name="label" attr.type="string"/>\n'
               '<graph edgedefault="undirected">\n')
        for i in range(nodes):
            yield f'<node id="n{i}"><data key="label">actor {i}</data></node>\n'
        for _ in range(nodes * 2):
            yield f'<edge source="n{rnd.randrange(nodes)}" target="n{rnd.randrange(nodes)}"/>\n'
        yield "</graph>\n</graphml>\n"
    return write(path, lines())


GIVEN = ["Abdul", "Mohammad", "Sirajuddin", "Amina", "Khalil", "Olga", "Yusuf", "Fatima"]
FAMILY = ["Haqqani", "Rahman", "Zadran", "Petrova", "Karimi", "Noori", "Ahmadzai", "Saleh"]


def gen_rows(path, rows, jsonl):
    rnd = random.Random(6)
    def lines():
        if not jsonl:
            yield "name,birth_date,country\n"
        for i in range(rows):
            name = f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)} {i}"
            dob = f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}"
            if jsonl:
                yield json.dumps({"name": name, "birth_date": dob, "country": "AF"}) + "\n"
            else:
                yield f"{name},{dob},AF\n"
    return write(path, lines())


def gen_yaml(path, copies):
    """The bundled people and groups, each repeated with new ids."""
    blocks = []
    for name in ("people.yaml", "groups.yaml"):
        text = open(os.path.join(ROOT, "data", name), encoding="utf-8").read()
        body = text.split("entities:\n", 1)[1]
        blocks += [b for b in re.split(r"\n(?=  - id: )", body) if b.strip().startswith("- id:")]
    def lines():
        yield "entities:\n"
        for copy in range(copies):
            for block in blocks:
                yield re.sub(r"^  - id: (\S+)", lambda m: f"  - id: {m.group(1)}-{copy}", block,
                             count=1) + "\n"
    return write(path, lines())


def run(program, fmt, files, repeats, timeout):
    """The best of repeats runs; None when one takes longer than timeout."""
    best = None
    for _ in range(repeats):
        try:
            out = subprocess.run([program, fmt, *files], capture_output=True, text=True,
                                 timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        if not out.stdout.strip():
            raise SystemExit(f"{program} {fmt}: {out.stderr.strip()}")
        result = json.loads(out.stdout)
        if "error" in result:
            raise SystemExit(f"{program} {fmt} {files}: {result['error']}")
        if best is None or result["cpu_seconds"] < best["cpu_seconds"]:
            best = result
    return best


def build_before(tree, out):
    """Compiles reader_benchmark.cc against an older build tree's library."""
    commands = subprocess.run(["ninja", "-C", tree, "-t", "commands", "cli/vigil"],
                              capture_output=True, text=True, check=True).stdout
    link = shlex.split(commands.strip().splitlines()[-1])
    libraries = [a for a in link
                 if re.search(r"\.(a|so)(\.[\d.]+)?$", a) or a.startswith(("-l", "-Wl,"))]
    libraries = [os.path.join(tree, a) if a.startswith("src/") else a for a in libraries]
    source = os.path.join(os.path.dirname(os.path.abspath(tree.rstrip("/"))), "..")
    source = os.path.normpath(source)
    subprocess.run(["g++", "-std=c++20", "-O3", "-DNDEBUG", "-DFMT_SHARED",
                    f"-I{source}/src", f"-I{tree}/src/vigil/generated",
                    os.path.join(ROOT, "bench", "reader_benchmark.cc"), "-o", out, *libraries],
                   check=True)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--program", default=os.path.join(ROOT, "build/release/bench/reader_benchmark"))
    parser.add_argument("--before-tree", help="release build folder of an older checkout")
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--scale", type=float, default=1.0, help="size of the 1x inputs")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds one reading may take (the quadratic readers of old)")
    parser.add_argument("--keep", help="folder for the generated inputs (default: temporary)")
    args = parser.parse_args()

    work = args.keep or tempfile.mkdtemp(prefix="vigil-readers-")
    os.makedirs(work, exist_ok=True)
    programs = {"after": args.program}
    if args.before_tree:
        programs["before"] = build_before(args.before_tree, os.path.join(work, "reader_before"))

    n = lambda base: max(10, int(base * args.scale))
    generators = [
        ("edgelist", "csv", lambda p, k: gen_edgelist(p, n(100_000) * k)),
        ("pajek", "net", lambda p, k: gen_pajek(p, n(100_000) * k)),
        ("dl", "dl", lambda p, k: gen_dl(p, n(100_000) * k)),
        ("graphml", "graphml", lambda p, k: gen_graphml(p, n(50_000) * k)),
        ("matrix", "csv", lambda p, k: gen_matrix(p, int(n(1_000) * k ** 0.5))),
        ("rows-csv", "csv", lambda p, k: gen_rows(p, n(200_000) * k, False)),
        ("rows-jsonl", "jsonl", lambda p, k: gen_rows(p, n(200_000) * k, True)),
        ("yaml", "yaml", lambda p, k: gen_yaml(p, n(20) * k)),
    ]
    d = args.data
    real = [
        ("un", [f"{d}/un/consolidated-2025-04-19.xml"]),
        ("ofac-xml", [f"{d}/ofac/cons-nonsdn-2025-03-28.xml"]),
        ("ofac-csv", [f"{d}/ofac/{f}" for f in ("sdn-2023-01.csv", "alt-2025-12.csv",
                                                "add-2025-12.csv", "sdn_comments-2025-12.csv")]),
    ]
    header = f"{'format':<11} {'input':>9} {'MB/s':>8} {'peak MB':>8} {'x input':>7} {'10x time':>9}"
    print(header + ("   before: MB/s  peak MB  10x time   speed  memory" if "before" in programs else ""))
    cases = [(fmt, [gen(os.path.join(work, f"{fmt}-{k}x.{ext}"), k) for k in (1, 10)])
             for fmt, ext, gen in generators]
    cases += [(fmt, [files]) for fmt, files in real if all(os.path.exists(f) for f in files)]
    for fmt, inputs in cases:
        line = ""
        measured = {}
        for label, program in programs.items():
            results = [run(program, fmt, f if isinstance(f, list) else [f], args.repeats,
                           args.timeout) for f in inputs]
            if results[-1] is None:  # timed out on the large input: report the small one
                small = results[0]
                measured[label] = (small, None, True)
                continue
            growth = (results[1]["cpu_seconds"] / max(results[0]["cpu_seconds"], 1e-9)
                      if len(results) > 1 else None)
            measured[label] = (results[-1], growth, False)
        after, growth, _ = measured["after"]
        mb = after["bytes"] / 1e6
        line = (f"{fmt:<11} {mb:>7.1f}MB {after['mb_per_s']:>8.1f} {after['peak_extra_mb']:>8.1f} "
                f"{after['peak_extra_mb'] / mb:>7.1f} {growth if growth else float('nan'):>9.1f}")
        if "before" in measured:
            before, before_growth, timed_out = measured["before"]
            if timed_out:
                print(line + f"   over {args.timeout:.0f} s on the 10x input "
                      f"({before['mb_per_s'] if before else float('nan'):.1f} MB/s on 1x)",
                      flush=True)
                continue
            line += (f"   {before['mb_per_s']:>12.1f} {before['peak_extra_mb']:>8.1f} "
                     f"{before_growth if before_growth else float('nan'):>9.1f} "
                     f"{after['mb_per_s'] / max(before['mb_per_s'], 1e-9):>6.2f}x "
                     f"{before['peak_extra_mb'] / max(after['peak_extra_mb'], 1e-9):>6.2f}x")
        print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
