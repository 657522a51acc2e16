"""Find place mentions in an article and resolve each to a gazetteer entry.

One pass of the gazetteer's Aho-Corasick automaton finds every known spelling; a second
look at capitalised words the automaton missed tries the gazetteer's phonetic variants
("Rotba", "Aanah").  Each hit is then judged in context:

* written as a name (capitalised, or an all-caps dateline), not the verb in "forces hit back";
* not part of an organisation's name ("Islamic State of Iraq and the Levant",
  "Nineveh Operations Command") nor of a person's ("Abu Bakr al-Baghdadi");
* short or obscure names that are also ordinary words need a cue ("the town of Hit") or a
  list of other places around them;
* cue words pick the kind ("the Qaim border crossing", "the province of Kirkuk").

Foreign places are kept with ``in_scope = False`` so they never reach the Iraq map.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, fields
from functools import lru_cache

from gazetteer import LOOSE_COUNTRIES, Gazetteer, Match

__all__ = ["Mention", "find_mentions"]


@dataclass(frozen=True)
class Mention:
    """A place named in an article: where, as what text, and which entry it resolves to."""

    surface: str
    start: int
    end: int
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    in_scope: bool
    admin1: str | None = None
    score: float = 0.0

    def to_dict(self) -> dict:
        """The interface fields (``surface``, ``start``, ``end``, ``id``, ``name``, ...)."""
        # Built field by field: dataclasses.asdict deep-copies and was a tenth of extraction time.
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["score"] = round(self.score, 3)
        return out


# Words after a name that make it part of an organisation's name, not a place mention.
_ORG_AFTER = re.compile(
    r"^[\s-]*(operations?\s+command|command|council|university|airways|airlines|times|post|tribune|daily|"
    r"news\b|press|television|tv\b|broadcasting|wire\b|agency|media\b|network|radio|herald|"
    r"journal|gazette|monitor\b|review\b|watch\b|bank|club|fc\b|party|front|movement|brigades?|division|corps|"
    r"police\s+(chief|command)|governorate\s+council|provincial\s+council|observatory|institute|ministry)",
    re.IGNORECASE,
)
_ORG_BEFORE = re.compile(
    r"(islamic\s+state\s+(of|in)(\s+the)?|islamic\s+state\s+of\s+iraq\s+and|union\s+of|university\s+of|"
    r"bank\s+of|republic\s+of|kingdom\s+of|emirate\s+of|army\s+of|soldiers\s+of|people\s+of\s+the)\s*$",
    re.IGNORECASE,
)
# Name parts: when "al-X" follows a capitalised word, X is a family name ("Nouri al-Maliki").
_NAME_PARTICLE = re.compile(r"^(al|el|ar|as|ad|an|at|az|ash)[-\s]", re.IGNORECASE)
_PERSON_TITLE = re.compile(
    r"\b(mr|mrs|ms|dr|gen|general|lt|colonel|col|maj|major|sheikh|sheik|president|minister|ayatollah|imam|"
    r"spokesman|commander|governor|king|prince|emir|caliph|abu|umm|ibn|bin)\.?\s+$",
    re.IGNORECASE,
)
# Words that make a following or preceding capitalised word a place ("the town of X").
_CUE_BEFORE = re.compile(
    r"\b(town|towns|city|cities|village|villages|province|provinces|governorate|district|districts|"
    r"area|region|outskirts|suburbs?|neighbourhoods?|neighborhoods?|border\s+(town|crossing)|crossing|"
    r"in|near|from|to|into|at|around|outside|inside|toward|towards|between|north|south|east|west|of)"
    r"(\s+of)?(\s+the)?\s+$",
    re.IGNORECASE,
)
_KIND_AFTER = [
    (re.compile(r"^[\s-]*(border\s+crossing|border\s+post|crossing|checkpoint|border\s+gate)\b", re.I), "crossing"),
    (re.compile(r"^[\s-]*(province|governorate)\b", re.I), "province"),
    # "Baiji's refinery", "Mosul's airport": the facility named after the town.
    (re.compile(r"^(?:['’]s\s+(?:main\s+|huge\s+|vast\s+|strategic\s+|oil\s+)?|[\s-]*)(dam|barrage)\b", re.I), "dam"),
    (re.compile(r"^(?:['’]s\s+(?:main\s+|huge\s+|vast\s+|strategic\s+)?|[\s-]*)((oil\s+)?refinery)\b", re.I),
     "refinery"),
    (re.compile(r"^[\s-]*(oil\s*field|oilfield)\b", re.I), "oilfield"),
    (re.compile(r"^(?:['’]s\s+(?:main\s+|international\s+)?|[\s-]*)((international\s+)?airport)\b", re.I), "airport"),
    (re.compile(r"^[\s-]*(air\s*base|airbase|base)\b", re.I), "airbase"),
    (re.compile(r"^[\s-]*(district)\b", re.I), "district"),
    (re.compile(r"^[\s-]*(river)\b", re.I), "river"),
]
_KIND_BEFORE = [
    (re.compile(r"\b(province|governorate|provinces)\s+of\s+$", re.I), "province"),
    (re.compile(r"\b(town|towns|city|cities|village|villages)\s+of\s+$", re.I), "town"),
    (re.compile(r"\b(crossings?|border\s+posts?)\s+(of|at)\s+$", re.I), "crossing"),
    (re.compile(r"\b(?:oil\s+)?refinery\s+(?:at|in|of)\s+$", re.I), "refinery"),
    (re.compile(r"\bairport\s+(?:at|in|of)\s+$", re.I), "airport"),
    (re.compile(r"\bdam\s+(?:at|of)\s+$", re.I), "dam"),
]
FACILITY_WORDS = {"refinery": "refinery", "dam": "dam", "airport": "airport", "crossing": "crossing"}
_SETTLEMENT = {"city", "town", "village", "district"}
# Place names that are also ordinary English words: they need context even when capitalised.
COMMON_WORD_NAMES = {"hit", "ana", "hero", "bay", "dora", "zab", "sina", "wana", "rashad", "hay", "kut", "bin",
                     "ur", "mar", "amar", "sadr", "shura", "taji", "kish", "jihad", "gog", "nasr", "salam", "ali",
                     "riyadh", "medina", "mecca", "sharia", "islam", "sunni", "shia", "kurdistan regional"}
# Capitalised words that are never places, for the variant (loose) pass.
_NOT_PLACES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "iraqi", "iraqis",
    "syrian", "kurdish", "kurds", "sunni", "sunnis", "shiite", "shiites", "shia", "islamic", "state", "army", "the",
    "militants", "government", "president", "minister", "prime", "officials", "official", "police", "forces",
    "united", "nations", "news", "reuters", "associated", "press", "agence", "france", "presse", "isis", "isil",
    "daesh", "peshmerga", "obama", "kerry", "maliki", "reporting", "editing", "photo", "comments", "share",
    "there", "these", "their", "this", "that", "they", "when", "while", "after", "before", "since", "some", "many",
    "most", "more", "also", "but", "and", "then", "thousands", "hundreds", "residents", "witnesses", "sources",
}
_WORD_SEQ = re.compile(r"\b(?:(?:[Aa]l|[Ee]l|[Aa][rsdntz])[-\s])?[A-Z][\w'’]+(?:[-\s](?:[Aa]l-)?[A-Z][\w'’]+){0,2}")
_SENTENCE_START = re.compile(r"(^|[.!?:\"“”]\s*|\n\s*)$")


def _is_capitalised(surface: str) -> bool:
    first = next((ch for ch in surface if ch.isalpha()), "")
    if not first:
        return False
    if not first.isascii() and not first.isupper() and not first.islower():
        return True  # scripts without case (Arabic)
    if first.isupper():
        return True
    # "al-Qaim", "as-Sadr": lower-case article, capitalised name.
    m = _NAME_PARTICLE.match(surface)
    return bool(m) and surface[m.end():m.end() + 1].isupper()


def _kind_hint(text: str, start: int, end: int) -> str | None:
    after = text[end:end + 30]
    for pattern, kind in _KIND_AFTER:
        if pattern.match(after):
            return kind
    before = text[max(0, start - 30):start]
    for pattern, kind in _KIND_BEFORE:
        if pattern.search(before):
            return kind
    return None


def _in_list(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when another place mention sits next to this one in a list ("A, B and C")."""
    for s, e in spans:
        if e <= start and re.fullmatch(r"[\s*_]*(,|and|or|,\s*and|&|-|–|/)[\s*_]*", text[e:start]):
            return True
        if s >= end and re.fullmatch(r"[\s*_]*(,|and|or|,\s*and|&|-|–|/)[\s*_]*", text[end:s]):
            return True
    return False


