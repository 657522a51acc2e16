import json
import os
from pathlib import Path

import pytest

from mapper.articles import Article, ReadError, article_from_text, input_files, read_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "mapper" / "samples"


def read(*paths):
    return list(read_inputs([str(p) for p in paths]))


def only_article(items):
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def test_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfMILITANTS SEIZE RAWA\r\n\r\nFighters entered Rawa on Saturday.\r\n")
    article = only_article(read(path))
    assert not article.text.startswith("\ufeff")
    assert article.text.startswith("MILITANTS SEIZE RAWA\n")
    assert "\r" not in article.text
    assert article.title == "MILITANTS SEIZE RAWA"
    assert article.format == "text"


def test_cp1252_smart_quotes(tmp_path):
    path = tmp_path / "cp.txt"
    text = "\u201cWe will retake Tal Afar,\u201d the officer said \u2014 it\u2019s a promise.\n"
    path.write_bytes(text.encode("cp1252"))
    article = only_article(read(path))
    assert article.text == text


def test_latin1(tmp_path):
    path = tmp_path / "latin.txt"
    # 0x81 is undefined in cp1252, so only Latin-1 decodes this
    data = "Caf\xe9 in Sulaym\xe2niyah \x81 closed.\n".encode("latin-1")
    path.write_bytes(data)
    article = only_article(read(path))
    assert "Café" in article.text and "Sulaymâniyah" in article.text


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, ReadError)
    assert "empty" in err.problem
    assert "empty.txt" in str(err)


def test_binary_file(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\x00binary\x00stuff" * 20)
    (err,) = read(path)
    assert isinstance(err, ReadError)
    assert "binary" in err.problem


def test_a_nul_byte_in_a_json_lines_record_costs_that_record_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    good = [json.dumps({"text": f"Militants seized Rawa on day {i}."}) for i in range(3)]
    path.write_bytes(("\n".join([good[0], '{"text": "bad\x00 record"}', good[1], good[2]]) + "\n").encode())
    items = read(path)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [a.text for a in items if isinstance(a, Article)] == [f"Militants seized Rawa on day {i}." for i in range(3)]
    assert len(errors) == 1 and errors[0].line == 2 and "NUL" in errors[0].problem
    # a binary file named .jsonl is still one error, not one per "line"
    (tmp_path / "zip.jsonl").write_bytes(b"PK\x03\x04\x00\x00\x00binary\x00stuff\n" * 20)
    (err,) = read(tmp_path / "zip.jsonl")
    assert isinstance(err, ReadError) and "binary" in err.problem


def test_a_folder_tree_of_any_depth_is_read(tmp_path):
    # deeper than Python's recursion limit: the walk keeps its own stack
    (tmp_path / "top.txt").write_text("Militants seized Rawa.", encoding="utf-8")
    folder = str(tmp_path)
    for _ in range(1100):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    with open(os.path.join(folder, "deep.txt"), "w", encoding="utf-8") as fh:
        fh.write("Troops retook Anah.")
    try:
        items = list(input_files([tmp_path]))
    finally:
        # (removed here, deepest first: pytest's own clean-up of old temporary folders recurses)
        os.unlink(os.path.join(folder, "deep.txt"))
        while folder != str(tmp_path):
            os.rmdir(folder)
            folder = os.path.dirname(folder)
    assert [p.name for p in items] == ["deep.txt", "top.txt"]


def test_unknown_extension(tmp_path):
    path = tmp_path / "story.docx"
    path.write_text("Mosul fell.", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, ReadError)
    assert "story.docx" in str(err)
    assert ".docx" in err.problem


def test_missing_file(tmp_path):
    (err,) = read(tmp_path / "nope.txt")
    assert isinstance(err, ReadError)
    assert "nope.txt" in str(err)


def test_bad_input_does_not_stop_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Mosul fell.\n", encoding="utf-8")
    items = read(tmp_path / "nope.txt", good)
    assert isinstance(items[0], ReadError) and isinstance(items[1], Article)


def test_jsonl_broken_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "One", "published": "2014-06-14", "text": "Militants took Samarra."}),
        "",
        '{"id": "a2", "text": "broken',
        json.dumps({"text": "Fighting in Baiji continued."}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a5", "text": ""}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read(path)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [a.text for a in articles] == ["Militants took Samarra.", "Fighting in Baiji continued."]
    assert articles[0].source == "a1" and articles[0].title == "One"
    assert articles[0].metadata_dates == ("2014-06-14",)
    assert articles[1].source.endswith("feed.jsonl#4")
    assert [e.line for e in errors] == [3, 5, 6]
    assert "feed.jsonl:3" in str(errors[0])
    assert all(a.format == "jsonl" for a in articles)


HTML = """<!DOCTYPE html>
<html><head><title>Rawa falls | Tigris Wire</title>
<meta property="article:published_time" content="2014-06-22T08:00:00Z">
<script>var trackingCity = "Basra"; window.dataLayer = [];</script>
<style>.x { color: red }</style>
</head><body>
<nav><ul><li>Home</li><li>Najaf desk</li><li>Kut desk</li></ul></nav>
<div class="share-buttons"><a>Share on Facebook</a><a>Tweet</a></div>
<article>
<h1>Militants seize Rawa &amp; Anah</h1>
<p>Fighters entered Rawa&nbsp;on Saturday, residents said.</p>
<p>The town of Anah fell hours later.</p>
</article>
<aside>Most read: Karbala pilgrims</aside>
<footer>&copy; 2019 Tigris Wire</footer>
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2014-06-22"}</script>
</body></html>
"""


def test_html_visible_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = only_article(read(path))
    text = article.text
    assert "Fighters entered Rawa on Saturday" in text
    assert "Militants seize Rawa & Anah" in text
    for hidden in ("trackingCity", "Basra", "color: red", "Najaf", "Kut desk", "Share on Facebook", "Tweet",
                   "Karbala", "2019", "NewsArticle"):
        assert hidden not in text, hidden
    assert article.format == "html"
    assert article.title == "Rawa falls"  # the site name after the headline left out
    assert "2014-06-22T08:00:00Z" in article.metadata_dates
    assert "2014-06-22" in article.metadata_dates


def test_html_without_text(tmp_path):
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><script>x=1</script></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, ReadError)


