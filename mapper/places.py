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
import sys
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from gazetteer import LOOSE_COUNTRIES, Gazetteer, Match
from gazetteer.names import spelling

from . import fastre

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
        attributes = self.__dict__
        out = {name: attributes[name] for name in _MENTION_FIELDS}
        out["score"] = round(self.score, 3)
        return out


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


class _Spans:
    """Character spans ``(start, end, ...)`` kept in order, asked which overlap a stretch in logarithmic time.

    A long article names thousands of places; asking every mention about every cue made
    reading it quadratic (a 2 MB one-line text took minutes).
    """

    def __init__(self, spans=()):
        self._spans = sorted(spans)
        self._longest = max((t[1] - t[0] for t in self._spans), default=0)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def remove_within(self, start: int, end: int) -> None:
        """Forget the spans that lie inside ``start:end``."""
        lo = bisect.bisect_left(self._spans, (start,))
        hi = bisect.bisect_left(self._spans, (end + 1,))
        self._spans[lo:hi] = [t for t in self._spans[lo:hi] if not t[1] <= end]

    def overlapping(self, start: int, end: int) -> list[tuple]:
        """The spans that share a character with ``start:end``."""
        i = bisect.bisect_left(self._spans, (start - self._longest,))
        out = []
        while i < len(self._spans) and self._spans[i][0] < end:
            if start < self._spans[i][1]:
                out.append(self._spans[i])
            i += 1
        return out


class _Known:
    """An article's mentions, asked which overlap a stretch (a :class:`_Spans` of their spans)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._spans = _Spans((m.start, m.end, i) for i, m in enumerate(self.mentions))

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that share a character with ``start:end``."""
        return [self.mentions[t[2]] for t in self._spans.overlapping(start, end)]

    def drop(self, gone: list[Mention]) -> None:
        """Forget the mentions in ``gone``."""
        self.__init__([m for m in self.mentions if m not in gone])


_new_object = object.__new__
_intern = sys.intern


def _mention_fields(match: Match) -> dict:
    """The fields of a Mention of ``match`` after ``surface``, ``start`` and ``end``, in field order."""
    p = match.place
    return {"id": p.id, "name": p.name, "kind": p.kind, "lat": p.lat, "lon": p.lon, "country": p.country,
            "in_scope": p.in_scope, "admin1": p.admin1, "score": match.score}


def _mention(surface: str, start: int, end: int, entry_fields: dict) -> Mention:
    """``Mention(surface, start, end, **entry_fields)`` (see :func:`_mention_fields`), made faster.

    The instance's attributes are set all at once: the frozen dataclass's ``__init__`` sets them
    one ``object.__setattr__`` call at a time, and that was a tenth of the time spent on a mention.
    The result is the same object (the tests compare them).
    """
    mention = _new_object(Mention)
    attributes = mention.__dict__
    attributes["surface"] = _intern(surface)  # (a long text names the same places thousands of times)
    attributes["start"] = start
    attributes["end"] = end
    attributes.update(entry_fields)
    return mention


def _reversed_phrases(phrases: str) -> str:
    r"""A regex alternation of ``|``-separated phrases as they read backwards.

    Each word is reversed and so is their order; words are separated by any whitespace, as in
    the text.  ``"town of|city of"`` gives ``fo\s+nwot|fo\s+ytic``.
    """
    return "|".join(r"\s+".join(re.escape(word[::-1]) for word in reversed(phrase.split()))
                    for phrase in phrases.split("|"))


def _ends_with(phrases: str, *, word_start: bool = True, gap: str = r"\s++") -> re.Pattern:
    r"""A regex telling whether a text ends with one of ``phrases``, to match on that text reversed.

    Whether the text before a name ends with "the town of" is the question of many filters here.
    Asked of the text read backwards from the name (see :func:`_candidates`), it is one anchored
    ``match``; a ``search`` for ``...\s+$`` in the text itself tries the pattern at every position
    of the window, and those searches were most of the time spent on a mention.

    Parameters
    ----------
    phrases : str
        ``|``-separated phrases (case is ignored).
    word_start : bool, default True
        The phrase must start a word (``\b`` before it).
    gap : str
        What must follow the phrase up to the end of the text, as a regex of the reversed text.
        Possessive (``\s++``): a phrase starts with a letter, so giving spaces back never
        helps, and the regex engine is spared the tries.
    """
    return re.compile(gap + "(?:" + _reversed_phrases(phrases) + ")" + (r"\b" if word_start else ""), re.I)


# Words after a name that make it part of an organisation's name, not a place mention.
# (Matched at the end of the name with ``match(text, end)``, so no ``^``.  The spaces before the
# words are matched possessively, ``*+``: the words start with letters, so giving spaces back
# never helps, and the regex engine is spared trying every word again.)
_ORG_AFTER = fastre.compile(
    r"[\s-]*+(operations?\s+command|command|council|university|airways|airlines|times|post|tribune|daily|"
    r"news\b|press|television|tv\b|broadcasting|wire\b|agency|media\b|network|radio|herald|"
    r"journal|gazette|monitor\b|review\b|watch\b|bank|club|fc\b|party|front|movement|brigades?|division|corps|"
    r"police\s+(chief|command)|governorate\s+council|provincial\s+council|observatory|institute|ministry|"
    # "Kurdistan Regional Government", "Kurdistan Democratic Party", "Kurdistan Workers' Party"
    r"regional\s+government|democratic\s+party|workers['’]?\s+party|islamic\s+union|parliament)",
    re.IGNORECASE,
)
# Words before a name that make it part of an organisation's name ("the Islamic State of Iraq"),
# even inside a longer word and with no space before the name.
_ORG_BEFORE = _ends_with(
    "islamic state of|islamic state in|islamic state of the|islamic state in the|islamic state of iraq and|"
    "union of|university of|bank of|republic of|kingdom of|emirate of|army of|soldiers of|people of the",
    word_start=False, gap=r"\s*+",
)
# Name parts: when "al-X" follows a capitalised word, X is a family name ("Nouri al-Maliki").
_NAME_PARTICLE = fastre.compile(r"^(al|el|ar|as|ad|an|at|az|ash)[-\s]", re.IGNORECASE)
# The word before a name (read in the reversed text before it): group 1 is its first ASCII letter,
# as "([A-Za-z][\w'’]*)\s+$" would find it in the text itself.
_PREVIOUS_WORD = fastre.compile(r"\s++[\w'’]*([A-Za-z])")
# A title right before the name ("Gen. Qassem", "Sheikh Ahmed"): a person's name.
_PERSON_TITLE = _ends_with(
    "mr|mrs|ms|dr|gen|general|lt|colonel|col|maj|major|sheikh|sheik|president|minister|ayatollah|imam|"
    "spokesman|commander|governor|king|prince|emir|caliph|abu|umm|ibn|bin",
    gap=r"\s++\.?",
)
_NAME_BEFORE = fastre.compile(f"{_ORG_BEFORE.pattern}|{_PERSON_TITLE.pattern}", re.I)  # either of the two
# "The Islamic State in": an organisation's name before a country or a region ("... in Iraq and Syria"), but
# before a town it is the group in that town ("besieged by the Islamic State in Amerli").
_GROUP_IN = _ends_with("islamic state in|islamic state in the|islamic state of|islamic state of the",
                       word_start=False, gap=r"\s*+")
# Words that make a following or preceding capitalised word a place ("the town of X").
_CUE_WORDS = (
    "town|towns|city|cities|village|villages|province|provinces|governorate|district|districts|"
    "area|region|outskirts|suburb|suburbs|neighbourhood|neighbourhoods|neighborhood|neighborhoods|"
    "border town|border crossing|crossing|"
    "in|near|from|to|into|at|around|outside|inside|toward|towards|between|north|south|east|west|of"
).split("|")
_ARTICLE_BEFORE = _ends_with("the")
_CUE_BEFORE = _ends_with("|".join(f"{cue}|{cue} of|{cue} the|{cue} of the" for cue in _CUE_WORDS))
# Words right after a name that say what kind of place it is, in order of precedence (the first
# that matches wins).  Possessive spaces, as in _ORG_AFTER.
_KIND_AFTER_PATTERNS = [
    ("crossing", r"[\s-]*+(?:border\s+crossing|border\s+post|crossing|checkpoint|border\s+gate)\b"),
    ("province", r"[\s-]*+(?:province|governorate)\b"),
    # "Baiji's refinery", "Mosul's airport": the facility named after the town.
    ("dam", r"(?:['’]s\s+(?:main\s+|huge\s+|vast\s+|strategic\s+|oil\s+)?|[\s-]*+)(?:dam|barrage)\b"),
    ("refinery", r"(?:['’]s\s+(?:main\s+|huge\s+|vast\s+|strategic\s+)?|[\s-]*+)(?:(?:oil\s+)?refinery)\b"),
    ("oilfield", r"[\s-]*+(?:oil\s*field|oilfield)\b"),
    ("airport", r"(?:['’]s\s+(?:main\s+|international\s+)?|[\s-]*+)(?:(?:international\s+)?airport)\b"),
    ("airbase", r"[\s-]*+(?:air\s*base|airbase|base)\b"),
    ("district", r"[\s-]*+district\b"),
    ("river", r"[\s-]*+river\b"),
]
# One regex, the alternatives in that order, each a named group: ``lastgroup`` is the kind.  The
# lookahead first tests what every alternative needs, "'s" or the first letter of a kind word,
# and spares most names the nine alternatives.
_KIND_AFTER = fastre.compile(r"(?=['’]s|[\s-]*+[abcdgiopr])(?:"
                         + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _KIND_AFTER_PATTERNS) + ")", re.I)
