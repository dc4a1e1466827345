#!/usr/bin/env bash
# Throughput cost of rate limiting, side by side in one JVM: GET /me with limiting off, on, and on with the
# DynamoDB fleet quota, each hit by wrk on loopback for a bounded time per round.
#   bench/rate-limit-overhead.sh [rounds] [seconds per run]
exec "$(dirname "$0")/side-by-side.sh" dev.bulwark.ratelimit.RateLimitOverheadBenchmark "$@"
