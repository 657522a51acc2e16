"""Name normalisation: the keys under which a place name is indexed.

Reporters transliterate Arabic and Kurdish names in many ways (Rawa, Rawah,
Rawaa; Baiji, Bayji, Beiji; Tal Afar, Tall 'Afar, Telafer).  Three levels of
key capture that variation, from strict to loose:

``fold``
    Case, diacritics, apostrophes and punctuation removed: ``"Tall ‘Afar"``
    becomes ``"tall afar"``.
``key``
    ``fold`` without Arabic articles (al-, el-, ar-, ash-, ...) and with
    Tal/Tall/Tel unified: ``"tal afar"``.  Two spellings that differ only in
    these conventions share a key.
``skeleton``
    A phonetic key: the spelling reduced to its consonants with the usual
    transliteration pairs merged (q/k/g, dh/d, th/t, ou/u, ee/ei/ay/ai),
    doubled letters and final -h dropped.  ``"Telafer"`` and ``"Tal Afar"``
    both become ``"tlfr"``.  Loose by design: callers rank its hits below the
    stricter levels.

Arabic-script names are folded too (diacritics, alef and taa-marbuta forms,
the definite article ال).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "key", "skeleton", "fold_char", "strip_generic", "GENERIC_WORDS"]

# Apostrophe-like marks used for 'ayn and hamza in transliterations.
_APOSTROPHES = "'`´‘’ʻʼʽʾʿˈ′"
_ARTICLES = {"al", "el", "ar", "as", "ad", "at", "an", "az", "ash", "adh", "ath", "ul", "il", "aal"}
_TAL = {"tal", "tall", "tel", "tell", "til", "tul"}

# Words that describe a place rather than name it: "Kirkuk province", "Mosul Dam" keeps "dam".
GENERIC_WORDS = {
    "city": None,
    "town": None,
    "village": "village",
    "governorate": "province",
    "province": "province",
    "district": "district",
    "region": "region",
    "border crossing": "crossing",
    "crossing": "crossing",
    "border post": "crossing",
    "checkpoint": "crossing",
    "dam": "dam",
    "barrage": "dam",
    "refinery": "refinery",
    "oil refinery": "refinery",
    "oilfield": "oilfield",
    "oil field": "oilfield",
    "airport": "airport",
    "international airport": "airport",
    "air base": "airbase",
    "airbase": "airbase",
    "river": "river",
}

# Longest first, so that "border crossing" is split off before "crossing"; with the forms
# strip_generic looks for: the word after the name, "<word> of " and "the <word> of " before it.
_GENERIC_LONGEST_FIRST = [(word, kind, " " + word, (f"{word} of ", f"the {word} of "))
                          for word, kind in sorted(GENERIC_WORDS.items(), key=lambda kv: -len(kv[0]))]
_GENERIC_AFTER = tuple(after for _, _, after, _ in _GENERIC_LONGEST_FIRST)
_GENERIC_BEFORE = tuple(lead for *_, leads in _GENERIC_LONGEST_FIRST for lead in leads)

_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ۀ": "ه", "ك": "ك"})
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character to one character (or ``""`` to drop it).

    Used on running text where character offsets must be preserved: every
    character maps to exactly one output character except apostrophe-like
    marks, which the caller replaces by a space-free placeholder.
    """
    if ch in _APOSTROPHES:
        return "'"
    low = ch.lower()
    if len(low) != 1:
        low = ch
    decomposed = unicodedata.normalize("NFKD", low)
    base = decomposed[0] if decomposed else low
    if unicodedata.combining(base):
        return low
    return base


def _fold_arabic(text: str) -> str:
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_MAP)
    words = []
    for word in text.split():
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        words.append(word)
    return " ".join(words)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case, strip diacritics, apostrophes and punctuation.

    Parameters
    ----------
    name : str
        A place name in any script.

    Returns
    -------
    str
        Words separated by single spaces.

    Examples
    --------
    >>> fold("Tall ‘Afar")
    'tall afar'
    >>> fold("Al-Qā’im")
    'al qaim'
    """
    if name.isascii():
        # Nothing to decompose, no combining marks, two apostrophes: the same result, sooner.
        text = name.replace("'", "").replace("`", "").lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = "".join("" if ch in _APOSTROPHES else ch for ch in text).lower()
    text = " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())
    if _ARABIC_LETTER.search(text):
        text = _fold_arabic(text)
    return text


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """The normalised key of a name: folded, articles dropped, Tal unified.

    Examples
    --------
    >>> key("Ar-Rutbah")
    'rutbah'
    >>> key("Tel Afar")
    'tal afar'
    >>> key("Jurf al-Sakhar")
    'jurf sakhar'
    """
    words = fold(name).split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    elif words and _ARTICLES.intersection(words):
        return words[0]
    words = ["tal" if w in _TAL else w for w in words]
    return " ".join(words)


_SKELETON_PAIRS = [
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ay", "i"),
    ("ai", "i"),
    ("kh", "k"),
    ("gh", "k"),
    ("dh", "d"),
    ("th", "t"),
    ("ph", "f"),
    ("sh", "s"),
    ("ch", "j"),
    ("q", "k"),
    ("g", "k"),
    ("c", "k"),
]
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile("[aeiou]")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """A loose phonetic key: consonants after merging transliteration pairs.

    A leading vowel is kept as ``a`` (Erbil, Irbil and Arbil agree); other
    vowels, doubled letters and a final ``h`` after a vowel are dropped.

    Examples
    --------
    >>> skeleton("Telafer") == skeleton("Tal Afar")
    True
    >>> skeleton("Beiji") == skeleton("Bayji") == skeleton("Baiji")
    True
    >>> skeleton("Rawaa") == skeleton("Rawah")
    True
    """
    text = key(name).replace(" ", "")
    if not text or not text.isascii():
        return text
    text = _DOUBLE.sub(r"\1", text)
    text = _FINAL_H.sub("", text)
    for old, new in _SKELETON_PAIRS:
        text = text.replace(old, new)
    lead = "a" if text[0] in "aeiouy" and (len(text) == 1 or text[1] not in "aeiou") else ""
    if text[0] in "aeiou":
        text = text[1:]
    text = _VOWELS.sub("", text)
    return lead + _DOUBLE.sub(r"\1", text)


def strip_generic(name: str) -> tuple[str, str | None]:
    """Split a trailing or leading generic word off a name.

    Parameters
    ----------
    name : str
        E.g. ``"Kirkuk province"``, ``"the town of Hit"``, ``"Rabia crossing"``.

    Returns
    -------
    tuple of (str, str or None)
        The remaining name and the kind the generic word hints at (or None).

    Examples
    --------
    >>> strip_generic("Kirkuk province")
    ('Kirkuk', 'province')
    >>> strip_generic("Anbar Governorate")
    ('Anbar', 'province')
    """
    text = name.strip()
    low = text.lower()
    if not low.endswith(_GENERIC_AFTER) and not low.startswith(_GENERIC_BEFORE):
        return text, None  # most names: told in two calls instead of trying each word
    for word, kind, after_name, leads in _GENERIC_LONGEST_FIRST:
        if low.endswith(after_name) and len(low) > len(word) + 2:
            return text[: -len(word) - 1].strip(" ,-"), kind
        for lead in leads:
            if low.startswith(lead) and len(low) > len(lead) + 1:
                return text[len(lead) :].strip(), kind
    return text, None
