"""Territorial-control claims: who did what to which place, when, according to the article.

Each sentence that names a place in the mapped area is read for a control *trigger*
(captured, fell to, withdrew from, retook, battled for, advancing on, rebel-held, ...).  Each
place is tied to the nearest trigger in its clause: before it for active voice ("militants
seized the towns of Rawa and Ana"), after it for passives ("Haditha, Anah and Rawa were
taken").  The actor is the party named nearest the trigger (the subject before an active
verb, the agent after a passive one), found with the vocabulary of ``parties.toml``.  Hedges
("residents said", "state TV claimed", "conflicting reports") lower the confidence and are
kept in the claim.  Dates come from the clause's time words (:func:`mapper.dates.read_time`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from .. import fastre
from ..dates import TimeWords, find_later, month_end, read_time, time_after
from .lexicon import DAY_OR_MONTH, PART_NOUN, CompiledTriggers, compile_triggers, word_class_pattern, word_classes

_wc = word_class_pattern  # a word class of lexicon/wordclasses.toml as a regex alternation

__all__ = ["Claim", "Party", "Reading", "TraceEntry", "load_parties", "find_claims", "read_claims", "trace_claims",
           "date_claims", "split_sentences"]


@dataclass(frozen=True)
class Party:
    """A party of the conflict, from the party config."""

    id: str
    name: str
    color: str
    terms: tuple[str, ...] = ()
    case_sensitive_terms: tuple[str, ...] = ()
    opponent: str | None = None
    state: bool = False
    owner_words: tuple[str, ...] = ()  # words that name the party as an owner only ("under Kurdish control")
    region_words: tuple[str, ...] = ()  # words for its own region: "forces from the Kurdistan region" are its


@dataclass(frozen=True)
class Claim:
    """One control claim (the ``events`` of ``mapper extract --json``)."""

    place: str
    place_id: str
    party: str
    actor: str | None
    action: str
    date: dt.date | None
    date_precision: str
    quote: str
    confidence: float
    lat: float | None = None
    lon: float | None = None
    hedge: str | None = None
    date_phrase: str | None = None
    date_start: dt.date | None = None
    quote_start: int | None = None
    mention_start: int | None = None
    extent: str | None = None  # "partial": the claim is about part of the place ("parts of Ramadi")

    def to_dict(self) -> dict:
        """Interface fields plus ``lat``, ``lon``, ``hedge``, ``date_phrase``, ``date_start``, ``extent``."""
        return {
            "place": self.place,
            "place_id": self.place_id,
            "party": self.party,
            "actor": self.actor,
            "action": self.action,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "quote": self.quote,
            "confidence": round(self.confidence, 3),
            "lat": self.lat,
            "lon": self.lon,
            "hedge": self.hedge,
            "date_phrase": self.date_phrase,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "extent": self.extent,
        }

    @classmethod
    def from_values(cls, values) -> Claim:
        """``Claim(*values)``, the values in field order, made faster.

        The attributes are set at once, not one ``object.__setattr__`` each as the frozen
        dataclass's ``__init__`` does: claims are made again for each candidate date of an
        undated article, and read back by the million from a big batch's spill.  The result
        is equal to ``Claim(*values)``; unlike it, nothing is checked or defaulted.
        """
        claim = _new_object(cls)
        claim.__dict__.update(zip(_CLAIM_FIELDS, values))
        return claim




# -- parties -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PartyConfig:
    parties: dict
    capture_party: str
    terms: ahocorasick.Automaton  # lower-cased term -> (priority, length, party)
    case_terms: ahocorasick.Automaton | None  # exact term -> (priority, length, party)
    term_party: dict
    pattern: re.Pattern  # the same terms as one regular expression (for text whose case folding changes its length)
    owner_party: dict = field(default_factory=dict)  # lower-cased party word ("militant", "Kurdish") -> party
    triggers: CompiledTriggers | None = None  # the lexicon's rules with {OWNER} = this config's party words
    region_party: dict = field(default_factory=dict)  # lower-cased region word ("Kurdistan") -> party
    # A capitalised owner word, one or two lower-case words, a unit noun: "Kurdish regional forces",
    # "Iraqi elite counter-terrorism units" name the owner word's party (see _qualified_forces).
    qualified_force: re.Pattern | None = None

    def party_named(self, word: str) -> str | None:
        """The id of the party a user's word names, or None.

        Any word the config lists for a party works: its id, display name, terms, case-sensitive terms
        and owner words, case aside ("Peshmerga", "peshmerga", "Kurdish Peshmerga" -> ``kurdish``;
        "Daesh" -> ``isis``).  Words of the ``[others]`` list name no party.

        Examples
        --------
        >>> default_parties().party_named("Peshmerga")
        'kurdish'
        >>> default_parties().party_named("xyz") is None
        True
        """
        word = " ".join(word.split())
        if word in self.parties:
            return word
        lowered = word.lower()
        for pid, party in self.parties.items():
            if lowered in (pid.lower(), party.name.lower()):
                return pid
        for pid, party in self.parties.items():
            if word in party.case_sensitive_terms:
                return pid
        for table in (self.term_party, self.owner_party):
            if table.get(lowered) in self.parties:
                return table[lowered]
        return None

    def party_suggestions(self, word: str, limit: int = 4) -> list[str]:
        """Party ids whose id, name or words are spelt like ``word`` ("kurds" -> kurdish), for an error message."""
        import difflib

        words = {pid.lower(): pid for pid in self.parties}
        for pid, party in self.parties.items():
            for w in (party.name, *party.terms, *party.owner_words):
                words.setdefault(w.lower(), pid)
        close = difflib.get_close_matches(word.lower(), list(words), n=20, cutoff=0.6)
        return list(dict.fromkeys(words[w] for w in close))[:limit]

    def resolve_party(self, word: str) -> str:
        """:meth:`party_named`, or a ValueError that names the known parties and the likeliest ones."""
        pid = self.party_named(word)
        if pid is not None:
            return pid
        hints = self.party_suggestions(word)
        hint = f" (did you mean: {', '.join(hints)}?)" if hints else ""
        raise ValueError(f"unknown party {word!r}{hint}; the parties are {', '.join(sorted(self.parties))} "
                         "(or any word mapper/parties.toml lists for one)")


OTHER = "other"  # the "party" of the config's [others] terms: forces of none of the parties


def _compile(parties: dict[str, Party], capture_party: str, others: tuple[str, ...] = (),
             packaged: bool = False) -> PartyConfig:
    term_party, case_terms = {t.lower(): OTHER for t in others}, {}
    owner_party = {t.lower(): OTHER for t in others}
    for p in parties.values():
        for t in p.terms:
            term_party[t.lower()] = p.id
            if "'" in t:
                term_party.setdefault(t.lower().replace("'", "’"), p.id)  # "Baghdad’s forces" as typeset
        for t in p.case_sensitive_terms:
            case_terms[t] = p.id
        for t in (*p.terms, *p.owner_words):
            owner_party.setdefault(t.lower(), p.id)
        # "Kurdish units", "Iraqi men": a party's owner word before a generic force names the party's force
        for word in p.owner_words:
            for force in _UNIT_NOUNS:
                term_party.setdefault(f"{word} {force}".lower(), p.id)
    # At one position the longest term wins (a regular expression alternation would try them in this order).
    terms = sorted(term_party, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE) if terms \
        else re.compile(r"(?!x)x")
    automaton = _term_automaton({t: term_party[t] for t in terms})
    case_automaton = _term_automaton(case_terms) if case_terms else None
    term_party.update({t.lower(): pid for t, pid in case_terms.items()})
    region_party = {w.lower(): p.id for p in parties.values() for w in (*p.owner_words, *p.region_words)}
    triggers = compile_triggers(tuple(owner_party), tuple(case_terms), check_examples=packaged)
    proper = [w for p in parties.values() for w in p.owner_words if w[:1].isupper()]
    # (the words between are adjectives: "Kurdish regional forces", never a verb and a possessive, "ISIS moved its
    # fighters")
    qualified = fastre.compile(rf"\b({fastre.word_trie(proper)})\s+(?:(?!(?:its|their|his|her|the|an?|and|or)\s)"
                               rf"(?![a-z]+ed\s)[a-z][a-z-]+\s+){{1,2}}?"
                               rf"(?:{fastre.word_trie(sorted(_UNIT_NOUNS))})\b") if proper else None
    return PartyConfig(parties, capture_party, automaton, case_automaton, term_party, pattern, owner_party, triggers,
                       region_party, qualified)


def _term_automaton(term_party: dict[str, str]) -> ahocorasick.Automaton:
    """Terms in order of priority -> automaton of (priority, length, party)."""
    automaton = ahocorasick.Automaton()
    for priority, (term, party) in enumerate(term_party.items()):
        automaton.add_word(term, (priority, len(term), party))
    if term_party:
        automaton.make_automaton()
    return automaton


def load_parties(path: str | Path | None = None) -> PartyConfig:
    """Read the party config (the packaged ``parties.toml`` unless ``path`` is given)."""
    if path is None:
        raw = resources.files("mapper").joinpath("parties.toml").read_text(encoding="utf-8")
    else:
        raw = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    parties = {}
    for pid, spec in data.get("parties", {}).items():
        parties[pid] = Party(pid, spec.get("name", pid), spec.get("color", "#888888"), tuple(spec.get("terms", [])),
                             tuple(spec.get("case_sensitive_terms", [])), spec.get("opponent"),
                             bool(spec.get("state", False)), tuple(spec.get("owner_words", [])),
                             tuple(spec.get("region_words", [])))
    capture = data.get("defaults", {}).get("capture_party", next(iter(parties), "unknown"))
    return _compile(parties, capture, tuple(data.get("others", {}).get("terms", [])), packaged=path is None)


@lru_cache(maxsize=1)
def default_parties() -> PartyConfig:
    """The packaged party config (cached)."""
    return load_parties()


def parties_named(text: str, cfg: PartyConfig | None = None) -> list[str]:
    """The parties ``text`` names by their words, in order of first mention ("other" forces and states left out).

    Examples
    --------
    >>> parties_named("Peshmerga fighters drove ISIS out of the town.")
    ['kurdish', 'isis']
    """
    cfg = cfg or default_parties()
    found = (party for _, _, party in _party_terms(text, cfg))
    return [p for p in dict.fromkeys(found) if p in cfg.parties and not cfg.parties[p].state]


def _party_terms(text: str, cfg: PartyConfig) -> list[tuple[int, int, str]]:
    """(start, end, party) of each party term in ``text``, whole words, in text order."""
    lowered = text.lower()
    if len(lowered) == len(text):
        found = _whole_words(text, lowered, cfg.terms)
    else:  # rare letters whose lower case is longer ("İ"): offsets would shift, so match the slow way
        found = [(m.start(), m.end(), cfg.term_party[m.group(1).lower()]) for m in cfg.pattern.finditer(text)]
    if cfg.case_terms is not None:
        found += _whole_words(text, text, cfg.case_terms)
    if cfg.qualified_force is not None:
        found = _qualified_forces(text, cfg, found)
    if " allied " in text or " aligned " in text or " loyal " in text:
        found = _allied_forces(text, cfg, found)
    # ("carried an Islamic State flag", "blew up the police station", "shelled Peshmerga positions": the party
    # word names the flag or the building, not a force that acts)
    found = sorted(t for t in found if not _OWNED_THING_AFTER.match(text, t[1]))
    # "Peshmerga fighters", "Kurdish militiamen": a qualifier followed by a generic noun of another
    # party is one name, and the qualifier says whose.
    merged = []
    for t in found:
        if merged and t[2] != merged[-1][2] and text[t[0]:t[1]].lower() in _GENERIC_FORCES \
                and _names_one_force(text[merged[-1][1]:t[0]], cfg):  # (not "US Special Forces Iraqi troops": two)
            merged[-1] = (merged[-1][0], t[1], merged[-1][2])
            continue
        merged.append(t)
    # One pass over the terms (each reads the term before it as already settled):
    for i, (start, end, _) in enumerate(merged):
        word = text[start:end].lower()
        generic = word in _GENERIC_FORCES
        # "Iraqi fighters", "Shiite fighters": a generic force after a qualifier that is no term of its own is
        # the party that word names as an owner ("Iraqi": the government's), not the party "fighters" alone
        # stands for.
        if generic:
            qualifier = _QUALIFIER_BEFORE.search(text, max(0, start - 30), start)
            if qualifier and not (i and merged[i - 1][1] > qualifier.start()):
                owner = cfg.owner_party.get(qualifier.group(1).lower())
                if owner:
                    merged[i] = (start, end, owner)
        # "security forces from the autonomous Kurdish region": a force from a party's region is that party's.
        if text.startswith(" from ", end):
            region = _FROM_REGION.match(text, end)
            owner = region and cfg.region_party.get(region.group(1).lower())
            if owner:
                merged[i] = (start, end, owner)
        # "Peshmerga commanders said their fighters took Saadiya", "the Hashd's deputy head said his fighters
        # freed Garma": a possessed generic force is the possessor's (a commander's, his side's).
        # "A Peshmerga officer said the fighters took Zumar back": "the fighters" are the force named before
        # (but not "the gunmen" a police officer speaks of).
        if i and generic and merged[i - 1][2] != OTHER:
            before = text[max(0, start - 6):start].lower()
            if before.endswith(("their ", "its ", " his ", " her ")) \
                    or before.endswith("the ") and word not in _IRREGULAR_FORCES:
                merged[i] = (start, end, merged[i - 1][2])
    return merged


def _names_one_force(gap: str, cfg: PartyConfig) -> bool:
    """True when a party term, ``gap`` and a generic force noun are one name: "Peshmerga fighters", and the
    rest of a name the term begins, "Hashd al-Sha'abi fighters" (capitalised words no party owns)."""
    if _QUALIFIER_GAP.fullmatch(gap or "x"):
        return True
    rest = _NAME_REST.fullmatch(gap)
    return rest is not None and not any(cfg.owner_party.get(word.lower()) for word in _NAME_WORD.findall(gap))


# The rest of a force's name between the term it begins with and its noun: " al-Sha'abi ", " Ahl al-Haq ".
_NAME_REST = fastre.compile(r"(?:[\s-]+(?:(?:al|el|ash|as|ad|an|ar|at|az)-)?[A-Z][\w'’]*){1,3}[\s-]{1,2}")
_NAME_WORD = fastre.compile(r"[A-Z][\w'’]*")


def _qualified_forces(text: str, cfg: PartyConfig, found: list) -> list:
    """``found`` with "Kurdish regional forces", "Iraqi elite units" as terms of the owner word's party.

    An owner word and a unit noun with one or two lower-case words between them ("regional", "special",
    "counter-terrorism") that no term covers; a term inside the span ("security forces") gives way to it.
    """
    for m in cfg.qualified_force.finditer(text):
        start, end = m.span()
        if any(s <= start and end <= e for s, e, _ in found):
            continue
        party = cfg.owner_party.get(m.group(1).lower())
        if party is None or party == OTHER:
            continue
        found = [t for t in found if t[1] <= start or t[0] >= end] + [(start, end, party)]
    return found


def _allied_forces(text: str, cfg: PartyConfig, found: list) -> list:
    """``found`` with "a Yazidi group allied to Baghdad", "militias loyal to the government" as terms of the
    party the alliance names (a force named by its ally, whatever else its words say)."""
    for m in _ALLIED_FORCE.finditer(text):
        ally = m.group("ally")
        party = cfg.owner_party.get(ally.lower()) or next(
            (t[2] for t in found if t[0] == m.start("ally")), None)
        if party is None or party == OTHER:
            continue
        start, end = m.start(), m.end()
        found = [t for t in found if t[1] <= start or t[0] >= end] + [(start, end, party)]
    return found


# A force named by the side it is allied to: "a Yazidi group allied to Baghdad", "tribes loyal to the government".
_ALLIED_FORCE = fastre.compile(
    r"\b(?:groups?|militias?|forces|units?|fighters|tribes|tribesmen|brigades?|factions?|militiamen)\s+"
    r"(?:(?:closely|firmly|long)\s+)?(?:allied|aligned|loyal)\s+(?:to|with)\s+(?:the\s+)?"
    r"(?P<ally>[\w-]+)", re.IGNORECASE)
_GENERIC_FORCES = frozenset(word_classes()["generic_forces"].forms)
_IRREGULAR_FORCES = frozenset(word_classes()["irregular_forces"].forms)
_UNIT_NOUNS = frozenset(word_classes()["unit_nouns"].forms)
_FROM_REGION = fastre.compile(r"\s+from\s+(?:the\s+)?(?:(?:autonomous|semi-autonomous|northern)\s+)?"
                              r"([A-Z][\w-]*)(?:['’]s)?\s+(?:(?:autonomous|semi-autonomous)\s+)?"
                              r"(?:region|regional\s+government)\b")
_OWNED_THING_AFTER = fastre.compile(rf"(?:['’]s)?[\s-]+(?:black\s+)?(?:{_wc('emblems')}|{_wc('building_objects')})\b",
                                    re.IGNORECASE)
# A capitalised word right before a generic force ("Shiite fighters", "Yazidi fighters").
_QUALIFIER_BEFORE = fastre.compile(r"\b([A-Z][\w'’-]+)[\s-]$")
_QUALIFIER_GAP = fastre.compile(r"[\s-]{1,2}")
_PARTICIPLE_GAP = fastre.compile(r"[\s-]{1,2}|\s*,\s*")


def _whole_words(text: str, haystack: str, automaton) -> list[tuple[int, int, str]]:
    """The terms of ``automaton`` found in ``haystack`` as whole words of ``text``, as a regex would.

    Scanning left to right, the leftmost term wins, then the one first in priority; the next
    search starts after it (``\b(term|term...)\b`` with ``finditer``).
    """
    hits = []
    for last, (priority, length, party) in automaton.iter(haystack):
        start, end = last - length + 1, last + 1
        if fastre.is_boundary(text, start) and fastre.is_boundary(text, end):
            hits.append((start, priority, end, party))
    hits.sort()
    out, pos = [], 0
    for start, _, end, party in hits:
        if start >= pos:
            out.append((start, end, party))
            pos = end
    return out


# -- sentences -----------------------------------------------------------------------------
# A sentence ends after its stop (kept in the sentence) or at a paragraph break.  Two patterns scanned
# apart and merged: one alternation of both is several times slower (it has no first character to skip to).
_SENTENCE_STOP = fastre.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
# A line break before a capital ends a sentence (a headline, a list item, a table row "|"), unless the line
# stops mid-phrase: a hard-wrapped "captured the town of\nMakhmour" is one sentence.
_MID_PHRASE_WORDS = ("of", "the", "in", "to", "and", "a", "an", "at", "from", "by", "on", "for", "with", "near", "into",
                     "between", "town", "city", "village")
# A list item ends the sentence before it even when indented ("  • ...", "  - ..."), whatever that line ends with.
# (The look-behinds come after the line break, so the engine tries them only at line breaks.)
_PARAGRAPH_BREAK = fastre.compile(r"\n\s*\n|\n[ \t]*(?=[•▪●◦]|[-*][ \t])|\n(?=[A-Z\"“•*\-#|])(?<![,;]\n)"
                              + "".join(f"(?<! {w}\n)" for w in _MID_PHRASE_WORDS))
_ABBREV = fastre.compile(
    r"\b(Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|U\.S|U\.N|No|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)\.$")


def _sentence_ends(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(match start, sentence end, next sentence start) of each end of a sentence, in text order.

    The matches of either pattern, leftmost first, none overlapping (as one alternation would give).
    """
    found = sorted([(m.start(), m.start() + 1, m.end()) for m in _SENTENCE_STOP.finditer(text, start, end)]
                   + [(m.start(), m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text, start, end)])
    out, pos = [], start
    for hit in found:
        if hit[0] >= pos:
            out.append(hit)
            pos = hit[2]
    return out


