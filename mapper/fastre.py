"""Regular expressions that skip quickly over text where they cannot match.

Python's ``re`` engine skips ahead quickly only for a pattern that starts with a literal or a
character set.  A pattern such as ``\\b(?:captured|seized|overran|...)`` starts with a word
boundary instead, so at every position of the text the engine tries each alternative in
turn.  :func:`compile` reads the pattern, works out which characters a match can start with
and, when that is a small set, puts a lookahead for them in front: most positions are then
rejected with one character test.  The matches are exactly the same.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import pickle
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from re import _constants as sre  # noqa: PLC2701 - the parser's own node names
from re import _parser as sre_parse  # noqa: PLC2701

import ahocorasick

__all__ = ["compile", "first_chars", "start_words", "word_trie", "group_alternatives", "is_word_char", "is_boundary",
           "CueFilter", "Scanner", "lower", "whitespace_pieces"]

_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
MAX_FIRST = 60  # a lookahead for more characters than this would not reject much


class _Unknown(Exception):
    """The first characters cannot be told (a category, any character, a back-reference...)."""


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, or None if any (or an empty match) can.

    With ``re.IGNORECASE`` the set holds the characters as written; the lookahead built from
    it is matched ignoring case too.
    """
    return _first_chars_of(sre_parse.parse(pattern, flags))


def _first_chars_of(parsed) -> frozenset[str] | None:
    words, _complete = _words_of_sequence(parsed, fold=False, enough=1)
    return None if "" in words else frozenset(w[0] for w in words)


def compile(pattern: str, flags: int = 0, *, start_words: bool = False) -> re.Pattern:  # noqa: A001
    """``re.compile(pattern, flags)``, with a lookahead for the first characters when it helps, and the
    alternatives of a long alternation grouped by their first letter (:func:`group_alternatives`).

    With ``start_words`` the pattern's :func:`start_words` are worked out from the same parse and kept
    for a :class:`Scanner` (which would otherwise parse the pattern again).
    """
    key = (pattern, flags, start_words)
    analyses = _analyses()
    found = analyses.get(key)
    if found is None:
        found = analyses[key] = _analysis(pattern, flags, start_words)
        _ANALYSES_CHANGED.append(key)
    pattern, starts = found
    compiled = re.compile(pattern, flags)
    if start_words:
        _START_WORDS[compiled.pattern, compiled.flags] = starts
    return compiled


_START_WORDS: dict[tuple[str, int], frozenset[str] | None] = {}  # of patterns compiled with start_words


def _analysis(pattern: str, flags: int, start_words: bool) -> tuple[str, frozenset[str] | None]:
    """The pattern :func:`compile` gives ``re`` (alternatives grouped, first characters looked ahead) and its
    start words (when asked): the work of one parse, kept across runs (:func:`_analyses`)."""
    parsed = sre_parse.parse(pattern, flags)
    chars = _first_chars_of(parsed)
    starts = _start_words_of_parsed(parsed) if start_words else None
    pattern = group_alternatives(pattern, flags)
    if chars and len(chars) <= MAX_FIRST:
        if flags & re.IGNORECASE:
            chars = {c.lower() for c in chars}
        charset = "".join(sorted(re.escape(c) for c in chars))
        pattern = f"(?=[{charset}])(?:{pattern})"
    return pattern, starts


# The analyses of the patterns compiled so far, read from the cache folder at the first compile and saved there
# at exit when new ones were made: parsing every rule of the lexicon again was a third of a command's start-up.
# The file is keyed on this module's code and the interpreter; TERRITORY_MAPPER_NO_CACHE=1 keeps it off.
_ANALYSES: dict | None = None
_ANALYSES_CHANGED: list = []


def _analyses() -> dict:
    global _ANALYSES
    if _ANALYSES is None:
        _ANALYSES = {}
        path = _analyses_path()
        if path is not None:
            from gazetteer.core import read_cache

            _ANALYSES = read_cache(path, dict) or {}
            atexit.register(_save_analyses, path)
    return _ANALYSES


