#!/usr/bin/env python3
"""Scores newsalert's article extractor against Mozilla Readability's test pages, with
trafilatura run on the same pages in the same run as the anchor.

Metric: the Scrapinghub article-extraction-benchmark's token-shingle matching
(https://github.com/scrapinghub/article-extraction-benchmark, evaluate.py): text is split into
`\\w+` tokens, 4-token shingles are counted as multisets, and per page
precision = tp / (tp + fp), recall = tp / (tp + fn); precision and recall are averaged over
pages and F1 = 2PR / (P + R) from those averages. The truth is the text of each page's
`expected.html` (block elements separated by line breaks).

usage: score.py CORPUS_DIR EXTRACTBENCH_BINARY [--repeat N] [--out FILE.json]
  CORPUS_DIR: e.g. ../shared/corpora/readability/test-pages
"""
import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import lxml.html
import trafilatura

TOKEN = re.compile(r"\w+", re.UNICODE)
BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "tr",
         "td", "th", "table", "section", "article", "figure", "figcaption", "br", "dd", "dt", "dl",
         "header", "footer", "main", "hr", "aside", "nav", "form", "details", "summary", "caption"}


def html_text(markup):
    """Text of an HTML fragment, a line break around each block element."""
    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    parts = []

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            if node.tail:
                parts.append(node.tail)
            return
        if tag in BLOCK:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in BLOCK:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    return "".join(parts)


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def match(truth, predicted):
    t, p = shingles(truth), shingles(predicted)
    if not TOKEN.findall(predicted or ""):
        p = Counter()
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    return tp, fp, fn


def prf(rows):
    precisions, recalls = [], []
    for tp, fp, fn in rows:
        precisions.append(tp / (tp + fp) if tp + fp else 0.0)
        recalls.append(tp / (tp + fn) if tp + fn else 0.0)
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm_name(value):
    value = re.sub(r"^\s*by[:\s]+", "", (value or "").strip(), flags=re.I)
    return " ".join(TOKEN.findall(value.lower()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("binary")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    pages = sorted(p.name for p in corpus.iterdir() if (p / "source.html").exists())

    started = time.perf_counter()
    run = subprocess.run([args.binary, str(corpus), "--repeat", str(args.repeat)],
                         capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    ours = {row["page"]: row for row in map(json.loads, run.stdout.splitlines())}
    timing = json.loads(run.stderr.strip().splitlines()[-1])

    sources = {page: (corpus / page / "source.html").read_text(encoding="utf-8", errors="replace") for page in pages}
    traf = {}
    traf_seconds = 0.0
    for _ in range(args.repeat):
        for page in pages:
            t0 = time.perf_counter()
            doc = trafilatura.bare_extraction(sources[page], url="http://fakehost/test/page.html",
                                              with_metadata=True, include_comments=False)
            traf_seconds += time.perf_counter() - t0
            traf[page] = doc
    results = {"newsalert": [], "trafilatura": []}
    meta = {"newsalert": {"title": 0, "byline": 0}, "trafilatura": {"title": 0, "byline": 0}}
    meta_total = {"title": 0, "byline": 0}
    per_page = []
    for page in pages:
        truth = html_text((corpus / page / "expected.html").read_text(encoding="utf-8", errors="replace"))
        expected = json.loads((corpus / page / "expected-metadata.json").read_text())
        row = ours.get(page, {"text": "", "kind": "missing"})
        doc = traf[page]
        traf_text = (doc.text if doc is not None else "") or ""
        a = match(truth, row.get("text", ""))
        b = match(truth, traf_text)
        results["newsalert"].append(a)
        results["trafilatura"].append(b)
        pa, ra, fa = prf([a])
        per_page.append({"page": page, "kind": row.get("kind"), "precision": round(pa, 3), "recall": round(ra, 3),
                         "trafilatura_f1": round(prf([b])[2], 3)})
        for field, ours_value, traf_value in (
            ("title", row.get("title"), doc.title if doc is not None else None),
            ("byline", row.get("byline"), doc.author if doc is not None else None),
        ):
            truth_value = expected.get(field)
            if not truth_value:
                continue
            meta_total[field] += 1
            meta["newsalert"][field] += norm_name(ours_value) == norm_name(truth_value)
            meta["trafilatura"][field] += norm_name(traf_value) == norm_name(truth_value)

    report = {"pages": len(pages), "repeat": args.repeat, "errors": sum(1 for r in ours.values() if r.get("error")),
              "kinds": Counter(r.get("kind") for r in ours.values())}
    for name, rows in results.items():
        p, r, f = prf(rows)
        report[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
    for name in meta:
        report[name]["title_exact"] = f"{meta[name]['title']}/{meta_total['title']}"
        report[name]["byline_exact"] = f"{meta[name]['byline']}/{meta_total['byline']}"
    report["newsalert"]["pages_per_second"] = timing["pages_per_second"]
    report["trafilatura"]["pages_per_second"] = round(len(pages) * args.repeat / traf_seconds, 1)
    report["newsalert"]["wall_seconds_incl_process"] = round(wall, 2)
    print(json.dumps(report, indent=2))
    if args.out:
        Path(args.out).write_text(json.dumps({"report": report, "pages": per_page}, indent=1))
    worst = sorted(per_page, key=lambda x: x["precision"] + x["recall"])[:15]
    print("worst pages (newsalert):", file=sys.stderr)
    for w in worst:
        print(f"  {w['page']:40} kind={w['kind']} P={w['precision']} R={w['recall']} traf_F1={w['trafilatura_f1']}", file=sys.stderr)


if __name__ == "__main__":
    main()
