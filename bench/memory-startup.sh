#!/usr/bin/env bash
# Start-up and memory benchmark of the all-in-one process on the embedded default (embedded PostgreSQL as child
# processes, embedded AMQP broker in the JVM), under the memory settings a user actually gets, each run in a fresh
# temporary working directory (so ./data is new and no ./config is read; routes/ is copied there, as the Dockerfile
# puts it beside the jar) with every datasource / broker variable removed from the environment, so nothing local is
# picked (EmbeddedInfrastructure uses the machine's services only when told to prefer them, as the test profile does).
# The demo profile is on so that no request leaves the machine (the built-in simulator stands in for the exchanges);
# it changes nothing about the infrastructure.
#
# The settings (CONFIGS, any of):
#   mvnw   what `./mvnw spring-boot:run` gives: pom.xml's coinwatch.jvm-options and coinwatch.malloc-arena-max (read
#          from pom.xml);
#   jar    plain `java -jar target/coinwatch-*.jar`: no JVM option, no MALLOC_ARENA_MAX; the jar's main relaunches the
#          JVM with the same settings as mvnw (MemoryRelaunch), so the java RSS is the child's, which does the work,
#          and the started JVM's (the launcher, waiting for it) is reported beside it and counts in the footprint;
#   image  the image's: the Dockerfile's ENV JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX (read from the Dockerfile; there
#          is no container engine here, so the jar runs with exactly that environment);
#   custom CUSTOM_JAVA_OPTS and CUSTOM_ARENA (MALLOC_ARENA_MAX), to try other settings.
# For each: (a) start-up from `java -jar` to GET /api/v1/system/health answering 200 with a fresh ./data (initdb and
# the migrations included), and the idle RSS just after; (b) SYMBOLS (500) simulated symbols with HISTORY_DAYS (2) of
# history backfilled, then SYNC_MINUTES (10) of the live sync every minute, sampling (every 5 s during the backfill,
# 10 s during the sync) the java process's RSS and the embedded PostgreSQL's processes (the postmaster of ./data/postgres and its children): their summed RSS
# and their summed PSS (they share their buffers, so the RSS sum counts those several times; PSS does not). The whole
# footprint is java RSS + PostgreSQL PSS. The start-up on the same ./data (restart) is measured for the first config.
# Targets: start-up < 15 s; java RSS < 512 MiB for every config. Exits 1 when one is missed.
# NMT=1 adds -XX:NativeMemoryTracking=summary and keeps, for each config, `jcmd VM.native_memory summary` and
# `jcmd GC.heap_info` taken when the java RSS reached its maximum (<HHMMSS>-nmt-<config>.txt; each attach costs a
# little CPU and RSS, so leave it off for the figures).
# Raw output: bench/results/<date>-memory-startup/ (summary, the RSS samples of each config, the app's log tail).
# Usage: bench/memory-startup.sh    (CONFIGS ["mvnw jar image"], SYMBOLS [500], HISTORY_DAYS [2], SYNC_MINUTES [10],
#        NMT [0])
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CONFIGS=${CONFIGS:-mvnw jar image}
SYMBOLS=${SYMBOLS:-500}
HISTORY_DAYS=${HISTORY_DAYS:-2}
SYNC_MINUTES=${SYNC_MINUTES:-10}
NMT=${NMT:-0}
JAR=$(app_jar)
WORK=$(mktemp -d /tmp/coinwatch-bench.XXXXXX)