def _part_of_name(text: str, start: int, end: int, surface: str) -> bool:
    """True for a place name inside an organisation's or a person's name."""
    if _ORG_AFTER.match(text[end:end + 40]) and text[end:end + 1] in (" ", "-"):
        following = text[end:end + 40].lstrip(" -")
        if following[:1].isupper():
            return True
    before = text[max(0, start - 45):start]
    if _ORG_BEFORE.search(before):
        return True
    if _PERSON_TITLE.search(before):
        return True
    # "Nouri al-Maliki", "Abu Bakr al-Baghdadi": an al- name right after a capitalised word.
    if _NAME_PARTICLE.match(surface):
        prev = re.search(r"([A-Za-z][\w'’]*)\s+$", before)
        if prev and prev.group(1)[0].isupper() and not _CUE_BEFORE.search(before):
            return True
    return False


def _needs_context(surface: str, match: Match, at_sentence_start: bool) -> bool:
    folded = surface.lower()
    place = match.place
    if folded in COMMON_WORD_NAMES or place.name.lower() in COMMON_WORD_NAMES and len(surface) <= 5:
        return True
    if place.in_scope and place.importance < 0.3 and place.kind in _SETTLEMENT:
        return True
    return at_sentence_start and len(surface) <= 4


def _has_context(text: str, start: int, end: int, spans, hint: str | None) -> bool:
    if hint:
        return True
    before = text[max(0, start - 40):start]
    if re.search(r"\b(town|city|village|district|province|governorate|area)\s+of\s+$", before, re.I):
        return True
    if re.search(r"\b(in|near|outside|around|from|into|toward|towards|at)\s+(the\s+)?$", before, re.I) \
            and not re.match(r"\s+(back|out|up|hard)\b", text[end:end + 10]):
        return True
    return _in_list(text, start, end, spans)


