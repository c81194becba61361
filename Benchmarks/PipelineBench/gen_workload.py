#!/usr/bin/env python3
"""PipelineBench workload: feeds, rules files and a newsalert config.

    gen_workload.py WORK FEED_PORT HOOK_PORT [--sources 1000] [--owners 100] [--rules-per-owner 100]

Writes into WORK:
  www/feeds/NNNN.xml   1,000 feeds, 70 % RSS 2.0 and 30 % Atom, 20-50 items each, every item a
                       distinct story (title, 60-120 words of newswire prose, categories, dates)
  rules/ownerNN.yaml   100 owners x 100 rules, one webhook channel each to the receiver
  config.yaml          sources on feedNNNN.localhost:PORT (libcurl resolves *.localhost to
                       loopback by itself, so every source is its own registrable domain)

How often rules match is designed, not left to chance: each story names one organisation out of
100,000 invented names, and each rule asks for one of the first 10,000 names AND one of three
topic words. About 10 % of stories name a watched organisation and ~45 % of those also carry one
of the rule's topic words, so ~4-5 % of stories alert: ~16 per owner, under the built-in rate cap
of 30 an hour per channel (past it, alerts roll into a digest and would not measure latency).
Deterministic (seeded), so two runs serve the same bytes.
"""
import argparse
import os
import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

WORDS = """
government minister officials said council city police court report week year people state
country election vote parliament president budget tax plan project water power energy school
hospital health workers union strike talks deal agreement trade market prices inflation bank
rates economy jobs company shares profit sales growth investors board chief executive spokesman
statement interview investigation inquiry evidence trial judge ruling appeal law bill reform
protest demonstrators crowd security forces army border attack drone missile ceasefire troops
aid refugees flood storm wildfire drought heat rain weather climate emissions coal gas oil wind
solar grid outage bridge road rail airport port ship cargo fuel shortage harvest farmers food
wheat exports imports tariff sanctions summit leaders allies treaty embassy envoy visit mayor
governor district province region village residents families children students teachers
doctors nurses vaccine virus outbreak cases patients research scientists study data software
cyber hackers breach network phone internet satellite launch rocket space museum festival film
music football match season coach players cup final record victory defeat opposition party
coalition campaign candidate poll turnout results count recount lawmakers senate committee
hearing testimony budget deficit debt bonds currency exchange central lenders mortgage housing
rent construction repairs tunnel highway traffic accident crash rescue firefighters emergency
evacuation shelter damage insurance losses recovery funding grants contract tender bid merger
acquisition layoffs hiring wages pension retirement welfare benefits poverty charity volunteers
church mosque temple heritage archive library university campus graduates exam scholarship
""".split()

TOPICS = """
strike flood merger ruling ceasefire outage sanctions layoffs wildfire election recall tariff
breach vaccine drought protest inquiry bankruptcy acquisition evacuation
""".split()

PLACES = ["Berlin", "Nairobi", "Lagos", "Manila", "Lima", "Quito", "Hanoi", "Dhaka", "Ankara",
          "Basra", "Babil", "Kyiv", "Warsaw", "Madrid", "Lisbon", "Toronto", "Denver", "Ohio",
          "Bavaria", "Kerala", "Sindh", "Jakarta", "Osaka", "Santiago", "Bogota", "Accra"]

CONSONANTS = "bcdfgklmnprstvz"
VOWELS = "aeiou"


def org_names(count, rng):
    syllables = [c + v for c in CONSONANTS for v in VOWELS]
    seen, names = set(), []
    while len(names) < count:
        name = "".join(rng.choice(syllables) for _ in range(3)) + rng.choice("nrlsx")
        if name not in seen:
            seen.add(name)
            names.append(name.capitalize())
    return names


def sentence(rng, org, place, extra):
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 18))]
    for w in extra:
        words.insert(rng.randrange(len(words)), w)
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} in {place}, {org} said."


def story(rng, n, i, orgs, when):
    org = rng.choice(orgs)
    place = rng.choice(PLACES)
    topic = rng.choice(TOPICS)
    title = f"{org} {topic} {rng.choice(WORDS)} {rng.choice(WORDS)} in {place} ({n}-{i})"
    body = " ".join(sentence(rng, org, place, [topic] if k == 0 else []) for k in range(rng.randint(5, 8)))
    url = f"https://feed{n:04d}.example/news/{when:%Y/%m/%d}/{org.lower()}-{topic}-{i}"
    cats = [rng.choice(TOPICS), rng.choice(["world", "business", "local", "politics", "science"])]
    return title, url, body, cats


