#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for tests, benchmarks and the failover demonstration (Debian's postgresql-15).
#
#   Scripts/pg-server.sh start DIR PORT [postgres -c settings…]   prints the administrator's URL
#   Scripts/pg-server.sh standby DIR PORT PRIMARY_DIR PRIMARY_PORT   a streaming standby (application_name standby1)
#   Scripts/pg-server.sh promote DIR
#   Scripts/pg-server.sh restart DIR                                  start again after kill
#   Scripts/pg-server.sh kill DIR                                     the server killed at once, as by a crash
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
    openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$dir/data/server.key" \
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
authentication_timeout = 10s
fsync = on
EOF
    # Extra settings go into the configuration file, where quoting is the server's own.
    for s in "$@"; do echo "$s" >> "$dir/data/postgresql.conf"; done
    as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
    ;;
standby)
    port=${3:?a port}; primary_dir=${4:?the primary folder}; primary_port=${5:?the primary port}
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    cp "$primary_dir/pw" "$dir/pw"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/pw"
    password=$(cat "$dir/pw")
    as_server env PGPASSWORD="$password" "$BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
        -D "$dir/data" -X stream -c fast > "$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    touch "$dir/data/standby.signal"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/data/standby.signal"
    cat >> "$dir/data/postgresql.conf" <<EOF
port = $port
unix_socket_directories = '$dir'
primary_conninfo = 'host=127.0.0.1 port=$primary_port user=postgres password=$password application_name=standby1'
synchronous_standby_names = ''
EOF
    as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres:$password@127.0.0.1:$port/postgres"
    ;;
restart)
    as_server "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    ;;
promote)
    as_server "$BIN/pg_ctl" -D "$dir/data" -w -t 30 promote > /dev/null
    ;;
kill)
    pid=$(head -1 "$dir/data/postmaster.pid")
    # Its backends go with it, as in a crash of the machine.
    pkill -9 -P "$pid" 2>/dev/null || true
    kill -9 "$pid"
    ;;
stop)
    [ -d "$dir/data" ] && as_server "$BIN/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: pg-server.sh start DIR PORT | standby DIR PORT PRIMARY_DIR PRIMARY_PORT | promote DIR | kill DIR | stop DIR" >&2
    exit 2
    ;;
esac
