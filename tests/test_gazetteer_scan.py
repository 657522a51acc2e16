"""The text scanner and the name keys give what their plain definitions give.

The scanner folds text with lookup tables, runs two automata over a word image of the text and
skips the phonetic keys it does not need; each test here compares one of those shortcuts with
the straightforward computation it stands for, on awkward text.
"""

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gazetteer
from gazetteer import Gazetteer, Place
from gazetteer.index import _DASHES, _scan_forms, text_fold
from gazetteer.names import _APOSTROPHES, _ARABIC_LETTER, _NON_WORD, GENERIC_WORDS, _fold_arabic, fold, strip_generic

# Names with the characters the scanner must get right: apostrophes, dots, hyphens, several
# words, another script, a letter that does not decompose, names inside other names.
NAMES = ["Tall ‘Afar", "Al-Qa'im", "St. Elias", "Ras al-Ain", "Sadr City", "Sadr", "Hit", "Ana", "Anah",
         "بغداد", "الموصل", "Øresund", "Mosul Dam", "Mosul", "Abu Ghraib", "Tel Kaif", "Dhi Qar", "Qar",
         "Ain al-Asad", "Jurf al-Sakhar", "Nukhayb (town)", "O'Brien Post"]
PIECES = NAMES + [" ", "  ", "-", "–", ".", ",", "'", "’", "‘", "(", ")", "\n", "_", "x", "é", "É", "İ", "ı",
                  "al", "the", "of", "AN", "anah", "ANA", "hit", "sadr", "city", "3", "“", "ـ"]


def _settings(n=300):
    return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))


texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=200)


def _probe_gazetteer() -> Gazetteer:
    places = [Place(id=f"t:{i}", name=name, kind="town", lat=33.0, lon=44.0, country="IQ")
              for i, name in enumerate(NAMES)]
    # Another entry sharing a form, and one with alternate names.
    places.append(Place(id="t:twin", name="Hit", kind="village", lat=34.0, lon=42.0, country="IQ"))
    places.append(Place(id="t:alt", name="Baiji", kind="city", lat=34.9, lon=43.5, country="IQ",
                        names=("Bayji", "Beiji", "Ba'iji")))
    return Gazetteer(places)


PROBE = _probe_gazetteer()


def _plain_scan(gaz: Gazetteer, text: str) -> set[tuple]:
    """Every occurrence of every scan form in the folded text that is a whole word: by brute force."""
    forms: dict[str, set[str]] = {}
    for place in gaz:
        for name in (place.name, *place.names):
            for form in _scan_forms(name):
                forms.setdefault(form, set()).add(place.id)
    folded = "".join(" " if ch.isspace() or ch in _DASHES else gazetteer.names.fold_char(ch) for ch in text)
    hits = set()
    for form, ids in forms.items():
        start = folded.find(form)
        while start != -1:
            end = start + len(form)
            if not (start > 0 and folded[start - 1].isalnum()) and not (end < len(folded) and folded[end].isalnum()):
                hits.add((start, end, form, tuple(sorted(ids))))
            start = folded.find(form, start + 1)
    return hits


@_settings()
@given(st.text(max_size=300) | texts)
def test_text_fold_is_the_fold_of_each_character(text):
    expected = "".join(" " if ch.isspace() or ch in _DASHES else gazetteer.names.fold_char(ch) for ch in text)
    assert text_fold(text) == expected


def test_text_fold_of_long_mostly_ascii_text():
    text = ("Militants took the town “overnight”, café owners said. " * 40) + "بغداد" + "x" * 500
    expected = "".join(" " if ch.isspace() or ch in _DASHES else gazetteer.names.fold_char(ch) for ch in text)
    assert text_fold(text) == expected


@_settings()
@given(texts)
def test_scan_finds_exactly_the_whole_word_forms(text):
    hits = PROBE.scan(text)
    assert {(h.start, h.end, h.form, h.place_ids) for h in hits} == _plain_scan(PROBE, text)
    # In the order of one automaton: by end, the longer first.
    assert [(h.end, h.start) for h in hits] == sorted((h.end, h.start) for h in hits)


