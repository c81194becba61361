"""A webhook receiver for the delivery tests that verifies every request with the PyPI
package `standardwebhooks` (the Standard Webhooks reference implementation, written by
others), so our signatures are checked by independent code.

Run with python3 (pip install standardwebhooks). Listens on 127.0.0.1:PORT, prints
"READY <port>", and appends one JSON line per request to --log: path, webhook-id,
whether the signature verified (and why not), and the parsed body.

The path chooses the answer:
  /ok        200 (401 if the signature does not verify)
  /fail      500 with a body
  /busy      429 with Retry-After: 7
  /gone      410 with a body
  /hang      never answers (holds the connection until the client gives up)
  /flaky     500 for the first two requests with a given webhook-id, then 200
"""
import argparse
import json
import signal
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

from peer_lifetime import exit_when_parent_goes


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    webhook: Webhook = None
    log_path: str = ""
    lock = threading.Lock()
    seen = Counter()

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified, error = False, None
        try:
            self.webhook.verify(body, headers)
            verified = True
        except Exception as e:  # the library raises WebhookVerificationError
            error = f"{type(e).__name__}: {e}"
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = None
        msg_id = headers.get("webhook-id")
        with self.lock:
            self.seen[msg_id] += 1
            count = self.seen[msg_id]
            with open(self.log_path, "a") as f:
                f.write(json.dumps({
                    "path": self.path, "webhook_id": msg_id, "verified": verified, "error": error,
                    "content_type": headers.get("content-type"), "body": parsed,
                }) + "\n")
        if self.path == "/hang":
            time.sleep(3600)
            return
        if self.path == "/ok":
            self.answer(200 if verified else 401, b"ok" if verified else (error or "").encode())
        elif self.path == "/fail":
            self.answer(500, b"internal error: database is down\nplease retry")
        elif self.path == "/busy":
            self.answer(429, b"slow down", [("Retry-After", "7")])
        elif self.path == "/gone":
            self.answer(410, b"this hook was deleted by its owner")
        elif self.path == "/flaky":
            self.answer(500 if count <= 2 else 200, b"flaky")
        else:
            self.answer(404, b"no such hook")

    def answer(self, status, body, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--secret", required=True)
    ap.add_argument("--log", required=True)
    args = ap.parse_args()
    Receiver.webhook = Webhook(args.secret)
    Receiver.log_path = args.log
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Receiver)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    exit_when_parent_goes()
    print(f"READY {args.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
