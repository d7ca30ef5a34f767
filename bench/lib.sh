# Shared helpers of the bench/*.sh scripts (sourced, not run). Each benchmark runs the packaged jar as a real process
# against the machine's PostgreSQL (or the embedded default) and prints its figures with the machine's description and
# the load average seen during the run, since these machines are shared and noisy.
#
# Settings (environment): BENCH_PG_HOST [127.0.0.1], BENCH_PG_PORT [5432], BENCH_VHOST [cw_bench] (RabbitMQ vhost,
# created with rabbitmqctl when missing), BENCH_DB_PREFIX [coinwatch_bench] (each script uses a database of its own under that prefix, dropped
# and created fresh), BENCH_JAVA_OPTS [none] (extra JVM options for the app), BENCH_RESULTS [bench/results] (where
# results_init puts each run's raw output: <dir>/<UTC date>-<name>/<HHMMSS>-<file>, small files meant to be committed).
# BENCH_START_TIMEOUT [600] (seconds the app may take to be ready).

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_ROOT=$(pwd)
BENCH_PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
BENCH_PG_PORT=${BENCH_PG_PORT:-5432}
BENCH_VHOST=${BENCH_VHOST:-cw_bench}
BENCH_DB_PREFIX=${BENCH_DB_PREFIX:-coinwatch_bench}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
BENCH_OUT=${BENCH_OUT:-$BENCH_ROOT/target/bench}
BENCH_RESULTS=${BENCH_RESULTS:-$BENCH_ROOT/bench/results}
mkdir -p "$BENCH_OUT"

APP_PID=""
LOAD_PID=""
SIM_PID=""

# results_init <name>: this run's raw output goes to $RESULTS (bench/results/<UTC date>-<name>/), each file named
# "<HHMMSS>-<what>" by raw_file so that runs of one day sit side by side; the script's stdout (machine, load,
# RESULT and target lines) is copied to <HHMMSS>-summary.txt. Big or temporary files stay in $BENCH_OUT (target/).
results_init() {
    RESULTS=$BENCH_RESULTS/$(date -u +%F)-$1
    RUN=$(date -u +%H%M%S)
    mkdir -p "$RESULTS"
    exec > >(tee "$RESULTS/$RUN-summary.txt")
    log "raw output: $RESULTS/$RUN-*"
}

# raw_file <what>: the path of one raw output file of this run.
raw_file() { echo "$RESULTS/$RUN-$1"; }

# keep_tail <log file> <what> [lines]: a small extract of a log for the raw output (logs run to megabytes): the
# counts of WARN and ERROR lines, the last 20 of those, and the last lines before the shutdown began.
keep_tail() {
    local lines=${3:-60}
    {
        echo "# $(basename "$1"): $(wc -l < "$1") lines, $(grep -c ' WARN ' "$1" || true) WARN, $(grep -c ' ERROR ' "$1" || true) ERROR"
        echo "# the last WARN / ERROR lines:"
        grep -E ' (WARN|ERROR) ' "$1" | tail -20 | cut -c1-400 || true
        echo "# the last $lines lines before the shutdown:"
        grep -v 'ionShutdownHook\|SpringApplicationShutdownHook' "$1" | tail -n "$lines" | cut -c1-400
    } > "$(raw_file "$2")"
}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# The machine, for BENCHMARKS.md.
machine() {
    echo "machine: nproc $(nproc), memory $(free -h | awk '/^Mem:/ {print $2}') total, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); java: $(java -version 2>&1 | head -1)"
}

# Samples the 1-minute load average every 2 s until load_report; the run's min / mean / max go into the report.
load_start() {
    local file="$BENCH_OUT/load.$$"
    : > "$file"
    ( while true; do cut -d' ' -f1 /proc/loadavg >> "$file"; sleep 2; done ) &
    LOAD_PID=$!
}

