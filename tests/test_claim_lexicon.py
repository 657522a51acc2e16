"""The claim lexicon: every rule's examples and counter-examples hold through the whole engine, party
words come only from the party config, and generated inflections are right."""

import datetime as dt
import re

import pytest

from mapper.articles import article_from_text
from mapper.claims import find_claims, load_parties
from mapper.claims.lexicon import LexiconError, inflections, rules, word_class_pattern, word_classes
from mapper.places import find_mentions

PUB = dt.date(2014, 6, 23)


def claims_of(text, gaz, cfg=None):
    article = article_from_text(text, "t.txt")
    return find_claims(article, find_mentions(article.text, gaz, article.body_spans()), PUB, cfg)


EXAMPLES = [(rule.id, example[0], fact) for rule in rules() for example in rule.examples for fact in example[1:]]
COUNTER = [(rule.id, sentence, fact) for rule in rules() for sentence, fact in rule.counter_examples]


def test_every_rule_has_an_example_and_a_unique_id():
    ids = [rule.id for rule in rules()]
    assert len(ids) == len(set(ids))
    assert all(rule.examples for rule in rules())


@pytest.mark.parametrize("rule_id, sentence, fact", EXAMPLES)
def test_rule_examples_give_their_claims(gaz, rule_id, sentence, fact):
    place, party, action = fact.split(":")
    got = {(c.place, c.party, c.action) for c in claims_of(sentence, gaz)}
    assert (place, party, action) in got, got


@pytest.mark.parametrize("rule_id, sentence, fact", COUNTER)
def test_rule_counter_examples_give_no_such_claim(gaz, rule_id, sentence, fact):
    place, action = fact.split(":")
    got = {(c.place, c.action) for c in claims_of(sentence, gaz)}
    assert (place, action) not in got, got


CLASS_EXAMPLES = [(name, s, fact) for name, wc in word_classes().items() for s, fact in wc.examples]
CLASS_COUNTER = [(name, s, fact) for name, wc in word_classes().items() for s, fact in wc.counter_examples]


def test_every_word_class_has_a_description_and_an_example():
    for name, wc in word_classes().items():
        assert wc.description and (wc.examples or wc.counter_examples), name


@pytest.mark.parametrize("name, sentence, fact", CLASS_EXAMPLES)
def test_word_class_examples_give_their_claims(gaz, name, sentence, fact):
    place, party, action = fact.split(":")
    assert (place, party, action) in {(c.place, c.party, c.action) for c in claims_of(sentence, gaz)}


@pytest.mark.parametrize("name, sentence, fact", CLASS_COUNTER)
def test_word_class_counter_examples_give_no_such_claim(gaz, name, sentence, fact):
    *place_party, action = fact.split(":")
    got = {(c.place, c.party, c.action) for c in claims_of(sentence, gaz)}
    if len(place_party) == 2:
        assert (*place_party, action) not in got, got
    else:
        assert (place_party[0], action) not in {(p, a) for p, _, a in got}, got


def test_a_word_class_regex_prefers_the_longer_word():
    pattern = re.compile(word_class_pattern("opponent_cues"), re.IGNORECASE)
    assert pattern.match("clashed with the army").group(0) == "clashed with"
    assert pattern.fullmatch("fended  off")  # a lemma's inflection; a space is any whitespace
    assert pattern.fullmatch("ground back from")  # one of the class's patterns
    with pytest.raises(LexiconError):
        word_class_pattern("no such class")


@pytest.mark.parametrize("lemma, re_prefix, forms", [
    ("liberate", False, {"liberate", "liberates", "liberated", "liberating"}),
    ("control", True, {"controlled", "recontrolled", "re-controlled", "re-controlling"}),
    ("take", False, {"took", "taken", "taking"}),
    ("drive out", False, {"drove out", "driven out", "driving out"}),
    ("free", False, {"freed", "freeing"}),
    ("purge", False, {"purged", "purging"}),
])
def test_inflections(lemma, re_prefix, forms):
    assert forms <= set(inflections(lemma, re_prefix))


PARTY_TOML = """
[defaults]
capture_party = "isis"
[parties.isis]
name = "Islamic State"
terms = ["militants", "ISIS"]
owner_words = ["militant"]
[parties.tribes]
name = "Anbar tribes"
terms = ["tribal fighters", "Albu Nimr fighters"]
owner_words = ["tribal", "Albu Nimr"]
opponent = "isis"
[parties.contested]
name = "Contested"
state = true
"""


@pytest.mark.parametrize("sentence, fact", [
    ("Haditha is under tribal control.", ("Haditha", "tribes", "held")),
    ("Families returned to the tribal-held town of Haditha.", ("Haditha", "tribes", "held")),
    ("Haditha remains in tribal hands.", ("Haditha", "tribes", "held")),
    ("Tribal fighters retook Hit on Sunday.", ("Hit", "tribes", "recaptured")),
    ("Albu Nimr fighters repelled an attack on Haditha.", ("Haditha", "tribes", "held")),
])
def test_a_party_added_to_the_config_works_with_every_rule(gaz, tmp_path, sentence, fact):
    path = tmp_path / "parties.toml"
    path.write_text(PARTY_TOML)
    cfg = load_parties(path)
    got = {(c.place, c.party, c.action) for c in claims_of(sentence, gaz, cfg)}
    assert fact in got, got


def _vetoes():
    import tomllib
    from importlib import resources

    raw = resources.files("mapper.claims").joinpath("lexicon", "vetoes.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["veto"]


VETO_EXAMPLES = [(v["id"], sentence, fact) for v in _vetoes() for sentence, fact in v["examples"]]
# A veto's counter-examples are claims it must leave alone (where its reach ends).
VETO_COUNTER = [(v["id"], sentence, fact) for v in _vetoes() for sentence, fact in v.get("counter_examples", ())]


def test_every_veto_has_examples():
    assert all(v["examples"] for v in _vetoes())


@pytest.mark.parametrize("veto_id, sentence, fact", VETO_EXAMPLES)
def test_veto_examples_are_dropped_by_their_veto(gaz, veto_id, sentence, fact):
    from mapper.claims import date_claims, trace_claims

    place, action = fact.split(":")
    article = article_from_text(sentence, "t.txt")
    readings, trace = trace_claims(article, find_mentions(article.text, gaz, article.body_spans()))
    got = {(c.place, c.action) for c in date_claims(readings, PUB)}
    assert (place, action) not in got, got
    assert veto_id in {e.detail for e in trace if e.status == "dropped"}, trace


@pytest.mark.parametrize("veto_id, sentence, fact", VETO_COUNTER)
def test_veto_counter_examples_keep_their_claims(gaz, veto_id, sentence, fact):
    from mapper.claims import date_claims, trace_claims

    place, action = fact.split(":")
    article = article_from_text(sentence, "t.txt")
    readings, trace = trace_claims(article, find_mentions(article.text, gaz, article.body_spans()))
    assert (place, action) in {(c.place, c.action) for c in date_claims(readings, PUB)}


def test_every_rule_and_veto_has_a_counter_example():
    assert [rule.id for rule in rules() if not rule.counter_examples] == []
    assert [v["id"] for v in _vetoes() if not v.get("counter_examples")] == []
