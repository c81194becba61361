#!/usr/bin/env bash
# Builds and runs a libFuzzer target with AddressSanitizer.
#   Fuzz/run.sh feed [seconds]      the feed parser (default 180 s)
# Crashes are written to Fuzz/artifacts/<target>/; the corpus grows in a scratch copy under
# .build/fuzz/ so the seed corpus in Fuzz/corpus/<target>/ stays small and reviewed.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-}"
seconds="${2:-180}"
out=.build/fuzz
mkdir -p "$out"
case "$target" in
  feed)
    entry=Fuzz/FeedParserFuzz/FeedParserFuzz.swift
    sources=$(find Sources/Feeds -name '*.swift' | sort)
    ;;
  *)
    echo "usage: Fuzz/run.sh feed [seconds]" >&2
    exit 2
    ;;
esac
flags=(-parse-as-library -sanitize=fuzzer,address -g -O -I Sources/CLibXML2 -I "$out")
for f in $(pkg-config --cflags libxml-2.0); do flags+=(-Xcc "$f"); done
# The Feeds module may import Tokens: build it as its own module first.
swiftc "${flags[@]}" -module-name Tokens -emit-module -emit-module-path "$out/Tokens.swiftmodule" \
  -emit-library -static -o "$out/libTokens.a" Sources/Tokens/*.swift
# shellcheck disable=SC2086
swiftc "${flags[@]}" -module-name FeedsFuzz -L "$out" -lTokens -lxml2 $sources "$entry" -o "$out/$target-fuzz"
mkdir -p "Fuzz/artifacts/$target" "$out/corpus-$target"
cp -n Fuzz/corpus/"$target"/* "$out/corpus-$target/" 2>/dev/null || true
"$out/$target-fuzz" "$out/corpus-$target" "Fuzz/corpus/$target" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="Fuzz/artifacts/$target/" -print_final_stats=1
