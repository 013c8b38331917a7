#!/usr/bin/env python3
"""Checks the dev set's gold files mechanically (standard library only).

    python3 crates/ingest/tests/dev/check.py [--dir FOLDER] [NAME ...]

For every NAME.tsv beside this script (or the ones named): the text NAME.txt exists; every
non-comment line has four tab-separated fields; `kind` and `mention` are valid; each surface is
found as a whole word after the end of the previous mention, with the same search rule as
`tests/quality.rs` (`find_word`). It also warns (without failing) where a surface that is
annotated somewhere in the file occurs again, as a whole word, without an annotation, so
forgotten repeats are easy to spot; `# unannotated: WORD` in a .tsv silences that warning for
WORD when leaving it out was deliberate. `--dir` checks another folder of the same shape
(`crates/ingest/tests/heldout`). Exit status 1 if any error was found.
"""

import sys
from pathlib import Path

KINDS = {"person", "country", "place", "organization", "event"}
MENTIONS = {"name", "demonym"}
HERE = Path(__file__).resolve().parent


def is_boundary(c):
    """Same as quality.rs: no char, or not alphanumeric, or a circled letter/number."""
    return c is None or not c.isalnum() or "\u2460" <= c <= "\u24ff"


def find_word(text, surface, start):
    """Char offset of `surface` as a whole word in `text` at or after `start`, or None."""
    at = start
    while True:
        pos = text.find(surface, at)
        if pos < 0:
            return None
        end = pos + len(surface)
        before = text[pos - 1] if pos > 0 else None
        after = text[end] if end < len(text) else None
        if is_boundary(before) and is_boundary(after):
            return pos
        at = end


def decode(raw):
    """The text as the corpus reader sees it: UTF-8, a BOM dropped, line ends as \\n."""
    text = raw.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check(tsv):
    errors, warnings = [], []
    txt = tsv.with_suffix(".txt")
    if not txt.exists():
        return [f"{tsv.name}: no {txt.name}"], []
    text = decode(txt.read_bytes())
    at = 0
    spans = []
    silenced = set()
    for n, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# unannotated:"):
            silenced.add(line.split(":", 1)[1].strip())
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        where = f"{tsv.name}:{n}"
        if len(cols) != 4:
            errors.append(f"{where}: {len(cols)} fields, not 4: {line!r}")
            continue
        surface, entity, kind, mention = cols
        if not surface or not entity:
            errors.append(f"{where}: empty surface or entity")
        if surface != surface.strip() or entity != entity.strip():
            errors.append(f"{where}: surrounding whitespace in {surface!r} / {entity!r}")
        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} not one of {sorted(KINDS)}")
        if mention not in MENTIONS:
            errors.append(f"{where}: mention {mention!r} not one of {sorted(MENTIONS)}")
        pos = find_word(text, surface, at)
        if pos is None:
            before = find_word(text, surface, 0)
            hint = f" (it occurs earlier, at char {before})" if before is not None else ""
            errors.append(f"{where}: {surface!r} not found after char {at}{hint}")
            continue
        at = pos + len(surface)
        spans.append((pos, at, surface))
    covered = [(s, e) for s, e, _ in spans]
    for surface in sorted({s for _, _, s in spans} - silenced):
        pos = find_word(text, surface, 0)
        while pos is not None:
            end = pos + len(surface)
            if not any(s <= pos and end <= e for s, e in covered):
                line = text.count("\n", 0, pos) + 1
                warnings.append(f"{tsv.name}: {surface!r} at {txt.name} line {line} is not annotated")
            pos = find_word(text, surface, end)
    return errors, warnings


def main(args):
    global HERE
    if args[:1] == ["--dir"] and len(args) >= 2:
        HERE = Path(args[1]).resolve()
        args = args[2:]
    tsvs = [HERE / f"{a}.tsv" for a in args] if args else sorted(HERE.glob("*.tsv"))
    tsvs = [t for t in tsvs if t.name != "SOURCES.tsv"]
    texts = sorted(p.stem for p in HERE.glob("*.txt"))
    all_errors, all_warnings = [], []
    for stem in texts:
        if not args and not (HERE / f"{stem}.tsv").exists():
            all_errors.append(f"{stem}.txt: no {stem}.tsv")
    for tsv in tsvs:
        e, w = check(tsv)
        all_errors += e
        all_warnings += w
    for w in all_warnings:
        print("warning:", w)
    for e in all_errors:
        print("error:", e)
    print(f"{len(tsvs)} gold files, {len(all_errors)} errors, {len(all_warnings)} warnings")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