def _analyses_path() -> Path | None:
    if os.environ.get("TERRITORY_MAPPER_NO_CACHE"):
        return None
    from gazetteer.core import cache_dir

    digest = hashlib.sha256(f"{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode() + Path(__file__).read_bytes())
    return cache_dir() / f"fastre-{digest.hexdigest()[:24]}.pickle"


MAX_SAVED_ANALYSES = 3000  # (the project's own patterns are under a thousand: more were made up, as by tests)


def _save_analyses(path: Path) -> None:
    if _ANALYSES_CHANGED and _ANALYSES and len(_ANALYSES) <= MAX_SAVED_ANALYSES:
        from gazetteer.core import write_cache

        write_cache(path, dict(_ANALYSES), "fastre")
        _ANALYSES_CHANGED.clear()


PIECE_CHARS = 1 << 16


def whitespace_pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each cut before white space (no word is cut)."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        while end < len(text) and not text[end].isspace():
            end += 1
        yield text[start:end]
        start = end


def lower(text: str) -> str:
    """``text.lower()``, made piece by piece for a long text.

    ``str.lower`` of a text with any non-ASCII character first allocates a buffer of three 4-byte
    characters for each of its characters: 14 times the text's own size, 400 MB for a 30 MB page.
    Pieces are cut before white space, where no case mapping looks across (a final sigma ends at it).
    """
    if len(text) <= PIECE_CHARS or text.isascii():
        return text.lower()
    return "".join(piece.lower() for piece in whitespace_pieces(text))


def word_trie(words: Iterable[str], any_space: bool = True) -> str:
    """A regex matching exactly ``words``, a longer word tried before its prefix; with ``any_space`` a space
    in a word matches any run of whitespace.

    Written as a trie ("is(?:i[ls]|lamic\\s+state)?" for "is", "isil", "isis", "islamic state"): at each
    place the engine tries a handful of letters, not each of a hundred words in turn.  Two words that both
    match at one place are a word and its prefix, so the order of the branches is free and the greedy ``?``
    gives the longer first, as an alternation sorted longest first would.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for token in re.findall(r"\s+|." if any_space else ".", word, re.DOTALL):
            node = node.setdefault(r"\s+" if any_space and token.isspace() else re.escape(token), {})
        node[""] = {}
    return _trie_node(trie)


def _trie_node(node: dict) -> str:
    branches = [token + _trie_node(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
    return body + "?" if "" in node else body


MIN_GROUPED = 6  # alternatives in one alternation worth grouping
_NUMBERED_GROUP = re.compile(r"(?<!\\)\((?!\?)|\\\d")  # "(" that captures by number, or a back-reference


def group_alternatives(pattern: str, flags: int = 0) -> str:
    """The same pattern with the alternatives of its outer alternation grouped by their first letter.

    ``\\b(?:seized|stormed|took|swept into)`` becomes ``\\b(?:s(?:eized|tormed|wept into)|took)``: the
    engine enters one branch per letter instead of one per word at every place it tries.  Only
    alternatives that start with a plain letter (not followed by a quantifier) move, and only among
    neighbours that do too, so no alternative is tried after one it came before and could match
    where it does.  A pattern of another shape (or a short alternation) is returned unchanged.
    """
    if _NUMBERED_GROUP.search(pattern):
        return pattern  # moving alternatives would renumber the groups code reads by number
    head, body, tail = _outer_alternation(pattern)
    if body is None:
        return pattern
    alternatives = _split_alternatives(body)
    if len(alternatives) < MIN_GROUPED:
        return pattern
    fold = (lambda c: c.lower()) if flags & re.IGNORECASE else (lambda c: c)
    out: list = []  # str (kept as it is) or [letter, [rests]] (a group)
    open_groups: dict[str, list] = {}
    for alt in alternatives:
        if len(alt) > 1 and alt[0].isalpha() and alt[0].isascii() and alt[1] not in "?*+{":
            letter = fold(alt[0])
            group = open_groups.get(letter)
            if group is None:
                group = open_groups[letter] = [alt[0], []]
                out.append(group)
            group[1].append(alt[1:])
        else:
            out.append(alt)
            open_groups = {}  # no letter group reaches across an alternative that may start anywhere
    if len(out) == len(alternatives):
        return pattern
    parts = [item if isinstance(item, str) else
             (item[0] + item[1][0] if len(item[1]) == 1 else f"{item[0]}(?:{'|'.join(item[1])})") for item in out]
    return f"{head}{'|'.join(parts)}{tail}"


def _outer_alternation(pattern: str) -> tuple[str, str | None, str]:
    r"""``(head, body, tail)`` of a pattern ``head(?:body)tail`` whose head is empty or ``\b`` and whose tail is
    empty or ``\b``; ``body`` is None for any other shape."""
    for head in ("\\b(?:", "(?:"):
        if pattern.startswith(head):
            break
    else:
        return "", None, ""
    for tail in (")\\b", ")"):
        if pattern.endswith(tail) and _closes_at_end(pattern, len(head) - 3, len(pattern) - len(tail)):
            return head, pattern[len(head):len(pattern) - len(tail)], tail
    return "", None, ""


def _closes_at_end(pattern: str, open_at: int, close_at: int) -> bool:
    """True when the group opened at ``open_at`` closes at ``close_at`` (not before it)."""
    for i, c, depth in _structure(pattern, open_at):
        if c == ")" and depth == 0:
            return i == close_at
    return False


def _structure(pattern: str, start: int = 0):
    """``(index, char, depth after it)`` of each parenthesis and bar of ``pattern`` from ``start``, skipping
    escapes and character classes."""
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c in "()|":
            depth += (c == "(") - (c == ")")
            yield i, c, depth
        i += 1


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class that starts at ``i``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _split_alternatives(body: str) -> list[str]:
    """The top-level alternatives of ``body``."""
    parts, begin = [], 0
    for i, c, depth in _structure(body):
        if c == "|" and depth == 0:
            parts.append(body[begin:i])
            begin = i + 1
    parts.append(body[begin:])
    return parts


def _charset(items) -> set[str]:
    chars = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < MAX_FIRST:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:  # a category (\s, \w), a negated set, a wide range
            raise _Unknown(op)
    return chars


MAX_START_WORDS = 400  # a pattern that can start in more ways than this is scanned as a whole
MIN_START_WORD = 2  # nor one that can start with a single character: it occurs almost everywhere


def start_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings (lower case) one of which begins every match of ``pattern``, or None if they cannot be told.

    ``\\b(?:retook|recaptur(?:ed|e))\\s+`` -> {"retook", "recaptured", "recapture"}: literal text is
    followed as far as the pattern spells it out, through groups and alternations, up to the first
    quantifier, character category or other part that could be many strings.  Assertions (``\\b``,
    lookarounds) take no text and are passed over.  Case is folded, as the text it is looked for in
    will be (:class:`CueFilter`), so a case-sensitive part only gives more places to try.
    """
    return _start_words_of_parsed(sre_parse.parse(pattern, flags))


def _start_words_of_parsed(parsed) -> frozenset[str] | None:
    words, _complete = _words_of_sequence(parsed)
    if not words or min(map(len, words)) < MIN_START_WORD:
        return None
    return frozenset(words)


def _words_of_sequence(items, i: int = 0, fold: bool = True, enough: int = 0) -> tuple[set[str], bool]:
    """(the strings a match of ``items[i:]`` starts with, whether they are the whole of its matches).

    A "" in an incomplete set stands for a match that may start with anything.  ``fold``: in lower case;
    ``enough``: stop lengthening the strings once each is that long (1: the first characters).
    """
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return {""}, True
    op, av = items[i]
    if op in _REPEATS and av[0] == 0:  # optional: the words with it, and the words of what follows without it
        inner, whole = _words_of_sequence(av[2], 0, fold, enough)
        rest, rest_whole = _words_of_sequence(items, i + 1, fold, enough)
        with_it = _joined(inner, rest, rest_whole) if whole and av[1] == 1 else (inner, False)
        return with_it[0] | rest, with_it[1] and rest_whole
    got = _words_of_item(op, av, fold, enough)
    if got is None:
        return {""}, False
    words, whole = got
    if not whole or (enough and words and min(map(len, words)) >= enough):
        return words, False
    return _joined(words, *_words_of_sequence(items, i + 1, fold, enough))


def _joined(first: set[str], rest: set[str], rest_whole: bool) -> tuple[set[str], bool]:
    """``first`` followed by ``rest`` (or ``first`` alone, as an incomplete set, when that would be too many)."""
    if len(first) * len(rest) > MAX_START_WORDS:
        return first, False
    return {a + b for a in first for b in rest}, rest_whole


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


def _words_of_item(op, av, fold: bool, enough: int) -> tuple[set[str], bool] | None:
    """The strings one item of a pattern starts with and whether they are all it matches; None: unknown."""
    if op is sre.LITERAL:
        return {chr(av).lower() if fold else chr(av)}, True
    if op is sre.IN:
        try:
            return {c.lower() if fold else c for c in _charset(av)}, True
        except _Unknown:
            return None
    if op is sre.SUBPATTERN:
        return _words_of_sequence(av[-1], 0, fold, enough)
    if op is sre.ATOMIC_GROUP:
        words, _whole = _words_of_sequence(av, 0, fold, enough)
        return words, False
    if op is sre.BRANCH:
        words, complete = set(), True
        for alternative in av[1]:
            got, whole = _words_of_sequence(alternative, 0, fold, enough)
            words |= got
            complete = complete and whole
        return words, complete
    if op in _REPEATS:  # at least once (an optional part is the sequence's business)
        words, whole = _words_of_sequence(av[2], 0, fold, enough)
        return words, whole and av[0] == av[1] == 1
    return None


def is_word_char(ch: str) -> bool:
    """What ``\\w`` matches, for one character (code that scans text by hand must agree with the patterns)."""
    return ch.isalnum() or ch == "_"


def is_boundary(text: str, pos: int) -> bool:
    """What ``\\b`` matches: whether ``pos`` is a word boundary of ``text``."""
    before = pos > 0 and is_word_char(text[pos - 1])
    after = pos < len(text) and is_word_char(text[pos])
    return before != after


class CueFilter:
    """Which of several patterns can match a text, told by the cue words their matches contain.

    ``cues[i]`` are the words (lower case) one of which every match of pattern ``i`` contains.
    One Aho-Corasick pass over the lower-cased text gives the patterns worth running, where a
    substring test per cue word and pattern would cost a Python call each.
    """

    def __init__(self, cues: Iterable[Iterable[str]]):
        needs: dict[str, set[int]] = {}
        for i, words in enumerate(cues):
            for word in words:
                needs.setdefault(word, set()).add(i)
        self._automaton = ahocorasick.Automaton()
        for word, ids in needs.items():
            self._automaton.add_word(word, frozenset(ids))
        self._automaton.make_automaton()

    def candidates(self, lowered: str) -> list[int]:
        """The indices, in order, of the patterns one of whose cue words occurs in ``lowered``."""
        ids: set[int] = set()
        for _, found in self._automaton.iter(lowered):
            ids |= found
        return sorted(ids)


class Scanner:
    """Several patterns run over one text: each only if one of its cue words occurs, and then tried only
    where one of its :func:`start_words` does.

    ``cues[i]`` are the words (lower case) one of which every match of ``patterns[i]`` contains.  One
    Aho-Corasick pass over the lower-cased text finds both the cue words and the places where each
    pattern can start; a pattern whose starts cannot be told is searched through the whole text.  The
    matches are exactly those of ``patterns[i].finditer(text)``.
    """

    def __init__(self, patterns: Iterable[re.Pattern], cues: Iterable[Iterable[str]]):
        self.patterns = tuple(patterns)
        table: dict[str, tuple[set[int], set[int]]] = {}
        for i, words in enumerate(cues):
            for word in words:
                table.setdefault(word, (set(), set()))[0].add(i)
        self.anchored = frozenset(i for i, p in enumerate(self.patterns)
                                  if self._add_starts(table, i, _start_words_of(p)))
        self._automaton = ahocorasick.Automaton()
        for word, (cue_of, start_of) in table.items():
            self._automaton.add_word(word, (frozenset(cue_of), frozenset(start_of), len(word)))
        self._automaton.make_automaton()

    @staticmethod
    def _add_starts(table, i: int, words: frozenset[str] | None) -> bool:
        for word in words or ():
            table.setdefault(word, (set(), set()))[1].add(i)
        return bool(words)

    def candidates(self, lowered: str) -> list[int]:
        """The indices, in order, of the patterns one of whose cue words occurs in ``lowered``."""
        ids: set[int] = set()
        for _, (cue_of, _, _) in self._automaton.iter(lowered):
            ids |= cue_of
        return sorted(ids)

    def scan(self, text: str) -> list[tuple[int, Iterable[re.Match]]]:
        """``(i, matches of pattern i)`` for each pattern whose cue words ``text`` contains, in order."""
        lowered = text.lower()
        hits = list(self._automaton.iter(lowered))
        ids: set[int] = set()
        for _, value in hits:
            if value[0]:  # (most hits are start words only)
                ids |= value[0]
        if not ids:
            return []
        # (a text that lower-casing makes longer or shorter, "İ", is searched through: positions would shift)
        if len(lowered) != len(text):
            return [(i, self.patterns[i].finditer(text)) for i in sorted(ids)]
        starts: dict[int, list[int]] = {}
        for end, (_, start_of, length) in hits:
            if start_of:
                pos = end - length + 1
                for i in start_of & ids:  # (one set operation in C: most start words start many patterns)
                    if i in starts:
                        starts[i].append(pos)
                    else:
                        starts[i] = [pos]
        return [(i, _matches_at(self.patterns[i], text, starts.get(i, ())) if i in self.anchored
                 else self.patterns[i].finditer(text)) for i in sorted(ids)]


def _start_words_of(pattern: re.Pattern) -> frozenset[str] | None:
    """:func:`start_words` of a compiled pattern (kept by :func:`compile`, else worked out)."""
    key = (pattern.pattern, pattern.flags)
    return _START_WORDS[key] if key in _START_WORDS else start_words(*key)


def _matches_at(pattern: re.Pattern, text: str, positions: list[int]) -> Iterable[re.Match]:
    """What ``pattern.finditer(text)`` gives, when every match starts at one of ``positions``."""
    end = 0
    for pos in sorted(set(positions)):
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m:
            yield m
            end = m.end()