# Words right before a name that say what kind of place it is ("the province of Anbar"), kind by
# kind in order of precedence.
_KIND_BEFORE_PHRASES = [
    ("province", "province of|governorate of|provinces of"),
    ("town", "town of|towns of|city of|cities of|village of|villages of"),
    ("crossing", "crossing of|crossings of|border post of|border posts of|"
                 "crossing at|crossings at|border post at|border posts at"),
    ("refinery", "refinery at|refinery in|refinery of"),  # also "the oil refinery at"
    ("airport", "airport at|airport in|airport of"),
    ("dam", "dam at|dam of"),
]
# Read backwards (see _ends_with), a named group each.  All end in "of", "at" or "in": the
# lookahead tests the last letter of that word first.
_KIND_BEFORE = fastre.compile(r"\s++(?=[fnt])(?:" + "|".join(f"(?P<{kind}>{_reversed_phrases(phrases)})"
                                                        for kind, phrases in _KIND_BEFORE_PHRASES) + r")\b", re.I)
# Context that makes an ambiguous name a place: "the town of Hit", "fighters moved into Hit".
_SETTLEMENT_OF = _ends_with("town of|city of|village of|district of|province of|governorate of|area of|township of|"
                            "sub-district of|subdistrict of")
# Words right before a name that make it a place: prepositions of movement, and the verbs of control
# whose object is a place ("militants seized Hit", "troops retook Ana").
_PLACE_CUE_WORDS = ("in", "near", "outside", "around", "from", "into", "toward", "towards", "at", "seized",
                    "captured", "overran", "stormed", "retook", "recaptured", "besieged", "shelled", "liberated",
                    "entered", "took", "left", "abandoned", "out of", "control of", "control over", "loss of",
                    "fall of", "capture of", "seizure of", "takeover of", "recapture of", "siege of", "battle for",
                    "outskirts of")
_PLACE_CUE_BEFORE = _ends_with("|".join(f"{word}|{word} the" for word in _PLACE_CUE_WORDS))
# More words before a name that make it a place, asked only of names that need context.
_MORE_PLACE_CUE_WORDS = (
    # the verbs of control in their other forms ("recapture Bashir", "liberating Bashir")
    "seize", "seizing", "capture", "capturing", "recapture", "recapturing", "retake", "retaking",
    "conquer", "conquered", "conquering", "liberate", "liberating", "storm", "storming",
    "overrun", "overrunning", "secured", "securing", "attacked", "reached", "encircled", "taken", "regained",
    "regaining", "freed", "freeing", "recovered", "grabbed", "clawed back",
    # a party's hold ("IS-held Hit", "militant-controlled Ana") and flight ("families fled Hit")
    "held", "controlled", "occupied", "fled", "fleeing",
    # taking back ("to take back Hit", "won back Ana")
    "take back", "took back", "taken back", "taking back", "win back", "won back", "retaken",
    # where a place lies, and who lives there ("south of Hit", "residents of Bashir")
    *(f"{side} of" for side in ("north", "south", "east", "west", "northeast", "northwest",
                                "southeast", "southwest", "north-east", "north-west", "south-east",
                                "south-west", "northern", "southern", "eastern", "western")),
    "residents of", "resident of", "tour of", "visit to", "road to", "way to",
    "neighbourhood of", "neighborhood of", "quarter of", "suburb of",
    # a part of a place ("reached the centre of Hit", "the streets of Ana")
    "centre of", "center of", "heart of", "edge of", "edges of", "gates of", "entrance to", "streets of")
_MORE_PLACE_CUE_BEFORE = _ends_with("|".join(f"{word}|{word} the" for word in _MORE_PLACE_CUE_WORDS))
_PHRASAL_VERB_AFTER = fastre.compile(r"\s+(back|out|up|hard)\b")  # "forces hit back": the verb
_LIST_SEPARATOR = fastre.compile(r"[\s*_]*(,|and|or|,\s*and|&|-|–|/)[\s*_]*")
FACILITY_WORDS = {"refinery": "refinery", "dam": "dam", "airport": "airport", "crossing": "crossing",
                  "airbase": "airbase"}
_SETTLEMENT = {"city", "town", "village", "district"}
# Place names that are also ordinary English words: they need context even when capitalised.
COMMON_WORD_NAMES = {"hit", "ana", "hero", "bay", "dora", "zab", "sina", "wana", "rashad", "hay", "kut", "bin",
                     "ur", "mar", "amar", "sadr", "shura", "taji", "kish", "jihad", "gog", "nasr", "salam", "ali",
                     "riyadh", "medina", "mecca", "sharia", "islam", "sunni", "shia", "kurdistan regional",
                     # people's names ("Adly Mansour said", "Omar al-Bashir"), newspapers ("Al-Shaab")
                     "mansour", "mansur", "al-mansour", "al-mansur", "bashir", "shaab", "al-shaab"}
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
    # words that open a sentence before a name: "In Tikreet, ...", "Near Rotbah ..."
    "in", "on", "from", "near", "inside", "outside", "around", "across", "by", "for", "to", "with",
    "a", "it", "he", "she", "we", "his", "her", "its", "our", "if", "so", "yet", "meanwhile", "further",
    # broadcasters, whose names a spelling rule would read as a place's ("Al Jazeera", Jazira)
    "jazeera", "jazeerah", "arabiya", "alarabiya", "sumaria", "baghdadia",
}
# Words that may open a sequence before a name and may also be an Arabic article ("At Taji", "An Najaf").
_LEADING_WORDS = _NOT_PLACES | {"an", "at", "as"}
# A run of up to three capitalised words, maybe after an Arabic article ("Rotba", "al-Qaim", "Ras al-Ain"):
#     \b(?:(?:[Aa]l|[Ee]l|[Aa][rsdntz])[-\s])?[A-Z][\w'’]+(?:[-\s](?:[Aa]l-)?[A-Z][\w'’]+){0,2}
# written to begin with a character class, the word boundary being tested one character later
# (``(?<!\w.)``) and the article by a lookbehind at its first letter: the regex engine then skips
# straight to the letters a run can start with, where a leading \b made it try every position.
_CAPITALISED_WORD = r"[A-Z][\w'’]+"
_MORE_WORDS = r"(?:[-\s](?:[Aa]l-)?" + _CAPITALISED_WORD + r"){0,2}"
_WORD_SEQ = fastre.compile(
    r"[A-Zae](?<!\w.)(?:"
    r"(?<=[Aa])[lrsdntz][-\s]" + _CAPITALISED_WORD + _MORE_WORDS  # al-, ar-, as-, ad-, an-, at-, az-
    + r"|(?<=[Ee])l[-\s]" + _CAPITALISED_WORD + _MORE_WORDS  # el-
    + r"|(?<=[A-Z])[\w'’]+" + _MORE_WORDS + ")"  # no article
)
_SENTENCE_START = fastre.compile(r"(^|[.!?:\"“”]\s*|\n\s*)$")


@lru_cache(maxsize=65536)  # the surfaces the automaton finds are the gazetteer's names: few, and recurring
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


def _kind_hint(text: str, end: int, backwards: str, at: int) -> str | None:
    """The kind of place the words around a name say: "Kirkuk province", "the dam at Mosul".

    ``end`` is where the name ends in ``text``; ``backwards[at:]`` is the text before it, read
    backwards (see :func:`_candidates`).
    """
    after = _KIND_AFTER.match(text, end, end + 30)
    if after:
        return after.lastgroup
    found = _KIND_BEFORE.match(backwards, at, at + 30)
    return found.lastgroup if found else None


