"""Publication dates: each candidate source, the arbiter's order of trust, its vetoes, and `mapper explain`.

Every page here is written for these tests, in the shapes real pages take.
"""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from mapper.articles import article_from_text
from mapper.cli.main import cli
from mapper.dates import date_article, publication_date
from mapper.dates.lines import read_line_dates, read_url_dates

D = dt.date
STORY = ("Kurdish fighters pushed into the outskirts of the town on Sunday, a commander said, after "
         "a week of shelling. Families who fled earlier were waiting in camps to the east.\n")


def page(text, source="page.txt", metadata=()):
    return article_from_text(text, source, metadata_dates=metadata)


# -- reading a page's lines and its url -------------------------------------------------------------
@pytest.mark.parametrize("line, expected", [
    ("mardi 10 juin 2014", [D(2014, 6, 10)]),
    ("Güncelleme Tarihi: 4 Kasım 2016, 09:10", [D(2016, 11, 4)]),
    ("By Staff - Sep 3,2015 - Last updated at Sep 3,2015", [D(2015, 9, 3), D(2015, 9, 3)]),
    ("Editor's DeskMarch 2, 2016", [D(2016, 3, 2)]),
    ("Ref: 77 | Date: 2015/03/09 | Time: 10 : 05", [D(2015, 3, 9)]),
    ("04-02-2016", [D(2016, 2, 4)]),
    ("Weekly update: March 5-8, 2017", [D(2017, 3, 8)]),  # a range's last day
    ("Tue Mar 7, 2017 08:41:02", [D(2017, 3, 7)]),
])
def test_line_dates_in_many_forms(line, expected):
    found = [d.on_year(d.year)[0] for d in read_line_dates(line)]
    assert found == expected


def test_a_numeric_date_keeps_both_readings_and_a_weekday_chooses():
    (d,) = read_line_dates("Friday 06/05/2015")
    assert d.readings == ((5, 6), (6, 5))  # day first, then month first
    assert d.on_year(2015) == [D(2015, 6, 5)]  # 5 June 2015 was the Friday


@pytest.mark.parametrize("url, date, strong", [
    ("https://example.org/world/2015/03/09/town-retaken/", D(2015, 3, 9), True),
    ("https://example.org/news/2014/aug/10/dam-falls", D(2014, 8, 10), True),
    ("https://example.org/a/2016-02-04/slug", D(2016, 2, 4), True),
    ("https://example.org/story/20150309113000.htm", D(2015, 3, 9), False),
    ("https://example.org/kurdistan/040220163-amp", D(2016, 2, 4), False),
    ("https://example.in/1150309/jsp/world/story.jsp", D(2015, 3, 9), False),
    ("https://example.blogspot.com/2016_02_01_archive.html", D(2016, 2, 1), False),  # an archive's first day
])
def test_url_dates(url, date, strong):
    found = read_url_dates(url)
    assert found and (found[0].date, found[0].strong) == (date, strong)


def test_a_url_id_that_is_no_date_gives_none():
    assert read_url_dates("https://example.com/content/866901.shtml") == []


# -- sources and their order of trust --------------------------------------------------------------------
def test_a_labelled_line_beats_a_header_line():
    text = "Wednesday, 2 March 2022\n\nTown retaken\n\nPosted: 8 March 2015\n\n" + STORY
    assert publication_date(page(text)) == (D(2015, 3, 8), "labelled")


@pytest.mark.parametrize("line", ["Posted on 8 March 2015", "Published by Staff | 8 March 2015",
                                  "Last updated: 10:15 GMT, 8 March 2015", "Posted 8 March 2015"])
def test_a_label_and_its_date(line):
    assert publication_date(page(f"Town retaken\n{line}\n\n" + STORY))[0] == D(2015, 3, 8)


