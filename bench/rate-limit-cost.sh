#!/usr/bin/env bash
# What the gateway's shared rate limit costs the database per request (issue #20): GET /api/v1/market-data/klines/
# BTCUSDT?limit=100 with wrk at concurrency CONNECTIONS for DURATION s, the response cache on (the answer is in memory:
# what is left is the rate limit), twice against the same database in the same run:
#   baseline: coinwatch.gateway.rate-limit.local-share so small that a replica takes one token per transaction (how
#             the limit worked before: one SELECT ... FOR UPDATE transaction per request);
#   batched:  the default local-share (0.1: a tenth of the limit per transaction).
# Transactions are PostgreSQL's own count (pg_stat_database xact_commit + xact_rollback of the database), less what the
# idle app commits in as long (outbox relay, Quartz, status), measured just before each load.
# Target: batched < 0.1 transactions per request. Throughput and p99 of both are printed beside it.
# Usage: bench/rate-limit-cost.sh   (DURATION [20], CONNECTIONS [16]; BENCH_*: bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-16}
DB=${BENCH_DB_PREFIX}_ratelimit
PORT=$(free_port)
LIMIT=10000000
URL="http://127.0.0.1:$PORT/api/v1/market-data/klines/BTCUSDT?limit=100"

xacts() { psql_bench -d "$DB" -c "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = '$DB'"; }

# measure <label> <local-share>: prints "requests rps p99_ms transactions_per_request"
measure() {
    local label=$1 share=$2 out=$BENCH_OUT/ratelimit-wrk-$1.txt
    demo_app_start "$BENCH_OUT/ratelimit-app-$label.log" "$DB" 2 1 \
        "--coinwatch.gateway.rate-limit.groups.market-data=$LIMIT" "--coinwatch.gateway.rate-limit.local-share=$share"
    app_wait_ready "$BENCH_OUT/ratelimit-app-$label.log"
    wrk -t2 -c"$CONNECTIONS" -d5s "$URL" > /dev/null   # warm-up: JIT, pools, the cached answer
    local idle0 idle1 x0 x1
    idle0=$(xacts); sleep "$DURATION"; idle1=$(xacts)
    x0=$(xacts)
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$URL" > "$out"
    x1=$(xacts)
    app_stop
    cat "$out" >&2
    awk -v tx="$(( (x1 - x0) - (idle1 - idle0) ))" -v idle="$(( idle1 - idle0 ))" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        $1 == "99%" {p99 = ms($2)} /^Requests\/sec/ {rps = $2} / requests in / {n = $1} /Non-2xx/ {err += $NF}
        END {printf "%d %.1f %.3f %.4f %d %d\n", n, rps, p99, (tx < 0 ? 0 : tx) / n, idle, err}' "$out"
}

machine
echo "rate-limit cost: GET klines (cached), wrk -c $CONNECTIONS, $DURATION s each; database $DB"
fresh_db "$DB"
load_start
read -r b_n b_rps b_p99 b_tpr b_idle b_err < <(measure baseline 0.0000000001)
read -r n rps p99 tpr idle err < <(measure batched 0.1)
load_report
echo "RESULT baseline (one token per transaction): $b_n requests, $b_rps req/s, p99 $b_p99 ms, $b_tpr transactions/request (idle app: $b_idle in $DURATION s), non-2xx $b_err"
echo "RESULT batched (local-share 0.1):            $n requests, $rps req/s, p99 $p99 ms, $tpr transactions/request (idle app: $idle in $DURATION s), non-2xx $err"
echo "RESULT throughput batched / baseline: $(calc "$rps / $b_rps")"
verdict "transactions" "$tpr < 0.1" "$tpr transactions per request batched, $b_tpr before"
exit $STATUS
