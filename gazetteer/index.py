"""Lookup tables over place names, and one Aho-Corasick automaton to scan running text.

The tables map each level of name key (see :mod:`gazetteer.names`) to the places that
carry a name with that key.  The automaton holds every name's character-folded forms
(see :func:`text_fold`), so a single pass over an article finds every known spelling
with exact character offsets into the original text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz, process

from .model import Place
from .names import fold, fold_char, key, skeleton

__all__ = ["NameIndex", "TextHit", "text_fold"]

_TAL_FORMS = ("tal", "tall", "tel", "tell")
# A name must be at least this long to be scanned for in running text (avoids "Ba", "Al").
MIN_SCAN_LENGTH = 3


_DASHES = "-‐‑‒–—_"


class _FoldTable(dict):
    """The :meth:`str.translate` table of :func:`text_fold`, filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = " " if ch.isspace() or ch in _DASHES else fold_char(ch)
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


# The same folding for ASCII characters, as a bytes table: most of an article is ASCII, and
# ``bytes.translate`` folds it several times faster than ``str.translate`` with a dict.
_ASCII_FOLD_TABLE = bytes(ord(_FOLD_TABLE[code]) for code in range(128)) + bytes(range(128, 256))
_SHORT = 64  # texts (or parts) this short that are not ASCII are folded in one go


def text_fold(text: str) -> str:
    """Fold text character by character, keeping its length (offsets stay valid).

    Lower-cases, strips diacritics, maps apostrophe-like marks to ``'`` and hyphens,
    dashes and whitespace to a space.  One :meth:`str.translate` pass over a table
    that learns each character's folding once.
    """
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD_TABLE).decode("ascii")
    if len(text) <= _SHORT:
        return text.translate(_FOLD_TABLE)
    # A single curly quote or accent makes the whole text take the slow path (a dict lookup for
    # every character): fold the halves apart, so that the long ASCII stretches take the fast one.
    half = len(text) // 2
    return text_fold(text[:half]) + text_fold(text[half:])


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
        self.by_skeleton: dict[str, set[str]] = defaultdict(set)
        self.display: dict[str, str] = {}  # key -> one readable name with that key (for suggestions)
        self.name_keys: dict[str, tuple[str, ...]] = {}  # place id -> the distinct keys of its names
        forms: dict[str, set[str]] = defaultdict(set)
        for place in places:
            self._add(place, forms)
        self._keys = list(self.by_key)
        # Two automata: forms starting with an ASCII character, and the others (Arabic and other
        # scripts, "ø"...).  An automaton looks each character it reads at its root up in a list
        # of the root's children: with the three hundred first letters of every script there,
        # that lookup was most of the scan.  The second automaton reads only text that has one of
        # its first letters.
        self._ascii_automaton = _automaton({f: ids for f, ids in forms.items() if f[0].isascii()})
        other_forms = {f: ids for f, ids in forms.items() if not f[0].isascii()}
        self._other_automaton = _automaton(other_forms)
        self._other_first = re.compile("[" + "".join(sorted({re.escape(f[0]) for f in other_forms})) + "]") \
            if other_forms else None
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

    def occurrences(self, text: str, spans=None) -> list[tuple[int, int, str, tuple[str, ...]]]:
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
        folded = text_fold(text)
        if spans is None:
            return self._hits(folded, 0, len(folded))
        if _sorted_disjoint(spans, len(folded)):
            # The automaton reads only the spans (and so skips page chrome altogether).
            hits = []
            for start, end in spans:
                hits += self._hits(folded, start, end)
            return hits
        return [hit for hit in self._hits(folded, 0, len(folded))
                if any(s <= hit[0] and hit[1] <= e for s, e in spans)]

    def _hits(self, folded: str, begin: int, end: int) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Whole-word hits wholly inside ``folded[begin:end]`` (word edges are judged on all of ``folded``)."""
        hits = _whole_words(self._ascii_automaton, folded, begin, end)
        first = self._other_first is not None and self._other_first.search(folded, begin, end)
        if first:
            more = _whole_words(self._other_automaton, folded, first.start(), end)
            if more:
                hits = sorted(hits + more, key=_end_then_start)  # the order of a single automaton
        return hits


def _automaton(forms: dict[str, set[str]]) -> ahocorasick.Automaton | None:
    """An automaton finding the forms (value: the form and its sorted place ids); None without forms."""
    if not forms:
        return None
    automaton = ahocorasick.Automaton()
    for form, ids in forms.items():
        automaton.add_word(form, (form, tuple(sorted(ids))))
    automaton.make_automaton()
    return automaton


def _whole_words(automaton, folded: str, begin: int, end: int) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """The automaton's hits wholly inside ``folded[begin:end]`` that are whole words of ``folded``."""
    hits = []
    if automaton is None:
        return hits
    size = len(folded)
    for last, (form, ids) in automaton.iter(folded, begin, end):
        stop = last + 1
        start = stop - len(form)
        if start > 0 and folded[start - 1].isalnum():
            continue
        if stop < size and folded[stop].isalnum():
            continue
        hits.append((start, stop, form, ids))
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
