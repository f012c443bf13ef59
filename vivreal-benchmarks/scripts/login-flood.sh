#!/usr/bin/env bash
# Cached Client API throughput alone and during a flood of password sign-ins.
#
#   vivreal-benchmarks/scripts/login-flood.sh [runs=3] [seconds=15]
#
# The server runs on core 1, both load generators on core 0 (taskset). The flood is wrk -c16
# POSTing wrong passwords to /auth/login as fast as it is answered. The per-address and
# per-account limits are raised for the run, so every attempt reaches the password hashing — the
# worst case, a flood spread over many addresses. Two server configurations:
#   bounded    the defaults: one hashing thread, 32 waiting, the rest refused with 429
#   unbounded  eight hashing threads and a deep queue (as if hashing ran on every request thread)
# Needs: wrk, python3, the built jar (./vivreal build). Prints a Markdown table of medians.
set -euo pipefail
runs=${1:-3}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
work=$(mktemp -d)
port=18710
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_healthy() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0; sleep 0.5; done; echo "server on $1 not healthy" >&2; exit 1; }

cat >"$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"email":"flood@example.com","password":"not the password"}'
wrk.headers["Content-Type"] = "application/json"
LUA

measure() { # name, extra server args...
  local name=$1
  shift
  rm -rf "$work/data"
  taskset -c 1 java "${jvm[@]}" -jar "$jar" serve --server.port=$port --vivreal.data-dir="$work/data" \
    --vivreal.login.attempts-per-address=1000000000 --vivreal.login.attempts-per-account=1000000000 "$@" \
    >"$work/server-$name.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  wait_healthy $port
  read -r key type _ < <(python3 "$root/vivreal-benchmarks/scripts/seed.py" "http://127.0.0.1:$port" 20)
  local url="http://127.0.0.1:$port/tenant/collectionObjects?collectionId=$type&limit=20"
  taskset -c 0 wrk -t1 -c32 -d"${WARMUP:-60}s" -H "Authorization: $key" "$url" >/dev/null
  taskset -c 0 wrk -t1 -c16 -d10s -s "$work/login.lua" "http://127.0.0.1:$port/auth/login" >/dev/null
  for i in $(seq 1 "$runs"); do
    alone=$(taskset -c 0 wrk -t1 -c32 -d"${seconds}s" --latency -H "Authorization: $key" "$url" \
      | python3 "$root/vivreal-benchmarks/scripts/wrkstat.py")
    taskset -c 0 wrk -t1 -c16 -d"$((seconds + 4))s" --latency -s "$work/login.lua" \
      "http://127.0.0.1:$port/auth/login" >"$work/flood.txt" &
    local flood=$!
    sleep 2
    during=$(taskset -c 0 wrk -t1 -c32 -d"${seconds}s" --latency -H "Authorization: $key" "$url" \
      | python3 "$root/vivreal-benchmarks/scripts/wrkstat.py")
    wait $flood
    logins=$(python3 "$root/vivreal-benchmarks/scripts/wrkstat.py" <"$work/flood.txt")
    echo "$name $alone $during $logins"
  done
  kill $pid
  wait $pid 2>/dev/null || true
}

{
  measure bounded
  measure unbounded --vivreal.login.hashing-threads=8 --vivreal.login.hashing-queue=10000
} >"$work/results.txt"

python3 - "$work/results.txt" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    rows[parts[0]].append([float(x) for x in parts[1:]])
print("Client API: wrk -t1 -c32 GET collectionObjects (cached, valid key); flood: wrk -t1 -c16 POST /auth/login "
      "(wrong password); server on core 1, both generators on core 0; median of %d runs.\n" % len(rows["bounded"]))
print("| hashing | Client API alone req/s | during flood req/s | ratio | p99 alone ms | p99 during ms | sign-in answers/s (401 or 429) |")
print("|---|---|---|---|---|---|---|")
for name, runs in rows.items():
    med = [statistics.median(r[i] for r in runs) for i in range(12)]
    ratio = statistics.median(r[4] / r[0] for r in runs)
    print(f"| {name} | {med[0]:.0f} | {med[4]:.0f} | {100*ratio:.0f} % | {med[2]:.1f} | {med[6]:.1f} | {med[8]:.0f} |")
print("\nThe ratio is the median of each run's during/alone (alone is measured right before during).")
print("\nRuns (alone req/s → during req/s):")
for name, runs in rows.items():
    print(f"- {name}: " + "; ".join(f"{r[0]:.0f} → {r[4]:.0f}" for r in runs))
PY
