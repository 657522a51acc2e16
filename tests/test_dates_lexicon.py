"""The date lexicon: every language table is complete, and every relative phrase's examples hold."""

import datetime as dt

import pytest

from mapper.dates import LEXICON, resolve_when
from mapper.dates.relative import _relative_phrase

RULE_EXAMPLES = [(rule.kind, *example) for rule in LEXICON.relative for example in rule.examples]


@pytest.mark.parametrize("code", sorted(LEXICON.languages))
def test_each_language_names_twelve_months_and_seven_weekdays(code):
    assert sorted(set(LEXICON.months(code).values())) == list(range(1, 13))
    assert sorted(set(LEXICON.weekdays(code).values())) == list(range(7))
    assert LEXICON.labels("published") and LEXICON.labels("updated")


def test_every_relative_rule_has_examples():
    assert all(rule.examples for rule in LEXICON.relative)


@pytest.mark.parametrize("kind, text, published, date, start", RULE_EXAMPLES)
def test_relative_examples_resolve_as_the_lexicon_says(kind, text, published, date, start):
    when = resolve_when(text, dt.date.fromisoformat(published))
    assert when is not None, text
    assert when.date == dt.date.fromisoformat(date)
    if start:
        assert when.start == dt.date.fromisoformat(start)
    else:
        assert when.precision == "day"


@pytest.mark.parametrize("kind, text, published, date, start", RULE_EXAMPLES)
def test_relative_examples_are_found_by_their_own_rule_and_contain_a_cue(kind, text, published, date, start):
    found_kind, match = _relative_phrase(text)
    assert found_kind == kind
    rule = next(r for r in LEXICON.relative if r.pattern.pattern == match.re.pattern)
    assert any(cue in match.group(0).lower() for cue in rule.cues)


@pytest.mark.parametrize("text", ["The plan is to retake the city by the summer of 2030.",
                                  "Officials hope for calm in the winter."])
def test_a_season_still_to_come_is_no_date(text):
    when = resolve_when(text, dt.date(2014, 6, 23))
    assert when is None or when.start is None or when.start <= dt.date(2014, 6, 23)
