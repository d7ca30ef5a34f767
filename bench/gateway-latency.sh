#!/usr/bin/env bash
# Klines latency benchmark: GET /api/v1/market-data/klines/{symbol}?interval=&start=&limit= with varied requests
# (random symbol, random start within the stored history, mostly 5m plus some derived intervals), beside pgbench
# running the plain rows query of the same request mix against the same database, at the same fixed request rates
# and at saturation, in the same run.
#
# Data: SYMBOLS simulated Bybit perpetuals with DAYS of 5m history, backfilled by the app from the exchange simulator
# (in a process of its own, stopped once the backfill is done). Symbols with the full history take part (the ones
# the simulator launches later are left out, so a request's range is always stored).
# The mix (MIX, interval:weight): a request picks a symbol uniformly, an interval by weight, and a start uniformly
# among the interval's bucket boundaries that leave LIMIT whole buckets in the stored history; LIMIT (1000) buckets.
# The HTTP side gets URLS such requests (a file, cycled); pgbench draws the same distribution itself (\set random)
# and runs, per request, the plain rows query the answer needs:
#   SELECT open_time, open, high, low, close, volume, turnover FROM candle
#    WHERE symbol_id = :s AND interval_minutes = 5 AND open_time >= :t ORDER BY open_time LIMIT <LIMIT x interval/5>
# in prepared mode (-M prepared), as pgjdbc does.
#
# Fixed rates (RATES, requests/s): the HTTP side is bench/src/ConstantRateLoad.java (open loop, CONNECTIONS
# connections, Poisson arrivals, each latency from the request's scheduled time: no coordinated omission, as wrk2);
# the database side is pgbench -R <rate> -c CONNECTIONS, whose per-transaction log (-l) time also counts from the
# scheduled start (it includes the schedule lag). Both run WARMUP s at the rate first, then DURATION s measured.
# Saturation: closed loop with CONNECTIONS connections: wrk with a Lua script cycling through the same URL list
# (installed with apt-get when missing; without it ConstantRateLoad --rate 0), beside pgbench without -R.
#
# The app runs with its gateway response cache off (coinwatch.gateway.cache.enabled=false: the klines path is what
# is measured, not a cached answer), the API rate limit raised far above the load, and otherwise its defaults
# (including any in-memory klines cache it has); APP_ARGS adds settings.
# Targets, at each rate: p99 <= pgbench's p99 and throughput >= pgbench's (achieved rate; at a fixed rate a side
# that achieves 99% of the offered rate keeps up), no errors; at saturation: requests/s >= pgbench's tps, p99 <=
# pgbench's p99. Prints MET/MISSED for each, exits 1 when one is missed.
# Raw output: bench/results/<date>-gateway-latency/ (each load generator's and pgbench's output with the pgbench
# log's percentiles, the pgbench scripts, a sample of the URL list, the app's log tail).
# PROFILE=1 also records the app with JFR (settings=profile; the recording stays in $BENCH_OUT) and keeps
# <HHMMSS>-profile.txt: bench/src/JfrSummary.java over the measured saturation window (top frames, the project's
# frames, where Tomcat's request threads waited).
# Usage: bench/gateway-latency.sh   (SYMBOLS [20], DAYS [90], RATES ["200 500 1000"], DURATION [30], WARMUP [30],
#   CONNECTIONS [16], MIX ["5:80 15:10 60:10"], LIMIT [1000], URLS [20000], APP_ARGS [], PROFILE [0]; BENCH_*: see
#   bench/lib.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SYMBOLS=${SYMBOLS:-20}
DAYS=${DAYS:-90}
RATES=${RATES:-200 500 1000}
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-16}
MIX=${MIX:-5:80 15:10 60:10}
LIMIT=${LIMIT:-1000}
URLS=${URLS:-20000}
APP_ARGS=${APP_ARGS:-}
PROFILE=${PROFILE:-0}
DB=${BENCH_DB_PREFIX}_gateway
PORT=$(free_port)
APP_LOG=$BENCH_OUT/gateway-app.log
WORK=$BENCH_OUT/gateway
rm -rf "$WORK"
mkdir -p "$WORK"

