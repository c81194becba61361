"""A small WebSub hub (W3C WebSub Recommendation, https://www.w3.org/TR/websub/) for the
subscriber tests, on the Python standard library only.

It listens on 127.0.0.1 (a port of its own choosing) and prints "READY <port>".

Hub endpoint, as a real hub:
  POST /hub   form-encoded hub.mode (subscribe|unsubscribe), hub.callback, hub.topic,
              hub.lease_seconds, hub.secret (§5.1). Answers 202 at once, then verifies the
              intent (§5.3) with a GET to the callback carrying hub.mode, hub.topic,
              hub.challenge and hub.lease_seconds; the subscription counts only when the
              callback answers 2xx with exactly the challenge.

Controls for the tests (not part of WebSub):
  POST /_publish?topic=T[&sign=valid|bad|none][&method=sha256]
              Distributes the request body to every verified subscriber of T (§7) with the
              request's Content-Type, Link rel=hub/self headers and X-Hub-Signature (§8),
              synchronously. Answers JSON [{"callback", "status", "sent_at"}] with sent_at
              the wall-clock time just before each push was sent.
  POST /_verify?callback=C&topic=T&mode=M
              Sends one verification of intent as told, answers {"status", "body"}.
  GET  /_state
              {"subscriptions": [...], "events": [...]}: every request and verification seen.

Options: --lease N grants N seconds whatever was asked (to test renewals).
"""
import argparse
import hashlib
import hmac
import json
import secrets
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from peer_lifetime import exit_when_parent_goes

# Never through a proxy: every peer is on loopback.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
HASHES = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512}


class Hub:
    def __init__(self, lease):
        self.lease = lease
        self.lock = threading.Lock()
        self.subscriptions = {}  # (callback, topic) -> {"secret", "lease", "expires"}
        self.events = []
        self.url = ""

    def event(self, **fields):
        fields["time"] = time.time()
        with self.lock:
            self.events.append(fields)

    def verify(self, callback, mode, topic, lease):
        """§5.3: GET the callback with a fresh challenge; True when it is echoed."""
        challenge = secrets.token_urlsafe(24)
        params = {"hub.mode": mode, "hub.topic": topic, "hub.challenge": challenge}
        if mode == "subscribe":
            params["hub.lease_seconds"] = str(lease)
        sep = "&" if urllib.parse.urlsplit(callback).query else "?"
        url = callback + sep + urllib.parse.urlencode(params)
        try:
            with OPENER.open(urllib.request.Request(url, method="GET"), timeout=10) as r:
                status, body = r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode("utf-8", "replace")
        except OSError as e:
            status, body = 0, str(e)
        return status, body, (200 <= status < 300 and body == challenge)

    def handle_request(self, form):
        mode = form.get("hub.mode", "")
        callback = form.get("hub.callback", "")
        topic = form.get("hub.topic", "")
        asked = form.get("hub.lease_seconds")
        secret = form.get("hub.secret")
        self.event(event="request", mode=mode, callback=callback, topic=topic,
                   lease_seconds=int(asked) if asked and asked.isdigit() else None,
                   secret_length=len(secret.encode()) if secret is not None else None)
        lease = self.lease or (int(asked) if asked and asked.isdigit() else 864000)

        def later():
            status, body, ok = self.verify(callback, mode, topic, lease)
            self.event(event="verified" if ok else "verification_refused", mode=mode, callback=callback,
                       topic=topic, status=status, lease_seconds=lease if mode == "subscribe" else None)
            if not ok:
                return
            with self.lock:
                if mode == "subscribe":
                    self.subscriptions[(callback, topic)] = {"secret": secret, "lease": lease, "expires": time.time() + lease}
                else:
                    self.subscriptions.pop((callback, topic), None)
        threading.Thread(target=later, daemon=True).start()

    def publish(self, topic, body, content_type, sign, method):
        """§7 content distribution, with §8 signatures, to each verified subscriber of topic."""
        with self.lock:
            targets = [(cb, dict(s)) for (cb, t), s in self.subscriptions.items() if t == topic and s["expires"] > time.time()]
        results = []
        for callback, sub in targets:
            headers = {"Content-Type": content_type or "application/octet-stream",
                       "Link": f'<{self.url}>; rel="hub", <{topic}>; rel="self"'}
            if sign != "none" and sub["secret"] is not None:
                key = sub["secret"].encode() if sign == "valid" else b"not-the-secret"
                digest = hmac.new(key, body, HASHES[method]).hexdigest()
                headers["X-Hub-Signature"] = f"{method}={digest}"
            sent_at = time.time()
            try:
                with OPENER.open(urllib.request.Request(callback, data=body, headers=headers, method="POST"), timeout=10) as r:
                    status = r.status
                    r.read()
            except urllib.error.HTTPError as e:
                status = e.code
            except OSError:
                status = 0
            self.event(event="push", callback=callback, topic=topic, sign=sign, method=method, status=status)
            if status == 410:  # §7: the subscriber no longer wants it
                with self.lock:
                    self.subscriptions.pop((callback, topic), None)
            results.append({"callback": callback, "status": status, "sent_at": sent_at})
        return results

    def state(self):
        with self.lock:
            subs = [{"callback": cb, "topic": t, "lease": s["lease"], "expires": s["expires"],
                     "secret_length": len(s["secret"].encode()) if s["secret"] is not None else None}
                    for (cb, t), s in self.subscriptions.items()]
            return {"subscriptions": subs, "events": list(self.events)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hub: Hub = None

    def log_message(self, *args):
        pass

    def body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def answer(self, status, payload, content_type="application/json"):
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if urllib.parse.urlsplit(self.path).path == "/_state":
            self.answer(200, self.hub.state())
        else:
            self.answer(404, b"not found\n", "text/plain")

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = self.body()
        if url.path == "/hub":
            form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
            if form.get("hub.mode") not in ("subscribe", "unsubscribe") or not form.get("hub.callback") or not form.get("hub.topic"):
                self.answer(400, b"hub.mode, hub.callback and hub.topic are required\n", "text/plain")
                return
            self.answer(202, b"", "text/plain")
            self.hub.handle_request(form)
        elif url.path == "/_publish":
            results = self.hub.publish(query["topic"], body, self.headers.get("Content-Type"),
                                       query.get("sign", "valid"), query.get("method", "sha256"))
            self.answer(200, results)
        elif url.path == "/_verify":
            status, text, _ = self.hub.verify(query["callback"], query.get("mode", "subscribe"), query["topic"], 600)
            self.answer(200, {"status": status, "body": text})
        else:
            self.answer(404, b"not found\n", "text/plain")



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lease", type=int, default=0, help="lease granted in seconds (0: as asked)")
    args = ap.parse_args()
    hub = Hub(args.lease)
    Handler.hub = hub
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    hub.url = f"http://127.0.0.1:{port}/hub"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    exit_when_parent_goes()
    print(f"READY {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