def _in_list(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when another place mention sits next to this one in a list ("A, B and C")."""
    for s, e in spans:
        if e <= start and _LIST_SEPARATOR.fullmatch(text, e, start):
            return True
        if s >= end and _LIST_SEPARATOR.fullmatch(text, end, s):
            return True
    return False


def _part_of_name(text: str, start: int, end: int, surface: str, backwards: str, at: int,
                  kind: str | None = None) -> bool:
    """True for a place name inside an organisation's or a person's name (``backwards``: see :func:`_kind_hint`).

    ``kind``: the kind of the entry the name stands for; a settlement after "the Islamic State in" is a place.
    """
    # The cheap test first: the next word is capitalised ("Nineveh Operations Command").
    if text[end:end + 1] in (" ", "-") and _next_word_capitalised(text, end) and _ORG_AFTER.match(text, end, end + 40):
        return True
    if text[end:end + 1] == " " and _next_word_capitalised(text, end) \
            and _SURNAME_THEN_SPEECH.match(text, end, end + 40):
        return True  # "Qasim Shesho told reporters": a person's given name, then the family name and a speech verb
    if _NAME_BEFORE.match(backwards, at, at + 45):
        return not (kind in _SETTLEMENT and _GROUP_IN.match(backwards, at, at + 25)
                    and not _PERSON_TITLE.match(backwards, at, at + 45)
                    and not re.match(r"\s+and\b", text[end:end + 6]))
    # "Nouri al-Maliki", "Abu Bakr al-Baghdadi": an al- name right after a capitalised word.
    if _NAME_PARTICLE.match(surface) and text[max(0, start - 3):start] not in ("'s ", "’s "):
        # (but "Mosul's al-Zanjili district": after a possessive the name is the possessor's quarter)
        prev = _PREVIOUS_WORD.match(backwards, at, at + 45)
        if prev and prev.group(1).isupper() and not _CUE_BEFORE.match(backwards, at, at + 45) \
                and not _ARTICLE_BEFORE.match(backwards, at, at + 10):  # ("The al-Walid crossing ...")
            return True
    return False


def _next_word_capitalised(text: str, end: int) -> bool:
    """True when the next word after the space or hyphen at ``text[end]`` starts with a capital."""
    following = text[end + 1:end + 2]
    if following in (" ", "-"):  # rare: look further
        following = text[end:end + 40].lstrip(" -")[:1]
    return following.isupper()


# One capitalised word, then a speech verb: a person's family name after a name that is also a place's.
_SURNAME_THEN_SPEECH = fastre.compile(
    r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b)(?-i:[A-Z][a-z]+)\s*,?\s+(?:said|says|told|tells|added|asked|wrote|explained|stated|urged|warned|denied)\b")
# A short Iraqi town name opening a sentence ("Qaim fell on Saturday") is the town unless a person's
# verb follows ("Azim said"): names that are also words are NEEDS_CONTEXT already.
SURE_SHORT_IMPORTANCE = 0.6
_PERSON_VERB_AFTER = fastre.compile(
    r"\s+(?:said|says|told|added|asked|wrote|explained|spoke|stated|urged|warned|denied)\b")


def _leads_its_sentence(text: str, end: int, surface: str, match: Match) -> bool:
    """True when a short name at the start of a sentence is taken as the place with no other context."""
    place = match.place
    return (place.in_scope and place.importance >= SURE_SHORT_IMPORTANCE and place.kind in _SETTLEMENT
            and not surface.isupper() and not _PERSON_VERB_AFTER.match(text, end, end + 20))


def _at_sentence_start(text: str, start: int) -> bool:
    return start == 0 or bool(_SENTENCE_START.search(text[max(0, start - 3):start]))


# What a name and its entry say of a candidate before its context is read (see _name_verdict).
NOISE = "noise"  # never a mention
NEEDS_CONTEXT = "needs context"  # a mention only with a cue or a list around it
SHORT = "short"  # needs context at the start of a sentence ("Ana said...")
PLAIN = "plain"


def _name_verdict(surface: str, match: Match) -> str:
    """What the name alone says: :data:`NOISE`, :data:`NEEDS_CONTEXT`, :data:`SHORT` or :data:`PLAIN`."""
    place = match.place
    folded = surface.lower()
    # Two- and three-letter alternates of foreign places ("Sam", "Has") are noise in English text.
    if not place.in_scope and len(surface) <= 3 and folded != place.name.lower():
        return NOISE
    # Names that are also ordinary words, obscure villages, loose spellings.
    if folded in COMMON_WORD_NAMES or place.name.lower() in COMMON_WORD_NAMES and len(surface) <= 5:
        return NEEDS_CONTEXT
    if place.in_scope and place.importance < 0.3 and place.kind in _SETTLEMENT:
        return NEEDS_CONTEXT
    if match.level == "variant" and match.score < 0.8:
        return NEEDS_CONTEXT
    return SHORT if len(surface) <= 4 else PLAIN


def _has_context(text: str, start: int, end: int, spans, hint: str | None, backwards: str, at: int) -> bool:
    """True when a kind word, a cue ("the town of", "into") or a list with ``spans`` makes the name a place."""
    if hint:
        return True
    if _TRIBE_AFTER.match(text, end, end + 20):
        return False  # "fighters from the Jubur tribe": the tribe, not its quarter or village
    if _SETTLEMENT_OF.match(backwards, at, at + 40):
        return True
    if (_PLACE_CUE_BEFORE.match(backwards, at, at + 40) or _MORE_PLACE_CUE_BEFORE.match(backwards, at, at + 40)) \
            and not _PHRASAL_VERB_AFTER.match(text, end, end + 10):
        return True
    if _CONTROL_VERB_AFTER.match(text, end, end + 40) or _PLACE_CUE_AFTER.match(text, end, end + 60):
        return True
    if text[start:end].isupper() and _DATELINE_AFTER.match(text, end, end + 40) \
            and (start == 0 or text[start - 1] == "\n"):  # "BASHIR (Kirkuk) - Debris littered ..."
        return True
    return _in_list(text, start, end, spans)


# A place's own verbs of control right after the name: "Bashir fell", "Hit was retaken by troops".
_CONTROL_VERB_AFTER = fastre.compile(
    r"\s+(?:fell|has\s+fallen|had\s+fallen|(?:is|was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:captured|recaptured|"
    r"retaken|seized|overrun|liberated|taken|besieged|shelled|encircled))\b")
# Words after a name that make it a place: a kind of place ("the Abu Tayban region", "Telsqof and Risala
# villages"), a distance from another ("Bashir, 20 kilometers south of Kirkuk") or an apposition ("Hit, a town").
_PLACE_CUE_AFTER = fastre.compile(
    r"(?:\s+(?:and\s+[A-Z][\w'’-]+\s+)?(?:village|villages|area|areas|region|neighbou?rhoods?|sub-?district|suburb)\b"
    r"|,?\s+(?:some\s+|about\s+|around\s+)?\d+\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\b(?:\s+\(\d+\s+\w+\))?"
    r"\s+(?:to\s+the\s+)?(?:north|south|east|west)"
    # or an apposition that says what it is: "Hit, a town in western Anbar", "Bashir, a mainly Shiite town"
    r"|,\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:town|city|village|township|hamlet|sub-?district)\b"
    r"(?!\s+(?:officials?|council|mayor|elders?|residents?|hall|chief|police)\b))", re.I)
# A tribe's name is often a place's too (the Jubur quarter of Dhuluiya, the Albu Nimr villages).
_TRIBE_AFTER = fastre.compile(r"[\s-]+(?:tribe|tribes|tribal|tribesmen|clan|clans)\b", re.I)
# A dateline after an all-caps name at the start of a line: "(Kirkuk) -", ", Iraq —".
_DATELINE_AFTER = fastre.compile(r"\s*(?:\([A-Za-z .,'’-]{2,30}\)\s*|,\s+[A-Z][a-z]+\s+)?[-–—:]")


@lru_cache(maxsize=65536)  # the same few hundred names recur with the same hints across a corpus
def _pick(gaz: Gazetteer, surface: str, ids: tuple[str, ...], hint: str | None) -> tuple[Match, str, dict] | None:
    """The entry a name found by the scan stands for, :func:`_name_verdict` on it and its Mention fields.

    None when no entry fits.  Cached: the fields dict is shared, and read only.
    """
    match = _best_entry(gaz, surface, ids, hint)
    return None if match is None else (match, _name_verdict(surface, match), _mention_fields(match))


def _best_entry(gaz: Gazetteer, surface: str, ids: tuple[str, ...], hint: str | None) -> Match | None:
    ranked = gaz.rank(surface, ids, kind=hint)
    if hint == "town":
        settlements = [m for m in ranked if m.place.kind in _SETTLEMENT]
        ranked = settlements or ranked
    # ("Iraq border post", "Anbar crossing": a country's or a province's border, not a facility named after it)
    if hint in FACILITY_WORDS and ranked and ranked[0].place.kind not in (hint, "country", "province"):
        # "the refinery at Baiji": the facility is an entry of its own, named after the town.
        # A town's airport is often an air base ("Tal Afar's airport" is Tal Afar Air Base).
        kinds = ("airport", "airbase") if hint in ("airport", "airbase") else (hint,)
        # Named after the town as written, or as the gazetteer spells it ("Qayyara airbase").
        for town in dict.fromkeys((surface, ranked[0].place.name)):
            facility = next((m for m in gaz.resolve(f"{town} {FACILITY_WORDS[hint]}", limit=3, kind=hint,
                                                    fuzzy=False)
                             if m.place.kind in kinds and m.place.in_scope), None)
            if facility is not None:
                return facility
    return ranked[0] if ranked else None


# A capitalised word and a single space right before a run of capitalised words (see _loose_candidates).
_CAPITALISED_BEFORE = fastre.compile(r"(?<![\w'’])[A-Z][\w'’]*[a-z][\w'’]* $")


# Capitalised words that end a run of names rather than start a name: "Forces Capture Telsqof" in a headline.
_RUN_BREAKERS = frozenset(
    w for phrase in _PLACE_CUE_WORDS + _MORE_PLACE_CUE_WORDS for w in phrase.split() if len(phrase.split()) == 1
) | _NOT_PLACES | {"capture", "captures", "seize", "seizes", "retake", "retakes", "liberate", "liberates",
                   "recapture", "recaptures", "enter", "enters", "storm", "storms", "take", "takes", "advance"}
_DROPPABLE = _LEADING_WORDS | _RUN_BREAKERS  # words a run of capitalised words may lose in front of a name


def _loose_candidates(text, spans, taken, gaz):
    """Capitalised words the automaton missed that a phonetic variant resolves (e.g. "Rotba").

    ``taken``: the ``(start, end)`` of the names found already, which do not overlap one another;
    words overlapping one of them are skipped.
    """
    taken = sorted(taken)
    ends = [b for _, b in taken]
    found = []
    for s, e in spans:
        # The words come in text order: follow them with the first taken span that ends after
        # the word starts, the only one the word can overlap (the taken spans do not overlap).
        j = bisect.bisect_right(ends, s)
        for m in _WORD_SEQ.finditer(text, s, e):
            start, end = m.span()
            while j < len(taken) and ends[j] <= start:
                j += 1
            if j < len(taken) and taken[j][0] < end:
                continue
            # (most runs follow a lower-case word or punctuation: the regex is tried only after a capitalised word
            # and a space)
            if start > 1 and text[start - 1] == " " and text[start - 2].isalpha() \
                    and text[text.rfind(" ", max(0, start - 31), start - 1) + 1].isupper():
                before = _CAPITALISED_BEFORE.search(text, max(0, start - 30), start)
                if before and before.group().strip().lower() not in _RUN_BREAKERS:
                    continue  # the tail of a longer run of names: "President Abdel Fattah al-Sisi"
            surface = m.group()
            best = _loose_lookup(gaz, surface)
            if best is None:
                # "When Tikreet fell", "At Tarmiiah", "Forces Capture Telsqof": leading words that are not
                # part of the name.
                words = surface.split(None, 1)
                while best is None and len(words) == 2 and words[0].lower() in _DROPPABLE:
                    start = end - len(words[1])
                    best = _loose_lookup(gaz, words[1])
                    words = words[1].split(None, 1)
            if best is not None:
                found.append((start, end, best))
    return found


@lru_cache(maxsize=65536)  # capitalised words repeat across a corpus; most are not places
def _loose_lookup(gaz: Gazetteer, surface: str) -> Match | None:
    words = surface.lower().replace("-", " ").split()
    if any(w in _NOT_PLACES for w in words) or len(surface) < 4:
        return None
    # (A "normalized" match here is one by spelling rules: the automaton knows every name's key.)
    loose = [x for x in gaz.resolve(surface, limit=3, fuzzy=False) if x.level in ("normalized", "variant")]
    best = next((x for x in loose if x.place.in_scope), None)
    if best is None or best.score < 0.74:
        return None
    # A neighbour's place the spelling fits better ("Albukamal" is Syria's Albu Kamal, not the Iraqi crossing
    # that lists the name) is not re-read as an Iraqi one.
    # (resolve ranks best first: a foreign place ahead of the Iraqi one fits better.)
    return best if loose[0] is best else None


FAR_KM = 300  # a neighbour's place this far from Iraq is as far away as Cairo for a misspelt Iraqi name
BIG_CITY = 1_000_000  # ... unless it is a city everyone writes about by name


@lru_cache(maxsize=4096)
def _far_from_iraq(gaz: Gazetteer, place_id: str) -> bool:
    """True for a neighbour's place far from the border and not a big city ("Zahedan" in an Iraq story is
    "Zaidan"; Riyadh and Tehran stay themselves)."""
    place = gaz.get(place_id)
    if place.kind == "country" or place.population >= BIG_CITY:
        return False
    try:
        return gaz.km_outside(place.lat, place.lon, "adm:IQ") > FAR_KM
    except KeyError:  # a gazetteer without Iraq's outline
        return False


def _local_by_kind(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A neighbour's city the text calls a town, a village or a district is the Iraqi place of that name.

    "seized al-Riyad town in the Hawija area", "the sub-district of Riyadh": the Saudi capital is never a town
    taken in a story about Iraq (the text says it is the Kirkuk sub-district).
    """
    local_share = sum(m.in_scope for m in mentions)
    if local_share == len(mentions) or local_share < len(mentions) - local_share:
        return mentions  # (none from abroad; or a story mostly about other countries)
    out = []
    for m in mentions:
        if not m.in_scope and m.kind in _SETTLEMENT and (
                _NAMED_KIND_BEFORE.search(text, max(0, m.start - 25), m.start) or _NAMED_KIND_AFTER.match(text, m.end)):
            local = _local_reading(gaz, m.surface)
            if local is not None:
                m = _mention(m.surface, m.start, m.end, _mention_fields(local))
        out.append(m)
    return out


