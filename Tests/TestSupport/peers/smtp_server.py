"""A real SMTP server for the delivery tests: aiosmtpd (Debian's python3-aiosmtpd).

Run with /usr/bin/python3. Listens on 127.0.0.1:PORT, prints "READY <port>" once it
accepts connections, and for every message writes N.eml (the bytes received) and N.json:
the envelope, whether TLS was active and who authenticated, and what Python's `email`
package parsed out of it (headers, parts, charsets, decoded text), so the Swift test checks
the message the way a mail client would read it.

  --cert/--key       offer STARTTLS with this certificate and require it before MAIL
  --auth USER:PASS   require AUTH (PLAIN/LOGIN), only over TLS
  --out DIR          where to write the messages
  --sink             accept and count messages without writing or parsing them (benchmarks)
"""
import argparse
import json
import os
import signal
import ssl
import threading
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from peer_lifetime import exit_when_parent_goes


def parse(raw: bytes) -> dict:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "text": part.get_content(),
        })
    lines = raw.split(b"\r\n")
    return {
        "headers": {k: str(v) for k, v in msg.items()},
        "content_type": msg.get_content_type(),
        "defects": [type(d).__name__ for d in msg.defects],
        "parts": parts,
        "max_line_octets": max(len(line) for line in lines),
        "bare_lf": b"\n" in raw.replace(b"\r\n", b""),
    }


class Handler:
    def __init__(self, out: str, sink: bool = False):
        self.out = out
        self.sink = sink
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        if self.sink:
            return "250 OK message accepted"
        raw = envelope.original_content or envelope.content
        with open(os.path.join(self.out, f"{n}.eml"), "wb") as f:
            f.write(raw)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "auth_user": (session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None),
            "message": parse(raw),
        }
        tmp = os.path.join(self.out, f"{n}.json.tmp")
        with open(tmp, "w") as f:
            json.dump(record, f)
        os.rename(tmp, os.path.join(self.out, f"{n}.json"))
        return "250 OK message accepted"



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--auth")
    ap.add_argument("--sink", action="store_true")
    args = ap.parse_args()

    tls = None
    if args.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.cert, args.key)

    kwargs = {}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            # handled=False: aiosmtpd itself answers 235 or 535 (True would leave the client waiting).
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=tls is not None)

    controller = Controller(
        Handler(args.out, args.sink), hostname="127.0.0.1", port=args.port,
        tls_context=tls, require_starttls=tls is not None, **kwargs,
    )
    controller.start()
    exit_when_parent_goes()
    print(f"READY {args.port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
