#!/usr/bin/env bash
# Side by side, in one run: `invitriage stats` against the floor tools (xsv count, jq length, a
# plain Python csv.reader loop) on exports the generator writes, and the app's first frame.
# Prints one Markdown table: the median wall time of N runs, the ratio to invitriage, and the
# peak RSS (largest of the runs, from /usr/bin/time).
#
#   scripts/bench-compare.sh [--runs 5] [--sizes "10000 100000 1000000"] [--dir target/bench-compare]
#                            [--formats "csv json"] [--bin PATH] [--baseline PATH]
#
# --bin times another invitriage binary (a build of an earlier commit) instead of building this
# tree's. --baseline adds rows for a second binary measured in the same run, so a before/after
# comparison shares the machine's load. Besides wall time, the CPU time (user + sys) is given:
# on a busy shared machine it moves far less than wall time.
# Generated files go in --dir (under target/ by default; never commit them). They are kept
# between runs: the generator is deterministic, so the same name means the same bytes.
# Missing tools are installed: xsv with cargo, jq and GNU time with apt-get.
set -euo pipefail

RUNS=5
SIZES="10000 100000 1000000"
FORMATS="csv json"
DIR=""
BIN=""
BASE=""
BIN_DESC="given with --bin"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --sizes) SIZES="$2"; shift 2 ;;
        --formats) FORMATS="$2"; shift 2 ;;
        --dir) DIR="$2"; shift 2 ;;
        --bin) BIN="$(realpath "$2")"; shift 2 ;;
        --baseline) BASE="$(realpath "$2")"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "bench-compare: unknown argument $1" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
DIR="${DIR:-$TARGET/bench-compare}"
mkdir -p "$DIR"

need_apt() {
    command -v "$1" >/dev/null 2>&1 && return 0
    echo "bench-compare: installing $2 (apt-get)" >&2
    apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }
}
need_apt jq jq
[ -x /usr/bin/time ] || need_apt /usr/bin/time time
need_apt script util-linux
if ! command -v xsv >/dev/null 2>&1; then
    echo "bench-compare: installing xsv (cargo install xsv --locked)" >&2
    cargo install xsv --locked >&2
    export PATH="$HOME/.cargo/bin:$PATH"
fi

echo "bench-compare: building (release)" >&2
if [ -z "$BIN" ]; then
    cargo build --release -q -p invitriage-app --bin invitriage
    BIN="$TARGET/release/invitriage"
    BIN_DESC="this tree, $(git describe --always --dirty)"
fi
cargo build --release -q -p invitriage --example gen_export
GEN="$TARGET/release/examples/gen_export"

# A state path that does not exist: no decisions, no overrides, nothing written.
STATE="$(mktemp -d)/none.sqlite3"
export INVITRIAGE_STATE="$STATE"
export INVITRIAGE_BROWSER=none

PY_CSV='import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for _ in csv.reader(f):
        n += 1
print(n - 1)'

