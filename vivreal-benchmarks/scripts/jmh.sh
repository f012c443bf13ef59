#!/usr/bin/env bash
# Runs the JMH benchmarks several times and prints every run's score and the median per benchmark.
#
#   vivreal-benchmarks/scripts/jmh.sh [jmh arguments...]     (e.g. a benchmark regex: Primitives)
#
# RUNS (default 3) runs of vivreal-benchmarks/target/benchmarks.jar, built first unless
# SKIP_BUILD=1. Each run's CSV and log, and the load average around it, go to
# bench-results/jmh-<time>/ (ignored by git). The load average is recorded because other work on
# the machine makes the numbers worse and noisier.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$root/vivreal-benchmarks/target/benchmarks.jar"
runs=${RUNS:-3}
out="$root/bench-results/jmh-$(date +%Y%m%d-%H%M%S)-$$"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$root" && mvn -B -q -ntp -DskipTests package -pl vivreal-benchmarks -am)
fi
mkdir -p "$out"
for run in $(seq 1 "$runs"); do
  echo "run $run/$runs: load before $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt" >&2
  # English number format, so the CSV's decimal separator is a dot
  java -Duser.language=en -Duser.country=US -jar "$jar" -rf csv -rff "$out/run-$run.csv" "$@" >"$out/run-$run.log" 2>&1
  echo "run $run/$runs: load after  $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt" >&2
done

# One row per benchmark and mode (percentiles of sampled benchmarks included): each run, median.
awk -F, -v runs="$runs" '
  FNR == 1 { next }
  {
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    key = $1 SUBSEP $2
    if (!(key in count)) { order[++rows] = key; unit[key] = $7 }
    scores[key, ++count[key]] = $5 + 0
  }
  END {
    printf "%-68s %-6s", "Benchmark", "Mode"
    for (r = 1; r <= runs; r++) printf " %11s", "run " r
    printf " %11s  %s\n", "median", "Units"
    for (n = 1; n <= rows; n++) {
      key = order[n]; split(key, part, SUBSEP); c = count[key]
      for (i = 1; i <= c; i++) v[i] = scores[key, i]
      for (i = 2; i <= c; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
      median = (c % 2) ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2
      sub(/^io\.vivreal\.benchmarks\./, "", part[1])
      printf "%-68s %-6s", part[1], part[2]
      for (i = 1; i <= c; i++) printf " %11.3f", scores[key, i]
      printf " %11.3f  %s\n", median, unit[key]
    }
  }' "$out"/run-*.csv | tee "$out/summary.txt"
echo "results: $out" >&2
