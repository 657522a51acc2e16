"""Hostile and broken input (issue 8): every bad input is named on stderr with its problem,
every good input still gets its record, and the exit status says something failed.

The corpus is generated into ``tmp_path`` by ``tests/hostile_corpus.py``.
"""

import json
import os
import re
from pathlib import Path

import hostile_corpus as hc
import pytest
from click.testing import CliRunner

import mapper.articles as articles
from mapper.articles import Article, ReadError, read_inputs
from mapper.cli.main import cli
from mapper.pipeline import extract_article


def extract(*args):
    result = CliRunner().invoke(cli, ["extract", "--json", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    records = [json.loads(line) for line in result.stdout.splitlines()]
    messages = [line.removeprefix("mapper: ") for line in result.stderr.splitlines()]
    return result, records, messages


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus = hc.build(root)
    return corpus, *extract(*corpus.inputs)


def test_corpus_exit_status_is_1(corpus_run):
    _, result, _, messages = corpus_run
    assert result.exit_code == 1
    assert "see the messages above" in messages[-1]


def test_corpus_every_good_input_has_a_record(corpus_run):
    corpus, _, records, _ = corpus_run
    sources = [r["source"] for r in records]
    missing = [s for s in corpus.good if s not in sources]
    assert not missing, missing
    assert len(records) == len(corpus.good), sorted(set(sources) - set(corpus.good))
    for r in records:
        assert r["id"] and isinstance(r["toponyms"], list) and isinstance(r["events"], list)
        if r["published"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["published"])


def test_corpus_every_bad_input_is_named_once_with_its_problem(corpus_run):
    corpus, _, _, messages = corpus_run
    lines = messages[:-1]  # the last line is the summary
    unmatched = list(lines)
    for kind, pattern in corpus.problems:
        hits = [m for m in lines if re.search(pattern, m)]
        assert len(hits) == 1, (kind, pattern, hits or lines)
        if hits[0] in unmatched:
            unmatched.remove(hits[0])
    assert not unmatched, f"unexpected messages: {unmatched}"


def test_corpus_summary_counts(corpus_run):
    corpus, _, _, messages = corpus_run
    skipped = len(corpus.problems) - corpus.recovered
    assert messages[-1] == (f"{skipped} input(s) or record(s) could not be read, {corpus.recovered} read despite "
                            "problems; see the messages above")


def test_corpus_hidden_html_never_becomes_places(corpus_run):
    corpus, _, records, _ = corpus_run
    html = [r for r in records if "/html/" in r["source"] or r["source"] == "w18"]
    assert len(html) == 5
    names = {t["name"] for r in html for t in r["toponyms"]}
    assert not names & set(hc.HIDDEN_PLACES), names
    page = next(r for r in records if r["source"].endswith("hostile.html"))
    assert page["title"] == "Tikrit under siege &amp; Samarra"  # entities decoded once, not twice
    assert {"Tikrit", "Samarra"} <= {t["name"] for t in page["toponyms"]}


def test_corpus_offsets_index_the_cleaned_text(corpus_run):
    """Toponym offsets slice the text the reader made (BOMs gone, RTL marks kept)."""
    corpus, _, records, _ = corpus_run
    rtl = next(r for r in records if r["source"].endswith("rtl-arabic.txt"))
    text = hc.RTL_TEXT.replace("\ufeff", "")
    assert rtl["toponyms"]
    assert {"Mosul", "Tikrit", "Baiji", "Kirkuk"} <= {t["name"] for t in rtl["toponyms"]}
    for t in rtl["toponyms"]:
        assert text[t["start"]:t["end"]] == t["surface"], t


def test_corpus_impossible_dates_are_not_dates(corpus_run):
    _, _, records, _ = corpus_run
    rec = next(r for r in records if r["source"].endswith("impossible-dates.txt"))
    assert rec["published"] is None and rec["published_from"] == "unknown"  # no written date exists
    for e in rec["events"]:
        assert e["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", e["date"])
    assert any(t["name"] == "Mosul" for t in rec["toponyms"])


def test_corpus_undecodable_file_names_give_valid_utf8(corpus_run):
    _, result, records, _ = corpus_run
    result.stdout_bytes.decode("utf-8")  # strict: no lone surrogates leaked into the output
    weird = [r for r in records if "\x1b" in r["source"]]
    assert len(weird) == 1 and weird[0]["source"].endswith("name\n.txt")


# -- focused checks ------------------------------------------------------------------------------
def read(*paths):
    return list(read_inputs([str(p) for p in paths]))


def test_hostile_html_text_has_no_code(tmp_path):
    page = hc.write(tmp_path / "page.html", hc.HOSTILE_HTML)
    (article,) = read(page)
    assert isinstance(article, Article)
    for hidden in (*hc.HIDDEN_PLACES, "document.write", "content:", "<!--", "cdata", "@graph", "<p>", "<script"):
        assert hidden not in article.text, hidden
    for visible in ("Militants seized Tikrit on Wednesday", "“they came at night”", "Samarra", "Visible after",
                    "everywhere", "Last line."):
        assert visible in article.text, visible
    assert "\ufffd" in article.text  # &#0; and &#xD800; are replacement characters, not NULs or surrogates
    assert "\x00" not in article.text and not re.search("[\ud800-\udfff]", article.text)
    assert article.title == "Tikrit under siege &amp; Samarra"


@pytest.mark.parametrize("markup", [
    "<p>a</p><!-- secret", "<p>a</p><!", "<p>a</p></", "<p>a</p><div class=\"x>secret <p>secret</p>",
    "<p>a</p><script>secret", "<p>a</p><style>secret", "<p>a<iframe>secret</iframe></p>",
    "<title>t<script>secret()</script></title><p>a</p>", "<p>a<textarea>secret</textarea></p>",
    "<p>a<template>secret</template></p>", "<p>a<![CDATA[secret]]></p>", "<p>a<noscript>secret</noscript></p>",
    "<svg><title>secret</title></svg><p>a</p>",
])
def test_html_code_and_broken_markup_stay_hidden(tmp_path, markup):
    text, title, _ = articles.parse_html(markup)
    assert "secret" not in text and "secret" not in (title or "")
    assert text.strip().startswith("a") or text.strip() == "a"


def test_rtl_and_mid_file_bom_keep_offsets(tmp_path, gaz):
    path = hc.write(tmp_path / "rtl.txt", "\ufeff" + hc.RTL_TEXT + "\ufeffمرحبا Rawa fell.\n")
    (article,) = read(path)
    assert "\ufeff" not in article.text and "\u202b" in article.text and "\u200f" in article.text
    extracted = extract_article(article, gaz)
    assert len(extracted.mentions) >= 5
    for m in extracted.mentions:
        assert article.text[m.start:m.end] == m.surface
    for s, e in [*article.chrome, *article.body_spans()]:
        assert 0 <= s <= e <= len(article.text)


def test_jsonl_lines_are_numbered_after_a_bom_and_crlf(tmp_path):
    path = hc.write(tmp_path / "f.jsonl", "\ufeff" + json.dumps({"text": "Mosul."}) + "\r\n" + "{bad\r\n"
                    + json.dumps({"text": 5}) + "\r\n")
    items = read(path)
    assert isinstance(items[0], Article) and items[0].text == "Mosul."
    assert [(e.line, e.problem.split(" (")[0]) for e in items[1:]] == [(2, "invalid JSON"),
                                                                        (3, "'text' is a number, not a string")]
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")


def test_too_many_bad_records_are_summarised(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_ERRORS_PER_FILE", 5)
    path = hc.write(tmp_path / "junk.jsonl", "junk\n" * 40 + json.dumps({"text": "Baiji held."}) + "\n")
    items = read(path)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert len([i for i in items if isinstance(i, Article)]) == 1
    assert [e.line for e in errors[:5]] == [1, 2, 3, 4, 5]
    assert len(errors) == 6 and "35 more problem(s) from line 6 not listed" in errors[-1].problem


def test_record_over_the_size_limit_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(articles, "MAX_ARTICLE_BYTES", 1000)
    path = hc.write(tmp_path / "f.jsonl", json.dumps({"text": "Tikrit."}) + "\n"
                    + json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "Baiji."}) + "\n")
    items = read(path)
    assert [i.text for i in items if isinstance(i, Article)] == ["Tikrit.", "Baiji."]
    (err,) = [i for i in items if isinstance(i, ReadError)]
    assert err.line == 2 and "over the 0.0 MB limit" in err.problem and "skipped it" in err.problem
    txt = hc.write(tmp_path / "big.txt", "Mosul " * 400)
    (err,) = read(txt)
    assert isinstance(err, ReadError) and "over the" in err.problem and "limit for one article" in err.problem


def test_200_mb_jsonl_is_streamed(tmp_path):
    """A 200 MB feed whose middle record is one 200 MB line: the other records are read, that line named."""
    path = tmp_path / "huge.jsonl"
    good, giant_line = hc.write_big_jsonl(path)
    assert path.stat().st_size >= 199 * hc.MB
    result, records, messages = extract(path)
    assert result.exit_code == 1
    assert [r["source"] for r in records] == good
    assert re.fullmatch(rf"{re.escape(str(path))}:{giant_line}: record is (199|200)\.\d MB, over the 32\.0 MB "
                        r"limit for one article; skipped it", messages[0])
    assert len(messages) == 2


def test_10000_tiny_files(tmp_path):
    """10,000 one-line files, one in a hundred empty: every good one gets a record, every empty one is named."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    good, bad = [], []
    for i in range(10_000):
        path = folder / f"{i:05d}.txt"
        if i % 100 == 42:
            path.write_bytes(b"")
            bad.append(str(path))
        else:
            path.write_text(f"Militants seized Tikrit on June {i % 28 + 1}, 2014.\n", encoding="utf-8")
            good.append(str(path))
    result, records, messages = extract(folder)
    assert result.exit_code == 1
    assert [r["source"] for r in records] == good
    assert messages[:-1] == [f"{p}: empty file (0 bytes)" for p in bad]
    assert messages[-1].startswith("100 input(s) or record(s) could not be read")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_and_folder_real_permissions(tmp_path):
    secret = hc.write(tmp_path / "secret.txt", hc.GOOD_TEXT)
    closed = tmp_path / "closed"
    hc.write(closed / "a.txt", hc.GOOD_TEXT)
    ok = hc.write(tmp_path / "ok.txt", hc.GOOD_TEXT)
    secret.chmod(0)
    closed.chmod(0)
    try:
        result, records, messages = extract(tmp_path)
    finally:
        closed.chmod(0o755)
        secret.chmod(0o644)
    assert result.exit_code == 1
    assert [r["source"] for r in records] == [str(ok)]
    assert f"{closed}: cannot list folder: permission denied" in messages
    assert f"{secret}: cannot read: permission denied" in messages


def test_unreadable_file_and_folder_simulated(tmp_path, monkeypatch):
    """The same as above, for runs as root: the OS refusals are simulated."""
    secret = hc.write(tmp_path / "secret.txt", hc.GOOD_TEXT)
    closed = tmp_path / "closed"
    hc.write(closed / "a.txt", hc.GOOD_TEXT)
    ok = hc.write(tmp_path / "ok.txt", hc.GOOD_TEXT)
    real_open, real_scandir = open, os.scandir

    def guarded_open(path, *args, **kwargs):
        if Path(path) == secret:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def guarded_scandir(path):
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(articles, "open", guarded_open, raising=False)
    monkeypatch.setattr(articles.os, "scandir", guarded_scandir)
    result, records, messages = extract(tmp_path, secret)
    assert result.exit_code == 1
    assert [r["source"] for r in records] == [str(ok)]
    assert messages[:-1] == [f"{closed}: cannot list folder: permission denied",
                             f"{secret}: cannot read: permission denied",
                             f"{secret}: cannot read: permission denied"]


def test_unknown_extension_explicit_versus_in_folder(tmp_path):
    folder = tmp_path / "f"
    hc.write(folder / "story.pdf", b"%PDF-1.4 binary")
    hc.write(folder / "story.txt", hc.GOOD_TEXT)
    result, records, messages = extract(folder)
    assert result.exit_code == 0 and messages == [] and len(records) == 1  # skipped silently in a folder
    result, records, messages = extract(folder / "story.pdf", folder / "story.txt")
    assert result.exit_code == 1 and len(records) == 1
    assert messages[0].startswith(f"{folder / 'story.pdf'}: unknown file type '.pdf'; expected one of .htm, .html")


def test_exit_status_0_when_all_good(tmp_path):
    result, records, messages = extract(hc.write(tmp_path / "a.txt", hc.GOOD_TEXT))
    assert result.exit_code == 0 and len(records) == 1 and messages == []


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "2014-02-31", "June"])
def test_bad_date_option_is_a_usage_error(tmp_path, value):
    result = CliRunner().invoke(cli, ["extract", "--json", "--date", value, str(tmp_path)])
    assert result.exit_code == 2
    assert "--date" in result.stderr and value in result.stderr


def test_message_names_are_printable(tmp_path):
    name = "evil\x1b]0;owned\x07\u202eraw.txt"
    hc.write(tmp_path / name, b"")
    result, _, messages = extract(tmp_path / name)
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert messages[0] == "evil\\x1b]0;owned\\x07\\u202eraw.txt: empty file (0 bytes)".replace(
        "evil", str(tmp_path / "evil"), 1)
