#!/usr/bin/env bash
# Reproduces Benchmarks/MatchBench/RESULTS.md: generates the data set, then runs the Swift
# matcher and the Python anchors on it, rule set by rule set, in the same run.
# usage: Benchmarks/MatchBench/run.sh [DATA_DIR]   (from the repository root)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${1:-${TMPDIR:-/tmp}/matchbench-data}"
python3 -m pip install -q -r "$here/../requirements-matchbench.txt"
[ -f "$data/stories.jsonl" ] || python3 "$here/gen_data.py" "$data" --stories 400 --rules 100,10000,100000
swift build -c release --product MatchBench
bin="$(swift build -c release --show-bin-path)/MatchBench"
"$bin" "$data" --rules 100,10000,100000 --seconds 3
echo
echo -e "anchor\trules\tstories/s\tMB/s\tmatches/story\tbuild_s\tstories\tmatches\tpeak_RSS_MiB"
for n in 100 10000 100000; do
  python3 "$here/anchors.py" "$data" --rules "$n" --seconds 3 --naive-seconds 20
done
