#!/usr/bin/env bash
# End to end on the real binary in tmux: a call handler on a fresh log answers a 999 call, grades and raises it,
# assigns the recommended unit, quits; then the log must verify, replay and hold those events.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vigil
bin="$PWD/.build/debug/vigil"
dir=$(mktemp -d)
db="$dir/e2e.sqlite"
session="vigil-e2e-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT

# A live log: the first supervisor's PIN at creation, the call handler's set by that supervisor (--as, PINs on stdin).
echo 480317 | "$bin" log init --db "$db" --pin-stdin > /dev/null
# A PIN a supervisor sets works once: H200 chooses their own with it.
printf '480317\n615243\n' | "$bin" operator pin --db "$db" --as S001 --id H200 --pin-stdin > /dev/null
printf '615243\n731904\n' | "$bin" operator pin --db "$db" --as H200 --id H200 --pin-stdin > /dev/null
echo 731904 | "$bin" do --db "$db" --operator H200 --pin-stdin 'receive 999 at=52.4776,-1.9102 address="14 Broad Street, Ladywood" caller="Jade Khan" "Fight outside the bar"' > /dev/null

tmux new-session -d -s "$session" -x 120 -y 40 "'$bin' console --db '$db' --operator S001 --role call-handler --lock-after 0.1; echo \"exit=\$?\" > '$dir/exit'; sleep 30"

label=e2e
source Scripts/tmux-screen.sh

wait_for "PIN for S001"
keys -l 480317; keys Enter
wait_for "Calls waiting 1"
keys n;                       wait_for "Call C1"
wait_for "Jade Khan"
# Left idle (6 s here), the console locks and hides the caller; the PIN opens it again on the same call.
wait_for "Console locked"
if screen | grep -F "Jade Khan" > /dev/null; then echo "e2e: the locked console still shows the caller"; screen; exit 1; fi
keys -l 480317; keys Enter
wait_for "Unlocked."
wait_for "Jade Khan"
keys Up 1 Down;               wait_for "1 Emergency"
keys -l "crime/assault"; keys Enter
wait_for "IncidentRaised WM-"
keys F3;                      wait_for "Recommended for 0001"
keys a;                       wait_for "UnitAssigned"
keys q y
for _ in $(seq 1 50); do [ -f "$dir/exit" ] && break; sleep 0.1; done
grep -q "exit=0" "$dir/exit" || { echo "e2e: the console did not quit cleanly: $(cat "$dir/exit" 2>/dev/null)"; exit 1; }

"$bin" log verify --db "$db" | grep "chain intact" > /dev/null
echo 480317 | "$bin" log replay --db "$db" --as S001 --pin-stdin | grep "1 incidents (1 open)" > /dev/null
csv=$(echo 480317 | "$bin" log export --db "$db" --as S001 --pin-stdin --format csv)
for event in ContactAnswered IncidentRaised UnitAssigned OperatorSignedOff; do
  echo "$csv" | grep -E ",S001,tty-[0-9a-f]{32},$event," > /dev/null || { echo "e2e: no $event by S001 in the log"; echo "$csv"; exit 1; }
done
echo 480317 | "$bin" log access --db "$db" --as S001 --pin-stdin --operator S001 2> /dev/null | grep -E "S001 +tty-[0-9a-f]{7} +C1 +caller details" > /dev/null \
  || { echo "e2e: the access log does not show S001 opening C1's caller details"; echo 480317 | "$bin" log access --db "$db" --as S001 --pin-stdin; exit 1; }
echo "e2e: answered, locked when idle and unlocked, raised, assigned and quit through the console; the log verifies and replays"
