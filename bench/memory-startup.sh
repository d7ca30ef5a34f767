#!/usr/bin/env bash
# Start-up and memory benchmark of the all-in-one process on the embedded default (embedded PostgreSQL as child
# processes, embedded AMQP broker in the JVM), each run in a fresh temporary working directory (so ./data is new and
# no ./config is read; routes/ is copied there, as the Dockerfile puts it beside the jar) with every datasource / broker variable removed from the environment, so nothing local is
# picked (EmbeddedInfrastructure uses the machine's services only when told to prefer them, as the test profile does).
# The demo profile is on so that no request leaves the machine (the built-in simulator stands in for the exchanges);
# it changes nothing about the infrastructure.
#
# (a) Start-up: from `java -jar` to GET /api/v1/system/health answering 200, with a fresh ./data (first start:
#     PostgreSQL's initdb and the migrations included), then again on the same ./data (restart). Target: < 15 s.
#     Baseline in the same run: the RSS of that idle, just-started process.
# (b) Memory: SYMBOLS (500) simulated symbols with HISTORY_DAYS (2) of history, backfilled, then SYNC_MINUTES (10) of
#     the live sync every minute; RSS (VmRSS) of the java process sampled every 10 s, and the embedded PostgreSQL's
#     processes reported apart (their summed PSS, since they share their buffers). Target: java RSS < 512 MiB.
# JVM options: BENCH_JAVA_OPTS and MALLOC_ARENA_MAX, by default the small-memory settings README ("Operations", Memory)
# gives; with the JVM's defaults (G1, a heap of up to a quarter of RAM) the process grows to about 0.9 GiB on a 24 GiB
# machine: BENCH_JAVA_OPTS=" " MALLOC_ARENA_MAX=8 bench/memory-startup.sh.
# Usage: bench/memory-startup.sh    (SYMBOLS [500], HISTORY_DAYS [2], SYNC_MINUTES [10])
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
source "$(dirname "$0")/lib.sh"

SYMBOLS=${SYMBOLS:-500}
HISTORY_DAYS=${HISTORY_DAYS:-2}
SYNC_MINUTES=${SYNC_MINUTES:-10}
JAR=$(app_jar)
WORK=$(mktemp -d /tmp/coinwatch-bench.XXXXXX)
mkdir -p "$WORK/startup"

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Summed PSS (KiB) of the embedded PostgreSQL under $1 (a data dir): the postmaster and its children.
postgres_pss_kib() {
    local pid
    pid=$(head -1 "$1/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    for p in $pid $(pgrep -P "$pid"); do awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null; done \
        | awk '{s += $1} END {print s + 0}'
}

# Stops the app and makes sure its embedded PostgreSQL (data dir $1) is gone too, even after a kill -9.
stop_all() {
    app_stop
    local pid
    pid=$(head -1 "$1/postmaster.pid" 2>/dev/null) || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
}

# run_app <dir> <port> <log> <arguments...>: java -jar in <dir> with a clean environment; APP_PID is its pid.
run_app() {
    local dir=$1 port=$2 logfile=$3
    shift 3
    # shellcheck disable=SC2086
    (cd "$dir" && exec env -u SPRING_DATASOURCE_URL -u SPRING_RABBITMQ_HOST -u SPRING_RABBITMQ_ADDRESSES \
        -u COINWATCH_ROLES -u SPRING_PROFILES_ACTIVE \
        java $BENCH_JAVA_OPTS -jar "$JAR" --spring.profiles.active=demo "--server.port=$port" --coinwatch.simulator.port=0 "$@" > "$logfile" 2>&1) &
    APP_PID=$!
}

# Seconds from now until the health endpoint answers 200 (the caller started the app just before).
seconds_to_healthy() {
    local port=$1 start=$2
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/system/health")" == 200 ]]; do
        kill -0 "$APP_PID" 2>/dev/null || { log "the app died"; return 1; }
        (( $(date +%s) - ${start%.*} > 180 )) && { log "not healthy after 180 s"; return 1; }
        sleep 0.1
    done
    calc "$(date +%s.%N) - $start"
}

machine
echo "memory and start-up: embedded default, java options '${BENCH_JAVA_OPTS}', MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX, work dir $WORK"
load_start

