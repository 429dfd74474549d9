#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests, benchmarks and the failover demonstration (Debian's postgresql-15).
#
#   Scripts/pg-server.sh start DIR PORT [postgres -c settings…]   prints the administrator's URL
#   Scripts/pg-server.sh stop DIR
#
# The server listens on 127.0.0.1:PORT only, signs in with SCRAM-SHA-256, offers TLS with a self-signed certificate,
# slows failed sign-ins (auth_delay), and keeps everything in DIR. Run as root, it runs the server as `postgres`
# (initdb refuses root).
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
cmd=${1:?usage: pg-server.sh start DIR PORT | stop DIR}
dir=${2:?usage: pg-server.sh start DIR PORT | stop DIR}
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
    port=${3:?a port}
    shift 3
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL 15 is not installed (apt-get install -y postgresql-15)" >&2; exit 1; }
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir"
        runuser -u postgres -- test -w "$dir" || { echo "$dir cannot be reached by the postgres user; choose a folder under /tmp" >&2; exit 1; }
    fi
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    echo "$password" > "$dir/pw"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
    as_server "$BIN/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 --pwfile="$dir/pw" -E UTF8 \
        --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # A self-signed certificate, so sslmode=require is tested against a real TLS server.
    openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/data/server.key" \
        -out "$dir/data/server.crt" > /dev/null 2>&1
    chmod 600 "$dir/data/server.key"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/data/server.key" "$dir/data/server.crt"
    cat >> "$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
ssl = on
max_connections = 200
shared_preload_libraries = 'auth_delay'
auth_delay.milliseconds = 500
fsync = on
EOF
    # Extra settings go into the configuration file, where quoting is the server's own.
    for s in "$@"; do echo "$s" >> "$dir/data/postgresql.conf"; done
    as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -d "$dir/data" ] && as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-server.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
