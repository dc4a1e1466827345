#!/usr/bin/env bash
# CPU time per refused junk token: refused unverified at an address over its allowance of failed
# authentications, refused by a signature check, and a valid token verified for comparison.
#   bench/junk-token-cost.sh [rounds] [tokens per round]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.ratelimit.JunkTokenCostBenchmark "${1:-5}" "${2:-20000}"