results_init gateway-latency
machine
echo "klines latency: $SYMBOLS symbols x $DAYS days, mix (interval minutes:weight) $MIX, limit $LIMIT, rates $RATES req/s," \
    "$CONNECTIONS connections, $WARMUP s warm-up + $DURATION s each; database $DB"
fresh_db "$DB"
simulator_start "$(free_port)" "symbols=$SYMBOLS" "history-days=$DAYS" limits.bybit-requests-per-window=1000000
load_start
if [[ "$PROFILE" == 1 ]]; then
    RECORDING=$BENCH_OUT/gateway-$RUN.jfr
    BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -XX:StartFlightRecording=filename=$RECORDING,settings=profile"
fi
# shellcheck disable=SC2086
demo_app_start "$APP_LOG" "$DB" "$SYMBOLS" "$DAYS" --coinwatch.exchanges.bybit.budget=1000000 \
    --coinwatch.gateway.cache.enabled=false --coinwatch.gateway.rate-limit.groups.market-data=1000000000 $APP_ARGS
app_wait_ready "$APP_LOG"
backfill_wait 1800
simulator_stop
psql_bench -d "$DB" -c "VACUUM ANALYZE candle"

# The symbols with the whole history: their ids, names, and the common stored range (epoch s).
psql_bench -d "$DB" -F ' ' -c "
    WITH r AS (SELECT symbol_id, min(open_time) AS lo, max(open_time) AS hi FROM candle WHERE interval_minutes = 5 GROUP BY symbol_id)
    SELECT s.id, s.symbol, extract(epoch FROM r.lo)::bigint, extract(epoch FROM r.hi)::bigint
      FROM r JOIN symbol s ON s.id = r.symbol_id
     WHERE s.exchange = 'bybit' AND r.lo = (SELECT min(lo) FROM r) AND r.hi = (SELECT max(hi) FROM r) ORDER BY s.id" > "$WORK/symbols.txt"
read -r lo hi < <(awk 'NR == 1 {print $3, $4}' "$WORK/symbols.txt")
echo "$(wc -l < "$WORK/symbols.txt") symbols with the whole history ($(date -u -d "@$lo" +%F) to $(date -u -d "@$hi" '+%F %H:%M')):" \
    "$(awk '{printf "%s ", $2}' "$WORK/symbols.txt")"

# The HTTP side's requests, and one pgbench script per interval drawing the same distribution.
python3 - "$WORK/symbols.txt" "$URLS" "$LIMIT" "$lo" "$hi" "http://127.0.0.1:$PORT" $MIX > "$WORK/urls.txt" <<'PY'
import random, sys
symbols_file, count, limit, lo, hi, base = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
mix = [tuple(int(x) for x in m.split(":")) for m in sys.argv[7:]]
names = [line.split()[1] for line in open(symbols_file)]
codes = {5: "5m", 15: "15m", 30: "30m", 60: "1h", 120: "2h", 240: "4h", 360: "6h", 720: "12h", 1440: "1d"}
rng = random.Random(20)
for _ in range(count):
    minutes = rng.choices([m for m, _ in mix], weights=[w for _, w in mix])[0]
    step = minutes * 60
    first = -(-lo // step)                       # the first whole bucket's boundary, in buckets
    last = (hi + 300) // step - limit            # the last start that leaves LIMIT whole buckets before hi's end
    start = rng.randint(first, last) * step
    print(f"{base}/api/v1/market-data/klines/{rng.choice(names)}?interval={codes[minutes]}&start={start * 1000}&limit={limit}")
PY
head -20 "$WORK/urls.txt" > "$(raw_file urls-sample.txt)"
n_symbols=$(wc -l < "$WORK/symbols.txt")
symbol_case=$(awk '{printf " WHEN :k = %d THEN %d", NR - 1, $1}' "$WORK/symbols.txt")
pgbench_scripts=()
for entry in $MIX; do
    minutes=${entry%%:*} weight=${entry##*:} step=$(( ${entry%%:*} * 60 ))
    first=$(( (lo + step - 1) / step )) last=$(( (hi + 300) / step - LIMIT ))
    cat > "$WORK/rows-$minutes.sql" <<SQL
\\set k random(0, $((n_symbols - 1)))
\\set s CASE$symbol_case END
\\set t random($first, $last) * $step
SELECT open_time, open, high, low, close, volume, turnover FROM candle
 WHERE symbol_id = :s AND interval_minutes = 5 AND open_time >= to_timestamp(:t) ORDER BY open_time LIMIT $((LIMIT * minutes / 5));
SQL
    pgbench_scripts+=(-f "$WORK/rows-$minutes.sql@$weight")
    { echo "-- rows-$minutes.sql, weight $weight"; cat "$WORK/rows-$minutes.sql"; } >> "$(raw_file pgbench-scripts.txt)"
done
first_url=$(head -1 "$WORK/urls.txt")
echo "a request: ${first_url#http://127.0.0.1:$PORT}: $(curl -s "$first_url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["klines"]))') candles"

