#!/usr/bin/env bash
# Legacy import benchmark: rows/s of POST /api/v1/system/legacy-import moving the Python Coinwatch's 5m klines into
# Coinwatch (pages COPYed out of the read-only legacy transaction by a reader thread, judged under CandleValidator's
# rules, COPYed into the candle table with the page's progress in one transaction), beside a raw psql \copy of the
# same rows into the same table in the same run.
#
# The legacy database is built from the test suite's DDL (src/test/resources/legacy/python-schema.sql) with KLINES
# rows over SYMBOLS symbols. The app runs from the packaged jar (roles market-data, fundamental-data and monitor, no
# exchange collection meanwhile). Its rate: kline rows read / (the kline table's finished_at - started_at in
# legacy_import_progress). Then the app stops, the imported rows are exported with \copy TO, the candle table is
# truncated and the same file is loaded with \copy FROM, timed. Raw output is kept under
# bench/results/<date>-legacy-import/.
#
# Target: >= 100,000 rows/s. Exits 1 when missed.
# Usage: bench/legacy-import.sh      (KLINES [1000000], SYMBOLS [10], PAGE_SIZE [10000], RESULTS [the raw output's folder],
#                                     BENCH_* settings: see bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

KLINES=${KLINES:-1000000}
SYMBOLS=${SYMBOLS:-10}
PAGE_SIZE=${PAGE_SIZE:-10000}
DB=${BENCH_DB_PREFIX}_legacy
SRC=${BENCH_DB_PREFIX}_legacy_source
PORT=$(free_port)
RESULTS=${RESULTS:-$BENCH_ROOT/bench/results/$(date -u +%F)-legacy-import}
mkdir -p "$RESULTS"
APP_LOG=$RESULTS/app.log
exec > >(tee "$RESULTS/output.txt") 2>&1

machine
echo "legacy-import: $KLINES klines over $SYMBOLS symbols, legacy database $SRC, Coinwatch database $DB, page size $PAGE_SIZE"
fresh_db "$DB"
fresh_db "$SRC"
psql_bench -d "$SRC" -f "$BENCH_ROOT/src/test/resources/legacy/python-schema.sql"
per_symbol=$(( KLINES / SYMBOLS ))
psql_bench -d "$SRC" -c "
    INSERT INTO market_data.symbols (name, exchange, base_asset, quote_asset, launch_time)
    SELECT 'BENCH' || i || 'USDT', 'bybit', 'BENCH' || i, 'USDT', 1577836800000 FROM generate_series(1, $SYMBOLS) i;
    INSERT INTO market_data.kline_data (symbol_id, \"timestamp\", interval, open_price, high_price, low_price, close_price, volume, turnover)
    SELECT s.id, timestamptz '2020-01-01 00:00:00+00' + n * interval '5 minutes', '5',
           (100 + sin(n / 50.0) * 10)::numeric(18,8), (101 + sin(n / 50.0) * 10)::numeric(18,8),
           (99 + sin(n / 50.0) * 10)::numeric(18,8), (100.5 + sin(n / 50.0) * 10)::numeric(18,8),
           (1000 + n % 977)::numeric(36,8), ((1000 + n % 977) * 100.25)::numeric(36,8)
    FROM market_data.symbols s, generate_series(0, $per_symbol - 1) n;
    ANALYZE;"
echo "legacy kline rows: $(psql_bench -d "$SRC" -c "SELECT count(*) FROM market_data.kline_data")"

never="0 0 0 1 1 ? 2099"
# shellcheck disable=SC2046
COINWATCH_LEGACY_IMPORT_URL="jdbc:postgresql://$BENCH_PG_HOST:$BENCH_PG_PORT/$SRC" COINWATCH_LEGACY_IMPORT_USERNAME=postgres \
app_start "$APP_LOG" "--server.port=$PORT" $(local_services "$DB") --coinwatch.roles=market-data,fundamental-data,monitor \
    --camel.main.routes-reload-enabled=false "--coinwatch.legacy-import.page-size=$PAGE_SIZE" \
    --coinwatch.exchanges.bybit.base-url=http://127.0.0.1:9 --coinwatch.exchanges.binance.base-url=http://127.0.0.1:9 \
    --coinwatch.market-data.discovery.on-startup=false "--coinwatch.market-data.discovery.cron=$never" \
    --coinwatch.fundamental.on-startup=false "--coinwatch.market-data.sync.cron=$never" \
    "--coinwatch.market-data.gap-audit.cron=$never" "--coinwatch.market-data.backfill.resume-cron=$never"
app_wait_ready "$APP_LOG"

load_start
curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/system/legacy-import" && echo
t0=$SECONDS
until [[ "$(curl -fsS "http://127.0.0.1:$PORT/api/v1/system/legacy-import" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" != running ]]; do
    if (( SECONDS - t0 > 900 )); then log "import not done after 900 s"; exit 1; fi
    sleep 1
done
load_report
curl -fsS "http://127.0.0.1:$PORT/api/v1/system/legacy-import" | python3 -m json.tool > "$RESULTS/status.json"
cat "$RESULTS/status.json"
read -r read_rows written app_seconds < <(psql_bench -d "$DB" -c "SELECT rows_read || ' ' || rows_written || ' ' ||
    extract(epoch FROM finished_at - started_at) FROM legacy_import_progress WHERE source_table = 'market_data.kline_data'")
app_stop
grep -E "Legacy import" "$APP_LOG" > "$RESULTS/app-progress.log" || true
echo "app: $read_rows kline rows read, $written written in $app_seconds s"

copy_baseline

app_rate=$(calc "$read_rows / $app_seconds")
copy_rate=$(calc "$copied / $copy_seconds")
printf 'raw \\copy: %d rows in %.2f s\n' "$copied" "$copy_seconds"
printf 'RESULT legacy-import: app %.0f rows/s, raw \\copy %.0f rows/s, ratio app/copy %.2f\n' "$app_rate" "$copy_rate" "$(calc "$app_rate / $copy_rate")"
verdict "legacy import >= 100,000 rows/s" "$app_rate >= 100000" "$(printf '%.0f' "$app_rate") rows/s"
exit "$STATUS"
