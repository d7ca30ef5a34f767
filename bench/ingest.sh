#!/usr/bin/env bash
# Ingest benchmark: candles/s from the built-in exchange simulator through the real backfill routes into PostgreSQL,
# end to end (symbol discovery, symbol.added over RabbitMQ, kline-backfill: HTTP, JSON parse, validation, COPY into
# the candle table, progress), beside a raw psql \copy of the same rows into the same table in the same run.
#
# The app runs from the packaged jar with the demo profile's simulator (SYMBOLS synthetic Bybit perpetuals with
# DAYS of 5m history; about 15% launch later) and an exchange budget so high that the rate limiter is not what is
# measured; Binance points at a closed port so only Bybit is collected. Its rate: candles stored / (last
# backfill_progress.finished_at - first started_at). Then the app stops, the rows are exported with \copy TO, the
# candle table is truncated and the same file is loaded with \copy FROM, timed.
#
# Targets: >= 100,000 candles/s and >= half the raw \copy rate. Exits 1 when one is missed.
# Usage: bench/ingest.sh            (SYMBOLS [20], DAYS [365], BENCH_* settings: see bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SYMBOLS=${SYMBOLS:-20}
DAYS=${DAYS:-365}
DB=${BENCH_DB_PREFIX}_ingest
PORT=$(free_port)
APP_LOG=$BENCH_OUT/ingest-app.log

machine
echo "ingest: $SYMBOLS symbols x $DAYS days of 5m from the simulator, database $DB"
fresh_db "$DB"
load_start
demo_app_start "$APP_LOG" "$DB" "$SYMBOLS" "$DAYS" \
    --coinwatch.exchanges.bybit.budget=1000000 --coinwatch.simulator.limits.bybit-requests-per-window=1000000
app_wait_ready "$APP_LOG"

status_sql="SELECT count(*) FILTER (WHERE p.status = 'done') || ' ' || (SELECT count(*) FROM symbol WHERE exchange = 'bybit' AND active)
            FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'"
t0=$SECONDS
while true; do
    read -r done total < <(psql_bench -d "$DB" -c "$status_sql")
    if (( total > 0 && done == total )); then break; fi
    if (( SECONDS - t0 > 900 )); then log "backfill not done after 900 s ($done/$total)"; exit 1; fi
    if (( (SECONDS - t0) % 10 == 0 )); then
        log "backfill: $(curl -s "http://127.0.0.1:$PORT/api/v1/market-data/backfill/status?exchange=bybit" \
            | python3 -c 'import json,sys; o = json.load(sys.stdin)["overall"]; print(o["byStatus"], o["percent"], "%", o["candlesWritten"], "candles")')"
    fi
    sleep 1
done
read -r app_seconds written < <(psql_bench -d "$DB" -c "SELECT extract(epoch FROM max(p.finished_at) - min(p.started_at)) || ' ' || sum(p.candles_written)
    FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'")
app_stop
load_report

rows=$(psql_bench -d "$DB" -c "SELECT count(*) FROM candle c JOIN symbol s ON s.id = c.symbol_id WHERE s.exchange = 'bybit'")
echo "app: $rows candle rows stored ($written counted by the backfill runs) in $app_seconds s (first backfill start to last finish)"

copy_baseline

app_rate=$(calc "$rows / $app_seconds")
copy_rate=$(calc "$copied / $copy_seconds")
ratio=$(calc "$app_rate / $copy_rate")
printf 'raw \\copy: %d rows in %.2f s\n' "$copied" "$copy_seconds"
printf 'RESULT ingest: app %.0f candles/s, raw \\copy %.0f rows/s, ratio app/copy %.2f\n' "$app_rate" "$copy_rate" "$ratio"
verdict "app >= 100,000 candles/s" "$app_rate >= 100000" "$(printf '%.0f' "$app_rate") candles/s"
verdict "app >= half of raw copy" "$ratio >= 0.5" "ratio $(printf '%.2f' "$ratio")"
exit "$STATUS"
