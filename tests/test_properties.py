"""Property tests (hypothesis): readers, name normaliser and date resolver never crash on
arbitrary input, and every offset they return indexes the text it belongs to."""

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gazetteer.index import text_fold
from gazetteer.names import fold, fold_char, key, skeleton
from mapper.articles import EXTENSIONS, Article, ReadError, article_from_text, decode, parse_html, read_inputs
from mapper.dates import WRITTEN_SOURCES, find_dates, publication_date, resolve_when

# Examples per property; raise it (MAPPER_PROPERTY_EXAMPLES=5000) to hunt for rarer failures.
EXAMPLES = int(os.environ.get("MAPPER_PROPERTY_EXAMPLES", "200"))


def cases(n: int = EXAMPLES):
    return settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck))


SETTINGS = cases()

# Pieces real articles are made of, to mix into random text so the interesting code paths run.
FRAGMENTS = [
    "Mosul", "Tal Afar", "Tall ‘Afar", "al-Qaim", "Baiji", "Tikrit", "Kirkuk", "Erbil", "Rawa", "Anah", "Hit",
    "الموصل", "تكريت", "ال", "June", "February", "31", "29", "2014", "2014-02-31", "June 31", "31 February 2014",
    "Monday", "yesterday", "last night", "since Friday", "earlier this month", "last month", "two days ago",
    "on Saturday", "BAGHDAD, June 12 (Reuters) -", "POSTED: Thursday, June 12, 2014", "Leave a Reply",
    "Share this:", "Comments", "Promoted Links", "\n", "\n\n", "\r\n", "\r", " ", "\t", "\ufeff", "\u200f",
    "\u202e", "\u202b", "\u0301", "\u0651", "ß", "İ", "ﬁ", "\x00", "\x85", "\u2028", ".", ",", "—", "'", "’",
    "<p>", "</p>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#0;", "<![CDATA[", "]]>", "<title>",
]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join),
)


def check_offsets(article: Article) -> None:
    n = len(article.text)
    for s, e in article.chrome:
        assert 0 <= s <= e <= n
    body = article.body_spans()
    for s, e in body:
        assert 0 <= s < e <= n
        assert not article.in_chrome(s, e)
    assert all(a[1] <= b[0] for a, b in zip(body, body[1:]))  # sorted, disjoint
    covered = sum(e - s for s, e in body) + sum(e - s for s, e in _merged(article.chrome))
    assert covered == n  # body and chrome together are the whole text
    assert article.title is None or (isinstance(article.title, str) and "\n" not in article.title)


def _merged(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# -- the reader --------------------------------------------------------------------------------
@SETTINGS
@given(st.binary(max_size=3000))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 ending in a lone surrogate
@example("Mosul \u0645".encode()[:-1])  # truncated UTF-8
@example(b"caf\xc3\xa9\ncaf\xe9\n")  # mixed UTF-8 and cp1252
def test_decode_arbitrary_bytes(data):
    try:
        text, notes = decode(data)
    except ValueError as exc:
        assert "binary" in str(exc)
        return
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)
    assert "\r" not in text and "\ufeff" not in text
    assert not re.search("[\ud800-\udfff]", text)
    text.encode("utf-8")  # always writable
    if not notes and b"\x00" not in data:
        try:
            strict = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            return
        if not strict.startswith(("\ufeff", "\ufffe")) and "\x00" not in strict:
            assert text == strict.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")


@SETTINGS
@given(texts, st.sampled_from(["text", "markdown", "html", "jsonl"]), st.one_of(st.none(), st.text(max_size=50)))
def test_article_from_text_offsets(text, fmt, title):
    article = article_from_text(text, "x", fmt, title)
    assert article.text == text  # kept exactly: every offset indexes it
    check_offsets(article)


@SETTINGS
@given(texts)
def test_parse_html_never_raises(markup):
    text, title, dates = parse_html(markup)
    assert isinstance(text, str) and text.endswith("\n")
    assert title is None or ("\n" not in title and len(title) <= 1000)
    assert all(isinstance(d, str) and len(d) <= 100 for d in dates)
    check_offsets(article_from_text(text, "x", "html", title, dates))


tags = st.sampled_from(["p", "div", "span", "b", "a", "article", "nav", "title", "head", "body", "iframe",
                        "template", "svg", "textarea", "table", "td", "li", "noscript", "aside"])
html_pieces = st.one_of(
    tags.map(lambda t: f"<{t}>"), tags.map(lambda t: f"</{t}>"), tags.map(lambda t: f"<{t} class='share'>"),
    st.sampled_from(["<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "&amp;", "&#x41;", "&bogus;", "<", ">", "&",
                     "<br/>", "<img src=x>", "<p <p>", "</>", "<?pi?>", "<!DOCTYPE html>", "\"", "'", "\n"]),
    st.text(alphabet="Mosul ﺍلموصل", max_size=12),
)


@SETTINGS
@given(st.lists(html_pieces, max_size=40), st.lists(html_pieces, max_size=40),
       st.sampled_from(["script", "style"]))
