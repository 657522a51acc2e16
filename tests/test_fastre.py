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
