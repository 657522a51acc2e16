"""``mapper run INPUT... -o DIR``: extract, build the control timeline, write map and data files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import date_opt, gazetteer_opt, inputs_arg, jobs_opt


@click.command(short_help="Extract, build the timeline, write map.html, control.geojson, events.csv.")
@inputs_arg
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into (created when missing).")
@date_opt
@gazetteer_opt
@jobs_opt
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Extract on this machine, or on a Dask cluster (a local one of --jobs workers, one per core "
                   "unless --jobs is over 1; writes DIR/parquet/).")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: a running Dask scheduler, e.g. "
                                                      "tcp://10.0.0.5:8786, instead of a local cluster.")
def run(inputs, out_dir, date_override, gazetteer_files, jobs, engine, scheduler):
    """The main job: read INPUT articles and write DIR/map.html, DIR/control.geojson, DIR/events.csv.

    \b
    Example:
        mapper run mapper/samples -o output/
        mapper run corpus.jsonl -o output/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from gazetteer import load
    from mapper.articles import ReadError
    from mapper.export import control_geojson, events_csv, write_atomic
    from mapper.pipeline import extract as run_extract
    from mapper.render import control_map
    from mapper.timeline import ClaimRecord, build_timeline

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    gaz = load(user_files=gazetteer_files)
    if engine == "dask":
        from mapper.distributed import extract_dask

        try:
            items = extract_dask(inputs, gaz, out_dir, date_override, gazetteer_files, scheduler,
                                 jobs if jobs > 1 else None)
        except ImportError as exc:
            raise click.ClickException(str(exc)) from None
    else:
        items = run_extract(inputs, gaz, date_override, jobs=jobs, gazetteer_files=gazetteer_files)
    failures, rows, records, articles = 0, [], [], 0
    for item in items:
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
