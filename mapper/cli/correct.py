"""``mapper correct ...``: an analyst's corrections, kept in the store and applied on every run."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .options import emit, format_opt, parse_date, progress, store_opt

CORRECTIONS_CSV = "corrections.csv"  # the default file beside the store for import and export


@click.group(short_help="Pin a place's control, reject a claim, add an alias.")
def correct():
    """Correct the picture without code: corrections are kept in the store and applied every
    time it is read (mapper run --store, timeline, places, export).

    \b
    Examples:
        mapper correct pin Tikrit government --on 2014-06-28 --note "Army confirmed by AP photos"
        mapper correct reject 3f9a1c2b7d4e --note "refers to Tikrit district, not the city"
        mapper correct alias "Tel Uskuf" cur:telskuf
        mapper correct list
    """


def _open(store):
    from mapper.store import Store

    return Store(store)


def _place(value: str, gaz):
    """The gazetteer entry for PLACE, or a usage error with suggestions."""
    from mapper.corrections import resolve_place

    place = resolve_place(value, gaz)
    if place is None:
        hints = gaz.suggest(value)
        hint = f" (did you mean: {', '.join(hints)}?)" if hints else ""
        raise click.BadParameter(f"no place is named {value!r}{hint}; a place id (see mapper resolve) is surest",
                                 param_hint="PLACE")
    return place


@correct.command(short_help="Pin who holds a place on a date.")
@click.argument("place")
@click.argument("party")
@click.option("--on", "on", required=True, callback=parse_date, metavar="YYYY-MM-DD", help="The day pinned.")
@click.option("--note", required=True, help="Why (shown in the map's popup as the pin's quote).")
@store_opt(create=True)
def pin(place, party, on, note, store):
    """Pin PARTY (an id or any word parties.toml lists for it) as holding PLACE (an id or any spelling) on a day.

    The pin joins the timeline as a claim of article `analyst:<id>` with confidence 1.0 and
    the note as its quote: it wins over conflicting claims of that day, and later changes of
    control still apply. Pinning the same place and day again replaces the pin.

    \b
    Example:
        mapper correct pin Tikrit government --on 2014-06-28 --note "Army confirmed by AP photos"
    """
    from mapper.corrections import Correction, party_id

    try:
        party = party_id(party)  # "peshmerga" -> kurdish
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="PARTY") from None
    with _open(store) as st:
        found = _place(place, st.gazetteer())
        c, new = st.add_correction(Correction("pin", place_id=found.id, place=found.name, party=party, date=on,
                                              note=note, lat=found.lat, lon=found.lon, kind=found.kind))
    click.echo(f"mapper: {'' if new else 'already there: '}correction {c.id} (analyst:{c.id}): {c.describe()}",
               err=True)


@correct.command(short_help="Reject a claim (by id, or by article, place, action and date).")
@click.argument("claim_id", required=False)
@click.option("--article", help="The claim's article id.")
@click.option("--place", help="The claim's place (id or spelling).")
@click.option("--action", type=click.Choice(["captured", "recaptured", "withdrew", "contested", "held", "threatened",
                                             "besieged"]))  # mapper.corrections.ACTIONS (not imported at start-up)
@click.option("--date", "day", callback=parse_date, metavar="YYYY-MM-DD", help="The claim's date.")
@click.option("--note", default="", help="Why.")
@store_opt(create=True)
def reject(claim_id, article, place, action, day, note, store):
    """Reject a claim so it no longer counts: give its CLAIM_ID (from `mapper events`; a unique
    prefix of 4 or more characters will do), or --article, --place, --action and --date
    (which also rejects the claim in stores and runs that do not hold it yet).

    \b
    Examples:
        mapper correct reject 3f9a1c2b7d4e --note "refers to the district"
        mapper correct reject --article 14a324b71bfeb6b2 --place Tikrit --action captured --date 2014-06-11
    """
    from mapper.corrections import Correction

    key = (article, place, action, day)
    if bool(claim_id) == any(v is not None for v in key):
        raise click.UsageError("give a CLAIM_ID, or --article, --place, --action and --date")
    with _open(store) as st:
        if claim_id:
            try:
                row = st.find_claim(claim_id)
            except KeyError as exc:
                raise click.BadParameter(exc.args[0], param_hint="CLAIM_ID") from None
            correction = Correction("reject", place_id=row["place_id"], place=row["place"], party=row["party"],
                                    date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
                                    article=row["article"],
                                    action=row["action"], note=note)
        else:
            if None in key:
                raise click.UsageError("--article, --place, --action and --date go together")
            found = _place(place, st.gazetteer())
            correction = Correction("reject", place_id=found.id, place=found.name, date=day, article=article,
                                    action=action, note=note)
        c, new = st.add_correction(correction)
        matched = st.count_matching(c)
    click.echo(f"mapper: {'' if new else 'already there: '}correction {c.id}: {c.describe()}", err=True)
    if not matched:
        click.echo("mapper: warning: no stored claim matches it yet", err=True)


def _reread(st, names) -> None:
    """Read again the stored articles that contain one of ``names`` (an alias changed)."""
    ids = st.containing(names)
    with progress(st.reextract(ids, st.gazetteer()), "Re-reading", len(ids)) as done:
        for _ in done:
            pass
    click.echo(f"mapper: re-read {len(ids)} stored article(s) that contain {', '.join(map(repr, names))}", err=True)


@correct.command(short_help="Add a name for a gazetteer place.")
@click.argument("name")
@click.argument("place")
@click.option("--note", default="", help="Why.")
@store_opt(create=True)
def alias(name, place, note, store):
    """Add NAME as one more spelling of PLACE (an id such as cur:telskuf, or a name).

    The alias reaches the gazetteer through its user alias CSV mechanism (a file beside the
    store) whenever the store is used; stored articles that contain NAME are read again.

    \b
    Example:
        mapper correct alias "Tel Uskuf" cur:telskuf
    """
    from mapper.corrections import Correction

    if not name.strip():
        raise click.BadParameter("the alias is empty", param_hint="NAME")
    with _open(store) as st:
        found = _place(place, st.gazetteer())
        c, new = st.add_correction(Correction("alias", place_id=found.id, place=found.name, alias=name.strip(),
                                              note=note))
        click.echo(f"mapper: {'' if new else 'already there: '}correction {c.id}: {c.describe()}", err=True)
        if new:
            _reread(st, [c.alias])


@correct.command("list", short_help="List the corrections.")
@click.option("--type", "types", multiple=True, type=click.Choice(["pin", "reject", "alias"]),
              help="Only this type (repeatable).")
@format_opt
@store_opt()
def list_(types, fmt, store):
    """List the corrections in the store, oldest first.

    \b
    Example:
        mapper correct list --type pin --json
    """
    from mapper.corrections import CSV_FIELDS

    with _open(store) as st:
        rows = [{**c.to_row(), "id": c.id, "what": c.describe()} for c in st.corrections()
                if not types or c.type in types]
    emit(rows, fmt, CSV_FIELDS, ["id", "type", "what", "note", "created"])


@correct.command(short_help="Remove a correction by id.")
@click.argument("correction_id", type=int)
@store_opt()
def remove(correction_id, store):
    """Remove correction CORRECTION_ID (see `mapper correct list`).

    \b
    Example:
        mapper correct remove 3
    """
    with _open(store) as st:
        try:
            c = st.remove_correction(correction_id)
        except KeyError as exc:
            raise click.BadParameter(exc.args[0], param_hint="CORRECTION_ID") from None
        click.echo(f"mapper: removed correction {c.id}: {c.describe()}", err=True)
        if c.type == "alias":
            _reread(st, [c.alias])


@correct.command("export", short_help="Write the corrections to a CSV file.")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@store_opt()
def export_(file, store):
    """Write the corrections to FILE (default: corrections.csv beside the store).

    \b
    Example:
        mapper correct export                    # output/corrections.csv
    """
    from mapper.corrections import write_csv

    target = Path(file) if file else Path(store).with_name(CORRECTIONS_CSV)
    with _open(store) as st:
        corrections = st.corrections()
    write_csv(corrections, target)
    click.echo(f"mapper: wrote {len(corrections)} correction(s) to {target}", err=True)


@correct.command("import", short_help="Read corrections from a CSV file.")
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--replace", "replace_all", is_flag=True,
              help="Replace every stored correction with the file's (default: add the new ones).")
@store_opt(create=True)
def import_(file, replace_all, store):
    """Read corrections from FILE (default: corrections.csv beside the store).

    Columns: id, type (pin|reject|alias), place_id, place, party, date, article, action, alias,
    note, created. Every row is checked first; a bad row stops the import with its line number
    and nothing changes. Edit the file and import it with --replace to change corrections in bulk.

    \b
    Example:
        mapper correct import --replace          # after editing output/corrections.csv
    """
    from mapper.corrections import CorrectionsFormatError, read_csv

    source = Path(file) if file else Path(store).with_name(CORRECTIONS_CSV)
    with _open(store) as st:
        try:
            incoming = read_csv(source, st.gazetteer())
        except CorrectionsFormatError as exc:
            click.echo(f"mapper: {exc}", err=True)
            sys.exit(1)
        before = {c.alias for c in st.corrections() if c.type == "alias"}
        added = st.import_corrections(incoming, replace_all=replace_all)
        after = {c.alias for c in st.corrections() if c.type == "alias"}
        click.echo(f"mapper: {added} new correction(s) from {source}"
                   + (" (replacing the stored ones)" if replace_all else ""), err=True)
        if before ^ after:
            _reread(st, sorted(before ^ after))
