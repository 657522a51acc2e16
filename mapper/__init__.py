"""territory-mapper: who holds which town, since when, according to whom.

The public API for notebooks is imported on first use, so ``import mapper`` stays cheap:

>>> import mapper
>>> corpus = mapper.load_corpus("mapper/samples")                # doctest: +SKIP
>>> mapper.timeline_frame(corpus, on="2014-06-20")               # doctest: +SKIP
"""

__version__ = "0.1.0"

# name -> module that defines it (see mapper.api for what each does)
_LAZY = {
    "extract": "mapper.pipeline",
    "build_timeline": "mapper.timeline",
    "load_store": "mapper.api",
    "load_corpus": "mapper.api",
    "places_frame": "mapper.api",
    "claims_frame": "mapper.api",
    "timeline_frame": "mapper.api",
    "events_frame": "mapper.api",
    "control_map": "mapper.api",
    "Filters": "mapper.api",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str):
    # PEP 562: import the defining module only when the name is first used.
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mapper' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
