#!/usr/bin/python3
"""Why bench/scale_lists.py missed a query or hit an unlisted name: for a
sample of its misses (misses.jsonl in a size's folder, kept with --keep),
screens each name again through the Python package with threshold 0 and
top 1000 (every candidate scored), and says whether the expected record was
a candidate at all (candidate generation) or was scored below the threshold
(scoring), with the pairs that met and the query parts left unmatched; for
false positives, the pairs that made the hit. Prints one block per query
and a count per cause.

    PYTHONPATH=build/release/python /usr/bin/python3 bench/scale_misses.py \
        /tmp/scale-wd/1M --sample 40
"""
import argparse
import collections
import csv
import json
import os
import random

import vigil


def pairs_text(hit):
    e = hit.get("explanation") or {}
    out = [f"{p['query']}~{p['candidate']}:{p['method']}:{p['similarity']:.2f}"
           for p in e.get("pairs", [])]
    if e.get("unmatched_query"):
        out.append("unmatched query " + ",".join(e["unmatched_query"]))
    if e.get("unmatched_candidate"):
        out.append("unmatched listed " + ",".join(e["unmatched_candidate"]))
    return "; ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", help="a size's folder of bench/scale_lists.py --keep")
    ap.add_argument("--sample", type=int, default=40, help="misses per kind")
    ap.add_argument("--kinds", default="typo,unlisted")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    names = {}
    with open(os.path.join(args.folder, "sdn.csv"), encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            names[row[0]] = row[1]
    part_records = collections.Counter()
    for n in names.values():
        family, given = n.split(", ", 1)
        for w in set(given.split()) | {family}:
            part_records[w.lower()] += 1
    misses = collections.defaultdict(list)
    with open(os.path.join(args.folder, "misses.jsonl"), encoding="utf-8") as f:
        for line in f:
            m = json.loads(line)
            misses[m["kind"]].append(m)
    store = vigil.open(os.path.join(args.folder, "vigil.db"))
    store.prepare()
    rng = random.Random(args.seed)
    causes = collections.Counter()
    for kind in args.kinds.split(","):
        sample = misses[kind][:]
        rng.shuffle(sample)
        for m in sample[:args.sample]:
            r = store.screen(m["name"], threshold=0.0, top=1000)
            print(f"[{kind}] {m['name']!r}: {r['candidates']} candidates"
                  f"{' (fallback)' if r['fallback'] else ''}")
            if kind == "unlisted":
                hit = store.screen(m["name"])["hits"][0]
                print(f"   hit {hit['name']!r} {hit['score']:.3f}: {pairs_text(hit)}")
                methods = sorted({p["method"] for p in hit["explanation"]["pairs"]})
                unmatched = len(hit["explanation"].get("unmatched_query", []))
                causes[f"unlisted: methods {'+'.join(methods)}, {unmatched} query part(s) unmatched"] += 1
                continue
            expected = {str(e) for e in m["expected"]}
            exp_name = names[str(m["expected"][0])] if m["expected"] else "?"
            family, given = exp_name.split(", ", 1)
            listed_parts = given.split() + family.split()
            query_parts = m["name"].split()
            changed = [f"{q}<-{p}({part_records[p.lower()]} records)"
                       for q, p in zip(query_parts, listed_parts) if q.lower() != p.lower()]
            found = [h for h in r["hits"] if set(h["references"]) & expected]
            top = r["hits"][0] if r["hits"] else None
            if not found:
                cause = "not a candidate"
                print(f"   expected {exp_name!r} not among the candidates; changed {changed}")
            else:
                h = found[0]
                cause = "scored below threshold" if h["score"] < 0.8 else "ranked below others"
                print(f"   expected {exp_name!r} scored {h['score']:.3f} (rank {h['rank']}): "
                      f"{pairs_text(h)}; changed {changed}")
            if top is not None:
                print(f"   top {top['name']!r} {top['score']:.3f}")
            causes[f"{kind}: {cause}"] += 1
    print()
    for cause, n in causes.most_common():
        print(f"{n:4d}  {cause}")


if __name__ == "__main__":
    main()
