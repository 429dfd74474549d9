#!/usr/bin/env bash
# End to end on the real binary in tmux at 80x24: a call given only an address ("10 Colmore Row, Birmingham") is
# answered, found in the gazetteer, raised where the gazetteer puts it and assigned; the log holds the place found.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vigil
bin="$PWD/.build/debug/vigil"
dir=$(mktemp -d)
db="$dir/address.sqlite"
session="vigil-address-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$dir"' EXIT

# A training log (no PINs): an online report with an address and no position.
"$bin" log init --db "$db" --training > /dev/null
"$bin" do --db "$db" --operator H200 \
  'receive online address="10 Colmore Row, Birmingham" caller="Ann Lee" "My bike was taken from the rack outside the office"' \
  > /dev/null

VIGIL_NO_BELL=1 tmux new-session -d -s "$session" -x 80 -y 24 \
  "VIGIL_NO_BELL=1 '$bin' console --db '$db' --operator S001 --role call-handler; echo \"exit=\$?\" > '$dir/exit'; sleep 30"

label=e2e-address
source Scripts/tmux-screen.sh

wait_for "online:1"
keys n;                       wait_for "Call C1"
# Before raising, the form shows where the gazetteer puts the address, and how exactly.
wait_for "→ 10 Colmore Row, City Centre"
keys -l "crime/theft"; keys Enter
wait_for "IncidentRaised WM-"
keys F3;                      wait_for "Recommended for 0001"
wait_for "located to the street"
keys a;                       wait_for "UnitAssigned"
keys q y
for _ in $(seq 1 50); do [ -f "$dir/exit" ] && break; sleep 0.1; done
grep -q "exit=0" "$dir/exit" || { echo "e2e-address: the console did not quit cleanly"; exit 1; }

"$bin" log verify --db "$db" | grep "chain intact" > /dev/null
raised=$("$bin" log export --db "$db" --format jsonl | grep '"IncidentRaised"')
echo "$raised" | grep -F '"accuracy":"street"' > /dev/null || { echo "e2e-address: no accuracy in $raised"; exit 1; }
echo "$raised" | grep -F '"address":"10 Colmore Row, City Centre, Birmingham"' > /dev/null \
  || { echo "e2e-address: the address was not the gazetteer's: $raised"; exit 1; }
echo "$raised" | grep -F '"area":"birmingham"' > /dev/null || { echo "e2e-address: not in Birmingham: $raised"; exit 1; }
"$bin" log export --db "$db" --format jsonl | grep -F '"UnitAssigned"' > /dev/null \
  || { echo "e2e-address: nothing assigned"; exit 1; }
echo "e2e-address: a call given only an address was found, raised and assigned at 80x24; the log holds the place found"
