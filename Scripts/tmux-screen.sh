# Helpers for the tmux end-to-end scripts (sourced, not run): read the screen of $session, wait for text on it,
# send keys to it. $label names the script in its messages.
screen() { tmux capture-pane -p -t "$session"; }
wait_for() {
  for _ in $(seq 1 100); do
    if screen | grep -F -- "$1" > /dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$label: waited 10 s for \"$1\"; the screen was:"; screen; exit 1
}
keys() { tmux send-keys -t "$session" "$@"; }
# Waits up to TENTHS tenths of a second for TEXT on SESSION's screen: wait_on SESSION TEXT TENTHS.
wait_on() {
  for _ in $(seq 1 "$3"); do
    if tmux capture-pane -p -t "$1" | grep -F -- "$2" > /dev/null; then return 0; fi
    sleep 0.1
  done
  echo "$label: $1 did not show \"$2\" in $(( $3 / 10 )) s; its screen was:"; tmux capture-pane -p -t "$1"; exit 1
}
