"""``mapper events``: the control claims in the store, as a table."""

from __future__ import annotations

import click

from .options import emit, filter_opts, format_opt, store_opt

# Every field, for --csv (JSON lines carry the same keys).
COLUMNS = ["claim_id", "article", "place", "place_id", "party", "actor", "action", "date", "date_precision", "quote",
           "confidence", "lat", "lon", "hedge", "date_phrase", "date_start", "extent", "rejected", "kind", "admin1",
           "country", "source", "title", "published"]
PLAIN = ["claim_id", "date", "place", "admin1", "party", "action", "confidence", "rejected", "quote"]


@click.command(short_help="List the control claims in the store.")
@store_opt()
@filter_opts
@click.option("--hide-rejected", is_flag=True, help="Leave out claims rejected with mapper correct reject.")
@format_opt
def events(store, filters, hide_rejected, fmt):
    """Print every control claim in the store, in ingest order.

    Each claim has the fields of the events of `mapper extract --json` plus `article`, and
    `claim_id` (what `mapper correct reject` takes), `rejected`, the place's `kind`, `admin1`
    and `country`, and the article's `source`, `title` and `published` date. Filters select by
    the claim's party, place, governorate and date.

    \b
    Examples:
        mapper events --place Tikrit --since 2014-06-01 --until 2014-06-30
        mapper events --store output/store.sqlite --json | jq .quote
    """
    from mapper.api import event_rows
    from mapper.store import Store

    with Store(store, read_only=True) as st:
        rows = event_rows(st, filters, include_rejected=not hide_rejected)
    emit(rows, fmt, COLUMNS, PLAIN)
