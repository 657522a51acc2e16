"""The ``mapper`` click group: verbosity, version, and the commands."""

from __future__ import annotations

import logging

import click

from .. import __version__
from .correct import correct
from .events import events
from .explain import explain
from .export_cmd import export
from .extract import extract
from .gazetteer_cmd import gazetteer
from .ingest import ingest
from .places import places
from .resolve import resolve
from .run import run
from .timeline_cmd import timeline


class _Group(click.Group):
    """The command group: a damaged store is one clear line and exit status 2, never a traceback."""

    def invoke(self, ctx):
        import sqlite3

        from mapper.store import StoreError

        try:
            return super().invoke(ctx)
        except (sqlite3.DatabaseError, StoreError) as exc:
            raise StoreProblem(f"the store could not be read or written: {exc}. What was committed before stays; "
                               "for a damaged store run `sqlite3 <store file> \".recover\"` to save what can be read, "
                               "or ingest the articles again into a new store") from None


class StoreProblem(click.ClickException):
    exit_code = 2


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More messages on stderr (repeatable).")
@click.option("-q", "--quiet", count=True, help="Fewer messages on stderr (repeatable).")
@click.version_option(__version__, prog_name="mapper")
@click.pass_context
def cli(ctx, verbose, quiet):
    """Map who holds which town, since when, according to whom, from news articles.

    Machine-readable output goes to stdout; progress and warnings to stderr.

    \b
    Examples:
        mapper run mapper/samples -o output/                # articles in, map out
    \b
    Every day: add articles to the store, correct a call, redraw:
        mapper ingest today/
        mapper correct pin Tikrit government --on 2014-06-28 --note "AP photos"
        mapper run --store output/store.sqlite -o output/
    """
    level = max(logging.DEBUG, logging.WARNING - 10 * verbose + 10 * quiet)
    logging.basicConfig(level=level, format="mapper: %(levelname)s: %(message)s")
    ctx.ensure_object(dict)


cli.add_command(resolve)
cli.add_command(extract)
cli.add_command(explain)
cli.add_command(gazetteer)
cli.add_command(run)
cli.add_command(ingest)
cli.add_command(places)
cli.add_command(events)
cli.add_command(timeline)
cli.add_command(export)
cli.add_command(correct)
