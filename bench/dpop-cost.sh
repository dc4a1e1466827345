#!/usr/bin/env bash
# What DPoP costs a request, side by side in one JVM: GET /me with a bearer token, and with DPoP-bound tokens and a
# fresh proof per request (ES256 or PS256, made before each run, so that signing them costs the server nothing),
# its proofs recorded in memory (one instance) or in DynamoDB Local with a conditional write (the fleet's record).
# wrk on loopback.
#   bench/dpop-cost.sh [rounds] [seconds per run, at most 5]
exec "$(dirname "$0")/side-by-side.sh" dev.bulwark.security.DPoPCostBenchmark "$@"
