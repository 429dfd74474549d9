#!/usr/bin/env bash
# The log on PostgreSQL, end to end with the real binary: an administrator makes the log; a supervisor adds operators,
# each of whom signs in as their own role; two consoles (as at two sites) see each other's work within a second by
# LISTEN; every server connection is killed mid-shift and the consoles heal by themselves, missing nothing; a wrong
# passphrase and a short one each get one sentence; the chain verifies.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vigil
bin="$PWD/.build/debug/vigil"
dir=$(mktemp -d)
pg=$(mktemp -d -u /tmp/vigil-e2e-pg.XXXXXX)   # where the server user can reach it
a="vigil-pga-$$"; b="vigil-pgb-$$"
trap 'tmux kill-session -t "$a" 2>/dev/null || true; tmux kill-session -t "$b" 2>/dev/null || true; Scripts/pg-server.sh stop "$pg"; rm -rf "$dir"' EXIT

admin=$(Scripts/pg-server.sh start "$pg" 55433)
export PGPASSWORD=${admin#postgres://postgres:}; PGPASSWORD=${PGPASSWORD%%@*}
psql -q "$admin" -c "CREATE DATABASE shift"
admin_log=postgres://postgres@127.0.0.1:55433/shift
log=postgres://127.0.0.1:55433/shift   # what consoles use: no user; each operator signs in as their own role

echo "supervisor passphrase one" | "$bin" log init --db "$admin_log" --pin-stdin
unset PGPASSWORD
for op in D100 I300 H200; do
  printf 'supervisor passphrase one\n%s passphrase once\n' "$op" \
    | "$bin" operator pin --db "$log" --as S001 --id $op --pin-stdin > /dev/null
  # A passphrase a supervisor sets works once: its holder chooses their own.
  printf '%s passphrase once\n%s passphrase two\n' "$op" "$op" \
    | "$bin" operator pin --db "$log" --as $op --id $op --pin-stdin > /dev/null
done
# A PIN of digits is too short for a log on a server: one sentence, exit 1, nothing changed.
set +e
printf 'supervisor passphrase one\n480317\n' | "$bin" operator pin --db "$log" --as S001 --id D100 --pin-stdin 2> "$dir/short.txt"
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "at least 12 characters" "$dir/short.txt" || { echo "e2e-pg: a short secret: exit $rc"; cat "$dir/short.txt"; exit 1; }
# A wrong passphrase is refused by the server.
set +e
echo "not the passphrase" | "$bin" do --db "$log" --operator H200 --pin-stdin 'answer C1' 2> "$dir/wrong.txt"
rc=$?
set -e
[ "$rc" = 1 ] && grep -q "refused the sign-in" "$dir/wrong.txt" || { echo "e2e-pg: a wrong passphrase: exit $rc"; cat "$dir/wrong.txt"; exit 1; }

say() { echo "H200 passphrase two" | "$bin" do --db "$log" --operator H200 --pin-stdin "$1" > /dev/null; }
say 'receive 999 at=52.4776,-1.9102 address="14 Broad Street, Ladywood"'
say 'answer C1'
say 'raise C1 1 crime/assault'

tmux new-session -d -s "$a" -x 120 -y 40 "'$bin' console --db '$log' --operator D100; sleep 30"
tmux new-session -d -s "$b" -x 120 -y 40 "'$bin' console --db '$log' --operator I300 --role inspector; sleep 30"

label=e2e-pg
. Scripts/tmux-screen.sh
wait_for() { wait_on "$@"; }

for s in "$a" "$b"; do
  wait_for "$s" "Passphrase for" 100
  tmux send-keys -t "$s" -l "$([ "$s" = "$a" ] && echo D100 || echo I300) passphrase two"
  tmux send-keys -t "$s" Enter
done
wait_for "$a" "Recommended for 0001" 150
wait_for "$b" "Incidents 1 open · 1 unresourced" 150
top=$(tmux capture-pane -p -t "$a" | grep -o "1 [A-Z0-9]\{3,6\} " | head -1 | awk '{print $2}')
tmux send-keys -t "$a" a
wait_for "$a" "UnitAssigned $top" 50
start=$(date +%s%N)
wait_for "$b" "Incidents 1 open · 0 unresourced" 10   # within one second
echo "e2e-pg: $top assigned at one console showed at the other in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Every connection of the log's operators is cut, as by a network drop; the consoles say so and heal.
PGPASSWORD=$(cat "$pg/pw") psql -q "postgres://postgres@127.0.0.1:55433/shift" \
  -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = 'shift' AND pid <> pg_backend_pid()" > /dev/null
say 'receive 101 at=52.4800,-1.9000 address="Colmore Row, Birmingham"'
wait_for "$b" "101:1" 100
echo "e2e-pg: a call taken after every connection was cut showed at the inspector's console"
tmux send-keys -t "$a" q y
tmux send-keys -t "$b" q y
sleep 1
PGPASSWORD=$(cat "$pg/pw") "$bin" log verify --db "$admin_log" | tee "$dir/verify.txt"
grep -q "chain intact" "$dir/verify.txt"
echo "e2e-pg: passed"
