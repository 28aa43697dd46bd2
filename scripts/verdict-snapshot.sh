#!/usr/bin/env bash
# Every verdict one invitriage binary gives, written to files, so two builds can be compared
# byte for byte (`diff -r`): a change meant to move no verdict (speed, memory) must leave the
# two snapshots identical.
#
#   scripts/verdict-snapshot.sh BIN OUTDIR [GENERATED_DIR]
#
# Writes `eval` of every labeled split in fixtures/labeled/ (and of the folder), `classify
# --format jsonl` of the demo export, and, for each Invitations file the generator wrote in
# GENERATED_DIR (default target/bench-compare; see scripts/bench-compare.sh), `stats --json`
# and, up to 200,000 rows, `classify --format jsonl` (every verdict with its reasons).
# Saved overrides are kept out: the state is an empty temporary file.
set -euo pipefail

BIN="$1"
OUT="$2"
GEN="${3:-target/bench-compare}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$OUT"
STATE_DIR="$(mktemp -d)"
trap 'rm -rf "$STATE_DIR"' EXIT
export INVITRIAGE_STATE="$STATE_DIR/state.sqlite3"
LIMITS=(--max-entry-size 1GiB --max-total-size 1GiB)

for f in "$ROOT"/fixtures/labeled/*.jsonl; do
    "$BIN" eval "$f" > "$OUT/eval-$(basename "$f" .jsonl).txt"
done
"$BIN" eval "$ROOT/fixtures/labeled/" > "$OUT/eval-folder.txt"
"$BIN" classify --demo --format jsonl > "$OUT/classify-demo.jsonl"

shopt -s nullglob
for f in "$GEN"/invitations-*.csv "$GEN"/invitations-*.json "$GEN"/invitations-*.jsonl; do
    name="$(basename "$f")"
    "$BIN" stats "$f" --json "${LIMITS[@]}" > "$OUT/stats-$name.json"
    rows="${name#invitations-}"
    rows="${rows%%.*}"
    if [ "$rows" -le 200000 ]; then
        "$BIN" classify "$f" --format jsonl "${LIMITS[@]}" > "$OUT/classify-$name.jsonl"
    fi
done
ls "$OUT" | wc -l | xargs echo "files written to $OUT:"