# config_env <config>: sets CFG_ARENA (MALLOC_ARENA_MAX), CFG_TOOL (JAVA_TOOL_OPTIONS) and CFG_OPTS (java options).
config_env() {
    CFG_ARENA="" CFG_TOOL="" CFG_OPTS=""
    case $1 in
        mvnw) CFG_ARENA=$(grep -o '<coinwatch.malloc-arena-max>[^<]*' pom.xml | cut -d'>' -f2)
              CFG_OPTS=$(grep -o '<coinwatch.jvm-options>[^<]*' pom.xml | cut -d'>' -f2) ;;
        jar) ;;
        image) CFG_TOOL=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' Dockerfile)
               CFG_ARENA=$(grep -o 'MALLOC_ARENA_MAX=[0-9]*' Dockerfile | head -1 | cut -d= -f2) ;;
        custom) CFG_ARENA=${CUSTOM_ARENA:-} CFG_OPTS=${CUSTOM_JAVA_OPTS:-} ;;
        *) log "unknown config $1 (mvnw, jar, image, custom)"; exit 2 ;;
    esac
    if [[ "$NMT" == 1 ]]; then CFG_OPTS="$CFG_OPTS -XX:NativeMemoryTracking=summary"; fi
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# The JVM doing the work: the java child of the started one when that relaunched itself with the memory settings
# (plain java -jar, see MemoryRelaunch), else the started one.
worker_pid() {
    local child
    for child in $(pgrep -P "$APP_PID" 2>/dev/null); do
        [[ "$(cat "/proc/$child/comm" 2>/dev/null)" == java ]] && { echo "$child"; return; }
    done
    echo "$APP_PID"
}

# The embedded PostgreSQL's processes under the data dir $1: the postmaster and its children.
postgres_pids() {
    local pid
    pid=$(head -1 "$1/postmaster.pid" 2>/dev/null) || return 0
    echo "$pid" $(pgrep -P "$pid")
}

# "<RSS sum> <PSS sum>" (KiB) of the embedded PostgreSQL under the data dir $1.
postgres_kib() {
    local p
    for p in $(postgres_pids "$1"); do
        awk '/^Rss:/ {r = $2} /^Pss:/ {s = $2} END {print r + 0, s + 0}' "/proc/$p/smaps_rollup" 2>/dev/null || true
    done | awk '{r += $1; s += $2} END {print r + 0, s + 0}'
}

# Stops the app and makes sure its embedded PostgreSQL (data dir $1) is gone too, even after a kill -9.
stop_all() {
    app_stop
    local pid
    pid=$(head -1 "$1/postmaster.pid" 2>/dev/null) || return 0
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
}

# run_app <config> <dir> <port> <log> <arguments...>: java -jar in <dir> with a clean environment plus the config's
# variables and options; APP_PID is its pid.
run_app() {
    local config=$1 dir=$2 port=$3 logfile=$4
    shift 4
    config_env "$config"
    # shellcheck disable=SC2086
    (cd "$dir" && exec env -u SPRING_DATASOURCE_URL -u SPRING_RABBITMQ_HOST -u SPRING_RABBITMQ_ADDRESSES \
        -u COINWATCH_ROLES -u SPRING_PROFILES_ACTIVE -u MALLOC_ARENA_MAX -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS \
        ${CFG_ARENA:+MALLOC_ARENA_MAX=$CFG_ARENA} ${CFG_TOOL:+"JAVA_TOOL_OPTIONS=$CFG_TOOL"} java $CFG_OPTS -jar "$JAR" --spring.profiles.active=demo "--server.port=$port" \
        --coinwatch.simulator.port=0 "$(discovery_delay)" "$@" > "$logfile" 2>&1) &
    APP_PID=$!
}

# Seconds from now until the health endpoint answers 200 (the caller started the app just before).
seconds_to_healthy() {
    local port=$1 start=$2
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/system/health")" == 200 ]]; do
        kill -0 "$APP_PID" 2>/dev/null || { log "the app died"; return 1; }
        (( $(date +%s) - ${start%.*} > ${BENCH_START_TIMEOUT:-600} )) && { log "not healthy after ${BENCH_START_TIMEOUT:-600} s"; return 1; }
        sleep 0.1
    done
    calc "$(date +%s.%N) - $start"
}

