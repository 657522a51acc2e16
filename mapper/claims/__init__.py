"""Claims: who took, holds, lost or contests which place, when, according to the article.

:mod:`.engine` reads sentences; its trigger rules are data (``lexicon/triggers.toml``, loaded by
:mod:`.lexicon`), each with examples and counter-examples in the project's own words.
:func:`trace_claims` records which rule fired and which veto dropped each candidate (``mapper explain``).
"""

from .engine import (
    OTHER,
    Claim,
    Party,
    PartyConfig,
    Reading,
    TraceEntry,
    date_claims,
    default_parties,
    find_claims,
    load_parties,
    parties_named,
    read_claims,
    split_sentences,
    trace_claims,
)

__all__ = ["Claim", "Party", "PartyConfig", "Reading", "TraceEntry", "load_parties", "default_parties",
           "find_claims", "parties_named", "read_claims", "trace_claims", "date_claims", "split_sentences",
           "TRIGGERS", "OTHER"]


def __getattr__(name: str):
    if name == "TRIGGERS":  # compiled on first use (see engine.__getattr__)
        from . import engine

        return engine.TRIGGERS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
