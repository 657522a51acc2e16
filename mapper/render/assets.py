"""Scripts and styles of the map page, and the escaping that keeps them inside their tags.

Pages inline Leaflet (unless drawn with ``--cdn``) from the installed ``XStatic-Leaflet`` package (never from a copy
in the repository) with its images turned into ``data:`` URIs.  The project's own JavaScript
and CSS live in ``mapper/render/templates/`` as package data and are inlined in every page.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["script_json", "script_json_chunks", "script_text", "style_text", "leaflet_assets", "template_text"]

# What a string must not contain inside <script>/<style>: a closing tag or a comment opener
# ends or confuses the element in the HTML parser whatever JavaScript thinks of it.
_SCRIPT_BREAKERS = re.compile(r"</(?=script)|<!--", re.IGNORECASE)
_STYLE_BREAKERS = re.compile(r"</(?=style)", re.IGNORECASE)


def script_json(value) -> str:
    """JSON for the inside of a ``<script>`` element, safe whatever the strings hold.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc. so no ``</script>`` or ``<!--`` can appear,
    and U+2028/U+2029 are escaped because older JavaScript engines treat them as line ends.
    ``JSON.parse`` and JavaScript both read the escapes back as the original characters.

    Examples
    --------
    >>> script_json({"q": "</script><b>"})
    '{"q":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def script_json_chunks(value: dict, rows: int = 5_000) -> Iterator[str]:
    """:func:`script_json` of a dict in pieces, long lists a slice of ``rows`` items at a time.

    A big map's page is written this way, so its data never has to be one string in memory.

    Parameters
    ----------
    value : dict
        JSON-ready.
    rows : int
        Items of a top-level list per piece.

    Yields
    ------
    str
        Pieces whose ``"".join`` is ``script_json(value)``.
    """
    yield "{"
    for n, (key, item) in enumerate(value.items()):
        yield ("," if n else "") + script_json(key) + ":"
        if isinstance(item, list) and len(item) > rows:
            # "[a,b]" and "[c]" -> "[a,b,c]": each slice without its brackets.
            yield "["
            for i in range(0, len(item), rows):
                yield ("," if i else "") + script_json(item[i:i + rows])[1:-1]
            yield "]"
        else:
            yield script_json(item)
    yield "}"


def script_text(code: str) -> str:
    """JavaScript source made safe to inline in ``<script>`` (``</script`` -> ``<\\/script``)."""
    return _SCRIPT_BREAKERS.sub(lambda m: "<\\/" if m.group(0).startswith("</") else "<\\!--", code)


def style_text(css: str) -> str:
    """CSS made safe to inline in ``<style>``."""
    return _STYLE_BREAKERS.sub(lambda m: "<\\/", css)


def template_text(name: str) -> str:
    """The text of a file in ``mapper/render/templates/``."""
    return resources.files("mapper.render").joinpath("templates", name).read_text(encoding="utf-8")


def _leaflet_dir() -> Path:
    try:
        from xstatic.pkg import leaflet
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RuntimeError("a self-contained map needs the XStatic-Leaflet package (pip install XStatic-Leaflet); "
                           "--cdn loads Leaflet from its CDN instead") from exc
    return Path(leaflet.BASE_DIR)


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str, str]:
    """Leaflet's JavaScript and CSS, ready to inline, and the script that sets its default icon.

    Returns
    -------
    js : str
        ``leaflet.js`` without its source-map comment (the map file is not shipped).
    css : str
        ``leaflet.css`` with ``url(images/...)`` replaced by ``data:`` URIs.
    icon_js : str
        Points ``L.Icon.Default`` at ``data:`` URIs: Leaflet otherwise guesses the image folder
        from the stylesheet's URL, which an inlined stylesheet does not have.
    """
    base = _leaflet_dir()
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    css = (base / "leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\((?:'|\")?images/([\w.-]+\.png)(?:'|\")?\)",
                 lambda m: f"url({_data_uri(base / 'images' / m.group(1))})", css)
    images = base / "images"
    icon_js = ("L.Icon.Default.imagePath='';L.Icon.Default.mergeOptions("
               + json.dumps({"iconUrl": _data_uri(images / "marker-icon.png"),
                             "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
                             "shadowUrl": _data_uri(images / "marker-shadow.png")}) + ");")
    return script_text(js), style_text(css), icon_js
