"""Shared helpers for the differential tests: run vigil, load the same
network files into NetworkX with the semantics vigil documents
(docs/network-analysis.md, "File formats"), and generate random graphs."""
import csv
import json
import os
import random
import subprocess
import sys

import networkx as nx


def vigil(binary, *args):
    """Runs vigil with --json; returns the parsed output."""
    out = subprocess.run([binary, *args, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"vigil {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def _add(G, a, b, w):
    """Self-loops are dropped; a repeated tie keeps the largest weight."""
    if a == b:
        G.add_node(a)
        return
    if G.has_edge(a, b):
        G[a][b]["weight"] = max(G[a][b]["weight"], w)
    else:
        G.add_edge(a, b, weight=w)


def load_edge_list(path, directed=False):
    """Comma-, tab- or blank-separated: source, target[, weight, ...]."""
    G = nx.DiGraph() if directed else nx.Graph()
    with open(path, encoding="utf-8-sig") as f:
        lines = [l.rstrip("\r\n") for l in f if l.strip() and not l.lstrip().startswith(("#", "%"))]
    if not lines:
        return G
    first = lines[0]
    delim = "\t" if "\t" in first else "," if "," in first else ";" if ";" in first else None
    rows = list(csv.reader(lines, delimiter=delim)) if delim else [l.split() for l in lines]
    for row in rows:
        row = [c.strip() for c in row]
        w = float(row[2]) if len(row) > 2 and row[2] != "" else 1.0
        _add(G, row[0], row[1], w)
    return G


def load_matrix(path, directed=False):
    """First row and column are labels; a label given twice is one node."""
    G = nx.DiGraph() if directed else nx.Graph()
    with open(path, encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    labels = [c for c in rows[0][1:]]
    while labels and labels[-1] == "":
        labels.pop()
    G.add_nodes_from(labels)
    for row in rows[1:]:
        if not row:
            continue
        G.add_node(row[0])
        for j, cell in enumerate(row[1:len(labels) + 1]):
            if cell.strip() and float(cell) != 0:
                _add(G, row[0], labels[j], float(cell))
    return G


def random_graphs(directory, quick=False):
    """Seeded random graphs written as edge lists: (name, path, directed,
    weighted, graph). quick: one seed of each kind instead of three."""
    out = []
    specs = []
    for seed in ((1,) if quick else (1, 2, 3)):
        specs.append((f"gnp-60-0.05-s{seed}", nx.gnp_random_graph(60, 0.05, seed=seed), False))
        specs.append((f"gnp-40-0.15-s{seed}", nx.gnp_random_graph(40, 0.15, seed=seed), False))
        specs.append((f"dir-gnp-50-0.06-s{seed}",
                      nx.gnp_random_graph(50, 0.06, seed=seed, directed=True), True))
    specs.append(("ba-150-3", nx.barabasi_albert_graph(150, 3, seed=7), False))
    specs.append(("ws-100-6-0.1", nx.watts_strogatz_graph(100, 6, 0.1, seed=5), False))
    specs.append(("caveman-6-8", nx.relaxed_caveman_graph(6, 8, 0.1, seed=3), False))
    rng = random.Random(11)
    for name, graph, directed in specs:
        for weighted in (False, True):
            G = nx.DiGraph() if directed else nx.Graph()
            G.add_nodes_from(f"n{v}" for v in graph.nodes)
            lines = []
            for a, b in graph.edges:
                w = 1.0
                if weighted:
                    w = rng.choice([1.0, 2.0, 3.0, 0.5, 1.5, 0.1, 0.7])
                if a != b:  # vigil drops self-loops; the file keeps them
                    G.add_edge(f"n{a}", f"n{b}", weight=w)
                lines.append(f"n{a} n{b} {w}" if weighted else f"n{a} n{b}")
            # Isolated nodes cannot appear in an edge list: keep them out.
            G.remove_nodes_from([v for v in list(G.nodes) if G.degree(v) == 0])
            path = os.path.join(directory, f"{name}{'-w' if weighted else ''}.txt")
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
            out.append((os.path.basename(path), path, directed, weighted, G))
    return out


def real_networks(data_dir):
    """The covert networks, read as vigil reads them (undirected)."""
    out = []
    if not os.path.isdir(data_dir):
        print(f"note: {data_dir} not found; real networks skipped", file=sys.stderr)
        return out
    for name in sorted(os.listdir(data_dir)):
        path = os.path.join(data_dir, name)
        if name.endswith("edgelist.txt"):
            out.append((name, path, False, True, load_edge_list(path)))
        elif name.endswith(".csv") and "ATTR" not in name:
            out.append((name, path, False, True, load_matrix(path)))
    return out
