#!/usr/bin/python3
"""Screening at scale (issue 15): synthetic lists in the OFAC SDN CSV
format, built from the real SDN list's individuals' given and family names,
at sizes from 20,000 to 3,000,000 records; queries of listed names (one
typo, parts transposed, a part missing, parts reordered) and unlisted names
made of the same parts. Each list is loaded into a scratch store with
`vigil load`, the queries are screened with `vigil screen --input` (JSON
lines out), and a table reports per size and per query kind: recall@1 (a
record of the expected name is the top hit), any-hit recall, the
false-positive rate on unlisted names at the default threshold, queries
per second (with JSON lines output, every hit explained, and again with
CSV output, the top hit's columns), candidates per query, the snapshot's size, and the load's time
and peak memory.

    /usr/bin/python3 bench/scale_lists.py --sizes 100k,300k,1m \
        --json-out /tmp/scale.json
    /usr/bin/python3 bench/scale_lists.py --sizes 20k          # quick run

Deterministic for a seed: the same seed and size give the same list and
queries byte for byte. Timings (qps, load time) depend on the machine's
load; recall and false-positive rates do not. docs/performance.md,
"Screening at scale".
"""
import argparse
import collections
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Query kinds, in the table's order.
KINDS = ["typo", "transposed", "missing_part", "reordered", "added_part", "unlisted"]


def parse_size(text):
    text = text.strip().lower()
    mult = 1
    if text.endswith("k"):
        mult, text = 1000, text[:-1]
    elif text.endswith("m"):
        mult, text = 1000000, text[:-1]
    return int(float(text) * mult)


def size_label(n):
    if n % 1000000 == 0:
        return f"{n // 1000000}M"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


# ---------------------------------------------------------------------------
# Name parts of the real list

WORD = re.compile(r"^[A-Za-z][A-Za-z'\-]*[A-Za-z]$")
# Words of the real list's given names that are particles or pieces of a
# compound name split by spaces ("Abd Al Aziz"), not names of their own:
# drawn alone they make names no list holds ("Viktorovich Abdul").
PARTICLES = {"abd", "abdal", "abdel", "abdul", "abdol", "abu", "al", "el", "bin", "ibn", "ben",
             "bint", "binti", "ould", "ul", "ud", "uddin", "din", "deen", "ad", "ar", "as", "ash",
             "at", "az", "de", "del", "da", "dos", "das", "do", "di", "du", "la", "le", "van",
             "von", "der", "y", "e", "o", "haji", "hajji", "shaykh", "sheikh", "mullah", "mawlawi",
             "maulvi", "qari", "dr", "mr", "mrs", "il"}