STORY = (
    "Militants seize Rawa\n\n"
    + "\n\n".join(f"Paragraph {i}: fighters moved through the Euphrates valley towns overnight." for i in range(8))
    + "\n\nLeave a Reply\n\nAbu Ali says:\nJuly 3, 2016 at 4:12 pm\nBasra is next, I tell you.\n"
)


def test_chrome_leave_a_reply():
    article = article_from_text(STORY, "story.txt")
    cut = STORY.index("Leave a Reply")
    assert article.chrome, "no chrome found"
    assert any(s <= cut and e == len(STORY) for s, e in article.chrome)
    assert article.in_chrome(STORY.index("Basra"), STORY.index("Basra") + 5)
    assert not article.in_chrome(0, 20)
    body = article.body_spans()
    assert body[0][0] == 0
    assert all(e <= cut for _, e in body)
    assert article.text == STORY  # chrome is flagged, not cut


@pytest.mark.parametrize("heading", ["Comments (2)", "12 Comments", "Comments", "Reader comments"])
def test_chrome_comments_heading_with_or_without_a_count(heading):
    text = STORY.split("Leave a Reply")[0] + heading + "\nJune 13, 2014: Kirkuk belongs to us!\n"
    article = article_from_text(text, "story.txt")
    assert article.in_chrome(text.index("Kirkuk"), text.index("Kirkuk") + 6)


def test_chrome_share_line_mid_story():
    text = "Title line\n\nFirst paragraph about Mosul.\nShare this:\nTwitter\nSecond paragraph about Tikrit.\n"
    article = article_from_text(text, "s.txt")
    share = text.index("Share this:")
    assert article.in_chrome(share, share + 5)
    assert not article.in_chrome(text.index("Tikrit"), text.index("Tikrit") + 6)


def test_same_text_same_id(tmp_path):
    a = article_from_text("Mosul fell on June 10.\n", "a.txt")
    b = article_from_text("Mosul  fell on June 10.", "b.txt")
    c = article_from_text("Mosul fell on June 11.\n", "c.txt")
    assert a.id == b.id
    assert a.id != c.id
    (tmp_path / "x.txt").write_text("Mosul fell on June 10.\n", encoding="utf-8")
    (tmp_path / "y.md").write_text("Mosul fell on June 10.\n", encoding="utf-8")
    x, y = read(tmp_path / "x.txt", tmp_path / "y.md")
    assert x.id == y.id == a.id


def test_read_bundled_samples():
    items = read(SAMPLES)
    errors = [i for i in items if isinstance(i, ReadError)]
    assert not errors, errors
    assert len(items) == 29
    sources = [a.source for a in items]
    assert not any("README" in s for s in sources)
    files = {a.source for a in items if a.format != "jsonl"}
    assert len(files) == 24
    assert sum(1 for a in items if a.format == "jsonl") == 5
    assert len({a.id for a in items}) == 29
    by_name = {a.source.rsplit("/", 1)[-1]: a for a in items}
    # 05 is cp1252 with curly quotes, 22 is UTF-8 with a BOM
    assert "\u201c" in by_name["05_telafer-falls.txt"].text or "\u2019" in by_name["05_telafer-falls.txt"].text
    assert not by_name["22_mosul-dam-retaken.txt"].text.startswith("\ufeff")
    assert all(a.text.strip() for a in items)
    # The headline, not a time stamp above it ("POSTED: Friday, June 13, 2014 - 9:15pm") nor, for a wire story
    # that opens with its dateline, a later line (a quote, a body sentence): those have no title.
    assert by_name["02_tikrit-bayji.txt"].title == "Militants take Tikrit, storm into Bayji"
    assert by_name["06_beiji-refinery-siege.txt"].title.startswith("Fighting rages at Beiji refinery")
    assert by_name["08_rawa-anah-rutba.txt"].title is None and by_name["22_mosul-dam-retaken.txt"].title is None
    assert sum(1 for a in items if a.title) >= 24


