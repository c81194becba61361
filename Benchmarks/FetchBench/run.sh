#!/usr/bin/env bash
# FetchBench: 10,000 small feed files on a loopback nginx; fetch all cold, then revalidate all
# (304) through newsalert's HTTPClient, with the curl CLI fetching the same list as the anchor
# (curl --parallel --parallel-max 50 -K list). Run from the repository root:
#   Benchmarks/FetchBench/run.sh [FILES]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-10000}
work=$(mktemp -d "${TMPDIR:-/tmp}/fetchbench-XXXXXX")
nginx_pid=""
cleanup() { if [ -n "$nginx_pid" ]; then kill -9 "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi; rm -rf "$work"; }
trap cleanup EXIT

swift build -c release --product FetchBench >/dev/null
bench=$(swift build -c release --show-bin-path)/FetchBench

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/www/feeds"
python3 - "$work/www/feeds" "$files" <<'PY'
import sys
folder, count = sys.argv[1], int(sys.argv[2])
for n in range(count):
    items = "".join(
        f"<item><title>Story {n}-{i}: council approves river crossing repairs</title>"
        f"<link>https://news{n % 97}.example.org/{n}/{i}</link><guid>https://news{n % 97}.example.org/{n}/{i}</guid>"
        f"<pubDate>Tue, 30 Jul 2024 {i:02d}:04:00 GMT</pubDate>"
        f"<description>Officials said work on crossing {n} would begin in the spring, item {i}.</description></item>"
        for i in range(6))
    with open(f"{folder}/{n:05d}.rss", "w") as out:
        out.write(f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
                  f"<link>https://news{n % 97}.example.org/</link>{items}</channel></rss>\n")
PY
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
    types { application/rss+xml rss; }
    keepalive_requests 1000000;
    open_file_cache max=20000 inactive=60s;
    gzip on; gzip_min_length 64; gzip_types application/rss+xml;
    server { listen 127.0.0.1:$port backlog=4096; root $work/www; etag on; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
nginx_pid=$!
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/feeds/00000.rss" && break; sleep 0.05; done

: > "$work/urls.txt"; : > "$work/curl.list"
for n in $(seq 0 $((files - 1))); do
    url=$(printf 'http://127.0.0.1:%d/feeds/%05d.rss' "$port" "$n")
    echo "$url" >> "$work/urls.txt"
    printf 'url = "%s"\noutput = "/dev/null"\n' "$url" >> "$work/curl.list"
done

anchor() {
    /usr/bin/time -f "%e %M" -o "$work/time.txt" \
        curl --parallel --parallel-max 50 --compressed --no-progress-meter -K "$work/curl.list"
    read -r seconds rss < "$work/time.txt"
    awk -v n="$files" -v s="$seconds" -v r="$rss" -v label="$1" \
        'BEGIN { printf "curl CLI  %-11s %6d transfers in %6.2f s = %7.0f transfers/s  (peak RSS %.1f MiB)\n", label, n, s, n / s, r / 1024 }'
}

rounds=${ROUNDS:-3}
echo "machine: $(nproc) cores (shared with other builds, noisy), load $(cut -d' ' -f1-3 /proc/loadavg), $(curl --version | head -1 | cut -d' ' -f1-2), nginx $(nginx -v 2>&1 | cut -d/ -f2); $files files, $rounds rounds"
for round in $(seq "$rounds"); do
    anchor cold | tee -a "$work/results.txt"
    "$bench" "$work/urls.txt" --connections 50 --in-flight 200 | tee -a "$work/results.txt"
done
# Medians over the rounds: the machine is shared, so single runs swing by 2x.
python3 - "$work/results.txt" <<'PY'
import re, statistics, sys
rates, rss = {}, {}
for line in open(sys.argv[1]):
    m = re.match(r"(curl CLI|newsalert)\s+(\S+)\s+\d+ transfers in\s+[\d.]+ s =\s+(\d+) transfers/s", line)
    if m:
        rates.setdefault(f"{m[1]} {m[2]}", []).append(int(m[3]))
    m = re.search(r"(curl CLI|newsalert).*peak RSS ([\d.]+) MiB", line)
    if m:
        rss.setdefault(m[1], []).append(float(m[2]))
median = {k: statistics.median(v) for k, v in rates.items()}
print("median transfers/s:", ", ".join(f"{k} {v:.0f}" for k, v in median.items()))
print("max peak RSS MiB:", ", ".join(f"{k} {max(v):.1f}" for k, v in rss.items()))
cold, anchor, warm = median["newsalert cold"], median["curl CLI cold"], median["newsalert revalidate"]
print(f"cold / curl CLI = {cold / anchor:.2f} (target >= 0.8); revalidate / cold = {warm / cold:.2f} (target >= 1.0); "
      f"peak RSS {max(rss['newsalert']):.1f} MiB (target <= 100)")
PY
