import calendar
import datetime as dt
import re
import sys

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mapper import fastre
from mapper.articles import article_from_text
from mapper.dates import (
    article_candidates,
    find_dates,
    formats,
    parse_date,
    publication_date,
    relative,
    resolve_when,
    story,
)

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
        ("2014-06-22T18:03:00+03:00", (2014, 6, 22, None)),
        ("22/06/2014 18:03", (2014, 6, 22, None)),
        ("22.06.2014", (2014, 6, 22, None)),
        ("06/22/2014", (2014, 6, 22, None)),
        ("05/05/2014", (2014, 5, 5, None)),
    ],
)
def test_find_dates_forms(text, expected):
    found = find_dates(text)
    assert len(found) == 1, found
    m = found[0]
    assert (m.year, m.month, m.day, m.weekday) == expected
    assert text[m.start:m.end].strip()


@pytest.mark.parametrize("text", ["06/07/2014", "1/2/2014", "22/06/14", "22/06-2014", "2014-06-22Tx"])
def test_numeric_dates_that_could_be_either_are_not_read(text):
    assert not find_dates(text)


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
    [("2014-06-22T08:00:00Z", D(2014, 6, 22)), ("June 22, 2014", D(2014, 6, 22)), ("", None), ("garbage", None),
     # Unix timestamps (seconds, milliseconds), a zone dateutil does not know
     ("1403395200", D(2014, 6, 22)), ("1403395200000", D(2014, 6, 22)), ("99999999999999", None),
     ("Jun 12, 2014 3:45 PM ET", D(2014, 6, 12))],
)
def test_parse_date(value, expected, recwarn):
    assert parse_date(value) == expected
    assert not recwarn.list


# -- publication date -------------------------------------------------------------------------
def art(text, metadata_dates=()):
    return article_from_text(text, "t.txt", metadata_dates=metadata_dates)


FILLER = "\n\n".join(f"Paragraph {i} gives background on the crisis, with nothing dated in it." for i in range(8))


def test_dateline_with_year():
    a = art("POSTED: Thursday, June 12, 2014 - 6:44am\n\nMilitants seized Tikrit on Wednesday.\n")
    assert publication_date(a) == (D(2014, 6, 12), "labelled")


def test_header_date_with_time():
    a = art("23 June 2014, 10:27\n\nMilitants captured the crossing on Saturday.\n")
    assert publication_date(a) == (D(2014, 6, 23), "header")


def test_yearless_dateline_takes_the_batch_year_over_the_weekdays_of_its_events():
    # June 22 was a Saturday in 2013: "on Saturday" is the day before publication, not its day.
    text = "BAGHDAD, June 22 (Wire) - Insurgents seized Rawa and Anah on Saturday.\n"
    assert publication_date(art(text), year_hint=2014) == (D(2014, 6, 22), "dateline")


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


def test_a_dateline_may_be_months_after_the_dates_its_story_recalls():
    # a page date alone on its line months later is a re-render (above); a place's dateline is the story's
    text = ("SAMARRA \u2014 October 3, 2014\n\nFamilies of the cadets killed after the fall of Tikrit on June 12 "
            "gathered in the city. " + FILLER + "\n")
    assert publication_date(art(text)) == (D(2014, 10, 3), "dateline")


@pytest.mark.parametrize("byline", ["Written by a staff writer on August 11, 2014", "By Jane Doe on August 11, 2014"])
def test_byline_date(byline):
    text = f"Jalawla falls\n{byline}\n\nFighters took Jalawla today.\n"
    assert publication_date(art(text)) == (D(2014, 8, 11), "labelled")


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
        ("It was retaken 10 days ago.", MON, D(2014, 6, 13), "day", None),
        ("The town fell two weeks ago.", MON, D(2014, 6, 12), "range", D(2014, 6, 6)),
        ("Militants seized it at the weekend.", MON, D(2014, 6, 22), "range", D(2014, 6, 21)),
        ("Militants seized it over the weekend.", D(2014, 6, 22), D(2014, 6, 22), "range", D(2014, 6, 21)),
        ("It has been quiet since the weekend.", D(2014, 6, 25), D(2014, 6, 22), "range", D(2014, 6, 21)),
        ("Militants seized it this weekend.", D(2014, 6, 21), D(2014, 6, 21), "range", D(2014, 6, 21)),
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
    # Wire style: "on Saturday" names the latest event, a few days after the latest date written.
    text = ("Fighting spreads\n\n" + FILLER + "\n\nThe offensive began on June 10, 2014 in the north.\n\n"
            "On Saturday gunmen entered two districts of a northern town, residents said on Saturday.\n")
    date, how = publication_date(art(text))
    assert (date, how) == (D(2014, 6, 14), "inferred")


