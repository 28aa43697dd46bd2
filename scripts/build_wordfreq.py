#!/usr/bin/env python3
"""Write the background word-frequency tables the classifier compiles in (data/wordfreq/).

Usage:  pip install wordfreq==3.1.1 && python3 scripts/build_wordfreq.py

For every language the lexicons cover and wordfreq ships, writes data/wordfreq/<lang>.txt:
the TOP most frequent words of the language, most frequent first, one per line (UTF-8, "\n").
A word's line number is its frequency rank; a word not in the file is rarer than the last one.
Words are folded the way the classifier folds notes (src/classify/normalise.rs): NFKC, then for
Latin, Greek and Cyrillic letters the diacritics dropped, then lowercase. A word that folds into
several words ("don't") is left out, and a folded word keeps its best rank. A unit test checks
that every stored word is already folded, so the tables and the classifier cannot drift apart.

Japanese and Chinese are left out on purpose: notes in them are not segmented into words
(no spaces; Unicode word boundaries give single ideographs), so a word-level rarity table would
never match. The classifier says so in its reasons instead of guessing.

The data is wordfreq's (Robyn Speer et al.), licensed CC BY-SA 4.0; see data/wordfreq/README.md.
"""

import importlib.metadata
import os
import sys
import unicodedata

import wordfreq

LANGS = ["en", "fr", "de", "es", "pt", "it", "nl", "sv", "tr", "ar", "pl", "bn", "hi"]
TOP = 20000
# The other languages the lexicons cover (data/lexicon/core.json, and Russian and Urdu) that
# wordfreq ships. Their tables only say whether a word is common (rank <= 10,000,
# src/classify/language.rs COMMON_RANK); they do not identify a language (whatlang does), so
# they stop there. Korean, Japanese and Chinese are left out: wordfreq lists their morphemes,
# and a note's spaced words (Korean) or unsegmented text would never match them. Serbian is
# left out: wordfreq's "sh" is written in Latin letters, Serbian notes mostly in Cyrillic
# (Croatian uses the same list).
EXTRA = ["bg", "ca", "cs", "da", "el", "fa", "fi", "fil", "he", "hu", "id", "lt", "lv", "nb",
         "ro", "ru", "sh", "sk", "sl", "ta", "uk", "ur", "vi"]
EXTRA_TOP = 10000


OPTIONAL_MARKS = [
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x0591, 0x05C7), (0x064B, 0x065F), (0x0670, 0x0670),
]


def optional_mark(c: str) -> bool:
    o = ord(c)
    return any(a <= o <= b for a, b in OPTIONAL_MARKS)


def fold(word: str) -> str:
    """The classifier's fold (normalise::fold_char), for one word."""
    out = []
    for c in word:
        if c.isascii():
            out.append(c.lower())
            continue
        for d in unicodedata.normalize("NFKC", c):
            if not (d < "\u0900" or "\u1e00" <= d <= "\u1fff"):
                out.append(d.lower())
                continue
            for e in unicodedata.normalize("NFD", d):
                if unicodedata.category(e).startswith("M") and optional_mark(e):
                    continue
                out.append(e.lower())
    return "".join(out)


def is_word(w: str) -> bool:
    return bool(w) and all(c.isalnum() or unicodedata.category(c).startswith("M") for c in w)


def main() -> int:
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "wordfreq")
    os.makedirs(out_dir, exist_ok=True)
    for lang, top in [(l, TOP) for l in LANGS] + [(l, EXTRA_TOP) for l in EXTRA]:
        words = []
        seen = set()
        for w in wordfreq.top_n_list(lang, top * 2, wordlist="best"):
            f = fold(w)
            # Words only: no digits-only tokens, no punctuation inside, no repeats once folded.
            if not is_word(f) or not any(c.isalpha() for c in f) or f in seen:
                continue
            seen.add(f)
            words.append(f)
            if len(words) == top:
                break
        path = os.path.join(out_dir, f"{lang}.txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(words))
            f.write("\n")
        print(f"{lang}: {len(words)} words -> {os.path.relpath(path)}")
    print(f"wordfreq {importlib.metadata.version('wordfreq')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
