#!/usr/bin/env python3
"""Python anchors for MatchBench, on the same stories and rules (gen_data.py output):

  aho        pyahocorasick: one automaton of every query term over the normalized text,
             then the same presearch (each rule indexed under terms of which one must
             appear) and evaluation of candidate rules only.
  hyperscan  the same, with one Hyperscan block-mode database of all term patterns.
  naive      a loop over every rule, each term a compiled regex (\\bword\\b), evaluated
             with short-circuit AND/OR/NOT: what a small script would do.

usage: anchors.py DATA_DIR --rules N [--seconds 3] [--naive-seconds 20] [--skip hyperscan]
Prints one tab-separated line per anchor: anchor, rules, stories per CPU second, MB per CPU
second, matches/story,
build seconds, stories in the first pass, their matches, peak RSS MiB.
"""
import argparse, json, re, resource, sys, time

WORD = re.compile(r"[a-z0-9]+")


def norm(text):
    return WORD.findall(text.lower())


def atoms(ast, positive=True, out=None):
    out = [] if out is None else out
    k = ast[0]
    if k in ("word", "prefix", "phrase"):
        out.append((ast, positive))
    elif k == "not":
        atoms(ast[1], not positive, out)
    else:
        for c in ast[1]:
            atoms(c, positive, out)
    return out


def key(ast):
    k, v = ast
    return (k, tuple(v) if k == "phrase" else v)


def _common_words():
    """The presearcher's list of frequent words, read from the Swift source it lives in."""
    import os
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/Rules/Query/CommonWords.swift")
    text = open(src).read()
    body = text[text.index('Set("""') + 7:text.index('"""', text.index('Set("""') + 7)]
    return set(body.split())


COMMON = _common_words()


def cost(req):
    def word(w): return 1000 if w in COMMON else 1000 // (len(w) + 1)
    total = 0
    for a in req:
        if a[0] == "word": total += word(a[1])
        elif a[0] == "prefix": total += word(a[1]) * 2
        else: total += min(word(w) for w in a[1]) - 1
    return total


def required(ast):
    """Atoms of which one must appear (the presearcher; same choice as the Swift matcher)."""
    k = ast[0]
    if k in ("word", "prefix", "phrase"):
        return [ast]
    if k == "not":
        return None
    if k == "or":
        out = []
        for c in ast[1]:
            r = required(c)
            if r is None:
                return None
            out += r
        return out
    best = None
    for c in ast[1]:
        r = required(c)
        if r is not None and (best is None or cost(r) < cost(best)):
            best = r
    return best


def evaluate(ast, present):
    k = ast[0]
    if k == "and":
        return all(evaluate(c, present) for c in ast[1])
    if k == "or":
        return any(evaluate(c, present) for c in ast[1])
    if k == "not":
        return not evaluate(ast[1], present)
    return key(ast) in present


def pattern_text(ast):
    """Space-delimited literal over the normalized text " w1 w2 ... "."""
    k, v = ast
    if k == "word":
        return " %s " % v
    if k == "prefix":
        return " %s" % v
    return " %s " % " ".join(v)


class Presearch:
    def __init__(self, rules):
        self.rules = rules
        self.terms = {}
        self.postings = {}
        for i, r in enumerate(rules):
            for a, _ in atoms(r["ast"]):
                self.terms.setdefault(key(a), pattern_text(a))
            for a in required(r["ast"]) or []:
                self.postings.setdefault(key(a), set()).add(i)
        self.keys = list(self.terms)

    def match(self, present):
        cands = set()
        for k in present:
            p = self.postings.get(k)
            if p:
                cands |= p
        return [i for i in sorted(cands) if evaluate(self.rules[i]["ast"], present)]


def text_of(s):
    # Title and body are searched alike here (the generated rules have no title: scope);
    # a newline between fields keeps phrases from spanning them.
    return " " + " ".join(norm(s["title"])) + " \n " + " ".join(norm(s["summary"])) + " \n " + " ".join(norm(s["text"])) + " "