def test_a_weekday_that_is_the_latest_dates_own_names_that_date():
    # June 9, 2014 was a Monday: "on Monday" is that day, and the story came out the day after, not a week later.
    text = ("Fighting spreads\n\n" + FILLER + "\n\nThe offensive began on June 9, 2014 in the north.\n\n"
            "On Monday gunmen entered two districts of a northern town, residents said on Monday.\n")
    date, how = publication_date(art(text))
    assert (date, how) == (D(2014, 6, 10), "inferred")


def test_a_weekday_written_beside_its_date_is_no_later_news():
    # "Monday (October 17)" is a date the story writes; only "Thursday (October 20)" says when it was written.
    text = ("Town retaken\n\n" + FILLER + "\n\nTroops retook a town on Thursday (October 20) after an attack "
            "earlier in the day.\n\nThe battle was announced on Monday (October 17, 2016).\n")
    date, how = publication_date(art(text))
    assert (date, how) == (D(2016, 10, 20), "inferred")


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


# -- the fast scans find what the plain regex scans find ----------------------------------------
# Dates, years, weekday names and relative words are found by trying the patterns only where a
# cheap scan says a match can start; these properties compare them with running each pattern
# over the whole text, as the reference below does.
def _reference_find_dates(text, start, end):
    """Every pattern run with finditer over the window; earlier patterns win overlaps."""
    found, taken = [], []
    for pattern in formats._DATE_PATTERNS:
        for m in pattern.finditer(text, start, end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            month = int(g["mnum"]) if g.get("mnum") else formats.MONTHS.get(formats._name_key(g["month"]).rstrip("."))
            day, year = int(g["day"]), int(g["year"]) if g.get("year") else None
            if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            weekday = formats.WEEKDAYS.get(formats._name_key(g["weekday"]).rstrip(".")) if g.get("weekday") else None
            try:
                dt.date(year or 2000, month, day)  # 2000: a leap year
            except ValueError:
                continue
            found.append((m.start(), m.end(), year, month, day, weekday))
            taken.append(m.span())
    return sorted(found)


def _as_tuples(mentions):
    return [(m.start, m.end, m.year, m.month, m.day, m.weekday) for m in mentions]


# Pieces of dates and of the words around them, including letters re.IGNORECASE folds oddly
# (ſ, ı, İ, K), digits of other scripts, and numbers that are not dates.
DATE_PIECES = [
    "June", "jun", "Sept.", "SEPT", "ſept", "ſeptember", "May", "march", "Junes", "Dec", "August", "oct.", "Feb",
    "Monday", "mon", "Tues", "tues.", "Wed.", "wednesday", "THU", "thurs", "Fri", "frıday", "FRİDAY", "ſaturday",
    "ſun", "Sunday", "the", "The", "of", "OF", "1", "3", "9", "10", "22", "31", "32", "29", "0", "03", "123", "2014",
    "1999", "2099", "1899", "20145", "٣", "٢٢", "٢٠١٤", "20١٤", "1st", "3rd", "22nd", "11th", "22th", "2014-06-22",
    "2014-6-2", "2014-13-01", "2013-02-29", "2014-06-221", "km", "%", "percent", "people", "miles", "G7", "K", "_",
    "day", "days", "today", "yesterday", "last", "night", "laſt", "since", "ſince", "this", "thıs", "earlier",
    "month", "week", "year", "ago", "two", "mid", "in", "from", "on", "before", "previous",
]
SEPARATORS = [" ", " ", "      ", "\n", "\n\n", "\t", "\u00a0", "\u2009", ".", ",", ", ", ",  ", "-", "", "(", ":", "'"]
date_texts = st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.sampled_from(SEPARATORS), st.text(max_size=3)),
                      max_size=30).map("".join)
FAST_SCAN = settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
HOSTILE_DATES = [
    "June 22,      2014", "Wed., the 3rd of Sept. 2014", "June 22", "22 June", "on 22 June", "2014-06-22",
    "June 22 2014 km", "June 22 km", "June 22, 40 people", "June\n22\n\n2014", "Sunday,\tthe 22nd of June , 2014",
    "ſept 3, 2014", "frıday June 3", "FRİDAY, June 3, 2014", "June ٣", "٢٢ June 2014", "June 3rd2014", "x22 June",
    "June 22x", "Mon. June 3 2014-06-03", "2014-06-22 June 23", "3 June 2014-06-22", "June 31 and 30 June",
    "ſun 3 June", "ſat, the 3rd of June 2014", "Wed., the June 3", "Sunday,  the\tSept. 22, 2014",
]


