#!/bin/sh
# PostgreSQL image init hook (runs once, on an empty data directory): creates Tributary's and Temporal's roles and
# databases from roles.sql with the passwords from the environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$TRIBUTARY_OWNER_PASSWORD" \
  -v app_password="$TRIBUTARY_APP_PASSWORD" \
  -v temporal_password="$TEMPORAL_DB_PASSWORD" \
  -f /tributary/roles.sql
