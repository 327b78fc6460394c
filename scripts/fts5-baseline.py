#!/usr/bin/env python3
"""Plain SQLite FTS5 baseline for the relevance development set.

This is the yardstick the project's own search is compared against: the bundled
passages go into an in-memory SQLite FTS5 table (porter stemming, unicode61,
diacritics removed) with three columns (the passage text, its section heading
and its report's title), and each question of a questions TSV is run as a plain
bm25-ranked FTS5 query. No synonyms, no stop words, no tuning.

Query rule: the question is split into words (runs of letters/digits); every
word is double-quoted (so punctuation or FTS5 keywords such as AND/NEAR cannot
break the query syntax) and the words are ANDed. If that finds nothing, the
same words are ORed instead. Results are ordered by bm25() (best first).

Metrics, over all questions:
  hit@1  share of questions whose first result is an acceptable answer
  hit@3  share with an acceptable answer among the first three results
  MRR    mean of 1/rank of the first acceptable answer within the top 10
         (0 when there is none in the top 10)

Usage:
  scripts/fts5-baseline.py [QUESTIONS.tsv] [--corpus DIR] [--verbose] [--json]

QUESTIONS.tsv defaults to tests/relevance/questions.tsv and DIR to corpus/
(both in the repository this script lives in).
Each non-comment line is `question<TAB>answer ids<TAB>optional note`; lines
starting with `#` and blank lines are skipped. Standard library only (Python
3.11+ for tomllib).
"""

import argparse
import json
import re
import sqlite3
import sys
import tomllib
from pathlib import Path

TOP_K = 10  # results looked at per question (for MRR)
# Defaults are relative to the repository root (this script's parent folder's
# parent), so the script can be run from anywhere.
REPO = Path(__file__).resolve().parent.parent

# `<!-- #18 buddying finance-scale -->`: local id, then optional theme ids.
MARKER_RE = re.compile(r"<!--\s*#([0-9][0-9.]*)((?:\s+[a-z0-9-]+)*)\s*-->")
# A markdown heading: `## Key messages` (level = number of #s).
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# The start of a list item: `- `, `* `, `+ ` or `1. ` / `1) `, possibly indented.
# (An escaped `\* ...` line is a paragraph, not a list item.)
LIST_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
# Question words: runs of letters and digits (underscore excluded).
WORD_RE = re.compile(r"[^\W_]+")


# --------------------------------------------------------------------------
# Corpus parsing
# --------------------------------------------------------------------------

def strip_markdown(text):
    """Remove inline markdown markup from one passage's text."""
    # Protect backslash escapes (`243\*`) so the emphasis rules leave them alone.
    escapes = []

    def protect(m):
        escapes.append(m.group(1))
        return f"\x00{len(escapes) - 1}\x00"

    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~])", protect, text)
    text = re.sub(r"<!--.*?-->", " ", text)                     # stray comments
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)      # [text](url)
    text = re.sub(r"`([^`]*)`", r"\1", text)                    # `code`
    # **strong** / __strong__ then *emphasis* / _emphasis_ (word-bounded for _).
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    text = re.sub(r"\*(?=\S)(.+?)(?<=\S)\*", r"\1", text)
    text = re.sub(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", r"\1", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: escapes[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()


def split_front_matter(raw):
    """Return (front matter dict or None, body text)."""
    lines = raw.lstrip("\ufeff").splitlines()
    if lines and lines[0].strip() == "+++":
        for i in range(1, len(lines)):
            if lines[i].strip() == "+++":
                meta = tomllib.loads("\n".join(lines[1:i]))
                return meta, "\n".join(lines[i + 1:])
        raise ValueError("front matter opened with +++ but never closed")
    return None, raw


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "document"


def parse_report(path):
    """Parse one report file into (report id, title, list of passages).

    A passage is a paragraph or a list item; it normally ends with a marker
    comment on its last line. A list item starts a new passage even without a
    blank line before it; a nested list starts new passages of its own. An
    unmarked passage is numbered by its position, as the corpus README says.
    """
    raw = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(raw)
    if meta is None:  # a plain document: title from its first `# ` heading
        m = re.search(r"^#\s+(.+)$", body, re.M)
        first = next((l.strip() for l in body.splitlines() if l.strip()), "")
        meta = {"title": m.group(1).strip() if m else (first or path.stem)}
    rid = meta.get("id") or slug(path.stem)
    title = meta.get("title") or rid

    passages = []   # dicts: local id (or None), section, text
    buf = []        # lines of the passage being read
    section = ""

    def flush(local_id=None):
        text = strip_markdown(" ".join(buf))
        buf.clear()
        if text:
            passages.append({"local": local_id, "section": section, "text": text})

    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):   # skip fenced code
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            flush()
            continue
        h = HEADING_RE.match(line)
        if h and not MARKER_RE.search(line):
            flush()
            if len(h.group(1)) >= 2:       # `# ` is a title, not a section
                section = strip_markdown(h.group(2)).rstrip(":")
            continue
        if LIST_ITEM_RE.match(line):
            flush()
            line = LIST_ITEM_RE.sub("", line, count=1)
        m = MARKER_RE.search(line)
        if m:
            buf.append(line[:m.start()])
            flush(m.group(1))
            rest = line[m.end():].strip()
            if rest:
                buf.append(rest)
        else:
            buf.append(line)
    flush()

    # Number unmarked passages by position; never reuse a marked id.
    taken = {p["local"] for p in passages if p["local"]}
    for pos, p in enumerate(passages, 1):
        if p["local"] is None:
            local, n = str(pos), 2
            while local in taken:
                local, n = f"{pos}.{n}", n + 1
            p["local"] = local
            taken.add(local)
    return rid, title, passages


