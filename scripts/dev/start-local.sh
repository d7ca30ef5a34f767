#!/usr/bin/env bash
# Runs Coinwatch split into its four roles as separate local processes, as docker-compose.yml does but without Docker:
# one jar, built once, started four times with its own COINWATCH_ROLES and port:
#   market-data :8081   fundamental-data :8082   monitor :8083   gateway :8080 (forwards each API group to its role)
# (MARKET_DATA_PORT, FUNDAMENTAL_DATA_PORT, MONITOR_PORT, GATEWAY_PORT change them.)
#
# The processes must share ONE PostgreSQL and ONE RabbitMQ, given by environment:
#   SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD,
#   SPRING_RABBITMQ_HOST, SPRING_RABBITMQ_PORT, SPRING_RABBITMQ_USERNAME, SPRING_RABBITMQ_PASSWORD,
#   SPRING_RABBITMQ_VIRTUAL_HOST (optional)
# Without them every process would start an embedded database and broker of its own, and the roles would never see
# each other's data or events, so this script refuses to start.
#
# Logs go to data/logs/<role>.log, process ids to data/pids/<role>.pid; scripts/dev/stop-local.sh stops them.
# SKIP_BUILD=1 reuses the jar of the last build; START_TIMEOUT (300 s) is how long each role may take to come up; SPRING_PROFILES_ACTIVE defaults to dev (dev,demo runs offline
# against the built-in exchange simulator).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ -z "${SPRING_DATASOURCE_URL:-}" || -z "${SPRING_RABBITMQ_HOST:-}${SPRING_RABBITMQ_ADDRESSES:-}" ]]; then
  cat >&2 <<'MSG'
start-local.sh: SPRING_DATASOURCE_URL and SPRING_RABBITMQ_HOST must be set.
The four processes must share one PostgreSQL and one RabbitMQ; without them each would start an embedded database
and broker of its own and the roles would not see each other. For example:
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/coinwatch SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_RABBITMQ_HOST=127.0.0.1 SPRING_RABBITMQ_USERNAME=guest SPRING_RABBITMQ_PASSWORD=guest \
  scripts/dev/start-local.sh
MSG
  exit 2
fi

declare -A PORTS=(
  [market-data]="${MARKET_DATA_PORT:-8081}"
  [fundamental-data]="${FUNDAMENTAL_DATA_PORT:-8082}"
  [monitor]="${MONITOR_PORT:-8083}"
  [gateway]="${GATEWAY_PORT:-8080}"
)
ROLES=(market-data fundamental-data monitor gateway)

mkdir -p data/logs data/pids data/local
for role in "${ROLES[@]}"; do
  pidfile="data/pids/${role}.pid"
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "start-local.sh: ${role} already runs (pid $(cat "$pidfile")); scripts/dev/stop-local.sh stops it" >&2
    exit 1
  fi
done

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "Building the jar ..."
  ./mvnw -B -q package -DskipTests
fi
jar=$(ls target/coinwatch-*.jar | grep -v '\.original$' | head -n1)
# The processes run a copy, so a rebuild or `mvnw clean` while they run does not pull the jar from under them.
cp "$jar" data/local/coinwatch.jar

start_role() {
  local role="$1"; shift
  local port="${PORTS[$role]}"
  # The memory defaults of ./mvnw spring-boot:run and the image (docs/deployment.md).
  env COINWATCH_ROLES="$role" SPRING_PROFILES_ACTIVE="${SPRING_PROFILES_ACTIVE:-dev}" MALLOC_ARENA_MAX=2 "$@" \
    nohup java -Xmx256m -Xms32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:MinMetaspaceFreeRatio=10 -XX:MaxMetaspaceFreeRatio=20 -XX:+UseSerialGC -XX:ReservedCodeCacheSize=64m -Xss512k -XX:TrimNativeHeapInterval=10000 -jar data/local/coinwatch.jar --server.port="$port" > "data/logs/${role}.log" 2>&1 &
  echo $! > "data/pids/${role}.pid"
  echo "Started ${role} (pid $!) on port ${port}, log data/logs/${role}.log"
}

wait_healthy() {
  local role="$1" port="${PORTS[$1]}"
  for _ in $(seq 1 "${START_TIMEOUT:-300}"); do
    if curl -fsS "http://127.0.0.1:${port}/actuator/health" >/dev/null 2>&1; then
      echo "${role} is up on http://localhost:${port}"
      return 0
    fi
    if ! kill -0 "$(cat "data/pids/${role}.pid")" 2>/dev/null; then
      echo "start-local.sh: ${role} exited; see data/logs/${role}.log" >&2
      return 1
    fi
    sleep 1
  done
  echo "start-local.sh: ${role} did not become healthy in ${START_TIMEOUT:-300} s; see data/logs/${role}.log;" \
    "the processes started so far keep running until scripts/dev/stop-local.sh" >&2
  return 1
}

# With the demo profile, one exchange simulator runs, in the market-data process; the others reach it on its port.
start_role market-data
start_role fundamental-data COINWATCH_SIMULATOR_ENABLED=false
start_role monitor COINWATCH_SIMULATOR_ENABLED=false
for role in market-data fundamental-data monitor; do
  wait_healthy "$role"
done
start_role gateway COINWATCH_SIMULATOR_ENABLED=false \
  COINWATCH_MARKET_DATA_URLS="http://127.0.0.1:${PORTS[market-data]}" \
  COINWATCH_FUNDAMENTAL_DATA_URLS="http://127.0.0.1:${PORTS[fundamental-data]}" \
  COINWATCH_MONITOR_URLS="http://127.0.0.1:${PORTS[monitor]}"
wait_healthy gateway
echo "Coinwatch runs split: API http://localhost:${PORTS[gateway]}/api/v1 ; stop with scripts/dev/stop-local.sh"
