#!/usr/bin/python3
"""Single names across scripts (issue 15, part 3): how many Arabic-script
or Cyrillic spellings of a name vigil matches with its Latin spelling at the
default threshold, and how many it wrongly matches with another pair's Latin
spelling.

  bench/cross_script.py [--script arabic|cyrillic] [--vigil build/release/cli/vigil]
                        [--data ../shared/data] [--split held-out|development|all]
                        [--misses 20]

Arabic: Google's ar2en name list (../shared/data/translit, 15,898
Arabic-script names with their Latin spelling, mined from Wikipedia: mostly
European and other non-Arabic names written in Arabic letters, the hard
case). Cyrillic: bench/data/latin_cyrillic_names.tsv, 792 single names of
Chinese, Japanese, Korean, German, French, English, Italian, Spanish and
other origins with the spelling Russian gives them (Цзэдун / Zedong, Генрих /
Heinrich), compiled by the vigil developers from the conventional Russian
renderings; no Russian or other East Slavic names, which vigil's
romanisation already reads. Both are split once and for all by a hash of
the Latin spelling: a fifth is held out for measuring (the default split),
the rest is for developing rules. Every pair is compared with `vigil
compare --pairs` (kind any, the default threshold); then each non-Latin
spelling is compared with the Latin spelling of another pair of the same
split (shuffled with a fixed seed, skipping identical spellings) for the
false matches, and for Cyrillic also with another pair of the same origin
(names of one language look alike). Prints the match rate, the shuffled
false-match rates, the issue's targets beside them, the rate by the Latin
spelling's length (and by origin for Cyrillic), and a sample of the misses
with their scores.
"""
import argparse
import csv
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_MATCH = {"arabic": 0.85, "cyrillic": 0.92}
TARGET_SHUFFLED = 0.005


def split_of(latin):
    """held-out for a fifth of the Latin spellings, development for the rest."""
    return "held-out" if hashlib.sha1(latin.encode()).digest()[0] % 5 == 0 else "development"


def read_pairs(path, split):
    """(script spelling, Latin spelling, origin) rows of one split."""
    pairs, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) not in (2, 3) or not fields[0].strip() or not fields[1].strip():
                continue
            if fields[0] == "cyrillic":  # a header
                continue
            other, latin = fields[0].strip(), fields[1].strip()
            origin = fields[2].strip() if len(fields) == 3 else ""
            # Abbreviations ("a.") and one-letter spellings are not names.
            if len(latin.strip(".'")) < 2 or (other, latin) in seen:
                continue
            if split != "all" and split_of(latin) != split:
                continue
            seen.add((other, latin))
            pairs.append((other, latin, origin))
    return pairs


def shuffle_latin(pairs, rng):
    """Each pair's script spelling beside another pair's Latin spelling."""
    others = [latin for _, latin, _ in pairs]
    rng.shuffle(others)
    return [(other, wrong) for (other, latin, _), wrong in zip(pairs, others)
            if wrong.lower() != latin.lower()]


