"""Read articles: files and folders of ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl``.

Each input becomes an :class:`Article` (or a :class:`ReadError` naming the file, line and
problem; one bad input never stops the others).  The article's ``text`` is what every later
stage indexes into: for plain text and Markdown it is the file's text itself (only a BOM
removed and line ends unified), for HTML the visible text of the page.  Page chrome (share
widgets, comment forms, promoted links, reader comments, credits) is not cut out of ``text``
but listed in ``chrome`` as character spans that later stages skip, so offsets stay true.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["Article", "ReadError", "read_inputs", "read_text", "article_from_text", "find_chrome", "EXTENSIONS"]

EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Files in a folder that are documentation, not articles.
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|notice)(\.|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One article, read and decoded.

    Attributes
    ----------
    id : str
        Stable id: a hash of the normalised text, so the same story read twice is one article.
    source : str
        File path, or the record's url/id for JSON lines input.
    text : str
        The article text all offsets refer to.
    title : str or None
        Title from metadata or the first heading line.
    format : str
        ``text``, ``markdown``, ``html`` or ``jsonl``.
    metadata_dates : tuple of str
        Publication dates stated by metadata (JSON ``published``, HTML meta tags, ``<time>``).
    chrome : tuple of (int, int)
        Spans of ``text`` that are page chrome, not the story.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    format: str = "text"
    metadata_dates: tuple[str, ...] = ()
    chrome: tuple[tuple[int, int], ...] = field(default=())

    def body_spans(self) -> list[tuple[int, int]]:
        """The spans of ``text`` that are the story (the complement of ``chrome``)."""
        spans, pos = [], 0
        for start, end in sorted(self.chrome):
            if start > pos:
                spans.append((pos, start))
            pos = max(pos, end)
        if pos < len(self.text):
            spans.append((pos, len(self.text)))
        return spans

    def in_chrome(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps page chrome."""
        return any(s < end and start < e for s, e in self.chrome)


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read: the file (and line), and what is wrong."""

    source: str
    problem: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.problem}"


# -- decoding ------------------------------------------------------------------------------
def read_text(data: bytes) -> str:
    """Decode bytes: UTF-8 (with or without BOM), else cp1252, else Latin-1.

    Raises
    ------
    ValueError
        For binary data (NUL bytes or mostly control characters).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        sample = data[:4096]
        if b"\x00" in sample:
            raise ValueError("binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    controls = sum(1 for ch in text[:4096] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > max(8, len(text[:4096]) // 20):
        raise ValueError("binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def article_id(text: str) -> str:
    """A stable id for a text: sha1 of its whitespace-normalised, case-folded words (16 hex)."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


# -- page chrome ---------------------------------------------------------------------------
# Lines that are widgets or furniture wherever they appear.
_CHROME_LINE = re.compile(
    r"""^\W*(
        share(\s+this)?(\s*(on|via)\s+\w+)?|tweet|e-?mail|print|whatsapp|pinterest|linkedin|reddit|facebook|twitter|
        reply|log\s*out.*|leave\s+a\s+(reply|comment)|\d*\s*comments?|post\s+(a\s+)?new\s+comment|add\s+comment|
        promoted\s+(links|stories|content)|editors?'?\s*(choice|picks?)|also\s+in\s+[\w\s]+|related(\s+\w+)?|
        read\s+more.*|more\s+from\s+.*|recommended(\s+for\s+you)?|most\s+(read|popular|viewed)|trending(\s+now)?|
        sign\s+up.*|subscribe.*|.*newsletter.*|advertisement|sponsored(\s+content)?|skip\s+to\s+(main\s+)?content|
        you\s+are\s+commenting\s+using.*|fill\s+in\s+your\s+details.*|connecting\s+to\s+%s|%d\s+bloggers\s+like\s+this.*|
        follow\s+us.*|click\s+to\s+\w+.*|like\s+this:?|loading\.*|copyright.*|©.*|all\s+rights\s+reserved.*|
        (photo|image|picture|video)\s*(credit)?\s*:.*|.*\bgetty\s+images\b.*|posted\s+by\s+\w+.*\s+at\s+.*|
        (google\+|twitter|facebook)\s+(photo|picture)|cancel|change\s*\)|home|menu|search|
        today'?s\s+news\s+headlines.*|next\s+(story|article).*|previous\s+(story|article).*|tags?:.*|filed\s+under.*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# Headings after which the rest of the page is comments and promotions, not the story.
_TERMINAL = re.compile(
    r"^\W*(leave\s+a\s+(reply|comment)|\d*\s*comments?(\s+\w+){0,3}|post\s+(a\s+)?new\s+comment|promoted\s+links|"
    r"editors?'?\s*choice|also\s+in\s+[\w\s]+|related\s+(articles|stories|posts|coverage)|more\s+from\s+.+|"
    r"you\s+are\s+commenting\s+using.*|reader\s+comments|join\s+the\s+discussion|what\s+do\s+you\s+think\??)\W*$",
    re.IGNORECASE,
)
_PUNCT_ONLY = re.compile(r"^[\s,.;:|•·\-–—*_#]+$")


def find_chrome(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that are page chrome.

    Two rules, both about the page rather than any site: a line that is a widget or
    page furniture (share buttons, "Leave a Reply", "Promoted Links", copyright, photo
    credits, lines of bare punctuation) is chrome; and once a terminal heading (comments,
    promoted or related links, "Also in ...") follows the bulk of the story, everything
    after it is chrome (reader comments carry later dates and other places).
    """
    spans: list[tuple[int, int]] = []
    total_words = max(1, len(text.split()))
    pos = 0
    words_before = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        short = len(stripped.split()) <= 12
        if short and _TERMINAL.match(stripped) and words_before >= 0.4 * total_words:
            spans.append((start, len(text)))
            break
        if _PUNCT_ONLY.match(stripped) or (short and _CHROME_LINE.match(stripped)):
            spans.append((start, end))
        words_before += len(stripped.split())
    return tuple(spans)


# -- HTML ----------------------------------------------------------------------------------
_SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
              "select", "template", "head", "object", "embed", "canvas", "menu"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
               "header", "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "pre", "hr", "dd", "dt",
               "main", "address", "time"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
              "track"}
_CHROME_ATTR = re.compile(
    r"(^|[\s_-])(share|sharing|social|comments?|respond|reply|related|promo|promoted|newsletter|subscribe|"
    r"footer|nav|navbar|navigation|sidebar|widget|advert|ads?|sponsor|cookie|breadcrumbs?|menu|masthead|"
    r"outbrain|taboola|recirc|most-read|popular|signup|byline-social|tags)($|[\s_-])",
    re.IGNORECASE,
)
_DATE_META = {"article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
              "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date",
              "article.published", "publication_date", "published_time", "original-publish-date"}
_TITLE_META = {"og:title", "twitter:title", "headline", "dc.title"}


class _PageParser(HTMLParser):
    """Visible story text of a page, with its title and metadata dates."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.skip_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False
        self.meta_title: str | None = None
        self.dates: list[str] = []
        self.in_ld_json = False
        self.ld_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if name in _DATE_META and attrs.get("content"):
                self.dates.append(attrs["content"])
            elif name in _TITLE_META and attrs.get("content") and not self.meta_title:
                self.meta_title = attrs["content"].strip()
            return
        if tag == "time" and attrs.get("datetime") and not self.skip_depth:
            if "pubdate" in attrs or attrs.get("itemprop", "").lower() == "datepublished" or not self.dates:
                self.dates.append(attrs["datetime"])
        if tag == "title":
            self.in_title = True
        if tag == "script" and "ld+json" in attrs.get("type", ""):
            self.in_ld_json = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and not self.skip_depth:
                self.parts.append("\n")
            return
        chrome = bool(_CHROME_ATTR.search(f"{attrs.get('class', '')} {attrs.get('id', '')} {attrs.get('role', '')}"))
        skipping = tag in _SKIP_TAGS or chrome or attrs.get("aria-hidden") == "true" or "hidden" in attrs
        self.stack.append((tag, skipping))
        if skipping:
            self.skip_depth += 1
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "script" and self.in_ld_json:
            self.in_ld_json = False
            self._read_ld_json("".join(self.ld_parts))
            self.ld_parts = []
        if tag in _VOID_TAGS:
            return
        # Pop to the matching open tag (HTML in the wild leaves tags unclosed).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _, skipping in self.stack[i:]:
                    if skipping:
                        self.skip_depth -= 1
                del self.stack[i:]
                break
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_ld_json:
            self.ld_parts.append(data)
        elif self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.parts.append(data)

    def _read_ld_json(self, raw: str) -> None:
        try:
            data = json.loads(raw)
        except ValueError:
            return
        items = data if isinstance(data, list) else [data]
        for item in items:
            if isinstance(item, dict):
                for graph_item in item.get("@graph", [item]):
                    if isinstance(graph_item, dict) and isinstance(graph_item.get("datePublished"), str):
                        self.dates.append(graph_item["datePublished"])
                    if isinstance(graph_item, dict) and isinstance(graph_item.get("headline"), str):
                        self.meta_title = self.meta_title or graph_item["headline"]

    def text(self) -> str:
        raw = "".join(self.parts).replace("\xa0", " ")
        lines = [" ".join(line.split()) for line in raw.split("\n")]
        out, blank = [], False
        for line in lines:
            if line:
                out.append(line)
                blank = False
            elif not blank and out:
                out.append("")
                blank = True
        return "\n".join(out).strip() + "\n"


def parse_html(markup: str) -> tuple[str, str | None, list[str]]:
    """Visible text, title and metadata dates of an HTML page."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    title = parser.meta_title or " ".join("".join(parser.title_parts).split()) or None
    return parser.text(), (html.unescape(title) if title else None), parser.dates


# -- articles ------------------------------------------------------------------------------
def _first_line_title(text: str) -> str | None:
    for line in text.split("\n"):
        stripped = line.strip().lstrip("#").strip()
        if stripped and not _CHROME_LINE.match(stripped) and len(stripped) <= 200:
            return stripped
    return None


def article_from_text(text: str, source: str, fmt: str = "text", title: str | None = None,
                      metadata_dates: Iterable[str] = ()) -> Article:
    """Make an :class:`Article` from decoded text (finds chrome and a title)."""
    chrome = find_chrome(text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=title or _first_line_title(text),
        format=fmt,
        metadata_dates=tuple(d for d in metadata_dates if d),
        chrome=chrome,
    )


def _read_file(path: Path) -> Iterator[Article | ReadError]:
    fmt = EXTENSIONS.get(path.suffix.lower())
    source = str(path)
    if fmt is None:
        yield ReadError(source, f"unknown file type {path.suffix or '(no extension)'!r}; "
                                f"expected one of {', '.join(sorted(EXTENSIONS))}")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(source, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = read_text(data)
    except ValueError as exc:
        yield ReadError(source, str(exc))
        return
    if not text.strip():
        yield ReadError(source, "empty file")
        return
    if fmt == "jsonl":
        yield from _read_jsonl(text, source)
    elif fmt == "html":
        body, title, dates = parse_html(text)
        if not body.strip():
            yield ReadError(source, "HTML page has no visible text")
            return
        yield article_from_text(body, source, "html", title, dates)
    else:
        yield article_from_text(text, source, fmt)


def _read_jsonl(text: str, source: str) -> Iterator[Article | ReadError]:
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield ReadError(source, f"invalid JSON ({exc.msg})", line_no)
            continue
        if not isinstance(record, dict):
            yield ReadError(source, "record is not a JSON object", line_no)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            yield ReadError(source, "record has no 'text'", line_no)
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        if "<" in body and re.search(r"</?(p|div|br|html|body|span|a)\b", body, re.IGNORECASE):
            body, html_title, html_dates = parse_html(body)
        else:
            html_title, html_dates = None, []
        rec_source = record.get("url") or record.get("id") or f"{source}#{line_no}"
        title = record.get("title") if isinstance(record.get("title"), str) else html_title
        published = record.get("published")
        dates = [published] if isinstance(published, str) else []
        yield article_from_text(body, str(rec_source), "jsonl", title, [*dates, *html_dates])


def _expand(inputs: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for p in files:
                if p.suffix.lower() in EXTENSIONS and not _NOT_ARTICLES.match(p.name):
                    yield p
        elif path.exists():
            yield path
        else:
            yield ReadError(str(path), "no such file or folder")


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[Article | ReadError]:
    """Read every article from files and folders, in input order.

    Folders are read recursively (sorted by path); files in them with other extensions,
    hidden files and README/LICENSE files are skipped.  Yields an :class:`Article` per
    article and a :class:`ReadError` per unreadable input or record, so a caller can
    report problems and carry on.
    """
    for item in _expand(inputs):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield from _read_file(item)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            yield ReadError(str(item), f"unexpected error while reading: {type(exc).__name__}: {exc}")
