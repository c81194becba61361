#!/usr/bin/env python3
"""Where fetch-to-webhook latency goes, stage by stage, for one kept PipelineBench run.

    breakdown.py WORK_DIR        (run.sh with KEEP=1 keeps it; NEWSALERT_LOG_LEVEL=debug adds
                                  the stored/claimed/sent stages from newsalert's debug lines)

Per single-story alert, from the same clock (nginx $msec, newsalert's Date(), receiver's time()):
  fetched   nginx finished sending the feed (access log, first 200 of that feed)
  started   the source got a work slot: the poll's `now`, kept as alerts.created
  stored    the poll's transaction committed          (debug line "latency: stored")
  claimed   a delivery pass took the alert            (debug line "latency: claimed")
  received  the webhook reached the receiver          (received.log)
  recorded  the attempt was committed                 (delivery_attempts.at)
"""
import re
import sqlite3
import sys


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def debug_times(path, event):
    """alert id -> time, from lines like `debug: latency: stored ... alert.ids="[1, 2]" at="1795…"`."""
    times = {}
    try:
        lines = open(path, errors="replace")
    except FileNotFoundError:
        return times
    for line in lines:
        if f"latency: {event}" not in line:
            continue
        ids = re.search(r'alert\.ids="?\[([0-9, ]*)\]', line)
        at = re.search(r'\bat="?([0-9.]+)', line)
        if ids and at:
            for i in ids.group(1).split(","):
                if i.strip():
                    times[int(i)] = float(at.group(1))
    return times


def main(work):
    fetched = {}
    for line in open(f"{work}/access.log"):
        parts = line.split()
        m = re.match(r"feed(\d+)\.localhost", parts[1]) if len(parts) >= 4 and parts[3] == "200" else None
        if m:
            fetched.setdefault(int(m.group(1)), float(parts[0]))
    received = {}
    for line in open(f"{work}/received.log"):
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "story.matched":
            received.setdefault(parts[2], float(parts[0]))
    db = sqlite3.connect(f"{work}/db/newsalert.db")
    rows = db.execute("""
        SELECT a.id, a.created, s.url, (SELECT min(at) FROM delivery_attempts d WHERE d.alert_id = a.id)
        FROM alerts a JOIN stories s ON s.id = a.story_id WHERE a.digest IS NULL""").fetchall()
    stored, claimed = debug_times(f"{work}/new.err", "stored"), debug_times(f"{work}/new.err", "claimed")
    stages = {k: [] for k in ("fetched→started", "started→stored", "stored→claimed", "claimed→received",
                              "started→received", "received→recorded", "fetched→received")}
    worst = []
    for aid, created, url, recorded in rows:
        m = re.match(r"https://feed(\d+)\.example/", url or "")
        if not m or url not in received or int(m.group(1)) not in fetched:
            continue
        f, r = fetched[int(m.group(1))], received[url]
        stages["fetched→started"].append(created - f)
        stages["started→received"].append(r - created)
        stages["fetched→received"].append(r - f)
        if recorded:
            stages["received→recorded"].append(recorded - r)
        if aid in stored and aid in claimed:
            stages["started→stored"].append(stored[aid] - created)
            stages["stored→claimed"].append(claimed[aid] - stored[aid])
            stages["claimed→received"].append(r - claimed[aid])
        worst.append((r - f, aid, created - f, stored.get(aid, created) - created,
                      claimed.get(aid, created) - stored.get(aid, created), r - claimed.get(aid, created)))
    print(f"latency breakdown over {len(worst)} single-story alerts (ms: p50 / p90 / p99 / max)")
    for name, v in stages.items():
        if v:
            print(f"  {name:<18} {pct(v, 50) * 1000:7.0f} {pct(v, 90) * 1000:7.0f} {pct(v, 99) * 1000:7.0f} {max(v) * 1000:7.0f}")
    worst.sort(reverse=True)
    cut = worst[: max(1, len(worst) // 100)]
    if cut and stored:
        n = len(cut)
        print(f"  the slowest 1 % ({n}), mean ms: queued {sum(w[2] for w in cut) / n * 1000:.0f}, "
              f"processing+commit {sum(w[3] for w in cut) / n * 1000:.0f}, waiting for a pass {sum(w[4] for w in cut) / n * 1000:.0f}, "
              f"claim→receipt {sum(w[5] for w in cut) / n * 1000:.0f}")


if __name__ == "__main__":
    main(sys.argv[1])