def test_script_and_style_never_become_text(before, after, code):
    """Whatever markup surrounds it, a script or style element's content is never text or title."""
    markup = "".join(before) + f"<{code}>zqxSECRETzqx</{code}>" + "".join(after)
    text, title, _ = parse_html(markup)
    assert "zqxSECRETzqx" not in text
    assert "zqxSECRETzqx" not in (title or "")


@cases(EXAMPLES // 3)
@given(st.binary(max_size=2000), st.sampled_from(sorted(EXTENSIONS)))
def test_read_inputs_on_arbitrary_files(data, ext):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{ext}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
    assert items
    for item in items:
        assert isinstance(item, Article | ReadError)
        if isinstance(item, ReadError):
            assert str(item).startswith(str(path)) and item.problem
            assert "unexpected error" not in item.problem
        else:
            assert item.text.strip()
            check_offsets(item)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
records = st.one_of(
    st.dictionaries(st.sampled_from(["text", "url", "id", "title", "published"]), json_values, max_size=5),
    json_values,
)


@cases(EXAMPLES // 2)
@given(st.lists(records, min_size=1, max_size=8))
def test_jsonl_every_record_is_an_article_or_an_error(values):
    """Each line of a JSON-lines file gives one article or one error naming that line, in order;
    notes on repaired fields name the line of the article that follows them."""
    lines = [json.dumps(v) for v in values]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        items = list(read_inputs([str(path)]))
    outcomes, notes = [], []
    for item in items:
        if isinstance(item, ReadError) and item.recovered:
            notes.append((item.line, len(outcomes) + 1))
        else:
            outcomes.append(item)
    assert len(outcomes) == len(values)
    assert all(line == next_line for line, next_line in notes)
    for number, (value, item) in enumerate(zip(values, outcomes), start=1):
        if isinstance(item, ReadError):
            assert item.line == number and item.problem and "unexpected" not in item.problem
            continue
        assert isinstance(value, dict) and isinstance(value["text"], str) and value["text"].strip()
        check_offsets(item)
        for s in (item.source, item.title or "", *item.metadata_dates):
            s.encode("utf-8")  # no lone surrogates: always writable
        assert len(item.source) <= 4096 or item.source == f"{path}#{number}"


@cases(EXAMPLES // 2)
@given(texts)
def test_mention_offsets_slice_the_text(gaz, text):
    from mapper.places import find_mentions

    article = article_from_text(text, "x")
    mentions = find_mentions(article.text, gaz, article.body_spans())
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(article.text)
        assert article.text[m.start:m.end] == m.surface
        assert m.start >= previous_end  # in text order, not overlapping
        previous_end = m.end


# -- the name normaliser -----------------------------------------------------------------------
names = st.one_of(st.text(), st.lists(st.sampled_from(FRAGMENTS), max_size=6).map(" ".join))


@SETTINGS
@given(names)
def test_name_keys_are_total(name):
    for f in (fold, key, skeleton):
        out = f(name)
        assert isinstance(out, str) and out == out.strip()
    assert "  " not in key(name)


@SETTINGS
@given(st.characters())
def test_fold_char_keeps_length(ch):
    assert len(fold_char(ch)) == 1


@SETTINGS
@given(texts)
def test_text_fold_keeps_offsets(text):
    assert len(text_fold(text)) == len(text)


@SETTINGS
@given(names)
@example("0:_0")
def test_fold_is_a_normal_form(name):
    """``fold`` returns "words separated by single spaces", so folding twice changes nothing."""
    folded = fold(name)
    assert "  " not in folded
    assert fold(folded) == folded


@SETTINGS
@given(names)
def test_key_is_idempotent(name):
    assert key(key(name)) == key(name)


# -- the date resolver ---------------------------------------------------------------------------
published_dates = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))


@SETTINGS
@given(texts)
def test_find_dates_offsets(text):
    previous_end = 0
    for m in find_dates(text):
        assert 0 <= m.start < m.end <= len(text) and m.start >= previous_end
        previous_end = m.end
        assert m.on_year(2000) is not None  # never 31 February
        assert m.year is None or m.date is not None


@SETTINGS
@given(texts, published_dates)
@example("on 31 February 2014 and June 31", dt.date(2014, 6, 23))
def test_resolve_when_never_raises(text, published):
    when = resolve_when(text, published)
    if when is not None:
        assert isinstance(when.date, dt.date) and when.precision in ("day", "range", "month")
        assert when.start is None or when.start <= when.date


@SETTINGS
@given(texts, st.dates())
@example("yesterday", dt.date(1, 1, 1))
def test_resolve_when_any_published_date(text, published):
    resolve_when(text, published)


@cases(EXAMPLES * 3 // 4)
@given(texts, st.lists(st.one_of(st.text(max_size=30), st.sampled_from(["2014-06-12", "June 31, 2014", "0000",
                                                                        "99999999", "2014-02-31T00:00"])),
                       max_size=3),
       st.one_of(st.none(), st.integers(1990, 2035)))
def test_publication_date_never_raises(text, metadata, year_hint):
    article = article_from_text(text, "x", "html", None, metadata)
    date, how = publication_date(article, year_hint=year_hint)
    assert how in (*WRITTEN_SOURCES, "inferred", "unknown") and how != "override"
    assert (date is None) == (how == "unknown")