# The generated files pass the default size limits only up to about 400,000 rows; raise them
# (the same for every binary) so 1M rows load.
LIMITS="--max-entry-size 1GiB --max-total-size 1GiB"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure CMD...: runs CMD $RUNS times; sets MED (wall seconds), CPU (user + sys seconds, the
# median) and RSS (MB, the largest).
measure() {
    local times=() cpus=() rss_max=0 t0 t1 rss
    for _ in $(seq "$RUNS"); do
        t0=$EPOCHREALTIME
        /usr/bin/time -f '%M %U %S' -o "$DIR/.rss" "$@" >/dev/null 2>"$DIR/.err" || {
            echo "bench-compare: failed: $*" >&2; cat "$DIR/.err" >&2; exit 1; }
        t1=$EPOCHREALTIME
        times+=("$(echo "$t1 - $t0" | bc -l)")
        read -r rss user sys < <(tail -n 1 "$DIR/.rss")
        cpus+=("$(echo "$user + $sys" | bc -l)")
        [ "$rss" -gt "$rss_max" ] && rss_max=$rss
    done
    MED=$(printf '%s\n' "${times[@]}" | median)
    CPU=$(printf '%s\n' "${cpus[@]}" | median)
    RSS=$(echo "$rss_max / 1024" | bc -l)
}

mb() { echo "$(stat -c %s "$1") / 1000000" | bc -l; }

ROWS_OUT=()
row() { # input, size MB, what, seconds, ratio, rss MB, rss/file (and CPU from measure)
    ROWS_OUT+=("$(printf '| %s | %.1f MB | %s | %.3f s | %s | %.2f s | %.0f MB | %.1fx |' "$1" "$2" "$3" "$4" "$5" "$CPU" "$6" "$7")")
}

echo "bench-compare: load before: $(uptime)" >&2
LOAD_BEFORE="$(uptime | sed 's/.*load average: //')"
for n in $SIZES; do
    for fmt in $FORMATS; do
        f="$DIR/invitations-$n.$fmt"
        [ -s "$f" ] || "$GEN" --rows "$n" --format "$fmt" --out "$f"
        size=$(mb "$f")
        label="$fmt, $n rows"
        echo "bench-compare: $label" >&2
        measure "$BIN" stats "$f" --json $LIMITS
        inv=$MED
        row "$label" "$size" "\`invitriage stats --json\`" "$MED" "1.00x" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        if [ -n "$BASE" ]; then
            measure "$BASE" stats "$f" --json $LIMITS
            row "$label" "$size" "baseline \`invitriage stats --json\`" "$MED" "$(printf '%.2fx' "$(echo "$inv / $MED" | bc -l)")" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        fi
        if [ "$fmt" = csv ]; then
            measure xsv count "$f"
            row "$label" "$size" "\`xsv count\`" "$MED" "$(printf '%.2fx' "$(echo "$inv / $MED" | bc -l)")" "$RSS" "$(echo "$RSS / $size" | bc -l)"
            measure python3 -c "$PY_CSV" "$f"
            row "$label" "$size" "Python \`csv.reader\` loop" "$MED" "$(printf '%.2fx' "$(echo "$inv / $MED" | bc -l)")" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        else
            measure jq '.invitations | length' "$f"
            row "$label" "$size" "\`jq '.invitations | length'\`" "$MED" "$(printf '%.2fx' "$(echo "$inv / $MED" | bc -l)")" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        fi
        # The first list frame, drawn in 120x40 and then exit: of an export of 5,000 rows or
        # more, the list of its first rows (classes pending, the rest still loading); of a
        # smaller one, the whole classified list. In a pseudo-terminal (script), as the app
        # refuses to start without one.
        measure script -qec "stty cols 120 rows 40; exec $BIN --first-frame-exit $LIMITS $f" /dev/null
        row "$label" "$size" "first frame (\`invitriage --first-frame-exit\`, 120x40)" "$MED" "" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        if [ -n "$BASE" ]; then
            measure script -qec "stty cols 120 rows 40; exec $BASE --first-frame-exit $LIMITS $f" /dev/null
            row "$label" "$size" "baseline first frame" "$MED" "" "$RSS" "$(echo "$RSS / $size" | bc -l)"
        fi
    done
done
LOAD_AFTER="$(uptime | sed 's/.*load average: //')"

echo "Binary: $BIN ($BIN_DESC)."
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%Y-%m-%d %H:%M UTC')."
echo "Load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER. Median of $RUNS runs; peak RSS is the largest of them."
echo "The ratio is invitriage's wall time divided by the tool's (above 1: invitriage is slower)."
[ -n "$BASE" ] && echo "Baseline rows: $BASE, measured in the same run."
echo
echo "| input | file | what | median wall | ratio | median CPU | peak RSS | RSS / file |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS_OUT[@]}"
rm -rf "$(dirname "$STATE")"
