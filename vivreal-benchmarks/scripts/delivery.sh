#!/usr/bin/env bash
# Delivery pipeline: publish-to-delivered latency at 100 publications/s, the most deliveries per
# second one instance sustains on the embedded store, and the fairness figure (another group's
# hanging receivers). The server runs on core 1, the load and the receivers on core 0.
#
#   vivreal-benchmarks/scripts/delivery.sh [runs=3]
#
# Needs: python3, taskset, the built jar (./vivreal build). Prints one result line per run.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
work=$(mktemp -d)
port=18720
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_healthy() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null && return 0; sleep 0.5; done; echo "server not healthy" >&2; exit 1; }

run() { # mode, numbers...
  rm -rf "$work/data"
  VIVREAL_OUTBOUND_ALLOWLIST=127.0.0.1 VIVREAL_DATA_DIR="$work/data" VIVREAL_PORT=$port \
    taskset -c 1 java "${jvm[@]}" -jar "$jar" serve >"$work/server.log" 2>&1 &
  pid=$!
  wait_healthy
  taskset -c 0 python3 "$root/vivreal-benchmarks/scripts/delivery.py" "http://127.0.0.1:$port" "$work/data" "$jar" "$@"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
}

for i in $(seq 1 "$runs"); do
  run latency 100 20
  run throughput 2000 8
  run fairness 50 20
done
