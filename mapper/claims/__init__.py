"""Claims: who took, holds, lost or contests which place, when, according to the article.

:mod:`.engine` reads sentences; its trigger rules are data (``lexicon/triggers.toml``, loaded by
:mod:`.lexicon`), each with examples and counter-examples in the project's own words.
"""

from .engine import (
                     OTHER,
                     TRIGGERS,
                     Claim,
                     Party,
                     PartyConfig,
                     Reading,
                     date_claims,
                     default_parties,
                     find_claims,
                     load_parties,
                     read_claims,
                     split_sentences,
)

__all__ = ["Claim", "Party", "PartyConfig", "Reading", "load_parties", "default_parties", "find_claims",
           "read_claims", "date_claims", "split_sentences", "TRIGGERS", "OTHER"]
