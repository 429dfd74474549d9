#!/usr/bin/env bash
# The log on a primary with a synchronous standby, on one machine with two PostgreSQL clusters:
#  1. mid-shift the primary is killed (kill -9) and the standby promoted; consoles and `vigil do`, given both hosts in
#     their URL, carry on against it; no acknowledged action is lost, and the chain verifies;
#  2. the new primary's standby dies: under the default policy commits wait for it (and every console shows NO
#     STANDBY); with `vigil log standby --go-on-after 3` they go on without it after three seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vigil
bin="$PWD/.build/debug/vigil"
dir=$(mktemp -d)
p1=$(mktemp -d -u /tmp/vigil-failover-a.XXXXXX); p2=$(mktemp -d -u /tmp/vigil-failover-b.XXXXXX)
p3=$(mktemp -d -u /tmp/vigil-failover-c.XXXXXX)
console="vigil-failover-$$"
cleanup() {
  tmux kill-session -t "$console" 2>/dev/null || true
  [ -n "${watch_pid:-}" ] && kill "$watch_pid" 2>/dev/null || true
  for d in "$p1" "$p2" "$p3"; do Scripts/pg-server.sh stop "$d"; done
  rm -rf "$dir"
}
trap cleanup EXIT
say() { echo "failover: $*"; }

Scripts/pg-server.sh start "$p1" 55451 "synchronous_standby_names = 'standby1'" > /dev/null
Scripts/pg-server.sh standby "$p2" 55452 "$p1" 55451 > /dev/null
export PGPASSWORD=$(cat "$p1/pw")
psql -q "postgres://postgres@127.0.0.1:55451/postgres" -c "CREATE DATABASE shift"
admin=postgres://postgres@127.0.0.1:55451,127.0.0.1:55452/shift
log=postgres://127.0.0.1:55451,127.0.0.1:55452/shift   # both hosts: whichever is the primary is used
echo "supervisor passphrase one" | "$bin" log init --db "$admin" --pin-stdin > /dev/null
unset PGPASSWORD
for op in H200 I300; do
  printf 'supervisor passphrase one\n%s passphrase once\n' "$op" \
    | "$bin" operator pin --db "$log" --as S001 --id $op --pin-stdin > /dev/null
  # A passphrase a supervisor sets works once: its holder chooses their own.
  printf '%s passphrase once\n%s passphrase two\n' "$op" "$op" \
    | "$bin" operator pin --db "$log" --as $op --id $op --pin-stdin > /dev/null
done

tmux new-session -d -s "$console" -x 120 -y 40 "'$bin' console --db '$log' --operator I300 --role inspector; sleep 60"
label=failover
. Scripts/tmux-screen.sh
wait_for() { wait_on "$console" "$@"; }
wait_for "Passphrase for" 100
tmux send-keys -t "$console" -l "I300 passphrase two"; tmux send-keys -t "$console" Enter
wait_for "Incidents" 100

# A call handler takes calls one after another; each acknowledged action's events are kept.
(
  for i in $(seq 1 150); do
    echo "H200 passphrase two" \
      | "$bin" do --db "$log" --operator H200 --pin-stdin "receive 101 at=52.48,-1.90 \"call $i\"" \
        >> "$dir/acknowledged" 2>> "$dir/refused" || true
    sleep 0.05
  done
) &
writer=$!
sleep 4
before=$(grep -c ContactReceived "$dir/acknowledged" || true)
Scripts/pg-server.sh kill "$p1"
say "primary killed after $before acknowledged calls"
sleep 1
Scripts/pg-server.sh promote "$p2"
say "standby promoted"
wait "$writer"
acked=$(grep -c ContactReceived "$dir/acknowledged")
[ "$acked" -gt "$before" ] || { say "no call was acknowledged after the failover"; cat "$dir/refused"; exit 1; }
PGPASSWORD=$(cat "$p2/pw") "$bin" log export --db "postgres://postgres@127.0.0.1:55452/shift" --format csv > "$dir/log.csv"
missing=0
while read -r seq _; do
  grep -q "^$seq," "$dir/log.csv" || { say "acknowledged seq $seq is missing"; missing=$((missing + 1)); }
done < "$dir/acknowledged"
[ "$missing" = 0 ] || exit 1
PGPASSWORD=$(cat "$p2/pw") "$bin" log verify --db "postgres://postgres@127.0.0.1:55452/shift" | tee "$dir/verify.txt"
grep -q "chain intact" "$dir/verify.txt"
last=$(tail -1 "$dir/log.csv" | cut -d, -f1)
wait_for "seq $last" 150
say "$acked calls acknowledged ($((acked - before)) after the failover), none lost; the inspector's console followed to seq $last"

# Part 2: the new primary gets a standby of its own, which then dies, twice.
psql -q "postgres://postgres:$(cat "$p2/pw")@127.0.0.1:55452/postgres" \
  -c "ALTER SYSTEM SET synchronous_standby_names = 'standby1'" -c "SELECT pg_reload_conf()" > /dev/null
Scripts/pg-server.sh standby "$p3" 55453 "$p2" 55452 > /dev/null
primary=postgres://postgres@127.0.0.1:55452/shift
act() { echo "H200 passphrase two" | "$bin" do --db "$log" --operator H200 --pin-stdin "receive 999 at=52.48,-1.90 \"$1\"" > /dev/null; }

# The default policy: commits wait for the standby, however long, and every console shows NO STANDBY.
PGPASSWORD=$(cat "$p2/pw") "$bin" log standby --db "$primary" > "$dir/watch-wait.txt" 2>&1 &
watch_pid=$!
sleep 2
Scripts/pg-server.sh kill "$p3"
act "while the standby is down" &
pending=$!
sleep 6
kill -0 "$pending" 2>/dev/null || { say "a commit did not wait for the dead standby"; exit 1; }
wait_for "NO STANDBY" 150
say "policy wait: a commit has waited 6 s for the dead standby; the console shows NO STANDBY"
Scripts/pg-server.sh restart "$p3"
wait "$pending" || { say "the waiting commit failed when the standby came back"; exit 1; }
say "the standby came back and the waiting commit went through"
kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true; watch_pid=
cat "$dir/watch-wait.txt"

# The other policy: after 3 s without the standby, commits go on without it.
PGPASSWORD=$(cat "$p2/pw") "$bin" log standby --db "$primary" --go-on-after 3 > "$dir/watch.txt" 2>&1 &
watch_pid=$!
sleep 2
Scripts/pg-server.sh kill "$p3"
t0=$(date +%s%N)
act "after the standby died again"
waited=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$waited" -ge 2000 ] || { say "the commit did not wait for the standby ($waited ms)"; cat "$dir/watch.txt"; exit 1; }
grep -q "commits go on without one" "$dir/watch.txt" || { cat "$dir/watch.txt"; exit 1; }
wait_for "NO STANDBY" 150
say "policy go-on-after 3: a commit waited $waited ms for the dead standby and then went on; the console shows NO STANDBY"
kill "$watch_pid"; wait "$watch_pid" 2>/dev/null || true; watch_pid=
cat "$dir/watch.txt"
PGPASSWORD=$(cat "$p2/pw") "$bin" log verify --db "$primary" | grep "chain intact"
tmux send-keys -t "$console" q y
say "passed"
