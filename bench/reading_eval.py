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
* claim precision against the whole knowledge base (P.kb): a proposal
  counts as right when its triple is a curated fact, whichever article the
  fact cites. The curated claims of one article are not all it says (the
  Haqqani article names the Taliban operating in Afghanistan, which only
  another article's claim records), so the article's own triples
  understate precision; P.kb shows how many proposals are facts at all.
* read time: the reader alone (read_ms in `vigil read --json`), per article
  and for a synthetic article of 10,000 words made of the seed texts.

With --bounds it also prints how far the gold standard lies from what any
reader that reports mentions by their spans and claims from single
sentences can reach: mention recall counted over each passage's whole
sentence (and the one before) instead of the passage, and the share of
gold triples whose two entities the reader finds in one sentence at all
(sentences split here by a rough regular expression).

Run by hand (not in CI): bench/reading_eval.py [--vigil build/release/cli/vigil] [--bounds]
"""
import argparse
import collections
import copy
import json
import os
import re
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


def kb_triples(data):
    """Every relation and perpetrator triple of the curated knowledge base,
    whichever source it cites."""
    out = set()
    for doc in data.values():
        for r in doc.get("relations", []) or []:
            s, p, o = r["subject"], r["predicate"], r["object"]
            if p in SYMMETRIC:
                s, o = sorted((s, o))
            out.add((s, p, o))
        for ev in doc.get("events", []) or []:
            for p in ev.get("perpetrators") or []:
                if p.get("entity"):
                    out.add((p["entity"], p["role"], "event"))
    return out


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


SENTENCE_END = re.compile(r"(?<=[.!?])[\u201d\"]?\s+(?=[A-Z\u201c\"])|\n+")


def sentences(text):
    """(start, end) of each sentence, roughly."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def bounds(text, passages, gold3, mentions):
    """Counts for --bounds: (passage, entity) pairs with a mention of the
    entity in the passage's sentences, and in those and the sentence
    before; gold triples whose entities are both mentioned in one sentence."""
    spans = sentences(text)
    resolved = [m for m in mentions if m["entity"]]
    out = collections.Counter()
    for start, end, entities in passages:
        first = min(i for i, (a, b) in enumerate(spans) if b > start)
        last = max(i for i, (a, b) in enumerate(spans) if a < end)
        for e, lo in ((e, lo) for e in entities for lo in (first, max(first - 1, 0))):
            out["sentence" if lo == first else "previous"] += any(
                m["entity"] == e and m["span"][0] < spans[last][1] and m["span"][1] > spans[lo][0]
                for m in resolved)
    by_sentence = collections.defaultdict(set)
    for m in resolved:
        i = next(i for i, (a, b) in enumerate(spans) if m["span"][0] < b)
        by_sentence[i].add(m["entity"])
    for s, _, o in gold3:
        out["together"] += any(s in ents and (o == "event" or o in ents) for ents in by_sentence.values())
    return out


# A baseline for --bounds: every pair of entities mentioned in one sentence
# gets each predicate whose cue word the sentence holds (and operates_in for
# an organisation with "in" and a place or state after it). It shows what
# recall co-occurrence buys and at what precision.
CUES = {
    "hostile_to": r"\b(fight\w*|fought|against|enem\w+|foe\w*|rival\w*|wars?|attack\w*|threat\w*|"
                  r"clash\w*|offensive|battl\w+|counter\w*|target\w*|kill\w*|oppos\w+|hostil\w+|"
                  r"combat\w*|defeat\w*)\b",
    "allied_with": r"\b(all(y|ies|iance|ied)|partner\w*|cooperat\w+|collaborat\w+|linked|ties|"
                   r"aligned|friend\w*)\b",
    "supports": r"\b(support\w*|back(s|ed|ing|ers?)|aid\w*|help\w*|assist\w*|bolster\w*|"
                r"patron\w*|sponsor\w*|fund\w*|financ\w+|suppl\w+|weapons|arms|armed|protect\w*)\b",
    "shares_intelligence_with": r"\bintelligence\b",
    "negotiates_with": r"\b(talks?|talking|negotiat\w+|met|meet\w*|dialogue|contacts?)\b",
}


def cooccurrence(text, mentions):
    """The baseline's triples."""
    out = set()
    for start, end in sentences(text):
        inside = sorted((m for m in mentions if m["entity"] and start <= m["span"][0] < end),
                        key=lambda m: m["span"][0])
        sentence = text[start:end].lower()
        cued = [p for p, rx in CUES.items() if re.search(rx, sentence)]
        for i, a in enumerate(inside):
            for b in inside[i + 1:]:
                ka, kb = a["candidates"][0]["kind"], b["candidates"][0]["kind"]
                if a["entity"] == b["entity"]:
                    continue
                if "place" not in (ka, kb):
                    for p in cued:
                        for s, o in ((a["entity"], b["entity"]), (b["entity"], a["entity"])):
                            out.add((min(s, o), p, max(s, o)) if p in SYMMETRIC else (s, p, o))
                if (ka in ("organization", "government_body") and kb in ("place", "state")
                        and re.search(r"\b(in|inside|across|throughout)\b",
                                      text[a["span"][1]:b["span"][0]].lower())):
                    out.add((a["entity"], "operates_in", b["entity"]))
    return out


def ratio(a, b):
    return a / b if b else float("nan")


def run(vigil, args, **kw):
    return subprocess.run([vigil] + args, check=True, capture_output=True, text=True, **kw)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(REPO, "build", "release", "cli", "vigil"))
    parser.add_argument("--verbose", action="store_true", help="list misses and false proposals")
    parser.add_argument("--bounds", action="store_true",
                        help="also print what single-sentence reading can reach on this gold")
    args = parser.parse_args()
    data = load_data()
    sources = [s for doc in data.values() for s in doc.get("sources", []) or []
               if s.get("kind") == "article" and s.get("file")]
    totals = dict(mr_hit=0, mr_all=0, mp_hit=0, mp_all=0, ma_hit=0, amb=0, cr_hit=0, cr_all=0, cp_hit=0,
                  cp_all=0, sr_hit=0, sr_all=0, sp_hit=0, sp_all=0, kb_hit=0)
    known = kb_triples(data)
    times = []
    reach = collections.Counter()
    print(f"{'article':32} {'ment.R':>7} {'ment.P':>7} {'P.art':>6} {'amb':>4} {'claim.R':>8} {'claim.P':>8}"
          f" {'P.kb':>6} {'stance.R':>9} {'stance.P':>9} {'gold':>5} {'prop':>5} {'ms':>6}")
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
                       cp_all=len(got3), sr_hit=len(gold_triples & got), sp_hit=len(got & gold_triples),
                       kb_hit=len(got3 & (known | gold3)))
            row["sr_all"], row["sp_all"] = len(gold_triples), len(got)
            for k in totals:
                totals[k] += row[k]
            if args.bounds:
                with open(article, encoding="utf-8") as f:
                    text = f.read()
                reach += bounds(text, passages, gold3, mentions)
                baseline = got3 | cooccurrence(text, mentions)
                reach["base_hit"] += len(baseline & gold3)
                reach["base_all"] += len(baseline)
            print_row(sid, row, result["read_ms"])
    print_row("overall", totals, statistics.median(times))
    if args.bounds:
        print(f"bounds: mention recall over the passages' sentences "
              f"{ratio(reach['sentence'], totals['mr_all']):.3f}, with the sentence before "
              f"{ratio(reach['previous'], totals['mr_all']):.3f}; gold triples whose subject and "
              f"object are mentioned in one sentence {ratio(reach['together'], totals['cr_all']):.3f}; "
              f"the proposals and every cued pair of one sentence: claim recall "
              f"{ratio(reach['base_hit'], totals['cr_all']):.3f} at precision "
              f"{ratio(reach['base_hit'], reach['base_all']):.3f} ({reach['base_all']} triples)")
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
          f" {ratio(r['kb_hit'], r['cp_all']):6.3f}"
          f" {ratio(r['sr_hit'], r['sr_all']):9.3f} {ratio(r['sp_hit'], r['sp_all']):9.3f}"
          f" {r['cr_all']:5d} {r['cp_all']:5d} {ms:6.1f}")


if __name__ == "__main__":
    sys.exit(main())