# A settlement's kind named with it: "the town of X", "X town", "X sub-district" (not "city": capitals are cities).
_NAMED_KIND_BEFORE = fastre.compile(r"\b(?:town|village|sub-?district|district|township)\s+of\s+$", re.IGNORECASE)
_NAMED_KIND_AFTER = fastre.compile(r"\s+(?:town|village|sub-?district|district|township)\b")


@lru_cache(maxsize=4096)  # the same foreign names (Washington, London) recur in story after story
def _local_reading(gaz: Gazetteer, surface: str) -> Match | None:
    return next((x for x in gaz.resolve(surface, limit=5, fuzzy=False) if x.place.in_scope
                 and x.level in ("alternate", "normalized", "variant") and x.score >= 0.8), None)


def _longest_first(hit: tuple) -> tuple[int, int]:
    return hit[0] - hit[1], hit[0]


def _longest_non_overlapping(hits: list[tuple]) -> list[tuple]:
    """The ``(start, end, ...)`` hits left when longer names win over the shorter ones they overlap, in text order.

    Longest first, then leftmost: a hit is kept unless it overlaps one kept before it.  Only hits
    that overlap, directly or through others, decide each other's fate: the rule is applied to
    each such group apart, and most hits are a group of their own, kept as they are.
    """
    kept: list[tuple] = []
    group: list[tuple] = []
    group_end = -1
    for hit in sorted(hits):  # by start (a text has one hit at most per span)
        if hit[0] >= group_end and group:
            kept += group if len(group) == 1 else _longest_in_group(group)
            group = []
        group.append(hit)
        group_end = max(group_end, hit[1])
    if group:
        kept += group if len(group) == 1 else _longest_in_group(group)
    return kept


def _same_place_joined(hits: list[tuple]) -> list[tuple]:
    """Overlapping hits of the same entries as one hit over both: "Ain al-Asad" and "al-Asad air base"
    are "Ain al-Asad air base" (else the longer alone would lose its first word)."""
    joined: list[tuple] = []
    for hit in sorted(hits):
        last = joined[-1] if joined else None
        if last is not None and last[3] == hit[3] and hit[0] < last[1]:
            longer = last if last[1] - last[0] >= hit[1] - hit[0] else hit
            joined[-1] = (last[0], max(last[1], hit[1]), longer[2], last[3])
        else:
            joined.append(hit)
    return joined


