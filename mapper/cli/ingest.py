"""``mapper ingest INPUT...``: add articles to the store (the same article twice adds nothing)."""

from __future__ import annotations

import sys

import click

from .options import date_opt, gazetteer_opt, inputs_arg, json_opt, json_text, progress, store_opt


@click.command(short_help="Add articles to the store (the same article twice adds nothing).")
@inputs_arg
@store_opt(create=True)
@date_opt
@gazetteer_opt
@json_opt
def ingest(inputs, store, date_override, gazetteer_files, as_json):
    """Read INPUT files or folders and add their articles, place mentions and claims to the store.

    Articles are keyed by a hash of their normalised text: one already in the store (or twice in
    INPUT) is skipped before extraction, so ingesting a growing folder every day only reads
    what is new. Each article is committed with its claims in one transaction: an interrupted
    ingest leaves every article either complete or absent. Undated articles are dated against
    the events of the store as well as of the batch.

    Unreadable inputs are named on stderr and the rest are stored; the exit status is then 1.
    With --json a summary object is printed on stdout.

    \b
    Example:
        mapper ingest today/ --store output/store.sqlite
        mapper run --store output/store.sqlite -o output/
    """
    from mapper.articles import ReadError
    from mapper.store import IngestReport, Store

    report = IngestReport()
    with Store(store) as st:
        gaz = st.gazetteer(gazetteer_files)
        with progress(st.ingest_iter(inputs, gaz, date_override, report), "Ingesting") as items:
            for item in items:
                if isinstance(item, ReadError):
                    click.echo(f"mapper: {item}", err=True)
        total = st.counts()["articles"]
    redated = f"; {report.redated} dated again against the whole store" if report.redated else ""
    click.echo(f"mapper: {report.added} new article(s) with {report.claims} claim(s), {report.duplicates} already "
               f"stored, {len(report.errors)} unreadable; {total} article(s) in {store}{redated}", err=True)
    if as_json:
        click.echo(json_text({"store": str(store), "added": report.added, "claims": report.claims,
                               "duplicates": report.duplicates, "unreadable": len(report.errors),
                               "articles": total, "redated": report.redated}))
    if report.errors:
        sys.exit(1)