def _pick(gaz: Gazetteer, surface: str, ids, hint: str | None) -> Match | None:
    ranked = gaz.rank(surface, ids, kind=hint)
    if hint == "town":
        settlements = [m for m in ranked if m.place.kind in _SETTLEMENT]
        ranked = settlements or ranked
    if hint in FACILITY_WORDS and ranked and ranked[0].place.kind != hint:
        # "the refinery at Baiji": the facility is an entry of its own, named after the town.
        facility = gaz.resolve(f"{surface} {FACILITY_WORDS[hint]}", limit=1, kind=hint, fuzzy=False)
        if facility and facility[0].place.kind == hint and facility[0].place.in_scope:
            return facility[0]
    return ranked[0] if ranked else None


def _loose_candidates(text, spans, taken, gaz):
    """Capitalised words the automaton missed that a phonetic variant resolves (e.g. "Rotba")."""
    taken = sorted(taken)
    starts = [a for a, _ in taken]
    for s, e in spans:
        for m in _WORD_SEQ.finditer(text, s, e):
            start, end = m.start(), m.end()
            i = bisect.bisect_left(starts, end)  # taken spans starting before this word ends
            if i > 0 and any(b > start for _, b in taken[max(0, i - 2):i]):
                continue
            surface = m.group(0)
            words = surface.lower().replace("-", " ").split()
            if any(w in _NOT_PLACES for w in words) or len(surface) < 4:
                continue
            best = _loose_lookup(gaz, surface)
            if best is not None:
                yield start, end, best


@lru_cache(maxsize=65536)  # capitalised words repeat across a corpus; most are not places
def _loose_lookup(gaz: Gazetteer, surface: str) -> Match | None:
    best = next((x for x in gaz.resolve(surface, limit=3, fuzzy=False)
                 if x.level == "variant" and x.place.in_scope), None)
    return best if best is not None and best.score >= 0.74 else None


