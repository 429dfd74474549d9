#!/usr/bin/env bash
# Two console processes on one log, in two tmux windows: a unit assigned on one shows on the other within a second.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product vigil
bin="$PWD/.build/debug/vigil"
dir=$(mktemp -d)
db="$dir/two.sqlite"
a="vigil-a-$$"; b="vigil-b-$$"
trap 'tmux kill-session -t "$a" 2>/dev/null || true; tmux kill-session -t "$b" 2>/dev/null || true; rm -rf "$dir"' EXIT

echo 480317 | "$bin" log init --db "$db" --pin-stdin > /dev/null
# A PIN a supervisor sets works once: each operator chooses their own with it.
for op in D100 I300 H200; do
  printf '480317\n615243\n' | "$bin" operator pin --db "$db" --as S001 --id $op --pin-stdin > /dev/null
  printf '615243\n592846\n' | "$bin" operator pin --db "$db" --as $op --id $op --pin-stdin > /dev/null
done
echo 592846 | "$bin" do --db "$db" --operator H200 --pin-stdin 'receive 999 at=52.4776,-1.9102 address="14 Broad Street, Ladywood"' > /dev/null
echo 592846 | "$bin" do --db "$db" --operator H200 --pin-stdin 'answer C1' > /dev/null
echo 592846 | "$bin" do --db "$db" --operator H200 --pin-stdin 'raise C1 1 crime/assault' > /dev/null

tmux new-session -d -s "$a" -x 120 -y 40 "'$bin' console --db '$db' --operator D100; sleep 30"
tmux new-session -d -s "$b" -x 120 -y 40 "'$bin' console --db '$db' --operator I300 --role inspector; sleep 30"

label=e2e
. Scripts/tmux-screen.sh
wait_for() { wait_on "$@"; }

for s in "$a" "$b"; do wait_for "$s" "PIN for" 100; tmux send-keys -t "$s" -l 592846; tmux send-keys -t "$s" Enter; done
wait_for "$a" "Recommended for 0001" 100
wait_for "$b" "Incidents 1 open · 1 unresourced" 100
top=$(tmux capture-pane -p -t "$a" | grep -o "1 [A-Z0-9]\{3,6\} " | head -1 | awk '{print $2}')
tmux send-keys -t "$a" a
wait_for "$a" "UnitAssigned $top" 50
start=$(date +%s%N)
wait_for "$b" "Incidents 1 open · 0 unresourced" 10   # within one second
wait_for "$b" "$top" 10
echo "e2e: $top assigned on one console showed on the other in $(( ($(date +%s%N) - start) / 1000000 )) ms"
tmux send-keys -t "$a" q y
tmux send-keys -t "$b" q y
