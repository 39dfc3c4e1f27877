"""Perturbed names of the listed records, for the batch benchmarks
(bench/batch_pipeline.py, bench/python_screen.py, bench/dask_screen.py): listed names changed as
a clerk or a foreign spelling would (a letter dropped, doubled or swapped
with its neighbour, words reordered, case changed, accents removed), mixed
with made-up names that should not hit.
"""
import csv
import sqlite3
import unicodedata

FIRST = ["Amina", "Bilal", "Carlos", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Ines",
         "Jamal", "Kateryna", "Luis", "Mariam", "Nikolai", "Olga", "Pedro", "Rania", "Sergei",
         "Tariq", "Ulla", "Victor", "Wen", "Yusuf", "Zainab"]
LAST = ["Abernathy", "Brennan", "Castellano", "Dubois", "Eriksen", "Fitzgerald", "Gonzaga",
        "Halvorsen", "Ivanenko", "Jablonski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura",
        "Oyelaran", "Pettersen", "Quintero", "Rasmussen", "Stavros", "Thorvald", "Uchenna",
        "Vasquez", "Whitcombe", "Yamaguchi"]


def listed_names(db):
    """Primary names and aliases of designated records, as the store holds
    them (six characters or more)."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT n.text FROM names n JOIN entities e ON e.id = n.entity_id "
        "WHERE EXISTS (SELECT 1 FROM designations g WHERE g.entity_id = e.id) "
        "AND n.kind IN ('primary', 'alias') ORDER BY e.id, n.position").fetchall()
    con.close()
    return [text for (text,) in rows if len(text) >= 6]


def strip_accents(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def perturb(name, rng):
    """One or two of the variations a real list of payees shows."""
    for _ in range(rng.choice((1, 1, 2))):
        op = rng.randrange(6)
        words = name.split()
        letters = [i for i, ch in enumerate(name) if ch.isalpha()]
        if op == 0 and len(letters) > 6:  # a letter dropped
            i = rng.choice(letters[1:])
            name = name[:i] + name[i + 1:]
        elif op == 1 and letters:  # a letter doubled
            i = rng.choice(letters)
            name = name[:i] + name[i] + name[i:]
        elif op == 2 and len(letters) > 3:  # neighbours swapped
            i = rng.choice(letters[1:-1])
            if i + 1 < len(name):
                name = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        elif op == 3 and len(words) > 1:  # words reordered
            rng.shuffle(words)
            name = " ".join(words)
        elif op == 4:  # case
            name = name.lower() if rng.random() < 0.5 else name.upper()
        else:
            name = strip_accents(name)
    return name


def perturbed_names(listed, rows, hit_share, rng):
    """rows names: hit_share of them perturbed listed names, the rest
    made-up names."""
    out = []
    for _ in range(rows):
        if rng.random() < hit_share:
            out.append(perturb(rng.choice(listed), rng))
        else:
            out.append(f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}")
    return out


def write_names_csv(path, names):
    """names as a CSV file with one column, "name"."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name"])
        writer.writerows([n] for n in names)
