"""Generate a corpus of hostile and broken article inputs into a folder, at test time.

:func:`build` writes every case and returns a :class:`Corpus` saying which sources must come
out as records and which problems must be reported on stderr (as regular expressions
matched against the message after ``mapper: ``).  Nothing here is stored in the repository:
big and many-file inputs are generated into ``tmp_path`` (the 200 MB file is written in
chunks and read back as a stream).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

MB = 1024 * 1024
GOOD_TEXT = "BAGHDAD, June 12, 2014 — Militants seized Tikrit on Wednesday, residents said.\n"


@dataclass
class Corpus:
    inputs: list[str] = field(default_factory=list)  # command-line arguments, in order
    good: list[str] = field(default_factory=list)  # sources that must each have a record on stdout
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, regex for one stderr message)
    kinds: Counter = field(default_factory=Counter)  # bad inputs tried, by kind

    recovered: int = 0  # problems the reader worked around (the input was still read)

    def bad(self, kind: str, path: Path | str, problem: str, line: int | None = None,
            recovered: bool = False) -> None:
        """Expect one message naming ``path`` (and ``line``) with ``problem`` (a regex)."""
        where = re.escape(str(path)) + (f":{line}" if line else "")
        self.problems.append((kind, f"^{where}: {problem}"))
        self.kinds[kind] += 1
        self.recovered += recovered


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- HTML ------------------------------------------------------------------------------------
HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<title>Tikrit under siege &amp;amp; Samarra</title>
<script>var city = "Basra"; if (a < b && c > d) { document.write("<p>Najaf</p>"); } // </div></p>
</script>
<style>p::before { content: "Karbala"; } </style>
<script type="application/ld+json">{"@graph": 5, "datePublished": ["x"]}</script>
<script type="application/ld+json">""" + "[" * 50_000 + """</script>
</head><body>
<!-- hidden comment about Basra <!-- nested --> Visible after a nested comment. -->
<iframe src="https://ads.example/"><p>Najaf iframe fallback</p></iframe>
<noscript>Enable JavaScript to read about Karbala</noscript>
<template><p>Karbala template</p></template>
<svg><title>Basra icon</title><text>Najaf svg</text></svg>
<p>BAGHDAD, June 12, 2014 &mdash; Militants seized Tikrit on Wednesday, residents said &#8220;they came at night&#8221;
 &#x1F600; &bogus; &#0; &#xD800; &#x110000; &notanentity</p>
<p>x<![CDATA[ Karbala cdata ]]>y</p>
<p>Broken <b>tags <i>everywhere</b> and <unknown-tag attr="x>y">Samarra</unknown-tag> too.</p>
<<p>> < p>stray</ p> </span></span></div></table>
<textarea>Basra textarea</textarea>
<SCRIPT>Najaf = 1</SCRIPT><script/>
<p>Last line.
<!-- unterminated comment about Karbala <p>Najaf</p>
"""
HIDDEN_PLACES = ("Basra", "Najaf", "Karbala")


def _html_cases(root: Path, c: Corpus) -> None:
    p = write(root / "html" / "hostile.html", HOSTILE_HTML)
    c.good.append(str(p))
    c.kinds["html: scripts, iframes, entities, nested/unterminated comments, CDATA, malformed tags"] += 1
    p = write(root / "html" / "unclosed-title.htm",
              "<html><head><title>Tikrit falls<body><p>Militants seized Tikrit on June 11, 2014.</p>")
    c.good.append(str(p))
    c.kinds["html: unclosed <title>"] += 1
    p = write(root / "html" / "unterminated-script.html", "<p>Militants seized Baiji.</p><script>var x = '<p>Najaf")
    c.good.append(str(p))
    c.kinds["html: unterminated <script>"] += 1
    p = write(root / "html" / "only-markup.html", "<html><head><script>Basra()</script></head><body><nav>Home</nav>"
                                                  "<!-- nothing --></body></html>")
    c.bad("html: no visible text", p, r"HTML page has no visible text")
    p = write(root / "html" / "deep.html", "<div>" * 100_000 + "Fighters entered Mosul." + "</span>" * 100_000)
    c.good.append(str(p))
    c.kinds["html: 100,000 nested and 100,000 stray tags"] += 1