def split_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans within the given spans of text (none longer than :data:`MAX_SENTENCE_CHARS`)."""
    out = []
    for s, e in spans:
        start = s
        for _, end, following in _sentence_ends(text, s, e):
            if text[end - 1] == "." and _ABBREV.search(text[max(start, end - 6):end]):
                continue
            if text[start:end].strip():
                out += _bounded(text, start, end)
            start = following
        if text[start:e].strip():
            out += _bounded(text, start, e)
    return out


# A "sentence" longer than this is no sentence (a table flattened into one line, a page without stops): it is read
# in pieces cut at a clause's edge, so that the work on a text grows with its length, not with its square.
MAX_SENTENCE_CHARS = 1500
_PIECE_EDGE = fastre.compile(r"[;,:\u2013\u2014|]\s|\s[-\u2013\u2014]\s|\s")


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[(start, end)]``, or that span cut into pieces of at most :data:`MAX_SENTENCE_CHARS`."""
    if end - start <= MAX_SENTENCE_CHARS:
        return [(start, end)]
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        edge = space = None  # the last clause edge (punctuation) before the limit, and the last space
        for m in _PIECE_EDGE.finditer(text, start + MAX_SENTENCE_CHARS // 2, limit):
            if text[m.start()].isspace() and m.end() - m.start() == 1:
                space = m.end()
            else:
                edge = m.end()
        cut = edge or space or limit
        pieces.append((start, cut))
        start = cut
    if text[start:end].strip():
        pieces.append((start, end))
    return pieces


# -- triggers ------------------------------------------------------------------------------
# The trigger rules are the lexicon's (lexicon/triggers.toml, see mapper.claims.lexicon): each has an id,
# an action, a voice ("active": the place follows the trigger; "passive_*": it precedes it; "defence": the
# defender holds it) and cue words that gate it.  They are compiled with each party configuration.


def _possible_triggers(sentence: str, cfg: PartyConfig | None = None) -> list:
    """(pattern, action, voice) of the rules whose cue words the sentence contains, in rule order."""
    return [(t.pattern, t.action, t.voice) for t in (cfg or default_parties()).triggers.possible(sentence)]


@dataclass(frozen=True)
class TraceEntry:
    """What the engine did with one place of one sentence: a rule ``fired``, or a veto ``dropped`` it."""

    status: str  # "fired" or "dropped"
    sentence_start: int
    place: str
    rule: str  # the trigger rule's id ("" when the place was dropped before any rule was tied to it)
    detail: str  # the claim ("isis captured") or the veto's id


_TRACE: ContextVar[list | None] = ContextVar("claim_trace", default=None)


def _traced(status: str, sentence_start: int, mention, rule: str, detail: str) -> None:
    """Record a decision when a trace is being kept (:func:`trace_claims`); a no-op otherwise."""
    trace = _TRACE.get()
    if trace is not None:
        trace.append(TraceEntry(status, sentence_start, getattr(mention, "name", str(mention)), rule, detail))


def trace_claims(article, mentions, cfg: PartyConfig | None = None) -> tuple[tuple[Reading, ...], list[TraceEntry]]:
    """:func:`read_claims` with a record of every rule that fired and every veto that dropped a candidate."""
    trace: list[TraceEntry] = []
    token = _TRACE.set(trace)
    try:
        readings = read_claims(article, mentions, cfg)
    finally:
        _TRACE.reset(token)
    return readings, trace


def rule_id(trig, cfg: PartyConfig | None = None) -> str:
    """The lexicon id of the rule a trigger match came from."""
    return (cfg or default_parties()).triggers.rule_of(trig[4].re)


_HEDGES = fastre.compile(rf"\b(?:{_wc('hedges')})\b", re.IGNORECASE)
# "Officials denied reports that militants had seized Samarra", "Reports that Haditha had fallen were false".
_DENIED_REPORT = fastre.compile(
    r"\b(?:denied|denies|deny|dismissed|rejected|refuted)\s+(?:that\b|(?:\w+\s+){0,3}?(?:reports?|claims?|rumou?rs?|"
    r"allegations?))|"
    # "the ministry has not yet confirmed that Rawa was retaken": a report left unconfirmed
    r"\b(?:not|n['’]t|yet\s+to)\s+(?:yet\s+)?(?:officially\s+|independently\s+)?confirm(?:ed)?\s+that\b"
    r"\b|\b(?:reports?|claims?|rumou?rs?)\s+that\b(?=[^.;]{0,120}?\b(?:were|was|are|is)\s+(?:\w+\s+)?"
    r"(?:false|untrue|baseless|incorrect|wrong|unfounded)\b)", re.IGNORECASE)

# one of which every _DENIED_REPORT match contains
_REPORT_WORDS = ("report", "claim", "rumo", "allegation", "denied", "denies", "deny", "refuted", "rejected",
                 "dismissed", "confirm")


def _denied(sentence: str, before: int) -> bool:
    """True when the sentence denies, before ``before``, the report it goes on to give."""
    lowered = sentence.lower()
    if lowered.isascii() and not any(word in lowered for word in _REPORT_WORDS):
        return False
    m = _DENIED_REPORT.search(sentence)
    return m is not None and m.start() < before


_NEGATION = fastre.compile(rf"\b{_wc('negation')}\b", re.IGNORECASE)
# Right before a held or contested trigger: the state is denied.
_NEGATED_STATE = fastre.compile(rf"(?:\b{_wc('negated_state')}|n['’]t)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A claim about a time this long before publication is history the article recalls ("US forces took Tikrit in
# 2003"), not news of this control; a 2017 story recalling the 2014 fall of Mosul still reports it.
HISTORY = dt.timedelta(days=4 * 365)
BASE_CONFIDENCE = {"captured": 0.8, "recaptured": 0.8, "withdrew": 0.7, "held": 0.7, "contested": 0.65,
                   "threatened": 0.55, "besieged": 0.7}
_CLAUSE_BREAK = fastre.compile(r";|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\beven\s+though\b|\bwhen\b|"
                           r"\bas\s+(?=[a-z]+\s+(?:said|claimed))|"
                           # "..., as was expected in Baghdad": a comment on the clause, no more of its objects
                           r",\s+as\s+(?:was|were|is|are|had\s+been|has\s+been)\s+(?:\w+ly\s+)?[a-z]+ed\b|"
                           rf",\s+{_wc('clause_participles')}\b|"
                           # "..., paraded in Sinjar": a new predicate after a relative clause
                           r",\s+(?:\w+\s+)?[a-z]+ed\s+(?:in|into|on|at|through|over|across|around)\b", re.IGNORECASE)
_CLAIM_KINDS = {"city", "town", "village", "district", "crossing", "dam", "refinery", "oilfield", "airbase",
                "airport", "province"}
# A region that is a mountain ("Sinjar Mountains", "Mount Makhoul") is held and fought over like a town; a
# plain, a desert or a country's region is not.
_MOUNTAIN_NAME = fastre.compile(r"\b(?:Mount|Mountains?|Jabal|Jebel|Ridge)\b")


def _claimable(mention) -> bool:
    """True for a place a claim can be about: a settlement, a site, a province, a mountain."""
    return mention.in_scope and (mention.kind in _CLAIM_KINDS
                                 or mention.kind == "region" and _MOUNTAIN_NAME.search(mention.name) is not None)


# "a soldier captured in Tikrit": a participle after the people it describes, then where.
_PEOPLE_BEFORE = fastre.compile(rf"\b{_wc('person_objects')}\s+$", re.IGNORECASE)
_WHERE_AFTER = fastre.compile(r"\s+(?:in|at|near|inside|outside|during)\b")
# A relative clause's object then its subject: "Mosul, which the militants captured in June" (the militants took it,
# they were not captured).
_RELATIVE_PRONOUN_THEN_SUBJECT = fastre.compile(r",\s*which\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "dozens of captured soldiers": the participle describes people or things, not a place taken.
_ADJECTIVAL = fastre.compile(
    r"\s+(?:(?!by\b)\w+\s+)?(?:soldiers|members|troops|officers|policemen|police|men|fighters|personnel|weapons|arms|"
    r"equipment|vehicles|tanks|humvees|prisoners|militants|guards|recruits|hostages|pilots|workers|students)\b",
    re.IGNORECASE)


_PASSIVE_START = fastre.compile(r"(?:was|were|been|being)\s", re.IGNORECASE)
# "Rabia, freed ...", "Hawija, recently recaptured ...": a place's name, a comma (an adverb)
_REDUCED_RELATIVE_END = fastre.compile(r"[A-Za-z'’],\s*(?:[a-z]+ly\s+)?$")
# "Mahalabiyah, which was freed from the militants": the passive's auxiliary before the trigger.
_PASSIVE_AUXILIARY_END = fastre.compile(r"\b(?:was|were|been|being)\s+(?:(?:fully|completely|finally|now|also|"
                                    r"recently|largely)\s+)?$", re.IGNORECASE)
_ADJECTIVE_AFTER_TRIGGER = fastre.compile(r"\s+(?:the|a|an)\s+", re.IGNORECASE)
_BESIEGED = fastre.compile(r"besieged|encircled|surrounded", re.IGNORECASE)


# "Its capture would secure...", "vowed to seize", "a bid to retake": intentions and nouns, not events.
_BARE_FORM = fastre.compile(r"(?:capture|seize|take|retake|recapture|regain|reclaim|liberate|overrun|storm)"
                        r"(?:\s+(?:full\s+)?control(?:\s+of)?|\s+over)?", re.IGNORECASE)
# A modal or a condition earlier in the same clause (no comma, stop or semicolon between).
_MODAL_OR_IF_IN_CLAUSE = fastre.compile(r"\b(?:would|could|might|may|will|can|should|must|[Ii]f|[Uu]nless)\b"
                                        r"[^.;,]{1,80}$")
_NOT_EVENT_BEFORE = fastre.compile(
    r"\b(?:the|its|their|his|her|a|an|to|would|could|will|might|may|must|can|cannot|vowed|plans?|aims?|bid|"
    r"attempts?|efforts?|tried|trying|push|we|until|till|unless|once|if)\s+(?:(?:soon|quickly|eventually|easily|also|still|not|never|"
    r"first|then|finally|\w+ly)\s+)?$", re.IGNORECASE)  # (a split infinitive: "to first capture the villages")


# What was achieved, not intended: "managed to retake", "were able to liberate", "succeeded in recapturing",
# with the day between as statements put it ("were able today to liberate", "managed on Friday to free").
_DONE_BEFORE = fastre.compile(
    r"\b(?:managed|able|succeeded|success\w*|went\s+on)\s+"
    r"(?:(?:today|yesterday|(?:on\s+)?[A-Z][a-z]+day|this\s+(?:morning|evening)|overnight)\s+)?"
    r"(?:in\s+|to\s+)?(?:fully\s+|finally\s+)?$"
    # "it took the troops two hours to retake Jolan": how long it took, so it was done
    r"|\b(?:took|needed|required)\s+(?:[\w-]+\s+){1,6}?(?:minutes|hours?|days?|weeks?|months?|years?)\s+to\s+$",
    re.IGNORECASE)
_GOAL_BEFORE = fastre.compile(
    r"\b(?:for|towards?|until|awaiting|awaited|await|(?:beginning|start|prelude|key|road|path|way|step)\s+(?:of|to|for)|"
    # ("a first step in the liberation of Hawija": a stage of a campaign still going on)
    r"(?:phase|stage|step|part)\s+(?:\w+\s+)?in)\s+$", re.IGNORECASE)
# An offensive not yet begun: "are expected to launch an assault on Rawa", "will begin an operation".
_BARE_LAUNCH = fastre.compile(r"(?:launch|begin|start|mount|open|unleash|unveil)\s", re.IGNORECASE)
_TO_COME_BEFORE = fastre.compile(r"\b(?:to|will|would|could|might|may|must|shall)\s+(?:\w+ly\s+|soon\s+|also\s+)?$",
                                 re.IGNORECASE)
_FUTURE_BEFORE = fastre.compile(rf"\b{_wc('future_adjectives')}\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_INTENT_BEFORE = fastre.compile(rf"\b{_wc('intent_verbs')}\s+(?:the\s+|a\s+)?$", re.IGNORECASE)
# Before a gerund, a goal not yet reached: "close to liberating", "on the verge of capturing", "towards retaking".
_NEAR_GOAL_BEFORE = fastre.compile(
    r"\b(?:(?:close|closer|near|nearer|vital|key|crucial|essential|central)\s+to|"
    r"(?:verge|brink|edge|aim|goal|intention|intent|plan|plans|hope|hopes|prospect|threat|purpose|object|idea)\s+of|"
    r"(?:intent|bent|focused)\s+on|"
    r"towards?|prelude\s+to|instead\s+of|without|prevent(?:ed|ing|s)?\s+\w+\s+from|"
    r"groundwork\s+for|preparations?\s+for|(?:pave|paves|paved|paving)\s+the\s+way\s+for|"
    r"(?:step|steps|phase|stage)\s+(?:one\s+|two\s+|first\s+|\w+\s+)?(?:in|towards?)|"
    r"(?:banned|barred|prevented|stopped|kept|blocked|forbidden)\s+(?:[\w-]+\s+){0,3}?from)\s+$", re.IGNORECASE)
_GERUND = fastre.compile(r"^\w+ing\b", re.IGNORECASE)


def _triggers(sentence: str, cfg: PartyConfig | None = None, offset: int = -1) -> tuple:
    found = _all_triggers(sentence, cfg, offset)
    # "repelled an attack on Samarra": the attack is the defence's object, not a threat or a fight of its own.
    defences = [t for t in found if t[3] == "defence"]
    kept = []
    for t in found:
        # ("An assault on Samarra, north of Baghdad, was repelled by troops": the same, said in the passive)
        passive_defence = any(0 <= d[0] - t[1] <= 80 and _COPULA_END.search(sentence, max(0, d[0] - 12), d[0])
                              and not _CLAUSE_BREAK.search(sentence, t[1], d[0])
                              or 0 <= d[0] - t[1] <= 150 and _attackers_repelled(sentence, t[1], d[0])
                              for d in defences)
        if t[2] in ("threatened", "contested") and t[3] == "active" and (
                passive_defence or any(0 <= t[0] - d[1] <= 30 for d in defences)):
            _traced("dropped", offset, t[4].group(0), rule_id(t, cfg), "trigger.object_of_a_defence")
            continue
        kept.append(t)
    return tuple(kept)


def _attackers_repelled(sentence: str, attack_end: int, defence_start: int) -> bool:
    """True when an attack is repelled in a clause after "but": its attackers the subject of a passive defence
    ("militants attacked the town of Baghdadi, 190 km from the capital, but were beaten back by troops"), the
    defenders the subject of an active one ("..., but Kurdish forces repulsed them"), or the attack itself
    ("..., but the assault was thwarted")."""
    but = _BUT_WERE_END.search(sentence, max(attack_end, defence_start - 30), defence_start) \
        or _BUT_DEFENDERS_END.search(sentence, max(attack_end, defence_start - 50), defence_start)
    return but is not None and not _CLAUSE_BREAK.search(sentence, attack_end, but.start())


# A plural noun right before a state ("areas under their control", "towns still in ISIS hands"): the state is the
# noun's, and a place before it with a predicate of its own in between is not what the state is said of.
_HEAD_NOUN_BEFORE = fastre.compile(r"\b(?:areas|territory|territories|towns|villages|regions|parts|lands|cities|"
                                   r"districts|neighbou?rhoods|zones|pockets)\s+(?:still\s+|now\s+)?$", re.IGNORECASE)
_OWN_PREDICATE = fastre.compile(r"\b(?:is|are|was|were|had|has|have|been)\b|\b[a-z]+ing\b")
# "..., but were": a second predicate of the attack's subject, in the passive.
_BUT_WERE_END = fastre.compile(r",?\s+but\s+(?:were|was|had\s+been)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "..., but Kurdish forces", "..., but the assault was": the defenders, or the attack, as a clause's subject.
_BUT_DEFENDERS_END = fastre.compile(r",?\s+but\s+(?:(?:the\s+)?(?:attack|assault|offensive|raid|attempt)\s+"
                                    r"(?:was|had\s+been)\s+|(?:the\s+)?(?:[\w'’-]+\s+){1,4}?)(?:\w+ly\s+)?$",
                                    re.IGNORECASE)


def _all_triggers(sentence: str, cfg: PartyConfig | None = None, offset: int = -1):
    found = []

    def veto(m, name: str) -> None:
        _traced("dropped", offset, m.group(0), (cfg or default_parties()).triggers.rule_of(m.re), name)

    spans: list[tuple[int, int]] = []  # of the matches kept so far (an earlier rule's match wins an overlap)
    for trigger, matches in (cfg or default_parties()).triggers.matches(sentence):
        action, voice = trigger.action, trigger.voice
        for m in matches:
            start, end = m.span()
            if spans and _overlaps(spans, start, end):
                continue
            if action in ("captured", "recaptured") and _BARE_FORM.fullmatch(m.group(0)) and (
                    _NOT_EVENT_BEFORE.search(sentence[max(0, m.start() - 30):m.start()]) or m.start() == 0
                    or _MODAL_OR_IF_IN_CLAUSE.search(sentence, max(0, m.start() - 90), m.start())) \
                    and not _DONE_BEFORE.search(sentence, max(0, m.start() - 60), m.start()):
                # "vowed to retake", "until we retake", "the capture"; "if the army and militias regain full control
                # of Baiji", "would let Iraq cut the road and recover Fallujah": a bare form in a clause of what may be
                veto(m, "trigger.intention_or_noun")
                continue
            if action in ("captured", "recaptured") and _GERUND.search(m.group(0)) \
                    and _NEAR_GOAL_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
                veto(m, "trigger.goal_gerund")  # "close to liberating", "a step towards retaking": not yet done
                continue
            if action == "contested" and (_FUTURE_BEFORE.search(sentence, max(0, m.start() - 30), m.start())
                                          or _BARE_LAUNCH.match(m.group(0))
                                          and _TO_COME_BEFORE.search(sentence, max(0, m.start() - 30), m.start())):
                veto(m, "trigger.future_event")  # "an eventual assault on Mosul", "expected to launch": to come
                spans.append((start, end))  # (nor is "an assault on" inside it an attack of its own)
                continue
            if action == "recaptured" and m.group(0)[:3].lower() == "the" \
                    and _GOAL_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
                veto(m, "trigger.intention_or_noun")  # "the battle for the liberation of Mosul": a goal
                continue
            if action == "captured" and (_NOMINAL.match(m.group(0)) or m.groupdict().get("owner")) \
                    and _INTENT_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
                veto(m, "trigger.feared_event")  # "threatening the takeover of more cities": what may come
                continue
            if action == "held" and _PAST_STATE_BEFORE.search(sentence, max(0, start - 25), start):
                veto(m, "trigger.past_state")  # "which were previously controlled by the army": no longer so
                continue
            expelled = _group(m, "expelled") or _group(m, "expelled2")
            if expelled and not _names_a_force(expelled, cfg or default_parties()):
                veto(m, "trigger.expelled_no_force")  # "forced thousands of Yazidis from Sinjar": people, not a force
                continue
            if action == "captured" and voice == "active" and _ED_WORD.fullmatch(m.group(0)) \
                    and _ATTRIBUTIVE_BEFORE.search(sentence, max(0, start - 20), start) \
                    and _PLACES_LOCATED_AFTER.match(sentence, end):
                # "among the few occupied villages in northern Diyala": the villages are held, the place locates them
                veto(m, "trigger.participle_as_adjective")
                continue
            # ("Mosul was captured by militants": a passive, whoever took it)
            if action == "captured" and voice == "active" and _ENDS_PARTICIPLE.search(m.group(0)) and (
                    _ADJECTIVAL.match(sentence, m.end())
                    or _PEOPLE_BEFORE.search(sentence, max(0, start - 30), start)
                    and _WHERE_AFTER.match(sentence, end)
                    and not _RELATIVE_PRONOUN_THEN_SUBJECT.search(sentence, max(0, start - 40), start)):
                # "captured soldiers", "seized weapons"; "a soldier captured in Tikrit" (people it describes)
                veto(m, "trigger.participle_as_adjective")
                continue
            found.append((start, end, action, voice, m))
            spans.append((start, end))
    found.sort()
    # "entered the besieged town of Amerli": the siege is the setting, the entry the news.
    return [t for i, t in enumerate(found)
            if not (i and t[2] in ("contested", "besieged") and _BESIEGED.fullmatch(t[4].group(0))
                    and _ADJECTIVE_AFTER_TRIGGER.fullmatch(sentence, found[i - 1][1], t[0]))]


def _group(m: re.Match, name: str) -> str | None:
    """``m.group(name)``, None when the rule's pattern has no such group (no dict of all its groups is built)."""
    return m.group(name) if name in m.re.groupindex else None


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) overlaps one of ``spans``."""
    for s, e in spans:
        if s < end and start < e:
            return True
    return False


def _owner(words: str, cfg: PartyConfig) -> str | None:
    """The party a possessor names ("militant", "the group", "Kurdish", "Daesh"), from the party config."""
    hit = _party_terms(words, cfg)
    if hit:
        return hit[0][2]
    key = re.sub(r"^the\s+|\s+", lambda m: "" if m.group(0).startswith("the") else " ", words.lower()).strip()
    return cfg.owner_party.get(key)


def _actor(sentence: str, trig, terms, cfg: PartyConfig) -> str | None:
    start, end, action, voice, m = trig
    groups = m.groupdict()  # (built once: a rule has many groups)
    if action == "held" and groups.get("held"):
        owner = _owner(m.group("held").rsplit("-", 1)[0], cfg)
        if owner:
            return owner
    owner = groups.get("owner") or groups.get("owner2") or groups.get("owner3") or groups.get("owner4")
    if owner:
        return _owner(owner, cfg)
    if groups.get("their"):
        # "trapped the terrorists inside their stronghold": whose it is, the party named right before
        named = [t for t in terms if t[1] <= start]
        if named:
            return named[-1][2]
        # ("After its seizure of Hit, ISIL turned west", "Following their control of the dam, the Peshmerga ...":
        # none before; the main clause's subject, as below)
    after = [t for t in terms if t[0] >= end and t[0] - end <= 40]
    before = [t for t in terms if t[1] <= start]
    if action == "recaptured" and voice == "passive_agent" and after:
        return after[0][2]  # "Zumar was back in the hands of the Peshmerga": the party the trigger names after it
    if action == "recaptured" and (_REDUCED_RELATIVE_END.search(sentence, max(0, start - 20), start)
                                   or _ATTRIBUTIVE_BEFORE.search(sentence, max(0, start - 20), start)) \
            and _PARTICIPLE_START.match(sentence, start) \
            and not (before and (_REDUCED_LEAD.fullmatch(sentence, before[-1][1], start)
                                 or _BACKED_BY_GAP.fullmatch(sentence, before[-1][1], start))):
        # (not "A force of Peshmerga, helped by Kurdish fighters, expelled ...": after a party, the verb is its own)
        # "Mahalabiyah, freed in recent days, ...": a reduced passive whose subject is the place; the
        # parties named before it are other clauses'; so is a participle as an adjective ("ISIS shelled the newly
        # liberated town of Qayyarah": not ISIS's)
        return _agent_or_opponent(sentence, end, terms, [], cfg)
    if action == "recaptured" and (_PASSIVE_START.match(m.group(0))
                                   or _PASSIVE_AUXILIARY_END.search(sentence, max(0, start - 30), start)):
        # "Militants were pushed out of Jurf al-Sakhar (by troops)": the subject lost it, the agent took it.
        if before and _SPEECH.search(sentence, before[-1][1], start):
            # "The authorities announced that Mosul had been freed": the party named before is the speaker,
            # not the passive's subject; with no agent or loser named, the speaker's side freed it
            return _agent_or_opponent(sentence, end, terms, [], cfg) or before[-1][2]
        if before and not _PASSIVE_SUBJECT_GAP.fullmatch(sentence, before[-1][1], start):
            # "Troops entered Tal Afar, which was quiet after it was retaken": the party named before is another
            # clause's subject, not the one the passive's place was taken from
            before = []
        return _agent_or_opponent(sentence, end, terms, before, cfg)
    if voice == "defence":
        # ("were holding off ISIS": a progressive, not a passive)
        if _COPULA_END.search(sentence, max(0, start - 8), start) and not m.group(0).split()[0].lower().endswith("ing"):
            # "ISIS fighters were repelled from Samarra by troops": the defender is the agent.
            return _agent_or_opponent(sentence, end, terms, before, cfg)
        # The defender is the subject; "The town held off the offensive" names none, nor does "Tribesmen
        # opposed to ISIS held out" (ISIS is what they oppose).
        # "Kurdish forces defending Erbil": the force right before the participle
        # ("Kurdish forces, known as Peshmerga, defending Irbil": after an apposition's comma too)
        right_before = before and _PARTICIPLE_GAP.fullmatch(sentence[before[-1][1]:start] or "x")
        if right_before and m.group(0)[-3:].lower() == "ing":
            return before[-1][2]
        subjects = _subjects(sentence, before, start)
        return subjects[-1][2] if subjects and not _COMMA.search(sentence, subjects[-1][1], start) else None
    nominal = _NOMINAL.match(sentence[start:end])
    if nominal and sentence[start] in "'’":
        # "ISIS's seizure of Mosul": the possessor took it; "IS's loss of Mosul": its opponent did
        owner = [t for t in terms if t[1] == start]
        if not owner:
            return None
        if nominal.group(1).lower() == "loss":
            return cfg.parties[owner[0][2]].opponent if owner[0][2] in cfg.parties else None
        return owner[0][2]
    if nominal:
        # The party right after "to" or "by" ("the seizure of Mosul, 150 km to the north, by militants"), not one
        # after a comma ("the takeover of Sinjar by armed groups on 3 August, Kurdish forces withdrew").
        for agent in _TO_OR_BY.finditer(sentence, end, end + 80):
            if _OTHER_PARTICIPLE.search(sentence, end, agent.start()):
                break  # ("the loss of Zanjili, the area still held by Daesh": the agent of "held")
            # (the party right after it: "brings troops face to face with the Peshmerga" names no agent)
            # (a term may take in the "the" the agent's words end with: "by the army")
            hits = [t for t in terms if t[0] >= agent.start() + 2 and t[1] > agent.end()
                    and len(sentence[agent.end():t[0]].split()) <= 1 and "," not in sentence[agent.end():t[0]]]
            if hits:
                if nominal.group(1).lower() == "loss" and sentence[agent.start():agent.start() + 2].lower() == "by":
                    # "the loss of Mosul by the army": the army lost it ("the loss of Mosul to ISIS": ISIS took it)
                    return cfg.parties[hits[0][2]].opponent if hits[0][2] in cfg.parties else None
                return hits[0][2]
        announced = _ANNOUNCED_BEFORE.search(sentence, max(0, start - 40), start)
        if announced:
            # "The police announced the capture of the airfield": the capture is the announcer's side's
            speakers = _subjects(sentence, [t for t in terms if t[1] <= announced.start()], announced.start())
            if speakers:
                return speakers[-1][2]
        return None
    if voice == "passive_subject" and _ITS_CONTROL.search(sentence[start:end]):
        # "Federal police, for their part, say Makhmour is under their control": the speaker's side
        speaker = [t for t in before if _SPEAKER_SET_OFF_AFTER.match(sentence, t[1])]
        if speaker:
            return speaker[-1][2]
        # "X, firmly under its control, the militant group ...": the owner is named nearby, usually after.
        return (after or [t for t in terms if t[0] >= end] or before[-1:] or [(0, 0, None)])[0][2]
    if voice == "passive_agent" or _BY_END.search(sentence[end:end + 4]):
        if after:
            return after[0][2]
    clause_end = _CLAUSE_BREAK.search(sentence, end)
    limit = min(end + 60, clause_end.start()) if clause_end else end + 60
    comma = sentence.find(",", end, limit)
    if comma != -1:
        limit = comma  # ("Rutba, which the jihadists had held since 2014, was retaken by the army": the main verb's)
    by_agent = _BY.search(sentence[end:limit])
    if by_agent and _OTHER_PARTICIPLE.search(sentence, end, end + by_agent.start()):
        by_agent = None  # "retook Rawa, the last town held by Islamic State": the agent of "held"
    if by_agent:
        agent = [t for t in terms if t[0] >= end + by_agent.start()]
        if agent:
            return agent[0][2]
    if voice == "passive_subject":
        # "The army abandoned its posts a day after the crossing fell": another clause's forces did not take it.
        before = [t for t in before if not _SUBORDINATOR.search(sentence, t[1], start)]
    gerund_after = _GERUND_AFTER_CONJUNCTION.search(sentence, max(0, start - 10), start) \
        if action in ("captured", "recaptured") and before and m.group(0)[-3:].lower() == "ing" else None
    if gerund_after:
        # "ISIS gunmen killed soldiers after seizing Ramadi": the gerund's subject is the clause's, not the
        # object the verb before it took: the first party named (after the last speech verb, when one is named
        # after it: "a police officer said the jihadists killed soldiers after seizing Hit")
        # (after a conjunction, the subject of the clause it is in: "... while the jihadists pressed on after seizing";
        # after a comma, the main clause's: "Militants who overran Mosul as the army crumbled pushed on, seizing")
        clause = [c.end() for c in _CLAUSE_OPENER.finditer(sentence, 0, start - 6)] \
            if not gerund_after.group(0).startswith(",") else []
        before = [t for t in before if t[0] >= clause[-1]] or before if clause else before
        speech = [sp.end() for sp in _SPEECH.finditer(sentence, 0, start)]
        reported = [t for t in before if speech and t[0] >= speech[-1]]
        if reported and not _REPORTED_SUBJECT_GAP.fullmatch(sentence, speech[-1], reported[0][0]):
            reported = []  # ("Troops announced an assault on Hawija, the militants' bastion": the troops')
        return (reported or before)[0][2]
    subjects = _subjects(sentence, before, start)
    if subjects:
        who = _WHO_RIGHT_AFTER.match(sentence, subjects[-1][1])
        if who and not _CLAUSE_BREAK.search(sentence, who.end(), start):
            return subjects[-1][2]  # "between the army and ISIL, who hold the city": "who" is the last one named
        head = _list_head(sentence, subjects)
        return _adjective_list_head(sentence, head[0], cfg) or head[2]
    fronted = _FRONTED_CLAUSE.match(sentence)
    if fronted and end <= fronted.end():
        # "After liberating Khorsabad, the Peshmerga ...", "Having surrounded Anah, the army ...": a clause put
        # first has the main clause's subject
        main_subject = [t for t in terms if fronted.end() <= t[0] <= fronted.end() + 30]
        if main_subject:
            return main_subject[0][2]
    return None


# A clause put before the main one, with no subject of its own: "After liberating Khorsabad on Sunday, ...".
_FRONTED_CLAUSE = fastre.compile(
    r"\s*[\"“]?(?:(?:[Aa]fter|[Hh]aving|[Bb]efore|[Ss]ince|[Uu]pon|[Oo]n|[Ww]hile|[Ff]ollowing|[Oo]nce|[Ww]hen)\s+"
    r"(?:[a-z][\w-]*(?:ing|ed|en)\b)[^,;.]{0,120}?|"
    # or a participle alone, with no verb of its own: "Seizing Bashir, the Peshmerga ..." (not "Seizing Bashir is a
    # step towards Hawija, ...")
    r"[A-Z][a-z]+ing\b(?:(?!\s(?:is|was|are|were|has|have|had|would|will|could|can|may|might)\b)[^,;.]){0,80}?),\s*")


# An offensive's start said after it: "..., which was launched on 17 October", "began on Monday".
_LAUNCHED_ON = fastre.compile(r"\b(?:was|were|had\s+been|has\s+been)\s+(?:launched|started|begun|opened)\s+"
                              r"(?=on\b|in\b)",
                              re.IGNORECASE)
_NEGATED_INSIDE = fastre.compile(r"\b(?:not|never)\b", re.IGNORECASE)  # inside a passive's words: "was not taken"
_FALL = fastre.compile(r"(?:has\s+|had\s+)?(?:fell|fallen|collapse)", re.IGNORECASE)
_QUOTE_OPEN = fastre.compile(r"[\"“]")
_LOSS_NOUN = fastre.compile(r"(?:the\s+)?(?:[\w-]+\s+)?loss\s+of\b", re.IGNORECASE)
_OTHER_PARTICIPLE = fastre.compile(
    r"\b(?:held|controlled|run|occupied|dominated|led|backed|supported|besieged|surrounded|"
                               r"encircled|seized|captured|taken|overrun|threatened|targeted|attacked|claimed|"
                               # ("fled Hit since its capture by ISIS", "after a revolt by tribesmen": the agent of
                               # another event, a noun's)
                               r"capture|seizure|takeover|occupation|fall|liberation|recapture|retaking|revolt|uprising|"
                               r"attacks?|assaults?|offensive|raids?|strikes|airstrikes|shelling|bombardment|ambush|"
                               r"advance|campaign|operation)\s+$")
_SUBORDINATOR = fastre.compile(rf"\b{_wc('subordinators')}\b", re.IGNORECASE)


_FROM = fastre.compile(r"\s+(?:of|from)\s+(?:the\s+)?", re.IGNORECASE)


_AGENT_STOP = fastre.compile(r"[,;:]")


# After a passive verb, the operation it was done in: "... were freed from IS in a joint Peshmerga operation", "...
# was retaken during an army offensive on Sunday" (its words name the side whose operation it was).
_IN_AN_OPERATION = fastre.compile(r"[^,;.:]{0,60}?\b(?:in|during)\s+"
                                  r"(?P<op>(?:an?|the|their|its)\s+(?:[\w'’-]+\s+){0,5}?)"
                                  r"(?:operation|offensive|assault|attack|push|advance|campaign)\b", re.IGNORECASE)


def _agent_or_opponent(sentence: str, end: int, terms, before: list, cfg: PartyConfig) -> str | None:
    """The party of a passive verb ending at ``end``: its "by" agent, else the opponent of its subject."""
    # (the agent comes before any comma: "After Mosul was freed, Tal Afar was the last town held by IS")
    stop = _AGENT_STOP.search(sentence, end, end + 80)
    by_agent = _BY.search(sentence, end, stop.start() if stop else end + 80)
    agent = [t for t in terms if by_agent and by_agent.end() <= t[0] <= by_agent.end() + 30]
    if agent:
        return agent[0][2]
    operation = _IN_AN_OPERATION.match(sentence, end)
    if operation:
        # "were freed from IS in a joint Peshmerga operation": the side whose operation it was
        agent = [t for t in terms if operation.start("op") <= t[0] and t[1] <= operation.end()
                 and t[2] in cfg.parties and not cfg.parties[t[2]].state]
        if agent:
            return agent[0][2]
    # "Saadiyah was freed from the militants": taken from them, by their opponent
    loser = _FROM.match(sentence, end)
    if loser:
        # ("freed from Islamist militants": the party's word may follow an adjective)
        lost = [t for t in terms if loser.end() <= t[0] <= loser.end() + 25
                and not _COMMA.search(sentence, loser.end(), t[0])]
        if lost and lost[0][2] in cfg.parties:
            return _speaker_party(sentence, terms, lost[0][2], cfg) \
                or _sole_other_force(sentence, terms, lost[0][2], cfg) or cfg.parties[lost[0][2]].opponent
    subject = before[-1][2] if before else None
    if subject not in cfg.parties:
        return None
    return _speaker_party(sentence, terms, subject, cfg) or cfg.parties[subject].opponent


def _speaker_party(sentence: str, terms, loser: str, cfg: PartyConfig) -> str | None:
    """The party of the speaker a sentence quotes ("..., Peshmerga officials said"), when it is the only party
    the sentence names besides the loser: who took a place from ``loser`` when the sentence names no agent
    ("ISIS was ousted from Gwer on Sunday, Peshmerga officials said": the Peshmerga)."""
    others = {party for _, _, party in terms if party != loser}
    if len(others) != 1:  # ("the Peshmerga asked the Badr brigade to hand over the town": whose, unsaid)
        return None
    for _, end, party in terms:
        if party in others and party in cfg.parties and not cfg.parties[party].state \
                and _SPEAKER_AFTER.match(sentence, end):
            return party
    return None


def _sole_other_force(sentence: str, terms, loser: str, cfg: PartyConfig) -> str | None:
    """The one party other than ``loser`` a sentence names, in the phrase it opens with, when it is a fighting
    side: who took places from the loser when the sentence names no agent ("In the Peshmerga advance on Gwer,
    A and B were freed from IS": the Peshmerga; not "Zumar, which the Kurds hold, and Rabia, freed from IS")."""
    others = {party for _, _, party in terms if party not in (loser, OTHER)}
    if len(others) != 1:
        return None
    party = others.pop()
    opening = sentence.find(",")
    fronted = opening != -1 and any(p == party and end <= opening for _, end, p in terms)
    return party if fronted and party in cfg.parties and not cfg.parties[party].state else None


def _quoted_speaker(sentence: str, terms, after: int) -> str | None:
    """The party of the speaker named after a quote ("..., the CTS commander told reporters"), if any."""
    for start, end, party in terms:
        if start >= after and party != OTHER and _SPEAKER_AFTER.match(sentence, end):
            return party
    return None


_FIRST_PERSON = fastre.compile(r"\b(?:we|our\s+(?:[\w-]+\s+)?(?:forces|troops|fighters|men|units))\s+(?:\w+\s+){0,3}$",
                               re.IGNORECASE)
# After a party term, the verb of its speech: "Peshmerga officials said", "Kurdish commanders told reporters".
_SPEAKER_AFTER = fastre.compile(rf"(?:\s+[\w-]+){{0,2}}\s+{_wc('speech_verbs')}\b")
# ... maybe with a phrase set off by commas first: "Iraqi forces, for their part, say".
_SPEAKER_SET_OFF_AFTER = fastre.compile(rf"(?:\s*,[^,;]{{1,30}},)?(?:\s+[\w-]+){{0,2}}\s+{_wc('speech_verbs')}\b")


# Right before a party term, what makes it the object of the subject's fight, not the subject of the verb
# after it: "Militants fought the army for hours and then seized Tal Afar", "clashed with troops before
# capturing Rawa", "drove out the Peshmerga and took Sinjar".
_OPPONENT_CUE = fastre.compile(rf"\b{_wc('opponent_cues')}\s+(?:the\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){{0,2}}$",
                               re.IGNORECASE)


_WHO = fastre.compile(r"\b(?:who|which|that)\b")
# Between a passive's subject and its verb: "Militants were pushed out", "The militants, who had held it since
# June, had been driven out" (an apposition or a relative clause may come between; no other verb).
_PASSIVE_SUBJECT_GAP = fastre.compile(
    r"(?:\s*,[^,;]{1,80},)?\s*(?:(?:\w+ly|also|then|later|eventually|finally|all|both|now)\s+)*"
    r"(?:(?:(?:was|were|is|are|had|has|have)(?:\s+been)?|been|being|got|get)\s+(?:\w+ly\s+)?)?")
# From a place to a pronoun in its own relative clause: ", which was home to 200,000 people before ".
_OWN_RELATIVE_TO = fastre.compile(r",\s*which\s+[^,;:()]{1,80}?\s")
# ("killed soldiers after seizing Ramadi", "completed the first stage of the offensive, capturing Mazrea")
_GERUND_AFTER_CONJUNCTION = fastre.compile(r"\b(?:after|before|upon|while)\s+$|,\s+(?:also\s+|later\s+)?$",
                                           re.IGNORECASE)
# Where a clause with a subject of its own opens: "troops were keen to hold the line as IS used its momentum".
_CLAUSE_OPENER = fastre.compile(r"\b(?:as|while|when|because|since|whereas|but|and\s+then)\s+(?=\S)")
_REPORTED_SUBJECT_GAP = fastre.compile(r"\s+(?:that\s+)?(?:the\s+|some\s+)?(?:[\w-]+\s+)?")
# Right before a nominal capture, its announcement: "announced the capture of", "celebrated the liberation of".
_ANNOUNCED_BEFORE = fastre.compile(r"\b(?:announced|announces|announcing|declared|declares|proclaimed|proclaims|"
                                   r"celebrated|celebrates|celebrating|hailed|hails|confirmed|confirms)\s+"
                                   r"(?:(?:on\s+\w+|also|later|today|yesterday)\s+)?(?:the\s+)?$")
_WHO_RIGHT_AFTER = fastre.compile(r"(?:\s+(?:fighters|forces|troops|militants))?\s*,?\s*who\b")


def _subjects(sentence: str, before: list, verb: int) -> list:
    """``before`` (party terms before the verb at ``verb``) without the trailing ones that are another
    verb's objects; one a relative clause makes the subject stays ("fought the militants, who seized").
    Empty when every one is an object: "Tribesmen opposed to ISIS held out" names no party as subject."""
    end = len(before)
    while end > 0 and (_OPPONENT_CUE.search(sentence, max(0, before[end - 1][0] - 40), before[end - 1][0])
                       or _subordinate_subject(sentence, before[end - 1], verb)
                       or _supports_another(sentence, before, end - 1)
                       or _OWNER_USE.match(sentence, before[end - 1][1])
                       or _OWNER_OF_BEFORE.search(sentence, max(0, before[end - 1][0] - 30), before[end - 1][0])) \
            and not _WHO.search(sentence, before[end - 1][1], verb):
        end -= 1
    return before[:end]


def _supports_another(sentence: str, terms: list, i: int) -> bool:
    """True when ``terms[i]`` is named as the ally of a party before it ("Peshmerga backed by Arab tribesmen");
    not in a phrase that opens the sentence ("Supported by US jets, Kurdish forces took Telsqof")."""
    if i == 0:
        return False
    window = max(0, terms[i][0] - 50)
    before = sentence[window:terms[i][0]].lower()
    if not any(word in before for word in _SUPPORT_FIRST_WORDS):
        return False  # (most parties follow none: the regex is tried only after a cue's first word)
    cue = _SUPPORT_CUE.search(sentence, window, terms[i][0])
    return cue is not None and any(t[1] <= cue.start() for t in terms[:i])


# Right before a party term, what makes it an ally of the subject ("backed by coalition jets and Arab tribesmen").
_SUPPORT_CUE = fastre.compile(rf"\b{_wc('support_cues')}\s+(?:[\w'’-]+\s+){{0,4}}$", re.IGNORECASE)
_SUPPORT_FIRST_WORDS = frozenset(phrase.split()[0].lower() for phrase in word_classes()["support_cues"].forms)
# Right after a party term, what makes it an owner, not a subject: "closer to the IS stronghold of Mosul after
# retaking Qayyarah", "the militants' positions", "IS-held".
# ("Iraqi soldiers held up a flag": "held" after a space is the subject's verb; only "IS-held" is an owner's)
_OWNER_USE = fastre.compile(r"(?:\s+group)?(?:['’]s?)?(?:(?:\s+|-)"
                            r"(?:(?:main|last|key|remaining|biggest|largest|de\s+facto|(?:last\s+)?(?:two|three|few))\s+)?"
                            r"(?:strongholds?|bastions?|enclaves?|redoubts?|heartland|hub|territory|positions|lines)|"
                            r"-(?:held|controlled))\b",
                            re.IGNORECASE)
# Right before a party term, what makes it an owner: "the last bastion of the ISIL group, a day after retaking".
_OWNER_OF_BEFORE = fastre.compile(r"\b(?:strongholds?|bastions?|enclaves?|redoubts?|heartland|hub|capital)\s+of\s+"
                                  r"(?:the\s+)?$", re.IGNORECASE)
# Right before a party term, the start of a subordinate clause whose subject it is: "militants who overran
# Mosul as government forces crumbled, pressing south": the forces are not who presses south.
# ("Since then the army has ...": "since then" is an adverb, not a clause of its own)
_SUBORDINATE_OPENING = fastre.compile(rf"\b{_wc('clause_openers')}\s+(?!then\b)(?:the\s+|their\s+|its\s+)?"
                                      r"(?:[\w'’-]+\s+)?$", re.IGNORECASE)


def _subordinate_subject(sentence: str, term: tuple, verb: int) -> bool:
    """True when ``term`` is the subject of a subordinate clause that a comma closes before ``verb`` (not a comma
    of the support between them: "before Kurdish forces, backed by US jets, regained the town")."""
    return "," in sentence[term[1]:verb] and not _BACKED_BY_GAP.fullmatch(sentence, term[1], verb) \
        and _SUBORDINATE_OPENING.search(sentence, max(0, term[0] - 30), term[0]) is not None


# Between the forces of a subject list: "Iraqi troops, Shi'ite militiamen and Kurdish peshmerga", "Iraqi
# troops backed by Kurdish forces".
# ("Iraqi army units and local fighters": the words that end the force before "and", those that start the next)
# (not across a verb of saying: "the militants said Kurdish and Iraqi fighters had taken ...")
_LIST_GAP = fastre.compile(rf"(?:\s+(?!{_wc('speech_verbs')}\b)[\w'’-]+){{0,2}}?"
                           r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+backed\s+by\s+)(?:[\w'’-]+\s+){0,2}")


def _adjective_list_head(sentence: str, term_start: int, cfg: PartyConfig) -> str | None:
    """The party of the first of the party adjectives a force is named with ("Iraqi, Shiite and Kurdish peshmerga
    forces swept into Sulaiman Bek": led by the first), if the force term is the last of such a list."""
    window = sentence[max(0, term_start - 60):term_start]
    if not window.endswith("and "):  # (most forces follow no list: the regex is tried only after "and ")
        return None
    found = _ADJECTIVE_LIST_END.search(window)
    if not found:
        return None
    first = found.group(1).lower()
    return cfg.owner_party.get(first)


# Before the last item of a list of party adjectives: "Iraqi, Shiite and ", "Iraqi and ".
_ADJECTIVE_LIST_END = fastre.compile(r"(?<![\w-])([A-Z][\w-]+)(?:\s*,\s*[A-Z][\w-]+)*\s*,?\s+and\s+$")


def _list_head(sentence: str, before: list) -> tuple:
    """The first term of the list of forces that ends with the last of ``before`` (the one leading it)."""
    i = len(before) - 1
    if i > 0 and not _LIST_END.match(sentence, before[i - 1][1], before[i][0]):
        return before[i]  # "After clashes with local tribesmen, ISIS seized ...": a comma alone ends no list
    while i > 0 and _LIST_GAP.fullmatch(sentence, before[i - 1][1], before[i][0]):
        i -= 1
    return before[i]


# Before the last force of a list of subjects: "the army, police and tribal fighters", "Iraqi troops backed by".
_LIST_END = fastre.compile(rf"(?:\s+(?!{_wc('speech_verbs')}\b)[\w'’-]+){{0,2}}?\s*,?\s*"
                           r"(?:and|&|as\s+well\s+as|along\s+with|together\s+with|backed\s+by)\b")


# "advanced to within 60 km of Baghdad": how near a threat came, not where something else is.
_WITHIN_END = fastre.compile(rf"\bwithin\s+\w+\s+{_wc('distance_units')}\s+of\s+"
                         r"(?:the\s+(?:[\w-]+\s+)?(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
_LOCATION_WORDS = (
    # ("the north of Tikrit" is part of Tikrit, not somewhere north of it)
    # ("to the south of Tikrit" is somewhere else again)
    rf"(?:(?<!\bthe\s)\b{_wc('directions')}(?:ern)?\s+of|\bto\s+the\s+{_wc('directions')}(?:ern)?\s+of|\b{_wc('distance_units')}\)?\s+(?:\w+\s+)?(?:of|from)|\bfrom\s+\w+\s+to|"
    r"\b(?:road|highway|route)\s+(?:to|from|between)|\bbetween|\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}and|"
    r"\bnear|\b(?:next|close|adjacent)\s+to|\bbeside|\b(?:in\s+the\s+)?vicinity\s+of|\boutside(?:\s+of)?|\bapproach(?:es)?\s+to|"
    r"\bthe\s+border\s+with|\bacross\s+(?:the\s+(?:river|euphrates|tigris|border)\s+)?from|\bopposite|"
    # ("recaptured several districts around Tikrit": the districts, not the city)
    r"\b(?:villages|towns|areas|districts|suburbs|positions|countryside|territory|hills|farmland)\s+(?:around|surrounding)|"
    r"\bhometown\s+of|\bcapital\s+of)")
# ("six villages to the south of IS-held Mosul", "northwest of disputed Kirkuk": an adjective does not end it)
# ("west of Kirkuk and Hawija": the second place of the phrase locates too; "close to the jihadist-held Yazidi
# town of Sinjar": so does a town named with its kind)
_RELATIVE_LOCATION = fastre.compile(_LOCATION_WORDS + r"\s+(?:(?-i:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+"
                                    r"(?:and|or)\s+(?!the\s))?"
                                    r"(?:the\s+)?(?:[\w-]+-(?:held|controlled|run|occupied)\s+|"
                                    # (not a gerund: "close to liberating Zumar" is a goal, not a location)
                                    r"(?!(?:the|and|or)\b)(?!(?!neighbou?ring|surrounding)[a-z][\w-]*ing\s)"
                                    r"(?-i:[a-z][\w-]*)\s+)?"
                                    r"(?:(?:(?-i:[A-Z][\w-]*)\s+|[\w-]+-(?:held|controlled|run|occupied|majority)\s+|"
                                    r"(?:small|key|strategic|nearby|northern|southern|eastern|western|border)\s+){0,2}"
                                    r"(?:city|town|village)\s+of\s+)?(?:al-|el-)?$",
                                    re.IGNORECASE)
# Tried only on a window that ends as they do (they are slower, and most places follow no such words):
# "south of the key oil city of Kirkuk", "south of their de facto capital Mosul";
_LOCATED_IN_A_CITY = fastre.compile(
    _LOCATION_WORDS + r"\s+(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+){1,3}?(?:city|capital|hub|stronghold|bastion)"
    r"(?:\s+of\s+|\s+|(?<=capital),\s+)$", re.IGNORECASE)  # ("south of the Kurdish capital, Irbil")
# a list's or an apposition's where: "A, B and C, all in eastern Mosul", "Kukjali, the east end of Mosul".
_LOCATED_BY_APPOSITION = fastre.compile(
    r",\s+(?:(?:all|both)\s+(?:of\s+them\s+)?in(?:\s+(?:north|south|east|west|central)(?:ern)?)?|"
    r"(?:the|a)\s+(?:[\w-]+\s+){0,4}?(?:end|edge|outskirts|part|side|district|neighbou?rhood|suburb|quarter)\s+of)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)


# From a verb to a later item of the list it takes after a colon: "still control three towns: Tal Afar, west of
# Mosul; Hawija, south of Kirkuk; and " (items with their own locations, split by semicolons).
_COLON_LIST_GAP = fastre.compile(
    r"\s+(?:[\w-]+\s+){0,3}(?:towns|cities|villages|areas|places|strongholds|districts|neighbou?rhoods)\s*:\s*"
    r"(?:[^:;.()]{1,60};\s*)+(?:and\s+)?", re.IGNORECASE)
_CLAUSE_AFTER_COMMA = fastre.compile(r",\s+(?:as|while|when|and|but|which|who|whereas|after|before)\b",
                                     re.IGNORECASE)
_NAMED_AS_HOMETOWN = fastre.compile(r"['’]s\s+(?:home\s?town|birthplace)\s+of\s+$", re.IGNORECASE)


def _location_phrase(window: str):
    """The words at the end of ``window`` that say where a place lies relative to another, if any."""
    found = None
    if window.endswith(("city of ", "capital ", "capital of ", "hub ", "stronghold ", "bastion ", "capital, ")):
        found = _LOCATED_IN_A_CITY.search(window)  # the longest phrase first ("northwest of the capital of")
    if found is None:
        found = _RELATIVE_LOCATION.search(window)
    if found is None and (window.endswith(" of ") or ", all " in window or ", both " in window) and "," in window:
        found = _LOCATED_BY_APPOSITION.search(window)
    return found


# "the fall of the Anbar towns", "Mosul residents", "the Baiji-Kirkuk pipeline", "Kirkuk's governor":
# the name qualifies something else.
_MODIFIER_OF = fastre.compile(
    r"(?:\s+|-[A-Z][\w'’-]*\s+|['’]s\s+(?:[\w-]+\s+)?)"
    r"(?:towns|cities|villages|tribes|tribesmen|residents|officials|police|policemen|council|governor|mayor|"
    r"operations|offensive|front|branch|fighters|militants|forces|leaders|sheikhs|people|refugees|government|"
    r"authorities|administration|"
    r"pipelines?|roads?|highways?|motorway|railway|police\s+chief|provincial\s+council|"
    # "Tal Afar Mountain", "the Baiji road": a feature named after the place, not the place
    r"[Mm]ountains?|[Hh]ills?|[Rr]idge|[Ii]slands?|"
    # "the Mosul countryside", "the Anbar desert", "the Nineveh plains": the land around, not the place
    r"countryside|desert|[Pp]lains?)\b"
    # "Baghdad's biggest setback", "Nineveh's Tal Afar": what the place owns is something (or somewhere) else, not
    # its own fall, recapture or part ("Mosul's fall", "Mosul's western districts")
    r"|['’]s\s+(?!(?:[\w-]+\s+)?(?:fall|capture|recapture|seizure|loss|takeover|liberation|defen[cs]es?|outskirts|"
    r"cent(?:re|er)|districts?|neighbou?rhoods?|quarters?|suburbs?|old\s+city|edges?|half|side|bank|parts?|areas?|"
    r"streets|(?:north|south|east|west)(?:ern)?)\b)(?:[a-z]|[A-Z](?!ld\s+City))")


# "withdrew from the town of X", "abandoned X", "pulled out of Rawa, Ana and X": the place is the object.
_WITHDRAWAL_OBJECT = fastre.compile(
    r"\s*(?:(?:their|its|his)\s+(?:posts?|positions?|bases?)\s+(?:in|at)\s+)?(?:from|out\s+of|of)?\s*\(?(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:(?:town|city|village|crossing|base|refinery|dam)s?\s+of\s+)?"
    # (a later name of the list with its article and kind: "of Ayadiyah and the whole Tal Afar district")
    r"(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:\s+(?:district|area|village|town))?(?:,\s*|\s+and\s+|\s+or\s+)"
    r"(?:the\s+(?:(?:whole|entire)\s+)?(?:(?:town|city|village|district)\s+of\s+)?)?)*", re.DOTALL)
# The end of "... in the town of " before a place: what the patterns below end with.
_THE_TOWN_OF = r"\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?"
# What a capture verb took when it was not the place named after it ("captured dozens of soldiers in Tikrit",
# "captured an ISIS commander in Baghdad"): the place is where, not what.
_PERSON_OBJECT = fastre.compile(
    rf"^\s+(?:[\w-]+\s+){{0,4}}?{_wc('person_objects')}\b[^,;]{{0,60}}?\b(?:in|at|near|from|inside|outside|around)"
    + _THE_TOWN_OF + "$", re.IGNORECASE)
# A name that is no place between a capture verb and "in" a place: "captured Abu Omar in Tikrit".
_NAME = r"(?:[ae]l-)?[A-Z][\w'’-]*"
_NAMED_OBJECT = fastre.compile(
    rf"\s+(?:the\s+)?{_NAME}(?:(?:\s*,\s*|\s+)(?:and\s+)?{_NAME}){{0,5}}"
    # (a kind after the names: "won back the Malaha area in Baiji district")
    r"(?:\s+(?:area|village|villages|district|neighbou?rhood|quarter|suburb|region))?"
    r"(?:\s+(?:in|at|near|outside|on)" + _THE_TOWN_OF + "|"
    # or an apposition that says where they lie: "freed Upper Subaih, a village on the edge of Shirqat"
    r"\s*,\s+(?:(?:an?|the|two|three|four|five|six|several|both|all)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:villages?|towns?|areas?|districts?|neighbou?rhoods?|quarters?|suburbs?|hamlets?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:in|at|near|outside|of)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|district)\s+of\s+)?)"
    r"(?:[Aa]l-|[Ee]l-)?")
# A building or a few, not the town: "stormed a prison in Mosul", "overran two checkpoints near Samarra"
# ("took over three neighbourhoods of Tal Afar" is a capture of part of the town, and stays one).
_BUILDING_OBJECT = fastre.compile(
    rf"^\s+(?:a|an|one|two|three|four|several|some|\d+)\s+(?:[\w-]+\s+){{0,2}}?{_wc('building_objects')}\b"
    r"[^,;]{0,40}?\b(?:in|at|near|outside|on\s+the\s+(?:[\w-]+\s+)?(?:edge|outskirts|fringes?|side|banks?)\s+of)"
    + _THE_TOWN_OF + "$"
    # "seized the ruined Grand al-Nuri Mosque of Mosul": a named building of the town
    rf"|^\s+the\s+(?:[\w'’-]+\s+){{0,4}}?{_wc('building_objects')}\s+of\s+$",
    re.IGNORECASE)
_CIVILIAN_TARGET = fastre.compile(
    rf"^\s+(?:a|an|the|one|two|three|several|\d+)\s+(?:[\w'’-]+\s+){{0,2}}?{_wc('civilian_targets')}\b"
    r"[^,;]{0,40}?\b(?:in|at|near|outside)" + _THE_TOWN_OF + "$", re.IGNORECASE)
_ROAD_OBJECT = fastre.compile(
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:road|roads|highway|motorway|route|supply\s+lines?)\s+"
                          r"(?:between|from|to|linking|connecting|(?:that|which)\s+(?:links?|connects?|runs?|leads?)|into|"
                          r"out\s+of|near|north|south|east|west)\b", re.IGNORECASE)
_FLANK_OF = fastre.compile(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:flanks?|approaches|perimeter|gates|doorstep)\s+of\s+"
                           r"(?:the\s+(?:city|town)\s+of\s+)?", re.IGNORECASE)
# "withdrew to Samarra", "fled towards Baghdad", "pulled back into Tikrit": where they went, not what they left.
_DESTINATION = fastre.compile(r"\s*(?:(?:back|further|farther|north|south|east|west|(?:north|south)-?(?:east|west))"
                          r"(?:wards?)?\s+){0,2}(?:to|towards?|into|in\s+the\s+direction\s+of)\b", re.IGNORECASE)
# (the subject may take a phrase set off by commas: "the dam, which Iraqi forces, with help from US jets, took back")
_OBJECT_RELATIVE = fastre.compile(r"(?:,\s*[^,;()]{1,60})?,?\s*(?:which|that)\s+(?:[\w'’-]+\s+){0,6}?[\w'’-]+"
                              r"(?:\s*,\s*[^,;()]{1,60},)?\s+(?:have\s+|has\s+|had\s+)?(?:since\s+\w+\s+)?")
# Lower case only: "Said Sadiq" and "Sayid Sadiq" are a town.
_SPEECH = fastre.compile(rf"\b{_wc('speech_verbs')}\b")
# "entered talks in Baghdad": the object is a thing, not the place after it.
_ABSTRACT_OBJECT = fastre.compile(rf"\s+(?:(?:an?|the|their|its|his|her|new|more|fresh)\s+)?(?:[\w-]+\s+)?"
                                  rf"{_wc('abstract_objects')}\b", re.IGNORECASE)
# ", and <a subject> hope(s) ...": a clause of its own, whose subject is not the capture verb's object.
_NEW_CLAUSE_SUBJECT = fastre.compile(rf",\s+(?:and|but)\s+(?:[\w'’-]+\s+){{1,3}}?(?:{_wc('attitude_verbs')}\b|"
                                     # ", and preparations are now under way to push on ...": a verb of its own
                                     r"(?-i:is|are|was|were|has|have|had)\s)")


# Small patterns of the functions below, compiled once.
_ENDS_PARTICIPLE = fastre.compile(r"(?:captured|seized)$", re.IGNORECASE)
def _names_a_force(words: str, cfg: PartyConfig) -> bool:
    """True when ``words`` name a force: a party's term or owner word ("their Kurdish allies"), a force noun,
    or a pronoun for one ("drove them out")."""
    return bool(_EXPELLED_FORCE.search(words) or _party_terms(words, cfg)
                or any(word.lower() in cfg.owner_party for word in _WORD.findall(words)))


# A state that was, not one that is: "previously controlled by", "once held by", "formerly in the hands of".
_PAST_STATE_BEFORE = fastre.compile(r"\b(?:previously|formerly|once|until\s+recently)\s+(?:been\s+)?$", re.IGNORECASE)
# Whom a place is taken back from, when no party term names them: "drove them out of", "pushed the enemy from".
_EXPELLED_FORCE = fastre.compile(rf"\b(?:them|it|enemy|enemies|allies|rivals|defenders|occupiers|invaders|garrison|"
                                 rf"{_wc('generic_forces')})\b", re.IGNORECASE)
_WORD = fastre.compile(r"[\w'’-]+")
# A participle as an adjective of places located after it: "the last occupied cities in Anbar", "newly
# seized villages near Kirkuk" (the places it describes are unnamed; the one after them only says where).
_ED_WORD = fastre.compile(r"[a-z]+ed", re.IGNORECASE)
_ATTRIBUTIVE_BEFORE = fastre.compile(r"\b(?:the|a|an|its|their|of|last|newly|recently|other|many|some|all|several|"
                                     r"few|\d+)\s+$", re.IGNORECASE)
_PLACES_LOCATED_AFTER = fastre.compile(
    r"\s+(?:[\w-]+\s+)?(?:cities|towns|villages|areas|territory|territories|lands|regions|districts|"
    r"neighbou?rhoods|zones)\s+(?:in|near|around|outside|across|throughout)\b", re.IGNORECASE)
_COMMA = fastre.compile(r"[,;]")
_NOMINAL = fastre.compile(
    r"(?:the|['’]s?)\s+(?:[\w-]+\s+){0,2}?(fall|capture|seizure|loss|takeover|recapture|liberation|"
                      r"retaking|reconquest|recovery)\b", re.IGNORECASE)
_TO_OR_BY = fastre.compile(r"\b(?:to|by)\s+(?:the\s+)?")
# ("their full control", "in its hands")
_ITS_CONTROL = fastre.compile(r"\b(its|their)\s+(?:[\w-]+\s+){0,2}?(?:control|hands)", re.IGNORECASE)
_BY_END = fastre.compile(r"\bby\s*$")
# ("by evening", "by the end of the day", "by Monday": a time, not an agent)
_BY = fastre.compile(r"\bby\s+(?!(?:the\s+)?(?:evening|morning|afternoon|night|nightfall|noon|midday|midnight|dawn|"
                     r"dusk|daybreak|sunset|sunrise|end|time|then|now|late|early|mid-|mid|last|this|next|"
                     rf"{DAY_OR_MONTH.lower()})\b)(?:the\s+)?", re.IGNORECASE)
_IN = fastre.compile(r"\bin\b")
_TO = fastre.compile(r"\s+to\s+(?:the\s+)?")
_DECLARED_END = fastre.compile(r"\b(?:declared|pronounced|announced)\s+(?:that\s+)?"
                               r"(?:the\s+(?:[\w-]+\s+){0,2}?(?:city|town|village|district)\s+of\s+)?$",
                           re.IGNORECASE)
# Where a place lies, said between it and its state: "declared Rutba in the western Anbar province liberated".
_WHERE_IT_LIES = fastre.compile(r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+)?[A-Z][\w'’-]*"
                                r"(?:\s+(?:province|governorate|region))?\s+(?:(?:fully|completely|totally|now)\s+)?")
# A copula and the start of a noun phrase ("is the last ", "remained one of the few "), then a held adjective and its
# kind noun: the place is said to be one the party holds.
_COPULA_NOUN_PHRASE = fastre.compile(
    r"\s+(?:is|was|are|were|remains?|remained|became|becomes|(?:has|had)\s+become)\s+(?:now\s+|still\s+)?"
    r"(?:the|an?|one\s+of\s+the)\s+(?:(?:last|only|final|remaining|largest|biggest|main|few|sole|key|major)\s+){0,2}")
_KIND_NOUN_AFTER = fastre.compile(r"\s+(?:[\w-]+\s+)?(?:towns?|city|cities|villages?|(?:border\s+)?crossings?|"
                                  r"districts?|areas?|strongholds?|enclaves?|pockets?)\b", re.IGNORECASE)
_WITH_END = fastre.compile(r"\b[Ww]ith\s+$")
# "With <place> (fully) ": an absolute construction whose participle is the place's own.
_WITH_PLACE_END = fastre.compile(r"\b[Ww]ith\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}"
                                 r"(?:(?:fully|completely|now|finally)\s+)?$")
_ADVERBS_ONLY = fastre.compile(r"\s+(?:(?:fully|completely|totally|entirely|now)\s+)?", re.IGNORECASE)
_TOWN_OF_END = fastre.compile(r"\b(?:city|town|cities|towns|village|villages)\s+of\s+$")
_CITY_OF = fastre.compile(r"\b(?:city|town|village)\s+of\s+$")
_AROUND = fastre.compile(r"\b(?:around|surrounding)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:town|village)\s+of\s+$")
_CAPITAL_OF_ONLY = fastre.compile(r"capital\s+of\s+", re.IGNORECASE)
_COPULA_END = fastre.compile(r"\b(was|were|been|is|are|remains?|remained|stays?|stayed)\s*"
                             r"(?:(?:now|still|again|nonetheless|nevertheless|already|also|effectively|virtually|"
                             r"largely|completely|fully|partly|partially|reportedly|once\s+more)\s+){0,2}[\"“‘']?$")
_COPULA = fastre.compile(r"\b(was|were|been|being|is|are)\b")
_PARTICIPLE = fastre.compile(r"\b(?:taken|captured|seized|overrun)\b")
_INCLUDING = fastre.compile(r"\b(?:including|among\s+them|such\s+as|notably|namely)\b", re.IGNORECASE)
_PARTICIPLE_START = fastre.compile(r"[\w-]+(?:ed|en|wn|un)\b", re.IGNORECASE)  # "retaken", "captured", "overrun"
# A party's support between it and its verb: "Kurdish units, aided by allied jets, took back ...".
_BACKED_BY_GAP = fastre.compile(r"(?:\s+[a-z]+)?\s*,\s+(?:[a-z]+ly\s+)?"
                                r"(?:backed|supported|helped|aided|assisted|joined|accompanied|led)"
                                r"\s+by\s+[^,;]{1,80},\s*")
_REDUCED_LEAD = fastre.compile(r"\s*,\s*(?:[a-z]+ly\s+)?")  # "Hawija, recently recaptured": a comma, an adverb
# Before a capture verb after the place, what makes the place its object: an auxiliary right before it
# ("Rawa and Anah were quickly taken"), or punctuation before a participle ("Mosul, seized by ISIS in
# June", "al-Qaim and its border crossing - captured on 21 June").  "Flights to Erbil were suspended
# after militants seized the airport road", "the consulate in Mosul, capturing 48 people": neither.
_AUXILIARY_END = fastre.compile(r"\b(?:was|were|been|being|is|are|had|has|have)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_PUNCTUATION_END = fastre.compile(r"[,(:*\u2013\u2014-][\W_]*$")
# The subject of the verb after the place, right before it: "Erbil after the city fell", "... it fell".
_OTHER_SUBJECT_END = fastre.compile(
    # (not after a copula: "Tal Afar became the last town held by IS" is Tal Afar)
    r"(?<!\bis\s)(?<!\bwas\s)(?<!\bbecame\s)(?<!\bbecomes\s)(?<!\bremains\s)(?<!\bremained\s)"
    r"\b(?:the\s+(?:[\w-]+\s+)?(?:city|town|village|capital|crossing|dam|refinery|base|airport)|it|they)\s+$",
    re.IGNORECASE)


def _assign(mentions, triggers, sentence_start: int, sentence: str, cfg: PartyConfig | None = None):
    """Tie each place mention to a trigger in its clause: the nearest before (active) or after (passive)."""
    pairs = []
    # The party words a trigger names as an owner ("handed the towns back to Baghdad"): no place there is claimed.
    owner_spans = [t[4].span("owner") for t in triggers if "owner" in t[4].re.groupindex and t[4].group("owner")]
    for mention in mentions:
        rel = mention.start - sentence_start
        if _MODIFIER_OF.match(sentence, mention.end - sentence_start) \
                and not (mention.kind in _FACILITY_KINDS
                         and _OWN_FACILITY_AFTER.match(sentence, mention.end - sentence_start)) \
                and not (_LIST_LAST_BEFORE.search(sentence, max(0, rel - 6), rel)
                         and _LIST_KIND_AFTER.match(sentence, mention.end - sentence_start)):
            # (but "Qarqasha, Tal Hamid and Abzakh villages": the kind of a list's places, not a modifier)
            _traced("dropped", sentence_start, mention, "", "place.names_a_force_or_thing")
            continue
        if _names_where_the_next_lies(sentence, mention, sentence_start):
            # "the Makhmour village of Kabarouk", "the Mosul neighbourhood of Zahra": where the place named next lies
            _traced("dropped", sentence_start, mention, "", "place.names_a_force_or_thing")
            continue
        if _placed_relative_to(sentence, rel, mention.kind):
            # ("north of Baaj, a town Daesh still holds": an apposition's state is the place's own)
            end = mention.end - sentence_start
            own = next((t for t in triggers if t[3] == "passive_subject" and 0 <= t[0] - end <= 3
                        and (sentence[t[0]] == "," if t[0] == end
                             else sentence[end:t[0]].strip() == "," and _APPOSITION_START.match(sentence, t[0]))),
                       None)
            if own is None:
                # ("5 km south of Fallujah, a city under ISIS control": the state an apposition gives it)
                own = next((t for t in triggers if t[2] == "held" and 0 < t[0] - end <= 50
                            and _APPOSITION_NP.fullmatch(sentence, end, t[0])
                            and not _PREDICATE_AFTER.match(sentence, t[1])), None)
            if own is None:
                own = _list_apposition_state(triggers, sentence, end)
            if own is None and _WHICH_AFTER.match(sentence, mention.end - sentence_start) \
                    and not _PLURAL_RELATIVE.match(sentence, mention.end - sentence_start) \
                    and not _in_apposition_of_another(mention, mentions, sentence, sentence_start) \
                    and not (_location_set_off(sentence, rel)
                             and sentence[mention.end - sentence_start:].lstrip().startswith(",")):
                # "near Qaim, which the army took from IS last week": its own relative clause
                own = _trigger_after(mention, triggers, sentence_start, sentence, mentions)
            if own is None:
                # "between Baghdad and ISIS-controlled Mosul": the adjective right before it is its own
                # ("close to the jihadist-held Yazidi town of Sinjar": through the words that name its kind)
                own = next((t for t in triggers if (_group(t[4], "held") or _group(t[4], "hub"))
                            and 0 <= rel - t[1] <= 120 and _held_adjective_of(sentence, t[1], rel)), None)
            if own is not None:
                pairs.append((mention, own))  # "between Mosul, the group's main hub, and Erbil": its own apposition
                continue
            _traced("dropped", sentence_start, mention, "", "place.locates_another")
            continue
        if _SPEAKS_AFTER.match(sentence, mention.end - sentence_start) and _CLAUSE_OPENING_END.search(sentence, 0, rel):
            _traced("dropped", sentence_start, mention, "", "place.speaks")  # "..., Al-Alam reports": a source
            continue
        if _where_a_source_is(sentence, rel):
            _traced("dropped", sentence_start, mention, "", "place.where_a_source_is")
            continue
        if sentence[max(0, rel - 8):rel].rstrip().endswith((" of", " from")) \
                and (_PEOPLE_OF.search(sentence, max(0, rel - 60), rel)
                     or _PEOPLE_FROM.search(sentence, max(0, rel - 40), rel)
                     and not any(t[0] < rel - 4 < t[1] for t in triggers)):  # (not "drove the fighters from")
            _traced("dropped", sentence_start, mention, "", "place.whose_people")  # "the mayor of Jalawla"
            continue
        if mention.kind == "province" and _PROVINCE_AS_ADJECTIVE.match(sentence, mention.end - sentence_start):
            _traced("dropped", sentence_start, mention, "", "place.province_as_adjective")  # "Anbar town"
            continue
        if mention.kind == "province" and not triggers_adjacent(triggers, rel, sentence, mention.end - sentence_start) \
                and not _included_in_claim(triggers, sentence, rel):
            own = _trigger_after(mention, triggers, sentence_start, sentence, mentions) \
                if _WHICH_AFTER.match(sentence, mention.end - sentence_start) else None
            if own is None:
                own = _carried_to_another_place(triggers, sentence, rel)
            if own is not None:
                pairs.append((mention, own))  # "Rabia lies in Nineveh Province, which the militants conquered"
                continue
            _traced("dropped", sentence_start, mention, "", "place.province_not_the_object")
            continue
        if owner_spans and any(start <= rel < end for start, end in owner_spans):
            _traced("dropped", sentence_start, mention, "", "place.names_the_owner")  # "handed back to Baghdad"
            continue
        best = None
        # Only the nearest trigger before a place can govern it: a farther one is cut off by it.
        before = [t for t in triggers if t[1] <= rel]
        for trig in before[-1:]:
            s, e, action, voice, _ = trig
            if voice in ("active", "defence") and e <= rel:
                between = sentence[e:rel]
                if action in ("captured", "recaptured") and _listed_after_unnamed(sentence, e, rel):
                    best = trig  # "captured six districts in eastern Mosul - Karama, Quds and Samah"
                    continue
                if (_CLAUSE_BREAK.search(between) or len(between) > 140) \
                        and not _COLON_LIST_GAP.fullmatch(between):  # (but a list after a colon is the object)
                    continue
                if "," in between and _WITH_PLACE_END.search(sentence, max(0, s - 60), s):
                    continue  # "With Hit retaken, the army turned to Ramadi": the participle is Hit's
                if voice == "defence" and _CLAUSE_AFTER_COMMA.search(between):
                    continue  # ("their attack on Samarra was beaten back, as the offensive that began in Mosul ...")
                if voice == "active" and _took_something_else(sentence, e, rel, action, mentions, sentence_start) \
                        and not (action == "contested" and (_SURROUND_VERB.match(sentence, s)
                                                            or _fight_with_a_party_in(sentence, e, rel, cfg))):
                    continue  # (but "surrounded the militants in Hit": the people surrounded say where)
                if voice == "active" and _PASSIVE_AUXILIARY_END.search(sentence, max(0, s - 30), s) \
                        and _PARTICIPLE_START.match(sentence, s) and not _INCLUDING.search(between) \
                        and not trig[4].group(0).endswith(":"):  # ("three villages were freed: A, B and C")
                    # "After Ramadi was retaken, only Rutba ...": a passive's object came before it (but "several
                    # towns were retaken, including Udhaim": the list names them)
                    continue
                if _RELATIVE_WITH_VERB.search(between):
                    continue  # "regained territory, which took some strain from leaders in Baghdad": the clause's
                if _in_relative_clause_of_another(sentence, s, e, rel, mentions, sentence_start):
                    continue  # "Rabia, which was freed last week, and Sinjar": the clause was Rabia's
                if voice == "active" and _NEW_PREDICATE.search(between):
                    continue  # "liberating Bashir will ease the noose on Tuz": the object came before the verb
                held_gap = _group(trig[4], "held") and _HELD_ADJECTIVE_GAP.fullmatch(between)
                if _group(trig[4], "held") and (not held_gap or rel - e > 25 and not held_gap.group("list")):
                    continue  # ("the largest IS-held town nearest to Erbil": the adjective is the town's)
                if action == "withdrew" and (_DESTINATION.match(between)
                                             or not _WITHDRAWAL_OBJECT.fullmatch(between)):
                    continue
                if action == "held" and len(between) > 60 and not _WITHDRAWAL_OBJECT.fullmatch(between) \
                        and not _COLON_LIST_GAP.fullmatch(between):
                    continue  # "who control Mosul and ... raised a flag in Sinjar": too far to be the object
                if _NOMINAL.match(sentence, s, e) and any(e <= m.start - sentence_start < rel for m in mentions) \
                        and not _WITHDRAWAL_OBJECT.fullmatch(between):
                    continue  # "The fall of Mosul shocked officials in Baghdad": the fall is Mosul's
                if best is None or e > best[1]:
                    best = trig
        if best is None:
            best = _trigger_after(mention, triggers, sentence_start, sentence, mentions)
        if best is None:
            best = _list_apposition_state(triggers, sentence, mention.end - sentence_start)
        if best is None and _included_in_claim(before, sentence, rel):
            # "Vast areas remain under the sway of IS, including much of Anbar and the city of Mosul": the claim
            # about an unnamed whole is one about the places listed as part of it
            best = before[-1]
        if best is None:
            # "Tal Afar became the last town held by IS": a state said of it after a copula
            best = _apposition_state(mention, None, triggers, sentence_start, sentence, copula=True)
        if best is None:
            best = _named_after_its_state(triggers, sentence, rel)
        if best is None:
            best = _carried_to_another_place(triggers, sentence, rel)
        if best is None:
            best = _others_like_it(triggers, sentence, mention.end - sentence_start)
        if best is not None:
            pairs.append((mention, best))
            if best[1] <= rel and _group(best[4], "held"):
                # "the militant-held hamlet of Kocho, south of Sinjar, had been freed": whose it was, then the news
                news = _trigger_after(mention, triggers, sentence_start, sentence, mentions)
                if news is not None and news[2] in ("captured", "recaptured"):
                    pairs.append((mention, news))
            then = _second_predicate(triggers, best, sentence, mentions, sentence_start) \
                if best[0] >= mention.end - sentence_start else None
            if then is not None:
                pairs.append((mention, then))  # "Baiji fell in June but was won back in October": both
            # (not beside a change: "retook Rawa, the last town held by IS" tells what it was before)
            state = None if best[2] in ("captured", "recaptured") else \
                _apposition_state(mention, best, triggers, sentence_start, sentence)
            if state is not None:
                pairs.append((mention, state))  # "troops attacked Hawija, an IS-held town": both claims
        else:
            _traced("dropped", sentence_start, mention, "", "place.no_trigger_in_its_clause")
    return pairs


def _carried_to_another_place(triggers, sentence: str, rel: int):
    """The trigger of the clause before ", as is" or ", along with" when the place is what they add to it:
    "Hit is in militant hands this week, as is much of Anbar province" (the same state, said again of another
    place); "Tikrit fell to the militants last summer, along with Mosul" (the same change)."""
    carried = _AS_IS_BEFORE.search(sentence, max(0, rel - 45), rel)
    if carried is not None:
        before = [t for t in triggers if t[1] <= carried.start()]
        return before[-1] if before and before[-1][2] in _STATES else None
    carried = _ALONG_WITH_BEFORE.search(sentence, max(0, rel - 120), rel)
    if carried is not None and not _CLAUSE_BREAK.search(sentence, carried.start(), rel):
        before = [t for t in triggers if t[1] <= carried.start()]
        if before and not _CLAUSE_BREAK.search(sentence, before[-1][1], carried.start()):
            return before[-1]
    return None


def _others_like_it(triggers, sentence: str, end: int):
    """The trigger of "and other towns overrun by ISIS" after a list the place is in: "Mosul, Tikrit, Baiji and
    other cities overrun by the militants" (the list's places are some of those towns)."""
    others = _AND_OTHERS.match(sentence, end)
    if others is None:
        return None
    return next((t for t in triggers if t[0] == others.end()), None)


# The rest of a list, a capitalised word at a time (one way only to read a run of names: no backtracking blow-up
# on a long one), then "and other cities and towns " right before a trigger.
_AND_OTHERS = fastre.compile(
    r"(?:(?:\s*,\s*|\s+)(?:and\s+)?(?:the\s+)?(?-i:[A-Z][\w'’-]*))*\s*,?\s+and\s+"
    r"(?:many\s+|several\s+|dozens\s+of\s+)?other\s+(?:[\w-]+\s+){0,2}?(?:cities|towns|villages|areas|places|districts|"
    r"provinces)(?:\s+and\s+(?:[\w-]+\s+)?(?:cities|towns|villages|areas))?\s+", re.IGNORECASE)


_STATES = frozenset({"held", "contested", "besieged"})
# ", along with Mosul", "together with the town of Hit": one more place the clause's claim is about.
# (or a later name of its list: "along with its towns of Rawa, Anah and Qaim")
_ALONG_WITH_BEFORE = fastre.compile(
    r"(?:,\s+|\s)(?:along|together)\s+with\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:[\w-]+\s+)?(?:towns?|city|cities|villages?|districts?|sub-?districts?|areas?|suburbs?)\s+of\s+)?"
    r"(?:(?:(?-i:[ae][lnrstdz])-)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,8}$",
    re.IGNORECASE)
# ", as is most of", ", as are the towns of", ", as was the district of": the clause before says it of them too.
_AS_IS_BEFORE = fastre.compile(
    r",\s+as\s+(?:is|are|was|were)\s+(?:(?:most|much|all|parts?|the\s+rest|large\s+parts?|swathes?)\s+of\s+)?"
    r"(?:the\s+)?(?:(?:[\w-]+\s+)?(?:towns?|city|cities|villages?|province|governorate|district)\s+of\s+)?$",
    re.IGNORECASE)


_LIST_LAST_BEFORE = fastre.compile(r"(?:,|\band)\s+$")
# "Mosul's airport", "Baiji's refinery": the places stage read the facility itself, not the town that owns it.
_FACILITY_KINDS = frozenset({"airport", "airbase", "dam", "refinery", "crossing", "oilfield"})
_SETTLEMENT_KINDS = frozenset({"city", "town"})
_THE_END = fastre.compile(r"\bthe\s+$", re.IGNORECASE)
# A smaller place's kind and its name after a town's: "the Makhmour village of Kabarouk" (not "district": "the Sinjar
# district of Nineveh" names Sinjar's district).
_SMALLER_PLACE_OF = fastre.compile(r"\s+(?:village|neighbou?rhood|quarter|suburb)\s+of\s+(?:the\s+)?"
                                   r"(?-i:[A-Z]|[ae][lnrstdz]-)", re.IGNORECASE)
_OWN_FACILITY_AFTER = fastre.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:airport|air\s*base|airbase|dam|refinery|crossing|"
                                     r"oil\s*field|border\s+crossing)\b", re.IGNORECASE)
_LIST_KIND_AFTER = fastre.compile(r"\s+(?:villages|towns|neighbou?rhoods|districts|areas)\b")


# Where a source is, not what was taken: "a police officer in Ramadi said", "officials in Baghdad had hoped",
# "told Reuters in Erbil".
_SOURCE_IN = fastre.compile(
    r"\b(?:officials?|officers?|policem[ae]n|sources?|residents?|spokes(?:man|woman|person)|"
    r"witnesses|doctors?|journalists?|correspondents?|reporters?|analysts?|lawmakers?|diplomats?|authorities|"
    r"clerics?|elders?|councill?ors?|(?:said|says|told\s+(?:[\w-]+\s+){1,3}?|speaking|spoke|added)|conference|"
    r"interview|statement|briefing)\s+(?:in|from)\s+(?:nearby\s+)?(?:the\s+(?:[\w-]+\s+)?(?:city|town|capital)\s+of\s+)?$",
    re.IGNORECASE)


# Offices of a place: "the mayor of Jalawla", "the governor of Anbar province" (its residents may be news of it).
_PEOPLE_OF = fastre.compile(
    r"\b(?:mayor|governor|police\s+chief|provincial\s+council|council|head|sheikhs?|officials?|MPs?|"
    r"representatives?|lawmakers?|deputy|deputies)\s+"
    r"(?:of|from)\s+(?:the\s+(?:[\w-]+\s+)?(?:city|town|village|province|district)\s+of\s+)?$", re.IGNORECASE)
# Fighters who come from a place: "along with tribal fighters from Hit", "volunteers from Basra" (but families
# fleeing a town are news of the town).
_PEOPLE_FROM = fastre.compile(
    r"\b(?:fighters|tribesmen|militiamen|volunteers|recruits|men|policemen|reinforcements)\s+from\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:city|town|village|province)\s+of\s+)?$", re.IGNORECASE)
# A province named as the adjective of a town: "a strategic Anbar town", "Key Anbar Province City".
_PROVINCE_AS_ADJECTIVE = fastre.compile(r"\s+(?:[Pp]rovince\s+)?(?:[Tt]own|[Cc]ity|[Vv]illage|[Cc]apital)\b")


# A name that speaks is a source (a station, or a capital for its government), not a place taken: "...,
# Al-Alam reports", "Baghdad says".
_SPEAKS_AFTER = fastre.compile(rf"\s+{_wc('speech_verbs')}\b")
# (or a subordinate clause's: "after Baghdad said it would roll back the Kurds' gains": the government speaks)
_CLAUSE_OPENING_END = fastre.compile(r"(?:^|[,;:]|\b(?:and|but|after|as|when|while|because|since|before|although))\s*$")


# A comma, then a distance's words: "the dam, some 50 km north of Mosul, which ..." (a location set off as an
# apposition of the noun before it).
_COMMA_THEN_MEASURE_END = fastre.compile(r",\s*(?:(?:some|about|around|roughly|nearly|almost|approximately|just|only)"
                                         r"\s+)?(?:[\d.,]+\s*)?$", re.IGNORECASE)


def _location_set_off(sentence: str, rel: int) -> bool:
    """True when the words that locate the place at ``rel`` follow a comma ("the country's largest dam, 50 km north of
    Mosul, which the militants had seized"): a relative clause after it and a comma is the noun's before the comma
    (but "the base, close to Rawa that fell in May": the restrictive clause is Rawa's)."""
    window = sentence[max(0, rel - 40):rel]
    located = _location_phrase(window)
    return located is not None and _COMMA_THEN_MEASURE_END.search(window, 0, located.start()) is not None


def _where_a_source_is(sentence: str, rel: int) -> bool:
    """True when the place at ``rel`` only says where a source is (:data:`_SOURCE_IN`)."""
    before = sentence[max(0, rel - 50):rel]
    # Most places follow no "in", "from" or "the city of": the regex is tried only after one.
    return before.rstrip().endswith((" in", " from", " of", " nearby")) and _SOURCE_IN.search(before) is not None


@lru_cache(maxsize=4096)  # asked of one place several times (its claim, the anaphors after it, the objects)
def _placed_relative_to(sentence: str, rel: int, kind: str = "province") -> bool:
    """True when the place at ``rel`` (of ``kind``) only locates another ("60 km west of Mosul", "near the city
    of Kirkuk", "between Erbil and Kirkuk", "the capital of Anbar")."""
    located = _location_phrase(sentence[max(0, rel - 40):rel])
    if not located or _WITHIN_END.search(sentence[max(0, rel - 40):rel]):
        return False
    if _NAMED_AS_HOMETOWN.search(sentence, max(0, rel - 40), rel):
        return False  # "Saddam Hussein's hometown of Tikrit": the town named, not a place near it
    if kind != "province" and _CAPITAL_OF_ONLY.fullmatch(located.group(0)):
        return False  # "Nineveh's provincial capital of Mosul": the city's name, not a province it lies in
    # "the town of" ends the phrase: it locates only when the location words are its own ("near the city of"),
    # and not when they ring it ("freed the hamlets around the town of Bashir": the fight for the town)
    if _CITY_OF.search(located.group(0)) is not None:
        return not _AROUND.search(located.group(0))
    return not _TOWN_OF_END.search(sentence[max(0, rel - 25):rel])


def _fight_with_a_party_in(sentence: str, trigger_end: int, place: int, cfg: PartyConfig | None) -> bool:
    """True when a fight's object is a party, then the place it is fought in: "an assault on the militants in
    Jalawla", "an attack on IS fighters inside Baiji" (the place is fought over, not the people's address)."""
    m = _PARTY_THEN_IN.fullmatch(sentence, trigger_end, place)
    return m is not None and bool(_party_terms(sentence[trigger_end:m.start("in")], cfg or default_parties()))


_PARTY_THEN_IN = fastre.compile(
    r"\s+(?:[\w'’-]+\s+){1,4}?(?P<in>in|inside)\s+(?:(?:central|downtown|old|(?:north|south)?(?:east|west)(?:ern)?|"
    r"north(?:ern)?|south(?:ern)?)\s+)?(?:the\s+(?:[\w-]+\s+)?(?:town|city|village|district)\s+of\s+)?", re.IGNORECASE)


def _took_something_else(sentence: str, trigger_end: int, place: int, action: str, mentions,
                         sentence_start: int) -> bool:
    """True when an active trigger's object is not the place after it, but ends before it.

    People or things ("captured dozens of soldiers in Tikrit", "captured Ali Hassan in Baghdad"),
    buildings and roads ("stormed a prison in Mosul", "secured the road between Erbil and Kirkuk"),
    "the town" then a new clause ("seized the town before reaching Tikrit"), or a speech verb
    between them ("pushed militants out of villages, the military said, as ... Tikrit").
    """
    between = sentence[trigger_end:place]
    if len(between) > 6 and _SPEECH.search(between):
        return True
    if "," in between and _NEW_CLAUSE_SUBJECT.search(between):
        return True  # "seized an airfield, and commanders hope to turn Qayyarah into a base"
    if _ABSTRACT_OBJECT.match(between):
        return True  # "entered talks in Baghdad", "cleared the way for aid to reach Sinjar"
    unnamed = _UNNAMED_OBJECT.match(sentence, trigger_end) if action in ("captured", "recaptured") else None
    if unnamed and unnamed.end() < place and not _UNNAMED_NAMED_OR_PLACED.match(sentence, unnamed.end()):
        return True  # "regained three villages from Daesh in a push to uproot the militants from Hawija"
    if _object_then_clause(sentence, trigger_end, place) or _PERSON_OBJECT.search(between):
        return True
    if action in ("captured", "recaptured") and len(between) > 10 \
            and (_BUILDING_OBJECT.match(between) or _ROAD_OBJECT.match(between)):
        return True
    if action in ("captured", "recaptured") and _FLANK_OF.fullmatch(between):
        return True  # "securing the southwestern flank of Erbil": ground beside the town, not the town
    if action == "contested" and len(between) > 10 and _ROAD_OBJECT.match(between):
        return True  # "attacks on the road between Baghdad and Karbala": the road is fought over
    if action == "contested" and len(between) > 10 and _CIVILIAN_TARGET.match(between):
        return True  # "an attack on a shrine in Samarra": a strike on the shrine, no fight for the town
    return bool((between[1:2].isupper() or between[1:5] == "the " and between[5:6].isupper()
                 or between[1:4] in ("al-", "el-") and between[4:5].isupper())
                and _NAMED_OBJECT.fullmatch(between)
                and not any(trigger_end <= m.start - sentence_start < place for m in mentions))


# A relative clause with a verb of its own between a trigger and a place: the place is the clause's.
_RELATIVE_WITH_VERB = fastre.compile(r",\s*(?:which|who|whom)\s+[a-z]")
# People a relative clause is about: what its verb took are they.
_PEOPLE_RELATIVE = fastre.compile(r"\b(?:whom|who)\b")
# Where people went: "fled to Erbil", "moved towards Baghdad".
_DESTINATION_END = fastre.compile(r"\b(?:to|towards?|into)\s+(?:the\s+(?:[\w-]+\s+)?(?:city|town)\s+of\s+)?$")
# Where people went: "fled to Erbil", "took refuge in Erbil", "refugees from Mosul arrived in Erbil".
_ARRIVED_IN_END = fastre.compile(
    r"(?:\b(?:fled|fleeing|took\s+refuge|sheltering|sheltered)|\b(?:refugees|families|residents|civilians|people|"
    r"displaced|survivors)\b[^,.;]{0,60}?\b(?:arrived|arriving|reached))\s+"
    r"(?:(?:in|at|to|into)\s+)?(?:the\s+(?:[\w-]+\s+)?(?:city|town)\s+of\s+)?$", re.IGNORECASE)


def _in_relative_clause_of_another(sentence: str, trigger_start: int, trigger_end: int, place: int, mentions,
                                   sentence_start: int) -> bool:
    """True when the trigger sits in a relative clause of an earlier place that ends before this one.

    "three towns: Rabia, which was freed from the militants last week, and Sinjar, which ...": the clause
    ("which was freed") describes Rabia; a comma closes it before Sinjar.
    """
    earlier = [m for m in mentions if m.end - sentence_start <= trigger_start]
    if not earlier or "," not in sentence[trigger_end:place]:
        return False
    return _RELATIVE_OPENING.match(sentence, earlier[-1].end - sentence_start, trigger_end) is not None


# (or a reduced one: "Mahalabiyah, freed in recent days, and Ayadiya")
_RELATIVE_OPENING = fastre.compile(
    r"\s*,\s*(?:which\b|that\b|where\b|(?:(?:recently|newly|only|just)\s+)?[a-z]+(?:ed|en)\b)")


# A finite verb of its own between a trigger and a place: the trigger's object ended before it.
_NEW_PREDICATE = fastre.compile(
    r"\s(?:will|would|is|are|was|were|could|can|may|might|must|should)\s+(?!(?:now|still|also)\b)"
    r"(?:\w+\s+)?(?:an?|the|to|be|ease|help|open|mark|give|make|pave|allow)\b"
    # a verb coordinated with the trigger: "controls swathes of the north and has advanced towards Baghdad"
    r"|\s(?:and|but)\s+(?:has|have|had)\s+(?:(?:since|now|also|already)\s+)?\w+(?:ed|en)\b", re.IGNORECASE)
_NEXT_CLAUSE = fastre.compile(r"\s*(?:,|\s(?:before|after|while|as|then|but|when|and\s+then)\b)")


def _object_then_clause(sentence: str, trigger_end: int, place: int) -> bool:
    """True when the trigger's object is "it" or "the town" and a new clause starts before the place, or the
    object is "it" and the place comes after it ("took it back to Erbil": where it went)."""
    m = _OBJECT_ANAPHOR.match(sentence, trigger_end)
    return m is not None and m.end() < place \
        and (_NEXT_CLAUSE.match(sentence, m.end()) is not None or m.group("ana").lower() == "it") \
        and sentence[m.end():place].strip() != ","  # "retook the city, Tikrit,": an apposition


def _in_apposition_of_another(mention, mentions, sentence: str, sentence_start: int) -> bool:
    """True when ``mention`` is named in another place's apposition ("Gogjali, the east end of Mosul, ..."):
    what follows it is that place's (not in a relative clause: "Bartella, which lies east of Mosul, which the
    militants took": the second clause is Mosul's, the nearest)."""
    return any(other.end <= mention.start and mention.start - other.end <= 60
               and sentence[other.end - sentence_start:mention.start - sentence_start].lstrip().startswith(",")
               and "," not in sentence[other.end - sentence_start:mention.start - sentence_start].lstrip()[1:]
               and not _RELATIVE_OPENER.match(sentence[other.end - sentence_start:mention.start - sentence_start])
               for other in mentions if other is not mention)


# A relative clause with a plural verb after one place: the clause is a plural noun's before it ("villages east of
# Mosul that were taken this week").
_PLURAL_RELATIVE = fastre.compile(r"\s*,?\s*(?:which|that)\s+(?:were|are|have)\b", re.IGNORECASE)
_RELATIVE_OPENER = fastre.compile(r"\s*,\s*(?:which|where)\s", re.IGNORECASE)


def _apposition_state(mention, best, triggers, sentence_start: int, sentence: str, copula: bool = False):
    """The state a place's own apposition gives it ("Hawija, a stronghold for ISIS", "Gayara, an IS-held
    township") when its clause's verb has made a claim of it already: both stand."""
    end = mention.end - sentence_start
    for trig in triggers:
        if trig[0] < end or trig[0] - end > 2:
            continue
        between = sentence[end:trig[0]].strip()
        if trig is not best and trig[2] == "held" and trig[3] == "passive_subject" \
                and (between == "," or not between and sentence[trig[0]] == ","):
            return trig
    for trig in triggers:
        # "Hit, one of the biggest towns in Anbar still held by ISIL", "Hawija, which is still held by IS", "Rawa, the
        # last town still under IS control"
        by_agent = trig[3] == "passive_agent" or trig[3] == "active" and _BY_AFTER.match(sentence, trig[1]) \
            or trig[3] == "passive_subject" and trig[2] == "held" and trig[4].groupdict().get("owner")
        # ("Husaybah, a town east of Ramadi seized by IS earlier in the week": how it came to be held)
        if trig is not best and trig[0] > end and trig[2] in ("held", "captured") and by_agent \
                and (_COPULA_BEFORE_AGENT if copula else _APPOSITION_BEFORE_AGENT).fullmatch(sentence, end, trig[0]):
            return trig
    return None


_BY_AFTER = fastre.compile(r"\s+by\b")
# Between a place and the "held by" of its apposition or relative clause.
# ... and after a copula: "Tal Afar became the last town held by IS", "Rawa is now the only town under IS control".
_COPULA_BEFORE_AGENT = fastre.compile(
    r"\s+(?:is|was|became|becomes|remains|remained)\s+(?:now\s+|still\s+)?(?:an?|the|one\s+of|among)\b[^,;()]{0,60}?"
    r"\s*(?:(?:still|now|long|firmly)\s+)?", re.IGNORECASE)
_APPOSITION_BEFORE_AGENT = fastre.compile(
    r"\s*,\s*(?:(?:which|that)\s+(?:is|was|are|were|has\s+been|had\s+been|remains?|remained)|"
    r"(?:an?|the|one\s+of|among|two|three|both)\b[^,;()]{0,80}?,?)\s*(?:(?:still|now|long|firmly)\s+)?",
    re.IGNORECASE)


# Between two places, what makes the second no apposition or list item of the first ("Rabia lies in Nineveh"):
# a clause goes on with a lower-case word, not after a comma.
_VERB_BETWEEN = fastre.compile(r"\s+(?!(?:and|or|the|of)\b)[a-z]")
_APPOSITION_AFTER = fastre.compile(r",\s+(?:an?|the|one)\s", re.IGNORECASE)


def _named_after_its_state(triggers, sentence: str, rel: int):
    """The state of a noun phrase a place names right after it: "the only town still under militant control,
    Anah" (the place is the apposition of the town the state is said of), if any."""
    before = [t for t in triggers if t[1] <= rel]
    if not before or before[-1][2] != "held" or before[-1][3] != "passive_subject" \
            or not _COMMA_GAP.fullmatch(sentence, before[-1][1], rel):
        return None
    return before[-1] if _STATE_OF_A_KIND.search(sentence, max(0, before[-1][0] - 50), before[-1][0]) else None


_COMMA_GAP = fastre.compile(r"\s*,\s*")
# Before a state: the place noun it is said of ("the last town under ...", "the only city held by ...").
_STATE_OF_A_KIND = fastre.compile(r"\b(?:the|an?)\s+(?:[\w-]+\s+){0,3}?(?:town|city|village|district|stronghold|"
                                  r"bastion|enclave|pocket|area|crossing|refinery|dam|base)\s+(?:still\s+|now\s+)?$",
                                  re.IGNORECASE)


def _trigger_after(mention, triggers, sentence_start: int, sentence: str, others=()):
    """The trigger after a place that governs it ("Mosul, which fell last week"), if any.

    ``others``: the sentence's other places; one between the place and a trigger, not in a list with
    it, is the trigger's subject instead ("the district has Sinjar and two towns: Zumar, which the Kurds
    hold").
    """
    rel = mention.start - sentence_start
    state = None  # the state its own apposition gives it, if no verb after it governs it
    for trig in triggers:
        s, e, action, voice, _ = trig
        if _group(trig[4], "held") and any(
                o is not mention and o.start - sentence_start >= e
                and _HELD_ADJECTIVE_GAP.fullmatch(sentence, e, o.start - sentence_start) for o in others):
            continue  # "Tuz, which sits close to the Peshmerga-held city of Kirkuk": the adjective is Kirkuk's
        if state is None and action == "held" and s == mention.end - sentence_start and sentence[s] == ",":
            # "Anah, one of the last ISIS strongholds, was taken back": what it was, then what became of it
            state = trig
            continue
        if voice in ("passive_subject", "passive_agent", "active", "defence") \
                and s >= mention.end - sentence_start:
            between = sentence[mention.end - sentence_start:s]
            if (_CLAUSE_BREAK.search(between) or len(between) > 120) and not (
                    voice == "defence" and len(between) <= 150
                    and _attackers_repelled(sentence, mention.end - sentence_start, s)):
                continue  # (but "attacked the town of Baghdadi, ..., but were beaten back by troops": Baghdadi's)
            if voice == "passive_subject" and action == "held" and _OWN_PREDICATE.search(between) \
                    and _HEAD_NOUN_BEFORE.search(sentence, max(0, s - 30), s):
                continue  # ("the villages had been vital to ISIS in linking areas under their control": the areas')
            if "," in between and action == "held" and _PREDICATE_AFTER.match(sentence, e):
                continue  # "Hawija, which lies near Kirkuk, the only area under IS control is ...": another's
            if _another_subject_between(mention, s + sentence_start, others, sentence, sentence_start):
                continue
            if any(o is not mention and mention.end <= o.start and o.end - sentence_start <= s
                   and (_VERB_BETWEEN.match(sentence, mention.end - sentence_start, o.start - sentence_start)
                        or _RELATIVE_OPENER.match(sentence, mention.end - sentence_start, o.start - sentence_start))
                   and (_WHICH_AFTER.match(sentence, o.end - sentence_start)
                        or _APPOSITION_AFTER.match(sentence, o.end - sentence_start)) for o in others):
                # "Rabia lies in Nineveh, which the militants took", "Kirkuk lies south of Mosul, the IS stronghold
                # under siege", "Bartella, which lies east of Mosul, which ...": the relative clause or the
                # apposition is the other place's
                continue
            if voice.startswith("passive") and _nearer_subject(mention, s + sentence_start, others, sentence,
                                                               sentence_start):
                continue  # "a road that links Mosul, a city in IS hands, with Raqqa": Mosul's apposition
            if _PEOPLE_RELATIVE.search(between):
                continue  # "Badush, which had housed leaders, many of whom had been captured": people were taken
            if voice == "defence" and _DESTINATION_END.search(sentence, max(0, rel - 25), rel):
                continue  # "fled to Erbil, despite the fact that Peshmerga forces repelled ...": where they went
            if _OBJECT_RELATIVE.fullmatch(between):
                # "Kirkuk, which Kurdish forces have controlled since June", "the Mosul Dam, which Kurdish
                # forces said they had retaken": the place is the object.
                return trig
            if _SPEECH.search(between):
                continue
            if sentence[s] == "," and between.strip():
                continue  # an apposition describes the place right before it ("Mosul, the group's main hub")
            if voice == "defence":
                return trig
            if voice == "active" and action == "held" and _group(trig[4], "held") \
                    and _COPULA_NOUN_PHRASE.fullmatch(between) and _KIND_NOUN_AFTER.match(sentence, e):
                return trig  # "Rawa is the last IS-held town", "Haditha remained one of the few government-held towns"
            if voice == "active" and action not in ("captured", "recaptured") \
                    and not _COPULA_END.search(between) \
                    and not (_WITH_END.search(sentence, max(0, rel - 6), rel) and _ADVERBS_ONLY.fullmatch(between)):
                continue  # (but "With Tal Afar fully surrounded, ...": the place and its state, with no verb)
            if voice == "active" and action == "recaptured" and not _COPULA.search(between) \
                    and not ((_ADVERBS_ONLY.fullmatch(between) or _WHERE_IT_LIES.fullmatch(between))
                             and (_DECLARED_END.search(sentence, 0, rel)
                                  or _WITH_END.search(sentence, max(0, rel - 6), rel))) \
                    and not (_REDUCED_LEAD.fullmatch(between) and _PARTICIPLE_START.match(sentence, s)):
                continue  # ("declared Fallujah fully liberated": the place, then its state; "Rabia, freed on Sunday")
            if voice == "active" and action == "captured" and not _AUXILIARY_END.search(between) \
                    and not (_PUNCTUATION_END.search(between) and _PARTICIPLE.search(sentence, s, e)):
                continue
            if _OTHER_SUBJECT_END.search(between):
                continue
            return trig
    return state


def _nearer_subject(mention, trigger_start: int, others, sentence: str, sentence_start: int) -> bool:
    """True when another place between ``mention`` and a passive trigger after it is the trigger's subject: one
    not in a list with ``mention`` ("A, B and C fell" keep theirs) that does not only locate another ("Bashir,
    south of Kirkuk, was cleared")."""
    pos = mention.end
    for other in sorted((o for o in others if mention.end <= o.start and o.end <= trigger_start),
                        key=lambda o: o.start):
        gap = sentence[pos - sentence_start:other.start - sentence_start]
        after = other.end - sentence_start
        qualifies = _PROVINCE_AS_ADJECTIVE.match(sentence, after) or _MODIFIER_OF.match(sentence, after)
        if qualifies:
            # ("Fallujah, another key Anbar city, was lost": a name that only qualifies a noun; the list goes on
            # after that noun: "Khorsabad, the Nineveh ruins and the city of Hatra remain in IS hands")
            pos = sentence_start + qualifies.end()
            continue
        if _WHICH_AFTER.match(sentence, after):
            return True  # "Qaraqosh, near Mosul, which is the militants' last bastion": the clause is Mosul's
        if not _PLACE_LIST_GAP.fullmatch(gap) and not _CONTAINER_GAP.search(gap) \
                and not _placed_relative_to(sentence, other.start - sentence_start, other.kind):
            return True
        pos = other.end
    return False


# "Snune in the Sinjar district", "Rawa in western Anbar", "Hit in Iraq's Anbar province": the place after "in" only
# says where the one before lies.
# (but "the city of Fallujah" is Fallujah: "of" only after a part, "the Hoz district of Ramadi")
_CONTAINER_GAP = fastre.compile(r"\b(?:in|inside|across)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?"
                                r"(?:(?:province|governorate|district|city|town)\s+of\s+)?$|"
                                r"\b(?:district|quarter|neighbou?rhood|suburbs?|outskirts|edge|parts?|areas?)\s+of\s+"
                                r"(?:the\s+)?$", re.IGNORECASE)
# Between the places of a list: "A, B and C fell", "Zumar and the town of Rabia were retaken".
_PLACE_LIST_GAP = fastre.compile(r"\s*(?:,|;|\band\b|&|\bor\b|\bas\s+well\s+as\b)?\s*(?:and\s+|or\s+)?(?:the\s+)?"
                                 r"(?:(?:[\w-]+\s+)?(?:town|city|village|district|towns|villages)\s+of\s+)?")


def _another_subject_between(mention, trigger_start: int, others, sentence: str, sentence_start: int) -> bool:
    """True when a colon opens a list of other places between ``mention`` and a trigger after it: "the district
    has Sinjar and two towns: Zumar, which the Kurds hold" (the list's items are the trigger's subjects;
    "Bashir, south of Kirkuk, was cleared" and "A, B and C fell" keep theirs)."""
    if ":" not in sentence[mention.end - sentence_start:trigger_start - sentence_start]:
        return False
    return any(mention.end <= other.start and other.end <= trigger_start
               and ":" in sentence[mention.end - sentence_start:other.start - sentence_start] for other in others)


_PROVINCE_OBJECT = fastre.compile(  # (a quote may close after the verb: 'have "liberated" Diyala province')
    r"[\"”’']?\s*(?:(?:all|much|most|parts|part|areas|swathes?|large\s+parts|large\s+areas|the\s+rest)\s+of\s+)?(?:the\s+)?"
    # (after other places of the list: "the liberation of Tal Afar city and Nineveh province")
    r"(?:(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2}(?:\s+(?:city|town))?(?:\s*,\s*(?:and\s+)?|\s+and\s+))*"
    r"(?:[\w'’-]+\s+){0,3}?(?:(?:province|governorate)\s+of\s+)?$", re.IGNORECASE)  # ("Iraq's western province of")


# "territory in Salahuddin province", "towns in the province of Diyala": part of the province is the object.
_PROVINCE_AREA = fastre.compile(r"\s*(?:(?:large\s+|vast\s+|swathes\s+of\s+|parts\s+of\s+)?(?:territory|towns|villages|"
                            r"areas|cities|districts|parts|land)\s+in\s+)(?:the\s+)?(?:(?:northern|southern|eastern|western|"
                            r"central)\s+)?(?:(?:province|governorate)s?\s+of\s+)?$", re.IGNORECASE)
# Between a province and its passive verb: "Nineveh province fell", "Anbar, which had been ... , was overrun".
_PROVINCE_SUBJECT = fastre.compile(r"\s*(?:province|governorate)?\s*(?:has|had|have|was|were|is|are)?(?:\s+been)?\s*"
                               r"(?:(?:now|largely|completely|entirely|wholly|fully|mostly|still|firmly)\s+){0,2}",
                               re.IGNORECASE)


# Before a place named as the exception: "all of east Mosul except the Rashidiya district", "apart from Hit".
_EXCEPTED = fastre.compile(
    r"\b(?:except(?:\s+for)?|excepting|apart\s+from|save\s+for|with\s+the\s+exception\s+of|other\s+than|"
    r"but\s+not)\s+(?:(?:in|at)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
# Between a place and the town it lies in: "the Hoz district in the city of Ramadi", "al-Zahra, in eastern
# Mosul", "the Tahrir neighbourhood of Mosul" (the town only says where the part is).
_PART_IN = fastre.compile(
    r"\s*(?:(?:region|district|neighbou?rhood|quarter|area|suburb|village|sector)s?\b)?\s*,?\s*(?:in|of)\s+"
    r"(?:the\s+)?(?:(?!(?:and|or|but|while|as)\b)[\w-]+\s+){0,2}?(?:(?:city|town|provincial\s+capital)\s+of\s+)?",
    re.IGNORECASE)


# Between a place's verb and a second verb of the same subject: "fell to the militants in June but was (later) ...",
# "was captured in 2014 and liberated in 2017" (a conjunction, an auxiliary, an adverb; no other subject).
_SECOND_PREDICATE_GAP = fastre.compile(r"[^.;:,]{0,80}?\s(?:but|and|before|only\s+to\s+be)\s+"
                                       r"(?:(?:was|were|has\s+been|had\s+been|been)\s+)?(?:(?:[a-z]+ly|later|soon|then|again)\s+)?")


_IRREGULAR_PARTICIPLE = fastre.compile(r"(?:won|held|lost|kept)\b")


def _second_predicate(triggers, first, sentence: str, mentions, sentence_start: int):
    """The trigger of a second verb that the subject of ``first`` takes after a conjunction ("Baiji fell to the
    militants in June but was won back in October"), if any: a participle, with no place named between."""
    for trig in triggers:
        if trig[0] <= first[1]:
            continue
        if _SECOND_PREDICATE_GAP.fullmatch(sentence, first[1], trig[0]) \
                and (_PARTICIPLE_START.match(sentence, trig[0]) or _IRREGULAR_PARTICIPLE.match(sentence, trig[0])) \
                and not any(first[1] <= m.start - sentence_start < trig[0] for m in mentions):
            return trig
        return None
    return None


def _names_where_the_next_lies(sentence: str, mention, sentence_start: int) -> bool:
    """True when a town or city qualifies a smaller place named after it: "the Makhmour village of Kabarouk"."""
    rel = mention.start - sentence_start
    return mention.kind in _SETTLEMENT_KINDS and _THE_END.search(sentence, max(0, rel - 5), rel) is not None \
        and _SMALLER_PLACE_OF.match(sentence, mention.end - sentence_start) is not None


def _locates_a_part(mentions, mention, sentence: str, sentence_start: int) -> bool:
    """True when ``mention`` only locates the place named right before it ("the Abu Tayban area in
    central Ramadi"): the earlier place is the object, the town its address."""
    if _UNNAMED_PART_AFTER.match(sentence, mention.end - sentence_start):
        return True  # "advanced into Mosul's Al-Maamun district": a quarter the gazetteer lacks, in Mosul
    for other in mentions:
        if other is mention or other.end > mention.start or mention.start - other.end > 50:
            continue
        if other.id == mention.id or _names_where_the_next_lies(sentence, other, sentence_start):
            continue
        between = (other.end - sentence_start, mention.start - sentence_start)
        if _PART_IN.fullmatch(sentence, *between):
            return True
        if _ON_THE_EDGE_BEFORE.fullmatch(sentence, *between) \
                and _EDGE_AFTER.match(sentence, mention.end - sentence_start):
            return True  # "Albu Shajal on Fallujah's western flank", "Naimiyah, at Fallujah's southern edge"
    return False


# A verb after a noun phrase: it was a clause's subject, no apposition ("..., the last ground under jihadist control
# in the province is a strip of farmland").
# (the verbs in lower case: "held by IS since 2014" names a party, no verb)
_PREDICATE_AFTER = fastre.compile(r"(?:(?!\b(?:and|but|which|that|who)\b)[^,;.()]){0,40}?\s"
                                  r"(?-i:is|are|was|were|remains|remained|lies|lay|has|had|have)\s", re.IGNORECASE)
_APPOSITION_NP = fastre.compile(r"\s*,\s*(?:an?|the|one\s+of\s+the)\s+(?:[\w'’-]+\s+){0,4}?", re.IGNORECASE)
def _list_apposition_state(triggers, sentence: str, end: int):
    """The state or past capture a plural apposition after the place's list gives it, if any.

    "west of Tal Afar and Mosul, two cities under IS control", "the edges of Qaraqosh and Bartella, two towns
    seized by IS in 2014": each place of the list is what the apposition says.
    """
    return next((t for t in triggers
                 if (t[2] == "held" or t[3].startswith("passive") or sentence.startswith(" by ", t[1]))
                 and t[2] in ("held", "captured", "recaptured") and 0 < t[0] - end <= 90
                 and (_LIST_APPOSITION.fullmatch(sentence, end, t[0])
                      # ("between Mosul and Qayyarah, two key IS bastions": the apposition is the trigger's own)
                      or _PLURAL_APPOSITION_START.match(t[4].group(0))
                      and _LIST_REST.fullmatch(sentence, end, t[0]))), None)


# A plural apposition after a list of places: "Tal Afar and Mosul, two cities under IS control".
_LIST_APPOSITION = fastre.compile(
    r"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,2})*\s*,\s*"
    r"(?:two|three|four|five|both|all)\s+(?:of\s+(?:the|them)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:cities|towns|villages|places|areas|districts|strongholds|bastions)\s+(?:[\w'’-]+\s+){0,2}?", re.IGNORECASE)
_LIST_JOIN_PATTERN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"  # between the names of a list: ", ", ", and ", " and "
_LIST_JOIN = fastre.compile(_LIST_JOIN_PATTERN)
_LIST_REST = fastre.compile(rf"(?:{_LIST_JOIN_PATTERN}(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){{0,2}})+")
_PLURAL_APPOSITION_START = fastre.compile(r",\s*(?:two|three|four|five|both|all)\s", re.IGNORECASE)
_APPOSITION_START = fastre.compile(r"(?:an?|the|one)\s", re.IGNORECASE)  # "Baaj, a town Daesh still holds"
_UNNAMED_PART_AFTER = fastre.compile(
    r"['’]s\s+(?:[A-Z][\w'’-]*\s+){1,3}(?i:district|neighbou?rhood|quarter|area|suburb)\b")
_ON_THE_EDGE_BEFORE = fastre.compile(r"\s*,?\s*(?:on|at|along|near)\s+", re.IGNORECASE)
_EDGE_AFTER = fastre.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:flank|edge|outskirts|side|rim|fringe|periphery|"
                             r"approaches|doorstep|gates|limits)\b", re.IGNORECASE)


def triggers_adjacent(triggers, rel: int, sentence: str, end: int | None = None) -> bool:
    """True when a province is the trigger's object itself ("seized parts of the province of Anbar", "took
    territory in Salahuddin province") or the subject of a passive one ("all of Nineveh province fell").

    A province named only as the setting ("clashes in Rawa, in Anbar province") is not.
    """
    if any(0 <= rel - e <= 60 and (_PROVINCE_OBJECT.fullmatch(sentence[e:rel]) and not _IN.search(sentence[e:rel])
                                   or _PROVINCE_AREA.fullmatch(sentence[e:rel])) for _, e, *_ in triggers):
        return True
    # (not one named as where others lie: "the last towns in western Anbar still in government hands", "In Anbar, ...")
    return end is not None and not _CONTAINER_GAP.search(sentence, max(0, rel - 30), rel) \
        and any(t[3].startswith("passive") and 0 <= t[0] - end <= 30
                and _PROVINCE_SUBJECT.fullmatch(sentence[end:t[0]]) for t in triggers)


# Verbs of movement take a place only when a force moves: with no force named they are anyone's.
_MOVEMENT = fastre.compile(r"(?:(?:re-?)?entered|(?:re-?)?entering|moved|advanced|pushed|rolled|marched|poured|surged|"
                           r"streamed|swarmed|swept)\b", re.IGNORECASE)


def _party_after(action: str, actor: str | None, cfg: PartyConfig, voice: str = "active") -> str | None:
    if actor == OTHER:
        return None  # "US forces captured Tikrit": not a change between the parties
    if voice == "defence":
        # Whoever beat the attack off holds the place; unnamed, it is the attackers' opponent.
        return actor or cfg.parties.get(cfg.capture_party, Party("", "", "")).opponent
    if action in ("contested",):
        return "contested"
    if action == "besieged":
        # A besieged place is its defenders': the besieger's opponent (unnamed, the capture party besieges).
        besieger = actor if actor in cfg.parties else cfg.capture_party
        return cfg.parties[besieger].opponent if besieger in cfg.parties else None
    if action == "withdrew":
        # Unnamed people fleeing ("thousands fled the town") are not a force leaving it.  A force leaving
        # credits nobody by default ("Kurdish forces pulled out of Sinjar" is no ISIS capture): the place is
        # open, contested, unless the text says who moved in (_left_to, _withdrawals_to_captors).
        if actor and actor in cfg.parties:
            return "contested"
        return None
    if action == "captured":
        return actor or cfg.capture_party
    if action == "recaptured":
        # Unnamed, who takes back a place is the capture party's opponent ("ISIS retook Baiji" names the group).
        return actor or cfg.parties.get(cfg.capture_party, Party("", "", "")).opponent
    if action == "threatened":
        return actor or cfg.capture_party
    if action == "held":
        return actor
    return actor


@dataclass(frozen=True)
class Reading:
    """A claim as the article words it, before its date is resolved.

    Reading an article's claims does not depend on its publication date; dating them does.
    An article whose publication date is uncertain is read once and dated on each candidate
    date (:func:`date_claims`).
    """

    mention: object  # mapper.places.Mention
    party: str
    actor: str | None
    action: str
    quote: str
    confidence: float
    hedge: str | None
    time: TimeWords  # the time said in the claim's clause
    time_after: TimeWords  # or after an apposition ("captured the dam, Iraq's largest, on Thursday")
    sentence_start: int
    extent: str | None = None  # "partial" (see :func:`_extent`)
    rule: str = ""  # the id of the lexicon rule that fired (lexicon/triggers.toml)


def find_claims(article, mentions, published: dt.date | None, cfg: PartyConfig | None = None) -> list[Claim]:
    """Control claims made by an article.

    Parameters
    ----------
    article : Article
    mentions : sequence of Mention
        The article's place mentions (from :func:`mapper.places.find_mentions`).
    published : datetime.date or None
        Publication date, the anchor of relative dates.
    cfg : PartyConfig, optional
        Party vocabulary (the packaged ``parties.toml`` by default).

    Returns
    -------
    list of Claim
        In text order; a claim with no date in its sentence is dated on publication with
        precision ``range`` (it holds on or before that day).
    """
    return date_claims(read_claims(article, mentions, cfg), published)


def date_claims(readings, published: dt.date | None) -> list[Claim]:
    """The claims of :func:`read_claims` dated against a publication date (one per place, party, action, date)."""
    claims = []
    for r in readings:
        when = r.time.resolve(published) or r.time_after.resolve(published)
        if when is None:
            date, precision, start, phrase = published, "range", None, None
        else:
            date, precision, start, phrase = when.date, when.precision, when.start, when.phrase
        if published and date and date > published + dt.timedelta(days=1):
            date, precision = published, "range"
        if published and date and _last_day(date, precision) < published - HISTORY:
            continue  # background ("US forces captured Tikrit in April 2003"), not this war's news
        m = r.mention
        claims.append(Claim.from_values((m.name, m.id, r.party, r.actor, r.action, date, precision, r.quote,
                                         r.confidence, m.lat, m.lon, r.hedge, phrase, start, r.sentence_start,
                                         m.start, r.extent)))
    return _dedupe(claims)


def _last_day(date: dt.date, precision: str) -> dt.date:
    """The last day a date of this precision can be ("in June last year": June 30)."""
    if precision == "year":
        return date.replace(month=12, day=31)
    if precision == "month":
        return month_end(date)
    return date


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))
_new_object = object.__new__

_TIMES: dict[str, TimeWords] = {}  # read_time of the clauses of the article being read


def _time_of(text: str) -> TimeWords:
    """``read_time(text)``, read once per article: a sentence's claims often share a clause."""
    found = _TIMES.get(text)
    if found is None:
        found = _TIMES[text] = read_time(text)
    return found


def read_claims(article, mentions, cfg: PartyConfig | None = None) -> tuple[Reading, ...]:
    """The control claims an article makes, undated (see :func:`find_claims`, :func:`date_claims`)."""
    cfg = cfg or default_parties()
    _TIMES.clear()  # (a pure function's answers: kept for one article only, to bound the memory)
    text = article.text
    in_scope = sorted((m for m in mentions if _claimable(m)), key=lambda m: m.start)
    if not in_scope:
        return ()
    starts = [m.start for m in in_scope]
    readings = []
    last_actor = None
    unread: list[str] = []  # sentences since last_actor was known, oldest first

    def actor_before() -> str | None:
        """The party named last before this sentence (read lazily: most sentences never need it)."""
        nonlocal last_actor
        while unread:
            sentence = unread.pop()
            found = _subjects(sentence, _party_terms(sentence, cfg), len(sentence))
            if found:
                last_actor = found[-1][2]
                unread.clear()
        return last_actor

    recent: list = []  # the place mentions of the last sentence that had any (antecedents)
    recent_claimed: set[str] = set()  # the ids of those it made claims about
    sentence_actor = None  # the party of this sentence's last claim that has one
    last_time = None  # the time words of the last claim that had any ("a day later" counts from them)
    entry_time, entry_at = None, 0  # a chronology's current entry ("June 13: ...") and where it started
    seen_to = 0  # where the search for the blank line that ends an entry has reached
    unnamed = None  # a claim about places the sentence did not name ("retook two villages"), for the next to name
    taken_before: dict[str, str] = {}  # place id -> party of the last sentence with claims that took places
    retaken_by_before = None  # the one side that retook places in that sentence, if one did
    for s, e in split_sentences(text, article.body_spans()):
        # "The fighters overran Rawa after troops fled. They then took Anah": a pronoun right after a
        # claim is its subject again, whoever else the sentence named.
        previous_actor, sentence_actor = sentence_actor, None
        actor_claim_end = 0  # where the trigger of this sentence's last claim with an actor ends
        sentence_time = None  # the first time this sentence's claims said, not counted from another
        time_before = last_time  # what "the following day" counts from when the sentence says no time
        sentence = text[s:e]
        label = _OPENING_FRAME.match(sentence)
        if label and label.group("label"):
            entry_time, entry_at = _time_of(label.group("label")), s
        elif entry_time is not None:
            if _BLANK_LINE.search(text, max(entry_at, _whitespace_start(text, seen_to)), s):
                entry_time = None  # the entry ended with its paragraph
        seen_to = s  # blank lines before here are already looked for: each stretch is searched once
        lead = _DATELINE_LEAD.match(sentence) if _may_lead(sentence) else None
        if lead:
            # "IRBIL, June 16 (Wire) -": where the story was filed and when, not what it reports.
            sentence = " " * lead.end() + sentence[lead.end():]
        first = bisect.bisect_left(starts, s + (lead.end() if lead else 0))
        named = [m for m in in_scope[first:bisect.bisect_left(starts, e, first)] if m.end <= e]
        if unnamed is not None and named:
            # "Troops retook two villages on Monday. The villages, Zumar and Rabia, had been held since June."
            readings.extend(_named_after(unnamed, sentence, s, named))
            if unnamed.action == "recaptured" and unnamed.actor is not None:
                retaken_by_before = unnamed.party  # ("The freed villages include A and B": freed by that side)
        nouns = _cue_nouns(sentence)
        unnamed = (_unnamed_object_claim(sentence, s, cfg)
                   if not nouns.isdisjoint(_UNNAMED_OBJECT_CUE) and _UNNAMED_OBJECT.search(sentence) else None)
        anaphors = _anaphors(sentence, s, recent, recent_claimed, named, nouns)
        # ("The Anbar town is besieged": a place that only qualifies "the town" is part of it)
        here = [m for m in named if not any(a.start <= m.start and m.end <= a.end for a in anaphors)] + anaphors
        sentence_triggers = None  # read once, when the sentence can make a claim
        if not here and recent and not nouns.isdisjoint(_OBJECT_CUE):
            sentence_triggers = _triggers(sentence, cfg, s)
            # "The militants had seized it."
            here = _object_anaphors(sentence, s, recent, recent_claimed, sentence_triggers)
        if named and sentence.lstrip().startswith("|"):
            # "| Tikrit | Islamic State | Held since 11 June |": a row of a table of who holds what.
            row = _table_row_readings(sentence, s, named, cfg)
            if row:
                readings.extend(row)
                recent, recent_claimed = named, {r.mention.id for r in row}
                continue
        if named and not nouns.isdisjoint(_OBJECT_CUE):
            sentence_triggers = _triggers(sentence, cfg, s)
            here = here + _objects_named_before(sentence, s, named, sentence_triggers)
            if recent:
                # "Clashes were reported inside the town, which lies east of Tikrit": the sentence names
                # places only after "the town", so the town is the sentence before's
                here = here + [a for a in _object_anaphors(sentence, s, recent, recent_claimed, sentence_triggers)
                               if all(m.start >= a.end for m in named) and all(h.start != a.start for h in here)]
        if not here:
            unread.append(sentence)  # its party words matter only if a later "they" needs them
            continue
        if sentence_triggers is None:
            sentence_triggers = _triggers(sentence, cfg, s)
        # Party words that are part of place names ("Islamic State of Iraq") are fine: places are excluded.
        triggers = [t for t in sentence_triggers if not any(m.start - s <= t[0] < m.end - s for m in here)]
        if not triggers:  # no claim here: its party words too are read only if needed
            for mention in here:
                _traced("dropped", s, mention, "", "sentence.no_trigger")
            unread.append(sentence)
            if named:
                recent, recent_claimed = _antecedents(sentence, s, named), set()
            continue
        terms = _party_terms(sentence, cfg)
        quote = hedge = None
        claimed: set[str] = set()
        # "They seized Rawa": the party of the sentence before's claim, else the party named last before.
        pronoun = (previous_actor, actor_before)
        sentence_first = len(readings)
        for mention, trig, found in _claims_of(sentence, s, here, triggers, terms, anaphors, cfg, pronoun):
            actor, party, confidence = found
            action = trig[2]
            if actor is None and action == "captured" and mention.id in taken_before \
                    and _NOMINAL.match(trig[4].group(0)):
                # "The Hashd freed the Baaj area. The capture of Baaj shrinks ...": the capture just told, whose
                # it was the sentence before says
                party = taken_before[mention.id]
            elif actor is None and action == "recaptured" and not terms and retaken_by_before:
                # "The Peshmerga regained eight villages. The freed villages include A and B": a sentence that
                # names no side goes on with the recapture just told, not the default side's
                party = retaken_by_before
            if _EXCEPTED.search(sentence, max(0, mention.start - s - 40), mention.start - s):
                _traced("dropped", s, mention, rule_id(trig, cfg), "place.excepted")  # "all of it except Rawa"
                continue
            if action != "contested" and mention.kind != "province" and _locates_a_part(named, mention, sentence, s):
                # "retook the Hoz district of Ramadi": the district changed hands, the city is its address
                # (fighting there still contests the city).
                _traced("dropped", s, mention, rule_id(trig, cfg), "place.locates_a_part")
                continue
            if quote is None:  # the sentence's first claim
                quote = " ".join(sentence.split())
                hedge_m = _HEDGES.search(sentence)
                hedge = hedge_m.group(0) if hedge_m else None
            if hedge:
                confidence *= 0.6
            if actor is not None:
                sentence_actor, actor_claim_end = actor, max(actor_claim_end, trig[1])
            claimed.add(mention.id)
            # "on June 21, Anah a day later and Qaim two days later": within a sentence, counted from its
            # first time; across sentences ("The next day ..."), from the claim before.
            time = _claim_time(sentence, s, mention, trig, here, sentence_time or time_before)
            if action == "contested" and not time.says_anything():
                # "the offensive to free Nineveh, which was launched on 17 October": fought over since then
                launched = _LAUNCHED_ON.search(sentence, trig[0])
                if launched:
                    time = _time_of(sentence[launched.end():launched.end() + 40])
            if not time.says_anything() and entry_time is not None:
                time = entry_time  # "June 13: ... \n The rebels move into Saadiyah": the entry's day
            time_after_apposition = _time_of(_after_apposition(sentence, mention.end - s))
            said = time if time.says_anything() else time_after_apposition
            if said.says_anything():
                last_time = said
                if sentence_time is None and last_time.later is None:
                    sentence_time = last_time
            extent = _extent(sentence, mention.start - s, mention.end - s, mention.kind)
            rule = rule_id(trig, cfg)
            readings.append(Reading(mention, party, actor, action, quote, round(confidence, 3), hedge,
                                    time, time_after_apposition, s, extent, rule))
            _traced("fired", s, mention, rule, f"{party} {action}")
        if claimed:
            _withdrawals_to_captors(readings, sentence_first)
            taken_before = {r.mention.id: r.party for r in readings[sentence_first:]
                            if r.actor is not None and r.action in ("captured", "recaptured")}
            retakers = {r.party for r in readings[sentence_first:] if r.actor is not None and r.action == "recaptured"}
            retaken_by_before = retakers.pop() if len(retakers) == 1 else None
        named_actors = _subjects(sentence, terms, len(sentence)) if terms else []
        if named_actors:
            # (not a party only fought or taken from: "Bashiqa's liberation from ISIL", "fought the army")
            last_actor = named_actors[-1][2]
            unread.clear()
            if sentence_actor is not None and named_actors[-1][0] > actor_claim_end \
                    and _CLAUSE_OPENER.search(sentence, actor_claim_end, named_actors[-1][0]):
                # "The government declared victory in Mosul, but the extremists are far from beaten. They still
                # control Tal Afar": a later clause's subject is the next sentence's "they"
                sentence_actor = last_actor
        if named:
            recent, recent_claimed = _antecedents(sentence, s, named), claimed
    return tuple(readings)


# A claim about places a sentence does not name ("retook two villages", "seized several towns") ...
_UNNAMED_OBJECT_CUE = frozenset({"villages", "towns", "areas", "neighbourhoods", "neighborhoods", "districts"})
_UNNAMED_OBJECT = fastre.compile(
    r"\s+(?:the\s+)?(?P<count>two|three|four|five|six|several|some|\d+|a\s+number\s+of|a\s+few)\s+"
                             r"(?:[\w-]+\s+){0,2}?(?:villages|towns|areas|neighbou?rhoods|districts)\b", re.IGNORECASE)
_INCLUDABLE = frozenset({"held", "captured", "recaptured", "contested"})
# Between "including" and a place of its list: the list's earlier names, kind nouns, "much of", adjectives.
_INCLUDED_GAP = fastre.compile(
    r"(?:\s|,|\b(?:and|the|of|in|its|their|much|most|all|parts?|large|key|strategic|main|nearby|"
    r"(?:north|south|east|west)(?:ern)?|"
    r"central|provincial|second|third|largest|biggest|(?:second|third)-(?:largest|biggest)|city|cities|town|towns|"
    r"village|villages|province|governorate|"
    # (names with a lower-case article too: "among them al-Jadish, al-Deir and al-Khour")
    r"district|districts|neighbou?rhoods?|areas?|regions?|capital|hub)\b|\b(?-i:[ae][lnrstdz]|ash)-(?-i:[A-Z])[\w'’-]*|"
    r"\b(?-i:[A-Z])[\w'’-]*)*")


def _included_in_claim(triggers, sentence: str, place: int) -> bool:
    """True when the last trigger before the place makes a claim its "including" list names the place in."""
    before = [t for t in triggers if t[1] <= place]
    return bool(before) and before[-1][2] in _INCLUDABLE and _included_after(sentence, before[-1][1], place)


def _included_after(sentence: str, trigger_end: int, place: int) -> bool:
    """True when the place is in an "including" list that follows the trigger's clause ("..., including Hit")."""
    window = max(trigger_end, place - 140)
    last = next(reversed(list(_INCLUDING.finditer(sentence, window, place))), None)
    if last is None or _CLAUSE_BREAK.search(sentence, trigger_end, last.start()):
        return False
    return _INCLUDED_GAP.fullmatch(sentence, last.end(), place) is not None


def _listed_after_unnamed(sentence: str, trigger_end: int, place: int) -> bool:
    """True when a trigger's object is a number of places and the place is one of those a dash, a colon or a
    bracket then lists ("captured six districts in eastern Mosul - Karama, Quds and Samah")."""
    unnamed = _UNNAMED_OBJECT.match(sentence, trigger_end)
    if unnamed is None or unnamed.end() >= place:
        return False
    opening = _LIST_OPENING.match(sentence, unnamed.end(), place)
    return opening is not None and _NAME_LIST.fullmatch(sentence, opening.end(), place) is not None


# After the number of places, where they lie, then the mark that opens their list ...
_LIST_OPENING = fastre.compile(
    r"(?:\s+(?:in|of|near|around|on)\s+[^,;:()–—]{1,40}?)?\s*(?:\s--|\s[-–—]|[–—:(])\s*")
# ... and the names before the place: "Karama, Quds, Samah and "
_NAME_LIST = fastre.compile(rf"(?:{_NAME}(?:\s+{_NAME})*(?:\s*,\s*(?:and\s+)?|\s+and\s+))*")


# What may follow such an object when the place after it is one of them or where they lie ("two villages, Zumar
# and Rabia", "three villages including Wana", "two villages near Mosul"); anything else ends the object.
_UNNAMED_NAMED_OR_PLACED = fastre.compile(
    r"\s*(?:[,:(–—-]|(?:and|including|such\s+as|among\s+them|namely|chiefly|mainly|notably|especially|in|inside|near|of|"
    r"outside|around|on|at|"
    r"(?:north|south|east|west)\w*|\d)\b)", re.IGNORECASE)
# ... and the next sentence naming them in an apposition: "The villages, Zumar and Rabia, ...", "The towns (A and B)",
# "The freed villages include A and B", "These villages are A, B and C".
_NAMING_APPOSITION = fastre.compile(r"\W*(?:The|These|Those|Both)\s+(?:two\s+|three\s+|[\w-]+\s+)?"
                                r"(?:villages|towns|areas|neighbou?rhoods|districts)"
                                r"(?:\s*(?:,|\(|:|[-–—])|\s+(?:include|includes|included|are|were)\s)\s*")
_APPOSITION_END = fastre.compile(r"[),;:]\s|\s[-–—]\s|\s(?:were|are|was|is|had|have|has|lie|lay)\b")


@dataclass(frozen=True)
class _Unnamed:
    """A claim about places left unnamed: its trigger's rule, action, parties, time and quote."""

    rule: str
    action: str
    party: str
    actor: str | None
    time: TimeWords
    quote: str
    sentence_start: int
    count: int | None = None  # how many places it spoke of ("two villages": 2), when it said


def _unnamed_object_claim(sentence: str, offset: int, cfg: PartyConfig) -> _Unnamed | None:
    """The claim a sentence makes about places it leaves unnamed ("Troops retook two villages on Monday")."""
    for trig in _triggers(sentence, cfg, offset):
        start, end, action, voice, m = trig
        unnamed = _UNNAMED_OBJECT.match(sentence, end) if voice == "active" else None
        if unnamed is None or action not in ("captured", "recaptured"):
            continue
        terms = _party_terms(sentence, cfg)
        actor = _actor(sentence, trig, terms, cfg)
        party = _party_after(action, actor, cfg, voice)
        if party is None or party == OTHER:
            return None
        return _Unnamed(rule_id(trig, cfg), action, party, actor, _time_of(sentence), " ".join(sentence.split()),
                        offset, _COUNTS.get(unnamed.group("count").lower()))
    return None


_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, **{str(n): n for n in range(2, 10)}}


def _listed_first(sentence: str, offset: int, named: list, count: int | None) -> list:
    """The places a sentence opens with, listed ("Tal A and Tal B, both on the plain, had ..."), when they are
    as many as ``count``; else none."""
    if not count or len(named) < count:
        return []
    first = named[:count]
    if not _LIST_START.fullmatch(sentence, 0, first[0].start - offset) or any(
            not _LIST_JOIN.fullmatch(sentence, a.end - offset, b.start - offset) for a, b in zip(first, first[1:])):
        return []
    if len(named) > count and _LIST_JOIN.fullmatch(sentence, first[-1].end - offset, named[count].start - offset):
        return []  # (more places in the list than were taken)
    return first if _OPENING_LIST_END.match(sentence, first[-1].end - offset) else []


_LIST_START = fastre.compile(r"\s*[\"“‘]?")
_OPENING_LIST_END = fastre.compile(r"\s*,|\s+(?:were|are|had|have|lie|lay|both|all)\b")


def _named_after(unnamed: _Unnamed, sentence: str, offset: int, named: list) -> list[Reading]:
    """Readings of the claim ``unnamed`` for the places an apposition of this sentence names, or the list it
    opens with (:func:`_listed_first`)."""
    m = _NAMING_APPOSITION.match(sentence)
    if m is None:
        # "Troops took two villages on Monday. Tal A and Tal B had been held since June": as many places as
        # were taken, listed as the next sentence's subject
        chosen = _listed_first(sentence, offset, named, unnamed.count)
    else:
        end = _APPOSITION_END.search(sentence, m.end())
        stop = offset + (end.start() if end else len(sentence))
        chosen = [mention for mention in named if offset + m.end() <= mention.start < stop]
    readings = []
    for mention in chosen:
        readings.append(Reading(mention, unnamed.party, unnamed.actor, unnamed.action,
                                unnamed.quote + " " + " ".join(sentence.split()),
                                round(BASE_CONFIDENCE[unnamed.action] * 0.85, 3), None, unnamed.time,
                                _NO_TIME_WORDS, unnamed.sentence_start, None, unnamed.rule))
        _traced("fired", offset, mention, unnamed.rule, f"{unnamed.party} {unnamed.action} (named after)")
    return readings


# "parts of Ramadi", "several neighbourhoods in Samarra", "the eastern half of Mosul", "most of the city",
# "eastern Mosul", "Baghdad's southern suburbs": a claim about part of the place, not all of it.
_PARTIAL_BEFORE = fastre.compile(
    rf"\b(?:(?:most|much|part|half)\s+of|{PART_NOUN}\s+(?:of|in))\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:city|town|village|province|governorate|district)\s+of\s+)?$"
    r"|\b(?:east|west|north|south|eastern|western|northern|southern|central)\s+$", re.IGNORECASE)
_PARTIAL_AFTER = fastre.compile(rf"['’]s\s+(?:[\w-]+\s+){{0,2}}?{PART_NOUN}\b", re.IGNORECASE)


def _extent(sentence: str, start: int, end: int, kind: str | None = None) -> str | None:
    """``"partial"`` when the place at ``sentence[start:end]`` is named as a part of it, else None."""
    before = _PARTIAL_BEFORE.search(sentence, max(0, start - 60), start)
    if before and kind in _PART_KINDS and _KIND_OF_END.search(before.group()):
        before = None  # "the villages of Tal Samir and Risala": the villages themselves, not parts of them
    if before or _PARTIAL_AFTER.match(sentence, end):
        return "partial"
    return None


_PART_KINDS = frozenset({"village", "district"})
_KIND_OF_END = fastre.compile(r"\b(?:villages?|neighbou?rhoods?|districts?|quarters?)\s+of\s+$", re.IGNORECASE)


def _possessive(sentence: str, trig) -> bool:
    """True for a trigger of a place's own event, which starts at its "'s" ("Mosul's fall"); not a party's
    ("the Peshmerga's seizure of Zumar", whose object follows "of")."""
    return sentence[trig[0]] in "'’" and not trig[4].group(0).rstrip().endswith(" of")


def _withdrawals_to_captors(readings: list, first: int) -> None:
    """A withdrawal goes to whoever the same sentence says took (or holds) the place, at its time when it says none.

    "Peshmerga took control of Kirkuk on 12 June after Iraqi troops withdrew from the city": the army
    left Kirkuk to the Kurds, that day.  ``readings[first:]`` are the sentence's.
    """
    taken = {r.mention.id: r for r in readings[first:] if r.action in ("captured", "recaptured", "held")}
    for i in range(first, len(readings)):
        r = readings[i]
        captor = taken.get(r.mention.id) if r.action == "withdrew" else None
        if captor is not None and captor.party != r.party:
            time = r.time if r.time.says_anything() else captor.time
            readings[i] = replace(r, party=captor.party, time=time)


_NOMINAL_TRIGGER = fastre.compile(r"the\s", re.IGNORECASE)
# A sentence that opens with a gerund of taking: "Retaking Ramadi would ...", "Capturing Mosul will ...".
_GERUND_SUBJECT = fastre.compile(r"\s*[\"“]?(?:[A-Z][a-z]+ing)(?:\s+back)?\s*$")
# ... or one that opens a reported clause: "Abadi argued that regaining Fallujah would ...".
_GERUND_CLAUSE_SUBJECT = fastre.compile(r"\b(?:that|whether)\s+[a-z]+ing(?:\s+back)?\s*$")


def _gerund_subject(sentence: str, t_end: int) -> bool:
    """True when the trigger ending at ``t_end`` is a gerund that is its clause's subject."""
    return _GERUND_SUBJECT.match(sentence[:t_end]) is not None \
        or _GERUND_CLAUSE_SUBJECT.search(sentence, max(0, t_end - 40), t_end) is not None
# A conjunction that makes what follows a condition or a time to come ("before Mosul is captured") ...
_CONDITION = fastre.compile(r"\b(?:before|until|till|unless|once|if|when)\s", re.IGNORECASE)
_WOULD = fastre.compile(r"\b(?:would|will)\b", re.IGNORECASE)
# ... when the verb is in the present ("is captured", "falls", "is fully liberated").
_PRESENT_PASSIVE_END = fastre.compile(r"\s(?:is|are|gets?)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PRESENT_FALL = fastre.compile(r"falls?\b", re.IGNORECASE)
_MODAL = fastre.compile(r"\b(?:would|could|might|may|will|should)\b", re.IGNORECASE)
# A modal perfect: "would have been freed", "could have taken" (not "must have taken": a deduction that it was).
_COUNTERFACTUAL_BEFORE = fastre.compile(r"\b(?:would|could|should)\s+(?:not\s+|never\s+|easily\s+)?"
                                        r"(?:have\s+(?:(?:already|long\s+ago|easily)\s+)?(?:been\s+)?)?$",
                                        re.IGNORECASE)
# A modal right before a verb of fighting: "it will rage in Baghdad", "clashes could erupt in Kirkuk".
_WILL_BEFORE = fastre.compile(r"\b(?:will|would|could|might|may|shall|(?:is|are)\s+(?:going|expected|likely)\s+to)\s+"
                              r"(?:\w+ly\s+|soon\s+|also\s+|still\s+|not\s+)?$", re.IGNORECASE)
# ... or inside the trigger: "the battle will rage in Baghdad" (one "battle ... in" match).
_WILL_INSIDE = fastre.compile(r"\b(?:will|would|could|might|may|shall)\s+(?:\w+ly\s+|soon\s+|also\s+)?"
                              r"(?:rage|erupt|break\s+out|begin|start|take\s+place|be\s+fought|spread|come)\b",
                              re.IGNORECASE)
# What prepares an event: "clearing the way for an assault on", "paving the way for the recapture of", "setting the
# stage for a push into", "in preparation for an offensive on" (right before the trigger).
_PREPARED_FOR = fastre.compile(
    r"\b(?:(?:clear(?:s|ed|ing)?|pav(?:e|es|ed|ing)|open(?:s|ed|ing)?)\s+the\s+(?:way|path|road)|"
    r"set(?:s|ting)?\s+the\s+stage|in\s+preparation|prepar(?:e|es|ed|ing)\s+the\s+ground)\s+for\s+"
    r"(?:(?:an?|the|their|its)\s+)?(?:[\w-]+\s+){0,2}$"
    # "was preparing major attacks on several towns": attacks still being planned
    r"|\b(?:prepar|plann|plott|ready)(?:ing|ed|es|s)?\s+(?:to\s+(?:stage|launch|mount|carry\s+out|conduct)\s+)?"
    r"(?:(?:an?|the|their|its|new|major|fresh|large|big|further|more)\s+)*(?:[\w-]+\s+)?$", re.IGNORECASE)
# Before a nominal event, a verb that sees it to come: "will celebrate the", "expect to announce the".
_FUTURE_EVENT_BEFORE = fastre.compile(
    r"\b(?:will|would|shall|(?:expect(?:s|ed)?|hope[sd]?|hoping|plan(?:s|ned)?|wait(?:ing)?|ready)\s+to)\s+"
    r"(?:(?:soon|also|finally|shortly|then)\s+)?(?:celebrate|announce|declare|proclaim|witness|see|mark|hail)\s+"
    r"$", re.IGNORECASE)
_MODAL_AFTER = fastre.compile(r"\s*(?:,[^,;]{1,100},\s*|\s[–—-]\s[^–—;]{1,100}\s[–—-]\s*)?"
                              r"(?:would|could|might|may|will|should|"
                              # "the liberation of Mosul is very close": still to come
                              r"(?:is|was)\s+(?:now\s+|very\s+|so\s+)?(?:close|near|imminent|at\s+hand|looming|"
                              r"(?:only\s+)?(?:days|weeks|months)\s+away)\b)", re.IGNORECASE)
# "held the city, which they took last Thursday": a relative clause about the place says more.
# (maybe after an apposition; "that" with no comma too)
_WHICH_AFTER = fastre.compile(r"(?:,\s*(?:[^,;()]{1,60},\s*)?"
                              r"(?:(?:(?:large|big|vast|wide)\s+)?(?:parts?|swathes?|areas?|most|much|half|all|some)\s+of\s+)?|"
                              r"\s+(?=that\s)|"
                              # "Ramadi, the Anbar capital that the militants mostly control"
                              r",\s*(?:an?|the)\s+[^,;()]{1,40}?\s+(?=that\s))(?:which|that)\b")
# Words of taking back: "vowed to retake", "an offensive to free", "to take back".
_RETAKE = fastre.compile(rf"\b{_wc('retake_verbs')}", re.IGNORECASE)


def _claims_of(sentence: str, offset: int, here: list, triggers, terms, anaphors: list, cfg: PartyConfig,
               pronoun: tuple) -> list[tuple]:
    """``(mention, trigger, (actor, party, confidence))`` of each claim the sentence makes, place by place.

    A place takes the trigger :func:`_assign` ties it to.  When that trigger comes before the place
    and makes no claim about it, the trigger after the place is tried ("Thousands had fled Mosul,
    which fell last week"); when it makes a threat only, the one after is read too ("Maliki vowed
    to retake Mosul, which fell to ISIS on June 10": a threat and a capture).
    """
    out = []
    for mention, trig in _assign(here, triggers, offset, sentence, cfg):
        found = _party_of(sentence, offset, mention, trig, terms, anaphors, cfg, pronoun)
        before = trig[1] <= mention.start - offset
        # (not for a place that only locates another: "won back villages south of IS-held Mosul")
        over = None if _placed_relative_to(sentence, mention.start - offset, mention.kind) else (
            _predicate_over_held(sentence, mention.start - offset, trig, triggers)
            or _capture_on_the_outskirts(sentence, trig, triggers))
        if found is not None and over is not None and over[2] in ("captured", "recaptured"):
            # "Troops retook the IS-held town of Qayyarah": the news is the verb's ("stormed the Kurdish-held
            # town": the same); the adjective says whose it was until then, a claim of its own
            found_over = _party_of(sentence, offset, mention, over, terms, anaphors, cfg, pronoun)
            if found_over is not None:
                out.append((mention, over, found_over))
                if found[1] != found_over[1]:
                    out.append((mention, trig, found))
                continue
        if found is not None:
            out.append((mention, trig, found))
            if trig[2] in _JOINT_ACTIONS:
                # "cleared of IS by the Peshmerga and Shiite Hashd forces": one claim for each side that did it
                out += [(mention, trig, (party, party, found[2]))
                        for party in _joint_parties(sentence, trig, terms, found[1], cfg)]
            holder = _taken_back_from(sentence, mention, offset, trig, terms) or \
                _surrounded_in(sentence, mention.start - offset, trig, terms) or \
                _held_by_the_other_side(sentence, trig, found[0], cfg)
            if holder is not None:
                # "an offensive to take back Tikrit from the militants": fought over, and theirs until then
                held = (trig[0], trig[1], "held", trig[3], trig[4])
                out.append((mention, held, (holder, holder, BASE_CONFIDENCE["held"])))
            fought_over = over if over is not None and over[2] in ("contested", "threatened") else None
            if fought_over is not None:
                # "Fighting broke out in IS-held Tikrit": the place is held, and fought over.
                found_pred = _party_of(sentence, offset, mention, fought_over, terms, anaphors, cfg, pronoun)
                if found_pred is not None:
                    out.append((mention, fought_over, found_pred))
        if found is not None and not before:
            main = _verb_after_relative_clause(sentence, mention.end - offset, trig, triggers)
            if main is not None:
                # "Mosul, which IS had occupied since 2014, was liberated in July": the clause's state, then the
                # sentence's news
                found_main = _party_of(sentence, offset, mention, main, terms, anaphors, cfg, pronoun)
                if found_main is not None:
                    out.append((mention, main, found_main))
        if before and (found is None or trig[2] == "threatened"
                       or _WHICH_AFTER.match(sentence, mention.end - offset)):
            after = _trigger_after(mention, triggers, offset, sentence, here)
            if after is not None and after[2] != "threatened":
                found_after = _party_of(sentence, offset, mention, after, terms, anaphors, cfg, pronoun)
                if found_after is not None:
                    out.append((mention, after, found_after))
    return out


def _verb_after_relative_clause(sentence: str, end: int, trig, triggers):
    """The trigger of the main verb after the relative clause that ``trig`` lies in, right after a place ending
    at ``end`` ("Mosul, which IS had occupied since 2014, was liberated"), if any."""
    clause = _RELATIVE_CLAUSE.match(sentence, end)
    if clause is None or not (clause.start("clause") <= trig[0] < clause.end("clause")):
        return None
    main = next((t for t in triggers if t[0] >= clause.end()), None)
    if main is None or main[2] not in ("captured", "recaptured", "held", "contested") \
            or main[3] == "defence" or not _AUXILIARIES.fullmatch(sentence, clause.end(), main[0]):
        return None
    return main


# ", which the militants had held since 2014, " (no place, quote or bracket inside)
_RELATIVE_CLAUSE = fastre.compile(r"\s*,\s*(?P<clause>(?:which|that)\s+[^,;:()\"“”]{1,100}?),\s+")
_AUXILIARIES = fastre.compile(
    r"(?:(?:has|had|have|was|were|is|are|been|being|finally|only|also|then|later|eventually|now|fully|completely|"
    r"recently|since)\s+)*")


_JOINT_ACTIONS = frozenset({"captured", "recaptured", "held"})
# Between two forces of one coordinated subject or agent: "the Peshmerga and Shiite militias", "Kurdish forces along
# with Iraqi troops" (not "backed by", "supported by": an ally's support is not its holding).
_JOINT_GAP = fastre.compile(r"(?:\s+(?:fighters|forces|troops|units|militias?|militiamen))?\s*,?\s*"
                            r"(?:and|&|as\s+well\s+as|along\s+with|together\s+with|alongside)\s+(?:the\s+)?"
                            r"(?:[\w'’-]+\s+){0,2}?", re.IGNORECASE)


# Between the forces and their verb: "The Peshmerga and Shiite militias (have) retook ...".
_JOINT_VERB_GAP = fastre.compile(r"[\s,]*(?:(?:have|has|had|also|now|jointly|together|finally)\s+)*")


def _joint_parties(sentence: str, trig, terms, party: str, cfg: PartyConfig) -> list[str]:
    """The other parties the claim's force is coordinated with, right before the trigger or in its "by" agent.

    "The Peshmerga and Shiite militias retook Bashir", "Bashir was cleared of IS by the Peshmerga and Hashd forces":
    the place is each side's.  Forces of no party and states are none; the claim's own party is not repeated.
    """
    start, end = trig[0], trig[1]
    group = []
    before = [t for t in terms if t[1] <= start]
    if before and _JOINT_VERB_GAP.fullmatch(sentence, before[-1][1], start):
        group = [before[-1]]
        for t in reversed(before[:-1]):
            if not _JOINT_GAP.fullmatch(sentence, t[1], group[0][0]):
                break
            group.insert(0, t)
    by = _BY_AGENT.match(sentence, end)
    if len(group) < 2 and by:
        after = [t for t in terms if t[0] >= by.end()]
        group = after[:1]
        for t in after[1:]:
            if not _JOINT_GAP.fullmatch(sentence, group[-1][1], t[0]):
                break
            group.append(t)
    if len(group) < 2:
        return []
    parties = [t[2] for t in group]
    if party not in parties:
        return []
    # ("army units and local fighters": a generic force with no name of its own is no side of its own)
    parties = [t[2] for t in group if t[2] == party or not _generic_force(sentence[t[0]:t[1]])]
    return [p for p in dict.fromkeys(parties)
            if p != party and p in cfg.parties and not cfg.parties[p].state]


def _generic_force(term: str) -> bool:
    """True for a party term that is only a generic noun of fighters ("fighters", "local gunmen"), no name."""
    words = term.split()
    return words[-1].lower() in _GENERIC_FORCES and not any(w[:1].isupper() for w in words)


_BY_AGENT = fastre.compile(r"\s+[^.;,]{0,60}?\bby\s+(?:the\s+)?", re.IGNORECASE)


def _surrounded_in(sentence: str, place: int, trig, terms) -> str | None:
    """The party a fight has surrounded in a place ("troops surrounded ISIS militants in the area of
    Husaybah"): fought over, and theirs until then."""
    if trig[2] != "contested":
        return None
    hit = _SURROUNDED_IN.search(sentence, max(trig[0] - 40, 0), place)
    if not hit:
        return None
    inside = [t for t in terms if hit.start() <= t[0] < place and t[2] != OTHER]
    return inside[0][2] if inside else None


_SURROUND_VERB = fastre.compile(r"(?:surround|encircl|besieg|cornere|trapped|pinned\s+down)", re.IGNORECASE)
_SURROUNDED_IN = fastre.compile(
    r"\b(?:surrounded|encircled|besieged|cornered|trapped|pinned\s+down)\s+(?:[\w()'’-]+\s+){1,5}?(?:inside|in)\s+"
    r"(?:the\s+(?:[\w-]+\s+)?(?:area|town|city|district|village|neighbou?rhood|quarter)\s+of\s+)?$", re.IGNORECASE)


def _taken_from(sentence: str, place_end: int, terms, cfg: PartyConfig | None = None) -> str | None:
    """The party right after "from" after a place ("to take Mosul back from the Islamic State", "from the
    ultra-radical group": a party's owner word ending a short noun phrase), if any."""
    source = _FROM_AFTER.match(sentence, place_end) or _BACK_FROM_AFTER.match(sentence, place_end)
    if not source:
        return None
    owner = [t for t in terms if source.end() <= t[0] <= source.end() + 12]
    if owner:
        return owner[0][2] if owner[0][2] != OTHER else None
    phrase = _SHORT_NOUN_PHRASE.match(sentence, source.end()) if cfg is not None else None
    party = phrase and cfg.owner_party.get(phrase.group(1).lower())
    return party if party and party != OTHER else None


# A noun phrase of up to three words: its last word is the head ("the ultra-radical group").
_SHORT_NOUN_PHRASE = fastre.compile(
    r"(?:[\w'’-]+\s+){0,2}?([\w'’-]+)(?=\s*(?:[,;.]|$|\s+(?:in|on|at|after|before|since)\b))")


_BACK_FROM_AFTER = fastre.compile(r"\s+back\s+from\s+(?:the\s+)?")


def _taken_back_from(sentence: str, mention, offset: int, trig, terms) -> str | None:
    """The party an offensive means to take a place back from ("to retake Tikrit from ISIS"), if it says."""
    if trig[2] != "contested" or not _RETAKE.search(sentence, trig[0], trig[1]):
        return None
    source = _FROM_AFTER.match(sentence, mention.end - offset)
    if not source:
        return None
    owner = [t for t in terms if source.end() <= t[0] <= source.end() + 12]
    return owner[0][2] if owner and owner[0][2] != OTHER else None


_FROM_AFTER = fastre.compile(r"\s+from\s+(?:the\s+)?")


def _held_by_the_other_side(sentence: str, trig, actor: str | None, cfg: PartyConfig) -> str | None:
    """Who holds a place a side has launched an offensive to take back, when the sentence names the side
    ("Kurdish forces opened an offensive to recapture Zumar": Zumar is the Kurds' enemy's until then)."""
    if trig[2] != "contested" or actor not in cfg.parties or not _RETAKE.search(sentence, trig[0], trig[1]):
        return None
    return cfg.parties[actor].opponent or None


def _capture_on_the_outskirts(sentence: str, trig, triggers):
    """The capture a place's outskirts are the ground of ("the army retook much territory on the outskirts of
    Mosul", "seized villages on the edge of Hawija"): part of the place taken, not a threat to it."""
    if trig[2] != "threatened" or not _OUTSKIRTS.search(trig[4].group(0)):
        return None
    earlier = [t for t in triggers if t[1] <= trig[0] and t[2] in ("captured", "recaptured") and t[3] == "active"]
    if earlier and _GROUND_BEFORE.fullmatch(sentence, earlier[-1][1], trig[0]):
        return earlier[-1]
    return None


_OUTSKIRTS = fastre.compile(r"\b(?:outskirts|edges?|fringes?)\b", re.IGNORECASE)
# Between a capture verb and "on the outskirts of": the ground it took ("much territory, especially").
_GROUND_BEFORE = fastre.compile(
    r"\s+(?:(?:much|more|some|several|a\s+number\s+of|dozens\s+of|the|two|three|four|five|six|seven|eight|nine|ten|"
    r"\d+)\s+)?(?:[\w-]+\s+)?(?:territory|ground|villages?|areas?|neighbou?rhoods?|districts?|positions|land|"
    r"hamlets)\b[^.;]{0,30}?\s*", re.IGNORECASE)


def _held_adjective_of(sentence: str, end: int, rel: int) -> bool:
    """True when the party-held adjective ending at ``end`` describes the place at ``rel``: right before it, or
    through its kind ("the Kurdish-held town of Makhmur"), or through a list ("IS-held towns of Qaim and Rawa")."""
    gap = _HELD_ADJECTIVE_GAP.fullmatch(sentence, end, rel)
    return gap is not None and (rel - end <= 40 or bool(gap.group("list")))


def _predicate_over_held(sentence: str, rel: int, trig, triggers):
    """The active trigger that governs a place its party-held adjective describes, if any.

    "Fighting broke out in IS-held Tikrit", "an attack on the Kurdish-controlled town of Makhmur": the
    adjective says who holds the place, the verb before it what happens to it (fought over, threatened,
    taken).
    """
    adjective = _group(trig[4], "held") and _HELD_ADJECTIVE_GAP.fullmatch(sentence, trig[1], rel)
    # ("overrunning the insurgent bastion of Hawija": a capture of a stronghold "of" the place is the same)
    stronghold = not adjective and trig[2] == "held" and trig[4].group(0).lower().endswith(" of") \
        and _STRONGHOLD_OF_GAP.fullmatch(sentence, trig[1], rel)
    if not (adjective or stronghold):
        return None
    earlier = [t for t in triggers if t[1] <= trig[0]]
    if not earlier or earlier[-1][3] != "active" or earlier[-1][2] not in (
            ("captured", "recaptured") if stronghold else ("contested", "threatened", "captured", "recaptured")):
        return None
    between = sentence[earlier[-1][1]:trig[0]]
    if stronghold and not _VERB_TO_OBJECT_GAP.fullmatch(between):
        return None  # ("took Akashat, south of the militants' stronghold of Qaim": the stronghold only locates)
    return earlier[-1] if len(between) <= 40 and not _CLAUSE_BREAK.search(between) else None


# Between a party-held adjective and the place it describes: "IS-held Tikrit", "jihadist-held Yazidi town of Sinjar",
# "the ISIS-held township of Gayara".
# Between "IS-held" and the place it describes: "IS-held Tikrit", "the Kurdish-controlled town of Makhmur", "the
# IS-held towns of Qaim, Rawa and Ana" (a list after a plural kind: each of its places)
_HELD_ADJECTIVE_GAP = fastre.compile(r"\s+(?:(?:[\w-]+\s+){0,2}?(?:town|city|village|hamlet|township|district|areas?|"
                                     r"suburb|neighbou?rhood|region|province|quarter|parts?|sections?|much|most|half)\s+of\s+|"
                                     # ("Peshmerga-held areas in Sinjar": parts of the place)
                                     r"(?:[\w-]+\s+){0,2}?(?:areas|parts|districts|neighbou?rhoods|territory)\s+(?:in|inside)\s+"
                                     r"(?:the\s+(?:town|city)\s+of\s+)?|"
                                     # ("the largest remaining IS-held town, Al-Qaim")
                                     r"(?:[\w-]+\s+){0,2}?(?:town|city|village|district|crossing)\s*,\s+|"
                                     r"(?:[\w-]+\s+){0,2}?(?:towns|cities|villages|hamlets|districts|neighbou?rhoods)\s+of\s+"
                                     r"(?P<list>(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?:\s*,\s*(?:and\s+)?|"
                                     r"\s+and\s+)){0,8}))?")
_VERB_TO_OBJECT_GAP = fastre.compile(r"\s+(?:(?:the|an?|its|their)\s+)?(?:[\w-]+\s+){0,2}")
_STRONGHOLD_OF_GAP = fastre.compile(r"\s+(?:the\s+)?(?:(?:town|city|village|district)\s+of\s+)?")


def _party_of(sentence: str, offset: int, mention, trig, terms, anaphors: list, cfg: PartyConfig,
              pronoun: tuple) -> tuple | None:
    """(actor, party, confidence) of the claim ``trig`` makes about ``mention``, or None if it makes none.

    ``terms`` are the sentence's party terms; a pronoun subject ("They seized Rawa") stands for
    ``pronoun[0]`` (the party of the claim just before) or else ``pronoun[1]()`` (the party named last).
    """
    t_start, t_end, action, voice, _ = trig

    def veto(name: str) -> None:
        _traced("dropped", offset, mention, rule_id(trig, cfg), name)

    if mention in anaphors and (t_start < mention.end - offset
                                or not _ANAPHOR_PREDICATE.fullmatch(sentence[mention.end - offset:t_start])):
        return veto("anaphor.not_the_subject")
    # ("Residents of Erbil recall Mosul's fall": the fall is Mosul's, the place between them: _nearer_subject)
    possessive = _possessive(sentence, trig)
    window = sentence[max(0, t_start - 25):t_start]
    if action in ("captured", "recaptured", "withdrew", "threatened") and (
            _NEGATION.search(window) or _NEGATED_INSIDE.search(trig[4].group(0))):
        return veto("negation")  # ("did not advance on Baghdad", "was not taken by the militants")
    if action in ("captured", "recaptured", "withdrew", "contested") and _denied(sentence, t_start):
        return veto("denied_report")
    if action in ("held", "contested", "besieged") and _NEGATED_STATE.search(window) \
            and cfg.triggers.holder_of(trig[4].re) != "opponent":  # ("will not rest until we retake X")
        return veto("negated_state")  # "does not control Haditha", "not in government hands", "little fighting in"
    # "The fall of Ramadi would be a major setback", "Baiji's loss would ...": what if, not what happened
    what_if_at = t_end if possessive else mention.end - offset if _NOMINAL.match(sentence, t_start, t_end) else None
    if what_if_at is None and _gerund_subject(sentence, t_end) and t_end <= mention.start - offset:
        # "Retaking Ramadi would let Baghdad ...": a gerund as the subject, and what it would bring
        what_if_at = mention.end - offset
        if _MODAL.search(sentence, t_end, mention.start - offset):
            return veto("what_if")
    if what_if_at is not None and _MODAL_AFTER.match(sentence, what_if_at):
        return veto("what_if")
    if action in ("captured", "recaptured") and _NOMINAL.match(sentence, t_start, t_end) \
            and _FUTURE_EVENT_BEFORE.search(sentence, max(0, t_start - 50), t_start):
        return veto("what_if")  # "Iraqis will soon celebrate the liberation of Anbar": a day still to come
    if action in ("captured", "recaptured", "withdrew", "contested") \
            and _COUNTERFACTUAL_BEFORE.search(sentence, max(0, t_start - 40), t_start):
        return veto("what_if")  # "Amerli would have been lost weeks ago without ...": what did not happen
    if action == "contested" and (_WILL_BEFORE.search(sentence, max(0, t_start - 25), t_start)
                                  or _WILL_INSIDE.search(trig[4].group(0))):
        return veto("what_if")  # "the battle will rage in Baghdad": a fight to come
    if action in ("captured", "recaptured", "contested") \
            and _PREPARED_FOR.search(sentence, max(0, t_start - 50), t_start):
        return veto("prepared_for")  # "clearing the way for an assault on Tikrit": the assault is still to come
    lo, hi = mention.start - offset, mention.end - offset
    present = t_start >= hi and (_PRESENT_PASSIVE_END.search(sentence, hi, t_start)
                                 or _PRESENT_FALL.match(trig[4].group(0)))
    if action in ("captured", "recaptured") and present and _CONDITION.search(sentence, max(0, lo - 40), t_start):
        return veto("what_if")  # "before Mosul is captured", "once Raqqa is liberated": a condition, not news
    if action in ("captured", "recaptured") and t_start >= hi:
        condition = _CONDITION.search(sentence, max(0, lo - 40), lo)
        if condition and _WOULD.search(sentence, 0, condition.start()):
            return veto("what_if")  # "the offensive would go on until Zumar was recaptured": a time to come
    actor = _actor(sentence, trig, [t for t in terms if not (lo <= t[0] < hi)], cfg)
    explicit_actor = actor is not None
    # ("It fell within hours": "it" is the place itself, not a force)
    # ("Tal Afar, which fell to armed groups": a passive's pronoun is the place, not a force)
    if actor is None and mention not in anaphors and not _NOMINAL_TRIGGER.match(sentence, t_start, t_end) \
            and action in ("captured", "held", "threatened") and voice in ("active", "defence") \
            and _PRONOUN_SUBJECT.search(sentence[max(0, t_start - 40):t_start]):
        # "'We have full control over Tel Keppe,' the CTS commander said": "we" is the speaker's side
        first_person = _FIRST_PERSON.search(sentence, max(0, t_start - 40), t_start)
        if first_person:
            # ("'Our forces entered Amerli,' the spokesman said": the speaker's side when the sentence names it; never
            # the party of the claim before, which may be the enemy's)
            actor = _quoted_speaker(sentence, terms, t_end)
            if actor is None:
                return veto("no_party")  # ("'Our forces won the battle,' the mayor said": whose, it does not say)
        else:
            actor = pronoun[0] or pronoun[1]()
    if actor is None and action == "recaptured" and voice == "active" and mention not in anaphors \
            and _FIRST_PERSON.search(sentence, max(0, t_start - 40), t_start):
        # "'We drove the militants from Zumar,' a Peshmerga general said": the speaker's side when the sentence
        # names it (else the default, the capture party's opponent)
        actor = _quoted_speaker(sentence, terms, t_end)
    if actor is None and action in ("captured", "recaptured") and _NOMINAL_TRIGGER.match(sentence, t_start, t_end):
        announced = _ANNOUNCED_BEFORE.search(sentence, max(0, t_start - 40), t_start)
        if announced and _ANNOUNCER_PRONOUN.search(sentence, max(0, announced.start() - 20), announced.start()):
            # "The ministry said its troops entered Hit. It later announced the capture of the dam": the
            # announcer is the side named before
            actor = pronoun[0] or pronoun[1]()
    if actor is None and action == "captured" and _MOVEMENT.match(trig[4].group(0)):
        return veto("movement_without_a_force")  # "some crossed into Syria and entered Iraq": people, not a force
    if actor is None and action == "held" and voice == "passive_subject":
        if _QUOTE_OPEN.search(sentence, 0, t_start):
            actor = _quoted_speaker(sentence, terms, t_end)  # "'The area is now under full control,' a colonel said"
        else:  # "a police colonel said Husaybah was under control": the reporting speaker's side
            actor = next((party for _, end, party in reversed(terms) if end <= t_start and party != OTHER
                          and _SPEAKER_AFTER.match(sentence, end)), None)
    if actor is None and action == "captured" and voice == "passive_subject" and _FALL.match(trig[4].group(0)):
        # "'Mosul airport has fallen,' the CTS spokesman said": fallen to the speaker's side
        actor = _quoted_speaker(sentence, terms, t_end) if _QUOTE_OPEN.search(sentence, 0, t_start) else None
    if actor is None and action == "captured" and _gerund_subject(sentence, t_end) and t_end <= lo:
        # "Seizing Bashir is a step towards Hawija": an event named as a topic, with no one who did it (a
        # recapture keeps the default, the capture party's opponent: "Retaking Ramadi was the army's first win")
        return veto("gerund_without_actor")
    if actor is None and action == "captured" and _LOSS_NOUN.match(trig[4].group(0)) and not possessive:
        return veto("no_party")  # "called the loss of Mosul a blow": whose loss, the sentence does not say
    to_the_opponent = cfg.triggers.holder_of(trig[4].re) == "opponent"
    # "to wrest control of Mosul from ISIS": the holder is named, whoever means to take it
    named_holder = _taken_from(sentence, hi, terms, cfg) if to_the_opponent else None
    if actor == OTHER and named_holder is None:
        return veto("forces_of_no_party")
    if action == "recaptured" and actor is None and not to_the_opponent:
        # "The villages of A, B and C were freed" after the Peshmerga's advance: the side whose claim came just
        # before, when it is one that takes places back (never the capture party)
        before = pronoun[0]
        if before in cfg.parties and before != cfg.capture_party and not cfg.parties[before].state:
            actor = before
    party = _party_after(action, actor, cfg, voice)
    if to_the_opponent:
        # "vowed to retake Mosul": the place is the other side's
        if actor in cfg.parties:
            default = cfg.parties[actor].opponent
        elif action == "held" and not _RETAKE.search(sentence, t_start, t_end):
            # "Haditha never fell", "a town the militants could not take": with no side named, the one that
            # could have lost it, the capture party's opponent
            default = cfg.parties.get(cfg.capture_party, Party("", "", "")).opponent or cfg.capture_party
        else:
            default = cfg.capture_party
        party = named_holder or default
    if action == "threatened" and actor is None and _RETAKE.search(sentence, t_start, t_end):
        # "Maliki vowed to retake Mosul": whoever means to take it back is the capture party's opponent.
        party = cfg.parties.get(cfg.capture_party, Party("", "", "")).opponent or party
    if action == "withdrew":
        party = _left_to(sentence, hi, terms) or party
    if party is None:
        return veto("no_party")
    if party == OTHER:
        return veto("forces_of_no_party")
    return actor, party, BASE_CONFIDENCE[action] * (1.0 if explicit_actor else 0.85)


# Words between "the" and "town" that keep it the town just named: "the mainly Shiite Turkmen town".
_TOWN_ADJECTIVES = (
    r"(?:[A-Z][\w'’-]*|mainly|predominantly|largely|mostly|strategic|strategically\s+important|northern|southern|"
    r"eastern|western|central|nearby|key|small|main|besieged|border|oil|desert|provincial|ancient|historic|whole|"
    r"entire|[\w]+-(?:held|majority|dominated|controlled)|[\d,]+-year-old)\s+")  # ("the 3,000-year-old city")
# A time said first, with no comma: "By Monday morning the town was ...".
_TIME_INTRO = (r"(?:(?:[Bb]y|[Oo]n|[Ll]ate\s+on|[Ee]arly\s+on)\s+[A-Z]\w+(?:\s+(?:morning|afternoon|evening|night))?\s+"
               r"|[Ff]or\s+(?:\w+\s+){1,2}?(?:days|weeks|months)\s+)")
_ANAPHOR = fastre.compile(
    r"\s*[\"“‘(]?(?:[A-Z][^,;.\"“]{0,40},\s+|" + _TIME_INTRO + r")?"
    r"(?P<ana>[Ii]t|(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:" + _TOWN_ADJECTIVES + r"){0,3}"
    r"(?P<noun>town|city|capital|village|crossing|neighbou?rhood|quarter|"
    r"border\s+crossing|refinery|dam|airport|air\s+base|base)|(?P<both>[Bb]oth\s+(?P<plural>towns|cities|villages)|"
    r"[Tt]he\s+two\s+(?P<plural2>towns|cities|villages)))\b(?!\s+of\s+(?![\d,]+\s))(?!\s+[A-Z])(?!['’]s)"
    r"(?!\s+(?:\w+\s+)?(?:said|says|added|reported|claimed|announced|stated|told|warned|called|urged|denied)\b)")
_ANAPHOR_KINDS = {
    "town": {"town", "city", "village"}, "city": {"city", "town"}, "capital": {"city"}, "village": {"village", "town"},
    "crossing": {"crossing"}, "border crossing": {"crossing"}, "refinery": {"refinery"}, "dam": {"dam"},
    "airport": {"airport", "airbase"}, "air base": {"airbase", "airport"}, "base": {"airbase"},
    "area": {"town", "city", "village", "district"},
    "neighbourhood": {"district"}, "neighborhood": {"district"}, "quarter": {"district"},
    None: {"town", "city", "village", "crossing", "refinery", "dam", "airport", "airbase"},
}


_DATELINE_LEAD = fastre.compile(
    # ("CTS troops captured ... Mosul - Karama, ...": capitals that a lower-case word follows are no dateline)
    r"\s*[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3}\b(?=[,(]|\s+[—–:-]|\s+\()[^\n]{0,60}?(?:\s[—–-]{1,2}\s+|:\s+|\s--\s+)"
    # "Baghdad (AFP) -": agencies write the place in title case before their name in brackets
    r"|\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}(?:,\s*[^\n(]{1,30}?)?\s*\([A-Z][\w .-]{1,25}\)\s*[—–:-]{1,2}\s+")
def _may_lead(sentence: str) -> bool:
    """False for a sentence :data:`_DATELINE_LEAD` cannot match: one that starts with no word in
    capitals ("IRBIL") and has no agency in brackets ("Baghdad (AFP) -")."""
    return sentence.lstrip()[:2].isupper() or "(" in sentence


# Between "it"/"the town" and its verb: only auxiliaries and adverbs ("had initially held off",
# "appeared largely to have fallen"), never a clause of its own ("It is worth listing what has fallen").
_ANAPHOR_PREDICATE = fastre.compile(
    r"(?:\s+of\s+[\d,]+\s+(?:inhabitants|people|residents|souls))?"  # "this town of 20,000 inhabitants has ..."
    # "The town, 425 km west of Baghdad, fell ...": an apposition between the subject and its verb
    r"(?:\s*(?:,|\s[–—-])\s+[^,;:()–—]{1,80}?(?:,|\s[–—-])(?=\s|$))?"  # ("$": a verb the trigger starts with)
    r"\s*(?:(?:had|has|have|was|were|is|are|been|be|being|to|initially|quickly|swiftly|finally|also|apparently|"
    r"largely|reportedly|appeared|appears|seemed|seems|then|later|soon|eventually|only|already|now|briefly|fully|first|"
    r"partly|partially|completely|effectively|itself|almost|nearly|all\s+but|since|not|never|remains?|remained|"
    r"stays?|stayed|still|firmly|nonetheless|nevertheless|again|virtually|practically|essentially|earlier|once|"
    r"previously|originally|recently|subsequently|ultimately)\s+)*"
    r"[\"“‘]?")  # (a quote may open at the verb: 'both were "liberated by ..."')


def _antecedents(sentence: str, offset: int, named: list) -> list:
    """The places of a sentence a later "the town" may refer to, those that only locate another last
    ("Bashir, 20 km south of Kirkuk, ...": "the town" is Bashir, never Kirkuk; but "retook villages near the
    town of Sinjar ... to recapture the town": the only town named is Sinjar)."""
    located = [_placed_relative_to(sentence, m.start - offset) for m in named]
    # (a located place is one only when named with its kind, "the town of Sinjar", and after all the others)
    return [m for m, loc in zip(named, located) if not loc] + [
        m for m, loc in zip(named, located)
        if loc and _TOWN_OF_END.search(sentence, max(0, m.start - offset - 25), m.start - offset)]


# Where a clause's subject may start inside a sentence: "two days after the town was retaken", "..., and the
# city fell".
_SUBJECT_CLAUSE_START = fastre.compile(
    r"\b(?:after|before|when|as|while|since|until|once|because|and|but|where|that)\s+(?=the\s|this\s|both\s)|"
    # "the government admits the city is under ISIS control": reported speech without "that"
    r"\b(?:admits|admitted|says|said|confirms|confirmed|announced|announces|acknowledged|acknowledges|insists|"
    r"insisted)\s+(?=the\s+(?:[\w-]+\s+)?(?:city|town|village|neighbou?rhood|quarter|dam|refinery|airport|air\s+base|"
    r"crossing)(?:\s*,|\s+(?:is|was|has|had)\s))|"
    # "once it was taken by the army": "it" only after a time conjunction, before a passive (below)
    r"\b(?P<time_conj>after|before|when|once|since|until)\s+(?=it\s+(?:had\s+been|has\s+been|was|were|fell|"
    r"had\s+fallen|has\s+fallen)\s)",
    re.IGNORECASE)


# one of them is in every match of _ANAPHOR
_ANAPHOR_NOUNS = frozenset({"town", "city", "capital", "village", "crossing", "refinery", "dam", "airport", "base",
                            "neighbourhood", "neighborhood", "quarter", "towns", "cities", "villages", "it"})


# Before a place a later clause's "the city" may stand for: one that was left, entered or fought over
# ("fled Ramadi as the provincial capital fell"), not one people went to ("arrived in Erbil after the city fell").
_LEFT_OR_TAKEN_VERBS = (r"\b(?:fled|left|abandoned|deserted|evacuated|withdrew\s+from|pulled\s+out\s+of|"
                        r"retreated\s+from|entered|stormed|attacked|besieged|surrounded|encircled|defended)")
_LEFT_OR_TAKEN = fastre.compile(_LEFT_OR_TAKEN_VERBS, re.IGNORECASE)
_LEFT_OR_TAKEN_BEFORE = fastre.compile(
    _LEFT_OR_TAKEN_VERBS + r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}?(?:city|town|capital|village)\s+of\s+)?$",
    re.IGNORECASE)


def _cue_nouns(sentence: str) -> frozenset[str]:
    """The words of ``sentence`` (lower case) that the readings of places it does not name start from: "it",
    "the town", "two villages" (:data:`_ANAPHOR_NOUNS`, :data:`_OBJECT_CUE`, :data:`_UNNAMED_OBJECT_CUE`), found
    in one scan: most sentences have none, and each test is then a set lookup, not a search of the sentence."""
    return frozenset(_CUE_NOUN.findall(sentence.lower()))


def _anaphors(sentence: str, offset: int, recent: list, claimed: set[str] = frozenset(), named=(),
              nouns: frozenset[str] | None = None) -> list:
    """A clause whose subject is "it", "the town", "this city" refers to the place the sentence before named
    first (of that kind); "both towns" and "the two villages" to its first two.

    The returned mentions carry that place at the pronoun's offsets.  Only subject positions are read
    (the sentence's start, or a clause's after "after", "when", "and", ...): "it" elsewhere is usually the
    group, not a place.
    """
    if not (recent or named) or (_cue_nouns(sentence) if nouns is None else nouns).isdisjoint(_ANAPHOR_NOUNS):
        # (most have no "the town", "it", "both")
        return []
    if not recent and not named:
        return []  # (no sentence before to refer to, and no place of this one)
    # The places the sentence before made claims about come first: the others may only have located them.
    recent = sorted(recent, key=lambda p: p.id not in claimed)
    found = []
    starts = [(0, True)] + [(m.end(), bool(m.group("time_conj"))) for m in _SUBJECT_CLAUSE_START.finditer(sentence)]
    for pos, it_allowed in starts:
        m = _ANAPHOR.match(sentence, pos)
        if not m or (m.group("ana").lower() == "it" and not it_allowed):
            continue
        if m.group("both"):
            kinds = {"town", "city", "village"}
            antecedents = [p for p in recent if p.kind in kinds][:2]
            if len(antecedents) < 2:
                continue
        else:
            noun = m.group("noun")
            kinds = _ANAPHOR_KINDS[" ".join(noun.lower().split()) if noun else None]
            # "fled Ramadi as the provincial capital fell": a later clause's "the city" is the sentence's own
            # place, the nearest one before it
            here = [p for p in named if noun and pos > 0 and p.end - offset <= pos and p.kind in kinds
                    and _LEFT_OR_TAKEN_BEFORE.search(sentence, max(0, p.start - offset - 40), p.start - offset)][-1:]
            if not noun and pos > 0:
                # "Tal Afar, which was home to Turkmen before it fell to IS": "it" in a place's own relative clause
                here = [p for p in named if p.end - offset <= pos and p.kind in kinds
                        and _OWN_RELATIVE_TO.fullmatch(sentence, p.end - offset, pos)][-1:]
            antecedents = here or [p for p in recent if p.kind in kinds][:1]
            if not antecedents and noun and pos > 0:
                # "A commander arrived in Dhuluiya and announced that the town had been liberated": with no town
                # before this sentence, the town it named last before the clause, not one people went to
                # ("Refugees from Mosul arrived in Erbil after the city fell": Mosul)
                antecedents = [p for p in named if p.end - offset <= pos and p.kind in kinds
                               and not _placed_relative_to(sentence, p.start - offset, p.kind)
                               and not _ARRIVED_IN_END.search(sentence, max(0, p.start - offset - 90),
                                                              p.start - offset)][-1:]
        found += [replace(a, surface=m.group("ana"), start=offset + m.start("ana"), end=offset + m.end("ana"))
                  for a in antecedents]
    return found


def _table_row_readings(row: str, offset: int, named: list, cfg: PartyConfig) -> list[Reading]:
    """The claim of a table row that gives a place and, in a cell of its own, who holds it.

    "| Tikrit | Islamic State | Held since the militants took it on 11 June |": Tikrit is held
    by ISIS, since June 11 (the row's other cells say when).  A row whose cells name no party
    alone, or whose first cell holds no place, makes no claim here.
    """
    cells = []  # (start, end) of each cell's text within the row
    pos = row.index("|") + 1
    while (bar := row.find("|", pos)) >= 0:
        cells.append((pos, bar))
        pos = bar + 1
    if len(cells) < 2:
        return []
    first_start, first_end = cells[0]
    places = [m for m in named if first_start <= m.start - offset and m.end - offset <= first_end]
    party = None
    for start, end in cells[1:]:
        cell = row[start:end].strip()
        if cell.lower() == "contested":
            party = "contested"
            break
        terms = _party_terms(cell, cfg)
        if len(terms) == 1 and terms[0][1] - terms[0][0] == len(cell) and terms[0][2] != OTHER:
            party = terms[0][2]
            break
    if not places or party is None:
        return []
    quote = " ".join(row.split())
    time = _time_of(row[first_end:])
    action = "contested" if party == "contested" else "held"
    return [Reading(m, party, None if party == "contested" else party, action, quote,
                    BASE_CONFIDENCE[action], None, time, _NO_TIME_WORDS, offset, rule="table.row") for m in places]


_NO_TIME_WORDS = TimeWords()
_FRONTING_WORDS = ("In ", "Inside ", "At ")
_FRONTED = fastre.compile(r"\s*(?:In|Inside|At)\s+(?:the\s+(?:[\w-]+\s+)?(?:town|city)\s+of\s+)?$")


def _fronted_place(sentence: str, offset: int, mention) -> bool:
    """True when the sentence opens with the place as its setting: "In Kirkuk, ..."."""
    return bool(_FRONTED.fullmatch(sentence, 0, mention.start - offset)) \
        and sentence.startswith(",", mention.end - offset)


# "seized it", "retook the town", "pulled out of it": the place taken or left is the one just named.
_OBJECT_CUE = frozenset({"it", "town", "city", "village", "crossing", "refinery", "dam", "airport", "base", "area"})
# A non-word character, then the word (a longer one before its prefix: "towns" before "town"), searched in the
# lower-cased sentence after a space: a pattern that starts with a character class lets the engine skip
# ahead over the letters of words, where one that starts with "\b" would be tried at each of them.
_CUE_NOUN = fastre.compile(r"\b(?:" + "|".join(sorted(_ANAPHOR_NOUNS | _OBJECT_CUE | _UNNAMED_OBJECT_CUE,
                                                     key=lambda w: (-len(w), w))) + r")\b")
_OBJECT_ANAPHOR = fastre.compile(
    r"\s+(?:(?:back|over|full\s+control\s+of|control\s+of|from|out\s+of|of)\s+)?"
    r"(?:(?:most|much|parts?|half|all|the\s+rest|the\s+remainder|the\s+whole|(?:more\s+than|over|nearly|almost|about)\s+"
    r"half)\s+of\s+)?"  # "held most of the city", "still control more than half of the city"
    r"(?P<ana>it|(?:the|this|that)\s+(?:" + _TOWN_ADJECTIVES + r"){0,3}"
    r"(?P<noun>town|city|village|crossing|border\s+crossing|refinery|dam|airport|air\s+base|base|area))"
    r"\b(?!\s+of\b)(?!['’]s)(?!\s+(?:was|were|is|had|has|would|will)\b)"
    r"(?!\s+(?:around|near|outside|surrounding|between)\b)"  # ("seized the area around the shrine": another area)
    # "the town hall", "the city council": a building or a body of the town, not the town
    r"(?!\s+(?:hall|halls|council|square|gates?|mosque|hospital|police|mayor|walls?|prison|jail)\b)")
_OBJECT_ACTIONS = ("captured", "recaptured", "held", "withdrew", "contested", "besieged")
# "the village", "the town": what an "it" after it in the same sentence may stand for.
_TOWN_NOUN_BEFORE = fastre.compile(r"\b(?:the|this|that)\s+(?:" + _TOWN_ADJECTIVES + r"){0,3}"
                                   r"(?P<noun>town|city|village)\b(?!\s+of\b)(?!['’]s)(?![^.;]*\b(?:the|this|that)\s+"
                                   r"(?:town|city|village)\b)")


def _objects_named_before(sentence: str, offset: int, named: list, triggers) -> list:
    """"the city" or "it" as a trigger's object, standing for a place the same sentence named before it.

    "In Kirkuk, Kurdish forces remained in control of the city": the place the sentence opens with.
    "... blew up a shrine in Tal Afar after seizing the town": the nearest place before; "it" only
    for a place a trigger took or left ("took Tikrit in June; troops regained it").
    """
    if sentence.lstrip().startswith(_FRONTING_WORDS) and _fronted_place(sentence, offset, named[0]):
        return _object_anaphors(sentence, offset, named[:1], {named[0].id}, triggers)
    # "The mayor of Telafer, 60 km west of Mosul, said troops had left the town": Telafer's town
    named = [m for m in named if not _placed_relative_to(sentence, m.start - offset)]
    taken = {m.id for m in named if _follows_trigger(triggers, m.start - offset)
             or _subject_of_passive(triggers, m.end - offset) or _opens_as_subject(sentence, m.start - offset,
                                                                               m.end - offset)}
    return [a for a in _object_anaphors(sentence, offset, named[::-1], taken, triggers)
            if any(m.id == a.id and m.end <= a.start for m in named)]


# A verb right after a place: the place is its clause's subject ("Qayyarah has come under fire since ...").
_SUBJECT_VERB_AFTER = fastre.compile(r"\s+(?:has|have|had|is|was|were|are|remains?|remained)\b")


def _opens_as_subject(sentence: str, start: int, end: int) -> bool:
    """True when the place opens the sentence as its subject: "Qayyarah has been shelled since troops freed it"
    (the "it" a later clause takes stands for it)."""
    return not sentence[:start].strip(" \"“'‘") and _SUBJECT_VERB_AFTER.match(sentence, end) is not None


def _subject_of_passive(triggers, place_end: int) -> bool:
    """True when a passive trigger follows a place closely ("Baiji was lost to the militants"): it changed hands."""
    return any(t[3].startswith("passive") and 0 <= t[0] - place_end <= 40 for t in triggers)


def _follows_trigger(triggers, place: int) -> bool:
    """True when a trigger ends just before ``place`` (the place is its object: "took Tikrit")."""
    return any(0 <= place - t[1] <= 20 for t in triggers)


def _object_anaphors(sentence: str, offset: int, recent: list, claimed: set[str], triggers) -> list:
    """A sentence that names no place but takes or leaves "it" or "the town" right after a trigger
    ("The militants had seized it on June 16") refers to the place the sentence before named first.

    Only the object of a trigger in the active voice is read.  "The town" must be a town named in
    the sentence before; "it" one that sentence made a claim about ("Police found a weapons cache
    in Tikrit. Militants had seized it": the cache), ``claimed`` being their ids.  ``triggers``
    are the sentence's (:func:`_triggers`).
    """
    for _, end, action, voice, _match in triggers:
        if voice != "active" or action not in _OBJECT_ACTIONS:
            continue
        m = _OBJECT_ANAPHOR.match(sentence, end)
        if not m:
            continue
        noun = m.group("noun")
        if noun == "area" and any(w[:1].isupper() for w in m.group("ana").split()[1:]):
            continue  # "now control the Trepca area": an area of its own name, not the place before
        kinds = _ANAPHOR_KINDS[" ".join(noun.lower().split()) if noun else None]
        # "it" stands for a place the sentence before made a claim about, or for "the village" this one named
        # first: "... committed in the village since taking it over in June" (the village named before)
        named_noun = None if noun else _TOWN_NOUN_BEFORE.search(sentence, 0, end)
        if named_noun:
            kinds = _ANAPHOR_KINDS[" ".join(named_noun.group("noun").lower().split())]
        # (the places the sentence before made claims about first, as for a subject: the others may only locate)
        antecedent = next((p for p in sorted(recent, key=lambda p: p.id not in claimed)
                           if p.kind in kinds and (noun or named_noun or p.id in claimed)), None)
        if antecedent is None:
            return []
        return [replace(antecedent, surface=m.group("ana"), start=offset + m.start("ana"),
                        end=offset + m.end("ana"))]
    return []


def _left_to(sentence: str, pos: int, terms) -> str | None:
    """The party a place was abandoned to, if named: "abandoned Kirkuk to Kurdish forces", "withdrew from
    Jalawla after Kurdish forces advanced", "pulled out of Rabia as the Peshmerga moved in"."""
    m = _TO.match(sentence[pos:])
    if m:
        hit = [t for t in terms if t[0] == pos + m.end()]
        return hit[0][2] if hit else None
    m = _AS_OTHERS_CAME.match(sentence, pos)
    if m:
        hit = [t for t in terms if t[0] == m.end()]
        if hit and _ARRIVED.match(sentence, hit[0][1]):
            return hit[0][2]
    # "pulled out of the crossing late on Saturday, leaving fighters of the Islamic State in control"
    m = _LEAVING.search(sentence, pos, min(len(sentence), pos + 80))
    if m:
        hit = [t for t in terms if m.end() <= t[0] <= m.end() + 12]
        if hit:
            return hit[0][2]
    return None


_LEAVING = fastre.compile(
    r"[^.;]*?\b(?:leaving|handing\s+(?:it|the\s+\w+)\s+(?:over\s+)?to|ceding\s+(?:it|the\s+\w+)\s+to)\s+(?:the\s+)?",
    re.IGNORECASE)
# After a place left: the forces that came in, then what they did.
_AS_OTHERS_CAME = fastre.compile(
    r"(?:\s+(?:on|late\s+on|early\s+on)\s+\w+)?,?\s+(?:after|as|when|while|and(?:\s+then)?)\s+"
                             r"(?:the\s+)?", re.IGNORECASE)
_ARRIVED = fastre.compile(r"\s+(?:had\s+|have\s+)?(?:advanced|arrived|moved\s+in|attacked|approached|closed\s+in|"
                      r"entered|surrounded|overran|stormed|took\s+over|took\s+control|deployed|rolled\s+in)\b",
                      re.IGNORECASE)


# A pronoun that announces: "It also announced", "They later declared".
_ANNOUNCER_PRONOUN = fastre.compile(r"\b(?:it|they)\s+(?:also\s+|later\s+|then\s+|has\s+|have\s+|had\s+)?$",
                                    re.IGNORECASE)
_PRONOUN_SUBJECT = fastre.compile(r"\b(?:they|he|she|we|it|who|which|"
                                  r"our\s+(?:[\w-]+\s+)?(?:forces|troops|fighters|men|units))\s+(?:\w+\s+){0,3}$",
                                  re.IGNORECASE)
# A comma inside a date ("June 10, 2014", "Thursday, June 12") ends no clause.
_CLAUSE_END = fastre.compile(
    r";\s|,(?!\s*(?:(?:19|20)\d\d\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d))\s|"
    # ("since" opening a clause with a verb of its own, "the worst blow since US troops left at the end of 2011",
    # not a time: "held since June", "since the start of the year")
    r"\s[-–—]\s|\b(?:as|where|while|but|after|before|when|since(?=\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:left|withdrew|"
    r"pulled|took|seized|began|started|ended|fell|came|arrived|entered)\b))\b", re.IGNORECASE)


_APPOSITION_THEN_TIME = fastre.compile(
    r",[^,;]{1,60},\s+(?P<time>(?:on|late|early|in|since|last|yesterday|today|overnight)"
                                   r"\b[^,;.]{0,25})")


def _after_apposition(sentence: str, pos: int) -> str:
    """The time said after an apposition: "captured the dam, Iraq's largest, on Thursday" -> "on Thursday"."""
    m = _APPOSITION_THEN_TIME.match(sentence, pos)
    return m.group("time") if m else ""


def _clause_span(sentence: str, start: int, end: int, others: Iterable[int] = ()) -> tuple[int, int]:
    """The offsets of the words around [start, end) up to the nearest clause boundaries (where the claim's
    time is said).

    The clause reaches 30 characters back past its boundary ("On Saturday, militants took Rawa"),
    unless another place the sentence makes a claim about is there ("ISIS, which seized Mosul on
    June 10, has since taken Tikrit": June 10 is Mosul's); ``others`` are their offsets.
    """
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)), default=0)
    right_m = _CLAUSE_END.search(sentence, end)
    right = right_m.start() if right_m else len(sentence)
    reach = max(0, left - 30)
    if reach < left and any(reach <= o < left for o in others):
        reach = left
    return reach, right


def _own_time(sentence: str, lo: int, clause_end: int, others) -> TimeWords | None:
    """The time words right after a place, before the next place of the clause, if it says any.

    "Militants seized Rawa on Saturday and Anah on Sunday": each place has a time of its own.
    Only read when the sentence names other places; "seized Rawa and Anah on Saturday" leaves
    Rawa none, and the clause's time is both places'.
    """
    if not others:
        return None
    following = [o for o in others if lo < o < clause_end]
    time = _time_of(sentence[lo:min(following, default=clause_end)])
    return time if time.says_anything() else None


# More of the same news: "The insurgents also took the airport", "The jihadists even took the dam".
_ALSO = fastre.compile(r"\b(?:also|even)\b", re.IGNORECASE)
_BLANK_LINE = fastre.compile(r"\n\s*\n")


def _whitespace_start(text: str, at: int) -> int:
    """Where the run of white space that ends at ``at`` starts (``at`` if none): a blank line may straddle it."""
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at
# A time said at a sentence's edge frames all of it: "On Saturday, officials said troops took X",
# "Troops said they seized X, ..., from the militants, on Saturday."
_FRAME_WORDS = r"(?:on|late\s+on|early\s+on|last|overnight|yesterday|today|earlier|late|early|since|by|in)\b"
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# ... or a chronology's entry label: "June 11: The militants ...", "12 August 2014 - ..."
_OPENING_FRAME = fastre.compile(rf"^\W*(?:(?P<time>{_FRAME_WORDS}[^,;]{{0,40}}),|(?P<label>{_MONTH_WORD}\s+\d{{1,2}}"
                            rf"(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}\s+{_MONTH_WORD}(?:\s+(?:19|20)\d\d)?)\s*[:–—-]\s)",
                            re.IGNORECASE)
_CLOSING_FRAME = fastre.compile(rf",\s+(?P<time>{_FRAME_WORDS}[^,;]{{0,40}}?)\W*$", re.IGNORECASE)


@lru_cache(maxsize=64)  # a sentence's claims all ask for it
def _sentence_frame(sentence: str) -> TimeWords | None:
    """The time words of a sentence's opening or closing adverbial, if it has one that names a time."""
    for pattern in (_OPENING_FRAME, _CLOSING_FRAME):
        m = pattern.search(sentence)
        if m:
            time = _time_of(m.group("time") or m.group("label"))
            if time.says_anything():
                return time
    return None


def _may_say_later(clause: str) -> bool:
    """False when ``clause`` has none of the words of "a day later" phrases (most have none)."""
    lowered = clause.lower()
    return "later" in lowered or "day" in lowered or not lowered.isascii()


def _claim_time(sentence: str, offset: int, mention, trig, here: list, last_time: TimeWords | None) -> TimeWords:
    """The time words of a claim: those of its clause, or "a day later" after the time of the claim before.

    "Militants seized Rawa on June 21 and Anah a day later": the phrase belongs to the place it follows
    (or precedes) with no other place between them, and counts from the last claim that said a time.
    """
    lo, hi = mention.start - offset, mention.end - offset
    others = () if len(here) == 1 else [other.start - offset for other in here if other is not mention]
    a, b = _clause_span(sentence, min(trig[0], lo), max(trig[1], hi), others)
    clause = sentence[a:b]
    time = _time_of(clause)
    if trig[0] >= hi and time.says_anything():
        # a verb after its place says its own time after it ("..., in which troops were stormed last Tuesday")
        tail = _time_of(sentence[trig[1]:b])
        if tail.says_anything():
            return tail
    if others and time.says_anything():
        time = _own_time(sentence, lo, b, others) or time
    if not time.says_anything():
        time = _sentence_frame(sentence) or time
    if last_time is None:
        return time
    changes = trig[2] in ("captured", "recaptured", "withdrew")
    also = _ALSO.search(clause) if changes and not time.says_anything() else None
    if also:
        # "ISIL captured Mosul on 10 June. The insurgents also took the airport": the same day's news
        return time_after(last_time, 0, also.group(0).lower())
    if not _may_say_later(clause):
        return time

    def alone(gap_start: int, gap_end: int) -> bool:
        return not any(gap_start <= o < gap_end for o in others)

    phrases = find_later(sentence, a, b)
    # The nearest phrase after the place, else the nearest before it, with no other place between.
    # ("Rawa and Anah were taken the following day": a phrase after the verb is its subjects')
    after = [p for p in phrases if p[0] >= hi and p[2] > 0  # ("a day after taking": see below)
             and (alone(hi, p[0]) or hi <= trig[0] and trig[1] <= p[0] and alone(trig[1], p[0]))]
    before = [p for p in phrases if p[1] <= lo and alone(p[1], lo)]
    chosen = after[0] if after else before[-1] if before else None
    if chosen is None:
        return time
    start, end, days = chosen
    return time_after(last_time, days, sentence[start:end])


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per (place, party, action, date) within an article, keeping the most confident."""
    best: dict[tuple, Claim] = {}
    for c in claims:
        k = (c.place_id, c.party, c.action, c.date)
        # The most confident; between equals, the one whose words give its date.
        if k not in best or (c.confidence, c.date_phrase is not None) > (best[k].confidence,
                                                                          best[k].date_phrase is not None):
            best[k] = c
    return sorted(best.values(), key=lambda c: c.mention_start or 0)


def __getattr__(name: str):
    # ``TRIGGERS``: the default configuration's rules as (pattern, action, voice), in order.  Built on
    # first use, not at import: compiling the lexicon is a third of the import time, and worker
    # processes forked before it compile it at the same time instead of one after the other.
    if name == "TRIGGERS":
        return [(t.pattern, t.action, t.voice) for t in default_parties().triggers.triggers]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
