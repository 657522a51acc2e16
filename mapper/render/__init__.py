"""Render the control timeline as a folium map."""

from .folium_map import control_map

__all__ = ["control_map"]