def read_parts(sdn_csv):
    """The individuals of an OFAC SDN.CSV: family names (the text before
    the comma, kept whole: "AL RAHMAN"), given names (the words after it),
    each with its number of occurrences, and the distribution of the number
    of given names per record. Names with a character other than an ASCII
    letter, hyphen or apostrophe are left out, as are titles ending in a
    dot ("Dr.") and the particles of PARTICLES."""
    families = collections.Counter()
    givens = collections.Counter()
    given_counts = collections.Counter()
    with open(sdn_csv, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 3 or row[2].strip() != "individual" or "," not in row[1]:
                continue
            family, given = (s.strip() for s in row[1].split(",", 1))
            words = given.split()
            fam_words = family.split()
            if not words or not fam_words or not all(WORD.match(w) for w in fam_words):
                continue
            words = [w for w in words if WORD.match(w) and w.lower() not in PARTICLES]
            if not words:
                continue
            families[family.upper()] += 1
            for w in words:
                givens[w[0].upper() + w[1:].lower()] += 1
            given_counts[min(len(words), 4)] += 1
    return families, givens, given_counts


class Sampler:
    """Draws from a Counter in proportion to the counts (so common real
    names are common in the synthetic list too)."""

    def __init__(self, counter):
        self.items = sorted(counter)
        weights = [counter[k] for k in self.items]
        self.cum = []
        total = 0
        for w in weights:
            total += w
            self.cum.append(total)
        self.total = total

    def draw(self, rng):
        import bisect
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# ---------------------------------------------------------------------------
# Lists

def make_records(n, parts, namesake_share, rng):
    """n records (family, [given...]); namesake_share of them repeat the
    name of an earlier record (real lists hold many namesakes: KIM, RI,
    Muhammad ALI...)."""
    families, givens, given_counts = parts[:3]
    fam = Sampler(families)
    giv = Sampler(givens)
    counts = Sampler(given_counts)
    records = []
    for i in range(n):
        if records and rng.random() < namesake_share:
            records.append(records[rng.randrange(len(records))])
            continue
        k = counts.draw(rng)
        given = []
        while len(given) < k:
            g = giv.draw(rng)
            if g not in given:
                given.append(g)
        records.append((fam.draw(rng), tuple(given)))
    return records


def write_sdn_csv(path, records):
    """SDN.CSV's twelve columns, as OFAC writes them: ent_num, "FAMILY,
    Given Names", "individual", a program, and -0- for the empty fields."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        for i, (family, given) in enumerate(records, start=1):
            name = f"{family}, {' '.join(given)}"
            f.write(f'{i},"{name}","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n')


# ---------------------------------------------------------------------------
# Queries

def one_typo(word, rng):
    """A letter inserted, deleted, substituted or swapped with its
    neighbour, inside the word (never its first letter)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    upper = word.isupper()
    w = word.lower()
    positions = [i for i in range(1, len(w)) if w[i].isalpha()]
    if not positions:
        return None
    op = rng.randrange(4)
    i = rng.choice(positions)
    if op == 0:  # insert
        out = w[:i] + rng.choice(letters) + w[i:]
    elif op == 1 and len(w) > 3:  # delete
        out = w[:i] + w[i + 1:]
    elif op == 2:  # substitute
        c = rng.choice([c for c in letters if c != w[i]])
        out = w[:i] + c + w[i + 1:]
    else:  # transpose with the next letter
        if i + 1 >= len(w) or w[i] == w[i + 1] or not w[i + 1].isalpha():
            return None
        out = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    if out == w:
        return None
    return out.upper() if upper else out[0].upper() + out[1:]


def spelling_key(word):
    """A key shared by the spellings of one name that romanisation alone
    explains (Alexandrovich/Aleksandrovich, Yousuf/Yusuf, Viktor/Victor,
    Hasan/Hassan): lowercased, x read as ks, ph as f, ou as u, y as i, w as
    v, c (not in ch) and q as k, doubled letters once. Vowels stay, so that
    Boris and Barros, or Kirill and Carrillo, stay different names. The
    Arabic article joined by a hyphen or an apostrophe is left out
    (Al-Ahmad / Ahmad, el-Aziz / Aziz): the same name with or without it."""
    w = re.sub(r"^(al|el|ul)[-'’]+(?=[a-z])", "", word.lower())
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("x", "ks").replace("ph", "f").replace("ou", "u")
    w = w.replace("y", "i").replace("w", "v")
    w = re.sub(r"c(?!h)", "k", w).replace("q", "k")
    return re.sub(r"(.)\1+", r"\1", w)


# Russian, Ukrainian and Belarusian family names take a feminine form:
# Borisova is Borisov's wife or daughter, Ostrovskaya Ostrovsky's.
FEMININE = [("skaia", "ski"), ("tskaia", "tski"), ("ova", "ov"), ("eva", "ev"), ("ina", "in")]


def family_key(family):
    """A key shared by the spellings of one family name: each word's
    spelling_key, in its masculine form (BORISOVA / BORISOV, OSTROVSKIY /
    OSTROVSKY), the article standing alone left out (AL JASIM / JASIM)."""
    words = []
    for w in family.split():
        if w.lower() in ("al", "el"):
            continue
        k = spelling_key(w)
        for fem, masc in FEMININE:
            if k.endswith(fem) and len(k) > len(fem) + 1:
                k = k[: -len(fem)] + masc
                break
        words.append(k)
    return " ".join(words)


def read_given_variants(sdn_csv, alt_csv):
    """Given names that the OFAC list itself gives as spellings of one
    person's name: an individual's primary name and an alias with the same
    family name (by family_key) and as many given names pair them word by
    word (Mohammed / Muhammad, Abdallah / Abdullahi). Only pairs whose
    spelling keys start alike (with one letter, or both with a vowel:
    Umar / Omar, Yevgeniy / Evgeniy) are kept, so that an alias that is
    another name altogether (Eduardo for Jose) does not make two names one. A dict
    from spelling key to the spelling keys it pairs with, direct pairs only
    (no closure: Ahmad ~ Ahmed and Ahmed ~ Ahmet do not make Ahmad ~ Ahmet
    unless the list pairs them). Empty when the alias file is missing."""
    variants = collections.defaultdict(set)
    if not os.path.exists(alt_csv):
        return variants
    primary = {}
    with open(sdn_csv, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) >= 3 and row[2].strip() == "individual" and "," in row[1]:
                primary[row[0].strip()] = row[1]

    def givens_of(text):
        return [w for w in text.split() if WORD.match(w) and w.lower() not in PARTICLES]

    with open(alt_csv, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.reader(f):
            if len(row) < 4 or row[0].strip() not in primary or "," not in row[3]:
                continue
            fa, ga = (x.strip() for x in primary[row[0].strip()].split(",", 1))
            fb, gb = (x.strip() for x in row[3].split(",", 1))
            wa, wb = givens_of(ga), givens_of(gb)
            if family_key(fa) != family_key(fb) or len(wa) != len(wb):
                continue
            for x, y in zip(wa, wb):
                kx, ky = spelling_key(x), spelling_key(y)
                if kx and ky and kx != ky and (kx[0] == ky[0] or
                                               (kx[0] in "aeiou" and ky[0] in "aeiou")):
                    variants[kx].add(ky)
                    variants[ky].add(kx)
    return variants


def make_queries(records, parts, per_kind, rng):
    """Queries of listed names and unlisted ones; each with the set of
    record numbers (1-based, the ent_num) whose name it was made from
    (every namesake: any of them is a right answer)."""
    families, givens, _, _ = parts
    vocabulary = {w.lower() for f in families for w in f.split()} | {g.lower() for g in givens}
    by_name = collections.defaultdict(list)
    pairs = set()
    for i, (family, given) in enumerate(records, start=1):
        by_name[(family, given)].append(i)
        for g in given:
            pairs.add((family_key(family), spelling_key(g)))
    queries = []

    def add(kind, text, rec):
        queries.append({"id": f"{kind}-{len(queries)}", "kind": kind, "name": text,
                        "expected": by_name[rec] if rec else []})

    def natural(family, given):
        return " ".join(given) + " " + family

    n = len(records)
    # One typo in one part (a part of four letters or more, so that the
    # typo leaves a name a screener would still call the same), never
    # turning the part into another part of the real list.
    made = 0
    while made < per_kind:
        rec = records[rng.randrange(n)]
        family, given = rec
        words = list(given) + family.split()
        choices = [j for j, w in enumerate(words) if len(w) >= 4]
        if not choices:
            continue
        j = rng.choice(choices)
        typo = one_typo(words[j], rng)
        if typo is None or typo.lower() in vocabulary:
            continue
        words[j] = typo
        k = len(given)
        add("typo", " ".join(words[:k]) + " " + " ".join(words[k:]), rec)
        made += 1
    # Family name first, without the comma ("ALI Muhammad" for "Muhammad ALI").
    for _ in range(per_kind):
        rec = records[rng.randrange(n)]
        add("transposed", rec[0] + " " + " ".join(rec[1]), rec)
    # A given name left out (records with two given names or more).
    made = 0
    while made < per_kind:
        rec = records[rng.randrange(n)]
        family, given = rec
        if len(given) < 2:
            continue
        drop = rng.randrange(len(given))
        add("missing_part", natural(family, given[:drop] + given[drop + 1:]), rec)
        made += 1
    # Every part shuffled (records of three parts or more).
    made = 0
    while made < per_kind:
        rec = records[rng.randrange(n)]
        family, given = rec
        words = list(given) + [family]
        if len(words) < 3:
            continue
        original = list(words)
        for _ in range(10):
            rng.shuffle(words)
            if words != original and words[-1] != family:
                break
        if words == original:
            continue
        add("reordered", " ".join(words), rec)
        made += 1
    # Unlisted: a family name and two given names such that no listed
    # record has that family name together with either given name, in any
    # spelling (spelling_key: "Juan Alexandrovich GAZARYAN" is not unlisted
    # beside "GAZARYAN, Aleksandrovich"; family_key: nor is "Sergey
    # BORISOVA" beside "BORISOV, Sergey"), nor in a spelling that the OFAC
    # list gives for one person ("Mohammad Luis ZAPATA GARZON" is not
    # unlisted beside "ZAPATA GARZON, Mohamed").
    variants = parts[3]

    def listed_with(fam, given):
        key = spelling_key(given)
        return any((fam, k) in pairs for k in {key} | variants.get(key, set()))

    fam = Sampler(families)
    giv = Sampler(givens)
    made = 0
    while made < per_kind:
        family = fam.draw(rng)
        g1, g2 = giv.draw(rng), giv.draw(rng)
        fk = family_key(family)
        if g1 == g2 or listed_with(fk, g1) or listed_with(fk, g2):
            continue
        add("unlisted", f"{g1} {g2} {family}", None)
        made += 1
    # A listed name with a given name the list does not give it ("Umar
    # Gustavo SKOCH" for "SKOCH, Umar"): the passport holds a middle name
    # the designation omits. Not one of the kinds; it shows what
    # weighing an added part against a hit on a dense list costs. Drawn
    # from its own generator so that the other kinds stay as they were.
    extra = random.Random(rng.random())
    made = 0
    while made < per_kind:
        rec = records[extra.randrange(n)]
        family, given = rec
        g = giv.draw(extra)
        if spelling_key(g) in {spelling_key(x) for x in given}:
            continue
        add("added_part", natural(family, list(given) + [g]), rec)
        made += 1
    return queries


# ---------------------------------------------------------------------------
# Running vigil

def run_timed(cmd):
    """Runs cmd under /usr/bin/time -v: (wall seconds, peak RSS in MB,
    completed process)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        start = time.monotonic()
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name] + cmd,
                              capture_output=True, text=True)
        wall = time.monotonic() - start
        rss = 0.0
        for line in tf.read().splitlines():
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1]) / 1024.0
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return wall, rss, proc


def parts_of(listed_name):
    """The words of "FAMILY, Given Names", lowercased, sorted."""
    return sorted(listed_name.replace(",", " ").lower().split())


def top_is_as_good(query, hits, refs, expected):
    """Whether a top hit that is not the expected record is still a right
    first answer: it scores the same as the expected record (ties are
    ranked by record key), or its name is the query itself, part for part
    (a query with a part left out names a listed namesake exactly)."""
    for h, r in zip(hits, refs):
        if r & expected:
            if h["score"] >= hits[0]["score"] - 1e-9:
                return True
            break
    return parts_of(hits[0]["name"]) == parts_of(query["name"])


def evaluate(queries, out_path):
    rows = {}
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows[row["id"]] = row
    stats = {k: collections.Counter() for k in KINDS}
    cands = {k: [] for k in KINDS}
    misses = []
    for q in queries:
        row = rows.get(q["id"])
        s = stats[q["kind"]]
        s["n"] += 1
        if row is None:
            s["skipped"] += 1
            continue
        cands[q["kind"]].append(row.get("candidates", 0))
        hits = row.get("hits", [])
        refs = [set(h.get("references", [])) for h in hits]
        if q["kind"] == "unlisted":
            if hits:
                s["fp"] += 1
                misses.append({"kind": "unlisted", "name": q["name"], "top": hits[0]["name"],
                               "score": hits[0]["score"], "candidates": row.get("candidates")})
            continue
        expected = {str(e) for e in q["expected"]}
        if refs and (refs[0] & expected or top_is_as_good(q, hits, refs, expected)):
            s["top1"] += 1
        if any(r & expected for r in refs):
            s["any"] += 1
        else:
            misses.append({"kind": q["kind"], "name": q["name"], "expected": q["expected"][:3],
                           "top": hits[0]["name"] if hits else None,
                           "score": hits[0]["score"] if hits else None,
                           "candidates": row.get("candidates")})
    result = {}
    for k in KINDS:
        s = stats[k]
        n = s["n"] - s["skipped"]
        c = sorted(cands[k])
        entry = {"queries": s["n"], "skipped": s["skipped"],
                 "candidates_mean": sum(c) / len(c) if c else 0.0,
                 "candidates_p99": c[min(len(c) - 1, int(len(c) * 0.99))] if c else 0}
        if k == "unlisted":
            entry["false_positive_rate"] = s["fp"] / n if n else 0.0
        else:
            entry["recall_at_1"] = s["top1"] / n if n else 0.0
            entry["recall_any"] = s["any"] / n if n else 0.0
        result[k] = entry
    return result, misses


def run_size(n, args, parts, work):
    rng = random.Random(f"{args.seed}-{n}")
    label = size_label(n)
    records = make_records(n, parts, args.namesake_share, rng)
    queries = make_queries(records, parts, args.queries, rng)
    distinct = len(set(records))
    d = os.path.join(work, label)
    os.makedirs(d, exist_ok=True)
    sdn = os.path.join(d, "sdn.csv")
    write_sdn_csv(sdn, records)
    del records
    qpath = os.path.join(d, "queries.jsonl")
    with open(qpath, "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps({"id": q["id"], "name": q["name"]}) + "\n")
    with open(os.path.join(d, "queries-expected.jsonl"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write(json.dumps(q) + "\n")
    db = os.path.join(d, "vigil.db")
    if args.reuse and os.path.exists(db):
        # The store a previous run loaded from this very list (same seed and
        # size): only the screening is measured again.
        print(f"[{label}] reusing {db}", file=sys.stderr)
        load_s = load_mb = None
    else:
        for p in (db, db + ".screening"):
            if os.path.exists(p):
                os.remove(p)
        print(f"[{label}] loading {n} records ({distinct} distinct names)", file=sys.stderr)
        load_s, load_mb, _ = run_timed([args.vigil, "load", sdn, "--dataset", "ofac-sdn",
                                        "--db", db])
    # The first screening builds the watch list (or reads the snapshot the
    # load wrote); time it apart from the batch.
    prep_s, prep_mb, _ = run_timed([args.vigil, "screen", "Nobody Inparticular", "--db", db, "--json"])
    snapshot = db + ".screening"
    snap_mb = os.path.getsize(snapshot) / 1e6 if os.path.exists(snapshot) else None
    out = os.path.join(d, "out.jsonl")
    print(f"[{label}] screening {len(queries)} queries", file=sys.stderr)
    cmd = [args.vigil, "screen", "--input", qpath, "--output", out, "--db", db, "--json"]
    if args.threads:
        cmd += ["--threads", str(args.threads)]
    screen_s, screen_mb, proc = run_timed(cmd)
    summary = json.loads(proc.stdout)
    # The same queries again with CSV output (the top hit's columns, as a
    # batch screening of a customer file writes it): the throughput a user
    # sees without every hit's explanation.
    csv_out = os.path.join(d, "out.csv")
    csv_cmd = [a if a != out else csv_out for a in cmd]
    _, _, csv_proc = run_timed(csv_cmd)
    csv_summary = json.loads(csv_proc.stdout)
    kinds, misses = evaluate(queries, out)
    with open(os.path.join(d, "misses.jsonl"), "w", encoding="utf-8") as f:
        for m in misses:
            f.write(json.dumps(m) + "\n")
    result = {
        "records": n, "distinct_names": distinct, "load_seconds": load_s, "load_peak_mb": load_mb,
        "first_screen_seconds": prep_s, "first_screen_peak_mb": prep_mb,
        "snapshot_mb": snap_mb, "db_mb": os.path.getsize(db) / 1e6,
        "batch_seconds": summary.get("seconds"), "queries_per_second": summary.get("rows_per_second"),
        "queries_per_second_csv": csv_summary.get("rows_per_second"),
        "screen_peak_mb": screen_mb, "threads": summary.get("threads"), "kinds": kinds,
        "workdir": d,
    }
    if not args.keep:
        for p in (sdn, db, db + ".screening", out):
            if os.path.exists(p):
                os.remove(p)
    return result


def print_table(results):
    print(f"{'size':>6} {'kind':<13} {'n':>5} {'recall@1':>8} {'any-hit':>8} {'FP rate':>8} "
          f"{'cand/q':>8} {'cand p99':>8}")
    for r in results:
        for k in KINDS:
            e = r["kinds"][k]
            r1 = f"{e['recall_at_1']:.3f}" if "recall_at_1" in e else ""
            ra = f"{e['recall_any']:.3f}" if "recall_any" in e else ""
            fp = f"{e['false_positive_rate']:.3f}" if "false_positive_rate" in e else ""
            print(f"{size_label(r['records']):>6} {k:<13} {e['queries']:>5} {r1:>8} {ra:>8} {fp:>8} "
                  f"{e['candidates_mean']:>8.0f} {e['candidates_p99']:>8}")
    print()
    print(f"{'size':>6} {'names':>9} {'load s':>7} {'load MB':>8} {'1st scr s':>9} {'snap MB':>8} "
          f"{'qps':>7} {'qps csv':>7} {'scr MB':>7}")
    for r in results:
        snap = f"{r['snapshot_mb']:.0f}" if r["snapshot_mb"] is not None else "-"
        load_s = f"{r['load_seconds']:.1f}" if r["load_seconds"] is not None else "-"
        load_mb = f"{r['load_peak_mb']:.0f}" if r["load_peak_mb"] is not None else "-"
        print(f"{size_label(r['records']):>6} {r['distinct_names']:>9} {load_s:>7} "
              f"{load_mb:>8} {r['first_screen_seconds']:>9.1f} {snap:>8} "
              f"{r['queries_per_second'] or 0:>7.0f} {r.get('queries_per_second_csv') or 0:>7.0f} "
              f"{r['screen_peak_mb']:>7.0f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100k,300k,1m",
                    help="list sizes in records, comma-separated (20k, 100k, 300k, 1m, 3m)")
    ap.add_argument("--queries", type=int, default=10000,
                    help="queries per kind and size (10,000 unlisted names put the false-positive "
                         "rate within about 0.1 point)")
    ap.add_argument("--seed", default="15")
    ap.add_argument("--namesake-share", type=float, default=0.05,
                    help="share of records that repeat an earlier record's name")
    ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "data"),
                    help="the shared data folder (holds ofac/sdn-2024-05-03.csv)")
    ap.add_argument("--vigil", default=os.path.join(REPO, "build", "release", "cli", "vigil"))
    ap.add_argument("--workdir", default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep lists, stores and outputs")
    ap.add_argument("--reuse", action="store_true",
                    help="with --workdir: screen the stores a previous --keep run loaded "
                         "instead of loading again (load figures are then left out)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--json-out", default=None, help="write the results as JSON here")
    args = ap.parse_args()
    sdn = os.path.join(args.data, "ofac", "sdn-2024-05-03.csv")
    variants = read_given_variants(sdn, os.path.join(args.data, "ofac", "alt-2025-12.csv"))
    parts = read_parts(sdn) + (variants,)
    print(f"name parts: {len(parts[0])} family names, {len(parts[1])} given names, "
          f"{len(variants)} given names with a spelling the list pairs them with",
          file=sys.stderr)
    work = args.workdir or tempfile.mkdtemp(prefix="vigil-scale-")
    results = []
    for size in args.sizes.split(","):
        results.append(run_size(parse_size(size), args, parts, work))
        if args.json_out:
            with open(args.json_out, "w") as f:
                json.dump({"seed": args.seed, "namesake_share": args.namesake_share,
                           "queries_per_kind": args.queries, "results": results}, f, indent=1)
    print_table(results)
    if not args.workdir and not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
