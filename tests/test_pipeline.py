import datetime as dt
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from mapper.pipeline import EventPool, Extracted, extract

# Two dispatches of one weekend: one dated by its dateline, one whose date only the batch can tell.
DATED = (Path(__file__).parent / "data" / "batch_dated.txt").read_text(encoding="utf-8")
UNDATED = (Path(__file__).parent / "data" / "batch_undated.txt").read_text(encoding="utf-8")


def _by_name(items):
    return {x.article.source.rsplit("/", 1)[-1]: x for x in items if isinstance(x, Extracted)}


def test_undated_article_alone_takes_the_first_date_its_story_allows(tmp_path, gaz, no_chronology):
    (tmp_path / "undated.txt").write_text(UNDATED.replace("June 10", "June 10, 2014"), encoding="utf-8")
    (tmp_path / "yearless.txt").write_text(UNDATED, encoding="utf-8")
    got = _by_name(extract([str(tmp_path)], gaz))
    assert got["undated.txt"].published_from == "inferred"
    assert got["undated.txt"].published == dt.date(2014, 6, 15)  # the first Sunday two days after a Friday
    # Nothing in the batch gives a year: say so rather than guess.
    assert (got["yearless.txt"].published, got["yearless.txt"].published_from) == (None, "unknown")


def test_batch_dates_an_undated_article_by_the_events_it_shares(tmp_path, gaz):
    (tmp_path / "a_dated.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b_undated.txt").write_text(UNDATED, encoding="utf-8")
    got = _by_name(extract([str(tmp_path)], gaz))
    assert got["a_dated.txt"].published == dt.date(2014, 6, 22)
    undated = got["b_undated.txt"]
    assert (undated.published, undated.published_from) == (dt.date(2014, 6, 22), "inferred")
    # Its claims are dated from the new publication date.
    rawa = [c for c in undated.events if c.place == "Rawa"]
    assert rawa and all(c.date_start <= dt.date(2014, 6, 21) <= c.date for c in rawa)


def test_batch_never_redates_a_written_date(tmp_path, gaz):
    (tmp_path / "a.txt").write_text(DATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DATED.replace("June 22", "June 29"), encoding="utf-8")
    got = _by_name(extract([str(tmp_path)], gaz))
    assert got["b.txt"].published == dt.date(2014, 6, 29)
    assert got["b.txt"].published_from == "dateline"


# A wire story whose dateline gives the day but not the year, in a batch whose other stories are mostly of 2016.
YEARLESS = ("Town taken\n\nRAWA, June 22 (Wire) - Insurgents entered Rawa on Saturday after the army left its "
            "positions there, residents said.\n")
LATER = "Aid convoy\n\nERBIL, March {day}, 2016 - A convoy of food reached camps in the north, officials said.\n"


def _yearless_in_a_2016_batch(tmp_path, gaz, yearless: str):
    """``yearless.txt`` extracted in a batch of 2016 stories, then again once DATED (Rawa entered on Saturday
    21 June 2014) joins the batch."""
    for day in (3, 4):
        (tmp_path / f"later{day}.txt").write_text(LATER.format(day=day), encoding="utf-8")
    (tmp_path / "yearless.txt").write_text(yearless, encoding="utf-8")
    alone = _by_name(extract([str(tmp_path)], gaz))["yearless.txt"]
    (tmp_path / "dated.txt").write_text(DATED, encoding="utf-8")
    return alone, _by_name(extract([str(tmp_path)], gaz))["yearless.txt"]


def test_batch_places_a_yearless_dateline_in_the_year_its_events_agree_with(tmp_path, gaz, no_chronology):
    alone, got = _yearless_in_a_2016_batch(tmp_path, gaz, YEARLESS)
    assert (alone.published, alone.published_from) == (dt.date(2016, 6, 22), "dateline")  # the batch's year
    assert (got.published, got.published_from) == (dt.date(2014, 6, 22), "inferred")
    assert [c.date for c in got.events if c.place == "Rawa"] == [dt.date(2014, 6, 21)]
    # a written year is never moved, whatever the batch says
    (tmp_path / "yearless.txt").write_text(YEARLESS.replace("June 22", "June 22, 2016"), encoding="utf-8")
    kept = _by_name(extract([str(tmp_path)], gaz))["yearless.txt"]
    assert (kept.published, kept.published_from) == (dt.date(2016, 6, 22), "dateline")


