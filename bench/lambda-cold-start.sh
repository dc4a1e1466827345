#!/usr/bin/env bash
# Cold start of the packaged Lambda function, measured in fresh JVMs on this machine (no SnapStart here):
# handler construction, and time to the first authenticated API Gateway response. Medians of several runs.
#   bench/lambda-cold-start.sh [runs]
# Starts the local Keycloak and DynamoDB Local itself (as the tests do) and builds the package first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.lambda.ColdStartBenchmark "$runs" 2>/dev/null | grep -E '^(run|median)'
