#!/usr/bin/env bash
# Stream fan-out benchmark (issue 18): CLIENTS (1000) concurrent Server-Sent Events clients on one all-in-one process,
# each following PER_CLIENT (2) of SYMBOLS (20) simulated symbols. ROUNDS (3) times: the last DELETE_CANDLES (3) 5m
# candles of every symbol are deleted, the clients connect (a stream starts at the last stored candle), and the live
# sync (every 20 s here) fetches the candles again and publishes market.updated; for every client and symbol, the
# delay from that sync's market.updated (the app's "Sync: ..." log line, written right after the events went to the
# outbox) to the last candle of the round arriving at the client.
# The heartbeat is 2 s here, so the server notices a round's closed connections before the next round connects.
# Target: every client has every candle of the round within 1 s; the java process's RSS stays < 512 MiB (the memory
# budget of README with the same JVM settings). Baseline in the same run: the idle RSS before the clients connect.
# Needs the local PostgreSQL (a database of its own, dropped first); the broker is the embedded one.
# Raw output: bench/results/<date>-stream/. Usage: bench/stream.sh
set -euo pipefail
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
source "$(dirname "$0")/lib.sh"

CLIENTS=${CLIENTS:-1000}
SYMBOLS=${SYMBOLS:-20}
PER_CLIENT=${PER_CLIENT:-2}
ROUNDS=${ROUNDS:-3}
DELETE_CANDLES=${DELETE_CANDLES:-3}
DB="${BENCH_DB_PREFIX}_stream"
PORT=$(free_port)
RESULTS="$BENCH_ROOT/bench/results/$(date -u +%Y-%m-%d)-stream"
mkdir -p "$RESULTS"
LOG="$RESULTS/app.log"
# Everything also goes to the report; a pipeline would run the app in a subshell the EXIT trap cannot stop.
exec > >(tee "$RESULTS/report.txt") 2>&1

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }

machine
echo "clients $CLIENTS, symbols $SYMBOLS, $PER_CLIENT per client, rounds $ROUNDS, JVM: $BENCH_JAVA_OPTS"
fresh_db "$DB"
# Sync every 20 s instead of every 5 minutes; no discovery rerun, no gap audit (they would compete for the CPU).
app_start "$LOG" --spring.profiles.active=demo "--server.port=$PORT" --coinwatch.simulator.port=0 \
    "--spring.datasource.url=jdbc:postgresql://$BENCH_PG_HOST:$BENCH_PG_PORT/$DB" --spring.datasource.username=postgres \
    --camel.main.routes-reload-enabled=false "--coinwatch.simulator.symbols=$SYMBOLS" --coinwatch.simulator.history-days=1 \
    --coinwatch.exchanges.binance.base-url=http://127.0.0.1:9 "--coinwatch.gateway.stream.max-clients=$((CLIENTS + 10))" \
    --coinwatch.gateway.stream.heartbeat=2s \
    "--coinwatch.market-data.sync.cron=0/20 * * * * ?" "--coinwatch.market-data.gap-audit.cron=0 0 0 1 1 ? 2099"
app_wait_ready "$LOG" 240
log "waiting for the backfill of $SYMBOLS symbols"
for _ in $(seq 120); do
    done_count=$(curl -s "localhost:$PORT/api/v1/market-data/backfill/status?exchange=bybit" | python3 -c \
        'import json,sys; r=json.load(sys.stdin)["overall"]; print(r["byStatus"].get("done",0))' 2>/dev/null || echo 0)
    [[ "$done_count" -ge "$SYMBOLS" ]] && break
    sleep 2
done
SYMBOL_LIST=$(curl -s "localhost:$PORT/api/v1/market-data/symbols?exchange=bybit" | python3 -c \
    'import json,sys; print(",".join(s["symbol"] for s in json.load(sys.stdin)["symbols"] if s["active"]))')
IDLE_RSS=$(rss_mib "$APP_PID")
echo "idle RSS before the clients: $IDLE_RSS MiB"
load_start

