#!/usr/bin/env bash
# Throughput cost of rate limiting, side by side in one JVM: GET /me with limiting off, on, and on with the
# DynamoDB fleet quota, each hit by wrk on loopback (2 threads, 16 connections) for a bounded time per round.
#   bench/rate-limit-overhead.sh [rounds] [seconds per run]
# Starts the local Keycloak and DynamoDB Local itself. Installs wrk from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
seconds=${2:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.ratelimit.RateLimitOverheadBenchmark "$rounds" "$seconds" 2>/dev/null | grep -E '^(round|median)'
