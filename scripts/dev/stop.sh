#!/usr/bin/env bash
# Stops and removes the containers; the database and broker volumes stay (`scripts/dev/stop.sh -v` removes them too).
set -euo pipefail
cd "$(dirname "$0")/../.."
docker compose down "$@"
