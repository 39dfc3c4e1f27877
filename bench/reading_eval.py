#!/usr/bin/env python3
"""Leave-one-article-out evaluation of `vigil read` on the four seed articles.

For each seed article in turn: the curated knowledge base (data/*.yaml) is
loaded without the claims that cite that article (entities and their names
stay; records left without any claim are dropped), `vigil read` reads the
article, and its output is compared with the curated claims of the article:

* mentions: for every curated passage (claim span) of the article, the
  entities its fact names (an entity's own claims: the entity; relations:
  subject and object; events: perpetrators, targets, place; participants:
  the participant; estimates: subject and scope; designations: entity and
  authority). Recall: (passage, entity) pairs with a mention of the entity
  inside the passage. Precision: resolved mentions inside some curated
  passage whose entity is one the passages around them name. Ambiguous
  mentions (left unresolved, with candidates) are counted apart. The
  passages' facts name only the entities of one claim, so a right mention
  of another entity the passage names counts against that precision; a
  second precision (ment.P.art) counts a resolved mention inside a curated
  passage as right when its entity is one the article's curated claims name
  anywhere (a mention of an entity the article's claims never name, or of
  the wrong one of two, still counts as wrong). Mentions made by
  coreference or from a demonym count like names: their entity is what is
  judged.
* claims, relations and attributions: curated relations as (subject,
  predicate, object) (symmetric predicates unordered) and event perpetrators
  as (entity, role, event); the proposals' triples the same way. Recall and
  precision over distinct triples, and again with the stance (reports
  counts as asserts). Perpetrators the curated data names only by a label
  ("two suicide bombers") are left out: no proposal can name an entity the
  knowledge base does not hold (before 2026-12-01 they counted as one
  unreachable triple (None, role, event) per article). The overall stance
  recall and precision sum each article once (before 2026-12-01 the
  denominators of the second article on were added twice, which halved
  them).
* read time: the reader alone (read_ms in `vigil read --json`), per article
  and for a synthetic article of 10,000 words made of the seed texts.

Run by hand (not in CI): bench/reading_eval.py [--vigil build/release/cli/vigil]
"""
import argparse
import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SEEDS = os.path.join(REPO, "..", "shared", "seeds")
SYMMETRIC = {"allied_with", "hostile_to", "negotiates_with", "family_of"}


def load_data():
    data = {}
    for name in sorted(os.listdir(os.path.join(REPO, "data"))):
        if name.endswith(".yaml"):
            with open(os.path.join(REPO, "data", name), encoding="utf-8") as f:
                data[name] = yaml.safe_load(f) or {}
    return data


def strip_source(data, source):
    """The data without claims citing source; records left claimless dropped."""
    out = copy.deepcopy(data)
    keep = lambda claims: [c for c in (claims or []) if c.get("source") != source]
    for doc in out.values():
        for e in doc.get("entities", []) or []:
            e["claims"] = keep(e.get("claims"))
            if not e["claims"]:
                del e["claims"]
        for section in ("relations", "estimates", "designations"):
            if section in doc:
                records = []
                for r in doc[section]:
                    r["claims"] = keep(r.get("claims"))
                    if r["claims"]:
                        records.append(r)
                doc[section] = records
        if "events" in doc:
            events = []
            for ev in doc["events"]:
                ev["claims"] = keep(ev.get("claims"))
                for role in ("perpetrators", "targets"):
                    for p in ev.get(role, []) or []:
                        if "claims" in p:
                            p["claims"] = keep(p["claims"])
                            if not p["claims"]:
                                del p["claims"]
                if ev["claims"]:
                    events.append(ev)
            doc["events"] = events
    return out


def gold(data, source):
    """Passages (span -> entities named) and claim triples of one article."""
    passages = []  # (start, end, {entities})
    triples = set()  # (s, p, o, stance)

    def cite(claims, entities, triple=None):
        for c in claims or []:
            if c.get("source") != source or "span" not in c:
                continue
            passages.append((c["span"][0], c["span"][1], {e for e in entities if e}))
            if triple:
                triples.add(triple + (c.get("stance", "asserts"),))

    for doc in data.values():
        for e in doc.get("entities", []) or []:
            cite(e.get("claims"), {e["id"]})
        for r in doc.get("relations", []) or []:
            s, p, o = r["subject"], r["predicate"], r["object"]
            if p in SYMMETRIC:
                s, o = sorted((s, o))
            cite(r.get("claims"), {r["subject"], r["object"]}, (s, p, o))
        for ev in doc.get("events", []) or []:
            named = {p.get("entity") for p in (ev.get("perpetrators") or []) + (ev.get("targets") or [])}
            named.add((ev.get("place") or {}).get("entity"))
            cite(ev.get("claims"), named)
            for p in ev.get("perpetrators") or []:
                if p.get("entity"):
                    cite(p.get("claims"), {p["entity"]}, (p["entity"], p["role"], "event"))
                else:
                    cite(p.get("claims"), set())
        for est in doc.get("estimates", []) or []:
            cite(est.get("claims"), {est["subject"], est.get("scope_entity")})
        for d in doc.get("designations", []) or []:
            cite(d.get("claims"), {d["entity"], d.get("authority")})
    return passages, triples


def proposed(result):
    triples = set()
    for p in result["proposals"]:
        stance = "denies" if p["stance"] == "denies" else "asserts"
        if p["kind"] == "relation":
            s, o = p["subject"], p["object"]
            if p["predicate"] in SYMMETRIC:
                s, o = sorted((s, o))
            triples.add((s, p["predicate"], o, stance))
        elif p["kind"] == "participant":
            triples.add((p["subject"], p["predicate"], "event", stance))
    return triples


