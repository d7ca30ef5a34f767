#!/usr/bin/env bash
# Backfill wall-time benchmark: N symbols x D days of 5m under a request budget of BUDGET requests a minute, against
# the lower bound that budget sets: requests needed / budget. Requests needed: one page of at most 1,000 candles per
# symbol and 1,000 five-minute steps of its range (as BackfillPlan cuts them), plus the instruments-info listing pages
# (what bybit-request sent beyond the kline pages: 1 below 1,000 instruments).
# The token bucket (SourceGuard) starts full with a tenth of the window as burst, so the tightest bound is
# (requests - burst) / budget; both bounds are printed. Wall time: first backfill start to last backfill finish
# (backfill_progress.started_at / finished_at), with the listing request's time before it added from the request
# count. The Bybit request route's exchange count (Prometheus, routeId bybit-request) confirms nothing else was sent.
#
# The app runs from the packaged jar with the demo profile's simulator; the live sync and the gap audit are moved out
# of the run (their crons far in the future) so only the backfill spends the budget; Binance points at a closed port.
# Target: wall time within 10% of the lower bound (wall <= 1.1 x requests / budget). Exits 1 when missed.
# Usage: bench/backfill.sh          (N [60], D [60], BUDGET [600] per minute; BENCH_* settings: see bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

N=${N:-60}
D=${D:-60}
BUDGET=${BUDGET:-600}
DB=${BENCH_DB_PREFIX}_backfill
PORT=$(free_port)
APP_LOG=$BENCH_OUT/backfill-app.log

machine
echo "backfill: $N symbols x $D days of 5m, budget $BUDGET requests/min, database $DB"
fresh_db "$DB"
load_start
demo_app_start "$APP_LOG" "$DB" "$N" "$D" \
    "--coinwatch.exchanges.bybit.budget=$BUDGET" --coinwatch.exchanges.bybit.budget-window=1m
app_wait_ready "$APP_LOG"

status_sql="SELECT count(*) FILTER (WHERE p.status = 'done') || ' ' || (SELECT count(*) FROM symbol WHERE exchange = 'bybit' AND active)
              || ' ' || count(*) FILTER (WHERE p.status = 'failed')
            FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'"
t0=$SECONDS
while true; do
    read -r done total failed < <(psql_bench -d "$DB" -c "$status_sql")
    if (( total > 0 && done == total )); then break; fi
    if (( SECONDS - t0 > 1200 )); then log "backfill not done after 1200 s ($done/$total)"; exit 1; fi
    (( (SECONDS - t0) % 15 == 0 )) && log "backfill: $done of $total symbols done, $failed failed"
    sleep 1
done
read -r wall pages < <(psql_bench -d "$DB" -c "
    SELECT extract(epoch FROM max(p.finished_at) - min(p.started_at)) || ' ' ||
           sum(ceil((extract(epoch FROM p.range_end - p.range_start) / 300 + 1) / 1000))
    FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'")
prometheus=$(curl -s "http://127.0.0.1:$PORT/actuator/prometheus")
route_count() { awk -v id="routeId=\"$1\"" '/^camel_exchanges_total\{/ && index($0, id) {printf "%d", $NF}' <<< "$prometheus"; }
sent=$(route_count bybit-request)
# The listing pages are the requests that were not kline pages (the listing route loops over its pages).
listing_pages=$(( ${sent:-0} - $(route_count bybit-kline-page) ))
app_stop
load_report

needed=$(( ${pages%.*} + listing_pages ))
rate=$(calc "$BUDGET / 60")
burst=$(calc "$BUDGET / 10")
bound=$(calc "$needed / $rate")
bucket_bound=$(calc "($needed - $burst) / $rate")
# The listing was sent before the first backfill started, at the budget's pace.
wall_total=$(calc "$wall + $listing_pages / $rate")
ratio=$(calc "$wall_total / $bound")
echo "requests needed: $needed ($pages kline pages for $done symbols, $listing_pages listing); sent through bybit-request: ${sent:-unknown}"
printf 'RESULT backfill: wall %.1f s, lower bound %.1f s (requests / budget), bucket bound %.1f s ((requests - burst %s) / budget), ratio wall/bound %.3f\n' \
    "$wall_total" "$bound" "$bucket_bound" "$burst" "$ratio"
verdict "wall within 10% of requests / budget" "$ratio <= 1.10" "ratio $(printf '%.3f' "$ratio")"
exit "$STATUS"
