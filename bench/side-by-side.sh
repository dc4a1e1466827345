#!/usr/bin/env bash
# Runs one of the side-by-side throughput benchmarks (dev.bulwark.support.SideBySide) on the test class path.
#   bench/side-by-side.sh <benchmark class> [rounds] [seconds per run]
# Starts the local Keycloak and DynamoDB Local itself. Installs wrk from Debian's packages if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=$1
shift
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  "$benchmark" "$@" 2>/dev/null | grep -E '^(round|median)'
