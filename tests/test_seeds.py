"""Score-like checks on the shared seed articles (skipped when they are not present).

The seed texts stay in ../shared; nothing from them is copied into the repository.
"""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli.main import cli

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds_gold.json"

pytestmark = pytest.mark.skipif(not (SEEDS.is_dir() and GOLD.is_file()), reason="shared seeds/gold not present")


@pytest.fixture(scope="module")
def gold():
    if not (SEEDS.is_dir() and GOLD.is_file()):
        pytest.skip("shared seeds/gold not present")
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records(gold):
    files = [str(SEEDS / name) for name in gold if (SEEDS / name).is_file()]
    if not files:
        pytest.skip("no seed files present")
    result = CliRunner().invoke(cli, ["extract", *files, "--json"])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(out) == len(files)
    return {Path(r["source"]).name: r for r in out}


def gold_mentions(entry):
    for toponym in entry["toponyms"]:
        if toponym["kind"] == "country":
            continue
        for m in toponym["mentions"]:
            if not m.get("in_org_name"):
                yield m["start"], m["end"], toponym["surface"]


def test_toponym_recall_per_seed(gold, records):
    report = {}
    for name, entry in gold.items():
        if name not in records:
            continue
        found = [(t["start"], t["end"]) for t in records[name]["toponyms"]]
        wanted = list(gold_mentions(entry))
        missed = [w for w in wanted if not any(s < w[1] and w[0] < e for s, e in found)]
        recall = 1 - len(missed) / len(wanted) if wanted else 1.0
        report[name] = (round(recall, 3), missed)
    low = {k: v for k, v in report.items() if v[0] < 0.9}
    assert not low, low


def test_spans_index_the_file_text(records):
    for name, record in records.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        for t in record["toponyms"]:
            assert text[t["start"]:t["end"]] == t["surface"], (name, t)


def test_publication_dates(gold, records):
    pairs = {k: (v["pub_date"], records[k]["published"]) for k, v in gold.items() if k in records}
    right = [k for k, (want, got) in pairs.items() if want == got]
    assert len(right) >= 4 * len(pairs) / 5, {k: v for k, v in pairs.items() if k not in right}


def test_foreign_places_not_in_scope(gold, records):
    offenders = []
    for name, entry in gold.items():
        if name not in records:
            continue
        spans = [(m["start"], m["end"]) for f in entry.get("foreign_places", []) for m in f.get("mentions", [])]
        for t in records[name]["toponyms"]:
            if t["in_scope"] and any(s < t["end"] and t["start"] < e for s, e in spans):
                offenders.append((name, t["surface"], t["name"]))
    assert not offenders, offenders


SCORER = SHARED / "tools" / "score.py"


@pytest.mark.skipif(not SCORER.is_file(), reason="shared scorer not present")
def test_shared_scorer_done_when_figures():
    """The issues' "Done when" figures, measured by the team's own scorer."""
    import os
    import subprocess
    import sys

    mapper = Path(sys.executable).with_name("mapper")
    if not mapper.exists():
        pytest.skip("mapper console script not installed next to this interpreter")
    proc = subprocess.run([sys.executable, str(SCORER), "extract", "seeds"], capture_output=True, text=True,
                          env={**os.environ, "MAPPER": str(mapper)}, cwd=SHARED.parent, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    figures = json.loads(proc.stdout[:proc.stdout.rindex("}") + 1])
    assert figures["toponym_f1"] >= 0.95
    assert figures["acc10"] >= 0.98
    assert figures["pubdate_acc"] == 1.0
    assert figures["foreign_leaks"] == 0
    assert figures["event_f1"] >= 0.85
