"""``mapper run INPUT... -o DIR``: extract, build the control timeline, write map and data files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import date_opt, gazetteer_opt, optional_inputs_arg, store_opt


@click.command(short_help="Extract, build the timeline, write map.html, control.geojson, events.csv.")
@optional_inputs_arg
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into (created when missing).")
@date_opt
@gazetteer_opt
@store_opt(default=None, help="Draw from this store (see mapper ingest), corrections applied, instead of INPUT.")
def run(inputs, out_dir, date_override, gazetteer_files, store):
    """The main job: read INPUT articles and write DIR/map.html, DIR/control.geojson, DIR/events.csv.

    \b
    Example:
        mapper run mapper/samples -o output/
        mapper run --store output/store.sqlite -o output/
    """
    from gazetteer import load
    from mapper.articles import ReadError
    from mapper.export import control_geojson, events_csv, write_atomic
    from mapper.pipeline import extract as run_extract
    from mapper.render import control_map
    from mapper.store import extracted_from
    from mapper.timeline import ClaimRecord, build_timeline

    if bool(inputs) == bool(store):
        raise click.UsageError("give INPUT files or --store PATH")
    gaz = load(user_files=gazetteer_files)
    failures, rows, records, articles = 0, [], [], 0
    for item in extracted_from(store) if store else run_extract(inputs, gaz, date_override):
        if isinstance(item, ReadError):
            failures += 1
            click.echo(f"mapper: {item}", err=True)
            continue
        articles += 1
        for claim in item.events:
            kind = gaz.get(claim.place_id).kind if claim.place_id in gaz else ""
            records.append(ClaimRecord(claim, item.article.id, item.published, kind))
            rows.append({"article": item.article.id, **claim.to_dict()})
    intervals = build_timeline(records)
    out = Path(out_dir)
    write_atomic(out / "control.geojson", control_geojson(intervals))
    write_atomic(out / "events.csv", events_csv(rows))
    write_atomic(out / "map.html", control_map(intervals, gaz).get_root().render())
    click.echo(f"mapper: {articles} article(s), {len(rows)} event(s), {len(intervals)} interval(s) -> {out}/",
               err=True)
    if failures:
        click.echo(f"mapper: {failures} input(s) could not be read", err=True)
        sys.exit(1)
