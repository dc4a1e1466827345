#!/usr/bin/env bash
# Throughput gained by the cache of validated tokens, side by side in one JVM: GET /me with one caller's token,
# verified on every request and cached, each hit by wrk on loopback for a bounded time per round.
#   bench/token-cache.sh [rounds] [seconds per run]
exec "$(dirname "$0")/side-by-side.sh" dev.bulwark.security.TokenCacheBenchmark "$@"