def load_corpus(folder):
    """All passages of the corpus folder, read as `evidence` reads it."""
    folder = Path(folder)
    rows = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.suffix not in (".md", ".txt") or not path.is_file():
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.name == "README.md" or path.name.startswith("evidence-excerpts-"):
            continue
        if any(p.is_symlink() for p in [folder / Path(*rel.parts[:i])
                                        for i in range(1, len(rel.parts))]):
            continue
        rid, title, passages = parse_report(path)
        for p in passages:
            rows.append((f"{rid}/{p['local']}", p["text"], p["section"], title))
    return rows


# --------------------------------------------------------------------------
# Questions, index and search
# --------------------------------------------------------------------------

def load_questions(path):
    """[(question, set of acceptable ids)] from a questions TSV."""
    questions = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[1].split():
            sys.exit(f"{path}:{n}: expected question<TAB>answer ids[<TAB>note]")
        questions.append((parts[0].strip(), set(parts[1].split())))
    return questions


def build_index(rows):
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE passages USING fts5("
        " text, section, title, pid UNINDEXED,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.executemany(
        "INSERT INTO passages (pid, text, section, title) VALUES (?, ?, ?, ?)", rows
    )
    return db


def search(db, question, k=TOP_K):
    """Top-k passage ids for a question: all words ANDed, else ORed."""
    words = WORD_RE.findall(question)
    if not words:
        return []
    quoted = ['"%s"' % w.replace('"', '""') for w in words]
    sql = ("SELECT pid FROM passages WHERE passages MATCH ? "
           "ORDER BY bm25(passages) LIMIT ?")
    for op in (" AND ", " OR "):
        hits = [r[0] for r in db.execute(sql, (op.join(quoted), k))]
        if hits:
            return hits
    return []


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("questions", nargs="?",
                    default=str(REPO / "tests" / "relevance" / "questions.tsv"),
                    help="questions TSV (default: tests/relevance/questions.tsv)")
    ap.add_argument("--corpus", default=str(REPO / "corpus"),
                    help="corpus folder (default: corpus/)")
    ap.add_argument("--verbose", action="store_true",
                    help="one line per question: rank of first acceptable answer, or '-'")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args()

    rows = load_corpus(args.corpus)
    if not rows:
        sys.exit(f"no passages found in {args.corpus}")
    known = {r[0] for r in rows}
    questions = load_questions(args.questions)
    if not questions:
        sys.exit(f"no questions in {args.questions}")
    for q, answers in questions:
        for a in sorted(answers - known):
            print(f"warning: unknown passage id {a} (question: {q})", file=sys.stderr)

    db = build_index(rows)
    hit1 = hit3 = rr = 0.0
    for q, answers in questions:
        hits = search(db, q)
        rank = next((i for i, pid in enumerate(hits, 1) if pid in answers), None)
        if rank:
            rr += 1 / rank
            hit1 += rank == 1
            hit3 += rank <= 3
        if args.verbose:
            top = hits[0] if hits else "(none)"
            print(f"{rank or '-':>2}  {q}  [top: {top}]")

    n = len(questions)
    summary = {"questions": n, "passages": len(rows), "hit@1": round(hit1 / n, 4),
               "hit@3": round(hit3 / n, 4), "MRR": round(rr / n, 4)}
    if args.json:
        print(json.dumps(summary))
    else:
        print(f"questions {n}  hit@1 {hit1 / n:.2f}  hit@3 {hit3 / n:.2f}  MRR {rr / n:.2f}")


if __name__ == "__main__":
    main()
