"""Place mentions: spellings, context filters, foreign places, offsets."""

import pytest

from mapper.places import find_mentions

VARIANTS = {
    "Rawah": "Rawa", "Rawaa": "Rawa", "Aanah": "Anah", "Telafer": "Tal Afar", "Tall Afar": "Tal Afar",
    "Bayji": "Baiji", "Beiji": "Baiji", "Falluja": "Fallujah", "Takrit": "Tikrit", "Rotba": "Rutba",
    "Baqouba": "Baqubah", "Jalula": "Jalawla", "Irbil": "Erbil", "Arbil": "Erbil", "Makhmour": "Makhmur",
    "Kerbala": "Karbala", "Tuz Khormato": "Tuz Khurmatu", "Amerli": "Amirli",
}


@pytest.mark.parametrize("spelling, name", VARIANTS.items())
def test_spellings_resolve_to_one_entry(spelling, name, gaz):
    text = f"Residents said fighting reached {spelling} on Tuesday."
    (m,) = find_mentions(text, gaz)
    assert (m.name, m.in_scope, text[m.start:m.end]) == (name, True, spelling)


def test_two_spellings_same_entry(gaz):
    ms = find_mentions("Militants took Rawa. Later Rawah was shelled again.", gaz)
    assert len(ms) == 2 and ms[0].id == ms[1].id


@pytest.mark.parametrize("text", [
    "Officers of the Nineveh Operations Command met on Monday.",
    "Iraqi troops moved north toward the Syrian border.",
    "Security forces hit back at the gunmen.",
    "Una mujer dijo: Ana no quiere volver.",
])
def test_not_places(text, gaz):
    assert not [m for m in find_mentions(text, gaz) if m.in_scope and m.kind != "country"]


def test_foreign_places_are_out_of_scope(gaz):
    ms = {m.surface: m for m in find_mentions("Envoys flew from Amman to Raqqa and then to London.", gaz)}
    assert ms and all(not m.in_scope for m in ms.values())


def test_far_away_name_read_as_an_iraqi_spelling_in_an_iraq_story(gaz):
    iraq = find_mentions("Militants advanced from Tikrit toward Samara and Baghdad on Tuesday.", gaz)
    assert [m.name for m in iraq] == ["Tikrit", "Samarra", "Baghdad"]
    russia = find_mentions("The plant in Samara on the Volga reopened on Tuesday.", gaz)
    assert all(not m.in_scope for m in russia)


def test_offsets_index_the_text(gaz):
    text = "BAIJI, Iraq - Gunmen stormed the Baiji refinery while Tikrit burned."
    for m in find_mentions(text, gaz):
        assert text[m.start:m.end] == m.surface
    kinds = {m.surface: m.kind for m in find_mentions(text, gaz)}
    assert kinds.get("Baiji refinery") == "refinery" or "refinery" in kinds.values()


@pytest.mark.parametrize("text, name", [
    ("Baiji's refinery remained in government hands.", "Baiji refinery"),
    ("Shells hit the refinery at Baiji overnight.", "Baiji refinery"),
    ("Haditha's dam supplies much of the grid.", "Haditha Dam"),
    ("Fighting in Baiji went on.", "Baiji"),
])
def test_facility_named_after_its_town(text, name, gaz):
    (m,) = find_mentions(text, gaz)
    assert m.name == name and text[m.start:m.end] in ("Baiji", "Haditha")
