import datetime as dt

import pytest

from mapper.articles import article_from_text
from mapper.dates import article_candidates, find_dates, parse_date, publication_date, resolve_when

D = dt.date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("23 June 2014, 10:27", (2014, 6, 23, None)),
        ("POSTED: Thursday, June 12, 2014 - 6:44am", (2014, 6, 12, 3)),
        ("BAGHDAD, June 22 (Agencies) -", (None, 6, 22, None)),
        ("2014-6-22", (2014, 6, 22, None)),
        ("June 12, 2014", (2014, 6, 12, None)),
        ("Sunday 17 December 2017", (2017, 12, 17, 6)),
        ("on the 3rd of August 2014", (2014, 8, 3, None)),
        ("Sept. 1, 2014", (2014, 9, 1, None)),
        ("late on June 9", (None, 6, 9, None)),
        ("since 10 June", (None, 6, 10, None)),
    ],
)
def test_find_dates_forms(text, expected):
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.year, m.month, m.day, m.weekday) == expected
    assert text[m.start:m.end].strip()


def test_find_dates_order_and_offsets():
    text = "Mosul fell on June 10 and Tikrit on 11 June; on 2014-06-12 Baiji was besieged."
    found = find_dates(text)
    assert [(m.month, m.day) for m in found] == [(6, 10), (6, 11), (6, 12)]
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert text[found[0].start:found[0].end] == "June 10"


def test_find_dates_window():
    text = "June 10. Then June 11."
    assert [m.day for m in find_dates(text, 9)] == [11]
    assert [m.day for m in find_dates(text, 0, 8)] == [10]


@pytest.mark.parametrize("text", ["31 February 2014", "February 30, 2014", "2014-02-31", "2014-13-01", "2013-02-29"])
def test_impossible_dates_dropped(text):
    assert find_dates(text) == []


def test_leap_day_kept():
    (m,) = find_dates("29 February 2016")
    assert m.date == D(2016, 2, 29)


def test_yearless_impossible_date_dropped():
    assert find_dates("on February 31") == []
    assert find_dates("on 31 April") == []


def test_no_dates_in_numbers():
    assert find_dates("June 40 km north") == []
    assert find_dates("Mosul has 2 million people and 2014 was bad") == []


