#!/usr/bin/env python3
"""Builds the labelled dedup set (Tests/StoreTests/Fixtures/pairs.json) from pair_texts.py.

Positives are the ways one story reaches readers: an aggregator copy with boilerplate and
tracking parameters, a link to the original with tracking parameters, a truncated summary,
an edited headline, and combinations. Negatives are the hard cases: same-country stories
the same day, two stories in the same site template, machine-written reports that differ in
a few slots. Each pair is placed 10 days after the previous one, so pairs never meet inside
the 72-hour window.

Usage: python3 Benchmarks/StoreBench/scripts/make_pairs.py [OUT.json]
"""
import datetime as dt
import itertools
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pair_texts import (BOILERPLATE_BOTTOM, BOILERPLATE_TOP, EDITORS_NOTE, RECURRING_TITLE,  # noqa: E402
                        SITE_BOILERPLATE_BOTTOM, STORIES, TEMPLATES)

BASE = dt.datetime(2024, 6, 1, 6, 0, tzinfo=dt.timezone.utc)


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def truncate(text, limit=180):
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def wire(s, n, t):
    url = f"https://wire.example/world/{s['slug']}-{n}"
    return dict(source="wire", guid=f"wire-{n}-{s['slug']}", url=url, canonical_url=url,
                title=s["title"], summary=truncate(s["paras"][0], 240), text="\n".join(s["paras"]),
                published=stamp(t))


def aggregator(s, n, t, title=None, source="aggregator", suffix=" - Daily Courier"):
    canon = f"https://{source}.example/a/{n}{len(s['slug'])}"
    return dict(source=source, guid=canon, url=canon + "?utm_source=rss&utm_medium=feed&utm_campaign=world",
                canonical_url=canon, title=(title or s["title"]) + suffix,
                summary=truncate(s["paras"][0]),
                text="\n".join(BOILERPLATE_TOP + s["paras"] + BOILERPLATE_BOTTOM), published=stamp(t))


def tracking(s, n, t):
    url = f"https://wire.example/world/{s['slug']}-{n}"
    return dict(source="portal", guid=f"portal-{n}", url=url + "?utm_source=twitter&utm_campaign=share&fbclid=x1",
                canonical_url=url, title=s["title"], summary=truncate(s["paras"][0]), text="",
                published=stamp(t))


def truncated(s, n, t, title=None, source="headlines"):
    url = f"https://{source}.example/{n}/{s['slug']}"
    return dict(source=source, guid=url, url=url, canonical_url=url, title=title or s["title"],
                summary=truncate(s["paras"][0]), text="", published=stamp(t))


def edited(s, n, t):
    url = f"https://courier.example/news/{n}"
    paras = s["paras"][:-1] + ["This story has been updated with comment from officials."]
    return dict(source="courier", guid=url, url=url, canonical_url=url, title=s["alt"],
                summary=truncate(s["paras"][0]), text="\n".join(paras), published=stamp(t))


def site_short(s, n, t):
    url = f"https://site.example/story/{n}-{s['slug']}"
    return dict(source="site", guid=url, url=url, canonical_url=url, title=s["title"] + " | Site News",
                summary=truncate(s["paras"][0]),
                text="\n".join([s["paras"][0]] + SITE_BOILERPLATE_BOTTOM), published=stamp(t))


def recurring(s, n, t, source):
    story = wire(s, n, t)
    story.update(source=source, guid=f"{source}-{n}-{s['slug']}", title=RECURRING_TITLE,
                 url=f"https://{source}.example/briefing/{n}-{s['slug']}")
    story["canonical_url"] = story["url"]
    return story


def noted(s, n, t):
    url = f"https://noted.example/{n}/{s['slug']}"
    return dict(source="noted", guid=url, url=url, canonical_url=url, title=s["title"],
                summary=truncate(s["paras"][0]), text="\n".join([EDITORS_NOTE] + s["paras"]), published=stamp(t))


def template_story(tpl, fill, n, t):
    a, b, c, d = fill
    url = f"https://reports.example/{tpl['slug']}/{n}"
    text = tpl["text"].format(a=a, b=b, c=c, d=d)
    return dict(source="reports", guid=url, url=url, canonical_url=url, title=tpl["title"].format(a=a, b=b, c=c, d=d),
                summary=text.split("\n")[0], text=text, published=stamp(t))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "Tests", "StoreTests", "Fixtures", "pairs.json")
    pairs = []

    def add(kind, same, make_a, make_b):
        n = len(pairs)
        t = BASE + dt.timedelta(days=10 * n)
        lag = dt.timedelta(hours=1 + n % 7, minutes=(n * 13) % 60)
        pairs.append(dict(id=n, kind=kind, same=same, a=make_a(n, t), b=make_b(n, t + lag)))

    for s in STORIES:
        add("boilerplate+tracking", True, lambda n, t, s=s: wire(s, n, t), lambda n, t, s=s: aggregator(s, n, t))
        add("tracking-params", True, lambda n, t, s=s: wire(s, n, t), lambda n, t, s=s: tracking(s, n, t))
        add("truncated-summary", True, lambda n, t, s=s: wire(s, n, t), lambda n, t, s=s: truncated(s, n, t))
        add("edited-headline", True, lambda n, t, s=s: wire(s, n, t), lambda n, t, s=s: edited(s, n, t))
        add("edited-headline+boilerplate", True, lambda n, t, s=s: wire(s, n, t),
            lambda n, t, s=s: aggregator(s, n, t, title=s["alt"], source="globe", suffix=" | The Globe"))
        add("edited-headline+truncated", True, lambda n, t, s=s: wire(s, n, t),
            lambda n, t, s=s: truncated(s, n, t, title=s["alt"], source="briefs"))
        add("boilerplate-vs-truncated", True, lambda n, t, s=s: aggregator(s, n, t),
            lambda n, t, s=s: truncated(s, n, t))

    by_country = {}
    for s in STORIES:
        by_country.setdefault(s["country"], []).append(s)
    for group in by_country.values():
        for x, y in itertools.combinations(group, 2):
            add("same-country-same-day", False, lambda n, t, x=x: wire(x, n, t), lambda n, t, y=y: wire(y, n, t))
            add("same-template-aggregator", False, lambda n, t, x=x: aggregator(x, n, t),
                lambda n, t, y=y: aggregator(y, n, t))
            add("same-template-short-body", False, lambda n, t, x=x: site_short(x, n, t),
                lambda n, t, y=y: site_short(y, n, t))
            add("copy-vs-other-summary", False, lambda n, t, x=x: aggregator(x, n, t),
                lambda n, t, y=y: truncated(y, n, t))
    for x, y in list(zip(STORIES[0::3], STORIES[1::3])) + list(zip(STORIES[1::3], STORIES[2::3])):
        add("recurring-headline", False, lambda n, t, x=x: recurring(x, n, t, "briefing"),
            lambda n, t, y=y: recurring(y, n, t, "briefing"))
        add("same-editors-note", False, lambda n, t, x=x: noted(x, n, t), lambda n, t, y=y: noted(y, n, t))
    for tpl in TEMPLATES:
        for f, g in itertools.combinations(tpl["fills"], 2):
            add("machine-template", False, lambda n, t, f=f, tpl=tpl: template_story(tpl, f, n, t),
                lambda n, t, g=g, tpl=tpl: template_story(tpl, g, n, t))

    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"pairs": pairs}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    pos = sum(p["same"] for p in pairs)
    print(f"{len(pairs)} pairs ({pos} positive, {len(pairs) - pos} negative) -> {os.path.normpath(out)}")


if __name__ == "__main__":
    main()
