"""Lookup tables over place names, and Aho-Corasick automata to scan running text.

The tables map each level of name key (see :mod:`gazetteer.names`) to the places that
carry a name with that key.  The automata hold every name's character-folded forms
(see :func:`text_fold`) as whole words, so a single pass over an article finds every
known spelling with exact character offsets into the original text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz, process

from .model import Place
from .names import MIN_SPELLING, fold, fold_char, key, skeleton, spelling

__all__ = ["NameIndex", "TextHit", "text_fold"]

_TAL_FORMS = ("tal", "tall", "tel", "tell")
# A name must be at least this long to be scanned for in running text (avoids "Ba", "Al").
MIN_SCAN_LENGTH = 3


_DASHES = "-‐‑‒–—_"


def _fold_in_text(ch: str) -> str:
    return " " if ch.isspace() or ch in _DASHES else fold_char(ch)


def _word_or_space(ch: str) -> str:
    """The folded character if it can be part of a word, else a space: what word boundaries see."""
    folded = _fold_in_text(ch)
    return folded if folded.isalnum() else " "


class _LearningTable(dict):
    """A :meth:`str.translate` table that works out each character's image when it first sees it."""

    def __init__(self, image):
        super().__init__()
        self._image = image

    def __missing__(self, code: int) -> str:
        value = self[code] = self._image(chr(code))
        return value


class _CharMap:
    """Maps text character by character, each to exactly one character, so that offsets stay valid.

    Most of an article is ASCII, and ``bytes.translate`` maps ASCII several times faster than
    ``str.translate`` with a dict table.  A single curly quote or accent would send the whole
    text the slow way (a dict lookup for every character): such text is mapped half by half,
    so that its long ASCII stretches still go the fast way.
    """

    SHORT = 64  # non-ASCII text (or part) this short is mapped in one go

    def __init__(self, image):
        self._table = _LearningTable(image)
        self._ascii = bytes(ord(self._table[code]) for code in range(128)) + bytes(range(128, 256))

    def __call__(self, text: str) -> str:
        if text.isascii():
            return text.encode("ascii").translate(self._ascii).decode("ascii")
        if len(text) <= self.SHORT:
            return text.translate(self._table)
        half = len(text) // 2
        return self(text[:half]) + self(text[half:])


_FOLD = _CharMap(_fold_in_text)
_WORDS = _CharMap(_word_or_space)


def text_fold(text: str) -> str:
    """Fold text character by character, keeping its length (offsets stay valid).

    Lower-cases, strips diacritics, maps apostrophe-like marks to ``'`` and hyphens,
    dashes and whitespace to a space.  A :meth:`str.translate` pass over a table that
    learns each character's folding once (a bytes table for ASCII).
    """
    return _FOLD(text)


def _scan_forms(name: str) -> set[str]:
    """The character-folded forms of a name the text scanner looks for."""
    base = " ".join(text_fold(name).split())
    forms = {base, base.replace("'", ""), base.replace("'", " ").replace("  ", " ")}
    words = base.split()
    # Tal/Tall/Tel Afar: every spelling of the leading "hill" word.
    if words and words[0] in _TAL_FORMS:
        forms |= {" ".join([t, *words[1:]]) for t in _TAL_FORMS}
    # Without the article: "Al-Qaim" is also written "Qaim".
    stripped = key(name)
    if stripped and stripped != fold(name) and len(stripped) >= 4:
        forms.add(stripped)
    return {f.strip() for f in forms if len(f.strip()) >= MIN_SCAN_LENGTH}


# (start, end, form, place ids): a TextHit as a plain tuple.
Hit = tuple[int, int, str, tuple[str, ...]]


@dataclass(frozen=True)
class TextHit:
    """A known name found in text: ``text[start:end]`` folds to one of the index's forms."""

    start: int
    end: int
    form: str
    place_ids: tuple[str, ...]