def test_a_label_word_in_the_story_is_no_label():
    # ("posted" here is what the troops were, not a stamp): the page writes no date of its own
    text = ("Guards posted to protect the dam pulled out on 6 August 2014, leaving it to the militants, and the "
            "town's defences were updated in haste the next week.\n\n" + STORY)
    assert publication_date(page(text))[1] not in ("labelled", "updated")


def test_the_url_date_beats_an_update_stamp():
    text = "Town retaken\nupdated 6:02 AM EDT, Tue March 10, 2015\n\n" + STORY
    art = page(text, source="https://example.com/2015/03/09/world/town-retaken/index.html")
    assert publication_date(art) == (D(2015, 3, 9), "url")
    assert publication_date(page(text)) == (D(2015, 3, 10), "updated")  # the only date then


def test_a_header_date_beats_the_dateline_of_a_story_filed_the_day_before():
    text = "The Daily Courier\nTuesday , March 10 , 2015\n\nErbil, March 9: " + STORY
    assert publication_date(page(text)) == (D(2015, 3, 10), "header")


def test_a_yearless_dateline_takes_the_year_of_a_later_update_stamp():
    text = "Town retaken\n| Updated: Oct 2, 2016 10:40 IST\n\nErbil [Iraq], Mar. 9 (Wire): " + STORY
    dating = date_article(page(text))
    assert (dating.date, dating.how) == (D(2016, 3, 9), "dateline")
    assert "updated" in dating.verdicts[0].candidate.note


def test_a_yearless_date_takes_its_year_from_the_next_line():
    text = "Where the front stands\n\n9 March\n08:15 2015\n\n" + STORY
    assert publication_date(page(text)) == (D(2015, 3, 9), "header")


def test_a_byline_with_the_name_after_the_date():
    text = "The campaign: March 6-9, 2015\nMar 9, 2015 - Jo Analyst\n\n" + STORY
    assert publication_date(page(text)) == (D(2015, 3, 9), "labelled")


def test_a_date_before_a_place_opens_a_dateline():
    text = "9-3-2015 – GWER, Iraq — " + STORY
    assert publication_date(page(text)) == (D(2015, 3, 9), "dateline")


@pytest.mark.parametrize("opening", ["9.3.2015 – Kurdnews, Gwer – ", "9.3.2015 - Gwer Media - "])
def test_a_date_before_an_agency_or_place_in_title_case_opens_a_dateline(opening):
    assert publication_date(page(opening + STORY)) == (D(2015, 3, 9), "dateline")


@pytest.mark.parametrize("opening", ["9.3.2015 – Kurdish fighters said ", "9.3.2015 – The army reached "])
def test_a_date_before_a_sentence_is_no_dateline(opening):
    assert date_article(page(opening + STORY)).how != "dateline"


def test_an_event_date_in_the_first_sentence_is_no_dateline():
    text = "On March 2, fighters entered the town.\n\n" + STORY
    assert date_article(page(text)).how != "dateline"


def test_a_labelled_stamp_in_the_footer_counts():
    filler = "\n\n".join(f"Paragraph {i} describes the fighting without a date." for i in range(20))
    text = "Town retaken\n\n" + STORY + "\n" + filler + "\n\nGüncelleme Tarihi: 10 Mart 2015, 14:00\n"
    assert publication_date(page(text)) == (D(2015, 3, 10), "updated")


# -- vetoes ------------------------------------------------------------------------------------------------
def test_page_furniture_is_no_candidate():
    text = ("© 2023 Example Media. All rights reserved.\n"
            "   12 May 2021 | 11/05/2021 (31) 10/05/2021 (12) 09/05/2021 (40)\n"
            "Town retaken\n\nMarch 9, 2015\n\n" + STORY)
    dating = date_article(page(text))
    assert (dating.date, dating.how) == (D(2015, 3, 9), "header")
    assert any("dates on one line" in why for _, why in dating.rejected_lines)


