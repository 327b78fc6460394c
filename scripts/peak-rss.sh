#!/usr/bin/env bash
# Whole-process build time and peak memory of `evidence`, with /usr/bin/time -v.
#
#   scripts/peak-rss.sh DIR
#
# Rebuilds the index of corpus folder DIR RUNS times (default 3) into INDEX_DIR
# (default target/bench-index/rss-<basename of DIR>), printing each build's wall
# time, CPU use and peak resident memory, and their medians; then runs one
# search of each query kind against the built index and prints its wall time
# and peak resident memory. Uses the release binary (built first unless
# SKIP_BUILD=1). Installs the `time` package if /usr/bin/time is missing.
set -euo pipefail

usage() {
    echo "usage: $0 DIR   (a corpus folder; RUNS=3 builds by default)" >&2
    exit 2
}
[[ $# -eq 1 ]] || usage
case "$1" in -h | --help) usage ;; esac
[[ -d "$1" ]] || { echo "$0: $1 is not a folder" >&2; usage; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(cd "$1" && pwd)
RUNS=${RUNS:-3}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer" >&2; exit 2; }
INDEX_DIR=${INDEX_DIR:-$ROOT/target/bench-index/rss-$(basename "$DIR")}

if [[ ! -x /usr/bin/time ]]; then
    apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$ROOT" && cargo build --release --quiet)
fi
EVIDENCE=$ROOT/target/release/evidence
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Runs a command under /usr/bin/time -v; prints "wall_s cpu% peak_MiB".
measure() {
    set +e
    /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    set -e
    if ((rc > 1)); then
        echo "$0: failed ($rc): $*" >&2
        cat "$work/err" "$work/time" >&2
        exit 2
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
        /Percent of CPU/ { cpu = $2 }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "%.2f %s %.0f\n", wall, cpu, rss }' "$work/time"
}

corpus_mb=$(find "$DIR" -type f \( -name '*.md' -o -name '*.txt' \) ! -iname readme.md -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
echo "corpus: $DIR, $corpus_mb MB of reports; index: $INDEX_DIR; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | index --rebuild wall s | CPU | peak RSS MiB | MB/s (whole process) |"
echo "|---|---|---|---|---|"
: >"$work/walls"
: >"$work/rsss"
for i in $(seq 1 "$RUNS"); do
    read -r wall cpu rss < <(measure "$EVIDENCE" --corpus "$DIR" --index-dir "$INDEX_DIR" index --rebuild)
    echo "$wall" >>"$work/walls"
    echo "$rss" >>"$work/rsss"
    awk -v i="$i" -v w="$wall" -v c="$cpu" -v r="$rss" -v mb="$corpus_mb" \
        'BEGIN { printf "| %s | %.2f | %s | %.0f | %.1f |\n", i, w, c, r, mb / w }'
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
mw=$(median "$work/walls")
mr=$(median "$work/rsss")
awk -v w="$mw" -v r="$mr" -v mb="$corpus_mb" \
    'BEGIN { printf "| median | %.2f | | %.0f | %.1f |\n", w, r, mb / w }'
gen=$(cat "$INDEX_DIR/CURRENT")
idx_bytes=$(find "$INDEX_DIR/$gen" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
awk -v b="$idx_bytes" -v mb="$corpus_mb" \
    'BEGIN { printf "\nindex on disk: %.1f MB = %.0f%% of the corpus\n", b / 1e6, 100 * b / 1e6 / mb }'

echo
echo "| search | wall s | CPU | peak RSS MiB |"
echo "|---|---|---|---|"
for query in services credentialing "merger staff costs" '"due diligence"' credentaling 'credential*'; do
    read -r wall cpu rss < <(measure "$EVIDENCE" --corpus "$DIR" --index-dir "$INDEX_DIR" search "$query" --json --limit 20)
    echo "| \`$query\` | $wall | $cpu | $rss |"
done
