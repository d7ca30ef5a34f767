# Shared by backup.sh and restore.sh (sourced): which database, and PostgreSQL client binaries that can talk to it.
#
# The database: COINWATCH_DB_URL, else SPRING_DATASOURCE_URL (jdbc:postgresql://host:port/database, as the app takes
# it), user and password from SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD (or PGUSER / PGPASSWORD).
# Without a URL: the embedded database of the app running from this directory; its port is in
# ${COINWATCH_DATA_DIR:-data}/postgres/postmaster.pid, the database is "postgres", the user "postgres".
#
# The binaries: pg_dump and pg_restore refuse a server newer than themselves, so the newest found is used, from
# COINWATCH_PG_BIN, /usr/lib/postgresql/*/bin or the PATH, and it must be at least the server's major version.

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

pg_connect() {
  local url="${COINWATCH_DB_URL:-${SPRING_DATASOURCE_URL:-}}"
  if [[ -n "$url" ]]; then
    [[ "$url" =~ ^jdbc:postgresql://([^:/?]+)(:([0-9]+))?/([^?]+) ]] \
      || die "cannot read the database URL '$url' (expected jdbc:postgresql://host:port/database)"
    export PGHOST="${BASH_REMATCH[1]}" PGPORT="${BASH_REMATCH[3]:-5432}" PGDATABASE="${BASH_REMATCH[4]}"
  else
    local pid="${COINWATCH_DATA_DIR:-data}/postgres/postmaster.pid"
    [[ -f "$pid" ]] || die "no COINWATCH_DB_URL given and no embedded database running ($pid is missing): start the app, or give the URL"
    export PGHOST=127.0.0.1 PGPORT="$(sed -n 4p "$pid")" PGDATABASE=postgres
  fi
  export PGUSER="${SPRING_DATASOURCE_USERNAME:-${PGUSER:-postgres}}"
  if [[ -n "${SPRING_DATASOURCE_PASSWORD:-}" ]]; then
    export PGPASSWORD="$SPRING_DATASOURCE_PASSWORD"
  fi
}

# Sets PG_BIN to a directory whose pg_dump/pg_restore can handle the server of PGHOST:PGPORT ($1: a database to ask).
pg_binaries() {
  local candidates=() dir best="" best_major=0
  [[ -n "${COINWATCH_PG_BIN:-}" ]] && candidates+=("$COINWATCH_PG_BIN")
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do candidates+=("$dir"); done
  command -v pg_dump >/dev/null && candidates+=("$(dirname "$(command -v pg_dump)")")
  for dir in "${candidates[@]}"; do
    [[ -x "$dir/pg_dump" && -x "$dir/pg_restore" && -x "$dir/psql" ]] || continue
    local major
    major="$("$dir/pg_dump" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)?.*/\1/')"
    if (( major > best_major )); then best="$dir"; best_major="$major"; fi
  done
  [[ -n "$best" ]] || die "pg_dump, pg_restore and psql not found (install postgresql-client, or set COINWATCH_PG_BIN)"
  local server
  server="$("$best/psql" -d "$1" -XtAc 'SHOW server_version_num')" \
    || die "cannot connect to $PGHOST:$PGPORT/$1 as $PGUSER"
  (( best_major >= server / 10000 )) \
    || die "the server is PostgreSQL $((server / 10000)) and the newest pg_dump here is $best_major ($best): install the client of version $((server / 10000)) or set COINWATCH_PG_BIN"
  PG_BIN="$best"
}