@_settings()
@given(texts, st.lists(st.tuples(st.integers(0, 220), st.integers(0, 220)), max_size=4))
def test_occurrences_in_spans_are_the_scan_hits_inside_them(text, bounds):
    spans = [(min(a, b), max(a, b)) for a, b in bounds]
    expected = [(h.start, h.end, h.form, h.place_ids) for h in PROBE.scan(text)
                if any(s <= h.start and h.end <= e for s, e in spans)]
    # Any spans (overlapping, out of order, past the end) give the hits inside them...
    assert sorted(PROBE.occurrences(text, spans)) == sorted(expected)
    # ... and spans in order that do not overlap (read one by one) give them in the scan's order.
    ordered = sorted(set(spans))
    if all(a[1] <= b[0] for a, b in zip(ordered, ordered[1:])):
        assert PROBE.occurrences(text, ordered) == expected


def test_occurrences_of_the_real_gazetteer_match_its_scan(gaz):
    text = ("BAIJI, Iraq - Gunmen took Tal Afar and Tall ‘Afar, then al-Qaim; the Mosul Dam and Sadr City "
            "held. Witnesses in بغداد said Hit and Ana were quiet.")
    assert gaz.occurrences(text) == [(h.start, h.end, h.form, h.place_ids) for h in gaz.scan(text)]
    assert {h.form for h in gaz.scan(text)} >= {"baiji", "tal afar", "tall 'afar", "mosul dam", "sadr city"}


# -- name keys -----------------------------------------------------------------------------

def _plain_fold(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join("" if ch in _APOSTROPHES else ch for ch in text).lower()
    text = " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())
    return _fold_arabic(text) if _ARABIC_LETTER.search(text) else text


def _plain_strip_generic(name: str):
    text = name.strip()
    low = text.lower()
    for word, kind in sorted(GENERIC_WORDS.items(), key=lambda kv: -len(kv[0])):
        if low.endswith(" " + word) and len(low) > len(word) + 2:
            return text[: -len(word) - 1].strip(" ,-"), kind
        for lead in (f"{word} of ", f"the {word} of "):
            if low.startswith(lead) and len(low) > len(lead) + 1:
                return text[len(lead):].strip(), kind
    return text, None


names = st.lists(st.sampled_from([*GENERIC_WORDS, *NAMES, "the", "of", " ", "-", ",", "'", "`", "Kirkuk"]),
                 max_size=6).map(" ".join) | st.text(max_size=40)


@_settings(500)
@given(names)
def test_fold_and_strip_generic_shortcuts(name):
    assert fold.__wrapped__(name) == _plain_fold(name)
    assert strip_generic(name) == _plain_strip_generic(name)


# -- ranking -------------------------------------------------------------------------------

def test_rank_of_scan_hits_scores_as_the_full_collection_would(gaz):
    """Ranking skips the phonetic scores of places it was not asked about, and nothing else."""
    from gazetteer.core import LEVEL_RANK

    text = ("Fighting spread from Rawah and Rawa to Beiji, Tikrit, Telafer, Sinjar, Qaim and al-Qaim, "
            "Hit, Ana, Haditha, Baghdad, Kirkuk province and the Mosul Dam; Amerli and Jalula held.")
    checked = 0
    for start, end, _form, ids in gaz.occurrences(text):
        surface = text[start:end]
        found: dict = {}
        gaz._collect(surface, found)
        for kind in (None, "town", "province"):
            expected = [gaz._score(pid, *found.get(pid, ("normalized", surface, 1.0)), kind) for pid in ids]
            expected.sort(key=lambda m: (-m.score, LEVEL_RANK[m.level], m.place.id))
            assert gaz.rank(surface, ids, kind=kind) == expected
            checked += 1
    assert checked > 30


def test_other_scripts_are_scanned_in_text_that_has_them():
    gaz = _probe_gazetteer()
    text = "Residents of بغداد and الموصل fled; Øresund was calm."
    assert {"بغداد", "الموصل", "øresund"} <= {h.form for h in gaz.scan(text)}
    assert {(h.start, h.end, h.form, h.place_ids) for h in gaz.scan(text)} == _plain_scan(gaz, text)
