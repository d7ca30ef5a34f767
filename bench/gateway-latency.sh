#!/usr/bin/env bash
# Gateway latency benchmark: GET /api/v1/market-data/klines/BTCUSDT?limit=1000 (the latest 1,000 5m candles) with wrk
# at concurrency 16 for DURATION s, beside pgbench running the same SQL the gateway runs for that request (the symbol
# lookup of SymbolCatalog.find, then CandleStore.read's range scan, prepared like pgjdbc does) at -c 16 -j 2 for the
# same time, in the same run against the same database. p50 / p99 / throughput of each, and the ratio of the p99s.
#
# The gateway's response cache (coinwatch.gateway.cache.*) would answer nearly every request from memory, so the app
# runs twice: with the cache as configured (enabled, 10 s) and with coinwatch.gateway.cache.enabled=false; the target
# applies to the uncached run. The rate limiter is raised far above what wrk sends. Data: the demo profile's
# simulator, SYMBOLS symbols x DAYS days backfilled first; the sync, gap audit and resume crons are moved out of the
# run so nothing else works meanwhile.
#
# Target (uncached): p99 <= 2 x pgbench's p99, and no errors (non-2xx or socket errors). Exits 1 when missed.
# Usage: bench/gateway-latency.sh   (DURATION [30], CONNECTIONS [16], SYMBOLS [5], DAYS [30]; BENCH_*: bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-16}
SYMBOLS=${SYMBOLS:-5}
DAYS=${DAYS:-30}
SYMBOL=BTCUSDT
DB=${BENCH_DB_PREFIX}_gateway
PORT=$(free_port)

if ! command -v wrk > /dev/null; then
    log "installing wrk"
    apt-get install -y wrk > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
fi

# start_gateway <log file> <extra arguments...>: the app on $DB with the simulator, ready to serve.
start_gateway() {
    local logfile=$1
    shift
    demo_app_start "$logfile" "$DB" "$SYMBOLS" "$DAYS" --coinwatch.exchanges.bybit.budget=100000 \
        --coinwatch.gateway.rate-limit.groups.market-data=100000000 "$@"
    app_wait_ready "$logfile"
}

# run_wrk <label>: wrk against the klines endpoint; prints "p50_ms p99_ms requests_per_s errors" last.
run_wrk() {
    local out=$BENCH_OUT/gateway-wrk-$1.txt url="http://127.0.0.1:$PORT/api/v1/market-data/klines/$SYMBOL?limit=1000"
    # Warm-up (JIT, connection pool), not measured.
    wrk -t2 -c"$CONNECTIONS" -d5s "$url" > /dev/null
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" > "$out"
    cat "$out" >&2
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         $1 == "50%" {p50 = ms($2)} $1 == "99%" {p99 = ms($2)} /^Requests\/sec/ {rps = $2}
         /Non-2xx/ {err += $NF} /Socket errors/ {gsub(/,/, ""); err += $4 + $6 + $8 + $10}
         END {printf "%.3f %.3f %.1f %d\n", p50, p99, rps, err}' "$out"
}

machine
echo "gateway latency: GET klines/$SYMBOL?limit=1000, $CONNECTIONS connections, $DURATION s; database $DB"
fresh_db "$DB"
load_start
start_gateway "$BENCH_OUT/gateway-app-cached.log"
t0=$SECONDS
until [[ "$(psql_bench -d "$DB" -c "SELECT count(*) FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id
                                    WHERE s.symbol = '$SYMBOL' AND s.exchange = 'bybit' AND p.status = 'done'")" == 1 ]]; do
    (( SECONDS - t0 > 300 )) && { log "no backfill of $SYMBOL after 300 s"; exit 1; }
    sleep 1
done
candles=$(curl -s "http://127.0.0.1:$PORT/api/v1/market-data/klines/$SYMBOL?limit=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["klines"]))')
echo "one answer holds $candles candles"
read -r cached_p50 cached_p99 cached_rps cached_err < <(run_wrk cached)
app_stop

start_gateway "$BENCH_OUT/gateway-app-uncached.log" --coinwatch.gateway.cache.enabled=false
read -r p50 p99 rps err < <(run_wrk uncached)
app_stop

# The same SQL as the gateway: SymbolCatalog.find, then KlineQuery.readJson over the window of the latest 1,000
# closed candles (the same window the app computed: the last closed 5m open time and 999 steps before it), which
# has PostgreSQL render the candles as the answer's JSON array.
to=$(( ($(date +%s) / 300 - 1) * 300 ))
from=$(( to - 999 * 300 ))
id=$(psql_bench -d "$DB" -c "SELECT id FROM symbol WHERE exchange = 'bybit' AND symbol = '$SYMBOL'")
range="symbol_id = $id AND interval_minutes = 5 AND open_time BETWEEN to_timestamp($from) AND to_timestamp($to)"
pgbench_dir=$(mktemp -d)
cat > "$pgbench_dir/klines.sql" <<SQL
SELECT id, exchange, symbol, base_asset, quote_asset, contract_type, status, active, launch_time, delisted_at
  FROM symbol WHERE exchange = 'bybit' AND symbol = '$SYMBOL';
SELECT count(*), '[' || coalesce(string_agg(format(
           '{"openTime":%s,"open":%s,"high":%s,"low":%s,"close":%s,"volume":%s,"turnover":%s}',
           (extract(epoch FROM bucket) * 1000)::bigint, open, high, low, close, volume, turnover), ',' ORDER BY bucket), '') || ']'
  FROM (SELECT open_time AS bucket, open, high, low, close, volume, turnover FROM candle WHERE $range) k;
SQL
echo "pgbench script returns $(psql_bench -d "$DB" -c "SELECT count(*) FROM candle WHERE $range") candle rows"
(cd "$pgbench_dir" && pgbench -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 \
    -T "$DURATION" -f klines.sql -l "$DB" > pgbench.out 2>&1) || { cat "$pgbench_dir/pgbench.out" >&2; exit 1; }
cat "$pgbench_dir/pgbench.out" >&2
read -r pg_p50 pg_p99 < <(cat "$pgbench_dir"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n \
    | awk '{v[NR] = $1} END {printf "%.3f %.3f\n", v[int(NR * 0.50 + 0.5)], v[int(NR * 0.99 + 0.5)]}')
pg_tps=$(awk '/^tps/ {print $3; exit}' "$pgbench_dir/pgbench.out")
pg_failed=$(awk '/number of failed transactions/ {print $5; exit}' "$pgbench_dir/pgbench.out")
rm -rf "$pgbench_dir"
load_report

printf 'RESULT gateway cached:   p50 %.2f ms, p99 %.2f ms, %.0f req/s, %d errors\n' "$cached_p50" "$cached_p99" "$cached_rps" "$cached_err"
printf 'RESULT gateway uncached: p50 %.2f ms, p99 %.2f ms, %.0f req/s, %d errors\n' "$p50" "$p99" "$rps" "$err"
printf 'RESULT pgbench:          p50 %.2f ms, p99 %.2f ms, %.0f tps, %s failed\n' "$pg_p50" "$pg_p99" "$pg_tps" "${pg_failed:-0}"
printf 'RESULT ratios p99 gateway/pgbench: uncached %.2f, cached %.2f\n' "$(calc "$p99 / $pg_p99")" "$(calc "$cached_p99 / $pg_p99")"
verdict "uncached p99 <= 2 x pgbench p99" "$p99 <= 2 * $pg_p99" "ratio $(printf '%.2f' "$(calc "$p99 / $pg_p99")")"
verdict "no errors" "$err + $cached_err == 0" "$err uncached, $cached_err cached"
exit "$STATUS"
