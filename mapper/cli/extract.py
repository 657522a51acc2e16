"""``mapper extract INPUT...``: articles -> publication dates, place mentions, control claims."""

from __future__ import annotations

import os
import sys

import click
import orjson

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
        _print_line(item)
    if skipped or partial:
        parts = [f"{skipped} input(s) or record(s) could not be read"] if skipped else []
        parts += [f"{partial} read despite problems"] if partial else []
        click.echo(f"mapper: {', '.join(parts)}; see the messages above", err=True)
        sys.exit(1)


def _print_line(line: str | tuple[bytes, ...]) -> None:
    """Print one output line: text as ``click.echo`` does, a JSON record's UTF-8 pieces as they are."""
    if isinstance(line, str):
        click.echo(line)
        return
    stdout = click.get_binary_stream("stdout")
    sys.stdout.flush()
    for piece in line:
        stdout.write(piece)
    stdout.write(b"\n")
    stdout.flush()


# The output line of one article; module-level so that worker processes can be handed them.
LIST_BATCH = 2000  # toponyms or events encoded at a time


def json_line(extracted) -> tuple[bytes, ...]:
    """The ``--json`` record of an article, as UTF-8 in pieces to write one after the other (raises if it
    cannot be written as UTF-8).

    Joined, the bytes of ``json_text(extracted.to_record())``, made without that text: a long article's
    record would be a text of two or four bytes a character, its lists of eighty thousand toponyms are
    encoded a batch at a time, never all dicts at once, and its pieces are never copied into one.
    """
    if len(extracted.mentions) + len(extracted.events) <= LIST_BATCH:
        return (orjson.dumps(extracted.to_record()),)
    head = orjson.dumps(extracted.to_record(lists=False))  # (its keys come first: the lists are added after it)
    return (head[:-1], b',"toponyms":', *_encoded_list(extracted.mentions),
            b',"events":', *_encoded_list(extracted.events), b"}")


def _encoded_list(items) -> list[bytes]:
    """``orjson.dumps([x.to_dict() for x in items])`` in pieces, a batch of items each."""
    pieces = [b"["]
    for i in range(0, len(items), LIST_BATCH):
        if i:
            pieces.append(b",")
        pieces.append(orjson.dumps([x.to_dict() for x in items[i:i + LIST_BATCH]])[1:-1])
    pieces.append(b"]")
    return pieces


def text_line(extracted) -> str:
    """The plain line of an article: source, date and how it was found, places."""
    from mapper.articles import display_name

    record = extracted.to_record()
    places = ", ".join(dict.fromkeys(t["name"] for t in record["toponyms"] if t["in_scope"]))
    source = display_name(record["source"])  # no control characters on a terminal
    line = f"{source}\t{record['published'] or '?'} ({record['published_from']})\t{places}"
    line.encode("utf-8")
    return line
