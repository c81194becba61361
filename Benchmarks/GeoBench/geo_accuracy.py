#!/usr/bin/env python3
"""Focus-country accuracy of newsalert's place detection beside geotext, on the same set.

Runs `GeoBench predict` (newsalert's detector) and geotext (PyPI) over the labelled stories
in labelled.jsonl and prints, for both:
  - top-country accuracy: the first predicted country is one of the story's focus countries
    (for stories about no place: nothing predicted);
  - region-set precision and recall (micro-averaged over stories): newsalert's focus
    countries (weight >= PlaceDetector.focusThreshold) and geotext's mentioned countries,
    against the labelled focus countries;
  - stories where a region came from a lowercase word (must be 0 for newsalert);
  - subdivision hits for stories labelled with ISO 3166-2 regions (newsalert only).

Usage (from the repository root, after `swift build -c release --product GeoBench`):
  python3 Benchmarks/GeoBench/geo_accuracy.py [--bench .build/release/GeoBench]
                                              [--labelled Benchmarks/GeoBench/labelled.jsonl]
"""
import argparse
import collections
import json
import subprocess
import sys
import time

from geotext import GeoText


def metrics(items, predictions):
    """predictions: id -> (top country or None, set of focus countries)."""
    top_ok = tp = fp = fn = 0
    by_tag = collections.defaultdict(lambda: [0, 0])
    misses = []
    for it in items:
        gold = set(it["countries"])
        top, pred = predictions[it["id"]]
        ok = (top in gold) if gold else (top is None)
        top_ok += ok
        for tag in it["tags"]:
            by_tag[tag][0] += ok
            by_tag[tag][1] += 1
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        if not ok:
            misses.append(f'{it["id"]}: gold {sorted(gold)} top {top}')
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return top_ok / len(items), p, r, by_tag, misses


def run_newsalert(bench, labelled):
    t0 = time.perf_counter()
    out = subprocess.run([bench, "predict", labelled], check=True, capture_output=True, text=True).stdout
    elapsed = time.perf_counter() - t0
    preds, lowercase = {}, []
    raw = {}
    for line in out.splitlines():
        p = json.loads(line)
        countries = [r for r in p["regions"] if len(r["code"]) == 2]
        focus = {c for c in p["focus"] if len(c) == 2}
        top = countries[0]["code"] if countries and countries[0]["code"] in focus else None
        preds[p["id"]] = (top, focus)
        raw[p["id"]] = p
        for m in p["mentions"]:
            if m[:1].islower():
                lowercase.append(f'{p["id"]}: {m}')
    return preds, lowercase, raw, elapsed


def run_geotext(items):
    preds, lowercase = {}, []
    t0 = time.perf_counter()
    for it in items:
        g = GeoText(it["title"] + "\n" + it["text"])
        counts = g.country_mentions  # OrderedDict code -> count, most mentioned first
        top = next(iter(counts), None)
        preds[it["id"]] = (top, set(counts))
        for name in g.cities + g.countries:
            if name[:1].islower():
                lowercase.append(f'{it["id"]}: {name}')
    return preds, lowercase, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", default=".build/release/GeoBench")
    ap.add_argument("--labelled", default="Benchmarks/GeoBench/labelled.jsonl")
    args = ap.parse_args()
    items = [json.loads(l) for l in open(args.labelled, encoding="utf-8") if l.strip()]

    na, na_lower, raw, na_time = run_newsalert(args.bench, args.labelled)
    gt, gt_lower, gt_time = run_geotext(items)
    rows = []
    for name, preds, lower in (("newsalert", na, na_lower), ("geotext", gt, gt_lower)):
        acc, p, r, by_tag, misses = metrics(items, preds)
        rows.append((name, acc, p, r, len(lower), by_tag, misses, lower))

    print(f"labelled stories: {len(items)}")
    print(f"{'system':<10} {'top-country acc':>16} {'set precision':>14} {'set recall':>11} {'lowercase regions':>18}")
    for name, acc, p, r, nlower, *_ in rows:
        print(f"{name:<10} {acc:>16.1%} {p:>14.1%} {r:>11.1%} {nlower:>18}")
    tags = sorted({t for it in items for t in it["tags"]})
    print("\ntop-country accuracy by trap:")
    print(f"{'tag':<16} {'n':>4} {'newsalert':>10} {'geotext':>8}")
    for t in tags:
        a, b = rows[0][5][t], rows[1][5][t]
        print(f"{t:<16} {a[1]:>4} {a[0] / a[1]:>10.0%} {b[0] / b[1]:>8.0%}")
    subs = [it for it in items if it.get("regions")]
    hit = sum(set(it["regions"]) <= set(raw[it["id"]]["focus"]) for it in subs)
    print(f"\nnewsalert subdivision focus (ISO 3166-2 labelled stories): {hit}/{len(subs)}")
    print(f"wall time over the set: newsalert {na_time * 1000:.0f} ms (incl. process start and load), "
          f"geotext {gt_time * 1000:.0f} ms")
    for name, *_, misses, lower in rows:
        print(f"\n{name} misses ({len(misses)}):")
        for m in misses:
            print("  " + m)
        if lower:
            print(f"{name} regions from lowercase words:")
            for m in lower[:20]:
                print("  " + m)
    return 0 if not rows[0][7] else 1


if __name__ == "__main__":
    sys.exit(main())
