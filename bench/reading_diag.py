#!/usr/bin/env python3
"""Where `vigil read` loses mentions and claims on the seed articles.

Runs the same leave-one-article-out reading as reading_eval.py and lists,
per article, every missed and every spurious mention and claim triple with
the passage it concerns, grouped by a rough cause:

* missed mention: "name in passage" (a name of the entity, folded, occurs in
  the passage, yet no mention of the entity was made: a matcher or
  confirmation problem), "ambiguous" (a mention with the entity among its
  candidates), "not named" (no name of the entity in the passage: pronoun,
  description, demonym or inference);
* extra mention: "named, not in fact" (the passage names the entity, but its
  curated fact does not), or "wrong entity" otherwise;
* missed claim: "one sentence" (both entities mentioned in one sentence of a
  curated passage) or "not in one sentence";
* false proposal: with its rule and sentence.

Run by hand: bench/reading_diag.py [--vigil build/release/cli/vigil] [--article ID]
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reading_eval as ev  # noqa: E402


def fold(text):
    text = unicodedata.normalize("NFD", text.casefold())
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    return " " + re.sub(r"[^\w]+|_", " ", text).strip() + " "


def names_of(data):
    out = collections.defaultdict(list)
    for doc in data.values():
        for e in doc.get("entities", []) or []:
            for n in e.get("names", []) or []:
                out[e["id"]].append(n["text"])
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ev.REPO, "build", "release", "cli", "vigil"))
    parser.add_argument("--article", default="")
    args = parser.parse_args()
    data = ev.load_data()
    names = names_of(data)
    sources = [s for doc in data.values() for s in doc.get("sources", []) or []
               if s.get("kind") == "article" and s.get("file")]
    causes = collections.Counter()
    by_via = collections.defaultdict(lambda: [0, 0])  # how named -> [right, all] (strict)
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            sid = source["id"]
            if args.article and args.article != sid:
                continue
            folder = os.path.join(tmp, sid)
            os.makedirs(folder)
            for name, doc in ev.strip_source(data, sid).items():
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
            db = os.path.join(tmp, sid + ".db")
            ev.run(args.vigil, ["load", folder, "--texts", ev.SEEDS, "--db", db])
            path = os.path.join(ev.SEEDS, source["file"])
            text = open(path, encoding="utf-8").read()
            published = str(source.get("date", "")).lstrip("~")
            out = ev.run(args.vigil, ["read", path, "--published", published, "--json", "--db", db])
            result = json.loads(out.stdout)
            passages, gold_triples = ev.gold(data, sid)
            mentions = result["mentions"]
            print(f"=== {sid}")
            for start, end, entities in passages:
                passage = text[start:end]
                for e in sorted(entities):
                    inside = [m for m in mentions if m["span"][0] < end and m["span"][1] > start]
                    if any(m["entity"] == e for m in inside):
                        continue
                    if any(e in m.get("candidates", []) and m["entity"] is None for m in inside):
                        cause = "ambiguous"
                    elif any(fold(n) in fold(passage) for n in names[e]):
                        cause = "name in passage"
                    else:
                        cause = "not named"
                    causes["miss mention: " + cause] += 1
                    print(f"  miss [{cause}] {e} ({'; '.join(names[e][:3])}) in: {passage[:160]!r}")
            for m in mentions:
                around = [(s, en, ents) for s, en, ents in passages
                          if m["span"][0] < en and m["span"][1] > s]
                if not around or m["entity"] is None:
                    continue
                kind = m.get("via", "name") + (" nested" if m.get("nested") else "")
                if m.get("via") == "coreference":
                    kind += " " + m["text"].split()[-1].lower()
                by_via[kind][1] += 1
                if any(m["entity"] in ents for _, _, ents in around):
                    by_via[kind][0] += 1
                    continue
                cause = "not in fact, " + m.get("via", "name") + (" nested" if m.get("nested") else "")
                causes["extra mention: " + cause] += 1
                s, en, _ = around[0]
                print(f"  extra [{cause}] {m['text']!r} -> {m['entity']} ({m.get('reason', '')}) in: "
                      f"{text[s:en][:120]!r}")
            got = {}
            for p in result["proposals"]:
                for t in ev.proposed({"proposals": [p]}):
                    got.setdefault(t[:3], p)
            gold3 = {t[:3] for t in gold_triples}
            for t in sorted(set(got) - gold3, key=str):
                p = got[t]
                causes["false proposal"] += 1
                print(f"  false {t} rule {p['rule']}: {text[p['span'][0]:p['span'][1]][:200]!r}")
            # Sentences roughly (the JSON does not list them): stops, line breaks.
            sentences, at = [], 0
            for mm in re.finditer(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])|\n+", text):
                sentences.append((at, mm.start()))
                at = mm.end()
            sentences.append((at, len(text)))
            for t in sorted(gold3 - set(got), key=str):
                where = "not in one sentence"
                for s0, s1 in sentences:
                    ents = {m["entity"] for m in mentions if s0 <= m["span"][0] < s1}
                    if t[0] in ents and (t[2] in ents or t[2] == "event"):
                        where = "one sentence"
                        text_s = text[s0:s1]
                        break
                causes["missed claim: " + where] += 1
                print(f"  missed [{where}] {t}" + (f": {text_s[:220]!r}" if where == "one sentence" else ""))
    print("=== mentions inside curated passages by how they name: right (strict) / all")
    for kind, (right, total) in sorted(by_via.items()):
        print(f"{right:5d} / {total:5d} {kind}")
    print("=== causes")
    for cause, n in causes.most_common():
        print(f"{n:5d} {cause}")


if __name__ == "__main__":
    sys.exit(main())
