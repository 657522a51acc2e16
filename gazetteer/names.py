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
``spelling``
    ``key`` with the transliteration alternations of Arabic, Kurdish and Syriac names merged
    by rule, every consonant kept: e/i and o/u (Amerli, Amirli), oo/ou/uo (Baquoba, Baqubah),
    q/k/g (Kwair, Gwer), ai/ay/ei (Haiyat, Hayat), dh/d and th/t, p/f (Telsqop, Telsqof), the
    -iyah/-iya/-ia/-yah endings, doubled letters, a final -h, a Tel/Tal glued to the name
    (Telskuf, Tel Skuf), the tribal Albu/Al Bu and the spaces between words.  Stricter than
    ``skeleton``: callers may trust its hits almost as much as a ``key``'s.
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

__all__ = ["fold", "key", "spelling", "skeleton", "fold_char", "strip_generic", "GENERIC_WORDS"]

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


# The spelling rules, applied in order to each word of a key (see :func:`spelling`).  Each is a
# transliteration alternation reporters write both ways; the examples name a pair it joins.
_SPELLING_RULES = [
    (re.compile(r"([aeiou])\1+"), r"\1"),  # doubled vowels: Aanah, Anah
    (re.compile(r"kh"), "x"),  # kha stays apart from kaf/qaf: Khalis is not Kalis
    (re.compile(r"ch"), "j"),  # Kurdish and Turkmen c-cedilla, jim: Gogchali, Gogjali
    (re.compile(r"gh|q|g|ck|c"), "k"),  # ghayn, qaf, kaf, gaf: Qaim, Gaim; Kwair, Gwer
    (re.compile(r"dh"), "d"),  # dhal, dad: Ayadhiyah, Ayadiya
    (re.compile(r"th"), "t"),  # tha: Tharthar, Tartar
    (re.compile(r"p"), "f"),  # Syriac p, Arabic f: Telsqop, Telsqof; Tesqopa
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled consonants: Muhallabiya, Muhalabiya
    (re.compile(r"(?<=[aeiou])h(?=[^aeiouy]|$)"), ""),  # a final or closing -h: Baqubah, Baquba
    (re.compile(r"(?:iy|y|i)+a$"), "iya"),  # -iyah, -iya, -ia, -yah: Amiriya, Amiria; Tarmiyah, Tarmyah
    (re.compile(r"aiy|aay|ayy"), "ay"),  # Haiyat, Hayat
    (re.compile(r"(?:ai|ay|ei|ey|ee|ie|e)(?![aeiouy])"), "i"),  # e/i and diphthongs: Amerli, Amirli; Gwer, Kwair
    (re.compile(r"(?:ou|oo|uo|o)"), "u"),  # o/u: Mosul, Mousul; Baquoba, Baqubah
    (re.compile(r"(?<=[bdfhjklmnrstwxz])u(?=w)"), ""),  # Kuwair, Kwair
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubles the rules made: Baquoba
]
# A Tel/Tal ("hill") glued to the name it opens: Telskuf, Tel Skuf; Telsqof.  Only before two
# consonants, so that Tallil (the air base) and Talafar's own letters keep their shape.
_GLUED_TAL = re.compile(r"^t[ae]ll?(?=[b-df-hj-np-tv-z]{2})")
# The tribal "house of": Albu Haiyat, Al Bu Haiyat, Al-Bu Haiyat (the article "al" is gone by now).
_TRIBE_WORDS = {"albu", "bu", "albo", "bou", "albou"}
# Shorter spelling keys are too easily a different name: they are not indexed.
MIN_SPELLING = 4


@lru_cache(maxsize=200_000)
def spelling(name: str) -> str:
    """The name's key with transliteration alternations merged by rule (see the module docstring).

    Every consonant is kept (merged with its usual partner), and so are the vowels a, i and u:
    unlike :func:`skeleton`, two names sharing this key differ only by a convention of spelling.
    Words are joined ("Tel Skuf" and "Telskuf" agree).  Names in other scripts keep their key.

    Examples
    --------
    >>> spelling("Amerli") == spelling("Amirli")
    True
    >>> spelling("Baquoba") == spelling("Baqubah")
    True
    >>> spelling("Telsqof") == spelling("Tel Skuf")
    True
    >>> spelling("Albu Haiyat") == spelling("Al Bu Hayat")
    True
    >>> spelling("Mosul") == spelling("Basra")
    False
    """
    text = key(name)
    if not text or not text.isascii():
        return text
    words = text.split()
    if len(words) > 1 and words[0] in _TRIBE_WORDS:
        words = ["albu", *words[1:]]
    elif len(words) > 1 and words[0] == "tal":
        words = ["tal" + words[1], *words[2:]]
    out = []
    for i, word in enumerate(words):
        if i == 0:
            word = _GLUED_TAL.sub("tal", word)
        for pattern, replacement in _SPELLING_RULES:
            word = pattern.sub(replacement, word)
        out.append(word)
    return "".join(out)


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
