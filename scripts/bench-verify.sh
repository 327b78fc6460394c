#!/usr/bin/env bash
# Times `evidence verify` on a 50-page document: an export of 80 excerpts,
# 40 quotes from the corpus that cite nothing (each one a search for where
# it comes from), 10 edited quotes and filler prose to about 25,000 words.
#
#   scripts/bench-verify.sh [CORPUS_DIR]   # default: the bundled corpus
#
# Needs a release build (target/release/evidence) and hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/evidence
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus_args=()
if [[ $# -ge 1 ]]; then corpus_args=(--corpus "$1"); fi
"$bin" "${corpus_args[@]}" index >/dev/null
"$bin" "${corpus_args[@]}" export services --limit 80 --out "$work/export.md" 2>/dev/null
"$bin" "${corpus_args[@]}" search --json --limit 50 "staff" >"$work/staff.json"
python3 - "$work" <<'PY'
import json, random, sys
work = sys.argv[1]
random.seed(1)
export = open(f"{work}/export.md").read()
hits = json.load(open(f"{work}/staff.json"))["hits"]
texts = [h["text"] for h in hits if len(h["text"].split()) >= 12]
out = [export, "\n## Discussion\n"]
words = export.split()
filler = lambda n: " ".join(random.choice(words).strip("*>—") for _ in range(n))
for i in range(40):
    t = texts[i % len(texts)].split()
    quote = " ".join(t[:min(len(t), 14)])
    out.append(f"{filler(120)} As one report put it, “{quote}”. {filler(60)}\n")
for i in range(10):
    t = texts[(i + 7) % len(texts)].split()
    t[len(t) // 2] = "notably"
    out.append(f"> {' '.join(t)}\n\n— {hits[(i + 7) % len(hits)]['id']}\n")
doc = "\n".join(out)
while len(doc.split()) < 25000:
    doc += "\n" + filler(200) + "\n"
open(f"{work}/doc.md", "w").write(doc)
print(f"document: {len(doc.split())} words, {doc.count(chr(10))} lines")
PY
hyperfine --warmup 2 --runs 10 -i "$bin ${corpus_args[*]} verify $work/doc.md"
