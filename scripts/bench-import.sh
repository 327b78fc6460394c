#!/usr/bin/env bash
# How long `evidence import` takes, whole process, release build:
#
#   scripts/bench-import.sh
#
# Generates the documents (examples/gen-documents.rs: a 100-page and a
# 500-page PDF of one column, a folder of 50 mixed PDFs, Word documents and
# web pages) into target/bench-docs, then imports each RUNS times (default
# 5) into a fresh corpus folder and prints each run's wall time and the
# median. Also runs examples/measure-import.rs, which weighs the readers
# against the alternatives they were chosen over. Uses the release binary
# (built first unless SKIP_BUILD=1).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-5}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer" >&2; exit 2; }
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DOCS=$TARGET/bench-docs
BIN=$TARGET/release/evidence

cd "$ROOT"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    cargo build --release --quiet
    cargo build --release --quiet --example gen-documents --example measure-import
fi
"$TARGET/release/examples/gen-documents" --out "$DOCS"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One timed import of $1 into a fresh folder; prints seconds.
once() {
    local into
    into=$(mktemp -d)
    local start end
    start=$(date +%s.%N)
    "$BIN" import "$1" --into "$into" >/dev/null
    end=$(date +%s.%N)
    rm -rf "$into"
    echo "$end - $start" | bc -l
}

for doc in pdf-100.pdf pdf-500.pdf mixed; do
    times=()
    for _ in $(seq "$RUNS"); do
        times+=("$(once "$DOCS/$doc")")
    done
    printf '%-12s runs: %s\n' "$doc" "$(printf '%.3f s ' "${times[@]}")"
    printf '%-12s median: %.3f s\n' "$doc" "$(printf '%s\n' "${times[@]}" | median)"
done

"$TARGET/release/examples/measure-import" "$DOCS"