def rss(n, items):
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
             f"<title>Feed {n} News</title><link>https://feed{n:04d}.example/</link>"
             f"<description>Latest stories from Feed {n}</description><language>en</language>"]
    for title, url, body, cats, when in items:
        parts.append(
            f"<item><title>{escape(title)}</title><link>{url}</link><guid isPermaLink=\"true\">{url}</guid>"
            f"<pubDate>{format_datetime(when)}</pubDate>"
            + "".join(f"<category>{c}</category>" for c in cats)
            + f"<description>{escape(body)}</description></item>")
    parts.append("</channel></rss>\n")
    return "".join(parts)


def atom(n, items):
    iso = lambda d: d.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
             f"<title>Feed {n} News</title><id>https://feed{n:04d}.example/</id>"
             f'<link href="https://feed{n:04d}.example/"/><updated>{iso(items[0][4])}</updated>']
    for title, url, body, cats, when in items:
        parts.append(
            f"<entry><title>{escape(title)}</title><id>{url}</id><link href=\"{url}\"/>"
            f"<published>{iso(when)}</published><updated>{iso(when)}</updated>"
            f"<author><name>Staff {n}</name></author>"
            + "".join(f'<category term="{c}"/>' for c in cats)
            + f"<summary>{escape(body)}</summary></entry>")
    parts.append("</feed>\n")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("feed_port", type=int)
    ap.add_argument("hook_port", type=int)
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--owners", type=int, default=100)
    ap.add_argument("--rules-per-owner", type=int, default=100)
    ap.add_argument("--max-concurrency", type=int, default=32, help="http.max_concurrency (the default is 32)")
    a = ap.parse_args()
    rng = random.Random(8)
    orgs = org_names(100_000, rng)
    watched = orgs[:10_000]
    now = datetime.now(timezone.utc).replace(microsecond=0)

    os.makedirs(f"{a.work}/www/feeds", exist_ok=True)
    os.makedirs(f"{a.work}/rules", exist_ok=True)
    total = 0
    for n in range(a.sources):
        count = rng.randint(20, 50)
        items = []
        for i in range(count):
            when = now - timedelta(minutes=7 * i + rng.randint(0, 6))
            items.append((*story(rng, n, i, orgs, when), when))
        total += count
        with open(f"{a.work}/www/feeds/{n:04d}.xml", "w") as out:
            out.write(atom(n, items) if n % 10 >= 7 else rss(n, items))

    with open(f"{a.work}/hook-secret", "w") as out:
        out.write("whsec_cGlwZWxpbmViZW5jaHNlY3JldDAxMjM0NTY3\n")
    os.chmod(f"{a.work}/hook-secret", 0o600)
    rule_no = 0
    for o in range(a.owners):
        lines = [f"owner: owner{o:03d}", "timezone: UTC", "channels:",
                 f'  hook: {{ webhook: "http://127.0.0.1:{a.hook_port}/hook/owner{o:03d}", secret_file: "{a.work}/hook-secret" }}',
                 "rules:"]
        for r in range(a.rules_per_owner):
            org = watched[rule_no % len(watched)]
            topics = " OR ".join(rng.sample(TOPICS, 3))
            lines += [f"  - name: r{r:03d}", f"    query: '\"{org}\" AND ({topics})'", "    notify: [hook]"]
            rule_no += 1
        with open(f"{a.work}/rules/owner{o:03d}.yaml", "w") as out:
            out.write("\n".join(lines) + "\n")

    with open(f"{a.work}/config.yaml", "w") as out:
        out.write(f"database: {a.work}/db/newsalert.db\nrules: {a.work}/rules\nlisten: 'off'\n"
                  f"http:\n  max_concurrency: {a.max_concurrency}\n  per_domain: 2\n"
                  "webhooks:\n  allow_private: [127.0.0.1/32]\n"
                  "notices: 'off'\nsources:\n")
        for n in range(a.sources):
            out.write(f"  - {{ name: feed{n:04d}, url: \"http://feed{n:04d}.localhost:{a.feed_port}/feeds/{n:04d}.xml\", every: 10m }}\n")
    print(f"{a.sources} feeds, {total} items, {a.owners * a.rules_per_owner} rules over {a.owners} owners")


if __name__ == "__main__":
    main()