# Each round: take the last candles of every symbol away, connect the clients (each stream starts at the last stored
# candle), and let the next sync (second 0, 20 or 40) fetch them again and announce them with market.updated.
: > "$RESULTS/rss.txt"
: > "$RESULTS/rounds.txt"
for round in $(seq "$ROUNDS"); do
    while (( $(date +%S | sed 's/^0//') % 20 != 3 )); do sleep 0.2; done
    psql_bench -d "$DB" -c "DELETE FROM candle WHERE open_time > (SELECT max(open_time) FROM candle) - interval '$((DELETE_CANDLES * 5 - 1)) minutes'"
    log "round $round: deleted the last $DELETE_CANDLES candles of every symbol, connecting $CLIENTS clients"
    echo "$round $(date +%s.%N)" >> "$RESULTS/rounds.txt"
    python3 bench/stream-clients.py "$PORT" "$CLIENTS" "$SYMBOL_LIST" "$PER_CLIENT" "$RESULTS/events-$round.jsonl" 30 \
        > "$RESULTS/clients-$round.json" &
    CLIENTS_PID=$!
    sleep 10
    echo "round $round: streams open after 10 s: $(curl -s "localhost:$PORT/actuator/prometheus" | awk '/^coinwatch_stream_clients/ {print $2}')"
    for _ in $(seq 18); do
        echo "$(date -u +%s) $(rss_mib "$APP_PID")" >> "$RESULTS/rss.txt"
        sleep 1
    done
    wait "$CLIENTS_PID"
    echo "round $round clients: $(cat "$RESULTS/clients-$round.json")"
done
load_report
grep "Sync: " "$LOG" > "$RESULTS/syncs.log" || true

python3 - "$RESULTS" "$CLIENTS" "$PER_CLIENT" "$DELETE_CANDLES" > "$RESULTS/delays.txt" <<'PY'
import json, sys, datetime, collections
results, clients, per_client, deleted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
syncs = []
for line in open(results + "/syncs.log"):
    if "symbols updated" in line and " 0 symbols updated" not in line:
        syncs.append(datetime.datetime.fromisoformat(line.split()[0].replace("Z", "+00:00")).timestamp())
delays, complete, rounds = [], 0, 0
for line in open(results + "/rounds.txt"):
    number, started = line.split()
    rounds += 1
    t0 = next((t for t in syncs if t > float(started)), None)
    events = [json.loads(l) for l in open(f"{results}/events-{number}.jsonl")]
    last, count = collections.defaultdict(float), collections.Counter()
    for e in events:
        key = (e["client"], e["symbol"])
        last[key] = max(last[key], e["at"])
        count[key] += 1
    full = sum(1 for n in count.values() if n == deleted)
    complete += full
    if t0 is None or not last:
        print(f"round {number}: no sync or no candle events ({len(events)} events)")
        continue
    round_delays = sorted(at - t0 for at in last.values())
    delays += round_delays
    print(f"round {number}: {full} of {clients * per_client} client-symbol pairs got all {deleted} candles (exactly once), "
          f"delay to the last one p50 {round_delays[len(round_delays) // 2]:.3f} s, max {round_delays[-1]:.3f} s")
delays.sort()
if delays:
    print(f"RESULT stream delay after market.updated: p50 {delays[len(delays) // 2]:.3f} s, "
          f"p99 {delays[int(len(delays) * 0.99)]:.3f} s, max {delays[-1]:.3f} s over {rounds} rounds")
print(f"RESULT_MAX {delays[-1] if delays else 999:.3f}")
print(f"RESULT_PAIRS {complete} {rounds * clients * per_client}")
PY
grep -v '^RESULT_' "$RESULTS/delays.txt"
MAX_DELAY=$(awk '/^RESULT_MAX/ {print $2}' "$RESULTS/delays.txt")
read -r GOT WANTED < <(awk '/^RESULT_PAIRS/ {print $2, $3}' "$RESULTS/delays.txt")
MAX_RSS=$(awk 'BEGIN {m = 0} {if ($2 > m) m = $2} END {print m}' "$RESULTS/rss.txt")
app_stop
echo "RESULT RSS: idle $IDLE_RSS MiB, max with the clients $MAX_RSS MiB"
verdict delivery "$GOT == $WANTED" "$GOT of $WANTED client-symbol pairs got all their candles"
verdict latency "$MAX_DELAY < 1.0" "slowest client-symbol pair ${MAX_DELAY} s after market.updated"
verdict memory "$MAX_RSS < 512" "max RSS $MAX_RSS MiB"
exit $STATUS
