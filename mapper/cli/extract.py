"""``mapper extract INPUT...``: articles -> publication dates, place mentions, control claims."""

from __future__ import annotations

import click

from .options import date_opt, gazetteer_opt, inputs_arg, json_opt


@click.command(short_help="Extract dates, places and claims from articles.")
@inputs_arg
@json_opt
@date_opt
@gazetteer_opt
def extract(inputs, as_json, date_override, gazetteer_files):
    """Read INPUT files or folders and print one record per article."""
    raise click.ClickException("not implemented yet")
