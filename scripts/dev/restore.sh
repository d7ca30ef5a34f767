#!/usr/bin/env bash
# Restores a backup of backup.sh into a database (see pg-lib.sh for which one; stop the app that uses it first).
#   scripts/dev/restore.sh FILE              into a new or empty database (created when missing)
#   scripts/dev/restore.sh --replace FILE    drops the database first: everything written since the backup is lost
# Flyway then finds the schema version of the backup: start the release that made the backup (docs/backup.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/dev/pg-lib.sh
replace=false
if [[ "${1:-}" == "--replace" ]]; then replace=true; shift; fi
file="${1:-}"
[[ -n "$file" && -f "$file" ]] || die "usage: restore.sh [--replace] FILE (a dump of backup.sh); '$file' not found"
pg_connect
target="$PGDATABASE"
[[ "$target" =~ ^[A-Za-z0-9_]+$ ]] || die "database name '$target': only letters, digits and _ are handled here"
pg_binaries postgres
psql=("$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -d postgres -tA)
exists="$("${psql[@]}" -c "SELECT count(*) FROM pg_database WHERE datname = '$target'")"
if [[ "$exists" == 1 && "$replace" == true ]]; then
  "${psql[@]}" -c "DROP DATABASE \"$target\" WITH (FORCE)" >/dev/null
  exists=0
fi
if [[ "$exists" == 1 ]]; then
  tables="$("$PG_BIN/psql" -X -d "$target" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  [[ "$tables" == 0 ]] || die "database $target already has $tables tables: restore into a new one, or use --replace"
else
  "${psql[@]}" -c "CREATE DATABASE \"$target\"" >/dev/null
fi
"$PG_BIN/pg_restore" --no-owner --no-privileges --exit-on-error --dbname="$target" "$file"
echo "restore.sh: $file restored into $target on $PGHOST:$PGPORT with $PG_BIN/pg_restore"
