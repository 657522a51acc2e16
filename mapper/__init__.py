"""territory-mapper: who holds which town, since when, according to whom."""

__version__ = "0.1.0"
