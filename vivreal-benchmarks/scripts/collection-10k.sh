#!/usr/bin/env bash
# A content type with 10,000 items on the embedded store: latency of a filtered + sorted page,
# served through the read model (warm), with the read model off (every request renders: from the
# in-memory collection index, issue 13 item 4), and with the read model and the index off (every
# request queries the store), and the heap each needs under -Xmx256m.
#
#   vivreal-benchmarks/scripts/collection-10k.sh [runs=3] [seconds=15]
#   ITEMS=50000 TYPES=5 vivreal-benchmarks/scripts/collection-10k.sh   # 50,000 items over 5 types
#   CONFIGS="index store" ...   # a subset of: served index store
#   DATA=/tmp/c10k ...          # keep the seeded store there and reuse it on the next run
#   JFR_DIR=/tmp/jfr ...        # a JFR profile per configuration (<config>.jfr)
#   WARMUP=30                   # seconds of load before the measured runs, per configuration
#   SERVER_ARGS="--vivreal.index.group-share=1"   # more arguments for every server start
set -euo pipefail
runs=${1:-3}
seconds=${2:-15}
items=${ITEMS:-10000}
types=${TYPES:-1}
configs=${CONFIGS:-served index store}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
work=$(mktemp -d)
data=${DATA:-$work/data}
port=18710
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; [[ -n "${DATA:-}" ]] && cp "$work/server.log" "$DATA/server.log" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_healthy() { for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0; sleep 0.5; done; exit 1; }
start() { # extra args
  local jfr=()
  [[ -n "${JFR_DIR:-}" && -n "${config:-}" ]] && jfr=("-XX:StartFlightRecording=filename=$JFR_DIR/$config.jfr,settings=profile")
  # shellcheck disable=SC2086
  taskset -c 1 java "${jvm[@]}" "${jfr[@]}" -jar "$jar" serve --server.port=$port --vivreal.data-dir="$data" "$@" ${SERVER_ARGS:-} >>"$work/server.log" 2>&1 &
  pid=$!
  wait_healthy
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
args_for() {
  case "$1" in
    served) echo "" ;;
    index) echo "--vivreal.read-model.ttl=0s --vivreal.index.enabled=true" ;;
    store) echo "--vivreal.read-model.ttl=0s --vivreal.index.enabled=false" ;;
  esac
}

start
if [[ -s "$data/seed.out" ]]; then
  read -r key type group _ _ others <"$data/seed.out"
else
  SEED_STATS="$data/seed.stats" SEED_TYPES="$types" VIVREAL_DATA_DIR="$data" python3 "$root/vivreal-benchmarks/scripts/seed.py" \
    "http://127.0.0.1:$port" "$items" "java -jar $jar" >"$work/seed.out"
  cp "$work/seed.out" "$data/seed.out"
  read -r rate took <"$data/seed.stats"
  echo "seeded $items items through the Management API (8 writers): $rate item writes/s over ${took} s;" \
    "store file right after: $(du -m "$data/vivreal.mv.db" | cut -f1) MB"
  read -r key type group _ _ others <"$work/seed.out"
fi
query="/tenant/collectionObjects?collectionId=$type&filters%5Bgenre%5D=drama&sort=rating:desc&limit=20"
total=$(curl -s "http://127.0.0.1:$port$query" -H "Authorization: $key" | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["totalCount"])')
stop

# with several types, every request asks for the next type's page in turn, so all are indexed
rotate=()
if [[ -n "${others:-}" ]]; then
  {
    echo "local paths = {"
    for t in $type ${others//,/ }; do echo "  \"${query/collectionId=$type/collectionId=$t}\","; done
    echo "}"
    echo "local i = 0"
    echo "request = function() i = i % #paths + 1; return wrk.format(nil, paths[i]) end"
  } >"$work/rotate.lua"
  rotate=(-s "$work/rotate.lua")
fi
wrk_run() {
  taskset -c 0 wrk -t1 -c8 -d"${seconds}s" --latency "${rotate[@]}" -H "Authorization: $key" "http://127.0.0.1:$port$query" | python3 "$root/vivreal-benchmarks/scripts/wrkstat.py"
}
heap() { jcmd "$pid" GC.run >/dev/null; jcmd "$pid" GC.heap_info | awk '/def new generation|tenured generation/ {for(i=1;i<=NF;i++) if ($i=="used") {gsub("K,","",$(i+1)); s+=$(i+1)}} END {printf "%.0f", s/1024}'; }

results=()
for config in $configs; do
  # shellcheck disable=SC2046
  start $(args_for "$config")
  taskset -c 0 wrk -t1 -c8 -d"${WARMUP:-30}s" "${rotate[@]}" -H "Authorization: $key" "http://127.0.0.1:$port$query" >/dev/null
  rows=(); for i in $(seq 1 "$runs"); do rows+=("$(wrk_run) $(cut -d' ' -f1 /proc/loadavg)"); done
  results+=("$config" "$(heap)" "${rows[@]}" "--")
  stop
done
ooms=$(grep -c "OutOfMemoryError" "$work/server.log" || true)

python3 - "$items" "$types" "$total" "$ooms" "${results[@]}" <<'PY'
import sys, statistics
items, types, total, ooms = sys.argv[1:5]
rest = sys.argv[5:]
names = {"served": "read model on (as served)",
         "index": "read model off, collection index on: every request renders from the index",
         "store": "read model off, index off: every request queries the embedded store"}
groups = []
while rest:
    i = rest.index("--"); block = rest[:i]; rest = rest[i + 1:]
    groups.append((block[0], block[1], [list(map(float, r.split())) for r in block[2:]]))
print(f"{int(items):,} items in {types} type(s); the page: filter genre=drama ({total} match) of the first type"
      + (f" and of each other type in turn" if int(types) > 1 else "") + ", "
      f"sort rating:desc, limit 20; wrk -t1 -c8; server on core 1 with -Xmx256m; median of {len(groups[0][2])} runs.\n")
print("| path | requests/s | p50 ms | p99 ms | non-2xx | live heap after full GC | load average |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, heap, rows in groups:
    med = lambda k: statistics.median(r[k] for r in rows)
    print(f"| {names[name]} | {med(0):.0f} | {med(1):.2f} | {med(2):.2f} | {med(3):.0f} | {heap} MB | {med(4):.1f} |")
print(f"\nOutOfMemoryErrors in the server logs: {ooms}.\n")
for name, heap, rows in groups:
    print(f"Runs ({name}): " + "; ".join(f"{r[0]:.0f} req/s, p50 {r[1]:.2f}, p99 {r[2]:.2f} (load {r[4]:.1f})" for r in rows))
PY
