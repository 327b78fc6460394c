#!/usr/bin/env python3
"""Regenerate the English lexicon files embedded in `evidence`.

Writes two files into the output folder (default: lexicon/ beside this
script's folder):

  english-words.txt  Every word of SCOWL's British and American "large" word
                     lists (Debian packages wbritish-large, wamerican-large),
                     as the index's analyzer reads a word: lowercase, folded
                     to ASCII, apostrophes dropped (`owner's` is `owners`);
                     entries with any other character than a letter (a
                     hyphen, which the analyzer splits at) dropped; one a
                     line, deduplicated, sorted by byte order so that it can
                     be binary-searched.

  frequency.tsv      How common the commonest English words are: `word<TAB>zipf
                     x 10` for the words of english-words.txt whose Zipf
                     frequency in English (PyPI package wordfreq) is above
                     4.0, sorted by byte order.

  synonyms.tsv       WordNet 3.0 synonyms (Debian package wordnet-base), one
                     word a line: `word<TAB>synonym|synonym|...`, the other
                     lemmas of the synsets that are the word's commonest
                     meaning (its sense 1, by index.POS's order, in the
                     part of speech whose sense 1 cntlist.rev counts most
                     often; in all of them when it counts none), sorted by
                     byte order so that it can be binary-searched; built from
                     synsets of any part of speech n v a r
                     (satellite adjectives are `a`), lemmas lowercase with
                     spaces between words, in WordNet's order. Instances
                     (people, places: `@i` pointers) are left out. Lemmas with a
                     digit, a `.` or `/`, or of more than 3 words are dropped;
                     a synset is kept if it still has two distinct lemmas and
                     at least one of them occurs in the corpus (see
                     `corpus_matcher`). Identical lines are written once;
                     lines are sorted by byte order.

Usage:
  python3 scripts/gen-lexicon.py [CORPUS_DIR [OUT_DIR]]
      [--dict-dir /usr/share/dict] [--wordnet-dir /usr/share/wordnet]

Python 3 standard library only. The output depends only on the corpus and the
installed package files: the same inputs give byte-identical output.
"""

import argparse
import os
import re
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# The Debian packages read, and the versions lexicon/README.md documents.
WORD_LISTS = [
    ("british-english-large", "wbritish-large"),
    ("american-english-large", "wamerican-large"),
]
WORDNET_PACKAGE = "wordnet-base"
DOCUMENTED_VERSIONS = {
    "wbritish-large": "2020.12.07-2",
    "wamerican-large": "2020.12.07-2",
    "wordnet-base": "1:3.0-37",
}
WORDNET_POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}

MAX_LEMMA_WORDS = 3

# Function words: a synset is not kept merely because one of its one-word
# lemmas is one of these (or reduces as one does, see `crude_stem`) (the corpus has them all, and WordNet has synsets
# such as `can|tin|tin can`, `will|volition`, `in|inch`, `a|ampere|amp`).
FUNCTION_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be
    because been before being below between both but by can could did do does
    doing done down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just may me might
    more most must my no nor not of off on once one only onto or other ought
    our ours out over own same shall she should so some such than that the
    their theirs them then there these they this those through to too under
    until up upon us very was we were what when where which while who whom
    whose why will with would yet you your
    """.split()
)


def fail(message):
    sys.exit(f"gen-lexicon: {message}")


def need_file(path, package):
    if not os.path.isfile(path):
        fail(f"missing {path}: install {package}: apt-get install {package}")
    return path


def package_version(package):
    """The installed Debian version of `package`, or None."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def check_versions(packages):
    for package in packages:
        found = package_version(package)
        want = DOCUMENTED_VERSIONS[package]
        if found is None:
            print(f"  {package}: version unknown (no dpkg-query?)", file=sys.stderr)
        elif found != want:
            print(
                f"  warning: {package} is {found}, lexicon/README.md documents {want}:"
                " update the README if the output changed",
                file=sys.stderr,
            )
        else:
            print(f"  {package} {found}", file=sys.stderr)


def write_lines(path, lines):
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return len(data)


