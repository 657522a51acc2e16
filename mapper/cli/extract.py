"""``mapper extract INPUT...``: articles -> publication dates, place mentions, control claims."""

from __future__ import annotations

import os
import sys

import click

from .options import date_opt, gazetteer_opt, inputs_arg, jobs_opt, json_opt, json_text


@click.command(short_help="Extract dates, places and claims from articles.")
@inputs_arg
@json_opt
@date_opt
@gazetteer_opt
@jobs_opt
def extract(inputs, as_json, date_override, gazetteer_files, jobs):
    """Read INPUT files or folders and print one record per article, in input order.

    INPUT is a file or folder of .txt, .md, .html/.htm and .jsonl articles. Unreadable
    inputs are reported on stderr (file, line and problem) and the rest are processed;
    the exit status is then 1. Inputs the reader could repair (a truncated last
    character, lines in another encoding, a bad title) are processed and reported too.

    \b
    Example:
        mapper extract mapper/samples --json > articles.jsonl
    """
    from gazetteer import load
    from mapper.articles import ReadError
    from mapper.pipeline import extract as run_extract

    # With several jobs the workers load the gazetteer themselves, while this process reads ahead.
    gaz = load(user_files=gazetteer_files) if (jobs or os.cpu_count() or 1) == 1 else None
    skipped = partial = 0
    lines = run_extract(inputs, gaz, date_override, jobs=jobs, gazetteer_files=gazetteer_files,
                        finish=json_line if as_json else text_line)
    for item in lines:
        if isinstance(item, ReadError):
            if item.recovered:
                partial += 1
            else:
                skipped += 1
            click.echo(f"mapper: {item}", err=True)
            continue
        click.echo(item)
    if skipped or partial:
        parts = [f"{skipped} input(s) or record(s) could not be read"] if skipped else []
        parts += [f"{partial} read despite problems"] if partial else []
        click.echo(f"mapper: {', '.join(parts)}; see the messages above", err=True)
        sys.exit(1)


# The output line of one article; module-level so that worker processes can be handed them.
def json_line(extracted) -> str:
    """The ``--json`` record of an article (raises if it cannot be written as UTF-8)."""
    return json_text(extracted.to_record())


def text_line(extracted) -> str:
    """The plain line of an article: source, date and how it was found, places."""
    from mapper.articles import display_name

    record = extracted.to_record()
    places = ", ".join(dict.fromkeys(t["name"] for t in record["toponyms"] if t["in_scope"]))
    source = display_name(record["source"])  # no control characters on a terminal
    line = f"{source}\t{record['published'] or '?'} ({record['published_from']})\t{places}"
    line.encode("utf-8")
    return line
