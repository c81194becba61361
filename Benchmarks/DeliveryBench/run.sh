#!/usr/bin/env bash
# DeliveryBench in one run, beside its anchor (the curl CLI posting/sending the same payloads
# in parallel). Starts nginx (answering 204) and aiosmtpd (sink mode) on free loopback ports,
# runs the Swift benchmark, then the curl anchors, and stops the peers.
#   Benchmarks/DeliveryBench/run.sh [WEBHOOKS] [EMAILS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20000}; M=${2:-1000}; C=${3:-64}
WORK=$(mktemp -d /tmp/deliverybench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

HTTP_PORT=$(free_port)
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    location / { return 204; }
  }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" -g 'daemon off;' & PIDS+=($!)

SMTP_PORT=$(free_port)
mkdir -p "$WORK/mail"
/usr/bin/python3 Tests/TestSupport/peers/smtp_server.py --port "$SMTP_PORT" --out "$WORK/mail" --sink > "$WORK/smtp.out" & PIDS+=($!)
for _ in $(seq 50); do grep -q READY "$WORK/smtp.out" 2>/dev/null && curl -s -o /dev/null "http://127.0.0.1:$HTTP_PORT/" && break; sleep 0.1; done

if [ -z "${BIN:-}" ]; then
  swift build -c release --product DeliveryBench >/dev/null
  BIN=$(swift build -c release --show-bin-path)/DeliveryBench
fi
echo "== DeliveryBench (N=$N webhooks, M=$M emails, concurrency $C)"
"$BIN" --webhook-url "http://127.0.0.1:$HTTP_PORT/hook" --smtp-url "smtp://127.0.0.1:$SMTP_PORT" \
       --webhooks "$N" --emails "$M" --concurrency "$C"

echo "== anchor: curl CLI, same payloads"
python3 Benchmarks/DeliveryBench/scripts/curl_anchor.py --url "http://127.0.0.1:$HTTP_PORT/hook" \
        --smtp "smtp://127.0.0.1:$SMTP_PORT" --webhooks "$N" --emails "$M" --parallel "$C" --work "$WORK"