@FAST_SCAN
@given(date_texts, st.data())
@example("June 22,      2014", None)
@example("Wed., the 3rd of Sept. 2014", None)
def test_find_dates_matches_plain_regex_scan(text, data):
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    assert _as_tuples(find_dates(text, start, end)) == _reference_find_dates(text, start, end)


@pytest.mark.parametrize("text", HOSTILE_DATES)
def test_find_dates_matches_plain_regex_scan_on_hostile_dates(text):
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert _as_tuples(formats._scan_dates(text, start, end)) == _reference_find_dates(text, start, end)


def test_long_text_dates_match_plain_regex_scan():
    text = " ".join(HOSTILE_DATES) * 40  # long texts are scanned once and filtered per window
    assert len(text) > 2000
    assert _as_tuples(find_dates(text)) == _reference_find_dates(text, 0, len(text))
    assert _as_tuples(find_dates(text, 100, 900)) == [m for m in _reference_find_dates(text, 0, len(text))
                                                      if 100 <= m[0] and m[1] <= 900]


@FAST_SCAN
@given(st.one_of(st.text(st.characters(max_codepoint=255)), date_texts), st.data())
@example("²2014¹ 12 x³4 5", None)
@example("٣3 ²1", None)
def test_digit_runs_match_plain_regex(text, data):
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    expected = [m.span() for m in re.finditer(r"\d+", text[:end]) if m.end() > start]
    expected = [(max(s, start), e) for s, e in expected]
    assert formats._digit_runs(text, start, end) == expected


@FAST_SCAN
@given(date_texts)
@example("2014km 1999_ 2014th 2014 x2014 2014٣ 20١٤ 1990")
def test_year_words_match_plain_regex(text):
    expected = re.findall(r"\b((?:19|20)\d\d)\b", text)
    assert list(formats._written(text).years) == [int(y) for y in expected]
    assert list(story._span_years(text)) == [int(y) for y in expected]


@FAST_SCAN
@given(date_texts, st.data())
@example("Wednesday, wednesdays, xMonday ſaturday THURSDAY. tues Tuesday frıday FRİDAY Sunday", None)
def test_weekday_words_match_plain_regex(text, data):
    start, end = 0, len(text)
    if data is not None:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
    expected = [m.span() for m in formats._WEEKDAY_WORD.finditer(text, start, end)]
    assert [m.span() for m in formats._weekday_words(text, start, end)] == expected


@FAST_SCAN
@given(date_texts)
@example("held ſince Sunday")
@example("taken laſt week")
@example("seized yeſterday")
@example("seized thıs morning")
@example("on FRİDAY")
@example("since laſt night")
@example("fell last NİGHT")
def test_relative_words_match_plain_regex(text):
    expected = next(((kind, m.span()) for pattern, kind in relative._REL_PATTERNS if (m := pattern.search(text))), None)
    found = relative._relative_phrase(text)
    assert (found[0], found[1].span()) == expected if found else expected is None
    assert story._names_newsroom_day(text) == _newsroom_by_regex(text)


def _newsroom_by_regex(text):
    return any(not story._quoted(text, m.start()) for m in story._NEWSROOM_RELATIVE.finditer(text))


@pytest.mark.parametrize("text", [
    "last night", "  last \t\n night", "xlast night", "last nights", "fortnight, then last  night", "overnight",
    "nightlast night", "todays today", "today's", "yesterday", "the day before", "laſt night", "laſt nıght",
])
def test_newsroom_words_match_plain_regex(text):
    for start in range(len(text)):
        assert story._names_newsroom_day(text[start:]) == _newsroom_by_regex(text[start:])


@pytest.mark.parametrize("text, newsroom", [
    ("Troops entered the town yesterday.", True),
    ("\u201cOur attack began at dawn yesterday,\u201d the ministry said.", False),
    ('"We took the bridge yesterday," a colonel said.', False),
    ('"It is over," a colonel said yesterday.', True),
    ("\u201cIt is over.\u201d\n\nToday the roads reopened.", True),
])
def test_a_quotation_s_yesterday_is_the_speaker_s(text, newsroom):
    assert story._names_newsroom_day(text) is newsroom
    # (a weekday of such a story may be the day before publication; a newsroom's "Friday" is further back)
    assert story.weekday_constraints(text + " It fell on Monday.", [(0, len(text) + 20)]) == [(0, 2 if newsroom else 0)]


def test_letters_regex_case_folding_treats_specially():
    # The cue tests (str.lower() for re.IGNORECASE) and the weekday and month initials rely on these
    # being the only non-ASCII letters re.IGNORECASE matches to ASCII ones, and on isalnum being \w.
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    assert {c for c in range(128, sys.maxunicode + 1) if ascii_letter.match(chr(c))} == {0x130, 0x131, 0x17F, 0x212A}
    word = re.compile(r"\w")
    assert all(bool(word.match(chr(c))) == fastre.is_word_char(chr(c)) for c in range(sys.maxunicode + 1))


