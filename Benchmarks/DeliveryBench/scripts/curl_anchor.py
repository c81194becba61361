"""The anchor for DeliveryBench: the curl CLI posting the same webhook payloads (same body
shape and size, same Standard Webhooks headers, signed here with the same secret) with
`curl --parallel --parallel-max C -K config`, and sending the same number of emails to the
same SMTP sink with `curl --parallel`. Prints rates in DeliveryBench's format.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import subprocess
import time
from email import policy
from email.message import EmailMessage

SECRET = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")


def body(i: int) -> bytes:
    return json.dumps({
        "type": "story.matched", "owner": "alice", "rule": "iraq-strikes",
        "story": {
            "title": f"Drone attack on base near Hillah; Iran-backed militia blamed ({i})",
            "url": f"https://news.example.org/world/2024/07/30/hillah-drone-attack-{i}",
            "source": "example-wire", "published": "2024-07-30T18:04:00Z",
            "summary": "A drone struck a base near Hillah in Babil province on Tuesday, officials said; no group claimed it.",
            "regions": ["IQ", "IQ-BB"], "matched": ["drone attack", "militia"],
            "also_reported_by": [{"source": "daily-courier", "url": f"https://courier.example.com/a/{i}"}],
        },
    }, separators=(",", ":")).encode()


def quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--smtp")
    ap.add_argument("--webhooks", type=int, default=20000)
    ap.add_argument("--emails", type=int, default=1000)
    ap.add_argument("--parallel", type=int, default=64)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()

    # Webhooks: one config entry per request, each with its own signed body.
    bodies = os.path.join(args.work, "bodies")
    os.makedirs(bodies, exist_ok=True)
    cfg = os.path.join(args.work, "webhooks.curl")
    ts = str(int(time.time()))
    with open(cfg, "w") as f:
        for i in range(args.webhooks):
            b = body(i)
            path = os.path.join(bodies, f"{i}.json")
            with open(path, "wb") as bf:
                bf.write(b)
            msg_id = f"msg_newsalert_{i}"
            sig = base64.b64encode(hmac.new(SECRET, f"{msg_id}.{ts}.".encode() + b, hashlib.sha256).digest()).decode()
            if i:
                f.write("next\n")
            f.write(f"url = {quote(args.url)}\ndata-binary = {quote('@' + path)}\noutput = \"/dev/null\"\n")
            for h in ("Content-Type: application/json", f"webhook-id: {msg_id}", f"webhook-timestamp: {ts}", f"webhook-signature: v1,{sig}"):
                f.write(f"header = {quote(h)}\n")
    start = time.perf_counter()
    subprocess.run(["curl", "-s", "--parallel", "--parallel-max", str(args.parallel), "-K", cfg], check=True, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    print(f"curl --parallel webhooks: {args.webhooks} in {elapsed:.3f} s = {args.webhooks / elapsed:.0f}/s")

    if args.smtp:
        msg = os.path.join(args.work, "mail.eml")
        # A message of the same shape as ours: multipart/alternative, text + HTML, UTF-8.
        em = EmailMessage(policy=policy.SMTP)
        em["From"] = "News alerts <alerts@example.org>"
        em["To"] = "alice@example.org"
        em["Subject"] = "[iraq-strikes] Drone attack on base near Hillah; Iran-backed militia blamed"
        story = json.loads(body(0))["story"]
        text = "\n".join([story["title"], story["url"], "example-wire · 2024-07-30T18:04:00Z · IQ, IQ-BB", "", story["summary"], "",
                          "Also reported by:", "- daily-courier: https://courier.example.com/a/0", "", "----"])
        em.set_content(text, charset="utf-8", cte="quoted-printable")
        em.add_alternative("<!DOCTYPE html><html><body><h2><a href=\"%s\">%s</a></h2><p>%s</p></body></html>" % (story["url"], story["title"], story["summary"]),
                           subtype="html", charset="utf-8", cte="quoted-printable")
        with open(msg, "wb") as f:
            f.write(em.as_bytes())
        cfg = os.path.join(args.work, "mail.curl")
        with open(cfg, "w") as f:
            for i in range(args.emails):
                if i:
                    f.write("next\n")
                f.write(f"url = {quote(args.smtp)}\nmail-from = \"alerts@example.org\"\nmail-rcpt = \"alice@example.org\"\n"
                        f"upload-file = {quote(msg)}\n")
        start = time.perf_counter()
        subprocess.run(["curl", "-sS", "--parallel", "--parallel-max", "8", "-K", cfg], check=True)
        elapsed = time.perf_counter() - start
        print(f"curl --parallel emails: {args.emails} in {elapsed:.3f} s = {args.emails / elapsed:.0f}/s")


if __name__ == "__main__":
    main()
