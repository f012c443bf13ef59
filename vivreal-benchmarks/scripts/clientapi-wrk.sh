#!/usr/bin/env bash
# Client API throughput and latency with wrk, side by side with nginx serving the same bytes.
#
#   vivreal-benchmarks/scripts/clientapi-wrk.sh [runs=3] [seconds=15]
#
# The server (and nginx) run on core 1, wrk on core 0 (taskset). Three targets, interleaved per run:
#   nginx     the exact response bytes of the route, from a file (1 worker)
#   vivreal   GET /tenant/collectionObjects?collectionId=...&limit=20 with a valid key, warm
#   mvc       the same route on a second server with the lean path off (--vivreal.lean-path=false,
#             every request through Spring MVC), seeded alike, running at the same time (issue 13)
#   noauth    the same route on a server whose authorizer always allows one fixed tenant
#             (FixedTenantAuthorizerConfiguration, added from the benchmarks jar via loader.path);
#             NOAUTH=0 leaves it out
#   BASELINE_JAR=<vivreal.jar of an earlier build>: the second server runs that jar with the lean
#             path on instead of the "mvc" target — before/after in the same minutes, alternating
#             runs (issue 13 item 1, second round)
# Also prints the bytes on the wire of the answer plain, in gzip and in br.
# Needs: wrk, nginx (apt-get install wrk nginx-light), python3, the built jars
# (mvn -q -DskipTests package). Prints a Markdown table of medians and every run.
set -euo pipefail
runs=${1:-3}
seconds=${2:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/vivreal-app/target/vivreal.jar"
benchjar="$root/vivreal-benchmarks/target/original-benchmarks.jar" # module classes only, not the shaded JMH jar
work=$(mktemp -d)
port=18700; nport=18701; noauth_port=18702; mvc_port=18703
jvm=(-XX:+UseSerialGC -Xms64m -Xmx256m -XX:ReservedCodeCacheSize=64m -Xss512k)
cleanup() { kill "${pids[@]}" 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"; }
pids=()
trap cleanup EXIT
# JFR_DIR=<dir>: each server records a JFR profile to <dir>/<lean|mvc|noauth>.jfr (read it with jfr-top.py)
jfr() { [[ -n "${JFR_DIR:-}" ]] && echo "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=$JFR_DIR/$1.jfr" || true; }

wait_healthy() { for _ in $(seq 1 ${HEALTH_WAIT:-480}); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0; sleep 0.5; done; echo "server on $1 not healthy" >&2; exit 1; }

taskset -c 1 java "${jvm[@]}" $(jfr lean) ${SERVER_JVM_OPTS:-} -jar "$jar" serve --server.port=$port --vivreal.data-dir="$work/data" ${SERVER_ARGS:-} >"$work/server.log" 2>&1 &
pids+=($!)
if [[ -n "${BASELINE_JAR:-}" ]]; then
  second=(-jar "$BASELINE_JAR" serve); second_name="baseline ($(basename "$(dirname "$BASELINE_JAR")")/$(basename "$BASELINE_JAR")), valid key, lean path"
else
  second=(-jar "$jar" serve --vivreal.lean-path=false); second_name="vivreal Client API, valid key, lean path off (Spring MVC)"
fi
taskset -c 1 java "${jvm[@]}" $(jfr mvc) ${SERVER_JVM_OPTS:-} "${second[@]}" --server.port=$mvc_port --vivreal.data-dir="$work/mvc-data" ${SERVER_ARGS:-} >"$work/mvc.log" 2>&1 &
mvc_pid=$!
pids+=($mvc_pid)
wait_healthy $port
wait_healthy $mvc_port
read -r key type group dbkey bucket < <(python3 "$root/vivreal-benchmarks/scripts/seed.py" "http://127.0.0.1:$port" 20)
read -r mvc_key mvc_type _rest < <(python3 "$root/vivreal-benchmarks/scripts/seed.py" "http://127.0.0.1:$mvc_port" 20)
url_path="/tenant/collectionObjects?collectionId=$type&limit=20"
mvc_path="/tenant/collectionObjects?collectionId=$mvc_type&limit=20"
curl -s "http://127.0.0.1:$port$url_path" -H "Authorization: $key" -o "$work/body.json"
bytes=$(wc -c <"$work/body.json")
wire() { curl -s "http://127.0.0.1:$port$url_path" -H "Authorization: $key" -H "Accept-Encoding: $1" -o "$work/wire" -D "$work/wire-headers"; echo "$(wc -c <"$work/wire") ($(grep -i '^content-encoding' "$work/wire-headers" | tr -d '\r' | cut -d' ' -f2))"; }
echo "Bytes on the wire: plain $bytes; gzip $(wire gzip); br $(wire 'gzip, br')"

chmod 755 "$work"
mkdir -p "$work/www/tenant"
cp "$work/body.json" "$work/www/tenant/collectionObjects"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
worker_cpu_affinity 10;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nport;
    location /tenant/ { root $work/www; default_type application/json; }
  }
}
NGINX
taskset -c 1 nginx -c "$work/nginx.conf"

