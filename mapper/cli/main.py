"""The ``mapper`` click group: verbosity, version, and the commands."""

from __future__ import annotations

import logging

import click

from .. import __version__
from .extract import extract
from .gazetteer_cmd import gazetteer
from .resolve import resolve
from .run import run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More messages on stderr (repeatable).")
@click.option("-q", "--quiet", count=True, help="Fewer messages on stderr (repeatable).")
@click.version_option(__version__, prog_name="mapper")
@click.pass_context
def cli(ctx, verbose, quiet):
    """Map who holds which town, since when, according to whom, from news articles.

    Machine-readable output goes to stdout; progress and warnings to stderr.
    """
    level = max(logging.DEBUG, logging.WARNING - 10 * verbose + 10 * quiet)
    logging.basicConfig(level=level, format="mapper: %(levelname)s: %(message)s")
    ctx.ensure_object(dict)


cli.add_command(resolve)
cli.add_command(extract)
cli.add_command(gazetteer)
cli.add_command(run)
