import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mapper import fastre
from mapper.claims import engine as claims


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(?:seized|captured)\b", 0, {"s", "c"}),
    (r"\b(?:Seized|captured)", re.IGNORECASE, {"S", "c"}),
    (r"(?:the\s+)?fall\s+of", 0, {"t", "f"}),
    (r"[A-C]x|y", 0, {"A", "B", "C", "y"}),
    (r"(?<=\.)\s+", 0, None),  # starts with a category: any space
    (r"(?:a)?", 0, None),  # can match the empty string
    (r".x", 0, None),
])
def test_first_chars(pattern, flags, expected):
    assert fastre.first_chars(pattern, flags) == (frozenset(expected) if expected else None)


# Every pattern the claims module compiles through fastre, plus a few shapes of their own.
PATTERNS = [(p.pattern, p.flags) for p, _, _ in claims.TRIGGERS] + [
    (claims._HEDGES.pattern, claims._HEDGES.flags),
    (claims._CLAUSE_BREAK.pattern, claims._CLAUSE_BREAK.flags),
    (r"\b(?:Kurdish|peshmerga)-(?:held|run)\b", re.IGNORECASE),
    (r"(?-i:[A-Z][a-z]+)\s+(?:fell|falls)", re.IGNORECASE),
]
ALPHABET = st.sampled_from(list("aeiklnorstuvwdfhKSTIİıſK-., \n'’") + ["seized ", "fell to ", "Mosul ", "under ",
                                                                       "control of ", "held ", "ISIS ", "the "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_the_hint_never_changes_a_match(text):
    for pattern, flags in PATTERNS:
        plain = re.compile(pattern, flags & ~re.UNICODE)
        hinted = fastre.compile(pattern, flags & ~re.UNICODE)
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in hinted.finditer(text)], pattern


def test_group_alternatives_keeps_every_match():
    import re as _re

    from mapper.fastre import group_alternatives

    pattern = r"\b(?:seized|stormed|took|swept\s+into|s?ank|(?:x|y)|sold|tr[ai]p|taken|secured)\b"
    grouped = group_alternatives(pattern, _re.IGNORECASE)
    assert grouped != pattern and grouped.startswith(r"\b(?:s(?:eized|")
    text = "They Seized it, stormed a post, took Hit, swept into Rawa, sank, sold x, trip, TAKEN, secured y."
    plain, fast = _re.compile(pattern, _re.IGNORECASE), _re.compile(grouped, _re.IGNORECASE)
    assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
    # numbered groups would be renumbered by the move: such a pattern is left as it is
    numbered = r"\b(?:seiz(ed|es)|stormed|took|swept|sank|sold|taken)\b"
    assert group_alternatives(numbered, _re.IGNORECASE) == numbered


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(?:retook|recaptur(?:ed|e))\s+", 0, {"retook", "recaptured", "recapture"}),
    (r"\b(?:Seized|took)\b", re.IGNORECASE, {"seized", "took"}),  # case folded, as the text will be
    (r"(?:has\s+|had\s+)?(?:seized|taken)", 0, {"has", "had", "seized", "taken"}),  # up to the first space class
    (r"(?:ha[sd])?took", 0, {"hastook", "hadtook", "took"}),  # an optional literal part: with it and without
    (r"(?<!not\s)(?:fell|lost)\s+to", 0, {"fell", "lost"}),  # lookarounds take no text
    (r"(?-i:[A-C]x)y", re.IGNORECASE, {"axy", "bxy", "cxy"}),
    (r"(?:in|at)\s+", 0, {"in", "at"}),
    (r"\w+\s+fell", 0, None),  # can start with any word
    (r"(?:a|the)\s+town", 0, None),  # "a": a single letter is met everywhere
    (r"(?:took)?", 0, None),  # can match the empty string
])
def test_start_words(pattern, flags, expected):
    assert fastre.start_words(pattern, flags) == (frozenset(expected) if expected else None)


def test_start_words_of_a_long_alternation_stop_where_they_would_multiply():
    pattern = "(?:" + "|".join(f"w{i:03d}" for i in range(30)) + ")(?:" + "|".join(f"x{i:03d}" for i in range(30)) + ")"
    assert fastre.start_words(pattern) == frozenset(f"w{i:03d}" for i in range(30))


SCAN_PATTERNS = [re.compile(p, f) for p, f in PATTERNS] + [
    re.compile(r"\b(?:has\s+|had\s+)?(?:seized|taken|took)\b", re.IGNORECASE),
    re.compile(r"(?<!not\s)\b(?:fell|falls)\s+(?:to|under)\b", re.IGNORECASE),
    re.compile(r"\b(?:in|under)\s+(?:the\s+)?(?:hands|control)\b", re.IGNORECASE),
    re.compile(r"(?:'s|’s)\s+fall\b", re.IGNORECASE),
]
# The words a scanner's caller promises every match contains (here: the whole text is a cue, so every
# pattern is run: what is compared is where each one is tried, not which ones are).
SCAN_ALPHABET = st.sampled_from(list("aeiklnorstuvwdfhKSTIİıſK-., \n'’") + [
    "seized ", "fell to ", "Mosul ", "under ", "control of ", "held ", "ISIS ", "the ", "has ", "had ", "took ",
    "taken ", "in ", "is ", "to ", "hands ", "'s ", "’s fall", "not ", "retook ", "falls under "])