# -- JSON lines ------------------------------------------------------------------------------
def _jsonl_cases(root: Path, c: Corpus) -> None:
    path = root / "feeds" / "wire.jsonl"
    lines: list[tuple[str, str | None, str | None, str | None]] = []  # (line, good source, kind, problem regex)

    def good(record, source):
        lines.append((json.dumps(record), source, None, None))

    def bad(raw, kind, problem, good_source=None):
        lines.append((raw, good_source, kind, problem))

    good({"id": "w1", "title": "One", "published": "2014-06-14", "text": "Militants took Samarra."}, "w1")
    bad('{"id": "w2", "text": "broken', "jsonl: invalid JSON", r"invalid JSON \(Unterminated string")
    bad(json.dumps(["not", "an", "object"]), "jsonl: not an object", r"record is a list, not a JSON object")
    bad(json.dumps({"id": "w4"}), "jsonl: no text", r"record has no 'text'")
    bad(json.dumps({"id": "w5", "text": 42}), "jsonl: text not a string", r"'text' is a number, not a string")
    bad(json.dumps({"id": "w6", "text": None}), "jsonl: text not a string", r"'text' is null, not a string")
    bad(json.dumps({"id": "w7", "text": ["Mosul"]}), "jsonl: text not a string", r"'text' is a list, not a string")
    bad(json.dumps({"id": "w8", "text": "   "}), "jsonl: empty text", r"'text' is empty")
    good({"id": 9, "text": "Fighting in Baiji continued."}, "9")  # numeric ids are fine
    bad(json.dumps({"url": {"href": "x"}, "text": "Kirkuk was quiet."}), "jsonl: url not a string",
        r"'url' is an object, not a string; ignored it; read the record$", good_source="#line")
    bad(json.dumps({"url": "http://x/" + "a" * 10_000, "id": "w11", "text": "Haditha held."}), "jsonl: huge url",
        r"'url' is 10,009 characters long \(limit 4,096\); ignored it", good_source="w11")
    bad(json.dumps({"id": "w12", "title": "T" * 2_000_000, "text": "Rawa fell."}), "jsonl: huge title",
        r"'title' is 2,000,000 characters long \(limit 1,000\); ignored it", good_source="w12")
    # (a number is a Unix timestamp, a date; an object is not)
    bad(json.dumps({"id": "w13", "title": ["a", "list"], "published": {"at": 1402790400}, "text": "Anah fell."}),
        "jsonl: title and published not strings",
        r"'title' is a list, not a string; ignored it; 'published' is an object, not a string", good_source="w13")
    bad("[" * 100_000 + "]" * 100_000, "jsonl: nested too deeply", r"invalid JSON \(nested too deeply\)")
    bad(json.dumps({"id": "w15", "text": "Tal Afar \ud800 fell."}, ensure_ascii=True), "jsonl: lone surrogate",
        r"'text' has invalid Unicode \(lone surrogate escapes\), replaced by U\+FFFD", good_source="w15")
    good({"id": "w16", "text": "NaN is fine", "extra": float("nan")}, "w16")
    bad("\x00\x01\x02 binary junk", "jsonl: binary line", r"binary data \(a NUL byte\) in the record; skipped it")
    good({"id": "w18", "text": "<p>Militants seized <b>Rawa</b>.</p><script>Basra()</script>"}, "w18")
    bad(json.dumps({"id": "w19", "text": "<p><script>Basra()</script></p>"}), "jsonl: HTML without text",
        r"'text' is HTML with no visible text")
    raw = "\n".join(line for line, _, _, _ in lines) + "\r\n\n   \n"
    write(path, "\ufeff" + raw)
    for number, (_, source, kind, problem) in enumerate(lines, start=1):
        if source == "#line":
            source = f"{path}#{number}"
        if source:
            c.good.append(source)
        if problem:
            c.bad(kind, path, problem, number, recovered=source is not None)

    p = write(root / "feeds" / "empty.jsonl", "\n\n  \n")
    c.bad("jsonl: no records", p, r"empty file \(no records\)")
    write(root / "feeds" / "utf16.jsonl", ("\ufeff" + json.dumps({"id": "u16", "text": "Hit fell to militants."})
                                               + "\n").encode("utf-16-le"))
    c.good.append("u16")
    c.kinds["jsonl: UTF-16 with BOM"] += 1
    p = root / "feeds" / "mixed.jsonl"
    write(p, json.dumps({"id": "m1", "text": "Café in Mosul"}, ensure_ascii=False).encode("utf-8") + b"\n"
          + json.dumps({"id": "m2", "text": "Naïve claim about Baiji"}, ensure_ascii=False).encode("cp1252") + b"\n")
    c.good += ["m1", "m2"]
    c.bad("jsonl: mixed encodings", p, r"mixed encodings: line\(s\) 2 are not UTF-8", 2, recovered=True)