load_report() {
    if [[ -n "$LOAD_PID" ]]; then
        kill "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    LOAD_PID=""
    awk 'NR == 1 {min = max = $1} {s += $1; if ($1 < min) min = $1; if ($1 > max) max = $1}
         END {if (NR) printf "load average (1 min) during the run: min %.2f, mean %.2f, max %.2f (%d samples)\n", min, s / NR, max, NR}' \
        "$BENCH_OUT/load.$$"
}

# The packaged jar, rebuilt when a main source or resource is newer (tests are not run).
app_jar() {
    local jar
    jar=$(ls target/coinwatch-*.jar 2>/dev/null | grep -v plain | head -1 || true)
    if [[ -z "$jar" || -n "$(find src/main db config routes -newer "$jar" -type f 2>/dev/null | head -1)" ]]; then
        log "packaging the jar (./mvnw -q -o -DskipTests package)"
        ./mvnw -q -o -DskipTests package >&2
        jar=$(ls target/coinwatch-*.jar | grep -v plain | head -1)
    fi
    echo "$BENCH_ROOT/$jar"
}

# The RabbitMQ vhost of the runs, created (with the guest user's rights) when missing and rabbitmqctl is at hand.
ensure_vhost() {
    command -v rabbitmqctl > /dev/null || return 0
    if ! rabbitmqctl -q list_vhosts 2>/dev/null | grep -qx "$BENCH_VHOST"; then
        log "creating the RabbitMQ vhost $BENCH_VHOST"
        rabbitmqctl -q add_vhost "$BENCH_VHOST" > /dev/null && rabbitmqctl -q set_permissions -p "$BENCH_VHOST" guest '.*' '.*' '.*' > /dev/null
    fi
}

psql_bench() { PGOPTIONS="-c client_min_messages=warning" psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }

