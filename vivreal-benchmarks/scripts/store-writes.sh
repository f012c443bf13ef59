#!/usr/bin/env bash
# Item writes per second from 8 concurrent writers through the Management API on the embedded
# store, and the store file's size after those writes, next to the data it holds.
#
#   vivreal-benchmarks/scripts/store-writes.sh [runs=3] [items=10000]
#
# Each run starts the packaged server (core 1, -Xmx256m as ./vivreal runs it) on a fresh data
# directory, seeds one group and writes <items> items with 8 writers (seed.py, core 0), then waits
# SETTLE seconds (default 30) for the store's housekeeping. It reports item writes/s, the file
# size right after the writes and after settling, and the data: the sum of every database's
# dataSize (BSON bytes, storestats.py). JARS="a.jar b.jar" compares builds, alternating them run
# by run (default: vivreal-app/target/vivreal.jar). Prints a Markdown table of medians and every run,
# with the server's CPU time per item write (utime+stime of the server process during the writes,
# the number least disturbed by other load on a shared machine), and each build's data per collection.
set -euo pipefail
runs=${1:-3}
items=${2:-10000}
settle=${SETTLE:-30}
root=$(cd "$(dirname "$0")/../.." && pwd)
scripts="$root/vivreal-benchmarks/scripts"
read -r -a jars <<<"${JARS:-$root/vivreal-app/target/vivreal.jar}"
work=$(mktemp -d)
free_port() { local p; while :; do p=$((20000 + RANDOM % 40000)); ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return; }; done; }
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_healthy() { for _ in $(seq 1 1200); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0; sleep 0.5; done; echo "not healthy" >&2; exit 1; }

one_run() { # jar -> "writes/s file-after-writes-MB file-settled-MB data-MB load cpu-ms-per-write"
  local jar=$1 data="$work/data-$RANDOM"
  port=$(free_port)
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  taskset -c 1 java "${jvm[@]}" -jar "$jar" serve --server.port=$port --vivreal.data-dir="$data" >"$work/server.log" 2>&1 &
  pid=$!
  wait_healthy
  local ticks cpu0 cpu1
  ticks=$(getconf CLK_TCK)
  cpu0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  SEED_STATS="$work/seed.txt" VIVREAL_DATA_DIR="$data" taskset -c 0 python3 "$scripts/seed.py" \
    "http://127.0.0.1:$port" "$items" "java -jar $jar" >/dev/null
  local rate peak settled bytes
  cpu1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  rate=$(cut -d' ' -f1 "$work/seed.txt")
  peak=$(stat -c %s "$data/vivreal.mv.db")
  sleep "$settle"
  settled=$(stat -c %s "$data/vivreal.mv.db")
  bytes=$(python3 "$scripts/storestats.py" "$(cat "$data/embedded-store.port")")
  python3 "$scripts/storestats.py" "$(cat "$data/embedded-store.port")" collections >"$work/collections-$(basename "$jar").txt" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  rm -rf "$data"
  echo "$rate $(( peak / 1048576 )).$(( peak % 1048576 * 10 / 1048576 )) $(( settled / 1048576 )).$(( settled % 1048576 * 10 / 1048576 )) $(python3 -c "print(f'{$bytes/1048576:.1f}')") $load $(python3 -c "print(f'{($cpu1-$cpu0)*1000/$ticks/$items:.2f}')")"
}

declare -A results
for run in $(seq 1 "$runs"); do
  for jar in "${jars[@]}"; do
    results[$jar]+="$(one_run "$jar");"
  done
done

args=()
for jar in "${jars[@]}"; do args+=("$jar" "${results[$jar]}"); done
python3 - "$items" "$settle" "${args[@]}" <<'PY'
import sys, statistics
items, settle, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
print(f"{items} items written by 8 concurrent writers through POST /api/groups/{{id}}/content-types/{{id}}/items;"
      f" server on core 1 (-Xmx256m), writers on core 0; file measured right after the writes and after {settle} s; median of runs.\n")
print("| build | item writes/s | server CPU ms per write | file after writes MB | file settled MB | data (BSON) MB | settled file / data |")
print("|---|---|---|---|---|---|---|")
runs_text = []
for jar, text in zip(rest[::2], rest[1::2]):
    rows = [list(map(float, r.split())) for r in text.split(";") if r.strip()]
    m = [statistics.median(r[i] for r in rows) for i in range(6)]
    print(f"| {jar.split('/')[-1]} | {m[0]:.0f} | {m[5]:.1f} | {m[1]:.1f} | {m[2]:.1f} | {m[3]:.1f} | {m[2] / m[3]:.1f}× |")
    runs_text.append(f"- {jar.split('/')[-1]}: " + "; ".join(f"{r[0]:.0f}/s, {r[5]:.1f} ms CPU/write, {r[1]:.1f} → {r[2]:.1f} MB, data {r[3]:.1f} MB (load {r[4]:.2f})" for r in rows))
print("\nRuns:")
print("\n".join(runs_text))
PY
for jar in "${jars[@]}"; do
  echo; echo "Data per collection after the last run of $(basename "$jar") (BSON bytes, documents):"
  echo '```'; cat "$work/collections-$(basename "$jar").txt"; echo '```'
done
