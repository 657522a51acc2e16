"""The claim engine's trigger rules, as data: ``lexicon/triggers.toml``.

Each rule is one phrasing family with an id, an action, a voice, a pattern (or verb lemmas whose
inflections are generated), the cue words that gate it, and examples and counter-examples in the
project's own words.  Party words never appear in a rule: ``{OWNER}`` stands for every word of every
party in ``parties.toml`` (its ``terms`` and ``owner_words``), so a party added there works with every
rule.  The rules are compiled once per party configuration (:func:`compile_triggers`); when the
lexicon loads, every example is checked against its rule's pattern.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import fastre

__all__ = ["Rule", "Trigger", "CompiledTriggers", "WordClass", "rules", "word_classes", "word_class_pattern",
           "compile_triggers", "inflections", "LexiconError"]

DAY_OR_MONTH = ("(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
                "July|August|September|October|November|December)")
# A day put between a verb of control and its object, as statements put it: "took full control on Tuesday
# morning of the villages", "imposed control yesterday over Albu Shajal" (optional: empty when absent).
WHEN = (rf"(?:(?:(?:late|early)\s+)?(?:on\s+)?{DAY_OR_MONTH}(?:\s+\d{{1,2}})?"
        r"(?:\s+(?:morning|afternoon|evening|night))?\s+|"
        r"(?:today|yesterday|overnight|this\s+(?:morning|afternoon|evening))\s+)?")
# The parts of a place a claim may be about ("several districts of Ramadi", "the eastern half of Mosul").
PART_NOUN = (r"(?:parts?|areas|neighbou?rhoods?|districts?|quarters?|sections?|suburbs?|outskirts|edges?|villages|"
             r"swathes|swaths|pockets|portions?|half|side|bank|old\s+city|cent(?:re|er)|downtown)")


class LexiconError(ValueError):
    """A rule of the lexicon is malformed, or one of its examples does not match it."""


@dataclass(frozen=True)
class Rule:
    """One trigger rule as written in the lexicon (placeholders not yet expanded)."""

    id: str
    action: str
    voice: str
    pattern: str
    cues: tuple[str, ...]
    examples: tuple[tuple[str, ...], ...]
    counter_examples: tuple[tuple[str, str], ...]
    holder: str = "actor"  # whose the place is after: the actor's (as the action says), or its "opponent"
    case_sensitive: bool = False  # matched as written ("Iraqi Troops Retake Hit": a headline's title case)


@dataclass(frozen=True)
class Trigger:
    """A compiled rule: what the engine matches."""

    id: str
    pattern: re.Pattern
    action: str
    voice: str
    holder: str = "actor"


@dataclass(frozen=True)
class CompiledTriggers:
    """The rules compiled for one party configuration, with the cue filter that gates them."""

    triggers: tuple[Trigger, ...]
    scanner: fastre.Scanner  # the rules' patterns, gated by their cue words and tried where they can start
    # Keyed by ``id(pattern)``: hashing a compiled pattern hashes all its code (17 µs for the longest rule),
    # and the engine asks for every candidate.  The patterns live as long as ``triggers`` holds them.
    rule_ids: dict  # id(compiled pattern) -> rule id
    holders: dict  # id(compiled pattern) -> "actor" or "opponent"

    def rule_of(self, pattern: re.Pattern) -> str:
        """The id of the rule ``pattern`` was compiled from ("" for a pattern of no rule)."""
        return self.rule_ids.get(id(pattern), "")

    def holder_of(self, pattern: re.Pattern) -> str | None:
        """Whose the place is after the rule of ``pattern`` fires: "actor" or "opponent"."""
        return self.holders.get(id(pattern))

    def possible(self, sentence: str) -> list[Trigger]:
        """The triggers whose cue words ``sentence`` contains, in rule order."""
        return [self.triggers[i] for i in self.scanner.candidates(sentence.lower())]

    def matches(self, sentence: str) -> list[tuple[Trigger, Iterable[re.Match]]]:
        """``(trigger, its matches in sentence)`` for the triggers whose cue words ``sentence`` contains, in
        rule order (each trigger's matches as ``pattern.finditer`` gives them)."""
        return [(self.triggers[i], found) for i, found in self.scanner.scan(sentence)]


# -- inflections -----------------------------------------------------------------------------
_IRREGULAR = {
    "take": ("takes", "took", "taken", "taking"), "retake": ("retakes", "retook", "retaken", "retaking"),
    "drive": ("drives", "drove", "driven", "driving"), "win": ("wins", "won", "won", "winning"),
    "fall": ("falls", "fell", "fallen", "falling"), "hold": ("holds", "held", "held", "holding"),
    "overrun": ("overruns", "overran", "overrun", "overrunning"), "sweep": ("sweeps", "swept", "swept", "sweeping"),
    "seize": ("seizes", "seized", "seized", "seizing"), "beat": ("beats", "beat", "beaten", "beating"),
    "flee": ("flees", "fled", "fled", "fleeing"), "lose": ("loses", "lost", "lost", "losing"),
    "break": ("breaks", "broke", "broken", "breaking"), "get": ("gets", "got", "gotten", "getting"),
    "push": ("pushes", "pushed", "pushed", "pushing"), "rid": ("rids", "rid", "rid", "ridding"),
    "regain": ("regains", "regained", "regained", "regaining"),
    "seek": ("seeks", "sought", "sought", "seeking"), "fight": ("fights", "fought", "fought", "fighting"),
    "cleanse": ("cleanses", "cleansed", "cleansed", "cleansing"),
}


# Verbs that double their last consonant before -ed and -ing (stress on the last syllable).
_DOUBLES = {"control", "patrol", "expel", "repel", "compel", "propel", "admit", "commit", "rebel", "occur", "overrun"}


def inflections(lemma: str, re_prefix: bool = False) -> list[str]:
    """The forms of a verb lemma ("liberate" -> liberate, liberates, liberated, liberating), and with
    ``re_prefix`` its "re" and "re-" forms too ("recontrol", "re-controlled")."""
    words = lemma.split(" ", 1)
    verb, rest = words[0], (" " + words[1] if len(words) > 1 else "")
    if verb in _IRREGULAR:
        forms = [verb, *_IRREGULAR[verb]]
    elif verb.endswith(("ee", "ye", "oe")):
        forms = [verb, verb + "s", verb + "d", verb + "ing"]
    elif verb.endswith("e"):
        forms = [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    elif verb in _DOUBLES:
        forms = [verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    elif verb.endswith(("sh", "ch", "ss", "x")):
        forms = [verb, verb + "es", verb + "ed", verb + "ing"]
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        forms = [verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    elif re.fullmatch(r"[a-z]*[^aeiou][aeiou][bdgmnpt]", verb) and len(verb) <= 4:
        forms = [verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    else:
        forms = [verb, verb + "s", verb + "ed", verb + "ing"]
    if re_prefix:
        forms += [p + f for f in forms for p in ("re", "re-")]
    return list(dict.fromkeys(f + rest for f in forms))


def _lemma_alternation(lemmas, re_prefix: bool) -> str:
    forms = sorted({f for lemma in lemmas for f in inflections(lemma, re_prefix)}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")"


# -- loading ---------------------------------------------------------------------------------
def _read() -> list[dict]:
    raw = resources.files(__package__).joinpath("lexicon", "triggers.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)["rule"]


_ACTIONS = {"captured", "recaptured", "withdrew", "held", "contested", "threatened", "besieged"}
_VOICES = {"active", "passive_subject", "passive_agent", "defence"}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules of ``lexicon/triggers.toml``, in order, with lemmas expanded and cue words derived."""
    out, seen = [], set()
    for entry in _read():
        rid = entry.get("id", "?")
        if rid in seen:
            raise LexiconError(f"triggers.toml: rule id {rid!r} is used twice")
        seen.add(rid)
        if entry.get("action") not in _ACTIONS or entry.get("voice") not in _VOICES:
            raise LexiconError(f"triggers.toml: rule {rid!r} has action {entry.get('action')!r} / voice "
                               f"{entry.get('voice')!r}; expected one of {sorted(_ACTIONS)} / {sorted(_VOICES)}")
        lemmas = entry.get("lemmas", ())
        pattern = entry.get("pattern") or (r"\b{LEMMAS}\b" if lemmas else None)
        if pattern is None:
            raise LexiconError(f"triggers.toml: rule {rid!r} has neither a pattern nor lemmas")
        if lemmas:
            pattern = pattern.replace("{LEMMAS}", _lemma_alternation(lemmas, entry.get("re_prefix", False)))
        cues = entry.get("cues") or sorted({lemma.split()[0][:5].lower() for lemma in lemmas})
        holder = entry.get("holder", "actor")
        if holder not in ("actor", "opponent"):
            raise LexiconError(f"triggers.toml: rule {rid!r} has holder {holder!r}; expected actor or opponent")
        out.append(Rule(rid, entry["action"], entry["voice"], pattern, tuple(cues),
                        tuple(tuple(e) for e in entry.get("examples", ())),
                        tuple(tuple(e) for e in entry.get("counter_examples", ())), holder,
                        bool(entry.get("case_sensitive", False))))
    return tuple(out)


# -- word classes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WordClass:
    """A class of words of ``lexicon/wordclasses.toml``: the vocabulary a veto or a reading is made of."""

    name: str
    description: str
    forms: tuple[str, ...]  # the words, and the inflections of the lemmas
    patterns: tuple[str, ...]  # regex fragments for what a list of words cannot say
    case_sensitive: bool
    examples: tuple[tuple[str, str], ...]
    counter_examples: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def word_classes() -> dict[str, WordClass]:
    """The classes of ``lexicon/wordclasses.toml``, by name, with their lemmas inflected."""
    raw = resources.files(__package__).joinpath("lexicon", "wordclasses.toml").read_text(encoding="utf-8")
    out = {}
    for name, entry in tomllib.loads(raw)["class"].items():
        forms = [*entry.get("words", ()), *(f for lemma in entry.get("lemmas", ()) for f in inflections(lemma))]
        patterns = tuple(entry.get("patterns", ()))
        if not forms and not patterns:
            raise LexiconError(f"wordclasses.toml: class {name!r} has no words, lemmas or patterns")
        for fragment in patterns:
            try:
                re.compile(fragment)
            except re.error as exc:
                raise LexiconError(f"wordclasses.toml: class {name!r}: bad pattern {fragment!r}: {exc}") from None
        out[name] = WordClass(name, entry.get("description", ""), tuple(dict.fromkeys(forms)), patterns,
                              bool(entry.get("case_sensitive", False)),
                              tuple(tuple(e) for e in entry.get("examples", ())),
                              tuple(tuple(e) for e in entry.get("counter_examples", ())))
    return out


def word_class_pattern(name: str) -> str:
    """A class as a regex (no word boundaries: the engine's pattern adds what it needs).

    The words as a trie, a longer word tried before its prefix ("clashes with" before "clash"); a space
    matches any whitespace; then the class's patterns.
    """
    try:
        wc = word_classes()[name]
    except KeyError:
        raise LexiconError(f"wordclasses.toml has no class {name!r}") from None
    parts = ([fastre.word_trie(wc.forms)] if wc.forms else []) + list(wc.patterns)
    return "(?:" + "|".join(parts) + ")"


def owner_alternation(owner_words: list[str], case_words: list[str] = ()) -> str:
    """``{OWNER}``: a regex of party words, a longer word preferred to its prefix (case-sensitive ones kept so).

    The words are written as a trie ("is(?:i[ls]|lamic\\s+state)?"): the engine then tries a handful of
    letters at each position of a sentence, not each of a hundred words in turn.
    """
    words = {w.lower() for w in owner_words}
    parts = [fastre.word_trie(words)] if words else []
    parts += [f"(?-i:{re.escape(w)})" for w in case_words]
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def expand(pattern: str, owner: str) -> str:
    """A rule's pattern with its placeholders filled in."""
    if "{DEGREE}" in pattern:
        pattern = pattern.replace("{DEGREE}", _degree())
    if "{RETAKE}" in pattern:
        pattern = pattern.replace("{RETAKE}", word_class_pattern("retake_verbs"))
    return (pattern.replace("{OWNER}", owner).replace("{DAY_OR_MONTH}", DAY_OR_MONTH)
            .replace("{PART_NOUN}", PART_NOUN).replace("{WHEN}", WHEN))


@lru_cache(maxsize=1)
def _degree() -> str:
    """``{DEGREE}``: up to two words of the class control_degrees, each followed by whitespace ("full control")."""
    return rf"(?:\b{word_class_pattern('control_degrees')}\s+){{0,2}}"


def compile_triggers(owner_words: tuple[str, ...], case_words: tuple[str, ...] = (),
                     check_examples: bool = False) -> CompiledTriggers:
    """The rules compiled with ``{OWNER}`` standing for ``owner_words``.

    With ``check_examples`` (the packaged party words), every example must match its rule.
    """
    owner = owner_alternation(list(owner_words), list(case_words))
    triggers = []
    for rule in rules():
        try:
            flags = 0 if rule.case_sensitive else re.IGNORECASE
            pattern = fastre.compile(expand(rule.pattern, owner), flags, start_words=True)
        except re.error as exc:
            raise LexiconError(f"triggers.toml: rule {rule.id!r}: bad pattern: {exc}") from None
        for example in rule.examples if check_examples else ():
            if not pattern.search(example[0]):
                raise LexiconError(f"triggers.toml: rule {rule.id!r} does not match its example {example[0]!r}")
            if not any(cue in example[0].lower() for cue in rule.cues):
                raise LexiconError(f"triggers.toml: rule {rule.id!r}: its example {example[0]!r} has none of its "
                                   f"cue words {list(rule.cues)}")
        triggers.append(Trigger(rule.id, pattern, rule.action, rule.voice, rule.holder))
    scanner = fastre.Scanner((t.pattern for t in triggers), (rule.cues for rule in rules()))
    return CompiledTriggers(tuple(triggers), scanner, {id(t.pattern): t.id for t in triggers},
                            {id(t.pattern): t.holder for t in triggers})