@pytest.mark.parametrize(
    "value, expected",
    [("2014-06-22T08:00:00Z", D(2014, 6, 22)), ("June 22, 2014", D(2014, 6, 22)), ("", None), ("garbage", None)],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# -- publication date -------------------------------------------------------------------------
def art(text, metadata_dates=()):
    return article_from_text(text, "t.txt", metadata_dates=metadata_dates)


FILLER = "\n\n".join(f"Paragraph {i} gives background on the crisis, with nothing dated in it." for i in range(8))


def test_dateline_with_year():
    a = art("POSTED: Thursday, June 12, 2014 - 6:44am\n\nMilitants seized Tikrit on Wednesday.\n")
    assert publication_date(a) == (D(2014, 6, 12), "dateline")


def test_header_date_with_time():
    a = art("23 June 2014, 10:27\n\nMilitants captured the crossing on Saturday.\n")
    assert publication_date(a) == (D(2014, 6, 23), "dateline")


def test_yearless_dateline_needs_year_hint():
    text = "BAGHDAD, June 22 (Agencies)\n\nMilitants seized the town of Rawa on Saturday, officials said Sunday.\n"
    assert publication_date(art(text), year_hint=2014) == (D(2014, 6, 22), "dateline")
    # June 22 was a Sunday in 2014; no year written anywhere: nothing to anchor the year
    date, how = publication_date(art(text))
    assert date in (None, D(2014, 6, 22))


def test_yearless_dateline_year_from_text():
    text = ("BAGHDAD, June 22 (Agencies)\n\nThe offensive that began in June 2014 reached Rawa, "
            "officials said on Sunday.\n")
    assert publication_date(art(text)) == (D(2014, 6, 22), "dateline")


def test_event_weekday_does_not_override_written_year():
    text = "BAGHDAD, June 22 (Agencies)\n\nThe offensive that began in June 2014 reached Rawa on Saturday.\n"
    assert publication_date(art(text))[0] == D(2014, 6, 22)


def test_metadata_date_wins():
    a = art("Militants seized Rawa on Saturday.\n", metadata_dates=["2014-06-22T09:00:00Z"])
    assert publication_date(a) == (D(2014, 6, 22), "metadata")


def test_updated_line_does_not_beat_posted():
    text = "UPDATED: June 14, 2014\nPOSTED: June 12, 2014\n\nMilitants seized Tikrit on Wednesday.\n"
    assert publication_date(art(text))[0] == D(2014, 6, 12)


STALE = (
    "Local news\nSunday 17 December 2017\n\nMilitants push toward Baghdad\n\n" + FILLER + "\n\n"
    "The fighters, who seized Mosul on June 10 after the army melted away, took Tikrit a day later.\n\n"
    "Government forces said on June 12 they had halted the advance near Samarra, and officials said on "
    "Sunday that more troops were arriving. The crisis of 2014 deepened.\n"
)


def test_stale_page_date_rejected():
    date, how = publication_date(art(STALE))
    assert date != D(2017, 12, 17)
    assert how != "dateline"


def test_stale_page_date_with_year_hint():
    date, how = publication_date(art(STALE), year_hint=2014)
    assert how == "inferred"
    # the Sunday after the latest story date (June 12, 2014)
    assert date == D(2014, 6, 15)


def test_stale_page_date_rejected_in_short_article():
    text = (
        "Local news\nSunday 17 December 2017\n\nMilitants push toward Baghdad\n\n"
        "Islamic militants who seized Mosul on June 10 pressed south on Sunday. Government forces said on "
        "June 12 they had halted the advance near Samarra. The crisis of 2014 deepened.\n"
    )
    date, _ = publication_date(art(text), year_hint=2014)
    assert date != D(2017, 12, 17)


def test_unknown_when_nothing():
    assert publication_date(art("Militants advanced on the town. Residents fled.\n")) == (None, "unknown")
    assert publication_date(art("No dates here.\n"), year_hint=2014) == (None, "unknown")


def test_override():
    a = art("POSTED: Thursday, June 12, 2014\n\nText.\n")
    assert publication_date(a, override=D(2020, 1, 2)) == (D(2020, 1, 2), "override")


def test_chrome_dates_ignored():
    text = (
        "Militants seize Rawa\n\n" + FILLER + "\n\nFighters entered Rawa on June 21, 2014.\n\n"
        "Leave a Reply\n\nJuly 3, 2016 at 4:12 pm\nGreat article.\n"
    )
    date, _ = publication_date(art(text))
    assert date is None or date.year == 2014


# -- relative dates ---------------------------------------------------------------------------
MON = D(2014, 6, 23)  # a Monday


@pytest.mark.parametrize(
    "text, published, date, precision, start",
    [
        ("Militants seized it yesterday.", MON, D(2014, 6, 22), "day", None),
        ("The town fell late last night.", MON, D(2014, 6, 22), "day", None),
        ("Fighters took the crossing overnight.", MON, D(2014, 6, 22), "day", None),
        ("They seized it on Saturday.", MON, D(2014, 6, 21), "day", None),
        ("Fighting resumed on Monday.", MON, D(2014, 6, 23), "day", None),
        ("Towns have fallen since Friday.", MON, D(2014, 6, 23), "range", D(2014, 6, 20)),
        ("It fell earlier this month.", MON, D(2014, 6, 23), "range", D(2014, 6, 1)),
        ("The city has been held since January.", MON, D(2014, 1, 1), "month", D(2014, 1, 1)),
        ("Fallujah has been held since December.", MON, D(2013, 12, 1), "month", D(2013, 12, 1)),
        ("Mosul fell on June 10.", MON, D(2014, 6, 10), "day", None),
        ("Mosul fell on 10 June 2014.", D(2015, 3, 1), D(2014, 6, 10), "day", None),
        ("It was retaken three days ago.", MON, D(2014, 6, 20), "day", None),
        ("Troops arrived today.", MON, MON, "day", None),
        # year-end and month-end crossings
        ("The town fell on December 30.", D(2015, 1, 2), D(2014, 12, 30), "day", None),
        ("The town fell yesterday.", D(2015, 1, 1), D(2014, 12, 31), "day", None),
        ("The town fell yesterday.", D(2014, 7, 1), D(2014, 6, 30), "day", None),
        ("They attacked on Sunday.", D(2015, 1, 1), D(2014, 12, 28), "day", None),
        ("It was quiet last month.", D(2015, 1, 10), D(2014, 12, 1), "month", D(2014, 12, 1)),
    ],
)
def test_resolve_when(text, published, date, precision, start):
    when = resolve_when(text, published)
    assert when is not None
    assert (when.date, when.precision, when.start) == (date, precision, start)
    assert when.phrase and when.phrase.lower() in text.lower()


def test_resolve_when_explicit_beats_relative():
    when = resolve_when("Yesterday officials said Mosul fell on June 10.", MON)
    assert when.date == D(2014, 6, 10)


def test_resolve_when_none():
    assert resolve_when("The town is held by militants.", MON) is None
    assert resolve_when("It fell yesterday.", None) is None


# -- inferred publication dates -----------------------------------------------------------------
def test_inferred_date_is_the_named_weekday_after_the_latest_date():
    # Wire style: "on Monday" names the day of writing itself.
    text = ("Fighting spreads\n\n" + FILLER + "\n\nThe offensive began on June 9, 2014 in the north.\n\n"
            "On Monday gunmen entered two districts of a northern town, residents said on Monday.\n")
    date, how = publication_date(art(text))
    assert (date, how) == (D(2014, 6, 16), "inferred")


def test_since_weekday_is_already_past():
    text = ("Towns fall\n\n" + FILLER + "\n\nThe offensive began on June 9, 2014.\n\n"
            "Three towns have fallen since Thursday, officials said.\n")
    date, how = publication_date(art(text))
    assert how == "inferred" and date.weekday() != 3 and date > D(2014, 6, 12)
    assert (date - D(2014, 6, 12)).days <= 6


def test_weekday_in_a_story_that_says_yesterday_is_two_days_back():
    # A story that says "yesterday" would have called the day before yesterday by its weekday.
    text = ("Crossing lost\n\n" + FILLER + "\n\nThe army lost Mosul on June 10, 2014.\n\n"
            "Militiamen paraded yesterday. On Friday a cleric joined the calls for unity.\n")
    date, _ = publication_date(art(text))
    assert date == D(2014, 6, 15)  # Sunday: Friday two days back
    candidates = article_candidates(art(text))
    assert candidates[0] == date and D(2014, 6, 22) in candidates
    assert all(c > D(2014, 6, 10) for c in candidates)


def test_no_story_dates_means_unknown_not_a_guess():
    date, how = publication_date(art("Quiet day\n\nNothing happened in the town on Friday.\n"))
    assert (date, how) == (None, "unknown")