fresh_db() {
    psql_bench -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# The start-up symbol discovery's delay for the runs: 30 s (BENCH_DISCOVERY_DELAY_MS) instead of 3 s. On a saturated
# machine (start-up over 150 s) the discovery with the 3 s delay never ran in several runs (no log line, no error;
# Camel's supervising route controller starts the timer route a second time a few seconds after the first), so the
# benchmark waited for symbols that never came.
discovery_delay() { echo "--coinwatch.market-data.discovery.startup-delay-ms=${BENCH_DISCOVERY_DELAY_MS:-30000}"; }

# Arguments that point the app at the local PostgreSQL database $1 and the local RabbitMQ vhost.
local_services() {
    ensure_vhost >&2
    echo "--spring.datasource.url=jdbc:postgresql://$BENCH_PG_HOST:$BENCH_PG_PORT/$1" --spring.datasource.username=postgres \
        "--spring.rabbitmq.host=$BENCH_PG_HOST" --spring.rabbitmq.port=5672 "--spring.rabbitmq.virtual-host=$BENCH_VHOST"
}

# Starts the jar in the background: app_start <log file> <java -jar arguments...>; APP_PID is its pid.
app_start() {
    local logfile=$1
    shift
    local jar
    jar=$(app_jar)
    # shellcheck disable=SC2086
    java $BENCH_JAVA_OPTS -jar "$jar" "$@" > "$logfile" 2>&1 &
    APP_PID=$!
    log "app pid $APP_PID, log $logfile"
}

# demo_app_start <log file> <database> <symbols> <days> <extra arguments...>: the jar with the demo profile on $PORT,
# its exchanges served by the simulator started by simulator_start when one runs ($SIM_PID, $SIM_PORT), else by the
# app's built-in one (<symbols> perpetuals with <days> of 5m history); the local services in <database>, roles
# market-data, monitor and gateway, no route reload, Binance pointed at a closed port, and the schedules that would
# spend the budget or the CPU meanwhile (sync, gap audit, resume) moved out of the run. (A setting must not be given
# twice: Spring joins repeated command-line values with commas.)
demo_app_start() {
    local logfile=$1 db=$2 symbols=$3 days=$4 never="0 0 0 1 1 ? 2099" simulator
    shift 4
    if [[ -n "$SIM_PID" ]]; then
        simulator=$(external_simulator "$SIM_PORT")
    else
        simulator="--coinwatch.simulator.port=0 --coinwatch.simulator.symbols=$symbols --coinwatch.simulator.history-days=$days"
    fi
    # shellcheck disable=SC2046,SC2086
    app_start "$logfile" --spring.profiles.active=demo "--server.port=$PORT" $simulator $(local_services "$db") \
        --coinwatch.roles=market-data,monitor,gateway --camel.main.routes-reload-enabled=false $(discovery_delay) \
        --coinwatch.exchanges.binance.base-url=http://127.0.0.1:9 \
        "--coinwatch.market-data.sync.cron=$never" "--coinwatch.market-data.gap-audit.cron=$never" \
        "--coinwatch.market-data.backfill.resume-cron=$never" "$@"
}

# Waits until the app logs "Coinwatch ready" (or dies, or $2 seconds pass).
app_wait_ready() {
    local logfile=$1 timeout=${2:-${BENCH_START_TIMEOUT:-600}} t0=$SECONDS
    until grep -q "Coinwatch ready" "$logfile"; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            log "the app died; last lines of $logfile:"; tail -30 "$logfile" >&2; return 1
        fi
        if (( SECONDS - t0 > timeout )); then
            log "not ready after ${timeout}s"; tail -30 "$logfile" >&2; return 1
        fi
        sleep 0.5
    done
    grep -m1 -o "Coinwatch ready in [0-9.]* s" "$logfile" >&2
}

# simulator_start <port> <setting=value...>: the exchange simulator in a process of its own (SimulatorMain from the
# packaged jar, through Spring Boot's PropertiesLauncher), so the app under test does not pay for the exchange's
# work; settings are coinwatch.simulator.* names without the prefix (symbols=100 history-days=365 ...).
SIM_PORT=""
simulator_start() {
    local port=$1 jar logfile=$BENCH_OUT/simulator.log
    shift
    SIM_PORT=$port
    jar=$(app_jar)
    java ${BENCH_SIM_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -cp "$jar" -Dloader.main=io.coinwatch.simulator.SimulatorMain \
        org.springframework.boot.loader.launch.PropertiesLauncher "--port=$port" "${@/#/--}" > "$logfile" 2>&1 &
    SIM_PID=$!
    until grep -q "Exchange simulator serving" "$logfile"; do
        kill -0 "$SIM_PID" 2>/dev/null || { log "the simulator died:"; tail -20 "$logfile" >&2; return 1; }
        sleep 0.2
    done
    log "simulator pid $SIM_PID on port $port ($*)"
}

simulator_stop() {
    if [[ -n "$SIM_PID" ]]; then
        kill "$SIM_PID" 2>/dev/null || true
        wait "$SIM_PID" 2>/dev/null || true
    fi
    SIM_PID=""
}

# The arguments that point the app at a simulator on port $1 (started by simulator_start) instead of its own.
external_simulator() {
    echo --coinwatch.simulator.enabled=false "--coinwatch.simulator.port=$1" "--coinwatch.exchanges.bybit.base-url=http://127.0.0.1:$1"
}

app_stop() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        # java -jar relaunches itself (MemoryRelaunch): the JVM doing the work is the started one's child, and it may
        # still be shutting down (holding the port and ./data) when its launcher is gone, so wait for both.
        local pids="$APP_PID $(pgrep -P "$APP_PID" | tr '\n' ' ')" pid
        kill "$APP_PID"
        for _ in $(seq 90); do
            for pid in $pids; do kill -0 "$pid" 2>/dev/null && break; pid=""; done
            [[ -z "$pid" ]] && break
            sleep 0.5
        done
        kill -9 $pids 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}

cleanup() {
    app_stop
    simulator_stop
    load_report > /dev/null 2>&1 || true
}
trap cleanup EXIT

# A free TCP port on the loopback interface.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# cpu_seconds <pid>...: the CPU time (user + system) each argument has used so far, in seconds, on one line; an
# argument may list pids separated by commas (summed), and a process that is gone counts 0.
cpu_seconds() {
    local arg pid ticks out=()
    for arg in "$@"; do
        ticks=0
        for pid in ${arg//,/ }; do
            ticks=$(( ticks + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
        done
        out+=("$(calc "$ticks / $(getconf CLK_TCK)")")
    done
    echo "${out[@]}"
}

# Floating-point arithmetic for the figures: calc '<awk expression>'.
calc() { awk "BEGIN {print $1}"; }

# The baseline of the ingest figures: psql's \copy of the rows the app stored in $DB, exported, truncated and loaded
# again with one \copy (sets copied (rows) and copy_seconds); with copy_baseline <n> (n > 1) the same rows are then
# loaded again as n files (the export cut in n parts) by n \copy at once into the truncated table (sets
# pcopy_seconds). Each load starts after a CHECKPOINT, on an empty table.
copy_baseline() {
  local parallel=${1:-1} export_file=$BENCH_OUT/baseline-candles.tsv
  local columns="symbol_id, interval_minutes, open_time, open, high, low, close, volume, turnover"
  psql_bench -d "$DB" -c "\\copy (SELECT $columns FROM candle) TO '$export_file'"
  psql_bench -d "$DB" -c "TRUNCATE candle" -c "CHECKPOINT"
  load_start
  local copy_start copy_end
  copy_start=$(date +%s.%N)
  psql_bench -d "$DB" -c "\\copy candle ($columns) FROM '$export_file'"
  copy_end=$(date +%s.%N)
  load_report
  copied=$(psql_bench -d "$DB" -c "SELECT count(*) FROM candle")
  copy_seconds=$(calc "$copy_end - $copy_start")
  if (( parallel > 1 )); then
    split -n "l/$parallel" -d "$export_file" "$export_file.part"
    psql_bench -d "$DB" -c "TRUNCATE candle" -c "CHECKPOINT"
    load_start
    copy_start=$(date +%s.%N)
    local part pids=()
    for part in "$export_file".part*; do
      psql_bench -d "$DB" -c "\\copy candle ($columns) FROM '$part'" & pids+=($!)
    done
    wait "${pids[@]}"
    copy_end=$(date +%s.%N)
    load_report
    pcopy_seconds=$(calc "$copy_end - $copy_start")
    [[ "$(psql_bench -d "$DB" -c "SELECT count(*) FROM candle")" == "$copied" ]] || { log "parallel copy lost rows"; return 1; }
    rm -f "$export_file".part*
  fi
  rm -f "$export_file"
}

# backfill_wait <timeout s>: waits until every active Bybit symbol of $DB has its backfill done (exits 1 after the
# timeout), logging progress every 15 s; sets done (symbols).
backfill_wait() {
    local t0=$SECONDS total failed sql="SELECT count(*) FILTER (WHERE p.status = 'done') || ' ' ||
        (SELECT count(*) FROM symbol WHERE exchange = 'bybit' AND active) || ' ' || count(*) FILTER (WHERE p.status = 'failed')
        FROM backfill_progress p JOIN symbol s ON s.id = p.symbol_id WHERE s.exchange = 'bybit'"
    while true; do
        read -r done total failed < <(psql_bench -d "$DB" -c "$sql")
        if (( total > 0 && done == total )); then break; fi
        if (( SECONDS - t0 > $1 )); then log "backfill not done after $1 s ($done/$total)"; exit 1; fi
        if (( (SECONDS - t0) % 15 == 0 )); then log "backfill: $done of $total symbols done, $failed failed"; fi
        sleep 1
    done
    log "backfill of $done symbols done after $((SECONDS - t0)) s"
}

# verdict <name> <condition as an awk expression> <description>: prints MET/MISSED and records a miss in STATUS.
STATUS=0
verdict() {
    if [[ "$(calc "($2) ? 1 : 0")" == 1 ]]; then
        echo "target $1: MET ($3)"
    else
        echo "target $1: MISSED ($3)"
        STATUS=1
    fi
}
