"""An Iraq gazetteer: every spelling a reporter writes, resolved to a point on the map.

>>> from gazetteer import load
>>> gaz = load()
>>> gaz.best("Rawaa").place.name
'Rawa'
"""

from .core import DATA_DIR, LOOSE_COUNTRIES, Gazetteer, load, user_dir
from .model import IN_SCOPE_COUNTRY, KINDS, Match, Place
from .sources import GazetteerFormatError

__all__ = ["Gazetteer", "Place", "Match", "load", "user_dir", "DATA_DIR", "KINDS", "IN_SCOPE_COUNTRY",
           "GazetteerFormatError", "LOOSE_COUNTRIES"]
__version__ = "0.1.0"
