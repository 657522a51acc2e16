"""``mapper resolve NAME``: the best gazetteer match for a place name."""

from __future__ import annotations

import sys

import click

from .options import gazetteer_opt, json_opt, json_text


@click.command(short_help="Resolve a place name against the gazetteer.")
@click.argument("name")
@click.option("--limit", default=5, show_default=True, help="Number of candidates to consider.")
@json_opt
@gazetteer_opt
def resolve(name, limit, as_json, gazetteer_files):
    """Resolve NAME to a place in the gazetteer, with its score and alternatives.

    Exits with status 1 (and suggestions) when nothing matches.

    \b
    Example:
        mapper resolve Telafer --json
    """
    from gazetteer import load

    gaz = load(user_files=gazetteer_files)
    matches = gaz.resolve(name, limit=limit)
    if not matches:
        suggestions = gaz.suggest(name)
        if as_json:
            click.echo(json_text({"query": name, "match": None, "suggestions": suggestions}))
        else:
            hint = f" (did you mean: {', '.join(suggestions)}?)" if suggestions else ""
            click.echo(f"mapper: no place matches {name!r}{hint}", err=True)
        sys.exit(1)
    best, *others = matches
    record = {"query": name, **best.to_dict(), "alternatives": [m.to_dict() for m in others]}
    if as_json:
        click.echo(json_text(record))
        return
    p = best.place
    click.echo(f"{p.name} ({p.kind}, {p.admin1 or p.country}) {p.lat:.5f},{p.lon:.5f}  score {best.score:.3f}")
    for m in others:
        q = m.place
        click.echo(f"  or {q.name} ({q.kind}, {q.admin1 or q.country}) {q.lat:.5f},{q.lon:.5f}  score {m.score:.3f}")