wrk_run() { # url [wrk options] -> "rps p50 p99 non2xx"
  local url=$1
  shift
  taskset -c 0 wrk -t1 -c32 -d"${seconds}s" --latency "$@" "$url" | python3 "$root/vivreal-benchmarks/scripts/wrkstat.py"
}

# warm up the JIT and the read model: a Spring application on one core is still compiling after
# half a minute of load, so measure after a minute
warmup=${WARMUP:-60}
taskset -c 0 wrk -t1 -c32 -d"${warmup}s" -H "Authorization: $key" "http://127.0.0.1:$port$url_path" >/dev/null
taskset -c 0 wrk -t1 -c32 -d"${warmup}s" -H "Authorization: $mvc_key" "http://127.0.0.1:$mvc_port$mvc_path" >/dev/null

declare -a nginx_runs vivreal_runs mvc_runs gzip_runs noauth_runs
for i in $(seq 1 "$runs"); do
  echo "run $i: $(uptime)" >&2
  nginx_runs+=("$(wrk_run "http://127.0.0.1:$nport$url_path")")
  vivreal_runs+=("$(wrk_run "http://127.0.0.1:$port$url_path" -H "Authorization: $key")")
  mvc_runs+=("$(wrk_run "http://127.0.0.1:$mvc_port$mvc_path" -H "Authorization: $mvc_key")")
  gzip_runs+=("$(wrk_run "http://127.0.0.1:$port$url_path" -H "Authorization: $key" -H "Accept-Encoding: gzip")")
done
kill "${pids[0]}" "$mvc_pid"; wait "${pids[0]}" "$mvc_pid" 2>/dev/null || true

if [[ "${NOAUTH:-1}" == 1 ]]; then
taskset -c 1 java "${jvm[@]}" $(jfr noauth) ${SERVER_JVM_OPTS:-} -cp "$jar" -Dloader.main=io.vivreal.app.VivrealMain -Dloader.path="$benchjar" \
  org.springframework.boot.loader.launch.PropertiesLauncher serve --server.port=$noauth_port \
  --vivreal.data-dir="$work/data" --vivreal.benchmark.fixed-tenant="$group:$dbkey:$bucket" ${SERVER_ARGS:-} >"$work/noauth.log" 2>&1 &
pids+=($!)
wait_healthy $noauth_port
check=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$noauth_port$url_path")
[[ "$check" == 200 ]] || { echo "noauth server refused a keyless request ($check)" >&2; exit 1; }
taskset -c 0 wrk -t1 -c32 -d"${warmup}s" "http://127.0.0.1:$noauth_port$url_path" >/dev/null
for i in $(seq 1 "$runs"); do
  noauth_runs+=("$(wrk_run "http://127.0.0.1:$noauth_port$url_path")")
done
else
  noauth_runs=("0 0 0 0")
fi

python3 - "$bytes" "$second_name" "${nginx_runs[@]}" "--" "${vivreal_runs[@]}" "--" "${noauth_runs[@]}" "--" "${mvc_runs[@]}" "--" "${gzip_runs[@]}" <<'PY'
import sys, statistics
bytes_=sys.argv[1]; second=sys.argv[2]; rest=sys.argv[3:]
groups=[]; cur=[]
for a in rest:
    if a=="--": groups.append(cur); cur=[]
    else: cur.append([float(x) for x in a.split()])
groups.append(cur)
names=["nginx (same bytes from a file)","vivreal Client API, valid key","vivreal Client API, authorizer off",
       second,"vivreal Client API, valid key, Accept-Encoding: gzip"]
med=[[statistics.median(r[i] for r in g) for i in range(4)] for g in groups]
print(f"Response body: {bytes_} bytes; wrk -t1 -c32, server and nginx on core 1, wrk on core 0; median of {len(groups[0])} runs.\n")
print("| target | requests/s | p50 ms | p99 ms | vs nginx | non-2xx |")
print("|---|---|---|---|---|---|")
for n,m in zip(names,med):
    print(f"| {n} | {m[0]:.0f} | {m[1]:.2f} | {m[2]:.2f} | {100*m[0]/med[0][0]:.0f} % | {m[3]:.0f} |")
if med[2][0] > 0:
    print(f"\nAuthorizer cost: {100*(1-med[1][0]/med[2][0]):.1f} % of throughput (valid key vs authorizer off).\n")
print(f"Lean path vs {second}: {med[1][0]/med[3][0]:.2f}x requests/s, p99 {med[1][2]:.2f} vs {med[3][2]:.2f} ms.\n")
print("Runs (requests/s, p50 ms, p99 ms):")
for n,g in zip(names,groups):
    print(f"- {n}: " + "; ".join(f"{r[0]:.0f}, {r[1]:.2f}, {r[2]:.2f}" for r in g))
PY
