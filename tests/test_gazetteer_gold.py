"""No Iraqi place of the shared gold (seeds and development set) is read as a place abroad.

The texts and the gold stay in ../shared (skipped when it is absent); nothing from them is copied here.
"""

import json
from pathlib import Path

import pytest

from mapper.articles import article_from_text
from mapper.places import find_mentions

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = [("seeds", SHARED / "seeds", SHARED / "gold" / "seeds_gold.json"),
           ("dev", SHARED / "dev", SHARED / "gold" / "dev_gold.json")]
NOT_PLACES_IN_IRAQ = {"country"}  # "Iraq" itself is neutral in the gold


def _articles():
    out = []
    for corpus, folder, gold_path in CORPORA:
        if not (folder.is_dir() and gold_path.is_file()):
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out += [(corpus, name, folder / name, entry) for name, entry in gold.items() if (folder / name).is_file()]
    return out


ARTICLES = _articles()


@pytest.mark.skipif(not ARTICLES, reason="shared gold not present")
@pytest.mark.parametrize("corpus, name, path, entry", ARTICLES, ids=[f"{a[0]}/{a[1]}" for a in ARTICLES])
def test_no_gold_iraqi_place_resolves_abroad(gaz, corpus, name, path, entry):
    article = article_from_text(path.read_text(encoding="utf-8"), path.name)
    mentions = find_mentions(article.text, gaz, article.body_spans())
    abroad = []
    for toponym in entry["toponyms"]:
        if toponym["kind"] in NOT_PLACES_IN_IRAQ:
            continue
        for span in toponym["mentions"]:
            for m in mentions:
                if m.start < span["end"] and span["start"] < m.end and m.country != "IQ":
                    abroad.append((toponym["surface"], m.name, m.country))
    assert not abroad, abroad