def _longest_in_group(hits: list[tuple]) -> list[tuple]:
    """:func:`_longest_non_overlapping` by the rule itself."""
    starts: list[int] = []
    kept: list[tuple] = []
    for hit in sorted(_same_place_joined(hits), key=_longest_first):
        start, end = hit[0], hit[1]
        i = bisect.bisect_left(starts, start)
        if i > 0 and kept[i - 1][1] > start:
            continue
        if i < len(kept) and kept[i][0] < end:
            continue
        starts.insert(i, start)
        kept.insert(i, hit)
    return kept


def _candidates(text: str, backwards: str, gaz: Gazetteer, spans) -> list[tuple]:
    """Every name found, with its best entry, in text order.

    Each is ``(start, end, surface, match, verdict, fields, hint, at)``: ``verdict`` what the
    name alone says (see :func:`_name_verdict`), ``fields`` those of its Mention that come from
    the entry, ``hint`` the kind the words around it say, and ``at`` where the text before it
    starts in ``text`` read backwards (``text[::-1]``): ``backwards[at:at + 45]`` is the 45
    characters before the name, nearest first.  The filters ask whether that text ends with a
    phrase ("the town of") with one anchored match there (see :func:`_ends_with`).
    """
    candidates = []
    size = len(text)
    # Longest match wins where names overlap ("Sadr City" over "Sadr", "Mosul Dam" over "Mosul"), among
    # the capitalised ones: "the river Euphrates" is "Euphrates", not an alternate name in lower case.
    hits = [hit for hit in gaz.occurrences(text, spans) if _is_capitalised(text[hit[0]:hit[1]])]
    for start, end, _form, ids in _longest_non_overlapping(hits):
        surface = text[start:end]
        at = size - start
        hint = _kind_hint(text, end, backwards, at)
        picked = _pick(gaz, surface, ids, hint)
        if picked:
            candidates.append((start, end, surface, *picked, hint, at))
    taken = [(c[0], c[1]) for c in candidates]
    for start, end, match in _loose_candidates(text, spans, taken, gaz):
        surface = text[start:end]
        at = size - start
        candidates.append((start, end, surface, match, _name_verdict(surface, match), _mention_fields(match),
                           _kind_hint(text, end, backwards, at), at))
    candidates.sort(key=_start)
    return candidates


def _start(candidate: tuple) -> int:
    return candidate[0]


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
    if len(text) > SEGMENT_CHARS:
        return _find_mentions_by_segment(text, gaz, spans)
    backwards = text[::-1]
    candidates = _candidates(text, backwards, gaz, spans)
    story_cities = None  # (the cities the story names: read only for a quarter that needs context)
    mentions = []
    for i, (start, end, surface, match, verdict, entry_fields, hint, at) in enumerate(candidates):
        if verdict == NOISE or _part_of_name(text, start, end, surface, backwards, at, entry_fields["kind"]):
            continue
        if verdict == NEEDS_CONTEXT and _QUARTER_KIND_END.search(surface):
            # "the liberation of Al-Thawra neighbourhood" in a story about Mosul: a quarter, named with its kind, of
            # a city the story names is placed by the story
            if story_cities is None:
                story_cities = {c[5]["name"] for c in candidates if c[5]["kind"] in _SETTLEMENT and c[4] != NOISE}
            if quarter_city(entry_fields["name"]) in story_cities:
                mentions.append(_mention(surface, start, end, entry_fields))
                continue
        if verdict == NEEDS_CONTEXT or (verdict == SHORT and _at_sentence_start(text, start)
                                        and not _leads_its_sentence(text, end, surface, match)):
            # Only the neighbours can make a list with this mention ("A, B and C").
            others = [c[:2] for c in candidates[max(0, i - 1):i] + candidates[i + 1:i + 2]]
            if not _has_context(text, start, end, others, hint, backwards, at):
                continue
        mentions.append(_mention(surface, start, end, entry_fields))
    mentions = _crossings_in_context(text, _compound_crossings(text, mentions), gaz)
    mentions = _local_in_lists(text, _local_by_kind(text, _prefer_local_variants(mentions, gaz), gaz), gaz)
    mentions = _without_far_loose_readings(_nearest_homonyms(mentions, gaz))
    mentions = _city_quarters(text, spans, _quarters_of_named_cities(mentions, gaz), gaz)
    return _unplaced_in_lists(text, spans, _unplaced_places(text, spans, mentions, gaz), gaz)


_QUARTER_KIND_END = fastre.compile(r"\s(?:neighbou?rhood|district|quarter)$", re.IGNORECASE)
# A text longer than this (a flattened page, a feed without line ends) is read a segment at a time, cut at a
# sentence's end: the work on a segment takes several times its size in memory, and a segment's names
# are read against the places named near them, not against the places of thirty megabytes of text.
SEGMENT_CHARS = 1_000_000
_SEGMENT_END = fastre.compile(r"[.!?][\"'”’)\]]*\s+|\n")


def _find_mentions_by_segment(text: str, gaz: Gazetteer, spans: list[tuple[int, int]]) -> list[Mention]:
    """:func:`find_mentions` of a long text, segment by segment (see :data:`SEGMENT_CHARS`)."""
    mentions: list[Mention] = []
    for start, end in _segments(text):
        inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and start < e]
        if inside:
            mentions += (_shifted(m, start) for m in find_mentions(text[start:end], gaz, inside))
    return mentions


