"""Shared fixtures for the territory-mapper test suite."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "mapper" / "samples"
EXPECTED = Path(__file__).resolve().parent / "data" / "samples_expected.json"


@pytest.fixture(scope="session")
def gaz():
    import gazetteer

    return gazetteer.load(include_user_dir=False)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """Never read or write the real user gazetteer folder during tests."""
    monkeypatch.setenv("TERRITORY_MAPPER_HOME", str(tmp_path_factory.getbasetemp() / "empty-home"))


@pytest.fixture
def no_chronology(monkeypatch):
    """Date undated articles against their batch only, not against the bundled chronology of the war
    (for tests of batch dating whose made-up stories the chronology would date by itself)."""
    monkeypatch.setenv("TERRITORY_MAPPER_CHRONOLOGY", "off")