@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".htm", ".jsonl"])
def test_folder_skips_hidden_and_other_files(tmp_path, ext):
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("MIT", encoding="utf-8")
    body = json.dumps({"text": "Mosul."}) if ext == ".jsonl" else "<p>Mosul.</p>" if "htm" in ext else "Mosul."
    (tmp_path / f"story{ext}").write_text(body, encoding="utf-8")
    items = read(tmp_path)
    assert len(items) == 1 and isinstance(items[0], Article)
    assert "Mosul." in items[0].text


@pytest.mark.parametrize("text, title", [
    ("Militants seize Rawa\n\nFighters entered Rawa.", "Militants seize Rawa"),
    # A time stamp or a byline above the headline is not the headline.
    ("Thursday 12 June 2014 18.42 BST\n\nMilitants seize Rawa\n\nFighters entered Rawa.", "Militants seize Rawa"),
    ("Updated: 10:27 GMT, 23 June 2014\nMilitants seize Rawa", "Militants seize Rawa"),
    ("By Jane Doe and Ali Hassan, Erbil\nMilitants seize Rawa", "Militants seize Rawa"),
    ("By the numbers: a week of war\nFighters entered Rawa.", "By the numbers: a week of war"),
    ("June 10, 2014", None),
    ("POSTED: Friday, June 13, 2014 - 9:15pm\n\nMilitants seize Rawa\n\nFighters entered Rawa.",
     "Militants seize Rawa"),
    # a text that opens with its story has no headline: not its dateline, a quote or a later sentence
    ("RAWA, Iraq, June 21 (Wire) - Militants seized Rawa on Saturday.\n\nThe army left.", None),
    ("Militants seized Rawa on Saturday after the army withdrew from the town, residents said.\n\nShort line", None),
])
def test_title_is_the_first_line_that_can_be_a_headline(text, title):
    assert article_from_text(text, "t.txt").title == title


def test_json_lines_fields_under_the_names_feeds_give_them(tmp_path):
    path = tmp_path / "feed.jsonl"
    record = {"link": "https://example.org/x", "headline": "Rawa falls", "date": "2014-06-21T18:00:00Z",
              "content": "Militants entered Rawa."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    article = only_article(read(path))
    assert (article.source, article.title, article.text) == ("https://example.org/x", "Rawa falls",
                                                             "Militants entered Rawa.")
    assert article.metadata_dates == ("2014-06-21T18:00:00Z",)


def test_json_lines_timestamp_date_is_kept(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "Militants entered Rawa.", "published_at": 1403395200}) + "\n",
                    encoding="utf-8")
    assert only_article(read(path)).metadata_dates == ("1403395200",)


def test_json_lines_record_without_any_text_field_is_named(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"title": "Rawa falls"}) + "\n", encoding="utf-8")
    (err,) = read(path)
    assert isinstance(err, ReadError) and "no 'text' (nor 'body' or 'content')" in str(err)


def test_html_table_rows_become_lines_of_cells():
    from mapper.articles import parse_html

    text, _, _ = parse_html("<table><tr><th>Town</th><th>Holder</th></tr>"
                            "<tr><td>Tikrit</td><td>Islamic <b>State</b></td></tr></table><p>After.</p>")
    assert "| Town | Holder |" in text.splitlines()
    assert "| Tikrit | Islamic State |" in text.splitlines()


def test_html_layout_table_keeps_its_paragraphs():
    from mapper.articles import parse_html

    text, _, _ = parse_html("<table><tr><td><p>Militants seized Rawa.</p><p>Anah fell too.</p></td>"
                            "<td>Menu</td></tr><tr><td>Unclosed row<td>cell</table>")
    assert "|" not in text
    assert "Militants seized Rawa." in text.splitlines() and "Anah fell too." in text.splitlines()


def _id_of_whole_text(text):
    """The article id as defined: sha1 of the whole text's NFKC, case-folded words joined by spaces."""
    import hashlib
    import unicodedata

    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha1(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@pytest.mark.parametrize("text", [
    "Troops entered Hit on Tuesday.",
    "  leading and trailing \n\n space  ",
    "Ｆｕｌｌｗｉｄｔｈ\u00a0and no-break\u2003spaces, ligature \ufb01eld, cafe\u0301 composed",
    "word " * 40000 + "end",  # longer than one piece: the pieces are cut at white space
    "x" * 200000 + " tail",  # one word longer than a piece
    "a\u00a0" * 70000,
])
def test_article_id_read_piece_by_piece_equals_the_whole_text(text):
    from mapper.articles import article_id

    assert article_id(text) == _id_of_whole_text(text)


def test_word_count_of_a_long_line_without_the_word_list():
    from mapper.articles import _word_count

    line = "Mosul fell " * 30000 + "x" * 70000 + " y"
    assert _word_count(line) == len(line.split())
    assert _word_count("") == 0 and _word_count("   ") == 0