def ratio(a, b):
    return a / b if b else float("nan")


def run(vigil, args, **kw):
    return subprocess.run([vigil] + args, check=True, capture_output=True, text=True, **kw)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(REPO, "build", "release", "cli", "vigil"))
    parser.add_argument("--verbose", action="store_true", help="list misses and false proposals")
    args = parser.parse_args()
    data = load_data()
    sources = [s for doc in data.values() for s in doc.get("sources", []) or []
               if s.get("kind") == "article" and s.get("file")]
    totals = dict(mr_hit=0, mr_all=0, mp_hit=0, mp_all=0, ma_hit=0, amb=0, cr_hit=0, cr_all=0, cp_hit=0,
                  cp_all=0, sr_hit=0, sr_all=0, sp_hit=0, sp_all=0)
    times = []
    print(f"{'article':32} {'ment.R':>7} {'ment.P':>7} {'P.art':>6} {'amb':>4} {'claim.R':>8} {'claim.P':>8}"
          f" {'stance.R':>9} {'stance.P':>9} {'gold':>5} {'prop':>5} {'ms':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            sid = source["id"]
            folder = os.path.join(tmp, sid)
            os.makedirs(folder)
            for name, doc in strip_source(data, sid).items():
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
            db = os.path.join(tmp, sid + ".db")
            run(args.vigil, ["load", folder, "--texts", SEEDS, "--db", db])
            article = os.path.join(SEEDS, source["file"])
            published = str(source.get("date", "")).lstrip("~")
            out = run(args.vigil, ["read", article, "--published", published, "--json", "--db", db])
            result = json.loads(out.stdout)
            times.append(result["read_ms"])
            passages, gold_triples = gold(data, sid)
            mentions = result["mentions"]
            # Mention recall.
            mr_hit = mr_all = 0
            for start, end, entities in passages:
                for e in entities:
                    mr_all += 1
                    if any(m["entity"] == e and m["span"][0] < end and m["span"][1] > start
                           for m in mentions):
                        mr_hit += 1
                    elif args.verbose:
                        print(f"  miss mention {e} in [{start}, {end}]")
            # Mention precision.
            mp_hit = mp_all = ma_hit = amb = 0
            article_entities = set().union(*(ents for _, _, ents in passages))
            for m in mentions:
                around = [ents for s, e, ents in passages if m["span"][0] < e and m["span"][1] > s]
                if not around:
                    continue
                if m["entity"] is None:
                    amb += 1
                    continue
                mp_all += 1
                ma_hit += m["entity"] in article_entities
                if any(m["entity"] in ents for ents in around):
                    mp_hit += 1
                elif args.verbose:
                    print(f"  extra mention {m['text']} -> {m['entity']} at {m['span']}")
            got = proposed(result)
            gold3 = {t[:3] for t in gold_triples}
            got3 = {t[:3] for t in got}
            if args.verbose:
                for t in sorted(got3 - gold3, key=str):
                    print("  false proposal", t)
                for t in sorted(gold3 - got3, key=str):
                    print("  missed claim", t)
            row = dict(mr_hit=mr_hit, mr_all=mr_all, mp_hit=mp_hit, mp_all=mp_all, ma_hit=ma_hit, amb=amb,
                       cr_hit=len(gold3 & got3), cr_all=len(gold3), cp_hit=len(got3 & gold3),
                       cp_all=len(got3), sr_hit=len(gold_triples & got), sp_hit=len(got & gold_triples))
            row["sr_all"], row["sp_all"] = len(gold_triples), len(got)
            for k in totals:
                totals[k] += row[k]
            print_row(sid, row, result["read_ms"])
    print_row("overall", totals, statistics.median(times))
    # A synthetic article of 10,000 words: the seeds one after another.
    words, text = 0, []
    seed_texts = [open(os.path.join(SEEDS, s["file"]), encoding="utf-8").read() for s in sources]
    while words < 10000:
        for t in seed_texts:
            take = t.split()
            text.append(" ".join(take[: 10000 - words]))
            words += min(len(take), 10000 - words)
            if words >= 10000:
                break
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "kb.db")
        run(args.vigil, ["load", os.path.join(REPO, "data"), "--texts", SEEDS, "--db", db])
        path = os.path.join(tmp, "synthetic.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(text))
        runs = []
        for _ in range(5):
            out = run(args.vigil, ["read", path, "--json", "--db", db])
            runs.append(json.loads(out.stdout)["read_ms"])
        print(f"synthetic article of {words} words: read in {statistics.median(runs):.1f} ms "
              f"(median of 5; runs {', '.join(f'{r:.1f}' for r in runs)})")


def print_row(name, r, ms):
    print(f"{name:32} {ratio(r['mr_hit'], r['mr_all']):7.3f} {ratio(r['mp_hit'], r['mp_all']):7.3f}"
          f" {ratio(r['ma_hit'], r['mp_all']):6.3f}"
          f" {r['amb']:4d} {ratio(r['cr_hit'], r['cr_all']):8.3f} {ratio(r['cp_hit'], r['cp_all']):8.3f}"
          f" {ratio(r['sr_hit'], r['sr_all']):9.3f} {ratio(r['sp_hit'], r['sp_all']):9.3f}"
          f" {r['cr_all']:5d} {r['cp_all']:5d} {ms:6.1f}")


if __name__ == "__main__":
    sys.exit(main())
