"""Merge rules of the control timeline."""

import datetime as dt
import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.claims import Claim
from mapper.timeline import CONFLICT_DAYS, ClaimRecord, build_timeline, on_timeline, place_timeline

D = dt.date


def rec(place, party, action, day, article="a1", published=None, confidence=0.8, hedge=None):
    claim = Claim(place, f"id:{place}", party, party, action, day, "day", f"{place} {action} by {party}",
                  confidence, 34.0, 43.0, hedge)
    return ClaimRecord(claim, article, published or day, "town")


def test_later_change_supersedes_and_closes_the_interval():
    got = build_timeline([rec("Tikrit", "isis", "captured", D(2014, 6, 11)),
                          rec("Tikrit", "government", "recaptured", D(2014, 6, 28), "a2")])
    assert [(i.party, i.valid_from, i.valid_to) for i in got] == [
        ("isis", D(2014, 6, 11), D(2014, 6, 27)), ("government", D(2014, 6, 28), None)]


def test_held_confirms_without_a_new_interval():
    got = build_timeline([rec("Mosul", "isis", "captured", D(2014, 6, 10)),
                          rec("Mosul", "isis", "held", D(2014, 6, 20), "a2")])
    assert len(got) == 1 and set(got[0].sources) == {"a1", "a2"}


def test_held_by_another_party_is_a_conflict_not_a_change():
    got = build_timeline([rec("Mosul", "isis", "captured", D(2014, 6, 10)),
                          rec("Mosul", "government", "held", D(2014, 6, 20), "a2")])
    assert len(got) == 1 and got[0].party == "isis" and "a2" in got[0].conflicting


def test_close_conflicting_claims_make_a_place_contested():
    got = build_timeline([rec("Haditha", "isis", "captured", D(2014, 6, 22)),
                          rec("Haditha", "government", "held", D(2014, 6, 23), "a2", confidence=0.9)])
    assert len(got) == 1 and got[0].party == "contested"
    assert set(got[0].sources) == {"a1"} and set(got[0].conflicting) == {"a2"}


def test_weak_conflict_does_not_overturn_strong_support():
    got = build_timeline([rec("Haditha", "isis", "captured", D(2014, 6, 22), "a1"),
                          rec("Haditha", "isis", "captured", D(2014, 6, 22), "a3"),
                          rec("Haditha", "government", "held", D(2014, 6, 23), "a2", confidence=0.4)])
    assert got[0].party == "isis"


def test_hedged_quick_recapture_is_a_conflict_but_a_plain_one_is_news():
    hedged = build_timeline([rec("Tikrit", "isis", "captured", D(2014, 6, 11)),
                             rec("Tikrit", "government", "recaptured", D(2014, 6, 12), "a2", confidence=0.5,
                                 hedge="state TV said")])
    assert len(hedged) == 1 and "a2" in hedged[0].conflicting
    plain = build_timeline([rec("Tikrit", "isis", "captured", D(2014, 6, 11)),
                            rec("Tikrit", "government", "recaptured", D(2014, 6, 12), "a2")])
    assert [i.party for i in plain] == ["isis", "government"]


def test_far_apart_claims_are_a_change():
    far = D(2014, 6, 11) + dt.timedelta(days=CONFLICT_DAYS + 1)
    got = build_timeline([rec("Baiji", "isis", "captured", D(2014, 6, 11)),
                          rec("Baiji", "government", "captured", far, "a2")])
    assert [i.party for i in got] == ["isis", "government"]


def test_threats_never_change_control():
    got = build_timeline([rec("Baghdad", "government", "held", D(2014, 6, 1)),
                          rec("Baghdad", "isis", "threatened", D(2014, 6, 12), "a2")])
    assert [i.party for i in got] == ["government"] and not got[0].conflicting


def test_more_independent_sources_raise_confidence():
    one = build_timeline([rec("Rawa", "isis", "captured", D(2014, 6, 21))])
    two = build_timeline([rec("Rawa", "isis", "captured", D(2014, 6, 21)),
                          rec("Rawa", "isis", "captured", D(2014, 6, 21), "a2")])
    same_article_twice = build_timeline([rec("Rawa", "isis", "captured", D(2014, 6, 21)),
                                         rec("Rawa", "isis", "captured", D(2014, 6, 21))])
    assert two[0].confidence > one[0].confidence == same_article_twice[0].confidence


