"""``mapper places``: the places the stored articles name, with who holds them."""

from __future__ import annotations

import click

from .options import emit, filter_opts, format_opt, store_opt

COLUMNS = ["place_id", "place", "kind", "admin1", "lat", "lon", "mentions", "articles", "claims", "party", "since",
           "confidence", "pinned"]
PLAIN = ["place", "kind", "admin1", "mentions", "articles", "claims", "party", "since", "confidence", "pinned",
         "place_id"]


@click.command(short_help="List the places in the store and who holds them.")
@store_opt()
@filter_opts
@format_opt
def places(store, filters, fmt):
    """Print each place in the mapped area that stored articles name or make claims about.

    Counts are of mentions (by the article's publication date) and of claims that are not
    rejected (by their date) in the --since/--until range. `party` and `since` are the control
    in force at --until (default: the latest), corrections applied; --party selects on it.

    \b
    Examples:
        mapper places --admin1 Anbar
        mapper places --party isis --until 2014-06-30 --csv > held.csv
    """
    from mapper.api import place_rows
    from mapper.store import Store

    with Store(store, read_only=True) as st:
        rows = place_rows(st, filters)
    emit(rows, fmt, COLUMNS, PLAIN)