@settings(max_examples=300, deadline=None)
@given(st.lists(SCAN_ALPHABET, max_size=40).map("".join))
def test_a_scanner_finds_what_finditer_finds(text):
    got = [(i, [m.span() for m in found]) for i, found in _SCANNER.scan(text + " ")]
    want = [(i, [m.span() for m in p.finditer(text + " ")]) for i, p in enumerate(SCAN_PATTERNS)]
    assert got == want


_SCANNER = fastre.Scanner(SCAN_PATTERNS, [[" "]] * len(SCAN_PATTERNS))


def test_the_scanner_test_tries_patterns_both_ways():
    assert len(SCAN_PATTERNS) - 2 >= len(_SCANNER.anchored) >= 4


def test_a_scanner_runs_only_the_patterns_whose_cues_occur():
    patterns = [re.compile(r"\bseized\b"), re.compile(r"\bfell\s+to\b")]
    scanner = fastre.Scanner(patterns, [["seiz"], ["fell"]])
    assert [i for i, _ in scanner.scan("They seized Hit.")] == [0]
    assert scanner.candidates("it fell to them; they seized it") == [0, 1]
    assert scanner.scan("Nothing here.") == []


def test_the_claim_rules_match_through_the_scanner_as_through_finditer():
    # every example and counter-example of the lexicon, each rule tried only where it can start
    from mapper.claims import lexicon

    triggers = claims.default_parties().triggers
    texts = [e[0] for rule in lexicon.rules() for e in (*rule.examples, *rule.counter_examples)]
    assert len(texts) > 100
    for text in texts:
        want = [(t.id, [m.span() for m in t.pattern.finditer(text)]) for t in triggers.possible(text)]
        assert [(t.id, [m.span() for m in found]) for t, found in triggers.matches(text)] == want, text


WORDS = st.lists(st.text(alphabet="abjnu ", min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.text(alphabet="abjnu .\n", max_size=30))
def test_a_word_trie_matches_as_the_alternation_longest_first(words, text):
    # (the words as written, a space a space: what an alternation of the escaped words sorted longest first does)
    plain = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    for suffix in (r"(?!\w)", "", r"\s*j"):
        want = [m.span() for m in re.finditer(f"(?:{plain}){suffix}", text, re.IGNORECASE)]
        got = [m.span() for m in re.finditer(f"(?:{fastre.word_trie(words, any_space=False)}){suffix}", text,
                                             re.IGNORECASE)]
        assert got == want


def test_a_word_trie_lets_a_space_be_any_whitespace():
    pattern = re.compile(fastre.word_trie(["islamic state", "is", "isis"]) + r"\b")
    assert [m.group() for m in pattern.finditer("isis, islamic\n state, is")] == ["isis", "islamic\n state", "is"]
    assert fastre.word_trie(["jun", "june"]) == "jun(?:e)?"


# -- the analyses kept across runs ------------------------------------------------------------------------
def _fresh_analyses(monkeypatch, home):
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(home))
    monkeypatch.delenv("TERRITORY_MAPPER_NO_CACHE", raising=False)
    monkeypatch.setattr(fastre, "_ANALYSES", None)
    monkeypatch.setattr(fastre, "_ANALYSES_CHANGED", [])


def test_a_pattern_compiled_from_the_saved_analysis_is_the_same(monkeypatch, tmp_path):
    pattern = r"\b(?:seized|stormed|took|swept\s+into|overran|captured|entered)\b"
    _fresh_analyses(monkeypatch, tmp_path)
    first = fastre.compile(pattern, re.IGNORECASE, start_words=True)
    words = fastre._START_WORDS[first.pattern, first.flags]
    assert words == fastre.start_words(pattern, re.IGNORECASE)
    fastre._save_analyses(fastre._analyses_path())
    (saved,) = (tmp_path / "cache").glob("fastre-*.pickle")
    _fresh_analyses(monkeypatch, tmp_path)
    again = fastre.compile(pattern, re.IGNORECASE, start_words=True)
    assert again.pattern == first.pattern and fastre._START_WORDS[again.pattern, again.flags] == words
    assert not fastre._ANALYSES_CHANGED  # read from the file, not worked out again
    saved.write_bytes(b"not a pickle")  # a damaged file is worked around, never an error
    _fresh_analyses(monkeypatch, tmp_path)
    assert fastre.compile(pattern, re.IGNORECASE, start_words=True).pattern == first.pattern


def test_no_cache_keeps_the_analyses_in_memory(monkeypatch, tmp_path):
    _fresh_analyses(monkeypatch, tmp_path)
    monkeypatch.setenv("TERRITORY_MAPPER_NO_CACHE", "1")
    assert fastre._analyses_path() is None
    fastre.compile(r"\b(?:fell|fallen)\s+to\b")
    assert not (tmp_path / "cache").exists()


@given(st.text(alphabet="aBxΣσςİıẞßǄǅ\u0307\u00a0\u2003 .\n", max_size=400))
def test_lower_in_pieces_equals_str_lower(text):
    from mapper import fastre as f

    assert f.lower(text * 300) == (text * 300).lower()
    assert "".join(f.whitespace_pieces(text, 7)) == text


def test_whitespace_pieces_never_cut_a_word():
    from mapper import fastre as f

    text = "Tal Afar " * 20000 + "x" * 100000
    pieces = list(f.whitespace_pieces(text, 1000))
    assert "".join(pieces) == text
    assert all(piece[:1].isspace() or i == 0 for i, piece in enumerate(pieces))