def test_first_reported_differs_from_change_date():
    got = build_timeline([rec("Rutba", "isis", "captured", D(2014, 6, 21), "late", published=D(2014, 6, 25)),
                          rec("Rutba", "isis", "captured", D(2014, 6, 21), "early", published=D(2014, 6, 22))])
    assert got[0].valid_from == D(2014, 6, 21) and got[0].first_reported == D(2014, 6, 22)


PLACES = ["Rawa", "Anah", "Tikrit"]
claims = st.builds(
    rec,
    st.sampled_from(PLACES),
    st.sampled_from(["isis", "government", "kurdish", "contested"]),
    st.sampled_from(["captured", "recaptured", "withdrew", "held", "contested", "threatened"]),
    st.dates(D(2014, 6, 1), D(2014, 8, 31)),
    st.sampled_from(["a1", "a2", "a3", "a4"]),
    st.none(),
    st.sampled_from([0.3, 0.5, 0.8]),
    st.sampled_from([None, "residents said"]),
)


def _shape(intervals):
    return [i.to_properties() for i in intervals]


@settings(max_examples=200, deadline=None)
@given(st.lists(claims, max_size=25), st.randoms())
def test_merge_is_order_independent(records, rnd):
    shuffled = list(records)
    rnd.shuffle(shuffled)
    assert _shape(build_timeline(records)) == _shape(build_timeline(shuffled))


@settings(max_examples=200, deadline=None)
@given(st.lists(claims, max_size=25))
def test_intervals_never_overlap(records):
    by_place = {}
    for iv in build_timeline(records):
        by_place.setdefault(iv.place_id, []).append(iv)
    for ivs in by_place.values():
        for a, b in zip(ivs, ivs[1:]):
            assert a.valid_to is not None and a.valid_to < b.valid_from or a.valid_to == a.valid_from == b.valid_from
        assert ivs[-1].valid_to is None


@settings(max_examples=100, deadline=None)
@given(st.lists(claims, max_size=25), st.randoms())
def test_places_merged_one_at_a_time_give_the_whole_timeline(records, rnd):
    """What ``mapper run`` does with spilled claims: each place alone, in any order within it."""
    by_place = {}
    for r in records:
        if on_timeline(r.claim):
            by_place.setdefault(r.claim.place_id, []).append(r)
    one_at_a_time = []
    for place_id in sorted(by_place):
        rnd.shuffle(by_place[place_id])
        one_at_a_time += place_timeline(by_place[place_id])
    whole = build_timeline(records)
    assert _shape(one_at_a_time) == _shape(whole)
    assert [iv.claim_count for iv in one_at_a_time] == [len(iv.claims) for iv in whole]


def test_random_shuffle_smoke():
    base = [rec(p, "isis", "captured", D(2014, 6, 10 + i), f"a{i}") for i, p in enumerate(PLACES * 3)]
    random.Random(1).shuffle(base)
    assert len(build_timeline(base)) == 3


def partial(record):
    return ClaimRecord(replace(record.claim, extent="partial"), record.article, record.published, record.kind)


def test_an_interval_of_partial_claims_is_partial_until_a_whole_claim():
    parts = partial(rec("Samarra", "isis", "captured", D(2014, 6, 5)))
    got = build_timeline([parts])
    assert got[0].party == "isis" and got[0].extent == "partial" and got[0].to_properties()["extent"] == "partial"
    got = build_timeline([parts, rec("Samarra", "isis", "held", D(2014, 6, 9), "a2")])
    assert len(got) == 1 and got[0].extent is None


def test_a_partial_claim_of_another_party_changes_control_like_any_other():
    got = build_timeline([rec("Baiji", "isis", "captured", D(2014, 6, 11)),
                          partial(rec("Baiji", "government", "recaptured", D(2014, 11, 14), "a2"))])
    assert [(i.party, i.extent) for i in got] == [("isis", None), ("government", "partial")]


def test_records_differing_only_in_their_hedge_merge_the_same_in_any_order():
    # found by the property test above: the hedge decides whether a recapture is news (rule 3)
    recs = [rec("Anah", "isis", "captured", D(2014, 6, 1), "a1", None, 0.3, None),
            rec("Anah", "government", "recaptured", D(2014, 6, 1), "a2", None, 0.5, None),
            rec("Anah", "government", "recaptured", D(2014, 6, 1), "a2", None, 0.5, "residents said")]
    assert _shape(build_timeline(recs)) == _shape(build_timeline(recs[::-1]))
