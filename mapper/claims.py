"""Territorial-control claims from sentences (placeholder until the claims stage lands)."""

from __future__ import annotations


def find_claims(article, mentions, published):
    """Control claims made by an article (none yet)."""
    return []
