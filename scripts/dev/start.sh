#!/usr/bin/env bash
# Builds the image and starts PostgreSQL, RabbitMQ and the four services (docker-compose.yml plus, for development,
# docker-compose.override.yml), then waits until the gateway answers. Arguments go to `docker compose up`.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v docker >/dev/null || { echo "start.sh: Docker is not installed; scripts/dev/start-local.sh runs the roles without it" >&2; exit 1; }
[[ -f .env ]] || echo "start.sh: no .env, using the defaults of docker-compose.yml (see .env.example)"
docker compose up -d --build "$@"
port="${GATEWAY_PORT:-8080}"
echo "Waiting for the gateway on http://localhost:${port} ..."
for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:${port}/actuator/health" >/dev/null 2>&1; then
    echo "Coinwatch is up: API http://localhost:${port}/api/v1 (health: curl -s localhost:${port}/api/v1/system/health)"
    exit 0
  fi
  sleep 2
done
echo "start.sh: the gateway did not become healthy in 4 minutes; see scripts/dev/logs.sh" >&2
exit 1
