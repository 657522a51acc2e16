"""Options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt

import click
import orjson

# --date is a publication date: years outside this range are typing mistakes.
MIN_YEAR, MAX_YEAR = 1900, 2100

json_opt = click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout.")


def json_text(value) -> str:
    """``value`` as one line of compact UTF-8 JSON, as every ``--json`` output prints it.

    orjson, not the standard library: encoding an article's record was a tenth of ``extract``'s time.
    Raises ``TypeError`` (orjson.JSONEncodeError) for what cannot be written as UTF-8 JSON, such as
    lone surrogates, so a record is never half printed.
    """
    return orjson.dumps(value).decode("utf-8")


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


parse_date = _parse_date  # click callback for commands' own YYYY-MM-DD options

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
# -- the store ------------------------------------------------------------------------------------------
# The same path as mapper.store.DEFAULT_STORE, spelled out so that `mapper --help` does not import the pipeline.
DEFAULT_STORE = "output/store.sqlite"
STORE_ENVVAR = "MAPPER_STORE"


def store_opt(create: bool = False, default: str | None = DEFAULT_STORE, help: str | None = None):
    """The ``--store PATH`` option.

    Parameters
    ----------
    create : bool
        The command creates a missing store (``ingest``, ``correct``); otherwise a missing
        store is a usage error.
    default : str or None
        Default path (also read from ``$MAPPER_STORE``); None makes the option optional with
        no default (``run``, where no ``--store`` means "read INPUT files").
    help : str, optional
        The option's help text.
    """

    def check(ctx, param, value):
        if value is None:
            return None
        from pathlib import Path

        from mapper.store import Store, StoreError

        path = Path(value)
        if not path.exists() and create:
            return path
        try:
            # (a command that only reads opens the store read-only: it never creates or changes one)
            Store(path, create=True).close() if create else Store(path, read_only=True).close()
        except StoreError as exc:
            raise click.BadParameter(str(exc)) from None
        return path

    return click.option(
        "--store", "store", default=default, envvar=STORE_ENVVAR if default else None,
        show_default=bool(default), show_envvar=bool(default), callback=check, metavar="PATH",
        type=click.Path(dir_okay=False),
        help=help or ("The store file (created when missing)." if create else "The store file."))


optional_inputs_arg = click.argument("inputs", nargs=-1, type=click.Path(path_type=str))


# -- table output ----------------------------------------------------------------------------------------
def format_opt(func):
    """``--json`` / ``--csv``: the table as JSON lines or CSV for pipes (default: aligned text for people)."""
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV (with a header row) on stdout.")(func)
    return click.option("--json", "fmt", flag_value="json", help="JSON lines on stdout.")(func)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    return str(value)


def emit(rows: list[dict], fmt: str | None, columns: list[str], plain: list[str] | None = None) -> None:
    """Print rows on stdout: JSON lines, CSV (``columns``), or an aligned table (``plain`` columns)."""
    import csv
    import sys

    out = sys.stdout
    if fmt == "json":
        for row in rows:
            out.write(json_text(row) + "\n")
    elif fmt == "csv":
        from mapper.export import safe_cell

        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([safe_cell(_text(row.get(c))) for c in columns] for row in rows)
    else:
        out.write(plain_table(rows, plain or columns))


def plain_table(rows: list[dict], columns: list[str], width: int | None = None) -> str:
    """An aligned text table; long cells are cut with an ellipsis so a row fits the terminal."""
    import shutil

    if not rows:
        return "(no rows)\n"
    width = width or shutil.get_terminal_size((160, 24)).columns
    cells = [[" ".join(_text(row.get(c)).split()) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    # Shrink the widest column until the row fits (never below its header or 8 characters).
    while sum(widths) + 2 * (len(widths) - 1) > width:
        i = max(range(len(widths)), key=widths.__getitem__)
        floor = max(len(columns[i]), 8)
        if widths[i] <= floor:
            break
        widths[i] -= 1

    def line(values):
        cut = [v if len(v) <= w else v[:w - 1] + "…" for v, w in zip(values, widths)]
        return "  ".join(v.ljust(w) for v, w in zip(cut, widths)).rstrip()

    return "\n".join([line(columns), *(line(r) for r in cells)]) + "\n"


# -- filters -----------------------------------------------------------------------------------------------
def _parse_parties(ctx, param, values):
    """``--party`` words as party ids; an unknown word is a usage error (exit 2) with suggestions."""
    from mapper.corrections import party_id

    try:
        return tuple(party_id(v) for v in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def _filter_options():
    return [
        click.option("--party", "parties", multiple=True, metavar="PARTY", callback=_parse_parties,
                     help="Only this party (repeatable): isis, government, kurdish, contested, ..., or any word "
                          "parties.toml lists for one (peshmerga, Daesh, army)."),
        click.option("--place", "places", multiple=True, metavar="PLACE",
                     help="Only this place, by id or any spelling (repeatable)."),
        click.option("--admin1", "admin1", multiple=True, metavar="GOVERNORATE",
                     help="Only places in this governorate, by any spelling (repeatable)."),
        click.option("--since", callback=_parse_date, metavar="YYYY-MM-DD", help="From this date on."),
        click.option("--until", callback=_parse_date, metavar="YYYY-MM-DD", help="Up to this date."),
    ]


def filter_opts(func):
    """``--party``, ``--place``, ``--admin1``, ``--since``, ``--until``, passed on as one ``filters`` argument."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, parties, places, admin1, since, until, **kwargs):
        from mapper.api import Filters

        if since and until and since > until:
            raise click.BadParameter(f"--since {since} is after --until {until}", param_hint="--since/--until")
        return func(*args, filters=Filters(tuple(parties), tuple(places), tuple(admin1), since, until), **kwargs)

    for option in reversed(_filter_options()):
        wrapper = option(wrapper)
    return wrapper


# -- progress ----------------------------------------------------------------------------------------------
def progress(iterable, label: str, length: int | None = None):
    """A click progress bar on stderr, or the bare iterable when stderr is not a terminal (logs, pipes).

    Use as a context manager: ``with progress(items, "Ingesting") as bar: for item in bar: ...``.
    """
    import contextlib
    import sys

    if not sys.stderr.isatty():
        return contextlib.nullcontext(iterable)
    return click.progressbar(iterable, length=length, label=label, file=sys.stderr, show_pos=True,
                             show_percent=length is not None)
