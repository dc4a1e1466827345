#!/usr/bin/env bash
# Cold start of the packaged Lambda function, measured in fresh JVMs on this machine (no SnapStart here):
# handler construction, and time to the first authenticated API Gateway response, with the JVM's defaults, with
# template.yaml's JVM options, and with those and the package's class-data archive, taking turns. Medians of rounds.
#   bench/lambda-cold-start.sh [rounds]
# Starts the local Keycloak and DynamoDB Local itself (as the tests do) and builds the package first.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
./mvnw -B -q package -DskipTests
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.bulwark.lambda.ColdStartBenchmark "$rounds" 2>/dev/null | grep -E '^(round|median)'
