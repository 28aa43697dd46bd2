#!/usr/bin/env bash
# The app's first list frame as a user sees it: start invitriage on FILE in a 120x40 tmux pane
# and poll the pane every 50 ms. Prints the seconds until the list shows (any "N/M in TAB"
# counter), until the classes and tab counts fill in, and then how long one accept (`a`) takes
# to come back from the store (it queues behind the store's record of what is new).
#
#   scripts/first-frame-tmux.sh BIN FILE
#
# Uses a fresh temporary --state and raises the size limits as scripts/bench-compare.sh does.
set -euo pipefail
BIN="$(realpath "$1")"; FILE="$(realpath "$2")"
S="ff-time-$$"
STATE="$(mktemp -d)/state.sqlite3"
tmux -L "$S" new-session -d -s t -x 120 -y 40 \
    "env INVITRIAGE_BROWSER=none INVITRIAGE_CONFIG=/nonexistent TERM=xterm-256color '$BIN' --max-entry-size 1GiB --max-total-size 1GiB --state '$STATE' '$FILE'; sleep 600"
trap 'tmux -L "$S" kill-server 2>/dev/null || true' EXIT
t0=$EPOCHREALTIME
since() { echo "$EPOCHREALTIME - $1" | bc -l; }
wait_for() { # regex; prints the seconds since t0 when the pane matches
    while :; do
        if tmux -L "$S" capture-pane -p -t t | grep -q "$1"; then since "$t0"; return; fi
        if (( $(echo "$(since "$t0") > 120" | bc -l) )); then echo "timeout"; return; fi
        sleep 0.05
    done
}
first=$(wait_for ' in \(All\|Personal\|Boilerplate\)$')
classes=$(wait_for 'Personal [0-9]')
t1=$EPOCHREALTIME
tmux -L "$S" send-keys -t t a
wait_for 'Accepted ' >/dev/null
accept=$(since "$t1")
printf 'first list frame %.2f s; classes and counts %.2f s; then one accept %.2f s\n' "$first" "$classes" "$accept"