@pytest.mark.parametrize("year", [1900, 2000, 2014, 2015, 2099])
def test_written_metadata_dates_parse_as_dateutil_does(year):
    for month in calendar.month_name[1:]:
        for day in (1, 9, 10, 28, 29, 30, 31):
            value = f"{month} {day}, {year}"
            try:
                expected = dateutil_parser.parse(value, fuzzy=True, default=dt.datetime(1900, 1, 1)).date()
            except ValueError:
                expected = None
            assert parse_date(value) == expected, value


@pytest.mark.parametrize(("clause", "expected"), [
    ("seized the town on Saturday", (dt.date(2014, 6, 21), "day", None)),
    ("late last night", (dt.date(2014, 6, 22), "day", None)),
    ("since mid-June", (dt.date(2014, 6, 11), "range", dt.date(2014, 6, 11))),
    ("22 June 2013 and then on Friday", (dt.date(2013, 6, 22), "day", None)),
    ("since Friday", (dt.date(2014, 6, 23), "range", dt.date(2014, 6, 20))),
    ("in late December", (dt.date(2013, 12, 31), "range", dt.date(2013, 12, 21))),
    ("since late December", (dt.date(2013, 12, 21), "range", dt.date(2013, 12, 21))),
    # with its year as without it
    ("since January 2014", (dt.date(2014, 1, 1), "month", dt.date(2014, 1, 1))),
    ("since late December 2013", (dt.date(2013, 12, 21), "range", dt.date(2013, 12, 21))),
    ("since 2013", (dt.date(2014, 6, 23), "range", dt.date(2013, 1, 1))),
    ("in mid-June", (dt.date(2014, 6, 20), "range", dt.date(2014, 6, 11))),
    ("earlier in the month", (dt.date(2014, 6, 23), "range", dt.date(2014, 6, 1))),
    ("this week", (dt.date(2014, 6, 23), "range", dt.date(2014, 6, 23))),  # 23 June 2014 was a Monday
    ("on the 21st", (dt.date(2014, 6, 21), "day", None)),
    ("on the 30th", (dt.date(2014, 5, 30), "day", None)),  # still to come in June: May's
    ("a few hours ago", (dt.date(2014, 6, 23), "day", None)),
    ("at the start of the month", (dt.date(2014, 6, 10), "range", dt.date(2014, 6, 1))),
    ("by the end of May", (dt.date(2014, 5, 31), "range", dt.date(2014, 5, 21))),
    ("in the 21st century", None),
    ("no time here", None),
])
def test_time_words_are_read_once_and_dated_on_each_candidate_day(clause, expected):
    from mapper.dates import read_time

    words = read_time(clause)
    when = words.resolve(dt.date(2014, 6, 23))
    assert (when.date, when.precision, when.start) == expected if expected else when is None
    # The same words on another publication date (re-dating an undated article).
    later = words.resolve(dt.date(2014, 6, 30))
    assert (later is None) == (expected is None)
    words.resolve(dt.date.max)  # the end of the calendar is no crash
    words.resolve(dt.date.min)


@pytest.mark.parametrize(("text", "day"), [("on ſunday", 22), ("FRİDAY", 20), ("late on ſaturday", 21)])
def test_names_the_regex_matches_ignoring_case_are_looked_up_too(text, day):
    assert resolve_when(text, dt.date(2014, 6, 23)).date == dt.date(2014, 6, day)


@pytest.mark.parametrize("header, metadata, how", [
    ("Published: Monday 3 October 2016 08.12 BST\n\n", [], "labelled"),
    ("", ["2016-10-03T08:12:00Z"], "metadata"),
])
def test_a_retrospective_keeps_its_date_months_after_the_days_it_names(header, metadata, how):
    # It names its days by date only ("on June 17"), so it need not have been written within days of them.
    text = (header + "Iraqi forces reached the centre of Fallujah on June 17, 2016, and declared the city retaken "
            "on June 26. Today the city is calm, and families are returning. " + FILLER + "\n")
    assert publication_date(art(text, metadata_dates=metadata)) == (D(2016, 10, 3), how)


def test_a_page_date_months_after_a_story_told_from_its_own_day_is_not_its_date():
    # (more than STALE_DAYS, half a year, after it: a page re-rendered or re-stamped, not the story's day)
    text = ("Published: Tuesday 3 October 2017 08.12 BST\n\nIraqi forces reached the centre of Fallujah on June 17, "
            "2016, officers said yesterday. " + FILLER + "\n")
    assert publication_date(art(text))[0] != D(2017, 10, 3)
