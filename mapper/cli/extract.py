"""``mapper extract INPUT...``: articles -> publication dates, place mentions, control claims."""

from __future__ import annotations

import json
import sys

import click

from .options import date_opt, gazetteer_opt, inputs_arg, jobs_opt, json_opt


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
    the exit status is then 1.

    \b
    Example:
        mapper extract mapper/samples --json > articles.jsonl
    """
    from gazetteer import load
    from mapper.articles import ReadError
    from mapper.pipeline import extract as run_extract

    gaz = load(user_files=gazetteer_files)
    failures = 0
    for item in run_extract(inputs, gaz, date_override, jobs=jobs, gazetteer_files=gazetteer_files):
        if isinstance(item, ReadError):
            failures += 1
            click.echo(f"mapper: {item}", err=True)
            continue
        record = item.to_record()
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            places = ", ".join(dict.fromkeys(t["name"] for t in record["toponyms"] if t["in_scope"]))
            click.echo(f"{record['source']}\t{record['published'] or '?'} ({record['published_from']})\t{places}")
    if failures:
        click.echo(f"mapper: {failures} input(s) could not be read", err=True)
        sys.exit(1)
