"""Options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt

import click

# --date is a publication date: years outside this range are typing mistakes.
MIN_YEAR, MAX_YEAR = 1900, 2100

json_opt = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout.")


def _parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        raise click.BadParameter(f"{value!r} is out of range: a publication date between {MIN_YEAR} and {MAX_YEAR}")
    return date


date_opt = click.option(
    "--date",
    "date_override",
    callback=_parse_date,
    metavar="YYYY-MM-DD",
    help="Override the publication date of every input.",
)

inputs_arg = click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))

gazetteer_opt = click.option(
    "--gazetteer",
    "gazetteer_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra gazetteer entry or alias CSV (repeatable).",
)

jobs_opt = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="Worker processes for extraction (0: one per core).",
)