# -- encodings and odd bytes -------------------------------------------------------------------
def _encoding_cases(root: Path, c: Corpus) -> None:
    d = root / "encodings"
    c.bad("empty file", write(d / "empty.txt", b""), r"empty file \(0 bytes\)")
    c.bad("whitespace-only file", write(d / "blank.md", " \n\t\r\n  \u3000\n"), r"empty file \(only whitespace\)")
    c.bad("binary (NUL bytes)", write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
          r"binary data \(NUL byte at offset 8\)")
    c.bad("binary (control characters)", write(d / "controls.html", bytes(range(1, 32)) * 200),
          r"binary data \(control characters")
    text = GOOD_TEXT.encode() * 400
    c.bad("binary after a text start", write(d / "late-nul.md", text + b"\x00\x01\x02"),
          rf"binary data \(NUL byte at offset {len(text):,}\)")
    arabic = "الموصل سقطت في أيدي المسلحين. Militants seized Mosul on June 10, 2014.\n"
    p = write(d / "truncated.txt", (arabic * 3 + "تكريت").encode("utf-8")[:-1])
    c.good.append(str(p))
    c.bad("truncated UTF-8", p, r"file ends in the middle of a UTF-8 character \(truncated\?\); dropped the last 1 "
                                r"byte\(s\); the rest was read", recovered=True)
    p = write(d / "mixed.txt", "Café owners in Tikrit fled — residents said.\n".encode()
              + "Naïve reports of “calm” in Baiji.\n".encode("cp1252") + "Mosul: ‘quiet’.\n".encode())
    c.good.append(str(p))
    c.bad("mixed encodings", p, r"mixed encodings: line\(s\) 2 are not UTF-8", recovered=True)
    p = write(d / "cp1252.txt", "“We will retake Tal Afar,” the officer said — it’s a promise.\n".encode("cp1252"))
    c.good.append(str(p))
    c.kinds["cp1252 file (legacy, not an error)"] += 1
    p = write(d / "utf16le-nobom.txt", GOOD_TEXT.encode("utf-16-le"))
    c.good.append(str(p))
    c.kinds["UTF-16 without BOM"] += 1
    p = write(d / "utf16-truncated.txt", ("\ufeff" + GOOD_TEXT).encode("utf-16-le")[:-1])
    c.good.append(str(p))
    c.bad("truncated UTF-16", p, r"not valid UTF-16 \(truncated data at byte [\d,]+\); bad bytes replaced",
          recovered=True)
    p = write(d / "bom-in-middle.txt", "\ufeff" + GOOD_TEXT + "\ufeff" + "Fighters entered Baiji.\r\n\ufeffEnd.")
    c.good.append(str(p))
    c.kinds["BOM in the middle, CRLF"] += 1
    p = write(d / "old-mac.txt", GOOD_TEXT.replace("\n", "\r") * 3)
    c.good.append(str(p))
    c.kinds["CR-only line ends"] += 1


# -- text content ----------------------------------------------------------------------------
RTL_TEXT = ("\u202bالموصل\u202c — Militants seized Mosul (الموصل) on June 10, 2014.\n"
            "\ufeffFighters entered Tikrit (تكريت) and Baiji; القوات العراقية انسحبت من تلعفر.\n"
            "\u200fKirkuk\u200e was held by the Peshmerga, ‏said a spokesman‎.\n")
DATES_TEXT = ("BAGHDAD, February 31, 2014 — Militants seized Mosul on 31 February 2014, on June 31 and on "
              "2014-02-30. Fighting continued on February 29, 2014 and on 2014-13-45 and 0000-00-00.\n")


def _content_cases(root: Path, c: Corpus) -> None:
    d = root / "content"
    c.good.append(str(write(d / "rtl-arabic.txt", RTL_TEXT)))
    c.kinds["right-to-left Arabic with bidi marks and a BOM mid-file"] += 1
    c.good.append(str(write(d / "impossible-dates.txt", DATES_TEXT)))
    c.kinds["impossible dates (31 February, month 13)"] += 1
    long_words = (GOOD_TEXT + "Al-" + "Qaim" * 100_000 + "\n" + "Z" * 500_000 + "\n"
                  + "also in " + "a " * 50_000 + "!x\n")
    c.good.append(str(write(d / "absurd-words.txt", long_words)))
    c.kinds["absurdly long words and lines"] += 1
    c.good.append(str(write(d / ("n" * 250 + ".txt"), GOOD_TEXT)))  # 254 bytes: the longest name allowed
    c.kinds["file name of 254 characters"] += 1


