#!/usr/bin/env python3
"""Per-field conformance of newsalert's feed parser against gofeed's translator cases.

Usage: python3 Benchmarks/FeedBench/conformance.py ../shared/corpora [--build-dir .build/release] [--verbose]

Runs `FeedBench dump --no-base` over gofeed/testdata/translator/{rss,atom,json}, maps gofeed's
normalized fields onto newsalert's Story and compares field by field. Only fields present in
gofeed's expectation are scored. Printed: pass rate per field, overall, and the failures.

Deliberate differences (newsalert's semantics, not scored as failures):
- dates: compared as instants (newsalert always normalizes to UTC; gofeed keeps the offset).
- content/description: newsalert stores plain text (`text`, `summary`) plus sanitized HTML;
  gofeed keeps the raw HTML. Both sides are reduced to whitespace-normalized plain text.
- RSS dc:date: gofeed copies it into both published and updated; newsalert reads it as the
  publication date only (an item's update date is what the feed says it is). Cases where
  gofeed's `updated` comes solely from dc:date are skipped for `updated`.
- authors: newsalert keeps the person's name (the e-mail only when no name is given);
  gofeed's {name, email} pairs are compared by name, falling back to email.
- guid: compared only where the feed gives one; otherwise newsalert synthesizes
  "urn:newsalert:<hash of the canonical URL>" (gofeed leaves it empty).
- content: newsalert's `text` is the fullest body (content, else description); gofeed's
  `content` only the content element. Scored only where gofeed has content.
- categories: compared as sets (newsalert lists RSS categories, then dc:subject, atom:category,
  itunes:keywords; order carries no meaning).
- several <link> elements in one RSS item/channel: RSS 2.0 has exactly one `<link>` whose text
  is the URL; newsalert takes the first one's text. gofeed lets a later `<link href=…>` (an
  Atom-style attribute on a non-Atom element) win. Listed in DELIBERATE, reported separately.
"""
import html
import html.parser
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timezone


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, d):
        self.parts.append(d)

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def plain(s):
    if s is None:
        return ""
    p = _Text()
    p.feed(s)
    p.close()
    return norm("".join(p.parts))


def norm(s):
    return re.sub(r"\s+", " ", html.unescape(s or "")).strip()


def instant(s):
    if not s:
        return None
    s = s.replace("Z", "+00:00")
    m = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", s)
    if m:
        frac = (m.group(2) or "")[:7].ljust(7, "0") if m.group(2) else ""
        s = m.group(1) + frac + m.group(3)
    try:
        d = datetime.fromisoformat(s)
    except ValueError:
        return s
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone(timezone.utc).replace(microsecond=d.microsecond // 1000 * 1000)


DELIBERATE = {
    ("link", "feed_item_links_-_rss_channel_item_links.xml"): "first RSS <link> text wins over a later <link href>",
    ("feed link", "feed_links_-_rdf_channel_links.xml"): "first RSS <link> text wins over a later <link href>",
    ("feed link", "feed_links_-_rss_channel_links.xml"): "first RSS <link> text wins over a later <link href>",
}


def person(a):
    return norm(a.get("name") or a.get("email") or "")


def cases(root):
    base = os.path.join(root, "gofeed", "testdata", "translator")
    for kind in ("rss", "atom", "json"):
        d = os.path.join(base, kind)
        for f in sorted(os.listdir(d)):
            if kind == "json":
                if f.endswith("_expected.json"):
                    continue
                src, exp = os.path.join(d, f), os.path.join(d, f[:-5] + "_expected.json")
            else:
                if not f.endswith(".xml"):
                    continue
                src, exp = os.path.join(d, f), os.path.join(d, f[:-4] + ".json")
            if os.path.exists(exp):
                yield kind, src, exp


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    root = args[0]
    build = args[args.index("--build-dir") + 1] if "--build-dir" in args else ".build/debug"
    verbose = "--verbose" in args
    all_cases = list(cases(root))
    out = subprocess.run([os.path.join(build, "FeedBench"), "dump", "--no-base"] + [c[1] for c in all_cases],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    ours = {}
    for line in out:
        o = json.loads(line)
        ours[o["input"]] = o
    score = defaultdict(lambda: [0, 0])
    failures = []

    deliberate = []

    def check(field, case, expected, got):
        reason = DELIBERATE.get((field, os.path.basename(case)))
        if reason and expected != got:
            deliberate.append((field, os.path.basename(case), reason))
            return
        score[field][1] += 1
        if expected == got:
            score[field][0] += 1
        else:
            failures.append((field, os.path.basename(case), expected, got))

    for kind, src, exp in all_cases:
        e = json.load(open(exp))
        o = ours.get(src, {})
        if "error" in o:
            failures.append(("parse", os.path.basename(src), "", o["error"]))
            continue
        if e.get("title"):
            check("feed title", src, norm(e["title"]), o["feed"]["title"])
        if e.get("link"):
            check("feed link", src, e["link"], o["feed"]["link"])
        if e.get("language"):
            check("feed language", src, e["language"], o["feed"]["language"])
        xml = open(src, encoding="utf-8", errors="replace").read()
        for i, ei in enumerate(e.get("items") or []):
            si = o["stories"][i] if i < len(o["stories"]) else {}
            if ei.get("title"):
                check("title", src, plain(ei["title"]), si.get("title"))
            if ei.get("link"):
                check("link", src, ei["link"], si.get("url"))
            if ei.get("authors"):
                check("authors", src, [person(a) for a in ei["authors"]], si.get("authors"))
            if ei.get("publishedParsed"):
                check("dates", src, instant(ei["publishedParsed"]), instant(si.get("published")))
            if ei.get("updatedParsed") and not ("dc:date" in xml and "updated" not in xml.lower().replace("updatedparsed", "")):
                check("dates", src, instant(ei["updatedParsed"]), instant(si.get("updated")))
            if ei.get("guid"):
                check("guid", src, ei["guid"].strip(), si.get("guid"))
            if ei.get("categories"):
                check("categories", src, sorted(norm(c) for c in ei["categories"]), sorted(si.get("categories") or []))
            if ei.get("content"):
                check("content", src, plain(ei["content"]), norm(si.get("text")))
            if ei.get("description"):
                check("description", src, plain(ei["description"]), norm(si.get("summary")))

    print(f"gofeed translator conformance: {len(all_cases)} cases")
    print(f"{'field':<16}{'pass':>6}{'total':>7}{'rate':>9}")
    tp = tt = 0
    for field in ["title", "link", "authors", "dates", "guid", "categories", "content", "description",
                  "feed title", "feed link", "feed language"]:
        p, t = score[field]
        tp, tt = tp + p, tt + t
        if t:
            print(f"{field:<16}{p:>6}{t:>7}{100.0 * p / t:>8.1f}%")
    print(f"{'all':<16}{tp:>6}{tt:>7}{100.0 * tp / max(tt, 1):>8.1f}%")
    if deliberate:
        print(f"\n{len(deliberate)} deliberate differences (not scored):")
        for field, case, reason in deliberate:
            print(f"  {field:<12} {case}: {reason}")
    if failures:
        print(f"\n{len(failures)} differences:")
        for f in failures if verbose else failures[:40]:
            print(f"  {f[0]:<12} {f[1]}\n      expected {f[2]!r}\n      got      {f[3]!r}")


if __name__ == "__main__":
    main()
