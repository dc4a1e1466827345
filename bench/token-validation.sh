#!/usr/bin/env bash
# What validating one access token costs (JMH, microseconds per token, 3 forks × 5 s after 5 s of warm-up): a bare
# RS256 signature check, the application's decoder with every claim check, and the decoder with the caller resolved.
#   bench/token-validation.sh [extra JMH options, e.g. -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main 'dev.bulwark.security.TokenValidationBenchmark' "$@"
