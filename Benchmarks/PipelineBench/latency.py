#!/usr/bin/env python3
"""Fetch-to-webhook latency: joins nginx's access log with the receiver's log.

    latency.py ACCESS_LOG RECEIVER_LOG

ACCESS_LOG lines are "$msec $host $request_uri $status $body_bytes_sent": $msec is when nginx
finished sending the feed, i.e. the moment the item was fetched. Story URLs carry their feed's
number (https://feedNNNN.example/...), so each webhook's receipt time minus the 200 response of
that feed's request is the item's fetch-to-webhook latency. Digests are counted apart: they
wait for their window by design.
"""
import re
import statistics
import sys


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main(access, received):
    fetched = {}
    for line in open(access):
        parts = line.split()
        if len(parts) >= 4 and parts[3] == "200":
            m = re.match(r"feed(\d+)\.localhost", parts[1])
            if m:
                fetched.setdefault(int(m.group(1)), float(parts[0]))
    single, digests, unmatched = [], 0, 0
    first = last = None
    for line in open(received):
        parts = line.split()
        at, kind, urls = float(parts[0]), parts[1], parts[2:]
        first = at if first is None else min(first, at)
        last = at if last is None else max(last, at)
        if kind != "story.matched":
            digests += 1
            continue
        m = re.match(r"https://feed(\d+)\.example/", urls[0] if urls else "")
        if not m or int(m.group(1)) not in fetched:
            unmatched += 1
            continue
        single.append(at - fetched[int(m.group(1))])
    if not single:
        print("latency: no single-story webhooks received")
        return
    print(f"webhooks: {len(single)} single-story, {digests} digests, {unmatched} without a fetch record")
    print(f"fetch-to-webhook: p50 {pct(single, 50) * 1000:.0f} ms, p90 {pct(single, 90) * 1000:.0f} ms, "
          f"p99 {pct(single, 99) * 1000:.0f} ms, max {max(single) * 1000:.0f} ms, mean {statistics.mean(single) * 1000:.0f} ms")
    if fetched:
        print(f"first feed fetched -> last webhook: {last - min(fetched.values()):.2f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