class NameIndex:
    """Name tables and the text automaton for a set of places.

    Parameters
    ----------
    places : iterable of Place
        The entries to index (ids must be unique).
    """

    def __init__(self, places):
        self.exact: dict[str, set[str]] = defaultdict(set)  # fold(canonical name) -> ids
        self.alternate: dict[str, set[str]] = defaultdict(set)  # fold(any other name) -> ids
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_spelling: dict[str, set[str]] = defaultdict(set)  # spelling(any name) -> ids
        self.by_skeleton: dict[str, set[str]] = defaultdict(set)
        self.display: dict[str, str] = {}  # key -> one readable name with that key (for suggestions)
        self.name_keys: dict[str, tuple[str, ...]] = {}  # place id -> the distinct keys of its names
        forms: dict[str, set[str]] = defaultdict(set)
        for place in places:
            self._add(place, forms)
        self._keys = list(self.by_key)
        # The automata read the text with every character that cannot be part of a word made a
        # space (see _WORDS), and look for each form with a space on either side: they find whole
        # words only, not the hundred pieces of words ("ist", "der") an article would give.
        # Two automata: forms starting with an ASCII character, and the others (Arabic and other
        # scripts, "ø"...).  An automaton looks each character it reads up in a list of the
        # current node's children: with the three hundred first letters of every script in one
        # list, that lookup was most of the scan.  The second automaton reads only text that has
        # one of its first letters.
        ascii_forms = {f: ids for f, ids in forms.items() if _word_image(f)[0].isascii()}
        other_forms = {f: ids for f, ids in forms.items() if f not in ascii_forms}
        self._ascii_automaton = _automaton(ascii_forms)
        self._other_automaton = _automaton(other_forms)
        first_letters = sorted({re.escape(_word_image(f)[0]) for f in other_forms})
        self._other_first = re.compile("[" + "".join(first_letters) + "]") if other_forms else None
        self._scan_ready = bool(forms)

    def _add(self, place: Place, forms) -> None:
        self.exact[fold(place.name)].add(place.id)
        self.name_keys[place.id] = tuple(dict.fromkeys(key(name) for name in (place.name, *place.names)))
        for name in (place.name, *place.names):
            folded = fold(name)
            if not folded:
                continue
            if name != place.name:
                self.alternate[folded].add(place.id)
            k = key(name)
            self.by_key[k].add(place.id)
            self.display.setdefault(k, name)
            sp = spelling(name)
            if len(sp) >= MIN_SPELLING:
                self.by_spelling[sp].add(place.id)
            sk = skeleton(name)
            if len(sk) >= 2:
                self.by_skeleton[sk].add(place.id)
            for form in _scan_forms(name):
                forms[form].add(place.id)

    def fuzzy(self, query_key: str, limit: int = 10, cutoff: float = 80.0) -> list[tuple[str, float]]:
        """Keys similar to ``query_key`` (rapidfuzz ratio >= cutoff), best first."""
        if not query_key or not self._keys:
            return []
        hits = process.extract(query_key, self._keys, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
        return [(k, score) for k, score, _ in hits]

    def scan(self, text: str) -> list[TextHit]:
        """Every whole-word occurrence of a known name form in ``text``.

        Overlapping hits are all returned (the caller keeps the longest); offsets
        index ``text`` itself.
        """
        return [TextHit(*hit) for hit in self.occurrences(text)]

    def occurrences(self, text: str, spans=None) -> list[Hit]:
        """What :meth:`scan` finds, as plain tuples, optionally only inside some spans of the text.

        Parameters
        ----------
        text : str
            Running text.
        spans : sequence of (int, int), optional
            Keep only the hits that lie wholly inside one of these ``[start, end)`` spans.

        Returns
        -------
        list of (int, int, str, tuple of str)
            ``(start, end, form, place_ids)`` of each hit, in the automaton's order (by end).
            Tuples, not :class:`TextHit` objects: an article has a hundred hits, and building a
            frozen dataclass for each was a sizeable part of scanning it.
        """
        if not self._scan_ready:
            return []
        # One space either side, so that a name at either end of the text has its boundary too.
        padded = f" {_WORDS(text)} "
        if spans is None:
            return self._hits(text, padded, 0, len(text))
        if _sorted_disjoint(spans, len(text)):
            # The automaton reads only the spans (and so skips page chrome altogether).
            hits = []
            for start, end in spans:
                hits += self._hits(text, padded, start, end)
            return hits
        return [hit for hit in self._hits(text, padded, 0, len(text))
                if any(s <= hit[0] and hit[1] <= e for s, e in spans)]

    def _hits(self, text: str, padded: str, begin: int, end: int) -> list[Hit]:
        """Whole-word hits wholly inside ``text[begin:end]`` (``padded``: its word image with a space either side)."""
        # text[i] is padded[i + 1]: text[begin:end] with the characters either side is padded[begin:end + 2].
        hits = _whole_words(self._ascii_automaton, text, padded, begin, end + 2)
        first = (self._other_first is not None and not padded.isascii()
                 and self._other_first.search(padded, begin + 1, end + 1))
        if first:
            more = _whole_words(self._other_automaton, text, padded, first.start() - 1, end + 2)
            if more:
                hits = sorted(hits + more, key=_end_then_start)  # the order of a single automaton
        return hits


def _word_image(form: str) -> str:
    """A folded form as :data:`_WORDS` shows it: characters that cannot be part of a word made spaces."""
    return "".join(ch if ch.isalnum() else " " for ch in form)


def _automaton(forms: dict[str, set[str]]) -> ahocorasick.Automaton | None:
    """An automaton finding the forms as whole words in padded word images of text; None without forms.

    Its keys are the forms' word images with a space either side.  Each key's value is
    ``(length, ((form, sorted place ids), ...), check)``: the forms with that image (all of one
    length) and whether the text must be folded to tell which one it is.  A form of letters and
    digits alone is the only one with its image, and any text with that image is that form.
    """
    if not forms:
        return None
    by_image: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for form, ids in forms.items():
        by_image[f" {_word_image(form)} "].append((form, tuple(sorted(ids))))
    automaton = ahocorasick.Automaton()
    for image, candidates in by_image.items():
        check = len(candidates) > 1 or not candidates[0][0].isalnum()
        automaton.add_word(image, (len(image) - 2, tuple(candidates), check))
    automaton.make_automaton()
    return automaton


def _whole_words(automaton, text: str, padded: str, begin: int, end: int) -> list[Hit]:
    """The forms the automaton finds in ``padded[begin:end]``, as ``(start, end, form, ids)`` in ``text``."""
    hits = []
    if automaton is None:
        return hits
    for last, (length, candidates, check) in automaton.iter(padded, begin, end):
        stop = last - 1  # the key's closing space is the character after the word: text[last - 1]
        start = stop - length
        if not check:
            form, ids = candidates[0]
            hits.append((start, stop, form, ids))
            continue
        written = text_fold(text[start:stop])
        for form, ids in candidates:
            if form == written:
                hits.append((start, stop, form, ids))
                break
    return hits


def _end_then_start(hit: tuple) -> tuple[int, int]:
    return hit[1], hit[0]


def _sorted_disjoint(spans, size: int) -> bool:
    """True when the spans are in order, do not overlap and lie within ``[0, size]``."""
    previous_end = 0
    for start, end in spans:
        if not previous_end <= start <= end <= size:
            return False
        previous_end = end
    return True
