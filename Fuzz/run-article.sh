#!/bin/sh
# Builds and runs the libFuzzer target for the HTML article extractor.
#   Fuzz/run-article.sh [SECONDS] [extra libFuzzer flags...]
# The binary is built from the Feeds sources with -sanitize=fuzzer,address (it is not a
# SwiftPM target: SwiftPM cannot build a fuzzer main). New inputs go to .build/fuzz/article-new
# (keep the seed corpus small and hand-made); crashes are written to .build/fuzz/crashes/.
set -eu
cd "$(dirname "$0")/.."
seconds="${1:-60}"
[ $# -gt 0 ] && shift
out=.build/fuzz
mkdir -p "$out" "$out/crashes" "$out/article-new"
extra=""
if grep -rqs "^import Tokens" Sources/Feeds; then
    swiftc -parse-as-library -sanitize=fuzzer,address -O -module-name Tokens -emit-module \
        -emit-module-path "$out/Tokens.swiftmodule" -emit-object -o "$out/Tokens.o" Sources/Tokens/*.swift
    extra="-I $out $out/Tokens.o"
fi
# shellcheck disable=SC2046,SC2086
swiftc -sanitize=fuzzer,address -O -parse-as-library -module-name ArticleFuzz \
    -I Sources/CLibXML2 -I /usr/include/libxml2 -lxml2 $extra \
    $(find Sources/Feeds -name '*.swift' | sort) Fuzz/ArticleFuzz/main.swift \
    -o "$out/article-fuzz"
exec "$out/article-fuzz" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build/fuzz/crashes/ "$@" .build/fuzz/article-new Fuzz/corpus/article
