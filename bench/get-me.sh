#!/usr/bin/env bash
# GET /me through Bulwark's whole stack (rate limits on, with a limit no run reaches; audit on, as by default) next to
# two peers that only check the token, all three against one real Keycloak (dev realm) and one alice token:
#   bench/peers/spring-resource-server  the resource server of the Spring Security reference (same Boot version)
#   bench/peers/node-article            Express + jsonwebtoken as the usual article writes it, one process
# Each server is its own process pinned to one core (taskset -c $SERVER_CPU); wrk, hey, Keycloak and DynamoDB Local
# run on another ($LOAD_CPU). Per server a warm-up, then $ROUNDS rounds in which wrk hits every server in turn for
# $RUN_SECONDS (so ratios come from one round), then an open-loop run with hey at OPEN_LOOP_WORKERS x OPEN_LOOP_RATE
# requests/s, then the same rate paced evenly by the comparison itself (as wrk2 does it: each of OPEN_LOOP_WORKERS
# kept-alive connections on its own schedule, the schedules staggered, each latency counted from the moment the
# schedule meant to send the request), then each server's resident memory (VmRSS, and the peak VmHWM, from /proc).
# Prints each round, then one table: req/s median (range), p99 median, open-loop p50 and p99, RSS; and Bulwark's
# ratios to both peers (medians of the rounds' ratios) next to the goals of issue #11; the open loop's p50, p99 and
# p99.9 inside Bulwark, from the time its audit line records for each request (without the client, loopback and
# Tomcat's hand-over); and a table of the paced open loop for the three servers.
#   bench/get-me.sh
# Settings (environment variables, defaults in brackets):
#   WARMUP_SECONDS [30]  wrk against each server before the rounds, untimed
#   TIMELINE_WINDOWS [0]  that many windows of RUN_SECONDS of wrk right after each server answers, before the next
#                         one starts: req/s per window, and the CPU its JIT compilers used so far (the warm-up curve)
#   ROUNDS [3]  RUN_SECONDS [10]  CONNECTIONS [32]  WRK_THREADS [2]     the closed-loop rounds (wrk)
#   OPEN_LOOP_SECONDS [15]  OPEN_LOOP_WORKERS [10]  OPEN_LOOP_RATE [100]  hey -z -c -q (rate per worker)
#   SERVER_CPU [1]  LOAD_CPU [0]   cores for the servers, and for the load generators and Keycloak
#   BUILD [yes]   no: reuse the jars and node_modules already built
# The Java servers (Bulwark and the Spring peer alike) run with the JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX that the
# Dockerfile sets (ENV ...=...), or without either if it sets none. Server logs and the raw wrk and hey output go to
# target/get-me/. Installs wrk and hey from Debian's packages if they are missing; Maven and npm fetch the rest.
# Stops everything it started when it exits.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null || ! command -v hey >/dev/null; then
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk hey >/dev/null
fi

spring_peer=bench/peers/spring-resource-server
node_peer=bench/peers/node-article
if [ "${BUILD:-yes}" != no ]; then
  ./mvnw -B -q package -DskipTests
  ./mvnw -B -q -f "$spring_peer/pom.xml" package
  (cd "$node_peer" && npm ci --no-audit --no-fund --loglevel=error)
fi
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
bulwark_jar=$(ls target/bulwark-*.jar | grep -E '^target/bulwark-[0-9.]+(-SNAPSHOT)?\.jar$')
spring_jar=$(ls "$spring_peer"/target/spring-resource-server-*.jar | grep -v -- '-plain.jar$' | head -1)

# The JVM settings the container ships, for both Java servers; none if the Dockerfile sets none.
dockerfile_env() {
  sed -n -E "s/^ENV[[:space:]]+$1[[:space:]]*=[[:space:]]*\"?([^\"]*)\"?[[:space:]]*$/\1/p" Dockerfile | tail -1
}
java_tool_options=$(dockerfile_env JAVA_TOOL_OPTIONS)
malloc_arena_max=$(dockerfile_env MALLOC_ARENA_MAX)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -m | awk '/^Mem:/ {print $2}') MB"
echo "java: $(java -version 2>&1 | head -1); node: $(node --version); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

out=target/get-me
rm -rf "$out"
mkdir -p "$out"
# Its own process group (job control), so that the trap stops the comparison, the servers and Keycloak together.
set -m
SERVER_JAVA_TOOL_OPTIONS="$java_tool_options" SERVER_MALLOC_ARENA_MAX="$malloc_arena_max" taskset -c "${LOAD_CPU:-0}" \
  java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" dev.bulwark.support.GetMeComparison \
  "$bulwark_jar" "$spring_jar" "$node_peer" "$out" 2>"$out/comparison.log" &
comparison=$!
set +m
trap 'kill -TERM -- "-$comparison" 2>/dev/null || true; wait "$comparison" 2>/dev/null || true' EXIT INT TERM
wait "$comparison"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
