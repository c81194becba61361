#!/bin/sh
# Instructions (valgrind callgrind, Ir) per item of the feed parse, of the raw libxml2 SAX pass
# and of the floor (raw pass + libxml2's HTML SAX parser over each item body, FloorSAX), one run
# each over one file. Unlike CPU time, the count does not move with the
# neighbours on the shared machine, so before/after comparisons of one change are exact.
# Usage: Benchmarks/FeedBench/instructions.sh FEEDBENCH_BINARY FEED_FILE
set -eu
bin=$1
feed=$2
out=$(mktemp)
valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" throughput --runs 1 "$feed" > "$out.json" 2>/dev/null
items=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['items'])" "$out.json")
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | python3 -c "
import re, sys
items = int(sys.argv[1])
parse = raw = floor = None
for line in sys.stdin:
    m = re.match(r'\s*([\d,]+)\s', line)
    if not m: continue
    n = int(m.group(1).replace(',', ''))
    if parse is None and 'DocumentParserO5parse' in line: parse = n
    if raw is None and 'RawSAXO4pass' in line: raw = n
    if floor is None and 'FloorSAXO4pass' in line: floor = n
print(f'items {items}  parse {parse:,} Ir = {parse / items:,.0f}/item  raw SAX {raw:,} Ir = {raw / items:,.0f}/item  raw/parse {100 * raw / parse:.1f} %')
print(f'floor (raw + HTML SAX per body) {floor:,} Ir = {floor / items:,.0f}/item  raw/floor {100 * raw / floor:.1f} %  floor/parse {100 * floor / parse:.1f} %')
" "$items"
rm -f "$out" "$out.json"
