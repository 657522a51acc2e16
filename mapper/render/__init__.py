"""Render the control timeline: the layered HTML map (a folium Map), its data, and notebook helpers."""

from .collect import Collected, collect
from .folium_map import OfflineAssetError, TerritoryMap, control_map
from .payload import ArticleInfo, build_payload

__all__ = ["control_map", "TerritoryMap", "OfflineAssetError", "ArticleInfo", "build_payload", "collect",
           "Collected"]
