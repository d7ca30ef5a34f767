#!/usr/bin/env bash
# Runs the exchange simulator on its own (Bybit v5, Binance spot and CoinGecko wire formats) until stopped.
# Arguments are coinwatch.simulator.* settings without the prefix, e.g.
#   scripts/dev/simulator.sh --port=9200 --symbols=600 --history-days=30 --replay-dir=data/replay --faults.latency=250ms
# Offline: MAVEN_ARGS=-o scripts/dev/simulator.sh ...
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q compile dependency:build-classpath -Dmdep.outputFile=target/simulator.classpath
exec java -cp "target/classes:$(cat target/simulator.classpath)" io.coinwatch.simulator.SimulatorMain "$@"
