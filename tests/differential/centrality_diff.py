#!/usr/bin/python3
"""Differential test: every deterministic measure of `vigil rank` equals
NetworkX's within 1e-9 per node, on every covert network in ../shared/data
and on seeded random graphs (sparse and disconnected, dense, directed,
weighted with non-integer weights).

usage: centrality_diff.py --vigil BUILD/cli/vigil --data DIR [--work DIR]
"""
import argparse
import math
import sys
import tempfile

import networkx as nx

from common import random_graphs, real_networks, vigil

TOLERANCE = 1e-9


def difference(a, b):
    """|a - b|, where two undefined values agree and one does not."""
    if math.isnan(a) or math.isnan(b):
        return 0.0 if math.isnan(a) and math.isnan(b) else math.inf
    return abs(a - b)


def reference(G, measure, weighted):
    w = "weight" if weighted else None
    if measure == "degree":
        return nx.degree_centrality(G)
    if measure == "in-degree":
        return nx.in_degree_centrality(G)
    if measure == "out-degree":
        return nx.out_degree_centrality(G)
    if measure == "betweenness":
        return nx.betweenness_centrality(G, normalized=True, endpoints=False, weight=w)
    if measure == "closeness":
        return nx.closeness_centrality(G, distance=w, wf_improved=True)
    if measure == "harmonic":
        return nx.harmonic_centrality(G, distance=w)
    if measure == "eigenvector":
        return nx.eigenvector_centrality(G, max_iter=100000, tol=1e-13, weight=w)
    if measure == "pagerank":
        return nx.pagerank(G, alpha=0.85, max_iter=100000, tol=1e-14, weight=w)
    if measure == "kcore":
        return nx.core_number(G)
    if measure == "constraint":
        return nx.constraint(G, weight=w)
    if measure == "effective-size":
        return nx.effective_size(G, weight=w)
    raise ValueError(measure)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--vigil", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work")
    parser.add_argument("--quick", action="store_true",
                        help="one random graph of each kind (for slow sanitizer builds)")
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="vigil-diff-")
    networks = real_networks(args.data) + random_graphs(work, args.quick)
    failures, compared, skipped = [], 0, []
    for name, path, directed, weighted, G in networks:
        measures = ["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
                    "kcore", "constraint", "effective-size"]
        if directed:
            measures += ["in-degree", "out-degree"]
        # A random "-w" file is its unweighted twin plus weights: only the
        # weighted measures are new there.
        twin = name.endswith("-w.txt")
        for measure in measures:
            for use_weights in ([True] if twin else [False, True] if weighted else [False]):
                if use_weights and measure in ("degree", "in-degree", "out-degree", "kcore"):
                    continue
                try:
                    expected = reference(G, measure, use_weights)
                except nx.PowerIterationFailedConvergence:
                    skipped.append(f"{name} {measure}: NetworkX does not converge")
                    continue
                cmd = ["rank", "--graph", path, "--measure", measure]
                if directed:
                    cmd.append("--directed")
                if use_weights:
                    cmd.append("--weighted")
                rows = vigil(args.vigil, *cmd)
                # null: undefined (brokerage of a node without ties; NaN in NetworkX)
                got = {row["node"]: math.nan if row["value"] is None else float(row["value"])
                       for row in rows}
                label = f"{name} {measure}{' weighted' if use_weights else ''}"
                if set(got) != set(expected):
                    failures.append(f"{label}: node sets differ ({len(got)} vs {len(expected)})")
                    continue
                worst = max((difference(got[v], expected[v]), v) for v in expected)
                compared += len(expected)
                if worst[0] > TOLERANCE:
                    failures.append(f"{label}: node {worst[1]!r}: vigil {got[worst[1]]!r}, "
                                    f"NetworkX {expected[worst[1]]!r} (diff {worst[0]:.3g})")
                else:
                    print(f"ok  {label:<45} max |diff| {worst[0]:.2e} over {len(expected)} nodes")
    for s in skipped:
        print(f"skip {s}")
    print(f"{compared} node values compared on {len(networks)} networks; {len(failures)} failures")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
