#!/usr/bin/env bash
# Backfill throughput with one and with two market-data replicas: candles/s of N symbols x D days of 5m, the exchange
# budget far above what the replicas can send, so the figure is the processes' and the database's, not the budget's.
# Each run is a fresh deployment of its own (ReplicaBackfillBenchmark: a private PostgreSQL, broker and simulator,
# the market-data processes as separate OS processes with the heap given), so nothing shared on the machine is touched.
# No target: the figure records what a second replica adds on this machine. The raw output, the machine and the load
# average go to bench/results/<date>-replicas/.
# The replicas run with the memory defaults' collector and heap (-XX:+UseSerialGC, -Xmx$HEAP) and the JVM's JIT.
# Usage: bench/replicas.sh          (N [16], D [60], HEAP [256m])
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${N:-16}
D=${D:-60}
HEAP=${HEAP:-256m}
RESULTS=$BENCH_ROOT/bench/results/$(date -u +%Y-%m-%d)-replicas
mkdir -p "$RESULTS"

{
    machine
    echo "replicas: $N symbols x $D days of 5m, heap $HEAP per replica"
} | tee "$RESULTS/summary.txt"
load_start
# The test harness's infrastructure is private; the infrastructure chooser is told not to look for the machine's.
log=$BENCH_OUT/replicas-maven.log
COINWATCH_INFRASTRUCTURE_PREFERLOCALSERVICES=false ./mvnw -B -o test -Dtest=ReplicaBackfillBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.symbols="$N" -Dbench.days="$D" -Dbench.heap="$HEAP" > "$log" 2>&1 || { tail -40 "$log" >&2; exit 1; }
load_report | tee -a "$RESULTS/summary.txt"
# The raw figures as the benchmark printed them, with the test run's result line; the full log stays in target/bench.
grep -E '^\[replicas-bench\]|Tests run:.*ReplicaBackfillBenchmark' "$log" | tee "$RESULTS/raw.txt" | grep '^\[replicas-bench\]' \
    | tee -a "$RESULTS/summary.txt"
grep -h "Coinwatch ready in\|Backfill .* done" target/processes/bench-replicas-*.log > "$RESULTS/processes.txt" || true
