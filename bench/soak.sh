#!/usr/bin/env bash
# A bounded soak of the Boot app with a mixed workload over all roles (place with idempotency keys and retries,
# list with cursors, read, confirm, ship, cancel, forged tokens), DynamoDB stalling for 5 s and Keycloak down for
# 10 s in the middle; ends with a reconciliation of the orders table against what clients were told.
#   bench/soak.sh [seconds]   (60 by default)
# Starts the local Keycloak and DynamoDB Local itself; exits 1 on a 5xx outside the fault windows or a lost or
# doubled write.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.SoakBenchmark "${1:-60}" 2>/dev/null | grep -E '^(requests|5xx|reconciliation|fault|timeline|  |retry|key|[a-z(][a-z (),]+ +[0-9]+ requests)'