pgbench_run() { # pgbench_run <label> <pgbench options...>: prints "count errors rate p50 p90 p99 p99.9 max" (ms)
    local label=$1 dir=$WORK/pgbench-$1 out
    shift
    out=$(raw_file "pgbench-$label.txt")
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && pgbench -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 \
        -T "$WARMUP" "$@" "${pgbench_scripts[@]}" "$DB" > /dev/null 2>&1)
    (cd "$dir" && pgbench -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U postgres -n -M prepared -c "$CONNECTIONS" -j 2 \
        -T "$DURATION" -l "$@" "${pgbench_scripts[@]}" "$DB" > pgbench.out 2>&1) || { cat "$dir/pgbench.out" >&2; return 1; }
    # Column 3 of the log: the transaction's time in microseconds, from its scheduled start under -R.
    cat "$dir"/pgbench_log.* | awk '{print $3 / 1000}' | sort -n | awk -v duration="$DURATION" -v out="$dir/pgbench.out" '
        {v[NR] = $1}
        function p(q) { r = int(q * NR); if (r < q * NR) r++; if (r < 1) r = 1; return v[r] }
        END {
            failed = 0
            while ((getline line < out) > 0) if (line ~ /number of failed transactions/) { split(line, a, " "); failed = a[5] }
            printf "%d %d %.1f %.3f %.3f %.3f %.3f %.3f\n", NR, failed, NR / duration, p(0.5), p(0.9), p(0.99), p(0.999), v[NR]
        }' > "$dir/figures"
    {
        cat "$dir/pgbench.out"
        echo "# from the per-transaction log (-l, time from the scheduled start): count failed rate p50_ms p90_ms p99_ms p999_ms max_ms"
        cat "$dir/figures"
    } > "$out"
    cat "$dir/figures"
}

http_run() { # http_run <label> <rate>: ConstantRateLoad; prints "count errors rate p50 p90 p99 p99.9 max" (ms)
    local out
    out=$(raw_file "http-$1.txt")
    java -Xmx512m bench/src/ConstantRateLoad.java --urls "$WORK/urls.txt" --rate "$2" --duration "$DURATION" \
        --warmup "$WARMUP" --connections "$CONNECTIONS" > "$out"
    awk '{f[$1] = $2} END {printf "%d %d %.1f %.3f %.3f %.3f %.3f %.3f\n", f["count"], f["errors"], f["rate"],
        f["p50_ms"], f["p90_ms"], f["p99_ms"], f["p999_ms"], f["max_ms"]}' "$out"
}

wrk_run() { # wrk_run: closed loop over the URL list; prints "count errors rate p50 p90 p99 - max" (ms)
    local out lua=$WORK/urls.lua
    out=$(raw_file http-saturation-wrk.txt)
    sed "s#^http://127.0.0.1:$PORT##" "$WORK/urls.txt" > "$WORK/paths.txt"
    cat > "$lua" <<LUA
-- Cycles through the benchmark's request paths, each thread from its own offset.
local paths = {}
for line in io.lines("$WORK/paths.txt") do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
LUA
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$lua" "http://127.0.0.1:$PORT" > /dev/null
    date -u +%FT%T.%3NZ > "$WORK/saturation-window"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$lua" "http://127.0.0.1:$PORT" > "$out"
    date -u +%FT%T.%3NZ >> "$WORK/saturation-window"
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
         $1 == "50%" {p50 = ms($2)} $1 == "90%" {p90 = ms($2)} $1 == "99%" {p99 = ms($2)} /^ +Latency +[0-9]/ {max = ms($4)}
         /requests in/ {count = $1} /^Requests\/sec/ {rps = $2}
         /Non-2xx/ {err += $NF} /Socket errors/ {gsub(/,/, ""); err += $4 + $6 + $8 + $10}
         END {printf "%d %d %.1f %.3f %.3f %.3f - %.3f\n", count, err, rps, p50, p90, p99, max}' "$out"
}

