#!/usr/bin/env bash
# Throughput cost of the audit trail and metrics, side by side in one JVM: GET /me without the audit filter, with
# it, and with it and Spring Security's observations, each hit by wrk on loopback for a bounded time per round.
#   bench/audit-overhead.sh [rounds] [seconds per run]
#   AUDIT_LEVEL=WARN bench/audit-overhead.sh ...   the same without writing the audit lines (their cost apart)
BENCH_JAVA_OPTS="-Daudit.level=${AUDIT_LEVEL:-INFO}" exec "$(dirname "$0")/side-by-side.sh" \
  dev.bulwark.audit.AuditOverheadBenchmark "$@"
