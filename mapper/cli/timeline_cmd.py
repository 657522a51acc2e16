"""``mapper timeline``: intervals of unchanged control, or the control in force on one day."""

from __future__ import annotations

import click

from .options import emit, filter_opts, format_opt, parse_date, store_opt

COLUMNS = ["place", "place_id", "kind", "admin1", "party", "valid_from", "valid_to", "confidence", "sources",
           "conflicting_sources", "first_reported", "pinned", "lat", "lon"]
PLAIN = ["place", "kind", "admin1", "party", "valid_from", "valid_to", "confidence", "pinned", "sources"]


@click.command(short_help="Show who held each place, and since when.")
@store_opt()
@click.option("--on", "on", callback=parse_date, metavar="YYYY-MM-DD",
              help="Only the control in force on this day.")
@filter_opts
@format_opt
def timeline(store, on, filters, fmt):
    """Print the control timeline built from the store, corrections applied.

    One row per place and interval of unchanged control (the features of control.geojson):
    party, valid_from, valid_to (empty while current), confidence, supporting and conflicting
    articles, and `pinned` when an analyst's pin decides it. --since/--until keep intervals
    that overlap the range.

    \b
    Examples:
        mapper timeline --on 2014-06-20
        mapper timeline --place "Mosul Dam" --json
    """
    from mapper.api import interval_rows
    from mapper.store import Store

    with Store(store, read_only=True) as st:
        rows = interval_rows(st, filters, on)
    emit(rows, fmt, COLUMNS, PLAIN)
