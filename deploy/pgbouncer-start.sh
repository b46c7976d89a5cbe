#!/bin/sh
# Starts PgBouncer with deploy/pgbouncer.ini: writes its auth file from FLOCK_DB_USER and
# FLOCK_DB_PASSWORD (the operator's .env), so no password is ever written into the repository or the image.
# Edit when PgBouncer needs another start-up step.
set -eu
: "${FLOCK_DB_USER:?set FLOCK_DB_USER}"
: "${FLOCK_DB_PASSWORD:?set FLOCK_DB_PASSWORD}"
dir="${PGBOUNCER_RUN_DIR:-/run/pgbouncer}"
mkdir -p "$dir"
umask 077
# userlist.txt quotes each field and doubles any quote inside it.
quote() { printf '"%s"' "$(printf '%s' "$1" | sed 's/"/""/g')"; }
printf '%s %s\n' "$(quote "$FLOCK_DB_USER")" "$(quote "$FLOCK_DB_PASSWORD")" > "$dir/userlist.txt"
exec pgbouncer "${PGBOUNCER_INI:-/etc/pgbouncer/pgbouncer.ini}"
