#!/usr/bin/env bash
# Runs every benchmark in turn (never two at once: they would measure each other) and prints each one's RESULT and
# target lines at the end; exits 1 when any target was missed. Full outputs go to target/bench/<name>.out, each
# script's raw output to bench/results/<date>-<name>/.
# Usage: bench/run-all.sh [name...]   (default: indicators ingest backfill gateway-latency memory-startup legacy-import)
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench
status=0
for name in "${@:-indicators ingest backfill gateway-latency memory-startup legacy-import}"; do
    for bench in $name; do
        echo "== bench/$bench.sh ($(date -u +%H:%M:%S))"
        if ! "bench/$bench.sh" > "target/bench/$bench.out" 2>&1; then
            status=1
        fi
        grep -E '^(machine|date|load average|RESULT|target|ta4j \/)' "target/bench/$bench.out" || tail -5 "target/bench/$bench.out"
    done
done
exit "$status"
