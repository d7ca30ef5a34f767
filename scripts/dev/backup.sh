#!/usr/bin/env bash
# Backs up Coinwatch's database with pg_dump, in the custom format (compressed; pg_restore can restore it whole or
# table by table). Works on the embedded database of a running app and on an external one (see pg-lib.sh).
#   scripts/dev/backup.sh [FILE]        FILE defaults to backups/coinwatch-<UTC time>.dump
#   COINWATCH_DB_URL=jdbc:postgresql://db:5432/coinwatch SPRING_DATASOURCE_USERNAME=coinwatch \
#     SPRING_DATASOURCE_PASSWORD=... scripts/dev/backup.sh
# The dump is consistent (one snapshot) while the app keeps running. docs/backup.md has the whole procedure.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/dev/pg-lib.sh
pg_connect
pg_binaries "$PGDATABASE"
out="${1:-backups/coinwatch-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$out")"
"$PG_BIN/pg_dump" --format=custom --no-owner --no-privileges --file="$out" "$PGDATABASE"
echo "backup.sh: $PGDATABASE on $PGHOST:$PGPORT saved to $out ($(du -h "$out" | cut -f1)) with $PG_BIN/pg_dump"
