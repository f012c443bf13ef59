#!/usr/bin/env bash
# A content type with 10,000 items on the embedded store: latency of a filtered + sorted page,
# served through the read model (warm) and with the read model off (every request queries the
# store), and the heap the run needs under -Xmx256m.
#
#   vivreal-benchmarks/scripts/collection-10k.sh [runs=3] [seconds=15]
set -euo pipefail
runs=${1:-3}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
work=$(mktemp -d)
port=18710
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
pid=""
cleanup() { [[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
wait_healthy() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0; sleep 0.5; done; exit 1; }
start() { # extra args
  taskset -c 1 java "${jvm[@]}" -jar "$jar" serve --server.port=$port --vivreal.data-dir="$work/data" "$@" >>"$work/server.log" 2>&1 &
  pid=$!
  wait_healthy
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

start
read -r key type group _ _ < <(VIVREAL_DATA_DIR="$work/data" python3 "$root/vivreal-benchmarks/scripts/seed.py" \
  "http://127.0.0.1:$port" 10000 "java -jar $jar")
query="/tenant/collectionObjects?collectionId=$type&filters%5Bgenre%5D=drama&sort=rating:desc&limit=20"
total=$(curl -s "http://127.0.0.1:$port$query" -H "Authorization: $key" | python3 -c 'import json,sys;print(json.load(sys.stdin)["data"]["totalCount"])')

wrk_run() {
  taskset -c 0 wrk -t1 -c8 -d"${seconds}s" --latency -H "Authorization: $key" "http://127.0.0.1:$port$query" | python3 "$root/vivreal-benchmarks/scripts/wrkstat.py"
}
heap() { jcmd "$pid" GC.run >/dev/null; jcmd "$pid" GC.heap_info | awk '/def new generation|tenured generation/ {for(i=1;i<=NF;i++) if ($i=="used") {gsub("K,","",$(i+1)); s+=$(i+1)}} END {printf "%.0f", s/1024}'; }

taskset -c 0 wrk -t1 -c8 -d10s -H "Authorization: $key" "http://127.0.0.1:$port$query" >/dev/null
warm=(); for i in $(seq 1 "$runs"); do warm+=("$(wrk_run)"); done
warm_heap=$(heap)
stop

start --vivreal.read-model.ttl=0s
taskset -c 0 wrk -t1 -c8 -d10s -H "Authorization: $key" "http://127.0.0.1:$port$query" >/dev/null
cold=(); for i in $(seq 1 "$runs"); do cold+=("$(wrk_run)"); done
cold_heap=$(heap)
gc_max=$(grep -c "OutOfMemoryError" "$work/server.log" || true)

python3 - "$total" "$warm_heap" "$cold_heap" "$gc_max" "${warm[@]}" "--" "${cold[@]}" <<'PY'
import sys, statistics
total, warm_heap, cold_heap, ooms = sys.argv[1:5]
rest = sys.argv[5:]; i = rest.index("--"); warm = [list(map(float, r.split())) for r in rest[:i]]; cold = [list(map(float, r.split())) for r in rest[i+1:]]
def med(g, k): return statistics.median(r[k] for r in g)
print(f"10,000 items, filter genre=drama ({total} match), sort rating:desc, limit 20; wrk -t1 -c8; server on core 1 with -Xmx256m; median of {len(warm)} runs.\n")
print("| path | requests/s | p50 ms | p99 ms | live heap after full GC |")
print("|---|---|---|---|---|")
print(f"| read model (warm) | {med(warm,0):.0f} | {med(warm,1):.2f} | {med(warm,2):.2f} | {warm_heap} MB |")
print(f"| read model off: every request queries the embedded store | {med(cold,0):.0f} | {med(cold,1):.2f} | {med(cold,2):.2f} | {cold_heap} MB |")
print(f"\nOutOfMemoryErrors in the server log: {ooms}.\n")
print("Runs: warm " + "; ".join(f"{r[0]:.0f}, {r[1]:.2f}, {r[2]:.2f}" for r in warm) + " | off " + "; ".join(f"{r[0]:.0f}, {r[1]:.2f}, {r[2]:.2f}" for r in cold))
PY
