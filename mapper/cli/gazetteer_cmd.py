"""``mapper gazetteer ...``: extend the gazetteer without code."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click


@click.group(short_help="Inspect and extend the gazetteer.")
def gazetteer():
    """Inspect and extend the gazetteer."""


def _table_name(value: str | None) -> str | None:
    """A table name that stays inside the user gazetteer folder: no folder, no "..", nothing hidden."""
    if value is None:
        return None
    if not re.fullmatch(r"[\w][\w.-]{0,99}", value) or ".." in value:
        raise click.BadParameter(f"{value!r} is not a table name: use letters, digits, '-', '_' and '.' only "
                                 "(no folder)", param_hint="--name")
    return value


@gazetteer.command("import", short_help="Import a GeoNames country dump.")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--country", "countries", multiple=True, help="Keep only these ISO codes (repeatable).")
@click.option("--name", default=None, callback=lambda ctx, param, value: _table_name(value),
              help="Name of the imported table (letters, digits, '-', '_', '.'; default: the dump's file name).")
def import_dump(dump, countries, name):
    """Import a GeoNames dump (the 19-column IQ.txt format) into the user gazetteer.

    The rows are validated first: a malformed line stops the import with its line
    number and nothing is written.

    \b
    Example:
        mapper gazetteer import IQ.txt
    """
    from gazetteer import GazetteerFormatError, user_dir
    from gazetteer.sources import read_geonames_dump, write_places_tsv

    try:
        places = list(read_geonames_dump(dump, set(countries) or None))
    except GazetteerFormatError as exc:
        click.echo(f"mapper: {exc}", err=True)
        sys.exit(1)
    except UnicodeDecodeError as exc:
        click.echo(f"mapper: {dump}: not UTF-8 text ({exc.reason})", err=True)
        sys.exit(1)
    target = user_dir() / f"{name or _table_name(_safe_stem(Path(dump).stem))}.tsv"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tsv.tmp")
    count = write_places_tsv(places, tmp)
    tmp.replace(target)
    click.echo(f"imported {count} places from {dump} into {target}", err=True)


def _safe_stem(stem: str) -> str:
    """A dump's file name as a table name (other characters replaced by '_')."""
    return re.sub(r"[^\w.-]", "_", stem).lstrip(".-")[:100] or "import"  # (always a valid _table_name)


@gazetteer.command("stats", short_help="Counts of entries by kind and country.")
def stats():
    """Print how many entries the gazetteer holds, by kind and by country."""
    from collections import Counter

    from gazetteer import load

    gaz = load()
    click.echo(f"{len(gaz)} entries")
    for label, counter in (("kind", Counter(p.kind for p in gaz)), ("country", Counter(p.country for p in gaz))):
        click.echo(f"by {label}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common(12)))