def test_a_crawl_date_over_a_story_told_from_its_own_day_is_vetoed():
    text = ("Friday, 14 May 2021\n\nTown retaken\n\nWire , Monday 9 Mar 2015\n"
            "Fighters on parade in the desert, January 4, 2015 (Photo: Wire)\n\n" + STORY)
    dating = date_article(page(text))
    assert dating.date == D(2015, 3, 9)
    vetoed = [v for v in dating.verdicts if v.status == "vetoed"]
    assert vetoed and vetoed[0].candidate.date == D(2021, 5, 14)


def test_an_embedded_url_date_needs_a_story_that_names_no_later_year():
    text = "Town retaken\n\nThe siege that began in 2017 ended on Sunday.\n"
    art = page(text, source="https://example.in/1150309/jsp/world/story.jsp")
    assert date_article(art).how != "url"


# -- given dates ----------------------------------------------------------------------------------------------
def test_a_feed_date_is_never_replaced_and_a_disagreement_is_a_warning():
    text = "Posted: 8 March 2015\n\nThe offensive that began on June 10, 2014 ... " + STORY
    dating = date_article(page(text, metadata=["2016-01-04"]))
    assert (dating.date, dating.how) == (D(2016, 1, 4), "metadata")
    assert any("2015-03-08" in w for w in dating.warnings)


def test_a_feed_date_in_json_lines_stands_over_the_history_the_story_recalls(tmp_path):
    feed = tmp_path / "feed.jsonl"
    story = "On Feb. 22, 2006 the shrine was bombed. " + STORY
    feed.write_text(json.dumps({"id": "a", "published": "2014-06-16", "text": story}) + "\n")
    out = CliRunner().invoke(cli, ["extract", "--json", str(feed)])
    record = json.loads(out.output)
    assert (record["published"], record["published_from"]) == ("2014-06-16", "metadata")


def test_the_user_date_is_final():
    assert publication_date(page("Posted: 8 March 2015\n\n" + STORY), override=D(2015, 1, 1)) == \
        (D(2015, 1, 1), "override")