if ! command -v wrk > /dev/null; then
    log "installing wrk"
    apt-get install -y wrk > /dev/null 2>&1 || { apt-get update > /dev/null 2>&1 && apt-get install -y wrk > /dev/null 2>&1; } || true
fi

printf '%-22s %8s %6s %9s %9s %9s %9s %9s %9s\n' "" count errors "rate/s" "p50 ms" "p90 ms" "p99 ms" "p99.9 ms" "max ms"
row() { printf '%-22s %8s %6s %9s %9s %9s %9s %9s %9s\n' "$1" $2; }
check() { # check <label> <http figures> <pgbench figures> <offered rate or 0>
    local h=($2) g=($3)
    verdict "$1: p99 <= pgbench p99" "${h[5]} <= ${g[5]}" "${h[5]} ms vs ${g[5]} ms"
    if (( $4 > 0 )); then
        verdict "$1: throughput >= pgbench" "${h[2]} >= ${g[2]} || ${h[2]} >= 0.99 * $4" "${h[2]} vs ${g[2]} req/s, offered $4"
    else
        verdict "$1: throughput >= pgbench" "${h[2]} >= ${g[2]}" "${h[2]} req/s vs ${g[2]} tps"
    fi
    verdict "$1: no errors" "${h[1]} + ${g[1]} == 0" "${h[1]} HTTP, ${g[1]} pgbench"
}
verdicts=()
for rate in $RATES; do
    h=$(http_run "R$rate" "$rate")
    g=$(pgbench_run "R$rate" -R "$rate")
    row "klines at $rate/s" "$h"
    row "pgbench -R $rate" "$g"
    echo "RESULT rate $rate/s: klines p50 $(cut -d' ' -f4 <<< "$h") p99 $(cut -d' ' -f6 <<< "$h") ms, $(cut -d' ' -f3 <<< "$h")/s;" \
        "pgbench p50 $(cut -d' ' -f4 <<< "$g") p99 $(cut -d' ' -f6 <<< "$g") ms, $(cut -d' ' -f3 <<< "$g")/s"
    verdicts+=("rate $rate/s|$h|$g|$rate")
done
if command -v wrk > /dev/null; then
    h=$(wrk_run)
    tool="wrk -c $CONNECTIONS"
else
    log "no wrk: saturation with ConstantRateLoad --rate 0 (closed loop)"
    h=$(http_run saturation 0)
    tool="ConstantRateLoad closed loop -c $CONNECTIONS"
fi
g=$(pgbench_run saturation)
row "klines saturation" "$h"
row "pgbench saturation" "$g"
echo "RESULT saturation ($tool vs pgbench -c $CONNECTIONS): klines $(cut -d' ' -f3 <<< "$h") req/s p99 $(cut -d' ' -f6 <<< "$h") ms;" \
    "pgbench $(cut -d' ' -f3 <<< "$g") tps p99 $(cut -d' ' -f6 <<< "$g") ms"
verdicts+=("saturation|$h|$g|0")
app_stop
load_report
keep_tail "$APP_LOG" app-log-tail.txt
if [[ "$PROFILE" == 1 && -s "$WORK/saturation-window" ]]; then
    java bench/src/JfrSummary.java "$RECORDING" $(cat "$WORK/saturation-window") http-nio > "$(raw_file profile.txt)"
    log "profile: $(raw_file profile.txt) (recording $RECORDING)"
fi
for v in "${verdicts[@]}"; do
    IFS='|' read -r label h g rate <<< "$v"
    check "$label" "$h" "$g" "$rate"
done
exit "$STATUS"
