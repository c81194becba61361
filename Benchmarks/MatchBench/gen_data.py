#!/usr/bin/env python3
"""Generates the MatchBench data set: ~5 KB news-like stories and rule sets of N rules
split across 100 owners (one YAML rules file each, as newsalert reads them) plus the same
rules as JSON ASTs for the Python anchors.

usage: gen_data.py OUTDIR [--stories 400] [--rules 100,10000,100000] [--seed 7]

Stories are sentences of common news vocabulary (Zipf-distributed, as word frequencies
are) with named entities (people, places, organisations: generated names, Zipf-distributed
too so that some are in the news every day). Rules look like the ones people write: an
entity or two combined with topic words, phrases, prefixes and exclusions; the names
rules watch are spread evenly over all names, so a story is a candidate for few rules
(a rule set where many rules hit every story costs in proportion to its matches).
"""
import argparse, json, os, random

COMMON = """
the of and to in a that for on is was with said by as at from he it his be an are have has
but were not this which they who after had been their its more would also will one about
new two than up or other into first year last over people when we out there some all could
government police president minister officials country state city told week time under
say says against military forces security attack attacks killed people including since
while during talks years since between percent million billion report reported statement
according spokesman spokeswoman agency news conference announced expected early late
strike strikes airstrike airstrikes drone drones missile missiles rocket rockets militia
militias fighters troops soldiers army navy air force border ceasefire truce negotiations
election elections vote votes voters parliament court judge ruling law bill budget tax
economy economic inflation prices market markets shares stocks oil gas energy power
climate flood floods storm earthquake fire wildfire heat drought rain weather disaster
hospital health virus outbreak vaccine doctors patients school schools students university
protest protests protesters demonstrators rally strike workers union wages jobs company
companies bank banks trade tariffs exports imports deal agreement sanctions embassy
diplomats foreign ministry defense interior prime opposition party leader leaders coalition
campaign candidate candidates victory defeat results counting polls survey analysts
investigation investigators charges arrested arrest prison sentence trial suspects victims
civilians refugees aid humanitarian food water shelter camp camps displaced families
children women men residents village villages town province region district capital
northern southern eastern western central coastal rural urban local national international
global regional federal council committee commission board chief executive director officer
team season match game players coach league cup championship final goal goals win won lost
technology software internet data cyber hackers hack breach privacy online platform users
phone phones app apps artificial intelligence chips semiconductor factory plant production
transport rail railway airport flights airline passengers ship ships port shipping route
bridge road roads highway traffic accident crash collapse explosion blast bomb bombing
gunmen shooting shot wounded injured dead death deaths toll rescue rescuers emergency
""".split()

SYLLABLES = ["ka", "ri", "mo", "sa", "ba", "lu", "de", "na", "ha", "zi", "to", "ve", "qa",
             "mi", "ro", "fa", "je", "su", "ni", "go", "la", "ke", "du", "ya", "pe", "wa", "shi", "dar",
             "bil", "kur", "tan", "mar", "vel", "sor", "hin", "rak"]


def entity_names(rng, n):
    seen, out = set(), []
    while len(out) < n:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 3, 3, 4])))
        if name in seen or name in COMMON:
            continue
        seen.add(name)
        out.append(name)
    return out


class Zipf:
    def __init__(self, rng, items, s=1.05):
        self.rng, self.items = rng, items
        weights = [1.0 / (i + 1) ** s for i in range(len(items))]
        total, acc, self.cum = sum(weights), 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def pick(self):
        import bisect
        return self.items[min(bisect.bisect_left(self.cum, self.rng.random()), len(self.items) - 1)]


def story(rng, common, tail, ents, target=5000):
    out, size = [], 0
    title = " ".join(w.capitalize() for w in [ents.pick()] + [common.pick() for _ in range(rng.randint(5, 9))])
    while size < target:
        words = []
        for i in range(rng.randint(12, 28)):
            r = rng.random()
            if r < 0.05:
                words.append(ents.pick().capitalize())
            elif r < 0.06:
                words.append(ents.pick().capitalize() + "-backed")
            elif r < 0.40:
                words.append(tail.pick())
            else:
                words.append(common.pick())
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", ".", "?", ","])
        out.append(sentence)
        size += len(sentence) + 1
        if rng.random() < 0.15:
            out.append("\n")
    text = " ".join(out).replace(" \n ", "\n")
    return {"title": title, "summary": out[0], "text": text, "source": rng.choice(["Reuters World", "AP News", "BBC World", "Al Jazeera"])}


