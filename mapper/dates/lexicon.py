"""The date lexicon: month and weekday names, date labels, page furniture and relative phrases, as data.

Every language's words live in ``lexicon/<code>.toml`` (as dateparser keeps its languages); this
module loads them once and hands each stage the tables it needs.  English is the language of the
story scanner and of relative phrases; every language's names and labels are read on a page's own
date lines ("lundi 16 juin 2014", "Güncelleme Tarihi: 3 Mart 2015").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from .. import fastre

__all__ = ["Lexicon", "RelativeRule", "LEXICON", "load_lexicon"]


@dataclass(frozen=True)
class RelativeRule:
    """One relative-date phrase family: its canonical ``kind`` and how to find it in a clause."""

    kind: str
    pattern: re.Pattern
    cues: tuple[str, ...]
    examples: tuple[tuple[str, str, str, str], ...]  # (text, published, date, range start or "")


@dataclass(frozen=True)
class Lexicon:
    """The date words of every language the lexicon folder holds."""

    languages: dict  # code -> the parsed TOML table
    relative: tuple[RelativeRule, ...]

    def months(self, lang: str | None = None) -> dict[str, int]:
        """Month name or abbreviation -> 1..12, of one language or (``None``) of all."""
        return self._names("months", lang)

    def weekdays(self, lang: str | None = None) -> dict[str, int]:
        """Weekday name or abbreviation -> 0 (Monday) .. 6, of one language or (``None``) of all."""
        return self._names("weekdays", lang)

    def _names(self, table: str, lang: str | None) -> dict[str, int]:
        out: dict[str, int] = {}
        for code, data in self.languages.items():
            if lang is None or code == lang:
                for number, names in data.get(table, {}).items():
                    for name in names:
                        out.setdefault(name, int(number))
        return out

    def labels(self, kind: str) -> tuple[str, ...]:
        """The words, in every language, that label a page's ``published`` or ``updated`` date."""
        return tuple(word for data in self.languages.values() for word in data.get("labels", {}).get(kind, ()))

    def furniture(self) -> dict[str, tuple[str, ...]]:
        """Kind of page furniture -> the words that mark a line as such (English table)."""
        return {kind: tuple(words) for kind, words in self.languages["en"].get("furniture", {}).items()}

    def speech_before_weekday(self) -> tuple[str, ...]:
        """Verbs that make the weekday right after them the day of writing (English table)."""
        return tuple(self.languages["en"].get("story", {}).get("speech_before_weekday", ()))

    def agencies(self) -> tuple[str, ...]:
        """Agency and bureau names that may lead a byline's date line."""
        return tuple(self.languages["en"].get("agencies", {}).get("words", ()))


_MONTH_FULL_NAMES = ("january|february|march|april|may|june|july|august|september|october|november|december")


def _relative_rules(data: dict) -> tuple[RelativeRule, ...]:
    rules = []
    for entry in data.get("relative", ()):
        pattern = entry["pattern"].replace("{MONTHS}", _MONTH_FULL_NAMES)
        rules.append(RelativeRule(entry["kind"], fastre.compile(pattern, re.IGNORECASE), tuple(entry["cues"]),
                                  tuple(tuple(example) for example in entry.get("examples", ()))))
    return tuple(rules)


def load_lexicon() -> Lexicon:
    """Read every ``lexicon/*.toml`` file of the package."""
    languages = {}
    folder = resources.files(__package__) / "lexicon"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.endswith(".toml"):
            data = tomllib.loads(item.read_text(encoding="utf-8"))
            languages[data["language"]] = data
    if "en" not in languages:
        raise RuntimeError("the date lexicon has no English table (lexicon/en.toml)")
    return Lexicon(languages, _relative_rules(languages["en"]))


LEXICON = load_lexicon()
