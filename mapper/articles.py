"""Read articles: files and folders of ``.txt``, ``.md``, ``.html``/``.htm`` and ``.jsonl``.

Each input becomes an :class:`Article` (or a :class:`ReadError` naming the file, line and
problem; one bad input never stops the others).  The article's ``text`` is what every later
stage indexes into: for plain text and Markdown it is the file's text itself (only byte-order
marks removed and line ends unified), for HTML the visible text of the page.  Page chrome
(share widgets, comment forms, promoted links, reader comments, credits) is not cut out of
``text`` but listed in ``chrome`` as character spans that later stages skip, so offsets stay
true.

Hostile input is expected: binary files, truncated or mixed encodings, files too big to be one
article, broken JSON lines, symbolic-link loops, unreadable files and folders.  Each problem is
a :class:`ReadError`; where the reader could still use the input (a truncated last character,
lines in another encoding, a bad ``title`` field) it yields the article as well and marks the
error ``recovered``.  The limits are the module constants below (documented in README.md).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import fastre

__all__ = ["Article", "ReadError", "read_inputs", "input_files", "read_text", "decode", "article_from_text",
           "find_chrome", "display_name", "parse_html", "EXTENSIONS", "MAX_ARTICLE_BYTES", "MAX_TITLE_CHARS",
           "MAX_SOURCE_CHARS", "MAX_DATE_CHARS", "MAX_ERRORS_PER_FILE"]

# One article (a .txt/.md/.html file, or one JSON-lines record) bigger than this is refused.
# JSON-lines files themselves have no size limit: they are read one record at a time.
MAX_ARTICLE_BYTES = 32 * 1024 * 1024
MAX_TITLE_CHARS = 1_000  # longer titles (JSON ``title``, HTML <title>) are ignored or cut
MAX_SOURCE_CHARS = 4_096  # longer JSON ``url``/``id`` values are ignored
MAX_DATE_CHARS = 100  # longer JSON ``published`` values and HTML date metadata are ignored
MAX_ERRORS_PER_FILE = 100  # after this many bad records in one file, the rest are counted, not listed

EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Files in a folder that are documentation, not articles.
_NOT_ARTICLES = fastre.compile(r"^(readme|license|licence|changelog|notice)(\.|$)", re.IGNORECASE)


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
    """An input that could not be read: the file (and line), and what is wrong.

    ``recovered`` is true when the reader still used the input (the problem was worked
    around, e.g. a truncated last character dropped or a bad ``title`` ignored); the
    article then follows the error.
    """

    source: str
    problem: str
    line: int | None = None
    recovered: bool = False

    def __str__(self) -> str:
        where = display_name(self.source)
        if self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.problem}"


_UNSAFE_CHARS = fastre.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


def display_name(name: str, limit: int = 400) -> str:
    """A file name or source made safe to print in one line of a message.

    Control, bidi-override and invisible characters and lone surrogates (undecodable bytes
    in file names) are shown escaped, and absurdly long names are shortened in the middle.
    """
    safe = _UNSAFE_CHARS.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"),
                             name)
    if len(safe) > limit:
        keep = limit // 2 - 1
        safe = f"{safe[:keep]}…[{len(safe) - 2 * keep} characters]…{safe[-keep:]}"
    return safe


def _fs_label(path) -> str:
    """A path as a valid Unicode string (undecodable bytes in file names become U+FFFD)."""
    try:
        return os.fsencode(path).decode("utf-8", "replace")
    except (UnicodeError, TypeError):
        return re.sub("[\ud800-\udfff]", "\ufffd", str(path))


# -- decoding ------------------------------------------------------------------------------
_BOM8 = b"\xef\xbb\xbf"
_CONTROL = fastre.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 4096


def _utf16_codec(data: bytes) -> str | None:
    """``utf-16`` for a BOM, ``utf-16-le``/``-be`` for BOM-less UTF-16 text, else None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:_SAMPLE]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    # Mostly-ASCII UTF-16: every other byte is NUL, the others almost never.
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _line_list(numbers: list[int], limit: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown + (f" and {len(numbers) - limit} more" if len(numbers) > limit else "")


def _decode_8bit(data: bytes, notes: list[str]) -> str:
    """UTF-8; a truncated last character is dropped; non-UTF-8 text is cp1252 (else Latin-1).

    A file that mixes UTF-8 lines with lines in a legacy encoding is decoded line by line.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data):
            notes.append(f"file ends in the middle of a UTF-8 character (truncated?); "
                         f"dropped the last {len(data) - exc.start} byte(s)")
            return data[:exc.start].decode("utf-8")
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    utf8_non_ascii = False
    for raw in lines:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded.append(None)
            continue
        utf8_non_ascii = utf8_non_ascii or not raw.isascii()
        decoded.append(line)
    if not utf8_non_ascii:
        return _legacy(data)  # a file in one legacy encoding: nothing to report
    bad: list[int] = []
    for i, raw in enumerate(lines):
        if decoded[i] is None:
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if i == len(lines) - 1 and exc.reason == "unexpected end of data" and exc.end == len(raw):
                    notes.append("file ends in the middle of a UTF-8 character (truncated?); "
                                 f"dropped the last {len(raw) - exc.start} byte(s)")
                    decoded[i] = raw[:exc.start].decode("utf-8", "replace")
                    continue
            decoded[i] = _legacy(raw)
            bad.append(i + 1)
    if bad:
        notes.append(f"mixed encodings: line(s) {_line_list(bad)} are not UTF-8 like the rest of the file "
                     "(read them as cp1252)")
    return "\n".join(decoded)  # type: ignore[arg-type]


def _check_binary(text: str) -> None:
    """Raise ValueError when decoded text looks like binary data (many control characters)."""
    n = len(text)
    samples = {0: text[:_SAMPLE]}
    if n > 3 * _SAMPLE:
        samples[n // 2] = text[n // 2:n // 2 + _SAMPLE]
        samples[n - _SAMPLE] = text[-_SAMPLE:]
    for offset, sample in samples.items():
        controls = len(_CONTROL.findall(sample))
        if controls > max(8, len(sample) // 20):
            where = f" near character {offset:,}" if offset else ""
            raise ValueError(f"binary data (control characters{where}), not text")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode a file's bytes, and say what had to be repaired.

    UTF-8 (with or without BOM), UTF-16 (with a BOM, or plainly recognisable), else cp1252,
    else Latin-1; a file mixing UTF-8 with cp1252 lines is decoded line by line.  Line ends
    become ``\\n`` and byte-order marks anywhere in the text are removed.

    Returns
    -------
    (str, list of str)
        The text and notes on what was repaired (empty for a clean file).

    Raises
    ------
    ValueError
        For binary data (NUL bytes or mostly control characters).
    """
    notes: list[str] = []
    if data.startswith(_BOM8):
        data = data[3:]
    codec = _utf16_codec(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            notes.append(f"not valid UTF-16 ({exc.reason} at byte {exc.start:,}); bad bytes replaced by U+FFFD")
            text = data.decode(codec, "replace")
        if "\x00" in text:
            raise ValueError("binary data (NUL characters in UTF-16 text), not text")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            raise ValueError(f"binary data (NUL byte at offset {nul:,}), not text")
        text = _decode_8bit(data, notes)
    _check_binary(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", ""), notes


def read_text(data: bytes) -> str:
    """Decode bytes: UTF-8 (with or without BOM), UTF-16, else cp1252, else Latin-1.

    See :func:`decode`, which also reports what it repaired.

    Raises
    ------
    ValueError
        For binary data (NUL bytes or mostly control characters).
    """
    return decode(data)[0]


def article_id(text: str) -> str:
    """A stable id for a text: sha1 of its whitespace-normalised, case-folded words (16 hex)."""
    digest = hashlib.sha1()
    joiner = b""
    # Piece by piece (cut before white space, which never composes with what precedes it): normalising a long
    # text whole, and the list of its words, took twenty times the text's memory.
    for piece in fastre.whitespace_pieces(text):
        words = unicodedata.normalize("NFKC", piece).casefold().split()
        if words:
            digest.update(joiner + " ".join(words).encode("utf-8", "surrogatepass"))
            joiner = b" "
    return digest.hexdigest()[:16]


def _word_count(text: str) -> int:
    """``len(text.split())`` without building the list of a long text's words."""
    return sum(len(piece.split()) for piece in fastre.whitespace_pieces(text))


# -- page chrome ---------------------------------------------------------------------------
# Lines that are widgets or furniture wherever they appear.
_CHROME_LINE = fastre.compile(
    r"""^\W*(
        share(\s+this)?(\s*(on|via)\s+\w+)?|tweet|e-?mail|print|whatsapp|pinterest|linkedin|reddit|facebook|twitter|
        reply|log\s*out.*|leave\s+a\s+(reply|comment)|\d*\s*comments?(\s*\(\d+\))?|post\s+(a\s+)?new\s+comment|add\s+comment|
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
_TERMINAL = fastre.compile(
    r"^\W*(leave\s+a\s+(reply|comment)|\d*\s*comments?(\s*\(\d+\)|(\s+\w+){0,3})|post\s+(a\s+)?new\s+comment|promoted\s+links|"
    r"editors?'?\s*choice|also\s+in\s+[\w\s]+|related\s+(articles|stories|posts|coverage)|more\s+from\s+.+|"
    r"you\s+are\s+commenting\s+using.*|reader\s+comments|join\s+the\s+discussion|what\s+do\s+you\s+think\??)\W*$",
    re.IGNORECASE,
)
_PUNCT_ONLY = fastre.compile(r"^[\s,.;:|•·\-–—*_#]+$")


def find_chrome(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that are page chrome.

    Two rules, both about the page rather than any site: a line that is a widget or
    page furniture (share buttons, "Leave a Reply", "Promoted Links", copyright, photo
    credits, lines of bare punctuation) is chrome; and once a terminal heading (comments,
    promoted or related links, "Also in ...") follows the bulk of the story, everything
    after it is chrome (reader comments carry later dates and other places).
    """
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    line_words = [_word_count(line) for line in lines]
    total_words = max(1, sum(line_words))
    pos = 0
    words_before = 0
    for line, words in zip(lines, line_words):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not words:
            continue
        stripped = line.strip()
        short = words <= 12
        if short and _TERMINAL.match(stripped) and words_before >= 0.4 * total_words:
            spans.append((start, len(text)))
            break
        if _PUNCT_ONLY.match(stripped) or (short and _CHROME_LINE.match(stripped)):
            spans.append((start, end))
        words_before += words
    return tuple(spans)


# -- HTML ----------------------------------------------------------------------------------
_SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "button",
              "select", "template", "head", "object", "embed", "canvas", "menu", "textarea", "noframes",
              "noembed", "math", "frameset", "dialog"}
# Tags whose content is code or embedded documents: never article text, never the title.
_CODE_TAGS = {"script", "style", "noscript", "iframe", "svg", "template", "object", "textarea", "noframes",
              "noembed", "math", "select", "button", "canvas"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
               "header", "blockquote", "figure", "figcaption", "table", "tr", "td", "th", "pre", "hr", "dd", "dt",
               "main", "address", "time"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param",
              "track", "keygen"}
# "<script" or "<style" inside another start tag (after its name, a space or an "="; unquoted).
_EMBEDDED_CODE = fastre.compile(r"""(?:^<[^\s>]*|\s|=\s*)<\s*(script|style)\b[^"'<>]*(?<!/)>$""", re.IGNORECASE)
# A <title> left open ends where the page body evidently starts.
_TITLE_ENDERS = _BLOCK_TAGS | {"body", "span", "a", "img", "table"}
_CHROME_ATTR = fastre.compile(
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
    """Visible story text of a page, with its title and metadata dates.

    Built for pages in the wild: unclosed tags are closed by the next matching end tag,
    stray end tags are ignored, ``<script>``/``<style>`` and other code never reach the
    text or the title, and an unterminated comment or tag at the end of the page is
    dropped (as browsers do) rather than shown.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self.open_count: Counter[str] = Counter()  # open tags by name: stray end tags cost nothing
        self.skip_depth = 0
        self.code_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False
        self.title_seen = False
        self.meta_title: str | None = None
        self.dates: list[str] = []
        self.in_ld_json = False
        self.ld_parts: list[str] = []
        self.row: tuple[int, list[int]] | None = None  # the open table row: where it and its cells start in parts

    def _add_date(self, value: str) -> None:
        value = value.strip()
        if value and len(value) <= MAX_DATE_CHARS:
            self.dates.append(value)

    def _end_title(self) -> None:
        if self.in_title:
            self.in_title = False
            self.title_seen = True

    def handle_starttag(self, tag, attrs):
        # "<b<script>", "<p <style>", "<a href=<script>": by the letter of HTML the script tag is
        # swallowed by a broken tag before it and its code shows as text.  Plainly a typo (or a
        # trick): open the script or style after the broken tag, so that its content stays hidden.
        embedded = _EMBEDDED_CODE.search(self.get_starttag_text() or "")
        tag = tag.split("<", 1)[0]
        if tag:
            self._start(tag, attrs)
        if embedded:
            code = embedded.group(1).lower()
            self._start(code, [])
            self.set_cdata_mode(code)

    def _start(self, tag, attrs):
        attrs = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
            if name in _DATE_META and attrs.get("content"):
                self._add_date(attrs["content"])
            elif name in _TITLE_META and attrs.get("content") and not self.meta_title:
                self.meta_title = attrs["content"].strip() or None
            return
        if tag in _TITLE_ENDERS:
            self._end_title()
            if self.open_count["head"]:
                self._pop_to("head")  # the body has started: an unclosed <head> ends here
        if tag == "time" and attrs.get("datetime") and not self.skip_depth:
            if "pubdate" in attrs or attrs.get("itemprop", "").lower() == "datepublished" or not self.dates:
                self._add_date(attrs["datetime"])
        if tag == "title" and not self.title_seen and not self.code_depth:
            self.in_title = True
        if tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self.in_ld_json = True
            self.ld_parts = []
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and not self.skip_depth:
                self.parts.append("\n")
            return
        chrome = bool(_CHROME_ATTR.search(f"{attrs.get('class', '')} {attrs.get('id', '')} {attrs.get('role', '')}"))
        skipping = tag in _SKIP_TAGS or chrome or attrs.get("aria-hidden") == "true" or "hidden" in attrs
        self.stack.append((tag, skipping))
        self.open_count[tag] += 1
        if skipping:
            self.skip_depth += 1
        if tag in _CODE_TAGS:
            self.code_depth += 1
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")
        if not self.skip_depth:
            if tag == "tr":
                self.row = (len(self.parts), [])
            elif tag in ("td", "th") and self.row is not None:
                self.row[1].append(len(self.parts))

    def _end_row(self) -> None:
        """Write a table row of short cells as one line, "| Tikrit | Islamic State | Held since 11 June |".

        A row whose cells hold paragraphs (a page laid out in a table) is left as it was.
        """
        start, cells = self.row
        self.row = None
        if len(cells) < 2 or cells[0] < start:
            return
        texts = ["".join(self.parts[a:b]) for a, b in zip(cells, cells[1:] + [len(self.parts)])]
        if any("\n\n" in t.strip() or len(t) > 300 for t in texts):
            return
        self.parts[start:] = ["| " + " | ".join(" ".join(t.split()) for t in texts) + " |"]

    def handle_endtag(self, tag):
        if tag == "title":
            self._end_title()
        if tag == "script" and self.in_ld_json:
            self.in_ld_json = False
            self._read_ld_json("".join(self.ld_parts))
            self.ld_parts = []
        if tag in _VOID_TAGS or not self.open_count[tag]:
            return  # a void element, or an end tag nothing opened
        if tag == "tr" and self.row is not None and not self.skip_depth:
            self._end_row()
        self._pop_to(tag)
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self.parts.append("\n")

    def _pop_to(self, tag: str) -> None:
        """Close ``tag`` and everything opened inside it (HTML in the wild leaves tags unclosed)."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for name, skipping in self.stack[i:]:
                    self.open_count[name] -= 1
                    if skipping:
                        self.skip_depth -= 1
                    if name in _CODE_TAGS:
                        self.code_depth -= 1
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.in_ld_json:
            self.ld_parts.append(data)
        elif self.code_depth:
            return
        elif self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.parts.append(data)

    def close(self):
        # An unterminated comment, declaration or tag at the end of the page ("<!-- ...",
        # '<div class="a>...') hides the rest of the page in a browser; do the same rather
        # than show its raw markup as text.
        rest = getattr(self, "rawdata", "")
        if rest.startswith("<") and not self.cdata_elem:
            self.rawdata = ""
        super().close()

    def _read_ld_json(self, raw: str) -> None:
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return
        items = data if isinstance(data, list) else [data]
        for item in items:
            if not isinstance(item, dict):
                continue
            graph = item.get("@graph", [item])
            for graph_item in graph if isinstance(graph, list) else [graph]:
                if not isinstance(graph_item, dict):
                    continue
                if isinstance(graph_item.get("datePublished"), str):
                    self._add_date(graph_item["datePublished"])
                headline = graph_item.get("headline")
                if isinstance(headline, str) and headline.strip() and not self.meta_title:
                    self.meta_title = headline.strip()

    def text(self) -> str:
        raw = "".join(self.parts).replace("\xa0", " ").replace("\ufeff", "")
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


def _short_title(title: str | None) -> str | None:
    """A title on one line, cut to :data:`MAX_TITLE_CHARS`; None when empty."""
    if not title:
        return None
    title = " ".join(title.split())
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS - 1].rstrip() + "…"
    return title or None


def parse_html(markup: str) -> tuple[str, str | None, list[str]]:
    """Visible text, title and metadata dates of an HTML page.

    Never raises on malformed markup.  Entities are decoded once; ``<script>``, ``<style>``,
    ``<iframe>``, ``<template>``, comments and CDATA sections never become text.
    """
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    title = _without_site_name(_short_title(parser.meta_title) or _short_title("".join(parser.title_parts)))
    return parser.text(), title, parser.dates


# -- articles ------------------------------------------------------------------------------
# A line that is only a time stamp ("Thursday 12 June 2014 18.42 BST", "Updated: 10:27 GMT") once its
# date and time words, numbers and punctuation are taken out; a byline ("By Jane Smith, Erbil").
_STAMP_PARTS = fastre.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|"
    r"[ap]m|gmt|bst|utc|est|edt|cet|cest|ast|et|updated|posted|published|last|modified|on|at)\b|"
    r"\d+(?:[ap]\.?m\b\.?)?|[\W_]+",  # ("6:44am", "9:12pm")
    re.IGNORECASE)
# Where a story's text has begun, so no later line is its headline: a long line, a dateline ("JALULA, Iraq,
# June 13 (Wire) -", "BAGHDAD (AFP) -"), or a sentence that ends as prose does (a quote, a lead paragraph).
_STORY_STARTED = fastre.compile(r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+)*\b\s*(?:,|\(|[—–-]{1,2}\s)")
_PROSE_END = fastre.compile(r"(?:\w{2,}|[)\d])[.!?][\"”’']?$")
_MAX_HEADLINE_WORDS = 22
_BYLINE = fastre.compile(r"[Bb][Yy]\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|and|\||-)\s*[\w ,.'’-]*)?$")


_PROSE_LINE_CHARS = 5000


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time (the first few are read, not a split of the whole text)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end == -1:
            end = len(text)
        yield text[start:end]
        start = end + 1


def _first_line_title(text: str) -> str | None:
    """The first line that can be a headline: not chrome, a time stamp or a byline, and before the story starts.

    None when the text opens with its story (a dateline, a lead paragraph): a later line, a quote or a body
    sentence, is no headline.
    """
    for line in _lines(text):
        if len(line) > _PROSE_LINE_CHARS:
            return None  # (a paragraph, or a whole page on one line: the story has started)
        stripped = line.strip().lstrip("#").strip()
        if not stripped or _CHROME_LINE.match(stripped):
            continue
        if not _STAMP_PARTS.sub("", stripped) or _BYLINE.match(stripped):
            continue
        if len(stripped) > 200 or _STORY_STARTED.match(stripped) \
                or (_PROSE_END.search(stripped) and len(stripped.split()) > _MAX_HEADLINE_WORDS // 2):
            return None
        return stripped
    return None


# A page title's trailing site or section names: "... - World - The Daily Meridian", "... | Tigris Times".
_TITLE_PARTS = fastre.compile(r"\s+(?:[|–—]|-{1,2})\s+")
_SITE_NAME = fastre.compile(r"(?:(?:The|the|of|and|&)\s+)?(?:[A-Z0-9][\w.'’&-]*\s*){1,4}")


def _without_site_name(title: str | None) -> str | None:
    """A page title without the site and section names after its headline."""
    if not title:
        return title
    parts = _TITLE_PARTS.split(title)
    while len(parts) > 1 and _SITE_NAME.fullmatch(parts[-1]) and len(parts[-1].split()) <= 4:
        parts.pop()
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def article_from_text(text: str, source: str, fmt: str = "text", title: str | None = None,
                      metadata_dates: Iterable[str] = ()) -> Article:
    """Make an :class:`Article` from decoded text (finds chrome and a title).

    ``text`` is kept exactly as given: every offset (chrome spans, body spans, later place
    mentions) indexes it.  A given ``title`` is put on one line and cut to :data:`MAX_TITLE_CHARS`.
    """
    chrome = find_chrome(text)
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        title=_short_title(title) or _first_line_title(text),
        format=fmt,
        metadata_dates=tuple(d for d in metadata_dates if d),
        chrome=chrome,
    )


class _TooBig(Exception):
    pass


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


def _read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a file, refusing (``_TooBig``) more than ``limit`` without reading them all."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise _TooBig(size)
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while reading, or a special file
        raise _TooBig(len(data))
    return data


def _read_problem(exc: Exception) -> str:
    """The message for a file that could not be read whole: too big, an OS error, or undecodable."""
    if isinstance(exc, _TooBig):
        return _too_big(exc.args[0])
    if isinstance(exc, OSError):
        return _os_problem(exc, "cannot read")
    return str(exc)


def _too_big(size: int) -> str:
    return (f"file is {_mb(size)}, over the {_mb(MAX_ARTICLE_BYTES)} limit for one article; "
            "split it, or make it JSON lines (one record per article)")


def _read_file(path: Path, source: str) -> Iterator[Article | ReadError]:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        yield ReadError(source, f"unknown file type {path.suffix or '(no extension)'!r}; "
                                f"expected one of {', '.join(sorted(EXTENSIONS))}")
        return
    if fmt == "jsonl":
        yield from _read_jsonl_file(path, source)
        return
    try:
        data = _read_capped(path, MAX_ARTICLE_BYTES)
    except (_TooBig, OSError) as exc:
        yield ReadError(source, _read_problem(exc))
        return
    if not data:
        yield ReadError(source, "empty file (0 bytes)")
        return
    try:
        text, notes = decode(data)
    except ValueError as exc:
        yield ReadError(source, str(exc))
        return
    if not text.strip():
        yield ReadError(source, "empty file (only whitespace)")
        return
    if fmt == "html":
        body, title, dates = parse_html(text)
        if not body.strip():
            yield ReadError(source, "HTML page has no visible text (only markup, scripts or page furniture)")
            return
        article = article_from_text(body, source, "html", title, dates)
    else:
        article = article_from_text(text, source, fmt)
    for note in notes:
        yield ReadError(source, f"{note}; the rest was read", recovered=True)
    yield article


# -- JSON lines ----------------------------------------------------------------------------
def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


_SURROGATE = fastre.compile("[\ud800-\udfff]")


def _clean_string(value: str, name: str, notes: list[str]) -> str:
    """``value`` with lone surrogates (invalid Unicode from ``\\ud800`` escapes) replaced by U+FFFD."""
    if _SURROGATE.search(value):
        notes.append(f"{name!r} has invalid Unicode (lone surrogate escapes), replaced by U+FFFD")
        value = _SURROGATE.sub("\ufffd", value)
    return value


def _string_field(record: dict, name: str, limit: int, notes: list[str], numbers: bool = False) -> str | None:
    """A short optional string field of a record; a bad one is noted and ignored."""
    value = record.get(name)
    if value is None:
        return None
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        notes.append(f"{name!r} is {_json_type(value)}, not a string; ignored it")
        return None
    if len(value) > limit:
        notes.append(f"{name!r} is {len(value):,} characters long (limit {limit:,}); ignored it")
        return None
    value = _clean_string(value, name, notes).strip()
    return value or None


# The fields of a JSON-lines record, by the names feeds and scrapers give them, first found first.
TEXT_KEYS = ("text", "body", "content")
URL_KEYS = ("url", "link")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "published_at", "publishedAt", "pubDate", "datePublished", "date")


def _first_field(record: dict, names: tuple[str, ...], limit: int, notes: list[str],
                 numbers: bool = False) -> str | None:
    """The first of the string fields ``names`` a record has (see :func:`_string_field`)."""
    for name in names:
        if name in record:
            value = _string_field(record, name, limit, notes, numbers)
            if value is not None:
                return value
    return None


_HTML_IN_JSON = fastre.compile(r"</?(p|div|br|html|body|span|a)\b", re.IGNORECASE)


def _record_article(record, file_source: str, line_no: int) -> tuple[Article | None, list[str], str | None]:
    """The article of one JSON-lines record: (article or None, notes on ignored fields, problem)."""
    if not isinstance(record, dict):
        return None, [], f"record is {_json_type(record)}, not a JSON object"
    text_key = next((k for k in TEXT_KEYS if k in record), None)
    if text_key is None:
        return None, [], "record has no 'text' (nor 'body' or 'content')"
    body = record[text_key]
    if not isinstance(body, str):
        return None, [], f"{text_key!r} is {_json_type(body)}, not a string"
    if not body.strip():
        return None, [], f"{text_key!r} is empty"
    notes: list[str] = []
    body = _clean_string(body, text_key, notes)
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    html_title, html_dates = None, []
    if "<" in body and _HTML_IN_JSON.search(body):
        body, html_title, html_dates = parse_html(body)
        if not body.strip():
            return None, notes, "'text' is HTML with no visible text"
    rec_source = (_first_field(record, URL_KEYS, MAX_SOURCE_CHARS, notes)
                  or _string_field(record, "id", MAX_SOURCE_CHARS, notes, numbers=True)
                  or f"{file_source}#{line_no}")
    title = _short_title(_first_field(record, TITLE_KEYS, MAX_TITLE_CHARS, notes)) or html_title
    # A number is a Unix timestamp (seconds or milliseconds), as many feeds write one.
    published = _first_field(record, DATE_KEYS, MAX_DATE_CHARS, notes, numbers=True)
    dates = [published] if published else []
    return article_from_text(body, rec_source, "jsonl", title, [*dates, *html_dates]), notes, None


_BINARY_LINE = "\x00"  # what _jsonl_lines gives for a line with a NUL byte (no JSON text has one raw)


def _jsonl_lines(path: Path, start: int = 0, end: int | None = None,
                 first_line: int = 1) -> Iterator[tuple[int, str | None, int, bool]]:
    """(line number, decoded line or None when too long, its size in bytes, read as cp1252?).

    Streams the file: memory use is bounded by :data:`MAX_ARTICLE_BYTES` per line, however big
    the file.  UTF-16 files (rare for JSON lines) are read whole, under the same limit.  A byte
    range ``[start, end)`` that begins at a line start (numbered ``first_line``) reads only its
    lines (the partitions of a distributed run).
    """
    with open(path, "rb") as fh:
        head = fh.read(_SAMPLE)
        codec = _utf16_codec(head[3:] if head.startswith(_BOM8) else head)
        if codec and start == 0 and end is None:
            fh.seek(0)
            data = fh.read(MAX_ARTICLE_BYTES + 1)
            if len(data) > MAX_ARTICLE_BYTES:
                raise _TooBig(os.fstat(fh.fileno()).st_size)
            text, _ = decode(data)
            for i, line in enumerate(text.split("\n"), start=1):
                yield i, line, len(line), False
            return
        if b"\x00" in head and not head.lstrip(_BOM8 + b" \t\r\n").startswith(b"{"):
            # (a file that does not even open as JSON lines: binary data; a NUL inside a record is its line's)
            raise ValueError(f"binary data (NUL byte at offset {head.index(0):,}), not text")
        fh.seek(start)
        line_no = first_line - 1
        while end is None or fh.tell() < end:
            raw = fh.readline(MAX_ARTICLE_BYTES + 1)
            if not raw:
                return
            line_no += 1
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                size = len(raw)
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a chunk at a time
                    raw = fh.readline(1 << 20)
                    size += len(raw)
                yield line_no, None, size, False
                continue
            if line_no == 1 and start == 0 and raw.startswith(_BOM8):
                raw = raw[3:]
            raw = raw.rstrip(b"\r\n")
            if b"\x00" in raw:
                yield line_no, _BINARY_LINE, len(raw), False
                continue
            try:
                yield line_no, raw.decode("utf-8"), len(raw), False
            except UnicodeDecodeError:
                yield line_no, _legacy(raw), len(raw), True


def read_jsonl_range(path: str | Path, start: int, end: int, first_line: int) -> Iterator[Article | ReadError]:
    """The articles of the JSON lines in bytes ``[start, end)`` of a file, as :func:`read_inputs` reads them.

    ``start`` must be a line start and ``first_line`` its line number, so messages name the
    file's own lines.  Used to split one big file between workers.
    """
    path = Path(path)
    yield from _read_jsonl_file(path, _fs_label(path), start, end, first_line)


def _read_jsonl_file(path: Path, source: str, start: int = 0, end: int | None = None,
                     first_line: int = 1) -> Iterator[Article | ReadError]:
    records = 0
    legacy_lines: list[int] = []
    utf8_non_ascii = False
    try:
        for line_no, line, size, legacy in _jsonl_lines(path, start, end, first_line):
            if line is None:
                yield ReadError(source, f"record is {_mb(size)}, over the {_mb(MAX_ARTICLE_BYTES)} limit "
                                        "for one article; skipped it", line_no)
                continue
            if line is _BINARY_LINE:
                records += 1
                yield ReadError(source, "binary data (a NUL byte) in the record; skipped it", line_no)
                continue
            if legacy:
                legacy_lines.append(line_no)
            elif not line.isascii():
                utf8_non_ascii = True
            if not line.strip():
                continue
            records += 1
            try:
                record = json.loads(line)
            except RecursionError:
                yield ReadError(source, "invalid JSON (nested too deeply)", line_no)
                continue
            except ValueError as exc:
                msg = getattr(exc, "msg", None) or str(exc)
                col = f" at column {exc.colno}" if getattr(exc, "colno", None) else ""
                yield ReadError(source, f"invalid JSON ({msg}{col})", line_no)
                continue
            article, notes, problem = _record_article(record, source, line_no)
            if problem:
                yield ReadError(source, problem, line_no)
                continue
            if notes:
                yield ReadError(source, "; ".join(notes) + "; read the record", line_no, recovered=True)
            yield article
    except (_TooBig, OSError, ValueError) as exc:
        yield ReadError(source, _read_problem(exc))
        return
    if legacy_lines and utf8_non_ascii:
        yield ReadError(source, f"mixed encodings: line(s) {_line_list(legacy_lines)} are not UTF-8 like the "
                                "rest of the file (read them as cp1252)", legacy_lines[0], recovered=True)
    if not records:
        yield ReadError(source, "empty file (no records)")


# -- finding the files ---------------------------------------------------------------------
def _os_problem(exc: OSError, doing: str = "cannot open") -> str:
    """A short reason for an OS error: "cannot read: permission denied"."""
    reasons = {
        errno.EACCES: "permission denied", errno.EPERM: "permission denied",
        errno.ENOENT: "no such file or folder", errno.ELOOP: "symbolic link loop",
        errno.ENAMETOOLONG: "file name too long", errno.EISDIR: "is a folder",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    reason = reasons.get(exc.errno) or (exc.strerror or str(exc)).lower()
    return f"{doing}: {reason}"


_KIND = {stat.S_IFIFO: "a named pipe", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device",
         stat.S_IFBLK: "a device"}


def _not_regular(mode: int) -> str:
    return f"not a regular file ({_KIND.get(stat.S_IFMT(mode), 'a special file')})"


def _missing(path: Path) -> str:
    """Why a path that cannot be stat-ed is missing: a broken link, a loop, or just absent."""
    try:
        if path.is_symlink():
            return f"broken symbolic link (points to {display_name(os.readlink(path))})"
    except (OSError, ValueError):
        pass
    return "no such file or folder"


def _walk(folder: Path, ancestors: frozenset, seen: set) -> Iterator[Path | ReadError]:
    """Article files under ``folder`` (depth first, sorted by name); problems as ReadErrors.

    Hidden files and folders, README/LICENSE files and files with other extensions are
    skipped.  Symbolic links are followed; a link back to a folder being read is a loop
    and reported; a folder reached twice through links is read once.  The walk keeps its own
    stack (no recursion), so a folder tree of any depth is read, and a folder that cannot be
    listed costs only its own files.
    """
    entries = _listing(folder)
    if isinstance(entries, ReadError):
        yield entries
        return
    stack = [(iter(entries), ancestors)]
    while stack:
        it, above = stack[-1]
        entry = next(it, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        article_name = path.suffix.lower() in EXTENSIONS and not _NOT_ARTICLES.match(entry.name)
        try:
            st = entry.stat()  # follows symbolic links
        except OSError as exc:
            if article_name:
                problem = _missing(path) if exc.errno == errno.ENOENT else _os_problem(exc)
                if exc.errno == errno.ELOOP:
                    problem = "symbolic link loop; skipped it"
                yield ReadError(_fs_label(path), problem)
            continue
        if stat.S_ISDIR(st.st_mode):
            ident = (st.st_dev, st.st_ino)
            if ident in above:
                yield ReadError(_fs_label(path), "symbolic link loop (leads back to a folder being read); "
                                                 "not followed")
            elif ident not in seen:
                seen.add(ident)
                sub = _listing(path)
                if isinstance(sub, ReadError):
                    yield sub
                else:
                    stack.append((iter(sub), above | {ident}))
        elif article_name:
            yield path if stat.S_ISREG(st.st_mode) else ReadError(_fs_label(path), _not_regular(st.st_mode))


def _listing(folder: Path):
    """The entries of ``folder`` sorted by name, or a ReadError saying why it cannot be listed."""
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        return ReadError(_fs_label(folder), _os_problem(exc, "cannot list folder"))


def input_files(inputs: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The files of ``inputs`` (folders walked), in the order :func:`read_inputs` reads them.

    An input that cannot be listed is yielded as a :class:`ReadError` in its place.
    """
    for item in inputs:
        label = _fs_label(item)
        try:
            path = Path(item)
            try:
                st = path.stat()
            except OSError as exc:
                yield ReadError(label, _missing(path) if exc.errno == errno.ENOENT else _os_problem(exc))
                continue
            if stat.S_ISDIR(st.st_mode):
                found = 0
                for found_item in _walk(path, frozenset({(st.st_dev, st.st_ino)}), {(st.st_dev, st.st_ino)}):
                    found += 1
                    yield found_item
                if not found:
                    yield ReadError(label, f"folder has no articles (no {', '.join(sorted(EXTENSIONS))} files)")
            elif stat.S_ISREG(st.st_mode):
                yield path
            else:
                yield ReadError(label, _not_regular(st.st_mode))
        except UnicodeError:
            yield ReadError(label, "invalid file name (not valid Unicode)")
        except ValueError as exc:  # e.g. a NUL character in the name
            yield ReadError(label, f"invalid file name ({exc})")
        except Exception as exc:  # noqa: BLE001 - one bad input never stops a batch
            yield ReadError(label, f"unexpected error while listing: {type(exc).__name__}: {exc}")


def _capped(items: Iterator[Article | ReadError], source: str) -> Iterator[Article | ReadError]:
    """Pass at most :data:`MAX_ERRORS_PER_FILE` errors of one file through; count the rest."""
    errors, hidden, first_hidden = 0, 0, None
    for item in items:
        if isinstance(item, ReadError):
            errors += 1
            if errors > MAX_ERRORS_PER_FILE:
                hidden += 1
                first_hidden = first_hidden or item.line
                continue
        yield item
    if hidden:
        where = f" from line {first_hidden:,}" if first_hidden else ""
        yield ReadError(source, f"{hidden:,} more problem(s){where} not listed (only the first "
                                f"{MAX_ERRORS_PER_FILE} of a file are)")


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[Article | ReadError]:
    """Read every article from files and folders, in input order.

    Folders are read recursively (sorted by path); hidden files and folders, README/LICENSE
    files and files with other extensions in them are skipped.  A file given by name must
    have one of :data:`EXTENSIONS`.  Yields an :class:`Article` per article and a
    :class:`ReadError` per unreadable input or record, so a caller can report problems and
    carry on; it never raises for bad input.
    """
    for item in input_files(inputs):
        if isinstance(item, ReadError):
            yield item
            continue
        source = _fs_label(item)
        try:
            yield from _capped(_read_file(item, source), source)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
            yield ReadError(source, f"unexpected error while reading: {type(exc).__name__}: {exc}")
