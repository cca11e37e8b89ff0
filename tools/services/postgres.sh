#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, benchmarks and local trials.
#
#   tools/services/postgres.sh start [DIR [PORT]]   prints the JDBC URL on stdout (last line)
#   tools/services/postgres.sh stop DIR             stops the cluster and deletes DIR
#
# start installs PostgreSQL from Debian's packages when no initdb is found (root only: apt-get
# update; apt-get install -y postgresql), runs initdb into DIR/data (a fresh temp dir when DIR is
# not given), and starts the server on 127.0.0.1:PORT (a free port when not given) with its socket
# in DIR. When run as root the cluster runs as the 'postgres' user (PostgreSQL refuses root).
# The cluster trusts local connections, has a superuser 'quoll' and a database 'quoll', and runs
# with fsync=off: it is for throwaway data only, never for anything you want to keep.
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

find_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [[ -x "$d/initdb" ]] && { echo "$d"; return 0; }
  done
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir; return 0
  fi
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

install_postgres() {
  [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed and installing it needs root"
  echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

# Runs a PostgreSQL binary as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start() {
  local dir="${1:-}" port="${2:-}" bin
  bin=$(find_bin) || { install_postgres; bin=$(find_bin) || die "initdb not found after install"; }
  [[ -n "$dir" ]] || dir=$(mktemp -d /tmp/quoll-pg.XXXXXX)
  mkdir -p "$dir"
  [[ -n "$port" ]] || port=$(free_port)
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
    chown postgres "$dir"
    runuser -u postgres -- test -w "$dir" ||
      die "the postgres user cannot reach $dir (make its parent directories world-executable)"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U quoll --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >&2 || { cat "$dir/server.log" >&2; die "pg_ctl start failed"; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U quoll quoll
  echo "$dir" >"$dir/.quoll-pg"
  echo "jdbc:postgresql://127.0.0.1:$port/quoll?user=quoll"
}

stop() {
  local dir="${1:-}" bin
  [[ -n "$dir" && -f "$dir/.quoll-pg" ]] || die "usage: postgres.sh stop DIR (a directory made by start)"
  bin=$(find_bin) || die "initdb not found"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: postgres.sh start [DIR [PORT]] | stop DIR" ;;
esac
