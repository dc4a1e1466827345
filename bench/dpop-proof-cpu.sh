#!/usr/bin/env bash
# CPU time per DPoP proof checked, by the algorithm the client signs it with (ES256, PS256).
#   bench/dpop-proof-cpu.sh [rounds] [proofs per round]
# BENCH_JAVA names another java to run it on (e.g. a newer JDK, as Lambda's java21 runtime is).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
"${BENCH_JAVA:-java}" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.security.DPoPProofCostBenchmark "${1:-5}" "${2:-500}"
