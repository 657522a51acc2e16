"""``mapper export``: the store's events, control and places as GeoJSON, GeoPackage, CSV or Parquet."""

from __future__ import annotations

from pathlib import Path

import click

from .options import filter_opts, progress, store_opt

FORMATS = ["geojson", "gpkg", "csv", "parquet"]
LAYERS = ["events", "control", "places"]


@click.command("export", short_help="Write events, control and places for QGIS, pandas or spreadsheets.")
@store_opt()
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="File format (default: from the -o suffix).")
@click.option("--layer", "layers", multiple=True, type=click.Choice(LAYERS),
              help="What to write (repeatable for gpkg; default: all for gpkg, events otherwise).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="File to write (default: export/<layer>.<format> beside the store).")
@filter_opts
def export(store, fmt, layers, output, filters):
    """Write the store's events, control intervals and places to a file, corrections applied.

    \b
    events:  one point per claim, rejections left out, with ACLED-like columns: event_id_cnty,
             event_date, year, time_precision (1 day, 2 range, 3 month), disorder_type,
             event_type, sub_event_type, actor1, actor2, country, admin1, location, latitude,
             longitude, geo_precision (1 town, 2 district, 3 governorate), source, notes;
             then place_id, party, action, confidence, hedge, article, title, published
    control: one point per place and interval of unchanged control (as control.geojson)
    places:  one point per place, with counts and the latest control

    GeoPackage holds several layers; GeoJSON (RFC 7946), CSV (latitude/longitude columns,
    UTF-8 with BOM) and Parquet (GeoParquet) hold one. The file is replaced atomically.

    \b
    Examples:
        mapper export --format gpkg -o output/iraq-2014.gpkg
        mapper export --format csv --since 2014-06-01 --until 2014-06-30 -o june.csv
        mapper export --format geojson --layer control --admin1 Nineveh
    """
    from mapper.api import export as write
    from mapper.store import Store

    if not fmt and not output:
        raise click.UsageError("give --format or an -o file with a known suffix (.geojson, .gpkg, .csv, .parquet)")
    fmt = fmt or Path(output).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise click.BadParameter(f"cannot tell the format of {output!r}; add --format", param_hint="-o")
    if fmt != "gpkg" and len(layers) > 1:
        raise click.BadParameter(f"{fmt} holds one layer; give --layer once", param_hint="--layer")
    if output is None:
        name = layers[0] if len(layers) == 1 else ("territory" if fmt == "gpkg" else "events")
        output = Path(store).parent / "export" / f"{name}.{fmt}"
    with Store(store, read_only=True) as st:
        written = write(st, output, fmt, layers or None, filters, progress=_bar)
    click.echo(f"mapper: wrote {', '.join(written)} to {output}", err=True)


def _bar(layers):
    """Iterate over the layers behind a progress bar (on a terminal)."""
    with progress(layers, "Exporting", length=len(layers)) as bar:
        yield from bar
