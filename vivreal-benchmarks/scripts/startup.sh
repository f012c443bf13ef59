#!/usr/bin/env bash
# Time-to-healthy and idle memory of `./vivreal serve`.
#
#   vivreal-benchmarks/scripts/startup.sh [runs]      (default 3 runs)
#
# Builds the server jar first if the launcher would (so build time is never measured), then for
# each run: starts `./vivreal serve` on a free port with a fresh, empty VIVREAL_DATA_DIR, measures
# the wall time from launch until GET /actuator/health answers 200, lets it idle IDLE_SECONDS
# (default 10), reads the java process's resident set size (VmRSS), and stops it with SIGTERM.
# Prints one row per run and the medians. Because other work on the machine inflates wall time,
# each row also shows the load average before the run and the CPU time (user + system) the JVM had
# consumed when it became healthy, which contention changes less, and the CPU time every other
# process on the machine used meanwhile (the contention itself). WAIT_QUIET=1 waits (up to 10
# minutes) before each run until the machine is under 10% busy for 3 s. NICE=<n> runs the server
# under `nice -n <n>` (negative needs root).
# LOG_DIR=<dir> keeps each run's server log there. JAVA_OPTS is passed through to the launcher, which appends it to its own JVM flags (handy for
# trying a flag before adopting it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
runs=${1:-3}
idle_seconds=${IDLE_SECONDS:-10}
timeout_seconds=${TIMEOUT_SECONDS:-120}

# The launcher's own staleness test: any source or build file newer than the jar.
stale() {
  [[ ! -f "$jar" ]] && return 0
  [[ -n "$(find "$root" -path "$root/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$jar" -print -quit)" ]]
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! ss -Hltn "sport = :$port" | grep -q .; then
      echo "$port"
      return
    fi
  done
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

tick=$(getconf CLK_TCK)
# user + system CPU time of a process so far, in milliseconds
cpu_ms() { awk -v tick="$tick" '{ print int(($14 + $15) * 1000 / tick) }' "/proc/$1/stat"; }
# CPU time all processes on the machine have used since boot, in milliseconds
machine_busy_ms() { awk -v tick="$tick" '/^cpu / { print int(($2 + $3 + $4 + $7 + $8 + $9) * 1000 / tick) }' /proc/stat; }

wait_quiet() {
  local deadline=$(( $(date +%s) + 600 )) before
  while (( $(date +%s) < deadline )); do
    before=$(machine_busy_ms)
    sleep 3
    # under 10% of all cores' time: 3 s x cores x 0.1
    if (( $(machine_busy_ms) - before < 300 * $(nproc) )); then return; fi
  done
  echo "startup.sh: the machine stayed busy; measuring anyway" >&2
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

if stale; then
  "$root/vivreal" build
fi
if stale; then
  echo "startup.sh: the jar is still older than some source; ./vivreal serve would rebuild it" >&2
  exit 1
fi

pid=""
data_dir=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  if [[ -n "$data_dir" ]]; then rm -rf "$data_dir"; fi
}
trap cleanup EXIT

nice_cmd=()
if [[ -n "${NICE:-}" ]]; then nice_cmd=(nice -n "$NICE"); fi

healthy_ms=()
cpu_at_healthy_ms=()
rss_mb=()
row() { printf '%-6s %-16s %11s %14s %12s %13s %12s\n' "$@"; }
row run load-before healthy-ms cpu-ms@healthy other-cpu-ms spring-says-s idle-rss-MB
for run in $(seq 1 "$runs"); do
  data_dir=$(mktemp -d /tmp/vivreal-startup-XXXXXX)
  port=$(free_port)
  log="$data_dir/serve.log"
  if [[ "${WAIT_QUIET:-0}" == 1 ]]; then wait_quiet; fi
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  busy_before=$(machine_busy_ms)
  start=$(now_ms)
  # the launcher execs java, so $! is the JVM's pid
  VIVREAL_PORT=$port VIVREAL_DATA_DIR="$data_dir/data" "${nice_cmd[@]}" "$root/vivreal" serve >"$log" 2>&1 &
  pid=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health" || true)" == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "startup.sh: the server exited; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    if (( $(now_ms) - start > timeout_seconds * 1000 )); then
      echo "startup.sh: not healthy after ${timeout_seconds}s" >&2
      exit 1
    fi
    sleep 0.05
  done
  elapsed=$(( $(now_ms) - start ))
  cpu=$(cpu_ms "$pid")
  others=$(( $(machine_busy_ms) - busy_before - cpu ))
  sleep "$idle_seconds"
  rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  started=$(sed -n 's/.*Started .* in \([0-9.]*\) seconds.*/\1/p' "$log")
  kill -TERM "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  wait "$pid" 2>/dev/null || true
  pid=""
  if [[ -n "${LOG_DIR:-}" ]]; then mkdir -p "$LOG_DIR" && cp "$log" "$LOG_DIR/serve-$run.log"; fi
  rm -rf "$data_dir"
  data_dir=""
  healthy_ms+=("$elapsed")
  cpu_at_healthy_ms+=("$cpu")
  rss_mb+=("$(( rss_kb / 1024 ))")
  row "$run" "$load" "$elapsed" "$cpu" "$others" "${started:-?}" "$(( rss_kb / 1024 ))"
done
row median "" "$(printf '%s\n' "${healthy_ms[@]}" | median)" "$(printf '%s\n' "${cpu_at_healthy_ms[@]}" | median)" "" "" \
  "$(printf '%s\n' "${rss_mb[@]}" | median)"