def compare(vigil, pairs, work, label):
    """vigil compare --pairs on (name_a, name_b) rows: each row's result."""
    source = os.path.join(work, f"{label}.csv")
    with open(source, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["name_a", "name_b"])
        out.writerows(pairs)
    done = subprocess.run([vigil, "compare", "--pairs", source], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"vigil compare --pairs {source}: exit {done.returncode}\n{done.stderr}")
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(results) != len(pairs):
        sys.exit(f"{label}: {len(pairs)} pairs sent, {len(results)} results")
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vigil", default=os.path.join(ROOT, "build", "release", "cli", "vigil"))
    parser.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    parser.add_argument("--split", default="held-out",
                        choices=["held-out", "development", "all"])
    parser.add_argument("--misses", type=int, default=20, help="misses to show")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--script", default="arabic", choices=["arabic", "cyrillic"])
    args = parser.parse_args()
    source = (os.path.join(args.data, "translit", "google-ar2en-names.tsv")
              if args.script == "arabic"
              else os.path.join(ROOT, "bench", "data", "latin_cyrillic_names.tsv"))
    pairs = read_pairs(source, args.split)
    rng = random.Random(args.seed)
    shuffled = shuffle_latin(pairs, rng)
    # Within one origin: another Chinese name for a Chinese one.
    same_origin = []
    for origin in sorted({o for _, _, o in pairs if o}):
        same_origin += shuffle_latin([p for p in pairs if p[2] == origin], rng)
    with tempfile.TemporaryDirectory(prefix="vigil-cross-script-") as work:
        same = compare(args.vigil, [(o, l) for o, l, _ in pairs], work, "pairs")
        wrong = compare(args.vigil, shuffled, work, "shuffled")
        wrong_origin = (compare(args.vigil, same_origin, work, "same-origin")
                        if same_origin else [])
    matched = sum(r["match"] for r in same)
    false = sum(r["match"] for r in wrong)
    rate, false_rate = matched / len(same), false / len(wrong)
    target = TARGET_MATCH[args.script]
    name = "ar2en" if args.script == "arabic" else "latin_cyrillic_names"
    print(f"Latin-{args.script.capitalize()} single names, {name} {args.split} split: "
          f"{len(same)} pairs, {len(wrong)} shuffled pairs, threshold {same[0]['threshold']}\n")
    print(f"{'measure':<28} {'value':>8} {'target':>8}")
    print(f"{'matched':<28} {rate:8.3f} {target:>8} "
          f"{'met' if rate >= target else 'not met'}")
    print(f"{'shuffled pairs matched':<28} {false_rate:8.2%} {TARGET_SHUFFLED:>8.1%} "
          f"{'met' if false_rate <= TARGET_SHUFFLED else 'not met'}")
    if wrong_origin:
        origin_rate = sum(r["match"] for r in wrong_origin) / len(wrong_origin)
        print(f"{'same-origin pairs matched':<28} {origin_rate:8.2%} "
              f"{'':>8} ({len(wrong_origin)} pairs)")
        by_origin = {}
        for (_, _, origin), r in zip(pairs, same):
            hit, total = by_origin.get(origin, (0, 0))
            by_origin[origin] = (hit + r["match"], total + 1)
        print("\nmatched by origin:")
        for origin, (hit, total) in sorted(by_origin.items(), key=lambda kv: -kv[1][1]):
            print(f"  {origin:<14} {hit / total:6.3f}  ({total} pairs)")
    by_length = {}
    for (_, latin, _), r in zip(pairs, same):
        bucket = "1-4" if len(latin) <= 4 else "5-7" if len(latin) <= 7 else "8+"
        hit, total = by_length.get(bucket, (0, 0))
        by_length[bucket] = (hit + r["match"], total + 1)
    print("\nmatched by the Latin spelling's length:")
    for bucket in ("1-4", "5-7", "8+"):
        if bucket in by_length:
            hit, total = by_length[bucket]
            print(f"  {bucket:<5} {hit / total:6.3f}  ({total} pairs)")
    misses = [(p, r) for p, r in zip(pairs, same) if not r["match"]]
    rng.shuffle(misses)
    if misses and args.misses:
        print(f"\na sample of {min(args.misses, len(misses))} misses (score, readings compared):")
        for (other, latin, _), r in misses[:args.misses]:
            read = " ".join(f"{p['query']}~{p['candidate']}:{p['method']}"
                            for p in r.get("explanation", {}).get("pairs", []))
            print(f"  {r['score']:.3f}  {other} / {latin}  {read}")
    falses = [(p, r) for p, r in zip(shuffled + same_origin, wrong + wrong_origin)
              if r["match"]]
    if falses:
        print(f"\nshuffled pairs matched ({len(falses)}):")
        for (other, latin), r in falses[:10]:
            print(f"  {r['score']:.3f}  {other} / {latin}")


if __name__ == "__main__":
    main()