def rule(rng, topics, names):
    """A rule as (query string, AST). AST nodes: ["word", w] ["prefix", p] ["phrase", [..]]
    ["and", [..]] ["or", [..]] ["not", x]."""
    def word(w): return (w.capitalize() if rng.random() < 0.5 else w, ["word", w])
    def prefix(w):
        # Like militia* or Hezbollah*: the stem of a longer word, not a syllable.
        # (Generated names share syllables, so their stems keep 7 letters.)
        if len(w) < 8:
            return word(w)
        p = w[:max(7, len(w) - 2)]
        return (p + "*", ["prefix", p])
    def phrase(ws): return ('"' + " ".join(ws) + '"', ["phrase", ws])
    def group(op, parts):
        q = "(" + (" %s " % op.upper()).join(p[0] for p in parts) + ")"
        return (q, [op, [p[1] for p in parts]])
    def topic():
        t = topics.pick()
        return prefix(t) if rng.random() < 0.2 else word(t)
    # People watch specific names: the rules' names are spread evenly over all of them,
    # while stories mention a few names often (Zipf).
    e1, e2, e3 = rng.choice(names), rng.choice(names), rng.choice(names)
    kind = rng.random()
    if kind < 0.45:
        q = group("and", [group("or", [word(e1), word(e2)]), group("or", [topic(), topic()])])
    elif kind < 0.60:
        q = phrase([e1, e2]) if rng.random() < 0.5 else group("and", [phrase([topics.pick(), topics.pick()]), word(e1)])
    elif kind < 0.80:
        pos, neg = group("and", [word(e1), topic()]), word(topics.pick())
        q = (pos[0] + " -" + neg[0], ["and", [pos[1], ["not", neg[1]]]])
    else:
        neg = group("or", [word(topics.pick()), word(topics.pick())])
        q = group("and", [prefix(e1), group("or", [word(e2), word(e3), topic()])])
        q = (q[0] + " AND NOT " + neg[0], ["and", [q[1], ["not", neg[1]]]])
    return q


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--stories", type=int, default=400)
    ap.add_argument("--rules", default="100,10000,100000")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    names = entity_names(rng, 60000)
    # News text: about 60% of words from the frequent function words, the rest from a long
    # tail (Zipf) in which topic words (airstrike, negotiations) sit at ranks 30..6000, as in
    # real news, plus names.
    common = Zipf(rng, COMMON[:60], 1.0)
    name_set = set(names)
    tail_words = [w for w in entity_names(random.Random(a.seed + 1), 30000) if w not in name_set]
    topic_words = COMMON[60:]
    for k, w in enumerate(topic_words):
        tail_words.insert(30 + k * 6000 // len(topic_words), w)
    tail = Zipf(rng, tail_words, 1.0)
    ents = Zipf(rng, names, 0.9)
    # Topic words of rules: the news topic words and other long-tail words.
    topics = Zipf(rng, topic_words + tail_words[6000:8000:5], 0.3)
    with open(os.path.join(a.out, "stories.jsonl"), "w") as f:
        for _ in range(a.stories):
            f.write(json.dumps(story(rng, common, tail, ents)) + "\n")
    for n in [int(x) for x in a.rules.split(",")]:
        d = os.path.join(a.out, "rules-%d" % n)
        os.makedirs(d, exist_ok=True)
        for old in os.listdir(d):
            os.remove(os.path.join(d, old))
        asts = []
        per_owner = {}
        for i in range(n):
            q, ast = rule(rng, topics, names)
            owner = "owner%03d" % (i % 100)
            per_owner.setdefault(owner, []).append((q, ast))
        for owner, rules in sorted(per_owner.items()):
            lines = ["owner: %s" % owner, "timezone: UTC", "channels:",
                     "  inbox: { email: %s@example.org }" % owner, "rules:"]
            for j, (q, ast) in enumerate(rules):
                lines += ["  - name: r%d" % j, "    query: '%s'" % q.replace("'", "''"), "    notify: [inbox]"]
                asts.append({"owner": owner, "rule": "r%d" % j, "query": q, "ast": ast})
            with open(os.path.join(d, owner + ".yaml"), "w") as f:
                f.write("\n".join(lines) + "\n")
        with open(os.path.join(a.out, "rules-%d.jsonl" % n), "w") as f:
            for r in asts:
                f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