# On any exit: the app (lib.sh's cleanup), then every embedded PostgreSQL this run started, which a killed JVM leaves.
trap 'cleanup; for pg in "$WORK"/*/data/postgres; do stop_all "$pg"; done; rm -rf "$WORK"' EXIT

results_init memory-startup
machine
echo "memory and start-up: embedded default, configs '$CONFIGS', $SYMBOLS symbols x $HISTORY_DAYS days then $SYNC_MINUTES min of sync; work dir $WORK"
load_start
first=1
for config in $CONFIGS; do
    config_env "$config"
    echo "== $config: MALLOC_ARENA_MAX '$CFG_ARENA', JAVA_TOOL_OPTIONS '$CFG_TOOL', java options '$CFG_OPTS'"
    dir=$WORK/$config
    mkdir -p "$dir"
    cp -r routes "$dir/"
    port=$(free_port)
    t=$(date +%s.%N)
    run_app "$config" "$dir" "$port" "$dir/app.log" "--coinwatch.simulator.symbols=$SYMBOLS" \
        "--coinwatch.simulator.history-days=$HISTORY_DAYS" --coinwatch.market-data.sync.cron="5 * * * * ?"
    fresh=$(seconds_to_healthy "$port" "$t")
    grep -m1 -io "database: embedded PostgreSQL[^;]*" "$dir/app.log" >&2 || { log "not on the embedded database"; exit 1; }
    sleep 2
    java_pid=$(worker_pid)
    # A relaunched JVM: the started one (the launcher, waiting for its child) counts in the footprint too.
    launcher_pid=""
    [[ "$java_pid" != "$APP_PID" ]] && launcher_pid=$APP_PID
    idle_rss=$(rss_kib "$java_pid")
    idle_launcher=""
    [[ -n "$launcher_pid" ]] && idle_launcher=$(( $(rss_kib "$launcher_pid") / 1024 ))
    read -r idle_pg_rss idle_pg_pss < <(postgres_kib "$dir/data/postgres")
    heap_max=$(jcmd "$java_pid" VM.flags 2>/dev/null | grep -o -- '-XX:MaxHeapSize=[0-9]*' | head -1 | cut -d= -f2 || true)
    t0=$SECONDS
    samples=$(raw_file "rss-$config.txt")
    echo "# phase, seconds since healthy, java RSS KiB, postgres RSS sum KiB, postgres PSS sum KiB, launcher JVM RSS KiB" > "$samples"
    max_rss=0 max_launcher=0 max_total=0
    sample() { # sample <phase>: one line of samples; the java RSS maximum over the whole run (backfill included)
        rss=$(rss_kib "$java_pid")
        launcher_rss=0
        [[ -n "$launcher_pid" ]] && launcher_rss=$(rss_kib "$launcher_pid")
        (( launcher_rss > max_launcher )) && max_launcher=$launcher_rss
        (( rss + launcher_rss > max_total )) && max_total=$((rss + launcher_rss))
        if (( rss > max_rss )); then
            max_rss=$rss
            if [[ "$NMT" == 1 ]]; then
                { echo "# $1, $((SECONDS - t0)) s after healthy, java RSS $rss KiB"
                  jcmd "$java_pid" VM.native_memory summary; jcmd "$java_pid" GC.heap_info; } > "$(raw_file "nmt-$config.txt")" 2>&1 || true
            fi
        fi
        echo "$1 $((SECONDS - t0)) $rss $(postgres_kib "$dir/data/postgres") $launcher_rss" >> "$samples"
    }
    until [[ "$(curl -s "http://127.0.0.1:$port/api/v1/market-data/backfill/status?exchange=bybit" \
            | python3 -c 'import json,sys; o = json.load(sys.stdin)["overall"]; print(o["byStatus"].get("done", 0))')" -ge "$SYMBOLS" ]]; do
        (( SECONDS - t0 > 1800 )) && { log "backfill of $SYMBOLS symbols not done after 1800 s"; exit 1; }
        kill -0 "$APP_PID" 2>/dev/null || { log "the app died"; tail -20 "$dir/app.log" >&2; exit 1; }
        sample backfill
        sleep 5
    done
    log "$config: backfill done after $((SECONDS - t0)) s; $SYNC_MINUTES minutes of sync follow"
    end=$((SECONDS + SYNC_MINUTES * 60))
    while (( SECONDS < end )); do
        sample sync
        sleep 10
    done
    sample end
    # The launcher's RSS includes the pages of libjvm.so and the CDS archive that the child maps too; its PSS does not.
    launcher_pss=0
    [[ -n "$launcher_pid" ]] && launcher_pss=$(awk '/^Pss:/ {print $2}' "/proc/$launcher_pid/smaps_rollup" 2>/dev/null || echo 0)
    read -r pg_rss pg_pss < <(postgres_kib "$dir/data/postgres")
    # Sync log lines: "Sync: <pages> pages, <markets> markets updated, <candles> candles".
    syncs=$( (grep -o "Sync: [0-9]* pages, [0-9]* [a-z]* updated, [0-9]* candles" "$dir/app.log" || true) \
        | awk '{runs++; if ($2 > 0) {busy++; pages += $2; candles += $7}} END {printf "%d runs, %d with new candles (%d pages, %d candles)", runs, busy, pages, candles}')
    heap=$(jcmd "$java_pid" GC.heap_info 2>/dev/null | grep -m1 -iE 'total|garbage-first heap|def new' | xargs || true)
    keep_tail "$dir/app.log" "app-log-tail-$config.txt" 30
    stop_all "$dir/data/postgres"
    restart=""
    if (( first )); then
        t=$(date +%s.%N)
        run_app "$config" "$dir" "$port" "$dir/restart.log" --coinwatch.simulator.symbols=5
        restart=$(seconds_to_healthy "$port" "$t")
        stop_all "$dir/data/postgres"
        first=0
    fi
    printf 'RESULT %s start-up to healthy: fresh ./data %.1f s%s; idle just started: java RSS %d MiB%s, postgres RSS sum %d MiB / PSS %d MiB; max heap %s MiB\n' \
        "$config" "$fresh" "${restart:+, restart $(printf '%.1f' "$restart") s}" $((idle_rss / 1024)) \
        "${idle_launcher:+ (plus the launcher JVM $idle_launcher MiB)}" $((idle_pg_rss / 1024)) \
        $((idle_pg_pss / 1024)) "$(( ${heap_max:-0} / 1048576 ))"
    printf 'RESULT %s after %d min of sync (%d symbols): java RSS %d MiB (max over backfill and sync %d MiB)%s; postgres RSS sum %d MiB, PSS %d MiB; whole footprint (java RSS + postgres PSS) %d MiB\n' \
        "$config" "$SYNC_MINUTES" "$SYMBOLS" $((rss / 1024)) $((max_rss / 1024)) \
        "${launcher_pid:+, plus the launcher JVM $((launcher_rss / 1024)) MiB (max $((max_launcher / 1024)); PSS $((launcher_pss / 1024))): together $(((rss + launcher_rss) / 1024)) MiB (max $((max_total / 1024)))}" \
        $((pg_rss / 1024)) $((pg_pss / 1024)) $(((rss + launcher_rss + pg_pss) / 1024))
    echo "$config: heap at the end: ${heap:-n/a}; sync: $syncs"
    verdict "$config start-up < 15 s" "$fresh < 15" "$(printf '%.1f' "$fresh") s fresh"
    # With a relaunch, the launcher JVM counts: the target is on both JVMs together.
    verdict "$config java RSS < 512 MiB" "$max_total < 512 * 1024" "$(((rss + launcher_rss) / 1024)) MiB at the end, max $((max_total / 1024)) MiB${launcher_pid:+ (both JVMs)}"
done
load_report
rm -rf "$WORK"
exit "$STATUS"
