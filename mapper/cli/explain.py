"""``mapper explain INPUT...``: why each article got its publication date."""

from __future__ import annotations

import sys

import click

from mapper.articles import ReadError

from .options import date_opt, gazetteer_opt, inputs_arg, json_opt, json_text


@click.command(short_help="Show why each article got its date and each sentence its claims.")
@inputs_arg
@json_opt
@date_opt
@gazetteer_opt
def explain(inputs, as_json, date_override, gazetteer_files):
    """For each article of INPUT, list every publication-date candidate: its source (metadata,
    labelled, url, header, dateline, updated, inferred), the words it was read from, and the
    arbiter's verdict (chosen, outranked, or vetoed and why); then the lines dropped as page
    furniture and any warning (a given date the page contradicts).

    Then, sentence by sentence, each place the claim engine considered: the lexicon rule that
    fired (with the claim it made) or the veto that dropped it.

    The batch's year (the median year of the articles whose date is written) places yearless
    dates, as `mapper extract` does.  An article left undated, or dated by inference, is weighed
    against the reference chronology of the war (mapper/dates/chronology.csv) as `mapper extract`
    weighs it against its batch, and the changes that agree are shown; dating against the other
    articles of a batch is not shown.

    \b
    Example:
        mapper explain mapper/samples/15_amirli-siege.txt
        mapper explain feed.jsonl --json | jq .candidates
    """
    from gazetteer import load
    from mapper.articles import Article, ReadError, display_name, read_inputs
    from mapper.claims import trace_claims
    from mapper.dates import date_article
    from mapper.pipeline import EventPool, batch_year
    from mapper.places import find_mentions

    gaz = load(user_files=gazetteer_files)
    items = list(read_inputs(inputs))
    articles = [a for a in items if isinstance(a, Article)]
    year_hint = batch_year(articles)
    chronology = EventPool.with_chronology()
    failed = 0
    for item in items:
        if isinstance(item, ReadError):
            failed += not item.recovered
            click.echo(f"mapper: {item}", err=True)
            continue
        dating = date_article(item, year_hint, date_override)
        agreed = _chronology_dating(item, gaz, year_hint, date_override, dating, chronology)
        _, trace = trace_claims(item, find_mentions(item.text, gaz, item.body_spans()))
        if as_json:
            click.echo(json_text({**_record(item, dating, year_hint, agreed), "claims": _trace_records(item, trace)}))
        else:
            click.echo(_text(display_name(item.source), dating, year_hint, agreed))
            click.echo(_trace_text(item, trace))
    if failed:
        sys.exit(1)


def _chronology_dating(article, gaz, year_hint, date_override, dating, chronology):
    """``(day, [(event, chronology day), ...])`` when the chronology moves or gives an inferred or
    missing date, else None."""
    from mapper.pipeline import UNDATED_SLACK_DAYS, extract_with_candidates

    if dating.how not in ("inferred", "unknown") and not dating.alternatives:
        return None  # (alternatives: a written day whose year was guessed, which the chronology may place)
    extracted, candidates = extract_with_candidates(article, gaz, year_hint, date_override)
    if isinstance(extracted, ReadError):
        return None
    best = chronology.redate(extracted, gaz, year_hint, candidates)
    if best is extracted or best.published is None:
        return None
    return best.published, list(chronology.matches(best.events, UNDATED_SLACK_DAYS))


def _record(article, dating, year_hint, agreed=None) -> dict:
    return {
        "source": article.source,
        "published": dating.date.isoformat() if dating.date else None,
        "published_from": dating.how,
        "batch_year": year_hint,
        "candidates": [{"date": v.candidate.date.isoformat(), "source": v.candidate.source,
                        "rank": v.candidate.rank, "evidence": v.candidate.evidence, "note": v.candidate.note,
                        "verdict": v.status, "reason": v.reason} for v in dating.verdicts],
        "furniture": [{"line": line, "why": why} for line, why in dating.rejected_lines],
        "warnings": list(dating.warnings),
        "chronology": None if agreed is None else {
            "date": agreed[0].isoformat(),
            "agrees_with": [{"place": c.place, "party": c.party, "day": day.isoformat(), "phrase": c.date_phrase}
                            for c, day in agreed[1]]},
    }


def _text(name: str, dating, year_hint, agreed=None) -> str:
    out = [f"{name}: {dating.date or '?'} ({dating.how})" + (f"  [batch year {year_hint}]" if year_hint else "")]
    if agreed is not None:
        day, matches = agreed
        why = "; ".join(f"{c.place} ({c.party}, {c.date_phrase!r}) on {d}" for c, d in matches)
        out.append(f"  chronology {day}  inferred     the day the reference chronology's changes fit best: {why}")
    for v in dating.verdicts:
        c = v.candidate
        why = f": {v.reason}" if v.reason else ""
        note = f" [{c.note}]" if c.note else ""
        out.append(f"  {v.status:<9} {c.date}  {c.source:<12} {c.evidence!r}{note}{why}")
    if not dating.verdicts:
        out.append("  no candidate: the page writes no date and the story names none to count from")
    for line, why in dating.rejected_lines:
        out.append(f"  furniture {line!r}: {why}")
    for warning in dating.warnings:
        out.append(f"  warning   {warning}")
    return "\n".join(out)


def _sentence(article, start: int, ends: dict | None = None) -> str:
    """The first words of the sentence starting at ``start`` (no further than its end, when ``ends`` has it)."""
    end = min(start + 160, (ends or {}).get(start, start + 160))
    text = " ".join(article.text[start:end].split())
    return text if len(text) < 100 else text[:97] + "..."


def _sentence_ends(article) -> dict:
    """Where each sentence the claim engine reads ends, by where it starts."""
    from mapper.claims import split_sentences

    return dict(split_sentences(article.text, article.body_spans()))


def _trace_records(article, trace) -> list[dict]:
    ends = _sentence_ends(article)
    return [{"sentence_start": e.sentence_start, "sentence": _sentence(article, e.sentence_start, ends),
             "status": e.status, "place": e.place, "rule": e.rule, "detail": e.detail} for e in trace]


def _trace_text(article, trace) -> str:
    if not trace:
        return "  claims: no sentence names a place in the mapped area"
    out, last, ends = ["  claims:"], None, _sentence_ends(article)
    for e in trace:
        if e.sentence_start != last:
            out.append(f"    {_sentence(article, e.sentence_start, ends)!r}")
            last = e.sentence_start
        rule = e.rule or "-"
        out.append(f"      {e.status:<8} {e.place:<22} {rule:<32} {e.detail}")
    return "\n".join(out)
