"""``mapper run INPUT... -o DIR``: extract, build the control timeline, write map and data files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import date_opt, gazetteer_opt, jobs_opt, optional_inputs_arg, store_opt

UNDATED_NAMED = 10  # undated articles named in the run's summary


@click.command(short_help="Extract, build the timeline, write map.html, control.geojson, events.csv.")
@optional_inputs_arg
@click.option("-o", "--output", "out_dir", default="output", show_default=True, type=click.Path(file_okay=False),
              help="Folder to write into (created when missing).")
@date_opt
@gazetteer_opt
@jobs_opt
@click.option("--offline/--cdn", default=True, show_default=True,
              help="--offline (the default) inlines Leaflet and every script and style into map.html: it works with "
                   "no network and tells no server who opens it. --cdn loads them from their CDNs instead (a "
                   "smaller file that needs the network).")
@click.option("--tiles/--no-tiles", default=True, show_default=True,
              help="Offer an OpenStreetMap tile layer (loaded only if the reader picks it).")
@click.option("--zone-km", type=click.FloatRange(min=0), default=None, metavar="KM",
              help="Reach of the estimated zones around each place (default 30; 0 for none).")
@click.option("--advance-km", type=click.FloatRange(min=0), default=None, metavar="KM",
              help="Farthest apart two captures by one side, at most 10 days apart, may be to be drawn as an "
                   "advance from the first to the second (default 80).")
@click.option("--stale-days", type=click.IntRange(min=0), default=None, metavar="DAYS",
              help="Draw a place faded, 'not reported since ...', and leave it out of the legend's counts when no "
                   "article has reported its control for this many days (default 90; 0: never).")
@click.option("--title", default=None, help="Title shown on the map (default: the dates covered).")
@store_opt(default=None, help="Draw from this store (see mapper ingest), corrections applied, instead of INPUT.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Extract on this machine, or on a Dask cluster (a local one of --jobs workers, one per core "
                   "unless --jobs is over 1; writes DIR/parquet/).")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: a running Dask scheduler, e.g. "
                                                      "tcp://10.0.0.5:8786, instead of a local cluster.")
def run(inputs, out_dir, date_override, gazetteer_files, jobs, offline, tiles, zone_km, advance_km, stale_days,
        title,
        store, engine, scheduler):
    """The main job: read INPUT articles and write DIR/map.html, DIR/control.geojson, DIR/events.csv.

    \b
    Example:
        mapper run mapper/samples -o output/
        mapper run mapper/samples -o output/ --cdn
        mapper run --store output/store.sqlite -o output/
        mapper run corpus.jsonl -o output/ --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from gazetteer import load
    from mapper.export import AtomicFile
    from mapper.render.collect import collect_streamed
    from mapper.store import extracted_from

    if bool(inputs) == bool(store):
        raise click.UsageError("give INPUT files or --store PATH")
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    if store and engine == "dask":
        raise click.UsageError("--engine dask reads INPUT files, not a --store")
    gaz = load(user_files=gazetteer_files)
    items = extracted_from(store) if store else None
    if engine == "dask":
        from mapper.distributed import extract_dask

        try:
            items = extract_dask(inputs, gaz, out_dir, date_override, gazetteer_files, scheduler,
                                 jobs if jobs > 1 else None)
        except ImportError as exc:
            raise click.ClickException(str(exc)) from None
    options = {"offline": offline, "tiles": tiles, "title": title}
    if zone_km is not None:
        options["zone_km"] = zone_km
    if advance_km is not None:
        options["advance_km"] = advance_km
    if stale_days is not None:
        options["stale_days"] = stale_days
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from mapper.export import remove_leftovers

    for name in remove_leftovers(out):  # what killed runs left there
        click.echo(f"mapper: removed {name}, left in {out}/ by a run that did not finish", err=True)
    # events.csv is written while articles are read, control.geojson while the timeline is merged
    # place by place, map.html last; the three replace the old ones together at the end.  An error (or a kill)
    # while reading, merging or drawing leaves all three as they were.
    with AtomicFile(out / "events.csv", root=out) as events_file, collect_streamed(
            inputs, events_file, gaz, date_override, on_error=lambda err: click.echo(f"mapper: {err}", err=True),
            jobs=jobs, gazetteer_files=gazetteer_files, items=items, spill_dir=out) as got:
        if got.failures and not got.read:
            # (a mistyped folder must not replace a good map with an empty one: nothing is written)
            raise click.ClickException(f"no article could be read ({len(got.failures)} input(s) failed); the "
                                       f"outputs in {out}/ are left as they were")
        with AtomicFile(out / "control.geojson", root=out) as geojson_file, \
                AtomicFile(out / "map.html", root=out) as map_file:
            page = got.draw(geojson_file, gaz, **options)
            for chunk in page.html_chunks():
                map_file.write(chunk)
            # All three are written in full before any replaces its old file; then they are renamed one after
            # another, with no work in between (a run killed before this point leaves the old set as it was).
            events_file.commit()
            geojson_file.commit()
            map_file.commit()
    click.echo(f"mapper: {got.read} article(s), {got.events} event(s), {got.intervals} interval(s)"
               f" -> {out}/", err=True)
    if got.unplaced:
        click.echo(f"mapper: {got.unplaced} interval(s) of places the gazetteer lacks (named by the text as a "
                   "village or quarter) are in events.csv with no point, not drawn",
                   err=True)
    if got.undated:
        from mapper.articles import display_name

        names = ", ".join(display_name(source) for source in got.undated[:UNDATED_NAMED])
        more = f" and {len(got.undated) - UNDATED_NAMED} more" if len(got.undated) > UNDATED_NAMED else ""
        click.echo(f"mapper: {len(got.undated)} article(s) could not be dated (their claims are kept, undated "
                   f"unless their own words date them; see `mapper explain`): {names}{more}", err=True)
    if got.undated_claims:
        click.echo(f"mapper: {len(got.undated_claims)} claim(s) could not be placed in time: listed on the map as "
                   "undated reports, and in events.csv", err=True)
    if got.failures:
        click.echo(f"mapper: {len(got.failures)} input(s) could not be read", err=True)
        sys.exit(1)