# -- files, folders and links ----------------------------------------------------------------------
def _filesystem_cases(root: Path, c: Corpus) -> None:
    d = root / "fs"
    write(d / "notes.docx", b"PK\x03\x04 not an article")  # other extensions in a folder: skipped silently
    write(d / "README.txt", "About this folder")  # documentation: skipped silently
    write(d / ".hidden.txt", "hidden")
    write(d / ".git" / "story.txt", "hidden folder")
    c.kinds["files with other extensions, README, hidden files in a folder (skipped)"] += 1
    c.good.append(str(write(d / "story.txt" / "inner.md", GOOD_TEXT)))  # a folder named like a file
    c.kinds["folder named like a file"] += 1
    if hasattr(os, "symlink"):
        os.symlink("loop-b.txt", d / "loop-a.txt")
        os.symlink("loop-a.txt", d / "loop-b.txt")
        c.bad("symlink loop (files)", d / "loop-a.txt", r"symbolic link loop")
        c.bad("symlink loop (files)", d / "loop-b.txt", r"symbolic link loop")
        (d / "sub").mkdir()
        os.symlink("..", d / "sub" / "parent")
        c.bad("symlink loop (folder)", d / "sub" / "parent", r"symbolic link loop \(leads back to a folder")
        os.symlink("nowhere.txt", d / "dangling.txt")
        c.bad("broken symlink", d / "dangling.txt", r"broken symbolic link \(points to nowhere.txt\)")
        elsewhere = root.parent / "elsewhere"  # outside the folder being read
        write(elsewhere / "linked.txt", GOOD_TEXT)
        os.symlink(elsewhere, d / "link-1")
        c.good.append(str(d / "link-1" / "linked.txt"))  # a linked folder is read...
        os.symlink(elsewhere, d / "link-2")  # ...once, however many links lead to it
        c.kinds["symlinked folders (two links to one folder)"] += 1
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.txt")
        c.bad("named pipe", d / "pipe.txt", r"not a regular file \(a named pipe\)")
    name = "bad\x1b[31mname\n.txt"
    write(d / name, GOOD_TEXT)
    c.good.append(str(d / name))
    c.kinds["file name with control characters"] += 1
    if os.name == "posix":
        raw = os.fsencode(d) + b"/caf\xe9.txt"  # not UTF-8: undecodable bytes in a file name
        with open(raw, "wb") as fh:
            fh.write(GOOD_TEXT.encode())
        c.good.append(str(d / "caf\ufffd.txt"))
        c.kinds["file name that is not valid UTF-8"] += 1


def _explicit_cases(root: Path, c: Corpus) -> None:
    d = root / "explicit"
    p = write(d / "story.docx", GOOD_TEXT)
    c.inputs.append(str(p))
    c.bad("unknown extension given explicitly", p, r"unknown file type '\.docx'; expected one of")
    p = write(d / "NOTES", GOOD_TEXT)
    c.inputs.append(str(p))
    c.bad("no extension given explicitly", p, r"unknown file type '\(no extension\)'")
    p = d / "missing.txt"
    c.inputs.append(str(p))
    c.bad("missing file", p, r"no such file or folder")
    p = d / ("x" * 300 + ".txt")
    c.inputs.append(str(p))
    c.bad("file name too long", p, r"cannot open: file name too long")
    p = d / "empty-folder"
    p.mkdir(parents=True)
    c.inputs.append(str(p))
    c.bad("folder without articles", p, r"folder has no articles")
    p = d / "feed.jsonl"
    write(p / "a.txt", GOOD_TEXT)  # a folder named like a file, given explicitly: read as a folder
    c.inputs.append(str(p))
    c.good.append(str(p / "a.txt"))
    c.kinds["folder named like a file, given explicitly"] += 1
    p = write(d / "README.md", GOOD_TEXT)  # given by name, a README is read
    c.inputs.append(str(p))
    c.good.append(str(p))
    p = root / "huge" / "huge.txt"  # over the size limit: refused from its size, never read
    p.parent.mkdir()
    with open(p, "wb") as fh:
        fh.truncate(200 * MB)
    c.inputs.append(str(p))
    c.bad("file over the size limit", p, r"file is 200\.0 MB, over the 32\.0 MB limit for one article")


def build(root: Path) -> Corpus:
    """Write the corpus under ``root``; return what extracting it must print."""
    c = Corpus()
    corpus = root / "corpus"
    for make in (_html_cases, _jsonl_cases, _encoding_cases, _content_cases, _filesystem_cases):
        make(corpus, c)
    c.inputs.insert(0, str(corpus))
    _explicit_cases(root, c)
    return c


def write_big_jsonl(path: Path, size: int = 200 * MB) -> tuple[list[str], int]:
    """A JSON-lines file of ``size`` bytes, one giant record in the middle; returns good ids and its line.

    Written in 1 MB chunks, so the test never holds it in memory either.
    """
    good = []
    with open(path, "wb") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"before{i}", "text": f"Militants seized Tikrit, report {i}."}).encode() + b"\n")
            good.append(f"before{i}")
        giant_line = 4
        fh.write(b'{"id": "giant", "text": "')
        chunk = b"Fighters entered Mosul. " * (MB // 24)
        while fh.tell() < size - MB:
            fh.write(chunk)
        fh.write(b'"}\n')
        for i in range(3):
            fh.write(json.dumps({"id": f"after{i}", "text": f"Peshmerga held Kirkuk, report {i}."}).encode() + b"\n")
            good.append(f"after{i}")
    return good, giant_line
