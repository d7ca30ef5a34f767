#!/usr/bin/env bash
# Follows the logs of every service, or of those named: scripts/dev/logs.sh gateway market-data
set -euo pipefail
cd "$(dirname "$0")/../.."
docker compose logs -f --tail=200 "$@"
