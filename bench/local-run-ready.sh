#!/usr/bin/env bash
# Time from `./mvnw spring-boot:test-run` to the printed curl commands (Keycloak up, realm imported, DynamoDB
# Local up, app started, tokens fetched). Prints each run and the median.
#   bench/local-run-ready.sh [runs] [cold|warm]
# cold: Keycloak unpacked and built again each run (a fresh clone whose ~/.m2 already holds the downloads);
# warm: Keycloak already built in target/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
mode=${2:-warm}
./mvnw -B -q test-compile >/dev/null
times=()
for i in $(seq "$runs"); do
  [ "$mode" = cold ] && rm -rf target/keycloak target/dependency-maven-plugin-markers
  log=$(mktemp)
  start=$(date +%s.%N)
  ./mvnw -B spring-boot:test-run >"$log" 2>&1 &
  pid=$!
  until grep -q '^curl -i .*/me ' "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "run $i failed:"; tail -20 "$log"; exit 1; fi
    sleep 0.2
  done
  end=$(date +%s.%N)
  elapsed=$(echo "$end - $start" | bc)
  times+=("$elapsed")
  printf 'run %d: %.1f s\n' "$i" "$elapsed"
  pkill -P "$pid" 2>/dev/null || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  # The local run's JVM owns Keycloak; give its shutdown hook time to stop it before the next run.
  while pgrep -f QuarkusEntryPoint >/dev/null || pgrep -f TestBulwarkApplication >/dev/null; do sleep 0.5; done
  rm -f "$log"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median of %d %s runs: %.1f s\n", NR, "'"$mode"'", (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
