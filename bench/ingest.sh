#!/usr/bin/env bash
# Ingest benchmark: candles/s from the exchange simulator through the real backfill routes into PostgreSQL, end to
# end (symbol discovery, symbol.added over RabbitMQ, kline-backfill: HTTP, JSON parse, validation, COPY into the
# candle table, progress), beside psql \copy of the same rows into the same table in the same run.
#
# The exchange simulator runs in a process of its own (SimulatorMain from the same jar: it is not part of the
# pipeline, so the app does not pay for generating the exchange's answers), SYMBOLS synthetic Bybit perpetuals with
# DAYS of 5m history (about 15% launch later). The app runs from the packaged jar with the demo profile pointed at
# that simulator and an exchange budget so high that the rate limiter is not what is measured; Binance points at a
# closed port so only Bybit is collected. Its rate: candles stored / (last backfill_progress.finished_at - first
# started_at). Then the app stops, the rows are exported with \copy TO, the candle table is truncated and the same
# file is loaded with one \copy FROM, timed (the baseline); then, truncated again, as COPY_PARALLEL parts loaded by
# as many \copy at once (the parallel-COPY figure, printed beside it).
#
# Target: >= half the single \copy rate. Exits 1 when missed. Raw output: bench/results/<date>-ingest/ (summary,
# backfill status, the app's and the simulator's log tails).
# PROFILE=1 also records the app with JFR (settings=profile; the recording stays in $BENCH_OUT) and keeps
# <HHMMSS>-profile.txt: the CPU seconds the app, the simulator and PostgreSQL (every postgres process of the machine)
# used from the app's readiness to the backfill's end, then bench/src/JfrSummary.java over the backfill's window (first
# start to last finish): the JVM's share of the CPU, top frames, the project's frames, where the fetch threads waited.
# Usage: bench/ingest.sh            (SYMBOLS [20], DAYS [365], COPY_PARALLEL [2], PROFILE [0]; BENCH_* settings: see
#                                    bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SYMBOLS=${SYMBOLS:-20}
DAYS=${DAYS:-365}
COPY_PARALLEL=${COPY_PARALLEL:-2}
PROFILE=${PROFILE:-0}
DB=${BENCH_DB_PREFIX}_ingest
PORT=$(free_port)
SIM_PORT=$(free_port)
APP_LOG=$BENCH_OUT/ingest-app.log

results_init ingest
machine
echo "ingest: $SYMBOLS symbols x $DAYS days of 5m from the simulator (own process), database $DB"
fresh_db "$DB"
simulator_start "$SIM_PORT" "symbols=$SYMBOLS" "history-days=$DAYS" limits.bybit-requests-per-window=1000000
load_start
if [[ "$PROFILE" == 1 ]]; then
    RECORDING=$BENCH_OUT/ingest-$RUN.jfr
    BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -XX:StartFlightRecording=filename=$RECORDING,settings=profile"
fi
demo_app_start "$APP_LOG" "$DB" "$SYMBOLS" "$DAYS" --coinwatch.exchanges.bybit.budget=1000000
app_wait_ready "$APP_LOG"
# The app's CPU: java -jar relaunches itself with the memory settings (MemoryRelaunch), so its child counts too.
app_pids="$APP_PID,$(pgrep -d, -P "$APP_PID" || true)"
read -r app_cpu0 sim_cpu0 pg_cpu0 < <(cpu_seconds "$app_pids" "$SIM_PID" "$(pgrep -d, -x postgres || true)")

backfill_wait 1800
read -r app_cpu1 sim_cpu1 pg_cpu1 < <(cpu_seconds "$app_pids" "$SIM_PID" "$(pgrep -d, -x postgres || true)")
read -r window_start window_end < <(psql_bench -d "$DB" -c "SELECT to_char(min(p.started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') || ' '
    || to_char(max(p.finished_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')
    FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'")
curl -s "http://127.0.0.1:$PORT/api/v1/market-data/backfill/status?exchange=bybit" \
    | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["overall"], indent=1))' > "$(raw_file backfill-status.json)"
read -r app_seconds written < <(psql_bench -d "$DB" -c "SELECT extract(epoch FROM max(p.finished_at) - min(p.started_at)) || ' ' || sum(p.candles_written)
    FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'")
app_stop
simulator_stop
load_report
keep_tail "$APP_LOG" app-log-tail.txt
keep_tail "$BENCH_OUT/simulator.log" simulator-log-tail.txt 20
if [[ "$PROFILE" == 1 ]]; then
    {
        printf 'CPU seconds from the app ready to the backfill done (%s candles): app %.1f, simulator %.1f, postgres (all) %.1f\n' \
            "$written" "$(calc "$app_cpu1 - $app_cpu0")" "$(calc "$sim_cpu1 - $sim_cpu0")" "$(calc "$pg_cpu1 - $pg_cpu0")"
        printf 'app CPU per candle: %.1f us\n\n' "$(calc "($app_cpu1 - $app_cpu0) * 1e6 / $written")"
        java bench/src/JfrSummary.java "$RECORDING" "$window_start" "$window_end"
    } > "$(raw_file profile.txt)"
    log "profile: $(raw_file profile.txt) (recording $RECORDING)"
fi

rows=$(psql_bench -d "$DB" -c "SELECT count(*) FROM candle c JOIN symbol s ON s.id = c.symbol_id WHERE s.exchange = 'bybit'")
echo "app: $rows candle rows stored ($written counted by the backfill runs) in $app_seconds s (first backfill start to last finish)"

copy_baseline "$COPY_PARALLEL"

app_rate=$(calc "$rows / $app_seconds")
copy_rate=$(calc "$copied / $copy_seconds")
ratio=$(calc "$app_rate / $copy_rate")
printf 'raw \\copy: %d rows in %.2f s; %d \\copy at once: %.2f s\n' "$copied" "$copy_seconds" "$COPY_PARALLEL" "${pcopy_seconds:-0}"
printf 'RESULT ingest: app %.0f candles/s, one \\copy %.0f rows/s, ratio app/copy %.2f\n' "$app_rate" "$copy_rate" "$ratio"
if (( COPY_PARALLEL > 1 )); then
    pcopy_rate=$(calc "$copied / $pcopy_seconds")
    printf 'RESULT ingest parallel baseline: %d \\copy at once %.0f rows/s, ratio app/parallel %.2f\n' \
        "$COPY_PARALLEL" "$pcopy_rate" "$(calc "$app_rate / $pcopy_rate")"
fi
verdict "app >= half of one \\copy" "$ratio >= 0.5" "ratio $(printf '%.2f' "$ratio")"
exit "$STATUS"