def byte_order(s):
    return s.encode("utf-8")


# --- the word list ----------------------------------------------------------


def word_list(dict_dir):
    words = set()
    for name, package in WORD_LISTS:
        path = need_file(os.path.join(dict_dir, name), package)
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = fold(line.strip()).replace("'", "").replace("\u2019", "")
                if w and all("a" <= c <= "z" for c in w):
                    words.add(w)
    return sorted(words, key=byte_order)


# --- the corpus ---------------------------------------------------------------


def fold(s):
    """Lowercase and fold to ASCII, as the index's analyzer does."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


APOSTROPHES = re.compile(r"(?<=[^\W_])['\u2019\u02bc\u2018](?=[^\W_])")
WORD = re.compile(r"[^\W_]+")


def tokens(text):
    """Words as the index sees them: runs of letters and digits, an
    apostrophe inside a word dropped, everything else (hyphens too) a break."""
    return WORD.findall(APOSTROPHES.sub("", fold(text)))


# British -ise (and -yse) endings read as -ize, after a stem of 4 letters or
# more, as src/search/analysis.rs does the other way round; WordNet has
# mostly -ize lemmas, the corpus -ise words.
ISE = re.compile(r"(?<=^.{4})(.*?[iy])s(ations?|ers?|ing|ed|es|e)$")


def crude_stem(w):
    """A crude suffix strip for matching, not for display: plural -s/-es/-ies,
    -ed, -ied, -ing, a doubled final consonant and a final -e."""
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


def corpus_texts(corpus_dir):
    """The text of every corpus file: its passages and headings, and the
    quoted values of its front matter (titles, organisation, sections), less
    the `<!-- #N themes -->` markers."""
    if not os.path.isdir(corpus_dir):
        fail(f"no corpus folder {corpus_dir}")
    # A README describes the corpus; the corpus does not read it as a report.
    names = sorted(
        n for n in os.listdir(corpus_dir)
        if n.endswith(".md") and n.lower() != "readme.md"
    )
    if not names:
        fail(f"no .md files in corpus folder {corpus_dir}")
    for name in names:
        with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
            text = f.read()
        parts = re.split(r"^\+\+\+[ \t]*$", text, maxsplit=2, flags=re.M)
        if len(parts) == 3 and not parts[0].strip():
            front, body = parts[1], parts[2]
            yield "\n".join(re.findall(r'"((?:[^"\\]|\\.)*)"', front))
        else:
            body = text
        yield re.sub(r"<!--.*?-->", " ", body, flags=re.S)


def exceptions(wordnet_dir):
    """WordNet's irregular inflections: form -> base forms (`children` ->
    `child`, `went` -> `go`)."""
    exc = {}
    for pos in WORDNET_POS:
        path = need_file(os.path.join(wordnet_dir, f"{pos}.exc"), WORDNET_PACKAGE)
        with open(path, encoding="latin-1") as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 2:
                    exc.setdefault(fields[0], set()).update(fields[1:])
    return exc


MAX_GRAM = 8  # tokens: a 3-word lemma with hyphens can be more


def corpus_matcher(corpus_dir, exc):
    """A test of whether a lemma occurs in the corpus.

    Corpus text is split into clauses at punctuation, each clause into words
    as the index does; each word is reduced with `crude_stem` (and, for an
    irregular form in WordNet's exception lists, its base forms too). A lemma
    occurs if its words, reduced the same way, occur as consecutive words of
    a clause. A lemma all of whose words reduce as function words do (`in`,
    `can`, but also `cane`, `butt in`) does not count.
    """
    grams = set()
    for text in corpus_texts(corpus_dir):
        for clause in re.split(r"[.,;:!?()\[\]{}\"\u201c\u201d\u2013\u2014|*#\n]+", text):
            toks = tokens(clause)
            alts = []
            for t in toks:
                forms = {crude_stem(t)}
                for base in exc.get(t, ()):
                    if "_" not in base:
                        forms.add(crude_stem(base))
                alts.append(forms)
            for i in range(len(alts)):
                prefixes = [()]
                for j in range(i, min(i + MAX_GRAM, len(alts))):
                    prefixes = [p + (f,) for p in prefixes for f in alts[j]]
                    grams.update(prefixes)

    function_stems = {crude_stem(w) for w in FUNCTION_WORDS}

    def occurs(lemma):
        stems = tuple(crude_stem(t) for t in tokens(lemma))
        if all(s in function_stems for s in stems):
            return False
        return stems in grams

    return occurs


# --- the synonym sets ------------------------------------------------------


def lemma_ok(lemma):
    return (
        not any(c.isdigit() or c in "./" for c in lemma)
        and len(lemma.split()) <= MAX_LEMMA_WORDS
    )


def sense_ranks(wordnet_dir, pos_name):
    """{(lemma, synset offset): sense number}: index.POS lists each lemma's
    synsets most frequent sense first, so 1 is the lemma's commonest sense."""
    path = need_file(os.path.join(wordnet_dir, f"index.{pos_name}"), WORDNET_PACKAGE)
    ranks = {}
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma = fields[0].replace("_", " ").lower()
            synset_count = int(fields[2])
            offsets = fields[len(fields) - synset_count:]
            for rank, offset in enumerate(offsets, 1):
                ranks[(lemma, offset)] = rank
    return ranks


def synsets(wordnet_dir):
    """(pos, [lemma, ...], [sense number, ...]) for every synset that is not
    an instance, lemmas lowercase and filtered, in WordNet's order and
    deduplicated; each lemma's sense number says how common this meaning is
    for it (1: its commonest)."""
    for pos_name, pos in WORDNET_POS.items():
        ranks = sense_ranks(wordnet_dir, pos_name)
        path = need_file(os.path.join(wordnet_dir, f"data.{pos_name}"), WORDNET_PACKAGE)
        with open(path, encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # the licence header
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                at = 4 + 2 * count
                pointers = {fields[at + 1 + 4 * k] for k in range(int(fields[at]))}
                if "@i" in pointers:
                    # An instance (a person, place, book): its lemmas are
                    # names, not synonyms (`chain|ernst boris chain`,
                    # `capital|washington`).
                    continue
                lemmas = []
                senses = []
                for i in range(count):
                    raw = fields[4 + 2 * i]
                    raw = re.sub(r"\((?:a|p|ip)\)$", "", raw)  # adjective markers
                    lemma = raw.replace("_", " ").lower()
                    if lemma_ok(lemma) and lemma not in lemmas:
                        lemmas.append(lemma)
                        senses.append(ranks.get((lemma, fields[0]), 99))
                yield pos, lemmas, senses


# A word's synonyms come from its commonest meaning only (sense 1): the
# others mislead (`branches` -> `offset`, `abroad` -> `afield`).
MEANINGS = 1


def first_sense_counts(wordnet_dir):
    """{(lemma, pos): how often its sense 1 was tagged}, from WordNet's
    cntlist.rev (`lemma%ss_type:...  sense_number  tag_count`), so that a
    word's commonest meaning can be chosen across parts of speech: `join` is
    far more often the verb (`fall in`, `get together`) than the noun
    (`articulation`, `joint`)."""
    path = os.path.join(wordnet_dir, "cntlist.rev")
    counts = {}
    if not os.path.isfile(path):
        return counts
    ss_pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    with open(path, encoding="latin-1") as f:
        for line in f:
            fields = line.split()
            if len(fields) != 3 or fields[1] != "1":
                continue
            lemma, _, rest = fields[0].partition("%")
            pos = ss_pos.get(rest[:1])
            if pos:
                key = (lemma.replace("_", " ").lower(), pos)
                counts[key] = max(counts.get(key, 0), int(fields[2]))
    return counts


def synonym_lines(wordnet_dir, occurs=None):
    """`word<TAB>synonym|synonym|...`, one line a word, sorted by byte order:
    the other lemmas of the synsets that are the word's commonest meaning
    (its sense 1, in the part of speech whose sense 1 is the most often
    tagged in WordNet's corpus; in every part of speech when none was),
    keeping synsets with a lemma the corpus uses (when `occurs` is given)."""
    counts = first_sense_counts(wordnet_dir)
    by_word = {}
    for pos, lemmas, senses in synsets(wordnet_dir):
        if len(lemmas) < 2:
            continue
        if occurs is not None and not any(occurs(lemma) for lemma in lemmas):
            continue
        for lemma, sense in zip(lemmas, senses):
            if sense > MEANINGS:
                continue
            best = max((counts.get((lemma, p), 0) for p in WORDNET_POS.values()), default=0)
            if best > 0 and counts.get((lemma, pos), 0) < best:
                continue
            others = by_word.setdefault(lemma, [])
            for other in lemmas:
                if other != lemma and other not in others:
                    others.append(other)
    return sorted((w + "\t" + "|".join(o) for w, o in by_word.items() if o), key=byte_order)


# Words at least this common in English (Zipf frequency, from the PyPI
# package wordfreq) are listed in frequency.tsv; rarer ones tell more, and
# the search weighs them fully.
COMMON_ZIPF = 4.0


def frequency_lines(words):
    """`word<TAB>zipf x 10` for the words of the list commoner than
    COMMON_ZIPF in English, sorted by byte order."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        fail("install wordfreq: pip install wordfreq")
    lines = []
    for w in words:
        z = zipf_frequency(w, "en")
        if z > COMMON_ZIPF:
            lines.append(f"{w}\t{int(round(z * 10))}")
    return lines


def main():
    parser = argparse.ArgumentParser(
        description="Regenerate lexicon/english-words.txt, synonyms.tsv and frequency.tsv."
    )
    parser.add_argument(
        "corpus", nargs="?", default=os.path.join(REPO, "corpus"),
        help="corpus folder (default: %(default)s)",
    )
    parser.add_argument(
        "out", nargs="?", default=os.path.join(REPO, "lexicon"),
        help="output folder (default: %(default)s)",
    )
    parser.add_argument("--dict-dir", default="/usr/share/dict",
                        help="SCOWL word lists (default: %(default)s)")
    parser.add_argument("--wordnet-dir", default="/usr/share/wordnet",
                        help="WordNet database files (default: %(default)s)")
    args = parser.parse_args()

    # Check every input before reading or writing anything.
    needed = [(os.path.join(args.dict_dir, name), package) for name, package in WORD_LISTS]
    for pos in WORDNET_POS:
        for name in (f"data.{pos}", f"{pos}.exc"):
            needed.append((os.path.join(args.wordnet_dir, name), WORDNET_PACKAGE))
    missing = [(path, package) for path, package in needed if not os.path.isfile(path)]
    if missing:
        packages = sorted({package for _, package in missing})
        for path, package in missing:
            print(f"gen-lexicon: missing {path} (from {package})", file=sys.stderr)
        fail(f"install {' '.join(packages)}: apt-get install {' '.join(packages)}")
    print("packages:", file=sys.stderr)
    check_versions([p for _, p in WORD_LISTS] + [WORDNET_PACKAGE])

    words = word_list(args.dict_dir)
    occurs = corpus_matcher(args.corpus, exceptions(args.wordnet_dir))
    lines = synonym_lines(args.wordnet_dir, occurs)
    everything = synonym_lines(args.wordnet_dir)
    every_size = sum(len(line.encode("utf-8")) + 1 for line in everything)

    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "english-words.txt")
    size = write_lines(path, words)
    print(f"{path}: {len(words)} words, {size} bytes", file=sys.stderr)
    path = os.path.join(args.out, "synonyms.tsv")
    size = write_lines(path, lines)
    print(f"{path}: {len(lines)} words, {size} bytes "
          f"(without the corpus restriction: {len(everything)} words, "
          f"{every_size} bytes)", file=sys.stderr)
    common = frequency_lines(words)
    path = os.path.join(args.out, "frequency.tsv")
    size = write_lines(path, common)
    print(f"{path}: {len(common)} words, {size} bytes", file=sys.stderr)

if __name__ == "__main__":
    main()
