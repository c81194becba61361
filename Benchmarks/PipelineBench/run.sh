#!/usr/bin/env bash
# PipelineBench: the real `newsalert` release binary against 1,000 feeds on a loopback nginx
# and 10,000 rules over 100 owners, each owner's webhook going to a local receiver.
#   (a) first cycle, every item new:  `newsalert poll --once`  → stories/s through the whole
#       pipeline, fetch-to-webhook p50/p99 (nginx $msec of the feed vs receiver's receipt), RSS
#   (b) unchanged cycles, all 304:    `newsalert poll --once --all` (ROUNDS times) → wall time,
#       CPU seconds (user + sys), peak RSS
# Process wall time includes start-up (10,000 rules compiled, gazetteer loaded: ~1 s CPU); the
# cycle itself is also read from nginx's log (first request to last answer).
# Sources are feedNNNN.localhost: libcurl resolves *.localhost to 127.0.0.1 itself, and each
# name is its own registrable domain, so politeness limits apply per source as in real life.
# Run from the repository root:  [MAX_CONCURRENCY=32] [ROUNDS=3] Benchmarks/PipelineBench/run.sh [SOURCES]
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/PipelineBench
sources=${1:-1000}
rounds=${ROUNDS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/pipelinebench-XXXXXX")
nginx_pid=""; receiver_pid=""
cleanup() {
    # `wait` reports the killed peer's status (143, 137); under `set -e` that would become the
    # script's exit status, so the stop is checked by hand.
    if [ -n "$receiver_pid" ]; then kill "$receiver_pid" 2>/dev/null; wait "$receiver_pid" 2>/dev/null || true; fi
    if [ -n "$nginx_pid" ]; then kill -9 "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null || true; fi
    [ -z "${KEEP:-}" ] && rm -rf "$work"
    return 0
}
trap cleanup EXIT

if [ -z "${NEWSALERT_BIN:-}" ]; then
    swift build -c release --product newsalert >/dev/null
    NEWSALERT_BIN=$(swift build -c release --show-bin-path)/newsalert
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
feed_port=$(free_port); hook_port=$(free_port)
python3 "$here/gen_workload.py" "$work" "$feed_port" "$hook_port" --sources "$sources" --max-concurrency "${MAX_CONCURRENCY:-32}"

cat > "$work/nginx.conf" <<CONF
worker_processes 1;
daemon off;
master_process off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
    log_format feeds '\$msec \$host \$request_uri \$status \$body_bytes_sent';
    access_log $work/access.log feeds buffer=256k flush=1s;
    client_body_temp_path $work/body; proxy_temp_path $work/proxy; fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
    types { application/rss+xml xml; }
    keepalive_requests 1000000;
    open_file_cache max=20000 inactive=60s;
    gzip on; gzip_min_length 64; gzip_types application/rss+xml;
    server { listen 127.0.0.1:$feed_port backlog=4096 default_server; server_name _; root $work/www; etag on; }
}
CONF
nginx -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
nginx_pid=$!
python3 "$here/receiver.py" "$hook_port" "$work/received.log" > "$work/receiver.out" &
receiver_pid=$!
for _ in $(seq 100); do
    # Not a feed's name: a probe of feed0000 was counted as its fetch, adding seconds to its alerts.
    curl -s -o /dev/null "http://ready.localhost:$feed_port/" && grep -q READY "$work/receiver.out" && break
    sleep 0.05
done
: > "$work/access.log.keep"

measure() {  # label, then the newsalert arguments
    local label=$1; shift
    NEWSALERT_LOG_LEVEL=${NEWSALERT_LOG_LEVEL:-notice} /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" \
        "$NEWSALERT_BIN" "$@" --config "$work/config.yaml" > "$work/$label.out" 2> "$work/$label.err" || true
    read -r wall user sys rss < "$work/time.txt"
    echo "$label: wall $wall s, CPU $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s (user $user, sys $sys), peak RSS $(awk -v r="$rss" 'BEGIN { printf "%.1f", r / 1024 }') MiB — $(tr '\n' ' ' < "$work/$label.out")"
}

echo "machine: $(nproc) cores (shared with other builds, noisy), load $(cut -d' ' -f1-3 /proc/loadavg); nginx $(nginx -v 2>&1 | cut -d/ -f2); $sources sources, $(ls "$work/rules" | wc -l) rules files"
measure new poll --once
stories=$(sed -n 's/.*: \([0-9]*\) new stories.*/\1/p' "$work/new.out")
read -r wall _ < "$work/time.txt"
awk -v n="${stories:-0}" -v w="$wall" 'BEGIN { printf "all-new cycle: %d stories in %.2f s = %.0f stories/s through the whole pipeline (process start to exit)\n", n, w, n / w }'
sleep 1.5  # nginx flushes its access log buffer every second
python3 "$here/latency.py" "$work/access.log" "$work/received.log"
for round in $(seq "$rounds"); do
    seen=$(wc -l < "$work/access.log")
    measure "unchanged-$round" poll --once --all
    sleep 1.5  # let nginx flush its log
    # The cycle without process start-up (rules compile, gazetteer load): first request to last answer.
    tail -n +"$((seen + 1))" "$work/access.log" | awk '{ if (min == "" || $1 < min) min = $1; if (max == "" || $1 > max) max = $1; n++; if ($4 == 304) m++ }
        END { printf "  cycle inside the process: %d requests (%d answered 304) from first to last in %.2f s\n", n, m, max - min }'
done
codes=$(awk '{ print $4 }' "$work/access.log" | sort | uniq -c | tr '\n' ' ')
echo "nginx answers over the run (count status): $codes"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "${KEEP:-}" ] && echo "kept: $work"
exit 0
