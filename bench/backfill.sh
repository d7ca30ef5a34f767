#!/usr/bin/env bash
# Backfill wall-time benchmark: N symbols x D days of 5m under the app's real request budget (BUDGET requests per
# WINDOW; the default 300 per 5 s is the app's own, half of Bybit's 600 per 5 s), against the lower bound that budget
# sets: requests needed / budget. Requests needed: one page of at most 1,000 candles per symbol and 1,000 five-minute
# steps of its range (as BackfillPlan cuts them), plus the instruments-info listing pages (what bybit-request sent
# beyond the kline pages: 1 below 1,000 instruments).
# The token bucket (SourceGuard) starts full with a tenth of the budget as burst, so the tightest bound is
# (requests - burst) / budget; both bounds are printed. Wall time: first backfill start to last backfill finish
# (backfill_progress.started_at / finished_at), with the listing request's time before it added from the request
# count. The Bybit request route's exchange count (Prometheus, routeId bybit-request) confirms nothing else was sent.
#
# The exchange simulator runs in a process of its own (it is not the pipeline), with Bybit's real IP limit (600 per
# 5 s). The app runs from the packaged jar with the demo profile pointed at it; the live sync and the gap audit are
# moved out of the run (their crons far in the future) so only the backfill spends the budget; Binance points at a
# closed port. Size: the issue asks for at least 10,000,000 candles (N=100 D=365 gives about 10.5 million less the
# symbols the simulator launches later); smaller N / D are for trying the script out.
# Targets: wall time within 10% of the lower bound (wall <= 1.1 x requests / budget), and at least MIN_CANDLES
# candles stored. Exits 1 when one is missed. Raw output: bench/results/<date>-backfill/ (summary, backfill status,
# the Bybit request counts, the app's log tail).
# Usage: bench/backfill.sh          (N [100], D [365], BUDGET [300], WINDOW [5] s, MIN_CANDLES [10000000];
#                                    BENCH_* settings: see bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${N:-100}
D=${D:-365}
BUDGET=${BUDGET:-300}
WINDOW=${WINDOW:-5}
MIN_CANDLES=${MIN_CANDLES:-10000000}
DB=${BENCH_DB_PREFIX}_backfill
PORT=$(free_port)
APP_LOG=$BENCH_OUT/backfill-app.log

results_init backfill
machine
echo "backfill: $N symbols x $D days of 5m, budget $BUDGET requests per $WINDOW s, database $DB"
df -h "$BENCH_OUT" | awk 'NR == 2 {print "disk: " $4 " free"}'
fresh_db "$DB"
simulator_start "$(free_port)" "symbols=$N" "history-days=$D"
load_start
demo_app_start "$APP_LOG" "$DB" "$N" "$D" \
    "--coinwatch.exchanges.bybit.budget=$BUDGET" "--coinwatch.exchanges.bybit.budget-window=${WINDOW}s"
app_wait_ready "$APP_LOG"

backfill_wait 3600
read -r wall pages candles < <(psql_bench -d "$DB" -c "
    SELECT extract(epoch FROM max(p.finished_at) - min(p.started_at)) || ' ' ||
           sum(ceil((extract(epoch FROM p.range_end - p.range_start) / 300 + 1) / 1000)) || ' ' || sum(p.candles_written)
    FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'")
prometheus=$(curl -s "http://127.0.0.1:$PORT/actuator/prometheus")
grep -E '^camel_exchanges_(total|failed_total)\{.*routeId="bybit-' <<< "$prometheus" > "$(raw_file bybit-route-counts.txt)" || true
curl -s "http://127.0.0.1:$PORT/api/v1/market-data/backfill/status?exchange=bybit" \
    | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["overall"], indent=1))' > "$(raw_file backfill-status.json)"
route_count() { awk -v id="routeId=\"$1\"" '/^camel_exchanges_total\{/ && index($0, id) {printf "%d", $NF}' <<< "$prometheus"; }
sent=$(route_count bybit-request)
# The listing pages are the requests that were not kline pages (the listing route loops over its pages).
listing_pages=$(( ${sent:-0} - $(route_count bybit-kline-page) ))
app_stop
simulator_stop
load_report
keep_tail "$APP_LOG" app-log-tail.txt

needed=$(( ${pages%.*} + listing_pages ))
rate=$(calc "$BUDGET / $WINDOW")
burst=$(calc "$BUDGET / 10")
bound=$(calc "$needed / $rate")
bucket_bound=$(calc "($needed - $burst) / $rate")
# The listing was sent before the first backfill started, at the budget's pace.
wall_total=$(calc "$wall + $listing_pages / $rate")
ratio=$(calc "$wall_total / $bound")
echo "candles stored: $candles"
echo "requests needed: $needed ($pages kline pages for $done symbols, $listing_pages listing); sent through bybit-request: ${sent:-unknown}"
printf 'RESULT backfill: wall %.1f s, lower bound %.1f s (requests / budget), bucket bound %.1f s ((requests - burst %s) / budget), ratio wall/bound %.3f\n' \
    "$wall_total" "$bound" "$bucket_bound" "$burst" "$ratio"
verdict "wall within 10% of requests / budget" "$ratio <= 1.10" "ratio $(printf '%.3f' "$ratio")"
verdict "at least $MIN_CANDLES candles" "$candles >= $MIN_CANDLES" "$candles candles"
exit "$STATUS"
