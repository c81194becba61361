#!/bin/sh
# Interleaved CPU-time comparison of FeedBench binaries (e.g. copies of main's and a branch's
# release build): ROUNDS rounds, each binary runs `throughput --runs 3` on both 10 MB bench
# feeds in turn, and the minimum per binary and feed is kept, so all binaries see the same
# neighbours. Usage: Benchmarks/FeedBench/compare.sh ROUNDS BINARY...
set -eu
rounds=$1
shift
dir=${FEEDBENCH_WORK:-.build/feedbench}
for r in $(seq "$rounds"); do
  for b in "$@"; do
    "$b" throughput --runs 3 "$dir/bench-rss-10mb.xml" "$dir/bench-atom-10mb.xml" | sed "s|^|$b |"
  done
done | python3 -c "
import json, sys
best = {}
for line in sys.stdin:
    b, j = line.split(' ', 1)
    o = json.loads(j)
    k = (o['file'].rsplit('-', 2)[-2], b)
    s, r = best.get(k, (9e9, 9e9, 0))[:2]
    best[k] = (min(s, o['seconds']), min(r, o['raw_sax_seconds']), o['items'])
for (feed, b), (s, r, n) in sorted(best.items()):
    print(f'{feed:5} {b:40} {s:.4f} s  {s / n * 1e6:6.2f} us/item  raw {r:.4f} s  {100 * r / s:5.1f} % of raw')
"
