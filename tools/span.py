#!/usr/bin/env python3
"""Authoring aid for the curated dataset: turns a fragment of a source text
into the span and digest that a claim records, so the fragment itself never
has to be written into the repository.

usage: tools/span.py TEXT_FILE "exact fragment" [--nth N]
prints: span: [START, END]  digest: XXXXXXXX   (code-point offsets, end exclusive)
"""
import hashlib
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, fragment = argv[1], argv[2]
    nth = int(argv[argv.index("--nth") + 1]) if "--nth" in argv else 1
    text = open(path, encoding="utf-8").read()
    start = -1
    for _ in range(nth):
        start = text.find(fragment, start + 1)
        if start < 0:
            print(f"{path}: fragment not found (occurrence {nth})", file=sys.stderr)
            return 1
    end = start + len(fragment)
    digest = hashlib.sha256(text[start:end].encode("utf-8")).hexdigest()[:8]
    print(f"span: [{start}, {end}]  digest: {digest}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