def run_aho(rules, stories, seconds):
    import ahocorasick
    ps = Presearch(rules)
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    for i, k in enumerate(ps.keys):
        auto.add_word(ps.terms[k], i)
    auto.make_automaton()
    build = time.perf_counter() - t0

    def one(s):
        present = {ps.keys[i] for _, i in auto.iter(text_of(s))}
        return ps.match(present)
    return build, one


def run_hyperscan(rules, stories, seconds):
    import hyperscan
    ps = Presearch(rules)
    t0 = time.perf_counter()
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    exprs = [re.escape(ps.terms[k]).encode() for k in ps.keys]
    db.compile(expressions=exprs, ids=list(range(len(exprs))),
               elements=len(exprs), flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(exprs))
    build = time.perf_counter() - t0

    def one(s):
        found = set()
        def on_match(i, frm, to, flags, ctx):
            found.add(i)
        db.scan(text_of(s).encode(), match_event_handler=on_match)
        return ps.match({ps.keys[i] for i in found})
    return build, one


def regex_for(ast):
    k, v = ast
    if k == "word":
        return re.compile(r"\b%s\b" % re.escape(v))
    if k == "prefix":
        return re.compile(r"\b%s" % re.escape(v))
    return re.compile(r"\b%s\b" % r"\W+".join(re.escape(w) for w in v))


def run_naive(rules, stories, seconds):
    t0 = time.perf_counter()
    compiled = []
    cache = {}
    def comp(ast):
        k = ast[0]
        if k in ("word", "prefix", "phrase"):
            kk = key(ast)
            if kk not in cache:
                cache[kk] = regex_for(ast)
            return ("re", cache[kk])
        if k == "not":
            return ("not", comp(ast[1]))
        return (k, [comp(c) for c in ast[1]])
    for r in rules:
        compiled.append(comp(r["ast"]))
    build = time.perf_counter() - t0

    def ev(node, text):
        k = node[0]
        if k == "re":
            return node[1].search(text) is not None
        if k == "not":
            return not ev(node[1], text)
        if k == "and":
            return all(ev(c, text) for c in node[1])
        return any(ev(c, text) for c in node[1])

    def one(s):
        text = s["title"].lower() + "\n" + s["summary"].lower() + "\n" + s["text"].lower()
        return [i for i, c in enumerate(compiled) if ev(c, text)]
    return build, one


def measure(name, runner, rules, stories, seconds, nbytes):
    build, one = runner(rules, stories, seconds)
    matches = 0
    done = 0
    t0 = time.perf_counter()
    c0 = time.process_time()
    while True:
        for s in stories:
            n = len(one(s))
            if done < len(stories):
                matches += n
            done += 1
            if time.perf_counter() - t0 >= seconds:
                break
        if time.perf_counter() - t0 >= seconds:
            break
    dt = time.process_time() - c0  # CPU time: the machine is shared
    first = min(done, len(stories))
    rate = done / dt
    mean_bytes = nbytes / len(stories)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("%s\t%d\t%.4g\t%.3g\t%.2f\t%.2f\t%d\t%d\t%.0f" % (name, len(rules), rate, rate * mean_bytes / 1e6,
          matches / first, build, first, matches, peak), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("--rules", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--naive-seconds", type=float, default=20)
    ap.add_argument("--skip", default="")
    a = ap.parse_args()
    stories = [json.loads(l) for l in open(a.data + "/stories.jsonl")]
    rules = [json.loads(l) for l in open("%s/rules-%d.jsonl" % (a.data, a.rules))]
    nbytes = sum(len(s["title"].encode()) + len(s["summary"].encode()) + len(s["text"].encode()) for s in stories)
    skip = a.skip.split(",")
    if "aho" not in skip:
        measure("aho", run_aho, rules, stories, a.seconds, nbytes)
    if "hyperscan" not in skip:
        try:
            measure("hyperscan", run_hyperscan, rules, stories, a.seconds, nbytes)
        except Exception as e:  # noqa: BLE001 - report and go on with the other anchors
            print("hyperscan\t%d\tfailed: %s" % (len(rules), e), flush=True)
    if "naive" not in skip:
        measure("naive", run_naive, rules, stories, a.naive_seconds, nbytes)


if __name__ == "__main__":
    main()