# -- explain -------------------------------------------------------------------------------------------------
def test_explain_names_every_candidate_and_why_the_winner_won(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Friday, 14 May 2021\n\nTown retaken\n\nAFP , Monday 9 Mar 2015\n\n" + STORY)
    out = CliRunner().invoke(cli, ["explain", str(path)])
    assert out.exit_code == 0, out.output
    assert "2015-03-09 (labelled)" in out.output
    assert "outranked 2021-05-14  header" in out.output and "labelled ranks first" in out.output
    record = json.loads(CliRunner().invoke(cli, ["explain", "--json", str(path)]).output)
    assert record["published"] == "2015-03-09"
    assert {c["verdict"] for c in record["candidates"]} == {"chosen", "outranked"}


def test_explain_gives_a_veto_its_reason(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Friday, 14 May 2021\n\nTown retaken\n\nFighters took it on March 2, 2015. " + STORY)
    out = CliRunner().invoke(cli, ["explain", str(path)])
    assert "vetoed    2021-05-14" in out.output and "months after every date" in out.output


def test_explain_says_when_there_is_no_candidate(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(STORY)
    out = CliRunner().invoke(cli, ["explain", str(path)])
    assert "? (unknown)" in out.output and "no candidate" in out.output


def test_explain_traces_each_sentence_s_claims(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("Posted: 8 March 2015\n\nMilitants seized Rawa on Saturday. The army did not retake Anah.\n")
    out = CliRunner().invoke(cli, ["explain", str(path)])
    assert out.exit_code == 0, out.output
    assert "fired    Rawa" in out.output and "captured.take" in out.output
    assert "dropped  Anah" in out.output and "negation" in out.output
    record = json.loads(CliRunner().invoke(cli, ["explain", "--json", str(path)]).output)
    assert {(c["place"], c["status"], c["detail"]) for c in record["claims"]} >= {("Anah", "dropped", "negation")}
    # each sentence is shown up to its own end, not into the next one
    assert {c["sentence"] for c in record["claims"]} == {"Militants seized Rawa on Saturday.",
                                                         "The army did not retake Anah."}


def test_a_day_the_story_looks_ahead_to_is_no_anchor_of_its_inference():
    text = ("Talks go on\n\nParties must agree on a new cabinet before a deadline of 5 July, "
            "officials said on Monday, after fighting in Baiji on June 20, 2014.\n")
    dating = date_article(page(text))
    assert dating.how == "inferred" and dating.date <= D(2014, 6, 30)


def test_a_guessed_year_offers_the_story_read_in_the_years_either_side():
    # June 16 is a Monday in 2014 and a Tuesday in 2015: "on Thursday" after it is June 19 in one, June 18 in
    # the other, and the batch weighs those days, not the guessed year's month-days moved a year.
    text = ("Volunteers queue\n\nVolunteers queued in Baghdad on Thursday to join the army.\n\n"
            "On June 16, reports said a northern town had fallen; a day later officials denied it.\n")
    dating = date_article(page(text), year_hint=2015)
    assert (dating.date, dating.how) == (D(2015, 6, 18), "inferred")
    assert D(2014, 6, 19) in dating.alternatives and D(2014, 6, 18) not in dating.alternatives


def test_yearless_dates_across_a_new_year_are_one_stretch():
    from mapper.dates.story import _run_start, _story_dates

    text = ("The offensive began on 17 October. The east of the city was declared free on 24 January, "
            "a week after officers first said so on 18 January.")
    assert _run_start(((10, 17), (1, 24), (1, 18))) == (10, 17)
    assert sorted(_story_dates(text, [(0, len(text))], 2017)) == [
        dt.date(2016, 10, 17), dt.date(2017, 1, 18), dt.date(2017, 1, 24)]
    # dates of one season stay in the year given
    text = "Militants seized the town on 10 June and the dam on 3 August."
    assert sorted(_story_dates(text, [(0, len(text))], 2014)) == [dt.date(2014, 6, 10), dt.date(2014, 8, 3)]


def test_explain_shows_the_chronology_s_day_for_a_story_with_no_date(tmp_path, monkeypatch):
    rows = tmp_path / "chronology.csv"
    rows.write_text("date,place,place_id,party,action,source\n2014-08-07,Mosul Dam,cur:mosul-dam,isis,captured,x\n")
    monkeypatch.setenv("TERRITORY_MAPPER_CHRONOLOGY", str(rows))
    path = tmp_path / "page.txt"
    path.write_text("Dam lost\n\nIslamic State fighters seized the Mosul Dam on Thursday, officials said.\n")
    out = CliRunner().invoke(cli, ["explain", str(path)])
    assert out.exit_code == 0, out.output
    assert "chronology 2014-08-07" in out.output and "Mosul Dam (isis, 'on Thursday') on 2014-08-07" in out.output
    record = json.loads(CliRunner().invoke(cli, ["explain", "--json", str(path)]).output)
    assert record["chronology"]["date"] == "2014-08-07"
    assert record["chronology"]["agrees_with"][0]["place"] == "Mosul Dam"


def test_a_whole_page_on_one_line_is_prose_not_a_photo_caption():
    # A scraper that flattened the page: the dateline opens the only line, a photo credit ends it.
    body = " ".join(["Troops moved along the river road and residents stayed indoors."] * 120)
    text = f"BAGHDAD, June 12, 2014 - {body} Photo: Reuters"
    assert len(text) > 5000 and "\n" not in text
    assert publication_date(article_from_text(text, "flat.txt")) == (dt.date(2014, 6, 12), "dateline")
    # (a short paragraph with a credit is still a caption, whatever date it carries)
    caption = f"BAGHDAD, June 12, 2014 - {body[:300]} Photo: Reuters\n\nFighting went on in Tikrit."
    assert publication_date(article_from_text(caption, "caption.txt"))[1] != "dateline"
