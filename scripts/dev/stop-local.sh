#!/usr/bin/env bash
# Stops the processes scripts/dev/start-local.sh started (by the ids in data/pids), gateway first; each gets 30 s to
# shut down gracefully before it is killed.
set -euo pipefail
cd "$(dirname "$0")/../.."

for role in gateway market-data fundamental-data monitor; do
  pidfile="data/pids/${role}.pid"
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "${role} (pid ${pid}) did not stop in 30 s; killing it"
      kill -9 "$pid"
    fi
    echo "Stopped ${role} (pid ${pid})"
  fi
  rm -f "$pidfile"
done
