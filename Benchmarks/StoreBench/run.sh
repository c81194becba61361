#!/usr/bin/env bash
# Store benchmark beside its anchor, in one run (issue 4):
#   ours:   Store.recordPollResult, 50 stories per poll result, dedup + clustering, into a
#           copy of a database already holding 1,000,000 stories (the dedup window in memory,
#           loaded once before the timed polls);
#   anchor: the same rows (clusters, stories, source updates, same transactions) as plain SQL
#           through the sqlite3 shell into another copy, same schema and indexes and pragmas.
# Both end with identical story and cluster rows (checked at the end).
#   floor:  the story rows ours stored, as bare prepared INSERTs (no clusters, no dedup, no
#           SQL text), into a third copy: with the schema's indexes, with only the guid and
#           canonical-URL indexes every store needs, then with none. What
#           SQLite on this machine costs for the rows alone.
# Usage: Benchmarks/StoreBench/run.sh [STORIES=100000] [BASE=1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
STORIES=${1:-100000}
BASE=${2:-1000000}
OUT=Benchmarks/out/store
mkdir -p "$OUT"
swift build -c release --product StoreBench >/dev/null
BIN=$(swift build -c release --show-bin-path)/StoreBench
if [ ! -f "$OUT/base-$BASE.db" ]; then
  "$BIN" base "$OUT/base-$BASE.db" "$BASE"
fi
if [ "$(sqlite3 "$OUT/base-$BASE.db" "SELECT count(*) FROM grdb_migrations WHERE identifier LIKE 'v7-%'")" = 0 ]; then
  "$BIN" migrate "$OUT/base-$BASE.db"   # a base built before schema v7: upgraded in place, once
  sqlite3 "$OUT/base-$BASE.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
base_bytes=$(stat -c %s "$OUT/base-$BASE.db")
echo "base_bytes_per_story $((base_bytes / BASE))"
for name in ours anchor; do
  rm -f "$OUT/$name.db" "$OUT/$name.db-wal" "$OUT/$name.db-shm"
  cp "$OUT/base-$BASE.db" "$OUT/$name.db"
done
sync
"$BIN" ingest "$OUT/ours.db" "$STORIES" 50 "$OUT/anchor.sql"
sqlite3 "$OUT/ours.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
echo "ours_free_pages $(sqlite3 "$OUT/ours.db" "PRAGMA freelist_count") of $(sqlite3 "$OUT/ours.db" "PRAGMA page_count")"
"$BIN" lookup "$OUT/ours.db" 20000   # three passes on a fresh reader: cold cache, then warm
ours_bytes=$(stat -c %s "$OUT/ours.db")
total=$(sqlite3 "$OUT/ours.db" "SELECT count(*) FROM stories")
echo "ours_bytes_per_story $((ours_bytes / total)) (file $ours_bytes bytes, $total stories)"
echo "ours_bytes_per_added_story $(((ours_bytes - base_bytes) / (total - BASE)))"
for mode in indexes lookups bare; do
  rm -f "$OUT/floor.db" "$OUT/floor.db-wal" "$OUT/floor.db-shm"
  cp "$OUT/base-$BASE.db" "$OUT/floor.db"
  sync
  "$BIN" floor "$OUT/ours.db" "$OUT/floor.db" "$BASE" 50 "$mode"
done
rm -f "$OUT/floor.db" "$OUT/floor.db-wal" "$OUT/floor.db-shm"
start=$(date +%s.%N)
sqlite3 "$OUT/anchor.db" < "$OUT/anchor.sql" >/dev/null
end=$(date +%s.%N)
anchor_rows=$(( $(sqlite3 "$OUT/anchor.db" "SELECT count(*) FROM stories") - BASE ))
python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'anchor_stories {n}\nanchor_seconds {s:.3f}\nanchor_stories_per_second {int(n/s)}')" "$start" "$end" "$anchor_rows"
same=$(sqlite3 "$OUT/anchor.db" "ATTACH '$OUT/ours.db' AS o; SELECT (SELECT count(*) FROM (SELECT * FROM stories WHERE id > $BASE EXCEPT SELECT * FROM o.stories WHERE id > $BASE))
  + (SELECT count(*) FROM (SELECT * FROM o.stories WHERE id > $BASE EXCEPT SELECT * FROM stories WHERE id > $BASE))
  + (SELECT count(*) FROM (SELECT * FROM clusters EXCEPT SELECT * FROM o.clusters))
  + (SELECT count(*) FROM (SELECT * FROM o.clusters EXCEPT SELECT * FROM clusters));")
echo "anchor_rows_differing_from_ours $same"
