#!/usr/bin/env bash
# Whole-process timing: `evidence search` against `rg -i` on the same corpus
# folder, for each query kind, with hyperfine (warm page cache, repeated runs).
#
#   scripts/bench-compare.sh DIR
#
# DIR is a corpus folder (e.g. target/bench-corpus/100, made by
# `cargo run --release --example gen-corpus -- --mb 100 --out target/bench-corpus/100`).
# The release binary is built first (`cargo build --release`; SKIP_BUILD=1 skips
# that) and the index is built beforehand with `evidence index`, into
# INDEX_DIR (default target/bench-index/cli-<basename of DIR>).
#
# Environment: RUNS (default 10) and WARMUP (default 2) per command;
# JSON_OUT (a folder) keeps hyperfine's JSON exports.
#
# Prints, per query kind, the median wall time of each command, their ratio,
# and whether `evidence` took at most 1/10 of `rg`'s time.
set -euo pipefail

usage() {
    echo "usage: $0 DIR" >&2
    echo "  DIR: a corpus folder (themes.toml and .md reports); see the comments at the top of this script" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in -h | --help) usage ;; esac
DIR=$1
[[ -d "$DIR" ]] || { echo "$0: $DIR is not a folder" >&2; usage; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(cd "$DIR" && pwd)
RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "$0: RUNS must be a positive integer" >&2; exit 2; }
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "$0: WARMUP must be an integer" >&2; exit 2; }
INDEX_DIR=${INDEX_DIR:-$ROOT/target/bench-index/cli-$(basename "$DIR")}

missing=()
for tool in rg hyperfine jq; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    pkgs=()
    for t in "${missing[@]}"; do
        case "$t" in rg) pkgs+=(ripgrep) ;; *) pkgs+=("$t") ;; esac
    done
    echo "installing ${pkgs[*]} …" >&2
    apt-get install -y "${pkgs[@]}" >/dev/null 2>&1 ||
        { apt-get update >/dev/null && apt-get install -y "${pkgs[@]}" >/dev/null; }
fi

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    (cd "$ROOT" && cargo build --release --quiet)
fi
EVIDENCE=$ROOT/target/release/evidence
[[ -x "$EVIDENCE" ]] || { echo "$0: $EVIDENCE is missing; run cargo build --release" >&2; exit 2; }

ev=("$EVIDENCE" --corpus "$DIR" --index-dir "$INDEX_DIR")
echo "corpus: $DIR ($(du -sh "$DIR" | cut -f1), $(find "$DIR" -name '*.md' | wc -l) .md files)"
echo "index:  $INDEX_DIR"
"${ev[@]}" index
reports=$("${ev[@]}" reports --json | jq -r '.reports[0:2][].id' | paste -sd, -)
has_mergers=$("${ev[@]}" themes --json | jq '[.. | objects | select(.id? == "mergers")] | length')

# kind | evidence query | rg arguments (after -i) | extra evidence flags
kinds=(
    "common|services|services|"
    "rare|credentialing|credentialing|"
    "three|merger staff costs|merger staff costs|"
    "phrase|\"due diligence\"|-F due diligence|"
    "misspelt|credentaling|credentaling|"
    "prefix|credential*|\\bcredential|"
)
if [[ "$has_mergers" != 0 && -n "$reports" ]]; then
    kinds+=("filtered|merger|merger|--report $reports --theme mergers")
fi

q() { printf '%q' "$1"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '\n| kind | query | evidence median ms | rg median ms | evidence / rg | ≤ 1/10? |\n|---|---|---|---|---|---|\n' >"$work/table"
for spec in "${kinds[@]}"; do
    IFS='|' read -r kind query rgq extra <<<"$spec"
    evcmd="$(q "$EVIDENCE") --corpus $(q "$DIR") --index-dir $(q "$INDEX_DIR") search $(q "$query") $extra --json --limit 20"
    if [[ "$rgq" == "-F "* ]]; then
        rgcmd="rg -i -F $(q "${rgq#-F }") $(q "$DIR")"
    else
        rgcmd="rg -i $(q "$rgq") $(q "$DIR")"
    fi
    # Both exit 1 when nothing is found; anything else is an error.
    for cmd in "$evcmd" "$rgcmd"; do
        set +e
        bash -c "$cmd" >/dev/null 2>"$work/err"
        rc=$?
        set -e
        if ((rc > 1)); then
            echo "$0: failed ($rc): $cmd" >&2
            cat "$work/err" >&2
            exit 2
        fi
    done
    echo
    echo "== $kind: evidence: $evcmd"
    echo "== $kind: rg:       $rgcmd"
    hyperfine -N --ignore-failure --output=pipe --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$work/$kind.json" -n evidence "$evcmd" -n rg "$rgcmd"
    if [[ -n "${JSON_OUT:-}" ]]; then
        mkdir -p "$JSON_OUT" && cp "$work/$kind.json" "$JSON_OUT/$kind.json"
    fi
    ev_ms=$(jq '.results[] | select(.command == "evidence") | .median * 1000' "$work/$kind.json")
    rg_ms=$(jq '.results[] | select(.command == "rg") | .median * 1000' "$work/$kind.json")
    awk -v k="$kind" -v q="$query${extra:+ $extra}" -v e="$ev_ms" -v r="$rg_ms" 'BEGIN {
        ratio = e / r
        printf "| %s | `%s` | %.1f | %.1f | %.2f | %s |\n", k, q, e, r, ratio, (ratio <= 0.1 ? "met" : "missed")
    }' >>"$work/table"
done
echo
echo "Medians of $RUNS runs after $WARMUP warm-up runs each (hyperfine -N --output=pipe):"
cat "$work/table"
