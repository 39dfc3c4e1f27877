#!/usr/bin/python3
"""Differential test of `vigil communities` and `vigil keyplayers` against
NetworkX: Louvain modularity at least NetworkX's louvain_communities (best
of five seeds) on every network, vigil's reported modularity equal to
nx.community.modularity of its own partition, components, articulation
points and bridges identical, and the key-player fragmentation recomputed.

usage: structure_diff.py --vigil BUILD/cli/vigil --data DIR [--work DIR]
"""
import argparse
import sys
import tempfile

import networkx as nx

from common import random_graphs, real_networks, vigil


def undirected(G):
    """A directed graph read as undirected, as vigil reads it for communities
    and key players: a tie in either direction, the largest weight kept."""
    if not G.is_directed():
        return G
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for a, b, w in G.edges(data="weight", default=1.0):
        if U.has_edge(a, b):
            U[a][b]["weight"] = max(U[a][b]["weight"], w)
        else:
            U.add_edge(a, b, weight=w)
    return U


def fragmentation(G, removed):
    """Borgatti's F of G without the removed nodes, by union-find."""
    removed = set(removed)
    parent = {v: v for v in G if v not in removed}

    def find(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in G.edges():
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    n = len(parent)
    if n < 2:
        return 1.0
    sizes = {}
    for v in parent:
        r = find(v)
        sizes[r] = sizes.get(r, 0) + 1
    pairs = sum(s * (s - 1) for s in sizes.values())
    return 1.0 - pairs / (n * (n - 1))


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
    failures = []
    for name, path, directed, weighted, G in networks:
        U = undirected(G)
        cmd = ["--graph", path] + (["--directed"] if directed else [])
        # Louvain against NetworkX's, unweighted and (where the file has
        # weights) weighted.
        # A random "-w" file is its unweighted twin plus weights: only the
        # weighted comparisons are new there.
        twin = name.endswith("-w.txt")
        for use_weights in ([True] if twin else [False, True] if weighted else [False]):
            w = "weight" if use_weights else None
            result = vigil(args.vigil, "communities", *cmd, *(["--weighted"] if use_weights else []))
            parts = [{m["node"] for m in c["members"]} for c in result["communities"]]
            mine = nx.community.modularity(U, parts, weight=w)
            label = name + (" weighted" if use_weights else "")
            if abs(mine - result["modularity"]) > 1e-9:
                failures.append(f"{label}: reported modularity {result['modularity']} but "
                                f"partition has {mine}")
            theirs = [nx.community.modularity(U, nx.community.louvain_communities(U, weight=w,
                                                                                    seed=s),
                                              weight=w)
                      for s in range(5)]
            status = "ok " if mine >= max(theirs) - 1e-12 else "FAIL"
            print(f"{status} {label:<40} Louvain modularity vigil {mine:.6f}  NetworkX best of 5 "
                  f"{max(theirs):.6f} (mean {sum(theirs) / 5:.6f})")
            if status == "FAIL":
                failures.append(f"{label}: modularity {mine} < NetworkX {max(theirs)}")
        if twin:
            continue
        sizes = sorted((len(c) for c in nx.connected_components(U)), reverse=True)
        if result["components"]["sizes"] != sizes:
            failures.append(f"{name}: component sizes {result['components']['sizes']} != {sizes}")

        key = vigil(args.vigil, "keyplayers", "--k", "2", *cmd)
        cut = {p["node"] for p in key["articulation_points"]}
        if cut != set(nx.articulation_points(U)):
            failures.append(f"{name}: articulation points differ")
        bridges = {frozenset((a["node"], b["node"])) for a, b in key["bridges"]}
        if bridges != {frozenset(e) for e in nx.bridges(U)}:
            failures.append(f"{name}: bridges differ")
        players = [p["node"] for p in key["players"]]
        f = fragmentation(U, players)
        if abs(f - key["fragmentation"]) > 1e-12:
            failures.append(f"{name}: fragmentation {key['fragmentation']} != {f}")
        if key["method"] == "exhaustive" and len(U) <= 70:
            best = max(fragmentation(U, [a, b]) for a in U for b in U if a < b)
            if abs(best - key["fragmentation"]) > 1e-12:
                failures.append(f"{name}: exhaustive key players not optimal ({best})")
    for f in failures:
        print("FAIL", f)
    print(f"{len(networks)} networks; {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