# (a) start-up, fresh and restarted, on the same ./data.
# The jar reads its YAML routes from ./routes, as the Dockerfile lays them out beside it.
cp -r routes "$WORK/startup/"
port=$(free_port)
t=$(date +%s.%N)
run_app "$WORK/startup" "$port" "$WORK/startup/first.log" --coinwatch.simulator.symbols=5
fresh=$(seconds_to_healthy "$port" "$t")
grep -m1 -o "database embedded PostgreSQL[^;]*" "$WORK/startup/first.log" >&2 || { log "not on the embedded database"; exit 1; }
sleep 2
idle_rss=$(rss_kib "$APP_PID")
idle_pg=$(postgres_pss_kib "$WORK/startup/data/postgres")
stop_all "$WORK/startup/data/postgres"
t=$(date +%s.%N)
run_app "$WORK/startup" "$port" "$WORK/startup/restart.log" --coinwatch.simulator.symbols=5
restart=$(seconds_to_healthy "$port" "$t")
stop_all "$WORK/startup/data/postgres"
printf 'RESULT start-up to healthy: fresh ./data %.1f s, restart %.1f s; idle just started: java RSS %d MiB, postgres PSS %d MiB\n' \
    "$fresh" "$restart" $((idle_rss / 1024)) $((idle_pg / 1024))

# (b) 500 symbols backfilled, then the sync every minute.
mkdir -p "$WORK/memory"
cp -r routes "$WORK/memory/"
port=$(free_port)
run_app "$WORK/memory" "$port" "$WORK/memory/app.log" "--coinwatch.simulator.symbols=$SYMBOLS" \
    "--coinwatch.simulator.history-days=$HISTORY_DAYS" --coinwatch.market-data.sync.cron="5 * * * * ?"
seconds_to_healthy "$port" "$(date +%s.%N)" > /dev/null
t0=$SECONDS
until [[ "$(curl -s "http://127.0.0.1:$port/api/v1/market-data/backfill/status?exchange=bybit" \
        | python3 -c 'import json,sys; o = json.load(sys.stdin)["overall"]; print(o["byStatus"].get("done", 0))')" -ge "$SYMBOLS" ]]; do
    (( SECONDS - t0 > 900 )) && { log "backfill of $SYMBOLS symbols not done after 900 s"; exit 1; }
    sleep 5
done
log "backfill done after $((SECONDS - t0)) s; $SYNC_MINUTES minutes of sync follow"
max_rss=0
samples=$BENCH_OUT/memory-rss.txt
: > "$samples"
end=$((SECONDS + SYNC_MINUTES * 60))
while (( SECONDS < end )); do
    rss=$(rss_kib "$APP_PID")
    (( rss > max_rss )) && max_rss=$rss
    echo "$((SECONDS - t0)) $rss $(postgres_pss_kib "$WORK/memory/data/postgres")" >> "$samples"
    sleep 10
done
rss=$(rss_kib "$APP_PID")
pg=$(postgres_pss_kib "$WORK/memory/data/postgres")
# Sync log lines: "Sync: <pages> pages, <symbols> symbols updated, <candles> candles"; a page per symbol once a new
# 5m candle has closed, none in the minutes between.
syncs=$(grep -o "Sync: [0-9]* pages, [0-9]* symbols updated, [0-9]* candles" "$WORK/memory/app.log" \
    | awk '{runs++; if ($2 > 0) {busy++; pages += $2; candles += $7}} END {printf "%d runs, %d with new candles (%d pages, %d candles)", runs, busy, pages, candles}')
heap=$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -m1 -iE 'total|garbage-first heap' | xargs || true)
stop_all "$WORK/memory/data/postgres"
load_report
printf 'RESULT memory after %d min of sync (%d symbols): java RSS %d MiB (max %d MiB), postgres PSS %d MiB; idle baseline java RSS %d MiB\n' \
    "$SYNC_MINUTES" "$SYMBOLS" $((rss / 1024)) $((max_rss / 1024)) $((pg / 1024)) $((idle_rss / 1024))
echo "heap at the end: ${heap:-n/a}; sync: $syncs"
verdict "start-up < 15 s" "$fresh < 15" "$(printf '%.1f' "$fresh") s fresh"
verdict "java RSS < 512 MiB" "$rss < 512 * 1024 && $max_rss < 512 * 1024" "$((rss / 1024)) MiB at the end, max $((max_rss / 1024)) MiB"
rm -rf "$WORK"
exit "$STATUS"