# A page that writes its day without the year, and no claim dated by a weekday: only where its places changed hands
# can tell the year.
YEARLESS_LABEL = ("Families flee\n\nPosted June 30\n\nFamilies kept fleeing Rawa, where the militants now hold the "
                  "main market and the bridge, residents said.\n")


def test_batch_puts_a_yearless_label_in_the_year_its_places_changed_hands(tmp_path, gaz, no_chronology):
    alone, got = _yearless_in_a_2016_batch(tmp_path, gaz, YEARLESS_LABEL)
    assert (alone.published, alone.published_from) == (dt.date(2016, 6, 30), "labelled")  # the batch's year
    assert (got.published, got.published_from) == (dt.date(2014, 6, 30), "inferred")
    assert {c.date for c in got.events if c.place == "Rawa"} == {dt.date(2014, 6, 30)}


def test_jobs_give_the_same_records_in_the_same_order(tmp_path, gaz):
    import json
    import subprocess
    import sys

    corpus = tmp_path / "corpus.jsonl"
    gen = Path(__file__).resolve().parents[1] / "benchmarks" / "generate_corpus.py"
    subprocess.run([sys.executable, str(gen), "300", str(corpus)], check=True)
    one = [x.to_record() for x in extract([str(corpus)], gaz, jobs=1)]
    two = [x.to_record() for x in extract([str(corpus)], gaz, jobs=2)]
    assert len(one) == 300 and json.dumps(one) == json.dumps(two)


def _mixed_inputs(tmp_path) -> list[str]:
    """Small files, a JSON lines file with a broken record, and a missing input: over YEAR_SAMPLE items."""
    import json

    folder = tmp_path / "dispatches"
    folder.mkdir()
    for i in range(120):
        text = DATED if i % 3 else UNDATED
        (folder / f"d{i:03d}.txt").write_text(text.replace("Rawa", "Rawah") if i % 5 == 0 else text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    lines = [json.dumps({"text": UNDATED if i % 4 == 0 else DATED, "title": f"wire {i}"}) for i in range(150)]
    lines.insert(70, "{not json")
    (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder), str(tmp_path / "wire.jsonl"), str(tmp_path / "missing.txt")]


def _as_comparable(items):
    return [x.to_record() if isinstance(x, Extracted) else str(x) for x in items]


def test_workers_reading_partitions_give_what_one_process_gives(tmp_path, gaz, monkeypatch):
    import mapper.pipeline as pipeline

    inputs = _mixed_inputs(tmp_path)
    one = _as_comparable(extract(inputs, gaz, jobs=1))
    # Many partitions, some of files, some of lines.
    monkeypatch.setattr(pipeline, "PARTITION_BYTES", 20_000)
    monkeypatch.setattr(pipeline, "MIN_PARTITION_BYTES", 1_000)
    assert 1_000 <= pipeline._partition_bytes(inputs, 2) < 20_000  # a few KB: about 16 tasks
    two = _as_comparable(extract(inputs, gaz, jobs=2))
    assert len(one) == 120 + 1 + 150 + 1 + 1
    assert sum(isinstance(x, str) for x in one) == 3  # the empty file, the broken line, the missing input
    assert one == two


def _source_and_date(extracted) -> str:
    if "d007" in extracted.article.source:
        raise ValueError("refused")
    return f"{extracted.article.source} {extracted.published}"


def test_finish_runs_on_each_result_and_a_failure_becomes_an_error(tmp_path, gaz):
    from mapper.articles import ReadError

    inputs = _mixed_inputs(tmp_path)
    one = [str(x) for x in extract(inputs, gaz, jobs=1, finish=_source_and_date)]
    two = [str(x) for x in extract(inputs, gaz, jobs=2, finish=_source_and_date)]
    assert one == two
    refused = [x for x in extract(inputs, gaz, jobs=2, finish=_source_and_date) if isinstance(x, ReadError)]
    assert any("d007" in x.source and "cannot write record: refused" in str(x) for x in refused)
    assert any(x.endswith("d001.txt 2014-06-22") for x in one)  # a dated dispatch, finished in a worker