@lru_cache(maxsize=4096)  # the same foreign names (Washington, London) recur in story after story
def _local_reading(gaz: Gazetteer, surface: str) -> Match | None:
    return next((x for x in gaz.resolve(surface, limit=5, fuzzy=False) if x.place.in_scope
                 and x.level in ("alternate", "normalized", "variant") and x.score >= 0.8), None)


def _longest_non_overlapping(hits: list) -> list:
    """The hits left when longer names win over the shorter ones they overlap, in text order."""
    starts: list[int] = []
    kept: list = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect.bisect_left(starts, h.start)
        if i > 0 and kept[i - 1].end > h.start:
            continue
        if i < len(kept) and kept[i].start < h.end:
            continue
        starts.insert(i, h.start)
        kept.insert(i, h)
    return kept


def find_mentions(text: str, gaz: Gazetteer, spans: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every place mention in ``text`` (restricted to ``spans`` when given), in text order.

    Parameters
    ----------
    text : str
        Article text; offsets in the result index it.
    gaz : Gazetteer
    spans : list of (int, int), optional
        The parts of the text to read (the story without page chrome).

    Returns
    -------
    list of Mention
    """
    spans = spans or [(0, len(text))]
    hits = [h for h in gaz.scan(text) if any(s <= h.start and h.end <= e for s, e in spans)]
    # Longest match wins where names overlap ("Sadr City" over "Sadr", "Mosul Dam" over "Mosul").
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    chosen = _longest_non_overlapping(hits)

    candidates: list[tuple[int, int, Match]] = []
    for h in chosen:
        surface = text[h.start:h.end]
        if not _is_capitalised(surface):
            continue
        hint = _kind_hint(text, h.start, h.end)
        match = _pick(gaz, surface, h.place_ids, hint)
        if match:
            candidates.append((h.start, h.end, match))
    taken = [(s, e) for s, e, _ in candidates]
    candidates += list(_loose_candidates(text, spans, taken, gaz))
    candidates.sort(key=lambda c: c[0])

    all_spans = [(s, e) for s, e, _ in candidates]
    mentions = []
    for i, (start, end, match) in enumerate(candidates):
        surface = text[start:end]
        if _part_of_name(text, start, end, surface):
            continue
        # Two- and three-letter alternates of foreign places ("Sam", "Has") are noise in English text.
        if not match.place.in_scope and len(surface) <= 3 and surface.lower() != match.place.name.lower():
            continue
        at_start = bool(_SENTENCE_START.search(text[max(0, start - 3):start])) or start == 0
        hint = _kind_hint(text, start, end)
        # Only the neighbours can make a list with this mention ("A, B and C").
        others = all_spans[max(0, i - 1):i] + all_spans[i + 1:i + 2]
        if _needs_context(surface, match, at_start) and not _has_context(text, start, end, others, hint):
            continue
        if match.level == "variant" and not _has_context(text, start, end, others, hint) and match.score < 0.8:
            continue
        p = match.place
        mentions.append(Mention(surface, start, end, p.id, p.name, p.kind, p.lat, p.lon, p.country, p.in_scope,
                                p.admin1, match.score))
    return _prefer_local_variants(mentions, gaz)


LOCAL_SHARE = 0.6  # an article this much about Iraq reads a far-away name as a misspelt Iraqi one


def _prefer_local_variants(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Re-read far-away places as Iraqi variants in a story about Iraq ("Samara" for Samarra).

    Only places outside Iraq's neighbourhood are re-read, and only when an in-scope entry matches
    the same words closely (an alternate name, normalised or phonetic variant scoring at least 0.8).
    """
    if not mentions or sum(m.in_scope for m in mentions) < LOCAL_SHARE * len(mentions):
        return mentions
    out = []
    for m in mentions:
        if not m.in_scope and m.country not in LOOSE_COUNTRIES:
            local = _local_reading(gaz, m.surface)
            if local is not None:
                p = local.place
                m = Mention(m.surface, m.start, m.end, p.id, p.name, p.kind, p.lat, p.lon, p.country, p.in_scope,
                            p.admin1, local.score)
        out.append(m)
    return out