def _segments(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """``text`` cut into spans of at most ``size`` (:data:`SEGMENT_CHARS`) characters, each ending after a
    sentence's end where the last tenth of the span has one, else after white space, else where it must."""
    size = size or SEGMENT_CHARS
    cuts, start = [], 0
    while len(text) - start > size:
        limit = start + size
        end = None
        for found in _SEGMENT_END.finditer(text, limit - size // 10, limit):
            end = found.end()
        if end is None:
            space = max(text.rfind(" ", limit - size // 10, limit), text.rfind("\t", limit - size // 10, limit))
            end = space + 1 if space > start else limit
        cuts.append((start, end))
        start = end
    cuts.append((start, len(text)))
    return cuts


def _shifted(m: Mention, offset: int) -> Mention:
    """``m`` found in a part of a text that starts at ``offset``, as a mention in the whole text."""
    fields = {k: v for k, v in m.__dict__.items() if k not in ("surface", "start", "end")}
    return _mention(m.surface, m.start + offset, m.end + offset, fields)


LOOSE_SCORE = 0.78  # a mention read by a loose spelling match (a phonetic variant) scores below this
LOOSE_FAR_KM = 150


def _without_far_loose_readings(mentions: list[Mention]) -> list[Mention]:
    """Mentions read only by a loose spelling match ("Al-Bakr" heard as al-Basrah) are dropped when the
    place lies far (:data:`LOOSE_FAR_KM`) from every place the story names plainly: an unknown quarter of
    Mosul is not Basra.  A story with no plain place keeps them."""
    # (each plain place once, however often it is named)
    plain = list({(m.lat, m.lon): m for m in mentions
                  if m.score >= LOOSE_SCORE and m.in_scope and m.kind in _SETTLEMENT}.values())
    if not plain:
        return mentions
    return [m for m in mentions
            if m.score >= LOOSE_SCORE or m.kind not in _SETTLEMENT or m.lat is None
            or any(_km(m.lat, m.lon, o.lat, o.lon) <= LOOSE_FAR_KM for o in plain)]


NEAR_KM = 60  # a homonym this close to the story's other places, and far closer than the first reading, wins
HOMONYM_MIN_SCORE = 0.75


def _nearest_homonyms(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Names two Iraqi places share, read as the one near the story's other places (colocation).

    "Husaybah, a town east of Ramadi" is Husaybah al-Sharqiya, not the Husaybah of al-Qaim 300 km away;
    "Mahmudiyah" among Rabia's villages is not the town south of Baghdad.  A homonym is taken only when
    it lies within :data:`NEAR_KM` of another place the story names and the first reading is far
    (three times as far, and 30 km more): a name with no such evidence keeps its first reading.
    """
    settlements = [m for m in mentions if m.in_scope and m.kind in _SETTLEMENT and m.lat is not None]
    if len(settlements) < 2:
        return mentions
    out = list(mentions)
    decided: dict[tuple, Match | None] = {}  # (a name read again is read the same way: once per name)
    spots = None  # (made at the first homonym: most stories name none)
    for i, m in enumerate(mentions):
        if not (m.in_scope and m.kind in _SETTLEMENT and m.lat is not None) or not _homonyms(gaz, m.surface):
            continue
        key = (m.surface, m.id)
        if key not in decided:
            spots = spots or _Spots(settlements)
            anchors = spots.except_readings(m.surface, m.id)
            decided[key] = _homonym_near(gaz, m, anchors) if anchors else None
        better = decided[key]
        if better is not None:
            out[i] = _mention(m.surface, m.start, m.end, _mention_fields(better))
    return out


class _Spots:
    """The spots a story's places lie at, each once however often it is named (a long text names the same
    places thousands of times), with the readings (name, entry) found there."""

    def __init__(self, mentions: list[Mention]):
        readings: dict[tuple, set] = {}
        for m in mentions:
            readings.setdefault((m.lat, m.lon), set()).add((m.surface, m.id))
        self._readings = list(readings.values())
        self._points = list(readings)
        self._by_reading: dict[str, list[int]] = {}
        for i, here in enumerate(self._readings):
            for surface, id_ in here:
                self._by_reading.setdefault(surface, []).append(i)
                self._by_reading.setdefault(id_, []).append(i)

    def except_readings(self, surface: str, id_: str) -> list[tuple[float, float]]:
        """The spots (lat, lon) where some place is named otherwise than ``surface`` and is not ``id_``."""
        left_out = {i for i in self._by_reading.get(surface, []) + self._by_reading.get(id_, [])
                    if all(s == surface or x == id_ for s, x in self._readings[i])}
        return [p for i, p in enumerate(self._points) if i not in left_out]


def _homonym_near(gaz: Gazetteer, mention: Mention, anchors: list[tuple[float, float]]) -> Match | None:
    others = [x for x in _homonyms(gaz, mention.surface) if x.place.id != mention.id and x.place.lat is not None]
    if not others:  # most names are one place's: no distances to reckon
        return None
    if len(anchors) > _MANY_ANCHORS:
        import numpy as np

        lats, lons = np.array([a[0] for a in anchors]), np.array([a[1] for a in anchors])

        def nearest(lat, lon):
            return _nearest_km(lat, lon, lats, lons)
    else:
        def nearest(lat, lon):
            return min(_km(lat, lon, a_lat, a_lon) for a_lat, a_lon in anchors)

    here = nearest(mention.lat, mention.lon)
    if here <= NEAR_KM:
        return None
    best, best_km = None, None
    for x in others:
        km = nearest(x.place.lat, x.place.lon)
        if km <= NEAR_KM and here > 3 * km + 30 and (best_km is None or km < best_km):
            best, best_km = x, km
    return best


_MANY_ANCHORS = 100  # distances to more places than this are reckoned with numpy (a long text names thousands)


def _nearest_km(lat: float, lon: float, lats, lons) -> float:
    """The great-circle distance in km from (lat, lon) to the nearest of the points (arrays): as
    :func:`gazetteer.core.km_between`, for many points at once."""
    import numpy as np

    p1, p2 = np.radians(lat), np.radians(lats)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return float((2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(h)))).min())


def _homonyms(gaz: Gazetteer, surface: str) -> tuple[Match, ...]:
    """The places bearing ``surface`` (see :func:`_bearers`), when there are two or more; else ()."""
    bearers = _bearers(gaz, surface)
    return bearers if len(bearers) > 1 else ()


@lru_cache(maxsize=4096)
def _bearers(gaz: Gazetteer, surface: str) -> tuple[Match, ...]:
    """In-scope settlements that bear the name (one of their names is spelt as it is, by the spelling rules of
    :func:`gazetteer.names.spelling`: "Husaybah", "Husaiybah")."""
    wanted = spelling(surface)
    return tuple(x for x in gaz.resolve(surface, limit=5, fuzzy=False)
                 if x.place.in_scope and x.score >= HOMONYM_MIN_SCORE and x.place.kind in _SETTLEMENT
                 and any(spelling(name) == wanted for name in (x.place.name, *x.place.names)))


# -- places the gazetteer lacks, named as places ------------------------------------------------------------
# A name the text calls a village or a quarter ("the village of Tal Samir", "Qarqasha and Abzakh villages")
# is a place even when the gazetteer lacks it: a mention with no point (``lat``/``lon`` None) and an id of its own
# (``unplaced:<name>``), so its claims are reported (and counted as not mapped) rather than lost.
UNPLACED = "unplaced:"
_UNPLACED_NAME = (r"(?:(?:[Aa]l|[Ee]l)[- ]['’`]?)?[A-Z][a-z'’]+"
                  r"(?:[- ](?:(?:al|el|Al|El|a[dnrstz]|ash)[- ])?[A-Z][a-z'’]+){0,2}")  # ("Wadi az Zaytun")
_UNPLACED_KIND_WORDS = {"village": "village", "villages": "village", "hamlet": "village", "hamlets": "village",
                        "neighbourhood": "district", "neighborhood": "district",
                        "neighbourhoods": "district", "neighborhoods": "district", "district": "district",
                        "districts": "district", "quarter": "district", "quarters": "district",
                        # (plurals only, after "of" or opening a list: "the towns of A and B", "the areas of A and B")
                        "towns": "town", "areas": "village",
                        # (singular, only as "the <Name> area": "the Bowari area", "the nearby Trepca area")
                        "area": "village"}
_LISTED_ONLY = frozenset({"towns", "areas"})  # kind words never read after the names ("Sunni Arab towns")
_LIST_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"  # between the names of a list: ", ", ", and ", " and "
_UNPLACED_LIST = rf"{_UNPLACED_NAME}(?:{_LIST_JOIN}{_UNPLACED_NAME})*"
# The kind words ("village", "neighbourhoods"); then the names after "of" ("the village of Tal Samir", "the
# neighbourhoods of A, B and C") or before the plural ("A, B and C villages"), read around each (a scan from
# every capitalised word of the text was a third of the places stage).
_UNPLACED_KIND = fastre.compile("(?:" + "|".join(sorted(_UNPLACED_KIND_WORDS, key=len, reverse=True)) + r")\b")
_UNPLACED_STEMS = tuple(sorted({word.rstrip("s") for word in _UNPLACED_KIND_WORDS}))
_UNPLACED_AFTER = fastre.compile(rf"\s+of\s+(?P<names>{_UNPLACED_LIST})")
_UNPLACED_BEFORE = fastre.compile(rf"(?P<names>{_UNPLACED_LIST})\s+$")
# ... or in a list after a plural ("took several villages from the Peshmerga, including A, B and C")
# ("the villages of A and B", "eight villages, including A and B", "the freed villages include A, B and C",
# "these villages are A, B and C")
_UNPLACED_INCLUDING = fastre.compile(rf"[^.;:!?()\n]{{0,50}}?,?\s+(?:including|such\s+as|among\s+them|namely|"
                                     rf"includ(?:e|es|ed)|(?<=s\s)are|(?<=s\s)were)\s+"
                                     rf"(?P<names>{_UNPLACED_LIST})")
_UNPLACED_DASHED = fastre.compile(rf"(?:[^.;:!?()\n–—]{{0,40}}?\s(?:--|[-–—])\s+|[^.;:!?()\n–—]{{0,40}}?:\s*|"
                                  rf"\s*(?:--|[-–—])\s+)(?P<names>{_UNPLACED_LIST})")
_DASHES = (":", " - ", " – ", " — ", " –", " —", " -- ")  # (" -- ": a typed dash)
_THE_AREA_OPENING = fastre.compile(r"\bthe\s+(?:nearby\s+|strategic\s+|whole\s+|entire\s+)?$")
# "Among the villages freed on Sunday are A, B and C": the plural after "Among", its list after "are".
_AMONG_END = fastre.compile(r"\b[Aa]mong\s+(?:the\s+)?(?:[\w-]+\s+)?$")
_UNPLACED_AMONG_ARE = fastre.compile(rf"[^.;:!?()\n]{{0,60}}?\s(?:are|were)\s+(?P<names>{_UNPLACED_LIST})")
# "retook three villages, A, B and C, on Sunday": a number of them, then their names after a comma.
_COUNT_END = fastre.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                            r"(?:[\w-]+\s+)?$", re.IGNORECASE)
_UNPLACED_COUNTED = fastre.compile(rf",\s+(?P<names>{_UNPLACED_NAME}(?:{_LIST_JOIN}{_UNPLACED_NAME})+)")
# (the words _UNPLACED_INCLUDING opens a list with)
_LIST_OPENERS = ("including", "such as", "among them", "namely", "include", "are ", "were ")
_CAPITALISED_BEFORE = fastre.compile(r"[A-Z][a-z'’]+\s+$")
_UNPLACED_APPOSED = fastre.compile(rf"(?P<names>{_UNPLACED_NAME}),\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}$")
_UNPLACED_ONE = fastre.compile(_UNPLACED_NAME)
# Capitalised words that name people, parties, faiths or peoples, not places ("Kurdish villages", "the Sunni town")
_NOT_A_PLACE_NAME = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some", "several",
    "two", "three", "four", "five", "many", "other", "nearby", "northern", "southern", "eastern", "western",
    "central", "iraqi", "syrian", "kurdish", "arab", "arabic", "sunni", "shiite", "shia", "christian", "yazidi",
    "turkmen", "assyrian", "shabak", "kakai", "islamic", "state", "isis", "isil", "is", "daesh", "peshmerga",
    "government", "army", "militant", "militants", "jihadist", "old", "new", "mosul", "baghdad",
    "province", "governorate", "district", "village", "town", "city", "capital", "yezidi", "ezidi", "turkoman",
    "turcoman", "bedouin", "tribal", "border", "front", "frontline", "dozen", "dozens", "hundreds",
    "ten", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "six", "seven", "eight", "nine", "eleven", "all", "both", "most", "remaining", "surrounding"})


def _unplaced_places(text: str, spans, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions of the places the text names as villages or quarters that the gazetteer lacks.

    (Not "the town of ...": towns the gazetteer lacks are mostly abroad, or people's: "the home town of
    Saddam Hussein".)  A name the gazetteer knows in any country is left to its entry.
    """
    cues = []
    for stem in _UNPLACED_STEMS:  # (str.find: a regex scan of the whole text cost more than the rest)
        at = text.find(stem)
        while at != -1:
            cue = _UNPLACED_KIND.match(text, at)
            if cue is not None and (at == 0 or not text[at - 1].isalnum()):
                cues.append(cue)
            at = text.find(stem, at + 1)
    if not cues:
        return mentions
    added = []
    known = _Known(mentions)
    taken = _Spans((m.start, m.end) for m in mentions)
    for cue in sorted(cues, key=lambda c: c.start()):
        word = cue.group()
        kind = _UNPLACED_KIND_WORDS[word.lower()]
        # (most kind words have neither: the regexes are tried only after "of", or after a capitalised word)
        lists = [_UNPLACED_AFTER.match(text, cue.end()) if text.startswith(" of ", cue.end()) else None]
        if word.endswith("s") and any(w in text[cue.end():cue.end() + 70] for w in _LIST_OPENERS):
            lists.append(_UNPLACED_INCLUDING.match(text, cue.end()))
        if word.endswith("s") and _AMONG_END.search(text, max(0, cue.start() - 25), cue.start()):
            lists.append(_UNPLACED_AMONG_ARE.match(text, cue.end()))
        if word.endswith("s") and text.startswith(", ", cue.end()) \
                and _COUNT_END.search(text, max(0, cue.start() - 20), cue.start()):
            lists.append(_UNPLACED_COUNTED.match(text, cue.end()))
        if word.endswith("s") and any(d in text[cue.end():cue.end() + 45] for d in _DASHES):
            # "four villages - A, B, C and D - ...", "freed three villages on Monday: A, B and C"
            lists.append(_UNPLACED_DASHED.match(text, cue.end()))
        # ("the Hoz district" may be a district of a city the gazetteer names otherwise; "the Malayeen, Samah and
        # Quds districts", a list, are quarters)
        if word.lower() != "district" and word.lower() not in _LISTED_ONLY \
                and _CAPITALISED_BEFORE.search(text, max(0, cue.start() - 30), cue.start()):
            names = _UNPLACED_BEFORE.search(text, max(0, cue.start() - 120), cue.start())
            if word.lower() != "area" or names is not None \
                    and _THE_AREA_OPENING.search(text, max(0, names.start() - 12), names.start()):
                lists.append(names)
        if word in ("village", "hamlet") and text[max(0, cue.start() - 30):cue.start()].count(","):
            # "Upper Subaih, a village on the edge of Shirqat": an apposition says what the name is
            lists.append(_UNPLACED_APPOSED.search(text, max(0, cue.start() - 80), cue.start()))
        for names in lists:
            if names is not None:
                _add_unplaced(text, spans, names.span("names"), kind, known, taken, added, gaz)
    return sorted(known.mentions + added, key=lambda m: m.start) if added else known.mentions


def _unplaced_in_lists(text: str, spans, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Names listed with a village or town the gazetteer knows are villages too ("drove the militants out of
    Abzakh, Tal Hamid, Taakhi, al-Ameriyah and Shanf": one known village makes the list one of villages).

    A list of at least :data:`LIST_MIN` names, joined by commas and "and", around an in-scope village or town.
    """
    anchors = [m for m in mentions if m.in_scope and m.kind in ("village", "town")]
    if not anchors:
        return mentions
    added: list[Mention] = []
    known = _Known(mentions)
    taken = _Spans((m.start, m.end) for m in mentions)
    done = -1  # (the end of the last list read: its other places are not read again)
    for anchor in anchors:
        if anchor.start < done:
            continue
        start, end, count = anchor.start, anchor.end, 1
        while (before := _LISTED_BEFORE.search(text, max(0, start - 60), start)) is not None:
            start, count = before.start(), count + 1
        while (after := _LISTED_AFTER.match(text, end)) is not None:
            end, count = after.end(), count + 1
        done = end
        if count >= LIST_MIN:
            _add_unplaced(text, spans, (start, end), "village", known, taken, added, gaz)
    return sorted(known.mentions + added, key=lambda m: m.start) if added else known.mentions


LIST_MIN = 4  # names in a list that make it a list of places (three may be people: "Abadi, Barzani and Jubouri")
_LISTED_BEFORE = fastre.compile(rf"{_UNPLACED_NAME}{_LIST_JOIN}$")
_LISTED_AFTER = fastre.compile(rf"{_LIST_JOIN}{_UNPLACED_NAME}")


def _add_unplaced(text: str, spans, span: tuple, kind: str, known: _Known, taken: _Spans, added: list,
                  gaz: Gazetteer) -> None:
    """Add to ``added`` the unplaced mentions of the names in ``span`` (see :func:`_unplaced_places`)."""
    lo, hi = span
    if any(s <= lo and hi <= e for s, e in spans):
        for name in _UNPLACED_ONE.finditer(text, lo, hi):
            start, end = name.span()
            words = name.group().replace("-", " ").split()
            if words[0].lower() in _NOT_A_PLACE_NAME or words[-1].lower() in _NOT_A_PLACE_NAME:
                continue
            inside = known.overlapping(start, end)
            # "the Thawra neighbourhood": a quarter the text names, not the town abroad of that name
            quarter_abroad = kind == "district" and all(not m.in_scope for m in inside) \
                and not _known_in_scope(gaz, name.group())
            if _known_anywhere(gaz, name.group()) and not quarter_abroad:
                continue
            if quarter_abroad or any(not m.in_scope and start <= m.start and m.end <= end
                                     and (m.start, m.end) != (start, end) for m in inside) \
                    and all(not m.in_scope for m in inside):
                # "Tal Hamid" read as a Hamid abroad: the village the text names is the whole name
                known.drop(inside)
                taken.remove_within(start, end)
            if taken.overlapping(start, end):
                continue
            surface = name.group()
            added.append(_mention(surface, start, end, {
                "id": UNPLACED + spelling(surface), "name": surface, "kind": kind, "lat": None, "lon": None,
                "country": "IQ", "in_scope": True, "admin1": None, "score": 0.5}))
            taken.add(start, end)


@lru_cache(maxsize=4096)
def _known_in_scope(gaz: Gazetteer, name: str) -> bool:
    """True when the gazetteer has an entry of ``name`` (its spelling) in the mapped area, a quarter included."""
    return any(x.level in ("exact", "alternate", "normalized") and x.place.in_scope
               for x in gaz.resolve(name, limit=5, fuzzy=False))


@lru_cache(maxsize=4096)
def _known_anywhere(gaz: Gazetteer, name: str) -> bool:
    """True when the gazetteer has an entry of ``name`` (its spelling), in any country; a city's quarter
    ("Al-Risala (Mosul)") does not count: outside a story of its city the name may be any village's."""
    return any(x.level in ("exact", "alternate", "normalized") and quarter_city(x.place.name) is None
               for x in gaz.resolve(name, limit=5, fuzzy=False))


# A quarter's entry names its city: "Al-Zahra (Mosul)", "Hoz (Ramadi)".
_QUARTER_NAME = fastre.compile(r"(?P<quarter>.+) \((?P<city>[^()]+)\)$")


def quarter_city(name: str) -> str | None:
    """The city a gazetteer entry's name says it is a quarter of ("Al-Bakr (Mosul)": "Mosul"), else None."""
    quarter = _QUARTER_NAME.match(name)
    return quarter.group("city") if quarter else None


def _quarters_of_named_cities(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A quarter named without its city is read only in a story that names the city.

    "Al-Tahrir" is a quarter of Mosul in a story about Mosul, and nothing in a story about Cairo; a name
    several cities' quarters share ("Al-Askari" of Tal Afar and of Fallujah) is the quarter of the city
    the story names.  A quarter named with its city ("Mosul's Al-Zahra district" names Mosul too) stays.
    """
    if not any(m.kind in _QUARTER_KINDS and m.name.endswith(")") for m in mentions):
        return mentions
    cities = {m.name for m in mentions if m.in_scope and m.kind in _SETTLEMENT and not m.name.endswith(")")}
    out = []
    for m in mentions:
        city = quarter_city(m.name) if m.kind in _QUARTER_KINDS else None
        if city is None or city in cities or city.lower() in m.surface.lower():  # ("Old Mosul" names its city)
            out.append(m)
            continue
        other = _quarter_in(gaz, m.surface, frozenset(cities))
        if other is not None:
            out.append(_mention(m.surface, m.start, m.end, _mention_fields(other)))
    return out


_QUARTER_KINDS = frozenset({"district", "village"})


@lru_cache(maxsize=1024)
def _quarter_in(gaz: Gazetteer, surface: str, cities: frozenset) -> Match | None:
    """The entry of a quarter named ``surface`` in one of ``cities``, if the gazetteer has one."""
    for x in gaz.resolve(surface, limit=10, fuzzy=False):
        if quarter_city(x.place.name) in cities and x.place.in_scope:
            return x
    return None


# Quarters every city has, named without their city: "the Old City" of a story about Mosul is Mosul's.
_CITY_QUARTER = fastre.compile(r"\bOld\s+City\b")
_OF_NAME = fastre.compile(r"\s+of\s+(?:the\s+)?([\w'’-]+)")
_QUARTER_ENTRY = "Old City ({})"


def _city_quarters(text: str, spans, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Mentions of "the Old City" added for the old city of the story's city.

    The story's city is the city or town it names most often (in scope); "the Old City" is taken as
    that city's only when the gazetteer has an entry "Old City (<city>)" (quarters are named with their city).
    """
    if "Old City" not in text or not mentions:
        return mentions
    counts: dict[str, int] = {}
    for m in mentions:
        if m.in_scope and m.kind in ("city", "town"):
            counts[m.name] = counts.get(m.name, 0) + 1
    if not counts:
        return mentions
    city = max(counts, key=lambda name: (counts[name], -next(i for i, m in enumerate(mentions) if m.name == name)))
    quarter = _quarter_of(gaz, city)
    if quarter is None:
        return mentions
    added = []
    known = _Known(mentions)
    for found in _CITY_QUARTER.finditer(text):
        start, end = found.span()
        if not any(s <= start and end <= e for s, e in spans) or known.overlapping(start, end):
            continue
        of_name = _OF_NAME.match(text, end)
        if of_name and of_name.group(1).lower() != city.split()[0].lower():
            continue  # "the Old City of Jerusalem"
        added.append(_mention(found.group(), start, end, _mention_fields(quarter)))
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


@lru_cache(maxsize=1024)
def _quarter_of(gaz: Gazetteer, city: str) -> Match | None:
    return next((x for x in gaz.resolve(_QUARTER_ENTRY.format(city), limit=3, fuzzy=False)
                 if x.level in ("exact", "alternate") and x.place.in_scope), None)


LIST_KM = 150  # a list of places ("the Hawijah, Zab, Riyadh and Abbasi areas") names places this close together


def _local_in_lists(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A foreign place listed among Iraqi ones, with an Iraqi place of that name near them, is the Iraqi place.

    "ISIS overran the Hawijah, Zab, Riyadh and Abbasi areas": Riyadh here is the sub-district of Kirkuk,
    not the Saudi capital.  Every neighbour in the list must be an Iraqi place near the local reading.
    """
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.in_scope:
            continue
        neighbours = [o for o in mentions[max(0, i - 1):i] + mentions[i + 1:i + 2]
                      if _in_list(text, m.start, m.end, [(o.start, o.end)])]
        if not neighbours or not all(o.in_scope for o in neighbours):
            continue
        local = _local_reading(gaz, m.surface)
        if local is not None and local.level in ("alternate", "normalized") and all(
                _km(local.place.lat, local.place.lon, o.lat, o.lon) <= LIST_KM for o in neighbours):
            out[i] = _mention(m.surface, m.start, m.end, _mention_fields(local))
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from gazetteer.core import km_between

    return km_between(lat1, lon1, lat2, lon2)


# The crossings a sentence talks about, as a thing of their own: "one of three border crossings with Syria"
# ("its border crossing", "the nearby crossing": a crossing next to the town named, which stays the town).
_CROSSING_TALK = fastre.compile(r"\b(?:border\s+)?crossings?\b(?!\s+(?:at|of|in)\b)", re.IGNORECASE)
_OWNED_BEFORE = fastre.compile(r"\b(?:its|their|nearby|adjacent|the\s+town['’]s)\s+"
                               r"(?:(?:main|official|vital|key|strategic|important|nearby|only)\s+)?$", re.IGNORECASE)
_SENTENCE_EDGE = fastre.compile(r"[.!?\n]")
# "took Al-Qaim and the border crossing": the town and its crossing, named one after the other
_AND_THE = fastre.compile(r",?\s+and\s+(?:the|its|a)\s+(?:(?:nearby|main|vital|key|strategic|important)\s+)?",
                          re.IGNORECASE)
_TOWN_CUE_BEFORE = fastre.compile(r"\b(?:town|city|village)\s+of\s+$", re.IGNORECASE)


def _crossings_in_context(text: str, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A town named like its border crossing, in a sentence about crossings, is the crossing.

    "After the fall of Al-Qaim, Baghdad holds a single crossing into Syria": Al-Qaim here is the
    crossing.  "The town of Al-Qaim", or a town with "its crossing", stays the town.
    """
    if "crossing" not in fastre.lower(text):  # most stories never say it
        return mentions
    out = []
    known = _Known(mentions)
    for m in mentions:
        crossing = _crossing_named(gaz, m.surface) if m.kind in _SETTLEMENT and m.in_scope else None
        if crossing is not None and not _TOWN_CUE_BEFORE.search(text, max(0, m.start - 20), m.start) \
                and _talks_of_crossings(text, m, known):
            m = _mention(m.surface, m.start, m.end, _mention_fields(crossing))
        out.append(m)
    return out


def _talks_of_crossings(text: str, mention: Mention, known: _Known) -> bool:
    """True when the sentence of ``mention`` speaks of a crossing that is no other mention, nor the town's own."""
    begin = max((e.end() for e in _SENTENCE_EDGE.finditer(text, max(0, mention.start - 300), mention.start)),
                default=max(0, mention.start - 300))
    # (the sentence is looked at for 300 characters either side: a text without stops is no sentence)
    stop = _SENTENCE_EDGE.search(text, mention.end, mention.end + 300)
    end = stop.start() if stop else min(len(text), mention.end + 300)
    return any(not known.overlapping(t.start(), t.start() + 1)
               and not _OWNED_BEFORE.search(text, max(0, t.start() - 25), t.start())
               and not _AND_THE.fullmatch(text, mention.end, t.start())
               for t in _CROSSING_TALK.finditer(text, begin, end))


@lru_cache(maxsize=4096)
def _crossing_named(gaz: Gazetteer, surface: str) -> Match | None:
    """The border crossing ``surface`` is a name of, if any (Al-Qaim, Rabia, Safwan)."""
    return next((x for x in gaz.resolve(surface, limit=3, kind="crossing", fuzzy=False)
                 if x.place.kind == "crossing" and x.level in ("exact", "alternate", "normalized")), None)


# The town or name on one side joined to the crossing's name: "Bashmaq-Marivan crossing", "Qaim-Bukamal crossing".
_COMPOUND_FIRST = fastre.compile(r"(?<![\w'’])(?:(?:[Aa]l-)?[A-Z][\w'’]*\s){0,2}(?:[Aa]l-)?[A-Z][\w'’]*-$")


def _compound_crossings(text: str, mentions: list[Mention]) -> list[Mention]:
    """A crossing named as "A-B crossing" is one mention of the crossing, from A on."""
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "crossing" and m.start and text[m.start - 1] == "-":
            first = _COMPOUND_FIRST.search(text, max(0, m.start - 30), m.start)
            if first:
                start = first.start()
                while out and out[-1].end > start:  # the first name's own mention ("Qaim") goes
                    out.pop()
                m = replace(m, surface=text[start:m.end], start=start)
        out.append(m)
    return out


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
        if not m.in_scope and (m.country not in LOOSE_COUNTRIES or _far_from_iraq(gaz, m.id)):
            local = _local_reading(gaz, m.surface)
            if local is not None:
                m = _mention(m.surface, m.start, m.end, _mention_fields(local))
        out.append(m)
    return out