_DAY0 = dt.date(2014, 6, 1)
_facts = st.lists(st.tuples(st.sampled_from(["p1", "p2"]), st.sampled_from(["isis", "government"]),
                            st.integers(0, 12).map(lambda n: _DAY0 + dt.timedelta(days=n))), max_size=30)
_events = st.lists(st.builds(
    lambda place, party, start, length, phrase, action: SimpleNamespace(
        place_id=place, party=party, date=_DAY0 + dt.timedelta(days=start + length),
        date_start=_DAY0 + dt.timedelta(days=start) if length else None, date_phrase=phrase, action=action),
    st.sampled_from(["p1", "p2", "p3"]), st.sampled_from(["isis", "government"]), st.integers(0, 12),
    st.integers(0, 3), st.sampled_from([None, "on Friday"]), st.sampled_from(["captured", "threatened"])),
    max_size=10)


@settings(deadline=None)
@given(_facts, _events)
def test_pool_agreement_counts_events_whose_days_hold_a_pool_day(facts, events):
    pool = EventPool()
    pool.add_facts(tuple(facts[: len(facts) // 2]))
    pool.add_facts(tuple(facts[len(facts) // 2:]))  # added in two goes, as articles arrive
    # changes, not readings: one place and party told twice agrees once
    expected = len({
        (e.place_id, e.party) for e in events
        if e.date_phrase and e.action != "threatened"
        and any(p == e.place_id and q == e.party and (e.date_start or e.date) <= d <= e.date for p, q, d in facts)})
    assert pool.agreement(events) == expected


STORY_DATED = ("Posted: 20 May 2015\n\nMilitants seized Rawa on May 17 after a night of fighting. "
               "Troops fell back toward Haditha.\n")
STORY_NO_DATE = ("Fighters dig in\n\nMilitants seized Rawa on Sunday, officials said on Friday. "
                 "Families fled on Wednesday toward the desert.\n")


def test_batch_dates_an_article_that_names_no_date_at_all(tmp_path, gaz, no_chronology):
    (tmp_path / "a.txt").write_text(STORY_DATED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY_NO_DATE, encoding="utf-8")
    got = _by_name(extract([str(tmp_path)], gaz))
    # Rawa fell on Sunday 17 May 2015 by the batch; "on Friday" is the day of writing.
    assert (got["b.txt"].published, got["b.txt"].published_from) == (dt.date(2015, 5, 22), "inferred")
    alone = _by_name(extract([str(tmp_path / "b.txt")], gaz))
    assert (alone["b.txt"].published, alone["b.txt"].published_from) == (None, "unknown")


def test_batch_dates_an_undated_article_whose_day_for_a_change_is_a_day_or_two_off(tmp_path, gaz):
    # The batch dates Rawa's fall to Friday 15 May 2015; this story says Sunday (the last positions fell then).
    (tmp_path / "a.txt").write_text("Posted: 16 May 2015\n\nMilitants seized Rawa on May 15 after a night of "
                                    "fighting.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY_NO_DATE, encoding="utf-8")
    got = _by_name(extract([str(tmp_path)], gaz))
    assert (got["b.txt"].published, got["b.txt"].published_from) == (dt.date(2015, 5, 22), "inferred")


def test_json_line_of_a_long_article_is_the_record_encoded_whole(tmp_path, gaz, monkeypatch):
    import json
    from dataclasses import replace

    from mapper.cli import extract as extract_cli
    from mapper.cli.options import json_text

    text = "Militants captured Tikrit on Monday. " + "Troops shelled Baiji and Tal Afar near Mosul. " * 60
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (found,) = extract([str(tmp_path / "a.txt")], gaz, date_override=dt.date(2014, 6, 12))
    monkeypatch.setattr(extract_cli, "LIST_BATCH", 7)  # many batches, and a last one part full
    assert len(found.mentions) > 7 * 3
    line = b"".join(extract_cli.json_line(found))
    assert line == json_text(found.to_record()).encode("utf-8")
    no_events = replace(found, events=())  # an empty list among the pieces
    assert b"".join(extract_cli.json_line(no_events)) == json_text(no_events.to_record()).encode("utf-8")
    assert json.loads(line)["toponyms"][0]["name"] == "Tikrit"
